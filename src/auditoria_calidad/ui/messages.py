"""Telling the user what went wrong, in Spanish, never with a traceback.

Every message box of the window goes through `present`, a module-level hook: the
application runs it modally, tests replace it with a recorder so that no box ever blocks.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from auditoria_calidad.services.connection import DatabaseError, user_fault
from auditoria_calidad.services.errors import ServiceError

log = logging.getLogger("auditoria_calidad.ui")

ERROR_TITLE = "No se pudo completar la operación"
UNEXPECTED = (
    "Ocurrió un error inesperado. Lo que ya estaba guardado no se perdió.\n\n"
    "Si el problema se repite, envíe al área de sistemas el archivo de registro:\n{log}"
)


def _run_modally(box: QMessageBox) -> int:
    return box.exec()


# Replaced by tests (see tests/ui/conftest.py); returns the clicked StandardButton value.
present: Callable[[QMessageBox], int] = _run_modally

_log_file: Path | None = None
# The database the window works on, named in the messages of its faults (remember_database).
_database_url: str | None = None


def remember_database(url: str | None) -> None:
    """Name ``url`` in the messages of database faults (read-only, disk full, damaged)."""
    global _database_url
    _database_url = url


def database_fault(error: BaseException) -> DatabaseError | None:
    """The Spanish message of a database fault the storage knows (read-only database, full
    disk, damaged file) raised while working, or None for any other error."""
    if isinstance(error, DatabaseError):
        return error
    # Without a remembered database, the one the window opens by default (--db, the
    # environment or the user's file).
    return user_fault(error, _database_url)


def user_message(error: BaseException | str) -> str:
    """The Spanish text a user should read for ``error``; unexpected errors are logged."""
    if isinstance(error, str):
        return error
    if isinstance(error, ServiceError):
        return error.message
    fault = database_fault(error)
    if fault is not None:
        if fault is not error:
            log.warning("Falla de la base de datos: %s", error)
        return fault.message
    log.error("Error inesperado", exc_info=(type(error), error, error.__traceback__))
    return UNEXPECTED.format(log=_log_file or "(sin archivo de registro)")


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("messageBox")
    return box


def show_error(
    parent: QWidget | None, error: BaseException | str, title: str = ERROR_TITLE
) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, user_message(error))
    box.addButton("Aceptar", QMessageBox.ButtonRole.AcceptRole)
    present(box)


def show_info(parent: QWidget | None, text: str, title: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.addButton("Aceptar", QMessageBox.ButtonRole.AcceptRole)
    present(box)


def confirm(parent: QWidget | None, text: str, title: str, accept_label: str) -> bool:
    """Ask a yes/no question with explicit Spanish button labels."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    yes = box.addButton(accept_label, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Cancelar", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    present(box)
    return box.clickedButton() is yes


def inline_error_label() -> QLabel:
    """A hidden red label a dialog shows above its buttons instead of opening a message box."""
    label = QLabel()
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.hide()
    return label


def show_inline(label: QLabel, error: BaseException | str | None) -> None:
    """Show ``error`` in an inline label, or hide the label when ``error`` is None."""
    if error is None:
        label.clear()
        label.hide()
    else:
        label.setText(user_message(error))
        label.show()


def install_excepthook(log_dir: Path) -> Path:
    """Log unhandled exceptions to ``log_dir``/errores.log and show a friendly message."""
    global _log_file
    log_dir.mkdir(parents=True, exist_ok=True)
    _log_file = log_dir / "errores.log"
    handler = RotatingFileHandler(_log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("auditoria_calidad")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    sys.excepthook = _excepthook
    return _log_file


_showing = False


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    log.error("Excepción no controlada:\n%s", "".join(traceback.format_exception(kind, error, tb)))
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        if isinstance(error, ServiceError) or database_fault(error) is not None:
            show_error(QApplication.activeWindow(), error)
        else:
            show_error(
                QApplication.activeWindow(),
                UNEXPECTED.format(log=_log_file),
                title="Error inesperado",
            )
    finally:
        _showing = False
