"""Test configuration shared by every test folder.

Qt runs offscreen (set here, before any Qt import). The `db_url` / `db` fixtures give each
test a fresh, migrated database on SQLite and, where a PostgreSQL server binary is
installed, on a real PostgreSQL server started for the test session.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from pg_server import PostgresServer, find_pg_bin

_pg_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the real user data folder or the developer's environment."""
    monkeypatch.setenv("AUDITORIA_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    for name in ("AUDITORIA_DB_URL", "AUDITORIA_USER", "AUDITORIA_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bin_dir = find_pg_bin()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail(
                "CI must run the PostgreSQL tests, but no PostgreSQL server binary was found"
            )
        pytest.skip(
            "PostgreSQL no está instalado (no se encontró pg_ctl): pruebas de PostgreSQL omitidas"
        )
    server = PostgresServer.start(bin_dir)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a new, empty database on each engine; a PostgreSQL one is dropped afterwards.

    Fixtures that open the URL (``db``) are torn down first, so their engines are disposed
    before the drop.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{(tmp_path / 'test.db').as_posix()}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"test_{os.getpid()}_{next(_pg_numbers)}"
    yield server.create_database(name)
    server.drop_database(name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'test.db').as_posix()}"


@pytest.fixture
def db(db_url: str):  # type: ignore[no-untyped-def]
    """An opened, migrated database on each engine."""
    from auditoria_calidad.services.connection import open_database

    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def admin(db):  # type: ignore[no-untyped-def]
    """The first administrator of a fresh database."""
    from auditoria_calidad.services.auth import create_first_admin

    return create_first_admin(db, "admin", "clave-segura-1", "Administradora de Pruebas")
