"""Reading one cell into the value of a field.

Cells come either from python-calamine (``str``, ``float``, ``int``, ``bool``,
``datetime``/``date``/``time``/``timedelta``; ``""`` for a blank cell) or from a CSV
file (always ``str``). Every parser returns ``None`` for a blank cell (and for the
«NULL» that database exports write in one, see :data:`NULL_TEXTS`) and raises
:class:`ValueProblem` with a Spanish reason when the value cannot be read: nothing is
guessed silently.

The parsers are called once per cell of a 200,000-row file, so the common cases
(a ``str`` in dd/mm/aaaa hh:mm, a ``datetime`` from calamine, plain digits) are
handled first, with precompiled patterns and without raising exceptions.
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from auditoria_calidad.importing.calendar_names import MONTHS, WEEKDAYS
from auditoria_calidad.importing.common_dates import fast_datetime

Cell = str | int | float | bool | datetime | date | time | timedelta | None
Parser = Callable[[Cell], object]

# Dates outside this range are typing errors in a CRM export (and small numbers are
# not Excel serial dates), so they are rejected rather than accepted as 1900 or 2924.
MIN_YEAR = 1950
MAX_YEAR = 2100
EXCEL_EPOCH = datetime(1899, 12, 30)
_MIN_SERIAL = (datetime(MIN_YEAR, 1, 1) - EXCEL_EPOCH).days
_MAX_SERIAL = (datetime(MAX_YEAR + 1, 1, 1) - EXCEL_EPOCH).days
# Timestamps with an explicit UTC offset are converted to Colombian time (UTC-5, no DST).
COLOMBIA_UTC_OFFSET = timedelta(hours=-5)


class DateOrder(enum.StrEnum):
    """How a text date such as 10/1/2026 is read: 10 January or 1 October."""

    DAY_FIRST = "dmy"
    MONTH_FIRST = "mdy"

    @property
    def label(self) -> str:
        """Spanish: «día/mes/año» or «mes/día/año»."""
        return "día/mes/año" if self is DateOrder.DAY_FIRST else "mes/día/año"


class ValueProblem(ValueError):
    """A cell that cannot be read as its field's kind; ``reason`` is Spanish."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# -- dates and times -------------------------------------------------------------

