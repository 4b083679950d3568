"""Loading the demonstration data from the window, and showing its users once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services.connection import Database
from auditoria_calidad.ui import icons, locale_format
from auditoria_calidad.ui.workers import ProgressCallback, ProgressTask

if TYPE_CHECKING:  # services.demo is imported lazily: its generator may be missing
    from auditoria_calidad.services.demo import DemoResult

DEMO_LOGIN_USER = "auditor"


def start_demo_loading(parent: QWidget | None, db: Database) -> ProgressTask:
    """Load the demo month on a pool thread behind a progress dialog; returns the task."""

    def work(progress: ProgressCallback) -> DemoResult:
        from auditoria_calidad.services.demo import load_demo

        return load_demo(db, progress=progress)

    task = ProgressTask(
        parent,
        "Datos de demostración",
        "Cargando el mes de demostración…",
        work,
    )
    return task.start()


def credentials_text(result: DemoResult) -> str:
    """The demo users as plain text for the clipboard: one «usuario<TAB>contraseña» a line."""
    lines = ["Usuario\tContraseña\tRol\tNombre"]
    lines += [f"{u.username}\t{u.password}\t{u.role.label}\t{u.full_name}" for u in result.users]
    return "\n".join(lines) + "\n"


def demo_login(result: DemoResult) -> tuple[str, str]:
    """User and password to prefill the login with: the demo auditor when it was created."""
    for user in result.users:
        if user.role is Role.AUDITOR:
            return user.username, user.password
    return DEMO_LOGIN_USER, ""


class DemoUsersDialog(QDialog):
    """The demo users and their passwords, shown once, with a Copiar button."""

    def __init__(self, result: DemoResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result = result
        self.setWindowTitle("Usuarios de demostración")
        self.setWindowIcon(icons.icon("app"))
        self.setMinimumSize(640, 380)

        header = QLabel("Se cargaron los datos de demostración")
        header.setObjectName("dialogHeader")
        summary = QLabel(
            f"Proveedor «{result.provider}» con "
            f"{locale_format.plural(result.agents, 'agente', 'agentes')}, "
            f"{locale_format.plural(result.virtual_records, 'respuesta virtual', 'respuestas virtuales')}"
            f" y {locale_format.plural(result.chat_records, 'chat', 'chats')}."
        )
        summary.setWordWrap(True)
        note = QLabel(
            "Estas contraseñas se muestran una sola vez. Cópielas o anótelas antes de cerrar; "
            "el administrador puede cambiarlas después en Configuración."
        )
        note.setObjectName("warningNote")
        note.setWordWrap(True)

        self.table = QTableWidget(len(result.users), 4)
        self.table.setObjectName("demoUsers")
        self.table.setHorizontalHeaderLabels(["Usuario", "Contraseña", "Rol", "Nombre"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for row, user in enumerate(result.users):
            values = (user.username, user.password, user.role.label, user.full_name)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 1:  # a password is read character by character
                    item.setFont(mono)
                self.table.setItem(row, column, item)
        header_view = self.table.horizontalHeader()
        for column in range(3):
            header_view.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setStretchLastSection(True)

        self.copied = QLabel("")
        self.copied.setObjectName("formHint")
        self.copy_button = QPushButton("Copiar")
        self.copy_button.setToolTip("Copia usuarios y contraseñas al portapapeles")
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        buttons = QDialogButtonBox()
        close = buttons.addButton("Cerrar", QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.copy_button)
        bottom.addWidget(self.copied, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(summary)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        if result.skipped_users:
            skipped = QLabel(
                "Ya existían y no se modificaron: " + ", ".join(result.skipped_users) + "."
            )
            skipped.setWordWrap(True)
            layout.addWidget(skipped)
        layout.addLayout(bottom)

    def copy_to_clipboard(self) -> None:
        QApplication.clipboard().setText(credentials_text(self._result))
        self.copied.setText("Copiado al portapapeles.")
