"""Saving records read from a file: new ones added, unchanged ones skipped, changed ones
updated unless already evaluated (then reported as conflicts and left untouched).

A CRM export holds up to a few hundred thousand records, so the rows go to the database
with one ``executemany`` per chunk of a few thousand, keys already in the database are
fetched once, and everything stays inside the caller's transaction.
"""

from __future__ import annotations

import gc
import itertools
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, DateTime, Table, func, insert, select
from sqlalchemy.orm import Session

from auditoria_calidad.domain.agent_names import agent_key, display_name
from auditoria_calidad.domain.fields import Channel, RecordData
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.storage.models import (
    Agent,
    AgentAlias,
    Evaluation,
    Provider,
    Record,
    SampleItem,
)

CHUNK = 5000
# Rows in one SQLite INSERT statement, at most (fewer when the values would pass the
# connection's limit of bound values per statement).
_ROWS_PER_STATEMENT = 2000
# SQLite page cache for the importing connection (negative: KiB). The default 2 MB makes
# every insert into the records' indexes read pages back from disk on a large file.
_SQLITE_IMPORT_CACHE_KIB = 32 * 1024

# The content columns, in the order `_content` returns them.
_CONTENT_COLUMNS = (
    "agent_id",
    "received_at",
    "answered_at",
    "identity_number",
    "requester_name",
    "request_type",
    "service",
    "crm_registrations",
    "request_text",
    "answer_text",
    "wait_seconds",
    "registered_in_crm",
    "user_rating",
    "content_hash",
    "source_sheet",
    "source_row",
)
_INSERT_COLUMNS = (
    "provider_id",
    "channel",
    "key",
    "batch_id",
    "source_file",
    "created_at",
    *_CONTENT_COLUMNS,
)
_UPDATE_COLUMNS = ("batch_id", "source_file", "updated_at", *_CONTENT_COLUMNS)

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


