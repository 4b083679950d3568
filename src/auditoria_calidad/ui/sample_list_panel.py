"""The list beside the F182 form: the audit's sampled records, «Solo pendientes», sorting.

Column widths are set once from their contents (the longest key of the sample, a date, a
state, a score, each with its header and sort arrow) and do not move; when the list is
narrower than the columns it scrolls sideways instead of cutting an identifier.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.sample_list_model import (
    AGENT_COLUMN,
    DATE_COLUMN,
    KEY_COLUMN,
    SCORE_COLUMN,
    STATE_COLUMN,
    SampleListModel,
)

# The widest value each fixed column shows (the key's comes from the sample).
_SAMPLES = {
    DATE_COLUMN: "00/00/0000",
    STATE_COLUMN: "Pendiente",
    SCORE_COLUMN: "100,00",
    AGENT_COLUMN: "Agente de ejemplo",
}
_PADDING = 16
_SORT_ARROW = 18


class SampleListPanel(QWidget):
    """Emits ``item_chosen`` when the auditor picks a row (not when the page selects one)."""

    item_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._syncing = False
        self._selected: int | None = None
        self.pending_only = QCheckBox("Solo &pendientes")
        self.pending_only.setToolTip("Alt+P: mostrar solo los registros que faltan por evaluar")
        self.count = QLabel()
        self.count.setObjectName("formHint")
        self.model = SampleListModel(self)
        self.model.load_failed.connect(lambda exc: messages.show_error(self, exc))
        self.model.longest_key_changed.connect(lambda: self.fit_columns(widen_only=True))
        self.view = QTableView()
        self.view.setObjectName("sampleList")
        self.view.setStyleSheet("QTableView#sampleList { font-size: 9pt; }")
        self.view.setModel(self.model)
        # After the view's own reset handling, so that the selection is put back last.
        self.model.modelReset.connect(self._reselect)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(DATE_COLUMN, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.view.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(24)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(AGENT_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._row_chosen)
        filters = QHBoxLayout()
        filters.addWidget(self.pending_only)
        filters.addStretch(1)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        self.setMinimumWidth(260)

    def refreshed(self) -> None:
        """After the model read another audit: widths for its keys, the count."""
        self.fit_columns()
        self.update_count()

    def update_count(self) -> None:
        self.count.setText(locale_format.plural(self.model.rowCount(), "registro", "registros"))

    def column_width(self, column: int) -> int:
        """The width that shows ``column``'s widest value and its header with the arrow."""
        self.view.ensurePolished()
        header = self.view.horizontalHeader()
        header.ensurePolished()
        cell, title = self.view.fontMetrics(), header.fontMetrics()
        sample = (
            self.model.longest_key or "2026-ER-0000000"
            if column == KEY_COLUMN
            else _SAMPLES[column]
        )
        heading = str(self.model.headerData(column, Qt.Orientation.Horizontal))
        return max(
            cell.horizontalAdvance(sample) + _PADDING,
            title.horizontalAdvance(heading) + _PADDING + _SORT_ARROW,
        )

    def fit_columns(self, *, widen_only: bool = False) -> None:
        """Widths from the contents; ``widen_only`` when a later page brings a longer key
        (a column never narrows under the auditor)."""
        for column in (KEY_COLUMN, DATE_COLUMN, STATE_COLUMN, SCORE_COLUMN, AGENT_COLUMN):
            width = self.column_width(column)
            if widen_only:
                width = max(width, self.view.columnWidth(column))
            self.view.setColumnWidth(column, width)

    def select(self, sample_item_id: int | None) -> None:
        """Show ``sample_item_id`` as the current row without emitting ``item_chosen``."""
        self._selected = sample_item_id
        row = self.model.row_of(sample_item_id)
        self._syncing = True
        try:
            if row is None:
                self.view.clearSelection()
                return
            index = self.model.index(row, 0)
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.scrollTo(index)
        finally:
            self._syncing = False

    def _reselect(self) -> None:
        """A new order (a sort, the filter): the record being edited stays selected."""
        if self._selected is not None:
            self.select(self._selected)
        self.update_count()

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        item_id = self.model.sample_item_id(current.row())
        if item_id is not None:
            self.item_chosen.emit(item_id)
