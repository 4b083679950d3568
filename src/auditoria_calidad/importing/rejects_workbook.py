"""The workbook of rejected rows: original columns plus sheet, row, column and reason.

Every cell is text; text that Excel would read as a formula ("=SUM(A1)", "+57 300…",
"-5", "@SUM(A1)") carries the quote prefix, so Excel shows it as typed and never runs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from auditoria_calidad.exchange.cell_text import is_formula_like, safe_text
from auditoria_calidad.importing.validation import RejectedRow

REJECT_COLUMNS = ("Hoja", "Fila", "Columna", "Motivo")


def text_cell(sheet: WriteOnlyWorksheet, value: str, *, bold: bool = False) -> Cell | None:
    """A text cell (None for empty text); formula-like text gets the quote prefix."""
    text = safe_text(value)
    if not text:
        return None
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    if bold:
        cell.font = Font(bold=True)
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell


def rejected_rows_to_xlsx(
    rejected: Iterable[RejectedRow], headers: Sequence[str], out_path: str | Path
) -> Path:
    """Writes the rejected rows to ``out_path`` (.xlsx), every cell as text."""
    out_path = Path(out_path)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Filas rechazadas")
    headers = list(headers)
    extra: list[str] = []  # cells beyond the header (a CSV line with too many fields)
    rows = list(rejected)
    for row in rows:
        extra.extend(name for name in row.cells if name not in headers and name not in extra)
    columns = [*headers, *extra]
    sheet.append([text_cell(sheet, name, bold=True) for name in [*columns, *REJECT_COLUMNS]])
    for row in rows:
        values = [row.cells.get(name, "") for name in columns]
        values += [row.sheet or "", str(row.row), row.column, row.reason]
        sheet.append([text_cell(sheet, value) for value in values])
    workbook.save(out_path)
    return out_path
