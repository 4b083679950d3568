"""Opening an export file and reading its raw rows: .xlsx/.xlsm, .ods and binary .xls with
python-calamine, CSV with the ``csv`` module, and the two «Excel» files that are not
workbooks (a web page with a table, an XML Spreadsheet 2003) with their own readers.
Workbook and CSV rows are streamed; nothing here knows about fields.
"""

from __future__ import annotations

import csv
import enum
import itertools
from collections.abc import Generator, Iterable, Iterator, Sequence
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
from auditoria_calidad.importing.hidden_rows import hidden_rows
from auditoria_calidad.importing.html_tables import SNIFF_BYTES, looks_like_html, page_rows
from auditoria_calidad.importing.ods_layout import is_ods, ods_layout
from auditoria_calidad.importing.spreadsheet_xml import looks_like_spreadsheet_xml, read_workbook
from auditoria_calidad.importing.values import Cell

# Excel's workbooks (also the binary .xls of Excel 97-2003) and LibreOffice Calc's
# (OpenDocument): python-calamine reads them all.
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".ods"})
LEGACY_SUFFIXES = frozenset({".xls", ".xml", ".htm", ".html"})  # see `_file_kind`
CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
_UNSUPPORTED = {
    ".xlsb": "el formato .xlsb (libro binario) no es compatible",
}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A cell larger than this is a broken quote swallowing the file, not a real answer.
_CSV_FIELD_LIMIT = 10 * 1024 * 1024
MERGED_DOWN_NOTE = (
    "Las celdas combinadas de varias filas (p. ej. el agente de un grupo) se leyeron en "
    "cada fila que abarcan, como las muestra el libro."
)
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
    hidden_rows: frozenset[int] = frozenset()  # 1-based numbers of rows hidden in the workbook
    # CSV: 1-based row → 0-based columns of cells holding a NUL character (damaged bytes);
    # filled while the rows are read
    null_cells: dict[int, list[int]] = field(default_factory=dict)
    # The file's row number of each row, when rows are not the file's own (a chat log's
    # messages joined into conversations: the row of each one's first message)
    row_numbers: list[int] | None = None
    joined: str | None = None  # how, for the window: «un mensaje por fila, unidos en …»
    set_aside: dict[int, str] = field(default_factory=dict)  # row → why it is set aside


class FileKind(enum.Enum):
    """How an export file is read, decided by its content more than by its name."""

    WORKBOOK = "workbook"  # xlsx, xlsm, ods or binary xls: python-calamine
    BINARY_XLS = "binary_xls"  # Excel 97-2003 (also read by python-calamine)
    CSV = "csv"  # delimited text (also tab-separated text saved with an .xls name)
    WEB_PAGE = "web_page"  # an HTML table saved as .xls (document and PQRSD systems)
    SPREADSHEET_XML = "spreadsheet_xml"  # «XML Spreadsheet 2003»


