"""Queries of the audits: their scope and population, counts, numbers, state locks, the
evaluated records that feed the indicators, what keeps an audit from closing, and the
audit log that every use case writes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, insert, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from auditoria_calidad.domain.audit_lifecycle import AuditState
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.storage.models import (
    Agent,
    Audit,
    AuditLogEntry,
    Commitment,
    CommitmentState,
    CommitteeSession,
    Decision,
    Evaluation,
    Finding,
    PopulationMember,
    Provider,
    Record,
    SampleItem,
    SessionAudit,
    SessionState,
    User,
)

# --- Scope and population ----------------------------------------------------------------


def in_scope(channel: Channel, provider_id: int, start: date, end: date) -> ColumnElement[bool]:
    """Records of the channel and provider received between the inclusive dates.

    A condition, not a query: the sample's and the reports' queries combine it too.
    """
    return and_(
        Record.channel == channel,
        Record.provider_id == provider_id,
        Record.received_at >= datetime.combine(start, datetime.min.time()),
        Record.received_at < datetime.combine(end + timedelta(days=1), datetime.min.time()),
    )


def records_per_agent_in_scope(
    session: Session, channel: Channel, provider_id: int, start: date, end: date
) -> list[int]:
    """How many records of the scope each agent has (one number per agent, no order)."""
    return list(
        session.scalars(
            select(func.count(Record.id))
            .where(in_scope(channel, provider_id, start, end))
            .group_by(Record.agent_id)
        ).all()
    )


def count_records_in_scope(
    session: Session, channel: Channel, provider_id: int, start: date, end: date
) -> int:
    return (
        session.scalar(
            select(func.count(Record.id)).where(in_scope(channel, provider_id, start, end))
        )
        or 0
    )


def freeze_population(
    session: Session,
    audit_id: int,
    channel: Channel,
    provider_id: int,
    start: date,
    end: date,
    added_at: datetime,
) -> None:
    """Every record of the scope becomes a member of the audit's population (one INSERT)."""
    session.execute(
        insert(PopulationMember).from_select(
            ["audit_id", "record_id", "added_at"],
            select(literal(audit_id), Record.id, literal(added_at)).where(
                in_scope(channel, provider_id, start, end)
            ),
        )
    )


def population_sizes(session: Session, audit_ids: list[int]) -> dict[int, int]:
    """Population members of each audit (audits without members are left out)."""
    return dict(
        session.execute(
            select(PopulationMember.audit_id, func.count())
            .where(PopulationMember.audit_id.in_(audit_ids))
            .group_by(PopulationMember.audit_id)
        ).all()
    )


