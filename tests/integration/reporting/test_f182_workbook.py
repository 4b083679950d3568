"""The F182 workbook read back with openpyxl: columns, values, dates, masking, no formulas."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import datetime

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from report_builders import build_audit

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.reporting.data import AuditReportData
from auditoria_calidad.reporting.f182_workbook import write_f182_workbook

INJECTIONS = ('=HYPERLINK("http://x","clic")', "+57 300 1234567", "-2+3", "@SUM(A1:A2)", "\t=1+1")


@pytest.fixture(scope="module")
def audit() -> AuditReportData:
    data = build_audit(records=40, agents=5, hostile=True)
    records = list(data.records)
    for index, text in enumerate(INJECTIONS):
        records[index + 1] = replace(records[index + 1], observations=text)
    records[6] = replace(records[6], agent="=cmd|' /C calc'!A0", key="@radicado")
    records[7] = replace(records[7], observations="Con control\x00\x07 y\x1b fin")
    return replace(data, records=tuple(records))


@pytest.fixture(scope="module")
def xlsx(audit: AuditReportData) -> bytes:
    return write_f182_workbook(audit)


@pytest.fixture(scope="module")
def book(xlsx: bytes) -> Workbook:
    return load_workbook(io.BytesIO(xlsx))


def _header_row(sheet) -> tuple[int, list[str]]:
    for row in sheet.iter_rows(min_row=1, max_row=12):
        values = [c.value for c in row]
        if values and values[0] in ("Radicado", "Id. del chat", "Agente"):
            return row[0].row, [v for v in values if v is not None]
    raise AssertionError("no header row")


def test_sheets_and_virtual_columns(book: Workbook, audit: AuditReportData) -> None:
    assert book.sheetnames == ["F182", "Resumen", "Por agente"]
    _row, header = _header_row(book["F182"])
    for column in (
        "Radicado",
        "Fecha de ingreso",
        "Cédula",
        "Fecha y hora de respuesta",
        "Respuesta en 24 h",
        "Número de veces registrado en CRM",
        "Coherencia",
        "Pertinencia",
        "Solución del problema",
        "Fecha de revisión",
        "Funcionario responsable",
        "Nivel de redacción y ortografía",
        "Observaciones generales de calidad",
        "Puntaje",
    ):
        assert column in header
    assert "Redacción y ortografía" not in header  # it is the "Nivel" column


def test_one_row_per_evaluated_record_with_real_dates(
    book: Workbook, audit: AuditReportData
) -> None:
    sheet = book["F182"]
    row, header = _header_row(sheet)
    data_rows = list(sheet.iter_rows(min_row=row + 1, values_only=True))
    assert len(data_rows) == len(audit.records)
    received = header.index("Fecha de ingreso")
    score = header.index("Puntaje")
    for values, record in zip(data_rows, audit.records, strict=True):
        assert isinstance(values[received], datetime)
        assert values[received] == record.received_at
        assert values[score] == pytest.approx(float(record.score))
    cell = sheet.cell(row=row + 1, column=received + 1)
    assert cell.number_format == "dd/mm/yyyy hh:mm"
    assert sheet.freeze_panes == f"A{row + 1}"
    assert "F182" in sheet.tables


def test_identity_numbers_are_masked(book: Workbook, audit: AuditReportData, xlsx: bytes) -> None:
    sheet = book["F182"]
    row, header = _header_row(sheet)
    column = header.index("Cédula")
    values = [r[column] for r in sheet.iter_rows(min_row=row + 1, values_only=True)]
    for value, record in zip(values, audit.records, strict=True):
        assert value.endswith(record.identity_number[-4:])
        assert record.identity_number not in value
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
    for record in audit.records:
        assert record.identity_number.encode() not in everything


def test_no_cell_is_a_formula(book: Workbook, xlsx: bytes) -> None:
    found = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith("=") or cell.quotePrefix
                    found.add(cell.value)
    assert set(INJECTIONS) <= found
    assert "Con control y fin" in found  # characters XML forbids are dropped
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name)


def test_summary_has_native_charts_and_agents_sheet(book: Workbook, audit: AuditReportData) -> None:
    assert len(book["Resumen"]._charts) == 2
    values = [c.value for row in book["Resumen"].iter_rows() for c in row]
    assert "Calificación de la auditoría" in values
    assert float(audit.indicators.audit_score) in values
    sheet = book["Por agente"]
    row, header = _header_row(sheet)
    assert header[:3] == ["Agente", "Evaluados", "Calificación"]
    scores = [r[2] for r in sheet.iter_rows(min_row=row + 1, values_only=True)]
    assert scores == sorted(scores)


def test_chat_workbook_has_chat_columns() -> None:
    data = build_audit(channel=Channel.CHAT, records=10, agents=3)
    book = load_workbook(io.BytesIO(write_f182_workbook(data)))
    _row, header = _header_row(book["F182"])
    for column in (
        "Id. del chat",
        "Registro que hace el usuario",
        "Identificación",
        "Tiempo de ingreso",
        "Tiempo de espera",
        "Registrado en CRM",
        "Puntaje",
    ):
        assert column in header
    assert "Radicado" not in header


def test_long_text_is_kept_and_wrapped(book: Workbook, audit: AuditReportData) -> None:
    sheet = book["F182"]
    row, header = _header_row(sheet)
    column = header.index("Observaciones generales de calidad") + 1
    cell = sheet.cell(row=row + 1, column=column)
    assert cell.value == audit.records[0].observations
    assert cell.alignment.wrap_text
    assert sheet.column_dimensions[cell.column_letter].width <= 60


def test_request_and_answer_texts_wrap_no_cumple_is_red_and_it_prints_fit_to_width(
    audit: AuditReportData,
) -> None:
    long_answer = "Respetado usuario: " + "le informamos el estado de su solicitud. " * 40
    records = tuple(replace(r, answer_text=long_answer) for r in audit.records)
    book = load_workbook(io.BytesIO(write_f182_workbook(replace(audit, records=records))))
    sheet = book["F182"]
    row, header = _header_row(sheet)
    for title, minimum in (("Solicitud del usuario", 45), ("Respuesta del agente", 60)):
        column = header.index(title) + 1
        cell = sheet.cell(row=row + 1, column=column)
        assert (
            cell.alignment.wrap_text
            and sheet.column_dimensions[cell.column_letter].width >= minimum
        )
    answer = sheet.cell(row=row + 1, column=header.index("Respuesta del agente") + 1)
    assert answer.value == long_answer  # whole, never cut
    assert sheet.row_dimensions[row + 1].height >= 15 * 10  # tall enough to read it
    rules = [
        (str(area.sqref), rule)
        for area, found in sheet.conditional_formatting._cf_rules.items()
        for rule in found
    ]
    assert any(r.formula == ['"No cumple"'] and r.dxf.fill is not None for _a, r in rules)
    assert any(area.startswith(f"A{row + 1}:") for area, r in rules if r.formula == ['"No cumple"'])
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${row}:${row}"  # the header row on every page
    assert int(setup.paperSize) == int(sheet.PAPERSIZE_LETTER)  # Carta unless A4 was chosen


def test_an_answer_known_by_its_day_only_is_written_without_a_made_up_hour(
    audit: AuditReportData,
) -> None:
    records = list(audit.records)
    records[0] = replace(
        records[0], answered_at=datetime(2026, 10, 7), answered_day_only=True,
        hours_to_answer=None, within_limit=None,
    )  # fmt: skip
    sheet = load_workbook(io.BytesIO(write_f182_workbook(replace(audit, records=tuple(records)))))[
        "F182"
    ]
    row, header = _header_row(sheet)
    first = next(sheet.iter_rows(min_row=row + 1, max_row=row + 1, values_only=True))
    assert first[header.index("Fecha y hora de respuesta")] == "07/10/2026 (sin hora)"
    assert first[header.index("Respuesta en 24 h")] is None
