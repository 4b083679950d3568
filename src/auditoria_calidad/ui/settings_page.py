"""Configuración (administrator): users, providers and agents, the entity."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.ui.entity_tab import EntityTab
from auditoria_calidad.ui.page_header import PageHeader
from auditoria_calidad.ui.providers_tab import ProvidersTab
from auditoria_calidad.ui.users_tab import UsersTab


class SettingsPage(QWidget):
    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = PageHeader(
            "Configuración", "Usuarios y roles, proveedores con su meta y los datos de la entidad."
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.users_tab: UsersTab | None = None
        self.providers_tab: ProvidersTab | None = None
        self.entity_tab: EntityTab | None = None
        if actor.can(Permission.MANAGE_USERS):
            self.users_tab = UsersTab(db, actor)
            self.tabs.addTab(self.users_tab, "Usuarios")
        if actor.can(Permission.MANAGE_PROVIDERS):
            self.providers_tab = ProvidersTab(db, actor)
            self.tabs.addTab(self.providers_tab, "Proveedores y agentes")
        if actor.can(Permission.MANAGE_SETTINGS):
            self.entity_tab = EntityTab(db, actor)
            self.tabs.addTab(self.entity_tab, "Entidad")
        for tab in self._tabs():
            tab.data_changed.connect(self.data_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

    def _tabs(self) -> list[UsersTab | ProvidersTab | EntityTab]:
        return [t for t in (self.users_tab, self.providers_tab, self.entity_tab) if t is not None]

    def refresh(self) -> None:
        for tab in self._tabs():
            tab.refresh()
