"""`calibration report CAL --pdf OUT.pdf`: the PDF of a revealed session, refused before."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from auditoria_calidad.cli import main
from auditoria_calidad.cli.common import EXIT_REJECTED
from auditoria_calidad.services.auth import create_first_admin
from auditoria_calidad.services.connection import open_database
from calibration_data import open_session, revealed_session
from f182_data import PASSWORD


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _build(sqlite_url: str, monkeypatch: pytest.MonkeyPatch, *, revealed: bool) -> int:
    db = open_database(sqlite_url)
    try:
        admin = create_first_admin(db, "admin", "clave-segura-1", "Admin")
        office = (revealed_session if revealed else open_session)(db, admin)
    finally:
        db.close()
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    return office.summary.id


def test_report_writes_the_pdf_of_a_revealed_session(
    capsys, sqlite_url, monkeypatch, tmp_path
) -> None:
    cal = _build(sqlite_url, monkeypatch, revealed=True)
    out = tmp_path / "calibración.pdf"
    code, stdout, err = run(
        capsys, "--db", sqlite_url, "--user", "beto", "calibration", "report", str(cal),
        "--pdf", str(out), "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(stdout)["pdf"] == str(out)
    whole = "\n".join(page_texts(out.read_bytes()))
    assert f"Informe de calibración N.º {cal}" in whole
    assert "Registros en desacuerdo" in whole
    assert not list(tmp_path.glob(".*.tmp"))  # written through the atomic writer


def test_report_of_an_open_session_is_refused_and_writes_nothing(
    capsys, sqlite_url, monkeypatch, tmp_path
) -> None:
    cal = _build(sqlite_url, monkeypatch, revealed=False)
    out = tmp_path / "calibración.pdf"
    code, _, err = run(
        capsys, "--db", sqlite_url, "--user", "ana", "calibration", "report", str(cal),
        "--pdf", str(out),
    )  # fmt: skip
    assert code == EXIT_REJECTED
    assert "sigue abierta" in err and "Traceback" not in err
    assert not out.exists()
