"""Inicio: two ways to start on an empty database; a summary once there is data."""

from __future__ import annotations

from auditoria_calidad.ui.welcome_page import WelcomePage


def test_empty_database_offers_import_and_demo(qtbot, open_window, auditor):
    window = open_window(auditor)
    page = window.pages["home"]
    assert isinstance(page, WelcomePage)
    assert page.views.currentIndex() == WelcomePage.EMPTY
    assert page.import_action.isVisible() and page.import_action.isEnabled()
    assert page.import_action.text().startswith("Importar un archivo del CRM")
    assert page.demo_action.isVisible() and page.demo_action.isEnabled()
    assert page.demo_action.text().startswith("Cargar datos de demostración")


def test_import_action_goes_to_the_import_page(qtbot, open_window, auditor):
    window = open_window(auditor)
    window.pages["home"].import_action.click()
    assert window.current_key == "import"


def test_import_action_is_disabled_for_a_role_that_cannot_import(qtbot, open_window, admin):
    window = open_window(admin)
    page = window.pages["home"]
    assert not page.import_action.isEnabled()
    assert "su rol no importa archivos" in page.import_action.text()
    assert page.demo_action.isEnabled()


def test_loading_the_demo_runs_in_a_worker_then_shows_users_and_summary(
    qtbot, open_window, auditor
):
    window = open_window(auditor)
    page = window.pages["home"]
    task = page.load_demo()
    assert task.running  # the GUI thread is free while the demo loads
    assert not page.demo_action.isEnabled()
    qtbot.waitUntil(lambda: page.demo_users_dialog is not None, timeout=120_000)
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)

    dialog = page.demo_users_dialog
    usernames = {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    # The fixture already created «admin», so the demo leaves that one alone.
    assert usernames == {"auditor", "jefe", "gerente", "comite"}
    assert dialog.table.item(0, 1).text()  # the password is shown once
    dialog.accept()

    assert page.views.currentIndex() == WelcomePage.SUMMARY
    assert page.counts["providers"].text() == "1"
    assert page.counts["virtual_records"].text() == "1.850"
    assert page.counts["chat_records"].text() == "800"
    assert "1.850 virtuales · 800 chats" in window.counts_status.text()


def test_summary_shortcuts_navigate(qtbot, open_window, auditor):
    window = open_window(auditor)
    page = window.pages["home"]
    page.navigate_requested.emit("findings")
    assert window.current_key == "findings"
