"""The end of the cycle on the command line: approve, send, verify, answer, committee, close."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from audit_data import PASSWORD, first_admin
from auditoria_calidad import cli
from auditoria_calidad.services.connection import open_database
from cycle_data import HOSTILE, evaluated_audit, new_provider, people


@pytest.fixture(scope="module")
def setup_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{(tmp_path_factory.mktemp('cycle') / 'test.db').as_posix()}"
    db = open_database(url)
    admin = first_admin(db)
    mine, other = new_provider(db, admin), new_provider(db, admin)
    who = people(db, admin, mine[1], other[1])
    db.close()
    return url, who, mine


@pytest.fixture
def env(setup_db, monkeypatch):  # type: ignore[no-untyped-def]
    url, who, mine = setup_db
    monkeypatch.setenv("AUDITORIA_DB_URL", url)
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    return url, who, mine


def run(capsys, user: str, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    try:
        code = cli.main([*argv, "--user", user])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys, user: str, *argv: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    code, out, err = run(capsys, user, *argv, "--json")
    assert code == 0, err + out
    return json.loads(out)


def _audit(url: str, who, mine, **kwargs):  # type: ignore[no-untyped-def]
    db = open_database(url)
    try:
        return evaluated_audit(db, who.admin, who.auditor, mine, **kwargs)
    finally:
        db.close()


def test_the_end_of_the_cycle_runs_from_the_command_line(env, capsys, tmp_path: Path) -> None:
    url, who, mine = env
    audit = _audit(url, who, mine, count=4, observation=HOSTILE)
    head, manager, member = who.head.username, who.manager.username, who.committee.username

    approved = ok(capsys, head, "audit", "approve", audit.number)
    assert approved["state"] == "approved" and approved["findings"] == 4
    sent = ok(capsys, head, "audit", "send", audit.number, "--out", str(tmp_path / "paquete"))
    pdf, workbook = (Path(f) for f in sent["files"])
    assert sent["state"] == "sent" and pdf.is_file() and workbook.is_file()
    code, out, _ = run(capsys, manager, "audit", "verify", audit.number, str(pdf))
    assert code == 0 and "es el informe emitido" in out
    forged = tmp_path / "forjado.pdf"
    forged.write_bytes(pdf.read_bytes() + b"\n")
    code, out, _ = run(capsys, manager, "audit", "verify", audit.number, str(forged))
    assert code == 1 and "NO coincide" in out

    listed = ok(capsys, manager, "findings", "list", audit.number)["findings"]
    assert len(listed) == 4 and all(f["identity"].startswith("******") for f in listed)
    ids = [f["id"] for f in listed]
    answered = ok(
        capsys,
        manager,
        "findings",
        "answer",
        str(ids[0]),
        "--cause",
        "Causa",
        "--action",
        "=Acción",
        "--responsible",
        "Líder",
        "--date",
        "15/12/2026",
    )
    assert answered["status"] == "respondida" and answered["answer"]["corrective_action"] == (
        "=Acción"
    )
    book = load_workbook(workbook)
    sheet = book["Hallazgos"]
    for row in range(7, sheet.max_row + 1):
        for column, value in zip(range(11, 15), ("C", "A", "R", "20/12/2026"), strict=True):
            sheet.cell(row=row, column=column).value = value
    returned = tmp_path / "devuelto.xlsx"
    book.save(returned)
    code, out, err = run(capsys, manager, "findings", "import", audit.number, str(returned))
    assert code == 3 and "--overwrite" in err  # the app answer would be replaced
    imported = ok(capsys, manager, "findings", "import", audit.number, str(returned), "--overwrite")
    assert imported["applied"] == 4 and imported["state"] == "answered"
    status = ok(capsys, head, "findings", "status")["audits"]
    assert any(s["number"] == audit.number and s["pending"] == 0 for s in status)

    created = ok(
        capsys,
        member,
        "committee",
        "create",
        "--date",
        "02/12/2026",
        "--audits",
        audit.number,
        "--place",
        "Sala 3",
    )
    acta = created["acta"]
    ok(
        capsys,
        member,
        "committee",
        "attendee",
        acta,
        "--name",
        "Marta Rincón",
        "--position",
        "Vicepresidenta",
        "--organization",
        "Entidad",
    )
    ok(capsys, member, "committee", "attendee", acta, "--name", "Diana Salazar", "--absent")
    for finding_id in ids:
        ok(capsys, member, "committee", "decide", acta, str(finding_id), "--decision", "aceptada")
    ok(
        capsys,
        member,
        "committee",
        "decide",
        acta,
        str(ids[1]),
        "--decision",
        "seguimiento",
        "--observation",
        "Verificar en enero",
    )
    commitment = ok(
        capsys,
        member,
        "committee",
        "commitment",
        acta,
        "--action",
        "Capacitar",
        "--responsible",
        "Diana Salazar",
        "--organization",
        "Proveedor",
        "--due",
        "2027-01-10",
        "--audit",
        audit.number,
    )
    shown = ok(capsys, member, "committee", "show", acta)
    assert shown["attendees"] == 2 and shown["decided"] == 4
    out_pdf = tmp_path / "acta.pdf"
    issued = ok(capsys, member, "committee", "minutes", acta, "--pdf", str(out_pdf))
    assert issued["state"] == "issued" and out_pdf.read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, member, "committee", "attendee", acta, "--name", "Tarde")
    assert code == 3 and "ya fue emitida" in err
    code, _, err = run(capsys, head, "audit", "close", audit.number)
    assert code == 3 and "en seguimiento" in err

    second = ok(capsys, member, "committee", "create", "--date", "13/01/2027")
    assert second["audits"] == [audit.number]
    pending = ok(capsys, head, "committee", "commitments", "--open")["commitments"]
    assert commitment["id"] in {c["id"] for c in pending}
    ok(capsys, member, "committee", "close-commitment", second["acta"], str(commitment["id"]))
    ok(capsys, member, "committee", "decide", second["acta"], str(ids[1]), "--decision", "aceptada")
    ok(capsys, member, "committee", "attendee", second["acta"], "--name", "Marta Rincón")
    ok(capsys, member, "committee", "minutes", second["acta"], "--pdf", str(tmp_path / "2.pdf"))
    closed = ok(capsys, head, "audit", "close", audit.number)
    assert closed["state"] == "closed"


def test_errors_are_spanish_messages_with_exit_codes(env, capsys) -> None:
    url, who, mine = env
    audit = _audit(url, who, mine, count=4, evaluate=1)
    code, _, err = run(capsys, who.head.username, "audit", "approve", audit.number)
    assert code == 3 and "faltan 1" in err
    code, _, err = run(capsys, who.auditor.username, "audit", "approve", audit.number)
    assert code == 4 and "no tiene permiso para aprobar auditorías" in err
    code, _, err = run(capsys, who.other_manager.username, "findings", "list", audit.number)
    assert code == 4
    code, _, err = run(capsys, who.committee.username, "committee", "create", "--date", "31/02")
    assert code == 3 and "31/02" in err
    code, out, _ = run(
        capsys, who.head.username, "findings", "export", audit.number, "x.xlsx", "--json"
    )
    assert code == 3 and json.loads(out)["ok"] is False


def test_an_invalid_answers_workbook_lists_every_problem(env, capsys, tmp_path: Path) -> None:
    url, who, mine = env
    audit = _audit(url, who, mine, count=4)
    ok(capsys, who.head.username, "audit", "approve", audit.number)
    sent = ok(capsys, who.head.username, "audit", "send", audit.number, "--out", str(tmp_path))
    book = load_workbook(sent["files"][1])
    sheet = book["Hallazgos"]
    for row in range(7, sheet.max_row + 1):
        sheet.cell(row=row, column=11).value = "Solo la causa"  # «Análisis de causa»
    book.save(tmp_path / "mal.xlsx")
    code, out, err = run(
        capsys,
        who.manager.username,
        "findings",
        "import",
        audit.number,
        str(tmp_path / "mal.xlsx"),
        "--json",
    )
    payload = json.loads(out)
    assert code == 3 and payload["ok"] is False and len(payload["problems"]) == 12
    assert "No se importó nada" in err and "fila 7, columna L" in err


def _numbered_rows(text: str) -> dict[str, set[int]]:
    """radicado → the numbers printed right before it in a table row of ``text``."""
    found: dict[str, set[int]] = {}
    for number, key in re.findall(r"(?:^|\s)(\d{1,4})\s+(C\d+-2026-\d{5})", text):
        found.setdefault(key, set()).add(int(number))
    return found


def test_each_inconsistency_has_one_number_in_the_pdf_workbook_cli_and_acta(
    env, capsys, tmp_path: Path
) -> None:
    url, who, mine = env
    audit = _audit(url, who, mine, count=6)
    head, manager, member = who.head.username, who.manager.username, who.committee.username
    ok(capsys, head, "audit", "approve", audit.number)
    sent = ok(capsys, head, "audit", "send", audit.number, "--out", str(tmp_path / "paquete"))
    pdf, workbook = (Path(f) for f in sent["files"])

    listed = ok(capsys, manager, "findings", "list", audit.number)["findings"]
    numbers: dict[str, set[int]] = {}
    for f in listed:
        numbers.setdefault(f["key"], set()).add(f["number"])
    assert sorted(f["number"] for f in listed) == list(range(1, len(listed) + 1))
    # Numbered by radicado: a later radicado never has a smaller number.
    in_order = [f["key"] for f in sorted(listed, key=lambda f: f["number"])]
    assert in_order == sorted(in_order)
    code, text, _ = run(capsys, manager, "findings", "list", audit.number)
    assert code == 0 and "N.º" in text
    assert _numbered_rows(text) == numbers

    # The audit report: numbered the same although it groups the rows by agent.
    report = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert _numbered_rows(report.split("5. Inconsistencias encontradas")[-1]) == numbers

    sheet = load_workbook(workbook)["Hallazgos"]
    in_book: dict[str, set[int]] = {}
    for r in range(7, sheet.max_row + 1):
        in_book.setdefault(sheet.cell(row=r, column=3).value, set()).add(
            sheet.cell(row=r, column=2).value
        )
    assert sheet.cell(row=6, column=2).value == "N.º" and in_book == numbers

    # The answer and the committee's decision name the finding by «AUDITORÍA/N.º».
    chosen = sorted(listed, key=lambda f: f["number"])[1]
    key, number = chosen["key"], chosen["number"]
    answered = ok(
        capsys,
        manager,
        "findings",
        "answer",
        f"{audit.number}/{number}",
        *("--cause", "Causa", "--action", "Acción", "--responsible", "Líder"),
        *("--date", "15/12/2026"),
    )
    assert answered["key"] == key and answered["number"] == number
    created = ok(
        capsys, member, "committee", "create", "--date", "03/12/2026", "--audits", audit.number
    )
    acta = created["acta"]
    ok(capsys, member, "committee", "attendee", acta, "--name", "Marta Rincón")
    for n in range(1, len(listed) + 1):
        decided = ok(
            capsys,
            member,
            "committee",
            "decide",
            acta,
            f"{audit.number}/{n}",
            "--decision",
            "aceptada",
        )
        assert decided["number"] == n
    code, _, err = run(
        capsys, member, "committee", "decide", acta, f"{audit.number}/99", "--decision", "aceptada"
    )
    assert code != 0 and "no tiene el hallazgo N.º 99" in err
    out_pdf = tmp_path / "acta-numeros.pdf"
    ok(capsys, member, "committee", "minutes", acta, "--pdf", str(out_pdf))
    minutes_text = "\n".join(page.extract_text() for page in PdfReader(out_pdf).pages)
    assert _numbered_rows(minutes_text) == numbers


def test_the_committee_records_the_meeting_details_from_the_command_line(env, capsys) -> None:
    url, who, mine = env
    member = who.committee.username
    audit = _audit(url, who, mine, count=2)
    ok(capsys, who.head.username, "audit", "approve", audit.number)
    ok(capsys, who.head.username, "audit", "send", audit.number)
    created = ok(
        capsys,
        member,
        "committee",
        "create",
        *("--date", "04/12/2026", "--audits", audit.number, "--start", "08:30"),
        *("--chair", "Ana Torres"),
    )
    assert created["starts_at"] == "08:30" and created["chair"] == "Ana Torres"
    code, _, err = run(capsys, member, "committee", "update", created["acta"], "--end", "8h")
    assert code != 0 and "HH:MM" in err
    updated = ok(
        capsys,
        member,
        "committee",
        "update",
        created["acta"],
        *("--end", "10:00", "--secretary", "Luis Pérez", "--quorum"),
        *("--conclusions", "Se aceptan las respuestas."),
    )
    assert updated["ends_at"] == "10:00" and updated["quorum"] is True
    assert updated["secretary"] == "Luis Pérez" and updated["chair"] == "Ana Torres"
    assert updated["conclusions"] == "Se aceptan las respuestas."
    code, text, _ = run(capsys, member, "committee", "show", created["acta"])
    assert code == 0 and "08:30 a 10:00" in text and "Quórum: sí" in text


def test_demo_export_files_writes_the_crm_exports_of_every_demo_month(
    capsys, tmp_path: Path
) -> None:
    folder = tmp_path / "archivos"
    code = cli.main(["demo", "--export-files", str(folder), "--json"])
    out, _ = capsys.readouterr()
    assert code in (0, None)
    files = [Path(f) for f in json.loads(out)["files"]]
    names = sorted(p.name for p in files)
    assert names == sorted(
        [
            "crm_virtual_2026-08.xlsx",
            "crm_virtual_2026-08.csv",
            "crm_virtual_2026-09.xlsx",
            "crm_virtual_2026-09.csv",
            "crm_virtual_2026-10.xlsx",
            "crm_virtual_2026-10.csv",
            "crm_chat_2026-10.xlsx",
            "crm_chat_2026-10.csv",
        ]
    )
    assert all(p.parent == folder and p.stat().st_size > 0 for p in files)
    sheet = load_workbook(folder / "crm_virtual_2026-08.xlsx").active
    assert sheet.max_row > 100  # a month of records under a title banner
