"""Rows hidden in a workbook, found in the sheet's XML: ``<row r="7" hidden="1">``.

A consolidated workbook filtered to one provider (or one month) still holds the other
rows, only hidden; read as they are, the other provider's cases and agents would be
imported under this one. Hidden rows are therefore set aside and reported, never stored.

Excel marks a filtered sheet in the workbook (the defined name ``_xlnm._FilterDatabase``);
such a sheet is searched whole. Any other sheet is searched in its first
``FULL_SCAN_BYTES`` (as the formula search does): rows hidden by hand sit near the top
of the small hand-made workbooks that have them, and decompressing a large export whole
would cost about half of its read.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from auditoria_calidad.importing.formula_cells import FULL_SCAN_BYTES, sheet_part

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CHUNK = 1 << 20
_ROW = re.compile(rb"<(?:\w+:)?row\s([^>]*)>")
_ATTRIBUTE = re.compile(rb'(\w+)\s*=\s*["\']([^"\']*)["\']')
_HIDDEN_MARKS = (b'hidden="1"', b'hidden="true"', b"hidden='1'", b"hidden='true'")


def _filtered(archive: zipfile.ZipFile, sheet: str) -> bool:
    """Whether the workbook says ``sheet`` has a filter (``_xlnm._FilterDatabase``)."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    names = [node.get("name") for node in workbook.iter(f"{_MAIN}sheet")]
    if sheet not in names:
        return False
    position = str(names.index(sheet))
    return any(
        node.get("name") == "_xlnm._FilterDatabase" and node.get("localSheetId") == position
        for node in workbook.iter(f"{_MAIN}definedName")
    )


def hidden_rows(path: Path, sheet: str) -> frozenset[int]:
    """1-based numbers of the hidden rows of ``sheet``; empty when there are none or the
    workbook's parts cannot be found (the reader then reports a broken file by itself)."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = sheet_part(archive, sheet)
            if part is None:
                return frozenset()
            limit = None if _filtered(archive, sheet) else FULL_SCAN_BYTES
            return frozenset(_scan(archive, part, limit))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError, ValueError):
        return frozenset()


def _scan(archive: zipfile.ZipFile, part: str, limit: int | None) -> set[int]:
    found: set[int] = set()
    carry = b""
    read = 0
    with archive.open(part) as stream:
        while (limit is None or read < limit) and (chunk := stream.read(_CHUNK)):
            read += len(chunk)
            window = carry + chunk
            cut = window.rfind(b"<")  # a tag cut by the chunk's end waits for the next
            done, carry = (window, b"") if cut < 0 else (window[:cut], window[cut:])
            if any(mark in done for mark in _HIDDEN_MARKS):
                found.update(_hidden_in(done))
    return found


def _hidden_in(xml: bytes) -> set[int]:
    rows: set[int] = set()
    for match in _ROW.finditer(xml):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        if attributes.get(b"hidden", b"").lower() in (b"1", b"true"):
            number = attributes.get(b"r", b"")
            if number.isdigit():
                rows.add(int(number))
    return rows
