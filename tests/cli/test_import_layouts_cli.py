"""`auditoria-calidad import` of exports laid out as real systems write them: each family
imports unattended (no --map), and what is stored equals what the file says."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from audit_data import PASSWORD, first_admin, provider, user
from auditoria_calidad import cli
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services.connection import open_database
from auditoria_calidad.storage.models import Record
from integration.importing.real_exports import (
    LAYOUTS,
    Layout,
    write_message_log_without_roles,
    write_whatsapp_message_log,
)

PROVIDER = "Contacto Total S.A.S."


@pytest.fixture
def setup(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    db = open_database(url)
    admin = first_admin(db)
    provider(db, admin, PROVIDER)
    auditor = user(db, admin, Role.AUDITOR)
    monkeypatch.setenv("AUDITORIA_DB_URL", url)
    monkeypatch.setenv("AUDITORIA_USER", auditor.username)
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    yield db
    db.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def stored_value(record: Record, name: str) -> object:
    if name == "agent":
        return record.agent.name
    return getattr(record, name)


def same(expected: object, actual: object) -> bool:
    if isinstance(expected, datetime) and isinstance(actual, datetime):
        return expected.replace(tzinfo=None) == actual
    if isinstance(actual, Decimal) and isinstance(expected, int | float | Decimal):
        return actual == Decimal(str(expected))
    return expected == actual


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_each_layout_family_imports_unattended_with_the_values_of_the_file(
    setup, tmp_path: Path, capsys, layout: Layout
) -> None:
    path, expected = layout.write(tmp_path)
    argv = ["import", str(path), "--channel", layout.channel.value, "--provider", PROVIDER]
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["imported"] == len(expected), data
    assert data["sheet"] == layout.sheet
    assert {r["key"] for r in data["set_aside_rows"]} >= set(layout.set_aside)
    skipped = [r["text"] for r in data["skipped_rows"]]
    for line in layout.footer:
        assert any(text.startswith(line[:30]) for text in skipped), (line, skipped)
    with setup.sessions() as session:
        records = {r.key: r for r in session.scalars(select(Record))}
        assert set(records) == {e["key"] for e in expected}
        for wanted in expected:
            record = records[wanted["key"]]
            for name, value in wanted.items():
                actual = stored_value(record, name)
                assert same(value, actual), (wanted["key"], name, value, actual)


def test_a_message_log_is_imported_as_one_record_per_conversation(
    setup, tmp_path: Path, capsys
) -> None:
    path, expected = write_whatsapp_message_log(tmp_path)
    argv = ["import", str(path), "--channel", "chat", "--provider", PROVIDER, "--json"]

    code, out, err = run(capsys, *argv)

    assert code == 0, err
    data = json.loads(out)
    assert data["imported"] == 2 and data["total_rows"] == 2
    assert any(note.startswith("El archivo trae un mensaje por fila") for note in data["notes"])
    with setup.sessions() as session:
        records = {r.key: r for r in session.scalars(select(Record))}
        for wanted in expected:
            for name, value in wanted.items():
                actual = stored_value(records[wanted["key"]], name)
                assert same(value, actual), (wanted["key"], name, value, actual)


def test_a_message_log_that_cannot_be_joined_is_refused_with_what_to_export(
    setup, tmp_path: Path, capsys
) -> None:
    path = write_message_log_without_roles(tmp_path)

    code, _out, err = run(capsys, "import", str(path), "--channel", "chat", "--provider", PROVIDER)

    assert code != 0 and "Traceback" not in err
    assert "el archivo trae un mensaje por fila" in err
    assert "Exporte del sistema el informe de conversaciones" in err
    with setup.sessions() as session:
        assert session.scalars(select(Record)).first() is None
