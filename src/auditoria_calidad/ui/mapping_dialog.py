"""«Columnas del archivo»: which column of the CRM export feeds each field of form F182.

Each field has a combo of the file's columns (required fields are marked); beside it the
first rows of the file, with the assigned columns highlighted. The mapping can be saved
as a named profile, which is then chosen by itself for files with the same headers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services import imports, mapping_profiles
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.imports import ColumnMapping, FileInspection, MappedColumn
from auditoria_calidad.services.mapping_profiles import ProfileInfo
from auditoria_calidad.ui import messages

AnyIndex = QModelIndex | QPersistentModelIndex
UNASSIGNED = "(sin asignar)"
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


class MappingDialog(QDialog):
    """Check and change the column of each field; ``mapping()`` after it is accepted."""

    profile_saved = Signal(str)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        inspection: FileInspection,
        mapping: ColumnMapping | None = None,
        profile: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.inspection = inspection
        self.profile_name = profile if mapping is not None else inspection.profile
        self.fields = imports.mapping_fields(inspection.channel)
        self.setWindowTitle("Columnas del archivo")
        self.setObjectName("mappingDialog")
        self.resize(1240, 660)

        header = QLabel("Correspondencia de columnas")
        header.setObjectName("dialogHeader")
        about = QLabel(
            f"<b>{_escape(inspection.file_name)}</b> · {_escape(inspection.format_label)}. "
            "Elija la columna del archivo que alimenta cada campo del formato F182; los "
            "marcados con * son obligatorios. Las columnas sin asignar se conservan como "
            "información adicional."
        )
        about.setWordWrap(True)
        self.source_label = QLabel()
        self.source_label.setObjectName("formHint")
        self.source_label.setWordWrap(True)

        self.table = QTableWidget(len(self.fields), 2)
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels(["Campo", "Columna del archivo"])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.combos: dict[str, QComboBox] = {}
        bold = QFont()
        bold.setBold(True)
        for row, spec in enumerate(self.fields):
            item = QTableWidgetItem(f"{spec.label} *" if spec.required else spec.label)
            if spec.required:
                item.setFont(bold)
            tip = "Obligatorio" if spec.required else "Opcional"
            item.setToolTip(f"{tip}{' — ' + spec.hint if spec.hint else ''}")
            self.table.setItem(row, 0, item)
            combo = QComboBox()
            combo.setObjectName(f"column_{spec.name}")
            combo.addItem(UNASSIGNED, None)
            for index, name in enumerate(inspection.headers):
                combo.addItem(name, index)
            combo.currentIndexChanged.connect(lambda _i, name=spec.name: self._column_chosen(name))
            self.combos[spec.name] = combo
            self.table.setCellWidget(row, 1, combo)
        self.table.resizeRowsToContents()

        self.preview_model = PreviewModel(inspection.headers, inspection.rows, self)
        self.preview = QTableView()
        self.preview.setObjectName("mappingPreview")
        self.preview.setModel(self.preview_model)
        self.preview.setWordWrap(False)
        self.preview.setAlternatingRowColors(False)
        self.preview.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        preview_title = QLabel(
            f"Primeras {len(inspection.rows)} filas del archivo (en azul, las columnas asignadas)"
            if inspection.rows
            else "El archivo no tiene filas de datos debajo del encabezado."
        )
        preview_title.setObjectName("sectionTitle")
        preview_title.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        fields_title = QLabel("Campos del formato")
        fields_title.setObjectName("sectionTitle")
        left_layout.addWidget(fields_title)
        left_layout.addWidget(self.table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(preview_title)
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([560, 640])
        splitter.setChildrenCollapsible(False)

        self.error = messages.inline_error_label()
        self.notice = QLabel()
        self.notice.setObjectName("formHint")
        self.notice.hide()

        self.profile_form = QWidget()
        self.profile_name_edit = QLineEdit()
        self.profile_name_edit.setObjectName("profileName")
        self.profile_name_edit.setPlaceholderText(
            "Nombre del perfil, p. ej. «CRM Aliado — virtual»"
        )
        self.profile_name_edit.returnPressed.connect(self._save_from_form)
        save_profile = QPushButton("Guardar perfil")
        save_profile.setObjectName("saveProfile")
        save_profile.clicked.connect(self._save_from_form)
        cancel_profile = QPushButton("Cancelar")
        cancel_profile.clicked.connect(self.profile_form.hide)
        profile_row = QHBoxLayout(self.profile_form)
        profile_row.setContentsMargins(0, 0, 0, 0)
        profile_row.addWidget(QLabel("Nombre del perfil:"))
        profile_row.addWidget(self.profile_name_edit, 1)
        profile_row.addWidget(save_profile)
        profile_row.addWidget(cancel_profile)
        self.profile_form.hide()

        self.save_as_button = QPushButton("Guardar como perfil…")
        self.save_as_button.setObjectName("saveAsProfile")
        self.save_as_button.clicked.connect(self.show_profile_form)
        self.reset_button = QPushButton("Volver a la asignación adivinada")
        self.reset_button.clicked.connect(self.reset_to_guess)
        self.ok_button = QPushButton("Usar esta asignación")
        self.ok_button.setObjectName("acceptMapping")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        cancel = QPushButton("Cancelar")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_as_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.addWidget(header)
        layout.addWidget(about)
        layout.addWidget(self.source_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addWidget(self.profile_form)
        layout.addLayout(buttons)

        self.set_mapping(mapping or inspection.mapping)
        self._show_source()

    # The mapping --------------------------------------------------------------------------
    def set_mapping(self, mapping: ColumnMapping) -> None:
        for name, combo in self.combos.items():
            col = mapping.get(name)
            combo.blockSignals(True)
            combo.setCurrentIndex(0 if col is None else max(combo.findData(col.index), 0))
            combo.blockSignals(False)
        self._refresh()

    def set_column(self, field: str, column: int | None) -> None:
        """Assign ``column`` (0-based, None to unassign) to ``field``, as the combo does."""
        combo = self.combos[field]
        combo.setCurrentIndex(0 if column is None else combo.findData(column))

    def mapping(self) -> ColumnMapping:
        headers = self.inspection.headers
        columns = {
            name: MappedColumn(index, headers[index])
            for name, combo in self.combos.items()
            if (index := combo.currentData()) is not None
        }
        return ColumnMapping(columns)

    def missing(self) -> list[str]:
        return imports.missing_fields(self.mapping(), self.inspection.channel)

    def _column_chosen(self, name: str) -> None:
        chosen = self.combos[name].currentData()
        if chosen is not None:  # a column feeds one field: take it from the other one
            for other, combo in self.combos.items():
                if other != name and combo.currentData() == chosen:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self.profile_name = None
        self._show_source(changed=True)
        self._refresh()

    def _refresh(self) -> None:
        labels = {spec.name: spec.label for spec in self.fields}
        assigned = {
            index: labels[name]
            for name, combo in self.combos.items()
            if (index := combo.currentData()) is not None
        }
        self.preview_model.set_assigned(assigned)
        self.preview.resizeColumnsToContents()
        for column in range(self.preview_model.columnCount()):
            if self.preview.columnWidth(column) > 260:
                self.preview.setColumnWidth(column, 260)
        missing = self.missing()
        if missing:
            quoted = ", ".join(f"«{label}»" for label in missing)
            what = "los campos obligatorios" if len(missing) > 1 else "el campo obligatorio"
            messages.show_inline(self.error, f"Falta asignar una columna para {what} {quoted}.")
        else:
            messages.show_inline(self.error, None)
        self.ok_button.setEnabled(not missing)

    def _show_source(self, changed: bool = False) -> None:
        if changed:
            text = "Asignación modificada a mano (puede guardarla como perfil)."
        elif self.profile_name:
            text = (
                f"Se aplicó el perfil «{self.profile_name}», guardado para archivos con "
                "estos mismos encabezados."
            )
        else:
            text = "Asignación adivinada por los nombres de los encabezados: revísela."
        self.source_label.setText(text)

    def reset_to_guess(self) -> None:
        self.set_mapping(self.inspection.guessed)
        self.profile_name = None
        self._show_source()

    # Profiles -----------------------------------------------------------------------------
    def show_profile_form(self) -> None:
        if not self.profile_name_edit.text():
            stem = self.inspection.path.stem
            self.profile_name_edit.setText(f"{stem} — {self.inspection.channel.label.lower()}")
        self.profile_form.show()
        self.profile_name_edit.setFocus()
        self.profile_name_edit.selectAll()

    def _save_from_form(self) -> None:
        self.save_profile(self.profile_name_edit.text())

    def save_profile(self, name: str) -> ProfileInfo | None:
        """Save the current mapping as the profile ``name`` (asks before replacing one)."""
        if self.missing():
            messages.show_inline(
                self.error, "Asigne primero los campos obligatorios; luego guarde el perfil."
            )
            return None
        args = (self._db, self._actor, name, self.inspection.channel, self.inspection.headers)
        try:
            try:
                saved = mapping_profiles.save_profile(*args, self.mapping())
            except ServiceError as exc:
                if not exc.message.startswith("Ya existe") or not messages.confirm(
                    self,
                    f"{exc.message} ¿Desea reemplazarlo con esta asignación?",
                    "Perfil existente",
                    "Reemplazar",
                ):
                    raise
                saved = mapping_profiles.save_profile(*args, self.mapping(), replace=True)
        except ServiceError as exc:
            messages.show_inline(self.error, exc)
            return None
        self.profile_name = saved.name
        self.profile_form.hide()
        self._show_source()
        self.notice.setText(
            f"Perfil «{saved.name}» guardado: se elegirá solo para los archivos con estos "
            "encabezados."
        )
        self.notice.show()
        self.profile_saved.emit(saved.name)
        return saved


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
