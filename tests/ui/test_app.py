"""run_window: what happens before any window opens."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from auditoria_calidad.ui.app import run_window


def test_a_database_that_cannot_be_opened_gives_a_message_and_exit_code_1(
    qapp, tmp_path, monkeypatch, shown_messages
):
    monkeypatch.setenv("AUDITORIA_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_window installs its own
    logger = logging.getLogger("auditoria_calidad")
    monkeypatch.setattr(logger, "handlers", list(logger.handlers))

    code = run_window("postgresql://nadie@127.0.0.1:1/auditoria", load_demo=False)

    assert code == 1
    assert shown_messages[-1].title == "No se pudo abrir la base de datos"
    assert shown_messages[-1].text.startswith("No se pudo abrir la base de datos")
    assert qapp.applicationName() == "auditoria-calidad"
    assert qapp.applicationDisplayName() == "Auditoría de Calidad"


def test_qt_own_texts_are_spanish(qtbot):
    """Standard buttons and the context menu of text fields come from qtbase_es.qm."""
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

    from auditoria_calidad.ui.app import install_qt_translations

    assert "qtbase" in install_qt_translations(QApplication.instance())
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save
    )
    qtbot.addWidget(buttons)
    texts = {b.text().replace("&", "") for b in buttons.buttons()}
    assert texts == {"Cancelar", "Guardar"}
    edit = QLineEdit("texto")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    labels = " ".join(a.text().replace("&", "") for a in menu.actions())
    assert "Copiar" in labels and "Pegar" in labels and "Copy" not in labels
