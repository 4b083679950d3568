"""Turning one data row into a record, a rejected row, or a repeat of an earlier row."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from auditoria_calidad.domain.fields import Channel, FieldKind, RecordData, fields_for
from auditoria_calidad.importing import contact_names
from auditoria_calidad.importing.channel_filter import ChannelCheck, channel_column, outside_period
from auditoria_calidad.importing.chat_measures import (
    RatingReader,
    WaitReader,
    wait_unit_of_header,
)
from auditoria_calidad.importing.column_evidence import days_only, profile_column
from auditoria_calidad.importing.durations import parse_duration
from auditoria_calidad.importing.errors import column_letter
from auditoria_calidad.importing.header import is_blank_row
from auditoria_calidad.importing.header_columns import ignored_column
from auditoria_calidad.importing.identity_numbers import parse_digits
from auditoria_calidad.importing.key_width import KeyWidth
from auditoria_calidad.importing.mapping import ColumnMapping, halves_of
from auditoria_calidad.importing.name_parts import PARTS as NAME_PARTS
from auditoria_calidad.importing.name_parts import joined_name, parts_note
from auditoria_calidad.importing.synonyms import header_utc_offset, rating_scale
from auditoria_calidad.importing.unassigned import AgentReader, AnsweredByBot, named_agent
from auditoria_calidad.importing.unix_times import (
    MOST,
    parse_unix_time,
    unix_time_share,
    unix_times_note,
)
from auditoria_calidad.importing.values import (
    DATE_PARSERS,
    Cell,
    DateOrder,
    Parser,
    ValueProblem,
    cell_text,
    is_null_text,
    names_its_zone,
    parse_boolean,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_integer,
    parse_key,
    parse_text,
    parse_time,
)

PARSERS: dict[FieldKind, Parser] = {
    FieldKind.TEXT: parse_text,
    FieldKind.KEY: parse_key,
    FieldKind.DATETIME: parse_datetime,
    FieldKind.DATE: parse_date,
    FieldKind.TIME: parse_time,
    FieldKind.INTEGER: parse_integer,
    FieldKind.DURATION: parse_duration,
    FieldKind.BOOLEAN: parse_boolean,
    FieldKind.DIGITS: parse_digits,
    FieldKind.DECIMAL: parse_decimal,
}
_MISSING = {
    "key": "Falta el radicado / id. del chat",
    "agent": "Falta el funcionario responsable (agente)",
    "received_at": "Falta la fecha de ingreso",
    "answered_at": "Falta la fecha y hora de respuesta",
}
_TIME_MISSING = {
    "received_at": "Falta la hora de ingreso",
    "answered_at": "Falta la hora de respuesta",
}
_ANSWER_BEFORE_RECEIPT = "La fecha de respuesta es anterior a la fecha de ingreso"
_ANSWER_DAYS_NOTE = (
    "«{}» trae solo la fecha de cada respuesta, sin la hora: se guardó a las 00:00 de ese "
    "día, así que las horas hasta la respuesta no son las reales. Revise a mano el plazo de "
    "24 horas de estos registros."
)
# Identifiers are trimmed; other free text is kept exactly as it came.
_TRIMMED_TEXT = frozenset({"agent"})
# Fields that repeat a few values over thousands of rows: one string object per value
# instead of one per cell (tens of MB on a 200,000-row file).
_SHARED_VALUES = frozenset({"agent", "request_type", "service"})
_SHARED_MAX_LENGTH = 80
_COLOMBIA = timedelta(hours=-5)


def _sharing(parse: Parser, pool: dict[str, str]) -> Parser:
    def parse_shared(cell: Cell) -> object:
        value = parse(cell)
        if isinstance(value, str) and len(value) <= _SHARED_MAX_LENGTH:
            return pool.setdefault(value, value)
        return value

    return parse_shared


@dataclass
class RejectedRow:
    """A data row that was not imported, with why and its original cells."""

    sheet: str | None  # None for a CSV file
    row: int  # as the file shows it (1-based spreadsheet row / CSV record number)
    column: str  # header of the (first) column at fault
    reason: str  # Spanish; all the row's problems when there are several
    cells: dict[str, str]  # header → original cell text, every column of the row
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column, reason)

    def describe(self, file_name: str) -> str:
        """One Spanish line naming file, sheet, row and column, for logs and messages."""
        where = f"{file_name}, hoja «{self.sheet}»" if self.sheet else file_name
        # With several problems the reason already names each column.
        single = len(self.problems) <= 1 and self.column
        column = f", columna «{self.column}»" if single else ""
        return f"{where}, fila {self.row}{column}: {self.reason}"


@dataclass(frozen=True)
class DuplicateRow:
    """A row identical (same key, same content) to an earlier row of the same file."""

    row: int
    first_row: int
    key: str


@dataclass(frozen=True)
class SetAsideRow:
    """A row that does not belong to the import (another channel, outside the period)."""

    sheet: str | None
    row: int
    key: str | None
    reason: str  # Spanish, e.g. "Canal «Teléfono» (se importa el canal Virtual)"


@dataclass(frozen=True)
class SkippedRow:
    """A total, footer or notice line below the table: not data, never stored."""

    sheet: str | None
    row: int
    text: str  # the row's text, its non-blank cells joined by " | "


RowOutcome = RecordData | RejectedRow | DuplicateRow | SetAsideRow | None


@dataclass(frozen=True)
class _DateSource:
    """Where a DATETIME field comes from: one column, or a date column and a time column."""

    name: str
    date_index: int
    time_index: int | None
    # The column's text dates day or month first (see importing.date_order).
    parse_at: Callable[[Cell], datetime | None] = parse_datetime
    parse_day: Callable[[Cell], date | None] = parse_date
    # The zone the header declares («Fecha inicio (UTC)»); None: Colombian time.
    zone: timedelta | None = None
    zone_header: str = ""


def header_zone(header: str) -> timedelta | None:
    """The UTC offset a date column's header declares, e.g. «Fecha inicio (UTC)» → 0
    (see `synonyms.header_utc_offset`); ``None`` when it declares none or declares
    Colombian time (UTC-5)."""
    offset = header_utc_offset(header)
    return None if offset is None or offset == _COLOMBIA else offset


def _in_zone(
    parse: Callable[[Cell], datetime | None], zone: timedelta
) -> Callable[[Cell], datetime | None]:
    """``parse``, moving values from ``zone`` to Colombian time (unless they name one)."""

    def parse_zoned(cell: Cell) -> datetime | None:
        value = parse(cell)
        if value is None or (isinstance(cell, str) and names_its_zone(cell)):
            return value
        return value - zone + _COLOMBIA

    return parse_zoned


def _zoned_clock(day: date, text: str) -> datetime | None:
    """A date column's day and a time column's zoned time («03:00 UTC», «…T03:00:00Z»),
    moved to Colombian time together (the day changes when the move crosses midnight)."""
    s = text.strip()
    with contextlib.suppress(ValueProblem):  # a time alone: on the date column's day
        return parse_datetime(f"{day:%Y-%m-%d} {s}")
    value = parse_datetime(s)  # a whole date-time: it carries its own day
    if value is not None and abs(value.date() - day) > timedelta(days=1):
        raise ValueProblem(f"La hora «{s}» es de otro día que la fecha de la fila ({day:%d/%m/%Y})")
    return value


class RowValidator:
    """Checks the data rows of one file; remembers keys to detect repeats."""

    def __init__(
        self,
        channel: Channel,
        mapping: ColumnMapping,
        headers: Sequence[str],
        sheet: str | None,
        column_offset: int = 0,
        *,
        period: tuple[date, date] | None = None,
        date_orders: Mapping[int, DateOrder] | None = None,
    ) -> None:
        self.channel = channel
        self.period = period
        utc_now = datetime.now(UTC).replace(tzinfo=None)
        # Later than this is a date in the future, wherever the computer's clock is set.
        self._latest = max(datetime.now(), utc_now + _COLOMBIA) + timedelta(minutes=5)
        self.sheet = sheet
        self.headers = list(headers)
        self._width = len(self.headers)
        self._column_offset = column_offset
        # Per key: the row it was first read from and its content hash (not the record:
        # records leave for the database while the file is still being read).
        self._first_seen: dict[str, tuple[int, str]] = {}
        self._pool: dict[str, str] = {}
        key_col = mapping.get("key")
        if key_col is None:
            raise ValueError("the mapping has no key column")
        self._key_index = key_col.index
        self._key_width = KeyWidth()  # «000392» written 392 by Excel (see calibrate)
        specs = fields_for(channel)
        self._required = [s.name for s in specs if s.required and s.name != "key"]
        self._simple: list[tuple[str, int, Parser]] = []
        self._dates: list[_DateSource] = []
        self._answer_days = False  # the answers carry their date only (see calibrate)
        self._wait: WaitReader | None = None
        self._rating: RatingReader | None = None
        self._agents: AgentReader | None = None
        paired: set[str] = set()
        for spec in specs:
            if spec.kind is FieldKind.DATETIME:
                source = self._date_source(spec.name, mapping, date_orders or {})
                if source is not None:
                    self._dates.append(source)
                paired.add(spec.name)
            elif spec.combines_into or spec.part_of or spec.name == "key":
                continue
            elif (col := mapping.get(spec.name)) is not None:
                parser = parse_key if spec.name in _TRIMMED_TEXT else PARSERS[spec.kind]
                if spec.name == "wait_seconds":
                    parser = self._wait = WaitReader(wait_unit_of_header(col.header))
                elif spec.name == "user_rating":
                    parser = self._rating = RatingReader()
                elif spec.name == "agent":
                    parser = self._agents = named_agent(parser, col.header)
                if spec.name in _SHARED_VALUES:
                    parser = _sharing(parser, self._pool)
                self._simple.append((spec.name, col.index, parser))
        # A name in several columns («Nombres», «Apellidos»), unless the whole is mapped
        self._name_parts = (
            []
            if "requester_name" in mapping
            else [col.index for name in NAME_PARTS if (col := mapping.get(name)) is not None]
        )
        mapped = {col.index for col in mapping.columns.values()}
        self._mapped = frozenset(mapped)
        self._unmapped = [
            i for i in range(self._width) if i not in mapped and not ignored_column(headers[i])
        ]
        self._channel_index = channel_column(self.headers, mapped)
        self._channel_check = ChannelCheck(channel)

    def calibrate(self, rows: Sequence[Sequence[Cell]]) -> list[str]:
        """Reads the first data rows to settle what their headers leave open: the unit of
        a wait column without one, the scale of word ratings, and whether a «Canal» /
        «Origen» column really names channels. Returns Spanish notes for the summary."""
        notes: list[str] = []
        rows = [r for r in rows if not is_blank_row(r)]

        def column(index: int) -> list[Cell]:
            return [r[index] for r in rows if index < len(r) and r[index] not in ("", None)]

        self._key_width.learn(column(self._key_index))
        agent_index = next((i for n, i, _p in self._simple if n == "agent"), None)
        if self._agents is not None and agent_index is not None:
            self._agents.learn(column(agent_index))
        wait_index = next((i for n, i, _p in self._simple if n == "wait_seconds"), None)
        if self._wait is not None and wait_index is not None:
            try:
                unit_note = self._wait.calibrate(column(wait_index))
            except ValueProblem as problem:
                header = self.headers[wait_index]
                raise ValueProblem(
                    f"en la columna «{header}» {problem.reason}. Agregue la unidad al "
                    f"encabezado, p. ej. «{header} (ms)» o «{header} (s)», y vuelva a importar"
                ) from None
        else:
            unit_note = None
        if unit_note:
            header = self.headers[wait_index]
            notes.append(f"Los tiempos de espera de la columna «{header}» se leyeron {unit_note}.")
        rating_index = next((i for n, i, _p in self._simple if n == "user_rating"), None)
        if self._rating is not None and rating_index is not None:
            scale = rating_scale(self.headers[rating_index])
            if scale is not None and scale != (1, 5):  # chosen by hand: stored as 1–5, wrong
                raise ValueProblem(
                    f"«{self.headers[rating_index]}» califica de {scale[0]} a {scale[1]}: la "
                    "calificación del usuario se guarda de 1 a 5 y no se convierte sola. Quite "
                    "esa columna de la asignación (queda entre las columnas adicionales)"
                )
            self._rating.calibrate(column(rating_index))
        if self._channel_index is not None:
            values = column(self._channel_index)
            self._channel_check.calibrate(values)
            known = 0
            for value in values:
                try:
                    self._channel_check.reason_to_set_aside(value)
                    known += 1
                except ValueProblem:
                    pass
            if not values or known * 2 < len(values):
                self._channel_index = None  # not a column of channels
            else:
                notes.append(
                    f"La columna «{self.headers[self._channel_index]}» indica el canal de "
                    f"cada fila: se importan solo las del canal {self.channel.label}"
                    + (
                        " («Web» es la ventana de chat del sitio)."
                        if self._channel_check.web_is_chat
                        else "."
                    )
                )
        if self._name_parts:
            notes.append(parts_note([self.headers[i] for i in self._name_parts]))
        for position, (name, index, parse) in enumerate(self._simple):
            if name == "requester_name" and contact_names.written_with_addresses(column(index)):
                self._simple[position] = (name, index, contact_names.names_only(parse))
                notes.append(contact_names.addresses_note(self.headers[index]))
        for position, source in enumerate(self._dates):
            if source.time_index is None and unix_time_share(column(source.date_index)) >= MOST:
                self._dates[position] = replace(source, parse_at=parse_unix_time, zone=None)
                notes.append(unix_times_note(self.headers[source.date_index]))
            elif source.zone is not None:
                hours = source.zone.total_seconds() / 3600
                zone = "UTC" if not hours else f"UTC{hours:+g}"
                notes.append(
                    f"La columna «{source.zone_header}» dice estar en {zone}: sus horas se "
                    "pasaron a la hora de Colombia (UTC-5)."
                )
            elif source.name == "answered_at" and source.time_index is None:
                # as the mapping tells it: dates without a time of day (text, cell, serial)
                self._answer_days = days_only(profile_column(column(source.date_index)))
                if self._answer_days:
                    notes.append(_ANSWER_DAYS_NOTE.format(self.headers[source.date_index]))
        return notes

    @staticmethod
    def _date_source(
        name: str, mapping: ColumnMapping, orders: Mapping[int, DateOrder]
    ) -> _DateSource | None:
        halves = halves_of(name)
        at, date_col, time_col = mapping.get(name), None, None
        if halves:
            date_col, time_col = mapping.get(halves[0]), mapping.get(halves[1])
        date_col = date_col or at
        if date_col is None:
            return None
        parse_at, parse_day = DATE_PARSERS[orders.get(date_col.index, DateOrder.DAY_FIRST)]
        time_index = time_col.index if time_col else None
        declared = [(header_zone(c.header), c.header) for c in (date_col, time_col) if c]
        zone, zone_header = next(((z, h) for z, h in declared if z is not None), (None, ""))
        if zone is not None and time_index is None:
            parse_at = _in_zone(parse_at, zone)
        return _DateSource(name, date_col.index, time_index, parse_at, parse_day, zone, zone_header)

    def _column_name(self, index: int) -> str:
        if index < self._width:
            return self.headers[index]
        return f"Columna {column_letter(index + self._column_offset)}"

    def check(self, row_number: int, cells: Sequence[Cell]) -> RowOutcome:
        """The outcome of data row ``row_number``; ``None`` for a blank row."""
        problems: list[tuple[int, str]] = []
        overflow: Sequence[Cell] = ()
        if len(cells) != self._width:
            overflow = cells[self._width :]
            cells = self._fit(cells)
            extra_at = next((i for i, c in enumerate(overflow) if not is_blank_row([c])), None)
            if extra_at is not None:
                problems.append(
                    (self._width + extra_at, "La fila tiene datos en columnas sin encabezado "
                     "(revise el separador o las comillas de esa línea)")
                )  # fmt: skip
        key = parse_key(cells[self._key_index])
        if self._key_width.width:
            key = self._key_width(key)
        if key is None and not problems and is_blank_row(cells):
            return None
        values: dict[str, object] = {}
        for name, index, parse in self._simple:
            cell = cells[index]
            if cell == "":
                continue
            try:
                values[name] = parse(cell)
            except AnsweredByBot as bot:
                return SetAsideRow(self.sheet, row_number, key, bot.reason)
            except ValueProblem as problem:
                problems.append((index, problem.reason))
        if self._name_parts:
            values["requester_name"] = joined_name([parse_text(cells[i]) for i in self._name_parts])
        for source in self._dates:
            if source.time_index is None:  # one column: the usual case, without a call
                try:
                    value = source.parse_at(cells[source.date_index])
                except ValueProblem as problem:
                    problems.append((source.date_index, problem.reason))
                    value = None
            else:
                value = self._read_date(source, cells, problems)
            if value is not None and value > self._latest:
                problems.append(
                    (source.date_index, f"La fecha {value:%d/%m/%Y %H:%M} es posterior a hoy")
                )
            values[source.name] = value
        if self._channel_index is not None:
            try:
                reason = self._channel_check.reason_to_set_aside(cells[self._channel_index])
            except ValueProblem as problem:
                problems.append((self._channel_index, problem.reason))
            else:
                if reason is not None:
                    return SetAsideRow(self.sheet, row_number, key, reason)
        received = values.get("received_at")
        if self.period is not None and isinstance(received, datetime):
            reason = outside_period(received.date(), self.period)
            if reason is not None:
                return SetAsideRow(self.sheet, row_number, key, reason)
        if key is None:
            problems.append((self._key_index, _MISSING["key"]))
        for name in self._required:
            if values.get(name) is None and not self._has_problem(name, problems):
                problems.append((self._index_of(name), _MISSING[name]))
        answered = values.get("answered_at")
        if (
            isinstance(received, datetime)
            and isinstance(answered, datetime)
            and (answered.date() < received.date() if self._answer_days else answered < received)
        ):
            problems.append((self._index_of("answered_at"), _ANSWER_BEFORE_RECEIPT))
        if problems or key is None:  # a row without key always has a problem
            return self._reject(row_number, cells, problems, overflow)
        record = RecordData(
            channel=self.channel,
            key=key,
            source_sheet=self.sheet,
            source_row=row_number,
            extra=self._extra(cells),
            **values,  # type: ignore[arg-type]
        )
        return self._remember(row_number, record, cells, overflow)

    def reject_cells(
        self, row_number: int, cells: Sequence[Cell], problems: list[tuple[int, str]]
    ) -> RejectedRow:
        """The row rejected for ``problems`` (column index, Spanish reason) found outside
        :meth:`check`, e.g. formula cells without a value."""
        overflow = cells[self._width :] if len(cells) > self._width else ()
        return self._reject(row_number, self._fit(cells), list(problems), overflow)

    def key_of(self, cells: Sequence[Cell]) -> str | None:
        """The row's key as read, or ``None`` when it has none or it cannot be read."""
        if self._key_index >= len(cells):
            return None
        try:
            return self._key_width(parse_key(cells[self._key_index]))
        except ValueProblem:
            return None

    @property
    def answer_days(self) -> bool:
        """True when the answer column holds days without their hour (see `calibrate`)."""
        return self._answer_days

    def closing_notes(self) -> list[str]:
        """Spanish notes on what the rows needed (keys completed with their zeros)."""
        note = self._key_width.note(self.headers[self._key_index])
        return [] if note is None else [note]

    def is_mapped(self, index: int) -> bool:
        """True when column ``index`` is read into a field."""
        return index in self._mapped

    def _fit(self, cells: Sequence[Cell]) -> list[Cell]:
        """A CSV row padded or cut to the header's width."""
        width = self._width
        if len(cells) < width:
            return [*cells, *([""] * (width - len(cells)))]
        return list(cells[:width])

    def _read_date(
        self, source: _DateSource, cells: Sequence[Cell], problems: list[tuple[int, str]]
    ) -> datetime | None:
        try:
            if source.time_index is None:
                return source.parse_at(cells[source.date_index])
            day = source.parse_day(cells[source.date_index])
        except ValueProblem as problem:
            problems.append((source.date_index, problem.reason))
            return None
        clock_cell = cells[source.time_index]
        if day is not None and isinstance(clock_cell, str) and names_its_zone(clock_cell):
            try:
                return _zoned_clock(day, clock_cell)
            except ValueProblem as problem:
                problems.append((source.time_index, problem.reason))
                return None
        try:
            clock = parse_time(clock_cell)
        except ValueProblem as problem:
            problems.append((source.time_index, problem.reason))
            return None
        if day is None:
            return None
        if clock is None:
            if source.name in _TIME_MISSING:
                problems.append((source.time_index, _TIME_MISSING[source.name]))
            return None
        if source.zone is not None:
            return datetime.combine(day, clock) - source.zone + _COLOMBIA
        return datetime.combine(day, clock)

    def _index_of(self, name: str) -> int:
        if name in ("received_at", "answered_at"):
            for source in self._dates:
                if source.name == name:
                    return source.date_index
        for field_name, index, _parse in self._simple:
            if field_name == name:
                return index
        return self._key_index

    def _has_problem(self, name: str, problems: list[tuple[int, str]]) -> bool:
        indexes = {self._index_of(name)}
        for source in self._dates:
            if source.name == name and source.time_index is not None:
                indexes.add(source.time_index)
        return any(index in indexes for index, _reason in problems)

    def _extra(self, cells: Sequence[Cell]) -> dict[str, str]:
        extra: dict[str, str] = {}
        headers = self.headers
        for index in self._unmapped:
            cell = cells[index]
            if isinstance(cell, str):
                if cell and not cell.isspace() and not is_null_text(cell):
                    if len(cell) <= _SHARED_MAX_LENGTH:
                        cell = self._pool.setdefault(cell, cell)
                    extra[headers[index]] = cell
            elif cell is not None:
                extra[headers[index]] = cell_text(cell)
        return extra

    def _remember(
        self, row_number: int, record: RecordData, cells: Sequence[Cell], overflow: Sequence[Cell]
    ) -> RowOutcome:
        digest = record.digest = record.content_hash()
        first = self._first_seen.get(record.key)
        if first is None:
            self._first_seen[record.key] = (row_number, digest)
            return record
        first_row, first_digest = first
        if first_digest == digest:
            return DuplicateRow(row_number, first_row, record.key)
        what = "El radicado" if self.channel is Channel.VIRTUAL else "El id. del chat"
        reason = f"{what} «{record.key}» ya aparece en la fila {first_row} con otro contenido"
        return self._reject(row_number, cells, [(self._key_index, reason)], overflow)

    def _reject(
        self,
        row_number: int,
        cells: Sequence[Cell],
        problems: list[tuple[int, str]],
        overflow: Sequence[Cell],
    ) -> RejectedRow:
        problems.sort(key=lambda p: p[0])
        named = [(self._column_name(index), reason) for index, reason in problems]
        if len(named) == 1:
            reason = named[0][1]
        else:
            reason = "; ".join(f"«{column}»: {text}" for column, text in named)
        texts = {header: cell_text(cell) for header, cell in zip(self.headers, cells, strict=False)}
        for offset, cell in enumerate(overflow):
            if not is_blank_row([cell]):
                texts[self._column_name(self._width + offset)] = cell_text(cell)
        return RejectedRow(self.sheet, row_number, named[0][0], reason, texts, named)
