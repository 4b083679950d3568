"""An evaluator's own judgements of an open calibration session: the same F182 form as
the audit's evaluation (ui.evaluation_form: keyboard, spelling, alerts), saved through
services.calibration with version locking, never into the audit's evaluations.

The form widget is reused as it is: ``as_form_data`` / ``as_saved`` present a
calibration record and a judgement in the shapes the form and the conflict dialog
read. Only the reader's own judgements ever reach this panel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.spelling import SpellChecker
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.answer_spelling import AnswerSpelling
from auditoria_calidad.services.calibration import (
    list_records,
    load_form,
    save_judgement,
    submit_calibration,
)
from auditoria_calidad.services.calibration_dtos import (
    CalibrationFormData,
    CalibrationSummary,
    Judgement,
    JudgementConflict,
    JudgementDraft,
)
from auditoria_calidad.services.calibration_exchange import export_own_sheet, import_own_sheet
from auditoria_calidad.services.connection import Database, DatabaseError
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.evaluations import (
    EvaluationDraft,
    EvaluationFormData,
    SavedEvaluation,
)
from auditoria_calidad.services.screening import alerts_for_record
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.calibration_matrix import OwnRecordsModel
from auditoria_calidad.ui.conflict_dialog import ConflictDialog
from auditoria_calidad.ui.evaluation_form import EvaluationForm
from auditoria_calidad.ui.file_filters import RETURNED_WORKBOOK_FILTER, XLSX_FILTER
from auditoria_calidad.ui.form_saving import FormSaving, StoredElsewhere
from auditoria_calidad.ui.table_models import ROW_ROLE, RowTableView

AUTOSAVE_MS = 3000


def as_saved(judgement: Judgement, reviewer: str) -> SavedEvaluation:
    """A judgement in the shape of a saved evaluation (what the form and dialog read)."""
    return SavedEvaluation(
        sample_item_id=judgement.record_id,
        evaluation_id=0,
        answers=dict(judgement.answers),
        spelling_level=None,
        spelling_suspects=None,
        word_count=None,
        observations=judgement.observation,
        score=judgement.score,
        score_without_critical=None,
        complete=judgement.complete,
        reviewer=reviewer,
        reviewed_at=judgement.updated_at,
        version=judgement.version,
    )


def as_form_data(data: CalibrationFormData, reviewer: str) -> EvaluationFormData:
    """A calibration record as the F182 form shows it (``sample_item_id`` holds the
    record's id; the audit's own evaluation is never loaded)."""
    return EvaluationFormData(
        sample_item_id=data.record_id,
        audit_id=0,
        audit_number=data.audit_number,
        editable=data.editable,
        record=data.record,
        scheme=data.scheme,
        timeliness=data.timeliness,
        timeliness_problem=data.timeliness_problem,
        computed=dict(data.computed),
        saved=None if data.saved is None else as_saved(data.saved, reviewer),
    )


class CalibrationJudgingPanel(FormSaving):
    """The reader's records of one open session beside the F182 form."""

    submitted = Signal(object)  # CalibrationSummary after «Enviar mis juicios»
    message = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.actor = actor
        self.calibration_id: int | None = None
        self.current_id: int | None = None
        self.version: int | None = None
        self.saved: Judgement | None = None
        self.dirty = False
        self.checker: SpellChecker | None = None
        self.spelling: AnswerSpelling | None = None
        self.conflict_dialog: ConflictDialog | None = None

        self.model = OwnRecordsModel(self)
        self.view = RowTableView(self.model)
        self.view.setSortingEnabled(False)
        self.view.clicked.connect(self._clicked)
        self.form = EvaluationForm()
        self.form.changed.connect(self._changed)
        self.progress = QLabel()
        self.progress.setObjectName("progressLabel")
        self.progress.setWordWrap(True)
        self.submit_button = QPushButton("Enviar mis juicios")
        self.submit_button.setToolTip(
            "Entrega sus juicios (definitivo). Los de los demás se ven cuando todos entreguen."
        )
        self.submit_button.clicked.connect(self.submit)
        self.export_button = QPushButton("Exportar mi hoja…")
        self.export_button.clicked.connect(self._ask_export)
        self.import_button = QPushButton("Importar mi hoja…")
        self.import_button.clicked.connect(self._ask_import)
        self.blind_note = QLabel(
            "Calificación a ciegas: usted ve solo sus propios juicios. Los de los demás "
            "evaluadores y el acuerdo aparecen cuando todos entreguen o quien creó la sesión "
            "la cierre."
        )
        self.blind_note.setObjectName("formHint")
        self.blind_note.setWordWrap(True)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        left.setMaximumWidth(330)
        column.addWidget(self.progress)
        column.addWidget(self.view, 1)
        column.addWidget(self.blind_note)
        for button in (self.submit_button, self.export_button, self.import_button):
            column.addWidget(button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.form)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(lambda: self.save_current(autosave=True))
        for keys, slot in (
            ("Ctrl+Return", self.save_and_next),
            ("Ctrl+Enter", self.save_and_next),
            ("Ctrl+S", lambda: self.save_current(explicit=True)),
            ("PgDown", lambda: self.move_by(1)),
            ("PgUp", lambda: self.move_by(-1)),
            ("Alt+Down", lambda: self._scroll_answer(1)),
            ("Alt+Up", lambda: self._scroll_answer(-1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # Loading ------------------------------------------------------------------------------
    def show_session(self, summary: CalibrationSummary, *, keep: int | None = None) -> None:
        """Show the reader's records of ``summary`` and open ``keep`` or the first pending."""
        if not self.save_current():
            return
        self.calibration_id = summary.id
        self.current_id = None
        try:
            rows = list_records(self._db, self.actor, summary.id)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return
        self.model.set_rows(rows)
        self._update_progress()
        ids = [r.record_id for r in rows]
        target = keep if keep in ids else next((r.record_id for r in rows if not r.judged), None)
        if target is None and ids:
            target = ids[0]
        if target is None:
            self.form.clear("La sesión no tiene registros.")
        else:
            self.open_record(target, focus=False)

    def _clicked(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None and not self.open_record(row.record_id, focus=False):
            current = self._row_of(self.current_id)
            if current is not None:
                self.view.selectRow(current)

    def set_checker(self, checker: SpellChecker | None) -> None:
        self.checker = checker
        self._check_spelling()

    def _update_progress(self) -> None:
        rows = self.model.rows
        done = sum(r.judged for r in rows)
        self.progress.setText(
            f"Sus juicios: {locale_format.count(done)} de "
            f"{locale_format.plural(len(rows), 'registro', 'registros')} completos"
        )
        self.submit_button.setEnabled(bool(rows))

    def _row_of(self, record_id: int | None) -> int | None:
        return next((i for i, r in enumerate(self.model.rows) if r.record_id == record_id), None)

    def open_record(self, record_id: int, *, focus: bool = True) -> bool:
        if record_id == self.current_id:
            return True
        if self.calibration_id is None or not self.save_current():
            return False
        try:
            data = load_form(self._db, self.actor, self.calibration_id, record_id)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return False
        self.current_id = record_id
        self.version = data.version
        self.saved = data.saved
        self.dirty = False
        self.spelling = None
        self.form.load(as_form_data(data, self.actor.display_name))
        try:
            self.form.set_alerts(
                alerts_for_record(self._db, self.actor, data.audit_number, data.record.key)
            )
        except (ServiceError, DatabaseError) as exc:
            self.form.set_alerts(
                None,
                "No se pudieron leer las alertas del prefiltrado: " + messages.user_message(exc),
            )
        self.form.read_only_banner.setText(
            f"Usted ya entregó sus juicios de la calibración {data.calibration_id} o la "
            "sesión terminó: el formato se muestra solo para consulta."
        )
        row = self._row_of(record_id)
        if row is not None:
            self.view.selectRow(row)
        self._check_spelling()
        self._show_save_state()
        if focus:
            self.form.focus_first_criterion()
        return True

    def move_by(self, step: int) -> None:
        row = self._row_of(self.current_id)
        target = (row if row is not None else -1) + step
        if 0 <= target < len(self.model.rows):
            self.open_record(self.model.rows[target].record_id)

    def save_and_next(self) -> None:
        if not self.save_current(explicit=True):
            return
        rows = self.model.rows
        start = (self._row_of(self.current_id) or 0) + 1
        pending = [r for r in rows[start:] + rows[:start] if not r.judged]
        if not pending:
            self.message.emit(
                "No quedan registros pendientes: revise y pulse «Enviar mis juicios»."
            )
            return
        self.open_record(pending[0].record_id)

    def _scroll_answer(self, direction: int) -> None:
        bar = self.form.answer.verticalScrollBar()
        bar.setValue(bar.value() + direction * bar.pageStep() // 2)

    # Saving (the rest in FormSaving) ------------------------------------------------------
    save_error_title = "No se guardó el juicio"
    conflict_text = "Conflicto: este juicio se guardó desde otra ventana"

    def can_save(self) -> bool:
        return self.calibration_id is not None and super().can_save()

    def store_draft(self, draft: EvaluationDraft) -> Judgement:
        assert self.calibration_id is not None and self.current_id is not None
        try:
            return save_judgement(
                self._db,
                self.actor,
                self.calibration_id,
                self.current_id,
                JudgementDraft(dict(draft.answers), draft.observations),
                expected_version=self.version,
            )
        except JudgementConflict as exc:
            raise StoredElsewhere(exc.saved, as_saved(exc.saved, self.actor.display_name)) from None

    def stored_notes(self) -> str:
        return self.saved.observation if self.saved else ""

    def reopen_current(self, record_id: int) -> None:
        self.open_record(record_id)

    def stored(self, saved: Judgement) -> None:
        self.version, self.saved, self.dirty = saved.version, saved, False
        self.confirm_saved_proposals(saved.answers)
        self._show_save_state()
        rows = self.model.rows
        index = self._row_of(saved.record_id)
        if index is not None:
            old = rows[index]
            rows[index] = type(old)(
                old.record_id, old.key, old.agent, old.received_at, saved.complete,
                saved.score, saved.version,
            )  # fmt: skip
            self.model.set_rows(rows)
            self.view.selectRow(index)
        self._update_progress()

    def _show_save_state(self) -> None:
        saved = self.saved
        if saved is None:
            text = "Sin guardar todavía" if self.form.data and self.form.data.editable else ""
        else:
            text = f"Juicio guardado {saved.updated_at:%d/%m/%Y %H:%M}" + (
                "" if saved.complete else " · incompleto"
            )
        self.form.save_state.setText(text)

    # Handing in and the workbook --------------------------------------------------------
    def submit(self) -> CalibrationSummary | None:
        """«Enviar mis juicios»: final; every record must be judged whole."""
        if self.calibration_id is None or not self.save_current(explicit=True):
            return None
        if not messages.confirm(
            self,
            "Después de enviarlos no podrá cambiar sus juicios de esta calibración. ¿Enviarlos?",
            "Enviar mis juicios",
            "Enviar",
        ):
            return None
        try:
            summary = submit_calibration(self._db, self.actor, self.calibration_id)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc, title="No se enviaron los juicios")
            return None
        self.submitted.emit(summary)
        return summary

    def _ask_export(self) -> None:
        if self.calibration_id is None:
            return
        name = Path.home() / f"Calibracion-{self.calibration_id}-{self.actor.username}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, "Exportar mi hoja", str(name), XLSX_FILTER)
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else f"{path}.xlsx")

    def export_to(self, path: str) -> bool:
        if self.calibration_id is None or not self.save_current():
            return False
        try:
            summary = export_own_sheet(
                self._db, self.actor, self.calibration_id, path, checker=self.checker
            )
        except (ServiceError, DatabaseError, OSError) as exc:
            messages.show_error(self, exc, title="No se exportó la hoja")
            return False
        self.message.emit(
            f"Su hoja: {locale_format.plural(summary.rows, 'registro', 'registros')} en {path}."
        )
        return True

    def _ask_import(self) -> None:
        if self.calibration_id is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Importar mi hoja", str(Path.home()), RETURNED_WORKBOOK_FILTER
        )
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> bool:
        """Apply the reader's filled sheet (all or nothing), then reload the list."""
        if self.calibration_id is None or not self.save_current():
            return False
        try:
            summary = import_own_sheet(self._db, self.actor, self.calibration_id, path)
        except (ServiceError, DatabaseError, OSError) as exc:
            messages.show_error(self, exc, title="No se importó la hoja")
            return False
        keep, self.current_id = self.current_id, None
        rows = list_records(self._db, self.actor, self.calibration_id)
        self.model.set_rows(rows)
        self._update_progress()
        if keep is not None:
            self.open_record(keep, focus=False)
        self.message.emit(
            "Hoja importada: "
            f"{locale_format.plural(summary.saved, 'juicio guardado', 'juicios guardados')}, "
            f"{summary.unchanged} sin cambios."
        )
        return True

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_current()
        super().hideEvent(event)
