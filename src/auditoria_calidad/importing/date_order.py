"""Whether a column's text dates are day first (10/1/2026 = 10 January) or month first.

A Colombian export writes dd/mm/aaaa; a US-locale one (Salesforce in English, Zendesk,
Freshdesk) writes mm/dd/yyyy. Read the wrong way, every date with a day up to 12 would
be stored wrong without a word. The order is decided once per column from the sampled
values: a first part above 12 anywhere means day first, a second part above 12 month
first. When no value decides, other evidence may (a Spanish header, «a. m.»/«p. m.»,
the file's other date columns); otherwise the column is *undecided* and the import
asks. Rows read later that contradict the column's order are rejected by the parser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from auditoria_calidad.domain.fields import FIELDS_BY_NAME, FieldKind
from auditoria_calidad.importing.mapping import ColumnMapping, MappedColumn
from auditoria_calidad.importing.synonyms import normalize_header
from auditoria_calidad.importing.values import Cell, DateOrder

SAMPLE_ROWS = 500
MAX_SAMPLES = 3
_NUMERIC_DATE = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})(?!\d)")
_SPANISH_CLOCK = re.compile(r"\d\s*[ap]\.\s*m\.", re.IGNORECASE)
# Words of a date header in Spanish: the column's own header decides its order.
_SPANISH_WORDS = frozenset(
    {"fecha", "hora", "dia", "creacion", "radicacion", "radicado", "ingreso", "respuesta",
     "cierre", "apertura", "atencion", "modificacion", "vencimiento", "recibido", "recibida",
     "inicio", "fin", "solucion", "resolucion"}
)  # fmt: skip
# Words of other headers, to tell a file labelled in Spanish from one in English (a
# Spanish user's export is day first; an English one with a Spanish custom field is not).
_SPANISH_LABELS = _SPANISH_WORDS | frozenset(
    {"funcionario", "responsable", "asesor", "agente", "cedula", "numero", "nombre", "tipo",
     "estado", "solicitud", "canal", "usuario", "ciudadano", "documento", "identificacion",
     "caso", "propietario", "asunto", "descripcion", "prioridad", "origen", "calificacion",
     "espera", "cliente", "contacto", "servicio", "observaciones", "dependencia"}
)  # fmt: skip
_ENGLISH_LABELS = frozenset(
    {"date", "time", "opened", "closed", "created", "updated", "solved", "resolved", "case",
     "owner", "number", "name", "status", "type", "subject", "priority", "contact",
     "account", "ticket", "requester", "assignee", "group", "description", "source", "email",
     "full", "due", "last", "first", "response", "assigned", "rating", "queue", "waiting",
     "start", "end", "chat", "visitor", "operator"}
)  # fmt: skip


_SPANISH_LETTERS = frozenset("áéíóúñ")


@dataclass
class DateEvidence:
    """What one column's sampled text dates say about their order."""

    day_first: int = 0  # values whose first part is above 12
    month_first: int = 0  # values whose second part is above 12
    undecisive: int = 0  # numeric text dates with both parts up to 12
    spanish_clock: int = 0  # values with «a. m.» / «p. m.»
    samples: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DateOrders:
    """The order of each column holding numeric text dates (0-based column → order),
    the columns nothing decides (column → sample values) and why each order was chosen."""

    orders: dict[int, DateOrder] = field(default_factory=dict)
    undecided: dict[int, tuple[str, ...]] = field(default_factory=dict)
    inconsistent: tuple[int, ...] = ()  # columns whose sample has both orders
    chosen: DateOrder | None = None  # the order the user chose, if any

    def order_of(self, index: int) -> DateOrder:
        return self.orders.get(index, self.chosen or DateOrder.DAY_FIRST)


def _evidence(cells: Sequence[Cell]) -> DateEvidence | None:
    found: DateEvidence | None = None
    for cell in cells:
        if not isinstance(cell, str) or not cell[:1].isdigit():
            continue
        match = _NUMERIC_DATE.match(cell)
        if match is None:
            continue
        if found is None:
            found = DateEvidence()
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            found.day_first += 1
        elif second > 12 >= first:
            found.month_first += 1
        else:
            found.undecisive += 1
        if _SPANISH_CLOCK.search(cell):
            found.spanish_clock += 1
        text = cell.strip()
        if len(found.samples) < MAX_SAMPLES and text not in found.samples:
            found.samples.append(text)
    return found


