"""Configuración › Agentes: agents with their records, proposals, merging after confirming."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest

from audit_data import record, store
from auditoria_calidad.services import administration, agents
from auditoria_calidad.ui.agents_tab import AgentsTab
from auditoria_calidad.ui.settings_page import SettingsPage

PROVIDER = "Contacto Total S.A.S."
OCT = datetime(2026, 10, 6, 8, 0)
NAMES = {
    "Ana María Gómez Restrepo": 48,
    "Ana Maria Gomes Restrepo": 3,
    "Luis Fernando Pérez Ortiz": 37,
    "Pérez Ortiz Luis Fernando": 2,
    "Carolina Suárez Mejía": 41,
    "Jhon Alexánder Castaño": 29,
    "John Alexánder Castaño": 1,
    "Diana Marcela Peña Rincón": 33,
}


@pytest.fixture
def tab(qtbot, db, admin, open_window) -> AgentsTab:  # type: ignore[no-untyped-def]
    info = administration.add_provider(db, admin, PROVIDER, "90")
    administration.add_provider(db, admin, "Servicios Omnicanal Ltda.", "92")
    rows, n = [], 0
    for name, count in NAMES.items():
        for _ in range(count):
            rows.append(record(name, f"2026-{n:05d}", OCT + timedelta(minutes=47 * n)))
            n += 1
    store(db, admin, info.id, rows)
    window = open_window(admin)
    window.resize(1280, 720)
    window.show_page("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage) and page.agents_tab is not None
    page.tabs.setCurrentWidget(page.agents_tab)
    page.agents_tab.select_provider(PROVIDER)
    tab.kept_window = window  # keep the window alive during the test
    return page.agents_tab


def test_the_tab_lists_agents_with_their_records_and_the_proposals_with_their_reason(tab):
    shown = {a.name: a.records for a in tab.agents.rows}
    assert shown == NAMES
    assert tab.agents_title.text() == f"Agentes de «{PROVIDER}» (8)"
    proposals = [
        (
            tab.proposals.data(tab.proposals.index(r, 0)),
            tab.proposals.data(tab.proposals.index(r, 2)),
        )
        for r in range(tab.proposals.rowCount())
    ]
    assert proposals == [
        ("Ana Maria Gomes Restrepo (3 registros)", "Difieren en una letra"),
        ("Pérez Ortiz Luis Fernando (2 registros)", "Mismas palabras en otro orden"),
        ("John Alexánder Castaño (1 registro)", "Difieren en una letra"),
    ]
    assert tab.proposals_title.text() == "Posibles agentes repetidos (3)"
    assert tab.merge_button.isEnabled()
    if os.environ.get("AGENTS_TAB_GRAB"):
        tab.window().grab().save(os.environ["AGENTS_TAB_GRAB"])


def test_fusionar_asks_then_merges_and_the_history_shows_it(tab, db, admin):
    tab.proposals_table.selectRow(0)
    dialog = tab.open_merge_dialog()
    assert dialog is not None
    assert dialog.source.currentData() == "Ana Maria Gomes Restrepo"
    assert dialog.target.currentData() == "Ana María Gómez Restrepo"
    assert "pasarán a «Ana María Gómez Restrepo»" in dialog.explanation.text()
    if os.environ.get("AGENTS_DIALOG_GRAB"):
        dialog.grab().save(os.environ["AGENTS_DIALOG_GRAB"])
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    shown = {a.name: a for a in tab.agents.rows}
    assert "Ana Maria Gomes Restrepo" not in shown
    merged = shown["Ana María Gómez Restrepo"]
    assert merged.records == 51
    assert (
        tab.agents.data(tab.agents.index(tab.agents.rows.index(merged), 2))
        == "Ana Maria Gomes Restrepo"
    )
    assert tab.proposals.rowCount() == 2
    assert {a.name: a.records for a in agents.agents_of(db, admin, PROVIDER)}[
        "Ana María Gómez Restrepo"
    ] == 51


def test_the_dialog_shows_a_refusal_inline_and_merges_nothing(tab):
    dialog = tab.open_free_merge_dialog()
    assert dialog is not None
    dialog.source.setCurrentIndex(0)
    dialog.target.setCurrentIndex(0)
    assert not dialog.ok.isEnabled()
    assert dialog.explanation.text() == "Elija dos agentes distintos."
    dialog.reject()


def test_a_provider_without_duplicates_says_so(tab):
    tab.select_provider("Servicios Omnicanal Ltda.")
    assert tab.agents.rows == [] and tab.proposals.rowCount() == 0
    assert tab.proposals_stack.currentWidget() is tab.no_proposals
    assert not tab.merge_button.isEnabled()


def test_two_people_are_set_aside_with_a_reason_and_not_proposed_again(tab, db, admin):
    before = {(p.source, p.target) for p in tab.proposals.rows}
    assert ("John Alexánder Castaño", "Jhon Alexánder Castaño") in before
    assert tab.proposals_table.select_where(lambda p: p.source == "John Alexánder Castaño")
    dialog = tab.open_keep_apart_dialog()
    assert dialog is not None
    dialog.accept()  # no reason: refused inside the dialog
    assert dialog.isVisible() and "por qué" in dialog.error.text()
    dialog.reason.setPlainText("Cédulas distintas según el proveedor")
    dialog.accept()
    assert not dialog.isVisible()
    after = {(p.source, p.target) for p in tab.proposals.rows}
    assert after == before - {("John Alexánder Castaño", "Jhon Alexánder Castaño")}
    # Both agents stay, each with its records; the decision holds for the next imports.
    assert {a.name for a in tab.agents.rows} == set(NAMES)
    again = agents.proposals_for(db, admin, PROVIDER)
    assert all({p.source, p.target} != {"John Alexánder Castaño", "Jhon Alexánder Castaño"}
               for p in again)  # fmt: skip
