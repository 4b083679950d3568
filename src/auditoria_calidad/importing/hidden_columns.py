"""Columns hidden in a workbook (Excel's «Ocultar»), found in the sheet's XML.

Dynamics 365 and other exports hide their technical columns; a hidden column is never
guessed as a field (the user may still choose it by hand). The widths and the hidden
flag of the columns are ``<col min max hidden="1">`` elements of ``<cols>``, which comes
before ``<sheetData>``: only the start of the sheet's XML is decompressed.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection, Sequence
from pathlib import Path

from auditoria_calidad.importing.formula_cells import sheet_part
from auditoria_calidad.importing.mapping import ColumnMapping

_CHUNK = 64 << 10
_HEAD_LIMIT = 4 << 20  # <cols> is never further than this from the start
_SHEET_DATA = (b"<sheetData", b":sheetData")
_COL = re.compile(rb"<(?:\w+:)?col\s([^>]*)>")
_ATTRIBUTE = re.compile(rb'(\w+)\s*=\s*"([^"]*)"')
_MAX_COLUMN = 16384  # Excel's last column (XFD)


def _sheet_head(archive: zipfile.ZipFile, part: str) -> bytes:
    head = b""
    with archive.open(part) as stream:
        while len(head) < _HEAD_LIMIT and (chunk := stream.read(_CHUNK)):
            head += chunk
            if any(tag in head for tag in _SHEET_DATA):
                break
    for tag in _SHEET_DATA:
        at = head.find(tag)
        if at >= 0:
            return head[:at]
    return head


def hidden_columns(path: Path, sheet: str, column_offset: int) -> frozenset[int]:
    """0-based indexes, counted from ``column_offset``, of the hidden columns of ``sheet``;
    empty when there are none or the workbook's parts cannot be found (the reader then
    reports a broken file by itself)."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = sheet_part(archive, sheet)
            if part is None:
                return frozenset()
            head = _sheet_head(archive, part)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return frozenset()
    hidden: set[int] = set()
    for match in _COL.finditer(head):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        if attributes.get(b"hidden", b"").lower() not in (b"1", b"true"):
            continue
        try:
            first, last = int(attributes[b"min"]), int(attributes[b"max"])
        except (KeyError, ValueError):
            continue
        for column in range(max(first, 1), min(last, _MAX_COLUMN) + 1):
            if column - 1 >= column_offset:
                hidden.add(column - 1 - column_offset)
    return frozenset(hidden)


def hidden_columns_note(
    headers: Sequence[str], hidden: Collection[int], mapping: ColumnMapping
) -> list[str]:
    """The Spanish note naming the hidden columns left out of the mapping (``[]`` if none)."""
    mapped = {col.index for col in mapping.columns.values()}
    names = [headers[i] for i in sorted(hidden) if i < len(headers) and i not in mapped]
    if not names:
        return []
    listed = ", ".join(f"«{name}»" for name in names)
    if len(names) == 1:
        return [f"Se ignoró 1 columna oculta: {listed}."]
    return [f"Se ignoraron {len(names)} columnas ocultas: {listed}."]
