"""Configuración › Plantillas de observación: the sentences per criterion that auditors
insert with F4 in the F182 observations. One template a line.

The editor remembers the version of the templates it read; when another administrator
saved them since, nothing is overwritten: both versions are shown and the user keeps one.
"""

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
from auditoria_calidad.services.edit_conflicts import StaleEdit
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.observation_templates import (
    criterion_labels,
    list_observation_templates,
    save_observation_templates,
    templates_version,
)
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.conflict_dialog import VersionsDialog, stale_edit_dialog


class ObservationTemplatesEditor(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.templates: dict[str, list[str]] = {}
        self.version = 0  # of the templates as read; a save from an older one is refused
        self.conflict_dialog: VersionsDialog | None = None
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
            self.version = templates_version(self._db)  # read first: never newer than shown
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
            self.templates = save_observation_templates(
                self._db, self._actor, key, lines, expected_version=self.version
            )
            self.version = templates_version(self._db)  # then read again, in that order
            self.templates = list_observation_templates(self._db)
        except StaleEdit as exc:
            self._show_conflict(exc, key, lines)
            return
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

    def _show_conflict(self, refused: StaleEdit, key: str, lines: list[str]) -> None:
        """These templates beside the ones saved meanwhile: keep those (shown) or save these."""
        messages.show_inline(self.error, refused)
        label = criterion_labels().get(key, key)
        texts = [t.lstrip().rstrip("\r\n\t") for t in lines if t.strip()]
        mine = [(f"Plantillas de «{label}»", "\n".join(dict.fromkeys(texts)))]
        dialog = stale_edit_dialog(refused, mine, self)

        def keep_saved() -> None:
            messages.show_inline(self.error, None)
            self.refresh()

        def keep_mine() -> None:
            self.version = refused.saved.version  # the user has seen them: save over them
            self.save()

        dialog.keep_saved.connect(keep_saved)
        dialog.keep_mine.connect(keep_mine)
        self.conflict_dialog = dialog
        dialog.open()
