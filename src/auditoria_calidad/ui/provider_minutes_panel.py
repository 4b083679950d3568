"""«Actas del Comité» of the provider's manager: the issued actas that reviewed its audits,
and for each one the extract its provider receives (only its own inconsistencies, answers
and commitments), saved to a file off the GUI thread and checked against the SHA-256
recorded when the acta was issued.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services import minutes_extracts
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.committee_minutes import verify_minutes
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.minutes_extracts import IssuedExtract, SavedExtract
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.file_filters import PDF_FILTER
from auditoria_calidad.ui.table_models import Column, RowTableModel, RowTableView
from auditoria_calidad.ui.workers import BackgroundCall

TITLE = "Actas del Comité"


def _ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, suggested, file_filter)[0]


def _ask_open_path(parent: QWidget, title: str, file_filter: str) -> str:
    return QFileDialog.getOpenFileName(parent, title, str(Path.home()), file_filter)[0]


# Replaced by tests, which must never block on a file dialog; "" means cancelled.
ask_save_path: Callable[[QWidget, str, str, str], str] = _ask_save_path
ask_open_path: Callable[[QWidget, str, str], str] = _ask_open_path


class ExtractsModel(RowTableModel[IssuedExtract]):
    COLUMNS = (
        Column[IssuedExtract]("Acta N.º", lambda e: e.acta_number),
        Column[IssuedExtract](
            "Fecha de la sesión", lambda e: locale_format.day(e.held_on), lambda e: e.held_on
        ),
        Column[IssuedExtract](
            "Emitida", lambda e: locale_format.moment(e.issued_at), lambda e: e.issued_at
        ),
        Column[IssuedExtract]("Auditorías revisadas", lambda e: ", ".join(e.audits)),
        Column[IssuedExtract]("Huella SHA-256", lambda e: f"{e.sha256[:16]}…"),
    )


class ProviderMinutesPanel(QWidget):
    """The extracts of the issued actas for one provider's manager."""

    saved = Signal(object)  # SavedExtract, after the file is written and checked

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.task: BackgroundCall | None = None
        intro = QLabel(
            "Cada acta emitida del Comité de Calidad que revisó auditorías de su proveedor "
            "tiene un extracto con solo sus inconsistencias, sus respuestas, las decisiones "
            "del comité y sus compromisos. La huella SHA-256 se registró al emitir el acta: "
            "sirve para comprobar que el archivo no fue modificado."
        )
        intro.setWordWrap(True)
        intro.setObjectName("formHint")
        self.empty = QLabel(
            "Todavía no hay actas emitidas que revisen auditorías de su proveedor. Aparecen "
            "aquí cuando el Comité de Calidad emite el acta de una sesión."
        )
        self.empty.setObjectName("formHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.model = ExtractsModel(self)
        self.table = RowTableView(self.model)
        self.table.setObjectName("providerExtracts")
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.hash_label = QLabel()
        self.hash_label.setObjectName("extractHash")
        self.hash_label.setWordWrap(True)
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.hash_value = QLabel()
        self.hash_value.setObjectName("extractHashValue")
        self.hash_value.setFont(mono)
        self.hash_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton("Guardar extracto (PDF)…")
        self.save_button.setObjectName("saveExtract")
        self.save_button.clicked.connect(lambda _checked=False: self.save_selected())
        self.verify_button = QPushButton("Verificar extracto…")
        self.verify_button.setObjectName("verifyExtract")
        self.verify_button.setToolTip(
            "Compara un archivo PDF con la huella registrada al emitir el acta."
        )
        self.verify_button.clicked.connect(lambda _checked=False: self.verify_selected())
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.verify_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(intro)
        layout.addWidget(self.empty, 1)  # takes the table's place when there is none
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hash_label)
        layout.addWidget(self.hash_value)
        layout.addLayout(buttons)
        self.refresh()

    @property
    def extract(self) -> IssuedExtract | None:
        row: IssuedExtract | None = self.table.selected_row()
        return row

    def refresh(self) -> None:
        """Reload the issued extracts, keeping the selection."""
        if self.task is not None and self.task.running:
            return
        selected = self.extract
        try:
            rows = minutes_extracts.issued_extracts(self._db, self._actor)
        except ServiceError as exc:
            messages.show_error(self, exc)
            rows = []
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if not (
            selected
            and self.table.select_where(
                lambda e: (
                    (e.session_id, e.provider_id) == (selected.session_id, selected.provider_id)
                )
            )
        ):
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        extract = self.extract
        if extract is None:
            self.hash_label.setText("")
            self.hash_value.setText("")
        else:
            self.hash_label.setText(
                f"Extracto del acta {extract.acta_number} para {extract.provider} · huella "
                "SHA-256 registrada al emitirla:"
            )
            self.hash_value.setText(extract.sha256)
        running = self.task is not None and self.task.running
        self.save_button.setEnabled(extract is not None and not running)
        self.verify_button.setEnabled(extract is not None and not running)

    def save_selected(self) -> BackgroundCall | None:
        """Ask where, then write the stored extract on a pool thread and check its hash."""
        extract = self.extract
        if extract is None:
            return None
        path = ask_save_path(
            self, "Guardar extracto del acta", str(Path.home() / extract.file_name), PDF_FILTER
        )
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        db, actor = self._db, self._actor
        session_id, provider_id = extract.session_id, extract.provider_id
        task = BackgroundCall(
            self,
            lambda: minutes_extracts.save_extract(db, actor, session_id, provider_id, path),
            controls=[self.save_button, self.verify_button, self.table],
        )
        task.succeeded.connect(self._saved)
        task.failed.connect(lambda exc: messages.show_error(self, exc))
        self.task = task
        return task.start()

    def _saved(self, result: SavedExtract) -> None:
        if result.matches:
            messages.show_info(
                self,
                f"Extracto del acta {result.acta_number} para {result.provider} guardado en "
                f"{result.path}.\nHuella SHA-256: {result.sha256}\nCoincide con la huella "
                "registrada al emitir el acta.",
                TITLE,
            )
        else:
            messages.show_error(
                self,
                f"El archivo {result.path} no coincide con la huella registrada del extracto "
                f"del acta {result.acta_number}. Vuelva a guardarlo.\n"
                f"Huella del archivo: {result.sha256}",
                title="El extracto no coincide",
            )
        self.saved.emit(result)

    def verify_selected(self, path: str | None = None) -> bool | None:
        """Compare a PDF the user picks with the hash of the selected extract."""
        extract = self.extract
        if extract is None:
            return None
        path = path or ask_open_path(self, "Verificar extracto del acta", PDF_FILTER)
        if not path:
            return None
        try:
            check = verify_minutes(
                self._db, self._actor, extract.session_id, path, extract.provider_id
            )
        except ServiceError as exc:
            messages.show_error(self, exc)
            return None
        name = Path(path).name
        if check.matches:
            messages.show_info(
                self,
                f"El archivo {name} es el extracto emitido del acta {check.acta_number} para "
                f"{check.provider}.\nHuella SHA-256: {check.stored_sha256}",
                "Extracto verificado",
            )
        else:
            messages.show_error(
                self,
                f"El archivo {name} NO es el extracto emitido del acta {check.acta_number} para "
                f"{check.provider}: fue modificado o es otro documento.\n"
                f"Huella registrada: {check.stored_sha256}\n"
                f"Huella del archivo: {check.file_sha256}",
                title="El extracto no coincide",
            )
        return check.matches
