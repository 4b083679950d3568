"""The F182 exchange workbook: an audit's sample in the layout of form F182, to be filled
in Excel and imported back.

It takes plain data (columns and rows) and knows nothing of the database. What the
reviewer may fill (judged criteria, levels, observations) is unlocked and has a
drop-down; everything else is locked by sheet protection without a password (it guards
against slips, not against a determined user: the import validates every cell anyway).
A hidden column keeps the id of each sampled record and the version of its evaluation,
so rows are matched back whatever the reviewer sorts or filters. Text that starts like a
formula (= + - @) is written as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from auditoria_calidad.exchange.f182 import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    META_SHEET,
    SHEET_TITLE,
    ColumnKind,
    ExchangeColumn,
)
from auditoria_calidad.reporting.xlsx_safety import put
from auditoria_calidad.reporting.xlsx_stream import (
    ColumnStyle,
    StreamedRows,
    column_style,
    save_streamed,
)

__all__ = [
    "FIRST_DATA_ROW",
    "HEADER_ROW",
    "META_SHEET",
    "SHEET_TITLE",
    "ColumnKind",
    "ExchangeColumn",
    "ExchangeSheet",
    "write_f182_exchange",
]

_BLUE = "1F4E79"
_EDITABLE_FILL = PatternFill("solid", start_color="FFF8DC")
_HEADER_FILL = PatternFill("solid", start_color=_BLUE)
_EDITABLE_HEADER_FILL = PatternFill("solid", start_color="8A5A00")
_HELP_FILL = PatternFill("solid", start_color="EEF4FB")
_THIN = Side(style="thin", color="C3D2E3")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_UNSTAMPED = datetime(2000, 1, 1)


@dataclass(frozen=True)
class ExchangeSheet:
    """Everything the workbook shows; ``rows`` map column keys to plain values.

    ``stamp`` is the document's creation date (the export's time): the same content and
    stamp always give the same bytes."""

    heading: str
    subheading: str
    instructions: str
    columns: Sequence[ExchangeColumn]
    rows: Sequence[Mapping[str, object]]
    metadata: Mapping[str, str] = field(default_factory=dict)
    stamp: datetime | None = None


def _header(sheet: Worksheet, columns: Sequence[ExchangeColumn]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = put(sheet, HEADER_ROW, index, column.header)
        editable = column.kind in (ColumnKind.CHOICE, ColumnKind.FREE_TEXT)
        cell.fill = _EDITABLE_HEADER_FILL if editable else _HEADER_FILL
        cell.font = Font(bold=True, color="FFFFFF")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _BORDER
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.kind is ColumnKind.HIDDEN:
            sheet.column_dimensions[letter].hidden = True
    sheet.row_dimensions[HEADER_ROW].height = 48


def _lists(meta: Worksheet, columns: Sequence[ExchangeColumn]) -> dict[str, str]:
    """Drop-down options in the hidden sheet (no quoting or length limits); key → range."""
    ranges: dict[str, str] = {}
    for offset, column in enumerate(c for c in columns if c.kind is ColumnKind.CHOICE):
        col = 4 + offset
        letter = get_column_letter(col)
        put(meta, 1, col, column.key)
        for i, option in enumerate(column.options, start=2):
            put(meta, i, col, option)
        ranges[column.key] = f"'{META_SHEET}'!${letter}$2:${letter}${len(column.options) + 1}"
    return ranges


def _data_style(sheet: Worksheet, column: ExchangeColumn) -> ColumnStyle:
    """The style of the data cells of ``column``."""
    editable = column.kind in (ColumnKind.CHOICE, ColumnKind.FREE_TEXT)
    fill = _EDITABLE_FILL if editable else (_HELP_FILL if column.kind is ColumnKind.HELP else None)
    return column_style(
        sheet,
        border=_BORDER,
        number_format=column.number_format,
        protection=Protection(locked=False) if editable else None,
        fill=fill,
        alignment=Alignment(wrap_text=column.kind is ColumnKind.FREE_TEXT, vertical="top"),
    )


def write_f182_exchange(content: ExchangeSheet, target: str | Path | IO[bytes]) -> bytes:
    """Write the exchange workbook to a path or a binary stream and return its bytes."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    for i, (key, value) in enumerate(content.metadata.items(), start=1):
        put(meta, i, 1, key)
        put(meta, i, 2, value)
    ranges = _lists(meta, content.columns)

    columns = content.columns
    put(sheet, 1, 1, content.heading).font = Font(bold=True, size=14, color=_BLUE)
    put(sheet, 2, 1, content.subheading).font = Font(size=11, color="323F4B")
    put(sheet, 3, 1, content.instructions).font = Font(italic=True, size=10, color="8A5A00")
    _header(sheet, columns)

    last_row = HEADER_ROW + len(content.rows)
    for c, column in enumerate(columns, start=1):
        if column.kind is not ColumnKind.CHOICE or not content.rows:
            continue
        letter = get_column_letter(c)
        validation = DataValidation(
            type="list",
            formula1=ranges[column.key],
            allow_blank=True,
            showDropDown=False,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle="Valor no válido",
            error=f"Elija un valor de la lista: {', '.join(column.options)}.",
            showInputMessage=True,
            promptTitle=column.header[:32],
            prompt=", ".join(column.options)[:255],
        )
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        sheet.add_data_validation(validation)

    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=2)
    sheet.auto_filter.ref = (
        f"A{HEADER_ROW}:{get_column_letter(len(columns))}{max(last_row, HEADER_ROW)}"
    )
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
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    keys = [column.key for column in columns]
    rows = StreamedRows(
        sheet,
        FIRST_DATA_ROW,
        len(columns),
        ([values.get(key) for key in keys] for values in content.rows),
        [_data_style(sheet, column) for column in columns],
    )
    if isinstance(target, str | Path):
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    return save_streamed(workbook, target, content.stamp or _UNSTAMPED, [rows])
