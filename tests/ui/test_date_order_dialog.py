"""The mapping dialog asks how the text dates are written when the file does not show it,
and the import reads them in the order chosen there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from auditoria_calidad.services import administration, imports
from auditoria_calidad.ui.import_page import ImportPage
from auditoria_calidad.ui.mapping_dialog import MappingDialog
from integration.importing.real_exports import write_salesforce_us

PROVIDER = "Contacto Total S.A.S."
WAIT = 60_000


def test_the_order_combo_shows_only_for_ambiguous_dates(qtbot, db, auditor, tmp_path) -> None:
    us, _ = write_salesforce_us(tmp_path, decisive=False)
    dialog = MappingDialog(db, auditor, imports.inspect_file(db, auditor, us, "virtual"))
    qtbot.addWidget(dialog)
    dialog.resize(1280, 720)
    dialog.show()
    assert dialog.date_order_row.isVisible()
    assert not dialog.ok_button.isEnabled()  # nothing is imported on a guessed order
    assert "orden de las fechas" in dialog.error.text()
    dialog.date_order_combo.setCurrentIndex(dialog.date_order_combo.findData("mdy"))
    assert dialog.ok_button.isEnabled() and dialog.date_order() == "mdy"
    dialog.grab().save("/tmp/orden_fechas.png")

    clear, _ = write_salesforce_us(tmp_path / "..", decisive=True)
    other = MappingDialog(db, auditor, imports.inspect_file(db, auditor, clear, "virtual"))
    qtbot.addWidget(other)
    other.show()
    assert not other.date_order_row.isVisible() and other.date_order() is None


def test_the_page_asks_and_imports_in_the_chosen_order(qtbot, db, auditor, tmp_path, admin) -> None:
    administration.add_provider(db, admin, PROVIDER)
    page = ImportPage(db, auditor)
    qtbot.addWidget(page)
    page.show()
    path, expected = write_salesforce_us(tmp_path, decisive=False)
    with qtbot.waitSignal(page.inspected, timeout=WAIT):
        page.set_file(path)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    page.provider_combo.setCurrentText(PROVIDER)
    assert page.start_import() is False  # waits for the order
    dialog = page.dialog
    assert dialog is not None
    dialog.date_order_combo.setCurrentIndex(dialog.date_order_combo.findData("mdy"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not page.date_order_pending()
    with qtbot.waitSignal(page.import_finished, timeout=WAIT) as finished:
        assert page.start_import()
    qtbot.waitUntil(lambda: not page.running, timeout=WAIT)
    summary = finished.args[0]
    # Read day first, 10/12/2026 would be in December: a date in the future, rejected.
    assert summary is not None and summary.imported == len(expected) and summary.rejected == 0
