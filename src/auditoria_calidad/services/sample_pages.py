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

from sqlalchemy.orm import Session

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import load_audit
from auditoria_calidad.services.evaluations import EVALUATED, PENDING, SampleRow
from auditoria_calidad.storage.database import Database
from auditoria_calidad.storage.queries.sample_pages import (
    SampleListing,
    next_pending_in_list,
    sample_list_page,
    sample_list_position,
    sample_size_counts,
)

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


def _listing(session: Session, actor: Actor, query: SampleQuery) -> SampleListing:
    """``query`` limited to the audit's sample, with the audit's provider and channel."""
    audit = load_audit(session, actor, query.audit_id)
    return SampleListing(
        query.audit_id,
        audit.provider_id,
        audit.channel,
        str(query.sort),
        query.descending,
        query.pending_only,
        query.keep,
    )


def sample_counts(db: Database, actor: Actor, query: SampleQuery) -> SampleCounts:
    """How many rows ``query`` shows; the sample's size and how many are evaluated."""
    actor.require(Permission.EVALUATE)
    with db.sessions() as session:
        load_audit(session, actor, query.audit_id)
        rows, size, done = sample_size_counts(
            session, query.audit_id, pending_only=query.pending_only, keep=query.keep
        )
    return SampleCounts(rows, size, done)


def sample_page(
    db: Database, actor: Actor, query: SampleQuery, offset: int, limit: int = PAGE_SIZE
) -> list[SampleRow]:
    """Rows ``offset`` … ``offset + limit`` of ``query``'s order."""
    actor.require(Permission.EVALUATE)
    with db.sessions() as session:
        listing = _listing(session, actor, query)
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
                sample_list_page(session, listing, offset, limit)
            )
        ]


def sample_position(
    db: Database, actor: Actor, query: SampleQuery, sample_item_id: int
) -> int | None:
    """Where ``sample_item_id`` is in ``query``'s order (None: not shown)."""
    actor.require(Permission.EVALUATE)
    with db.sessions() as session:
        return sample_list_position(session, _listing(session, actor, query), sample_item_id)


def next_pending_row(
    db: Database, actor: Actor, query: SampleQuery, after: int
) -> tuple[int, int] | None:
    """(position, sample item id) of the first pending row after position ``after`` in
    ``query``'s order, wrapping to the start; None when nothing is pending."""
    actor.require(Permission.EVALUATE)
    with db.sessions() as session:
        return next_pending_in_list(session, _listing(session, actor, query), after)
