"""One audit: its counts against the 50 % rule, the sample plan per agent, the sampled
records (add by hand, remove with a reason) and the indicators so far."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.scoring import Figure
from auditoria_calidad.services import audit_annulment, audits, indicators, sample
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import AuditState
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.indicators import AuditSummary
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.messages import inline_error_label, show_inline
from auditoria_calidad.ui.new_audit_dialog import DrawSampleDialog
from auditoria_calidad.ui.page_header import PageHeader
from auditoria_calidad.ui.sample_plan_model import (
    PlanTotals,
    SampleItemsModel,
    SamplePlanModel,
    sort_key,
)
from auditoria_calidad.ui.table_models import Column, RowTableModel, RowTableView

AnyIndex = QModelIndex | QPersistentModelIndex


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else locale_format.percent(value)


def fraction_text(value: Decimal | None) -> str:
    return "—" if value is None else locale_format.decimal(value, 2)


# --- Indicator rows ----------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionRow:
    label: str
    figure: Figure


@dataclass(frozen=True)
class AgentRow:
    agent: str
    records: int
    score: Decimal | None
    within: Decimal | None


class _FullTextTips:
    """Long names are elided in narrow columns: the tooltip shows the whole text."""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == 0:
            role = Qt.ItemDataRole.DisplayRole
        return super().data(index, role)  # type: ignore[misc]


class CriteriaTableModel(_FullTextTips, RowTableModel[CriterionRow]):
    COLUMNS = (
        Column[CriterionRow]("Criterio", lambda r: r.label),
        Column[CriterionRow](
            "% cumple", lambda r: _pct(r.figure.value), lambda r: r.figure.value, numeric=True
        ),
    )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == 1:
            applicable = self.row_at(index.row()).figure.applicable
            return (
                f"Sobre {locale_format.plural(applicable, 'registro', 'registros')} en que aplica."
            )
        return super().data(index, role)


class AgentsIndicatorsModel(_FullTextTips, RowTableModel[AgentRow]):
    COLUMNS = (
        Column[AgentRow]("Agente", lambda r: r.agent, lambda r: sort_key(r.agent)),
        Column[AgentRow](
            "Evaluados",
            lambda r: locale_format.count(r.records),
            lambda r: r.records,
            numeric=True,
        ),
        Column[AgentRow]("Nota", lambda r: _pct(r.score), lambda r: r.score, numeric=True),
        Column[AgentRow]("A tiempo", lambda r: _pct(r.within), lambda r: r.within, numeric=True),
    )


def fit_first_column(table: RowTableView) -> None:
    """The first (text) column takes the spare width; numbers keep their natural width."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def _card(label: str) -> tuple[QFrame, QLabel, QLabel]:
    card = QFrame()
    card.setObjectName("card")
    value = QLabel("—")
    value.setObjectName("cardValue")
    caption = QLabel(label)
    caption.setObjectName("cardLabel")
    caption.setWordWrap(True)
    box = QVBoxLayout(card)
    box.setContentsMargins(14, 10, 14, 10)
    box.setSpacing(2)
    box.addWidget(value)
    box.addWidget(caption)
    return card, value, caption


