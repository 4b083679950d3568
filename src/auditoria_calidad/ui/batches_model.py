"""Table models of the Importar page: past imports, and the rejected rows of one import."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from auditoria_calidad.services.imports import BatchInfo, RejectedRow
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.table_models import (
    RIGHT,
    ROW_ROLE,
    SORT_ROLE,
    Column,
    RowTableModel,
)

AnyIndex = QModelIndex | QPersistentModelIndex


# (attribute, singular, plural) of the counts an import reports, in reading order.
COUNTS = (
    ("imported", "nuevo", "nuevos"),
    ("unchanged", "sin cambios", "sin cambios"),
    ("updated", "actualizado", "actualizados"),
    ("conflicts", "en conflicto", "en conflicto"),
    ("rejected", "rechazada", "rechazadas"),
    ("duplicates", "repetida", "repetidas"),
)


def outcome_text(batch: BatchInfo) -> str:
    """«1.495 nuevos · 5 rechazadas · 3 repetidas»: the counts that are not zero."""
    parts = [
        locale_format.plural(getattr(batch, attribute), one, many)
        for attribute, one, many in COUNTS
        if getattr(batch, attribute)
    ]
    return " · ".join(parts) or "sin filas"


class BatchesTableModel(RowTableModel[BatchInfo]):
    """One line per imported file: when, what, for whom, by whom, and what came of it."""

    COLUMNS = (
        Column[BatchInfo]("Fecha", lambda b: locale_format.moment(b.started_at), lambda b: b.started_at),
        Column[BatchInfo]("Archivo", lambda b: b.file_name),
        Column[BatchInfo]("Canal", lambda b: b.channel.label),
        Column[BatchInfo]("Proveedor", lambda b: b.provider),
        Column[BatchInfo]("Usuario", lambda b: b.user),
        Column[BatchInfo](
            "Filas", lambda b: locale_format.count(b.total_rows), lambda b: b.total_rows, numeric=True
        ),
        Column[BatchInfo]("Resultado", outcome_text, lambda b: (b.imported, b.updated)),
    )  # fmt: skip

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            batch = self.row_at(index.row())
            sheet = f", hoja «{batch.sheet}»" if batch.sheet else ""
            counts = "\n".join(
                f"{many.capitalize()}: {locale_format.count(getattr(batch, attribute))}"
                for attribute, _one, many in COUNTS
            )
            return f"{batch.file_name}{sheet}\nSHA-256: {batch.file_sha256}\n{counts}"
        return super().data(index, role)


# Columns of the rejected-rows table before the file's own columns.
REJECTED_FIXED = ("Hoja", "Fila", "Columna", "Motivo")


class RejectedRowsModel(QAbstractTableModel):
    """Rejected rows: hoja, fila, columna, motivo, then every original cell of the row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RejectedRow] = []
        self._cells: list[str] = []

    def set_rows(self, rows: Sequence[RejectedRow], headers: Sequence[str] = ()) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        cells = list(headers)
        for row in self._rows:  # a CSV line longer than its header brings extra columns
            cells.extend(name for name in row.cells if name not in cells)
        self._cells = cells
        self.endResetModel()

    @property
    def rows(self) -> list[RejectedRow]:
        return list(self._rows)

    @property
    def cell_headers(self) -> list[str]:
        return list(self._cells)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(REJECTED_FIXED) + len(self._cells)

    def _value(self, row: RejectedRow, column: int) -> Any:
        if column == 0:
            return row.sheet or ""
        if column == 1:
            return row.row
        if column == 2:
            return row.column
        if column == 3:
            return row.reason
        return row.cells.get(self._cells[column - len(REJECTED_FIXED)], "")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._value(row, column)
            text = locale_format.count(value) if isinstance(value, int) else str(value)
            return (
                text.replace("\n", " ⏎ ")
                if len(text) < 300
                else text[:300].replace("\n", " ") + "…"
            )
        if role == Qt.ItemDataRole.ToolTipRole and column >= 3:
            return str(self._value(row, column))[:2000]
        if role == SORT_ROLE:
            return self._value(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return RIGHT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section < len(REJECTED_FIXED):
            return REJECTED_FIXED[section]
        if section - len(REJECTED_FIXED) < len(self._cells):
            return self._cells[section - len(REJECTED_FIXED)]
        return None
