"""The findings workbook sent to the provider (activities 5.2.20–5.2.21).

One row per inconsistency of an approved audit: its number (the one the report, the
window and the acta show), what the auditor found and the user's request and the agent's
answer the provider must judge (locked), and the four answer columns the provider's manager fills (unlocked, tinted): análisis de causa,
acción correctiva, responsable and fecha de compromiso. The workbook is imported back by
``importing.findings_return``, which reads only the answer columns and matches every row
by its finding id (a hidden column), so the provider may sort or filter the sheet freely.

Identity numbers are always masked to their last four digits: the file leaves the entity
(Ley 1581 de 2012). Text that starts like a formula (= + - @) is written as text.
The sheet is protected without a password: it guards against slips, not against a
determined user (the import validates every cell anyway).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from auditoria_calidad.domain.identity import shown_identity
from auditoria_calidad.exchange.findings import (
    ACTION_HEADER,
    ANSWER_HEADERS,
    CAUSE_HEADER,
    COLUMNS,
    DATE_HEADER,
    EARLIEST_COMMITMENT_SERIAL,
    FIRST_DATA_ROW,
    HEADER_ROW,
    ID_HEADER,
    KIND,
    META_SHEET,
    NUMBER_HEADER,
    RECEIVED_HEADER,
    REPLY_HEADER,
    REQUEST_HEADER,
    RESPONSIBLE_HEADER,
    SHEET_TITLE,
    answer_column,
)
from auditoria_calidad.reporting.output import Destination
from auditoria_calidad.reporting.xlsx_safety import put
from auditoria_calidad.reporting.xlsx_sheets import print_landscape
from auditoria_calidad.reporting.xlsx_stream import StreamedRows, column_style, save_streamed

__all__ = [
    "ACTION_HEADER",
    "ANSWER_HEADERS",
    "CAUSE_HEADER",
    "DATE_HEADER",
    "FIRST_DATA_ROW",
    "HEADER_ROW",
    "ID_HEADER",
    "META_SHEET",
    "NUMBER_HEADER",
    "RECEIVED_HEADER",
    "REPLY_HEADER",
    "REQUEST_HEADER",
    "RESPONSIBLE_HEADER",
    "SHEET_TITLE",
    "FindingRowData",
    "FindingsWorkbookData",
    "answer_column",
    "write_findings_workbook",
]

_NAVY = "1F3A5F"
_HEADER_FILL = PatternFill("solid", start_color=_NAVY)
_ANSWER_HEADER_FILL = PatternFill("solid", start_color="8A5A00")
_ANSWER_FILL = PatternFill("solid", start_color="FFF8DC")
_THIN = Side(style="thin", color="C5D0DC")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_DATE = "dd/mm/yyyy"
_DATETIME = "dd/mm/yyyy hh:mm"
_UNSTAMPED = datetime(2000, 1, 1)


@dataclass(frozen=True)
class FindingRowData:
    finding_id: int
    number: int  # the inconsistency's number in its audit
    key: str  # radicado or chat id
    received_at: datetime | date | None
    agent: str
    identity_number: str | None  # masked here whatever it is
    criterion: str
    observation: str
    request_text: str = ""  # what the user asked
    answer_text: str = ""  # what the agent answered: what the finding judges
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
    paper: str = "carta"  # the entity's paper size, "carta" or "a4"


# A long text shows about this many lines before the row stops growing (Excel's limit is
# 409 points); the whole text is always in the cell.
_MAX_ROW_LINES = 18


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
            "El N.º de cada fila es el del informe y del acta; puede ordenar y filtrar las filas.",
            Font(italic=True, size=10, color="8A5A00"),
        ),
    )
    for row, (text, font) in enumerate(lines, start=1):
        cell = put(sheet, row, 1, text)
        cell.font = font
    sheet.row_dimensions[2].height = 22


def _header(sheet: Worksheet) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        cell = put(sheet, HEADER_ROW, index, column.header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _ANSWER_HEADER_FILL if column.answer else _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _BOX
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = 32


def _row_values(row: FindingRowData) -> list[object]:
    values: dict[str, object] = {
        "finding_id": row.finding_id,
        "number": row.number,
        "key": row.key,
        "received_at": row.received_at,
        "agent": row.agent,
        "identity": shown_identity(row.identity_number, False),
        "criterion": row.criterion,
        "observation": row.observation,
        "request_text": row.request_text or None,
        "answer_text": row.answer_text or None,
        "cause_analysis": row.cause_analysis or None,
        "corrective_action": row.corrective_action or None,
        "responsible": row.responsible or None,
        "commitment_date": row.commitment_date,
    }
    return [values[column.key] for column in COLUMNS]


def _metadata(workbook: Workbook, data: FindingsWorkbookData) -> None:
    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    pairs = (
        ("audit_id", str(data.audit_id)),
        ("audit_number", data.audit_number),
        ("kind", KIND),
    )
    for row, (key, value) in enumerate(pairs, start=1):
        put(meta, row, 1, key)
        put(meta, row, 2, value)


def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a wrapped column ``width`` characters wide (about)."""
    chars = max(int(width * 1.1), 1)
    return sum(max(1, -(-len(line) // chars)) for line in (text or "").splitlines() or [""])


_WRAPPED_INDEXES = tuple(
    (index, column.width) for index, column in enumerate(COLUMNS) if column.wrapped
)


def _row_height(values: Sequence[object]) -> float:
    """Tall enough for the longest wrapped text of the row, up to ``_MAX_ROW_LINES``."""
    lines = max(_lines(str(values[i] or ""), width) for i, width in _WRAPPED_INDEXES)
    return min(max(lines, 2), _MAX_ROW_LINES) * 12.75 + 3


def _stamp(data: FindingsWorkbookData) -> datetime:
    """The document's date, from the data: the day the findings were sent."""
    return datetime.combine(data.sent_on, time()) if data.sent_on else _UNSTAMPED


def write_findings_workbook(data: FindingsWorkbookData, out: Destination = None) -> bytes:
    """Write the workbook to ``out`` (a path or a binary stream) and return its bytes."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    _banner(sheet, data)
    _header(sheet)
    styles = []
    for column in COLUMNS:
        fmt = {"received_at": _DATETIME, "commitment_date": _DATE}.get(column.key)
        styles.append(
            column_style(
                sheet,
                border=_BOX,
                alignment=_WRAP if column.wrapped else _TOP,
                protection=Protection(locked=False) if column.answer else None,
                fill=_ANSWER_FILL if column.answer else None,
                number_format=fmt,
            )
        )
    rows = StreamedRows(
        sheet,
        FIRST_DATA_ROW,
        len(COLUMNS),
        [_row_values(row) for row in data.rows],
        styles,
        _row_height,
    )
    last_row = HEADER_ROW + max(len(data.rows), 1)
    if data.rows:
        # Excel refuses a date that is not one; the import checks again anyway.
        letter = get_column_letter(answer_column(DATE_HEADER))
        validation = DataValidation(
            type="date",
            operator="greaterThan",
            formula1=str(EARLIEST_COMMITMENT_SERIAL),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Fecha no válida",
            error="Escriba la fecha de compromiso como dd/mm/aaaa.",
        )
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        sheet.add_data_validation(validation)
    sheet.column_dimensions["A"].hidden = True
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=4)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{last_row}"
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
    print_landscape(sheet, data.paper)
    _metadata(workbook, data)
    return save_streamed(workbook, out, _stamp(data), [rows])
