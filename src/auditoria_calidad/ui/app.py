"""The application: QApplication set up for Colombia, the database, the startup flow."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QSettings,
    QThreadPool,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from auditoria_calidad import __version__
from auditoria_calidad.services.connection import DatabaseError, open_database
from auditoria_calidad.settings import DATA_DIR_ENV, data_dir, resources_dir
from auditoria_calidad.ui import icons, messages
from auditoria_calidad.ui.startup import StartupFlow

APP_DISPLAY_NAME = "Auditoría de Calidad"
# QSettings keys this user's window preferences under these names.
ORGANIZATION = "auditoria-calidad"
APPLICATION = "auditoria-calidad"
# Qt's own catalogues: standard buttons, file dialogs, context menus of text fields.
QT_CATALOGUES = ("qtbase",)
PLATFORM_FAILURE = (
    "No se pudo abrir la ventana: Qt no pudo iniciar la plataforma gráfica «{platform}».\n"
    "En Debian/Ubuntu faltan bibliotecas del sistema o no hay pantalla: instale las que "
    "indica el primer comando del README (sudo apt-get install …) y, en un servidor sin "
    "pantalla, use xvfb-run. Los comandos sin ventana (auditoria-calidad --help) siguen "
    "funcionando.\nMensajes de Qt:\n{detail}\n"
)
EXIT_FAILURE = 1

_translators: list[QTranslator] = []  # kept alive as long as the application


def style_sheet() -> str:
    return (resources_dir() / "ui" / "style.qss").read_text(encoding="utf-8")


def install_qt_translations(app: QApplication) -> list[str]:
    """Load Qt's Spanish catalogues (shipped with PySide6); returns the ones loaded.

    Without them Qt's own texts stay in English: «Cancel» in file dialogs, «Copy» and
    «Paste» in the context menu of every text field, the names of standard buttons.
    """
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded: list[str] = []
    for name in QT_CATALOGUES:
        if any(t.objectName() == name for t in _translators):
            loaded.append(name)
            continue
        translator = QTranslator(app)
        translator.setObjectName(name)
        if translator.load(f"{name}_es", folder):
            app.installTranslator(translator)
            _translators.append(translator)
            loaded.append(name)
    return loaded


def configure_application(app: QApplication) -> None:
    """Names (for QSettings), Spanish (Colombia) locale and texts, style sheet and icon."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Colombia))
    install_qt_translations(app)
    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
    app.setWindowIcon(icons.icon("app"))
    # The startup flow decides when to quit (dialogs come and go between steps).
    app.setQuitOnLastWindowClosed(False)


def create_application() -> QApplication:
    """The QApplication; if Qt cannot start its graphics platform (a missing system
    library, no display), a Spanish message and exit code 1 instead of Qt's abort."""
    existing = QApplication.instance()
    if existing is not None:
        assert isinstance(existing, QApplication)
        return existing
    seen: list[str] = []

    def on_message(kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
        seen.append(text)
        if kind == QtMsgType.QtFatalMsg:
            platform = os.environ.get("QT_QPA_PLATFORM") or "predeterminada"
            detail = "\n".join(f"  {line}" for line in seen)
            sys.stderr.write(PLATFORM_FAILURE.format(platform=platform, detail=detail))
            sys.stderr.flush()
            os._exit(EXIT_FAILURE)  # Qt aborts after a fatal message: leave first

    qInstallMessageHandler(on_message)
    try:
        app = QApplication(sys.argv)
    finally:
        qInstallMessageHandler(None)
    return app


class _SmokeMessages:
    """During the smoke run every message box is a failure: printed, never shown."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, box: QMessageBox) -> int:
        self.count += 1
        sys.stderr.write(f"{box.windowTitle()}: {box.text()}\n")
        return 0


def run_window(db_url: str | None, load_demo: bool, *, smoke: bool = False) -> int:
    """Open the window on ``db_url`` (None: the default); returns the process exit code.

    ``smoke``: an installation check that leaves nothing behind. In a temporary data
    folder (and a SQLite database there unless ``db_url`` is given) load the demo, log in
    as the demo auditor, show the main window on the real platform, close it, exit 0.
    """
    if not smoke:
        return _run(db_url, load_demo, smoke=False)
    create_application()  # a platform failure exits here, before the folder exists
    with tempfile.TemporaryDirectory(prefix="auditoria-prueba-") as folder:
        previous = {name: os.environ.get(name) for name in (DATA_DIR_ENV, "AUDITORIA_DB_URL")}
        os.environ[DATA_DIR_ENV] = folder
        os.environ.pop("AUDITORIA_DB_URL", None)  # never a shared database for a check
        try:
            return _run(db_url, True, smoke=True, settings_file=Path(folder) / "ventana.ini")
        finally:
            for name, value in previous.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def _run(
    db_url: str | None, load_demo: bool, *, smoke: bool, settings_file: Path | None = None
) -> int:
    app = create_application()
    configure_application(app)
    smoke_messages = _SmokeMessages()
    previous_present = messages.present
    previous_hook = sys.excepthook
    if smoke:
        messages.present = smoke_messages

        def fail(kind: type[BaseException], error: BaseException, tb: object) -> None:
            previous_hook(kind, error, tb)  # type: ignore[arg-type]
            app.exit(EXIT_FAILURE)

        sys.excepthook = fail
    else:
        messages.install_excepthook(data_dir() / "registros")
    try:
        try:
            db = open_database(db_url)
        except (DatabaseError, OSError) as exc:
            messages.show_error(
                None,
                exc
                if isinstance(exc, DatabaseError)
                else f"No se pudo abrir la base de datos: {exc}",
                title="No se pudo abrir la base de datos",
            )
            return EXIT_FAILURE
        messages.remember_database(db.url)
        settings = (
            QSettings(str(settings_file), QSettings.Format.IniFormat)
            if settings_file is not None
            else QSettings()
        )
        flow = StartupFlow(db, settings, load_demo=load_demo, smoke=smoke)
        flow.finished.connect(app.exit)
        QTimer.singleShot(0, flow.start)
        try:
            code = app.exec()
        finally:
            QThreadPool.globalInstance().waitForDone()
            db.close()
        if smoke and code == 0 and smoke_messages.count:
            return EXIT_FAILURE
        return code
    finally:
        messages.present = previous_present
        if smoke:
            sys.excepthook = previous_hook
