"""One identity mask everywhere: every window, workbook, PDF and command line output shows a
cédula either whole (to a user with the right to see it) or as «******5332», never in
another masked form and never whole where masking applies (Ley 1581 de 2012)."""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from audit_data import PASSWORD, record, store
from auditoria_calidad.domain.identity import mask_identity, shown_identity
from auditoria_calidad.services import (
    approval,
    audits,
    committee,
    evaluations,
    f182_exchange,
    findings,
    reports,
    sample,
)
from auditoria_calidad.services import committee_minutes as minutes
from auditoria_calidad.services import provider_answers as answers
from cycle_data import ALL_MET, FAILING, START, new_provider, people

CEDULA = "1025595332"
MASKED = "******5332"
# Any run of asterisks or bullets, with what follows it: only MASKED may match.
MASK_LIKE = re.compile(r"[*•●]+ ?[\d.-]*")
# The cédula whole in any spelling (also cut by a line break in a PDF).
WHOLE = re.compile(r"1[.\s-]?0[.\s-]?2[.\s-]?5[.\s-]?5[.\s-]?9[.\s-]?5[.\s-]?3[.\s-]?3[.\s-]?2")


def masked_only(text: str, what: str) -> None:
    """``text`` shows the cédula masked, in the one form, and never whole."""
    assert MASKED in text, f"{what}: no «{MASKED}»"
    others = {m.group().strip() for m in MASK_LIKE.finditer(text)} - {MASKED}
    assert not others, f"{what}: other mask forms {others}"
    assert not WHOLE.search(text), f"{what}: the whole cédula"


def whole_only(text: str, what: str) -> None:
    """``text`` shows the cédula whole, as its digits, and no mask at all."""
    assert CEDULA in text, f"{what}: no «{CEDULA}»"
    assert not MASK_LIKE.search(text), f"{what}: a mask where the reader may see the number"


def no_identity(text: str, what: str) -> None:
    assert not MASK_LIKE.search(text) and not WHOLE.search(text), what


def pdf_text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return "\n".join(page.extract_text() or "" for page in pages)


def workbook_text(data: bytes | Path) -> str:
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    book = load_workbook(source)
    return "\n".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("1025595332", MASKED),
        ("1.025.595.332", MASKED),
        ("1 025 595 332", MASKED),
        ("595332", MASKED),  # the same form whatever the length
        (MASKED, MASKED),  # masking a masked number changes nothing
        ("5332", "******"),  # too short to show four digits and hide any
        ("", ""),
        (None, ""),
    ],
)
def test_the_one_mask(number: str | None, shown: str) -> None:
    assert mask_identity(number) == shown
    assert shown_identity(number, False) == shown


def test_the_whole_number_is_its_digits() -> None:
    assert shown_identity("1.025.595.332", True) == CEDULA
    assert shown_identity(None, True) == ""


