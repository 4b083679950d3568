"""The Auditorías page, the «Nueva auditoría» dialog and one audit's detail (offscreen)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from audit_data import OCTOBER, evaluate, provider, record, store
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import audits, sample
from auditoria_calidad.ui import new_audit_dialog
from auditoria_calidad.ui.audits_page import AuditsPage
from auditoria_calidad.ui.new_audit_dialog import CUSTOM, NewAuditDialog

EXAMPLE = [("Luis", "R-1"), ("Ana", "R-2"), ("Luis", "R-3"), ("Ana", "R-4"), ("Ana", "R-5")]
FIRST, LAST = date(2026, 10, 1), date(2026, 10, 31)
PROVIDER = "Contacto Total S.A.S."


@pytest.fixture
def provider_id(db, admin) -> int:  # type: ignore[no-untyped-def]
    pid = provider(db, admin, PROVIDER)
    store(db, admin, pid, [record(a, k, OCTOBER + timedelta(hours=i))
                           for i, (a, k) in enumerate(EXAMPLE)])  # fmt: skip
    return pid


@pytest.fixture
def page(qtbot, db, auditor, provider_id):  # type: ignore[no-untyped-def]
    widget = AuditsPage(db, auditor)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def _cell(page: AuditsPage, row: int, column: int) -> str:
    return page.table.proxy.index(row, column).data()


def _custom_period(dialog: NewAuditDialog, start: date, end: date) -> None:
    dialog.period.kind.setCurrentIndex(CUSTOM)
    dialog.period.start.setDate(QDate(start.year, start.month, start.day))
    dialog.period.end.setDate(QDate(end.year, end.month, end.day))
    dialog.update_population()


def _click(dialog, role=QDialogButtonBox.ButtonRole.AcceptRole) -> None:  # type: ignore[no-untyped-def]
    buttons = dialog.findChild(QDialogButtonBox)
    next(b for b in buttons.buttons() if buttons.buttonRole(b) == role).click()


def test_the_list_shows_state_and_sample_progress(qtbot, db, auditor, provider_id, page) -> None:
    assert page.model.rowCount() == 0 and page.empty.isVisible()
    drawn = sample.create_audit_and_draw(
        db, auditor, "virtual", provider_id, FIRST, LAST, "0.5", 42
    )
    evaluate(db, auditor, drawn.audit_id, "R-5")
    store(db, auditor, provider_id, [record("Ana", "N-1", datetime(2026, 11, 2))])
    audits.create_audit(db, auditor, "virtual", provider_id, date(2026, 11, 1), date(2026, 11, 30))
    page.refresh()
    assert page.model.rowCount() == 2 and not page.empty.isVisible()
    row = next(r for r in range(2) if _cell(page, r, 0) == drawn.number)
    assert [_cell(page, row, c) for c in range(6)] == [
        drawn.number,
        "Virtual",
        PROVIDER,
        "01/10/2026 – 31/10/2026",
        "Borrador",  # evaluations written directly do not move the state
        "1/3 (5)",
    ]
    page.filter.setText(drawn.number)
    assert page.table.proxy.rowCount() == 1
    page.table.selectRow(0)
    page.open_selected()
    assert page.stack.currentWidget() is page.detail
    assert page.detail.header.title.text() == f"Auditoría {drawn.number}"


def test_new_audit_shows_the_population_live_and_draws_the_sample(qtbot, page) -> None:
    dialog = page.open_new_audit_dialog()
    assert (dialog.isVisible() and not dialog.isModal()) or dialog.windowModality()
    _custom_period(dialog, date(2026, 9, 1), date(2026, 9, 30))
    assert "Ningún registro" in dialog.population.text()
    assert not dialog.create_button.isEnabled()
    _custom_period(dialog, FIRST, LAST)
    assert dialog.population.text() == "5 registros de 2 agentes · muestra de 3 registros"
    dialog.parameters.fraction.setValue(0.3)  # the spin box never goes below 0,50
    assert dialog.parameters.fraction.value() == 0.5
    assert dialog.parameters.fraction.text() == "0,50"
    dialog.parameters.fraction.setValue(1.0)
    assert dialog.population.text().endswith("muestra de 5 registros")
    dialog.parameters.fraction.setValue(0.5)
    dialog.parameters.seed.setText("42")
    with qtbot.waitSignal(dialog.created, timeout=60_000) as created:  # screened off-thread
        _click(dialog)
    assert created.args[0].record_keys == ("R-5", "R-4", "R-1")
    assert not dialog.isVisible()
    detail = page.detail
    assert page.stack.currentWidget() is detail
    assert "Semilla: 42 · Fracción: 0,50" in detail.facts.text()
    assert [(s.agent, s.population, s.required, s.drawn) for s in detail.plan.rows] == [
        ("Ana", 3, 2, 2),
        ("Luis", 2, 1, 1),
    ]
    assert detail.counts["missing"].text() == "3"
    assert page.model.rowCount() == 1


def test_a_large_population_is_drawn_off_the_gui_thread(qtbot, page, monkeypatch) -> None:
    monkeypatch.setattr(new_audit_dialog, "LARGE_POPULATION", 1)
    dialog = page.open_new_audit_dialog()
    _custom_period(dialog, FIRST, LAST)
    with qtbot.waitSignal(dialog.created, timeout=10_000) as created:
        _click(dialog)
    assert created.args[0].sampled == 3 and dialog.task is not None
    qtbot.waitUntil(lambda: not dialog.task.running)


def test_removal_asks_for_a_reason_and_shows_the_replacement(
    qtbot, db, auditor, provider_id, page
) -> None:
    drawn = sample.create_audit_and_draw(
        db, auditor, "virtual", provider_id, FIRST, LAST, "0.5", 42
    )
    page.refresh()
    page.open_audit(drawn.audit_id)
    detail = page.detail
    detail.tabs.setCurrentIndex(1)
    assert detail.items_table.select_where(lambda i: i.key == "R-4")
    dialog = detail.open_remove_dialog()
    assert dialog is not None and dialog.key.text() == "R-4"
    _click(dialog)  # no reason yet
    assert dialog.isVisible() and "motivo" in dialog.error.text()
    dialog.reason.setPlainText("Radicado anulado en el CRM")
    _click(dialog)
    assert not dialog.isVisible()
    assert "Se retiró el registro R-4; lo reemplaza R-2" in detail.notice.text()
    detail.show_removed.setChecked(True)
    states = {i.key: (i.origin_label, i.active) for i in detail.items.rows}
    assert states["R-4"] == ("Sorteado", False) and states["R-2"] == ("Reemplazo", True)

    add = detail.open_add_dialog()
    assert add is not None
    add.key.setText("R-3")
    _click(add)
    assert "Se agregó a mano el registro R-3" in detail.notice.text()
    assert [(s.agent, s.manual) for s in detail.plan.rows] == [("Ana", 0), ("Luis", 1)]

    detail.refresh_button.click()  # the population is screened again off the GUI thread
    qtbot.waitUntil(lambda: "la población no cambió" in detail.notice.text(), timeout=60_000)


def test_marking_ready_before_half_is_evaluated_tells_how_many_are_missing(
    qtbot, db, auditor, provider_id, page, shown_messages
) -> None:
    drawn = sample.create_audit_and_draw(db, auditor, "virtual", provider_id, FIRST, LAST, "1", 1)
    page.open_audit(drawn.audit_id)
    redraw = page.detail.open_draw_dialog()  # allowed while nothing is evaluated
    assert redraw is not None and page.detail.draw_button.text() == "Volver a sortear…"
    redraw.parameters.seed.setText("7")
    redraw.parameters.fraction.setValue(1.0)
    _click(redraw)
    assert "semilla 7" in page.detail.notice.text()
    page.detail.review_button.click()
    assert "«En revisión»" in page.detail.notice.text()
    page.detail.ready_button.click()
    assert "faltan 3" in shown_messages[-1].text
    for key in ("R-1", "R-2", "R-3"):
        evaluate(db, auditor, drawn.audit_id, key, {"coherencia": "cumple"})
    page.detail.reload()
    assert page.detail.counts["missing"].text() == "0"
    page.detail.tabs.setCurrentWidget(page.detail.indicators)
    assert page.detail.indicators.criteria.rowCount() == 6
    assert not page.detail.indicators.empty.isVisible()
    assert not page.detail.draw_button.isEnabled()  # evaluations exist: no new draw
    page.detail.ready_button.click()
    assert "«Lista para aprobar»" in page.detail.notice.text()
    page.show_list()
    assert _cell(page, 0, 4) == "Lista para aprobar"


def test_a_provider_manager_sees_only_its_providers_audits_and_cannot_create(
    qtbot, db, admin, auditor, provider_id, actor_with_role
) -> None:
    sample.create_audit_and_draw(db, auditor, "virtual", provider_id, FIRST, LAST)
    manager = actor_with_role(Role.PROVIDER_MANAGER)  # of another provider
    widget = AuditsPage(db, manager)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == 0
    assert not widget.new_button.isVisibleTo(widget)
    assert not widget.detail.remove_button.isVisibleTo(widget.detail)


def test_the_detail_fits_a_1366_by_768_screen(qtbot, db, auditor, provider_id, page) -> None:
    drawn = sample.create_audit_and_draw(db, auditor, "virtual", provider_id, FIRST, LAST, "1", 3)
    page.resize(1366 - 220, 768 - 90)  # the window minus navigation, menus and status bar
    page.open_audit(drawn.audit_id)
    qtbot.wait(10)
    for button in page.detail.action_buttons:
        assert button.width() >= button.sizeHint().width(), button.text()
    assert page.detail.plan_table.isVisible()
    assert page.detail.tabs.currentIndex() == 0
    assert page.detail.plan_table.horizontalHeader().sortIndicatorSection() == 0
    assert page.detail.items_table.proxy.sortRole() == Qt.ItemDataRole.UserRole


def test_a_duplicate_audit_is_refused_in_the_dialog_naming_the_existing_one(
    qtbot, db, auditor, provider_id, page
) -> None:
    first = audits.create_audit(db, auditor, "virtual", provider_id, FIRST, LAST)
    dialog = page.open_new_audit_dialog()
    _custom_period(dialog, date(2026, 10, 15), date(2026, 11, 15))
    assert first.number in dialog.population.text()
    assert "Ya existe la auditoría" in dialog.population.text()
    assert not dialog.create_button.isEnabled()
    dialog.accept()  # even forced, the service refuses and the dialog says why
    assert dialog.isVisible() and first.number in dialog.error.text()
    assert len(audits.list_audits(db, auditor)) == 1


def test_a_draft_audit_is_annulled_from_its_detail_and_hidden_from_the_list(
    qtbot, db, auditor, provider_id, page
) -> None:
    first = audits.create_audit(db, auditor, "virtual", provider_id, FIRST, LAST)
    page.refresh()
    page.open_audit(first.id)
    assert page.detail.annul_button.isVisible() and page.detail.annul_button.isEnabled()
    dialog = page.detail.open_annul_dialog()
    assert dialog is not None
    dialog.accept()  # no reason: refused inside the dialog
    assert dialog.isVisible() and "motivo" in dialog.error.text()
    dialog.reason.setPlainText("Creada dos veces para octubre")
    dialog.accept()
    assert not dialog.isVisible()
    assert "Creada dos veces para octubre" in page.detail.notice.text()
    assert not page.detail.annul_button.isEnabled()
    assert not page.detail.draw_button.isEnabled()
    page.show_list()
    assert page.model.rowCount() == 0
    page.show_annulled.setChecked(True)
    assert page.model.rowCount() == 1 and _cell(page, 0, 4) == "Anulada"
    # The period is free again.
    second = audits.create_audit(db, auditor, "virtual", provider_id, FIRST, LAST)
    assert second.number != first.number
