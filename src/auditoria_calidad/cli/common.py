"""What every sub-command shares: the database, the acting user, output and exit codes."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.auth import login, needs_first_admin
from auditoria_calidad.services.connection import Database, DatabaseError, open_database
from auditoria_calidad.services.errors import AuthenticationFailed, InvalidInput, ServiceError

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_REJECTED = 3

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
            self._db = open_database(self.args.db)
        return self._db

    def actor(self) -> Actor:
        """Log in with --user / AUDITORIA_USER and AUDITORIA_PASSWORD (or a prompt)."""
        if needs_first_admin(self.db):
            raise InvalidInput(
                "La base de datos no tiene usuarios. Cree el administrador con "
                "«auditoria-calidad init --admin USUARIO» o cargue la demostración con "
                "«auditoria-calidad demo»."
            )
        username = self.args.user or os.environ.get(USER_ENV)
        if not username:
            raise UsageError(f"Indique el usuario con --user o la variable {USER_ENV}.")
        return login(self.db, username, read_password(confirm=False))

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
        raise InvalidInput("Las contraseñas no coinciden.")
    return password


def emit(inv: Invocation, payload: dict[str, Any], text: str | Callable[[], str]) -> None:
    """One JSON object on stdout with --json, otherwise readable Spanish text."""
    if inv.json:
        print(json.dumps(payload, ensure_ascii=False, default=str, indent=None))
    else:
        print(text() if callable(text) else text)


def run_guarded(inv: Invocation, handler: Callable[[Invocation], int | None]) -> int:
    """Run a sub-command, turning every error a user can cause into a message and exit code."""
    try:
        result = handler(inv)
        return EXIT_OK if result is None else result
    except UsageError as exc:
        return _fail(inv, str(exc), EXIT_USAGE)
    except InvalidInput as exc:
        return _fail(inv, exc.message, EXIT_REJECTED)
    except AuthenticationFailed as exc:
        return _fail(inv, exc.message, exc.exit_code)
    except ServiceError as exc:
        return _fail(inv, exc.message, exc.exit_code)
    except DatabaseError as exc:
        return _fail(inv, str(exc), EXIT_FAILURE)
    except KeyboardInterrupt:
        return _fail(inv, "Cancelado por el usuario.", 130)
    finally:
        inv.close()


def _fail(inv: Invocation, message: str, code: int) -> int:
    if inv.json:
        print(json.dumps({"ok": False, "error": message, "exit_code": code}, ensure_ascii=False))
    print(f"Error: {message}", file=sys.stderr)
    return code


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain-text table for terminal output."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)
