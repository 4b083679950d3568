"""«Calibración»: the sessions the user may see; for an open one, the user's own records
in the F182 form (blind); for a revealed one, the matrix of records × evaluators of a
criterion, the agreement figures, the spread of scores and the alignment with the
reference. Every read goes through services.calibration, which never returns another
evaluator's judgements before the reveal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.scheme import ScoringScheme
from auditoria_calidad.domain.spelling import SpellChecker
from auditoria_calidad.services import entity_words
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.calibration import (
    close_calibration,
    list_calibrations,
    load_form,
    show_calibration,
)
from auditoria_calidad.services.calibration_dtos import CalibrationSummary, CalibrationView
from auditoria_calidad.services.calibration_reports import calibration_report_pdf
from auditoria_calidad.services.connection import Database, DatabaseError
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.calibration_dialogs import NewCalibrationDialog
from auditoria_calidad.ui.calibration_judging import CalibrationJudgingPanel
from auditoria_calidad.ui.calibration_matrix import SessionsTableModel
from auditoria_calidad.ui.calibration_results_panel import CalibrationResultsPanel
from auditoria_calidad.ui.page_header import PageHeader
from auditoria_calidad.ui.table_models import RowTableView
from auditoria_calidad.ui.workers import BackgroundCall, Worker

PAGE_STYLE = """
QLabel#pageMessage { color: #1e6b3a; }
QLabel#figures { background: #ffffff; border: 1px solid #d9e2ec; border-radius: 6px;
                 padding: 6px 10px; }
