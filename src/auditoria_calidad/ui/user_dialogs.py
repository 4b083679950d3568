"""Dialogs of the Usuarios tab: a new user and a new password."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.administration import UserInfo, add_user, change_password
from auditoria_calidad.services.auth import MIN_PASSWORD_LENGTH
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.ui.first_admin_dialog import password_problem
from auditoria_calidad.ui.messages import inline_error_label, show_inline


def _password_fields(form: QFormLayout) -> tuple[QLineEdit, QLineEdit]:
    password = QLineEdit()
    password.setObjectName("password")
    repeated = QLineEdit()
    repeated.setObjectName("repeated")
    for field in (password, repeated):
        field.setEchoMode(QLineEdit.EchoMode.Password)
    hint = QLabel(f"Mínimo {MIN_PASSWORD_LENGTH} caracteres.")
    hint.setObjectName("formHint")
    form.addRow("Contraseña:", password)
    form.addRow("Repita la contraseña:", repeated)
    form.addRow("", hint)
    return password, repeated


def _buttons(dialog: QDialog, accept_label: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox()
    ok = buttons.addButton(accept_label, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setDefault(True)
    buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewUserDialog(QDialog):
    """Creates a user with `services.administration.add_user` on accept."""

    def __init__(
        self, db: Database, actor: Actor, providers: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.created: UserInfo | None = None
        self.setWindowTitle("Nuevo usuario")
        self.setMinimumWidth(460)

        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("fullName")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in Role:
            self.role.addItem(role.label, role.value)
        self.provider = QComboBox()
        self.provider.setObjectName("provider")
        self.provider.addItems(providers)
        self.provider.setPlaceholderText(
            "Elija el proveedor" if providers else "No hay proveedores todavía"
        )
        self.provider.setCurrentIndex(-1)
        self.role.currentIndexChanged.connect(self._role_changed)

        form = QFormLayout()
        form.addRow("Usuario:", self.username)
        form.addRow("Nombre completo:", self.full_name)
        form.addRow("Rol:", self.role)
        form.addRow("Proveedor:", self.provider)
        self.password, self.repeated = _password_fields(form)
        self.error = inline_error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "Crear usuario"))
        self._role_changed()

    def select_role(self, role: Role) -> None:
        self.role.setCurrentIndex(self.role.findData(role.value))

    def selected_role(self) -> Role:
        # Qt hands a StrEnum back as a plain str: keep the value, rebuild the Role.
        return Role(self.role.currentData())

    def _role_changed(self) -> None:
        is_manager = self.selected_role() is Role.PROVIDER_MANAGER
        self.provider.setEnabled(is_manager)
        if not is_manager:
            self.provider.setCurrentIndex(-1)

    def accept(self) -> None:
        problem = password_problem(self.password.text(), self.repeated.text())
        if problem:
            show_inline(self.error, problem)
            return
        role = self.selected_role()
        provider = self.provider.currentText() if role is Role.PROVIDER_MANAGER else None
        try:
            self.created = add_user(
                self._db,
                self._actor,
                self.username.text(),
                self.password.text(),
                role,
                full_name=self.full_name.text(),
                provider=provider or None,
            )
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        super().accept()


class ChangePasswordDialog(QDialog):
    """Sets a new password for ``user`` with `services.administration.change_password`."""

    def __init__(
        self, db: Database, actor: Actor, user: UserInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._user = user
        self.setWindowTitle("Cambiar contraseña")
        self.setMinimumWidth(420)
        who = QLabel(f"Nueva contraseña para {user.full_name} ({user.username}).")
        who.setWordWrap(True)
        form = QFormLayout()
        self.password, self.repeated = _password_fields(form)
        self.error = inline_error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "Cambiar contraseña"))

    def accept(self) -> None:
        problem = password_problem(self.password.text(), self.repeated.text())
        if problem:
            show_inline(self.error, problem)
            return
        try:
            change_password(self._db, self._actor, self._user.id, self.password.text())
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        super().accept()
