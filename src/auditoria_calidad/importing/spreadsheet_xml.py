"""«XML Spreadsheet 2003» files (``<Workbook xmlns="urn:schemas-microsoft-com:office:
spreadsheet">``), which older CRM, reporting and .NET systems write when asked for Excel,
often with an ``.xls`` or ``.xml`` name.

Cells keep their type: ``Number`` is a number, ``DateTime`` a date-time, ``String`` text.
``ss:Index`` on a row or a cell skips the rows or columns before it, ``ss:MergeAcross``
keeps the following cells in their columns, and a cell merged down (``ss:MergeDown``, the
agent of a grouped report) is read in every row it spans. Hidden worksheets and hidden
columns are reported as such, and a formula without a calculated value is named like one
in an xlsx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

from auditoria_calidad.importing.errors import ImportFileError
from auditoria_calidad.importing.values import Cell

NAMESPACE = "urn:schemas-microsoft-com:office:spreadsheet"
_SS = f"{{{NAMESPACE}}}"
_EXCEL = "{urn:schemas-microsoft-com:office:excel}"
_MAX_INDEX = 1_048_576  # Excel's last row; a larger ss:Index is damage


def looks_like_spreadsheet_xml(head: bytes) -> bool:
    """True when the first bytes of a file are an XML Spreadsheet 2003 workbook."""
    return NAMESPACE.encode() in head or NAMESPACE.encode("utf-16-le") in head


@dataclass
class XmlSheet:
    """One worksheet of the workbook."""

    name: str
    rows: list[list[Cell]]
    hidden: bool = False
    hidden_columns: frozenset[int] = frozenset()
    hidden_rows: set[int] = field(default_factory=set)  # 1-based
    # 1-based row → 0-based columns of formulas without a calculated value
    formula_cells: dict[int, list[int]] = field(default_factory=dict)
    merged_down: bool = False  # a cell's value was repeated in the rows its merge spans


def read_workbook(path: Path) -> list[XmlSheet]:
    """Every worksheet, in order. Raises `ImportFileError` for a damaged file."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        line, column = exc.position
        raise ImportFileError(
            f"{path.name}: el libro XML de Excel está dañado (línea {line}, columna "
            f"{column + 1}). Ábralo en Excel y guárdelo como libro de Excel (.xlsx)."
        ) from None
    except OSError:
        raise ImportFileError(
            f"{path.name}: no se pudo leer el archivo (¿está abierto en otro programa o sin "
            "permiso de lectura?)."
        ) from None
    if root.tag != f"{_SS}Workbook":
        raise ImportFileError(f"{path.name}: no es un libro XML de Excel (Workbook).")
    sheets = [
        _sheet(path, worksheet, n) for n, worksheet in enumerate(root.iter(f"{_SS}Worksheet"))
    ]
    if not sheets:
        raise ImportFileError(f"{path.name}: el libro no tiene ninguna hoja.")
    return sheets


def _index(path: Path, element: ElementTree.Element, after: int, what: str) -> int:
    """The 1-based position ``ss:Index`` gives, or the one after ``after``."""
    value = element.get(f"{_SS}Index")
    if value is None:
        return after + 1
    try:
        index = int(value)
    except ValueError:
        index = 0
    if not after < index <= _MAX_INDEX:
        raise ImportFileError(
            f"{path.name}: el libro XML de Excel está dañado ({what} con ss:Index=«{value}»)."
        )
    return index


def _sheet(path: Path, worksheet: ElementTree.Element, number: int) -> XmlSheet:
    name = worksheet.get(f"{_SS}Name") or f"Hoja{number + 1}"
    sheet = XmlSheet(name, [])
    options = worksheet.find(f"{_EXCEL}WorksheetOptions")
    if options is not None:
        visible = options.findtext(f"{_EXCEL}Visible")
        sheet.hidden = visible is not None and visible.strip() in ("SheetHidden", "SheetVeryHidden")
    table = worksheet.find(f"{_SS}Table")
    if table is None:
        return sheet
    hidden: set[int] = set()
    column = 0
    for element in table.findall(f"{_SS}Column"):
        column = _index(path, element, column, "una columna")
        span = _count(element, "Span")
        if element.get(f"{_SS}Hidden") == "1":
            hidden.update(range(column - 1, column + span))
        column += span
    sheet.hidden_columns = frozenset(hidden)
    row_number = 0
    down: dict[int, tuple[int, Cell]] = {}  # 0-based column → (last row, value) of a merge
    for row in table.findall(f"{_SS}Row"):
        row_number = _index(path, row, row_number, "una fila")
        if row.get(f"{_SS}Hidden") == "1":
            sheet.hidden_rows.add(row_number)
        while len(sheet.rows) < row_number - 1:
            sheet.rows.append([])
        cells: list[Cell] = []
        position = 0
        for cell in row.findall(f"{_SS}Cell"):
            position = _index(path, cell, position, "una celda")
            cells.extend([""] * (position - 1 - len(cells)))
            data = cell.find(f"{_SS}Data")
            if data is None:
                if cell.get(f"{_SS}Formula"):
                    sheet.formula_cells.setdefault(row_number, []).append(position - 1)
                cells.append("")
            else:
                cells.append(_value(data))
            rows_below = _count(cell, "MergeDown")
            if rows_below and cells[-1] != "":
                down[position - 1] = (row_number + rows_below, cells[-1])
            merged = _count(cell, "MergeAcross")
            cells.extend([""] * merged)
            position += merged
        for column, (last, value) in list(down.items()):
            if last < row_number:
                del down[column]
            elif column >= len(cells) or cells[column] == "":
                cells.extend([""] * (column + 1 - len(cells)))
                cells[column] = value
                sheet.merged_down = True
        sheet.rows.append(cells)
        span = _count(row, "Span")  # blank rows repeated after this one
        sheet.rows.extend([] for _ in range(span))
        row_number += span
    return sheet


def _count(element: ElementTree.Element, attribute: str) -> int:
    """A span attribute (``ss:MergeAcross``, ``ss:Span``): 0 when absent or unreadable."""
    try:
        return min(max(int(element.get(f"{_SS}{attribute}") or 0), 0), 16_384)
    except ValueError:
        return 0


def _value(data: ElementTree.Element) -> Cell:
    kind = data.get(f"{_SS}Type", "String")
    text = "".join(data.itertext())
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind == "DateTime":
        try:
            moment = datetime.fromisoformat(text.strip())
        except ValueError:
            return text
        # With a zone («…Z», «-05:00») the text goes on as text: the date parser turns
        # it into Colombian time.
        return text if moment.tzinfo is not None else moment
    if kind == "Boolean":
        return text.strip() in ("1", "true", "TRUE")
    return text
