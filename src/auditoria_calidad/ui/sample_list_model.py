"""The sampled records of an audit beside the form, read a page at a time.

The database counts, sorts and filters («solo pendientes»); the model keeps only the
pages of rows the view has shown, so a sample of 100,000 records opens at once. Sorting a
column or filtering asks the database again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database, DatabaseError
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.evaluations import PENDING, SampleRow
from auditoria_calidad.services.sample_pages import (
    PAGE_SIZE,
    SampleCounts,
    SampleQuery,
    SampleSort,
    next_pending_row,
    sample_counts,
    sample_page,
    sample_position,
)
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.table_models import RIGHT

AnyIndex = QModelIndex | QPersistentModelIndex
# The identifier and the date first: they must never be cut; the agent's name last.
KEY_COLUMN, DATE_COLUMN, STATE_COLUMN, SCORE_COLUMN, AGENT_COLUMN = range(5)
HEADERS = ("Radicado", "Fecha", "Estado", "Puntaje", "Agente")
SORTS = (SampleSort.KEY, SampleSort.RECEIVED, SampleSort.STATE, SampleSort.SCORE, SampleSort.AGENT)
_STATE_COLOURS = {"pendiente": QColor("#8a5a00"), "evaluado": QColor("#1e6b3a")}
_EMPTY = SampleCounts(0, 0, 0)
_CACHE_PAGES = 50
_NO_DATE = datetime(2000, 1, 1)


def _display(row: SampleRow, column: int) -> str:
    if column == KEY_COLUMN:
        return row.key
    if column == AGENT_COLUMN:
        return row.agent
    if column == DATE_COLUMN:
        return locale_format.day(row.received_at)
    if column == STATE_COLUMN:
        return row.state.capitalize()
    # A pending record's stored score is provisional (or the computed criteria alone).
    return locale_format.score(None if row.pending else row.score)


class SampleListModel(QAbstractTableModel):
    """Rows of one audit's sample in view order; ``attach`` chooses the audit."""

    key_header = "Radicado"  # «Id. del chat» for a chat audit
    # A sort, a filter or a page the database refused (the view keeps what it had).
    load_failed = Signal(object)
    # A page with a key longer than any read before: the key column may need widening.
    longest_key_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._actor: Actor | None = None
        self._query: SampleQuery | None = None
        self._counts = _EMPTY
        self._pages: dict[int, list[SampleRow]] = {}
        self._positions: dict[int, int] = {}
        self.longest_key = ""

    # Which rows -----------------------------------------------------------------------
    def attach(self, db: Database, actor: Actor, audit_id: int, keep: int | None = None) -> None:
        """Show ``audit_id``'s sample, keeping the current sort and filter (raises
        ServiceError / DatabaseError)."""
        self._db, self._actor = db, actor
        query = self._query or SampleQuery(audit_id)
        if query.audit_id != audit_id:
            self.longest_key = ""
        self._reload(SampleQuery(audit_id, query.sort, query.descending, query.pending_only, keep))

    def clear(self) -> None:
        self.beginResetModel()
        self._query, self._counts, self._pages, self._positions = None, _EMPTY, {}, {}
        self.endResetModel()

    def _reload(self, query: SampleQuery) -> None:
        assert self._db is not None and self._actor is not None
        counts = sample_counts(self._db, self._actor, query)
        self.beginResetModel()
        self._query, self._counts, self._pages, self._positions = query, counts, {}, {}
        self.endResetModel()
        if counts.rows:
            self._page(0)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._query is None or not 0 <= column < len(SORTS):
            return
        q = self._query
        descending = order == Qt.SortOrder.DescendingOrder
        try:
            self._reload(SampleQuery(q.audit_id, SORTS[column], descending, q.pending_only, q.keep))
        except (ServiceError, DatabaseError) as exc:
            self.load_failed.emit(exc)

    def set_pending_only(self, on: bool) -> None:
        if self._query is not None and self._query.pending_only != on:
            q = self._query
            self._reload(SampleQuery(q.audit_id, q.sort, q.descending, on, q.keep))

    def keep_visible(self, sample_item_id: int | None) -> None:
        """Keep the record being edited in a «solo pendientes» list even once evaluated;
        the one kept before leaves the list then."""
        q = self._query
        if q is None or q.keep == sample_item_id:
            return
        query = SampleQuery(q.audit_id, q.sort, q.descending, q.pending_only, sample_item_id)
        if not q.pending_only:
            self._query = query
            return
        try:
            self._reload(query)
        except (ServiceError, DatabaseError) as exc:
            self._query = query
            self.load_failed.emit(exc)

    # Pages ----------------------------------------------------------------------------
    def _page(self, number: int) -> list[SampleRow]:
        page = self._pages.get(number)
        if page is not None:
            return page
        assert self._db is not None and self._actor is not None and self._query is not None
        if len(self._pages) >= _CACHE_PAGES:
            self._pages.clear()
            self._positions.clear()
        page = sample_page(self._db, self._actor, self._query, number * PAGE_SIZE, PAGE_SIZE)
        self._pages[number] = page
        for offset, row in enumerate(page):
            self._positions[row.sample_item_id] = number * PAGE_SIZE + offset
        longest = max((r.key for r in page), key=len, default="")
        if len(longest) > len(self.longest_key):
            self.longest_key = longest
            self.longest_key_changed.emit()
        return page

    def row_at(self, row: int) -> SampleRow:
        """The row at view position ``row``, reading its page when not read yet."""
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        if offset < len(page):
            return page[offset]
        # Another user removed records meanwhile: the list is shorter than counted.
        return SampleRow(-1, "(retirado)", "", _NO_DATE, None, PENDING, None, None)

    # Reading --------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._counts.rows

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._counts.rows:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column == SCORE_COLUMN else None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        try:
            row = self.row_at(index.row())
        except (ServiceError, DatabaseError) as exc:
            self.load_failed.emit(exc)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return _STATE_COLOURS.get(row.state) if column == STATE_COLUMN else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.key} · {row.agent} · recibido {locale_format.moment(row.received_at)}"
        return _display(row, column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.key_header if section == KEY_COLUMN else HEADERS[section]
        return None

    def sample_item_id(self, row: int) -> int | None:
        if not 0 <= row < self._counts.rows:
            return None
        found = self.row_at(row).sample_item_id
        return None if found < 0 else found

    def row_of(self, sample_item_id: int | None) -> int | None:
        """The view position of ``sample_item_id`` (None: not in the list)."""
        if sample_item_id is None or self._query is None:
            return None
        if sample_item_id in self._positions:
            return self._positions[sample_item_id]
        assert self._db is not None and self._actor is not None
        position = sample_position(self._db, self._actor, self._query, sample_item_id)
        if position is not None:
            self._positions[sample_item_id] = position
        return position

    def pending_after(self, sample_item_id: int | None) -> int | None:
        """The first pending row after ``sample_item_id`` in view order (wrapping): in the
        pages already read when it is there, else asked of the database."""
        if self._query is None or not self._counts.rows:
            return None
        here = self.row_of(sample_item_id)
        start = 0 if here is None else here + 1
        number = start // PAGE_SIZE
        while number in self._pages or number == start // PAGE_SIZE:
            page = self._page(number)
            for offset, row in enumerate(page):
                position = number * PAGE_SIZE + offset
                if position >= start and row.pending and position != here:
                    return row.sample_item_id
            if len(page) < PAGE_SIZE:
                break
            number += 1
        assert self._db is not None and self._actor is not None
        found = next_pending_row(self._db, self._actor, self._query, -1 if here is None else here)
        return None if found is None else found[1]

    def counts(self) -> tuple[int, int]:
        """(evaluated, sampled) over the whole sample, whatever the filter."""
        return self._counts.evaluated, self._counts.sample_size

    # After a save ---------------------------------------------------------------------
    def replace(self, row: SampleRow) -> None:
        """Update one row in place (after a save), keeping the selection and the order."""
        position = self._positions.get(row.sample_item_id)
        page = None if position is None else self._pages.get(position // PAGE_SIZE)
        if position is None or page is None:
            return
        old = page[position % PAGE_SIZE]
        if old.pending != row.pending:
            c = self._counts
            self._counts = SampleCounts(
                c.rows, c.sample_size, c.evaluated + (-1 if row.pending else 1)
            )
        page[position % PAGE_SIZE] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(HEADERS) - 1))
