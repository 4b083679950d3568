"""Login protection in the window: the wait the service imposes, and «Desbloquear»."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import auth
from auditoria_calidad.services.administration import add_user, list_users
from auditoria_calidad.ui.login_dialog import LoginDialog
from auditoria_calidad.ui.settings_page import SettingsPage


def _try(dialog: LoginDialog, username: str, password: str) -> str:
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.accept()
    return dialog.error.text()


def test_the_login_dialog_says_how_long_to_wait_and_keeps_ingresar_disabled(qtbot, db, admin):
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    answers = [_try(dialog, "admin", "clave-equivocada") for _ in range(5)]
    assert answers[0] == "Usuario o contraseña incorrectos."
    assert answers[4] == (
        "Usuario o contraseña incorrectos. Espere 1 segundo antes de volver a intentarlo."
    )
    assert dialog.error.isVisible()
    assert not dialog.submit.isEnabled()
    assert dialog.retry_timer.isActive() and dialog.retry_timer.interval() == 1000
    assert dialog.password.text() == ""
    qtbot.wait(50)
    dialog.grab().save("/tmp/login_delay.png")

    dialog.allow_retry()  # what the timer does once the second has passed
    assert dialog.submit.isEnabled()
    # The service, not the dialog, is what refuses an early attempt.
    assert _try(dialog, "admin", "clave-equivocada").startswith("Espere")


def test_unknown_names_get_the_same_answers_in_the_dialog(qtbot, db, admin):
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    assert _try(dialog, "nadie", "clave-equivocada") == _try(dialog, "admin", "clave-equivocada")


@pytest.fixture
def users_tab(qtbot, open_window, admin):  # type: ignore[no-untyped-def]
    window = open_window(admin)
    window.show_page("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    users_tab.window = window  # keep the window alive during the test
    return page.users_tab


def test_desbloquear_lifts_the_lock_of_the_selected_user(
    users_tab, db, admin, password, shown_messages
):
    add_user(db, admin, "pedro.auditor", password, Role.AUDITOR, full_name="Pedro Páez")
    at = datetime.now() - timedelta(hours=1)
    for _ in range(auth.FAILED_BEFORE_LOCK):
        at += timedelta(minutes=1)
        with pytest.raises(auth.AuthenticationFailed):
            auth.login(db, "pedro.auditor", "clave-equivocada", now=at)
    users_tab.refresh()

    users_tab.table.select_where(lambda u: u.username == "admin")
    assert not users_tab.unlock_button.isEnabled()
    users_tab.table.select_where(lambda u: u.username == "pedro.auditor")
    assert users_tab.unlock_button.isEnabled()
    horizontal = Qt.Orientation.Horizontal
    column = [
        users_tab.model.headerData(c, horizontal) for c in range(users_tab.model.columnCount())
    ]
    row = [u.username for u in users_tab.model.rows].index("pedro.auditor")
    locked_text = users_tab.model.data(users_tab.model.index(row, column.index("Bloqueado")))
    assert locked_text.startswith("Sí, desde ")
    users_tab.window().resize(1280, 720)
    users_tab.window().grab().save("/tmp/users_locked.png")

    users_tab.unlock_button.click()

    assert shown_messages[-1].title == "Usuario desbloqueado"
    assert not {u.username: u for u in list_users(db, admin)}["pedro.auditor"].locked_at
    assert not users_tab.unlock_button.isEnabled()
    assert auth.login(db, "pedro.auditor", password).username == "pedro.auditor"
