"""Configuración › Entidad: paper size and the code and version of each document."""

from __future__ import annotations

import pytest

from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.office_settings import get_settings, update_settings
from auditoria_calidad.ui.settings_page import SettingsPage


@pytest.fixture
def settings_page(qtbot, open_window, admin) -> SettingsPage:  # type: ignore[no-untyped-def]
    window = open_window(admin)
    window.resize(1280, 720)
    window.show_page("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    page.tabs.setCurrentWidget(page.entity_tab)
    settings_page.window = window  # keep the window alive during the test
    return page


def test_paper_is_carta_by_default_and_a4_and_codes_are_saved(settings_page, db, shown_messages):
    entity = settings_page.entity_tab
    assert entity.paper_size.currentData() == "carta"
    assert entity.paper_size.currentText().startswith("Carta")
    entity.paper_size.setCurrentIndex(entity.paper_size.findData("a4"))
    entity.codes["audit_report_code"].setText("  Código: M5-1-01-F01   Versión 2 ")
    entity.codes["minutes_code"].setText("F183 v1")
    assert entity.save()
    stored = get_settings(db)
    assert stored["paper_size"] == "a4"
    assert stored["audit_report_code"] == "Código: M5-1-01-F01 Versión 2"
    assert stored["minutes_code"] == "F183 v1" and stored["monthly_report_code"] == ""
    entity.refresh()
    assert entity.paper_size.currentData() == "a4"
    assert entity.codes["audit_report_code"].text() == "Código: M5-1-01-F01 Versión 2"
    settings_page.window().grab().save("/tmp/entity_tab.png")


def test_an_unknown_paper_size_or_a_long_code_is_refused(db, admin) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match="Tamaño de papel desconocido"):
        update_settings(db, admin, {"paper_size": "oficio"})
    with pytest.raises(InvalidInput, match="hasta 80 caracteres"):
        update_settings(db, admin, {"minutes_code": "X" * 81})
    assert get_settings(db)["paper_size"] == "carta"
