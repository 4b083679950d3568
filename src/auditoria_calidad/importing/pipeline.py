"""Reading a whole CRM export: file → header → mapping → checked rows.

The result is plain data; storing it (and deduplicating against earlier imports) is
done by ``services``. The functions here do not touch a database or the GUI: long
reads report through a ``progress(done, total)`` callback and poll ``cancelled()``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from auditoria_calidad.domain.collector import collector_paused
from auditoria_calidad.domain.fields import FIELDS_BY_NAME, Channel, RecordData
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.importing.column_evidence import SAMPLE_ROWS
from auditoria_calidad.importing.conversations import joined_source
from auditoria_calidad.importing.csv_dialect import WINDOWS_1252, EncodingMismatch
from auditoria_calidad.importing.date_order import decide_date_orders
from auditoria_calidad.importing.errors import (
    ImportCancelled,
    ImportFileError,
    MissingFieldsError,
    UncertainMappingError,
    column_letter,
)
from auditoria_calidad.importing.grouped_header import grouped_header
from auditoria_calidad.importing.header import (
    HEADER_SEARCH_ROWS,
    find_header_row,
    is_blank_row,
    row_texts,
)
from auditoria_calidad.importing.header_columns import repeated_header_columns
from auditoria_calidad.importing.hidden_columns import hidden_columns_note
from auditoria_calidad.importing.mapping import (
    ColumnMapping,
    fit_mapping,
    missing_required_fields,
)
from auditoria_calidad.importing.mapping_inference import (
    MappingGuess,
    apply_overrides,
    guess_from_mapping,
    infer_mapping,
)
from auditoria_calidad.importing.message_rows import message_rows_reason
from auditoria_calidad.importing.sheets import (
    FileKind,
    SheetRows,
    file_kind,
    list_sheets,
    open_rows,
)
from auditoria_calidad.importing.trailing_rows import TrailingLines
from auditoria_calidad.importing.validation import (
    DuplicateRow,
    RejectedRow,
    RowOutcome,
    RowValidator,
    SetAsideRow,
    SkippedRow,
)
from auditoria_calidad.importing.values import Cell, DateOrder, ValueProblem, cell_text

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
PROGRESS_EVERY = 1000
SINK_CHUNK = 5000  # records handed to a sink at a time
HIDDEN_ROW_REASON = "Fila oculta en el libro (por un filtro o a mano); muéstrela si debe importarse"


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
    # Rows of another channel or outside the audited period: not imported, not rejected.
    set_aside: list[SetAsideRow] = field(default_factory=list)
    # Total, footer and notice lines below the table: never stored.
    skipped_rows: list[SkippedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Spanish sentences for the summary
    # How the columns were understood (None when a saved mapping was applied as it was).
    guess: MappingGuess | None = None
    answer_days_only: bool = False  # the answers came as days, without their hour

    @property
    def duplicates(self) -> int:
        """Rows identical to an earlier row of the file (not imported twice)."""
        return len(self.duplicate_rows)


class RecordSink(Protocol):
    """Takes the records while the file is read, instead of `ReadResult.records`.

    ``start`` is called once, when the header and the mapping are settled and before any
    row is read (raising there stops the read); ``write`` with each chunk of records.
    """

    def start(self, result: ReadResult) -> None: ...

    def write(self, records: list[RecordData]) -> None: ...


@dataclass
class Preview:
    """What the column-mapping dialog shows before the import."""

    sheets: list[str]  # [] for CSV
    sheet: str | None
    header_row: int
    headers: list[str]
    guessed_mapping: ColumnMapping
    rows: list[list[str]]  # the first data rows, as text, one string per header
    missing_required: list[str]  # Spanish labels of required fields not certainly mapped
    encoding: str | None = None
    delimiter: str | None = None
    guess: MappingGuess | None = None  # every field's confidence and candidates
    kind: FileKind = FileKind.WORKBOOK  # what the file holds, whatever its name says
    joined: str | None = None  # a chat log's messages joined into conversations: how


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
    header_row: int | None = None  # the file's header row, when ``head`` is not the file's

    @property
    def row(self) -> int:
        """The 1-based row of the header in the file."""
        return self.header_row or self.header_index + 1


def _locate_header(
    source: SheetRows,
    path: Path,
    channel: Channel,
    header_row: int | None,
    known: Sequence[str],
) -> _Located:
    # The rows after the header are read ahead too: the mapping is inferred from them.
    wanted = max(HEADER_SEARCH_ROWS, header_row or 0) + SAMPLE_ROWS
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
    row: Sequence[Cell] = head[index]
    grouped = grouped_header(head, index) if header_row is None else None
    if grouped is not None:
        index, row = grouped
        source.notes.append(
            "Los encabezados ocupan dos filas (grupos y columnas): cada columna se nombró con "
            "su grupo entre paréntesis, p. ej. «"
            + next((name for name in row if "(" in name), row[0])
            + "»."
        )
    headers = make_headers(row, source.column_offset, trim=source.sheet is None)
    return _Located(head, index, headers)


def joined_messages(
    source: SheetRows, located: _Located, path: Path, channel: Channel, given: Sequence[str]
) -> tuple[SheetRows, _Located]:
    """A chat log with one message per row as one row per conversation (see
    :mod:`conversations`); any other file as it is."""
    sample = located.head[located.header_index + 1 :]
    joined = joined_source(source, located.headers, sample, located.row, path.name, channel, given)
    if joined is None:
        return source, located
    rows, headers, head = joined
    return rows, _Located([headers, *head], 0, headers, header_row=located.row)


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
        source, located = joined_messages(source, located, path, channel, ())
        width = len(located.headers)
        sample: list[list[str]] = []
        following = itertools.chain(located.head[located.header_index + 1 :], source.rows)
        for cells in following:
            if len(sample) >= rows:
                break
            if not is_blank_row(cells):
                texts = [cell_text(c) for c in cells[:width]]
                sample.append(texts + [""] * (width - len(texts)))
        guess = infer_mapping(
            located.headers,
            located.head[located.header_index + 1 :],
            channel,
            hidden=source.hidden_columns,
        )
        _refuse_message_rows(path, located.headers, guess, located.head[located.header_index + 1 :])
        encoding, delimiter = _csv_info(source)
        return Preview(
            sheets=sheets,
            sheet=source.sheet,
            header_row=located.row,
            headers=located.headers,
            guessed_mapping=guess.mapping,
            rows=sample,
            missing_required=[g.label for g in guess.uncertain_required()],
            encoding=encoding,
            delimiter=delimiter,
            guess=guess,
            kind=file_kind(path),
            joined=source.joined,
        )


def _refuse_message_rows(
    path: Path, headers: Sequence[str], guess: MappingGuess, rows: Sequence[Sequence[Cell]]
) -> None:
    """Refuses a chat export with one message per row while its key is not settled (a
    user who maps the key reads it all the same)."""
    key = guess.fields.get("key")
    if key is not None and key.certain:
        return
    reason = message_rows_reason(headers, rows, guess.channel)
    if reason is not None:
        raise ImportFileError(f"{path.name}: {reason}. No se importó nada.")


def read_export(
    path: str | Path,
    channel: Channel | str,
    *,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
    overrides: Mapping[str, str] | None = None,
    header_row: int | None = None,
    period: tuple[date, date] | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    date_order: DateOrder | None = None,
    sink: RecordSink | None = None,
    chosen_fields: Collection[str] = (),
) -> ReadResult:
    """Reads every data row of an export into records, rejected rows and duplicates.

    ``mapping`` (e.g. a saved profile) is applied by header text; without it the
    mapping is inferred from the headers and the first rows. ``overrides`` (field name →
    header, the user's choices) apply on top of either. Raises
    :class:`UncertainMappingError` when a required field's column is missing, uncertain
    or contested (nothing is read then), :class:`MissingFieldsError` when a saved
    mapping lacks one, :class:`ImportFileError` for a file that cannot be read and
    :class:`ImportCancelled` when ``cancelled()`` returns true. Rows received outside
    the inclusive ``period`` are set aside (:attr:`ReadResult.set_aside`).
    ``date_order`` (the user's answer) says how the numeric text dates are read; without
    it each column's order is decided from its values, and a date column that nothing
    decides raises :class:`UncertainMappingError` too. With a ``sink`` the records go to
    it in chunks as they are read (``ReadResult.records`` stays empty), so that a large
    file is never held whole. A field read from a column whose header repeats in the file
    is a file error, unless it is in ``overrides`` or ``chosen_fields`` (the user chose that
    column looking at this file, where repeats are told apart as «Fecha (2)»).
    """
    path, channel = Path(path), Channel(channel)
    if cancelled is not None and cancelled():
        raise ImportCancelled
    options = (sheet, mapping, header_row, progress, cancelled)
    return _read_export(
        path,
        channel,
        *options,
        encoding=None,
        period=period,
        overrides=overrides,
        date_order=date_order,
        sink=sink,
        chosen_fields=frozenset(chosen_fields) | frozenset(overrides or {}),
    )


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
    period: tuple[date, date] | None = None,
    overrides: Mapping[str, str] | None = None,
    date_order: DateOrder | None = None,
    sink: RecordSink | None = None,
    chosen_fields: frozenset[str] = frozenset(),
) -> ReadResult:
    with open_rows(path, sheet, encoding) as source:
        known = [col.header for col in mapping.columns.values()] if mapping else []
        located = _locate_header(source, path, channel, header_row, known)
        given = [*known, *(overrides or {}).values()]
        source, located = joined_messages(source, located, path, channel, given)
        headers = located.headers
        guess: MappingGuess | None = None
        sample = located.head[located.header_index + 1 :]
        orders = decide_date_orders(headers, sample, date_order)
        saved_as_is = mapping is not None and not overrides
        if mapping is None:
            hidden = source.hidden_columns
            guess = infer_mapping(headers, sample, channel, hidden=hidden, date_orders=orders)
        else:
            mapping = fit_mapping(mapping, headers, path.name)
            guess = guess_from_mapping(mapping, channel, date_orders=orders)
        guess = apply_overrides(guess, overrides or {}, headers, path.name)
        if guess.undecided_dates() or (not saved_as_is and guess.uncertain_required()):
            _refuse_message_rows(path, headers, guess, sample)
            raise UncertainMappingError(path.name, guess)
        if saved_as_is:
            guess = None  # the saved mapping, applied as it was
        else:
            mapping = guess.mapping
        missing = missing_required_fields(mapping, channel)
        if missing:
            raise MissingFieldsError(path.name, missing)
        encoding, delimiter = _csv_info(source)
        result = ReadResult(
            path=path,
            channel=channel,
            sheet=source.sheet,
            header_row=located.row,
            headers=headers,
            mapping=mapping,
            encoding=encoding,
            delimiter=delimiter,
            guess=guess,
        )
        validator = RowValidator(
            channel,
            mapping,
            headers,
            source.sheet,
            source.column_offset,
            period=period,
            date_orders=orders.orders,
        )
        result.notes.extend(hidden_columns_note(headers, source.hidden_columns, mapping))
        if sink is not None:
            sink.start(result)
        # The rows make hundreds of thousands of objects without reference cycles; the
        # cyclic collector would only walk them again and again (about 20 % of the time).
        with collector_paused():
            _read_rows(result, validator, located, source, progress, cancelled, sink, chosen_fields)
        result.answer_days_only = validator.answer_days
        result.notes.extend(validator.closing_notes())
    return result


def _read_rows(
    result: ReadResult,
    validator: RowValidator,
    located: _Located,
    source: SheetRows,
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
    sink: RecordSink | None = None,
    chosen_fields: frozenset[str] = frozenset(),
) -> None:
    _refuse_repeated_headers(result, source.column_offset, chosen_fields)
    following = located.head[located.header_index + 1 :]
    result.notes.extend(source.notes)
    try:
        result.notes.extend(validator.calibrate(following))
    except ValueProblem as problem:  # the first rows leave a column's reading open
        raise ImportFileError(f"{result.path.name}: {problem.reason}.") from None
    records, duplicates, set_aside = result.records, result.duplicate_rows, result.set_aside
    trailing = TrailingLines(source.sheet, result.rejected, result.skipped_rows)
    check = validator.check
    formulas = source.formula_cells
    nulls = source.null_cells  # filled as the CSV rows are read
    hidden = source.hidden_rows
    aside = source.set_aside  # e.g. a chat log's conversations no agent wrote in
    expected = max(source.total_rows - result.header_row, 0)
    row_number = result.header_row
    numbers = iter(source.row_numbers) if source.row_numbers is not None else None
    count = 0  # rows read
    blank = 0
    header = _header_words(located.head[located.header_index])
    repeated_headers: list[int] = []
    for cells in itertools.chain(following, source.rows):
        row_number = row_number + 1 if numbers is None else next(numbers)
        count += 1
        outcome = check(row_number, cells)
        if formulas and row_number in formulas:
            outcome = _without_formula_values(validator, row_number, cells, outcome, source)
        if nulls and row_number in nulls:
            outcome = _without_null_characters(validator, row_number, cells, outcome, nulls)
        if (hidden or aside) and outcome is not None:
            why = HIDDEN_ROW_REASON if row_number in hidden else aside.get(row_number)
            if why is not None:
                key = validator.key_of(cells) if isinstance(outcome, RejectedRow) else outcome.key
                outcome = SetAsideRow(source.sheet, row_number, key, why)
        if isinstance(outcome, RecordData):
            if trailing.watching:
                trailing.data()
            records.append(outcome)
            if sink is not None and len(records) >= SINK_CHUNK:
                sink.write(records)
                records = result.records = []
        elif outcome is None:
            blank += 1
            trailing.blank()
        elif isinstance(outcome, RejectedRow):
            if _header_words(cells) == header:  # files joined with their headers
                trailing.data()
                repeated_headers.append(row_number)
                text = " | ".join(cell_text(c).strip() for c in cells if cell_text(c).strip())
                result.skipped_rows.append(SkippedRow(source.sheet, row_number, text))
            else:
                trailing.rejected(outcome, cells)
        else:
            trailing.data()
            if isinstance(outcome, SetAsideRow):
                set_aside.append(outcome)
            else:
                duplicates.append(outcome)
        if count % PROGRESS_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ImportCancelled
            if progress is not None:
                done = count
                progress(done, max(expected, done))
    trailing.finish()
    if sink is not None and records:
        sink.write(records)
        result.records = []
    done = count
    result.blank_rows = blank
    result.total_rows = done - blank - len(result.skipped_rows)
    for note in source.notes:  # notes found while reading (e.g. mixed encodings)
        if note not in result.notes:
            result.notes.append(note)
    if source.csv_format is not None and source.encoding_label:
        result.encoding = source.encoding_label
    footers = len(result.skipped_rows) - len(repeated_headers)
    if footers:
        skipped = counted(footers, "fila", "filas")
        verb = "Se omitió" if footers == 1 else "Se omitieron"
        result.notes.append(f"{verb} {skipped} de totales o de pie de página (no son registros).")
    if repeated_headers:
        rows = ", ".join(map(str, repeated_headers[:10])) + (
            "…" if len(repeated_headers) > 10 else ""
        )
        which = "la fila" if len(repeated_headers) == 1 else "las filas"
        repeats = "repite" if len(repeated_headers) == 1 else "repiten"
        result.notes.append(
            f"Se omitió {which} {rows}: {repeats} el encabezado (¿archivos unidos uno tras otro?)."
        )
    if source.sheet_note:
        result.notes.insert(0, source.sheet_note)
    if progress is not None:
        progress(done, done)


def _header_words(cells: Sequence[Cell]) -> list[str]:
    """A row's non-blank texts, trimmed and case-folded: a row equal to the header's is the
    header again."""
    return [text.casefold() for cell in cells if (text := cell_text(cell).strip())]


def _refuse_repeated_headers(
    result: ReadResult, column_offset: int, chosen_fields: frozenset[str]
) -> None:
    """A header that appears twice cannot say which column a field is read from (unless
    the user chose the column in this very file)."""
    headers = result.headers
    for name, col in result.mapping.columns.items():
        if name in chosen_fields:
            continue
        repeated = repeated_header_columns(headers, col.index)
        if repeated:
            letters = [column_letter(i + column_offset) for i in repeated]
            raise ImportFileError(
                f"{result.path.name}: el encabezado «{headers[repeated[0]]}» aparece en "
                f"varias columnas ({', '.join(letters)}) y una de ellas se leería como "
                f"«{FIELDS_BY_NAME[name].label}». Elija usted la columna en la correspondencia "
                f'(o con --map {name}="{headers[repeated[0]]}" o --map {name}='
                f'"{headers[repeated[1]]}") o cambie el nombre de las columnas repetidas en '
                "el archivo."
            )


def _without_null_characters(
    validator: RowValidator,
    row_number: int,
    cells: Sequence[Cell],
    outcome: RowOutcome,
    nulls: dict[int, list[int]],
) -> RowOutcome:
    """A CSV row with NUL characters (damaged bytes) in a cell: rejected if a field reads
    one, never stored with the character or without it."""
    problems = [
        (index, "La celda tiene caracteres nulos (bytes dañados en esa línea del archivo); "
         "corrija la línea o exporte el archivo de nuevo")
        for index in nulls[row_number]
        if validator.is_mapped(index)
    ]  # fmt: skip
    if not problems or outcome is None:
        return outcome
    return validator.reject_cells(row_number, cells, problems)


def _without_formula_values(
    validator: RowValidator,
    row_number: int,
    cells: Sequence[Cell],
    outcome: RowOutcome,
    source: SheetRows,
) -> RowOutcome:
    """A row with formula cells never calculated: rejected if a field reads one."""
    problems = [
        (index, f"La celda {column_letter(index + source.column_offset)}{row_number} tiene una "
         "fórmula sin valor calculado: abra el archivo en Excel o LibreOffice Calc, "
         "guárdelo y vuelva a importarlo")
        for index in source.formula_cells[row_number]
        if validator.is_mapped(index)
    ]  # fmt: skip
    if not problems or outcome is None:
        return outcome
    return validator.reject_cells(row_number, cells, problems)