def sample_progress(session: Session, audit_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    """Per audit: (records in the sample now, complete evaluations, evaluations of any kind).

    One pass over the sample gives the three counts (one scan instead of three: on a sample
    of 100,000 records this is what opening a page costs).
    """
    return {
        audit_id: (sampled, complete, evaluations)
        for audit_id, sampled, evaluations, complete in session.execute(
            select(
                SampleItem.audit_id,
                func.count(),
                func.count(Evaluation.id),
                func.count(case((Evaluation.complete.is_(True), 1))),
            )
            .outerjoin(Evaluation, Evaluation.sample_item_id == SampleItem.id)
            .where(SampleItem.audit_id.in_(audit_ids), SampleItem.removed_at.is_(None))
            .group_by(SampleItem.audit_id)
        )
    }


# --- Audits ------------------------------------------------------------------------------


def first_overlapping_audit(
    session: Session, channel: Channel, provider_id: int, start: date, end: date
) -> Audit | None:
    """The first audit (not annulled) of the channel and provider whose period meets this one."""
    return session.scalar(
        select(Audit)
        .where(
            Audit.channel == channel,
            Audit.provider_id == provider_id,
            Audit.period_start <= end,
            Audit.period_end >= start,
            Audit.state != AuditState.ANNULLED,
        )
        .order_by(Audit.id)
        .limit(1)
    )


def audit_numbers_starting(session: Session, prefix: str) -> list[str]:
    return list(session.scalars(select(Audit.number).where(Audit.number.like(f"{prefix}%"))))


def audits_with_provider_names(
    session: Session, *, include_annulled: bool, provider_id: int | None
) -> list[tuple[Audit, str]]:
    """Audits with their provider's name, newest first; only ``provider_id``'s when given."""
    query = select(Audit, Provider.name).join(Provider, Provider.id == Audit.provider_id)
    if not include_annulled:
        query = query.where(Audit.state != AuditState.ANNULLED)
    if provider_id is not None:
        query = query.where(Audit.provider_id == provider_id)
    return list(session.execute(query.order_by(Audit.created_at.desc(), Audit.id.desc())).all())


def audit_by_number(session: Session, number: str) -> Audit | None:
    """The audit whose number is ``number``, ignoring case."""
    return session.scalar(select(Audit).where(func.upper(Audit.number) == number.upper()))


def locked_audit_state(session: Session, audit_id: int) -> AuditState | None:
    """The audit's state read again under a row lock (FOR UPDATE on PostgreSQL)."""
    return session.scalar(select(Audit.state).where(Audit.id == audit_id).with_for_update())


def lock_audit_row(session: Session, audit_id: int) -> None:
    """Lock the audit's row (FOR UPDATE on PostgreSQL) until the transaction ends."""
    session.execute(select(Audit.id).where(Audit.id == audit_id).with_for_update())


def agent_names_by_id(session: Session, agent_ids: Iterable[int]) -> dict[int, str]:
    return dict(session.execute(select(Agent.id, Agent.name).where(Agent.id.in_(agent_ids))).all())


# --- Indicators --------------------------------------------------------------------------


def complete_evaluations(session: Session, audit_id: int) -> list[tuple[Evaluation, Record, str]]:
    """Complete evaluations of the records in the audit's sample now, with the record and
    its agent's name, in record-key order."""
    return list(
        session.execute(
            select(Evaluation, Record, Agent.name)
            .join(SampleItem, SampleItem.id == Evaluation.sample_item_id)
            .join(Record, Record.id == SampleItem.record_id)
            .join(Agent, Agent.id == Record.agent_id)
            .where(
                SampleItem.audit_id == audit_id,
                SampleItem.removed_at.is_(None),
                Evaluation.complete.is_(True),
            )
            .order_by(Record.key)
        )
    )


# --- Sending and closing -----------------------------------------------------------------


def count_findings(session: Session, audit_id: int) -> int:
    return session.scalar(select(func.count()).where(Finding.audit_id == audit_id)) or 0


def committee_states_of_findings(session: Session, audit_id: int) -> list[Decision | None]:
    """The committee's decision on each finding of the audit (None: not decided yet)."""
    return list(
        session.scalars(select(Finding.committee_state).where(Finding.audit_id == audit_id))
    )


def count_open_commitments_of_audit(session: Session, audit_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                Commitment.audit_id == audit_id, Commitment.state == CommitmentState.OPEN
            )
        )
        or 0
    )


def count_draft_sessions_reviewing(session: Session, audit_id: int) -> int:
    """Committee sessions that review the audit and whose minutes are not issued yet."""
    return (
        session.scalar(
            select(func.count())
            .select_from(SessionAudit)
            .join(CommitteeSession, CommitteeSession.id == SessionAudit.session_id)
            .where(SessionAudit.audit_id == audit_id, CommitteeSession.state == SessionState.DRAFT)
        )
        or 0
    )


# --- The audit log -----------------------------------------------------------------------


def log_entries_of(session: Session, entity: str, entity_id: int) -> list[AuditLogEntry]:
    """Every log entry of one thing, oldest first."""
    return list(
        session.scalars(
            select(AuditLogEntry)
            .where(AuditLogEntry.entity == entity, AuditLogEntry.entity_id == entity_id)
            .order_by(AuditLogEntry.id)
        )
    )


def last_log_entry(
    session: Session, entity: str, entity_id: int | None, fields: Iterable[str] | None = None
) -> AuditLogEntry | None:
    """The newest log entry of ``entity`` (of its ``fields`` when given)."""
    query = select(AuditLogEntry).where(AuditLogEntry.entity == entity)
    query = query.where(
        AuditLogEntry.entity_id.is_(None)
        if entity_id is None
        else AuditLogEntry.entity_id == entity_id
    )
    if fields is not None:
        query = query.where(AuditLogEntry.field.in_(list(fields)))
    return session.scalar(query.order_by(AuditLogEntry.id.desc()).limit(1))


def user_names(session: Session, user_id: int) -> tuple[str | None, str] | None:
    """The user's (full name, user name), or None when there is no such user."""
    row = session.execute(select(User.full_name, User.username).where(User.id == user_id)).first()
    return None if row is None else (row[0], row[1])
