"""The command line: sub-commands, --json, exit codes, login from the environment."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import pytest

from auditoria_calidad.cli import build_parser, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's --help and usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_the_sub_commands(capsys) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for name in ("init", "demo", "db", "provider", "agent", "user", "gui", "audit", "sample"):
        assert name in out


@pytest.mark.parametrize(
    "sub",
    [
        ["init"],
        ["demo"],
        ["db", "upgrade"],
        ["provider", "add"],
        ["agent", "list"],
        ["user", "add"],
    ],
)
def test_every_sub_command_has_help(capsys, sub: list[str]) -> None:
    code, out, _ = run(capsys, *sub, "--help")
    assert code == 0 and out.startswith("uso: ")


def test_bad_usage_exits_with_2(capsys) -> None:
    code, _, err = run(capsys, "provider", "add")
    assert code == 2 and "NOMBRE" in err
    assert run(capsys, "no-such-command")[0] == 2


def test_init_then_admin_commands_with_json(capsys, sqlite_url, monkeypatch) -> None:
    monkeypatch.setenv("AUDITORIA_PASSWORD", "clave-admin-1")
    code, out, _ = run(capsys, "--db", sqlite_url, "init", "--admin", "a", "--json")
    assert code == 0 and json.loads(out) == {"ok": True, "user": "a", "role": "administrador"}

    code, out, _ = run(
        capsys,
        "--db",
        sqlite_url,
        "--user",
        "a",
        "provider",
        "add",
        "Contacto S.A.",
        "--target",
        "92,5",
        "--json",
    )
    assert code == 0 and json.loads(out)["target"] == 92.5

    monkeypatch.setenv("AUDITORIA_NEW_PASSWORD", "clave-gerente-1")
    code, out, _ = run(
        capsys,
        "--db",
        sqlite_url,
        "--user",
        "a",
        "user",
        "add",
        "g",
        "--role",
        "gerente_outsourcing",
        "--provider",
        "Contacto S.A.",
        "--json",
    )
    assert code == 0 and json.loads(out)["provider"] == "Contacto S.A."

    code, out, _ = run(capsys, "--db", sqlite_url, "--user", "a", "agent", "list", "--json")
    assert code == 0 and json.loads(out) == {"ok": True, "agents": []}


def test_rejected_input_exits_with_3_and_a_json_error(capsys, sqlite_url, monkeypatch) -> None:
    monkeypatch.setenv("AUDITORIA_PASSWORD", "clave-admin-1")
    run(capsys, "--db", sqlite_url, "init", "--admin", "a")
    code, out, err = run(
        capsys,
        "--db",
        sqlite_url,
        "--user",
        "a",
        "provider",
        "add",
        "X",
        "--target",
        "150",
        "--json",
    )
    assert code == 3
    assert json.loads(out)["error"].startswith("La meta debe estar entre 0 y 100")
    assert "Traceback" not in err


def test_wrong_password_is_refused_without_saying_whether_the_user_exists(
    capsys, sqlite_url, monkeypatch
) -> None:
    monkeypatch.setenv("AUDITORIA_PASSWORD", "clave-admin-1")
    run(capsys, "--db", sqlite_url, "init", "--admin", "a")
    monkeypatch.setenv("AUDITORIA_PASSWORD", "equivocada")
    for user in ("a", "fantasma"):
        code, _, err = run(capsys, "--db", sqlite_url, "--user", user, "agent", "list")
        assert code == 4 and "Usuario o contraseña incorrectos." in err


def test_an_auditor_cannot_add_users(capsys, sqlite_url, monkeypatch) -> None:
    monkeypatch.setenv("AUDITORIA_PASSWORD", "clave-admin-1")
    run(capsys, "--db", sqlite_url, "init", "--admin", "a")
    monkeypatch.setenv("AUDITORIA_NEW_PASSWORD", "clave-auditor-1")
    assert (
        run(capsys, "--db", sqlite_url, "--user", "a", "user", "add", "aud", "--role", "auditor")[0]
        == 0
    )
    monkeypatch.setenv("AUDITORIA_PASSWORD", "clave-auditor-1")
    code, _, err = run(
        capsys, "--db", sqlite_url, "--user", "aud", "user", "add", "x", "--role", "auditor"
    )
    assert code == 4 and "no tiene permiso" in err


def test_init_then_demo_works_from_the_cli_alone(capsys, tmp_path, monkeypatch) -> None:
    url = f"sqlite:///{(tmp_path / 'x.db').as_posix()}"
    monkeypatch.setenv("AUDITORIA_PASSWORD", "clave-admin-1")
    assert run(capsys, "--db", url, "init", "--admin", "a")[0] == 0
    code, out, _ = run(capsys, "--db", url, "demo", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["agents"] == 10
    assert result["virtual_records"] >= 1400 and result["chat_records"] >= 700
    assert {u["role"] for u in result["users"]} >= {
        "auditor",
        "jefe_oficina",
        "gerente_outsourcing",
        "comite",
    }
    # August and September went through the whole cycle; October's two audits are open
    # with part of the virtual sample evaluated.
    assert result["months"] == ["08/2026", "09/2026", "10/2026"]
    assert result["approved"] == ["AUD-2026-0001", "AUD-2026-0002"] and result["acta"]
    assert result["audits"] == ["AUD-2026-0003", "AUD-2026-0004"]
    assert 0 < result["evaluated"] < result["virtual_records"] // 2
    auditor = next(u for u in result["users"] if u["role"] == "auditor")
    monkeypatch.setenv("AUDITORIA_PASSWORD", auditor["password"])
    code, out, _ = run(
        capsys, "--db", url, "--user", auditor["username"], "agent", "list", "--json"
    )
    assert code == 0 and len(json.loads(out)["agents"]) == 10
    # A second demo on a database with data is refused, leaving it as it was.
    assert run(capsys, "--db", url, "demo")[0] == 3


def test_db_upgrade_and_info(capsys, sqlite_url) -> None:
    code, out, _ = run(capsys, "--db", sqlite_url, "db", "upgrade", "--json")
    assert code == 0 and json.loads(out)["revision"] == json.loads(out)["head"]
    code, out, _ = run(capsys, "--db", sqlite_url, "db", "info")
    assert code == 0 and "sqlite" in out


def test_the_installed_entry_point_runs(tmp_path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "auditoria_calidad",
            "--db",
            f"sqlite:///{tmp_path / 'e.db'}",
            "db",
            "upgrade",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["ok"] is True


def test_an_unreachable_database_is_a_clear_message(capsys) -> None:
    code, _, err = run(capsys, "--db", "postgresql://nadie@127.0.0.1:1/nada", "db", "info")
    assert code == 1 and "No se pudo abrir la base de datos" in err and "Traceback" not in err


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and every sub-command's parser, recursively."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found += _parsers(child)
    return found


ARGPARSE_ENGLISH = (
    "usage:",
    "show this help",
    "show program",
    "positional arguments",
    "options:",
    "optional arguments",
    "version number",
)


def test_every_help_text_is_spanish_including_version_and_help_options() -> None:
    parsers = _parsers(build_parser())
    assert len(parsers) > 20
    for parser in parsers:
        text = parser.format_help()
        assert text.startswith("uso: "), parser.prog
        for english in ARGPARSE_ENGLISH:
            assert english not in text, (parser.prog, english)
        for action in parser._actions:
            if action.help and action.help is not argparse.SUPPRESS:
                assert action.help.strip(), (parser.prog, action.dest)
    top = build_parser().format_help()
    assert "--version       mostrar la versión y salir" in top
    assert "-h, --help      mostrar esta ayuda y salir" in top


def test_version_and_argparse_errors_are_spanish(capsys) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("auditoria-calidad ")
    code, _, err = run(capsys, "no-such-command")
    assert code == 2 and "opción no válida" in err and "invalid choice" not in err
    code, _, err = run(capsys, "--db")
    assert code == 2 and "se esperaba un valor" in err and "expected" not in err
    code, _, err = run(capsys, "provider", "add")
    assert code == 2 and "faltan argumentos obligatorios" in err


def _run_window_process(tmp_path, platform: str) -> subprocess.CompletedProcess[str]:
    data = tmp_path / "datos"
    data.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITORIA_")}
    env.update(QT_QPA_PLATFORM=platform, AUDITORIA_DATA_DIR=str(data), HOME=str(tmp_path))
    return subprocess.run(
        [sys.executable, "-m", "auditoria_calidad", "gui", "--demo", "--smoke"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )


def test_gui_smoke_loads_the_demo_shows_the_window_and_leaves_nothing(tmp_path) -> None:
    completed = _run_window_process(tmp_path, "offscreen")
    assert completed.returncode == 0, completed.stderr
    assert "Prueba de la ventana superada" in completed.stdout
    assert "datos de demostración cargados" in completed.stdout
    assert "sesión de «auditor»" in completed.stdout
    # Its own temporary data folder: the user's folder stays empty.
    assert list((tmp_path / "datos").iterdir()) == []


def test_gui_without_a_usable_qt_platform_exits_1_with_a_spanish_message(tmp_path) -> None:
    completed = _run_window_process(tmp_path, "plataforma-inexistente")
    assert completed.returncode == 1
    assert "No se pudo abrir la ventana" in completed.stderr
    assert "«plataforma-inexistente»" in completed.stderr and "README" in completed.stderr
    assert list((tmp_path / "datos").iterdir()) == []
