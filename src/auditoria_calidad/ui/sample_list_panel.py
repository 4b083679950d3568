"""The list beside the F182 form: the audit's sampled records, «Solo pendientes», sorting."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
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

from auditoria_calidad.services.evaluations import SampleRow
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.sample_list_model import PendingFilterProxy, SampleListModel


class SampleListPanel(QWidget):
    """Emits ``item_chosen`` when the auditor picks a row (not when the page selects one)."""

    item_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._syncing = False
        self.pending_only = QCheckBox("Solo &pendientes")
        self.pending_only.setToolTip("Alt+P: mostrar solo los registros que faltan por evaluar")
        self.count = QLabel()
        self.count.setObjectName("formHint")
        self.model = SampleListModel(self)
        self.proxy = PendingFilterProxy(self.model, self)
        self.view = QTableView()
        self.view.setObjectName("sampleList")
        self.view.setStyleSheet("QTableView#sampleList { font-size: 9pt; }")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.view.viewport().installEventFilter(self)
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

    def set_rows(self, rows: Sequence[SampleRow]) -> None:
        self._syncing = True
        try:
            self.model.set_rows(rows)
        finally:
            self._syncing = False
        self.fit_columns()
        self.update_count()

    def update_count(self) -> None:
        self.count.setText(locale_format.plural(self.proxy.rowCount(), "registro", "registros"))

    def fit_columns(self) -> None:
        """Widths for the widest key, a date, a state and a score (or their headers); the
        agent takes the rest."""
        self.view.ensurePolished()
        header = self.view.horizontalHeader()
        header.ensurePolished()
        cell, title = self.view.fontMetrics(), header.fontMetrics()
        longest_key = max((r.key for r in self.model.rows), key=len, default="2026-ER-0000000")
        used = 0
        for column, sample in (
            (0, longest_key),
            (2, "00/00/0000"),
            (3, "Pendiente"),
            (4, "100,00"),
        ):
            heading = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(cell.horizontalAdvance(sample), title.horizontalAdvance(heading)) + 16
            if column == 2:
                width += 14  # the sort arrow
            self.view.setColumnWidth(column, width)
            used += width
        # The agent's name takes what is left (elided, the full name in the tooltip).
        self.view.setColumnWidth(1, max(70, self.view.viewport().width() - used))

    def select(self, sample_item_id: int | None) -> None:
        """Show ``sample_item_id`` as the current row without emitting ``item_chosen``."""
        row = None if sample_item_id is None else self.proxy.proxy_row(sample_item_id)
        self._syncing = True
        try:
            if row is None:
                self.view.clearSelection()
                return
            index = self.proxy.index(row, 0)
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.scrollTo(index)
        finally:
            self._syncing = False

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        item_id = self.proxy.sample_item_id(current.row())
        if item_id is not None:
            self.item_chosen.emit(item_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self.fit_columns()
        return super().eventFilter(watched, event)
