"""Records and rejected rows of an import: the bulk statements that store them, the
stored keys and digests an import compares against, and the provider's agents.

A CRM export holds up to a few hundred thousand records, so the rows go to the database
a chunk at a time through a `BulkWriter` (many-row INSERTs on SQLite, ``COPY`` on
PostgreSQL), on the caller's connection and inside the caller's transaction.
"""

from __future__ import annotations

import functools
import itertools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Integer, String, Table, func, insert, select
from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.storage.models import (
    Agent,
    AgentAlias,
    Evaluation,
    Record,
    SampleItem,
)
from auditoria_calidad.storage.models import RejectedRow as StoredRejectedRow
from auditoria_calidad.storage.statements_behind import StatementsBehind

# Rows in one SQLite INSERT statement, at most (fewer when the values would pass the
# connection's limit of bound values per statement).
_ROWS_PER_STATEMENT = 2000
# SQLite page cache for the importing connection (negative: KiB). The default 2 MB makes
# every insert into the records' indexes read pages back from disk on a large file.
_SQLITE_IMPORT_CACHE_KIB = 32 * 1024

# The content columns of a record, in the order the tuples given to `insert_records` and
# `update_records` hold them after their leading columns.
RECORD_CONTENT_COLUMNS = (
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
# A new record: (provider_id, channel, key, batch_id, source_file, created_at, *content).
RECORD_INSERT_COLUMNS = (
    "provider_id",
    "channel",
    "key",
    "batch_id",
    "source_file",
    "created_at",
    *RECORD_CONTENT_COLUMNS,
)
# A changed record: (batch_id, source_file, updated_at, *content, id).
RECORD_UPDATE_COLUMNS = ("batch_id", "source_file", "updated_at", *RECORD_CONTENT_COLUMNS)
# A rejected row: (batch_id, sheet, row_number, column, reason, cells).
REJECTED_ROW_COLUMNS = ("batch_id", "sheet", "row_number", "column", "reason", "cells")


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


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

    The statements of a chunk run in a thread of their own (`StatementsBehind`) while the
    caller prepares the next chunk; call `drain` before running any other statement on
    the connection, and `close` at the end (`bulk_writer` does).
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._dialect = connection.dialect
        self._mark = "?" if self._dialect.paramstyle == "qmark" else "%s"
        self._converters: dict[tuple[str, str], _Converter | None] = {}
        self._copy_cursor: Any = None
        self._sqlite_variables = 0  # bound values per statement (0: one row per statement)
        self._behind = StatementsBehind()
        driver_connection: Any = connection.connection.driver_connection
        if self._dialect.name == "postgresql" and self._dialect.driver == "psycopg":
            self._copy_cursor = driver_connection.cursor()
        elif self._dialect.name == "sqlite":
            self._sqlite_variables = _sqlite_variable_limit(driver_connection)

    def insert_records(self, rows: list[tuple[Any, ...]]) -> None:
        """New records, each a tuple in the order of `RECORD_INSERT_COLUMNS`."""
        self.insert(_table(Record), RECORD_INSERT_COLUMNS, rows)

    def update_records(self, rows: list[tuple[Any, ...]]) -> None:
        """Changed records, each a tuple in the order of `RECORD_UPDATE_COLUMNS`, then id."""
        self.update_by_id(_table(Record), RECORD_UPDATE_COLUMNS, rows)

    def insert_rejected_rows(self, rows: list[tuple[Any, ...]]) -> None:
        """Rejected rows, each a tuple in the order of `REJECTED_ROW_COLUMNS`."""
        self.insert(_table(StoredRejectedRow), REJECTED_ROW_COLUMNS, rows)

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
            self._behind.hand_over(functools.partial(self._copy, sql, converted))
            return
        marks = "(" + ", ".join([self._mark] * len(columns)) + ")"
        sql = f"INSERT INTO {self._quote(table.name)} ({names}) VALUES "
        per_statement = min(self._sqlite_variables // len(columns), _ROWS_PER_STATEMENT)
        if per_statement < 2:
            self._behind.hand_over(functools.partial(self._execute, [(sql + marks, converted)]))
            return
        # Statements of equal size (a chunk of 5,000 rows: 4 × 1,250), so that the
        # sqlite3 module prepares one statement and reuses it for every chunk.
        count = -(-len(converted) // per_statement)
        size = -(-len(converted) // count)
        statements = []
        for start in range(0, len(converted), size):
            part = converted[start : start + size]
            values = tuple(itertools.chain.from_iterable(part))
            statements.append((sql + ", ".join([marks] * len(part)), values))
        self._behind.hand_over(functools.partial(self._execute, statements))

    def drain(self) -> None:
        """Wait until the statements handed to the statements' thread have run (raising
        their error, if any): before any other statement on the connection."""
        self._behind.drain()

    def close(self, *, quietly: bool = False) -> None:
        """`drain` and end the statements' thread (``quietly``: without raising)."""
        self._behind.close(quietly=quietly)

    def _execute(self, statements: list[tuple[str, Any]]) -> None:
        execute = self._connection.exec_driver_sql
        for sql, values in statements:
            execute(sql, values)

    def _copy(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self._copy_cursor.copy(sql) as copy:
            write_row = copy.write_row
            for row in rows:
                write_row(row)

    def update_by_id(
        self, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> None:
        """``UPDATE table SET columns… WHERE id = ?``: each row is (*values, id)."""
        if rows:
            self.drain()
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
    writer = BulkWriter(connection)
    try:
        yield writer
    except BaseException:
        writer.close(quietly=True)
        raise
    else:
        writer.close()
    finally:
        if sqlite and previous_cache is not None:
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous_cache)}")


def record_value_limits() -> tuple[list[tuple[str, int]], list[str]]:
    """The record's text fields with their maximum length (from the columns that hold
    them, the agent's name included as ``agent``) and its 32-bit integer fields."""
    table = _table(Record)
    texts = []
    integers = []
    for name in ("key", "identity_number", "requester_name", "request_type", "service"):
        column_type = table.c[name].type
        if isinstance(column_type, String) and column_type.length:
            texts.append((name, column_type.length))
    agent_type = _table(Agent).c["name"].type
    if isinstance(agent_type, String) and agent_type.length:
        texts.append(("agent", agent_type.length))
    for name in ("crm_registrations", "wait_seconds"):
        if isinstance(table.c[name].type, Integer):
            integers.append(name)
    return texts, integers


# --- The provider's agents -----------------------------------------------------------------


def agent_names_of_provider(session: Session, provider_id: int) -> list[tuple[int, str]]:
    """(id, name) of the provider's agents, in the order they were created."""
    query = select(Agent.id, Agent.name).where(Agent.provider_id == provider_id)
    return [(agent_id, name) for agent_id, name in session.execute(query.order_by(Agent.id))]


def agent_aliases_of_provider(session: Session, provider_id: int) -> list[tuple[int, str, str]]:
    """(agent id, merged name, its folded key) of the names merged into the provider's
    agents, in the order they were merged."""
    query = (
        select(AgentAlias.agent_id, AgentAlias.name, AgentAlias.name_key)
        .where(AgentAlias.provider_id == provider_id)
        .order_by(AgentAlias.id)
    )
    return [(agent_id, name, key) for agent_id, name, key in session.execute(query)]


def insert_agents(session: Session, provider_id: int, names: Iterable[str]) -> None:
    """New active agents of the provider, one statement for all of them."""
    session.execute(
        insert(Agent),
        [{"provider_id": provider_id, "name": name, "active": True} for name in names],
    )


# --- Stored records of a provider's channel ------------------------------------------------

_KEYS_PER_QUERY = 1000

StoredKey = tuple[int, str, int]  # a stored record's id, content hash and agent id


def _in_scope(provider_id: int, channel: Channel) -> tuple[Any, ...]:
    return (Record.provider_id == provider_id, Record.channel == channel)


def count_channel_records(session: Session, provider_id: int, channel: Channel) -> int:
    """How many records of the provider's channel are stored."""
    query = select(func.count()).select_from(Record).where(*_in_scope(provider_id, channel))
    return session.scalar(query) or 0


def channel_record_keys(
    session: Session, provider_id: int, channel: Channel
) -> dict[str, StoredKey]:
    """Key → (id, content hash, agent id) of every stored record of the provider's channel."""
    query = select(Record.key, Record.id, Record.content_hash, Record.agent_id).where(
        *_in_scope(provider_id, channel)
    )
    return {key: (rid, digest, agent) for key, rid, digest, agent in session.execute(query)}


def channel_records_with_keys(
    session: Session, provider_id: int, channel: Channel, keys: Sequence[str]
) -> dict[str, StoredKey]:
    """Key → (id, content hash, agent id) of the stored records with these keys (looked up
    a thousand keys a query, through the unique index)."""
    columns = select(Record.key, Record.id, Record.content_hash, Record.agent_id)
    scope = _in_scope(provider_id, channel)
    ordered = sorted(set(keys))
    found: dict[str, StoredKey] = {}
    for start in range(0, len(ordered), _KEYS_PER_QUERY):
        chunk = ordered[start : start + _KEYS_PER_QUERY]
        query = columns.where(*scope, Record.key.in_(chunk))
        found.update(
            (key, (rid, digest, agent)) for key, rid, digest, agent in session.execute(query)
        )
    return found


def evaluated_channel_record_ids(session: Session, provider_id: int, channel: Channel) -> set[int]:
    """Ids of the provider's channel records that have an evaluation."""
    query = (
        select(SampleItem.record_id)
        .join(Evaluation, Evaluation.sample_item_id == SampleItem.id)
        .join(Record, Record.id == SampleItem.record_id)
        .where(*_in_scope(provider_id, channel))
    )
    return set(session.scalars(query))
