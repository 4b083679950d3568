"""Creating the first administrator of a new database."""

from __future__ import annotations

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
from auditoria_calidad.services.auth import MIN_PASSWORD_LENGTH, create_first_admin
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.ui import icons
from auditoria_calidad.ui.messages import inline_error_label, show_inline


def password_problem(password: str, repeated: str) -> str | None:
    """The Spanish reason a new password cannot be used, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"La contraseña debe tener al menos {MIN_PASSWORD_LENGTH} caracteres."
    if password != repeated:
        return "Las contraseñas no coinciden."
    return None


class FirstAdminDialog(QDialog):
    """Shown when the database has no user; `actor` is the administrator once accepted."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.actor: Actor | None = None
        self.setWindowTitle("Primer administrador — Auditoría de Calidad")
        self.setWindowIcon(icons.icon("app"))
        self.setMinimumWidth(480)

        header = QLabel("Cree el usuario administrador")
        header.setObjectName("dialogHeader")
        intro = QLabel(
            "La base de datos todavía no tiene usuarios. El administrador crea después los "
            "usuarios de auditores, jefe de oficina, gerentes del proveedor y comité."
        )
        intro.setWordWrap(True)

        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("fullName")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.repeated = QLineEdit()
        self.repeated.setObjectName("repeated")
        for field in (self.password, self.repeated):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        hint = QLabel(f"Mínimo {MIN_PASSWORD_LENGTH} caracteres.")
        hint.setObjectName("formHint")
        form = QFormLayout()
        form.addRow("Usuario:", self.username)
        form.addRow("Nombre completo:", self.full_name)
        form.addRow("Contraseña:", self.password)
        form.addRow("Repita la contraseña:", self.repeated)
        form.addRow("", hint)

        self.error = inline_error_label()
        buttons = QDialogButtonBox()
        create = buttons.addButton("Crear administrador", QDialogButtonBox.ButtonRole.AcceptRole)
        create.setDefault(True)
        buttons.addButton("Salir", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        username = self.username.text().strip()
        problem = None if username else "Escriba un nombre de usuario."
        if " " in username:
            problem = "El nombre de usuario no puede tener espacios."
        problem = problem or password_problem(self.password.text(), self.repeated.text())
        if problem:
            show_inline(self.error, problem)
            return
        try:
            self.actor = create_first_admin(
                self._db, username, self.password.text(), self.full_name.text().strip()
            )
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        super().accept()
