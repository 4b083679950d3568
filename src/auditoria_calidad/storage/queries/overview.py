"""Queries of the welcome page, «Mis pendientes» and the status bar: how much the database
holds, what waits for a decision, and a cheap fingerprint of the shared data."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from auditoria_calidad.domain.audit_lifecycle import AuditState
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.storage.models import (
    Attendee,
    Audit,
    AuditLogEntry,
    Commitment,
    CommitteeDecision,
    CommitteeSession,
    Evaluation,
    Finding,
    ImportBatch,
    Provider,
    ProviderAnswer,
    Record,
    SessionAudit,
    SessionState,
    User,
)

# --- What the database holds -------------------------------------------------------------


def count_records(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Record)) or 0)


def count_audits(session: Session) -> int:
    """Audits of any state, annulled ones included."""
    return int(session.scalar(select(func.count()).select_from(Audit)) or 0)


def visible_totals(
    session: Session,
    *,
    own_provider: bool,
    provider_id: int | None,
    audit_states: Collection[AuditState] | None,
) -> tuple[int, int, int, int, int]:
    """(providers, virtual records, chat records, import batches, audits).

    With ``own_provider``, only what belongs to ``provider_id``. Audits: those in
    ``audit_states`` when given, else every one not annulled.
    """

    def scoped(query: Select[Any], column: Any) -> Select[Any]:
        return query.where(column == provider_id) if own_provider else query

    def count(query: Select[Any], column: Any) -> int:
        return int(session.scalar(scoped(query, column)) or 0)

    def records(channel: Channel) -> int:
        query = select(func.count()).select_from(Record).where(Record.channel == channel)
        return count(query, Record.provider_id)

    providers = count(select(func.count()).select_from(Provider), Provider.id)
    batches = count(select(func.count()).select_from(ImportBatch), ImportBatch.provider_id)
    audit_query = select(func.count()).select_from(Audit)
    if audit_states is not None:
        audit_query = audit_query.where(Audit.state.in_(audit_states))
    else:
        audit_query = audit_query.where(Audit.state != AuditState.ANNULLED)
    audits = count(audit_query, Audit.provider_id)
    return providers, records(Channel.VIRTUAL), records(Channel.CHAT), batches, audits


# --- What waits for the committee --------------------------------------------------------


def answered_undecided_findings(
    session: Session, audit_states: Collection[AuditState]
) -> dict[int, int]:
    """Per audit in ``audit_states``: findings with a submitted answer and no decision."""
    return dict(
        session.execute(
            select(Audit.id, func.count(Finding.id))
            .join(Finding, Finding.audit_id == Audit.id)
            .join(ProviderAnswer, ProviderAnswer.finding_id == Finding.id)
            .where(
                Audit.state.in_(audit_states),
                ProviderAnswer.submitted_at.is_not(None),
                Finding.committee_state.is_(None),
            )
            .group_by(Audit.id)
        ).all()
    )


def open_session_of_audits(session: Session, audit_ids: list[int]) -> dict[int, int]:
    """Per audit: the newest committee session still in draft that reviews it."""
    return dict(
        session.execute(
            select(SessionAudit.audit_id, func.max(CommitteeSession.id))
            .join(CommitteeSession, CommitteeSession.id == SessionAudit.session_id)
            .where(
                CommitteeSession.state == SessionState.DRAFT,
                SessionAudit.audit_id.in_(audit_ids),
            )
            .group_by(SessionAudit.audit_id)
        ).all()
    )


# --- The fingerprint of the shared data --------------------------------------------------


def data_fingerprint(session: Session) -> list[int]:
    """The newest audit-log id, then counts and version sums of the tables the pages show
    (a few aggregate queries, milliseconds)."""
    closed = Commitment.closed_at.is_not(None)
    parts = (
        select(func.coalesce(func.max(AuditLogEntry.id), 0)),
        select(func.count(), func.coalesce(func.sum(Audit.version), 0)).select_from(Audit),
        select(func.count(), func.coalesce(func.sum(Evaluation.version), 0)).select_from(
            Evaluation
        ),
        select(func.count(), func.coalesce(func.sum(ProviderAnswer.version), 0)).select_from(
            ProviderAnswer
        ),
        select(func.count()).select_from(Finding),
        select(func.count(), func.coalesce(func.max(CommitteeDecision.id), 0)).select_from(
            CommitteeDecision
        ),
        select(func.count()).select_from(CommitteeSession),
        select(func.count()).select_from(Attendee),
        select(func.count(), func.count().filter(closed)).select_from(Commitment),
        select(func.coalesce(func.max(ImportBatch.id), 0)).select_from(ImportBatch),
        select(func.count()).select_from(Provider),
        select(func.count()).select_from(User),
    )
    values: list[int] = []
    for part in parts:
        row = session.execute(part).one()
        values.extend(int(v or 0) for v in row)
    return values


def count_log_entries_of_others(session: Session, after: int, upto: int, user_id: int) -> int:
    """Log entries with ``after`` < id ≤ ``upto`` written by another user (or by nobody)."""
    return (
        session.scalar(
            select(func.count())
            .select_from(AuditLogEntry)
            .where(
                AuditLogEntry.id > after,
                AuditLogEntry.id <= upto,
                or_(AuditLogEntry.user_id.is_(None), AuditLogEntry.user_id != user_id),
            )
        )
        or 0
    )
