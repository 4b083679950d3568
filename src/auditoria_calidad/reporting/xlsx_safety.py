"""Cell values that Excel shows as written and never runs.

Text from a CRM export or typed by a person may begin with "=", "+", "-" or "@" (or a
tab / carriage return, which some spreadsheet programs strip first): written as is,
Excel would take it for a formula (CSV/formula injection). Such text is stored as a
string cell with the quote prefix, exactly like typing an apostrophe before it.

Which texts are formula-like is decided in ``exchange.cell_text``; this module sets the
openpyxl flags. Every workbook the application writes puts its cells through `put`
(ordinary sheets), `text_cell` (write-only sheets) or ``xlsx_stream`` (streamed rows).
A cell whose style is replaced after it was written must be marked again with
`keep_as_text`, since the quote prefix is part of the style.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from auditoria_calidad.exchange.cell_text import (
    FORMULA_PREFIXES,
    MAX_CELL_CHARS,
    is_formula_like,
    safe_text,
)

__all__ = [
    "FORMULA_PREFIXES",
    "MAX_CELL_CHARS",
    "is_formula_like",
    "keep_as_text",
    "put",
    "safe_text",
    "text_cell",
]


def keep_as_text(cell: Cell) -> None:
    """A formula-like string stays a string shown as typed: text type and quote prefix."""
    if isinstance(cell.value, str) and is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def put(
    sheet: Worksheet,
    row: int,
    column: int,
    value: object,
    number_format: str | None = None,
) -> Cell:
    """Write ``value`` into a cell safely and return the cell.

    Strings are cleaned and, when formula-like, forced to text with the quote prefix;
    ``Decimal`` becomes a float; dates stay dates; anything else is written as text.
    """
    cell = sheet.cell(row=row, column=column)
    if value is None:
        cell.value = None
    elif isinstance(value, bool):
        cell.value = "Sí" if value else "No"
    elif isinstance(value, Decimal):
        cell.value = float(value)
    elif isinstance(value, int | float | datetime | date | time):
        cell.value = value
    else:
        cell.value = safe_text(str(value))
        keep_as_text(cell)
    if number_format:
        cell.number_format = number_format
    return cell


def text_cell(sheet: WriteOnlyWorksheet, value: str, *, bold: bool = False) -> Cell | None:
    """A cell of a write-only sheet that is always text, formula-like or not; None (an empty
    cell) for empty text."""
    text = safe_text(value)
    if not text:
        return None
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    if bold:
        cell.font = Font(bold=True)
    keep_as_text(cell)
    return cell
