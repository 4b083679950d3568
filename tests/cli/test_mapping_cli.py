"""`auditoria-calidad mapping list|show|save|delete`: the profiles the window uses too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit_data import PASSWORD, first_admin, provider, user
from auditoria_calidad import cli
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import imports, mapping_profiles
from auditoria_calidad.services.connection import open_database

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
    yield db, auditor
    db.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def write_two_dates(path: Path, rows: int = 12) -> Path:
    """Neutral names for the two date-time columns: the import cannot know which is which."""
    lines = ["Radicado;Funcionario responsable;Marca A;Marca B"]
    for i in range(1, rows + 1):
        day = 13 + i % 9
        lines.append(f"R-{i};Ana Gómez;{day}/10/2026 08:00;{day}/10/2026 11:30")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


MAP = ["--map", "received_at=Marca A", "--map", "answered_at=Marca B"]


def test_save_keeps_the_inferred_mapping_with_the_chosen_columns(setup, tmp_path, capsys) -> None:
    db, auditor = setup
    path = write_two_dates(tmp_path / "marcas.csv")
    argv = ["mapping", "save", "Marcas", "--channel", "virtual", "--file", str(path), *MAP]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert "Perfil «Marcas» guardado" in out
    profile = mapping_profiles.get_profile(db, auditor, "Marcas")
    columns = {name: col.header for name, col in profile.mapping.columns.items()}
    assert columns["received_at"] == "Marca A" and columns["answered_at"] == "Marca B"
    assert columns["key"] == "Radicado" and columns["agent"] == "Funcionario responsable"
    # The window finds it for the same headers, without asking.
    inspection = imports.inspect_file(db, auditor, path, Channel.VIRTUAL)
    assert inspection.profile == "Marcas" and inspection.uncertain == []


def test_a_saved_profile_is_used_next_time_without_asking(setup, tmp_path, capsys) -> None:
    path = write_two_dates(tmp_path / "marcas.csv")
    base = ["import", str(path), "--channel", "virtual", "--provider", PROVIDER, "--json"]
    code, _, err = run(capsys, *base)
    assert code == 3 and "--map" in err  # without a profile: refused, candidates listed
    run(capsys, "mapping", "save", "Marcas", "--channel", "virtual", "--file", str(path), *MAP)
    later = write_two_dates(tmp_path / "marcas noviembre.csv", rows=15)  # same headers
    code, out, err = run(capsys, *base[:1], str(later), *base[2:])
    assert code == 0, err
    data = json.loads(out)
    assert data["imported"] == 15
    rows = imports.list_batches(*setup)
    assert rows[0].file_name == "marcas noviembre.csv"


def test_save_refuses_an_uncertain_file_with_the_candidates(setup, tmp_path, capsys) -> None:
    db, auditor = setup
    path = write_two_dates(tmp_path / "marcas.csv")
    code, out, err = run(
        capsys, "mapping", "save", "X", "--channel", "virtual", "--file", str(path)
    )
    assert code == 3 and out == ""
    assert "«Marca A»" in err and "--map" in err and "Traceback" not in err
    assert mapping_profiles.list_profiles(db, auditor) == []


def test_list_show_and_delete(setup, tmp_path, capsys) -> None:
    db, auditor = setup
    path = write_two_dates(tmp_path / "marcas.csv")
    run(capsys, "mapping", "save", "Marcas", "--channel", "virtual", "--file", str(path), *MAP)
    code, out, _ = run(capsys, "mapping", "list")
    assert code == 0 and "Marcas" in out and "Virtual" in out
    code, out, _ = run(capsys, "mapping", "list", "--channel", "chat")
    assert code == 0 and "No hay perfiles" in out
    code, out, _ = run(capsys, "mapping", "show", "Marcas", "--json")
    data = json.loads(out)
    assert code == 0 and data["name"] == "Marcas" and data["channel"] == "virtual"
    fields = {c["field"]: c["header"] for c in data["columns"]}
    assert fields["received_at"] == "Marca A"
    code, out, _ = run(capsys, "mapping", "show", "Marcas")
    assert "Fecha de ingreso" in out and "received_at" in out and "Marca A (columna 3)" in out
    # Saving again under the same name needs --replace.
    argv = ["mapping", "save", "Marcas", "--channel", "virtual", "--file", str(path), *MAP]
    code, _, err = run(capsys, *argv)
    assert code == 3 and "Ya existe" in err
    code, _, err = run(capsys, *argv, "--replace")
    assert code == 0, err
    code, out, _ = run(capsys, "mapping", "delete", "Marcas")
    assert code == 0 and "borrado" in out
    assert mapping_profiles.list_profiles(db, auditor) == []
    code, _, err = run(capsys, "mapping", "delete", "Marcas")
    assert code == 3 and "«Marcas»" in err
