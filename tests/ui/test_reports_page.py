"""The Informes page: choosing, writing conclusions, previewing and saving, off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from audit_data import record, store
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration, audits, reports
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.auth import login
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.evaluations import EvaluationDraft, save_evaluation
from auditoria_calidad.storage.models import Audit, AuditState
from auditoria_calidad.ui import pdf_preview, reports_page
from auditoria_calidad.ui.pdf_preview import PdfPreview
from auditoria_calidad.ui.reports_page import ReportsPage
from f182_data import PASSWORD, F182Audit, build_audit

ANSWERS = {
    "coherencia": "cumple",
    "pertinencia": "no_cumple",
    "solucion": "cumple",
    "redaccion_ortografia": "alto",
}
WAIT = 30_000  # ms: generation runs on a pool thread


@pytest.fixture
def built(db: Database, admin: Actor) -> F182Audit:
    audit = build_audit(db, admin)
    for item in audit.items[:4]:
        save_evaluation(
            db,
            audit.auditor,
            item,
            EvaluationDraft(ANSWERS, "Falta pertinencia."),
            expected_version=None,
        )
    return audit


@pytest.fixture
def page(qtbot, db: Database, built: F182Audit) -> Iterator[ReportsPage]:  # type: ignore[no-untyped-def]
    widget = ReportsPage(db, built.auditor)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    yield widget
    if widget.task is not None and widget.task.running:
        qtbot.waitUntil(lambda: not widget.task.running, timeout=WAIT)


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """Answer every «Guardar…» dialog with a file in tmp_path; records the titles."""
    asked: list[str] = []

    def answer(_parent, title: str, suggested: str, _filter: str) -> str:  # type: ignore[no-untyped-def]
        asked.append(title)
        return str(tmp_path / suggested)

    monkeypatch.setattr(reports_page, "ask_save_path", answer)
    return asked


def _approve(db: Database, audit_id: int, approver: Actor) -> None:
    with db.transaction() as session:
        row = session.get(Audit, audit_id)
        row.state, row.approved_by = AuditState.APPROVED, approver.id
        row.approved_at = datetime(2026, 11, 3, 10, 0)


def test_the_page_lists_the_audit_and_shows_its_texts(page, built) -> None:
    assert page.audit_combo.count() == 1
    assert page.audit_combo.currentText().startswith(built.number)
    # Evaluation progress counts against the sample and names the population apart.
    assert "4 de 6 de la muestra evaluados (población: 6 registros)" in page.audit_state.text()
    assert not page.conclusions.isReadOnly()
    assert page.month_combo.currentData() == "2026-10"
    assert page.provider_combo.currentText() == "Contacto Total S.A.S."


def test_conclusions_are_saved_with_the_button(qtbot, db, page, built) -> None:
    assert not page.save_texts_button.isEnabled()
    qtbot.keyClicks(page.conclusions, "Hay demoras en la segunda semana.")
    page.recommendations.setPlainText("Reforzar la regla de las 24 horas.")
    assert page.save_texts_button.isEnabled() and "sin guardar" in page.texts_status.text()
    qtbot.mouseClick(page.save_texts_button, Qt.MouseButton.LeftButton)
    texts = reports.report_texts(db, built.auditor, built.audit_id)
    assert texts.conclusions == "Hay demoras en la segunda semana."
    assert texts.recommendations == "Reforzar la regla de las 24 horas."
    assert "Guardado" in page.texts_status.text() and not page.save_texts_button.isEnabled()


def test_leaving_the_audit_or_the_page_saves_what_was_written(db, admin, page, built) -> None:
    # A second audit of the same provider and channel must cover another period: November.
    november = datetime(2026, 11, 5, 8, 0)
    store(db, admin, 1, [record("Ana María Gómez", f"NOV-{i}", november) for i in range(3)])
    other = audits.create_audit(
        db,
        built.auditor,
        Channel.VIRTUAL,
        1,
        datetime(2026, 11, 5).date(),
        datetime(2026, 11, 6).date(),
    )
    page.refresh()
    page.select_audit(built.audit_id)
    page.conclusions.setPlainText("Primera auditoría.")
    page.select_audit(other.id)  # choosing another audit leaves the first one
    assert reports.report_texts(db, built.auditor, built.audit_id).conclusions == (
        "Primera auditoría."
    )
    assert page.conclusions.toPlainText() == ""
    page.conclusions.setPlainText("Segunda auditoría.")
    page.hide()  # leaving the page (another destination, or closing the window)
    assert reports.report_texts(db, built.auditor, other.id).conclusions == "Segunda auditoría."


def test_the_audit_preview_is_generated_off_the_gui_thread(qtbot, page) -> None:
    page.conclusions.setPlainText("Escrito justo antes de la vista previa.")
    with qtbot.waitSignal(page.preview_ready, timeout=WAIT):
        task = page.preview_audit()
        assert task is not None and task.running  # the call returned at once
        assert not page.audit_preview_button.isEnabled()
    assert page.preview.has_pdf and page.audit_preview_button.isEnabled()
    assert page.save_texts_button.isEnabled() is False  # saved before generating
    if pdf_preview.QTPDF_AVAILABLE:
        qtbot.waitUntil(lambda: page.preview.page_count > 0, timeout=WAIT)
        assert page.preview.page_label.text().startswith("Página 1 de")


def test_saving_the_pdf_and_the_workbook(qtbot, page, built, save_to, shown_messages) -> None:
    with qtbot.waitSignal(page.file_saved, timeout=WAIT) as saved:
        page.save_audit_pdf()
    pdf = Path(saved.args[0])
    assert pdf.name == f"Informe {built.number}.pdf" and pdf.read_bytes().startswith(b"%PDF")
    with qtbot.waitSignal(page.file_saved, timeout=WAIT) as saved:
        page.save_audit_xlsx()
    assert Path(saved.args[0]).read_bytes().startswith(b"PK")
    assert save_to == ["Guardar el informe en PDF", "Guardar el formato F182 en Excel"]
    assert [m.title for m in shown_messages] == ["Informe guardado", "Informe guardado"]


def test_a_cancelled_file_dialog_writes_nothing(monkeypatch, page) -> None:
    monkeypatch.setattr(reports_page, "ask_save_path", lambda *_: "")
    assert page.save_audit_pdf() is None and page.task is None


def test_the_monthly_report_previews_and_saves(qtbot, page, save_to) -> None:
    page.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(page.preview_ready, timeout=WAIT):
        page.preview_monthly()
    assert page.preview.has_pdf
    with qtbot.waitSignal(page.file_saved, timeout=WAIT) as saved:
        page.save_monthly_xlsx()
    assert Path(saved.args[0]).suffix == ".xlsx"
    assert "2026-10" in Path(saved.args[0]).name


def test_an_approved_audit_shows_its_texts_read_only(qtbot, db, admin, built) -> None:
    _approve(db, built.audit_id, admin)
    widget = ReportsPage(db, built.auditor)
    qtbot.addWidget(widget)
    assert widget.conclusions.isReadOnly() and widget.save_texts_button.isHidden()
    assert "ya no se pueden modificar" in widget.audit_state.text()


def test_a_service_error_is_shown_not_raised(qtbot, db, page, built, shown_messages) -> None:
    page.conclusions.setPlainText("x" * 20_001)
    assert page.save_texts() is False
    assert shown_messages[-1].icon is QMessageBox.Icon.Warning
    assert "máximo" in shown_messages[-1].text


def test_the_provider_sees_approved_audits_and_only_its_provider(qtbot, db, admin, built) -> None:
    administration.add_provider(db, admin, "Otro Proveedor S.A.S.")
    administration.add_user(
        db, admin, "gerente", PASSWORD, Role.PROVIDER_MANAGER, provider="Contacto Total S.A.S."
    )
    manager = login(db, "gerente", PASSWORD)
    widget = ReportsPage(db, manager)
    qtbot.addWidget(widget)
    assert widget.audit_combo.count() == 0 and widget.audit_empty.isVisibleTo(widget)
    assert not widget.audit_preview_button.isEnabled()
    assert [widget.provider_combo.itemText(i) for i in range(widget.provider_combo.count())] == [
        "Contacto Total S.A.S."
    ]
    assert widget.internal.isHidden()  # the provider never gets full identity numbers
    _approve(db, built.audit_id, admin)
    widget.refresh()
    assert widget.audit_combo.count() == 1 and widget.conclusions.isReadOnly()


def test_without_qtpdf_the_preview_offers_the_system_viewer(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(pdf_preview, "QTPDF_AVAILABLE", False)
    opened: list[Path] = []
    monkeypatch.setattr(pdf_preview, "open_with_system", lambda p: opened.append(p) or True)
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.show_pdf(b"%PDF-1.4 minimal")
    assert "PySide6-Addons" in preview.message.text() and preview.open_button.isVisibleTo(preview)
    assert preview.open_externally()
    assert opened and opened[0].read_bytes() == b"%PDF-1.4 minimal"
    opened[0].unlink()


def test_the_report_is_built_on_a_pool_thread_and_shown_after(
    qtbot, page, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[int] = []
    real = reports.audit_report

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(reports, "audit_report", recording)
    with qtbot.waitSignal(page.preview_ready, timeout=WAIT):
        page.preview_audit()
        assert not page.preview.has_pdf and not page.audit_pdf_button.isEnabled()
    assert threads and threads[0] != threading.get_ident()
    assert page.preview.has_pdf and page.audit_pdf_button.isEnabled()
