"""Imports larger than one chunk: records are stored while the file is read, yet the import
stays all or nothing (strict refusal, a database failure midway, cancellation)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from audit_data import user
from auditoria_calidad.demo.export_files import write_crm_export_csv
from auditoria_calidad.demo.generator import generate_month
from auditoria_calidad.domain.fields import Channel, RecordData
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.importing.pipeline import SINK_CHUNK
from auditoria_calidad.services import administration, imports
from auditoria_calidad.services.imports import ImportCancelled, ImportRequest, RejectedRowsFound
from auditoria_calidad.storage.models import Agent, ImportBatch, Record
from auditoria_calidad.storage.models import RejectedRow as StoredRejectedRow

PROVIDER = "Contacto Total S.A.S."
ROWS = 2 * SINK_CHUNK + 2000


@pytest.fixture(scope="module")
def month():  # type: ignore[no-untyped-def]
    return generate_month(7, virtual_count=60, chat_count=10, agent_count=4)


@pytest.fixture
def auditor(db, admin):  # type: ignore[no-untyped-def]
    administration.add_provider(db, admin, PROVIDER)
    return user(db, admin, Role.AUDITOR)


def many(month, n: int = ROWS) -> list[RecordData]:  # type: ignore[no-untyped-def]
    base = month.virtual
    return [replace(base[i % len(base)], key=f"BIG-{i:06d}", extra={}) for i in range(n)]


def request(path: Path, **options) -> ImportRequest:  # type: ignore[no-untyped-def]
    return ImportRequest(path=path, channel=Channel.VIRTUAL, provider=PROVIDER, **options)


def stored_counts(db) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    """(batches, records, rejected rows, agents) in the database."""
    with db.sessions() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (ImportBatch, Record, StoredRejectedRow, Agent)
        )


def test_a_strict_import_of_several_chunks_with_one_rejected_row_stores_nothing(
    db, auditor, month, tmp_path
) -> None:
    records = many(month)
    bad = ROWS - 500  # in the last chunk: the chunks before it were already handed over
    records[bad] = replace(records[bad], agent="")
    path = write_crm_export_csv(records, tmp_path / "estricto.csv", channel=Channel.VIRTUAL)
    with pytest.raises(RejectedRowsFound) as refused:
        imports.run_import(db, auditor, request(path, strict=True))
    assert [r.row for r in refused.value.summary.rejected_rows] == [bad + 2]  # header: row 1
    assert stored_counts(db) == (0, 0, 0, 0)
    # Without --strict the same file is imported, less the rejected row.
    summary = imports.run_import(db, auditor, request(path))
    assert (summary.imported, summary.rejected) == (ROWS - 1, 1)
    assert stored_counts(db)[:3] == (1, ROWS - 1, 1)


def _refuse_key(db, key: str) -> None:  # type: ignore[no-untyped-def]
    """A database rule that refuses one record: the failure comes from the database."""
    with db.engine.begin() as connection:
        if db.backend == "sqlite":
            connection.execute(
                text(
                    "CREATE TRIGGER refuse_one BEFORE INSERT ON records "
                    f"WHEN NEW.key = '{key}' BEGIN SELECT RAISE(ABORT, 'registro refused'); END"
                )
            )
        else:
            connection.execute(
                text(
                    "CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN "
                    f"IF NEW.key = '{key}' THEN RAISE EXCEPTION 'registro refused'; END IF; "
                    "RETURN NEW; END $$ LANGUAGE plpgsql"
                )
            )
            connection.execute(
                text(
                    "CREATE TRIGGER refuse_one BEFORE INSERT ON records "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_one()"
                )
            )


def _allow_all(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.begin() as connection:
        connection.execute(
            text("DROP TRIGGER refuse_one" + ("" if db.backend == "sqlite" else " ON records"))
        )


def test_a_database_failure_in_the_second_chunk_leaves_nothing_stored(
    db, auditor, month, tmp_path
) -> None:
    path = write_crm_export_csv(many(month), tmp_path / "falla.csv", channel=Channel.VIRTUAL)
    _refuse_key(db, f"BIG-{SINK_CHUNK + 10:06d}")  # the first chunk is stored before it
    with pytest.raises(Exception, match="registro refused"):
        imports.run_import(db, auditor, request(path))
    assert stored_counts(db) == (0, 0, 0, 0)
    _allow_all(db)
    # Nothing was left locked or half-open: the same file imports whole now.
    summary = imports.run_import(db, auditor, request(path))
    assert summary.imported == ROWS
    assert stored_counts(db)[:2] == (1, ROWS)


def test_an_import_cancelled_after_chunks_were_stored_leaves_nothing(
    db, auditor, month, tmp_path
) -> None:
    path = write_crm_export_csv(many(month), tmp_path / "cancelada.csv", channel=Channel.VIRTUAL)
    read: list[int] = []

    def progress(done: int, total: int) -> None:
        read.append(done)

    def cancelled() -> bool:  # after two chunks were handed to the writer
        return bool(read) and read[-1] >= 2 * SINK_CHUNK + 1000

    with pytest.raises(ImportCancelled):
        imports.run_import(db, auditor, request(path), progress=progress, cancelled=cancelled)
    assert stored_counts(db) == (0, 0, 0, 0)
