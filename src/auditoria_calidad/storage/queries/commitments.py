"""Queries of the Comité's commitments and of the acta extracts issued to each provider."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditoria_calidad.storage.models import (
    Audit,
    Commitment,
    CommitmentState,
    CommitteeSession,
    Finding,
    MinutesExtract,
    Provider,
    SessionAudit,
    SessionState,
)

# One provider's extract of one issued acta: session id, acta number, held on, issued at,
# provider id, provider name, SHA-256 recorded at the issue.
ExtractRow = tuple[int, str, date, datetime | None, int, str, str]


# --- Commitments --------------------------------------------------------------------------


def commitments_newest_session_first(
    session: Session, state: CommitmentState | None = None
) -> list[Commitment]:
    """Every commitment (in ``state`` when given), newest session first, then by id."""
    query = select(Commitment)
    if state is not None:
        query = query.where(Commitment.state == state)
    return list(session.scalars(query.order_by(Commitment.session_id.desc(), Commitment.id)))


def acta_numbers(session: Session) -> dict[int, str]:
    """Every committee session's acta number, by session id."""
    return dict(session.execute(select(CommitteeSession.id, CommitteeSession.acta_number)).all())


def audits_by_id(session: Session, audit_ids: Collection[int]) -> dict[int, Audit]:
    """The audits, by id; no query for no audits."""
    if not audit_ids:
        return {}
    return {a.id: a for a in session.scalars(select(Audit).where(Audit.id.in_(audit_ids)))}


def finding_numbers(session: Session, finding_ids: Collection[int]) -> dict[int, int | None]:
    """Each finding's number in its audit, by finding id; no query for no findings."""
    if not finding_ids:
        return {}
    return dict(
        session.execute(select(Finding.id, Finding.number).where(Finding.id.in_(finding_ids))).all()
    )


# --- Extracts of the issued actas ---------------------------------------------------------


def issued_extract_rows(session: Session, provider_id: int | None = None) -> list[ExtractRow]:
    """The extracts of every issued acta (of one provider when given), newest session
    first, then by acta number (descending) and provider name."""
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
    return list(session.execute(query).all())


def reviewed_audit_numbers(
    session: Session, session_ids: Collection[int]
) -> dict[tuple[int, int], list[str]]:
    """The numbers of the audits each session reviewed, by (session id, provider id), in
    number order."""
    audits: dict[tuple[int, int], list[str]] = {}
    reviewed = session.execute(
        select(SessionAudit.session_id, Audit.provider_id, Audit.number)
        .join(Audit, Audit.id == SessionAudit.audit_id)
        .where(SessionAudit.session_id.in_(session_ids))
        .order_by(Audit.number)
    )
    for session_id, owner, number in reviewed:
        audits.setdefault((session_id, owner), []).append(number)
    return audits
