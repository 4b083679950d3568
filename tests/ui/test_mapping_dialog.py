"""The mapping dialog when a column is uncertain: candidates, their samples and why, the
confidence of every field in words; the user's choice lets the import proceed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from auditoria_calidad.services import administration, imports
from auditoria_calidad.ui.import_page import ImportPage
from auditoria_calidad.ui.mapping_confidence import Confidence
from auditoria_calidad.ui.mapping_dialog import MappingDialog

PROVIDER = "Contacto Total S.A.S."
WAIT = 60_000


def two_dates(path: Path, rows: int = 12) -> Path:
    """Two date-time columns with neutral names: which one is the answer is not certain."""
    lines = ["Radicado;Funcionario responsable;Cédula;Marca A;Marca B"]
    for i in range(1, rows + 1):
        day = 13 + i % 9
        lines.append(f"R-{i};Ana Gómez;{52_000_000 + i};{day}/10/2026 08:00;{day}/10/2026 11:30")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def inspection(db, auditor, tmp_path):  # type: ignore[no-untyped-def]
    return imports.inspect_file(db, auditor, two_dates(tmp_path / "marcas.csv"), "virtual")


def test_the_dialog_shows_the_candidates_of_an_uncertain_field_with_samples_and_reasons(
    qtbot, db, auditor, inspection
) -> None:
    assert inspection.uncertain
    dialog = MappingDialog(db, auditor, inspection)
    qtbot.addWidget(dialog)
    dialog.show()
    field = inspection.uncertain[0]
    label = dialog.confidence_labels[field]
    assert dialog.confidence(field) in (Confidence.DOUBTFUL, Confidence.MISSING)
    assert "elija" in label.text()  # in words, not only a colour
    assert (
        dialog.confidence("key") is Confidence.SURE
        and dialog.confidence_labels["key"].text() == "segura"
    )
    assert dialog.confidence("service") is Confidence.NONE
    # Under the combo, the candidates with a sample value.
    line = dialog.candidate_labels[field]
    assert line.isVisible() and "«Marca A»" in line.text() and "/10/2026" in line.text()
    # The «¿Por qué?» panel: every candidate, its values and why.
    qtbot.mouseClick(dialog.why_buttons[field], Qt.MouseButton.LeftButton)
    text = dialog.why.toPlainText()
    assert "«Marca A»" in text and "«Marca B»" in text and "Valores:" in text
    guess = inspection.guess.fields[field]
    assert guess.candidates[0].reasons[0] in text
    assert dialog.why_title.text().endswith(dialog.labels[field])
    # Nothing is used on a guess: the button waits for the user's choice.
    assert not dialog.ok_button.isEnabled()
    assert "dudosa" in dialog.error.text()


def test_choosing_the_columns_makes_them_certain_and_lets_the_dialog_accept(
    qtbot, db, auditor, inspection
) -> None:
    dialog = MappingDialog(db, auditor, inspection)
    qtbot.addWidget(dialog)
    dialog.show()
    headers = inspection.headers
    dialog.set_column("received_at", headers.index("Marca A"))
    dialog.set_column("answered_at", headers.index("Marca B"))
    assert dialog.pending() == []
    assert dialog.confidence("received_at") is Confidence.CHOSEN
    assert dialog.confidence_labels["received_at"].text() == "elegida por usted"
    assert not dialog.candidate_labels["received_at"].isVisible()
    assert dialog.ok_button.isEnabled() and dialog.error.isHidden()
    assert dialog.mapping().get("answered_at").header == "Marca B"


def test_the_page_opens_the_dialog_by_itself_and_imports_after_the_choice(
    qtbot, db, auditor, tmp_path, admin
) -> None:
    administration.add_provider(db, admin, PROVIDER)
    page = ImportPage(db, auditor)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    path = two_dates(tmp_path / "marcas.csv")
    with qtbot.waitSignal(page.inspected, timeout=WAIT):
        page.set_file(path)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert "dudosa" in page.mapping_status.text()
    page.provider_combo.setCurrentText(PROVIDER)
    assert page.start_import() is False and not page.running  # the import button waits

    headers = page.inspection.headers
    dialog.set_column("received_at", headers.index("Marca A"))
    dialog.set_column("answered_at", headers.index("Marca B"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.pending_fields() == []
    page.period_from.setText("1/10/2026")
    page.period_to.setText("16/10/2026")
    assert page.period() == (date(2026, 10, 1), date(2026, 10, 16))
    with qtbot.waitSignal(page.import_finished, timeout=WAIT) as finished:
        assert page.start_import()
    qtbot.waitUntil(lambda: not page.running, timeout=WAIT)
    summary = finished.args[0]
    assert summary is not None and summary.imported + summary.set_aside == 12
    assert summary.set_aside > 0  # days 17 to 21 are outside the period
    view = page.summary
    assert view.values["set_aside"].text() == str(summary.set_aside)
    assert view.left_out.isVisible() and view.left_out.count() == summary.set_aside
    assert view.left_out.item(0).text().startswith("Apartada — marcas.csv, fila ")
    assert "Fuera del periodo" in view.left_out.item(0).text()
    assert "apartada" in view.left_out_title.text()
    # A past import shows the same lines.
    page.summary.clear()
    page.batches.selectRow(0)
    assert view.left_out.count() == summary.set_aside


def test_a_period_typed_wrong_is_refused_in_spanish(qtbot, db, auditor, shown_messages) -> None:
    page = ImportPage(db, auditor)
    qtbot.addWidget(page)
    assert page.period() is None  # empty by default
    page.period_from.setText("31/02/2026")
    with pytest.raises(ValueError, match="no es una fecha dd/mm/aaaa"):
        page.period()
    page.period_from.setText("01/10/2026")
    with pytest.raises(ValueError, match="las dos fechas"):
        page.period()
    page.period_to.setText("30/09/2026")
    with pytest.raises(ValueError, match="antes de empezar"):
        page.period()


def test_a_date_alone_is_not_a_doubt_when_the_date_and_time_column_is_settled(
    qtbot, db, auditor, tmp_path
) -> None:
    """Zoho Desk: «Created Time» holds dates and times; only the key is left to choose."""
    path = tmp_path / "Tickets.csv"
    lines = ["Ticket Id,Request Id,Created Time,Ticket Owner,Ticket Closed Time"]
    for i in range(12):
        lines.append(
            f"{421000000001234567 + 1001 * i},{2031 + i},0{1 + i % 9} Oct 2026 09:15 AM,"
            f"Ana Gómez,0{1 + i % 9} Oct 2026 03:40 PM"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    inspection = imports.inspect_file(db, auditor, path, "virtual")

    dialog = MappingDialog(db, auditor, inspection)
    qtbot.addWidget(dialog)

    assert dialog.confidence("key") is Confidence.DOUBTFUL
    assert dialog.confidence("received_at") is Confidence.SURE
    for half in ("received_date", "received_time", "answered_date", "answered_time"):
        assert dialog.confidence(half) is not Confidence.DOUBTFUL, half


def test_a_whole_name_and_its_parts_are_not_read_together(qtbot, db, auditor, tmp_path) -> None:
    lines = ["Radicado;Fecha;Nombres;Apellidos;Nombre completo;Funcionario;Fecha respuesta"]
    people = [("María José", "Rodríguez Gómez"), ("Jhon Jairo", "Quiñones"), ("Luz", "Muñoz")]
    for i in range(1, 10):
        given, surnames = people[i % 3]
        lines.append(
            f"R-{i};0{i}/10/2026 08:00;{given};{surnames};{given} {surnames};Ana Gómez;"
            f"1{i}/10/2026 11:30"
        )
    path = tmp_path / "nombres.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    inspection = imports.inspect_file(db, auditor, path, "virtual")
    dialog = MappingDialog(db, auditor, inspection)
    qtbot.addWidget(dialog)
    dialog.show()
    headers = inspection.headers
    # The whole name is in the file: the parts stay out.
    assert dialog.mapping().get("requester_name").header == "Nombre completo"
    assert "requester_surnames" not in dialog.mapping()

    dialog.set_column("requester_given_names", headers.index("Nombres"))
    dialog.set_column("requester_surnames", headers.index("Apellidos"))

    chosen = dialog.mapping()
    assert "requester_name" not in chosen
    assert chosen.get("requester_given_names").header == "Nombres"
    assert chosen.get("requester_surnames").header == "Apellidos"

    dialog.set_column("requester_name", headers.index("Nombre completo"))

    chosen = dialog.mapping()
    assert chosen.get("requester_name").header == "Nombre completo"
    assert "requester_given_names" not in chosen and "requester_surnames" not in chosen
