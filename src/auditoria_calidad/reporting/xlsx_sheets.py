"""The look of the office's workbooks: title banner, Excel tables, widths, charts.

Same palette as the PDFs. Data sheets are real Excel tables (filter buttons, banded
rows, structured references) with a frozen header; every value goes through
``xlsx_safety.put`` so nothing imported can become a formula.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from auditoria_calidad.reporting.output import Destination, deliver
from auditoria_calidad.reporting.xlsx_safety import put

NAVY = "1F3A5F"
BLUE = "3C6E9F"
HEADER_FILL = PatternFill("solid", fgColor=NAVY)
LABEL_FILL = PatternFill("solid", fgColor="E6EDF5")
THIN = Side(style="thin", color="C5D0DC")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")

DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"
PERCENT = "0.0%"
SCORE = "0.00"
INTEGER = "#,##0"
HOURS = "0.0"

MAX_WIDTH = 60
MIN_WIDTH = 8


def banner(sheet: Worksheet, lines: Sequence[str], columns: int) -> int:
    """Title lines above the data (merged across ``columns``); return the next free row."""
    for index, text in enumerate(lines, start=1):
        cell = put(sheet, index, 1, text)
        cell.font = Font(bold=index <= 2, size=14 if index == 2 else 11, color=NAVY)
        cell.alignment = Alignment(vertical="center")
        if columns > 1:
            sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=columns)
    sheet.row_dimensions[2].height = 22
    return len(lines) + 2


def unique_headers(header: Sequence[str]) -> list[str]:
    """Excel table headers must be unique, non-empty text."""
    seen: dict[str, int] = {}
    result = []
    for raw in header:
        text = " ".join(str(raw).split())[:250] or "Columna"
        count = seen.get(text.casefold(), 0)
        seen[text.casefold()] = count + 1
        result.append(text if not count else f"{text} ({count + 1})")
    return result


def header_cells(sheet: Worksheet, row: int, header: Sequence[str], first_column: int = 1) -> None:
    for offset, text in enumerate(header):
        cell = put(sheet, row, first_column + offset, text)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = BOX


def table(
    sheet: Worksheet,
    top: int,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    name: str,
    formats: Sequence[str | None] = (),
    wrap: Sequence[bool] = (),
    freeze: bool = True,
) -> tuple[int, int]:
    """Write a header and rows at ``top`` as an Excel table; return (first, last) data row."""
    names = unique_headers(header)
    header_cells(sheet, top, names)
    for r, values in enumerate(rows, start=top + 1):
        for c, value in enumerate(values, start=1):
            fmt = formats[c - 1] if c - 1 < len(formats) else None
            cell = put(sheet, r, c, value, fmt)
            if c - 1 < len(wrap) and wrap[c - 1]:
                cell.alignment = WRAP_TOP
            else:
                cell.alignment = TOP
    last = top + max(len(rows), 1)
    fit_widths(sheet, top, names, rows)
    header_lines = max(
        -(-len(text) // max(int(sheet.column_dimensions[get_column_letter(i + 1)].width), 1))
        for i, text in enumerate(names)
    )
    sheet.row_dimensions[top].height = max(30, 13 * header_lines + 4)
    if any(wrap):
        fit_heights(sheet, top + 1, rows, wrap)
    ref = f"A{top}:{get_column_letter(len(names))}{last}"
    excel_table = Table(displayName=_table_name(name), ref=ref)
    excel_table.tableStyleInfo = TableStyleInfo(
        name="TableStyleLight9", showRowStripes=True, showColumnStripes=False
    )
    sheet.add_table(excel_table)
    if freeze:
        sheet.freeze_panes = sheet.cell(row=top + 1, column=1)
    sheet.print_title_rows = f"{top}:{top}"
    print_landscape(sheet)
    return top + 1, last


def print_landscape(sheet: Worksheet, paper: str = "carta") -> None:
    """Print the sheet landscape on ``paper`` ("carta" or "a4"), as wide as one page
    (charts included)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4 if paper == "a4" else sheet.PAPERSIZE_LETTER
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _table_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return cleaned if cleaned[:1].isalpha() else f"T_{cleaned}"


