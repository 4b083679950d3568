"""Saving records read from a file: new ones added, unchanged ones skipped, changed ones
updated unless already evaluated (then reported as conflicts and left untouched).

A CRM export holds up to a few hundred thousand records, so the rows go to the database
with one ``executemany`` per chunk of a few thousand, keys already in the database are
fetched once, and everything stays inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from auditoria_calidad.domain.agent_names import agent_key, display_name
from auditoria_calidad.domain.collector import collector_paused
from auditoria_calidad.domain.fields import Channel, RecordData
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.storage.queries.administration import lock_provider
from auditoria_calidad.storage.queries.records import (
    BulkWriter,
    StoredKey,
    agent_aliases_of_provider,
    agent_names_of_provider,
    bulk_writer,
    channel_record_keys,
    channel_records_with_keys,
    count_channel_records,
    evaluated_channel_record_ids,
    insert_agents,
)

CHUNK = 5000

CONFLICT_REASON = (
    "El registro cambió en el archivo pero ya fue evaluado; se conservó la versión evaluada."
)


@dataclass
class StoreCounts:
    imported: int = 0
    unchanged: int = 0
    updated: int = 0
    conflicts: int = 0
    conflict_details: list[dict[str, str]] = field(default_factory=list)


@dataclass
class _Agents:
    """The provider's agents by folded name (their own names first, then merged ones)."""

    ids: dict[str, int] = field(default_factory=dict)  # folded name -> agent id
    names: dict[int, str] = field(default_factory=dict)  # agent id -> its name
    by_name: dict[str, int] = field(default_factory=dict)  # its name -> agent id
    merged_names: dict[int, list[str]] = field(default_factory=dict)


def _known_agents(session: Session, provider_id: int) -> _Agents:
    known = _Agents()
    for agent_id, name in agent_names_of_provider(session, provider_id):
        known.ids.setdefault(agent_key(name), agent_id)
        known.names[agent_id] = name
        known.by_name[name] = agent_id
    for agent_id, name, key in agent_aliases_of_provider(session, provider_id):
        known.ids.setdefault(key, agent_id)
        known.merged_names.setdefault(agent_id, []).append(name)
    return known


def _resolve_agents(
    session: Session,
    provider_id: int,
    source_file: str,
    records: Sequence[RecordData],
    known: _Agents,
    keys: dict[str, str],
    drain: Callable[[], None],
) -> _Agents:
    """Give every record its agent, by folded name, creating the agents not seen before.

    Spellings that differ only in case, accents, spaces or invisible characters are one
    agent, and so is a name merged into an agent earlier; a new agent is named by its
    first spelling in the file. Each record's ``agent`` becomes that agent's name, so a
    re-export that spells it another way is an unchanged record, not an updated one.
    ``keys`` (spelling → folded name) is kept from chunk to chunk; ``drain`` waits for
    the statements still running on the connection before new agents are inserted.
    """
    new: dict[str, str] = {}  # key -> first spelling, in file order
    for record in records:
        key = keys.get(record.agent)
        if key is None:
            key = keys[record.agent] = agent_key(record.agent)
            if not key:
                sheet = f", hoja «{record.source_sheet}»" if record.source_sheet else ""
                raise InvalidInput(
                    f"{source_file}{sheet}, fila {record.source_row or '?'}, columna "
                    "Funcionario responsable: el nombre del agente solo tiene caracteres "
                    "invisibles."
                )
            if key not in known.ids and key not in new:
                new[key] = display_name(record.agent)
    if new:
        drain()
        insert_agents(session, provider_id, new.values())
        known = _known_agents(session, provider_id)
    names, ids = known.names, known.ids
    named = {spelling: names[ids[key]] for spelling, key in keys.items()}  # a few dozen
    for record in records:
        name = named[record.agent]
        if name != record.agent:
            record.agent = name
            record.digest = None  # the content changed
    return known


def _same_content_under_merged_name(
    record: RecordData, agents: _Agents, agent_id: int, stored_digest: str
) -> bool:
    """Whether ``record`` was stored as it is, under a name since merged into its agent."""
    merged = agents.merged_names.get(agent_id)
    if not merged:
        return False
    name = record.agent
    try:
        for alias in merged:
            record.agent = alias
            if content_digest(record) == stored_digest:
                return True
        return False
    finally:
        record.agent = name


# Up to this many stored records of the provider's channel are fetched in one pass at the
# start; beyond it, each chunk's keys are looked up through the unique index.
_FETCH_ALL_UP_TO = 250_000


# The digest stored with each record, to tell an unchanged record on re-import.
content_digest: Callable[[RecordData], str] = RecordData.content_hash


def _content(record: RecordData, agent_id: int, digest: str) -> tuple[Any, ...]:
    """The record's values in the order of `RECORD_CONTENT_COLUMNS`."""
    rating = record.user_rating
    return (
        agent_id,
        record.received_at,
        record.answered_at,
        record.identity_number,
        record.requester_name,
        record.request_type,
        record.service,
        record.crm_registrations,
        record.request_text,
        record.answer_text,
        record.wait_seconds,
        record.registered_in_crm,
        None if rating is None else Decimal(str(rating)),
        digest,
        record.source_sheet,
        record.source_row,
    )


