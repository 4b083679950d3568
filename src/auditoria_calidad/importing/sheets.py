"""Opening an export file and reading its raw rows: .xlsx/.xlsm with python-calamine,
CSV with the ``csv`` module. Rows are streamed; nothing here knows about fields.
"""

from __future__ import annotations

import csv
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from auditoria_calidad.importing.csv_dialect import UTF8, CsvFormat, EncodingMismatch, sniff_csv
from auditoria_calidad.importing.errors import ImportFileError
from auditoria_calidad.importing.values import Cell

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
_UNSUPPORTED = {
    ".xls": "el formato .xls (Excel 97-2003) no es compatible",
    ".xlsb": "el formato .xlsb (libro binario) no es compatible",
    ".ods": "el formato .ods (OpenDocument) no es compatible",
}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A cell larger than this is a broken quote swallowing the file, not a real answer.
_CSV_FIELD_LIMIT = 10 * 1024 * 1024


@dataclass
class SheetRows:
    """The rows of one sheet (or of a CSV file), numbered from 1 as a spreadsheet shows."""

    sheet: str | None  # None for a CSV file
    rows: Iterator[list[Cell]]  # row n of the file is the n-th item (blank rows included)
    total_rows: int  # rows in the sheet; for CSV an estimate from the first 128 KiB
    column_offset: int  # index of the sheet's first column (0 = A), for column letters
    csv_format: CsvFormat | None = None


def _is_workbook(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise ImportFileError(
            f"{path.name}: {_UNSUPPORTED[suffix]}. Ábralo en Excel y guárdelo como "
            "libro de Excel (.xlsx) o como CSV."
        )
    if not path.is_file():
        raise ImportFileError(f"{path.name}: el archivo no existe o no se puede abrir.")
    if suffix in WORKBOOK_SUFFIXES:
        return True
    if suffix in CSV_SUFFIXES:
        return False
    with path.open("rb") as f:
        magic = f.read(8)
    if magic.startswith(_OLE2_MAGIC):
        raise ImportFileError(
            f"{path.name}: {_UNSUPPORTED['.xls']}. Guárdelo como libro de Excel (.xlsx) o CSV."
        )
    return magic.startswith(_ZIP_MAGIC)


def _open_workbook(path: Path) -> CalamineWorkbook:
    if path.stat().st_size == 0:
        raise ImportFileError(f"{path.name}: el archivo está vacío.")
    with path.open("rb") as f:
        magic = f.read(8)
    if magic.startswith(_OLE2_MAGIC):
        raise ImportFileError(
            f"{path.name}: el archivo no es un libro .xlsx (es un .xls antiguo o está "
            "protegido con contraseña). Guárdelo como libro de Excel (.xlsx) sin contraseña."
        )
    try:
        return CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise ImportFileError(f"{path.name}: el libro está protegido con contraseña.") from None
    except (CalamineError, OSError, ValueError) as exc:
        raise ImportFileError(
            f"{path.name}: no es un libro de Excel válido o está dañado ({exc})."
        ) from None


def _worksheet_names(workbook: CalamineWorkbook, visible_only: bool = False) -> list[str]:
    return [
        meta.name
        for meta in workbook.sheets_metadata
        if meta.typ == SheetTypeEnum.WorkSheet
        and (not visible_only or meta.visible == SheetVisibleEnum.Visible)
    ]


def list_sheets(path: str | Path) -> list[str]:
    """Names of the worksheets of a workbook, in order; ``[]`` for a CSV file."""
    path = Path(path)
    if not _is_workbook(path):
        return []
    workbook = _open_workbook(path)
    try:
        return _worksheet_names(workbook)
    finally:
        workbook.close()


def _load_sheet(workbook: CalamineWorkbook, name: str, path: Path) -> CalamineSheet:
    try:
        return workbook.get_sheet_by_name(name)
    except CalamineError as exc:
        raise ImportFileError(f"{path.name}: no se pudo leer la hoja «{name}» ({exc}).") from None


def _choose_sheet(
    workbook: CalamineWorkbook, path: Path, sheet: str | None
) -> tuple[str, CalamineSheet]:
    names = _worksheet_names(workbook)
    if sheet is not None:
        if sheet not in names:
            raise ImportFileError(
                f"{path.name}: el libro no tiene una hoja llamada «{sheet}». "
                f"Hojas: {', '.join(names) or '(ninguna)'}."
            )
        return sheet, _load_sheet(workbook, sheet, path)
    for name in _worksheet_names(workbook, visible_only=True) or names:
        loaded = _load_sheet(workbook, name, path)
        if loaded.start is not None:
            return name, loaded
    raise ImportFileError(f"{path.name}: el libro no tiene ninguna hoja con datos.")


def _csv_rows(path: Path, fmt: CsvFormat) -> Generator[list[Cell], None, None]:
    with path.open(encoding=fmt.encoding, newline="") as f:
        reader = csv.reader(f, delimiter=fmt.delimiter)
        try:
            yield from reader
        except csv.Error as exc:
            raise ImportFileError(
                f"{path.name}: el CSV está mal formado cerca de la línea {reader.line_num} "
                f"({exc}). Revise las comillas de esa línea."
            ) from None
        except UnicodeDecodeError:
            if fmt.encoding == UTF8:
                raise EncodingMismatch from None
            raise ImportFileError(
                f"{path.name}: hay caracteres que no son {fmt.encoding_label} cerca de la "
                f"línea {reader.line_num + 1}. Guárdelo de nuevo como «CSV UTF-8»."
            ) from None


@contextmanager
def open_rows(
    path: str | Path, sheet: str | None = None, encoding: str | None = None
) -> Iterator[SheetRows]:
    """The raw rows of ``sheet`` (default: the first visible sheet with data) or of a CSV.

    ``encoding`` forces a CSV's encoding (after :class:`EncodingMismatch`). Raises
    :class:`ImportFileError` for a missing, empty, broken or unsupported file.
    """
    path = Path(path)
    if not _is_workbook(path):
        fmt = sniff_csv(path, encoding)
        if csv.field_size_limit() < _CSV_FIELD_LIMIT:
            csv.field_size_limit(_CSV_FIELD_LIMIT)
        rows = _csv_rows(path, fmt)
        try:
            yield SheetRows(None, rows, fmt.estimated_lines, 0, fmt)
        finally:
            rows.close()
        return
    workbook = _open_workbook(path)
    try:
        name, loaded = _choose_sheet(workbook, path, sheet)
        end = loaded.end
        start = loaded.start
        # iter_rows() starts at the sheet's first row (row 1 even when it is blank) but
        # at its first used column, hence the column offset.
        yield SheetRows(
            name,
            cast(Iterator[list[Cell]], iter(loaded.iter_rows())),
            end[0] + 1 if end else 0,
            start[1] if start else 0,
        )
    except CalamineError as exc:
        raise ImportFileError(f"{path.name}: error al leer el libro ({exc}).") from None
    finally:
        workbook.close()
