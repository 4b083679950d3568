"""Saving records read from a file: new ones added, unchanged ones skipped, changed ones
updated unless already evaluated (then reported as conflicts and left untouched)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel, RecordData
from auditoria_calidad.storage.models import Agent, Evaluation, Record, SampleItem

CHUNK = 2000


@dataclass
class StoreCounts:
    imported: int = 0
    unchanged: int = 0
    updated: int = 0
    conflicts: int = 0
    conflict_details: list[dict[str, str]] = field(default_factory=list)


def _agent_ids(session: Session, provider_id: int, names: Iterable[str]) -> dict[str, int]:
    existing = dict(
        session.execute(select(Agent.name, Agent.id).where(Agent.provider_id == provider_id)).all()
    )
    missing = sorted(set(names) - set(existing))
    for name in missing:
        agent = Agent(provider_id=provider_id, name=name, active=True)
        session.add(agent)
        session.flush()
        existing[name] = agent.id
    return existing


def _row(record: RecordData, agent_id: int) -> dict[str, object]:
    return {
        "agent_id": agent_id,
        "received_at": record.received_at,
        "answered_at": record.answered_at,
        "identity_number": record.identity_number,
        "requester_name": record.requester_name,
        "request_type": record.request_type,
        "service": record.service,
        "crm_registrations": record.crm_registrations,
        "request_text": record.request_text,
        "answer_text": record.answer_text,
        "wait_seconds": record.wait_seconds,
        "registered_in_crm": record.registered_in_crm,
        "user_rating": None if record.user_rating is None else Decimal(str(record.user_rating)),
        "content_hash": record.content_hash(),
        "source_sheet": record.source_sheet,
        "source_row": record.source_row,
    }


def store_records(
    session: Session,
    *,
    provider_id: int,
    channel: Channel,
    batch_id: int,
    source_file: str,
    records: list[RecordData],
    progress: Callable[[int, int], None] | None = None,
) -> StoreCounts:
    """Insert or update ``records`` inside the caller's transaction."""
    counts = StoreCounts()
    now = datetime.now().replace(microsecond=0)
    # Agent names in NFC, so that "José" typed two ways is one agent (and one stratum).
    for record in records:
        record.agent = unicodedata.normalize("NFC", record.agent.strip())
    agents = _agent_ids(session, provider_id, {r.agent for r in records})
    existing: dict[str, tuple[int, str]] = {
        key: (rid, digest)
        for key, rid, digest in session.execute(
            select(Record.key, Record.id, Record.content_hash).where(
                Record.provider_id == provider_id, Record.channel == channel
            )
        )
    }
    evaluated: set[int] = set(
        session.scalars(
            select(SampleItem.record_id)
            .join(Evaluation, Evaluation.sample_item_id == SampleItem.id)
            .join(Record, Record.id == SampleItem.record_id)
            .where(Record.provider_id == provider_id, Record.channel == channel)
        )
    )
    inserts: list[dict[str, object]] = []
    total = len(records)
    for index, record in enumerate(records, start=1):
        row = _row(record, agents[record.agent])
        found = existing.get(record.key)
        if found is None:
            row.update(
                provider_id=provider_id,
                channel=channel,
                key=record.key,
                batch_id=batch_id,
                source_file=source_file,
                created_at=now,
            )
            inserts.append(row)
            counts.imported += 1
        elif found[1] == row["content_hash"]:
            counts.unchanged += 1
        elif found[0] in evaluated:
            counts.conflicts += 1
            counts.conflict_details.append(
                {
                    "key": record.key,
                    "row": str(record.source_row or ""),
                    "reason": "El registro cambió en el archivo pero ya fue evaluado; "
                    "se conservó la versión evaluada.",
                }
            )
        else:
            row.update(batch_id=batch_id, source_file=source_file, updated_at=now)
            session.execute(update(Record).where(Record.id == found[0]).values(**row))
            counts.updated += 1
        if len(inserts) >= CHUNK:
            session.execute(insert(Record), inserts)
            inserts.clear()
        if progress and index % CHUNK == 0:
            progress(index, total)
    if inserts:
        session.execute(insert(Record), inserts)
    if progress:
        progress(total, total)
    return counts
