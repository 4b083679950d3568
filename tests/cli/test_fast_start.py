"""The command line starts fast: each sub-command imports only what its work needs."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from audit_data import PASSWORD, first_admin
from auditoria_calidad import cli
from auditoria_calidad.services.connection import open_database

HEAVY = ("reportlab", "openpyxl", "alembic", "argon2", "PySide6")

PROBE = """
import json, sys
from auditoria_calidad.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
loaded = [m for m in HEAVY if m in sys.modules]
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
""".replace("HEAVY", repr(HEAVY))


def _loaded(*argv: str, env: dict[str, str] | None = None) -> dict:  # type: ignore[type-arg]
    child = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return json.loads(child.stderr.strip().splitlines()[-1])


def test_help_imports_no_writer_no_migrations_no_hashing_and_no_qt() -> None:
    result = _loaded("--help")
    assert result == {"code": 0, "loaded": []}


def test_listing_audits_on_a_database_at_head_loads_no_writer_and_no_migrations(tmp_path) -> None:
    url = f"sqlite:///{(tmp_path / 'a.db').as_posix()}"
    open_database(url).close()
    db = open_database(url)
    first_admin(db)
    db.close()
    result = _loaded(
        "audit", "list", env={"AUDITORIA_DB_URL": url, "AUDITORIA_USER": "admin",
                              "AUDITORIA_PASSWORD": PASSWORD},
    )  # fmt: skip
    # argon2 checks the password; nothing else heavy is needed to list audits.
    assert result == {"code": 0, "loaded": ["argon2"]}


def _sub_commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_the_light_table_of_commands_is_what_the_modules_register() -> None:
    full = cli.build_parser()
    action = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    registered = {c.dest: c.help for c in action._choices_actions if c.dest != "gui"}
    assert registered == {name: help_line for name, (help_line, _) in cli.COMMANDS.items()}
    for name, (_, modules) in cli.COMMANDS.items():
        alone = _sub_commands(cli._parser(modules))[name]
        assert alone.format_help() == _sub_commands(full)[name].format_help()


def test_actions_added_to_a_command_are_known_to_the_table() -> None:
    for (command, module), actions in cli.ADDED_ACTIONS.items():
        with_module = _sub_commands(_sub_commands(cli._parser(cli.MODULES))[command]).keys()
        others = tuple(m for m in cli.MODULES if m != module)
        without = _sub_commands(_sub_commands(cli._parser(others))[command]).keys()
        assert set(with_module) - set(without) == actions
    assert cli.modules_for(["--db", "x.db", "audit", "list"]) == ("audit_commands",)
    assert cli.modules_for(["audit", "approve", "7"]) == ("audit_commands", "cycle_commands")
    assert cli.modules_for(["audit", "--help"]) == ("audit_commands", "cycle_commands")
    assert cli.modules_for(["--help"]) == ()
