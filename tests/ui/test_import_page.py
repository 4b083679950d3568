"""The Importar page and the column-mapping dialog, with real files and a real database."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from auditoria_calidad.demo.export_files import write_crm_export_csv, write_crm_export_xlsx
from auditoria_calidad.demo.generator import generate_month
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.services import administration, imports, mapping_profiles
from auditoria_calidad.ui.batches_model import BatchesTableModel, RejectedRowsModel
from auditoria_calidad.ui.import_page import ImportPage
from auditoria_calidad.ui.mapping_dialog import UNASSIGNED, MappingDialog

PROVIDER = "Contacto Total S.A.S."
WAIT = 60_000


@pytest.fixture(scope="module")
def month():  # type: ignore[no-untyped-def]
    return generate_month(5, virtual_count=200, chat_count=0, agent_count=4)


@pytest.fixture
def export(month, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    """A realistic xlsx export (title banner) with two bad rows and one repeated row."""
    records = [replace(r, extra={}) for r in month.virtual]
    path = write_crm_export_xlsx(
        records, tmp_path / "Reporte virtual.xlsx", channel=Channel.VIRTUAL, provider=PROVIDER
    )
    book = load_workbook(path)
    sheet = book.active
    sheet.cell(8, 2).value = "31/02/2026 10:00"  # row 8: an impossible date
    sheet.cell(12, 7).value = None  # row 12: no agent
    sheet.append([c.value for c in sheet[20]])  # row 205 repeats row 20
    book.save(path)
    return path


@pytest.fixture
def provider_id(db, admin) -> int:  # type: ignore[no-untyped-def]
    return administration.add_provider(db, admin, PROVIDER).id


@pytest.fixture
def page(qtbot, db, auditor, provider_id):  # type: ignore[no-untyped-def]
    page = ImportPage(db, auditor)
    qtbot.addWidget(page)
    page.resize(1146, 700)
    page.show()
    return page


def choose(qtbot, page: ImportPage, path: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.inspected, timeout=WAIT):
        page.set_file(path)


def run_import(qtbot, page: ImportPage):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.import_finished, timeout=WAIT) as finished:
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running, timeout=WAIT)
    return finished.args[0]


# --- The mapping dialog --------------------------------------------------------------------


def test_the_mapping_dialog_marks_required_fields_and_highlights_mapped_columns(
    qtbot, db, auditor, export, shown_messages
) -> None:
    inspection = imports.inspect_file(db, auditor, export, "virtual")
    dialog = MappingDialog(db, auditor, inspection)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "Radicado / Id. del chat *" in labels and "Cédula / Identificación" in labels
    assert dialog.table.item(0, 0).font().bold()
    agent = inspection.headers.index("Funcionario responsable")
    assert dialog.combos["agent"].currentText() == "Funcionario responsable"
    assert dialog.preview_model.is_assigned(agent)
    assert dialog.preview_model.rowCount() == 20
    header = dialog.preview_model.headerData(agent, Qt.Orientation.Horizontal)
    assert header == "Funcionario responsable\n→ Funcionario responsable (agente)"
    assert dialog.ok_button.isEnabled() and dialog.error.isHidden()

    dialog.set_column("agent", None)  # a required field left unmapped
    assert not dialog.preview_model.is_assigned(agent)
    assert not dialog.ok_button.isEnabled()
    assert "«Funcionario responsable (agente)»" in dialog.error.text()
    assert dialog.combos["agent"].currentText() == UNASSIGNED

    # A column feeds one field: giving the name column to the agent takes it from the name.
    name = inspection.headers.index("Nombre del usuario")
    dialog.set_column("agent", name)
    assert dialog.combos["requester_name"].currentText() == UNASSIGNED
    assert dialog.mapping().get("agent").index == name
    assert dialog.ok_button.isEnabled()

    # «Guardar como perfil…» opens an inline form, never a modal box.
    qtbot.mouseClick(dialog.save_as_button, Qt.MouseButton.LeftButton)
    assert dialog.profile_form.isVisible()
    dialog.profile_name_edit.setText("CRM Contacto Total")
    with qtbot.waitSignal(dialog.profile_saved) as saved:
        dialog.profile_name_edit.returnPressed.emit()
    assert saved.args == ["CRM Contacto Total"]
    assert "«CRM Contacto Total»" in dialog.notice.text()
    profile = mapping_profiles.get_profile(db, auditor, "CRM Contacto Total")
    assert profile.mapping.get("agent").index == name
    # Saving again under the same name asks first (the test answers «Reemplazar»).
    assert dialog.save_profile("CRM Contacto Total") is not None
    assert shown_messages[-1].icon == QMessageBox.Icon.Question
    # Next time the same headers come, the profile is chosen by itself.
    again = imports.inspect_file(db, auditor, export, "virtual")
    assert again.profile == "CRM Contacto Total"
    assert again.mapping.get("agent").index == name


# --- The page ------------------------------------------------------------------------------


def test_the_page_imports_a_real_file_and_shows_what_came_of_it(
    qtbot, page, export, tmp_path, shown_messages
) -> None:
    assert page.summary.empty.isVisible() and page.batches_empty.isVisible()
    assert not page.import_button.isEnabled()
    choose(qtbot, page, export)
    assert [page.sheet_combo.itemText(i) for i in range(page.sheet_combo.count())] == ["Reporte"]
    assert "hoja «Reporte»" in page.file_info.text()
    assert "11 de 11 asignadas" in page.mapping_status.text()
    page.provider_combo.setCurrentText(PROVIDER)
    assert page.import_button.isEnabled()

    summary = run_import(qtbot, page)
    assert summary is not None
    assert (summary.imported, summary.rejected, summary.duplicates) == (198, 2, 1)
    assert shown_messages == []
    view = page.summary
    assert view.details.isVisible() and not view.empty.isVisible()
    assert view.values["imported"].text() == "198"
    assert view.values["rejected"].text() == "2" and view.values["duplicates"].text() == "1"
    assert "198 registros nuevos" in view.message.text()
    model = view.model
    assert isinstance(model, RejectedRowsModel) and model.rowCount() == 2
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:5] == ["Hoja", "Fila", "Columna", "Motivo", "N° Radicado"]
    first = [model.index(0, c).data() for c in range(4)]
    assert first[:3] == ["Reporte", "8", "Fecha de ingreso"] and "31/02/2026" in first[3]

    out = view.export_rejected(tmp_path / "rechazadas.xlsx")
    assert out is not None and out.exists()
    assert shown_messages[-1].title == "Filas rechazadas exportadas"

    batches = page.batches_model
    assert isinstance(batches, BatchesTableModel) and batches.rowCount() == 1
    row = [batches.index(0, c).data() for c in range(batches.columnCount())]
    assert row[1:5] == ["Reporte virtual.xlsx", "Virtual", PROVIDER, page._actor.full_name]
    assert row[6] == "198 nuevos · 2 rechazadas · 1 repetida"
    assert page.batches.isVisible() and not page.batches_empty.isVisible()


def test_a_chat_export_chosen_as_virtual_answers_suggests_the_chat_channel(
    qtbot, page, month, tmp_path
) -> None:
    chats = write_crm_export_xlsx(
        [replace(r, extra={}) for r in month.chat[:40]], tmp_path / "Reporte chats.xlsx",
        channel=Channel.CHAT, provider=PROVIDER,
    )  # fmt: skip
    choose(qtbot, page, chats)  # the page starts on the virtual channel
    assert page.mapping_status.text().startswith(
        "El archivo parece una exportación del canal Chat: si lo es, cambie el canal."
    )
    assert page.switch_channel.isVisible()
    assert page.switch_channel.text() == "Cambiar al canal Chat"

    qtbot.mouseClick(page.switch_channel, Qt.MouseButton.LeftButton)
    assert page.channel == Channel.CHAT
    qtbot.waitUntil(lambda: page.mapping_status.text().startswith("Columnas"), timeout=WAIT)
    assert "El archivo parece" not in page.mapping_status.text()
    assert not page.switch_channel.isVisible()


def test_the_same_file_again_adds_nothing_and_a_past_import_shows_its_rejected_rows(
    qtbot, page, export
) -> None:
    choose(qtbot, page, export)
    page.provider_combo.setCurrentText(PROVIDER)
    first = run_import(qtbot, page)
    choose(qtbot, page, export)
    assert page.previous_note.isVisible() and "ya fue importado" in page.previous_note.text()
    again = run_import(qtbot, page)
    assert again.already_imported and again.batch_id == first.batch_id
    assert "El archivo ya fue importado el" in page.summary.message.text()
    assert page.batches_model.rowCount() == 1

    page.summary.clear()
    page.batches.clearSelection()
    page.batches.selectRow(0)
    assert page.summary.shown is not None and page.summary.shown.batch_id == first.batch_id
    assert page.summary.model.rowCount() == 2
    assert page.summary.values["rejected"].text() == "2"


def write_odd_csv(path: Path) -> Path:
    with path.open("w", encoding="cp1252", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["Caso", "Llegó", "Asesor que respondió", "Contestado"])
        writer.writerow(["C-1", "05/10/2026 08:00", "Ana Gómez", "05/10/2026 11:00"])
    return path


def test_a_required_field_without_column_stops_the_import_naming_it(
    qtbot, page, tmp_path, shown_messages
) -> None:
    choose(qtbot, page, write_odd_csv(tmp_path / "raro.csv"))
    assert "«Funcionario responsable (agente)»" in page.mapping_status.text()
    assert page.sheet_combo.count() == 0 and not page.sheet_combo.isEnabled()
    assert "CSV" in page.file_info.text()
    # The columns cannot be known: the dialog opens by itself, and importing waits for it.
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert "«Funcionario responsable (agente)»" in dialog.error.text()
    dialog.close()
    page.provider_combo.setCurrentText(PROVIDER)
    assert page.start_import() is False
    assert shown_messages == [] and not page.running
    assert page.dialog is not None and page.dialog.isVisible()
    dialog = page.dialog
    qtbot.addWidget(dialog)
    dialog.set_column("agent", 2)
    dialog.set_column("answered_at", 3)
    dialog.set_column("received_at", 1)
    dialog.accept()
    assert "asignadas a mano" in page.mapping_status.text()
    summary = run_import(qtbot, page)
    assert summary is not None and summary.imported == 1


def test_a_file_dropped_on_the_page_is_taken(qtbot, page, month, tmp_path) -> None:
    path = write_crm_export_csv(
        [replace(r, extra={}) for r in month.virtual[:10]], tmp_path / "soltado.csv",
        channel=Channel.VIRTUAL,
    )  # fmt: skip
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(40, 40), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    with qtbot.waitSignal(page.inspected, timeout=WAIT):
        page.dropEvent(event)
    assert page.path == path and page.inspection is not None
    assert page.file_edit.text() == str(path)
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "notas.docx"))])
    ignored = QDropEvent(
        QPointF(40, 40), Qt.DropAction.CopyAction, other, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    page.dropEvent(ignored)
    assert page.path == path


def test_an_import_cancelled_midway_leaves_nothing(
    qtbot, db, auditor, page, month, tmp_path
) -> None:
    base = month.virtual
    records = [replace(base[i % len(base)], key=f"X-{i:06d}", extra={}) for i in range(30_000)]
    path = write_crm_export_csv(records, tmp_path / "grande.csv", channel=Channel.VIRTUAL)
    choose(qtbot, page, path)
    page.provider_combo.setCurrentText(PROVIDER)
    with qtbot.waitSignal(page.import_finished, timeout=WAIT) as finished:
        assert page.start_import()
        assert page.progress_row.isVisible() and not page.import_button.isEnabled()
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running, timeout=WAIT)
    assert finished.args == [None]
    assert "cancelada" in page.outcome.text() and not page.progress_row.isVisible()
    assert imports.list_batches(db, auditor) == []


def test_a_new_provider_is_created_only_when_the_user_says_so(
    qtbot, db, auditor, page, export, shown_messages
) -> None:
    choose(qtbot, page, export)
    page.provider_combo.setCurrentText("Aliado Nuevo S.A.S.")
    summary = run_import(qtbot, page)  # the test's message hook answers «Crear e importar»
    assert shown_messages[0].icon == QMessageBox.Icon.Question
    assert "«Aliado Nuevo S.A.S.» no existe" in shown_messages[0].text
    assert summary.provider == "Aliado Nuevo S.A.S."
    names = [p.name for p in administration.list_providers(db, auditor)]
    assert "Aliado Nuevo S.A.S." in names
