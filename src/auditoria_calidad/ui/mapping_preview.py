"""The first rows of an export as the mapping dialog shows them: the columns assigned to
a field are highlighted, and each header says which field it feeds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

AnyIndex = QModelIndex | QPersistentModelIndex
MAPPED_BACKGROUND = QColor("#e3effc")
MAPPED_HEADER = QColor("#1f4e79")


class PreviewModel(QAbstractTableModel):
    """The first rows of the file; columns assigned to a field are highlighted."""

    def __init__(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows = [list(r) for r in rows]
        self._fields: dict[int, str] = {}  # column → label of the field it feeds

    def set_assigned(self, fields: dict[int, str]) -> None:
        self._fields = dict(fields)
        if self._headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)
        if self._rows and self._headers:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._headers) - 1)
            )

    def is_assigned(self, column: int) -> bool:
        return column in self._fields

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        text = self._rows[row][column] if column < len(self._rows[row]) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            one_line = text.replace("\r", " ").replace("\n", " ")
            return one_line if len(one_line) <= 80 else one_line[:79] + "…"
        if role == Qt.ItemDataRole.ToolTipRole and len(text) > 80:
            return text[:1500]
        if role == Qt.ItemDataRole.BackgroundRole and column in self._fields:
            return QBrush(MAPPED_BACKGROUND)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(self._headers):
            return None
        label = self._fields.get(section)
        if role == Qt.ItemDataRole.DisplayRole:
            header = self._headers[section]
            return f"{header}\n→ {label}" if label else f"{header}\n(sin asignar)"
        if role == Qt.ItemDataRole.ForegroundRole and label:
            return QBrush(MAPPED_HEADER)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#7b8794"))
        return None
