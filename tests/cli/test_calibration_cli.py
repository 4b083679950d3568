"""`calibration`: create, each evaluator's sheet round trip, submit, show, close."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from auditoria_calidad.cli import main
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration
from auditoria_calidad.services.auth import create_first_admin
from auditoria_calidad.services.connection import open_database
from f182_data import PASSWORD, F182Audit, build_audit

OBSERVATIONS = "Observaciones generales de calidad"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def audit(sqlite_url, monkeypatch) -> F182Audit:  # type: ignore[no-untyped-def]
    db = open_database(sqlite_url)
    try:
        admin = create_first_admin(db, "admin", "clave-segura-1", "Admin")
        built = build_audit(db, admin, count=5, auditor_name="ana")
        for name, role in (("beto", Role.AUDITOR), ("carla", Role.HEAD), ("dario", Role.AUDITOR)):
            administration.add_user(db, admin, name, PASSWORD, role)
    finally:
        db.close()
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    return built


def _fill(path: Path, solucion: dict[int, str] | None = None) -> None:
    """Judge every row «Cumple» / «Alto», with ``solucion`` overrides (row index → value)."""
    workbook = load_workbook(path)
    sheet = workbook["F182"]
    headers = {c.value: c.column for c in sheet[4] if c.value}
    for row in range(5, sheet.max_row + 1):
        for header in ("Coherencia", "Pertinencia", "Solución del problema"):
            sheet.cell(row, headers[header], "Cumple")
        sheet.cell(row, headers["Redacción y ortografía"], "Alto")
    for index, value in (solucion or {}).items():
        sheet.cell(5 + index, headers["Solución del problema"], value)
        sheet.cell(5 + index, headers[OBSERVATIONS], "No resuelve la solicitud.")
    workbook.save(path)


def test_a_session_from_the_command_line(capsys, sqlite_url, audit, tmp_path) -> None:
    db = ("--db", sqlite_url)
    code, out, err = run(
        capsys, *db, "--user", "ana", "calibration", "create", audit.number, "--size", "3",
        "--evaluators", "ana,beto,carla", "--reference", "ana", "--seed", "5", "--json",
    )  # fmt: skip
    assert code == 0, err
    created = json.loads(out)
    cal = str(created["calibration_id"])
    assert len(created["record_keys"]) == 3 and set(created["record_keys"]) <= set(audit.keys)

    for user, failing in (("ana", None), ("beto", None), ("carla", {0: "No cumple"})):
        sheet = tmp_path / f"{user}.xlsx"
        code, out, err = run(capsys, *db, "--user", user, "calibration", "export", cal, str(sheet))
        assert code == 0, err
        _fill(sheet, failing)
        code, out, err = run(
            capsys, *db, "--user", user, "calibration", "import", cal, str(sheet), "--json"
        )
        assert code == 0, err
        assert json.loads(out)["saved"] == 3

        # Before the reveal, show gives the caller's own progress and no figures.
        code, out, err = run(capsys, *db, "--user", user, "calibration", "show", cal, "--json")
        assert code == 0, err
        shown = json.loads(out)
        assert shown["state"] == "open"
        assert shown["agreement"] is None and shown["by_evaluator"] is None
        assert shown["records"] is None
        assert shown["my_progress"] == {"records": 3, "judged": 3, "submitted": False}
        code, out, err = run(capsys, *db, "--user", user, "calibration", "submit", cal)
        assert code == 0, err

    assert "la calibración quedó revelada" in out
    code, out, err = run(capsys, *db, "--user", "beto", "calibration", "show", cal, "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["state"] == "revealed"
    assert [e["username"] for e in shown["evaluators"]] == ["ana", "beto", "carla"]
    overall = shown["agreement"]["overall"]
    assert set(overall) >= {"percent", "krippendorff_alpha", "gwet_ac1"}
    assert overall["percent"] == pytest.approx((11 + 1 / 3) / 12, abs=1e-4)
    coherence = shown["agreement"]["by_criterion"]["coherencia"]
    assert coherence == {
        "percent": 1.0,
        "krippendorff_alpha": None,
        "gwet_ac1": 1.0,
        "unanimous": 1.0,
        "units": 3,
        "alpha_metric": "nominal",
    }
    solution = shown["agreement"]["by_criterion"]["solucion"]
    assert 0 <= solution["percent"] < 1 and solution["krippendorff_alpha"] is not None
    carla = next(e for e in shown["by_evaluator"] if e["username"] == "carla")
    assert carla["strictest"] and carla["alignment"]["solucion"] == pytest.approx(2 / 3, abs=1e-4)
    assert shown["records"][0]["criteria_in_disagreement"] == ["solucion"]

    code, out, err = run(capsys, *db, "--user", "ana", "calibration", "show", cal)
    assert code == 0, err
    assert "alfa de Krippendorff" in out and "AC1 de Gwet" in out and "(más estricto)" in out
    code, out, err = run(capsys, *db, "--user", "ana", "calibration", "close", cal)
    assert code == 0, err


def test_refusals_and_their_exit_codes(capsys, sqlite_url, audit, tmp_path) -> None:
    db = ("--db", sqlite_url)
    code, _, err = run(
        capsys, *db, "--user", "ana", "calibration", "create", audit.number, "--size", "2",
        "--evaluators", "ana",
    )  # fmt: skip
    assert code == 3 and "dos evaluadores" in err
    code, out, err = run(
        capsys, *db, "--user", "ana", "calibration", "create", audit.number, "--size", "2",
        "--evaluators", "ana,beto", "--json",
    )  # fmt: skip
    assert code == 0, err
    cal = str(json.loads(out)["calibration_id"])
    # Someone outside the session: not allowed (4); a wrong id: usage (2); unknown: 3.
    assert run(capsys, *db, "--user", "dario", "calibration", "show", cal)[0] == 4
    assert run(capsys, *db, "--user", "ana", "calibration", "show", "uno")[0] == 2
    assert run(capsys, *db, "--user", "ana", "calibration", "show", "999")[0] == 3
    # Beto cannot import Ana's sheet; only the creator closes; submit needs every record.
    sheet = tmp_path / "ana.xlsx"
    assert run(capsys, *db, "--user", "ana", "calibration", "export", cal, str(sheet))[0] == 0
    code, _, err = run(capsys, *db, "--user", "beto", "calibration", "import", cal, str(sheet))
    assert code == 3 and "hoja de «ana»" in err
    assert run(capsys, *db, "--user", "beto", "calibration", "close", cal)[0] == 4
    code, _, err = run(capsys, *db, "--user", "beto", "calibration", "submit", cal)
    assert code == 3 and "Faltan 2 registros" in err
    _fill(sheet, {1: "Sí"})
    code, out, err = run(
        capsys, *db, "--user", "ana", "calibration", "import", cal, str(sheet), "--json"
    )
    assert code == 3
    assert [p["row"] for p in json.loads(out)["problems"]] == [6]