def fit_widths(
    sheet: Worksheet, top: int, header: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    """Column widths from the longest value (first 500 rows), capped; headers wrap."""
    for index, title in enumerate(header):
        longest = max((len(word) for word in str(title).split()), default=0) + 2
        for values in rows[:500]:
            if index < len(values) and values[index] is not None:
                value = values[index]
                length = 16 if hasattr(value, "year") else len(str(value))
                longest = max(longest, min(length, MAX_WIDTH) + 2)
        width = max(MIN_WIDTH, min(longest, MAX_WIDTH))
        sheet.column_dimensions[get_column_letter(index + 1)].width = width


def fit_heights(
    sheet: Worksheet, first: int, rows: Sequence[Sequence[object]], wrap: Sequence[bool]
) -> None:
    """Row heights for wrapped text: not every spreadsheet program fits them on opening."""
    widths = [
        sheet.column_dimensions[get_column_letter(i + 1)].width or MIN_WIDTH
        for i in range(len(wrap))
    ]
    for offset, values in enumerate(rows):
        lines = 1
        for index, value in enumerate(values[: len(wrap)]):
            if wrap[index] and isinstance(value, str) and value:
                per_line = max(int(widths[index] * 1.1), 1)
                lines = max(lines, sum(len(part) // per_line + 1 for part in value.split("\n")))
        if lines > 1:
            sheet.row_dimensions[first + offset].height = min(15 * lines, 409)


def label_value_rows(
    sheet: Worksheet,
    top: int,
    pairs: Sequence[tuple[str, object, str | None]],
    value_span: int = 3,
) -> int:
    """A small label / value block (label shaded); return the next free row."""
    for offset, (label, value, fmt) in enumerate(pairs):
        row = top + offset
        label_cell = put(sheet, row, 1, label)
        label_cell.font = Font(bold=True, color=NAVY)
        label_cell.fill = LABEL_FILL
        label_cell.border = BOX
        value_cell = put(sheet, row, 2, value, fmt)
        value_cell.border = BOX
        value_cell.alignment = Alignment(horizontal="left", vertical="top")
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=value_span + 1)
    return top + len(pairs) + 1


def plain_block(
    sheet: Worksheet,
    top: int,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    formats: Sequence[str | None] = (),
) -> tuple[int, int, int]:
    """A titled, bordered block (not an Excel table); return (header row, last row, next)."""
    title_cell = put(sheet, top, 1, title)
    title_cell.font = Font(bold=True, size=12, color=BLUE)
    header_row = top + 1
    header_cells(sheet, header_row, header)
    sheet.row_dimensions[header_row].height = 30
    for r, values in enumerate(rows, start=header_row + 1):
        for c, value in enumerate(values, start=1):
            fmt = formats[c - 1] if c - 1 < len(formats) else None
            cell = put(sheet, r, c, value, fmt)
            cell.border = BOX
            cell.alignment = WRAP_TOP if c == 1 else TOP
    if not rows:
        put(sheet, header_row + 1, 1, "Sin datos.")
    last = header_row + max(len(rows), 1)
    return header_row, last, last + 2


def bar_chart(
    sheet: Worksheet,
    data_sheet: Worksheet,
    *,
    title: str,
    labels: tuple[int, int, int],
    values: Sequence[tuple[int, int, int]],
    anchor: str,
    horizontal: bool = True,
    axis_max: float | None = 100,
    number_format: str = "0.0",
    y_title: str = "",
) -> BarChart:
    """A native Excel bar chart; ``labels``/``values`` are (column, first row, last row).

    Each value reference includes its header row (first row − 1) as the series name.
    """
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.style = 10
    chart.title = title
    chart.y_axis.title = y_title or None
    chart.y_axis.scaling.min = 0
    if axis_max is not None:
        chart.y_axis.scaling.max = axis_max
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # first row on top, like the table
        chart.y_axis.crosses = "max"  # keeps the value axis at the bottom
    column, first, last = labels
    categories = Reference(data_sheet, min_col=column, min_row=first, max_row=last)
    for value_column, value_first, value_last in values:
        data = Reference(
            data_sheet, min_col=value_column, min_row=value_first - 1, max_row=value_last
        )
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    # Spreadsheet programs differ in their defaults: say no to everything but the value.
    chart.dataLabels.showSerName = False
    chart.dataLabels.showCatName = False
    chart.dataLabels.showLegendKey = False
    chart.dataLabels.showPercent = False
    chart.dataLabels.numFmt = number_format
    chart.dataLabels.position = "outEnd"
    palette = [BLUE] if len(values) == 1 else [NAVY, "9DB9D5", BLUE]
    for index, series in enumerate(chart.series):
        series.graphicalProperties.solidFill = palette[index % len(palette)]
        series.graphicalProperties.line.noFill = True
    if len(values) == 1:
        chart.legend = None
    rows = last - first + 1
    chart.width = 18
    bars = rows * len(values)
    chart.height = max(7.5, min(0.5 * bars + 3, 40)) if horizontal else 8
    sheet.add_chart(chart, anchor)
    return chart


def save(workbook: Workbook, out: Destination) -> bytes:
    """Workbook bytes, also written to ``out`` (a path or a binary stream)."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return deliver(buffer.getvalue(), out)
