"""What a LibreOffice Calc (.ods) sheet hides and merges, read from ``content.xml``
(the spreadsheet reader gives neither for this format).

Calc marks a row hidden by a filter ``table:visibility="filter"`` and one hidden by hand
``"collapse"``; a hidden column is a ``table:table-column`` with ``"collapse"``. A merged
cell is a ``table:table-cell`` with ``table:number-rows-spanned`` /
``table:number-columns-spanned``, the cells it covers ``table:covered-table-cell``. Rows,
columns and cells repeat with ``table:number-rows-repeated`` /
``table:number-columns-repeated``. A formula cell has ``table:formula``; one that was
never calculated (a program wrote the formula and no value) has no
``office:value-type``, and the reader gives it as an empty cell. The XML is parsed only
when it holds a visibility, a merge or a formula mark at all (a byte search first).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_MARKS = (
    b"table:visibility=",
    b"table:number-rows-spanned=",
    b"table:number-columns-spanned=",
    b"table:formula=",
)
_CHUNK = 1 << 20
_MAX_REPEAT = 1_048_576  # Calc's last row


@dataclass
class OdsLayout:
    """The hidden rows (1-based) and columns (0-based, from column A) of one sheet, and its
    merged cells as the spreadsheet reader gives them for other formats: ((first row,
    first column), (last row, last column)), 0-based."""

    rows: set[int] = field(default_factory=set)
    columns: set[int] = field(default_factory=set)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # 1-based row -> 0-based columns (from column A) of its formula cells without a value
    uncalculated: dict[int, list[int]] = field(default_factory=dict)


def is_ods(path: Path) -> bool:
    """True for an OpenDocument spreadsheet (its ``mimetype`` entry says so)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument")
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


def _has_mark(archive: zipfile.ZipFile) -> bool:
    tail = b""
    keep = max(map(len, _MARKS))
    with archive.open("content.xml") as stream:
        while chunk := stream.read(_CHUNK):
            text = tail + chunk
            if any(mark in text for mark in _MARKS):
                return True
            tail = chunk[-keep:]
    return False


def _count(element: ElementTree.Element, attribute: str) -> int:
    try:
        return min(max(int(element.get(f"{_TABLE}{attribute}", "1")), 1), _MAX_REPEAT)
    except ValueError:
        return 1


def ods_layout(path: Path, sheet: str) -> OdsLayout:
    """What ``sheet`` hides and merges; empty when it does neither or the file cannot be
    read (the reader reports a broken file by itself)."""
    found = OdsLayout()
    try:
        with zipfile.ZipFile(path) as archive:
            if not _has_mark(archive):
                return found
            with archive.open("content.xml") as stream:
                _scan(stream, sheet, found)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return OdsLayout()
    return found


def _scan(stream: object, sheet: str, found: OdsLayout) -> None:
    inside = False
    row = column = cell = 0
    for event, node in ElementTree.iterparse(stream, events=("start", "end")):  # type: ignore[arg-type]
        tag = node.tag
        if tag == f"{_TABLE}table":
            if event == "start":
                inside = node.get(f"{_TABLE}name") == sheet
                row = column = 0
            elif inside:
                return
            continue
        if not inside:
            continue
        if event == "start":
            if tag == f"{_TABLE}table-row":
                cell = 0
            continue
        if tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            down = _count(node, "number-rows-spanned")
            across = _count(node, "number-columns-spanned")
            repeated = _count(node, "number-columns-repeated")
            if tag == f"{_TABLE}table-cell":
                if down > 1 or across > 1:
                    found.merged.append(((row, cell), (row + down - 1, cell + across - 1)))
                if (
                    node.get(f"{_TABLE}formula") is not None
                    and node.get(f"{_OFFICE}value-type") is None
                ):
                    found.uncalculated.setdefault(row + 1, []).extend(
                        range(cell, cell + min(repeated, 1_024))
                    )
            cell += repeated
        elif tag == f"{_TABLE}table-column":
            count = _count(node, "number-columns-repeated")
            if node.get(f"{_TABLE}visibility") == "collapse":
                found.columns.update(range(column, column + count))
            column += count
        elif tag == f"{_TABLE}table-row":
            count = _count(node, "number-rows-repeated")
            if node.get(f"{_TABLE}visibility") in ("collapse", "filter"):
                found.rows.update(range(row + 1, row + 1 + min(count, 10_000)))
            row += count
            node.clear()
