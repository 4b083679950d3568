"""The issued actas as a provider sees them: one extract per session that reviewed its
audits, each with the SHA-256 recorded when the acta was issued, and saving one to a file
that is then checked against that hash.

A provider's manager only ever sees its own provider's extracts; the office sees every
provider's (or one provider's, filtered).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from auditoria_calidad.domain.roles import Permission, Role
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.committee_minutes import provider_minutes_pdf, verify_minutes
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.reports import write_bytes
from auditoria_calidad.storage.models import (
    Audit,
    CommitteeSession,
    MinutesExtract,
    Provider,
    SessionAudit,
    SessionState,
)

__all__ = ["IssuedExtract", "SavedExtract", "issued_extracts", "save_extract"]


@dataclass(frozen=True)
class IssuedExtract:
    """One provider's extract of one issued acta."""

    session_id: int
    acta_number: str
    held_on: date
    issued_at: datetime | None
    provider_id: int
    provider: str
    audits: tuple[str, ...]  # that provider's audits the session reviewed
    sha256: str  # recorded at the issue

    @property
    def file_name(self) -> str:
        safe = "".join(c if c.isalnum() else "-" for c in self.provider).strip("-")
        return f"{self.acta_number}-extracto-{safe}.pdf"


@dataclass(frozen=True)
class SavedExtract:
    path: Path
    acta_number: str
    provider: str
    sha256: str  # of the file written, read back
    matches: bool  # equal to the hash recorded at the issue


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
    query = (
        select(
            CommitteeSession.id,
            CommitteeSession.acta_number,
            CommitteeSession.held_on,
            CommitteeSession.issued_at,
            Provider.id,
            Provider.name,
            MinutesExtract.sha256,
        )
        .join(MinutesExtract, MinutesExtract.session_id == CommitteeSession.id)
        .join(Provider, Provider.id == MinutesExtract.provider_id)
        .where(CommitteeSession.state == SessionState.ISSUED)
        .order_by(
            CommitteeSession.held_on.desc(), CommitteeSession.acta_number.desc(), Provider.name
        )
    )
    if provider_id is not None:
        query = query.where(MinutesExtract.provider_id == provider_id)
    with db.sessions() as session:
        rows = session.execute(query).all()
        audits: dict[tuple[int, int], list[str]] = {}
        if rows:
            reviewed = session.execute(
                select(SessionAudit.session_id, Audit.provider_id, Audit.number)
                .join(Audit, Audit.id == SessionAudit.audit_id)
                .where(SessionAudit.session_id.in_({r[0] for r in rows}))
                .order_by(Audit.number)
            )
            for session_id, owner, number in reviewed:
                audits.setdefault((session_id, owner), []).append(number)
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
