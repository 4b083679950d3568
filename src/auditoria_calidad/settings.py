"""Where things live (platformdirs) and which database to open.

Per-user preferences that are not office-wide (window geometry, last folder) are kept by
the window with QSettings; office-wide settings live in the database (`settings` table).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "auditoria-calidad"
APP_AUTHOR = "auditoria-calidad"
DB_URL_ENV = "AUDITORIA_DB_URL"
DATA_DIR_ENV = "AUDITORIA_DATA_DIR"


def data_dir() -> Path:
    """The user data folder (created if missing); AUDITORIA_DATA_DIR overrides it."""
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(PlatformDirs(APP_NAME, APP_AUTHOR).user_data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "auditoria.db"


def resolve_db_url(explicit: str | None = None) -> str:
    """`--db URL` first, then AUDITORIA_DB_URL, then the SQLite file in the data folder."""
    if explicit:
        return explicit
    from_env = os.environ.get(DB_URL_ENV)
    if from_env:
        return from_env
    return f"sqlite:///{default_db_path().as_posix()}"


def resources_dir() -> Path:
    return Path(__file__).parent / "resources"
