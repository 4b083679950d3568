"""Named column mappings: saved once, chosen again when a file brings the same headers.

A profile is recognised by the SHA-256 of the file's normalised header list (the
``headers_signature`` of the importer), so "N° Radicado" and "Nº radicado " are the same
header, and a reordered or renamed column makes a different file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.importing import ColumnMapping, headers_signature
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.services.import_dtos import ProfileInfo
from auditoria_calidad.storage.database import Database
from auditoria_calidad.storage.models import MappingProfile
from auditoria_calidad.storage.queries.mapping_profiles import (
    ProfileRow,
    newest_profile_for_signature,
    profile_named,
    profiles_by_name,
    profiles_named,
)

NAME_MAX = 200


def signature_of(headers: Sequence[str]) -> str:
    """SHA-256 (hex) of the normalised header list: equal for files a profile fits."""
    payload = json.dumps(headers_signature(headers), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _info(profile: MappingProfile, creator: str) -> ProfileInfo:
    return ProfileInfo(
        id=profile.id,
        name=profile.name,
        channel=profile.channel,
        signature=profile.headers_signature,
        mapping=ColumnMapping.from_dict(profile.mapping),
        created_by=creator,
        created_at=profile.created_at,
    )


def _infos(rows: list[ProfileRow]) -> list[ProfileInfo]:
    return [_info(profile, full or user) for profile, full, user in rows]


def profile_for_headers(
    session: Session, channel: Channel, headers: Sequence[str]
) -> ProfileInfo | None:
    """The profile saved for exactly these headers (the newest, when several)."""
    row = newest_profile_for_signature(session, Channel(channel), signature_of(headers))
    return None if row is None else _infos([row])[0]


def profile_by_name(session: Session, name: str) -> ProfileInfo:
    infos = _infos(profiles_named(session, " ".join(name.split())))
    if not infos:
        raise NotFound(f"No existe el perfil de correspondencia «{name.strip()}».")
    return infos[0]


def list_profiles(db: Database, actor: Actor, channel: Channel | None = None) -> list[ProfileInfo]:
    """Saved profiles (of one channel, when given), by name."""
    actor.require(Permission.IMPORT)
    with db.sessions() as session:
        return _infos(profiles_by_name(session, None if channel is None else Channel(channel)))


def get_profile(db: Database, actor: Actor, name: str) -> ProfileInfo:
    actor.require(Permission.IMPORT)
    with db.sessions() as session:
        return profile_by_name(session, name)


def find_profile(
    db: Database, actor: Actor, channel: Channel, headers: Sequence[str]
) -> ProfileInfo | None:
    """The profile chosen automatically for a file with ``headers``, if one was saved."""
    actor.require(Permission.IMPORT)
    with db.sessions() as session:
        return profile_for_headers(session, channel, headers)


def save_profile(
    db: Database,
    actor: Actor,
    name: str,
    channel: Channel,
    headers: Sequence[str],
    mapping: ColumnMapping,
    *,
    replace: bool = False,
) -> ProfileInfo:
    """Save ``mapping`` as the profile ``name`` for files with ``headers``.

    An existing profile of that name is refused unless ``replace`` (then it is rewritten
    and the change is logged).
    """
    actor.require(Permission.IMPORT)
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("Escriba un nombre para el perfil de correspondencia.")
    if len(name) > NAME_MAX:
        raise InvalidInput(f"El nombre del perfil admite hasta {NAME_MAX} caracteres.")
    width = len(headers)
    outside = [col.header for col in mapping.columns.values() if col.index >= width]
    if outside:
        raise InvalidInput(f"La columna «{outside[0]}» no está en el archivo.")
    channel = Channel(channel)
    data = mapping.to_dict()
    data["headers"] = list(headers)
    now = datetime.now().replace(microsecond=0)
    with db.transaction() as session:
        profile = profile_named(session, name)
        if profile is not None and not replace:
            raise InvalidInput(f"Ya existe un perfil de correspondencia llamado «{name}».")
        if profile is None:
            profile = MappingProfile(name=name, created_by=actor.id, created_at=now)
            session.add(profile)
            action = "create"
        else:
            action = "update"
        old = profile.mapping if action == "update" else None
        profile.channel = channel
        profile.headers_signature = signature_of(headers)
        profile.mapping = data
        profile.created_by = actor.id
        profile.created_at = now
        session.flush()
        log_event(
            session,
            actor,
            "mapping_profile",
            profile.id,
            action,
            field="mapping",
            old=old,
            new=data["columns"],
        )
        return _info(profile, actor.display_name)


def delete_profile(db: Database, actor: Actor, name: str) -> ProfileInfo:
    """Delete the profile ``name`` (logged); files with its headers are inferred again."""
    actor.require(Permission.IMPORT)
    with db.transaction() as session:
        info = profile_by_name(session, name)
        profile = session.get(MappingProfile, info.id)
        assert profile is not None
        old = profile.mapping.get("columns") if isinstance(profile.mapping, dict) else None
        session.delete(profile)
        session.flush()
        log_event(session, actor, "mapping_profile", info.id, "delete", field="mapping", old=old)
        return info
