"""The workbook of rejected rows: original columns plus sheet, row, column and reason."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from auditoria_calidad.importing.validation import RejectedRow

EXCEL_CELL_LIMIT = 32_767
_TRUNCATED = " […texto recortado]"
REJECT_COLUMNS = ("Hoja", "Fila", "Columna", "Motivo")


def _text_cell(sheet: WriteOnlyWorksheet, value: str, bold: bool = False) -> WriteOnlyCell | None:
    """A cell that Excel shows as text, never evaluates ("=SUM(A1)" stays text)."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not value:
        return None  # an empty cell, rather than an empty inline string
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - len(_TRUNCATED)] + _TRUNCATED
    cell = WriteOnlyCell(sheet, value=value)
    # openpyxl would store "=…" as a formula; and + - @ start formulas in Excel too.
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
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
    sheet.append([_text_cell(sheet, name, bold=True) for name in [*columns, *REJECT_COLUMNS]])
    for row in rows:
        values = [row.cells.get(name, "") for name in columns]
        values += [row.sheet or "", str(row.row), row.column, row.reason]
        sheet.append([_text_cell(sheet, value) for value in values])
    workbook.save(out_path)
    return out_path
