"""Small read-only facts the window shows that no other use case returns."""

from __future__ import annotations

from auditoria_calidad.services.connection import Database
from auditoria_calidad.storage.database import server_location

BACKEND_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def database_location(db: Database) -> str:
    """Where the data is, in words: the SQLite file path or the PostgreSQL server and base."""
    return server_location(db.url)


def backend_label(db: Database) -> str:
    """«SQLite» or «PostgreSQL» (the engine's name when it is another)."""
    return BACKEND_LABELS.get(db.backend, db.backend)