# A time of day, with «a. m.»/«p. m.», «m.» for noon («12:00 m.»), or the word for hours
# of a 24-hour clock («08:15 hrs», «14:30 h», «8:15 horas»).
_TIME = (
    r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?\s*(?:(?P<ampm>[aApP])\.?\s*[mM]\.?"
    r"|(?P<noon>[mM])\.?(?![^\W\d_])|(?i:horas|hora|hrs|hr|hs|h)\.?(?![^\W\d_]))?"
)
# The zone a date-time names after its time: «Z», «-05», «-0500», «+00:00», «UTC»,
# «GMT», «GMT-5», «UTC-05:00». Only after a time, except in ISO dates, which have always
# taken one after the bare date («2026-10-01Z» is midnight UTC).
_ZONE = (
    r"(?:\s*(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)"
    r"|\s+(?P<tzname>(?i:utc|gmt))(?:\s*(?P<tzoff>[+-]\d{1,2}(?::?\d{2})?))?)?"
)
# A dash between the date and its time: «01/10/2026 - 08:15».
_CLOCK_DASH = r"\s+[-–]\s+"
_DMY = re.compile(
    r"(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    rf"(?:(?:{_CLOCK_DASH}|\s+|T|,\s*){_TIME}{_ZONE})?"
)
_YMD = re.compile(
    r"(?P<y>\d{4})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    rf"(?:(?:{_CLOCK_DASH}|\s+|T){_TIME})?{_ZONE}"
)
# Before the time of a date written with its month's name: «1 Oct 2026 9:15»,
# «Oct 1, 2026 12:09 PM», «October 1, 2026 at 9:15 AM», «1 de octubre de 2026 a las 9:15».
_NAMED_CLOCK = rf"(?:(?:{_CLOCK_DASH}|\s+|,\s*|\s+(?:at|a\s+las?)\s+){_TIME}{_ZONE})?"
# «jueves, 1 de octubre de 2026», «Thu, 01 Oct 2026 20:54:03 +0000» (RFC 2822).
_WEEKDAY = r"(?:(?P<wd>[^\W\d_]+)\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH_NAME = re.compile(
    rf"{_WEEKDAY}(?P<d>\d{{1,2}}){_ORDINAL}[\s/.-]+(?:de\s+)?(?P<mon>[^\W\d_]+)\.?"
    rf"[\s/.-]+(?:de\s+)?(?P<y>\d{{4}}|\d{{2}}){_NAMED_CLOCK}",
    re.IGNORECASE,
)
# Month first: «Oct 1, 2026 12:09:25 PM» (tawk.to), «Oct 12 2026 12:58PM» (SQL Server),
# «Thu Oct 01 2026 20:54:03 GMT-0500» (JavaScript), «octubre 1 de 2026». A month's name
# leaves no doubt about the order; the year has four digits so that it cannot be a day.
_MONTH_NAME_FIRST = re.compile(
    rf"{_WEEKDAY}(?P<mon>[^\W\d_]+)\.?[\s/.-]+(?P<d>\d{{1,2}}){_ORDINAL}"
    rf"(?:,\s*|[\s/.-]+)(?:de\s+)?(?P<y>\d{{4}}){_NAMED_CLOCK}",
    re.IGNORECASE,
)
# Oracle's TIMESTAMP as SQL Developer and sqlplus write it: «01-OCT-26 08.15.00.000000 AM»,
# dots between the hours, minutes and seconds (read as colons after a month's name).
_ORACLE_CLOCK = re.compile(
    r"(?:(?<=[^\W\d_]-\d\d )|(?<=[^\W\d_]-\d{4} ))(\d{1,2})\.(\d{2})\.(\d{2})(?=[.,\s]|$)"
)
# ISO 8601's basic form, as databases and SQL reports write it: «20261001», «20261001
# 0815», «20261001T081500», «20261001081500», «20261001 08:15:00». The year (1950–2100)
# leaves no doubt about the order.
_COMPACT = re.compile(
    r"(?P<y>19[5-9]\d|20\d\d|2100)(?P<m>\d\d)(?P<d>\d\d)"
    r"(?:(?:T|\s+)?(?P<h>\d\d)(?::?(?P<mi>\d\d))(?::?(?P<s>\d\d))?)?"
    rf"{_ZONE}"
)
_TIME_ONLY = re.compile(_TIME)
_ZONED_END = re.compile(rf"{_TIME}{_ZONE}\s*$")


def names_its_zone(text: str) -> bool:
    """True when a text's time ends with a zone («15:00Z», «3:15 p. m. -05», «9:00 UTC»)."""
    return (m := _ZONED_END.search(text)) is not None and (m["tz"] or m["tzname"]) is not None


_SERIAL = re.compile(r"\d{1,6}(?:[.,]\d+)?")
# A database's «no value» mark (SQL Server, C-style exports): a blank cell, never «NULL».
NULL_TEXTS = frozenset({"NULL", "(null)", "<NULL>"})
_NULL_MAX_LENGTH = 16  # longer texts are not checked (long free text costs no hashing)


def is_null_text(text: str) -> bool:
    """True for a cell whose whole text (spaces aside) is ``NULL``, ``(null)`` or ``<NULL>``."""
    return len(text) <= _NULL_MAX_LENGTH and text.strip() in NULL_TEXTS


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # same pivot as strptime's %y
        year += 2000 if year < 69 else 1900
    return year


