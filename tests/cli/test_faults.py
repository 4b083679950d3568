"""Every fault a message: damaged, truncated, newer or read-only database, full disk,
closed output. Each gives a Spanish message saying what and what to do, the documented
exit code and no traceback; a failed write leaves no file behind."""

from __future__ import annotations

import argparse
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from audit_data import PASSWORD, first_admin
from auditoria_calidad import cli
from auditoria_calidad.cli import common
from auditoria_calidad.reporting.output import write_file
from auditoria_calidad.services.connection import open_database


@pytest.fixture
def database(tmp_path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    """A SQLite file at head with its administrator; the command line acts as that user."""
    path = tmp_path / "auditoria.db"
    db = open_database(f"sqlite:///{path.as_posix()}")
    first_admin(db)
    db.close()
    monkeypatch.setenv("AUDITORIA_USER", "admin")
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_a_file_that_is_no_database_is_called_damaged(tmp_path, capsys) -> None:
    junk = tmp_path / "auditoria.db"
    junk.write_bytes(b"Esto no es una base de datos SQLite" * 100)
    code, _, err = run(capsys, "--db", f"sqlite:///{junk.as_posix()}", "audit", "list")
    assert code == common.EXIT_DATABASE_UNUSABLE == 6
    assert f"«{junk.as_posix()}» está dañada" in err and "copia de seguridad" in err


def test_a_truncated_database_is_called_damaged(database, capsys) -> None:
    data = database.read_bytes()
    database.write_bytes(data[: len(data) // 3])
    code, _, err = run(capsys, "--db", f"sqlite:///{database.as_posix()}", "audit", "list")
    assert code == 6 and "dañada" in err and "truncada" in err


def test_a_database_from_a_newer_version_is_refused_untouched(database, capsys) -> None:
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_futuro'")
    code, _, err = run(capsys, "--db", f"sqlite:///{database.as_posix()}", "audit", "list")
    assert code == 6 and "versión más reciente" in err and "«0099_futuro»" in err
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0099_futuro",)
        ]


def test_a_read_only_database_can_be_consulted_but_not_changed(database, capsys) -> None:
    before = database.read_bytes()
    read_only = f"sqlite:///file:{database.as_posix()}?mode=ro&uri=true"
    code, _, err = run(capsys, "--db", read_only, "audit", "list")
    assert code == 0 and "solo lectura" in err and "no quedó registrado" in err
    code, _, err = run(capsys, "--db", read_only, "provider", "add", "Nuevo Proveedor S.A.S.")
    assert code == common.EXIT_READ_ONLY == 7
    assert "es de solo lectura" in err and "permiso de escritura" in err
    assert database.read_bytes() == before


def _invocation(database: Path) -> common.Invocation:
    args = argparse.Namespace(db=f"sqlite:///{database.as_posix()}", user=None, json=False)
    return common.Invocation(args)


def test_a_full_disk_under_the_database_is_a_message(database, capsys) -> None:
    def fill(inv: common.Invocation) -> None:
        # SQLite's own "database or disk is full", reached by capping the file's size.
        with inv.db.engine.connect() as connection:
            pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
            connection.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
            connection.exec_driver_sql("CREATE TABLE relleno (x BLOB)")
            connection.exec_driver_sql("INSERT INTO relleno VALUES (zeroblob(10000000))")
            connection.commit()

    code = common.run_guarded(_invocation(database), fill)
    _, err = capsys.readouterr()
    assert code == common.EXIT_DISK_FULL == 8
    assert "No queda espacio en el disco de la base de datos" in err and "Libere" in err


def test_a_full_disk_under_an_output_file_is_a_message(database, capsys) -> None:
    def write(_inv: common.Invocation) -> None:
        with open("/dev/full", "wb") as device:  # every write fails with ENOSPC
            device.write(b"%PDF-1.4")

    code = common.run_guarded(_invocation(database), write)
    _, err = capsys.readouterr()
    assert code == 8 and "No queda espacio en el disco para escribir" in err and "Libere" in err


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing


def test_a_failed_write_leaves_no_file_and_keeps_the_previous_one(tmp_path) -> None:
    previous = tmp_path / "Informe AUD-2026-0001.pdf"
    previous.write_bytes(b"%PDF-1.4 informe anterior")
    script = (
        "import sys\n"
        "from auditoria_calidad.reporting.output import write_file\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n"
        "        write_file(name, b'x' * 1_000_000)\n"
        "    except OSError as exc:\n"
        "        print(exc.errno, exc.filename)\n"
    )
    fresh = tmp_path / "Informe AUD-2026-0002.pdf"
    child = subprocess.run(
        [sys.executable, "-c", script, str(previous), str(fresh)],
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        timeout=60,
        check=True,
    )
    assert child.stdout.splitlines() == [f"27 {previous}", f"27 {fresh}"]  # EFBIG
    assert sorted(p.name for p in tmp_path.iterdir()) == [previous.name]
    assert previous.read_bytes() == b"%PDF-1.4 informe anterior"
    assert write_file(fresh, b"%PDF") == fresh and fresh.read_bytes() == b"%PDF"
    assert oct(fresh.stat().st_mode & 0o777) == oct(0o644)


@pytest.mark.parametrize(
    ("argv", "exit_code"),
    [(["--help"], 0), (["audit", "list", "--json"], common.EXIT_BROKEN_PIPE)],
)  # argparse itself ignores a closed output while printing help
def test_a_closed_output_ends_quietly(database, argv, exit_code) -> None:
    env = {**os.environ, "AUDITORIA_DB_URL": f"sqlite:///{database.as_posix()}"}
    child = subprocess.Popen(
        [sys.executable, "-m", "auditoria_calidad", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # as `| head` does once it has read enough
    err = child.stderr.read().decode()
    assert child.wait(timeout=60) == exit_code
    assert err == ""