class RecordStore:
    """Inserts or updates the records of one batch, chunk by chunk, inside the caller's
    transaction (see `open_record_store`); ``counts`` says what came of them."""

    def __init__(
        self,
        session: Session,
        writer: BulkWriter,
        *,
        provider_id: int,
        channel: Channel,
        batch_id: int,
        source_file: str,
        expected: int = 0,
    ) -> None:
        self.counts = StoreCounts()
        self._session, self._writer = session, writer
        self._provider_id, self._channel = provider_id, Channel(channel)
        self._batch_id, self._source_file = batch_id, source_file
        self._now = datetime.now().replace(microsecond=0)
        lock_provider(session, provider_id)
        self._agents = _known_agents(session, provider_id)
        self._agent_keys: dict[str, str] = {}
        self._stored = count_channel_records(session, provider_id, self._channel)
        self._existing: dict[str, StoredKey] = {}
        self._fetched_all = self._stored <= max(_FETCH_ALL_UP_TO, 2 * expected)
        self._evaluated: set[int] = set()
        if self._stored:
            if self._fetched_all:
                self._existing = channel_record_keys(session, provider_id, self._channel)
            self._evaluated = evaluated_channel_record_ids(session, provider_id, self._channel)

    def add(self, records: Sequence[RecordData]) -> None:
        """Store ``records`` (keys unique among all the records of the batch)."""
        agents = self._agents = _resolve_agents(
            self._session,
            self._provider_id,
            self._source_file,
            records,
            self._agents,
            self._agent_keys,
            self._writer.drain,
        )
        existing = self._existing
        if self._stored and not self._fetched_all:
            self._writer.drain()
            existing = channel_records_with_keys(
                self._session, self._provider_id, self._channel, [r.key for r in records]
            )
        counts, evaluated, by_name = self.counts, self._evaluated, agents.by_name
        provider_id, channel, batch_id = self._provider_id, self._channel, self._batch_id
        source_file, now = self._source_file, self._now
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        for record in records:
            found = existing.get(record.key) if existing else None
            if found is None:  # a new record (most of them): `_content`, written out
                rating = record.user_rating
                inserts.append(
                    (
                        provider_id,
                        channel,
                        record.key,
                        batch_id,
                        source_file,
                        now,
                        by_name[record.agent],
                        record.received_at,
                        record.answered_at,
                        record.identity_number,
                        record.requester_name,
                        record.request_type,
                        record.service,
                        record.crm_registrations,
                        record.request_text,
                        record.answer_text,
                        record.wait_seconds,
                        record.registered_in_crm,
                        None if rating is None else Decimal(str(rating)),
                        record.digest or content_digest(record),
                        record.source_sheet,
                        record.source_row,
                    )
                )
                continue
            digest = record.digest or content_digest(record)
            agent_id = by_name[record.agent]
            if found[1] == digest or (
                found[2] == agent_id
                and _same_content_under_merged_name(record, agents, agent_id, found[1])
            ):
                counts.unchanged += 1
            elif found[0] in evaluated:
                counts.conflicts += 1
                counts.conflict_details.append(
                    {
                        "key": record.key,
                        "row": str(record.source_row or ""),
                        "reason": CONFLICT_REASON,
                    }
                )
            else:
                content = _content(record, agent_id, digest)
                updates.append((batch_id, source_file, now, *content, found[0]))
                counts.updated += 1
        counts.imported += len(inserts)
        self._writer.insert_records(inserts)
        self._writer.update_records(updates)


@contextmanager
def open_record_store(
    session: Session,
    *,
    provider_id: int,
    channel: Channel,
    batch_id: int,
    source_file: str,
    expected: int = 0,
) -> Iterator[RecordStore]:
    """A `RecordStore` on the session's connection; ``expected``: the records to come, if
    known."""
    with bulk_writer(session) as writer:
        yield RecordStore(
            session,
            writer,
            provider_id=provider_id,
            channel=channel,
            batch_id=batch_id,
            source_file=source_file,
            expected=expected,
        )


def store_records(
    session: Session,
    *,
    provider_id: int,
    channel: Channel,
    batch_id: int,
    source_file: str,
    records: Sequence[RecordData],
    progress: Callable[[int, int], None] | None = None,
) -> StoreCounts:
    """Insert or update ``records`` inside the caller's transaction.

    ``progress(done, total)`` is called every chunk; an exception it raises stops the
    work (the caller's transaction then rolls everything back).
    """
    total = len(records)
    with (
        collector_paused(),
        open_record_store(
            session,
            provider_id=provider_id,
            channel=channel,
            batch_id=batch_id,
            source_file=source_file,
            expected=total,
        ) as store,
    ):
        for start in range(0, total, CHUNK):
            store.add(records[start : start + CHUNK])
            if progress and start + CHUNK < total:
                progress(start + CHUNK, total)
    if progress:
        progress(total, total)
    return store.counts
