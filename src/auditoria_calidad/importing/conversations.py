"""A chat log with one message per row, joined into one row per conversation.

The log must say, for each message, its conversation, when it was sent, who sent it by
role (agent, user or bot: «Tipo de remitente», «Sender type») and by name, and its text.
A log that gives each message's direction instead («Direction»: inbound, outbound) is
read the same way: a message in is the user's, one out a bot's when its sender's name is
a bot's («Chatbot PQRSD») and an agent's otherwise; one out without a sender stops the
join, naming its row.
Each conversation becomes one row, numbered as the row of its first message:

* its id; the date and time of its first message (the chat's arrival);
* the agent: the person, among the messages sent as agent, who wrote most of them (the
  first of them on a tie); the user: the name on the user's first message;
* the transcript, one line per message: «[08:15:32] Agente (Yuliana Cárdenas): texto»;
* the wait: from the user's first message to the agent's first one, when the user wrote
  first;
* every other column whose value is the same on all the rows of each conversation (the
  phone number, the channel, a cédula); columns that change from message to message
  (a message id) are left out.

The message's time and its sender's name are the columns so named that change from one
message to the next (a conversation's creation date or its customer's name, the same on
all its rows, are carried instead). The summary says all this. A log whose roles or
times cannot be read is not joined: the import then names the row and column, or asks
for the conversations report.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from auditoria_calidad.domain.agent_names import names_a_bot
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.importing.column_evidence import ValueShape, value_shape
from auditoria_calidad.importing.date_order import DateOrders, decide_date_orders
from auditoria_calidad.importing.errors import ImportFileError
from auditoria_calidad.importing.message_rows import (
    AGENT,
    BOT,
    INBOUND,
    SENDER_WORDS,
    USER,
    MessageColumns,
    direction_of,
    message_columns,
    role_of,
    share_of_directions,
    share_of_roles,
)
from auditoria_calidad.importing.sheets import SheetRows
from auditoria_calidad.importing.synonyms import header_form, header_matches
from auditoria_calidad.importing.unix_times import (
    MOST,
    parse_unix_time,
    unix_time_share,
    unix_times_note,
)
from auditoria_calidad.importing.validation import header_zone
from auditoria_calidad.importing.values import (
    DATE_PARSERS,
    Cell,
    ValueProblem,
    cell_text,
    folded,
    names_its_zone,
    parse_time,
)

_NAME_WORDS = frozenset({"nombre", "name", "alias", "nick", "nickname"})
_MOMENT_WORDS = frozenset(
    {"fecha", "date", "hora", "time", "timestamp", "created", "creado", "enviado", "sent",
     "at", "momento", "marca"}
)  # fmt: skip
_SAMPLE = 500  # message rows whose values show what a date column holds
_COLOMBIA = timedelta(hours=-5)
HEADERS = (
    "Fecha y hora de inicio",
    "Agente",
    "Nombre del usuario",
    "Transcripción del chat",
    "Tiempo de espera (segundos)",
)


@dataclass(frozen=True)
class MessageLog:
    """The columns of a log whose messages can be joined (0-based): the columns named as a
    moment and as a name, in order, until the rows tell which is the message's own."""

    columns: MessageColumns
    moments: tuple[int, ...]
    names: tuple[int, ...]
    moment: int = -1  # the message's date and time and its sender's name, once chosen
    name: int = -1
    day: int = -1  # the message's date when ``moment`` holds only its time («Fecha», «Hora»)
    directed: bool = False  # the sender column gives directions: the name tells agent or bot
    unix: bool = False  # ``moment`` holds Unix times (seconds or milliseconds since 1970, UTC)


@dataclass
class Conversations:
    """The log's conversations as rows under ``headers``, each with the row number of its
    first message, and the summary's note."""

    headers: list[str]
    rows: list[list[Cell]]
    row_numbers: list[int]
    note: str
    messages: int = 0
    left_out: list[str] = field(default_factory=list)
    unanswered: list[int] = field(default_factory=list)  # rows of those no agent wrote in


UNANSWERED_REASON = (
    "Ningún agente escribió en esta conversación (solo el usuario o un bot): no hay "
    "respuesta que auditar"
)