class BulkWriter:
    """Many-row INSERT and UPDATE statements on the caller's connection and transaction.

    Values are converted by each column's own SQLAlchemy type (so they are stored exactly
    as an ORM insert stores them) and sent a chunk at a time, without the per-row work of
    the ORM: on a 200,000-row file that is most of the database time.

    On SQLite a chunk goes as a few ``INSERT … VALUES (…), (…), …`` statements of about a
    thousand rows each rather than one ``executemany``: the sqlite3 module lets other
    threads run while a statement executes, and a statement per row would take the
    interpreter back after every row, so the thread reading the file and the one storing
    its records would mostly wait for each other.
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._dialect = connection.dialect
        self._mark = "?" if self._dialect.paramstyle == "qmark" else "%s"
        self._converters: dict[tuple[str, str], _Converter | None] = {}
        self._copy_cursor: Any = None
        self._sqlite_variables = 0  # bound values per statement (0: one row per statement)
        driver_connection: Any = connection.connection.driver_connection
        if self._dialect.name == "postgresql" and self._dialect.driver == "psycopg":
            self._copy_cursor = driver_connection.cursor()
        elif self._dialect.name == "sqlite":
            self._sqlite_variables = _sqlite_variable_limit(driver_connection)

    def insert(self, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """``INSERT INTO table (columns) VALUES …`` for ``rows`` (Python values).

        On PostgreSQL (psycopg) the rows go through ``COPY … FROM STDIN`` on the same
        connection and transaction: several times faster than a many-row INSERT there.
        """
        if not rows:
            return
        names = ", ".join(self._quote(c) for c in columns)
        converted = self._converted(table, columns, rows)
        if self._copy_cursor is not None:
            sql = f"COPY {self._quote(table.name)} ({names}) FROM STDIN"
            with self._copy_cursor.copy(sql) as copy:
                write_row = copy.write_row
                for row in converted:
                    write_row(row)
            return
        marks = "(" + ", ".join([self._mark] * len(columns)) + ")"
        sql = f"INSERT INTO {self._quote(table.name)} ({names}) VALUES "
        per_statement = min(self._sqlite_variables // len(columns), _ROWS_PER_STATEMENT)
        if per_statement < 2:
            self._connection.exec_driver_sql(sql + marks, converted)
            return
        # Statements of equal size (a chunk of 5,000 rows: 4 × 1,250), so that the
        # sqlite3 module prepares one statement and reuses it for every chunk.
        statements = -(-len(converted) // per_statement)
        size = -(-len(converted) // statements)
        execute = self._connection.exec_driver_sql
        for start in range(0, len(converted), size):
            part = converted[start : start + size]
            values = tuple(itertools.chain.from_iterable(part))
            execute(sql + ", ".join([marks] * len(part)), values)

    def update_by_id(
        self, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> None:
        """``UPDATE table SET columns… WHERE id = ?``: each row is (*values, id)."""
        if rows:
            sets = ", ".join(f"{self._quote(c)} = {self._mark}" for c in columns)
            sql = f"UPDATE {self._quote(table.name)} SET {sets} WHERE id = {self._mark}"
            self._connection.exec_driver_sql(sql, self._converted(table, [*columns, "id"], rows))

    def _quote(self, name: str) -> str:
        return str(self._dialect.identifier_preparer.quote(name))

    def _converter(self, table: Table, name: str) -> _Converter | None:
        key = (table.name, name)
        if key not in self._converters:
            column_type = table.c[name].type
            process = column_type.dialect_impl(self._dialect).bind_processor(self._dialect)
            self._converters[key] = (
                None if process is None else _Converter(column_type, self._dialect.name, process)
            )
        return self._converters[key]

    def _converted(
        self, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> list[tuple[Any, ...]]:
        converters = [
            (position, converter)
            for position, name in enumerate(columns)
            if (converter := self._converter(table, name)) is not None
        ]
        if not converters:
            return rows
        # Column by column: each converter runs over one column's values in a loop of its
        # own, and a column holding one value on every row is converted once.
        values: list[Sequence[Any]] = list(zip(*rows, strict=True))
        for position, converter in converters:
            values[position] = converter.column(values[position])
        return list(zip(*values, strict=True))


class _Converter:
    """One column's bind conversion, with two shortcuts that keep its exact output.

    A value repeated on every row (the batch, the channel, the import time) is converted
    once; and SQLite's DATETIME text, which SQLAlchemy formats with a ``%``-template
    (about 4 µs a value), is ``isoformat`` (a tenth of that) whenever a probe shows the
    two agree.
    """

    _PROBE = datetime(2001, 2, 3, 4, 5, 6, 7)

    def __init__(self, column_type: Any, dialect: str, process: Callable[[Any], Any]) -> None:
        self._process = process
        self._last_in: Any = None
        self._last_out: Any = None
        self._iso = (
            dialect == "sqlite"
            and isinstance(column_type, DateTime)
            and process(self._PROBE) == self._PROBE.isoformat(" ", "microseconds")
        )

    def __call__(self, value: Any) -> Any:
        if value is None:
            return None
        if value is self._last_in:
            return self._last_out
        if self._iso and type(value) is datetime and value.tzinfo is None:
            out = value.isoformat(" ", "microseconds")
        else:
            out = self._process(value)
        self._last_in, self._last_out = value, out
        return out

    def column(self, values: Sequence[Any]) -> Sequence[Any]:
        """The converted values of one column (the same object on every row: once)."""
        if not values:
            return values
        first = values[0]
        if len(set(map(id, values))) == 1:
            return (self(first),) * len(values)
        if self._iso:
            iso, naive = datetime.isoformat, datetime
            return [
                None if v is None
                else iso(v, " ", "microseconds") if type(v) is naive and v.tzinfo is None
                else self._process(v)
                for v in values
            ]  # fmt: skip
        return [None if v is None else self(v) for v in values]


def _sqlite_variable_limit(connection: Any) -> int:
    """How many values one statement of this sqlite3 connection may bind (999 on old
    SQLite builds, 32,766 since 3.32)."""
    try:
        return int(connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    except (AttributeError, sqlite3.Error):  # another driver, or a module without getlimit
        return 999


@contextmanager
def bulk_writer(session: Session) -> Iterator[BulkWriter]:
    """A `BulkWriter` on the session's connection (on SQLite, with a larger page cache)."""
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    previous_cache = None
    if sqlite:
        previous_cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        connection.exec_driver_sql(f"PRAGMA cache_size = -{_SQLITE_IMPORT_CACHE_KIB}")
    try:
        yield BulkWriter(connection)
    finally:
        if sqlite and previous_cache is not None:
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous_cache)}")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector around work that makes many acyclic objects.

    With a few hundred thousand records alive, each automatic collection walks all of them
    again; the loops here create no reference cycles.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@dataclass
class _Agents:
    """The provider's agents by folded name (their own names first, then merged ones)."""

    ids: dict[str, int] = field(default_factory=dict)  # folded name -> agent id
    names: dict[int, str] = field(default_factory=dict)  # agent id -> its name
    by_name: dict[str, int] = field(default_factory=dict)  # its name -> agent id
    merged_names: dict[int, list[str]] = field(default_factory=dict)


def _known_agents(session: Session, provider_id: int) -> _Agents:
    known = _Agents()
    for agent_id, name in session.execute(
        select(Agent.id, Agent.name).where(Agent.provider_id == provider_id).order_by(Agent.id)
    ):
        known.ids.setdefault(agent_key(name), agent_id)
        known.names[agent_id] = name
        known.by_name[name] = agent_id
    for agent_id, name, key in session.execute(
        select(AgentAlias.agent_id, AgentAlias.name, AgentAlias.name_key)
        .where(AgentAlias.provider_id == provider_id)
        .order_by(AgentAlias.id)
    ):
        known.ids.setdefault(key, agent_id)
        known.merged_names.setdefault(agent_id, []).append(name)
    return known


