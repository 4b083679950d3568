"""Opening an export file and reading its raw rows: .xlsx/.xlsm and .ods with python-calamine,
CSV with the ``csv`` module. Rows are streamed; nothing here knows about fields.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
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

from auditoria_calidad.importing.csv_dialect import (
    CsvFormat,
    LineDecoder,
    check_quoted_lines,
    quote_error,
    sniff_csv,
    text_lines,
)
from auditoria_calidad.importing.errors import ImportFileError
from auditoria_calidad.importing.formula_cells import formula_cells_without_value
from auditoria_calidad.importing.hidden_columns import hidden_columns
from auditoria_calidad.importing.values import Cell

# Excel's workbooks and LibreOffice Calc's (OpenDocument): python-calamine reads both.
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".ods"})
CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
_UNSUPPORTED = {
    ".xls": "el formato .xls (Excel 97-2003) no es compatible",
    ".xlsb": "el formato .xlsb (libro binario) no es compatible",
}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A cell larger than this is a broken quote swallowing the file, not a real answer.
_CSV_FIELD_LIMIT = 10 * 1024 * 1024
# A header naming this many fields is the data table; fewer: maybe a cover sheet.
GOOD_TABLE_SCORE = 3


@dataclass
class SheetRows:
    """The rows of one sheet (or of a CSV file), numbered from 1 as a spreadsheet shows."""

    sheet: str | None  # None for a CSV file
    rows: Iterator[list[Cell]]  # row n of the file is the n-th item (blank rows included)
    total_rows: int  # rows in the sheet; for CSV an estimate from the first 128 KiB
    column_offset: int  # index of the sheet's first column (0 = A), for column letters
    csv_format: CsvFormat | None = None
    # Spanish sentences for the summary, some added while the rows are read.
    notes: list[str] = field(default_factory=list)
    sheet_note: str | None = None  # which sheet was read, when it was not the first
    # 1-based row → 0-based column indexes (from column_offset) of formulas without a value
    formula_cells: dict[int, list[int]] = field(default_factory=dict)
    encoding_label: str | None = None  # CSV: the encoding(s) the lines were read in
    # 0-based column indexes (from column_offset) hidden in the workbook
    hidden_columns: frozenset[int] = frozenset()


def _is_workbook(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise ImportFileError(
            f"{path.name}: {_UNSUPPORTED[suffix]}. Ábralo en Excel o en LibreOffice Calc y "
            "guárdelo como libro de Excel (.xlsx) o como CSV."
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
        kind = "de LibreOffice Calc" if path.suffix.lower() == ".ods" else "de Excel"
        raise ImportFileError(
            f"{path.name}: no es un libro {kind} válido o está dañado ({exc})."
        ) from None


def _worksheet_names(workbook: CalamineWorkbook, visible_only: bool = False) -> list[str]:
    return [
        meta.name
        for meta in workbook.sheets_metadata
        if meta.typ == SheetTypeEnum.WorkSheet
        and (not visible_only or meta.visible == SheetVisibleEnum.Visible)
    ]


def list_sheets(path: str | Path, *, include_hidden: bool = False) -> list[str]:
    """Names of the visible worksheets of a workbook, in order; ``[]`` for a CSV file.

    Hidden sheets (e.g. Dynamics 365's ``hiddenDataSheet``) are left out, unless every
    sheet is hidden or ``include_hidden`` asks for them (the app's own exchange
    workbooks keep their metadata in a hidden sheet)."""
    path = Path(path)
    if not _is_workbook(path):
        return []
    workbook = _open_workbook(path)
    try:
        if include_hidden:
            return _worksheet_names(workbook)
        return _worksheet_names(workbook, visible_only=True) or _worksheet_names(workbook)
    finally:
        workbook.close()


def _load_sheet(workbook: CalamineWorkbook, name: str, path: Path) -> CalamineSheet:
    try:
        return workbook.get_sheet_by_name(name)
    except CalamineError as exc:
        raise ImportFileError(f"{path.name}: no se pudo leer la hoja «{name}» ({exc}).") from None


def _choose_sheet(
    workbook: CalamineWorkbook, path: Path, sheet: str | None
) -> tuple[str, CalamineSheet, str | None]:
    """The sheet to read, and a note when it is not the first visible one.

    Without ``sheet``: the first visible sheet whose header names enough fields; when
    it does not (a cover or a summary), the visible sheet whose header names the most.
    """
    names = _worksheet_names(workbook)
    if sheet is not None:
        if sheet not in names:
            raise ImportFileError(
                f"{path.name}: el libro no tiene una hoja llamada «{sheet}». "
                f"Hojas: {', '.join(names) or '(ninguna)'}."
            )
        return sheet, _load_sheet(workbook, sheet, path), None
    best: tuple[int, str, CalamineSheet] | None = None
    passed: list[str] = []
    for name in _likely_sheets(workbook):
        loaded = _load_sheet(workbook, name, path)
        if loaded.start is None:
            passed.append(name)
            continue
        score = table_score(loaded)
        if best is None or score > best[0]:
            best = (score, name, loaded)
        if score >= GOOD_TABLE_SCORE:
            break
        passed.append(name)
    if best is None:
        raise ImportFileError(f"{path.name}: el libro no tiene ninguna hoja con datos.")
    _score, name, loaded = best
    others = [n for n in passed if n != name]
    note = None
    if others:
        listed = ", ".join(f"«{n}»" for n in others)
        which = "la hoja" if len(others) == 1 else "las hojas"
        verb = "no tiene" if len(others) == 1 else "no tienen"
        note = f"Se leyó la hoja «{name}» ({which} {listed} {verb} una tabla de datos)."
    return name, loaded, note


def table_score(loaded: CalamineSheet) -> int:
    """How many fields (of either channel) the best header row of the sheet names."""
    from auditoria_calidad.domain.fields import Channel
    from auditoria_calidad.importing.header import HEADER_SEARCH_ROWS, header_score, is_blank_row

    rows = list(itertools.islice(loaded.iter_rows(), HEADER_SEARCH_ROWS))
    best = 0
    for row in rows:
        if is_blank_row(row):
            continue
        for channel in Channel:
            best = max(best, header_score(row, channel))
    return best


def _csv_rows(path: Path, fmt: CsvFormat, source: SheetRows) -> Generator[list[Cell], None, None]:
    """The records of a CSV file. UTF-8 and Windows-1252 files are decoded line by line
    (a file that mixes both keeps every line right, and the summary names the lines);
    a quote that is never closed is an error naming the line where it opens."""
    with path.open("rb") as raw:
        decoder = LineDecoder(path, fmt) if fmt.line_by_line else None
        if decoder is not None:
            lines: Iterator[str] = decoder.lines(raw)
        else:
            lines = text_lines(raw, fmt.encoding)
        reader = csv.reader(lines, delimiter=fmt.delimiter, strict=True)
        widest = 0
        line = 0
        try:
            for record in reader:
                first_line, line = line + 1, reader.line_num
                if line > first_line:
                    check_quoted_lines(path, record, first_line, fmt.delimiter, widest)
                widest = max(widest, len(record))
                yield cast(list[Cell], record)
        except csv.Error as exc:
            raise ImportFileError(quote_error(path, line + 1, reader.line_num, exc)) from None
        except UnicodeDecodeError:
            raise ImportFileError(
                f"{path.name}: hay caracteres que no son {fmt.encoding_label} cerca de la "
                f"línea {reader.line_num + 1}. Guárdelo de nuevo como «CSV UTF-8»."
            ) from None
        if decoder is not None:
            source.encoding_label = decoder.label
            source.notes.extend(decoder.notes())


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
        source = SheetRows(None, iter(()), fmt.estimated_lines, 0, fmt)
        rows = _csv_rows(path, fmt, source)
        source.rows = rows
        source.encoding_label = fmt.encoding_label
        try:
            yield source
        finally:
            rows.close()
        return
    workbook = _open_workbook(path)
    with ThreadPoolExecutor(1, thread_name_prefix="formula-scan") as scanner:
        # Python-calamine lets other threads run while it loads a sheet (most of the
        # read): the sheet's XML is searched for formulas meanwhile, on the sheet that
        # will most likely be read.
        likely = sheet if sheet is not None else next(iter(_likely_sheets(workbook)), None)
        scan = (
            None if likely is None else scanner.submit(formula_cells_without_value, path, likely, 0)
        )
        try:
            name, loaded, note = _choose_sheet(workbook, path, sheet)
            end = loaded.end
            start = loaded.start
            offset = start[1] if start else 0
            # iter_rows() starts at the sheet's first row (row 1 even when it is blank)
            # but at its first used column, hence the column offset.
            yield SheetRows(
                name,
                cast(Iterator[list[Cell]], iter(loaded.iter_rows())),
                end[0] + 1 if end else 0,
                offset,
                sheet_note=note,
                formula_cells=_formula_cells(path, name, offset, scan if name == likely else None),
                hidden_columns=hidden_columns(path, name, offset),
            )
        except CalamineError as exc:
            raise ImportFileError(f"{path.name}: error al leer el libro ({exc}).") from None
        finally:
            workbook.close()


def _likely_sheets(workbook: CalamineWorkbook) -> list[str]:
    """The sheets `_choose_sheet` tries first, in its order."""
    return _worksheet_names(workbook, visible_only=True) or _worksheet_names(workbook)


def _formula_cells(
    path: Path, name: str, offset: int, scan: Future[dict[int, list[int]]] | None
) -> dict[int, list[int]]:
    """`formula_cells_without_value` of the sheet, from ``scan`` (the same search begun
    with no column offset) when it searched this sheet."""
    if scan is None:
        return formula_cells_without_value(path, name, offset)
    found = scan.result()
    if not offset:
        return found
    return {row: [column - offset for column in columns] for row, columns in found.items()}
