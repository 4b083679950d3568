"""Configuración: users, providers with their target, the entity."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services.administration import list_providers, list_users
from auditoria_calidad.services.auth import login
from auditoria_calidad.services.office_settings import get_settings
from auditoria_calidad.ui.settings_page import SettingsPage


@pytest.fixture
def settings_page(qtbot, open_window, admin) -> SettingsPage:  # type: ignore[no-untyped-def]
    window = open_window(admin)
    window.show_page("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    settings_page.window = window  # keep the window alive during the test
    return page


def tab_titles(page: SettingsPage) -> list[str]:
    return [page.tabs.tabText(i) for i in range(page.tabs.count())]


def test_settings_shows_every_tab_to_the_administrator(settings_page):
    assert tab_titles(settings_page) == [
        "Usuarios",
        "Proveedores",
        "Agentes",
        "Esquemas de calificación",
        "Calendario laboral",
        "Entidad",
        "Diccionario de la entidad",
        "Plantillas de observación",
        "Análisis automático",
    ]


def test_new_user_dialog_adds_a_user_who_can_log_in(settings_page, db):
    users = settings_page.users_tab
    dialog = users.open_new_user_dialog()
    assert [dialog.role.itemText(i) for i in range(dialog.role.count())] == [
        "Auditor",
        "Jefe de Oficina",
        "Gerente Outsourcing",
        "Comité de Calidad",
        "Administrador",
    ]
    dialog.username.setText("pedro.auditor")
    dialog.full_name.setText("Pedro Páez")
    dialog.select_role(Role.AUDITOR)
    assert not dialog.provider.isEnabled()
    dialog.password.setText("clave-de-pedro")
    dialog.repeated.setText("clave-de-pedro")
    dialog.accept()

    assert dialog.result() == dialog.DialogCode.Accepted
    shown = {row.username: row for row in users.model.rows}
    assert shown["pedro.auditor"].full_name == "Pedro Páez"
    assert users.table.selected_row().username == "pedro.auditor"
    assert login(db, "pedro.auditor", "clave-de-pedro").role is Role.AUDITOR


def test_new_user_dialog_shows_service_errors_in_spanish(settings_page):
    dialog = settings_page.users_tab.open_new_user_dialog()
    dialog.username.setText("admin")  # exists already
    dialog.password.setText("clave-de-prueba")
    dialog.repeated.setText("clave-de-prueba")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == "Ya existe el usuario «admin»."
    dialog.repeated.setText("otra-clave")
    dialog.accept()
    assert dialog.error.text() == "Las contraseñas no coinciden."
    dialog.reject()


def test_provider_combo_is_enabled_only_for_the_provider_manager(settings_page, db, admin):
    from auditoria_calidad.services.administration import add_provider

    add_provider(db, admin, "Contacto Total S.A.S.", "88,5")
    dialog = settings_page.users_tab.open_new_user_dialog()
    dialog.select_role(Role.PROVIDER_MANAGER)
    assert dialog.provider.isEnabled()
    dialog.provider.setCurrentIndex(dialog.provider.findText("Contacto Total S.A.S."))
    dialog.username.setText("gerente.ct")
    dialog.password.setText("clave-del-gerente")
    dialog.repeated.setText("clave-del-gerente")
    dialog.accept()
    created = {u.username: u for u in list_users(db, admin)}["gerente.ct"]
    assert created.provider == "Contacto Total S.A.S."
    dialog2 = settings_page.users_tab.open_new_user_dialog()
    dialog2.select_role(Role.COMMITTEE)
    assert not dialog2.provider.isEnabled()
    dialog2.reject()


def test_deactivating_yourself_is_refused_with_a_message(settings_page, shown_messages):
    users = settings_page.users_tab
    users.table.select_where(lambda u: u.username == "admin")
    users.toggle_active()
    assert shown_messages[-1].text == "No puede desactivar su propio usuario."


def test_deactivate_and_reactivate_a_user(settings_page, db, admin, actor_with_role):
    actor_with_role(Role.AUDITOR)
    users = settings_page.users_tab
    users.refresh()
    users.table.select_where(lambda u: u.username == "usuario.auditor")
    assert users.active_button.text() == "Desactivar"
    users.toggle_active()
    assert users.table.selected_row().active is False
    assert users.active_button.text() == "Activar"
    users.toggle_active()
    assert users.table.selected_row().active is True


def test_change_password_dialog(settings_page, db, actor_with_role, shown_messages):
    actor_with_role(Role.HEAD)
    users = settings_page.users_tab
    users.refresh()
    users.table.select_where(lambda u: u.username == "usuario.jefe_oficina")
    dialog = users.open_change_password_dialog()
    dialog.password.setText("nueva-clave-jefe")
    dialog.repeated.setText("nueva-clave-jefe")
    dialog.accept()
    assert login(db, "usuario.jefe_oficina", "nueva-clave-jefe").role is Role.HEAD
    assert shown_messages[-1].title == "Contraseña cambiada"


def test_add_provider_accepts_a_decimal_comma_and_edits_the_target(settings_page, db, admin):
    providers = settings_page.providers_tab
    dialog = providers.open_new_provider_dialog()
    dialog.name.setText("Contacto Total S.A.S.")
    dialog.target.setText("92,5")
    dialog.accept()
    row = providers.providers_table.selected_row()
    assert row.name == "Contacto Total S.A.S."
    assert providers.providers.data(providers.providers.index(0, 1)) == "92,5 %"

    edit = providers.open_target_dialog()
    assert edit.target.text() == "92,5"
    edit.target.setText("101")
    edit.accept()
    assert edit.error.text() == "La meta debe estar entre 0 y 100; se recibió 101."
    edit.target.setText("95,25")
    edit.accept()
    assert [str(p.target_score) for p in list_providers(db, admin)] == ["95.25"]


def test_agents_of_the_selected_provider_are_listed(settings_page, db, admin):
    from auditoria_calidad.services.demo import load_demo

    load_demo(db)
    providers = settings_page.providers_tab
    providers.refresh()
    assert providers.agents.rowCount() == 10
    assert providers.agents_title.text().startswith("Agentes de «")


def test_entity_tab_saves_names_and_logo(settings_page, db, tmp_path: Path, shown_messages):
    entity = settings_page.entity_tab
    image = QImage(1200, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("#1f4e79"))
    logo = tmp_path / "logo.png"
    image.save(str(logo))

    entity.entity_name.setText("Instituto Colombiano de Prueba")
    entity.office_name.setText("Oficina de Atención al Ciudadano")
    assert entity.set_logo_from_file(logo)
    assert entity.save()
    stored = get_settings(db)
    assert stored["entity_name"] == "Instituto Colombiano de Prueba"
    assert stored["office_name"] == "Oficina de Atención al Ciudadano"
    decoded = QImage.fromData(__import__("base64").b64decode(stored["logo_png_base64"]), "PNG")
    assert max(decoded.width(), decoded.height()) == 600
    assert shown_messages[-1].text == "Se guardó la configuración de la entidad."
    # The side panel follows the new office name.
    assert settings_page.window()._office_label.text() == "Oficina de Atención al Ciudadano"


def test_entity_tab_refuses_a_file_that_is_not_an_image(settings_page, tmp_path, shown_messages):
    not_image = tmp_path / "logo.png"
    not_image.write_text("esto no es una imagen")
    assert not settings_page.entity_tab.set_logo_from_file(not_image)
    assert "No se pudo leer la imagen" in shown_messages[-1].text
