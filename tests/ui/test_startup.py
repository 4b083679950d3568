"""From an opened database to the main window: first administrator, demo, login, logout."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from auditoria_calidad.services.connection import Database
from auditoria_calidad.ui.demo_loading import DemoUsersDialog
from auditoria_calidad.ui.first_admin_dialog import FirstAdminDialog
from auditoria_calidad.ui.login_dialog import LoginDialog
from auditoria_calidad.ui.startup import StartupFlow

NEW_PASSWORD = "una-clave-nueva"  # for users the dialogs create


@pytest.fixture
def flow(qtbot, db: Database, ui_settings: QSettings) -> Iterator[StartupFlow]:  # type: ignore[no-untyped-def]
    startup = StartupFlow(db, ui_settings)
    yield startup
    if startup.current_dialog is not None:
        startup.current_dialog.close()
    if startup.window is not None:
        startup.window.close()


def test_first_admin_dialog_creates_the_admin_and_then_login_works(qtbot, flow, db):
    flow.start()
    dialog = flow.current_dialog
    assert isinstance(dialog, FirstAdminDialog)
    dialog.username.setText("jefe.sistemas")
    dialog.full_name.setText("Laura Gómez")
    dialog.password.setText(NEW_PASSWORD)
    dialog.repeated.setText(NEW_PASSWORD)
    dialog.accept()

    login_dialog = flow.current_dialog
    assert isinstance(login_dialog, LoginDialog)
    assert login_dialog.username.text() == "jefe.sistemas"
    login_dialog.password.setText(NEW_PASSWORD)
    qtbot.keyClick(login_dialog.password, Qt.Key.Key_Return)  # Enter submits

    assert flow.window is not None
    assert flow.window.actor.username == "jefe.sistemas"
    assert "Laura Gómez" in flow.window.user_status.text()
    assert "Administrador" in flow.window.user_status.text()


@pytest.mark.parametrize(
    ("password", "repeated", "message"),
    [
        ("corta", "corta", "al menos 8 caracteres"),
        (NEW_PASSWORD, NEW_PASSWORD + "x", "Las contraseñas no coinciden."),
    ],
)
def test_first_admin_dialog_rejects_bad_passwords(qtbot, db, password, repeated, message):
    dialog = FirstAdminDialog(db)
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    dialog.password.setText(password)
    dialog.repeated.setText(repeated)
    dialog.accept()
    assert dialog.actor is None
    assert not dialog.error.isHidden()
    assert message in dialog.error.text()


def test_wrong_password_is_shown_in_the_login_dialog_without_detail(qtbot, flow, admin):
    flow.start()
    dialog = flow.current_dialog
    assert isinstance(dialog, LoginDialog)
    for username in ("admin", "nadie"):  # existing user or not: the same message
        dialog.username.setText(username)
        dialog.password.setText("no-es-la-clave")
        dialog.accept()
        assert dialog.error.text() == "Usuario o contraseña incorrectos."
        assert not dialog.error.isHidden()
        assert dialog.password.text() == ""
    assert flow.window is None
    assert dialog.isVisible()


def test_cancelling_the_login_ends_the_flow_cleanly(qtbot, flow, admin):
    flow.start()
    with qtbot.waitSignal(flow.finished) as blocker:
        flow.current_dialog.reject()
    assert blocker.args == [0]
    assert flow.window is None


def test_logout_returns_to_the_login(qtbot, flow, admin, password):
    flow.start()
    flow.current_dialog.username.setText("admin")
    flow.current_dialog.password.setText(password)
    flow.current_dialog.accept()
    window = flow.window
    assert window is not None
    window.logout_action.trigger()
    assert flow.window is None
    assert isinstance(flow.current_dialog, LoginDialog)
    assert flow.current_dialog.isVisible()


def test_startup_with_demo_shows_the_users_once_and_prefills_the_demo_auditor(
    qtbot, db, ui_settings
):
    flow = StartupFlow(db, ui_settings, load_demo=True)
    flow.start()
    qtbot.waitUntil(lambda: isinstance(flow.current_dialog, DemoUsersDialog), timeout=120_000)
    users_dialog = flow.current_dialog
    assert users_dialog.table.rowCount() == 5
    users_dialog.copy_button.click()
    assert "auditor\t" in clipboard_text()
    users_dialog.accept()

    login_dialog = flow.current_dialog
    assert isinstance(login_dialog, LoginDialog)
    assert login_dialog.username.text() == "auditor"
    login_dialog.accept()
    assert flow.window is not None
    assert flow.window.actor.username == "auditor"
    assert "1.850 virtuales" in flow.window.counts_status.text()  # three demo months
    flow.window.close()


def clipboard_text() -> str:
    return QApplication.clipboard().text()
