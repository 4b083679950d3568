"""Bulk statements run one chunk behind: order kept, errors raised, nothing left running."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from auditoria_calidad.storage.statements_behind import StatementsBehind


def test_work_runs_in_order_in_one_other_thread() -> None:
    behind = StatementsBehind()
    seen: list[tuple[int, str]] = []
    for number in range(5):
        behind.hand_over(lambda n=number: seen.append((n, threading.current_thread().name)))
    behind.close()
    assert [n for n, _thread in seen] == [0, 1, 2, 3, 4]
    assert {thread for _n, thread in seen} != {threading.current_thread().name}


def test_at_most_one_piece_of_work_is_in_flight() -> None:
    behind = StatementsBehind()
    running = []
    overlaps = []

    def work() -> None:
        running.append(1)
        overlaps.append(len(running))
        time.sleep(0.01)
        running.pop()

    for _ in range(4):
        behind.hand_over(work)
    behind.close()
    assert overlaps == [1, 1, 1, 1]


def test_an_error_is_raised_at_the_next_hand_over_or_drain() -> None:
    behind = StatementsBehind()

    def fail() -> None:
        raise sqlite3.IntegrityError("UNIQUE constraint failed: records.key")

    behind.hand_over(fail)
    with pytest.raises(sqlite3.IntegrityError):
        behind.hand_over(lambda: None)
    behind.hand_over(fail)
    with pytest.raises(sqlite3.IntegrityError):
        behind.drain()
    behind.close()


def test_close_quietly_waits_and_swallows_the_error() -> None:
    behind = StatementsBehind()
    finished = threading.Event()

    def slow_failure() -> None:
        time.sleep(0.05)
        finished.set()
        raise ValueError("late")

    behind.hand_over(slow_failure)
    behind.close(quietly=True)
    assert finished.is_set()


def test_a_failed_chunk_rolls_the_whole_bulk_load_back(tmp_path: Path) -> None:
    """The bulk writer's statements run behind, on the caller's connection and transaction:
    an error in a later chunk leaves none of the earlier chunks stored."""
    from sqlalchemy import Column, Integer, MetaData, String, Table
    from sqlalchemy.orm import Session

    from auditoria_calidad.storage.queries.records import bulk_writer

    engine = create_engine(f"sqlite:///{tmp_path / 'behind.db'}")
    metadata = MetaData()
    table = Table(
        "items", metadata, Column("id", Integer, primary_key=True), Column("name", String(20))
    )
    metadata.create_all(engine)
    with (
        pytest.raises(Exception, match="UNIQUE"),
        Session(engine) as session,
        session.begin(),
        bulk_writer(session) as writer,
    ):
        writer.insert(table, ("id", "name"), [(n, f"n{n}") for n in range(1, 3001)])
        writer.insert(table, ("id", "name"), [(n, f"again {n}") for n in range(3000, 3002)])
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM items").scalar() == 0
    engine.dispose()