class NotJoined(Exception):
    """The log cannot be joined: ``reason`` (Spanish) names the row and column."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def message_log(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> MessageLog | None:
    """The log's columns when its messages can be joined: a sender column holding roles,
    a name column beside it and a date-and-time column; ``None`` otherwise."""
    found = message_columns(headers, rows)
    if found is None:
        return None
    directed = share_of_directions(rows, found.sender) == 1
    if share_of_roles(rows, found.sender) < 1 and not directed:  # none, or no role
        return None
    taken = {found.conversation, found.message, found.sender}
    words = [set(header_form(h).main.split()) for h in headers]
    names = tuple(i for i, w in enumerate(words) if i not in taken and w & _NAME_WORDS)
    if directed:  # «Sender», «Author» beside «Direction»: who sent each message
        names = (*names, *(i for i in _senders(words) if i not in taken and i not in names))
    moments = tuple(
        i for i, w in enumerate(words) if i not in taken and i not in names and w & _MOMENT_WORDS
    )
    if not names or not moments:
        return None
    return MessageLog(found, moments, names, directed=directed)


# Words that make a sender-like header a moment («DateSent», «Sent at»), not a name.
_CLOCK_WORDS = frozenset({"fecha", "date", "hora", "time", "timestamp", "at", "momento"})


def _senders(words: Sequence[set[str]]) -> list[int]:
    return [i for i, w in enumerate(words) if w & SENDER_WORDS and not w & _CLOCK_WORDS]


def _address(value: str) -> bool:
    """A phone number or a messaging address («+57 601…», «whatsapp:+57…»)."""
    number = value.rpartition(":")[2] if ":" in value else value
    return number.lstrip("+").replace(" ", "").replace("-", "").isdigit()


def _role_by_direction(cells: list[Cell], log: MessageLog, headers: Sequence[str], row: int) -> str:
    """Usuario for a message in; for one out, Bot or Agente as its sender's name says."""
    cols = log.columns
    direction = direction_of(cells[cols.sender])
    if direction == INBOUND:
        return USER
    if direction is None:
        raise NotJoined(
            f"fila {row}, columna «{headers[cols.sender]}»: «{cell_text(cells[cols.sender])}» "
            "no dice si el mensaje entra o sale"
        )
    names = [cell_text(cells[i]).strip() for i in log.names]
    # A messaging address («whatsapp:+576015551234») says which line, not who wrote.
    name = next((n for n in names if n and not _address(n)), "")
    if role_of(name) == BOT or names_a_bot(name):
        return BOT
    if not name:  # blank, or only a phone number or a messaging address
        quoted = " ni ".join(f"«{headers[i]}»" for i in log.names)
        raise NotJoined(
            f"fila {row}: el mensaje sale hacia el usuario, pero {quoted} no dice quién lo "
            "envió, así que no se sabe si fue el agente o un bot"
        )
    return AGENT


