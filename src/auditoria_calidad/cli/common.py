"""What every sub-command shares: the database, the acting user, output and exit codes.

Light on purpose: `--help` imports this module, so services (SQLAlchemy, argon2…) are
imported by the functions that use them.
"""

from __future__ import annotations

import argparse
import errno
import getpass
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditoria_calidad.services.actor import Actor
    from auditoria_calidad.services.connection import Database

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_REJECTED = 3
EXIT_NOT_ALLOWED = 4  # services.errors: login refused or role without permission
EXIT_CONFLICT = 5  # services.errors: someone else saved the same thing first
EXIT_DATABASE_UNUSABLE = 6  # storage.faults: damaged, or from a newer program version
EXIT_READ_ONLY = 7  # storage.faults
EXIT_DISK_FULL = 8  # storage.faults, and files that could not be written
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # the reader of the output went away (`… | head`), as Unix tools

EXIT_CODES_HELP = """códigos de salida:
  0    correcto
  1    falla (no se pudo abrir la base o escribir un archivo; el mensaje dice por qué)
  2    uso incorrecto de la línea de comandos
  3    datos rechazados (archivo, fecha, columna…); no se guardó nada
  4    ingreso rechazado o acción no permitida para su rol
  5    otra persona guardó el mismo cambio primero; consulte y repita
  6    base de datos dañada o de una versión más reciente del programa
  7    base de datos de solo lectura: se puede consultar, no guardar
  8    disco lleno: no se guardó el cambio ni quedó un archivo a medias
  130  cancelado (Ctrl+C)
  141  la salida se cerró antes de terminar (p. ej. «… | head»)"""

USER_ENV = "AUDITORIA_USER"
PASSWORD_ENV = "AUDITORIA_PASSWORD"


class UsageError(Exception):
    """Bad usage of the command line (exit code 2)."""


@dataclass
class Invocation:
    """The parsed command line and what it opened, handed to each sub-command."""

    args: argparse.Namespace
    _db: Database | None = field(default=None, repr=False)

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def db(self) -> Database:
        if self._db is None:
            from auditoria_calidad.services.connection import open_database

            self._db = open_database(self.args.db)
        return self._db

    def actor(self) -> Actor:
        """Log in with --user / AUDITORIA_USER and AUDITORIA_PASSWORD (or a prompt)."""
        from auditoria_calidad.services.auth import login, needs_first_admin
        from auditoria_calidad.services.errors import InvalidInput

        if needs_first_admin(self.db):
            raise InvalidInput(
                "La base de datos no tiene usuarios. Cree el administrador con "
                "«auditoria-calidad init --admin USUARIO» o cargue la demostración con "
                "«auditoria-calidad demo»."
            )
        username = self.args.user or os.environ.get(USER_ENV)
        if not username:
            raise UsageError(f"Indique el usuario con --user o la variable {USER_ENV}.")
        actor = login(self.db, username, read_password(confirm=False))
        if self.db.read_only:
            print(
                "Nota: la base de datos es de solo lectura; el ingreso no quedó registrado y "
                "no se podrán guardar cambios.",
                file=sys.stderr,
            )
        return actor

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def read_password(*, confirm: bool) -> str:
    """From AUDITORIA_PASSWORD, or asked at the terminal (twice when ``confirm``)."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env is not None:
        return from_env
    if not sys.stdin.isatty():
        raise UsageError(f"Defina la variable {PASSWORD_ENV} o ejecute el comando en una terminal.")
    password = getpass.getpass("Contraseña: ")
    if confirm and getpass.getpass("Repita la contraseña: ") != password:
        from auditoria_calidad.services.errors import InvalidInput

        raise InvalidInput("Las contraseñas no coinciden.")
    return password


def emit(inv: Invocation, payload: dict[str, Any], text: str | Callable[[], str]) -> None:
    """One JSON object on stdout with --json, otherwise readable Spanish text."""
    if inv.json:
        print(json.dumps(payload, ensure_ascii=False, default=str, indent=None))
    else:
        print(text() if callable(text) else text)


def run_guarded(inv: Invocation, handler: Callable[[Invocation], int | None]) -> int:
    """Run a sub-command, turning every error a user can cause into a message and exit code,
    and every fault of the database or the disk into one that says what to do."""
    from auditoria_calidad.services.connection import DatabaseError, user_fault
    from auditoria_calidad.services.errors import InvalidInput, ServiceError

    try:
        result = handler(inv)
        return EXIT_OK if result is None else result
    except UsageError as exc:
        return _fail(inv, str(exc), EXIT_USAGE)
    except InvalidInput as exc:
        return _fail(inv, exc.message, EXIT_REJECTED)
    except ServiceError as exc:
        return _fail(inv, exc.message, exc.exit_code)
    except DatabaseError as exc:
        return _fail(inv, exc.message, exc.exit_code)
    except KeyboardInterrupt:
        return _fail(inv, "Cancelado por el usuario.", EXIT_INTERRUPTED)
    except BrokenPipeError:
        raise  # cli.main ends quietly
    except Exception as exc:
        fault = user_fault(exc, inv.args.db)
        if fault is not None:
            return _fail(inv, fault.message, fault.exit_code)
        if isinstance(exc, OSError):
            return _fail(inv, file_fault(exc), EXIT_DISK_FULL if _disk_full(exc) else 1)
        raise
    finally:
        inv.close()


def _disk_full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, errno.EDQUOT)


def file_fault(exc: OSError) -> str:
    """What went wrong with a file and what to do, in Spanish."""
    name = f"«{exc.filename}»" if exc.filename else "el archivo"
    if _disk_full(exc):
        return (
            f"No queda espacio en el disco para escribir {name}: no se guardó ningún archivo "
            "a medias. Libere espacio en ese disco o elija otra carpeta y repita."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"No hay permiso para escribir {name}. Elija una carpeta en la que pueda "
            "escribir y repita."
        )
    return f"No se pudo usar {name}: {exc.strerror or exc}. Revise la ruta y repita."


def _fail(inv: Invocation, message: str, code: int) -> int:
    if inv.json:
        print(json.dumps({"ok": False, "error": message, "exit_code": code}, ensure_ascii=False))
    print(f"Error: {message}", file=sys.stderr)
    return code


def shortened(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, ending in «…» when something was left out."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain-text table for terminal output."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)
