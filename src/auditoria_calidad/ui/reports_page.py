"""Informes: the audit report (with its conclusions and recommendations) and the monthly
report, previewed inside the window and saved as PDF or Excel.

Every report is generated on a pool thread (``ProgressTask``); the window only lays out
and asks. Conclusions are saved with their button, and also when the user leaves them:
another audit is chosen, a preview is asked for, or the page is left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services import reports
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.edit_conflicts import StaleEdit
from auditoria_calidad.services.errors import InvalidInput, ServiceError
from auditoria_calidad.services.reports import AuditChoice, ReportChoices, ReportTexts
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.conflict_dialog import VersionsDialog, stale_edit_dialog
from auditoria_calidad.ui.file_filters import PDF_FILTER, XLSX_FILTER
from auditoria_calidad.ui.page_header import PageHeader
from auditoria_calidad.ui.pdf_preview import PdfPreview
from auditoria_calidad.ui.workers import ProgressCallback, ProgressTask


def _ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path


# Replaced by tests, which must never block on a file dialog; returns "" when cancelled.
ask_save_path: Callable[[QWidget, str, str, str], str] = _ask_save_path


def _write(path: str, data: bytes) -> str:
    try:
        reports.write_bytes(data, path)
    except OSError as exc:
        raise InvalidInput(f"No se pudo escribir «{path}»: {exc.strerror or exc}.") from None
    return path


def _month_label(text: str) -> str:
    year, month = reports.parse_month(text)
    name = locale_format.COLOMBIA.standaloneMonthName(month)
    return f"{name[:1].upper()}{name[1:]} de {year}"


class ReportsPage(QWidget):
    """The page of the «Informes» destination."""

    data_changed = Signal()
    preview_ready = Signal()  # a PDF is shown (tests and screenshots wait on it)
    file_saved = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._choices = ReportChoices((), (), ())
        self._texts: ReportTexts | None = None
        self.conflict_dialog: VersionsDialog | None = None
        self._saved_texts = ("", "")
        self.task: ProgressTask | None = None
        self._outcome: tuple[Callable[[Any], None], Any] | None = None

        self.header = PageHeader(
            "Informes",
            "El informe de cada auditoría (numeral 5.2.19) y el informe mensual de indicadores "
            "(5.2.23 a 5.2.26). Los números de identificación van enmascarados.",
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.tabs.addTab(self._audit_tab(), "Informe de auditoría")
        self.tabs.addTab(self._monthly_tab(), "Informe mensual")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.preview = PdfPreview()

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 700])
        self.tabs.setMinimumWidth(340)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        self.refresh()

    # Building ---------------------------------------------------------------------------
    def _audit_tab(self) -> QWidget:
        self.audit_combo = QComboBox()
        self.audit_combo.setObjectName("reportAudit")
        self.audit_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.audit_combo.setMinimumContentsLength(24)
        self.audit_combo.currentIndexChanged.connect(self._audit_changed)
        self.audit_combo.currentTextChanged.connect(self.audit_combo.setToolTip)
        self.audit_state = QLabel()
        self.audit_state.setObjectName("formHint")
        self.audit_state.setWordWrap(True)
        self.conclusions = QPlainTextEdit()
        self.conclusions.setObjectName("conclusions")
        self.conclusions.setPlaceholderText("Qué muestran los resultados de la visita…")
        self.recommendations = QPlainTextEdit()
        self.recommendations.setObjectName("recommendations")
        self.recommendations.setPlaceholderText("Qué debe hacer el proveedor, y con quién…")
        for editor in (self.conclusions, self.recommendations):
            editor.setTabChangesFocus(True)
            editor.textChanged.connect(self._update_save_state)
        self.save_texts_button = QPushButton("Guardar conclusiones")
        self.save_texts_button.setObjectName("saveConclusions")
        self.save_texts_button.clicked.connect(self.save_texts)
        self.texts_status = QLabel()
        self.texts_status.setObjectName("formHint")
        self.internal = QCheckBox("Copia interna con la identificación completa")
        self.internal.setObjectName("internalCopy")
        self.internal.setToolTip(
            "Solo para la oficina. El informe para el proveedor o el comité siempre enmascara "
            "los números de identificación (Ley 1581 de 2012)."
        )
        self.internal.setVisible(self._actor.can(Permission.SEE_FULL_IDENTITY))
        self.audit_preview_button = QPushButton("Vista previa")
        self.audit_preview_button.setObjectName("auditPreview")
        self.audit_preview_button.clicked.connect(self.preview_audit)
        self.audit_pdf_button = QPushButton("Guardar PDF…")
        self.audit_pdf_button.setObjectName("auditSavePdf")
        self.audit_pdf_button.clicked.connect(self.save_audit_pdf)
        self.audit_xlsx_button = QPushButton("Guardar F182 (Excel)…")
        self.audit_xlsx_button.setObjectName("auditSaveXlsx")
        self.audit_xlsx_button.clicked.connect(self.save_audit_xlsx)
        self.audit_empty = QLabel("Todavía no hay auditorías con informe para consultar.")
        self.audit_empty.setObjectName("formHint")
        self.audit_empty.setWordWrap(True)

        save_row = QHBoxLayout()
        save_row.addWidget(self.save_texts_button)
        save_row.addWidget(self.texts_status, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.audit_preview_button)
        actions.addWidget(self.audit_pdf_button)
        actions.addWidget(self.audit_xlsx_button)
        actions.addStretch(1)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(QLabel("Auditoría:"))
        column.addWidget(self.audit_combo)
        column.addWidget(self.audit_state)
        column.addWidget(self.audit_empty)
        column.addWidget(QLabel("Conclusiones:"))
        column.addWidget(self.conclusions, 3)
        column.addWidget(QLabel("Recomendaciones:"))
        column.addWidget(self.recommendations, 2)
        column.addLayout(save_row)
        column.addWidget(self.internal)
        column.addLayout(actions)
        return tab

    def _monthly_tab(self) -> QWidget:
        self.month_combo = QComboBox()
        self.month_combo.setObjectName("reportMonth")
        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("reportChannel")
        for channel in Channel:
            self.channel_combo.addItem(channel.label, channel.value)
        self.provider_combo = QComboBox()
        self.provider_combo.setObjectName("reportProvider")
        self.provider_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.provider_combo.setMinimumContentsLength(20)
        self.monthly_preview_button = QPushButton("Vista previa")
        self.monthly_preview_button.setObjectName("monthlyPreview")
        self.monthly_preview_button.clicked.connect(self.preview_monthly)
        self.monthly_pdf_button = QPushButton("Guardar PDF…")
        self.monthly_pdf_button.setObjectName("monthlySavePdf")
        self.monthly_pdf_button.clicked.connect(self.save_monthly_pdf)
        self.monthly_xlsx_button = QPushButton("Guardar Excel…")
        self.monthly_xlsx_button.setObjectName("monthlySaveXlsx")
        self.monthly_xlsx_button.clicked.connect(self.save_monthly_xlsx)
        hint = QLabel(
            "Recibidos: registros del canal y el proveedor en el mes. Auditados: registros "
            "evaluados de las auditorías cuyo periodo cae en el mes. Incluye la tendencia de "
            "los últimos 12 meses y el acumulado del año."
        )
        hint.setObjectName("formHint")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Mes:", self.month_combo)
        form.addRow("Canal:", self.channel_combo)
        form.addRow("Proveedor:", self.provider_combo)
        actions = QHBoxLayout()
        actions.addWidget(self.monthly_preview_button)
        actions.addWidget(self.monthly_pdf_button)
        actions.addWidget(self.monthly_xlsx_button)
        actions.addStretch(1)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addLayout(form)
        column.addLayout(actions)
        column.addWidget(hint)
        column.addStretch(1)
        return tab

    # Data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the audits, providers and months (the selection and unsaved texts are kept)."""
        if not self.texts_changed:
            self._texts = None  # read them again: the audit may have been approved meanwhile
        try:
            self._choices = reports.report_choices(self._db, self._actor)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        _refill(
            self.audit_combo, [(a.label, a.id) for a in self._choices.audits], select_first=True
        )
        _refill(self.month_combo, [(_month_label(m), m) for m in self._choices.months])
        _refill(self.provider_combo, [(p.name, p.id) for p in self._choices.providers])
        self.audit_empty.setVisible(not self._choices.audits)
        self._audit_changed()
        self._update_buttons()

    @property
    def current_audit(self) -> AuditChoice | None:
        audit_id = self.audit_combo.currentData()
        return next((a for a in self._choices.audits if a.id == audit_id), None)

    def select_audit(self, audit_id: int) -> None:
        index = self.audit_combo.findData(audit_id)
        if index >= 0:
            self.audit_combo.setCurrentIndex(index)

    def _audit_changed(self, *_: object) -> None:
        audit = self.current_audit
        if self._texts is not None and (audit is None or audit.id != self._texts.audit_id):
            self.save_texts()  # leaving the audit whose texts are on screen
        if audit is None:
            self._show_texts(None)
        elif self._texts is None or self._texts.audit_id != audit.id:
            try:
                self._show_texts(reports.report_texts(self._db, self._actor, audit.id))
            except ServiceError as exc:
                messages.show_error(self, exc)
                self._show_texts(None)
        if self.tabs.currentIndex() == 0:
            self.preview.show_message("Pulse «Vista previa» para ver el informe de la auditoría.")
        self._update_buttons()

    def _show_texts(self, texts: ReportTexts | None) -> None:
        self._texts = texts
        for editor, value in (
            (self.conclusions, texts.conclusions if texts else ""),
            (self.recommendations, texts.recommendations if texts else ""),
        ):
            editor.blockSignals(True)
            editor.setPlainText(value)
            editor.blockSignals(False)
            editor.setReadOnly(texts is None or not texts.editable)
        self._saved_texts = (self.conclusions.toPlainText(), self.recommendations.toPlainText())
        audit = self.current_audit
        if texts is None or audit is None:
            self.audit_state.clear()
        else:
            state = (
                f"{audit.provider} · {audit.state_label} · "
                f"{locale_format.count(audit.evaluated)} de "
                f"{locale_format.count(audit.sampled)} de la muestra evaluados "
                f"(población: {locale_format.plural(audit.population, 'registro', 'registros')})."
            )
            if not texts.editable:
                state += (
                    " Las conclusiones ya no se pueden modificar."
                    if audit.locked
                    else " Su rol no redacta conclusiones."
                )
            self.audit_state.setText(state)
        self.save_texts_button.setVisible(bool(texts and texts.editable))
        self.texts_status.clear()
        self._update_save_state()

    # Conclusions ------------------------------------------------------------------------
    @property
    def texts_changed(self) -> bool:
        current = (self.conclusions.toPlainText(), self.recommendations.toPlainText())
        return self._texts is not None and self._texts.editable and current != self._saved_texts

    def _update_save_state(self) -> None:
        self.save_texts_button.setEnabled(self.texts_changed)
        if self.texts_changed:
            self.texts_status.setText("Cambios sin guardar.")

    def save_texts(self) -> bool:
        """Save the conclusions and recommendations when they changed; False on failure."""
        if not self.texts_changed or self._texts is None:
            return True
        conclusions = self.conclusions.toPlainText()
        recommendations = self.recommendations.toPlainText()
        try:
            saved = reports.set_conclusions(
                self._db,
                self._actor,
                self._texts.audit_id,
                conclusions,
                recommendations,
                expected_version=self._texts.version,
            )
        except StaleEdit as exc:
            self._show_conflict(exc, conclusions, recommendations)
            return False
        except ServiceError as exc:
            messages.show_error(self, exc, "No se guardaron las conclusiones")
            return False
        self._texts = saved
        self._saved_texts = (conclusions, recommendations)
        self._update_save_state()
        self.texts_status.setText(f"Guardado a las {datetime.now():%H:%M}.")
        self.data_changed.emit()
        return True

    def _show_conflict(self, refused: StaleEdit, conclusions: str, recommendations: str) -> None:
        """Both versions side by side; the user keeps the stored one or saves over it."""
        if self._texts is None or (self.conflict_dialog and self.conflict_dialog.isVisible()):
            return
        audit_id = self._texts.audit_id
        mine = [
            (reports.CONCLUSIONS_LABEL, conclusions),
            (reports.RECOMMENDATIONS_LABEL, recommendations),
        ]
        dialog = stale_edit_dialog(refused, mine, self)

        def keep_saved() -> None:
            if self._texts is not None and self._texts.audit_id == audit_id:
                self._show_texts(reports.report_texts(self._db, self._actor, audit_id))

        def keep_mine() -> None:
            if self._texts is not None and self._texts.audit_id == audit_id:
                self._texts = replace(self._texts, version=refused.saved.version)
                self.save_texts()

        dialog.keep_saved.connect(keep_saved)
        dialog.keep_mine.connect(keep_mine)
        self.texts_status.setText("No se guardó: otro usuario las guardó antes.")
        self.conflict_dialog = dialog
        dialog.open()

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_texts()  # leaving the page (or closing the window) keeps what was written
        super().hideEvent(event)

    def _tab_changed(self, index: int) -> None:
        self.save_texts()
        self.preview.show_message(
            "Pulse «Vista previa» para ver el informe "
            + ("de la auditoría." if index == 0 else "mensual.")
        )

    # Generating -------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        busy = self.task is not None and self.task.running
        has_audit = self.current_audit is not None
        for button in (self.audit_preview_button, self.audit_pdf_button, self.audit_xlsx_button):
            button.setEnabled(has_audit and not busy)
        monthly = bool(self.month_combo.count() and self.provider_combo.count())
        for button in (
            self.monthly_preview_button,
            self.monthly_pdf_button,
            self.monthly_xlsx_button,
        ):
            button.setEnabled(monthly and not busy)

    def _run(
        self,
        label: str,
        work: Callable[[ProgressCallback], Any],
        done: Callable[[Any], None],
    ) -> ProgressTask | None:
        if self.task is not None and self.task.running:
            return None
        self.task = ProgressTask(self, "Informes", label, work, unit="pasos")
        self._outcome = None
        self.task.succeeded.connect(lambda result: setattr(self, "_outcome", (done, result)))
        self.task.failed.connect(lambda exc: messages.show_error(self, exc))
        self.task.finished.connect(self._task_finished)
        self.task.start()
        self._update_buttons()
        return self.task

    def _task_finished(self) -> None:
        # Results are shown once the task is over, so that whoever reacts may start another.
        self._update_buttons()
        outcome, self._outcome = self._outcome, None
        if outcome is not None:
            done, result = outcome
            done(result)

    def _audit_work(
        self, *, pdf_path: str | None = None, xlsx_path: str | None = None
    ) -> Callable[[ProgressCallback], reports.AuditReport]:
        audit = self.current_audit
        assert audit is not None
        db, actor, internal = self._db, self._actor, self.internal.isChecked()

        def work(progress: ProgressCallback) -> reports.AuditReport:
            result = reports.audit_report(
                db,
                actor,
                audit.id,
                internal=internal,
                with_xlsx=bool(xlsx_path),
                progress=progress,
            )
            if pdf_path:
                _write(pdf_path, result.pdf)
            if xlsx_path and result.xlsx is not None:
                _write(xlsx_path, result.xlsx)
            return result

        return work

    def preview_audit(self) -> ProgressTask | None:
        if self.current_audit is None or not self.save_texts():
            return None
        return self._run(
            f"Generando el informe de la auditoría {self.current_audit.number}…",
            self._audit_work(),
            self._show_report,
        )

    def save_audit_pdf(self) -> ProgressTask | None:
        audit = self.current_audit
        if audit is None or not self.save_texts():
            return None
        path = ask_save_path(
            self,
            "Guardar el informe en PDF",
            reports.report_file_name(audit.number, ".pdf"),
            PDF_FILTER,
        )
        if not path:
            return None
        return self._run(
            f"Guardando el informe de la auditoría {audit.number}…",
            self._audit_work(pdf_path=path),
            lambda result: self._saved(path, result.pdf),
        )

    def save_audit_xlsx(self) -> ProgressTask | None:
        audit = self.current_audit
        if audit is None or not self.save_texts():
            return None
        path = ask_save_path(
            self,
            "Guardar el formato F182 en Excel",
            reports.report_file_name(f"{audit.number} F182", ".xlsx"),
            XLSX_FILTER,
        )
        if not path:
            return None
        return self._run(
            f"Guardando el formato F182 de la auditoría {audit.number}…",
            self._audit_work(xlsx_path=path),
            lambda _result: self._saved(path, None),
        )

    def _monthly_work(
        self, *, pdf_path: str | None = None, xlsx_path: str | None = None
    ) -> Callable[[ProgressCallback], reports.MonthlyReport]:
        db, actor = self._db, self._actor
        month = str(self.month_combo.currentData())
        channel = str(self.channel_combo.currentData())
        provider = int(self.provider_combo.currentData())

        def work(progress: ProgressCallback) -> reports.MonthlyReport:
            result = reports.monthly_report(
                db, actor, month=month, channel=channel, provider=provider, progress=progress
            )
            if pdf_path:
                _write(pdf_path, result.pdf)
            if xlsx_path:
                _write(xlsx_path, result.xlsx)
            return result

        return work

    def _monthly_name(self, suffix: str) -> str:
        return reports.report_file_name(
            f"mensual {self.month_combo.currentData()} {self.channel_combo.currentText()} "
            f"{self.provider_combo.currentText()}",
            suffix,
        )

    def preview_monthly(self) -> ProgressTask | None:
        if not self.month_combo.count() or not self.provider_combo.count():
            return None
        return self._run(
            f"Generando el informe mensual de {self.month_combo.currentText().lower()}…",
            self._monthly_work(),
            self._show_report,
        )

    def save_monthly_pdf(self) -> ProgressTask | None:
        if not self.month_combo.count() or not self.provider_combo.count():
            return None
        path = ask_save_path(
            self, "Guardar el informe mensual en PDF", self._monthly_name(".pdf"), PDF_FILTER
        )
        if not path:
            return None
        return self._run(
            "Guardando el informe mensual…",
            self._monthly_work(pdf_path=path),
            lambda result: self._saved(path, result.pdf),
        )

    def save_monthly_xlsx(self) -> ProgressTask | None:
        if not self.month_combo.count() or not self.provider_combo.count():
            return None
        path = ask_save_path(
            self, "Guardar el informe mensual en Excel", self._monthly_name(".xlsx"), XLSX_FILTER
        )
        if not path:
            return None
        return self._run(
            "Guardando el informe mensual en Excel…",
            self._monthly_work(xlsx_path=path),
            lambda _result: self._saved(path, None),
        )

    # Results ----------------------------------------------------------------------------
    def _show_report(self, result: reports.AuditReport | reports.MonthlyReport) -> None:
        self.preview.show_pdf(result.pdf)
        self.preview_ready.emit()

    def _saved(self, path: str, pdf: bytes | None) -> None:
        if pdf is not None:
            self.preview.show_pdf(pdf)
            self.preview_ready.emit()
        self.file_saved.emit(path)
        messages.show_info(
            self, f"Se guardó «{Path(path).name}» en\n{Path(path).parent}.", "Informe guardado"
        )


def _refill(combo: QComboBox, items: list[tuple[str, object]], select_first: bool = True) -> None:
    """Replace a combo's items, keeping the chosen one when it is still there."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for index, (text, data) in enumerate(items):
        combo.addItem(text, data)
        combo.setItemData(index, text, Qt.ItemDataRole.ToolTipRole)  # long labels are cut
    index = combo.findData(chosen) if chosen is not None else -1
    combo.setCurrentIndex(index if index >= 0 else (0 if select_first and items else -1))
    combo.blockSignals(False)
    combo.setToolTip(combo.currentText())
    # The open list shows every label whole, however narrow the combo itself is.
    widest = max((combo.fontMetrics().horizontalAdvance(text) for text, _ in items), default=0)
    combo.view().setMinimumWidth(widest + 40)
