"""Exports that are web pages: the HTML table many document and PQRSD systems write when
asked for «Excel» (saved as ``.xls``, sometimes ``.htm``), and Excel's own «Página web».

Every ``<tr>`` of the page is a row, in the order of the page, so that a title table
above the data reads like the title block of a formatted report. Cells are text as the
page shows it: whitespace collapsed, ``<br>`` and paragraphs as line breaks; a cell that
spans columns (``colspan``) or rows (``rowspan``) keeps the following cells in their
columns.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from auditoria_calidad.importing.errors import ImportFileError

# How much of a file tells whether it is a web page.
SNIFF_BYTES = 4096
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_SPACES = re.compile(r"[ \t\r\n\f]+")
_LINE_BREAKS = frozenset({"br"})
_BLOCKS = frozenset({"p", "div", "li"})
_SKIPPED = frozenset({"head", "style", "script", "title", "template"})
_MAX_SPAN = 1000  # a colspan or rowspan larger than this is damage, not layout


def looks_like_html(head: bytes) -> bool:
    """True when the first bytes of a file are a web page or an HTML table."""
    text = _ascii_head(head)
    return text.startswith(("<!doctype html", "<html", "<table", "<?xml")) and (
        "<table" in text or "<html" in text
    )


def _ascii_head(head: bytes) -> str:
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom) :].decode(encoding, "ignore").encode("ascii", "ignore")
    return head.removeprefix(codecs.BOM_UTF8).decode("ascii", "ignore").lstrip().lower()


@dataclass
class PageText:
    """A web page's text and the encoding it was read in."""

    text: str
    encoding_label: str
    note: str | None = None


def decode_page(path: Path, data: bytes) -> PageText:
    """The page's text. UTF-8 is tried first (text that is not UTF-8 almost never passes
    for it), then the charset the page declares, then Windows-1252; the summary says so
    when the page was not UTF-8."""
    for bom, encoding, label in (
        (codecs.BOM_UTF8, "utf-8", "UTF-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
    ):
        if data.startswith(bom):
            try:
                return PageText(data[len(bom) :].decode(encoding), label)
            except UnicodeDecodeError:
                raise ImportFileError(
                    f"{path.name}: la página dice estar en {label} pero tiene caracteres que "
                    "no lo son. Ábrala en Excel y guárdela como libro de Excel (.xlsx)."
                ) from None
    with contextlib.suppress(UnicodeDecodeError):
        return PageText(data.decode("utf-8"), "UTF-8")
    declared = _CHARSET.search(data[:SNIFF_BYTES])
    encoding = "cp1252"
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            encoding = codecs.lookup(name).name
        except LookupError:
            encoding = "cp1252"
        if encoding in ("latin-1", "iso8859-1", "iso8859-15", "ascii"):
            encoding = "cp1252"  # what such pages really hold (curly quotes, dashes…)
        if encoding.startswith("utf"):  # declared UTF-8 but it is not: ask for a clean file
            raise ImportFileError(
                f"{path.name}: la página dice estar en UTF-8 pero tiene caracteres que no lo "
                "son. Ábrala en Excel y guárdela como libro de Excel (.xlsx)."
            )
    label = "Windows-1252" if encoding == "cp1252" else encoding.upper()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{path.name}: la página tiene caracteres que no son {label}. Ábrala en Excel "
            "y guárdela como libro de Excel (.xlsx)."
        ) from None
    return PageText(text, label, f"La página se leyó con la codificación {label}.")


@dataclass
class _Cell:
    parts: list[str] = field(default_factory=list)
    colspan: int = 1
    rowspan: int = 1


class _TableRows(HTMLParser):
    """Collects the text of every table cell, row by row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[_Cell]] = []
        self._row: list[_Cell] | None = None
        self._cell: _Cell | None = None
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag == "tr":
            self._end_row()
            self._row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self._row is None:  # a cell outside any <tr>
                self._row = []
            values = dict(attrs)
            self._cell = _Cell(
                colspan=_span(values.get("colspan")), rowspan=_span(values.get("rowspan"))
            )
        elif self._cell is not None and (tag in _LINE_BREAKS or tag in _BLOCKS):
            self._cell.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _LINE_BREAKS and self._cell is not None:
            self._cell.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(self._skipping - 1, 0)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()
        elif tag in _BLOCKS and self._cell is not None:
            self._cell.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skipping:
            self._cell.parts.append(data)

    def close(self) -> None:
        super().close()
        self._end_row()

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(self._cell)
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            self.rows.append(self._row)
        self._row = None


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1


def cell_text(parts: list[str]) -> str:
    """A cell's text as a browser shows it: runs of spaces and line ends are one space,
    ``<br>`` and paragraph ends are line breaks, ``&nbsp;`` a plain space."""
    lines = "".join(_SPACES.sub(" ", part) if part != "\n" else "\n" for part in parts)
    lines = lines.replace("\xa0", " ")  # &nbsp;: a space that the page does not collapse
    return "\n".join(line.strip(" ") for line in lines.split("\n")).strip("\n ")


def page_rows(path: Path, data: bytes) -> tuple[list[list[str]], PageText]:
    """The rows of every table of the page, each a list of cell texts, with spans laid out
    so that every value stays in its column."""
    page = decode_page(path, data)
    parser = _TableRows()
    parser.feed(page.text)
    parser.close()
    rows: list[list[str]] = []
    pending: dict[int, int] = {}  # column → rows still covered by a rowspan above
    for cells in parser.rows:
        row: list[str] = []
        for cell in cells:
            while pending.get(len(row), 0) > 0:  # a cell spanning down from above
                row.append("")
            column = len(row)
            row.append(cell_text(cell.parts))
            row.extend([""] * (cell.colspan - 1))
            if cell.rowspan > 1:
                for covered in range(column, column + cell.colspan):
                    pending[covered] = max(pending.get(covered, 0), cell.rowspan)
        while pending.get(len(row), 0) > 0:
            row.append("")
        pending = {c: left - 1 for c, left in pending.items() if left > 1}
        rows.append(row)
    if not any(any(text for text in row) for row in rows):
        raise ImportFileError(f"{path.name}: la página no tiene ninguna tabla con datos.")
    return rows, page
