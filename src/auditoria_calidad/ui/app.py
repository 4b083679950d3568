"""The application: QApplication set up for Colombia, the database, the startup flow."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale, QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from auditoria_calidad import __version__
from auditoria_calidad.services.connection import DatabaseError, open_database
from auditoria_calidad.settings import data_dir, resources_dir
from auditoria_calidad.ui import icons, messages
from auditoria_calidad.ui.startup import StartupFlow

APP_DISPLAY_NAME = "Auditoría de Calidad"
# QSettings keys this user's window preferences under these names.
ORGANIZATION = "auditoria-calidad"
APPLICATION = "auditoria-calidad"


def style_sheet() -> str:
    return (resources_dir() / "ui" / "style.qss").read_text(encoding="utf-8")


def configure_application(app: QApplication) -> None:
    """Names (for QSettings), Spanish (Colombia) locale, style sheet and icon."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Colombia))
    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
    app.setWindowIcon(icons.icon("app"))
    # The startup flow decides when to quit (dialogs come and go between steps).
    app.setQuitOnLastWindowClosed(False)


def run_window(db_url: str | None, load_demo: bool) -> int:
    """Open the window on ``db_url`` (None: the default); returns the process exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    configure_application(app)
    messages.install_excepthook(data_dir() / "registros")
    try:
        db = open_database(db_url)
    except (DatabaseError, OSError) as exc:
        messages.show_error(
            None,
            exc if isinstance(exc, DatabaseError) else f"No se pudo abrir la base de datos: {exc}",
            title="No se pudo abrir la base de datos",
        )
        return 1
    flow = StartupFlow(db, QSettings(), load_demo=load_demo)
    flow.finished.connect(app.exit)
    QTimer.singleShot(0, flow.start)
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()
        db.close()