def join_messages(
    log: MessageLog,
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    first_row: int,
    orders: DateOrders,
    hidden: frozenset[int] = frozenset(),
) -> Conversations:
    """The conversations of ``rows`` (the data rows, the first numbered ``first_row``).
    Raises :class:`NotJoined` for a message without a readable time or role, or a log
    whose columns do not tell each message's time and sender."""
    cols = log.columns
    width = len(headers)
    groups: dict[str, list[tuple[int, list[Cell]]]] = {}
    messages = 0
    orphans: list[int] = []  # rows with data but no message: a footer, at the end
    for number, cells in enumerate(rows, start=first_row):
        cells = [*cells[:width], *([""] * (width - len(cells)))]
        key = cell_text(cells[cols.conversation]).strip()
        said = any(cell_text(cells[i]).strip() for i in (cols.message, cols.sender, *log.moments))
        if not key or not said:  # «Total de mensajes: 10» below the table
            if any(cell_text(c).strip() for c in cells):
                orphans.append(number)
            continue
        if orphans:
            raise NotJoined(
                f"la fila {orphans[0]} no es un mensaje de ninguna conversación (le falta "
                f"«{headers[cols.conversation]}», el mensaje o quién lo envió)"
            )
        if log.directed:  # the message's role, as a role column would give it
            cells[cols.sender] = _role_by_direction(cells, log, headers, number)
        groups.setdefault(key, []).append((number, cells))
        messages += 1
    log = _with_own_columns(log, headers, groups)
    dated = log.day if log.day >= 0 else log.moment
    if dated in orders.undecided:
        raise NotJoined(f"las fechas de «{headers[dated]}» no muestran si el día va antes del mes")
    read_at = _moment_reader(log, headers, orders)
    own = {cols.conversation, cols.message, cols.sender, log.moment, log.name, log.day}
    carried = _constant_columns(groups, width, own | hidden)  # hidden ones: never a field
    key_header = headers[cols.conversation]
    if "key" not in header_matches(header_form(key_header), ["key"]):
        key_header = f"Id. del chat ({key_header})"  # «Conversación» alone names no key
    names = _unique_headers([key_header, *HEADERS], [headers[i] for i in carried])
    out = Conversations(names, [], [], "", messages)
    out.left_out = [
        headers[i] for i in range(width) if i not in carried and i not in own and i not in hidden
    ]
    for key, members in groups.items():
        out.rows.append([key, *_joined(log, headers, members, read_at), *(
            next((c for _n, row in members if cell_text(c := row[i]).strip()), "")
            for i in carried
        )])  # fmt: skip
        out.row_numbers.append(members[0][0])
        if not any(role_of(row[cols.sender]) == AGENT for _n, row in members):
            out.unanswered.append(members[0][0])
    _without_repeated_people(out, first_carried=1 + len(HEADERS))
    out.note = _note(headers, log, len(groups), messages, out.left_out)
    zoned = [
        headers[i]
        for i in (log.day, log.moment)
        if i >= 0 and header_zone(headers[i]) is not None  # UTC is timedelta(0)
    ]
    if log.unix:
        out.note += " " + unix_times_note(headers[log.moment])
    elif zoned:
        out.note += (
            f" La columna «{zoned[0]}» dice estar en otra zona horaria: las horas de los "
            "mensajes se pasaron a la hora de Colombia (UTC-5)."
        )
    if orphans:
        out.note += (
            " Se omitió 1 fila del final que no es un mensaje (totales o pie de página)."
            if len(orphans) == 1
            else f" Se omitieron {counted(len(orphans), 'fila', 'filas')} del final que no son "
            "mensajes (totales o pie de página)."
        )
    return out


def _without_repeated_people(out: Conversations, first_carried: int) -> None:
    """Leaves out the user's and the agent's names read from the messages when a column of
    the log says the same for every conversation («Nombre del cliente», «Agente asignado»):
    one column, not two candidates. When they differ (a transfer), both stay and the
    import asks."""
    # The later column first, so that the earlier one keeps its place
    for at in (1 + HEADERS.index("Nombre del usuario"), 1 + HEADERS.index("Agente")):
        said = [folded(cell_text(row[at])) for row in out.rows]
        if not any(said):
            continue
        if any(
            all(folded(cell_text(row[p])) == name for row, name in zip(out.rows, said, strict=True))
            for p in range(first_carried, len(out.headers))
        ):
            del out.headers[at]
            for row in out.rows:
                del row[at]
            first_carried -= 1


def _moment_reader(
    log: MessageLog, headers: Sequence[str], orders: DateOrders
) -> Callable[[list[Cell]], datetime | None]:
    """Reads a message row's date and time: from one column, or from its date column and
    its time column; moved to Colombian time when the header says another zone
    («Fecha (UTC)») and the value does not name its own."""
    if log.unix:  # already in Colombian time
        return lambda cells: parse_unix_time(cells[log.moment])
    own = [i for i in (log.day, log.moment) if i >= 0]
    zone = next((z for i in own if (z := header_zone(headers[i])) is not None), None)
    if log.day < 0:
        read = DATE_PARSERS[orders.order_of(log.moment)][0]

        def moment(cells: list[Cell]) -> datetime | None:
            return read(cells[log.moment])
    else:
        read_day = DATE_PARSERS[orders.order_of(log.day)][1]

        def moment(cells: list[Cell]) -> datetime | None:
            on, clock = read_day(cells[log.day]), parse_time(cells[log.moment])
            return None if on is None or clock is None else datetime.combine(on, clock)

    if zone is None:
        return moment

    def zoned(cells: list[Cell]) -> datetime | None:
        at = moment(cells)
        said = cells[log.moment]
        if at is None or (isinstance(said, str) and names_its_zone(said)):
            return at
        return at - zone + _COLOMBIA

    return zoned


