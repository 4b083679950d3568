"""The sampled records of an audit beside the form: model and the «solo pendientes» filter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from auditoria_calidad.services.evaluations import SampleRow
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.table_models import Column, RowTableModel, SortProxy

AnyIndex = QModelIndex | QPersistentModelIndex
STATE_COLUMN = 3
_STATE_COLOURS = {"pendiente": QColor("#8a5a00"), "evaluado": QColor("#1e6b3a")}


def _score(row: SampleRow) -> str:
    return "" if row.score is None else locale_format.decimal(row.score, 2)


class SampleListModel(RowTableModel[SampleRow]):
    COLUMNS = (
        Column[SampleRow]("Radicado", lambda r: r.key),
        Column[SampleRow]("Agente", lambda r: r.agent),
        Column[SampleRow](
            "Fecha", lambda r: locale_format.day(r.received_at), lambda r: r.received_at
        ),
        Column[SampleRow]("Estado", lambda r: r.state.capitalize(), lambda r: r.state),
        Column[SampleRow]("Puntaje", _score, lambda r: r.score, numeric=True),
    )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole:
            if index.column() == STATE_COLUMN:
                return _STATE_COLOURS.get(self.row_at(index.row()).state)
            return None
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            row = self.row_at(index.row())
            return f"{row.key} · {row.agent} · recibido {locale_format.moment(row.received_at)}"
        return super().data(index, role)

    key_header = "Radicado"  # «Id. del chat» for a chat audit

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            section == 0
            and orientation == Qt.Orientation.Horizontal
            and (role == Qt.ItemDataRole.DisplayRole)
        ):
            return self.key_header
        return super().headerData(section, orientation, role)

    def row_of(self, sample_item_id: int) -> int | None:
        return next(
            (i for i, r in enumerate(self._rows) if r.sample_item_id == sample_item_id), None
        )

    def replace(self, row: SampleRow) -> None:
        """Update one row in place (after a save), keeping the selection and the sort."""
        position = self.row_of(row.sample_item_id)
        if position is None:
            return
        self._rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, self.columnCount() - 1))

    def counts(self) -> tuple[int, int]:
        """(evaluated, total)."""
        return sum(1 for r in self._rows if not r.pending), len(self._rows)


class PendingFilterProxy(SortProxy):
    """Sorted rows; with ``pending_only`` only pending ones, plus the one being edited so
    that it does not vanish under the auditor when it becomes evaluated."""

    def __init__(self, source: SampleListModel, parent: QObject | None = None) -> None:
        super().__init__(source, parent)
        self._pending_only = False
        self._keep: int | None = None
        self.setDynamicSortFilter(False)

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.9 replaced invalidateFilter() by begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            change()
            self.invalidateFilter()

    def set_pending_only(self, value: bool) -> None:
        self._refilter(lambda: setattr(self, "_pending_only", value))

    def keep_visible(self, sample_item_id: int | None) -> None:
        if sample_item_id == self._keep:
            return
        if self._pending_only:
            self._refilter(lambda: setattr(self, "_keep", sample_item_id))
        else:
            self._keep = sample_item_id

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._pending_only:
            return True
        model = self.sourceModel()
        assert isinstance(model, SampleListModel)
        row = model.row_at(source_row)
        return row.pending or row.sample_item_id == self._keep

    def sample_item_id(self, proxy_row: int) -> int | None:
        if not 0 <= proxy_row < self.rowCount():
            return None
        source = self.mapToSource(self.index(proxy_row, 0))
        model = self.sourceModel()
        assert isinstance(model, SampleListModel)
        return model.row_at(source.row()).sample_item_id

    def proxy_row(self, sample_item_id: int) -> int | None:
        model = self.sourceModel()
        assert isinstance(model, SampleListModel)
        source_row = model.row_of(sample_item_id)
        if source_row is None:
            return None
        index = self.mapFromSource(model.index(source_row, 0))
        return index.row() if index.isValid() else None

    def pending_after(self, sample_item_id: int | None) -> int | None:
        """The first pending row after ``sample_item_id`` in view order (wrapping)."""
        model = self.sourceModel()
        assert isinstance(model, SampleListModel)
        ids = [self.sample_item_id(r) for r in range(self.rowCount())]
        start = ids.index(sample_item_id) + 1 if sample_item_id in ids else 0
        for item_id in ids[start:] + ids[:start]:
            if item_id is None or item_id == sample_item_id:
                continue
            source_row = model.row_of(item_id)
            if source_row is not None and model.row_at(source_row).pending:
                return item_id
        return None
