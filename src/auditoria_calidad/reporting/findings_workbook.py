"""The findings workbook sent to the provider (activities 5.2.20–5.2.21).

One row per inconsistency of an approved audit: what the auditor found (locked) and the
four answer columns the provider's manager fills (unlocked, tinted): análisis de causa,
acción correctiva, responsable and fecha de compromiso. The workbook is imported back by
``importing.findings_return``, which reads only the answer columns and matches every row
by its finding id, so the provider may sort or filter the sheet freely.

Identity numbers are always masked to their last four digits: the file leaves the entity
(Ley 1581 de 2012). Text that starts like a formula (= + - @) is written as text.
The sheet is protected without a password: it guards against slips, not against a
determined user (the import validates every cell anyway).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from auditoria_calidad.reporting.data import displayed_identity
from auditoria_calidad.reporting.output import Destination
from auditoria_calidad.reporting.xlsx_safety import put
from auditoria_calidad.reporting.xlsx_sheets import print_landscape, save

SHEET_TITLE = "Hallazgos"
META_SHEET = "_hallazgos"
HEADER_ROW = 6
FIRST_DATA_ROW = HEADER_ROW + 1

# Headers, shared with the importer so that both sides always agree.
ID_HEADER = "Id. hallazgo"
CAUSE_HEADER = "Análisis de causa"
ACTION_HEADER = "Acción correctiva"
RESPONSIBLE_HEADER = "Responsable"
DATE_HEADER = "Fecha de compromiso"
ANSWER_HEADERS = (CAUSE_HEADER, ACTION_HEADER, RESPONSIBLE_HEADER, DATE_HEADER)

_NAVY = "1F3A5F"
_HEADER_FILL = PatternFill("solid", start_color=_NAVY)
_ANSWER_HEADER_FILL = PatternFill("solid", start_color="8A5A00")
_ANSWER_FILL = PatternFill("solid", start_color="FFF8DC")
_THIN = Side(style="thin", color="C5D0DC")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


@dataclass(frozen=True)
class FindingRowData:
    finding_id: int
    key: str  # radicado or chat id
    received_at: datetime | date | None
    agent: str
    identity_number: str | None  # masked here whatever it is
    criterion: str
    observation: str
    # What the provider already answered (so a re-export keeps it), or blanks.
    cause_analysis: str = ""
    corrective_action: str = ""
    responsible: str = ""
    commitment_date: date | None = None


@dataclass(frozen=True)
class FindingsWorkbookData:
    entity: str
    office: str
    audit_id: int
    audit_number: str
    channel: str  # label
    provider: str
    period: str  # "01/10/2026 a 31/10/2026"
    sent_on: date | None
    response_deadline: date | None
    rows: Sequence[FindingRowData]


# (header, width, answer column?)
_COLUMNS: tuple[tuple[str, float, bool], ...] = (
    (ID_HEADER, 11, False),
    ("Radicado / Id. chat", 20, False),
    ("Fecha de ingreso", 17, False),
    ("Agente", 24, False),
    ("Identificación", 15, False),
    ("Criterio incumplido", 30, False),
    ("Observación del auditor", 50, False),
    (CAUSE_HEADER, 42, True),
    (ACTION_HEADER, 42, True),
    (RESPONSIBLE_HEADER, 24, True),
    (DATE_HEADER, 15, True),
)
_DATE_COLUMN = len(_COLUMNS)  # 1-based index of "Fecha de compromiso"


def _banner(sheet: Worksheet, data: FindingsWorkbookData) -> None:
    deadline = data.response_deadline.strftime("%d/%m/%Y") if data.response_deadline else "—"
    lines = (
        (data.entity, Font(bold=True, size=11, color=_NAVY)),
        (
            f"Inconsistencias de la auditoría {data.audit_number} — respuesta del proveedor",
            Font(bold=True, size=14, color=_NAVY),
        ),
        (
            f"{data.office} · Canal {data.channel} · {data.provider} · Periodo {data.period}",
            Font(size=10, color="323F4B"),
        ),
        (
            f"Responda en las columnas de fondo amarillo antes del {deadline}: análisis de "
            "causa, acción correctiva, responsable y fecha de compromiso (dd/mm/aaaa). "
            "No cambie la columna «Id. hallazgo»; puede ordenar y filtrar las filas.",
            Font(italic=True, size=10, color="8A5A00"),
        ),
    )
    for row, (text, font) in enumerate(lines, start=1):
        cell = put(sheet, row, 1, text)
        cell.font = font
    sheet.row_dimensions[2].height = 22


def _header(sheet: Worksheet) -> None:
    for index, (header, width, answer) in enumerate(_COLUMNS, start=1):
        cell = put(sheet, HEADER_ROW, index, header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _ANSWER_HEADER_FILL if answer else _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _BOX
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[HEADER_ROW].height = 32


def _row_values(row: FindingRowData) -> tuple[object, ...]:
    return (
        row.finding_id,
        row.key,
        row.received_at,
        row.agent,
        displayed_identity(row.identity_number, False),
        row.criterion,
        row.observation,
        row.cause_analysis or None,
        row.corrective_action or None,
        row.responsible or None,
        row.commitment_date,
    )


def _metadata(workbook: Workbook, data: FindingsWorkbookData) -> None:
    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    pairs = (
        ("audit_id", str(data.audit_id)),
        ("audit_number", data.audit_number),
        ("kind", "hallazgos"),
    )
    for row, (key, value) in enumerate(pairs, start=1):
        put(meta, row, 1, key)
        put(meta, row, 2, value)


def write_findings_workbook(data: FindingsWorkbookData, out: Destination = None) -> bytes:
    """Write the workbook to ``out`` (a path or a binary stream) and return its bytes."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    _banner(sheet, data)
    _header(sheet)
    for r, row in enumerate(data.rows, start=FIRST_DATA_ROW):
        for c, value in enumerate(_row_values(row), start=1):
            answer = _COLUMNS[c - 1][2]
            date_format = "dd/mm/yyyy hh:mm" if c == 3 else "dd/mm/yyyy"
            is_date = isinstance(value, date)
            cell = put(sheet, r, c, value, date_format if is_date else None)
            cell.border = _BOX
            cell.alignment = _WRAP if c in (6, 7, 8, 9) else _TOP
            if answer:
                cell.protection = Protection(locked=False)
                cell.fill = _ANSWER_FILL
    last_row = HEADER_ROW + max(len(data.rows), 1)
    if data.rows:
        # Excel refuses a date that is not one; the import checks again anyway.
        letter = get_column_letter(_DATE_COLUMN)
        validation = DataValidation(
            type="date",
            operator="greaterThan",
            formula1="36526",  # 01/01/2000
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Fecha no válida",
            error="Escriba la fecha de compromiso como dd/mm/aaaa.",
        )
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=3)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(_COLUMNS))}{last_row}"
    protection = sheet.protection
    protection.sheet = True
    # Sorting and filtering stay possible on the protected sheet (rows match back by id).
    protection.autoFilter = False
    protection.sort = False
    protection.formatColumns = False
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    print_landscape(sheet)
    _metadata(workbook, data)
    return save(workbook, out)
