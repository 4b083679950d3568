"""Reading a whole CRM export: file → header → mapping → checked rows.

The result is plain data; storing it (and deduplicating against earlier imports) is
done by ``services``. The functions here do not touch a database or the GUI: long
reads report through a ``progress(done, total)`` callback and poll ``cancelled()``.
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from auditoria_calidad.domain.fields import Channel, RecordData
from auditoria_calidad.importing.csv_dialect import WINDOWS_1252, EncodingMismatch
from auditoria_calidad.importing.errors import ImportCancelled, ImportFileError, MissingFieldsError
from auditoria_calidad.importing.header import (
    HEADER_SEARCH_ROWS,
    find_header_row,
    is_blank_row,
    row_texts,
)
from auditoria_calidad.importing.mapping import (
    ColumnMapping,
    fit_mapping,
    guess_mapping,
    missing_required,
    missing_required_fields,
)
from auditoria_calidad.importing.sheets import SheetRows, list_sheets, open_rows
from auditoria_calidad.importing.validation import (
    DuplicateRow,
    RejectedRow,
    RowValidator,
    column_letter,
)
from auditoria_calidad.importing.values import Cell, cell_text

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
PROGRESS_EVERY = 1000


@dataclass
class ReadResult:
    """Everything read from one export file."""

    path: Path
    channel: Channel
    sheet: str | None  # None for CSV
    header_row: int  # 1-based row (CSV: record) number of the header
    headers: list[str]  # as in the file; blanks named "Columna X", repeats suffixed " (2)"
    mapping: ColumnMapping
    records: list[RecordData] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    duplicate_rows: list[DuplicateRow] = field(default_factory=list)
    total_rows: int = 0  # non-blank data rows = records + duplicates + rejected
    blank_rows: int = 0
    encoding: str | None = None  # CSV only, e.g. "UTF-8", "Windows-1252"
    delimiter: str | None = None  # CSV only

    @property
    def duplicates(self) -> int:
        """Rows identical to an earlier row of the file (not imported twice)."""
        return len(self.duplicate_rows)


@dataclass
class Preview:
    """What the column-mapping dialog shows before the import."""

    sheets: list[str]  # [] for CSV
    sheet: str | None
    header_row: int
    headers: list[str]
    guessed_mapping: ColumnMapping
    rows: list[list[str]]  # the first data rows, as text, one string per header
    missing_required: list[str]  # Spanish labels of required fields the guess left unmapped
    encoding: str | None = None
    delimiter: str | None = None


def make_headers(row: Sequence[Cell], column_offset: int, trim: bool) -> list[str]:
    """Header texts of a row; blank ones named after their column, repeats numbered."""
    texts = row_texts(row)
    if trim:
        while texts and not texts[-1]:
            texts.pop()
    headers: list[str] = []
    seen: dict[str, int] = {}
    for index, text in enumerate(texts):
        name = text or f"Columna {column_letter(index + column_offset)}"
        count = seen.get(name, 0) + 1
        seen[name] = count
        headers.append(name if count == 1 else f"{name} ({count})")
    return headers


@dataclass
class _Located:
    head: list[list[Cell]]
    header_index: int
    headers: list[str]


def _locate_header(
    source: SheetRows,
    path: Path,
    channel: Channel,
    header_row: int | None,
    known: Sequence[str],
) -> _Located:
    wanted = max(HEADER_SEARCH_ROWS, header_row or 0)
    head = list(itertools.islice(source.rows, wanted))
    if header_row is not None:
        if not 1 <= header_row <= len(head) or is_blank_row(head[header_row - 1]):
            raise ImportFileError(f"{path.name}: la fila {header_row} no tiene encabezados.")
        index: int | None = header_row - 1
    else:
        index = find_header_row(head, channel, known)
    if index is None:
        where = f"la hoja «{source.sheet}»" if source.sheet else "el archivo"
        raise ImportFileError(f"{path.name}: {where} no tiene datos.")
    headers = make_headers(head[index], source.column_offset, trim=source.sheet is None)
    return _Located(head, index, headers)


def _csv_info(source: SheetRows) -> tuple[str | None, str | None]:
    fmt = source.csv_format
    return (fmt.encoding_label, fmt.delimiter) if fmt else (None, None)


def preview(
    path: str | Path,
    channel: Channel | str,
    sheet: str | None = None,
    rows: int = 10,
    *,
    header_row: int | None = None,
) -> Preview:
    """Sheets, detected header, guessed mapping and the first ``rows`` data rows."""
    path, channel = Path(path), Channel(channel)
    try:
        return _preview(path, channel, sheet, rows, header_row, None)
    except EncodingMismatch:
        return _preview(path, channel, sheet, rows, header_row, WINDOWS_1252)


def _preview(
    path: Path,
    channel: Channel,
    sheet: str | None,
    rows: int,
    header_row: int | None,
    encoding: str | None,
) -> Preview:
    sheets = list_sheets(path)
    with open_rows(path, sheet, encoding) as source:
        located = _locate_header(source, path, channel, header_row, ())
        width = len(located.headers)
        sample: list[list[str]] = []
        following = itertools.chain(located.head[located.header_index + 1 :], source.rows)
        for cells in following:
            if len(sample) >= rows:
                break
            if not is_blank_row(cells):
                texts = [cell_text(c) for c in cells[:width]]
                sample.append(texts + [""] * (width - len(texts)))
        guessed = guess_mapping(located.headers, channel)
        encoding, delimiter = _csv_info(source)
        return Preview(
            sheets=sheets,
            sheet=source.sheet,
            header_row=located.header_index + 1,
            headers=located.headers,
            guessed_mapping=guessed,
            rows=sample,
            missing_required=missing_required(guessed, channel),
            encoding=encoding,
            delimiter=delimiter,
        )


def read_export(
    path: str | Path,
    channel: Channel | str,
    *,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
    header_row: int | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ReadResult:
    """Reads every data row of an export into records, rejected rows and duplicates.

    ``mapping`` (e.g. a saved profile) is applied by header text; without it the
    mapping is guessed. Raises :class:`MissingFieldsError` when a required field has no
    column, :class:`ImportFileError` for a file that cannot be read and
    :class:`ImportCancelled` when ``cancelled()`` returns true.
    """
    path, channel = Path(path), Channel(channel)
    if cancelled is not None and cancelled():
        raise ImportCancelled
    options = (sheet, mapping, header_row, progress, cancelled)
    try:
        return _read_export(path, channel, *options, encoding=None)
    except EncodingMismatch:
        return _read_export(path, channel, *options, encoding=WINDOWS_1252)


def _read_export(
    path: Path,
    channel: Channel,
    sheet: str | None,
    mapping: ColumnMapping | None,
    header_row: int | None,
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
    *,
    encoding: str | None,
) -> ReadResult:
    with open_rows(path, sheet, encoding) as source:
        known = [col.header for col in mapping.columns.values()] if mapping else []
        located = _locate_header(source, path, channel, header_row, known)
        headers = located.headers
        if mapping is None:
            mapping = guess_mapping(headers, channel)
        else:
            mapping = fit_mapping(mapping, headers, path.name)
        missing = missing_required_fields(mapping, channel)
        if missing:
            raise MissingFieldsError(path.name, missing)
        encoding, delimiter = _csv_info(source)
        result = ReadResult(
            path=path,
            channel=channel,
            sheet=source.sheet,
            header_row=located.header_index + 1,
            headers=headers,
            mapping=mapping,
            encoding=encoding,
            delimiter=delimiter,
        )
        validator = RowValidator(channel, mapping, headers, source.sheet, source.column_offset)
        # The rows make hundreds of thousands of objects without reference cycles; the
        # cyclic collector would only walk them again and again (about 20 % of the time).
        collecting = gc.isenabled()
        gc.disable()
        try:
            _read_rows(result, validator, located, source, progress, cancelled)
        finally:
            if collecting:
                gc.enable()
    return result


def _read_rows(
    result: ReadResult,
    validator: RowValidator,
    located: _Located,
    source: SheetRows,
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
) -> None:
    records, rejected, duplicates = result.records, result.rejected, result.duplicate_rows
    check = validator.check
    expected = max(source.total_rows - result.header_row, 0)
    row_number = result.header_row
    blank = 0
    for cells in itertools.chain(located.head[located.header_index + 1 :], source.rows):
        row_number += 1
        outcome = check(row_number, cells)
        if isinstance(outcome, RecordData):
            records.append(outcome)
        elif outcome is None:
            blank += 1
        elif isinstance(outcome, RejectedRow):
            rejected.append(outcome)
        else:
            duplicates.append(outcome)
        if row_number % PROGRESS_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ImportCancelled
            if progress is not None:
                done = row_number - result.header_row
                progress(done, max(expected, done))
    done = row_number - result.header_row
    result.blank_rows = blank
    result.total_rows = done - blank
    if progress is not None:
        progress(done, done)
