"""The indicators of one audit so far: cards of the headline figures and the tables
per criterion and per agent."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.scoring import Figure
from auditoria_calidad.services.indicators import AuditSummary
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.sample_plan_model import (
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


def indicator_card(label: str) -> tuple[QFrame, QLabel, QLabel]:
    """A card: the figure, its label and a caption under it (returns the three)."""
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
            card, value, caption = indicator_card(text)
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
            stack = QVBoxLayout()
            heading = QLabel(title)
            heading.setObjectName("sectionTitle")
            stack.addWidget(heading)
            stack.addWidget(table, 1)
            tables.addLayout(stack, 1)
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
