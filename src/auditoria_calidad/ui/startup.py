"""From an opened database to a logged-in main window, one non-blocking step at a time.

demo (if asked for and the database is empty) → demo users → first administrator (if no
user exists) → login → main window; «Cerrar sesión» goes back to the login, cancelling
any dialog ends the flow. Every dialog is opened with ``open()`` and kept in
`current_dialog`, so tests drive the same flow that the application runs.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
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


class StartupFlow(QObject):
    finished = Signal(int)  # exit code

    def __init__(
        self,
        db: Database,
        settings: QSettings,
        *,
        load_demo: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._load_demo = load_demo
        self.current_dialog: QDialog | None = None
        self.demo_task: ProgressTask | None = None
        self.window: MainWindow | None = None

    def start(self) -> None:
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
        messages.show_error(None, error, title="No se pudieron cargar los datos de demostración")
        self._after_demo()

    def _after_demo(self) -> None:
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

    def _open_main_window(self, dialog: LoginDialog) -> None:
        assert dialog.actor is not None
        self.current_dialog = None
        window = MainWindow(self._db, dialog.actor, self._settings)
        window.logout_requested.connect(self._logged_out)
        window.closed.connect(lambda: self.finished.emit(0))
        self.window = window
        window.show()

    def _logged_out(self) -> None:
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        self.show_login()
