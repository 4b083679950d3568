"""Importar › «Importaciones anteriores»: the list of past imports above the summary of the
one chosen (or of the import just finished)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.imports import BatchInfo
from auditoria_calidad.ui.batches_model import BatchesTableModel
from auditoria_calidad.ui.import_summary import ImportSummaryView
from auditoria_calidad.ui.table_models import RowTableView

# Widest a column of the list may grow (never narrower than its header).
COLUMN_LIMITS = {1: 260, 3: 260, 4: 200, 6: 320}


class ImportHistory(QSplitter):
    """The past imports (top) and the summary of the chosen one (bottom)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._selecting = False
        self.batches_model = BatchesTableModel(self)
        self.batches = RowTableView(self.batches_model)
        self.batches.setObjectName("batchesTable")
        self.batches.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.batches.selectionModel().selectionChanged.connect(self._batch_selected)
        self.batches_model.modelReset.connect(self._limit_batch_columns)
        self.batches_empty = QLabel(
            "Todavía no se ha importado ningún archivo. Cada importación aparecerá aquí con su "
            "fecha, su archivo, quién la hizo y lo que agregó."
        )
        self.batches_empty.setObjectName("formHint")
        self.batches_empty.setWordWrap(True)
        batches_title = QLabel("Importaciones anteriores")
        batches_title.setObjectName("sectionTitle")
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(batches_title)
        top_layout.addWidget(self.batches_empty)
        top_layout.addWidget(self.batches, 1)

        self.summary = ImportSummaryView(db, actor)
        self.summary.setObjectName("importSummary")
        self.addWidget(top)
        self.addWidget(self.summary)
        self.setChildrenCollapsible(False)
        # the list takes the room until an import is chosen (then the summary does)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        self.setSizes([360, 80])

    def set_batches(self, batches: list[BatchInfo]) -> None:
        """Show ``batches``, keeping the chosen one chosen."""
        selected = self.batches.selected_row()
        self.batches_model.set_rows(batches)
        self.batches_empty.setVisible(not batches)
        self.batches.setVisible(bool(batches))
        if selected is not None:
            self.batches.select_where(lambda b: b.id == selected.id)

    @contextmanager
    def keeping_summary(self) -> Iterator[None]:
        """While the list is reloaded and re-selected, the summary shown stays (the one of
        the import just finished, not the stored batch's)."""
        self._selecting = True
        try:
            yield
        finally:
            self._selecting = False

    def _batch_selected(self) -> None:
        if self._selecting:
            return
        batch = self.batches.selected_row()
        if isinstance(batch, BatchInfo):
            self.summary.show_batch(batch)
            self.make_room_for_summary()

    def make_room_for_summary(self) -> None:
        """Give the summary most of the height, leaving a few lines of the batch list."""
        total = sum(self.sizes())
        rows = min(max(self.batches_model.rowCount(), 1), 4)
        # the title, the column header and the rows
        top = 66 + rows * self.batches.verticalHeader().defaultSectionSize()
        if total > top + 200:
            self.setSizes([top, total - top])

    def _limit_batch_columns(self) -> None:
        self.batches.cap_widths(COLUMN_LIMITS)
