"""Faults of the database itself, told to the user: damaged, newer, read-only, disk full.

The engine reports them as driver errors (sqlite3 / psycopg) wrapped by SQLAlchemy; a
`DatabaseFault` carries the Spanish message (what happened and what to do) and the exit code
of the command line, so the window and the command line say the same thing.
"""

from __future__ import annotations

import errno
from typing import Any

# Exit codes of the command line (documented in cli/common.py and `auditoria-calidad --help`).
EXIT_FAILURE = 1
EXIT_DATABASE_UNUSABLE = 6  # damaged, or from a newer version of the program
EXIT_READ_ONLY = 7
EXIT_DISK_FULL = 8


class DatabaseError(Exception):
    """A database could not be opened, migrated or written; the message is for the user."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def damaged(where: str) -> DatabaseError:
    return DatabaseError(
        f"La base de datos {where} está dañada o no es una base de datos de este programa "
        "(puede estar incompleta o truncada). No la modifique: restaure la última copia de "
        "seguridad o abra otra base con --db.",
        EXIT_DATABASE_UNUSABLE,
    )


def newer(where: str, revision: str) -> DatabaseError:
    return DatabaseError(
        f"La base de datos {where} fue creada por una versión más reciente de este programa "
        f"(esquema «{revision}», desconocido para esta versión). Instale la versión más "
        "reciente del programa para abrirla; esta versión no la modifica.",
        EXIT_DATABASE_UNUSABLE,
    )


def read_only(where: str) -> DatabaseError:
    return DatabaseError(
        f"La base de datos {where} es de solo lectura: se puede consultar, pero no guardar "
        "cambios. Pida permiso de escritura sobre el archivo y su carpeta (o al servidor), "
        "o trabaje sobre una copia que sí pueda modificar.",
        EXIT_READ_ONLY,
    )


def disk_full(where: str) -> DatabaseError:
    return DatabaseError(
        f"No queda espacio en el disco de la base de datos {where}: el cambio no se guardó. "
        "Libere espacio en ese disco y repita la operación.",
        EXIT_DISK_FULL,
    )


_SQLITE_KINDS = {
    "SQLITE_CORRUPT": damaged,
    "SQLITE_NOTADB": damaged,
    "SQLITE_READONLY": read_only,
    "SQLITE_FULL": disk_full,
}
_POSTGRES_KINDS = {
    "XX001": damaged,  # data_corrupted
    "XX002": damaged,  # index_corrupted
    "25006": read_only,  # read_only_sql_transaction
    "53100": disk_full,  # disk_full
}


def _driver_error(exc: BaseException) -> Any:
    """The driver's exception under SQLAlchemy's wrapper (or ``exc`` itself)."""
    return getattr(exc, "orig", None) or exc


def fault_of(exc: BaseException, where: str) -> DatabaseError | None:
    """The user's message for a fault of the database named ``where``, or None when ``exc``
    is no such fault (a programming error stays an error)."""
    if isinstance(exc, DatabaseError):
        return exc
    orig = _driver_error(exc)
    name = getattr(orig, "sqlite_errorname", None)
    if isinstance(name, str):
        for prefix, kind in _SQLITE_KINDS.items():
            if name == prefix or name.startswith(prefix + "_"):
                return kind(where)
        if "disk is full" in str(orig):
            return disk_full(where)
    sqlstate = getattr(orig, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate in _POSTGRES_KINDS:
        return _POSTGRES_KINDS[sqlstate](where)
    # A plain OSError is a file's, not the database's (cli.common words those).
    if orig is not exc and isinstance(orig, OSError) and orig.errno == errno.ENOSPC:
        return disk_full(where)
    return None


def is_read_only(exc: BaseException) -> bool:
    fault = fault_of(exc, "")
    return fault is not None and fault.exit_code == EXIT_READ_ONLY
