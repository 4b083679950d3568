"""Screenshots of the real window for the README, made offscreen on a temporary database.

    python scripts/screenshot.py [--out docs/screenshots]

Loads the demo month into a temporary SQLite database, logs in as the demo auditor and
saves the main window at 1366x768 (main-window.png) and one image per page it can visit
(page-<key>.png); then logs in as the demo administrator for the Configuración tabs, and
saves the welcome page of an empty database, the login and the demo-users dialogs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services.auth import create_first_admin, login
from auditoria_calidad.services.connection import open_database
from auditoria_calidad.services.demo import DemoResult, load_demo
from auditoria_calidad.ui.app import configure_application
from auditoria_calidad.ui.demo_loading import DemoUsersDialog
from auditoria_calidad.ui.login_dialog import LoginDialog
from auditoria_calidad.ui.main_window import MainWindow
from auditoria_calidad.ui.settings_page import SettingsPage

WINDOW_SIZE = (1366, 768)


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, path: Path, app: QApplication) -> None:
    settle(app)
    widget.grab().save(str(path))
    print(f"  {path}")


def password_of(result: DemoResult, role: Role) -> tuple[str, str]:
    user = next(u for u in result.users if u.role is role)
    return user.username, user.password


def main_window(db, result: DemoResult, role: Role, workdir: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    username, password = password_of(result, role)
    actor = login(db, username, password)
    settings = QSettings(str(workdir / f"ui-{role.value}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, actor, settings)
    window.resize(*WINDOW_SIZE)
    window.show()
    return window


def shoot(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    configure_application(app)
    with tempfile.TemporaryDirectory(prefix="auditoria-") as tmp:
        workdir = Path(tmp)
        os.environ["AUDITORIA_DATA_DIR"] = str(workdir)

        # An empty database: the welcome page with its two actions.
        empty = open_database(f"sqlite:///{workdir / 'vacia.db'}")
        admin = create_first_admin(empty, "admin", "clave-de-prueba", "Administrador")
        window = MainWindow(
            empty, admin, QSettings(str(workdir / "e.ini"), QSettings.Format.IniFormat)
        )
        window.resize(*WINDOW_SIZE)
        window.show()
        save(window, out / "welcome-empty.png", app)
        window.close()
        empty.close()

        db = open_database(f"sqlite:///{workdir / 'demo.db'}")
        result = load_demo(db)

        dialog = DemoUsersDialog(result)
        dialog.show()
        save(dialog, out / "dialog-demo-users.png", app)
        dialog.close()
        username, password = password_of(result, Role.AUDITOR)
        login_dialog = LoginDialog(db, username=username, password=password)
        login_dialog.show()
        save(login_dialog, out / "dialog-login.png", app)
        login_dialog.close()

        window = main_window(db, result, Role.AUDITOR, workdir)
        save(window, out / "main-window.png", app)
        for key in window.navigation.destination_keys():
            window.show_page(key)
            save(window, out / f"page-{key}.png", app)
        about = window.show_about()
        save(about, out / "dialog-about.png", app)
        about.close()
        window.close()

        window = main_window(db, result, Role.ADMIN, workdir)
        window.show_page("settings")
        page = window.pages["settings"]
        assert isinstance(page, SettingsPage)
        names = ("users", "providers", "entity")
        for index, name in enumerate(names):
            page.tabs.setCurrentIndex(index)
            save(window, out / f"page-settings-{name}.png", app)
        window.close()
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--out", type=Path, default=root / "docs" / "screenshots")
    shoot(parser.parse_args().out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
