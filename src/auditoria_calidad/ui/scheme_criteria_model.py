"""The tables of Configuración › Esquemas de calificación: the versions of every scheme,
and a version's criteria, editable in place (with the «Si falla» picker)."""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from auditoria_calidad.services.schemes import SchemeVersionInfo
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.table_models import Column, RowTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
KIND_LABELS = {"computed": "Calculado", "judged": "Juzgado", "level": "Por niveles"}
MODE_LABELS = {"zero": "Nota en cero", "flag": "Solo se señala"}
KEY, LABEL, KIND, WEIGHT, CRITICAL, MODE = range(6)


def decimal_text(value: Any, places: int = 2) -> str:
    text = locale_format.decimal(Decimal(str(value)), places)
    return text.rstrip("0").rstrip(",") if "," in text else text


def plain_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


class SchemeVersionsModel(RowTableModel[SchemeVersionInfo]):
    COLUMNS = (
        Column[SchemeVersionInfo]("Esquema", lambda s: s.name),
        Column[SchemeVersionInfo]("Versión", lambda s: str(s.version), lambda s: s.version,
                                  numeric=True),
        Column[SchemeVersionInfo]("Vigente", lambda s: "Sí" if s.is_current else "No",
                                  lambda s: s.is_current),
    )  # fmt: skip


class CriteriaEditModel(QAbstractTableModel):
    """The criteria of a scheme as plain dicts, editable in place when ``editing``."""

    invalid = Signal(str)
    HEADERS = ("Clave", "Criterio", "Tipo", "Peso", "Crítico", "Si falla")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self.new_rows: set[int] = set()  # ids of rows added in this edit (their key is editable)
        self.editing = False

    def set_criteria(self, criteria: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = copy.deepcopy(criteria)
        self.new_rows = set()
        self.endResetModel()

    def criteria(self) -> list[dict[str, Any]]:
        return copy.deepcopy(self.rows)

    def set_editing(self, editing: bool) -> None:
        self.editing = editing
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, MODE))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.editing:
            return base
        row, column = self.rows[index.row()], index.column()
        if column in (LABEL, WEIGHT) or (column == KEY and id(row) in self.new_rows):
            return base | Qt.ItemFlag.ItemIsEditable
        if column == CRITICAL:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if column == MODE and row.get("critical"):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == CRITICAL:
            return Qt.CheckState.Checked if row.get("critical") else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column == WEIGHT:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole and column == LABEL:
            return row.get("help") or row.get("label")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if column == KEY:
            return row.get("key", "")
        if column == LABEL:
            return row.get("label", "")
        if column == KIND:
            return KIND_LABELS.get(row.get("kind", ""), row.get("kind", ""))
        if column == WEIGHT:
            return decimal_text(row.get("weight", 0))
        if column == MODE:
            return MODE_LABELS.get(row.get("critical_mode", "zero")) if row.get("critical") else ""
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.editing:
            return False
        row, column = self.rows[index.row()], index.column()
        if column == CRITICAL and role == Qt.ItemDataRole.CheckStateRole:
            row["critical"] = Qt.CheckState(value) == Qt.CheckState.Checked
            row.setdefault("critical_mode", "zero")
        elif column == WEIGHT:
            try:
                weight = Decimal(str(value).strip().replace(",", "."))
            except InvalidOperation:
                self.invalid.emit(f"El peso «{value}» no es un número.")
                return False
            row["weight"] = plain_number(weight)
        elif column in (LABEL, KEY):
            row["label" if column == LABEL else "key"] = str(value).strip()
        elif column == MODE:
            row["critical_mode"] = value
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), MODE))
        return True

    def add_judged(self) -> int:
        """Append a judged criterion (Cumple / No cumple / N.A.); returns its row."""
        taken = {r.get("key") for r in self.rows}
        number = next(n for n in range(1, 1000) if f"criterio_{n}" not in taken)
        row = {"key": f"criterio_{number}", "label": "Nuevo criterio", "kind": "judged",
               "weight": 10, "critical": False, "critical_mode": "zero"}  # fmt: skip
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.new_rows.add(id(row))
        self.endInsertRows()
        return len(self.rows) - 1

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()

    def total_weight(self) -> Decimal:
        return sum((Decimal(str(r.get("weight", 0))) for r in self.rows), Decimal(0))


class ModeDelegate(QStyledItemDelegate):
    """A combo box for «Si falla» (what a failed critical criterion does)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: AnyIndex) -> QWidget:  # fmt: skip
        combo = QComboBox(parent)
        for value, label in MODE_LABELS.items():
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model = index.model()
        assert isinstance(model, CriteriaEditModel)
        editor.setCurrentIndex(editor.findData(model.rows[index.row()].get("critical_mode")))

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData())
