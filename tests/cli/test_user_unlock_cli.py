"""`user unlock`: an administrator lifts the lock left by too many failed logins."""

from __future__ import annotations

import json

import pytest

from auditoria_calidad.cli import main
from auditoria_calidad.services.auth import FAILED_BEFORE_LOCK, LOGIN_LOCKED


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def office(capsys, sqlite_url, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AUDITORIA_PASSWORD", "clave-admin-1")
    assert run(capsys, "--db", sqlite_url, "init", "--admin", "a")[0] == 0
    monkeypatch.setenv("AUDITORIA_NEW_PASSWORD", "clave-auditor-1")
    add = ("user", "add", "aud", "--role", "auditor")
    assert run(capsys, "--db", sqlite_url, "--user", "a", *add)[0] == 0
    return sqlite_url


def _lock(db_url: str) -> None:
    from datetime import datetime, timedelta

    from auditoria_calidad.services import auth
    from auditoria_calidad.services.connection import open_database

    db = open_database(db_url)
    try:
        at = datetime.now() - timedelta(hours=1)
        for _ in range(FAILED_BEFORE_LOCK):
            at += timedelta(minutes=1)
            with pytest.raises(auth.AuthenticationFailed):
                auth.login(db, "aud", "clave-equivocada", now=at)
    finally:
        db.close()


def test_a_locked_user_is_refused_until_an_administrator_unlocks_it(capsys, office, monkeypatch):
    _lock(office)
    monkeypatch.setenv("AUDITORIA_PASSWORD", "clave-auditor-1")
    code, _, err = run(capsys, "--db", office, "--user", "aud", "agent", "list")
    assert code == 4 and LOGIN_LOCKED in err

    monkeypatch.setenv("AUDITORIA_PASSWORD", "clave-admin-1")
    code, out, _ = run(capsys, "--db", office, "--user", "a", "user", "list", "--json")
    assert {u["username"]: u["locked"] for u in json.loads(out)["users"]} == {
        "a": False,
        "aud": True,
    }
    code, out, _ = run(capsys, "--db", office, "--user", "a", "user", "unlock", "aud")
    assert code == 0 and "Usuario «aud» desbloqueado" in out
    code, out, _ = run(capsys, "--db", office, "--user", "a", "user", "unlock", "aud", "--json")
    assert code == 0 and json.loads(out)["was_locked"] is False

    monkeypatch.setenv("AUDITORIA_PASSWORD", "clave-auditor-1")
    assert run(capsys, "--db", office, "--user", "aud", "agent", "list")[0] == 0


def test_only_an_administrator_unlocks_and_an_unknown_name_is_named(capsys, office, monkeypatch):
    monkeypatch.setenv("AUDITORIA_PASSWORD", "clave-auditor-1")
    code, _, err = run(capsys, "--db", office, "--user", "aud", "user", "unlock", "a")
    assert code == 4 and "no tiene permiso" in err
    monkeypatch.setenv("AUDITORIA_PASSWORD", "clave-admin-1")
    code, _, err = run(capsys, "--db", office, "--user", "a", "user", "unlock", "nadie")
    assert code == 3 and "No existe el usuario «nadie»" in err
    assert run(capsys, "user", "unlock", "--help")[0] == 0
