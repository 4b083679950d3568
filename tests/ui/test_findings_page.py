"""The «Hallazgos» page: approve, send, verify, answer in the dialog, import, filters.

File dialogs are replaced by the test's paths and message boxes are recorded (see
conftest), so nothing ever blocks; long work runs on the pool and is waited for.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate

from auditoria_calidad.services import approval, findings
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.audits import AuditState
from auditoria_calidad.ui import findings_page
from auditoria_calidad.ui.findings_page import FindingsPage
from cycle_data import evaluated_audit, new_provider, people

ANSWER = answers.AnswerDraft("Causa", "Acción", "Responsable", date(2026, 12, 15))


@pytest.fixture
def cast(db, admin):  # type: ignore[no-untyped-def]
    mine, other = new_provider(db, admin), new_provider(db, admin)
    return mine, other, people(db, admin, mine[1], other[1])


def _page(qtbot, db, actor) -> FindingsPage:  # type: ignore[no-untyped-def]
    page = FindingsPage(db, actor)
    qtbot.addWidget(page)
    page.resize(1146, 700)
    page.show()
    return page


def _wait(qtbot, page: FindingsPage) -> None:  # type: ignore[no-untyped-def]
    assert page.task is not None
    if page.task.running:
        with qtbot.waitSignal(page.task.finished, timeout=20_000):
            pass


def test_the_head_approves_sends_and_verifies_from_the_page(
    qtbot, db, admin, cast, shown_messages, tmp_path, monkeypatch
) -> None:
    mine, _other, who = cast
    audit = evaluated_audit(db, admin, who.auditor, mine, count=4)
    page = _page(qtbot, db, who.head)
    assert page.select_audit(audit.audit_id)
    assert page.approve_button.isVisible() and page.approve_button.isEnabled()
    assert not page.answer_button.isVisible()  # only the provider's manager answers
    assert "Las inconsistencias se crean al aprobarla" in page.summary.text()
    page.approve()
    _wait(qtbot, page)
    assert shown_messages[-1].title == "Hallazgos"
    assert "aprobada: 4 inconsistencias" in shown_messages[-1].text
    assert page.audit is not None and page.audit.state is AuditState.APPROVED
    assert page.finding_model.rowCount() == 4
    assert page.send_button.isEnabled() and not page.approve_button.isEnabled()

    monkeypatch.setattr(findings_page, "ask_directory", lambda *_a: str(tmp_path / "paquete"))
    page.send()
    _wait(qtbot, page)
    assert page.audit is not None and page.audit.state is AuditState.SENT
    confirmation = next(m for m in shown_messages if m.title == "Generar paquete para el proveedor")
    assert f"{audit.number}-informe.pdf" in confirmation.text
    assert f"{audit.number}-hallazgos.xlsx" in confirmation.text
    assert "días hábiles desde hoy" in confirmation.text
    assert "plazo de respuesta del proveedor" in shown_messages[-1].text
    report = tmp_path / "paquete" / f"{audit.number}-informe.pdf"
    check = page.verify_report(str(report))
    assert check is not None and check.matches
    assert shown_messages[-1].title == "Informe verificado"
    forged = tmp_path / "otro.pdf"
    forged.write_bytes(report.read_bytes()[:-10])
    check = page.verify_report(str(forged))
    assert check is not None and not check.matches
    assert shown_messages[-1].title == "El informe no coincide"


def test_approval_below_half_is_refused_with_the_count(
    qtbot, db, admin, cast, shown_messages
) -> None:
    mine, _other, who = cast
    audit = evaluated_audit(db, admin, who.auditor, mine, count=6, evaluate=2)
    page = _page(qtbot, db, who.head)
    page.select_audit(audit.audit_id)
    page.approve()
    _wait(qtbot, page)
    assert "faltan 1" in shown_messages[-1].text


def test_the_manager_answers_in_the_dialog_drafts_then_submits(
    qtbot, db, admin, cast, shown_messages
) -> None:
    mine, other, who = cast
    audit = evaluated_audit(db, admin, who.auditor, mine, count=4)
    foreign = evaluated_audit(db, admin, who.auditor, other, count=2)
    for a in (audit, foreign):
        approval.approve_audit(db, who.head, a.audit_id)
        approval.send_to_provider(db, who.head, a.audit_id)
    page = _page(qtbot, db, who.manager)
    listed = {r.audit_id for r in page.audit_model.rows}
    assert audit.audit_id in listed and foreign.audit_id not in listed
    assert not page.provider_filter.isVisible() and not page.approve_button.isVisible()
    page.select_audit(audit.audit_id)
    page.finding_table.selectRow(0)
    assert page.answer_button.isEnabled() and not page.submit_button.isEnabled()
    dialog = page.answer_selected()
    assert dialog is not None
    dialog.cause.setPlainText("")
    assert not dialog.save(submit=False)
    assert dialog.error.isVisible() and "Falta el análisis de causa" in dialog.error.text()
    dialog.cause.setPlainText("El agente no consultó la base de conocimiento.")
    dialog.action.setPlainText("Retroalimentación individual.")
    dialog.responsible.setText("Coordinadora de calidad")
    dialog.commitment.setDate(QDate(2026, 12, 15))
    assert dialog.save(submit=False)
    assert page.audit is not None and page.audit.drafts == 1
    assert page.submit_button.isEnabled()
    assert "(borrador sin enviar el" in page.detail.toPlainText()
    page.submit_answers()
    assert "1 respuesta enviada." in shown_messages[-1].text
    assert page.audit is not None and (page.audit.answered, page.audit.pending) == (1, 3)
    assert "1 respondida · 3 pendientes" in page.summary.text()


def test_import_asks_before_replacing_submitted_answers(
    qtbot, db, admin, cast, shown_messages, tmp_path
) -> None:
    mine, _other, who = cast
    audit = evaluated_audit(db, admin, who.auditor, mine, count=4)
    approval.approve_audit(db, who.head, audit.audit_id)
    approval.send_to_provider(db, who.head, audit.audit_id)
    rows = findings.list_findings(db, who.manager, audit.audit_id)
    answers.save_answer(db, who.manager, rows[0].id, ANSWER)
    path = tmp_path / "hallazgos.xlsx"
    findings.export_findings_workbook(db, who.manager, audit.audit_id, path)
    workbook = load_workbook(path)
    sheet = workbook["Hallazgos"]
    for row in range(7, sheet.max_row + 1):
        for column, value in zip(
            range(11, 15), ("Otra causa", "Otra acción", "Ana", datetime(2026, 12, 20)), strict=True
        ):
            sheet.cell(row=row, column=column).value = value
    workbook.save(path)
    page = _page(qtbot, db, who.manager)
    page.select_audit(audit.audit_id)
    first = page.import_answers(str(path))
    assert first is not None
    _wait(qtbot, page)
    if page.task is not first:  # the confirmed re-import
        _wait(qtbot, page)
    questions = [m for m in shown_messages if m.title == "Reemplazar respuestas"]
    assert questions and "fila 7" in questions[0].text
    assert "--overwrite" not in questions[0].text
    assert "4 aplicadas" in shown_messages[-1].text
    assert page.audit is not None and page.audit.state is AuditState.ANSWERED


def test_filters_by_state_provider_and_overdue(qtbot, db, admin, cast) -> None:
    mine, other, who = cast
    sent = evaluated_audit(db, admin, who.auditor, mine, count=2)
    approved = evaluated_audit(db, admin, who.auditor, other, count=2)
    for a in (sent, approved):
        approval.approve_audit(db, who.head, a.audit_id)
    approval.send_to_provider(db, who.head, sent.audit_id, now=datetime(2026, 1, 5, 9))
    page = _page(qtbot, db, who.head)
    assert {r.audit_id for r in page.audit_model.rows} == {sent.audit_id, approved.audit_id}
    page.state_filter.setCurrentIndex(page.state_filter.findData(AuditState.SENT.value))
    assert [r.audit_id for r in page.audit_model.rows] == [sent.audit_id]
    page.state_filter.setCurrentIndex(0)
    page.provider_filter.setCurrentIndex(page.provider_filter.findData(other[0]))
    assert [r.audit_id for r in page.audit_model.rows] == [approved.audit_id]
    page.provider_filter.setCurrentIndex(0)
    page.overdue_filter.setChecked(True)  # the deadline of January 2026 has passed
    assert [r.audit_id for r in page.audit_model.rows] == [sent.audit_id]
    page.finding_filter.setCurrentIndex(page.finding_filter.findData("overdue"))
    assert page.finding_model.rowCount() == 2
    assert all("vencida" in page.finding_model.index(r, 4).data() for r in range(2))


def test_an_empty_page_says_what_will_appear(qtbot, db, admin, cast) -> None:
    _mine, _other, who = cast
    page = _page(qtbot, db, who.committee)
    assert page.audit_model.rowCount() == 0
    assert "Todavía no hay auditorías aprobadas" in page.empty.text()
    assert Path(findings_page.__file__).name == "findings_page.py"


def test_approval_and_the_package_run_off_the_gui_thread_with_the_actions_disabled(
    qtbot, db, admin, cast, shown_messages, tmp_path, monkeypatch
) -> None:
    mine, _other, who = cast
    audit = evaluated_audit(db, admin, who.auditor, mine, count=4)
    threads: dict[str, int] = {}

    def on_thread(name: str, real):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            threads[name] = threading.get_ident()
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(approval, "approve_audit", on_thread("approve", approval.approve_audit))
    monkeypatch.setattr(approval, "send_to_provider", on_thread("send", approval.send_to_provider))
    page = _page(qtbot, db, who.head)
    page.select_audit(audit.audit_id)
    page.approve()
    assert page.task is not None and page.task.running
    assert not page.approve_button.isEnabled() and not page.verify_button.isEnabled()
    _wait(qtbot, page)
    assert threads["approve"] != threading.get_ident()
    assert "aprobada: 4 inconsistencias" in shown_messages[-1].text
    assert page.send_button.isEnabled() and not page.approve_button.isEnabled()

    monkeypatch.setattr(findings_page, "ask_directory", lambda *_a: str(tmp_path / "paquete"))
    page.send()
    assert page.task is not None and page.task.running and not page.send_button.isEnabled()
    _wait(qtbot, page)
    assert threads["send"] != threading.get_ident()
    assert "plazo de respuesta del proveedor" in shown_messages[-1].text
    assert page.audit is not None and page.audit.state is AuditState.SENT
    assert page.verify_button.isEnabled()
