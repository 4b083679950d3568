"""Queries of an audit's population and sample: the frozen population, the sample items,
the bulk inserts of a draw and the counts behind the sample plan."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, literal, select
from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.storage.models import (
    Agent,
    Evaluation,
    PopulationMember,
    Record,
    SampleItem,
    SampleOrigin,
    ScreeningResult,
)
from auditoria_calidad.storage.queries.audits import in_scope

# Rows per multi-row INSERT of sample items.
CHUNK = 1000


def population_rows(session: Session, audit_id: int) -> list[tuple[str, str, int]]:
    """(agent name, record key, record id) of every member of the audit's population."""
    rows = session.execute(
        select(Agent.name, Record.key, Record.id)
        .select_from(PopulationMember)
        .join(Record, Record.id == PopulationMember.record_id)
        .join(Agent, Agent.id == Record.agent_id)
        .where(PopulationMember.audit_id == audit_id)
    )
    return [(agent, key, record_id) for agent, key, record_id in rows]


def sample_items_with_keys(session: Session, audit_id: int) -> list[tuple[SampleItem, str]]:
    """Every sample item of the audit (removed ones too) with its record key, by id."""
    return [
        (item, key)
        for item, key in session.execute(
            select(SampleItem, Record.key)
            .join(Record, Record.id == SampleItem.record_id)
            .where(SampleItem.audit_id == audit_id)
            .order_by(SampleItem.id)
        )
    ]


def insert_sample_items(
    session: Session, rows: Sequence[dict[str, Any]], progress: Any = None
) -> None:
    """Insert sample items given as column → value dicts, ``CHUNK`` rows per statement;
    ``progress(done, total)`` after each chunk."""
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(SampleItem), rows[start : start + CHUNK])
        if progress:
            progress(min(start + CHUNK, len(rows)), len(rows))


def count_evaluated_items(session: Session, audit_id: int) -> int:
    """Evaluations (complete or not) of the audit's sample items, removed ones included."""
    return int(
        session.scalar(
            select(func.count(Evaluation.id))
            .join(SampleItem, SampleItem.id == Evaluation.sample_item_id)
            .where(SampleItem.audit_id == audit_id)
        )
        or 0
    )


def delete_sample_items(session: Session, audit_id: int) -> None:
    """Delete every sample item of the audit (before drawing it again)."""
    session.execute(delete(SampleItem).where(SampleItem.audit_id == audit_id))


def sample_item_of_record(session: Session, audit_id: int, record_id: int) -> SampleItem | None:
    """The audit's sample item of the record (removed or not), if any."""
    return session.scalar(
        select(SampleItem).where(SampleItem.audit_id == audit_id, SampleItem.record_id == record_id)
    )


def screened_population(session: Session, audit_id: int) -> list[tuple[int, list[Any], str]]:
    """(record id, alerts, record key) of the screening results of the audit's population."""
    rows = session.execute(
        select(ScreeningResult.record_id, ScreeningResult.alerts, Record.key)
        .join(Record, Record.id == ScreeningResult.record_id)
        .join(
            PopulationMember,
            (PopulationMember.record_id == ScreeningResult.record_id)
            & (PopulationMember.audit_id == ScreeningResult.audit_id),
        )
        .where(ScreeningResult.audit_id == audit_id)
    )
    return [(record_id, alerts, key) for record_id, alerts, key in rows]


def evaluation_id_of_item(session: Session, sample_item_id: int) -> int | None:
    """The id of the sample item's evaluation, or None when it was never evaluated."""
    return session.scalar(select(Evaluation.id).where(Evaluation.sample_item_id == sample_item_id))


def evaluation_complete_of_item(session: Session, sample_item_id: int) -> bool | None:
    """Whether the sample item's evaluation is complete (None: never evaluated)."""
    return session.scalar(
        select(Evaluation.complete).where(Evaluation.sample_item_id == sample_item_id)
    )


def add_scope_records_to_population(
    session: Session,
    audit_id: int,
    channel: Channel,
    provider_id: int,
    start: date,
    end: date,
    added_at: datetime,
) -> None:
    """Add to the audit's population, in one INSERT … SELECT, the records of its scope not
    yet in it."""
    members = select(PopulationMember.record_id).where(PopulationMember.audit_id == audit_id)
    scope = in_scope(channel, provider_id, start, end)
    session.execute(
        insert(PopulationMember).from_select(
            ["audit_id", "record_id", "added_at"],
            select(literal(audit_id), Record.id, literal(added_at)).where(
                scope, Record.id.not_in(members)
            ),
        )
    )


def sample_listing(
    session: Session, audit_id: int
) -> list[tuple[SampleItem, str, datetime, str, bool | None]]:
    """(item, record key, received at, agent, evaluation complete) of every sample item of
    the audit (removed ones too), by agent and key."""
    rows = session.execute(
        select(SampleItem, Record.key, Record.received_at, Agent.name, Evaluation.complete)
        .join(Record, Record.id == SampleItem.record_id)
        .join(Agent, Agent.id == Record.agent_id)
        .outerjoin(Evaluation, Evaluation.sample_item_id == SampleItem.id)
        .where(SampleItem.audit_id == audit_id)
        .order_by(Agent.name, Record.key)
    )
    return [(item, key, received, agent, complete) for item, key, received, agent, complete in rows]


def active_items_state(
    session: Session, audit_id: int
) -> list[tuple[str, SampleOrigin, bool | None]]:
    """(record key, origin, evaluation complete) of the audit's sample items not removed."""
    rows = session.execute(
        select(Record.key, SampleItem.origin, Evaluation.complete)
        .join(Record, Record.id == SampleItem.record_id)
        .outerjoin(Evaluation, Evaluation.sample_item_id == SampleItem.id)
        .where(SampleItem.audit_id == audit_id, SampleItem.removed_at.is_(None))
    )
    return [(key, origin, complete) for key, origin, complete in rows]


def directed_reasons(session: Session, audit_id: int) -> list[tuple[str | None, int]]:
    """(addition reason, items) of the audit's directed additions in the sample, by reason."""
    rows = session.execute(
        select(SampleItem.addition_reason, func.count())
        .where(
            SampleItem.audit_id == audit_id,
            SampleItem.removed_at.is_(None),
            SampleItem.origin == SampleOrigin.DIRECTED,
        )
        .group_by(SampleItem.addition_reason)
        .order_by(SampleItem.addition_reason)
    )
    return [(reason, int(n)) for reason, n in rows]


def unsampled_population_keys(session: Session, audit_id: int) -> list[str]:
    """Keys of the audit's population not in its sample now, in key order."""
    active = select(SampleItem.record_id).where(
        SampleItem.audit_id == audit_id, SampleItem.removed_at.is_(None)
    )
    return list(
        session.scalars(
            select(Record.key)
            .join(PopulationMember, PopulationMember.record_id == Record.id)
            .where(PopulationMember.audit_id == audit_id, Record.id.not_in(active))
            .order_by(Record.key)
        )
    )
