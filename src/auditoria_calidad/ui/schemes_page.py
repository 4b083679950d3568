"""Configuración › Esquemas de calificación and Calendario laboral.

A scheme is versioned data: editing never changes a version, «Guardar como nueva versión»
stores a new one (validated as a whole, every problem listed in Spanish), and audits keep
the version they were created with. A version saved by someone else since the page showed
the scheme is never silently passed over: both versions are shown and the user keeps one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services import schemes
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.edit_conflicts import StaleEdit
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.scheme_fields import scheme_fields
from auditoria_calidad.services.schemes import SchemeDetail, SchemeVersionInfo
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.conflict_dialog import VersionsDialog, stale_edit_dialog
from auditoria_calidad.ui.messages import inline_error_label, show_inline
from auditoria_calidad.ui.scheme_criteria_model import (
    CRITICAL,
    KEY,
    KIND,
    KIND_LABELS,
    LABEL,
    MODE,
    MODE_LABELS,
    WEIGHT,
    CriteriaEditModel,
    ModeDelegate,
    SchemeVersionsModel,
    decimal_text,
)
from auditoria_calidad.ui.scheme_thresholds_form import ThresholdsForm, calendar_text
from auditoria_calidad.ui.table_models import RowTableView
from auditoria_calidad.ui.working_calendar_tab import CalendarTab

__all__ = [
    "CRITICAL",
    "KEY",
    "KIND",
    "KIND_LABELS",
    "LABEL",
    "MODE",
    "MODE_LABELS",
    "WEIGHT",
    "CalendarTab",
    "CriteriaEditModel",
    "ModeDelegate",
    "SchemeVersionsModel",
    "SchemesPage",
    "SchemesTab",
    "ThresholdsForm",
    "calendar_text",
]


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
            f"Suma de pesos: {decimal_text(self.criteria.total_weight())}. Nota de un registro = "
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
