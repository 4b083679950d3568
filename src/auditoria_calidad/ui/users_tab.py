"""Configuración › Usuarios: who may log in, with which role."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.administration import (
    UserInfo,
    list_providers,
    list_users,
    set_user_active,
)
from auditoria_calidad.services.auth import unlock_user
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.ui import messages
from auditoria_calidad.ui.table_models import RowTableView, UsersTableModel
from auditoria_calidad.ui.user_dialogs import ChangePasswordDialog, NewUserDialog


class UsersTab(QWidget):
    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.dialog: NewUserDialog | ChangePasswordDialog | None = None

        self.model = UsersTableModel(self)
        self.table = RowTableView(self.model)
        self.table.setObjectName("usersTable")
        self.new_button = QPushButton("Nuevo usuario…")
        self.new_button.clicked.connect(self.open_new_user_dialog)
        self.active_button = QPushButton("Desactivar")
        self.active_button.clicked.connect(self.toggle_active)
        self.password_button = QPushButton("Cambiar contraseña…")
        self.password_button.clicked.connect(self.open_change_password_dialog)
        self.unlock_button = QPushButton("Desbloquear")
        self.unlock_button.setObjectName("unlockUser")
        self.unlock_button.setToolTip(
            "Permite volver a ingresar a un usuario bloqueado por intentos fallidos."
        )
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        note = QLabel(
            "Un usuario desactivado no puede ingresar, pero su historial se conserva. "
            "Tras 10 intentos fallidos seguidos un usuario queda bloqueado hasta que un "
            "administrador lo desbloquee. "
            "El Gerente Outsourcing solo ve la información de su proveedor."
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.active_button)
        buttons.addWidget(self.password_button)
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self.refresh()

    def refresh(self) -> None:
        selected = self.table.selected_row()
        try:
            self.model.set_rows(list_users(self._db, self._actor))
        except ServiceError as exc:
            messages.show_error(self, exc)
        if selected is not None:
            self.table.select_where(lambda u: u.id == selected.id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        user: UserInfo | None = self.table.selected_row()
        self.active_button.setEnabled(user is not None)
        self.password_button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and user.locked_at is not None)
        self.active_button.setText(
            "Activar" if user is not None and not user.active else "Desactivar"
        )

    def open_new_user_dialog(self) -> NewUserDialog:
        try:
            providers = [p.name for p in list_providers(self._db, self._actor)]
        except ServiceError as exc:
            messages.show_error(self, exc)
            providers = []
        dialog = NewUserDialog(self._db, self._actor, providers, self)
        dialog.accepted.connect(self._user_created)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _user_created(self) -> None:
        self.refresh()
        if isinstance(self.dialog, NewUserDialog) and self.dialog.created:
            created = self.dialog.created
            self.table.select_where(lambda u: u.id == created.id)
        self.data_changed.emit()

    def toggle_active(self) -> None:
        user: UserInfo | None = self.table.selected_row()
        if user is None:
            return
        try:
            set_user_active(self._db, self._actor, user.id, not user.active)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        self.refresh()

    def open_change_password_dialog(self) -> ChangePasswordDialog | None:
        user: UserInfo | None = self.table.selected_row()
        if user is None:
            return None
        dialog = ChangePasswordDialog(self._db, self._actor, user, self)
        dialog.accepted.connect(
            lambda: messages.show_info(
                self, f"Se cambió la contraseña de {user.username}.", "Contraseña cambiada"
            )
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def unlock_selected(self) -> None:
        user: UserInfo | None = self.table.selected_row()
        if user is None or user.locked_at is None:
            return
        try:
            unlock_user(self._db, self._actor, user.username)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        self.refresh()
        messages.show_info(
            self, f"{user.username} ya puede volver a ingresar.", "Usuario desbloqueado"
        )