class IndicatorsPanel(QWidget):
    """The indicators so far: overall figures against the target, by criterion, by agent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty = QLabel(
            "Aún no hay registros evaluados. Los indicadores aparecen a medida que se evalúa "
            "la muestra."
        )
        self.empty.setObjectName("formHint")
        self.empty.setWordWrap(True)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        names = (
            ("score", "Calificación promedio"),
            ("without_critical", "Sin la regla de críticos"),
            ("within", "Respuestas a tiempo"),
            ("legal", "Dentro del plazo legal"),
            ("critical", "Registros con falla crítica"),
        )
        for column, (key, text) in enumerate(names):
            card, value, caption = _card(text)
            self.values[key], self.captions[key] = value, caption
            grid.addWidget(card, 0, column)
        self.criteria = CriteriaTableModel(self)
        self.criteria_table = RowTableView(self.criteria)
        self.criteria_table.setObjectName("criteriaIndicators")
        self.criteria_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the scheme's order
        self.agents = AgentsIndicatorsModel(self)
        self.agents_table = RowTableView(self.agents)
        self.agents_table.setObjectName("agentIndicators")
        for table in (self.criteria_table, self.agents_table):
            fit_first_column(table)
        tables = QHBoxLayout()
        for title, table in (("Por criterio", self.criteria_table),
                             ("Por agente", self.agents_table)):  # fmt: skip
            column = QVBoxLayout()
            heading = QLabel(title)
            heading.setObjectName("sectionTitle")
            column.addWidget(heading)
            column.addWidget(table, 1)
            tables.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addLayout(grid)
        layout.addLayout(tables, 1)

    def show_summary(self, summary: AuditSummary) -> None:
        overall = summary.indicators.overall
        target = locale_format.percent(summary.indicators.target)
        self.empty.setVisible(overall.records == 0)
        self.values["score"].setText(_pct(overall.audit_score.value))
        self.captions["score"].setText(f"Calificación promedio (meta {target})")
        self.values["without_critical"].setText(_pct(overall.audit_score_without_critical.value))
        self.values["within"].setText(_pct(overall.within_limit_pct.value))
        self.values["legal"].setText(_pct(overall.legal_met_pct.value))
        self.values["critical"].setText(locale_format.count(overall.critical_failures))
        color = {True: "#1e7b34", False: "#b42318", None: "#1f4e79"}[
            overall.audit_score.meets_target
        ]
        self.values["score"].setStyleSheet(f"color: {color};")
        labels = {c.key: c.label for c in summary.scheme.criteria}
        self.criteria.set_rows(
            [CriterionRow(labels.get(k, k), f) for k, f in overall.criteria_pct.items()]
        )
        self.agents.set_rows(
            [
                AgentRow(agent, s.records, s.audit_score.value, s.within_limit_pct.value)
                for agent, s in summary.indicators.by_agent.items()
            ]
        )


# --- Dialogs -----------------------------------------------------------------------------


class _KeyDialog(QDialog):
    """Base of the two dialogs that name a record of the sample by its key.

    ``on_accept`` does the work; a refusal is shown inside the dialog, which stays open.
    """

    def __init__(self, title: str, accept_label: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.on_accept: Callable[[], object] | None = None
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.key = QLineEdit()
        self.key.setObjectName("recordKey")
        self.key.setPlaceholderText("Radicado o id. del chat")
        self.form = QFormLayout()
        self.form.addRow("Registro:", self.key)
        self.error = inline_error_label()
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(accept_label, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(buttons)

    def accept(self) -> None:
        try:
            if self.on_accept is not None:
                self.on_accept()
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        super().accept()


class AddRecordDialog(_KeyDialog):
    def __init__(self, keys: list[str], parent: QWidget | None = None) -> None:
        super().__init__("Agregar registro a la muestra", "Agregar", parent)
        completer = QCompleter(QStringListModel(keys, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.key.setCompleter(completer)
        note = QLabel(
            f"Cualquier registro de la población que no esté en la muestra "
            f"({locale_format.plural(len(keys), 'disponible', 'disponibles')}). "
            "Queda con origen «manual»."
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)


class RemoveRecordDialog(_KeyDialog):
    def __init__(self, key: str = "", parent: QWidget | None = None) -> None:
        super().__init__("Retirar registro de la muestra", "Retirar", parent)
        self.key.setText(key)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText("Por ejemplo: radicado importado por error, duplicado…")
        self.reason.setFixedHeight(80)
        self.form.addRow("Motivo:", self.reason)
        note = QLabel(
            "El motivo queda en el registro de auditoría. Un registro sorteado se reemplaza con "
            "el siguiente del mismo agente en el orden del sorteo."
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)


class AnnulAuditDialog(QDialog):
    """Annul a draft audit created by mistake; the reason is required and logged."""

    def __init__(self, db: Database, actor: Actor, audit_id: int, number: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._db, self._actor, self._audit_id = db, actor, audit_id
        self.result_value: audits.AuditInfo | None = None
        self.setWindowTitle(f"Anular la auditoría {number}")
        self.setMinimumWidth(480)
        note = QLabel(
            f"La auditoría {number} quedará «Anulada»: no se borra, pero deja de aparecer en "
            "las listas y en los informes, y el periodo queda libre para crear otra. El motivo "
            "queda en el registro de cambios."
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("annulReason")
        self.reason.setPlaceholderText("Por ejemplo: creada dos veces para el mismo mes…")
        self.reason.setFixedHeight(80)
        form = QFormLayout()
        form.addRow("Motivo:", self.reason)
        self.error = inline_error_label()
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("Anular", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.result_value = audit_annulment.annul_audit(
                self._db, self._actor, self._audit_id, self.reason.toPlainText()
            )
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        super().accept()


# --- The page ----------------------------------------------------------------------------


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
            card, value, caption = _card(text)
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
            self.remove_button,
            self.review_button,
            self.ready_button,
            self.annul_button,
        )
        actions = QHBoxLayout()
        for index, button in enumerate(self.action_buttons):
            if index == 4:
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
        self.draw_button.setEnabled(editable and (not drawn or summary.evaluated == 0))
        self.draw_button.setText("Volver a sortear…" if drawn else "Sortear muestra…")
        for button in (self.refresh_button, self.add_button, self.remove_button):
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
        if self.audit_id is None:
            return
        try:
            result = sample.refresh_population(self._db, self._actor, self.audit_id)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
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
        dialog = DrawSampleDialog(self._db, self._actor, self.summary.id, self.summary.number, self)
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
