"""The small dialogs of an audit's page: add a record to the sample by its key, remove
one with a reason, annul the audit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services import audit_annulment, audits
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.messages import inline_error_label, show_inline


class _KeyDialog(QDialog):
    """Base of the two dialogs that name a record of the sample by its key.

    ``on_accept`` does the work; a refusal is shown inside the dialog, which stays open.
    """

    def __init__(self, title: str, accept_label: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.on_accept: Callable[[], object] | None = None
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.key = QLineEdit()
        self.key.setObjectName("recordKey")
        self.key.setPlaceholderText("Radicado o id. del chat")
        self.form = QFormLayout()
        self.form.addRow("Registro:", self.key)
        self.error = inline_error_label()
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(accept_label, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(buttons)

    def accept(self) -> None:
        try:
            if self.on_accept is not None:
                self.on_accept()
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        super().accept()


class AddRecordDialog(_KeyDialog):
    def __init__(self, keys: list[str], parent: QWidget | None = None) -> None:
        super().__init__("Agregar registro a la muestra", "Agregar", parent)
        completer = QCompleter(QStringListModel(keys, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.key.setCompleter(completer)
        note = QLabel(
            f"Cualquier registro de la población que no esté en la muestra "
            f"({locale_format.plural(len(keys), 'disponible', 'disponibles')}). "
            "Queda con origen «manual»."
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)


class RemoveRecordDialog(_KeyDialog):
    def __init__(self, key: str = "", parent: QWidget | None = None) -> None:
        super().__init__("Retirar registro de la muestra", "Retirar", parent)
        self.key.setText(key)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText("Por ejemplo: radicado importado por error, duplicado…")
        self.reason.setFixedHeight(80)
        self.form.addRow("Motivo:", self.reason)
        note = QLabel(
            "El motivo queda en el registro de auditoría. Un registro sorteado se reemplaza con "
            "el siguiente del mismo agente en el orden del sorteo."
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)


class AnnulAuditDialog(QDialog):
    """Annul a draft audit created by mistake; the reason is required and logged."""

    def __init__(self, db: Database, actor: Actor, audit_id: int, number: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._db, self._actor, self._audit_id = db, actor, audit_id
        self.result_value: audits.AuditInfo | None = None
        self.setWindowTitle(f"Anular la auditoría {number}")
        self.setMinimumWidth(480)
        note = QLabel(
            f"La auditoría {number} quedará «Anulada»: no se borra, pero deja de aparecer en "
            "las listas y en los informes, y el periodo queda libre para crear otra. El motivo "
            "queda en el registro de cambios."
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("annulReason")
        self.reason.setPlaceholderText("Por ejemplo: creada dos veces para el mismo mes…")
        self.reason.setFixedHeight(80)
        form = QFormLayout()
        form.addRow("Motivo:", self.reason)
        self.error = inline_error_label()
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("Anular", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.result_value = audit_annulment.annul_audit(
                self._db, self._actor, self._audit_id, self.reason.toPlainText()
            )
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        super().accept()


# --- The page ----------------------------------------------------------------------------
