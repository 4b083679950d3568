"""One audit: its counts against the 50 % rule, the sample plan per agent, the sampled
records (add by hand, remove with a reason) and the indicators so far."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services import audits, indicators, sample, screening
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import AuditState
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.indicators import AuditSummary
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.alert_additions_dialog import AlertAdditionsDialog
from auditoria_calidad.ui.audit_dialogs import AddRecordDialog as AddRecordDialog
from auditoria_calidad.ui.audit_dialogs import AnnulAuditDialog as AnnulAuditDialog
from auditoria_calidad.ui.audit_dialogs import RemoveRecordDialog as RemoveRecordDialog
from auditoria_calidad.ui.audit_indicators import AgentRow as AgentRow
from auditoria_calidad.ui.audit_indicators import AgentsIndicatorsModel as AgentsIndicatorsModel
from auditoria_calidad.ui.audit_indicators import CriteriaTableModel as CriteriaTableModel
from auditoria_calidad.ui.audit_indicators import CriterionRow as CriterionRow
from auditoria_calidad.ui.audit_indicators import IndicatorsPanel as IndicatorsPanel
from auditoria_calidad.ui.audit_indicators import fit_first_column as fit_first_column
from auditoria_calidad.ui.audit_indicators import fraction_text as fraction_text
from auditoria_calidad.ui.audit_indicators import indicator_card
from auditoria_calidad.ui.new_audit_dialog import DrawSampleDialog
from auditoria_calidad.ui.page_header import PageHeader
from auditoria_calidad.ui.sample_plan_model import (
    PlanTotals,
    SampleItemsModel,
    SamplePlanModel,
)
from auditoria_calidad.ui.table_models import RowTableView
from auditoria_calidad.ui.workers import ProgressTask


class AuditDetail(QWidget):
    back_requested = Signal()
    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.audit_id: int | None = None
        self.summary: AuditSummary | None = None
        self.dialog: QDialog | None = None
        can_manage = actor.can(Permission.MANAGE_AUDITS)

        self.back_button = QPushButton("← Volver a las auditorías")
        self.back_button.setObjectName("backButton")
        self.back_button.clicked.connect(self.back_requested)
        self.header = PageHeader("Auditoría")
        cards = QHBoxLayout()
        cards.setSpacing(10)
        self.counts: dict[str, QLabel] = {}
        self.count_captions: dict[str, QLabel] = {}
        for key, text in (("population", "Registros en la población"),
                          ("sampled", "Registros en la muestra"),
                          ("evaluated", "Evaluados"),
                          ("missing", "Faltan para el 50 %")):  # fmt: skip
            card, value, caption = indicator_card(text)
            self.counts[key], self.count_captions[key] = value, caption
            cards.addWidget(card, 1)
        self.facts = QLabel()
        self.facts.setObjectName("auditFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.draw_button = QPushButton("Sortear muestra…")
        self.draw_button.clicked.connect(self.open_draw_dialog)
        self.refresh_button = QPushButton("Actualizar población")
        self.refresh_button.setToolTip(
            "Agrega los registros del periodo importados después de crear la auditoría y "
            "completa la muestra de cada agente."
        )
        self.refresh_button.clicked.connect(self.refresh_population)
        self.add_button = QPushButton("Agregar registro…")
        self.add_button.clicked.connect(self.open_add_dialog)
        self.alerts_button = QPushButton("Agregar por alertas…")
        self.alerts_button.setObjectName("addByAlerts")
        self.alerts_button.setToolTip(
            "Agrega a la muestra todos los registros con las alertas del análisis automático "
            "que elija (p. ej. todas las respuestas reutilizadas), con un motivo."
        )
        self.alerts_button.clicked.connect(self.open_alerts_dialog)
        self.remove_button = QPushButton("Retirar registro…")
        self.remove_button.clicked.connect(self.open_remove_dialog)
        self.review_button = QPushButton("Marcar en revisión")
        self.review_button.clicked.connect(lambda: self._mark(audits.mark_in_review))
        self.ready_button = QPushButton("Marcar lista para aprobar")
        self.ready_button.clicked.connect(lambda: self._mark(audits.mark_ready))
        self.annul_button = QPushButton("Anular auditoría…")
        self.annul_button.setObjectName("annulAudit")
        self.annul_button.setToolTip(
            "Solo una auditoría en borrador, creada por error, antes de evaluar sus registros."
        )
        self.annul_button.clicked.connect(self.open_annul_dialog)
        self.action_buttons = (
            self.draw_button,
            self.refresh_button,
            self.add_button,
            self.alerts_button,
            self.remove_button,
            self.review_button,
            self.ready_button,
            self.annul_button,
        )
        actions = QHBoxLayout()
        for button in self.action_buttons:
            if button is self.review_button:
                actions.addStretch(1)
            button.setVisible(can_manage)
            actions.addWidget(button)
        self.notice = QLabel()
        self.notice.setObjectName("warningNote")
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.plan = SamplePlanModel(self)
        self.plan_table = RowTableView(self.plan)
        self.plan_table.setObjectName("samplePlan")
        self.plan_totals = QLabel()
        self.plan_totals.setObjectName("formHint")
        self.plan_totals.setWordWrap(True)
        plan_tab = QWidget()
        plan_layout = QVBoxLayout(plan_tab)
        plan_layout.addWidget(self.plan_table, 1)
        plan_layout.addWidget(self.plan_totals)

        self.items = SampleItemsModel(self)
        self.items_table = RowTableView(self.items)
        self.items_table.setObjectName("sampleItems")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Buscar por clave o agente…")
        self.filter.setClearButtonEnabled(True)
        self.items_table.proxy.setFilterKeyColumn(-1)
        self.filter.textChanged.connect(self.items_table.proxy.setFilterFixedString)
        self.show_removed = QCheckBox("Mostrar los retirados")
        self.show_removed.toggled.connect(self._show_items)
        items_tab = QWidget()
        items_layout = QVBoxLayout(items_tab)
        items_bar = QHBoxLayout()
        items_bar.addWidget(self.filter, 1)
        items_bar.addWidget(self.show_removed)
        items_layout.addLayout(items_bar)
        items_layout.addWidget(self.items_table, 1)
        self._all_items: list[sample.SampleItemInfo] = []

        self.indicators = IndicatorsPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(plan_tab, "Plan de muestra por agente")
        self.tabs.addTab(items_tab, "Registros de la muestra")
        self.tabs.addTab(self.indicators, "Indicadores hasta ahora")

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 16, 28, 20)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addLayout(cards)
        layout.addWidget(self.facts)
        layout.addLayout(actions)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)

    # Loading ----------------------------------------------------------------------------
    def load(self, audit_id: int) -> None:
        self.audit_id = audit_id
        self.notice.hide()
        self.reload()

    def reload(self) -> None:
        if self.audit_id is None:
            return
        try:
            summary = indicators.audit_summary(self._db, self._actor, self.audit_id)
            self._all_items = sample.sample_items(self._db, self._actor, self.audit_id)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        self.summary = summary
        self.header.title.setText(f"Auditoría {summary.number}")
        self.header.set_subtitle(
            f"{summary.channel.label} · {summary.provider} · {summary.period_label} · "
            f"Estado: {summary.state_label}"
        )
        self.counts["population"].setText(locale_format.count(summary.population))
        self.counts["sampled"].setText(locale_format.count(summary.sampled))
        self.counts["evaluated"].setText(locale_format.count(summary.evaluated))
        self.count_captions["evaluated"].setText(
            f"Evaluados (se requieren {locale_format.count(summary.required_for_approval)})"
        )
        self.counts["missing"].setText(locale_format.count(summary.missing))
        if summary.state is AuditState.ANNULLED:
            info = audits.get_audit(self._db, self._actor, summary.id)
            when = f"{info.annulled_at:%d/%m/%Y %H:%M}" if info.annulled_at else ""
            self.notice.setText(
                f"Anulada el {when} por {info.annulled_by or '—'}. Motivo: {info.annul_reason}"
            )
            self.notice.show()
        seed = "sin sortear" if summary.seed is None else str(summary.seed)
        self.facts.setText(
            f"Semilla: {seed} · Fracción: {fraction_text(summary.fraction)} · "
            f"Esquema: {summary.scheme_name} (versión {summary.scheme_version}) · "
            f"Meta: {locale_format.percent(summary.target_score)}"
        )
        self.plan.set_rows(summary.strata)
        totals = PlanTotals.of(summary.strata)
        self.plan_totals.setText(
            f"Total: {locale_format.count(totals.population)} en la población, "
            f"{locale_format.plural(totals.required, 'requerido', 'requeridos')} "
            "(⌈f × n⌉ por agente), "
            f"{locale_format.plural(totals.drawn, 'sorteado', 'sorteados')}, "
            f"{locale_format.plural(totals.manual, 'manual', 'manuales')}, "
            f"{locale_format.plural(totals.evaluated, 'evaluado', 'evaluados')}."
        )
        self._show_items()
        self.indicators.show_summary(summary)
        self._update_buttons()

    def _show_items(self) -> None:
        removed = self.show_removed.isChecked()
        self.items.set_rows([i for i in self._all_items if removed or i.active])

    def _update_buttons(self) -> None:
        summary = self.summary
        editable = (
            summary is not None
            and summary.state not in audits.LOCKED_STATES
            and summary.state is not AuditState.ANNULLED
        )
        self.annul_button.setEnabled(
            summary is not None and summary.state in audits.ANNULLABLE_STATES
        )
        drawn = summary is not None and summary.seed is not None
        self.draw_button.setEnabled(
            editable and (summary is None or summary.seed is None or summary.evaluated == 0)
        )
        self.draw_button.setText("Volver a sortear…" if drawn else "Sortear muestra…")
        for button in (
            self.refresh_button,
            self.add_button,
            self.alerts_button,
            self.remove_button,
        ):
            button.setEnabled(editable and drawn)
        self.review_button.setEnabled(
            editable and drawn and summary is not None and summary.state is AuditState.DRAFT
        )
        self.ready_button.setEnabled(
            editable and summary is not None and summary.state is not AuditState.READY
        )

    # Actions ----------------------------------------------------------------------------
    def _changed(self, notice: str) -> None:
        self.reload()
        self.notice.setText(notice)
        self.notice.show()
        self.data_changed.emit()

    def _mark(self, mark: Callable[[Database, Actor, int], audits.AuditInfo]) -> None:
        if self.audit_id is None:
            return
        try:
            info = mark(self._db, self._actor, self.audit_id)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        self._changed(f"La auditoría {info.number} quedó en estado «{info.state_label}».")

    def refresh_population(self) -> None:
        """Add the late records and screen the whole population again, off the GUI thread."""
        if self.audit_id is None:
            return
        audit_id = self.audit_id
        self.refresh_task = ProgressTask(
            self,
            "Actualizar población",
            "Actualizando la población y analizando sus respuestas…",
            lambda progress: sample.refresh_population(self._db, self._actor, audit_id, progress),
            controls=[self.refresh_button],
        )
        self.refresh_task.succeeded.connect(self._population_refreshed)
        self.refresh_task.failed.connect(lambda exc: messages.show_error(self, exc))
        self.refresh_task.start()

    def _population_refreshed(self, result: sample.RefreshResult) -> None:
        if result.added_population == 0:
            text = "No hay registros nuevos del periodo: la población no cambió."
        else:
            text = (
                f"{'Se agregó' if result.added_population == 1 else 'Se agregaron'} "
                f"{locale_format.plural(result.added_population, 'registro', 'registros')} "
                f"a la población y {locale_format.count(len(result.added_sample))} a la muestra."
            )
        self._changed(text)

    def open_draw_dialog(self) -> DrawSampleDialog | None:
        if self.summary is None:
            return None
        additions = PlanTotals.of(self.summary.strata).manual if self.summary.seed else 0
        dialog = DrawSampleDialog(
            self._db,
            self._actor,
            self.summary.id,
            self.summary.number,
            self,
            additions=additions,
        )
        dialog.drawn.connect(
            lambda r: self._changed(
                f"Muestra sorteada: {locale_format.count(r.sampled)} de "
                f"{locale_format.plural(r.population, 'registro', 'registros')} de la "
                f"población, semilla {r.seed}."
            )
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_add_dialog(self) -> AddRecordDialog | None:
        if self.audit_id is None:
            return None
        audit_id = self.audit_id
        try:
            keys = sample.unsampled_keys(self._db, self._actor, audit_id)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return None
        dialog = AddRecordDialog(keys, self)

        def add() -> None:
            item = sample.add_manual(self._db, self._actor, audit_id, dialog.key.text())
            self._changed(f"Se agregó a mano el registro {item.key} ({item.agent}).")

        dialog.on_accept = add
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_alerts_dialog(self) -> AlertAdditionsDialog | None:
        if self.audit_id is None:
            return None
        audit_id = self.audit_id
        try:
            summary = screening.screening_summary(self._db, self._actor, audit_id)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return None
        if summary.screened == 0:
            messages.show_error(
                self,
                f"La población de la auditoría {summary.number} no tiene análisis automático: "
                "use «Actualizar población» para analizarla y vuelva a intentarlo.",
            )
            return None
        dialog = AlertAdditionsDialog(summary, self)

        def add(codes: tuple[str, ...], reason: str) -> None:
            result = sample.add_records_with_alerts(self._db, self._actor, audit_id, codes, reason)
            parts = [
                f"{locale_format.plural(len(result.added), 'registro agregado', 'registros agregados')} "
                "a la muestra como adiciones dirigidas",
            ]
            if result.already_in_sample:
                parts.append(
                    f"{locale_format.plural(result.already_in_sample, 'ya estaba', 'ya estaban')} "
                    "en ella"
                )
            if result.removed_before:
                parts.append(
                    f"{locale_format.plural(result.removed_before, 'retirado', 'retirados')} "
                    "antes no se volvieron a agregar"
                )
            self._changed(f"Alertas {', '.join(result.codes)}: " + "; ".join(parts) + ".")

        dialog.on_accept = add
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_remove_dialog(self) -> RemoveRecordDialog | None:
        if self.audit_id is None:
            return None
        audit_id = self.audit_id
        selected = self.items_table.selected_row()
        key = selected.key if selected is not None and selected.active else ""
        dialog = RemoveRecordDialog(key, self)

        def remove() -> None:
            result = sample.remove_from_sample(
                self._db, self._actor, audit_id, dialog.key.text(), dialog.reason.toPlainText()
            )
            replaced = (
                f"; lo reemplaza {result.replacement_key}, del mismo agente"
                if result.replacement_key
                else "; el agente ya no tiene otro registro para reemplazarlo"
            )
            self._changed(f"Se retiró el registro {result.removed_key}{replaced}.")

        dialog.on_accept = remove
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_annul_dialog(self) -> AnnulAuditDialog | None:
        if self.summary is None:
            return None
        dialog = AnnulAuditDialog(self._db, self._actor, self.summary.id, self.summary.number, self)
        dialog.accepted.connect(lambda: self._annulled(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _annulled(self, dialog: AnnulAuditDialog) -> None:
        info = dialog.result_value
        if info is not None:
            self._changed(f"La auditoría {info.number} quedó anulada. Motivo: {info.annul_reason}")
