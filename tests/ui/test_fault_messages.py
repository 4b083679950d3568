"""Faults of the database after the window is open get their Spanish message, not the
«error inesperado» one: read-only database, full disk, damaged file."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy.exc import OperationalError

from auditoria_calidad.services import reports
from auditoria_calidad.services.connection import Database, open_database
from auditoria_calidad.ui import messages
from auditoria_calidad.ui.reports_page import ReportsPage
from f182_data import build_audit

READ_ONLY = "es de solo lectura: se puede consultar, pero no guardar cambios"


def _driver_fault(code: str, text: str) -> OperationalError:
    """The error SQLAlchemy raises when SQLite refuses a statement with ``code``."""
    orig = sqlite3.OperationalError(text)
    orig.sqlite_errorname = code  # type: ignore[attr-defined]
    return OperationalError("UPDATE audits SET …", {}, orig)


@pytest.fixture
def remembered(db: Database):  # type: ignore[no-untyped-def]
    messages.remember_database(db.url)
    yield db
    messages.remember_database(None)


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("SQLITE_READONLY", "attempt to write a readonly database", READ_ONLY),
        ("SQLITE_FULL", "database or disk is full", "No queda espacio en el disco"),
        ("SQLITE_CORRUPT", "database disk image is malformed", "está dañada"),
    ],
)
def test_database_faults_get_their_own_message_naming_the_file(
    remembered: Database, code: str, text: str, expected: str
) -> None:
    message = messages.user_message(_driver_fault(code, text))
    assert expected in message
    assert str(Path(remembered.url.removeprefix("sqlite:///"))) in message
    assert "inesperado" not in message


def test_any_other_error_is_still_the_unexpected_one(remembered: Database) -> None:
    assert "inesperado" in messages.user_message(RuntimeError("x"))
    assert "inesperado" in messages.user_message(_driver_fault("SQLITE_ERROR", "no such table"))


@pytest.mark.qt_no_exception_capture
def test_saving_on_a_read_only_database_shows_the_read_only_message(
    qtbot, db: Database, admin, shown_messages, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    audit = build_audit(db, admin)
    # The same file opened read-only, as an office gets it from a share it cannot write to
    # (the tests run as root, for whom a 0444 file is still writable).
    path = Path(db.url.removeprefix("sqlite:///"))
    read_only = open_database(f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true")
    messages.remember_database(read_only.url)
    # What the window installs: an error escaping a button's slot reaches this hook.
    monkeypatch.setattr(sys, "excepthook", messages._excepthook)
    try:
        page = ReportsPage(read_only, audit.auditor)
        qtbot.addWidget(page)
        page.show()
        qtbot.keyClicks(page.conclusions, "Hay demoras en la segunda semana.")
        qtbot.mouseClick(page.save_texts_button, Qt.MouseButton.LeftButton)
        page.conclusions.clear()  # nothing left to save when the page closes
    finally:
        messages.remember_database(None)
        read_only.close()
    assert shown_messages, "no message was shown"
    assert shown_messages[-1].icon is QMessageBox.Icon.Warning
    assert READ_ONLY in shown_messages[-1].text
    assert "inesperado" not in shown_messages[-1].text
    # Nothing was saved.
    assert reports.report_texts(db, audit.auditor, audit.audit_id).conclusions == ""
