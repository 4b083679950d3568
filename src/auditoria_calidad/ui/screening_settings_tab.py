"""Configuración › Análisis automático: what the screening of the answers looks for in
plain language (stock legalisms, the readability threshold) and in the entity's answer
protocol (greetings, closings, signatures). One phrase a line.

Only what the user changed is saved; a change another administrator saved meanwhile to
the same list is refused and both versions are shown.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
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
from auditoria_calidad.services.office_settings import (
    SCREENING_PHRASE_KEYS,
    SETTINGS,
)
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.conflict_dialog import VersionsDialog
from auditoria_calidad.ui.settings_conflict import LABELS, SettingsEdit

THRESHOLD_KEY = "screening_readability_threshold"
DEFAULTS = {spec.key: spec.default for spec in SETTINGS}
HINTS = {
    "screening_legalisms": "Fórmulas que la guía de lenguaje claro pide evitar "
    "(p. ej. «en atención a su solicitud»).",
    "screening_greetings": "Se buscan al comienzo de la respuesta (o del chat).",
    "screening_closings": "Se buscan al final de la respuesta (o del chat).",
    "screening_signatures": "Cargo, dependencia o nombre de la entidad que firma.",
}


def phrases_of(text: str) -> list[str]:
    """The phrases of an editor, one a line, spacing normalised, blank lines dropped, each
    phrase once (case and accents kept as written)."""
    seen: set[str] = set()
    phrases: list[str] = []
    for line in text.splitlines():
        phrase = " ".join(line.split())
        if phrase and phrase.casefold() not in seen:
            seen.add(phrase.casefold())
            phrases.append(phrase)
    return phrases


class ScreeningSettingsTab(QWidget):
    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._edit = SettingsEdit(db, actor)

        intro = QLabel(
            "El análisis automático revisa todas las respuestas del periodo al crear la "
            "auditoría y al actualizar su población. Escriba una frase por línea; las "
            "mayúsculas y las tildes no cuentan al buscarlas. Los cambios se "
            "aplican en el siguiente análisis («Actualizar población» en la auditoría)."
        )
        intro.setObjectName("formHint")
        intro.setWordWrap(True)

        self.threshold = QDoubleSpinBox()
        self.threshold.setLocale(locale_format.COLOMBIA)  # «40,0», as the alerts write it
        self.threshold.setObjectName(THRESHOLD_KEY)
        self.threshold.setRange(0.0, 100.0)
        self.threshold.setDecimals(1)
        self.threshold.setSingleStep(1.0)
        self.threshold.setMaximumWidth(120)
        self.threshold.setToolTip(
            "Índice INFLESZ de Fernández-Huerta adaptado: por debajo de 40 un texto es muy "
            "difícil de leer, entre 40 y 55 algo difícil, entre 55 y 65 normal."
        )
        threshold_label = QLabel(LABELS[THRESHOLD_KEY] + ":")
        threshold_label.setBuddy(self.threshold)
        threshold_hint = QLabel(
            "Una respuesta con un índice menor recibe la alerta «lenguaje_claro»."
        )
        threshold_hint.setObjectName("formHint")
        threshold_row = QHBoxLayout()
        threshold_row.addWidget(threshold_label)
        threshold_row.addWidget(self.threshold)
        threshold_row.addWidget(threshold_hint, 1)

        self.editors: dict[str, QPlainTextEdit] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for index, key in enumerate(SCREENING_PHRASE_KEYS):
            editor = QPlainTextEdit()
            editor.setObjectName(key)
            editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            editor.setMinimumHeight(90)
            self.editors[key] = editor
            label = QLabel(LABELS[key] + ":")
            label.setBuddy(editor)
            label.setToolTip(HINTS[key])
            editor.setToolTip(HINTS[key])
            column = QVBoxLayout()
            column.setSpacing(4)
            column.addWidget(label)
            column.addWidget(editor, 1)
            grid.addLayout(column, index // 2, index % 2)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)

        self.status = QLabel()
        self.status.setObjectName("formHint")
        self.defaults_button = QPushButton("Restaurar las frases predeterminadas")
        self.defaults_button.setToolTip(
            "Pone en los cuadros las listas y el umbral con los que viene el programa; "
            "no se guardan hasta pulsar «Guardar»."
        )
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.save_button = QPushButton("&Guardar")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.defaults_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(intro)
        layout.addLayout(threshold_row)
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)
        self.refresh()

    # Reading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            stored = self._edit.read()
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return
        self._edit.loaded = self.values_of(stored)
        self._show(self._edit.loaded)

    @property
    def conflict_dialog(self) -> VersionsDialog | None:
        return self._edit.conflict_dialog

    @staticmethod
    def values_of(stored: dict[str, object]) -> dict[str, object]:
        values: dict[str, object] = {
            key: [str(p) for p in stored[key]]  # type: ignore[attr-defined]  # a list
            for key in SCREENING_PHRASE_KEYS
        }
        values[THRESHOLD_KEY] = round(float(str(stored[THRESHOLD_KEY])), 1)
        return values

    def _show(self, values: dict[str, object]) -> None:
        self.threshold.setValue(float(str(values[THRESHOLD_KEY])))
        for key, editor in self.editors.items():
            phrases = values[key]
            assert isinstance(phrases, list)
            editor.setPlainText("\n".join(str(p) for p in phrases))
        self._show_counts()

    def _show_counts(self) -> None:
        counts = [
            f"{LABELS[key].split(' (')[0].lower()}: "
            f"{locale_format.count(len(phrases_of(self.editors[key].toPlainText())))}"
            for key in SCREENING_PHRASE_KEYS
        ]
        self.status.setText("Frases — " + " · ".join(counts))

    def values(self) -> dict[str, object]:
        values: dict[str, object] = {
            key: phrases_of(editor.toPlainText()) for key, editor in self.editors.items()
        }
        values[THRESHOLD_KEY] = round(self.threshold.value(), 1)
        return values

    def restore_defaults(self) -> None:
        self._show(self.values_of(DEFAULTS))

    # Saving -----------------------------------------------------------------------------
    def save(self) -> bool:
        values = self.values()
        empty = [LABELS[key] for key in SCREENING_PHRASE_KEYS[1:] if not values[key]]
        if empty:
            messages.show_error(
                self,
                "Escriba al menos una frase en «"
                + "», «".join(empty)
                + "»: sin ellas toda respuesta tendría la alerta «protocolo».",
            )
            return False
        if not self._edit.changes(values):
            messages.show_info(self, "No hay cambios que guardar.", "Análisis automático")
            return False
        if not self._edit.save(self, values, again=self.save, reread=self.refresh):
            return False
        self._show(values)
        messages.show_info(
            self,
            "Se guardó la configuración del análisis automático. Se aplicará al actualizar la "
            "población de cada auditoría y en las auditorías nuevas.",
            "Análisis automático",
        )
        self.data_changed.emit()
        return True