def _delimited_text(head: bytes) -> bool:
    """Whether the first bytes of a file are lines of delimited text (a CSV)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 «Unicode text»
        return b"\t\x00" in head or b"\x00\t" in head
    if b"\x00" in head or b"\n" not in head:
        return False
    first = head.split(b"\n", 1)[0]
    return any(first.count(mark) >= 2 for mark in (b";", b",", b"\t", b"|"))


def file_kind(path: Path) -> FileKind:
    """What the file holds. Many systems write a web page or an XML workbook and name it
    ``.xls``, and people rename files, so the first bytes decide, not the name."""
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise ImportFileError(
            f"{path.name}: {_UNSUPPORTED[suffix]}. Ábralo en Excel o en LibreOffice Calc y "
            "guárdelo como libro de Excel (.xlsx) o como CSV."
        )
    if not path.is_file():
        raise ImportFileError(f"{path.name}: el archivo no existe o no se puede abrir.")
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES)
    if head.startswith(b"%PDF"):
        raise ImportFileError(
            f"{path.name}: es un documento PDF, no una tabla de datos. Pida al sistema la "
            "exportación en Excel (.xlsx) o en CSV e importe ese archivo."
        )
    if head.startswith(_ZIP_MAGIC):  # also a workbook saved or downloaded as «.csv»
        return FileKind.WORKBOOK
    if suffix in CSV_SUFFIXES:
        return FileKind.CSV  # other binary content is named as such by the text reader
    if head.startswith(_OLE2_MAGIC):
        return FileKind.BINARY_XLS if suffix == ".xls" else FileKind.WORKBOOK
    if looks_like_spreadsheet_xml(head):
        return FileKind.SPREADSHEET_XML
    if looks_like_html(head):
        return FileKind.WEB_PAGE
    if suffix in WORKBOOK_SUFFIXES:
        # A CSV renamed «.xlsx» is read as what it is; anything else is a damaged workbook
        # that calamine names.
        return FileKind.CSV if _delimited_text(head) else FileKind.WORKBOOK
    if suffix in (".xml", ".htm", ".html"):
        raise ImportFileError(
            f"{path.name}: no es una tabla de Excel en XML ni una página con una tabla. "
            "Ábralo en Excel y guárdelo como libro de Excel (.xlsx) o como CSV."
        )
    return FileKind.CSV


def _open_workbook(path: Path) -> CalamineWorkbook:
    if path.stat().st_size == 0:
        raise ImportFileError(f"{path.name}: el archivo está vacío.")
    with path.open("rb") as f:
        magic = f.read(8)
    suffix = path.suffix.lower()
    binary = magic.startswith(_OLE2_MAGIC)
    # A workbook whose name does not say its format (an .xlsx renamed .xls, an .xls
    # renamed .xlsx) is opened by content.
    renamed = (binary and suffix != ".xls") or (
        magic.startswith(_ZIP_MAGIC) and suffix not in WORKBOOK_SUFFIXES
    )
    try:
        if renamed:
            with path.open("rb") as f:
                return CalamineWorkbook.from_filelike(f)
        return CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise ImportFileError(f"{path.name}: el libro está protegido con contraseña.") from None
    except (CalamineError, OSError, ValueError) as exc:
        if binary and suffix != ".xls":
            raise ImportFileError(
                f"{path.name}: el libro está protegido con contraseña o dañado. Quítele la "
                "contraseña en Excel y guárdelo como libro de Excel (.xlsx)."
            ) from None
        kind = "de LibreOffice Calc" if suffix == ".ods" else "de Excel"
        raise ImportFileError(
            f"{path.name}: no es un libro {kind} válido o está dañado{_why(exc)}. Si se "
            "descargó, descárguelo de nuevo; si no, ábralo y guárdelo otra vez."
        ) from None


def _why(exc: BaseException) -> str:
    """What the reader's (English) error says, in Spanish, for the few it names; the
    English text itself is never shown."""
    text = str(exc).lower()
    if "zip" in text or "eocd" in text or "end of central directory" in text:
        return " (el archivo está incompleto: quizás se descargó o copió a medias)"
    if "xml" in text:
        return " (su contenido XML está cortado o malformado)"
    return ""


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
    kind = file_kind(path)
    if kind is FileKind.SPREADSHEET_XML:
        sheets = read_workbook(path)
        shown = [sheet.name for sheet in sheets if include_hidden or not sheet.hidden]
        return shown or [sheet.name for sheet in sheets]
    if kind not in (FileKind.WORKBOOK, FileKind.BINARY_XLS):
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
        raise ImportFileError(
            f"{path.name}: no se pudo leer la hoja «{name}»: el libro está dañado{_why(exc)}."
        ) from None


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
    likely = _likely_sheets(workbook)
    for name in likely:
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
    note = _sheet_note(name, [n for n in passed if n != name])
    # Two months in two sheets: the others are not read, and the summary says so.
    others = [
        other
        for other in likely[likely.index(name) + 1 :]
        if (sheet_of := _load_sheet(workbook, other, path)).start is not None
        and table_score(sheet_of) >= GOOD_TABLE_SCORE
    ]
    if others:
        listed = ", ".join(f"«{n}»" for n in others)
        more = (
            f"El libro tiene {'otra hoja' if len(others) == 1 else 'otras hojas'} con datos "
            f"({listed}): solo se leyó «{name}». Importe cada hoja aparte, eligiéndola."
        )
        note = more if note is None else f"{note} {more}"
    return name, loaded, note


def _sheet_note(name: str, passed: list[str]) -> str | None:
    """The note naming the sheet read when sheets before it were passed over."""
    if not passed:
        return None
    listed = ", ".join(f"«{n}»" for n in passed)
    which = "la hoja" if len(passed) == 1 else "las hojas"
    verb = "no tiene" if len(passed) == 1 else "no tienen"
    return f"Se leyó la hoja «{name}» ({which} {listed} {verb} una tabla de datos)."


def table_score(loaded: CalamineSheet) -> int:
    """How many fields (of either channel) the best header row of the sheet names."""
    return rows_score(cast(Iterable[Sequence[Cell]], loaded.iter_rows()))


def rows_score(rows_of_sheet: Iterable[Sequence[Cell]]) -> int:
    """How many fields (of either channel) the best header row among the first rows names."""
    from auditoria_calidad.domain.fields import Channel
    from auditoria_calidad.importing.header import HEADER_SEARCH_ROWS, header_score, is_blank_row

    rows = list(itertools.islice(rows_of_sheet, HEADER_SEARCH_ROWS))
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
        line = row = 0
        try:
            for record in reader:
                row += 1
                first_line, line = line + 1, reader.line_num
                if line > first_line:
                    check_quoted_lines(path, record, first_line, fmt.delimiter, widest)
                widest = max(widest, len(record))
                if decoder is not None and decoder.null_seen:
                    decoder.null_seen = False
                    damaged = [i for i, cell in enumerate(record) if "\x00" in cell]
                    if damaged:
                        source.null_cells[row] = damaged
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
    kind = file_kind(path)
    if kind is FileKind.WEB_PAGE:
        yield _page_rows(path)
        return
    if kind is FileKind.SPREADSHEET_XML:
        yield _xml_rows(path, sheet)
        return
    if kind is FileKind.CSV:
        fmt = sniff_csv(path, encoding)
        if csv.field_size_limit() < _CSV_FIELD_LIMIT:
            csv.field_size_limit(_CSV_FIELD_LIMIT)
        source = SheetRows(None, iter(()), fmt.estimated_lines, 0, fmt)
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            source.notes.append(
                f"El archivo se llama «{path.suffix}» pero es texto con columnas separadas "
                "(CSV): se leyó como CSV."
            )
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
        hidden = None if likely is None else scanner.submit(hidden_rows, path, likely)
        try:
            name, loaded, note = _choose_sheet(workbook, path, sheet)
            end = loaded.end
            start = loaded.start
            offset = start[1] if start else 0
            # iter_rows() starts at the sheet's first row (row 1 even when it is blank)
            # but at its first used column, hence the column offset.
            rows = cast(Iterator[list[Cell]], iter(loaded.iter_rows()))
            # Calc keeps what it hides and merges in its own XML
            layout = ods_layout(path, name) if is_ods(path) else None
            merged = _merged_down(
                loaded.merged_cell_ranges if layout is None else layout.merged, offset
            )
            notes = []
            if merged:
                rows = _filled_down(rows, merged)
                notes.append(MERGED_DOWN_NOTE)
            source = SheetRows(
                name,
                rows,
                end[0] + 1 if end else 0,
                offset,
                sheet_note=note,
                notes=notes,
                formula_cells=_formula_cells(path, name, offset, scan if name == likely else None),
                hidden_columns=hidden_columns(path, name, offset),
                hidden_rows=(
                    hidden.result()
                    if hidden is not None and name == likely
                    else hidden_rows(path, name)
                ),
            )
            if layout is not None:
                source.hidden_rows = frozenset(layout.rows)
                source.hidden_columns = frozenset(c - offset for c in layout.columns if c >= offset)
                source.formula_cells = {
                    row: [c - offset for c in columns if c >= offset]
                    for row, columns in layout.uncalculated.items()
                }
            yield source
        except CalamineError as exc:
            raise ImportFileError(
                f"{path.name}: no se pudo leer el libro: está dañado{_why(exc)}."
            ) from None
        finally:
            workbook.close()


def _merged_down(
    ranges: Iterable[tuple[tuple[int, int], tuple[int, int]]] | None, offset: int
) -> dict[int, list[tuple[int, int]]]:
    """0-based row → (0-based column from ``offset``, the merge's first row) of the cells
    that a merge (of ``ranges``: ((first row, first column), (last row, last column)))
    spanning several rows covers below its first row (only its first column: that is where
    the merged value is)."""
    covered: dict[int, list[tuple[int, int]]] = {}
    for (first_row, column), (last_row, _last_column) in ranges or []:
        if last_row > first_row and column >= offset:
            for row in range(first_row + 1, last_row + 1):
                covered.setdefault(row, []).append((column - offset, first_row))
    return covered


def _filled_down(
    rows: Iterator[list[Cell]], covered: dict[int, list[tuple[int, int]]]
) -> Generator[list[Cell], None, None]:
    """The rows with each merged value repeated in the rows its merge covers."""
    firsts: dict[int, set[int]] = {}  # a merge's first row → its columns
    for cells in covered.values():
        for column, first in cells:
            firsts.setdefault(first, set()).add(column)
    values: dict[tuple[int, int], Cell] = {}
    for number, row in enumerate(rows):
        for column, first in covered.get(number, ()):
            if column < len(row) and row[column] in ("", None):
                row[column] = values.get((first, column), "")
        for column in firsts.get(number, ()):
            if column < len(row):
                values[(number, column)] = row[column]
        yield row


def _page_rows(path: Path) -> SheetRows:
    """The rows of a web-page export (one table, like a CSV: no sheets)."""
    rows, page = page_rows(path, path.read_bytes())
    cells = cast(list[list[Cell]], rows)
    source = SheetRows(None, iter(cells), len(rows), 0, encoding_label=page.encoding_label)
    source.notes.append(
        f"{path.name} es una página web con una tabla (no un libro de Excel); se leyó su "
        "texto tal como se muestra."
    )
    if page.note:
        source.notes.append(page.note)
    return source


def _xml_rows(path: Path, sheet: str | None) -> SheetRows:
    """The rows of a worksheet of an XML Spreadsheet 2003 workbook: ``sheet``, or the
    visible one whose header names the most fields (as for an xlsx)."""
    sheets = read_workbook(path)
    if sheet is not None:
        chosen = next((s for s in sheets if s.name == sheet), None)
        if chosen is None:
            names = ", ".join(s.name for s in sheets)
            raise ImportFileError(
                f"{path.name}: el libro no tiene una hoja llamada «{sheet}». Hojas: {names}."
            )
        note = None
    else:
        candidates = [s for s in sheets if not s.hidden] or sheets
        scored = [(rows_score(s.rows), n, s) for n, s in enumerate(candidates) if s.rows]
        if not scored:
            raise ImportFileError(f"{path.name}: el libro no tiene ninguna hoja con datos.")
        good = [entry for entry in scored if entry[0] >= GOOD_TABLE_SCORE]
        _score, _n, chosen = good[0] if good else max(scored, key=lambda e: (e[0], -e[1]))
        note = _sheet_note(chosen.name, [s.name for s in candidates[: candidates.index(chosen)]])
    return SheetRows(
        chosen.name,
        iter(chosen.rows),
        len(chosen.rows),
        0,
        sheet_note=note,
        notes=[MERGED_DOWN_NOTE] if chosen.merged_down else [],
        formula_cells=chosen.formula_cells,
        hidden_columns=chosen.hidden_columns,
        hidden_rows=frozenset(chosen.hidden_rows),
    )


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
