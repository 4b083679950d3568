"""Small read-only facts the window shows that no other use case returns."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from auditoria_calidad.services.connection import Database

BACKEND_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def database_location(db: Database) -> str:
    """Where the data is, in words: the SQLite file path or the PostgreSQL server and base."""
    url = make_url(db.url)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return url.database or "(en memoria)"
    host = url.host or "localhost"
    if url.port:
        host = f"{host}:{url.port}"
    return f"{host}/{url.database or ''}"


def backend_label(db: Database) -> str:
    """«SQLite» or «PostgreSQL» (the engine's name when it is another)."""
    return BACKEND_LABELS.get(db.backend, db.backend)