def _clock(match: re.Match[str], original: str) -> tuple[int, int, int]:
    """Hour, minute, second of a matched time part (0, 0, 0 when there is none)."""
    h = match.group("h")
    if h is None:
        return 0, 0, 0
    hour, minute = int(h), int(match.group("mi"))
    s = match.group("s")
    second = int(s) if s else 0
    if match.group("noon") and hour != 12:  # «m.» (meridiano) is noon only
        raise ValueProblem(f"Hora imposible («m.» es el mediodía, las 12): {original}")
    ampm = match.group("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueProblem(f"Hora imposible: {original}")
        hour = hour % 12 + (12 if ampm in "pP" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueProblem(f"Hora imposible: {original}")
    return hour, minute, second


def _checked(year: int, month: int, day: int, clock: tuple[int, int, int], text: str) -> datetime:
    try:
        value = datetime(year, month, day, *clock)
    except ValueError:
        raise ValueProblem(f"Fecha imposible: {text}") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueProblem(f"Fecha fuera del rango admitido ({MIN_YEAR}–{MAX_YEAR}): {text}")
    return value


def _from_serial(serial: float, text: str) -> datetime:
    if not _MIN_SERIAL <= serial < _MAX_SERIAL:
        raise ValueProblem(f"Fecha ilegible: '{text}'")
    # Rounded to the second: 14:03 is stored by Excel as 0.58541666… of a day.
    return EXCEL_EPOCH + timedelta(seconds=round(serial * 86400))


def _datetime_from_text(text: str) -> datetime | None:
    """The date-time a text names; ``None`` for a database's «NULL»."""
    s = text.strip()
    fast = fast_datetime(s, MIN_YEAR, MAX_YEAR)
    if fast is not None:
        return fast
    m = _DMY.fullmatch(s)
    if m is not None:
        return _ordered(m, s, int(m.group("d")), int(m.group("m")), DateOrder.DAY_FIRST)
    m = _YMD.fullmatch(s)
    if m is not None:
        value = _checked(int(m.group("y")), int(m.group("m")), int(m.group("d")), _clock(m, s), s)
        return _in_colombia(value, m, s)
    if _SERIAL.fullmatch(s):
        return _from_serial(float(s.replace(",", ".")), s)
    m = _COMPACT.fullmatch(s) if s[:1].isdigit() else None
    if m is not None:
        return _compact(m, s)
    named = _ORACLE_CLOCK.sub(r"\1:\2:\3", s) if "." in s else s
    for pattern in (_MONTH_NAME, _MONTH_NAME_FIRST):
        m = pattern.fullmatch(named)
        if m is not None:
            value = _named_month_date(m, s)
            if value is not None:
                return value
    if _TIME_ONLY.fullmatch(s):
        raise ValueProblem(f"Falta la fecha: la celda solo trae la hora {s}")
    if s in NULL_TEXTS:
        return None
    raise ValueProblem(f"Fecha ilegible: '{s}'")


def is_compact_date(text: str) -> bool:
    """True for a number that reads as a date of ISO 8601's basic form («20261001»,
    «20261001081500»): a cédula of eight digits seldom does."""
    match = _COMPACT.fullmatch(text)
    if match is None or not text.isdigit():
        return False
    try:
        _compact(match, text)
    except ValueProblem:
        return False
    return True


def _compact(match: re.Match[str], s: str) -> datetime:
    """A date (and time) of ISO 8601's basic form (``_COMPACT``)."""
    h, mi, sec = match.group("h"), match.group("mi"), match.group("s")
    clock = (int(h), int(mi), int(sec or 0)) if h is not None else (0, 0, 0)
    if clock[0] > 23 or clock[1] > 59 or clock[2] > 59:
        raise ValueProblem(f"Hora imposible: {s}")
    value = _checked(int(match.group("y")), int(match.group("m")), int(match.group("d")), clock, s)
    return _in_colombia(value, match, s)


def _named_month_date(match: re.Match[str], s: str) -> datetime | None:
    """A date written with its month's name, checked against its weekday if it names
    one; ``None`` when a word is not a month (or weekday) name."""
    month = MONTHS.get(match.group("mon").lower())
    weekday_name = match.group("wd")
    weekday = None if weekday_name is None else WEEKDAYS.get(weekday_name.lower())
    if month is None or (weekday_name is not None and weekday is None):
        return None
    value = _checked(_year(match.group("y")), month, int(match.group("d")), _clock(match, s), s)
    if weekday is not None and value.weekday() != weekday:
        raise ValueProblem(f"El día de la semana no corresponde a la fecha: {s}")
    return _in_colombia(value, match, s)


def _ordered(match: re.Match[str], s: str, day: int, month: int, order: DateOrder) -> datetime:
    """A numeric date read in ``order``; a month above 12 names the order it contradicts."""
    if month > 12 and day <= 12:
        raise ValueProblem(
            f"La fecha {s} no se puede leer en el orden {order.label} de la columna "
            "(¿viene en el otro orden?)"
        )
    value = _checked(_year(match.group("y")), month, day, _clock(match, s), s)
    return _in_colombia(value, match, s)


def _month_first_from_text(text: str) -> datetime | None:
    """10/1/2026 8:15 AM as 1 October; ISO, serial and month-name dates as usual."""
    s = text.strip()
    m = _DMY.fullmatch(s)
    if m is None:
        return _datetime_from_text(s)
    return _ordered(m, s, int(m.group("m")), int(m.group("d")), DateOrder.MONTH_FIRST)


def _in_colombia(value: datetime, match: re.Match[str], s: str) -> datetime:
    """``value`` moved from the zone its text names (if any) to Colombian time."""
    offset = _zone_offset(match, s)
    return value if offset is None else value - offset + COLOMBIA_UTC_OFFSET


def _zone_offset(match: re.Match[str], s: str) -> timedelta | None:
    """The UTC offset of a matched zone: «Z», «UTC», «GMT» → 0; «-05», «GMT-5»,
    «-05:00», «-0500» → −5 h; ``None`` when the text names no zone."""
    tz = match.group("tz")
    if tz is None:
        if match.group("tzname") is None:
            return None
        tz = match.group("tzoff")
        if tz is None:
            return timedelta(0)
    if tz in ("Z", "z"):
        return timedelta(0)
    hours, _, minutes = tz[1:].partition(":")
    if not minutes and len(hours) > 2:  # -0500
        hours, minutes = hours[:-2], hours[-2:]
    offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if offset > timedelta(hours=14) or int(minutes or 0) > 59:
        raise ValueProblem(f"Zona horaria imposible: {s}")
    return -offset if tz[0] == "-" else offset


def parse_datetime(cell: Cell) -> datetime | None:
    """A date with an optional time, day first (dd/mm/aaaa), ISO 8601, Excel serial, or
    with the month's name in Spanish or English («1 de octubre de 2026», «Oct 1, 2026
    12:09 PM»). A time followed by its zone («UTC», «Z», «-05», «GMT-5») is moved to
    Colombian time."""
    if (
        type(cell) is datetime  # a date cell of a workbook: the most common case
        and cell.microsecond == 0
        and cell.tzinfo is None
        and MIN_YEAR <= cell.year <= MAX_YEAR
    ):
        return cell
    if isinstance(cell, str):
        if cell == "" or cell.isspace():
            return None
        return _datetime_from_text(cell)
    if isinstance(cell, datetime):
        if not MIN_YEAR <= cell.year <= MAX_YEAR:
            raise ValueProblem(
                f"Fecha fuera del rango admitido ({MIN_YEAR}–{MAX_YEAR}): {cell_text(cell)}"
            )
        return cell.replace(microsecond=0, tzinfo=None)
    if isinstance(cell, date):
        return parse_datetime(datetime(cell.year, cell.month, cell.day))
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if 0 <= cell < 1:
            raise ValueProblem(f"Falta la fecha: la celda solo trae la hora {cell_text(cell)}")
        if cell >= _MAX_SERIAL and cell == int(cell):  # a number such as 20261001
            return _datetime_from_text(str(int(cell)))
        return _from_serial(cell, cell_text(cell))
    if cell is None:
        return None
    if isinstance(cell, (time, timedelta)):
        raise ValueProblem(f"Falta la fecha: la celda solo trae la hora {cell_text(cell)}")
    raise ValueProblem(f"Fecha ilegible: '{cell_text(cell)}'")


def parse_date(cell: Cell) -> date | None:
    """The date part of a date cell (its time, if any, comes from a separate column)."""
    value = parse_datetime(cell)
    return None if value is None else value.date()


def parse_datetime_month_first(cell: Cell) -> datetime | None:
    """As :func:`parse_datetime`, but numeric text dates month first (mm/dd/aaaa), as a
    US-locale export writes them; date cells, ISO and serial dates are read as usual."""
    if isinstance(cell, str):
        if cell == "" or cell.isspace():
            return None
        return _month_first_from_text(cell)
    return parse_datetime(cell)


def parse_date_month_first(cell: Cell) -> date | None:
    """The date part of a month-first date cell."""
    value = parse_datetime_month_first(cell)
    return None if value is None else value.date()


# The (date-time, date) parsers of each order of the text dates.
DATE_PARSERS: dict[
    DateOrder, tuple[Callable[[Cell], datetime | None], Callable[[Cell], date | None]]
] = {
    DateOrder.DAY_FIRST: (parse_datetime, parse_date),
    DateOrder.MONTH_FIRST: (parse_datetime_month_first, parse_date_month_first),
}


def parse_time(cell: Cell) -> time | None:
    """A time of day: 14:03, 3:05 p. m., a fraction of a day, or a time/datetime cell."""
    if isinstance(cell, str):
        s = cell.strip()
        if not s:
            return None
        m = _TIME_ONLY.fullmatch(s)
        if m is not None:
            return time(*_clock(m, s))
        if _SERIAL.fullmatch(s):
            return parse_time(float(s.replace(",", ".")))
        if s in NULL_TEXTS:
            return None
        try:
            value = _datetime_from_text(s)
        except ValueProblem:
            try:  # the date part does not matter here: 10/13/2026 8:15 AM is 8:15
                value = _month_first_from_text(s)
            except ValueProblem:
                raise ValueProblem(f"Hora ilegible: '{s}'") from None
        return None if value is None else value.time()
    if isinstance(cell, time):
        return cell.replace(microsecond=0, tzinfo=None)
    if isinstance(cell, datetime):
        return cell.time().replace(microsecond=0)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if 0 <= cell < 1:
            seconds = round(cell * 86400)
            if seconds < 86400:
                return time(seconds // 3600, seconds // 60 % 60, seconds % 60)
        # A whole date and time in the time column: its time part is the time.
        if _MIN_SERIAL <= cell < _MAX_SERIAL:
            return _from_serial(cell, cell_text(cell)).time()
    if isinstance(cell, timedelta) and timedelta(0) <= cell < timedelta(days=1):
        return (datetime.min + cell).time()
    if cell is None:
        return None
    raise ValueProblem(f"Hora ilegible: '{cell_text(cell)}'")


# -- numbers ----------------------------------------------------------------------

_INTEGER_TEXT = re.compile(r"[+-]?\d+(?:[.,]0{1,2})?")
_DECIMAL_TEXT = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def parse_integer(cell: Cell) -> int | None:
    """A whole number: 3, "3", "3.0", "3,0"."""
    if isinstance(cell, str):
        s = cell.strip()
        if not s:
            return None
        if s.isascii() and s.isdigit():
            return int(s)
        if _INTEGER_TEXT.fullmatch(s):
            return int(s.replace(",", ".").split(".")[0])
        if s in NULL_TEXTS:
            return None
        raise ValueProblem(f"No es un número entero: '{s}'")
    if isinstance(cell, int) and not isinstance(cell, bool):
        return cell
    if isinstance(cell, float) and math.isfinite(cell) and cell.is_integer():
        return int(cell)
    if cell is None:
        return None
    raise ValueProblem(f"No es un número entero: '{cell_text(cell)}'")


def _decimal_text(s: str) -> float | None:
    """4,5 · 4.5 · 1.234,5 · 1,234.5: the last separator is the decimal one."""
    comma, dot = s.rfind(","), s.rfind(".")
    if comma >= 0 and dot >= 0:
        thousands = "." if comma > dot else ","
        s = s.replace(thousands, "").replace(",", ".")
    elif comma >= 0:
        s = s.replace(",", ".")
    if _DECIMAL_TEXT.fullmatch(s):
        return float(s)
    return None


def parse_decimal(cell: Cell) -> float | None:
    """A number with a decimal comma or point: 4,5 or 4.5."""
    if isinstance(cell, str):
        s = cell.strip()
        if not s:
            return None
        value = _decimal_text(s)
        if value is None and s not in NULL_TEXTS:
            raise ValueProblem(f"No es un número: '{s}'")
        return value
    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and math.isfinite(cell):
        return float(cell)
    if cell is None:
        return None
    raise ValueProblem(f"No es un número: '{cell_text(cell)}'")


_TRUE = frozenset({"si", "sí", "s", "yes", "y", "1", "x", "verdadero", "true", "v", "✓", "✔",
                   "☑", "✅", "registrado", "registrada"})  # fmt: skip
_FALSE = frozenset({"no", "n", "0", "falso", "false", "f", "✗", "✘", "❌", "no registrado",
                    "no registrada"})  # fmt: skip


def parse_boolean(cell: Cell) -> bool | None:
    """Sí/S/Yes/1/X/✓/Verdadero/Registrado → True; No/N/0/✗/Falso/No registrado → False."""
    if isinstance(cell, str):
        s = cell.strip().lower().rstrip(".")
        if not s:
            return None
        if s in _TRUE:
            return True
        if s in _FALSE:
            return False
        number = _decimal_text(s)
        if number in (0, 1):
            return number == 1
        if cell.strip() in NULL_TEXTS:
            return None
        raise ValueProblem(f"Valor de sí/no ilegible: '{cell.strip()}'")
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, (int, float)) and cell in (0, 1):
        return cell == 1
    if cell is None:
        return None
    raise ValueProblem(f"Valor de sí/no ilegible: '{cell_text(cell)}'")


# -- text -------------------------------------------------------------------------


def parse_text(cell: Cell) -> str | None:
    """Free text, kept exactly as it came (line breaks, spaces, "=", "<" included);
    a database's «NULL» is a blank cell."""
    if isinstance(cell, str):
        if len(cell) <= _NULL_MAX_LENGTH and cell.strip() in NULL_TEXTS:
            return None
        return cell or None
    if cell is None:
        return None
    return cell_text(cell)


def parse_key(cell: Cell) -> str | None:
    """An identifier (radicado, chat id, agent): text with its surrounding spaces trimmed;
    ``None`` for a blank cell or a database's «NULL» (a row keyed «NULL» has no key)."""
    if isinstance(cell, str):
        s = cell.strip()
        # A key is hashed anyway (repeated keys are looked up): the NULL check is free.
        return None if not s or s in NULL_TEXTS else s
    if cell is None:
        return None
    return cell_text(cell).strip() or None


def cell_text(cell: Cell) -> str:
    """The text a cell shows, for previews, rejected-row exports and free-text fields."""
    if isinstance(cell, str):
        return cell
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "VERDADERO" if cell else "FALSO"
    if isinstance(cell, float):
        if cell.is_integer() and abs(cell) < 1e16:
            return str(int(cell))
        return repr(cell)
    if isinstance(cell, datetime):
        if cell.hour == cell.minute == cell.second == 0:
            return cell.strftime("%d/%m/%Y")
        return cell.strftime("%d/%m/%Y %H:%M:%S" if cell.second else "%d/%m/%Y %H:%M")
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, time):
        return cell.strftime("%H:%M:%S" if cell.second else "%H:%M")
    if isinstance(cell, timedelta):
        seconds = round(cell.total_seconds())
        sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
        return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return str(cell)


def folded(text: str) -> str:
    """``text`` in lower case, without accents, its spaces collapsed: for comparing what
    two cells or a cell and a word say."""
    text = unicodedata.normalize("NFKD", text).casefold()
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())
