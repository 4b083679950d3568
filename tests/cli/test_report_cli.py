"""`report audit` and `report monthly`: files written, JSON output and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from auditoria_calidad.cli import main
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration
from auditoria_calidad.services.auth import create_first_admin
from auditoria_calidad.services.connection import open_database
from auditoria_calidad.services.evaluations import EvaluationDraft, save_evaluation
from f182_data import PASSWORD, build_audit

MET = {
    "coherencia": "cumple",
    "pertinencia": "cumple",
    "solucion": "no_cumple",
    "redaccion_ortografia": "alto",
}


@pytest.fixture(scope="module")
def database(tmp_path_factory):  # type: ignore[no-untyped-def]
    """An audit of 6 records, 4 evaluated; a provider manager of another provider."""
    url = f"sqlite:///{(tmp_path_factory.mktemp('report-cli') / 'test.db').as_posix()}"
    db = open_database(url)
    admin = create_first_admin(db, "admin", PASSWORD, "Administradora")
    built = build_audit(db, admin)
    for item in built.items[:4]:
        save_evaluation(
            db, built.auditor, item, EvaluationDraft(MET, "Sin solución."), expected_version=None
        )
    administration.add_provider(db, admin, "Otro Proveedor S.A.S.")
    administration.add_user(
        db, admin, "gerente", PASSWORD, Role.PROVIDER_MANAGER, provider="Contacto Total S.A.S."
    )
    db.close()
    return url, built.number


@pytest.fixture
def env(database, monkeypatch):  # type: ignore[no-untyped-def]
    url, number = database
    monkeypatch.setenv("AUDITORIA_DB_URL", url)
    monkeypatch.setenv("AUDITORIA_USER", "auditora")
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    return number


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main([*args, "--json"])
    out = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(out[-1])


def test_report_audit_writes_the_pdf_and_the_workbook(env, tmp_path, capsys) -> None:
    pdf, xlsx = tmp_path / "informe.pdf", tmp_path / "f182.xlsx"
    code, out = run_json(capsys, "report", "audit", env, "--pdf", str(pdf), "--xlsx", str(xlsx))
    assert code == 0 and out["ok"]
    assert (out["audit"], out["evaluated"], out["population"], out["draft"]) == (env, 4, 6, True)
    assert out["inconsistencies"] == 4 + 2  # «solución» in each, one late, one twice in the CRM
    assert out["identities"] == "masked" and out["xlsx"] == str(xlsx)
    assert pdf.read_bytes().startswith(b"%PDF") and xlsx.read_bytes().startswith(b"PK")
    # By id too, and the same bytes again.
    again = tmp_path / "otra.pdf"
    assert main(["report", "audit", "1", "--pdf", str(again)]) == 0
    assert again.read_bytes() == pdf.read_bytes()
    out = capsys.readouterr().out
    assert "Informe de la auditoría" in out
    # Progress counts against the sample; the population is named apart.
    assert re.search(r"\d+ de \d+ de la muestra evaluados \(población de \d+ registros\)", out)


def test_report_audit_internal_copy_has_full_identities(env, tmp_path, capsys) -> None:
    code, out = run_json(
        capsys, "report", "audit", env, "--pdf", str(tmp_path / "i.pdf"), "--internal"
    )
    assert code == 0 and out["identities"] == "full"


def test_report_monthly_writes_both_files(env, tmp_path, capsys) -> None:
    pdf, xlsx = tmp_path / "mensual.pdf", tmp_path / "mensual.xlsx"
    code, out = run_json(
        capsys,
        "report",
        "monthly",
        "--month",
        "2026-10",
        "--channel",
        "virtual",
        "--provider",
        "Contacto Total S.A.S.",
        "--pdf",
        str(pdf),
        "--xlsx",
        str(xlsx),
    )
    assert code == 0
    # The month's audit is still in review: its figures do not count until it is approved.
    assert (out["month"], out["received"], out["audited"], out["audits"]) == ("2026-10", 6, 0, 0)
    assert out["trend_months"] == ["oct. 2026"]
    assert pdf.read_bytes().startswith(b"%PDF") and xlsx.read_bytes().startswith(b"PK")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["report", "audit", "AUD-1999-0001", "--pdf", "{tmp}/x.pdf"], 3, "No existe"),
        (["report", "audit", "1", "--pdf", "{tmp}/no-existe/x.pdf"], 3, "no existe"),
        (["report", "audit", "1", "--pdf", "{tmp}"], 3, "es una carpeta"),
        (
            [
                "report",
                "monthly",
                "--month",
                "2026-13",
                "--channel",
                "chat",
                "--provider",
                "1",
                "--pdf",
                "{tmp}/m.pdf",
            ],
            3,
            "AAAA-MM",
        ),
        (
            [
                "report",
                "monthly",
                "--month",
                "2026-10",
                "--channel",
                "chat",
                "--provider",
                "Nadie",
                "--pdf",
                "{tmp}/m.pdf",
            ],
            3,
            "No existe el proveedor",
        ),
        (
            [
                "report",
                "monthly",
                "--month",
                "2026-10",
                "--channel",
                "fax",
                "--provider",
                "1",
                "--pdf",
                "{tmp}/m.pdf",
            ],
            2,
            None,
        ),
    ],
)
def test_report_errors_have_their_exit_codes(env, tmp_path, capsys, args, code, message) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if code == 2:
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
        return
    assert main(argv) == code
    assert message in capsys.readouterr().err
    assert not any(Path(tmp_path).iterdir())  # nothing half-written


def test_the_provider_gets_no_draft_and_the_wrong_password_no_report(
    env, tmp_path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("AUDITORIA_USER", "gerente")
    assert main(["report", "audit", env, "--pdf", str(tmp_path / "x.pdf")]) == 3
    assert "todavía no ha sido aprobado" in capsys.readouterr().err
    monkeypatch.setenv("AUDITORIA_PASSWORD", "otra-clave")
    assert main(["report", "audit", env, "--pdf", str(tmp_path / "x.pdf")]) == 4
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    monkeypatch.setenv("AUDITORIA_USER", "gerente")
    code = main(
        [
            "report",
            "monthly",
            "--month",
            "2026-10",
            "--channel",
            "virtual",
            "--provider",
            "Otro Proveedor S.A.S.",
            "--pdf",
            str(tmp_path / "m.pdf"),
        ]
    )
    assert code == 4
