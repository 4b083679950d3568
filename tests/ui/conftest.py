"""Fixtures of the window tests: a fresh SQLite database, private QSettings, no modal boxes."""

from __future__ import annotations

import os

# Until the top-level tests/conftest.py does it: Qt must not look for a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QMessageBox

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.administration import add_provider, add_user
from auditoria_calidad.services.auth import create_first_admin, login
from auditoria_calidad.services.connection import Database, open_database
from auditoria_calidad.ui import messages
from auditoria_calidad.ui.app import configure_application
from auditoria_calidad.ui.main_window import MainWindow

PASSWORD = "clave-segura-2024"


@dataclass(frozen=True)
class Shown:
    """A message box the window would have shown."""

    icon: QMessageBox.Icon
    title: str
    text: str


@pytest.fixture(scope="session", autouse=True)
def application(qapp, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The application as the user gets it (names, es-CO, style sheet); any QSettings()
    made without a file name lands in a temporary folder, never in the user's settings."""
    configure_application(qapp)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        str(tmp_path_factory.mktemp("qsettings")),
    )
    return qapp


@pytest.fixture(autouse=True)
def shown_messages(monkeypatch: pytest.MonkeyPatch) -> list[Shown]:
    """Record every message box instead of running it; questions are answered «yes»."""
    shown: list[Shown] = []

    def record(box: QMessageBox) -> int:
        shown.append(Shown(box.icon(), box.windowTitle(), box.text()))
        for button in box.buttons():
            if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole:
                button.click()
                break
        return 0

    monkeypatch.setattr(messages, "present", record)
    return shown


@pytest.fixture
def password() -> str:
    """The password of every user the fixtures create."""
    return PASSWORD


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path}/t.db")
    yield database
    QThreadPool.globalInstance().waitForDone()
    database.close()


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    """Window preferences in a file of the test, never the user's real settings."""
    return QSettings(str(tmp_path / "ventana.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def admin(db: Database) -> Actor:
    return create_first_admin(db, "admin", PASSWORD, "Ana María Torres")


@pytest.fixture
def actor_with_role(db: Database, admin: Actor) -> Callable[[Role], Actor]:
    """Create a user of a role (a provider manager gets a provider) and log it in."""

    def make(role: Role) -> Actor:
        if role is Role.ADMIN:
            return admin
        username = f"usuario.{role.value}"
        provider = None
        if role is Role.PROVIDER_MANAGER:
            provider = "Proveedor de Prueba S.A.S."
            add_provider(db, admin, provider, "90")
        add_user(
            db,
            admin,
            username,
            PASSWORD,
            role,
            full_name=f"Persona {role.label}",
            provider=provider,
        )
        return login(db, username, PASSWORD)

    return make


@pytest.fixture
def auditor(actor_with_role: Callable[[Role], Actor]) -> Actor:
    return actor_with_role(Role.AUDITOR)


@pytest.fixture
def open_window(qtbot, db: Database, ui_settings: QSettings) -> Callable[[Actor], MainWindow]:  # type: ignore[no-untyped-def]
    """Open the main window for an actor (closed by qtbot at the end of the test)."""

    def opener(actor: Actor) -> MainWindow:
        window = MainWindow(db, actor, ui_settings)
        qtbot.addWidget(window)
        window.show()
        return window

    return opener
