"""`f182 export` and `f182 import`: the workbook round trip from the command line."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from auditoria_calidad.cli import main
from auditoria_calidad.services.auth import create_first_admin
from auditoria_calidad.services.connection import open_database
from f182_data import PASSWORD, build_audit


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def audit(sqlite_url, monkeypatch):  # type: ignore[no-untyped-def]
    db = open_database(sqlite_url)
    try:
        admin = create_first_admin(db, "admin", "clave-segura-1", "Admin")
        built = build_audit(db, admin, count=4)
    finally:
        db.close()
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    return built


def _fill(path, row_values: dict[int, str], notes: dict[int, str] | None = None) -> None:  # type: ignore[no-untyped-def]
    workbook = load_workbook(path)
    sheet = workbook["F182"]
    column = next(c.column for c in sheet[4] if c.value == "Coherencia")
    observations = next(c.column for c in sheet[4] if c.value == OBSERVATIONS)
    for index, value in row_values.items():
        sheet.cell(5 + index, column, value)
    for index, value in (notes or {}).items():
        sheet.cell(5 + index, observations, value)
    workbook.save(path)


OBSERVATIONS = "Observaciones generales de calidad"


def test_help_names_both_actions(capsys) -> None:
    code, out, _ = run(capsys, "f182", "--help")
    assert code == 0 and "export" in out and "import" in out


def test_export_fill_and_import(capsys, sqlite_url, audit, tmp_path) -> None:
    out_file = tmp_path / "f182.xlsx"
    code, out, err = run(
        capsys,
        "--db",
        sqlite_url,
        "--user",
        "auditora",
        "f182",
        "export",
        audit.number,
        str(out_file),
        "--json",
    )
    assert code == 0, err
    assert json.loads(out) == {"ok": True, "audit": audit.number, "rows": 4, "path": str(out_file)}

    _fill(out_file, {0: "Cumple", 1: "No cumple"})
    args = ("--db", sqlite_url, "--user", "auditora", "f182", "import", str(audit.audit_id))
    code, out, err = run(capsys, *args, str(out_file), "--json")
    # A «No cumple» without observation: refused with its row and the column to fill.
    assert code == 3
    problems = json.loads(out)["problems"]
    assert [(p["row"], p["header"]) for p in problems] == [(6, OBSERVATIONS)]
    assert "Escriba una observación" in err
    _fill(out_file, {}, {1: "No responde lo que se preguntó."})
    code, out, err = run(capsys, *args, str(out_file))
    assert code == 0, err
    assert "2 evaluaciones guardadas" in out


def test_invalid_cells_exit_with_3_and_list_every_problem(
    capsys, sqlite_url, audit, tmp_path
) -> None:
    out_file = tmp_path / "f182.xlsx"
    assert (
        run(
            capsys,
            "--db",
            sqlite_url,
            "--user",
            "auditora",
            "f182",
            "export",
            audit.number,
            str(out_file),
        )[0]
        == 0
    )
    _fill(out_file, {0: "Cumple", 2: "Tal vez", 3: "sí"})
    code, out, err = run(
        capsys,
        "--db",
        sqlite_url,
        "--user",
        "auditora",
        "f182",
        "import",
        audit.number,
        str(out_file),
        "--json",
    )
    assert code == 3
    payload = json.loads(out)
    assert payload["ok"] is False and payload["exit_code"] == 3
    assert [(p["row"], p["header"]) for p in payload["problems"]] == [
        (7, "Coherencia"),
        (8, "Coherencia"),
    ]
    assert "«Tal vez» no es un valor válido" in err
    # Nothing applied: the valid first row was not saved either.
    code, out, _ = run(
        capsys,
        "--db",
        sqlite_url,
        "--user",
        "auditora",
        "f182",
        "export",
        audit.number,
        str(tmp_path / "again.xlsx"),
    )
    sheet = load_workbook(tmp_path / "again.xlsx")["F182"]
    column = next(c.column for c in sheet[4] if c.value == "Coherencia")
    assert sheet.cell(5, column).value is None


def test_an_unknown_audit_is_rejected(capsys, sqlite_url, audit, tmp_path) -> None:
    code, _, err = run(
        capsys,
        "--db",
        sqlite_url,
        "--user",
        "auditora",
        "f182",
        "export",
        "AUD-1999-0001",
        str(tmp_path / "x.xlsx"),
    )
    assert code == 3 and "AUD-1999-0001" in err
