"""Engine, sessions and migration to head, for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from auditoria_calidad.storage.faults import DatabaseError, fault_of, newer

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["Database", "DatabaseError", "head_revision", "make_engine", "upgrade_to_head"]

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=]*=\s*['\"]([^'\"]+)['\"]", re.M)


@functools.cache
def known_revisions() -> tuple[str, ...]:
    """Every migration in migrations/versions, oldest first (the last is the head), read
    from the scripts' `revision` / `down_revision` lines: opening a database already at
    head needs no Alembic. tests/integration/storage/test_revisions.py checks it against
    Alembic's own reading of the scripts."""
    parent: dict[str, str | None] = {}
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(match.groups() for match in _REVISION_LINE.finditer(script.read_text()))
        if "revision" in found:
            parent[found["revision"]] = found.get("down_revision")
    children = {down: rev for rev, down in parent.items()}
    chain: list[str] = []
    current = children.get(None)
    while current is not None:
        chain.append(current)
        current = children.get(current)
    return tuple(chain)


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs that name no driver."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"La dirección de base de datos no es válida: «{url}».") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


# Pages of 16 KiB for a new SQLite file (an existing file keeps its own): a record holds
# about 1,5 KB of request and answer text, so 4 KiB pages (the default) store two records
# and leave a quarter empty; the file is about a quarter smaller and imports write less.
SQLITE_PAGE_SIZE = 16_384
_WAL_AUTOCHECKPOINT_PAGES = 1000  # SQLite's default
_DEFAULT_CACHE_KIB = 2000  # SQLite's default page cache (KiB)
# The page cache of a bulk load: the indexes of a few hundred thousand records (the one
# by date takes its rows in no order) stay in memory instead of being read back from the
# log page by page; measured, a quarter less of SQLite's work for 200,000 records.
_BULK_CACHE_KIB = 16_384
_NO_AUTOCHECKPOINT = "no_autocheckpoint"  # connection info: restore the checkpoint on checkin


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA page_size={SQLITE_PAGE_SIZE}")  # before WAL: new files only
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _restore_autocheckpoint(dbapi_connection: Any, record: Any) -> None:
    """A connection back in the pool checkpoints again on commit (see `Database.bulk_transaction`)."""
    restore = record is not None and record.info.pop(_NO_AUTOCHECKPOINT, False)
    if restore and dbapi_connection is not None:  # None: invalidated, never used again
        dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={_WAL_AUTOCHECKPOINT_PAGES}")
        dbapi_connection.execute(f"PRAGMA cache_size=-{_DEFAULT_CACHE_KIB}")


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        # A "file:…?mode=ro&uri=true" URL names an existing file, opened as the URI says.
        if parsed.database and parsed.database != ":memory:" and "uri" not in parsed.query:
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "checkin", _restore_autocheckpoint)
        return engine
    return create_engine(url, pool_pre_ping=True)


def location(url: str) -> str:
    """The database as the user names it: «file path» or the URL without its password."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() == "sqlite":
        return f"«{parsed.database}»"
    return f"«{parsed.render_as_string(hide_password=True)}»"


def url_without_password(url: str) -> str:
    """The URL as the About dialog and `db info` show it (the password hidden)."""
    return make_url(url).render_as_string(hide_password=True)


def server_location(url: str) -> str:
    """Where the data is, in words: the SQLite file path or the PostgreSQL server and base."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or "(en memoria)"
    host = parsed.host or "localhost"
    if parsed.port:
        host = f"{host}:{parsed.port}"
    return f"{host}/{parsed.database or ''}"


def _alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    return known_revisions()[-1]


def current_revision(engine: Engine) -> str | None:
    """The revision stored in the database (None before the first migration)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine, where: str = "") -> None:
    """Apply every pending Alembic migration; nothing (and no Alembic) when already at head.

    A revision this program does not know comes from a newer version: refused, untouched.
    """
    current = current_revision(engine)
    if current == head_revision():
        return
    if current is not None and current not in known_revisions():
        raise newer(where or location(engine.url.render_as_string(hide_password=False)), current)
    from alembic import command

    command.upgrade(_alembic_config(engine), "head")


@dataclass
class Database:
    """One opened database: its engine and a session factory."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    # Set when a write was refused because the database is read-only (see services.auth).
    read_only: bool = False
    _checkpoints: list[threading.Thread] = field(default_factory=list, repr=False)

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Database:
        engine = make_engine(url)
        where = location(url)
        try:
            if migrate:
                upgrade_to_head(engine, where)
            else:
                with engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
        except DBAPIError as exc:
            engine.dispose()
            fault = fault_of(exc, where)
            if fault is not None:
                raise fault from exc
            raise DatabaseError(f"No se pudo abrir la base de datos {where}: {exc.orig}") from exc
        except DatabaseError:
            engine.dispose()
            raise
        return cls(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))

    @property
    def where(self) -> str:
        return location(self.url)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def is_migrated(self) -> bool:
        return current_revision(self.engine) == head_revision()

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed whole at the end, or rolled back whole."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def bulk_transaction(self) -> Iterator[Session]:
        """`transaction` for a bulk load (an import of a few hundred thousand records).

        On SQLite the page cache is larger for the load (``_BULK_CACHE_KIB``), and the
        commit does not wait for the write-ahead log (hundreds of MB after such a load) to
        be copied into the database file: the records are committed and
        readable in the log, and a background thread copies them (a passive checkpoint,
        which neither blocks nor waits for readers and writers). `close` waits for it.
        """
        sqlite = self.backend == "sqlite"
        with self.sessions() as session, session.begin():
            if sqlite:
                connection = session.connection()
                connection.info[_NO_AUTOCHECKPOINT] = True  # restored on checkin
                connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
                connection.exec_driver_sql(f"PRAGMA cache_size=-{_BULK_CACHE_KIB}")
            yield session
        if sqlite:
            self._checkpoints[:] = [t for t in self._checkpoints if t.is_alive()]
            thread = threading.Thread(target=self._checkpoint, name="sqlite-checkpoint")
            self._checkpoints.append(thread)
            thread.start()

    def _checkpoint(self) -> None:
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        except DBAPIError:
            pass  # the next commit or the last connection's close checkpoints instead

    def wait_for_checkpoints(self) -> None:
        """Wait until the background checkpoints started by `bulk_transaction` end."""
        for thread in self._checkpoints:
            thread.join()
        self._checkpoints.clear()

    def close(self) -> None:
        self.wait_for_checkpoints()
        self.engine.dispose()
