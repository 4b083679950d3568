"""Table models over lists of service rows (dataclasses), in the style of vorta's models.

A model is a tuple of `Column` declarations: header, how a row is displayed and how it
sorts. `set_rows()` replaces the contents with a reset; views sort through `SortProxy`,
which compares the native values of `SORT_ROLE` (numbers, dates), not the display text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from auditoria_calidad.services.administration import AgentInfo, ProviderInfo, UserInfo
from auditoria_calidad.ui import locale_format

Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    display: Callable[[Row], str]
    sort: Callable[[Row], Any] | None = None
    numeric: bool = False  # right-aligned


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Read-only rows; subclasses only declare ``COLUMNS``."""

    COLUMNS: Sequence[Column[Any]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    @property
    def rows(self) -> list[Row]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.display(row)  # the tooltip shows a cell cut by its column width
        if role == SORT_ROLE:
            return (column.sort or column.display)(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return RIGHT
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section].header
        return None


class SortProxy(QSortFilterProxyModel):
    """Sorts by `SORT_ROLE` in Python (no 32-bit truncation, None first)."""

    def __init__(self, source: QAbstractTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        lv, rv = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if lv is None:
            return rv is not None
        if rv is None:
            return False
        if isinstance(lv, str) and isinstance(rv, str):
            return lv.casefold() < rv.casefold()
        return bool(lv < rv)


class RowTableView(QTableView):
    """A sortable, row-selecting view over a `RowTableModel` (through a `SortProxy`)."""

    def __init__(self, model: RowTableModel[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy = SortProxy(model, self)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        model.modelReset.connect(self.resizeColumnsToContents)

    def selected_row(self) -> Any:
        """The service row of the selected line, or None."""
        indexes = self.selectionModel().selectedRows()
        return indexes[0].data(ROW_ROLE) if indexes else None

    def select_where(self, predicate: Callable[[Any], bool]) -> bool:
        """Select the first line whose row satisfies ``predicate``."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if predicate(index.data(ROW_ROLE)):
                self.selectRow(row)
                return True
        return False

    def cap_widths(self, caps: dict[int, int]) -> None:
        """Columns fitted to their contents, but never wider than ``caps`` (long names);
        a header is never cut."""
        header = self.horizontalHeader()
        for column, cap in caps.items():
            cap = max(cap, header.sectionSizeHint(column))
            if self.columnWidth(column) > cap:
                self.setColumnWidth(column, cap)


def cap_widths(view: RowTableView, caps: dict[int, int]) -> None:
    """`RowTableView.cap_widths` as a function, for the pages that size several tables."""
    view.cap_widths(caps)


def _yes_no(value: bool) -> str:
    return "Sí" if value else "No"


class UsersTableModel(RowTableModel[UserInfo]):
    COLUMNS = (
        Column[UserInfo]("Usuario", lambda u: u.username),
        Column[UserInfo]("Nombre", lambda u: u.full_name),
        Column[UserInfo]("Rol", lambda u: u.role.label),
        Column[UserInfo]("Proveedor", lambda u: u.provider or ""),
        Column[UserInfo]("Activo", lambda u: _yes_no(u.active), lambda u: u.active),
        Column[UserInfo](
            "Último ingreso",
            lambda u: locale_format.moment(u.last_login_at) or "Nunca",
            lambda u: u.last_login_at,
        ),
        Column[UserInfo](
            "Bloqueado",
            lambda u: f"Sí, desde {locale_format.moment(u.locked_at)}" if u.locked_at else "No",
            lambda u: u.locked_at is not None,
        ),
    )


class ProvidersTableModel(RowTableModel[ProviderInfo]):
    COLUMNS = (
        Column[ProviderInfo]("Proveedor", lambda p: p.name),
        Column[ProviderInfo](
            "Meta de calidad",
            lambda p: locale_format.percent(p.target_score),
            lambda p: p.target_score,
            numeric=True,
        ),
        Column[ProviderInfo](
            "Agentes", lambda p: locale_format.count(p.agents), lambda p: p.agents, numeric=True
        ),
        Column[ProviderInfo]("Activo", lambda p: _yes_no(p.active), lambda p: p.active),
    )


class AgentsTableModel(RowTableModel[AgentInfo]):
    COLUMNS = (
        Column[AgentInfo]("Agente", lambda a: a.name),
        Column[AgentInfo](
            "Registros",
            lambda a: locale_format.count(a.records),
            lambda a: a.records,
            numeric=True,
        ),
        Column[AgentInfo]("Activo", lambda a: _yes_no(a.active), lambda a: a.active),
    )
