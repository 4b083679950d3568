"""The main window: pages, role-based navigation, status bar, remembered geometry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QLabel

from auditoria_calidad import __version__
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.ui.main_window import GEOMETRY_KEY, PAGE_KEY, PAGES, MainWindow
from auditoria_calidad.ui.navigation import DESTINATIONS


def page_title(window: MainWindow) -> str:
    label = window.stack.currentWidget().findChild(QLabel, "pageTitle")
    assert label is not None
    return label.text()


@pytest.mark.parametrize("role", list(Role))
def test_every_visible_page_can_be_visited_and_has_its_spanish_title(
    qtbot, open_window, actor_with_role, role
):
    window = open_window(actor_with_role(role))
    keys = window.navigation.destination_keys()
    assert keys[0] == "home"
    for key in keys:
        window.navigation.select(key)
        assert window.current_key == key
        assert window.stack.currentWidget() is window.pages[key]
        assert page_title(window)  # the screen names itself


def test_every_destination_but_home_has_its_screen():
    assert {d.key for d in DESTINATIONS} - {"home"} == set(PAGES)


def test_navigation_has_the_nine_destinations_in_order():
    assert [d.label for d in DESTINATIONS] == [
        "Inicio",
        "Auditorías",
        "Importar",
        "Muestra y evaluación",
        "Calibración",
        "Hallazgos",
        "Comité",
        "Informes",
        "Configuración",
    ]


def test_auditor_does_not_see_configuracion(qtbot, open_window, auditor):
    window = open_window(auditor)
    keys = window.navigation.destination_keys()
    assert "settings" not in keys
    assert "import" in keys
    window.show_page("settings")  # asking for it does nothing
    assert window.current_key == "home"
    assert "settings" not in window.pages


@pytest.mark.parametrize(
    ("role", "sees", "does_not_see"),
    [
        (Role.ADMIN, {"settings", "findings", "reports"}, {"import", "audits", "sample"}),
        (Role.PROVIDER_MANAGER, {"findings", "reports"}, {"import", "settings", "committee"}),
        (Role.COMMITTEE, {"committee", "findings"}, {"import", "settings", "sample"}),
        (Role.HEAD, {"audits", "import", "committee"}, {"settings"}),
    ],
)
def test_each_role_sees_only_its_destinations(
    qtbot, open_window, actor_with_role, role, sees, does_not_see
):
    window = open_window(actor_with_role(role))
    keys = set(window.navigation.destination_keys())
    assert sees <= keys
    assert not keys & does_not_see


def test_status_bar_shows_user_role_database_and_counts(qtbot, open_window, auditor, tmp_path):
    window = open_window(auditor)
    assert window.user_status.text() == "Persona Auditor · Auditor"
    assert window.database_status.toolTip() == f"{tmp_path}/t.db"
    assert window.database_status.text().startswith("SQLite: ")
    assert window.counts_status.text() == "0 proveedores · 0 virtuales · 0 chats · 0 auditorías"


def test_about_dialog_shows_version_database_and_data_protection(
    qtbot, open_window, auditor, tmp_path
):
    window = open_window(auditor)
    about = window.show_about()
    assert about.version.text() == f"Versión {__version__}"
    assert about.location.text() == f"{tmp_path}/t.db"
    assert "Ningún dato sale del equipo" in about.data_protection.text()
    about.close()


def test_geometry_and_last_page_are_saved_and_restored(qtbot, db, auditor, ui_settings: QSettings):
    first = MainWindow(db, auditor, ui_settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(800, 530)
    first.show_page("findings")
    first.close()
    assert isinstance(ui_settings.value(GEOMETRY_KEY), QByteArray)
    assert ui_settings.value(PAGE_KEY) == "findings"

    second = MainWindow(db, auditor, ui_settings)
    qtbot.addWidget(second)
    second.show()
    assert second.current_key == "findings"
    assert (second.width(), second.height()) == (800, 530)


def test_first_start_fits_the_screen(qtbot, open_window, auditor):
    window = open_window(auditor)
    available = window.screen().availableGeometry()
    assert window.width() <= min(1280, available.width())
    assert window.height() <= min(800, available.height())


def test_a_page_the_role_lost_is_not_restored(qtbot, db, admin, auditor, ui_settings):
    ui_settings.setValue(PAGE_KEY, "settings")
    window = MainWindow(db, auditor, ui_settings)
    qtbot.addWidget(window)
    assert window.current_key == "home"
