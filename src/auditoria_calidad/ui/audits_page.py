"""Auditorías: the list of audits with their sample progress, «Nueva auditoría» and the
detail of one audit (sample plan, records, indicators)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services import audits
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import AuditInfo
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.sample import DrawResult
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.audit_detail import AuditDetail
from auditoria_calidad.ui.new_audit_dialog import NewAuditDialog
from auditoria_calidad.ui.page_header import PageHeader
from auditoria_calidad.ui.table_models import ROW_ROLE, Column, RowTableModel, RowTableView


def progress_text(audit: AuditInfo) -> str:
    """«evaluados/muestra (población)», as the office reads the progress of a visit."""
    return (
        f"{locale_format.count(audit.evaluated)}/{locale_format.count(audit.sampled)} "
        f"({locale_format.count(audit.population)})"
    )


class AuditsTableModel(RowTableModel[AuditInfo]):
    COLUMNS = (
        Column[AuditInfo]("Número", lambda a: a.number),
        Column[AuditInfo]("Canal", lambda a: a.channel.label),
        Column[AuditInfo]("Proveedor", lambda a: a.provider),
        Column[AuditInfo]("Periodo", lambda a: a.period.label, lambda a: a.period_start),
        Column[AuditInfo]("Estado", lambda a: a.state_label),
        Column[AuditInfo](
            "Evaluados/muestra (población)",
            progress_text,
            lambda a: (a.evaluated / a.sampled) if a.sampled else -1.0,
            numeric=True,
        ),
    )


class AuditsPage(QWidget):
    """The page of the «Auditorías» destination: a list, and one audit at a time."""

    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.dialog: NewAuditDialog | None = None

        self.header = PageHeader(
            "Auditorías",
            "Cada auditoría es una visita de calidad (formato F182) de un canal, un proveedor y "
            "un periodo, con su muestra de al menos el 50 % de los registros de cada agente.",
        )
        self.new_button = QPushButton("Nueva auditoría…")
        self.new_button.setObjectName("newAudit")
        self.new_button.setVisible(actor.can(Permission.MANAGE_AUDITS))
        self.new_button.clicked.connect(self.open_new_audit_dialog)
        self.open_button = QPushButton("Abrir")
        self.open_button.clicked.connect(self.open_selected)
        self.filter = QLineEdit()
        self.filter.setObjectName("auditsFilter")
        self.filter.setPlaceholderText("Buscar por número, proveedor, estado…")
        self.filter.setClearButtonEnabled(True)
        self.show_annulled = QCheckBox("Mostrar anuladas")
        self.show_annulled.setObjectName("showAnnulled")
        self.show_annulled.toggled.connect(self.refresh_list_only)
        self.model = AuditsTableModel(self)
        self.table = RowTableView(self.model)
        self.table.setObjectName("auditsTable")
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest number first
        self.table.proxy.setFilterKeyColumn(-1)
        self.filter.textChanged.connect(self.table.proxy.setFilterFixedString)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty = QLabel(
            "Todavía no hay auditorías. Use «Nueva auditoría…» para crear la de un periodo "
            "ya importado."
        )
        self.empty.setObjectName("formHint")
        self.empty.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.open_button)
        bar.addStretch(1)
        bar.addWidget(self.show_annulled)
        bar.addWidget(self.filter, 1)
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(28, 24, 28, 24)
        list_layout.addWidget(self.header)
        list_layout.addLayout(bar)
        list_layout.addWidget(self.empty)
        list_layout.addWidget(self.table, 1)

        self.detail = AuditDetail(db, actor)
        self.detail.back_requested.connect(self.show_list)
        self.detail.data_changed.connect(self._detail_changed)
        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.refresh()

    # Data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the list (and the audit shown, if any)."""
        selected = self.table.selected_row()
        try:
            rows = self._rows()
        except ServiceError as exc:
            messages.show_error(self, exc)
            rows = []
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if selected is not None:
            self.table.select_where(lambda a: a.id == selected.id)
        if self.stack.currentWidget() is self.detail:
            self.detail.reload()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.table.selected_row() is not None)

    def _detail_changed(self) -> None:
        self.refresh_list_only()
        self.data_changed.emit()

    def _rows(self) -> list[AuditInfo]:
        return audits.list_audits(
            self._db, self._actor, include_annulled=self.show_annulled.isChecked()
        )

    def refresh_list_only(self) -> None:
        try:
            self.model.set_rows(self._rows())
        except ServiceError as exc:
            messages.show_error(self, exc)

    # Navigation -------------------------------------------------------------------------
    def open_audit(self, audit_id: int) -> None:
        self.detail.load(audit_id)
        self.stack.setCurrentWidget(self.detail)

    def open_selected(self) -> None:
        audit = self.table.selected_row()
        if audit is not None:
            self.open_audit(audit.id)

    def _open_index(self, index: QModelIndex) -> None:
        audit = index.siblingAtColumn(0).data(ROW_ROLE)
        if audit is not None:
            self.open_audit(audit.id)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        self.refresh()

    def open_new_audit_dialog(self) -> NewAuditDialog:
        self.dialog = NewAuditDialog(self._db, self._actor, self)
        self.dialog.created.connect(self._created)
        self.dialog.open()
        return self.dialog

    def _created(self, result: DrawResult) -> None:
        self.refresh()
        self.table.select_where(lambda a: a.id == result.audit_id)
        self.open_audit(result.audit_id)
        self.detail.notice.setText(
            f"Se creó la auditoría {result.number} y se sortearon "
            f"{locale_format.count(result.sampled)} de "
            f"{locale_format.plural(result.population, 'registro', 'registros')} de la "
            f"población (semilla {result.seed})."
        )
        self.detail.notice.show()
        self.data_changed.emit()
