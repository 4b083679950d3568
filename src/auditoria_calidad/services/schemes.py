"""Scoring schemes as versioned rows: defaults loaded on first need, edits make new versions.

A scheme row is never changed after it is written (only its ``is_current`` flag moves), so
an audit that keeps its ``scheme_id`` is always scored and reported with the same rules.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.scheme import (
    SchemeError,
    ScoringScheme,
    load_default_scheme,
    scheme_fingerprint,
    scheme_from_dict,
    scheme_to_dict,
)
from auditoria_calidad.domain.timeliness import Clock, TimelinessError, WorkingCalendar
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.edit_conflicts import SavedVersion, StaleEdit
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.services.scheme_dtos import CalendarInput as CalendarInput
from auditoria_calidad.services.scheme_dtos import SchemeDetail as SchemeDetail
from auditoria_calidad.services.scheme_dtos import SchemeVersionInfo as SchemeVersionInfo
from auditoria_calidad.services.scheme_fields import scheme_fields
from auditoria_calidad.storage.models import ScoringScheme as SchemeRow
from auditoria_calidad.storage.queries.administration import user_display_names
from auditoria_calidad.storage.queries.schemes import (
    all_scheme_versions,
    channel_has_scheme,
    current_version_of_channel,
    highest_version_number,
    newest_version_of_scheme,
    retire_versions_of_scheme,
)

WEEKDAY_NAMES = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _info(row: SchemeRow, creator: str | None) -> SchemeVersionInfo:
    return SchemeVersionInfo(
        id=row.id,
        name=row.name,
        channel=row.channel,
        version=row.version,
        is_current=row.is_current,
        created_at=row.created_at,
        created_by=creator or "Sistema",
        criteria=len(row.definition.get("criteria", [])),
    )


def scheme_of(row: SchemeRow) -> ScoringScheme:
    """The domain scheme of a stored version (stored definitions were validated on save)."""
    return scheme_from_dict(row.definition)


def ensure_default_schemes(db: Database) -> None:
    """Store version 1 of the default scheme of every channel that has none (idempotent).

    Runs in its own transaction: when another user does the same at the same moment on a
    shared database, the unique (name, version) makes one insert fail, and that one simply
    uses the other's rows.
    """
    try:
        with db.transaction() as session:
            for channel in Channel:
                if channel_has_scheme(session, channel):
                    continue
                scheme = load_default_scheme(channel)
                session.add(
                    SchemeRow(
                        name=scheme.name,
                        channel=channel,
                        version=1,
                        definition=scheme_to_dict(scheme),
                        is_current=True,
                        created_by=None,
                        created_at=_now(),
                    )
                )
    except IntegrityError:
        pass


def current_scheme_row(session: Session, channel: Channel) -> SchemeRow:
    """The current version of the channel's scheme (call ``ensure_default_schemes`` first)."""
    row = current_version_of_channel(session, channel)
    if row is None:  # every version of the channel was retired by hand in the database
        raise NotFound(f"No hay un esquema de calificación vigente para el canal {channel.label}.")
    return row


def _creators(session: Session, rows: Iterable[SchemeRow]) -> dict[int, str]:
    return user_display_names(session, {r.created_by for r in rows if r.created_by})


def list_schemes(db: Database, actor: Actor) -> list[SchemeVersionInfo]:
    """Every version of every scheme: by channel and name, newest version first."""
    actor.require(Permission.READ_RECORDS)
    ensure_default_schemes(db)
    with db.sessions() as session:
        rows = all_scheme_versions(session)
        creators = _creators(session, rows)
        return [_info(r, creators.get(r.created_by or 0)) for r in rows]


def get_scheme(db: Database, actor: Actor, scheme_id: int) -> SchemeDetail:
    actor.require(Permission.READ_RECORDS)
    with db.sessions() as session:
        row = session.get(SchemeRow, scheme_id)
        if row is None:
            raise NotFound(f"No existe el esquema de calificación {scheme_id}.")
        return SchemeDetail(
            _info(row, _creators(session, [row]).get(row.created_by or 0)), scheme_of(row)
        )


def current_scheme(db: Database, actor: Actor, channel: Channel | str) -> SchemeDetail:
    """The version new audits of ``channel`` are created with."""
    actor.require(Permission.READ_RECORDS)
    ensure_default_schemes(db)
    with db.sessions() as session:
        row = current_scheme_row(session, Channel(channel))
        return SchemeDetail(
            _info(row, _creators(session, [row]).get(row.created_by or 0)), scheme_of(row)
        )


