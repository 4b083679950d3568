"""Writing .ods files as LibreOffice Calc saves them, for the tests of the readers."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

_ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'office:version="1.3"'
)


def _ods_cell(value: Any) -> str:
    """One ``table:table-cell`` as LibreOffice Calc writes it: a typed value and its text."""
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, datetime):
        shown = value.strftime("%d/%m/%Y %H:%M:%S")
        return (
            f'<table:table-cell office:value-type="date" '
            f'office:date-value="{value.isoformat(timespec="seconds")}" calcext:value-type="date">'
            f"<text:p>{shown}</text:p></table:table-cell>"
        )
    if isinstance(value, date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}" '
            f'calcext:value-type="date"><text:p>{value:%d/%m/%Y}</text:p></table:table-cell>'
        )
    if isinstance(value, bool):
        flag = "true" if value else "false"
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{flag}" '
            f'calcext:value-type="boolean"><text:p>{"VERDADERO" if value else "FALSO"}</text:p>'
            "</table:table-cell>"
        )
    if isinstance(value, (int, float)):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value!r}" '
            f'calcext:value-type="float"><text:p>{value}</text:p></table:table-cell>'
        )
    lines = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
    return (
        f'<table:table-cell office:value-type="string" calcext:value-type="string">{lines}'
        "</table:table-cell>"
    )


def write_ods(
    path: Path,
    sheets: dict[str, Sequence[Sequence[Any]]],
    *,
    filtered_rows: Sequence[int] = (),
    hidden_columns: Sequence[int] = (),
    merged_down: dict[tuple[int, int], int] | None = None,
    formulas: dict[tuple[int, int], str] | None = None,
    uncalculated: Sequence[tuple[int, int]] = (),
) -> Path:
    """An OpenDocument spreadsheet laid out as LibreOffice Calc saves one (mimetype first
    and stored, manifest, typed cells with their shown text, one paragraph per line of a
    text with line breaks); ``sheets``: name -> rows of Python values. ``filtered_rows``
    (1-based) are hidden by a filter and ``hidden_columns`` (0-based) hidden by hand, in
    every sheet, marked as Calc marks them. ``merged_down``: (0-based row, column) -> the
    rows its cell is merged over (the cells it covers are written as Calc writes them,
    ``table:covered-table-cell``, whatever the rows hold there). ``formulas``: (0-based
    row, column) -> a formula (``of:=…``) written on that cell beside its value, as Calc
    saves a calculated cell; ``uncalculated``: cells written as a formula alone, without
    a value, as a program that writes formulas and never calculates them does."""
    merges = merged_down or {}
    covered = {
        (row + step, column) for (row, column), rows in merges.items() for step in range(1, rows)
    }

    def cell(row: int, column: int, value: Any) -> str:
        if (row, column) in covered:
            return "<table:covered-table-cell/>"
        if (row, column) in uncalculated:
            return '<table:table-cell table:formula="of:=[.A1]&amp;&quot;&quot;"/>'
        written = _ods_cell(value)
        if formulas and (row, column) in formulas:
            formula = quoteattr(formulas[row, column])
            written = written.replace(
                "<table:table-cell", f"<table:table-cell table:formula={formula}", 1
            )
        if (row, column) in merges:
            spanned = f'table:number-rows-spanned="{merges[row, column]}" '
            spanned += 'table:number-columns-spanned="1"'
            written = written.replace("<table:table-cell", f"<table:table-cell {spanned}", 1)
        return written

    tables = []
    for title, rows in sheets.items():
        width = max((len(r) for r in rows), default=1)
        body = "".join(
            ('<table:table-row table:visibility="filter">' if n in filtered_rows
             else "<table:table-row>")
            + "".join(cell(n - 1, c, v) for c, v in enumerate(row)) + "</table:table-row>"
            for n, row in enumerate(rows, start=1)
        )  # fmt: skip
        columns = "".join(
            '<table:table-column table:visibility="collapse"/>'
            if c in hidden_columns
            else "<table:table-column/>"
            for c in range(width)
        )
        tables.append(f"<table:table table:name={quoteattr(title)}>{columns}{body}</table:table>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-content {_ODS_NAMESPACES} "
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0">'
        "<office:body><office:spreadsheet>" + "".join(tables) + "</office:spreadsheet>"
        "</office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{_ODS_MIMETYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), _ODS_MIMETYPE, zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path
