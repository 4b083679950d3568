"""Importar: the progress row of a running import (step, bar, «Cancelar»)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from auditoria_calidad.ui import locale_format


class StageRelay(QObject):
    """Carries the import's step names from the worker thread to the GUI thread."""

    stage = Signal(str)


class ImportProgressRow(QWidget):
    """Hidden until an import starts; the bar counts rows once their number is known."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setTextVisible(True)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")
        self.cancel_button = QPushButton("Cancelar")
        self.cancel_button.setObjectName("cancelImport")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.cancel_button)
        self.hide()

    def start(self, stage: str) -> None:
        self.progress.setRange(0, 0)
        self.progress_label.setText(stage)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancelar")
        self.show()

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("Cancelando…")

    def show_stage(self, text: str) -> None:
        self.progress_label.setText(text)
        self.progress.setRange(0, 0)

    def show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat(
                f"{locale_format.count(min(done, total))} de {locale_format.count(total)}"
            )
