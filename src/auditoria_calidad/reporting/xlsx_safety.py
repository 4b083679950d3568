"""Cell values that Excel shows as written and never runs.

Text from a CRM export or typed by a person may begin with "=", "+", "-" or "@" (or a
tab / carriage return, which some spreadsheet programs strip first): written as is,
Excel would take it for a formula (CSV/formula injection). Such text is stored as a
string cell with the quote prefix, exactly like typing an apostrophe before it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32_767  # Excel's limit per cell
_CUT_NOTE = "… [texto recortado: supera el límite de una celda de Excel]"


def safe_text(value: str) -> str:
    """Text without the control characters XML forbids, within Excel's cell limit."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(_CUT_NOTE)] + _CUT_NOTE
    return text


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


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
        text = safe_text(str(value))
        cell.value = text
        if is_formula_like(text):
            cell.data_type = "s"
            cell.quotePrefix = True
    if number_format:
        cell.number_format = number_format
    return cell
