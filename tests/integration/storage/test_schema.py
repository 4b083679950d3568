"""The schema: migrations, constraints and guarantees, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.storage.database import head_revision
from auditoria_calidad.storage.models import AuditLogEntry, Provider, User, full_metadata

EXPECTED_TABLES = {
    "providers",
    "agents",
    "users",
    "import_batches",
    "mapping_profiles",
    "records",
    "rejected_rows",
    "scoring_schemes",
    "audits",
    "population_members",
    "sample_items",
    "evaluations",
    "findings",
    "provider_answers",
    "committee_sessions",
    "session_audits",
    "attendees",
    "committee_decisions",
    "commitments",
    "audit_log",
    "settings",
}


def test_opening_a_new_database_migrates_it_to_head(db) -> None:
    assert set(db.table_names()) >= EXPECTED_TABLES
    assert db.is_migrated()
    with db.engine.connect() as conn:
        assert (
            conn.execute(text("select version_num from alembic_version")).scalar()
            == head_revision()
        )


def test_models_and_migrations_describe_the_same_schema(db) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), full_metadata())
    assert diff == []


def test_audit_log_refuses_updates_and_deletes(db) -> None:
    with db.transaction() as session:
        session.add(AuditLogEntry(at=datetime(2026, 1, 1), username="x", entity="e", action="a"))
    for statement in ("update audit_log set action = 'b'", "delete from audit_log"):
        with pytest.raises(DBAPIError), db.engine.begin() as conn:
            conn.execute(text(statement))
    with db.engine.connect() as conn:
        assert conn.execute(text("select action from audit_log")).scalars().all() == ["a"]


def test_foreign_keys_are_enforced(db) -> None:
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.add(
            User(
                username="g",
                full_name="G",
                role=Role.PROVIDER_MANAGER,
                provider_id=999,
                password_hash="x",
                active=True,
                created_at=datetime(2026, 1, 1),
            )
        )


def test_sqlite_runs_in_wal_mode(sqlite_url: str) -> None:
    from auditoria_calidad.services.connection import open_database

    database = open_database(sqlite_url)
    with database.engine.connect() as conn:
        assert conn.execute(text("pragma journal_mode")).scalar() == "wal"
        assert conn.execute(text("pragma foreign_keys")).scalar() == 1
    database.close()


def test_roles_outside_the_list_are_refused_by_the_database(db) -> None:
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(
            text(
                "insert into users (username, full_name, role, password_hash, active, created_at) "
                "values ('x', 'x', 'superuser', 'h', true, '2026-01-01')"
            )
        )


def test_version_column_detects_a_concurrent_edit(db) -> None:
    """Two sessions load the same audit row; the second writer is refused."""
    from decimal import Decimal

    from auditoria_calidad.domain.fields import Channel
    from auditoria_calidad.storage.models import Audit, AuditState, ScoringScheme

    now = datetime(2026, 1, 1)
    with db.transaction() as s:
        provider = Provider(name="P", target_score=Decimal(90), active=True, created_at=now)
        user = User(
            username="u",
            full_name="U",
            role=Role.AUDITOR,
            password_hash="h",
            active=True,
            created_at=now,
        )
        scheme = ScoringScheme(
            name="virtual",
            channel=Channel.VIRTUAL,
            version=1,
            definition={},
            is_current=True,
            created_at=now,
        )
        s.add_all([provider, user, scheme])
        s.flush()
        audit = Audit(
            number="A-1",
            channel=Channel.VIRTUAL,
            provider_id=provider.id,
            period_start=now.date(),
            period_end=now.date(),
            state=AuditState.DRAFT,
            scheme_id=scheme.id,
            target_score=Decimal(90),
            created_by=user.id,
            created_at=now,
        )
        s.add(audit)
        s.flush()
        audit_id = audit.id
    first, second = db.sessions(), db.sessions()
    a1, a2 = first.get(Audit, audit_id), second.get(Audit, audit_id)
    a1.conclusions = "primera"
    first.commit()
    a2.conclusions = "segunda"
    with pytest.raises(StaleDataError):
        second.commit()
    first.close()
    second.close()


def test_a_new_sqlite_file_has_large_pages_and_an_old_one_keeps_its_own(tmp_path) -> None:
    import sqlite3

    from auditoria_calidad.services.connection import open_database
    from auditoria_calidad.storage.database import SQLITE_PAGE_SIZE

    new = tmp_path / "nueva.db"
    open_database(f"sqlite:///{new}").close()
    assert sqlite3.connect(new).execute("PRAGMA page_size").fetchone()[0] == SQLITE_PAGE_SIZE

    old = tmp_path / "antigua.db"
    with sqlite3.connect(old) as made:  # a file made before: 4 KiB pages, WAL
        made.execute("PRAGMA page_size=4096")
        made.execute("PRAGMA journal_mode=WAL")
        made.execute("CREATE TABLE anterior (x INTEGER)")
    open_database(f"sqlite:///{old}").close()
    assert sqlite3.connect(old).execute("PRAGMA page_size").fetchone()[0] == 4096


def test_a_bulk_transaction_commits_and_leaves_the_checkpoint_to_the_background(
    sqlite_url: str,
) -> None:
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from auditoria_calidad.services.connection import open_database

    database = open_database(sqlite_url)
    with database.bulk_transaction() as session:
        session.execute(text("CREATE TABLE carga (x TEXT)"))
        session.execute(text("INSERT INTO carga VALUES (:x)"), [{"x": "y" * 500}] * 5000)
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -16_384
    database.wait_for_checkpoints()
    # Committed, readable from any connection, and every pooled connection checkpoints again.
    connections = [database.engine.connect() for _ in range(3)]
    try:
        for conn in connections:
            assert conn.execute(text("SELECT count(*) FROM carga")).scalar() == 5000
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -2000
    finally:
        for conn in connections:
            conn.close()
    # The background checkpoint copied the log into the file.
    with database.engine.connect() as conn:
        busy, log, copied = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
        assert busy == 0 and log == copied
    database.close()
    path = Path(make_url(sqlite_url).database or "")
    assert not Path(f"{path}-wal").exists()


def test_a_failed_bulk_transaction_stores_nothing(sqlite_url: str) -> None:
    from auditoria_calidad.services.connection import open_database

    database = open_database(sqlite_url)
    with database.transaction() as session:
        session.execute(text("CREATE TABLE carga (x TEXT)"))
    with pytest.raises(RuntimeError), database.bulk_transaction() as session:
        session.execute(text("INSERT INTO carga VALUES ('a')"))
        raise RuntimeError("falla a mitad de la carga")
    with database.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM carga")).scalar() == 0
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    database.close()
