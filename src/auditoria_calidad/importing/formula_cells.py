"""Formula cells that Excel never calculated, found in a workbook's XML.

A workbook written by a program (not saved by Excel) may hold formulas without their
cached value; a reader sees such a cell as empty, so a date or an agent would silently
go missing. The sheet's XML is scanned in chunks for a formula tag first (no parsing);
only a sheet that has formulas is parsed to find the cells without a value.

A sheet's XML of more than ``FULL_SCAN_BYTES`` (a few tens of thousands of rows) is only
searched in its first ``FULL_SCAN_BYTES``: decompressing all of it would cost about half
of the whole read. Formulas fill whole columns, so they show in the first rows; a sheet
that has them there is then read whole. (A blank cell in a required column is rejected
anyway; what this finds first is the right reason.)
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FORMULA_TAGS = (b"</f>", b"<f ", b":f>")
_CHUNK = 1 << 20
FULL_SCAN_BYTES = 16 << 20
_REF = re.compile(r"([A-Z]+)(\d+)")


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The path inside the workbook zip of the XML of worksheet ``sheet``; ``None`` if absent."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rel_id = None
    for node in workbook.iter(f"{_MAIN}sheet"):
        if node.get("name") == sheet:
            rel_id = node.get(f"{_REL}id")
    if rel_id is None:
        return None
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return None


def _has_formulas(archive: zipfile.ZipFile, part: str) -> bool:
    tail = b""
    searched = 0
    with archive.open(part) as stream:
        while searched < FULL_SCAN_BYTES and (chunk := stream.read(_CHUNK)):
            searched += len(chunk)
            window = tail + chunk
            if any(tag in window for tag in _FORMULA_TAGS):
                return True
            tail = chunk[-8:]
    return False


def formula_cells_without_value(path: Path, sheet: str, column_offset: int) -> dict[int, list[int]]:
    """Row number → column indexes (counted from ``column_offset``) of the formula cells
    of ``sheet`` that have no cached value; ``{}`` when there are none (or when the
    workbook's parts cannot be found: the reader reports a broken file by itself)."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = sheet_part(archive, sheet)
            if part is None or not _has_formulas(archive, part):
                return {}
            found: dict[int, list[int]] = {}
            with archive.open(part) as stream:
                for _event, node in ElementTree.iterparse(stream):
                    if node.tag != f"{_MAIN}c":
                        continue
                    if node.find(f"{_MAIN}f") is not None:
                        value = node.find(f"{_MAIN}v")
                        inline = node.find(f"{_MAIN}is")
                        if (value is None or not value.text) and inline is None:
                            match = _REF.fullmatch(node.get("r", ""))
                            if match:
                                row = int(match.group(2))
                                column = _column_index(match.group(1)) - column_offset
                                found.setdefault(row, []).append(column)
                    node.clear()
            return found
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return {}