def _spanish_header(header: str) -> bool:
    """A header in Spanish: a Spanish date word, or a letter only Spanish uses («Llegó»)."""
    if any(letter in _SPANISH_LETTERS for letter in header.lower()):
        return True
    return bool(_SPANISH_WORDS & set(normalize_header(header).split()))


def _spanish_file(headers: Sequence[str]) -> bool:
    """True when more of the file's headers read as Spanish than as English."""
    spanish = english = 0
    for header in headers:
        words = set(normalize_header(header).split())
        if any(letter in _SPANISH_LETTERS for letter in header.lower()) or (
            words & _SPANISH_LABELS
        ):
            spanish += 1
        elif words & _ENGLISH_LABELS:
            english += 1
    return spanish > english


def decide_date_orders(
    headers: Sequence[str], rows: Sequence[Sequence[Cell]], chosen: DateOrder | None = None
) -> DateOrders:
    """The order of the numeric text dates of each column, from the first data rows.

    With ``chosen`` (the user's answer) every such column is read in that order; rows
    that contradict it are then rejected while reading.
    """
    columns: list[list[Cell]] = [[] for _ in headers]
    for row in rows[:SAMPLE_ROWS]:
        for index in range(min(len(headers), len(row))):
            columns[index].append(row[index])
    evidence = {i: e for i, cells in enumerate(columns) if (e := _evidence(cells)) is not None}
    if chosen is not None:
        return DateOrders({i: chosen for i in evidence}, chosen=chosen)
    from_values: dict[int, DateOrder] = {}
    for index, found in evidence.items():
        if found.day_first > found.month_first:
            from_values[index] = DateOrder.DAY_FIRST
        elif found.month_first > found.day_first:
            from_values[index] = DateOrder.MONTH_FIRST
    seen = set(from_values.values())
    spanish_file = _spanish_file(headers)
    orders: dict[int, DateOrder] = {}
    undecided: dict[int, tuple[str, ...]] = {}
    inconsistent = []
    for index, found in evidence.items():
        spanish_column = bool(found.spanish_clock) or _spanish_header(headers[index])
        total = found.day_first + found.month_first + found.undecisive
        order = from_values.get(index)
        if order is DateOrder.MONTH_FIRST and (spanish_column or spanish_file):
            # In a Spanish file a few month-first values are typing mistakes (rejected
            # while reading), not a US export: that would show in most of its dates.
            if found.month_first * 2 < total:
                order = DateOrder.DAY_FIRST
        elif order is None and (
            spanish_column or (spanish_file and DateOrder.MONTH_FIRST not in seen)
        ):
            order = DateOrder.DAY_FIRST
        elif order is None and not found.day_first and len(seen) == 1:
            order = next(iter(seen))  # like the file's other date columns
        if found.month_first and (found.day_first or order is DateOrder.DAY_FIRST):
            inconsistent.append(index)
        if order is None:
            undecided[index] = tuple(found.samples)
        else:
            orders[index] = order
    return DateOrders(orders, undecided, tuple(inconsistent))


def undecided_date_fields(
    mapping: ColumnMapping, orders: DateOrders | None
) -> list[tuple[str, MappedColumn]]:
    """The mapped date fields (field name, column) whose column's order is undecided."""
    if orders is None or not orders.undecided:
        return []
    return [
        (name, col)
        for name, col in mapping.columns.items()
        if FIELDS_BY_NAME[name].kind in (FieldKind.DATETIME, FieldKind.DATE)
        and col.index in orders.undecided
    ]


def describe_date_question(mapping: ColumnMapping, orders: DateOrders | None) -> list[str]:
    """Spanish lines asking for the order of the undecided date columns (``[]`` if none)."""
    undecided = undecided_date_fields(mapping, orders)
    if not undecided or orders is None:
        return []
    lines = [
        "• No se sabe en qué orden vienen las fechas: ninguna tiene un día mayor que 12 "
        "que lo decida."
    ]
    for name, col in undecided:
        examples = ", ".join(orders.undecided[col.index])
        lines.append(f"    – «{col.header}» ({FIELDS_BY_NAME[name].label}): {examples}.")
    lines.append(
        "    Para elegir el orden: --date-order dmy (día/mes/año) o --date-order mdy (mes/día/año)."
    )
    return lines
