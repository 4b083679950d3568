"""Queries of the sampled-records list: counts, one page of rows in the chosen order, and
positions numbered by the database (a sample may hold 100,000 records)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.storage.models import Agent, Evaluation, Record, SampleItem

# The sort keys: one per column of the list.
SORT_KEY, SORT_AGENT, SORT_RECEIVED, SORT_STATE, SORT_SCORE = (
    "key",
    "agent",
    "received",
    "state",
    "score",
)


@dataclass(frozen=True)
class SampleListing:
    """Which rows of an audit's sample the list shows, and in what order. Naming the
    audit's provider and channel lets the database walk its records index in date order."""

    audit_id: int
    provider_id: int
    channel: Channel
    sort: str = SORT_RECEIVED
    descending: bool = False
    pending_only: bool = False
    keep: int | None = None  # shown even when evaluated (the record being edited)


SampleListRow = tuple[
    int, str, str, datetime, datetime | None, bool | None, Decimal | None, int | None
]


def _evaluated() -> Any:
    return case((Evaluation.complete.is_(True), 1), else_=0)


def _pending() -> Any:
    return or_(Evaluation.id.is_(None), Evaluation.complete.is_(False))


def _wanted(keep: int | None) -> Any:
    return _pending() if keep is None else or_(_pending(), SampleItem.id == keep)


def _scoped(listing: SampleListing, statement: Select[Any]) -> Select[Any]:
    """``statement`` limited to the audit's sample (and the filter)."""
    statement = (
        statement.select_from(SampleItem)
        .join(Record, Record.id == SampleItem.record_id)
        .outerjoin(Evaluation, Evaluation.sample_item_id == SampleItem.id)
        .where(
            SampleItem.audit_id == listing.audit_id,
            SampleItem.removed_at.is_(None),
            Record.provider_id == listing.provider_id,
            Record.channel == listing.channel,
        )
    )
    if listing.pending_only:
        statement = statement.where(_wanted(listing.keep))
    if listing.sort == SORT_AGENT:
        statement = statement.join(Agent, Agent.id == Record.agent_id)
    return statement


def _order(listing: SampleListing) -> list[Any]:
    column = {
        SORT_KEY: Record.key,
        SORT_AGENT: func.lower(Agent.name),
        SORT_RECEIVED: Record.received_at,
        # Evaluated before pending, as «evaluado» sorts before «pendiente».
        SORT_STATE: 1 - _evaluated(),
        SORT_SCORE: Evaluation.score,
    }[listing.sort]
    # Empty values first when ascending, last when descending, on every database.
    first = column.desc().nulls_last() if listing.descending else column.asc().nulls_first()
    tie = (Record.received_at, Record.id)
    return [first, *(c.desc() if listing.descending else c for c in tie)]


def sample_size_counts(
    session: Session, audit_id: int, *, pending_only: bool, keep: int | None
) -> tuple[int, int, int]:
    """(rows shown, sample size, evaluated) of the audit's sample (removed items excluded);
    rows shown counts only the pending ones (and ``keep``) when ``pending_only``."""
    base = (
        select(func.count(SampleItem.id), func.sum(_evaluated()))
        .select_from(SampleItem)
        .outerjoin(Evaluation, Evaluation.sample_item_id == SampleItem.id)
        .where(SampleItem.audit_id == audit_id, SampleItem.removed_at.is_(None))
    )
    size, done = session.execute(base).one()
    rows = size
    if pending_only:
        rows = session.scalar(
            base.with_only_columns(func.count(SampleItem.id)).where(_wanted(keep))
        )
    return int(rows or 0), int(size or 0), int(done or 0)


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


def sample_list_page(
    session: Session, listing: SampleListing, offset: int, limit: int
) -> list[SampleListRow]:
    """Rows ``offset`` … ``offset + limit`` of ``listing``'s order: (sample item id, key,
    agent, received at, answered at, evaluation complete, score, evaluation version)."""
    statement = _scoped(listing, select(*_row_columns()))
    if listing.sort != SORT_AGENT:
        statement = statement.join(Agent, Agent.id == Record.agent_id)
    statement = statement.order_by(*_order(listing)).offset(offset).limit(limit)
    return [
        (item_id, key, agent, received, answered, complete, score, version)
        for item_id, key, agent, received, answered, complete, score, version in (
            session.execute(statement)
        )
    ]


def _numbered(listing: SampleListing) -> Any:
    """(position, id, pending) of every row of ``listing``, as a subquery."""
    position = func.row_number().over(order_by=_order(listing)) - 1
    return _scoped(
        listing,
        select(
            position.label("position"),
            SampleItem.id.label("item_id"),
            case((_pending(), 1), else_=0).label("pending"),
        ),
    ).subquery()


def sample_list_position(
    session: Session, listing: SampleListing, sample_item_id: int
) -> int | None:
    """Where ``sample_item_id`` is in ``listing``'s order (None: not shown)."""
    numbered = _numbered(listing)
    return session.scalar(select(numbered.c.position).where(numbered.c.item_id == sample_item_id))


def next_pending_in_list(
    session: Session, listing: SampleListing, after: int
) -> tuple[int, int] | None:
    """(position, sample item id) of the first pending row after position ``after`` in
    ``listing``'s order, wrapping to the start; None when nothing is pending."""
    numbered = _numbered(listing)
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
