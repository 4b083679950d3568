"""Configuración › Plantillas de observación: the sentences per criterion that auditors
insert with F4 in the F182 observations. One template a line."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database, DatabaseError
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.observation_templates import (
    criterion_labels,
    list_observation_templates,
    save_observation_templates,
)
from auditoria_calidad.ui import locale_format, messages


class ObservationTemplatesEditor(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.templates: dict[str, list[str]] = {}
        intro = QLabel(
            "Frases listas que el auditor inserta en las observaciones del formato F182 con "
            "F4 (o Ctrl+Espacio); se ofrecen las de los criterios que no cumplen. Escriba "
            "una plantilla por línea."
        )
        intro.setObjectName("formHint")
        intro.setWordWrap(True)
        self.criterion = QComboBox()
        for key, label in criterion_labels().items():
            self.criterion.addItem(label, key)
        self.criterion.currentIndexChanged.connect(self._show)
        criterion_label = QLabel("&Criterio:")
        criterion_label.setBuddy(self.criterion)
        self.text = QPlainTextEdit()
        self.text.setObjectName("templatesText")
        self.save_button = QPushButton("&Guardar plantillas")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("formHint")
        self.error = messages.inline_error_label()
        chooser = QHBoxLayout()
        chooser.addWidget(criterion_label)
        chooser.addWidget(self.criterion, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(chooser)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.templates = list_observation_templates(self._db)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return
        self._show()

    def _show(self) -> None:
        key = self.criterion.currentData()
        self.text.setPlainText("\n".join(self.templates.get(key, [])))
        self.status.clear()

    def save(self) -> None:
        key = self.criterion.currentData()
        lines = self.text.toPlainText().split("\n")
        try:
            self.templates = save_observation_templates(self._db, self._actor, key, lines)
        except (ServiceError, DatabaseError) as exc:
            messages.show_inline(self.error, exc)
            return
        messages.show_inline(self.error, None)
        self._show()
        count = len(self.templates.get(key, []))
        self.status.setText(
            f"{'Se guardó' if count == 1 else 'Se guardaron'} "
            f"{locale_format.plural(count, 'plantilla', 'plantillas')} de "
            f"«{self.criterion.currentText()}»."
        )
