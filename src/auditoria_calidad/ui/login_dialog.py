"""Logging in: user and password; one message for any failure.

After repeated failures the service refuses attempts for a few seconds: the dialog then
says how long to wait and keeps «Ingresar» disabled meanwhile (a timer, never a sleep).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.auth import LoginDelayed, login
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.office_settings import get_settings
from auditoria_calidad.ui import icons
from auditoria_calidad.ui.messages import inline_error_label, show_inline


class LoginDialog(QDialog):
    """Asks for credentials and checks them with `services.auth.login` on accept.

    Open it with ``open()`` and read `actor` once it is accepted.
    """

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        username: str = "",
        password: str = "",
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.actor: Actor | None = None
        self.setWindowTitle("Ingresar — Auditoría de Calidad")
        self.setWindowIcon(icons.icon("app"))
        self.setMinimumWidth(420)

        settings = get_settings(db)
        header = QLabel("Auditoría de Calidad")
        header.setObjectName("dialogHeader")
        office = QLabel(f"{settings['office_name']} · {settings['entity_name']}")
        office.setObjectName("formHint")
        office.setWordWrap(True)

        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.username.setPlaceholderText("nombre de usuario")
        self.password = QLineEdit(password)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("Usuario:", self.username)
        form.addRow("Contraseña:", self.password)

        self.error = inline_error_label()
        buttons = QDialogButtonBox()
        self.submit = buttons.addButton("Ingresar", QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit.setDefault(True)
        buttons.addButton("Salir", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self.allow_retry)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(office)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def accept(self) -> None:
        if not self.submit.isEnabled():
            return
        try:
            self.actor = login(self._db, self.username.text(), self.password.text())
        except ServiceError as exc:
            show_inline(self.error, exc)
            self.adjustSize()  # the message may take two lines
            self.password.clear()
            self.password.setFocus()
            if isinstance(exc, LoginDelayed):
                self.submit.setEnabled(False)
                self.retry_timer.start(exc.seconds * 1000)
            return
        show_inline(self.error, None)
        super().accept()

    def allow_retry(self) -> None:
        """The delay has passed: «Ingresar» works again (the service still decides)."""
        self.submit.setEnabled(True)
