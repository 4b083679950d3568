"""Table models of an audit's sample: the plan per agent and the sampled records."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from auditoria_calidad.domain.sampling import StratumPlan
from auditoria_calidad.services.sample import SampleItemInfo
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.table_models import Column, RowTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
MISSING_COLOR = QColor("#b42318")
MET_COLOR = QColor("#1e7b34")
REMOVED_COLOR = QColor("#7b8794")


def sort_key(name: str) -> str:
    """Names sort as in a Spanish list: «Óscar» with the O's, not after «Viviana»."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _count(value: int) -> str:
    return locale_format.count(value)


def _number(attribute: str, header: str) -> Column[StratumPlan]:
    return Column[StratumPlan](
        header,
        lambda s: _count(getattr(s, attribute)),
        lambda s: getattr(s, attribute),
        numeric=True,
    )


class SamplePlanModel(RowTableModel[StratumPlan]):
    """One row per agent: population, required ceil(f × n), drawn, manual, evaluated."""

    COLUMNS = (
        Column[StratumPlan]("Agente", lambda s: s.agent, lambda s: sort_key(s.agent)),
        _number("population", "Población"),
        _number("required", "Requeridos"),
        _number("drawn", "Sorteados"),
        _number("manual", "Manuales"),
        _number("sampled", "En muestra"),
        _number("evaluated", "Evaluados"),
    )
    SAMPLED_COLUMN = 5

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.column() == self.SAMPLED_COLUMN
        ):
            return MET_COLOR if self.row_at(index.row()).meets_required else MISSING_COLOR
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            stratum = self.row_at(index.row())
            if not stratum.meets_required:
                return (
                    f"{'Falta' if stratum.missing == 1 else 'Faltan'} "
                    f"{locale_format.plural(stratum.missing, 'registro', 'registros')} "
                    "para el mínimo de este agente."
                )
        return super().data(index, role)


@dataclass(frozen=True)
class PlanTotals:
    population: int
    required: int
    drawn: int
    manual: int
    evaluated: int

    @classmethod
    def of(cls, strata: Sequence[StratumPlan]) -> PlanTotals:
        return cls(
            sum(s.population for s in strata),
            sum(s.required for s in strata),
            sum(s.drawn for s in strata),
            sum(s.manual for s in strata),
            sum(s.evaluated for s in strata),
        )


def _state(item: SampleItemInfo) -> str:
    if item.active:
        return "En muestra"
    return f"Retirado: {item.removal_reason or ''}"


class SampleItemsModel(RowTableModel[SampleItemInfo]):
    """The sampled records; removed ones stay listed (grey) with their reason."""

    COLUMNS = (
        Column[SampleItemInfo]("Clave", lambda i: i.key),
        Column[SampleItemInfo]("Agente", lambda i: i.agent, lambda i: sort_key(i.agent)),
        Column[SampleItemInfo](
            "Recibido", lambda i: locale_format.moment(i.received_at), lambda i: i.received_at
        ),
        Column[SampleItemInfo]("Origen", lambda i: i.origin_label),
        Column[SampleItemInfo](
            "Evaluado", lambda i: "Sí" if i.evaluated else "No", lambda i: i.evaluated
        ),
        Column[SampleItemInfo]("Estado", _state),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            if not self.row_at(index.row()).active:
                return REMOVED_COLOR
            return None
        return super().data(index, role)