def _lock_provider(session: Session, provider_id: int) -> None:
    """Lock the provider's row (on PostgreSQL), so that two imports or a merge running at
    the same moment cannot create one agent twice."""
    session.execute(select(Provider.id).where(Provider.id == provider_id).with_for_update())


def _resolve_agents(
    session: Session,
    provider_id: int,
    source_file: str,
    records: Sequence[RecordData],
    known: _Agents,
    keys: dict[str, str],
) -> _Agents:
    """Give every record its agent, by folded name, creating the agents not seen before.

    Spellings that differ only in case, accents, spaces or invisible characters are one
    agent, and so is a name merged into an agent earlier; a new agent is named by its
    first spelling in the file. Each record's ``agent`` becomes that agent's name, so a
    re-export that spells it another way is an unchanged record, not an updated one.
    ``keys`` (spelling → folded name) is kept from chunk to chunk.
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
        session.execute(
            insert(Agent),
            [{"provider_id": provider_id, "name": name, "active": True} for name in new.values()],
        )
        known = _known_agents(session, provider_id)
    names, ids = known.names, known.ids
    for record in records:
        name = names[ids[keys[record.agent]]]
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


_KEYS_PER_QUERY = 1000
# Up to this many stored records of the provider's channel are fetched in one pass at the
# start; beyond it, each chunk's keys are looked up through the unique index.
_FETCH_ALL_UP_TO = 250_000


def _existing_for(
    session: Session, scope: tuple[Any, ...], keys: Sequence[str]
) -> dict[str, tuple[int, str, int]]:
    """Key → (id, content hash, agent id) of the stored records with these keys."""
    columns = select(Record.key, Record.id, Record.content_hash, Record.agent_id)
    ordered = sorted(set(keys))
    found: dict[str, tuple[int, str, int]] = {}
    for start in range(0, len(ordered), _KEYS_PER_QUERY):
        chunk = ordered[start : start + _KEYS_PER_QUERY]
        query = columns.where(*scope, Record.key.in_(chunk))
        found.update(
            (key, (rid, digest, agent)) for key, rid, digest, agent in session.execute(query)
        )
    return found


# The digest stored with each record, to tell an unchanged record on re-import.
content_digest: Callable[[RecordData], str] = RecordData.content_hash


def _content(record: RecordData, agent_id: int, digest: str) -> tuple[Any, ...]:
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
        _lock_provider(session, provider_id)
        self._agents = _known_agents(session, provider_id)
        self._agent_keys: dict[str, str] = {}
        self._scope = (Record.provider_id == provider_id, Record.channel == self._channel)
        stored = session.scalar(select(func.count()).select_from(Record).where(*self._scope))
        self._stored = stored or 0
        self._existing: dict[str, tuple[int, str, int]] = {}
        self._fetched_all = self._stored <= max(_FETCH_ALL_UP_TO, 2 * expected)
        self._evaluated: set[int] = set()
        if self._stored:
            if self._fetched_all:
                columns = select(Record.key, Record.id, Record.content_hash, Record.agent_id)
                self._existing = {
                    key: (rid, digest, agent)
                    for key, rid, digest, agent in session.execute(columns.where(*self._scope))
                }
            self._evaluated = set(
                session.scalars(
                    select(SampleItem.record_id)
                    .join(Evaluation, Evaluation.sample_item_id == SampleItem.id)
                    .join(Record, Record.id == SampleItem.record_id)
                    .where(*self._scope)
                )
            )
        table = Record.__table__
        assert isinstance(table, Table)
        self._table = table

    def add(self, records: Sequence[RecordData]) -> None:
        """Store ``records`` (keys unique among all the records of the batch)."""
        agents = self._agents = _resolve_agents(
            self._session,
            self._provider_id,
            self._source_file,
            records,
            self._agents,
            self._agent_keys,
        )
        existing = self._existing
        if self._stored and not self._fetched_all:
            existing = _existing_for(self._session, self._scope, [r.key for r in records])
        counts, evaluated, by_name = self.counts, self._evaluated, agents.by_name
        provider_id, channel, batch_id = self._provider_id, self._channel, self._batch_id
        source_file, now = self._source_file, self._now
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        for record in records:
            digest = record.digest or content_digest(record)
            found = existing.get(record.key) if existing else None
            agent_id = by_name[record.agent]
            if found is None:
                content = _content(record, agent_id, digest)
                inserts.append(
                    (provider_id, channel, record.key, batch_id, source_file, now, *content)
                )
                counts.imported += 1
            elif found[1] == digest or (
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
        self._writer.insert(self._table, _INSERT_COLUMNS, inserts)
        self._writer.update_by_id(self._table, _UPDATE_COLUMNS, updates)


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
