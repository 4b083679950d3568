"""Large sheets streamed as XML, and workbooks whose bytes depend only on their content.

openpyxl builds every cell as an object and serialises it one element at a time: a
100,000-row sample took minutes and gigabytes. Here openpyxl still writes everything
around the data (banner, header, widths, validations, protection, print setup, tables,
charts, the hidden sheets) while the data rows are left out; the rows are then written
straight into that sheet's XML, one row at a time, as the workbook is zipped again.
Each column's style (font, fill, border, alignment, protection, number format) is
registered once with openpyxl, and a formula-like text uses the column's quoted style,
so the quote-prefix rule of ``exchange.cell_text`` holds for every streamed cell.

The zip is written with fixed entry dates and the document's created/modified dates
taken from the data (``stamp``), so the same content always gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from auditoria_calidad.exchange.cell_text import is_formula_like, safe_text
from auditoria_calidad.reporting.output import Destination, deliver

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
_CHUNK_ROWS = 500


@dataclass(frozen=True)
class ColumnStyle:
    """The xf ids of a column's data cells: plain, and quoted (formula-like text)."""

    plain: int
    quoted: int


def column_style(
    sheet: Worksheet,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
    border: Border | None = None,
    alignment: Alignment | None = None,
    protection: Protection | None = None,
    number_format: str | None = None,
) -> ColumnStyle:
    """Register a data-cell style with the workbook of ``sheet`` (on a detached cell)."""
    cell = Cell(sheet)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if border is not None:
        cell.border = border
    if alignment is not None:
        cell.alignment = alignment
    if protection is not None:
        cell.protection = protection
    if number_format:
        cell.number_format = number_format
    styles = sheet.parent._cell_styles
    plain = styles.add(cell._style)
    cell.quotePrefix = True
    return ColumnStyle(plain, styles.add(cell._style))


@dataclass(frozen=True)
class StreamedRows:
    """Data rows of ``sheet`` from ``first_row`` on, one value per column.

    ``height`` gives a row's height in points (None: the default). The sheet itself must
    hold no cell at or below ``first_row``.
    """

    sheet: Worksheet
    first_row: int
    columns: int
    rows: Iterable[Sequence[object]]
    styles: Sequence[ColumnStyle]
    height: Callable[[Sequence[object]], float | None] | None = None


def _text(ref: str, text: str, style: ColumnStyle) -> str:
    text = safe_text(text)
    if not text:
        return f'<c r="{ref}" s="{style.plain}"/>'
    xf = style.quoted if is_formula_like(text) else style.plain
    body = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in body:
        body = body.replace("\r", "&#13;")
    return f'<c r="{ref}" s="{xf}" t="inlineStr"><is><t xml:space="preserve">{body}</t></is></c>'


def _cell(ref: str, value: object, style: ColumnStyle) -> str:
    kind = type(value)
    if kind is str:
        return _text(ref, value, style)  # type: ignore[arg-type]
    if value is None:
        return f'<c r="{ref}" s="{style.plain}"/>'
    if kind is int or kind is float:
        return f'<c r="{ref}" s="{style.plain}"><v>{value!r}</v></c>'
    if isinstance(value, bool):
        return _text(ref, "Sí" if value else "No", style)
    if isinstance(value, Decimal):
        return f'<c r="{ref}" s="{style.plain}"><v>{float(value)!r}</v></c>'
    if isinstance(value, datetime | date | time):
        return f'<c r="{ref}" s="{style.plain}"><v>{to_excel(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}" s="{style.plain}"><v>{value!r}</v></c>'
    return _text(ref, str(value), style)


def _row_xml(stream: StreamedRows) -> Iterator[str]:
    letters = [get_column_letter(c) for c in range(1, stream.columns + 1)]
    styles = stream.styles
    for number, values in enumerate(stream.rows, start=stream.first_row):
        height = stream.height(values) if stream.height else None
        attrs = f' ht="{height:g}" customHeight="1"' if height else ""
        cells = "".join(
            _cell(f"{letter}{number}", value, style)
            for letter, value, style in zip(letters, values, styles, strict=False)
        )
        yield f'<row r="{number}"{attrs}>{cells}</row>'


def _sheet_parts(xml: bytes, stream: StreamedRows, last_row: int) -> tuple[bytes, bytes]:
    """The sheet XML before and after the place of the streamed rows."""
    last_column = get_column_letter(max(stream.columns, stream.sheet.max_column))
    xml = re.sub(
        rb'<dimension ref="[^"]*"\s*/>',
        f'<dimension ref="A1:{last_column}{max(last_row, 1)}"/>'.encode(),
        xml,
        count=1,
    )
    empty = re.search(rb"<sheetData\s*/>", xml)
    if empty:
        return xml[: empty.start()] + b"<sheetData>", b"</sheetData>" + xml[empty.end() :]
    end = xml.index(b"</sheetData>")
    return xml[:end], xml[end:]


def save_streamed(
    workbook: Workbook,
    out: Destination,
    stamp: datetime,
    streams: Sequence[StreamedRows] = (),
) -> bytes:
    """The workbook's bytes with the streamed rows in place, also written to ``out``.

    ``stamp`` is the document's created and modified date: take it from the data, so the
    same data gives the same bytes.
    """
    properties = workbook.properties
    properties.created = properties.modified = stamp
    scaffold = io.BytesIO()
    workbook.save(scaffold)
    properties.modified = stamp  # openpyxl sets the clock's time on saving
    core = tostring(properties.to_tree())
    by_path = {s.sheet.path[1:]: s for s in streams}
    result = io.BytesIO()
    with (
        zipfile.ZipFile(scaffold) as source,
        zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            data = core if entry.filename == "docProps/core.xml" else source.read(entry)
            stream = by_path.get(entry.filename)
            if stream is None:
                target.writestr(info, data)
                continue
            rows = list(stream.rows) if not isinstance(stream.rows, Sequence) else stream.rows
            stream = StreamedRows(
                stream.sheet, stream.first_row, stream.columns, rows, stream.styles, stream.height
            )
            head, tail = _sheet_parts(data, stream, stream.first_row + len(rows) - 1)
            with target.open(info, "w", force_zip64=True) as handle:
                handle.write(head)
                chunk: list[str] = []
                for row in _row_xml(stream):
                    chunk.append(row)
                    if len(chunk) == _CHUNK_ROWS:
                        handle.write("".join(chunk).encode())
                        chunk.clear()
                handle.write("".join(chunk).encode())
                handle.write(tail)
    return deliver(result.getvalue(), out)
