"""«Agregar por alertas…»: add to the sample every record of the population with the
chosen screening alerts, as directed additions with a written reason. The random part of
the sample and its seed stay as they were."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.screening_dtos import ScreeningSummary
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.messages import inline_error_label, show_inline


class AlertAdditionsDialog(QDialog):
    """One check box per alert found in the population, with how many records carry it.

    ``on_accept`` receives the chosen codes and the reason and does the work; a refusal is
    shown inside the dialog, which stays open.
    """

    def __init__(self, summary: ScreeningSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_accept: Callable[[tuple[str, ...], str], object] | None = None
        self.setWindowTitle(f"Agregar por alertas · Auditoría {summary.number}")
        self.setMinimumWidth(640)
        intro = QLabel(
            "Se agregan a la muestra todos los registros de la población con alguna de las "
            "alertas marcadas, como adiciones dirigidas con su motivo. La parte aleatoria y "
            "su semilla no cambian; los registros ya incluidos quedan como están y los que "
            "se retiraron antes no vuelven."
        )
        intro.setObjectName("formHint")
        intro.setWordWrap(True)
        self.checks: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        heading = QLabel("Registros de la población")
        heading.setObjectName("formHint")
        grid.addWidget(heading, 0, 2, Qt.AlignmentFlag.AlignRight)
        for code, label, records in summary.by_code:
            if records == 0:
                continue
            box = QCheckBox(label)
            box.setObjectName(f"alert_{code}")
            box.toggled.connect(self._update_ok)
            code_label = QLabel(code)
            code_label.setObjectName("formHint")
            count = QLabel(locale_format.count(records))
            row = len(self.checks) + 1
            grid.addWidget(box, row, 0)
            grid.addWidget(code_label, row, 1)
            grid.addWidget(count, row, 2, Qt.AlignmentFlag.AlignRight)
            self.checks[code] = box
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        if not self.checks:
            none = QLabel("Ningún registro de la población tiene alertas.")
            none.setObjectName("formHint")
            layout.addWidget(none)
        reason_label = QLabel("&Motivo (queda en el informe y en el historial):")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("additionReason")
        self.reason.setPlaceholderText(
            "Por ejemplo: revisar todas las respuestas reutilizadas para otros temas"
        )
        self.reason.setFixedHeight(72)
        self.reason.textChanged.connect(self._update_ok)
        reason_label.setBuddy(self.reason)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        self.error = inline_error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("Agregar a la muestra", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_ok()

    def chosen(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.checks.items() if box.isChecked())

    def _update_ok(self) -> None:
        self.ok.setEnabled(bool(self.chosen()) and bool(self.reason.toPlainText().strip()))

    def accept(self) -> None:
        try:
            if self.on_accept is not None:
                self.on_accept(self.chosen(), self.reason.toPlainText())
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        super().accept()