def _with_own_columns(
    log: MessageLog, headers: Sequence[str], groups: dict[str, list[tuple[int, list[Cell]]]]
) -> MessageLog:
    """The log with the columns of each message's time (the first that changes within a
    conversation) and of its sender's name (the first where no name is both an agent's
    and a user's in one conversation): a conversation's creation date or its customer's
    name on every row is not the message's."""
    cols = log.columns
    several = [members for members in groups.values() if len(members) > 1]
    rows = [row for members in groups.values() for _n, row in members][:_SAMPLE]

    def changes(index: int) -> bool:  # within a conversation, from one message to the next
        return not several or any(
            len({cell_text(row[index]) for _n, row in members}) > 1 for members in several
        )

    def unix_share(index: int) -> float:
        return unix_time_share([row[index] for row in rows])

    def holds(index: int, shape: ValueShape) -> bool:
        shapes = [value_shape(row[index]) for row in rows if cell_text(row[index]).strip()]
        return bool(shapes) and shapes.count(shape) >= 0.9 * len(shapes)

    moment = next((i for i in log.moments if holds(i, ValueShape.DATETIME) and changes(i)), None)
    unix = False
    if moment is None:  # «timestamp» = 1791040187000: a messaging API's Unix times
        moment = next((i for i in log.moments if unix_share(i) >= MOST and changes(i)), None)
        unix = moment is not None
    day = -1
    if moment is None:  # «Fecha» and «Hora» in two columns
        days = [i for i in log.moments if holds(i, ValueShape.DATE)]
        clocks = [i for i in log.moments if holds(i, ValueShape.TIME) and changes(i)]
        if days and clocks:
            day, moment = days[0], clocks[0]
    if moment is None:
        quoted = ", ".join(f"«{headers[i]}»" for i in log.moments)
        raise NotJoined(
            f"ninguna columna dice la fecha y la hora de cada mensaje ({quoted}: o no traen "
            "la hora, o no cambian de un mensaje a otro)"
        )

    def sender_names(index: int) -> bool:
        said = [cell_text(r[index]).strip() for m in groups.values() for _n, r in m]
        if sum(map(_address, said)) * 2 > len(said):  # «From»: phone lines, not names
            return False
        for members in groups.values():
            by_role: dict[str | None, set[str]] = {}
            for _n, row in members:
                name = cell_text(row[index]).strip()
                if name:
                    by_role.setdefault(role_of(row[cols.sender]), set()).add(name)
            if by_role.get(AGENT, set()) & by_role.get(USER, set()):
                return False
        return True

    name = next((i for i in log.names if sender_names(i)), None)
    if name is None:
        quoted = ", ".join(f"«{headers[i]}»" for i in log.names)
        raise NotJoined(
            f"{quoted} no es el nombre de quien envía cada mensaje: un mismo nombre aparece "
            "como agente y como usuario en una conversación"
        )
    return replace(log, moment=moment, name=name, day=day, unix=unix)


def _joined(
    log: MessageLog,
    headers: Sequence[str],
    members: list[tuple[int, list[Cell]]],
    read_at: Callable[[list[Cell]], datetime | None],
) -> list[Cell]:
    cols = log.columns
    said: list[tuple[datetime, int, str, str, str]] = []  # (time, row, role, name, text)
    for number, cells in members:
        role = role_of(cells[cols.sender])
        if role is None:
            raise NotJoined(
                f"fila {number}, columna «{headers[cols.sender]}»: "
                f"«{cell_text(cells[cols.sender])}» no dice si el mensaje es del agente, del "
                "usuario o de un bot"
            )
        where = (
            f"columna «{headers[log.moment]}»"
            if log.day < 0
            else f"columnas «{headers[log.day]}» y «{headers[log.moment]}»"
        )
        try:
            at = read_at(cells)
        except ValueProblem as problem:
            raise NotJoined(f"fila {number}, {where}: {problem.reason}") from None
        if not isinstance(at, datetime):
            raise NotJoined(f"fila {number}, {where}: falta la fecha y hora del mensaje")
        text = cell_text(cells[cols.message]).strip()
        said.append((at, number, role, cell_text(cells[log.name]).strip(), text))
    said.sort(key=lambda m: (m[0], m[1]))
    users = [m for m in said if m[2] == USER]
    agents = [m for m in said if m[2] == AGENT and m[3]]
    count = Counter(m[3] for m in agents)
    order = {name: i for i, name in reversed(list(enumerate(m[3] for m in agents)))}
    agent = max(count, key=lambda n: (count[n], -order[n])) if count else ""
    wait: Cell = ""
    if users and agents and users[0][0] <= agents[0][0]:
        wait = str(round((agents[0][0] - users[0][0]).total_seconds()))
    lines = [
        f"[{at:%H:%M:%S}] {f'{role} ({name})' if name else role}: {text}"
        for at, _n, role, name, text in said
    ]
    return [said[0][0], agent, users[0][3] if users else "", "\n".join(lines), wait]


