"""Reading back a filled F182 exchange workbook (defined in exchange/f182.py).

The reader is told which columns to expect (by header) and which values each choice
column accepts; it finds them whatever their order, reads every data row and checks every
cell. Choices are matched ignoring case, accents, spaces and dots ("no cumple", "NO
CUMPLE", "N/A", "na" all work). It returns the values, or every problem found with its
sheet, row and column, so that the caller applies nothing when anything is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from auditoria_calidad.exchange.f182 import (
    HEADER_SEARCH_ROWS,
    META_SHEET,
    SHEET_TITLE,
    ExpectedColumn,
)
from auditoria_calidad.importing.errors import ImportFileError, column_letter
from auditoria_calidad.importing.sheets import WORKBOOK_SUFFIXES, list_sheets, open_rows
from auditoria_calidad.importing.values import Cell, cell_text

__all__ = ["CellProblem", "ExpectedColumn", "F182Return", "ReturnedRow", "read_f182_return"]


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    row: int
    column: str  # letter
    header: str
    message: str

    def __str__(self) -> str:
        where = f"Hoja «{self.sheet}», fila {self.row}"
        if self.column:
            where += f", columna {self.column} («{self.header}»)"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ReturnedRow:
    row: int  # as Excel numbers it
    sample_item_id: int
    version: int | None  # of the evaluation when the workbook was exported
    values: dict[str, str | None]  # column key → stored value (None: blank)


@dataclass
class F182Return:
    metadata: dict[str, str]
    rows: list[ReturnedRow] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    # column key → (letter, header) where it was found, so a later check names the cell
    locations: dict[str, tuple[str, str]] = field(default_factory=dict)


def fold(text: str) -> str:
    """Comparable form of a choice: lower case, no accents, no spaces, dots or slashes."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s./_-]+", "", plain)


def _header_key(text: str) -> str:
    return " ".join(fold(word) for word in text.split())


def _metadata(path: Path) -> dict[str, str]:
    # The sheet is hidden, and hidden sheets are not listed: open it by name.
    try:
        with open_rows(path, META_SHEET) as source:
            return {
                cell_text(row[0]).strip(): cell_text(row[1]).strip()
                for row in source.rows
                if len(row) >= 2 and cell_text(row[0]).strip()
            }
    except ImportFileError:
        return {}


def _choice(cell: Cell, choices: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(stored value, problem)."""
    text = cell_text(cell).strip()
    if not text:
        return None, None
    wanted = fold(text)
    for label, value in choices.items():
        if wanted in (fold(label), fold(value)):
            return value, None
    options = list(dict.fromkeys(choices))
    listed = ", ".join(options[:-1]) + f" o {options[-1]}" if len(options) > 1 else options[0]
    return None, f"«{text}» no es un valor válido; use {listed}".rstrip(".") + "."


def _integer(cell: Cell) -> int | None:
    text = cell_text(cell).strip()
    return int(text) if text.isdigit() else None


def read_f182_return(path: str | Path, columns: Sequence[ExpectedColumn]) -> F182Return:
    """Read and check a filled F182 workbook. Raises ImportFileError when the file is not
    an F182 workbook at all; cell problems are returned, all of them."""
    path = Path(path)
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:  # also .ods, saved by LibreOffice Calc
        raise ImportFileError(
            f"{path.name}: el formato F182 se importa desde el libro que exportó la aplicación "
            "(.xlsx, o .ods si lo guardó con LibreOffice Calc)."
        )
    if SHEET_TITLE not in list_sheets(path):
        raise ImportFileError(
            f"{path.name}: no tiene la hoja «{SHEET_TITLE}»; importe el libro que exportó "
            "la aplicación con «Exportar formato F182»."
        )
    result = F182Return(_metadata(path))
    wanted = {_header_key(c.header): c for c in columns}
    with open_rows(path, SHEET_TITLE) as source:
        offset = source.column_offset
        positions: dict[str, int] = {}
        header_row = 0
        for number, row in enumerate(source.rows, start=1):
            if not header_row:
                found = {
                    wanted[k].key: i
                    for i, cell in enumerate(row)
                    if (k := _header_key(cell_text(cell))) in wanted
                }
                if any(wanted[k].kind == "id" for k in wanted if wanted[k].key in found):
                    header_row, positions = number, found
                    result.locations = {
                        c.key: (column_letter(found[c.key] + offset), c.header)
                        for c in columns
                        if c.key in found
                    }
                    missing = [c.header for c in columns if c.key not in found]
                    if missing:
                        names = ", ".join(f"«{h}»" for h in missing)
                        raise ImportFileError(
                            f"{path.name}: a la hoja «{SHEET_TITLE}» le faltan las columnas "
                            f"{names} (fila de encabezados {number}). No cambie los encabezados."
                        )
                elif number >= HEADER_SEARCH_ROWS:
                    break
                continue
            parsed = _row(source.sheet or SHEET_TITLE, number, row, columns, positions, offset)
            if isinstance(parsed, ReturnedRow):
                result.rows.append(parsed)
            else:
                result.problems.extend(parsed)
    if not header_row:
        raise ImportFileError(
            f"{path.name}: no se encontró la fila de encabezados del formato F182 en la hoja "
            f"«{SHEET_TITLE}». No borre las columnas ocultas del libro exportado."
        )
    return result


def _row(
    sheet: str,
    number: int,
    row: Sequence[Cell],
    columns: Sequence[ExpectedColumn],
    positions: Mapping[str, int],
    offset: int,
) -> ReturnedRow | list[CellProblem]:
    def cell(key: str) -> Cell:
        index = positions[key]
        return row[index] if index < len(row) else None

    if all(not cell_text(c).strip() for c in row):
        return []
    problems: list[CellProblem] = []
    values: dict[str, str | None] = {}
    item_id: int | None = None
    version: int | None = None
    for column in columns:
        raw = cell(column.key)
        letter = column_letter(positions[column.key] + offset)

        def problem(message: str, letter: str = letter, header: str = column.header) -> None:
            problems.append(CellProblem(sheet, number, letter, header, message))

        if column.kind == "id":
            item_id = _integer(raw)
            if item_id is None:
                problem(
                    "falta el identificador oculto de la fila; no borre ni cambie esa "
                    "columna (copie filas solo entre libros exportados de esta auditoría)."
                )
        elif column.kind == "version":
            version = _integer(raw)
            if version is None and cell_text(raw).strip():
                problem("el número de versión oculto no es válido.")
        elif column.choices is not None:
            value, message = _choice(raw, column.choices)
            if message:
                problem(message)
            values[column.key] = value
        else:
            text = cell_text(raw).strip()
            values[column.key] = text or None
    if problems or item_id is None:
        return problems
    return ReturnedRow(number, item_id, version, values)
