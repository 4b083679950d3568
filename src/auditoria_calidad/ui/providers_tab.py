"""Configuración › Proveedores y agentes: contact-centre providers, their target, their agents."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.administration import (
    DEFAULT_TARGET,
    ProviderInfo,
    add_provider,
    list_agents,
    list_providers,
    set_provider_target,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.messages import inline_error_label, show_inline
from auditoria_calidad.ui.table_models import AgentsTableModel, ProvidersTableModel, RowTableView


class ProviderDialog(QDialog):
    """A new provider (name and target), or a new target for ``provider``."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        provider: ProviderInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._provider = provider
        self.setWindowTitle("Nuevo proveedor" if provider is None else "Meta del proveedor")
        self.setMinimumWidth(420)
        self.name = QLineEdit(provider.name if provider else "")
        self.name.setObjectName("name")
        self.name.setReadOnly(provider is not None)
        target = provider.target_score if provider else DEFAULT_TARGET
        self.target = QLineEdit(locale_format.decimal(Decimal(target)))
        self.target.setObjectName("target")
        hint = QLabel("Puntaje de calidad esperado, de 0 a 100 (por ejemplo 92,5).")
        hint.setObjectName("formHint")
        form = QFormLayout()
        form.addRow("Proveedor:", self.name)
        form.addRow("Meta (%):", self.target)
        form.addRow("", hint)
        self.error = inline_error_label()
        buttons = QDialogButtonBox()
        ok = buttons.addButton("Guardar", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            if self._provider is None:
                add_provider(self._db, self._actor, self.name.text(), self.target.text())
            else:
                set_provider_target(self._db, self._actor, self._provider.id, self.target.text())
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        super().accept()


class ProvidersTab(QWidget):
    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.dialog: ProviderDialog | None = None

        self.providers = ProvidersTableModel(self)
        self.providers_table = RowTableView(self.providers)
        self.providers_table.setObjectName("providersTable")
        self.agents = AgentsTableModel(self)
        self.agents_table = RowTableView(self.agents)
        self.agents_table.setObjectName("agentsTable")
        self.agents_title = QLabel("Agentes")
        self.agents_title.setObjectName("sectionTitle")
        self.providers_table.selectionModel().selectionChanged.connect(self._provider_selected)

        self.new_button = QPushButton("Nuevo proveedor…")
        self.new_button.clicked.connect(self.open_new_provider_dialog)
        self.target_button = QPushButton("Cambiar meta…")
        self.target_button.clicked.connect(self.open_target_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.target_button)
        buttons.addStretch(1)

        agents_note = QLabel(
            "Los agentes se crean al importar los archivos del CRM, con el nombre que trae "
            "cada registro."
        )
        agents_note.setObjectName("formHint")
        agents_note.setWordWrap(True)
        agents_box = QWidget()
        agents_layout = QVBoxLayout(agents_box)
        agents_layout.setContentsMargins(0, 6, 0, 0)
        agents_layout.addWidget(self.agents_title)
        agents_layout.addWidget(self.agents_table, 1)
        agents_layout.addWidget(agents_note)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.providers_table)
        splitter.addWidget(agents_box)
        splitter.setSizes([200, 300])

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.refresh()

    def refresh(self) -> None:
        selected = self.providers_table.selected_row()
        try:
            self.providers.set_rows(list_providers(self._db, self._actor))
        except ServiceError as exc:
            messages.show_error(self, exc)
        if not (selected and self.providers_table.select_where(lambda p: p.id == selected.id)):
            self.providers_table.selectRow(0)
        self._provider_selected()

    def _provider_selected(self) -> None:
        provider: ProviderInfo | None = self.providers_table.selected_row()
        self.target_button.setEnabled(provider is not None)
        if provider is None:
            self.agents_title.setText("Agentes")
            self.agents.set_rows([])
            return
        self.agents_title.setText(f"Agentes de «{provider.name}»")
        try:
            self.agents.set_rows(list_agents(self._db, self._actor, provider.name))
        except ServiceError as exc:
            messages.show_error(self, exc)

    def open_new_provider_dialog(self) -> ProviderDialog:
        return self._open(ProviderDialog(self._db, self._actor, None, self))

    def open_target_dialog(self) -> ProviderDialog | None:
        provider = self.providers_table.selected_row()
        if provider is None:
            return None
        return self._open(ProviderDialog(self._db, self._actor, provider, self))

    def _open(self, dialog: ProviderDialog) -> ProviderDialog:
        dialog.accepted.connect(self._changed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _changed(self) -> None:
        self.refresh()
        if self.dialog is not None:
            name = self.dialog.name.text().strip()
            self.providers_table.select_where(lambda p: p.name == name)
        self.data_changed.emit()
