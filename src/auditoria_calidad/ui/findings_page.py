"""Hallazgos: where every approved audit stands with its provider, and its inconsistencies.

Top: the audits (from «lista para aprobar» for the head of office) with their answers,
deadline and decisions, filtered by provider, state and overdue. Bottom: the selected
audit's inconsistencies and the detail of one. What each role may do appears as buttons:
the head approves and sends, anyone verifies the issued report, the provider's manager
answers in a dialog or by importing the returned workbook.

Its tables live beside it in ``findings_models`` and its texts in ``findings_summary``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Permission, Role
from auditoria_calidad.services import approval, findings, reports
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import STATE_LABELS, AuditState
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.findings import AuditFindingsStatus, FindingInfo
from auditoria_calidad.services.office_settings import get_settings
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.answer_dialog import AnswerDialog
from auditoria_calidad.ui.file_filters import PDF_FILTER, RETURNED_WORKBOOK_FILTER, XLSX_FILTER
from auditoria_calidad.ui.findings_models import (
    FINDING_FILTERS,
    AuditStatusModel,
    FindingsModel,
)
from auditoria_calidad.ui.findings_summary import audit_summary, finding_detail
from auditoria_calidad.ui.page_header import PageHeader
from auditoria_calidad.ui.provider_filter import fill_provider_filter
from auditoria_calidad.ui.provider_minutes_panel import ProviderMinutesPanel
from auditoria_calidad.ui.table_models import RowTableView, cap_widths
from auditoria_calidad.ui.workers import ProgressTask


def _ask_open_path(parent: QWidget, title: str, file_filter: str) -> str:
    return QFileDialog.getOpenFileName(parent, title, str(Path.home()), file_filter)[0]


def _ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, suggested, file_filter)[0]


def _ask_directory(parent: QWidget, title: str) -> str:
    return QFileDialog.getExistingDirectory(parent, title, str(Path.home()))


# Replaced by tests, which must never block on a file dialog; "" means cancelled.
ask_open_path: Callable[[QWidget, str, str], str] = _ask_open_path
ask_save_path: Callable[[QWidget, str, str, str], str] = _ask_save_path
ask_directory: Callable[[QWidget, str], str] = _ask_directory


class FindingsPage(QWidget):
    """The page of the «Hallazgos» destination."""

    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.task: ProgressTask | None = None
        self.dialog: AnswerDialog | None = None
        self._findings: list[FindingInfo] = []
        is_manager = actor.role is Role.PROVIDER_MANAGER
        self.header = PageHeader(
            "Hallazgos",
            "Inconsistencias de su proveedor: responda cada una con el análisis de causa, la "
            "acción correctiva, el responsable y la fecha de compromiso."
            if is_manager
            else "Cada criterio incumplido de un registro evaluado es una inconsistencia de la "
            "auditoría aprobada; el proveedor la responde y el Comité de Calidad la decide.",
        )
        self.provider_filter = QComboBox()
        self.provider_filter.setObjectName("providerFilter")
        self.provider_filter.setVisible(not is_manager)
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.addItem("Todos los estados", "")
        states = list(findings.APPROVED_STATES)
        if actor.can(Permission.APPROVE):
            states = [AuditState.IN_REVIEW, AuditState.READY, *states]
        if is_manager:
            states = list(findings.PROVIDER_STATES)
        for state in states:
            self.state_filter.addItem(STATE_LABELS[state], state.value)
        self.overdue_filter = QCheckBox("Solo con plazo vencido")
        self.overdue_filter.setObjectName("overdueFilter")
        for signal in (
            self.provider_filter.currentIndexChanged,
            self.state_filter.currentIndexChanged,
            self.overdue_filter.toggled,
        ):
            signal.connect(self.refresh)

        self.approve_button = self._button("Aprobar auditoría…", self.approve, Permission.APPROVE)
        self.send_button = self._button(
            "Generar paquete para el proveedor y fijar plazo…",
            self.send,
            Permission.SEND_TO_PROVIDER,
        )
        self.send_button.setToolTip(
            "Escribe en una carpeta el informe PDF y el libro de hallazgos para el proveedor, "
            "fija el plazo de respuesta y deja la auditoría «Enviada al proveedor». "
            "Los archivos se entregan al proveedor por el medio de la oficina."
        )
        self.verify_button = self._button("Verificar informe…", self.verify_report)
        self.save_report_button = self._button("Guardar informe PDF…", self.save_report)
        self.export_button = self._button("Exportar libro de hallazgos…", self.export_workbook)
        self.import_button = self._button(
            "Importar respuestas…", self.import_answers, Permission.ANSWER_FINDINGS
        )
        self.answer_button = self._button(
            "Responder…", self.answer_selected, Permission.ANSWER_FINDINGS
        )
        self.submit_button = self._button(
            "Enviar respuestas", self.submit_answers, Permission.ANSWER_FINDINGS
        )

        self.audit_model = AuditStatusModel(self)
        self.audit_table = RowTableView(self.audit_model)
        self.audit_table.setObjectName("findingsAudits")
        self.audit_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.audit_table.selectionModel().selectionChanged.connect(self._audit_changed)
        self.summary = QLabel()
        self.summary.setObjectName("findingsSummary")
        self.summary.setWordWrap(True)
        self.finding_filter = QComboBox()
        self.finding_filter.setObjectName("findingFilter")
        for label, value in FINDING_FILTERS:
            self.finding_filter.addItem(label, value)
        self.finding_filter.currentIndexChanged.connect(self._show_findings)
        self.finding_model = FindingsModel(self)
        self.finding_table = RowTableView(self.finding_model)
        self.finding_table.setObjectName("findingsTable")
        self.finding_table.selectionModel().selectionChanged.connect(self._finding_changed)
        self.finding_table.doubleClicked.connect(lambda _index: self._double_clicked())
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("findingDetail")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("Elija una inconsistencia para ver su respuesta.")
        self.empty = QLabel()
        self.empty.setObjectName("formHint")
        self.empty.setWordWrap(True)
        # The provider's manager also gets the extracts of the issued actas.
        self.minutes_panel = ProviderMinutesPanel(db, actor) if is_manager else None
        self.tabs: QTabWidget | None = None
        self._layout()
        self._load_providers()
        self.refresh()

    # Building ---------------------------------------------------------------------------
    def _button(
        self, text: str, slot: Callable[[], Any], permission: Permission | None = None
    ) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        button.setVisible(permission is None or self._actor.can(permission))
        return button

    def _layout(self) -> None:
        filters = QHBoxLayout()
        provider_label = QLabel("Proveedor:")
        provider_label.setVisible(self._actor.role is not Role.PROVIDER_MANAGER)
        filters.addWidget(provider_label)
        filters.addWidget(self.provider_filter, 1)
        filters.addWidget(QLabel("Estado:"))
        filters.addWidget(self.state_filter)
        filters.addWidget(self.overdue_filter)
        filters.addStretch(1)
        audit_actions = QHBoxLayout()
        for button in (
            self.approve_button,
            self.send_button,
            self.verify_button,
            self.save_report_button,
            self.export_button,
            self.import_button,
        ):
            audit_actions.addWidget(button)
        audit_actions.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.empty)
        top_layout.addWidget(self.audit_table, 1)
        top_layout.addLayout(audit_actions)

        finding_bar = QHBoxLayout()
        finding_bar.addWidget(self.summary, 1)
        finding_bar.addWidget(self.finding_filter)
        finding_bar.addWidget(self.answer_button)
        finding_bar.addWidget(self.submit_button)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.finding_table)
        lower.addWidget(self.detail)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 1)
        lower.setSizes([760, 300])
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(finding_bar)
        bottom_layout.addWidget(lower, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([260, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 16)
        layout.addWidget(self.header)
        if self.minutes_panel is None:
            layout.addWidget(splitter, 1)
            return
        self.tabs = QTabWidget()
        self.tabs.setObjectName("findingsTabs")
        self.tabs.addTab(splitter, "Inconsistencias")
        self.tabs.addTab(self.minutes_panel, "Actas del Comité")
        layout.addWidget(self.tabs, 1)

    def _load_providers(self) -> None:
        fill_provider_filter(self.provider_filter, self._db, self._actor)

    # Data -------------------------------------------------------------------------------
    @property
    def audit(self) -> AuditFindingsStatus | None:
        row: AuditFindingsStatus | None = self.audit_table.selected_row()
        return row

    @property
    def finding(self) -> FindingInfo | None:
        row: FindingInfo | None = self.finding_table.selected_row()
        return row

    def refresh(self) -> None:
        """Reload the audits with the filters (keeping the selection) and their findings."""
        selected = self.audit
        state = self.state_filter.currentData()
        try:
            rows = findings.list_audit_status(
                self._db,
                self._actor,
                provider_id=self.provider_filter.currentData(),
                state=AuditState(state) if state else None,
                overdue_only=self.overdue_filter.isChecked(),
                include_ready=True,
            )
        except ServiceError as exc:
            messages.show_error(self, exc)
            rows = []
        self.audit_model.set_rows(rows)
        if self.minutes_panel is not None:
            self.minutes_panel.refresh()
        cap_widths(self.audit_table, {1: 320, 3: 190})
        self.empty.setText(
            "No hay auditorías con estos filtros."
            if rows or self._filtered()
            else "Todavía no hay auditorías aprobadas. Las inconsistencias aparecen aquí cuando "
            "el Jefe de Oficina aprueba una auditoría."
        )
        self.empty.setVisible(not rows)
        if not (
            selected and self.audit_table.select_where(lambda s: s.audit_id == selected.audit_id)
        ):
            self.audit_table.selectRow(0)
        self._audit_changed()

    def _filtered(self) -> bool:
        return bool(
            self.provider_filter.currentData() is not None
            or self.state_filter.currentData()
            or self.overdue_filter.isChecked()
        )

    def select_audit(self, audit_id: int) -> bool:
        return self.audit_table.select_where(lambda s: s.audit_id == audit_id)

    def _audit_changed(self) -> None:
        audit = self.audit
        self._findings = []
        if audit is not None and audit.state in findings.APPROVED_STATES:
            try:
                self._findings = findings.list_findings(self._db, self._actor, audit.audit_id)
            except ServiceError as exc:
                messages.show_error(self, exc)
        self.summary.setText(audit_summary(audit))
        self._show_findings()

    def _show_findings(self) -> None:
        wanted = self.finding_filter.currentData()
        rows = self._findings
        if wanted == "overdue":
            rows = [f for f in rows if f.overdue()]
        elif wanted:
            rows = [f for f in rows if f.status.value == wanted]
        selected = self.finding
        self.finding_model.set_rows(rows)
        cap_widths(self.finding_table, {2: 170, 3: 200, 4: 170, 5: 150})
        if selected is not None:
            self.finding_table.select_where(lambda f: f.id == selected.id)
        self._finding_changed()

    def _finding_changed(self) -> None:
        self.detail.setPlainText(finding_detail(self.finding))
        self._update_buttons()

    def _update_buttons(self) -> None:
        audit, finding = self.audit, self.finding
        state = audit.state if audit else None
        issued = audit is not None and audit.report_sha256 is not None
        open_for_answers = state in findings.OPEN_FOR_ANSWERS
        self.approve_button.setEnabled(state in approval.APPROVABLE)
        self.send_button.setEnabled(state is AuditState.APPROVED)
        self.verify_button.setEnabled(issued)
        self.save_report_button.setEnabled(issued)
        self.export_button.setEnabled(state in findings.APPROVED_STATES)
        self.import_button.setEnabled(open_for_answers)
        decided = finding is not None and finding.committee_state in (
            findings.Decision.ACCEPTED,
            findings.Decision.REJECTED,
        )
        self.answer_button.setEnabled(finding is not None and open_for_answers and not decided)
        self.submit_button.setEnabled(open_for_answers and bool(audit and audit.drafts))

    def _double_clicked(self) -> None:
        if self.answer_button.isVisible() and self.answer_button.isEnabled():
            self.answer_selected()

    def _changed(self, message: str | None = None, audit_id: int | None = None) -> None:
        self.refresh()
        if audit_id is not None:
            self.select_audit(audit_id)
        if message:
            messages.show_info(self, message, "Hallazgos")
        self.data_changed.emit()

    def _action_buttons(self) -> list[QWidget]:
        return [
            self.approve_button,
            self.send_button,
            self.verify_button,
            self.save_report_button,
            self.export_button,
            self.import_button,
            self.answer_button,
            self.submit_button,
        ]

    def _run(
        self, title: str, label: str, work: Callable[[], Any], done: Callable[[Any], None]
    ) -> ProgressTask:
        """Run ``work`` on a pool thread with a progress dialog, the page's actions disabled."""
        task = ProgressTask(
            self,
            title,
            label,
            lambda _progress: work(),
            unit="pasos",
            controls=self._action_buttons(),
        )
        task.succeeded.connect(done)
        task.failed.connect(lambda exc: messages.show_error(self, exc))
        self.task = task
        return task.start()

    # Actions of the office --------------------------------------------------------------
    def approve(self) -> ProgressTask | None:
        audit = self.audit
        if audit is None or not messages.confirm(
            self,
            f"¿Aprobar la auditoría {audit.number}? Se emitirá el informe, se registrará su "
            "huella SHA-256 y la auditoría quedará bloqueada: sus evaluaciones, su muestra y "
            "sus conclusiones ya no se podrán modificar.",
            "Aprobar auditoría",
            "Aprobar",
        ):
            return None
        audit_id = audit.audit_id
        return self._run(
            "Aprobar auditoría",
            "Emitiendo el informe de auditoría…",
            lambda: approval.approve_audit(self._db, self._actor, audit_id),
            lambda r: self._changed(
                f"Auditoría {r.number} aprobada: "
                f"{locale_format.plural(r.findings, 'inconsistencia', 'inconsistencias')}.\n"
                f"Huella SHA-256 del informe: {r.report_sha256}",
                audit_id,
            ),
        )

    def send(self) -> ProgressTask | None:
        audit = self.audit
        if audit is None:
            return None
        folder = ask_directory(self, "Carpeta para el paquete del proveedor")
        if not folder:
            return None
        days = int(get_settings(self._db)["response_business_days"])
        if not messages.confirm(
            self,
            f"Se escribirán en {folder}:\n  {audit.number}-informe.pdf (informe aprobado)\n"
            f"  {audit.number}-hallazgos.xlsx (libro de hallazgos para responder)\n\n"
            f"Se fijará el plazo de respuesta del proveedor en "
            f"{locale_format.plural(days, 'día hábil', 'días hábiles')} desde hoy y la "
            f"auditoría quedará «{STATE_LABELS[AuditState.SENT]}». La aplicación no envía "
            "correos: entregue los dos archivos al proveedor.",
            "Generar paquete para el proveedor",
            "Generar paquete y fijar plazo",
        ):
            return None
        audit_id = audit.audit_id
        return self._run(
            "Generar paquete para el proveedor",
            "Escribiendo el informe y el libro de hallazgos…",
            lambda: approval.send_to_provider(self._db, self._actor, audit_id, folder),
            lambda r: self._changed(
                f"Paquete de la auditoría {r.number} generado; plazo de respuesta del proveedor: "
                f"{locale_format.day(r.response_deadline)} "
                f"({locale_format.plural(r.business_days, 'día hábil', 'días hábiles')}).\n"
                "Archivos para entregar al proveedor:\n" + "\n".join(str(f) for f in r.files),
                audit_id,
            ),
        )

    def verify_report(self, path: str | None = None) -> approval.ReportCheck | None:
        audit = self.audit
        if audit is None:
            return None
        path = path or ask_open_path(self, "Verificar informe", PDF_FILTER)
        if not path:
            return None
        try:
            check = approval.verify_report(self._db, self._actor, audit.audit_id, path)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return None
        if check.matches:
            messages.show_info(
                self,
                f"El archivo {Path(path).name} es el informe emitido de la auditoría "
                f"{check.number}.\nHuella SHA-256: {check.stored_sha256}",
                "Informe verificado",
            )
        else:
            messages.show_error(
                self,
                f"El archivo {Path(path).name} NO es el informe emitido de la auditoría "
                f"{check.number}: fue modificado o es otro documento.\n"
                f"Huella registrada: {check.stored_sha256}\nHuella del archivo: "
                f"{check.file_sha256}",
                title="El informe no coincide",
            )
        return check

    def save_report(self) -> None:
        audit = self.audit
        if audit is None:
            return
        path = ask_save_path(
            self, "Guardar informe", str(Path.home() / f"{audit.number}-informe.pdf"), PDF_FILTER
        )
        if not path:
            return
        try:
            reports.write_bytes(approval.report_pdf(self._db, self._actor, audit.audit_id), path)
        except (ServiceError, OSError) as exc:
            messages.show_error(self, exc if isinstance(exc, ServiceError) else str(exc))
            return
        messages.show_info(self, f"Informe guardado en {path}.", "Informe guardado")

    def export_workbook(self) -> ProgressTask | None:
        audit = self.audit
        if audit is None:
            return None
        path = ask_save_path(
            self,
            "Exportar libro de hallazgos",
            str(Path.home() / f"{audit.number}-hallazgos.xlsx"),
            XLSX_FILTER,
        )
        if not path:
            return None
        audit_id = audit.audit_id
        return self._run(
            "Exportar libro de hallazgos",
            "Escribiendo el libro de hallazgos…",
            lambda: findings.export_findings_workbook(self._db, self._actor, audit_id, path),
            lambda _data: messages.show_info(
                self, f"Libro de hallazgos escrito en {path}.", "Libro exportado"
            ),
        )

    # Actions of the provider ------------------------------------------------------------
    def import_answers(
        self, path: str | None = None, *, overwrite: bool = False
    ) -> ProgressTask | None:
        audit = self.audit
        if audit is None:
            return None
        path = path or ask_open_path(self, "Importar respuestas", RETURNED_WORKBOOK_FILTER)
        if not path:
            return None
        audit_id = audit.audit_id
        task = self._run(
            "Importar respuestas",
            "Validando y guardando las respuestas…",
            lambda: answers.import_answers(
                self._db, self._actor, audit_id, path, overwrite=overwrite
            ),
            lambda r: self._changed(
                f"Respuestas importadas en {r.number}: "
                f"{locale_format.plural(r.applied, 'aplicada', 'aplicadas')}, "
                f"{locale_format.count(r.unchanged)} sin cambios, "
                f"{locale_format.plural(r.blank, 'fila', 'filas')} sin responder. "
                f"Pendientes: {locale_format.count(r.pending)}.",
                audit_id,
            ),
        )
        task.failed.disconnect()
        task.failed.connect(lambda exc: self._import_failed(exc, path))
        return task

    def _import_failed(self, error: BaseException, path: str) -> None:
        if isinstance(error, answers.OverwriteRequired) and messages.confirm(
            self,
            error.message.replace(" (en la línea de comandos, --overwrite)", "")
            + "\n\n¿Reemplazar esas respuestas?",
            "Reemplazar respuestas",
            "Reemplazar",
        ):
            self.import_answers(path, overwrite=True)
            return
        if not isinstance(error, answers.OverwriteRequired):
            messages.show_error(self, error, title="No se importaron las respuestas")

    def answer_selected(self) -> AnswerDialog | None:
        finding = self.finding
        if finding is None:
            return None
        self.dialog = AnswerDialog(self._db, self._actor, finding, self)
        self.dialog.saved.connect(lambda f: self._changed(None, f.audit_id))
        self.dialog.open()
        return self.dialog

    def submit_answers(self) -> None:
        audit = self.audit
        if audit is None:
            return
        try:
            result = answers.submit_answers(self._db, self._actor, audit.audit_id)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        self._changed(
            locale_format.plural(result.submitted, "respuesta enviada", "respuestas enviadas")
            + (f" ({result.late} fuera de plazo)" if result.late else "")
            + f". Pendientes: {result.pending}.",
            audit.audit_id,
        )
