"""Opening the database for the window and the command line."""

from __future__ import annotations

from auditoria_calidad.settings import resolve_db_url
from auditoria_calidad.storage import faults
from auditoria_calidad.storage.database import Database, DatabaseError, head_revision, location

__all__ = ["Database", "DatabaseError", "describe", "open_database", "user_fault"]


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open (and by default migrate to head) the database named by --db, the env or the default."""
    return Database.open(resolve_db_url(url), migrate=migrate)


def describe(db: Database) -> dict[str, str | None]:
    """Where the data is, for the About dialog and `db info`."""
    from auditoria_calidad.storage.database import current_revision, url_without_password

    url = url_without_password(db.engine.url.render_as_string(hide_password=False))

    return {
        "url": url,
        "backend": db.backend,
        "revision": current_revision(db.engine),
        "head": head_revision(),
    }


def user_fault(error: BaseException, db_url: str | None) -> DatabaseError | None:
    """The message for a fault of the database (damaged, read-only, disk full) raised while
    working on it, or None when ``error`` is none of those."""
    return faults.fault_of(error, location(resolve_db_url(db_url)))
