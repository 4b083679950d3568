"""From an opened database to a logged-in main window, one non-blocking step at a time.

demo (if asked for and the database is empty) → demo users → first administrator (if no
user exists) → login → main window; «Cerrar sesión» goes back to the login, cancelling
any dialog ends the flow. Every dialog is opened with ``open()`` and kept in
`current_dialog`, so tests drive the same flow that the application runs.

In the smoke mode (`gui --demo --smoke`, the installation check) the flow drives itself:
it accepts the demo users dialog and the prefilled login, waits until the main window is
on screen, closes it and finishes with 0; anything else finishes with 1.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from auditoria_calidad.services.auth import needs_first_admin
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.overview import database_has_data
from auditoria_calidad.ui import messages
from auditoria_calidad.ui.demo_loading import DemoUsersDialog, demo_login, start_demo_loading
from auditoria_calidad.ui.first_admin_dialog import FirstAdminDialog
from auditoria_calidad.ui.login_dialog import LoginDialog
from auditoria_calidad.ui.main_window import MainWindow
from auditoria_calidad.ui.workers import ProgressTask

SMOKE_POLL_MS = 50
SMOKE_WINDOW_WAIT_MS = 60_000  # how long the window may take to appear on screen


class StartupFlow(QObject):
    finished = Signal(int)  # exit code

    def __init__(
        self,
        db: Database,
        settings: QSettings,
        *,
        load_demo: bool = False,
        smoke: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._load_demo = load_demo or smoke
        self._smoke = smoke
        self._smoke_waited_ms = 0
        self.current_dialog: QDialog | None = None
        self.demo_task: ProgressTask | None = None
        self.window: MainWindow | None = None

    def start(self) -> None:
        if self._smoke and database_has_data(self._db):
            self._smoke_failed("la base de datos de la prueba no está vacía")
            return
        if self._load_demo and not database_has_data(self._db):
            self.demo_task = start_demo_loading(None, self._db)
            self.demo_task.succeeded.connect(self._demo_loaded)
            self.demo_task.failed.connect(self._demo_failed)
            self.demo_task.cancelled.connect(self._after_demo)
        else:
            self._after_demo()

    def _demo_loaded(self, result: Any) -> None:
        username, password = demo_login(result)
        dialog = DemoUsersDialog(result)
        dialog.finished.connect(lambda _code: self.show_login(username, password))
        self._open(dialog)

    def _demo_failed(self, error: BaseException) -> None:
        if self._smoke:
            self._smoke_failed(
                f"no se pudieron cargar los datos de demostración: {messages.user_message(error)}"
            )
            return
        messages.show_error(None, error, title="No se pudieron cargar los datos de demostración")
        self._after_demo()

    def _after_demo(self) -> None:
        if self._smoke and self.demo_task is None:
            self._smoke_failed("no se cargaron los datos de demostración")
            return
        if needs_first_admin(self._db):
            dialog = FirstAdminDialog(self._db)
            dialog.accepted.connect(
                lambda: self.show_login(dialog.actor.username if dialog.actor else "")
            )
            dialog.rejected.connect(lambda: self.finished.emit(0))
            self._open(dialog)
        else:
            self.show_login()

    def show_login(self, username: str = "", password: str = "") -> LoginDialog:
        dialog = LoginDialog(self._db, username=username, password=password)
        dialog.accepted.connect(lambda: self._open_main_window(dialog))
        dialog.rejected.connect(lambda: self.finished.emit(0))
        self._open(dialog)
        return dialog

    def _open(self, dialog: QDialog) -> None:
        self.current_dialog = dialog
        dialog.open()
        if self._smoke:
            QTimer.singleShot(0, lambda: self._smoke_answer(dialog))

    def _open_main_window(self, dialog: LoginDialog) -> None:
        assert dialog.actor is not None
        self.current_dialog = None
        window = MainWindow(self._db, dialog.actor, self._settings)
        window.logout_requested.connect(self._logged_out)
        window.closed.connect(lambda: self.finished.emit(0))
        self.window = window
        window.show()
        if self._smoke:
            QTimer.singleShot(SMOKE_POLL_MS, self._smoke_check_window)

    def _logged_out(self) -> None:
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        self.show_login()

    # The smoke mode ----------------------------------------------------------------------
    def _smoke_answer(self, dialog: QDialog) -> None:
        if isinstance(dialog, DemoUsersDialog):
            dialog.accept()
        elif isinstance(dialog, LoginDialog):
            dialog.accept()  # prefilled with the demo auditor
            if dialog.actor is None:
                self._smoke_failed(f"no se pudo iniciar sesión: {dialog.error.text()}")
        else:
            dialog.reject()
            self._smoke_failed(f"apareció un diálogo inesperado: «{dialog.windowTitle()}»")

    def _smoke_check_window(self) -> None:
        window = self.window
        if window is None:
            self._smoke_failed("la ventana principal no se abrió")
            return
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            self._smoke_waited_ms += SMOKE_POLL_MS
            if self._smoke_waited_ms > SMOKE_WINDOW_WAIT_MS:
                self._smoke_failed("la ventana principal no apareció en la pantalla")
            else:
                QTimer.singleShot(SMOKE_POLL_MS, self._smoke_check_window)
            return
        window.grab()  # paints every widget of the shown page once
        print(
            f"Prueba de la ventana superada: plataforma «{QGuiApplication.platformName()}», "
            f"datos de demostración cargados, sesión de «{window.actor.username}», ventana "
            f"principal mostrada ({window.width()}×{window.height()}) y cerrada.",
            flush=True,
        )
        window.close()  # emits closed → finished(0)

    def _smoke_failed(self, reason: str) -> None:
        print(f"La prueba de la ventana falló: {reason}.", file=sys.stderr, flush=True)
        if self.window is not None:
            self.window.closed.disconnect()
            self.window.close()
        self.finished.emit(1)
