"""«Columnas del archivo»: which column of the CRM export feeds each field of form F182.

Each field has a combo of the file's columns (required fields are marked); beside it the
first rows of the file, with the assigned columns highlighted. The mapping can be saved
as a named profile, which is then chosen by itself for files with the same headers.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
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
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services import imports, mapping_profiles
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.imports import (
    ColumnMapping,
    FileInspection,
    MappedColumn,
    MappingField,
)
from auditoria_calidad.services.mapping_profiles import ProfileInfo
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.mapping_confidence import (
    Confidence,
    candidates_line,
    explanation_html,
    reasons_tooltip,
    related_fields,
    whole_is_settled,
)
from auditoria_calidad.ui.mapping_preview import PreviewModel

UNASSIGNED = "(sin asignar)"
CONFIDENCE_COLUMN = 2


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
        chosen: Collection[str] = (),
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.inspection = inspection
        self.guess = inspection.guess
        self.profile_name = profile if mapping is not None else inspection.profile
        # Columns from a saved profile were chosen by a person: none of them is a guess.
        self.from_profile = bool(self.profile_name)
        self.fields = imports.mapping_fields(inspection.channel)
        self.labels = {spec.name: spec.label for spec in self.fields}
        # Fields whose column the user chose (here or earlier): certain from then on.
        self.chosen: set[str] = set(chosen)
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

        self.table = QTableWidget(len(self.fields), 3)
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels(["Campo", "Columna del archivo", "Confianza"])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        columns.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        columns.setSectionResizeMode(CONFIDENCE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.combos: dict[str, QComboBox] = {}
        self.candidate_labels: dict[str, QLabel] = {}
        self.confidence_labels: dict[str, QLabel] = {}
        self.why_buttons: dict[str, QToolButton] = {}
        for row, spec in enumerate(self.fields):
            self._add_field_row(row, spec)

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
            (
                "Primera fila"
                if len(inspection.rows) == 1
                else f"Primeras {locale_format.plural(len(inspection.rows), 'fila', 'filas')}"
            )
            + " del archivo (en azul, las columnas asignadas)"
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
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(preview_title)
        preview_layout.addWidget(self.preview, 1)
        self.why_title = QLabel("¿Por qué?")
        self.why_title.setObjectName("sectionTitle")
        self.why = QTextBrowser()
        self.why.setObjectName("whyPanel")
        self.why.setOpenLinks(False)
        why_box = QWidget()
        why_layout = QVBoxLayout(why_box)
        why_layout.setContentsMargins(0, 0, 0, 0)
        why_layout.addWidget(self.why_title)
        why_layout.addWidget(self.why, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(preview_box)
        right.addWidget(why_box)
        right.setChildrenCollapsible(False)
        right.setSizes([330, 230])
        right.setContentsMargins(6, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 420])
        splitter.setChildrenCollapsible(False)

        self.date_order_row = self._date_order_row()

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
        self.reset_button = QPushButton("Volver a la asignación deducida")
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
        layout.addWidget(self.date_order_row)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addWidget(self.profile_form)
        layout.addLayout(buttons)

        self.set_mapping(mapping or inspection.mapping)
        self._show_source()
        pending = self.pending()
        self.explain(pending[0] if pending else self.fields[0].name)

    def _add_field_row(self, row: int, spec: MappingField) -> None:
        bold = QFont()
        bold.setBold(True)
        item = QTableWidgetItem(f"{spec.label} *" if spec.required else spec.label)
        if spec.required:
            item.setFont(bold)
        tip = "Obligatorio" if spec.required else "Opcional"
        item.setToolTip(f"{tip}{' — ' + spec.hint if spec.hint else ''}")
        self.table.setItem(row, 0, item)
        combo = QComboBox()
        combo.setObjectName(f"column_{spec.name}")
        combo.addItem(UNASSIGNED, None)
        for index, name in enumerate(self.inspection.headers):
            combo.addItem(name, index)
        combo.currentIndexChanged.connect(lambda _i, name=spec.name: self._column_chosen(name))
        combo.activated.connect(lambda _i, name=spec.name: self._user_chose(name))
        self.combos[spec.name] = combo
        cell = QWidget()
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(2, 2, 2, 2)
        cell_layout.setSpacing(1)
        cell_layout.addWidget(combo)
        line = candidates_line(self.guess, spec.name) if self.guess is not None else ""
        candidates = QLabel(line)
        candidates.setObjectName("formHint")
        candidates.setWordWrap(True)
        candidates.setVisible(False)
        self.candidate_labels[spec.name] = candidates
        cell_layout.addWidget(candidates)
        self.table.setCellWidget(row, 1, cell)
        state = QWidget()
        state_layout = QHBoxLayout(state)
        state_layout.setContentsMargins(6, 0, 4, 0)
        label = QLabel()
        label.setObjectName(f"confidence_{spec.name}")
        label.setToolTip(reasons_tooltip(self.guess, spec.name))
        self.confidence_labels[spec.name] = label
        state_layout.addWidget(label)
        state_layout.addStretch(1)
        why = QToolButton()
        why.setText("¿Por qué?")
        why.setObjectName(f"why_{spec.name}")
        why.setToolTip(f"Ver las columnas candidatas de «{spec.label}» y por qué")
        why.clicked.connect(lambda _c=False, name=spec.name: self.explain(name))
        field = self.guess.fields.get(spec.name) if self.guess is not None else None
        why.setVisible(bool(field and field.candidates))
        self.why_buttons[spec.name] = why
        state_layout.addWidget(why)
        self.table.setCellWidget(row, CONFIDENCE_COLUMN, state)

    def _date_order_row(self) -> QWidget:
        """«Orden de las fechas», shown only when the file's text dates do not show it."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 4, 0, 0)
        self.date_order_combo = QComboBox()
        self.date_order_combo.setObjectName("dateOrder")
        self.date_order_combo.addItem("(elija el orden)", None)
        self.date_order_combo.addItem("día/mes/año", "dmy")
        self.date_order_combo.addItem("mes/día/año", "mdy")
        self.date_order_combo.currentIndexChanged.connect(lambda _i: self._refresh())
        orders = self.guess.date_orders if self.guess is not None else None
        examples = [v for values in (orders.undecided.values() if orders else ()) for v in values]
        hint = QLabel(
            "Ninguna fecha del archivo tiene un día mayor que 12 que muestre su orden"
            + (f" (p. ej. {', '.join(examples[:2])})" if examples else "")
            + ": elíjalo."
        )
        hint.setObjectName("formHint")
        hint.setWordWrap(True)
        layout.addWidget(QLabel("Orden de las fechas:"))
        layout.addWidget(self.date_order_combo)
        layout.addWidget(hint, 1)
        row.setVisible(bool(orders and orders.undecided))
        return row

    def date_order(self) -> str | None:
        """«dmy» or «mdy» when the user chose how the text dates are read, else None."""
        return (
            self.date_order_combo.currentData() if self.date_order_row.isVisibleTo(self) else None
        )

    def _date_order_pending(self) -> bool:
        """True while a mapped date column's order is undecided and none is chosen."""
        if self.guess is None or not self.date_order_row.isVisibleTo(self):
            return False
        orders = self.guess.date_orders
        mapped = {col.index for col in self.mapping().columns.values()}
        undecided = orders is not None and bool(mapped & set(orders.undecided))
        return undecided and self.date_order_combo.currentData() is None

    # Confidence ---------------------------------------------------------------------------
    def confidence(self, name: str) -> Confidence:
        """How sure the column of ``name`` is, as the dialog shows it."""
        assigned = self.combos[name].currentData() is not None
        required = any(s.name == name and s.required for s in self.fields)
        if name in self.chosen:
            return Confidence.CHOSEN if assigned else self._empty(name, required)
        if name in self._doubtful():
            return Confidence.DOUBTFUL
        if not assigned:
            return self._empty(name, required)
        if self.from_profile:
            return Confidence.PROFILE
        return Confidence.SURE

    def _empty(self, name: str, required: bool) -> Confidence:
        return Confidence.MISSING if required and name in self._missing_names() else Confidence.NONE

    def _doubtful(self) -> set[str]:
        """Fields whose guess is uncertain and that the user has not settled yet."""
        if self.guess is None or self.from_profile:
            return set()
        out = set()
        for name, field in self.guess.fields.items():
            if name not in self.combos or related_fields(name) & self.chosen:
                continue
            if whole_is_settled(self.guess, name):
                continue  # a date or a time alone, when the date and time are settled
            if field.candidates and not field.certain:
                out.add(name)
        return out

    def pending(self) -> list[str]:
        """Required fields still uncertain: the mapping cannot be used until they are chosen."""
        pending = []
        for name in self.inspection.uncertain if not self.from_profile else ():
            if name in self.combos and not related_fields(name) & self.chosen:
                pending.append(name)
        return pending

    def _missing_names(self) -> set[str]:
        labels = set(self.missing())
        return {s.name for s in self.fields if s.label in labels}

    def _user_chose(self, name: str) -> None:
        self.chosen.add(name)
        self.explain(name)
        self._refresh()

    def explain(self, name: str) -> None:
        """Show in the «¿Por qué?» panel the candidates of ``name``, their samples and why."""
        label = self.labels.get(name, name)
        self.why_title.setText(f"¿Por qué? — {label}")
        self.why.setHtml(explanation_html(self.guess, name, label))

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
        self._user_chose(field)

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
            # and a whole name is not read with its parts
            rivals = next((f.rivals for f in self.fields if f.name == name), ())
            for other, combo in self.combos.items():
                if other != name and (combo.currentData() == chosen or other in rivals):
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
        pending = self.pending()
        doubtful = self._doubtful()
        for name, label in self.confidence_labels.items():
            state = self.confidence(name)
            label.setText(state.label)
            label.setStyleSheet(f"color: {state.colour}; font-weight: 600;")
            self.candidate_labels[name].setVisible(
                name in doubtful and bool(self.candidate_labels[name].text())
            )
        self.table.resizeRowsToContents()
        problems = []
        if pending:
            quoted = ", ".join(f"«{self.labels[name]}»" for name in pending)
            what = (
                "Las columnas de {} son dudosas: elíjalas"
                if len(pending) > 1
                else ("La columna de {} es dudosa: elíjala")
            )
            problems.append(f"{what.format(quoted)} (vea las candidatas y «¿Por qué?»).")
        missing = [label for label in missing if label not in {self.labels[n] for n in pending}]
        if missing:
            quoted = ", ".join(f"«{label}»" for label in missing)
            what = "los campos obligatorios" if len(missing) > 1 else "el campo obligatorio"
            problems.append(f"Falta asignar una columna para {what} {quoted}.")
        date_pending = self._date_order_pending()
        if date_pending:
            problems.append("Elija el orden de las fechas (día/mes/año o mes/día/año).")
        messages.show_inline(self.error, " ".join(problems) or None)
        self.ok_button.setEnabled(not missing and not pending and not date_pending)

    def _show_source(self, changed: bool = False) -> None:
        if changed:
            text = "Asignación modificada a mano (puede guardarla como perfil)."
        elif self.profile_name:
            text = (
                f"Se aplicó el perfil «{self.profile_name}», guardado para archivos con "
                "estos mismos encabezados."
            )
        elif self.pending():
            text = (
                "Algunos campos obligatorios son dudosos: para cada uno se muestran las "
                "columnas candidatas; elija la correcta. Nada se importa sin su elección."
            )
        else:
            text = (
                "Asignación deducida de los encabezados y de los valores de cada columna: revísela."
            )
        self.source_label.setText(text)

    def reset_to_guess(self) -> None:
        self.chosen.clear()
        self.from_profile = False
        self.profile_name = None
        self.set_mapping(self.inspection.guessed)
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
