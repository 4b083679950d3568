"""The issued actas as a provider sees them: one extract per session that reviewed its
audits, each with the SHA-256 recorded when the acta was issued, and saving one to a file
that is then checked against that hash.

A provider's manager only ever sees its own provider's extracts; the office sees every
provider's (or one provider's, filtered).
"""

from __future__ import annotations

from pathlib import Path

from auditoria_calidad.domain.roles import Permission, Role
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.commitment_dtos import IssuedExtract, SavedExtract
from auditoria_calidad.services.committee_minutes import provider_minutes_pdf, verify_minutes
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.reports import write_bytes
from auditoria_calidad.storage.queries.commitments import (
    issued_extract_rows,
    reviewed_audit_numbers,
)

__all__ = ["IssuedExtract", "SavedExtract", "issued_extracts", "save_extract"]


def issued_extracts(
    db: Database, actor: Actor, provider_id: int | None = None
) -> list[IssuedExtract]:
    """The extracts of every issued acta, newest session first; a provider's manager gets
    only its own provider's."""
    actor.require(Permission.READ_FINDINGS)
    if actor.role is Role.PROVIDER_MANAGER:
        if actor.provider_id is None:
            return []
        if provider_id is not None:
            actor.require_provider(provider_id)
        provider_id = actor.provider_id
    with db.sessions() as session:
        rows = issued_extract_rows(session, provider_id)
        audits = reviewed_audit_numbers(session, {r[0] for r in rows}) if rows else {}
    return [
        IssuedExtract(
            session_id=sid,
            acta_number=acta,
            held_on=held_on,
            issued_at=issued_at,
            provider_id=pid,
            provider=name,
            audits=tuple(audits.get((sid, pid), ())),
            sha256=sha256,
        )
        for sid, acta, held_on, issued_at, pid, name, sha256 in rows
    ]


def save_extract(
    db: Database, actor: Actor, session_id: int, provider_id: int, path: str | Path
) -> SavedExtract:
    """Write the stored extract to ``path`` (whole or not at all), then read the file back
    and compare it with the hash recorded at the issue."""
    target = Path(path)
    data = provider_minutes_pdf(db, actor, session_id, provider_id)
    try:
        write_bytes(data, target)
    except OSError as exc:
        raise InvalidInput(
            f"No se pudo escribir {target}: {exc.strerror or exc}. Elija otra carpeta."
        ) from exc
    check = verify_minutes(db, actor, session_id, target, provider_id)
    return SavedExtract(target, check.acta_number, check.provider, check.file_sha256, check.matches)