def scheme_conflict(session: Session, name: str) -> StaleEdit:
    """The refusal of an edit made on a version older than the newest one of ``name``."""
    row = newest_version_of_scheme(session, name)
    assert row is not None
    who = _creators(session, [row]).get(row.created_by or 0, "Otro usuario")
    fields = scheme_fields(scheme_to_dict(scheme_of(row)))
    return StaleEdit(
        f"la versión {row.version} del esquema «{name}»",
        SavedVersion(row.version, who, row.created_at, fields),
    )


def save_scheme_version(
    db: Database,
    actor: Actor,
    base_id: int,
    definition: Mapping[str, Any],
    *,
    expected_latest: int | None = None,
) -> SchemeDetail:
    """Validate an edited definition of version ``base_id`` and store it as a new version.

    The new version becomes the current one of its scheme; audits already created keep
    the version they were created with. Every problem of the definition is reported at once.
    ``expected_latest`` is the newest version number of the scheme the user saw when the
    edit began: when someone saved a newer one since, `StaleEdit` is raised and nothing is
    written (None: no check). Two saves at the same moment cannot both store the same
    version number (a unique key), so the second one is refused the same way.
    """
    actor.require(Permission.MANAGE_SCHEMES)
    try:
        return _save_scheme_version(db, actor, base_id, definition, expected_latest)
    except IntegrityError:
        with db.sessions() as session:
            base = session.get(SchemeRow, base_id)
            assert base is not None
            raise scheme_conflict(session, base.name) from None


def _save_scheme_version(
    db: Database,
    actor: Actor,
    base_id: int,
    definition: Mapping[str, Any],
    expected_latest: int | None,
) -> SchemeDetail:
    with db.transaction() as session:
        base = session.get(SchemeRow, base_id)
        if base is None:
            raise NotFound(f"No existe el esquema de calificación {base_id}.")
        latest = highest_version_number(session, base.name) or base.version
        if expected_latest is not None and latest != expected_latest:
            raise scheme_conflict(session, base.name)
        data = dict(definition)
        data["version"] = latest + 1
        try:
            scheme = scheme_from_dict(data)
        except SchemeError as exc:
            raise InvalidInput(str(exc)) from None
        if scheme.name != base.name:
            raise InvalidInput(
                f"El nombre del esquema no se cambia al editarlo: debe seguir siendo «{base.name}»."
            )
        if scheme.channel is not base.channel:
            raise InvalidInput(
                f"El canal del esquema no se cambia al editarlo: debe seguir siendo "
                f"{base.channel.label}."
            )
        old = scheme_of(base)
        if scheme_fingerprint(scheme) == scheme_fingerprint(_with_version(old, scheme.version)):
            raise InvalidInput(
                f"No hay cambios que guardar: la definición es igual a la versión {base.version}."
            )
        retire_versions_of_scheme(session, base.name)
        row = SchemeRow(
            name=scheme.name,
            channel=scheme.channel,
            version=scheme.version,
            definition=scheme_to_dict(scheme),
            is_current=True,
            created_by=actor.id or None,
            created_at=_now(),
        )
        session.add(row)
        session.flush()
        log_event(
            session,
            actor,
            "scoring_scheme",
            row.id,
            "new_version",
            field="definition",
            old=scheme_to_dict(old),
            new=row.definition,
        )
        return SchemeDetail(_info(row, actor.display_name), scheme)


def _with_version(scheme: ScoringScheme, version: int) -> ScoringScheme:
    data = scheme_to_dict(scheme)
    data["version"] = version
    return scheme_from_dict(data)


def set_working_calendar(
    db: Database,
    actor: Actor,
    base_id: int,
    calendar: CalendarInput,
    *,
    expected_latest: int | None = None,
) -> SchemeDetail:
    """Save ``calendar`` (and the clock) into a new version of the scheme ``base_id``."""
    actor.require(Permission.MANAGE_SCHEMES)
    try:
        checked = WorkingCalendar(
            weekdays=frozenset(calendar.weekdays),
            start=calendar.start,
            end=calendar.end,
            extra_holidays=calendar.extra_holidays,
        )
    except TimelinessError as exc:
        raise InvalidInput(str(exc)) from None
    detail = get_scheme(db, actor, base_id)
    data = copy.deepcopy(detail.definition())
    country = detail.scheme.thresholds.calendar.country
    data["thresholds"]["calendar"] = WorkingCalendar(
        checked.weekdays, checked.start, checked.end, country, checked.extra_holidays
    ).to_dict()
    data["thresholds"]["clock"] = Clock(calendar.clock).value
    return save_scheme_version(db, actor, base_id, data, expected_latest=expected_latest)
