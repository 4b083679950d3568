"""Rows and columns hidden in a LibreOffice Calc (.ods) sheet, read from ``content.xml``.

Calc marks a row hidden by a filter ``table:visibility="filter"`` and one hidden by hand
``"collapse"``; a hidden column is a ``table:table-column`` with ``"collapse"``. Rows and
columns repeat with ``table:number-rows-repeated`` / ``table:number-columns-repeated``.
The XML is parsed only when it holds a visibility mark at all (a byte search first).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_MARK = b"table:visibility="
_CHUNK = 1 << 20
_MAX_REPEAT = 1_048_576  # Calc's last row


@dataclass
class HiddenParts:
    """The hidden rows (1-based) and columns (0-based, from column A) of one sheet."""

    rows: set[int] = field(default_factory=set)
    columns: set[int] = field(default_factory=set)


def is_ods(path: Path) -> bool:
    """True for an OpenDocument spreadsheet (its ``mimetype`` entry says so)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument")
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


def _has_mark(archive: zipfile.ZipFile) -> bool:
    tail = b""
    with archive.open("content.xml") as stream:
        while chunk := stream.read(_CHUNK):
            if _MARK in tail + chunk:
                return True
            tail = chunk[-len(_MARK) :]
    return False


def _repeat(element: ElementTree.Element, what: str) -> int:
    try:
        return min(max(int(element.get(f"{_TABLE}number-{what}-repeated", "1")), 1), _MAX_REPEAT)
    except ValueError:
        return 1


def ods_hidden(path: Path, sheet: str) -> HiddenParts:
    """What ``sheet`` hides; empty when nothing is hidden or the file cannot be read (the
    reader reports a broken file by itself)."""
    found = HiddenParts()
    try:
        with zipfile.ZipFile(path) as archive:
            if not _has_mark(archive):
                return found
            with archive.open("content.xml") as stream:
                _scan(stream, sheet, found)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return HiddenParts()
    return found


def _scan(stream: object, sheet: str, found: HiddenParts) -> None:
    inside = False
    row = column = 0
    for event, node in ElementTree.iterparse(stream, events=("start", "end")):  # type: ignore[arg-type]
        tag = node.tag
        if tag == f"{_TABLE}table":
            if event == "start":
                inside = node.get(f"{_TABLE}name") == sheet
                row = column = 0
            elif inside:
                return
            continue
        if not inside or event != "end":
            continue
        if tag == f"{_TABLE}table-column":
            count = _repeat(node, "columns")
            if node.get(f"{_TABLE}visibility") == "collapse":
                found.columns.update(range(column, column + count))
            column += count
        elif tag == f"{_TABLE}table-row":
            count = _repeat(node, "rows")
            if node.get(f"{_TABLE}visibility") in ("collapse", "filter"):
                found.rows.update(range(row + 1, row + 1 + min(count, 10_000)))
            row += count
            node.clear()
