"""Errors reach the user as Spanish messages, never as a traceback."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox

from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.ui import messages


def test_service_error_is_shown_with_its_spanish_message(shown_messages):
    messages.show_error(None, InvalidInput("La meta debe estar entre 0 y 100."))
    assert shown_messages[-1].text == "La meta debe estar entre 0 y 100."
    assert shown_messages[-1].icon is QMessageBox.Icon.Warning


def test_unexpected_error_is_logged_and_shown_without_traceback(shown_messages, caplog):
    with caplog.at_level(logging.ERROR, logger="auditoria_calidad.ui"):
        try:
            {}["falta"]
        except KeyError as exc:
            messages.show_error(None, exc)
    text = shown_messages[-1].text
    assert text.startswith("Ocurrió un error inesperado.")
    assert "Traceback" not in text and "KeyError" not in text
    assert "KeyError" in caplog.text


def test_confirm_returns_the_answer(shown_messages):
    assert messages.confirm(None, "¿Desactivar el usuario?", "Confirmar", "Desactivar")
    assert shown_messages[-1].title == "Confirmar"


def test_excepthook_writes_the_log_in_the_data_folder(tmp_path, shown_messages, monkeypatch):
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    log_file = messages.install_excepthook(tmp_path / "registros")
    try:
        raise RuntimeError("fallo interno")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    for handler in logging.getLogger("auditoria_calidad").handlers:
        handler.flush()
    assert "fallo interno" in log_file.read_text(encoding="utf-8")
    assert shown_messages[-1].title == "Error inesperado"
    assert "fallo interno" not in shown_messages[-1].text