def _constant_columns(
    groups: dict[str, list[tuple[int, list[Cell]]]], width: int, taken: set[int]
) -> list[int]:
    """The columns whose non-blank value is the same on every row of each conversation."""
    kept = []
    for index in range(width):
        if index in taken:
            continue
        if all(
            len({cell_text(row[index]).strip() for _n, row in members} - {""}) <= 1
            for members in groups.values()
        ):
            kept.append(index)
    return kept


def _unique_headers(own: list[str], carried: list[str]) -> list[str]:
    taken = {folded(h) for h in carried}
    return [h if folded(h) not in taken else f"{h} (chat)" for h in own] + carried


def _note(
    headers: Sequence[str], log: MessageLog, chats: int, messages: int, left_out: list[str]
) -> str:
    cols = log.columns
    note = (
        f"El archivo trae un mensaje por fila: se unieron {counted(messages, 'mensaje', 'mensajes')} "
        f"en {counted(chats, 'conversación', 'conversaciones')} por «{headers[cols.conversation]}». "
        f"La fecha de ingreso es la del primer mensaje; el agente, quien más mensajes escribió "
        f"como agente según «{headers[cols.sender]}»; el tiempo de espera, el que pasó entre el "
        "primer mensaje del usuario y la primera respuesta del agente; la transcripción, los "
        "mensajes en orden. Cada conversación lleva el número de fila de su primer mensaje."
    )
    if left_out:
        quoted = ", ".join(f"«{h}»" for h in left_out)
        note += f" Se dejaron fuera las columnas que cambian de un mensaje a otro: {quoted}."
    return note


def joined_source(
    source: SheetRows,
    headers: list[str],
    sample: list[list[Cell]],
    header_row: int,
    file_name: str,
    channel: Channel,
    given: Sequence[str],
) -> tuple[SheetRows, list[str], list[list[Cell]]] | None:
    """A chat log's rows (``sample``, then the rest of ``source``) joined into
    conversations: the new rows (those of ``sample``'s length first), their headers and
    the first rows; ``None`` when the file is no log whose messages can be joined, or the
    user's columns (``given`` headers) name a message's own columns."""
    log = message_log(headers, sample) if channel is Channel.CHAT else None
    if log is None:
        return None
    cols = log.columns
    own = {headers[i] for i in (cols.message, cols.sender, *log.moments, *log.names)}
    if own & set(given):
        return None  # the user reads the messages as rows
    orders = decide_date_orders(headers, sample)
    why = (
        "tiene filas ocultas"
        if source.hidden_rows
        else "tiene fórmulas sin valor calculado"
        if source.formula_cells
        else None
    )
    if why is not None:
        raise ImportFileError(
            f"{file_name}: el archivo trae un mensaje por fila, pero {why}: los mensajes no se "
            "unieron en conversaciones. No se importó nada."
        )
    rows = itertools.chain(sample, source.rows)
    try:
        joined = join_messages(log, headers, rows, header_row + 1, orders, source.hidden_columns)
    except NotJoined as problem:
        raise ImportFileError(f"{file_name}: {problem.reason}. No se importó nada.") from None
    if source.null_cells:
        row = min(source.null_cells)
        raise ImportFileError(
            f"{file_name}: la fila {row} tiene caracteres dañados (NUL): los mensajes no se "
            "unieron en conversaciones. No se importó nada."
        )
    head = joined.rows[: len(sample)]
    out = SheetRows(
        source.sheet,
        iter(joined.rows[len(sample) :]),
        header_row + len(joined.rows),
        source.column_offset,
        csv_format=source.csv_format,
        notes=[*source.notes, joined.note],
        sheet_note=source.sheet_note,
        encoding_label=source.encoding_label,
        row_numbers=joined.row_numbers,
        set_aside={row: UNANSWERED_REASON for row in joined.unanswered},
        joined=(
            f"un mensaje por fila: {counted(joined.messages, 'mensaje', 'mensajes')} unidos en "
            f"{counted(len(joined.rows), 'conversación', 'conversaciones')} por "
            f"«{headers[cols.conversation]}»"
        ),
    )
    return out, joined.headers, head