@pytest.fixture
def cycle(db, admin, db_url, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """An audit of six records of one requester (two spellings of the same cédula),
    approved, sent, answered and reviewed by the committee whose acta is issued."""
    mine = new_provider(db, admin)
    other = new_provider(db, admin)
    who = people(db, admin, mine[1], other[1])
    rows = [
        record(
            "Ana María Gómez" if i % 2 else "Luis Fernando Pérez",
            f"ID-2026-{i:05d}",
            START + timedelta(hours=3 * i),
            identity_number=CEDULA if i % 2 else "1.025.595.332",
        )
        for i in range(6)
    ]
    store(db, admin, mine[0], rows)
    info = audits.create_audit(
        db, who.auditor, "virtual", mine[0], START.date(), START.date() + timedelta(days=10)
    )
    sample.draw_audit_sample(db, who.auditor, info.id, fraction="1", seed=11)
    items = evaluations.list_sample(db, who.auditor, info.id)
    for index, item in enumerate(items):
        failing = index % 2 == 1
        evaluations.save_evaluation(
            db,
            who.auditor,
            item.sample_item_id,
            evaluations.EvaluationDraft(
                FAILING if failing else ALL_MET, "No responde lo pedido." if failing else ""
            ),
            expected_version=None,
        )
    approval.approve_audit(db, who.head, info.id)
    approval.send_to_provider(db, who.head, info.id, tmp_path / "paquete")
    for finding in findings.list_findings(db, who.manager, info.id):
        answers.save_answer(
            db,
            who.manager,
            finding.id,
            answers.AnswerDraft(
                "Desconocía el trámite.", "Capacitación", "Líder", date(2026, 12, 1)
            ),
        )
    answers.submit_answers(db, who.manager, info.id)
    meeting = committee.create_session(db, who.committee, date(2026, 12, 2), [info.id])
    committee.add_attendee(db, who.committee, meeting.id, "Marta Rincón", "Vicepresidenta", "")
    for finding in findings.list_findings(db, who.committee, info.id):
        committee.record_decision(db, who.committee, meeting.id, finding.id, "aceptada")
    _, acta = minutes.issue_minutes(db, who.committee, meeting.id)
    monkeypatch.setenv("AUDITORIA_DB_URL", db_url)
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    return who, info, items, acta


def test_every_document_shows_the_one_mask(db, cycle, tmp_path) -> None:  # type: ignore[no-untyped-def]
    who, info, _items, acta = cycle
    for actor in (who.manager, who.committee):
        report = reports.audit_report_pdf(db, actor, info.id)
        masked_only(pdf_text(report), f"informe de auditoría ({actor.role.value})")
        f182 = reports.f182_workbook(db, actor, info.id, tmp_path / f"f182-{actor.id}.xlsx")
        masked_only(workbook_text(f182), f"libro F182 ({actor.role.value})")
        book = findings.export_findings_workbook(db, actor, info.id)
        masked_only(workbook_text(book), f"libro de hallazgos ({actor.role.value})")
        # The findings page's «Identificación» column.
        shown = [f.identity for f in findings.list_findings(db, actor, info.id)]
        assert shown and set(shown) == {MASKED}
    # The report issued to the provider is masked even when the head exports it.
    masked_only(pdf_text(reports.audit_report_pdf(db, who.head, info.id)), "informe emitido")
    # The findings workbook leaves the office: masked for everyone.
    masked_only(
        workbook_text(findings.export_findings_workbook(db, who.head, info.id)), "hallazgos"
    )
    # The acta does not list identities; it shows neither the number nor another mask.
    no_identity(pdf_text(acta), "acta")


def test_an_office_copy_shows_the_whole_number_to_who_may_see_it(db, cycle, tmp_path) -> None:  # type: ignore[no-untyped-def]
    who, info, _items, _acta = cycle
    internal = reports.audit_report_pdf(db, who.head, info.id, internal=True)
    whole_only(pdf_text(internal), "informe interno")
    out = tmp_path / "f182-intercambio.xlsx"
    f182_exchange.export_f182(db, who.auditor, info.id, out)
    whole_only(workbook_text(out), "F182 de intercambio del auditor")
    # Not a spelling with dots: the one the user typed in the CRM is not repeated.
    assert "1.025.595.332" not in workbook_text(out)
    # A committee member may not see it whole, even in an internal copy.
    masked_only(
        pdf_text(reports.audit_report_pdf(db, who.committee, info.id, internal=True)),
        "informe interno del comité",
    )


def test_command_line_findings_list(cycle, capsys) -> None:  # type: ignore[no-untyped-def]
    from auditoria_calidad import cli

    who, info, _items, _acta = cycle
    for user in (who.manager.username, who.committee.username):
        for json_flag in ((), ("--json",)):
            try:
                code = cli.main(["findings", "list", info.number, "--user", user, *json_flag])
            except SystemExit as exc:
                code = int(exc.code or 0)
            out, err = capsys.readouterr()
            assert code == 0, err + out
            if json_flag:
                masked_only(out, f"findings list --json ({user})")
                listed = json.loads(out)["findings"]
                assert {f["identity"] for f in listed} == {MASKED}
            else:  # the table has no identity column
                assert "ID-2026-00001" in out
                no_identity(out, f"findings list ({user})")


def test_windows(db, cycle, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from auditoria_calidad.ui.record_summary import RecordSummary
    from auditoria_calidad.ui.sample_list_model import SampleListModel

    who, info, items, _acta = cycle
    # The F182 form is for evaluators, who may all see the number: whole, as its digits,
    # also for the record whose cédula was stored with dots.
    summary = RecordSummary()
    qtbot.addWidget(summary)
    for item in items[:2]:
        summary.show_record(evaluations.load_form(db, who.auditor, item.sample_item_id))
        text = "\n".join(label.text() for label in summary.findChildren(QLabel))
        whole_only(text.replace("\u00a0", " "), "resumen del registro")
    # The sample list (evaluators only) shows no identity at all.
    for actor in (who.auditor, who.head):
        model = SampleListModel()
        model.attach(db, actor, info.id)
        cells = [
            str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole) or "")
            for row in range(model.rowCount())
            for column in range(model.columnCount())
        ]
        assert model.rowCount() == len(items)
        no_identity("\n".join(cells), f"lista de la muestra ({actor.role.value})")