QLabel#progressLabel { color: #323f4b; font-weight: bold; }
"""


def _ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, suggested, file_filter)[0]


# Replaced by tests, which must never block on a file dialog; "" means cancelled.
ask_save_path: Callable[[QWidget, str, str, str], str] = _ask_save_path


class CalibrationPage(QWidget):
    data_changed = Signal()
    report_written = Signal(str)  # the path, once the report PDF is whole on disk

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calibrationPage")
        self.setStyleSheet(PAGE_STYLE)
        self._db = db
        self.actor = actor
        self.view_shown: CalibrationView | None = None
        self.checker: SpellChecker | None = None
        self.report_task: BackgroundCall | None = None

        self.header = PageHeader(
            "Calibración de evaluadores",
            "Varios evaluadores califican a ciegas los mismos registros; al entregar todos se "
            "comparan sus juicios.",
        )
        self.new_button = QPushButton("Nueva sesión…")
        self.new_button.clicked.connect(self.new_session)
        self.new_button.setVisible(actor.can(Permission.MANAGE_AUDITS))
        self.close_button = QPushButton("Cerrar sesión")
        self.close_button.setToolTip(
            "Termina la sesión: no se admiten más juicios y se revela a sus miembros."
        )
        self.close_button.clicked.connect(self.close_session)
        self.report_button = QPushButton("Informe PDF…")
        self.report_button.clicked.connect(self._ask_report)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        for button in (self.report_button, self.close_button, self.new_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)

        self.sessions_model = SessionsTableModel(self)
        self.sessions = RowTableView(self.sessions_model)
        self.sessions.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.sessions.selectionModel().selectionChanged.connect(self._session_chosen)
        self.message = QLabel()
        self.message.setObjectName("pageMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.state_line = QLabel()
        self.state_line.setObjectName("progressLabel")
        self.state_line.setWordWrap(True)

        self.empty = QLabel()
        self.empty.setObjectName("formHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.judging = CalibrationJudgingPanel(db, actor)
        self.judging.submitted.connect(self._submitted)
        self.judging.message.connect(self.say)
        self.waiting = QLabel()
        self.waiting.setObjectName("formHint")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setWordWrap(True)
        self.results = CalibrationResultsPanel()
        self.stack = QStackedWidget()
        for widget in (self.empty, self.judging, self.waiting, self.results):
            self.stack.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.sessions)
        layout.addWidget(self.message)
        layout.addWidget(self.state_line)
        layout.addWidget(self.stack, 1)
        self._load_spell_checker()
        self.refresh()

    def _load_spell_checker(self) -> None:
        worker = Worker(lambda _progress: entity_words.load_spell_checker(self._db))
        self._spell_signals = worker.signals
        worker.signals.succeeded.connect(self._spell_checker_loaded)
        worker.start()

    def _spell_checker_loaded(self, checker: SpellChecker) -> None:
        self.checker = checker
        self.judging.set_checker(checker)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # The list of sessions -----------------------------------------------------------------
    def refresh(self) -> None:
        if not self.judging.save_current():
            return
        keep = self.view_shown.summary.id if self.view_shown else None
        try:
            found = list_calibrations(self._db, self.actor)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return
        self.sessions_model.set_rows(found)
        # As tall as its rows, up to five: the rest of the height is the session's.
        shown = max(1, min(len(found), 5))
        self.sessions.setFixedHeight(
            self.sessions.horizontalHeader().sizeHint().height()
            + shown * self.sessions.verticalHeader().defaultSectionSize()
            + 2 * self.sessions.frameWidth()
        )
        if not found:
            self.view_shown = None
            self._show_empty(
                "No participa en ninguna sesión de calibración."
                + (" Cree una con «Nueva sesión…»." if self.new_button.isVisible() else "")
            )
            return
        wanted = keep if keep is not None and any(s.id == keep for s in found) else found[0].id
        self.select_session(wanted)

    def select_session(self, calibration_id: int) -> None:
        if not self.sessions.select_where(lambda s: s.id == calibration_id):
            return
        self.show_session(calibration_id)

    def _session_chosen(self, *_args: object) -> None:
        chosen = self.sessions.selected_row()
        if chosen is not None and (
            self.view_shown is None or self.view_shown.summary.id != chosen.id
        ):
            self.show_session(chosen.id)

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)
        self.state_line.setText("")
        self.close_button.setVisible(False)
        self.report_button.setVisible(False)

    # One session ---------------------------------------------------------------------------
    def show_session(self, calibration_id: int) -> None:
        """Show the session as the user may see it (blind until revealed)."""
        try:
            view = show_calibration(self._db, self.actor, calibration_id)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return
        self.view_shown = view
        s = view.summary
        self.close_button.setVisible(view.can_close)
        self.report_button.setVisible(view.results is not None)
        drawn = "elegidos a mano" if s.seed is None else f"sorteados con la semilla {s.seed}"
        submitted = ", ".join(
            f"{e.name}: {'entregó' if e.submitted else 'pendiente'}" for e in s.evaluators
        )
        self.state_line.setText(
            f"Sesión {s.id} · {s.state_label} · auditoría {s.audit_number} · "
            f"{locale_format.plural(len(s.record_keys), 'registro', 'registros')} {drawn} · "
            f"{submitted}"
        )
        if view.results is not None:
            self.results.show_view(view, self._scheme_of(view))
            self.stack.setCurrentWidget(self.results)
            return
        progress = view.my_progress
        if progress is None:
            self.waiting.setText(
                "Usted creó esta sesión pero no la evalúa. Los juicios y el acuerdo se ven "
                "cuando todos los evaluadores entreguen o usted la cierre."
            )
            self.stack.setCurrentWidget(self.waiting)
        elif progress.submitted_at is not None:
            self.waiting.setText(
                f"Usted entregó sus juicios el {progress.submitted_at:%d/%m/%Y a las %H:%M}. "
                "Los de los demás y el acuerdo se ven cuando todos entreguen o quien creó la "
                "sesión la cierre."
            )
            self.stack.setCurrentWidget(self.waiting)
        else:
            self.judging.set_checker(self.checker)
            self.judging.show_session(s)
            self.stack.setCurrentWidget(self.judging)

    def _scheme_of(self, view: CalibrationView) -> ScoringScheme | None:
        """The audit's scheme, to name levels in the matrix (from any record's form)."""
        if not view.results or not view.results.records:
            return None
        try:
            return load_form(
                self._db, self.actor, view.summary.id, view.results.records[0].record_id
            ).scheme
        except (ServiceError, DatabaseError):
            return None  # the values are then shown as stored

    def _submitted(self, summary: CalibrationSummary) -> None:
        pending = [e.name for e in summary.evaluators if not e.submitted]
        self.say(
            "Juicios enviados. "
            + (
                f"Faltan por entregar: {', '.join(pending)}."
                if pending
                else "Todos entregaron: la sesión quedó revelada."
            )
        )
        self.refresh()
        self.data_changed.emit()

    # Actions -------------------------------------------------------------------------------
    def new_session(self) -> CalibrationSummary | None:
        dialog = NewCalibrationDialog(self._db, self.actor, self)
        if dialog.exec() != NewCalibrationDialog.DialogCode.Accepted or dialog.created is None:
            return None
        self.created(dialog.created)
        return dialog.created

    def created(self, summary: CalibrationSummary) -> None:
        seed = "" if summary.seed is None else f" (semilla {summary.seed})"
        self.say(
            f"Sesión {summary.id} creada: "
            f"{locale_format.plural(len(summary.record_keys), 'registro', 'registros')}{seed}."
        )
        self.view_shown = None
        self.refresh()
        self.select_session(summary.id)
        self.data_changed.emit()

    def close_session(self) -> None:
        view = self.view_shown
        if view is None or not self.judging.save_current():
            return
        pending = [e.name for e in view.summary.evaluators if not e.submitted]
        text = "Después de cerrarla nadie podrá juzgar más y se revelan los juicios."
        if pending:
            text += f" Aún no entregan: {', '.join(pending)}; sus juicios cuentan como estén."
        if not messages.confirm(self, text, "Cerrar sesión de calibración", "Cerrar sesión"):
            return
        try:
            close_calibration(self._db, self.actor, view.summary.id)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return
        self.say(f"Sesión {view.summary.id} cerrada.")
        self.refresh()
        self.data_changed.emit()

    def _ask_report(self) -> None:
        view = self.view_shown
        if view is None:
            return
        name = Path.home() / f"Calibracion-{view.summary.id}.pdf"
        path = ask_save_path(self, "Informe de calibración", str(name), "Documento PDF (*.pdf)")
        if path:
            self.write_report(path if path.lower().endswith(".pdf") else f"{path}.pdf")

    def write_report(self, path: str) -> BackgroundCall | None:
        """Write the report on a pool thread; the page's buttons wait until it is done."""
        view = self.view_shown
        if view is None:
            return None
        db, actor, calibration_id = self._db, self.actor, view.summary.id
        task = BackgroundCall(
            self,
            lambda: calibration_report_pdf(db, actor, calibration_id, out=path),
            controls=[self.report_button, self.close_button, self.new_button, self.sessions],
        )
        task.succeeded.connect(lambda _pdf: self._report_written(calibration_id, path))
        task.failed.connect(self._report_failed)
        self.report_task = task
        return task.start()

    def _report_written(self, calibration_id: int, path: str) -> None:
        self.say(f"Informe de la calibración {calibration_id} escrito en {path}.")
        self.report_written.emit(path)

    def _report_failed(self, error: BaseException) -> None:
        text: BaseException | str = error
        if isinstance(error, OSError):
            text = f"No se pudo escribir {error.filename or 'el archivo'}: {error.strerror}."
        messages.show_error(self, text, title="No se escribió el informe")
