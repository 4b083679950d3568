"""Configuración (administrator): users, providers and agents, the entity."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.agents import can_merge
from auditoria_calidad.services.connection import Database
from auditoria_calidad.ui.agents_tab import AgentsTab
from auditoria_calidad.ui.entity_tab import EntityTab
from auditoria_calidad.ui.entity_words_editor import EntityWordsEditor
from auditoria_calidad.ui.observation_templates_editor import ObservationTemplatesEditor
from auditoria_calidad.ui.page_header import PageHeader
from auditoria_calidad.ui.providers_tab import ProvidersTab
from auditoria_calidad.ui.schemes_page import CalendarTab, SchemesTab
from auditoria_calidad.ui.screening_settings_tab import ScreeningSettingsTab
from auditoria_calidad.ui.users_tab import UsersTab


class SettingsPage(QWidget):
    data_changed = Signal()
    entity_words_changed = Signal(list)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = PageHeader(
            "Configuración",
            "Usuarios y roles, proveedores con su meta, esquemas de calificación, calendario "
            "laboral, diccionario, datos de la entidad y análisis automático.",
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.users_tab: UsersTab | None = None
        self.providers_tab: ProvidersTab | None = None
        self.entity_tab: EntityTab | None = None
        self.schemes_tab: SchemesTab | None = None
        self.calendar_tab: CalendarTab | None = None
        self.words_tab: EntityWordsEditor | None = None
        self.screening_tab: ScreeningSettingsTab | None = None
        if actor.can(Permission.MANAGE_USERS):
            self.users_tab = UsersTab(db, actor)
            self.tabs.addTab(self.users_tab, "Usuarios")
        if actor.can(Permission.MANAGE_PROVIDERS):
            self.providers_tab = ProvidersTab(db, actor)
            self.tabs.addTab(self.providers_tab, "Proveedores")
        self.agents_tab: AgentsTab | None = None
        if can_merge(actor):
            self.agents_tab = AgentsTab(db, actor)
            self.tabs.addTab(self.agents_tab, "Agentes")
        if actor.can(Permission.MANAGE_SCHEMES):
            self.schemes_tab = SchemesTab(db, actor)
            self.tabs.addTab(self.schemes_tab, "Esquemas de calificación")
            self.calendar_tab = CalendarTab(db, actor)
            self.tabs.addTab(self.calendar_tab, "Calendario laboral")
        if actor.can(Permission.MANAGE_SETTINGS):
            self.entity_tab = EntityTab(db, actor)
            self.tabs.addTab(self.entity_tab, "Entidad")
            self.words_tab = EntityWordsEditor(db, actor)
            self.tabs.addTab(self.words_tab, "Diccionario de la entidad")
            self.words_tab.words_changed.connect(self.entity_words_changed)
            self.templates_tab = ObservationTemplatesEditor(db, actor)
            self.tabs.addTab(self.templates_tab, "Plantillas de observación")
            self.screening_tab = ScreeningSettingsTab(db, actor)
            self.tabs.addTab(self.screening_tab, "Análisis automático")
        for tab in self._tabs():
            tab.data_changed.connect(self.data_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

    def _tabs(
        self,
    ) -> list[
        UsersTab
        | ProvidersTab
        | AgentsTab
        | EntityTab
        | SchemesTab
        | CalendarTab
        | ScreeningSettingsTab
    ]:
        tabs = (
            self.users_tab,
            self.providers_tab,
            self.agents_tab,
            self.schemes_tab,
            self.calendar_tab,
            self.entity_tab,
            self.screening_tab,
        )
        return [t for t in tabs if t is not None]

    def refresh(self) -> None:
        for tab in self._tabs():
            tab.refresh()
        if self.words_tab is not None:
            self.words_tab.refresh()
