"""The sampled records of an audit, read a page at a time for the list beside the form.

A sample may hold 100,000 records; the list never loads them whole. The database counts,
filters («solo pendientes») and sorts; the list asks for the page of rows it shows
(offset, limit). In the default order (date of receipt) the database walks its records
index, so the first page of a huge sample comes at once. Finding where a record is, or
the next pending one beyond the pages read, numbers the rows in the database.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import load_audit
from auditoria_calidad.services.evaluations import EVALUATED, PENDING, SampleRow
from auditoria_calidad.storage.database import Database
from auditoria_calidad.storage.models import Agent, Evaluation, Record, SampleItem

PAGE_SIZE = 200


class SampleSort(enum.StrEnum):
    """What the list is sorted by (one per column of the list)."""

    KEY = "key"
    AGENT = "agent"
    RECEIVED = "received"
    STATE = "state"
    SCORE = "score"


@dataclass(frozen=True)
class SampleQuery:
    audit_id: int
    sort: SampleSort = SampleSort.RECEIVED
    descending: bool = False
    pending_only: bool = False
    keep: int | None = None  # shown even when evaluated (the record being edited)


@dataclass(frozen=True)
class SampleCounts:
    """Rows the query shows, and the whole sample's size and evaluated records."""

    rows: int
    sample_size: int
    evaluated: int


def _evaluated() -> Any:
    return case((Evaluation.complete.is_(True), 1), else_=0)


def _pending() -> Any:
    return or_(Evaluation.id.is_(None), Evaluation.complete.is_(False))


def _scoped(
    session: Session, actor: Actor, query: SampleQuery, statement: Select[Any]
) -> Select[Any]:
    """``statement`` limited to the audit's sample (and the filter). Naming the audit's
    provider and channel lets the database walk its records index in date order."""
    audit = load_audit(session, actor, query.audit_id)
    statement = (
        statement.select_from(SampleItem)
        .join(Record, Record.id == SampleItem.record_id)
        .outerjoin(Evaluation, Evaluation.sample_item_id == SampleItem.id)
        .where(
            SampleItem.audit_id == query.audit_id,
            SampleItem.removed_at.is_(None),
            Record.provider_id == audit.provider_id,
            Record.channel == audit.channel,
        )
    )
    if query.pending_only:
        wanted = _pending() if query.keep is None else or_(_pending(), SampleItem.id == query.keep)
        statement = statement.where(wanted)
    if query.sort is SampleSort.AGENT:
        statement = statement.join(Agent, Agent.id == Record.agent_id)
    return statement


def _order(query: SampleQuery) -> list[Any]:
    column = {
        SampleSort.KEY: Record.key,
        SampleSort.AGENT: func.lower(Agent.name),
        SampleSort.RECEIVED: Record.received_at,
        # Evaluated before pending, as «evaluado» sorts before «pendiente».
        SampleSort.STATE: 1 - _evaluated(),
        SampleSort.SCORE: Evaluation.score,
    }[query.sort]
    # Empty values first when ascending, last when descending, on every database.
    first = column.desc().nulls_last() if query.descending else column.asc().nulls_first()
    tie = (Record.received_at, Record.id)
    return [first, *(c.desc() if query.descending else c for c in tie)]


def sample_counts(db: Database, actor: Actor, query: SampleQuery) -> SampleCounts:
    """How many rows ``query`` shows; the sample's size and how many are evaluated."""
    actor.require(Permission.EVALUATE)
    with db.sessions() as session:
        load_audit(session, actor, query.audit_id)
        base = (
            select(func.count(SampleItem.id), func.sum(_evaluated()))
            .select_from(SampleItem)
            .outerjoin(Evaluation, Evaluation.sample_item_id == SampleItem.id)
            .where(SampleItem.audit_id == query.audit_id, SampleItem.removed_at.is_(None))
        )
        size, done = session.execute(base).one()
        rows = size
        if query.pending_only:
            pending = (
                _pending() if query.keep is None else or_(_pending(), SampleItem.id == query.keep)
            )
            rows = session.scalar(base.with_only_columns(func.count(SampleItem.id)).where(pending))
    return SampleCounts(int(rows or 0), int(size or 0), int(done or 0))


def _row_columns() -> tuple[Any, ...]:
    return (
        SampleItem.id,
        Record.key,
        Agent.name,
        Record.received_at,
        Record.answered_at,
        Evaluation.complete,
        Evaluation.score,
        Evaluation.version,
    )


def sample_page(
    db: Database, actor: Actor, query: SampleQuery, offset: int, limit: int = PAGE_SIZE
) -> list[SampleRow]:
    """Rows ``offset`` … ``offset + limit`` of ``query``'s order."""
    actor.require(Permission.EVALUATE)
    with db.sessions() as session:
        statement = _scoped(session, actor, query, select(*_row_columns()))
        if query.sort is not SampleSort.AGENT:
            statement = statement.join(Agent, Agent.id == Record.agent_id)
        statement = statement.order_by(*_order(query)).offset(offset).limit(limit)
        return [
            SampleRow(
                item_id,
                key,
                agent,
                received,
                answered,
                EVALUATED if complete else PENDING,
                score,
                version,
            )
            for item_id, key, agent, received, answered, complete, score, version in (
                session.execute(statement)
            )
        ]


def _numbered(session: Session, actor: Actor, query: SampleQuery) -> Any:
    """(position, id, pending) of every row of ``query``, as a subquery."""
    position = func.row_number().over(order_by=_order(query)) - 1
    return _scoped(
        session,
        actor,
        query,
        select(
            position.label("position"),
            SampleItem.id.label("item_id"),
            case((_pending(), 1), else_=0).label("pending"),
        ),
    ).subquery()


def sample_position(
    db: Database, actor: Actor, query: SampleQuery, sample_item_id: int
) -> int | None:
    """Where ``sample_item_id`` is in ``query``'s order (None: not shown)."""
    actor.require(Permission.EVALUATE)
    with db.sessions() as session:
        numbered = _numbered(session, actor, query)
        return session.scalar(
            select(numbered.c.position).where(numbered.c.item_id == sample_item_id)
        )


def next_pending_row(
    db: Database, actor: Actor, query: SampleQuery, after: int
) -> tuple[int, int] | None:
    """(position, sample item id) of the first pending row after position ``after`` in
    ``query``'s order, wrapping to the start; None when nothing is pending."""
    actor.require(Permission.EVALUATE)
    with db.sessions() as session:
        numbered = _numbered(session, actor, query)
        pending = select(numbered.c.position, numbered.c.item_id).where(
            numbered.c.pending == 1, numbered.c.position != after
        )
        found = (
            session.execute(
                pending.where(numbered.c.position > after).order_by(numbered.c.position).limit(1)
            ).first()
            or session.execute(pending.order_by(numbered.c.position).limit(1)).first()
        )
        return None if found is None else (int(found[0]), int(found[1]))
