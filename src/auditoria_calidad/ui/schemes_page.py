"""Configuración › Esquemas de calificación and Calendario laboral.

A scheme is versioned data: editing never changes a version, «Guardar como nueva versión»
stores a new one (validated as a whole, every problem listed in Spanish), and audits keep
the version they were created with. A version saved by someone else since the page showed
the scheme is never silently passed over: both versions are shown and the user keeps one.
"""

from __future__ import annotations

import copy
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.scheme import ScoringScheme
from auditoria_calidad.domain.timeliness import Clock
from auditoria_calidad.services import schemes
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.edit_conflicts import StaleEdit
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.scheme_fields import CALENDAR_LABELS, scheme_fields
from auditoria_calidad.services.schemes import WEEKDAY_NAMES, SchemeDetail, SchemeVersionInfo
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.conflict_dialog import VersionsDialog, stale_edit_dialog
from auditoria_calidad.ui.messages import inline_error_label, show_inline
from auditoria_calidad.ui.new_audit_dialog import date_edit
from auditoria_calidad.ui.table_models import Column, RowTableModel, RowTableView

AnyIndex = QModelIndex | QPersistentModelIndex
KIND_LABELS = {"computed": "Calculado", "judged": "Juzgado", "level": "Por niveles"}
MODE_LABELS = {"zero": "Nota en cero", "flag": "Solo se señala"}
KEY, LABEL, KIND, WEIGHT, CRITICAL, MODE = range(6)


def _number(value: Any, places: int = 2) -> str:
    text = locale_format.decimal(Decimal(str(value)), places)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _plain(value: Decimal) -> int | float:
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
            return _number(row.get("weight", 0))
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
            row["weight"] = _plain(weight)
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


def _spin(minimum: float, maximum: float, decimals: int) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setLocale(locale_format.COLOMBIA)
    spin.setRange(minimum, maximum)
    spin.setDecimals(decimals)
    return spin


