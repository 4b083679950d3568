"""Importar: bring a CRM export in (file, channel, provider, sheet, columns), follow the
import with a progress bar that can cancel it, read what came of it, and look back at
earlier imports and their rejected rows.

The file is read off the GUI thread twice: once to show its sheets, header and columns
(`imports.inspect_file`), once to import it (`imports.run_import`, one transaction).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services import administration, imports
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.agents import can_merge
from auditoria_calidad.services.connection import Database, DatabaseError
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.imports import (
    ColumnMapping,
    FileInspection,
    ImportCancelled,
    ImportRequest,
    ImportSummary,
    MissingColumns,
    UncertainMapping,
)
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.agents_tab import AgentsDialog
from auditoria_calidad.ui.channel_suggestion import ChannelSuggestion
from auditoria_calidad.ui.import_agents_hint import AgentsHint
from auditoria_calidad.ui.import_history import ImportHistory
from auditoria_calidad.ui.import_mapping_status import (
    date_order_pending,
    mapping_status,
    pending_fields,
)
from auditoria_calidad.ui.import_progress import ImportProgressRow, StageRelay
from auditoria_calidad.ui.mapping_dialog import MappingDialog
from auditoria_calidad.ui.page_header import PageHeader
from auditoria_calidad.ui.period_edit import PeriodEdit
from auditoria_calidad.ui.workers import Worker

NO_FILE = "Ningún archivo elegido: use «Elegir archivo…» o arrastre el archivo sobre esta página."


def accepted_file(url: QUrl) -> Path | None:
    """The local file of a dropped URL when it is a CRM export the importer reads."""
    if not url.isLocalFile():
        return None
    path = Path(url.toLocalFile())
    return path if path.suffix.lower() in imports.FILE_SUFFIXES else None


class ImportPage(QWidget):
    """The page of the «Importar» destination."""

    data_changed = Signal()
    inspected = Signal()  # the file's sheets, header and columns are shown (or failed)
    import_finished = Signal(object)  # the ImportSummary, or None (failed or cancelled)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.path: Path | None = None
        self.inspection: FileInspection | None = None
        self.mapping: ColumnMapping | None = None
        self.mapping_profile: str | None = None
        self.chosen_fields: set[str] = set()  # fields whose column the user chose
        self.date_order: str | None = None  # "dmy"/"mdy" chosen in the mapping dialog
        self.dialog: MappingDialog | None = None
        self.worker: Worker | None = None
        self._inspections = 0  # only the latest inspection's answer counts
        self._provider_names: list[str] = []
        self._relay = StageRelay(self)
        self._relay.stage.connect(lambda text: self.progress_row.show_stage(text))
        self.setAcceptDrops(True)

        self.header = PageHeader(
            "Importar",
            "La exportación del CRM tal como llega (xlsx, xls, ods o CSV). Reimportar no duplica "
            "registros; cada fila rechazada queda con su motivo.",
        )
        self._build_form()
        self._build_lists()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 16)
        layout.setSpacing(10)
        layout.addWidget(self.header)
        layout.addWidget(self.form)
        layout.addWidget(self.splitter, 1)
        self.refresh()
        self._update_state()

    # Building -----------------------------------------------------------------------------
    def _build_form(self) -> None:
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("importFile")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(NO_FILE)
        self.choose_button = QPushButton("Elegir archivo…")
        self.choose_button.setObjectName("chooseFile")
        self.choose_button.clicked.connect(self.choose_file)
        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("importChannel")
        for channel in Channel:
            self.channel_combo.addItem(channel.label, channel)
        self.channel_combo.currentIndexChanged.connect(self._channel_changed)
        self.provider_combo = QComboBox()
        self.provider_combo.setObjectName("importProvider")
        self.provider_combo.setEditable(True)
        self.provider_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.provider_combo.setMinimumContentsLength(24)
        line = self.provider_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText("Elija o escriba el proveedor")
        self.provider_combo.currentTextChanged.connect(self._provider_changed)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("importSheet")
        self.sheet_combo.setMinimumContentsLength(14)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_changed)

        self.period_row = PeriodEdit()
        self.period_from, self.period_to = self.period_row.start, self.period_row.end

        self.file_info = QLabel()
        self.file_info.setObjectName("formHint")
        self.file_info.setWordWrap(True)
        self.mapping_status = QLabel()
        self.mapping_status.setObjectName("mappingStatus")
        self.mapping_status.setWordWrap(True)
        self.switch_channel = ChannelSuggestion(self.channel_combo)
        self.previous_note = QLabel()
        self.previous_note.setObjectName("warningNote")
        self.previous_note.setWordWrap(True)
        self.previous_note.hide()
        self.mapping_button = QPushButton("Revisar columnas…")
        self.mapping_button.setObjectName("reviewColumns")
        self.mapping_button.clicked.connect(self.open_mapping_dialog)
        self.import_button = QPushButton("Importar")
        self.import_button.setObjectName("startImport")
        self.import_button.setDefault(True)
        self.import_button.setMinimumWidth(120)
        self.import_button.clicked.connect(self.start_import)

        self.progress_row = ImportProgressRow()
        self.progress_row.cancel_button.clicked.connect(self.cancel_import)
        self.progress = self.progress_row.progress
        self.progress_label = self.progress_row.progress_label
        self.cancel_button = self.progress_row.cancel_button
        self.agents_button = QPushButton("Agentes del proveedor…")
        self.agents_button.setObjectName("importAgents")
        self.agents_button.setToolTip(
            "Ver los agentes del proveedor y fusionar los nombres repetidos"
        )
        self.agents_button.clicked.connect(self.open_agents_dialog)
        self.agents_dialog: AgentsDialog | None = None
        self.agents_hint = AgentsHint()
        self.outcome = QLabel()
        self.outcome.setObjectName("importOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()

        self.form = QFrame()
        self.form.setObjectName("card")
        grid = QGridLayout(self.form)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.addWidget(QLabel("Archivo:"), 0, 0)
        grid.addWidget(self.file_edit, 0, 1, 1, 5)
        grid.addWidget(self.choose_button, 0, 6)
        grid.addWidget(QLabel("Canal:"), 1, 0)
        grid.addWidget(self.channel_combo, 1, 1)
        grid.addWidget(QLabel("Proveedor:"), 1, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.provider_combo, 1, 3)
        grid.addWidget(QLabel("Hoja:"), 1, 4, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.sheet_combo, 1, 5)
        grid.addWidget(QLabel("Periodo:"), 2, 0)
        grid.addWidget(self.period_row, 2, 1, 1, 6)
        status = QVBoxLayout()
        status.setSpacing(4)
        status.addWidget(self.file_info)
        status.addWidget(self.mapping_status)
        status.addWidget(self.switch_channel, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addLayout(status, 3, 1, 1, 4)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        if can_merge(self._actor):
            buttons.addWidget(self.agents_button)
        buttons.addWidget(self.mapping_button)
        buttons.addWidget(self.import_button)
        grid.addLayout(buttons, 3, 5, 1, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.previous_note, 4, 1, 1, 6)
        grid.addWidget(self.agents_hint, 6, 1, 1, 6)
        grid.addWidget(self.progress_row, 5, 0, 1, 7)
        grid.addWidget(self.outcome, 6, 0, 1, 7)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 1)

    def _build_lists(self) -> None:
        self.splitter = ImportHistory(self._db, self._actor)
        self.batches = self.splitter.batches
        self.batches_model = self.splitter.batches_model
        self.batches_empty = self.splitter.batches_empty
        self.summary = self.splitter.summary

    # Data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload providers and the list of past imports (keeps what the user typed)."""
        try:
            providers = [p.name for p in administration.list_providers(self._db, self._actor)]
            batches = imports.list_batches(self._db, self._actor)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return
        self._provider_names = providers
        typed = self.provider_combo.currentText()
        self.provider_combo.blockSignals(True)
        self.provider_combo.clear()
        self.provider_combo.addItems(providers)
        self.provider_combo.setCurrentText(typed or (providers[0] if len(providers) == 1 else ""))
        self.provider_combo.blockSignals(False)
        self.splitter.set_batches(batches)

    @property
    def channel(self) -> Channel:
        return Channel(self.channel_combo.currentData())

    @property
    def running(self) -> bool:
        return self.worker is not None

    # Choosing the file --------------------------------------------------------------------
    def choose_file(self) -> None:
        start = str(self.path.parent) if self.path else ""
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Elegir la exportación del CRM", start, imports.FILE_FILTER
        )
        if chosen:
            self.set_file(Path(chosen))

    def set_file(self, path: str | Path) -> None:
        """Take ``path`` as the file to import and read its sheets, header and columns."""
        if self.running:
            return
        self.path = Path(path)
        self.file_edit.setText(str(self.path))
        self.file_edit.setToolTip(str(self.path))
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.blockSignals(False)
        self.outcome.hide()
        self._inspect(sheet=None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if len(urls) == 1 and accepted_file(urls[0]) is not None and not self.running:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        path = accepted_file(urls[0]) if urls else None
        if path is not None:
            event.acceptProposedAction()
            self.set_file(path)

    def _channel_changed(self) -> None:
        if self.path is not None:
            self._inspect(sheet=self.sheet_combo.currentText() or None)

    def _sheet_changed(self) -> None:
        if self.path is not None and self.sheet_combo.count():
            self._inspect(sheet=self.sheet_combo.currentText() or None)

    def _provider_changed(self) -> None:
        self._check_previous()
        self._update_state()

    def _inspect(self, sheet: str | None) -> None:
        assert self.path is not None
        self._inspections += 1
        ticket = self._inspections
        self.inspection = None
        self.mapping = None
        self.mapping_profile = None
        self.chosen_fields = set()
        self.date_order = None
        self.file_info.setText(f"Leyendo {self.path.name}…")
        self.mapping_status.clear()
        self.switch_channel.hide()
        self.previous_note.hide()
        self._update_state()
        path, channel, provider = self.path, self.channel, self.provider_combo.currentText()
        worker = Worker(
            lambda _progress: imports.inspect_file(
                self._db, self._actor, path, channel, sheet=sheet, provider=provider
            )
        )
        self._inspect_signals = worker.signals
        worker.signals.succeeded.connect(lambda result: self._inspected(ticket, result))
        worker.signals.failed.connect(lambda error: self._inspection_failed(ticket, error))
        worker.start()

    def _inspected(self, ticket: int, inspection: FileInspection) -> None:
        if ticket != self._inspections:
            return
        self.inspection = inspection
        self.mapping = inspection.mapping
        self.mapping_profile = inspection.profile
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(inspection.sheets)
        if inspection.sheet:
            self.sheet_combo.setCurrentText(inspection.sheet)
        self.sheet_combo.blockSignals(False)
        columns = len(inspection.headers)
        self.file_info.setText(
            f"{inspection.format_label}; {locale_format.plural(columns, 'columna', 'columnas')}."
        )
        self._show_previous(inspection.previous)
        self._show_mapping()
        self._update_state()
        if (self.pending_fields() or self.date_order_pending()) and self._actor.can(
            Permission.IMPORT
        ):
            self.open_mapping_dialog()  # ask now: nothing is imported on a guess
        self.inspected.emit()

    def _inspection_failed(self, ticket: int, error: BaseException) -> None:
        if ticket != self._inspections:
            return
        self.file_info.setText("")
        self._set_status(messages.user_message(error), error=True)
        self._update_state()
        self.inspected.emit()

    def _check_previous(self) -> None:
        inspection = self.inspection
        if inspection is None:
            return
        try:
            previous = imports.previous_import(
                self._db,
                self._actor,
                inspection.file_sha256,
                self.provider_combo.currentText(),
                inspection.channel,
                inspection.sheet,
            )
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return
        self._show_previous(previous)

    def _show_previous(self, previous: imports.PreviousImport | None) -> None:
        if previous is None:
            self.previous_note.hide()
            return
        self.previous_note.setText(
            f"{previous.sentence()} para este proveedor. Si lo importa de nuevo no se "
            "duplicará nada: solo entrarán registros nuevos o que hayan cambiado."
        )
        self.previous_note.show()

    # The mapping ---------------------------------------------------------------------------
    def pending_fields(self) -> list[str]:
        """Spanish labels of the required fields the import waits for the user to choose."""
        return pending_fields(self.inspection, self.mapping_profile, self.chosen_fields)

    def date_order_pending(self) -> bool:
        """True while the order of the text dates (day or month first) waits for the user."""
        return date_order_pending(self.inspection, self.mapping, self.date_order)

    def _show_mapping(self) -> None:
        if self.inspection is None or self.mapping is None:
            return
        text, error = mapping_status(
            self.inspection, self.mapping, self.mapping_profile, self.chosen_fields
        )
        self._set_status(text, error=error)
        self.switch_channel.show_for(self.inspection, self.chosen_fields)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.mapping_status.setText(text)
        self.mapping_status.setStyleSheet("color: #b42318;" if error else "color: #1f2933;")

    def open_mapping_dialog(self) -> MappingDialog | None:
        if self.inspection is None:
            return None
        if self.dialog is not None and self.dialog.isVisible():
            return self.dialog
        self.dialog = MappingDialog(
            self._db,
            self._actor,
            self.inspection,
            self.mapping,
            self.mapping_profile,
            self,
            chosen=self.chosen_fields,
        )
        self.dialog.accepted.connect(self._mapping_accepted)
        self.dialog.open()
        return self.dialog

    def _mapping_accepted(self) -> None:
        if self.dialog is None:
            return
        self.mapping = self.dialog.mapping()
        self.mapping_profile = self.dialog.profile_name
        self.chosen_fields = set(self.dialog.chosen)
        self.date_order = self.dialog.date_order()
        self._show_mapping()
        self._update_state()

    # Importing ----------------------------------------------------------------------------
    def _update_state(self) -> None:
        busy = self.running
        ready = self.inspection is not None and self.mapping is not None
        for widget in (
            self.choose_button,
            self.channel_combo,
            self.provider_combo,
            self.period_row,
        ):
            widget.setEnabled(not busy)
        self.sheet_combo.setEnabled(not busy and self.sheet_combo.count() > 1)
        self.mapping_button.setEnabled(not busy and ready)
        self.import_button.setEnabled(
            not busy and ready and bool(self.provider_combo.currentText().strip())
        )
        self.import_button.setVisible(self._actor.can(Permission.IMPORT))

    def _known_provider(self, name: str) -> bool:
        wanted = " ".join(name.split()).casefold()
        return any(wanted == p.casefold() for p in self._provider_names)

    def start_import(self) -> bool:
        """Start importing the chosen file; False when something stops it before it starts."""
        inspection, mapping = self.inspection, self.mapping
        if self.running or inspection is None or mapping is None:
            return False
        provider = " ".join(self.provider_combo.currentText().split())
        if not provider:
            messages.show_error(self, "Elija o escriba el proveedor al que pertenece el archivo.")
            return False
        if (
            self.pending_fields()
            or self.date_order_pending()
            or imports.missing_fields(mapping, inspection.channel)
        ):
            self.open_mapping_dialog()  # the user chooses first; nothing imported on a guess
            return False
        try:
            period = self.period()
        except ValueError as exc:
            messages.show_error(self, str(exc))
            return False
        create = False
        if not self._known_provider(provider):
            if not messages.confirm(
                self,
                f"El proveedor «{provider}» no existe. ¿Desea crearlo e importar el archivo "
                "para él?",
                "Proveedor nuevo",
                "Crear e importar",
            ):
                return False
            create = True
        request = ImportRequest(
            path=inspection.path,
            channel=inspection.channel,
            provider=provider,
            sheet=inspection.sheet,
            mapping=mapping,
            profile=self.mapping_profile,
            create_provider=create,
            period=period,
            date_order=self.date_order,
        )
        relay = self._relay

        def work(progress: imports.ProgressCallback) -> ImportSummary:
            return imports.run_import(
                self._db,
                self._actor,
                request,
                progress=progress,
                on_stage=relay.stage.emit,
            )

        self.worker = Worker(work)
        signals = self.worker.signals
        self._import_signals = signals
        signals.progress.connect(self.progress_row.show_progress)
        signals.succeeded.connect(self._imported)
        signals.failed.connect(self._import_failed)
        signals.cancelled.connect(self._import_cancelled)
        signals.finished.connect(self._import_done)
        self.outcome.hide()
        self.progress_row.start(imports.READING)
        self._update_state()
        self.worker.start()
        return True

    def period(self) -> tuple[date, date] | None:
        """The period typed (both days or none); ValueError with a Spanish message."""
        return self.period_row.period()

    def cancel_import(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.progress_row.cancelling()

    def _imported(self, summary: ImportSummary) -> None:
        self.summary.show_summary(summary)
        self.outcome.hide()  # the summary below says it all
        with self.splitter.keeping_summary():
            self.refresh()
            if summary.batch_id is not None:
                self.batches.select_where(lambda b: b.id == summary.batch_id)
        self.splitter.make_room_for_summary()
        self.previous_note.hide()
        self._show_agent_proposals(summary.provider)
        if not summary.already_imported:
            self.data_changed.emit()
        self.import_finished.emit(summary)

    def _show_agent_proposals(self, provider: str) -> None:
        """Says how many agent names of the provider look like one person written twice."""
        self.agents_hint.show_for(self._db, self._actor, provider)

    def open_agents_dialog(self) -> AgentsDialog | None:
        """The provider's agents and merge proposals, for the provider typed above."""
        provider = " ".join(self.provider_combo.currentText().split())
        if not provider or not self._known_provider(provider):
            self._set_status("Elija primero un proveedor registrado.", error=True)
            return None
        dialog = AgentsDialog(self._db, self._actor, provider, self)
        dialog.finished.connect(lambda _result: self._show_agent_proposals(provider))
        self.agents_dialog = dialog
        dialog.open()
        return dialog

    def _import_failed(self, error: BaseException) -> None:
        if isinstance(error, ImportCancelled):
            self._import_cancelled()
            return
        self._show_outcome(messages.user_message(error), warning=True)
        messages.show_error(self, error, title="No se pudo importar el archivo")
        if isinstance(error, MissingColumns | UncertainMapping):
            self._set_status(error.message, error=True)
        self.import_finished.emit(None)

    def _import_cancelled(self) -> None:
        self._show_outcome("Importación cancelada: no se guardó nada.", warning=True)
        self.import_finished.emit(None)

    def _import_done(self) -> None:
        self.worker = None
        self.progress_row.hide()
        self._update_state()

    def _show_outcome(self, text: str, *, warning: bool) -> None:
        self.outcome.setText(text)
        self.outcome.setObjectName("warningNote" if warning else "importOutcome")
        self.outcome.setStyleSheet(
            ""
            if warning
            else "color: #1e6b3a; background: #edf7ee; border: 1px solid #b7dfbf;"
            " border-radius: 4px; padding: 6px 8px;"
        )
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)
        self.outcome.show()