class ThresholdsForm(QWidget):
    """The scheme's thresholds: hours allowed and clock, chat wait, CRM, target, spelling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hours = _spin(0.5, 720, 1)
        self.clock = QComboBox()
        for clock in Clock:
            self.clock.addItem(clock.label, clock.value)
        self.wait = QSpinBox()
        self.wait.setRange(1, 3600)
        self.wait.setSuffix(" s")
        self.crm = QSpinBox()
        self.crm.setRange(1, 20)
        self.target = _spin(0, 100, 1)
        self.target.setSuffix(" %")
        self.calendar = QLabel()
        self.calendar.setObjectName("formHint")
        self.calendar.setWordWrap(True)
        self.spelling_layout = QHBoxLayout()
        self.spelling_layout.setSpacing(6)
        self.band_spins: list[QDoubleSpinBox] = []
        self._data: dict[str, Any] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        cells = (
            ("Horas para responder:", self.hours), ("Espera máxima del chat:", self.wait),
            ("Forma de contar:", self.clock), ("Máximo de veces en CRM:", self.crm),
            ("Meta del proveedor:", self.target), ("Jornada:", self.calendar),
        )  # fmt: skip
        for index, (text, widget) in enumerate(cells):
            row, column = divmod(index, 2)
            grid.addWidget(QLabel(text), row, column * 2)
            grid.addWidget(widget, row, column * 2 + 1)
        grid.addWidget(QLabel("Ortografía:"), 3, 0)
        grid.addLayout(self.spelling_layout, 3, 1, 1, 3)
        for column in (1, 3):
            grid.setColumnStretch(column, 1)

    def load(self, scheme: ScoringScheme, data: dict[str, Any]) -> None:
        t = scheme.thresholds
        self._data = copy.deepcopy(data)
        self.hours.setValue(float(t.hours_allowed))
        self.clock.setCurrentIndex(self.clock.findData(t.clock.value))
        self.wait.setValue(t.chat_wait_limit_seconds)
        self.crm.setValue(t.max_crm_registrations)
        self.target.setValue(float(t.target_score))
        self.calendar.setText(calendar_text(scheme))
        while self.spelling_layout.count():
            item = self.spelling_layout.takeAt(0)
            if item is not None and (widget := item.widget()):
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.band_spins = []
        levels = {}
        if t.spelling_criterion:
            levels = {lv.key: lv.label for lv in scheme.criterion(t.spelling_criterion).levels}
        for band in t.spelling_bands:
            label = levels.get(band.level, band.level)
            if band.max_per_100 is None:
                self.spelling_layout.addWidget(QLabel(f"{label}: más"))
                continue
            spin_label = QLabel(f"{label}: hasta")
            spin_label.setContentsMargins(8, 0, 0, 0)
            spin = _spin(0, 100, 1)
            spin.setValue(float(band.max_per_100))
            self.spelling_layout.addWidget(spin_label)
            self.spelling_layout.addWidget(spin)
            self.band_spins.append(spin)
        unit = QLabel("(por 100 palabras)")
        unit.setObjectName("formHint")
        self.spelling_layout.addWidget(unit)
        self.spelling_layout.addStretch(1)

    def set_editing(self, editing: bool) -> None:
        for widget in (self.hours, self.clock, self.wait, self.crm, self.target, *self.band_spins):
            widget.setEnabled(editing)

    def thresholds(self) -> dict[str, Any]:
        data = copy.deepcopy(self._data)
        data["hours_allowed"] = _plain(Decimal(str(round(self.hours.value(), 1))))
        data["clock"] = self.clock.currentData()
        data["chat_wait_limit_seconds"] = self.wait.value()
        data["max_crm_registrations"] = self.crm.value()
        data["target_score"] = _plain(Decimal(str(round(self.target.value(), 1))))
        bands = data.get("spelling", {}).get("bands", [])
        limited = [b for b in bands if "max_per_100" in b]
        for band, spin in zip(limited, self.band_spins, strict=True):
            band["max_per_100"] = _plain(Decimal(str(round(spin.value(), 1))))
        return data


def calendar_text(scheme: ScoringScheme) -> str:
    cal = scheme.thresholds.calendar
    days = sorted(cal.weekdays)
    if days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        names = f"{WEEKDAY_NAMES[days[0] - 1]} a {WEEKDAY_NAMES[days[-1] - 1]}"
    else:
        names = ", ".join(WEEKDAY_NAMES[d - 1] for d in days)
    return f"{names.capitalize()}, {cal.start:%H:%M}–{cal.end:%H:%M}"


class SchemesTab(QWidget):
    """The versions of every scheme, one version's criteria and thresholds, and the editor."""

    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.detail: SchemeDetail | None = None
        self.expected_latest: int | None = None  # newest version of the shown scheme, as listed
        self.conflict_dialog: VersionsDialog | None = None
        self.versions = SchemeVersionsModel(self)
        self.versions_table = RowTableView(self.versions)
        self.versions_table.setObjectName("schemeVersions")
        self.versions_table.setMinimumWidth(305)
        versions_header = self.versions_table.horizontalHeader()
        versions_header.setStretchLastSection(False)
        versions_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        versions_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.versions_table.setSortingEnabled(False)  # the service's order: newest first
        self.versions_table.selectionModel().selectionChanged.connect(self._version_selected)

        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("formHint")
        self.subtitle.setWordWrap(True)
        self.error = inline_error_label()
        self.criteria = CriteriaEditModel(self)
        self.criteria.invalid.connect(lambda text: show_inline(self.error, text))
        self.criteria.dataChanged.connect(self._show_total)
        self.criteria.rowsInserted.connect(self._show_total)
        self.criteria.rowsRemoved.connect(self._show_total)
        self.criteria_table = QTableView()
        self.criteria_table.setObjectName("schemeCriteria")
        self.criteria_table.setModel(self.criteria)
        self.criteria_table.setItemDelegateForColumn(MODE, ModeDelegate(self.criteria_table))
        self.criteria_table.verticalHeader().hide()
        # Long labels wrap onto a second line instead of being cut.
        self.criteria_table.setWordWrap(True)
        self.criteria_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.criteria_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.criteria_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.criteria_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        header = self.criteria_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        self.total = QLabel()
        self.total.setObjectName("formHint")
        self.thresholds = ThresholdsForm()

        self.edit_button = QPushButton("Editar…")
        self.edit_button.clicked.connect(lambda: self.set_editing(True))
        self.add_button = QPushButton("Agregar criterio")
        self.add_button.clicked.connect(self.add_criterion)
        self.remove_button = QPushButton("Quitar criterio")
        self.remove_button.clicked.connect(self.remove_criterion)
        self.save_button = QPushButton("Guardar como nueva versión")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton("Cancelar")
        self.cancel_button.clicked.connect(lambda: self._version_selected())
        self.edit_button.setVisible(actor.can(Permission.MANAGE_SCHEMES))
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        self.notice = QLabel()
        self.notice.setObjectName("warningNote")
        self.notice.setWordWrap(True)
        self.notice.hide()

        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(8, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        column.addWidget(self.criteria_table, 1)
        column.addWidget(self.total)
        column.addWidget(self.thresholds)
        column.addWidget(self.error)
        column.addWidget(self.notice)
        column.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.versions_table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([305, 755])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.set_editing(False)
        self.refresh()

    def refresh(self) -> None:
        selected = self.versions_table.selected_row()
        try:
            self.versions.set_rows(schemes.list_schemes(self._db, self._actor))
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        if not (selected and self.versions_table.select_where(lambda s: s.id == selected.id)):
            self.versions_table.selectRow(0)
        self._version_selected()

    def select_version(self, scheme_id: int) -> bool:
        return self.versions_table.select_where(lambda s: s.id == scheme_id)

    def _version_selected(self) -> None:
        info: SchemeVersionInfo | None = self.versions_table.selected_row()
        show_inline(self.error, None)
        if info is None:
            self.detail = None
            return
        try:
            self.detail = schemes.get_scheme(self._db, self._actor, info.id)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        self.expected_latest = max(v.version for v in self.versions.rows if v.name == info.name)
        state = "vigente" if info.is_current else "anterior"
        self.title.setText(f"{info.name} — versión {info.version} ({state})")
        self.subtitle.setText(
            f"Canal {info.channel.label}. Creada el {locale_format.moment(info.created_at)} por "
            f"{info.created_by}. {self.detail.scheme.description}"
        )
        data = self.detail.definition()
        self.criteria.set_criteria(data["criteria"])
        self.thresholds.load(self.detail.scheme, data["thresholds"])
        self.set_editing(False)

    def _show_total(self) -> None:
        self.total.setText(
            f"Suma de pesos: {_number(self.criteria.total_weight())}. Nota de un registro = "
            "100 × peso cumplido / peso aplicable."
        )
        self.total.setToolTip(
            "Un criterio crítico fallado con «Nota en cero» deja el registro en 0; con «Solo se "
            "señala» se informa sin cambiar la nota."
        )

    def set_editing(self, editing: bool) -> None:
        self.criteria.set_editing(editing)
        self.thresholds.set_editing(editing)
        self.edit_button.setVisible(not editing and self._actor.can(Permission.MANAGE_SCHEMES))
        self.edit_button.setEnabled(self.detail is not None)
        for button in (self.add_button, self.remove_button, self.save_button,
                       self.cancel_button):  # fmt: skip
            button.setVisible(editing)
        if editing:
            self.notice.hide()

    def add_criterion(self) -> None:
        row = self.criteria.add_judged()
        self.criteria_table.selectRow(row)
        self.criteria_table.edit(self.criteria.index(row, LABEL))

    def remove_criterion(self) -> None:
        rows = self.criteria_table.selectionModel().selectedRows()
        if rows:
            self.criteria.remove(rows[0].row())

    def edited_definition(self) -> dict[str, Any]:
        assert self.detail is not None
        data = self.detail.definition()
        data["criteria"] = self.criteria.criteria()
        data["thresholds"] = self.thresholds.thresholds()
        return data

    def save(self) -> None:
        if self.detail is None:
            return
        definition = self.edited_definition()
        try:
            saved = schemes.save_scheme_version(
                self._db,
                self._actor,
                self.detail.info.id,
                definition,
                expected_latest=self.expected_latest,
            )
        except StaleEdit as exc:
            self._show_conflict(exc, definition)
            return
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        self.refresh()
        self.select_version(saved.info.id)
        self.notice.setText(
            f"Se guardó la versión {saved.info.version} de «{saved.info.name}». Las auditorías "
            "nuevas la usarán; las existentes conservan la suya."
        )
        self.notice.show()
        self.data_changed.emit()

    def _show_conflict(self, refused: StaleEdit, definition: dict[str, Any]) -> None:
        """The edit beside the version saved meanwhile: keep that one (the list shows it) or
        save the edit as the next version anyway."""
        show_inline(self.error, refused)
        mine = list(scheme_fields(definition))
        labels = {label for label, _value in mine}
        mine += [(label, "") for label, _value in refused.saved.fields if label not in labels]
        # Only what differs: a scheme has many fields and the user must see the changes.
        differing = [(label, v) for label, v in mine if v != refused.saved.value(label)]
        dialog = stale_edit_dialog(refused, differing or mine, self)
        dialog.resize(980, 460)
        name = self.detail.info.name if self.detail else ""

        def keep_saved() -> None:
            self.refresh()
            self.versions_table.select_where(
                lambda s: s.name == name and s.version == refused.saved.version
            )

        def keep_mine() -> None:
            self.expected_latest = refused.saved.version  # the user has seen it
            self.save()

        dialog.keep_saved.connect(keep_saved)
        dialog.keep_mine.connect(keep_mine)
        self.conflict_dialog = dialog
        dialog.open()


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


class CalendarTab(QWidget):
    """Working weekdays and hours (and the entity's own days off) of a current scheme."""

    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.detail: SchemeDetail | None = None
        self.expected_latest: int | None = None  # the version shown (the current one)
        self.conflict_dialog: VersionsDialog | None = None
        self.scheme = QComboBox()
        self.scheme.setObjectName("calendarScheme")
        self.scheme.setMinimumWidth(320)
        self.scheme.currentIndexChanged.connect(self._load)
        self.days = [QCheckBox(name.capitalize()) for name in WEEKDAY_NAMES]
        days_row = QHBoxLayout()
        for box in self.days:
            days_row.addWidget(box)
        days_row.addStretch(1)
        self.start = QTimeEdit()
        self.end = QTimeEdit()
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        hours_row = QHBoxLayout()
        hours_row.addWidget(QLabel("de"))
        hours_row.addWidget(self.start)
        hours_row.addWidget(QLabel("a"))
        hours_row.addWidget(self.end)
        hours_row.addStretch(1)
        self.clock = QComboBox()
        for clock in Clock:
            self.clock.addItem(clock.label, clock.value)
        self.holidays = QListWidget()
        self.holidays.setObjectName("extraHolidays")
        self.holidays.setFixedSize(320, 110)
        self.holiday_date = date_edit(date.today())
        self.add_holiday = QPushButton("Agregar día")
        self.add_holiday.clicked.connect(self._add_holiday)
        self.remove_holiday = QPushButton("Quitar")
        self.remove_holiday.clicked.connect(self._remove_holiday)
        holiday_row = QHBoxLayout()
        holiday_row.addWidget(self.holiday_date)
        holiday_row.addWidget(self.add_holiday)
        holiday_row.addWidget(self.remove_holiday)
        holiday_row.addStretch(1)
        holiday_box = QVBoxLayout()
        holiday_box.addWidget(self.holidays)
        holiday_box.addLayout(holiday_row)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Esquema:", self.scheme)
        form.addRow("Días hábiles:", days_row)
        form.addRow("Jornada:", hours_row)
        form.addRow("Forma de contar las horas:", self.clock)
        form.addRow("Otros días no hábiles:", holiday_box)
        note = QLabel(
            "Los festivos nacionales de Colombia se descuentan siempre. La jornada solo cuenta "
            "con «Horas hábiles»; los plazos legales (Ley 1755 de 2015) se cuentan de lunes a "
            "viernes sin festivos, sea cual sea la jornada del proveedor. Guardar crea una nueva "
            "versión del esquema: las auditorías existentes conservan la suya."
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)
        self.error = inline_error_label()
        self.notice = QLabel()
        self.notice.setObjectName("warningNote")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.save_button = QPushButton("Guardar como nueva versión")
        self.save_button.clicked.connect(self.save)
        editable = actor.can(Permission.MANAGE_SCHEMES)
        self.save_button.setVisible(editable)
        for widget in (*self.days, self.start, self.end, self.clock, self.holiday_date,
                       self.add_holiday, self.remove_holiday):  # fmt: skip
            widget.setEnabled(editable)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        current = self.detail.info.name if self.detail is not None else None
        try:
            versions = [s for s in schemes.list_schemes(self._db, self._actor) if s.is_current]
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        self.scheme.blockSignals(True)
        self.scheme.clear()
        for info in versions:
            self.scheme.addItem(f"{info.name} (versión {info.version})", info.id)
        index = max(0, next((i for i, v in enumerate(versions) if v.name == current), 0))
        self.scheme.setCurrentIndex(index)
        self.scheme.blockSignals(False)
        self._load()

    def _load(self) -> None:
        show_inline(self.error, None)
        scheme_id = self.scheme.currentData()
        if scheme_id is None:
            return
        try:
            self.detail = schemes.get_scheme(self._db, self._actor, scheme_id)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        self.expected_latest = self.detail.info.version
        thresholds = self.detail.scheme.thresholds
        calendar = thresholds.calendar
        for number, box in enumerate(self.days, start=1):
            box.setChecked(number in calendar.weekdays)
        self.start.setTime(_qtime(calendar.start))
        self.end.setTime(_qtime(calendar.end))
        self.clock.setCurrentIndex(self.clock.findData(thresholds.clock.value))
        self.holidays.clear()
        for day in sorted(calendar.extra_holidays):
            self._holiday_item(day)

    def _holiday_item(self, day: date) -> None:
        item = QListWidgetItem(locale_format.day(day))
        item.setData(Qt.ItemDataRole.UserRole, day)
        self.holidays.addItem(item)

    def _days_off(self) -> list[date]:
        return [self.holidays.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.holidays.count())]  # fmt: skip

    def _add_holiday(self) -> None:
        value: QDate = self.holiday_date.date()
        day = date(value.year(), value.month(), value.day())
        if day not in self._days_off():
            self._holiday_item(day)
            self.holidays.sortItems()

    def _remove_holiday(self) -> None:
        for item in self.holidays.selectedItems():
            self.holidays.takeItem(self.holidays.row(item))

    def calendar_input(self) -> schemes.CalendarInput:
        start, end = self.start.time(), self.end.time()
        return schemes.CalendarInput(
            weekdays=frozenset(n for n, box in enumerate(self.days, start=1) if box.isChecked()),
            start=time(start.hour(), start.minute()),
            end=time(end.hour(), end.minute()),
            clock=Clock(self.clock.currentData()),
            extra_holidays=frozenset(self._days_off()),
        )

    def save(self) -> None:
        if self.detail is None:
            return
        calendar = self.calendar_input()
        try:
            saved = schemes.set_working_calendar(
                self._db,
                self._actor,
                self.detail.info.id,
                calendar,
                expected_latest=self.expected_latest,
            )
        except StaleEdit as exc:
            self._show_conflict(exc, calendar)
            return
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        self.refresh()
        self.notice.setText(
            f"Se guardó la versión {saved.info.version} de «{saved.info.name}» con el nuevo "
            "calendario laboral."
        )
        self.notice.show()
        self.data_changed.emit()

    def _show_conflict(self, refused: StaleEdit, calendar: schemes.CalendarInput) -> None:
        """This calendar beside the one of the version saved meanwhile: keep that one (the
        form shows it) or save this calendar into the next version anyway."""
        show_inline(self.error, refused)
        assert self.detail is not None
        data = self.detail.definition()
        data["thresholds"]["clock"] = calendar.clock.value
        data["thresholds"]["calendar"] = {
            "weekdays": sorted(calendar.weekdays),
            "start": f"{calendar.start:%H:%M}",
            "end": f"{calendar.end:%H:%M}",
            "extra_holidays": [d.isoformat() for d in sorted(calendar.extra_holidays)],
        }
        values = dict(scheme_fields(data))
        mine = [(label, values[label]) for label in CALENDAR_LABELS]  # the form's order
        dialog = stale_edit_dialog(refused, mine, self)

        name = self.detail.info.name

        def keep_mine() -> None:
            # This calendar goes on top of the version saved meanwhile (its criteria and
            # thresholds stay); the form keeps what the user chose.
            try:
                versions = schemes.list_schemes(self._db, self._actor)
                newest = max((v for v in versions if v.name == name), key=lambda v: v.version)
                self.detail = schemes.get_scheme(self._db, self._actor, newest.id)
            except ServiceError as exc:
                show_inline(self.error, exc)
                return
            self.expected_latest = refused.saved.version  # one newer still is refused again
            self.save()

        dialog.keep_saved.connect(self.refresh)
        dialog.keep_mine.connect(keep_mine)
        self.conflict_dialog = dialog
        dialog.open()


class SchemesPage(QWidget):
    """Both tabs together («Esquemas de calificación» and «Calendario laboral»)."""

    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.schemes_tab = SchemesTab(db, actor)
        self.calendar_tab = CalendarTab(db, actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.schemes_tab, "Esquemas de calificación")
        self.tabs.addTab(self.calendar_tab, "Calendario laboral")
        for tab in (self.schemes_tab, self.calendar_tab):
            tab.data_changed.connect(self.refresh)
            tab.data_changed.connect(self.data_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        self.schemes_tab.refresh()
        self.calendar_tab.refresh()
