"""What the values of a column are: the evidence that confirms or contradicts a mapping.

A column is profiled on a bounded sample of its first data rows (never the whole file):
each non-blank cell is put in one :class:`ValueShape` (a date with a time, a time of day,
an identity number, a person's name, long free text, yes/no…), and the column gets the
share of each shape, whether its values are unique and whether they count 1, 2, 3…
:func:`value_agreement` then says how well those values agree with a field.
"""

from __future__ import annotations

import enum
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from auditoria_calidad.domain.fields import FIELDS_BY_NAME, FieldKind
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.importing.unix_times import MOST as UNIX_MOST
from auditoria_calidad.importing.unix_times import is_unix_time
from auditoria_calidad.importing.values import (
    Cell,
    ValueProblem,
    cell_text,
    folded,
    is_compact_date,
    parse_datetime,
    parse_datetime_month_first,
)

SAMPLE_ROWS = 500  # data rows looked at to understand a file
MAX_SAMPLES = 5  # sample values kept per column to show the user


class ValueShape(enum.StrEnum):
    """The kind of value one cell holds, as far as its text shows."""

    DATETIME = "datetime"  # a date with a time of day
    DATE = "date"  # a date alone
    TIME = "time"  # a time of day or a hh:mm:ss duration
    FRACTION = "fraction"  # a number between 0 and 1 (an Excel time, or a share)
    DURATION = "duration"  # a duration cell ([h]:mm:ss)
    YES_NO = "yes_no"  # Sí/No, Yes/No, X, Verdadero/Falso
    ZERO_ONE = "zero_one"  # 0 or 1
    SMALL_INTEGER = "small_integer"  # a whole number of up to 5 digits
    IDENTITY = "identity"  # 6–10 digits (also 1.023.456.789 or 1023456789.0)
    LONG_NUMBER = "long_number"  # 11 digits or more
    DECIMAL = "decimal"  # a number with decimals
    CODE = "code"  # letters and digits together: R-2024-0001, 5003000000D8cuI
    EMAIL = "email"  # an e-mail address: laura.gomez@entidad.gov.co
    RATING_WORD = "rating_word"  # good/bad, excelente/malo…
    PERSON_NAME = "person_name"  # two to five capitalised words of letters
    LONG_TEXT = "long_text"  # a sentence or more
    TEXT = "text"  # any other short text


# Spanish words for the reasons shown to the user, plural.
SHAPE_LABELS: dict[ValueShape, str] = {
    ValueShape.DATETIME: "fecha y hora",
    ValueShape.DATE: "fecha sin hora",
    ValueShape.TIME: "hora o duración (hh:mm:ss)",
    ValueShape.FRACTION: "fracción entre 0 y 1 (hora de Excel)",
    ValueShape.DURATION: "duración",
    ValueShape.YES_NO: "sí/no",
    ValueShape.ZERO_ONE: "0/1 (casilla)",
    ValueShape.SMALL_INTEGER: "número pequeño",
    ValueShape.IDENTITY: "número de identificación (6 a 10 dígitos)",
    ValueShape.LONG_NUMBER: "número de más de 10 dígitos",
    ValueShape.DECIMAL: "número con decimales",
    ValueShape.CODE: "código de letras y números",
    ValueShape.EMAIL: "correo electrónico",
    ValueShape.RATING_WORD: "calificación en palabras",
    ValueShape.PERSON_NAME: "nombre de persona",
    ValueShape.LONG_TEXT: "texto largo",
    ValueShape.TEXT: "texto corto",
}

_YES_NO = frozenset(
    {"si", "sí", "s", "yes", "y", "x", "verdadero", "true", "no", "n", "falso", "false"}
)
_RATING_WORDS = frozenset(
    {
        "good", "bad", "great", "poor", "excellent", "neutral", "satisfied", "unsatisfied",
        "dissatisfied", "very good", "very bad", "offered", "unoffered",
        "excelente", "bueno", "buena", "malo", "mala", "regular", "muy bueno", "muy buena",
        "muy malo", "muy mala", "satisfecho", "insatisfecho", "muy satisfecho",
        "muy insatisfecho", "aceptable", "deficiente", "pésimo", "pesimo", "pésima",
        "pesima", "ok", "average", "terrible", "awful", "positiva", "negativa",
        "positive", "negative", "rated good", "rated bad", "sin calificar", "not rated",
    }
)  # fmt: skip
_TIME_TEXT = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[aApP]\.?\s*[mM]\.?)?", re.UNICODE
)
_DIGIT_GROUPS = re.compile(r"\d{1,3}(?:[.\s\u00a0]\d{3})+")
_FLOAT_OF_INTEGER = re.compile(r"\d+\.0+")
_DECIMAL_TEXT = re.compile(r"[+-]?\d+[.,]\d+")
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'.-]*\.?", re.UNICODE)
_HAS_DIGIT = re.compile(r"\d")
_HAS_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_EMAIL = re.compile(r"[^@\s<>(),;]+@[^@\s<>(),;]+\.[^@\s<>(),;]+")
# a6a3a450-6513-270e-269e-0d37f2a74de4, DC38F519B91751DACDBD47D364BE8049: system ids
_GUID = re.compile(
    r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
)
# Excel serial numbers of the dates of 2000 to 2060 (46296 is 1 October 2026): a date
# column written as numbers, when its header names a date.
_SERIAL_DATES = (36526.0, 58807.0)
# The typology of a request (PQRSD and the usual English ticket types): a column of these
# is the request type, whatever its header says.
_REQUEST_TYPES = frozenset(
    {
        "peticion", "derecho de peticion", "queja", "reclamo", "sugerencia", "denuncia",
        "felicitacion", "consulta", "solicitud", "solicitud de informacion",
        "solicitud de documentos", "peticion de informacion", "peticion de documentos",
        "peticion de consulta", "reclamacion", "agradecimiento", "question", "problem",
        "complaint", "incident", "suggestion", "request", "claim", "compliment",
        "information request",
    }
)  # fmt: skip
# calamine gives a time-only cell as a datetime on Excel's day zero.
_EXCEL_DAY_ZERO = (date(1899, 12, 30), date(1899, 12, 31), date(1900, 1, 1))


def _number_shape(value: float) -> ValueShape:
    if not math.isfinite(value):
        return ValueShape.TEXT
    if 0 < value < 1:
        return ValueShape.FRACTION
    if not float(value).is_integer():
        return ValueShape.DECIMAL
    if value in (0, 1):
        return ValueShape.ZERO_ONE
    return _digits_shape(str(abs(int(value))))


def _digits_shape(digits: str) -> ValueShape:
    if len(digits) <= 5:
        return ValueShape.SMALL_INTEGER
    if len(digits) <= 10:
        return ValueShape.IDENTITY
    return ValueShape.LONG_NUMBER


def _text_shape(s: str) -> ValueShape:
    lowered = s.lower().rstrip(".")
    if "@" in s and _EMAIL.fullmatch(s):
        return ValueShape.EMAIL
    if lowered in _YES_NO:
        return ValueShape.YES_NO
    if lowered in _RATING_WORDS:
        return ValueShape.RATING_WORD
    if s.isascii() and s.isdigit():
        return ValueShape.ZERO_ONE if s in ("0", "1") else _digits_shape(s.lstrip("0") or "0")
    if _TIME_TEXT.fullmatch(s):
        return ValueShape.TIME
    if _HAS_DIGIT.search(s) and (s[0].isdigit() or s[0] in "+-"):
        shape = _date_shape(s)
        if shape is not None:
            return shape
        if _FLOAT_OF_INTEGER.fullmatch(s):
            return _digits_shape(s.split(".")[0])
        if _DIGIT_GROUPS.fullmatch(s):
            return _digits_shape(re.sub(r"\D", "", s))
        if _DECIMAL_TEXT.fullmatch(s):
            return _number_shape(float(s.replace(",", ".")))
    if _HAS_DIGIT.search(s):
        if _HAS_LETTER.search(s) and len(s) <= 40 and " " not in s.strip():
            return ValueShape.CODE
        shape = _date_shape(s)  # "13 de mayo de 2024"
        if shape is not None:
            return shape
    if "\n" in s or len(s) >= 60 or len(s.split()) >= 8:
        return ValueShape.LONG_TEXT
    words = s.split()
    if (
        2 <= len(words) <= 5
        and all(_NAME_WORD.fullmatch(w) for w in words)
        and all(w[0].isupper() for w in words if len(w) > 3)
    ):
        return ValueShape.PERSON_NAME
    return ValueShape.TEXT


def _date_shape(s: str) -> ValueShape | None:
    try:
        value = parse_datetime(s)
    except ValueProblem:
        try:  # 10/13/2026 8:15 AM: a date too, written month first
            value = parse_datetime_month_first(s)
        except ValueProblem:
            return None
    if value is None:
        return None
    return ValueShape.DATETIME if ":" in s else ValueShape.DATE


def value_shape(cell: Cell) -> ValueShape | None:
    """The shape of one cell; ``None`` for a blank one."""
    if cell is None:
        return None
    if isinstance(cell, str):
        s = cell.strip()
        return _text_shape(s) if s else None
    if isinstance(cell, bool):
        return ValueShape.YES_NO
    if isinstance(cell, (int, float)):
        return _number_shape(cell)
    if isinstance(cell, datetime):
        if cell.date() in _EXCEL_DAY_ZERO:
            return ValueShape.TIME
        if cell.hour == cell.minute == cell.second == 0:
            return ValueShape.DATE
        return ValueShape.DATETIME
    if isinstance(cell, date):
        return ValueShape.DATE
    if isinstance(cell, time):
        return ValueShape.TIME
    if isinstance(cell, timedelta):
        return ValueShape.DURATION
    return ValueShape.TEXT


@dataclass(frozen=True)
class ColumnProfile:
    """The evidence of one column's sampled values."""

    values: int  # non-blank cells in the sample
    shares: dict[ValueShape, float]  # share of the non-blank cells of each shape
    distinct: int  # distinct non-blank texts
    counter: bool  # whole numbers counting up by one from a small start (1, 2, 3…)
    median_number: float | None  # median of the numeric cells, if most cells are numbers
    samples: tuple[str, ...]  # up to MAX_SAMPLES distinct non-blank values, as text
    # Shares of the non-blank cells that are…
    wordy: float = 0.0  # …free text: three words or more, or a long text
    above_five: float = 0.0  # …numbers above 5 (not a 1–5 rating)
    serial_dates: float = 0.0  # …numbers that read as Excel serial dates of 2000–2060
    compact_dates: float = 0.0  # …numbers that read as dates written aaaammdd[hhmmss]
    unix_times: float = 0.0  # …numbers that read as Unix times (seconds or ms) of 2000–2099
    guids: float = 0.0  # …system identifiers (GUID/UUID, 32 hexadecimal digits)
    request_types: float = 0.0  # …request types: Petición, Queja, Reclamo…
    median_date: datetime | None = None  # the median of the dates, if any

    def share(self, *shapes: ValueShape) -> float:
        """The share of the non-blank cells that have one of ``shapes``."""
        return sum(self.shares.get(shape, 0.0) for shape in shapes)

    @property
    def unique(self) -> float:
        """Distinct values over non-blank values (1.0 = every value different)."""
        return self.distinct / self.values if self.values else 0.0

    def dominant(self) -> tuple[ValueShape, float] | None:
        """The most frequent shape and its share."""
        if not self.shares:
            return None
        shape = max(self.shares, key=lambda s: self.shares[s])
        return shape, self.shares[shape]


_NUMERIC = (ValueShape.ZERO_ONE, ValueShape.SMALL_INTEGER, ValueShape.IDENTITY,
            ValueShape.LONG_NUMBER, ValueShape.DECIMAL, ValueShape.FRACTION)  # fmt: skip


def _number(cell: Cell) -> float | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return float(cell) if math.isfinite(cell) else None
    if isinstance(cell, str):
        s = cell.strip().replace(",", ".")
        try:
            return float(s)
        except ValueError:
            return None
    return None


def profile_column(cells: Sequence[Cell]) -> ColumnProfile:
    """The profile of a column from its sampled cells (blank ones included)."""
    shapes: Counter[ValueShape] = Counter()
    texts: set[str] = set()
    samples: list[str] = []
    numbers: list[float] = []
    dates: list[datetime] = []
    wordy = guids = request_types = compact_dates = 0
    for cell in cells:
        shape = value_shape(cell)
        if shape is None:
            continue
        shapes[shape] += 1
        text = cell_text(cell).strip()
        if text not in texts and len(samples) < MAX_SAMPLES:
            samples.append(text if len(text) <= 60 else text[:57] + "…")
        texts.add(text)
        if shape in _NUMERIC:
            number = _number(cell)
            if number is not None:
                numbers.append(number)
                if shape in (ValueShape.IDENTITY, ValueShape.LONG_NUMBER) and is_compact_date(
                    str(int(number)) if number.is_integer() else text
                ):
                    compact_dates += 1
        elif shape is ValueShape.LONG_TEXT or (shape is ValueShape.TEXT and len(text.split()) >= 3):
            wordy += 1
        elif shape in (ValueShape.DATE, ValueShape.DATETIME):
            when = _date_value(cell)
            if when is not None:
                dates.append(when)
        if shape in (ValueShape.CODE, ValueShape.TEXT) and _GUID.fullmatch(text):
            guids += 1
        elif shape in (ValueShape.TEXT, ValueShape.PERSON_NAME) and _is_request_type(text):
            request_types += 1
    total = sum(shapes.values())
    shares = {shape: count / total for shape, count in shapes.items()} if total else {}
    median = sorted(numbers)[len(numbers) // 2] if numbers and len(numbers) * 2 > total else None
    dates.sort()

    def share(count: int) -> float:
        return count / total if total else 0.0

    return ColumnProfile(
        values=total,
        shares=shares,
        distinct=len(texts),
        counter=_is_counter(numbers, total),
        median_number=median,
        samples=tuple(samples),
        wordy=share(wordy),
        above_five=share(sum(1 for n in numbers if n > 5)),
        serial_dates=share(sum(1 for n in numbers if _SERIAL_DATES[0] <= n < _SERIAL_DATES[1])),
        guids=share(guids),
        request_types=share(request_types),
        compact_dates=share(compact_dates),
        unix_times=share(sum(1 for n in numbers if is_unix_time(n))),
        median_date=dates[len(dates) // 2] if dates else None,
    )


def _date_value(cell: Cell) -> datetime | None:
    """The date of a cell already seen to hold one (for ordering columns by their dates)."""
    if isinstance(cell, datetime):
        return cell.replace(tzinfo=None)
    if isinstance(cell, date):
        return datetime(cell.year, cell.month, cell.day)
    for parse in (parse_datetime, parse_datetime_month_first):
        try:
            return parse(cell)
        except ValueProblem:
            continue
    return None


def _is_request_type(text: str) -> bool:
    """A request type, alone or at the end of a category path («PQRSD > Petición»,
    «Atención al ciudadano / Queja»)."""
    said = folded(text)
    return said in _REQUEST_TYPES or _CATEGORY_STEP.split(said)[-1].strip() in _REQUEST_TYPES


_CATEGORY_STEP = re.compile(r"\s*(?:>|»|/|\\|\|)\s*")


def _is_counter(numbers: Sequence[float], total: int) -> bool:
    """True for 1, 2, 3… (or any run counting up by one from a number below 10)."""
    if len(numbers) < 3 or len(numbers) != total:
        return False
    if not 0 <= numbers[0] < 10:
        return False
    return all(b - a == 1 for a, b in itertools.pairwise(numbers))


def profile_columns(rows: Sequence[Sequence[Cell]], width: int) -> list[ColumnProfile]:
    """The profile of each of the first ``width`` columns of ``rows``."""
    columns: list[list[Cell]] = [[] for _ in range(width)]
    for row in rows[:SAMPLE_ROWS]:
        for index in range(min(width, len(row))):
            columns[index].append(row[index])
    return [profile_column(cells) for cells in columns]


# -- agreement with a field ---------------------------------------------------------------

S = ValueShape
_DATES = (S.DATETIME, S.DATE)
_NUMBERS = (S.ZERO_ONE, S.SMALL_INTEGER, S.IDENTITY, S.LONG_NUMBER, S.DECIMAL, S.FRACTION)
_NOT_TEXT = (*_DATES, S.TIME, S.DURATION, *_NUMBERS, S.YES_NO, S.EMAIL)
_NOT_A_NAME = (*_DATES, S.TIME, S.DURATION, *_NUMBERS, S.YES_NO, S.LONG_TEXT)
_NOT_A_KEY = (*_DATES, S.TIME, S.FRACTION, S.YES_NO, S.PERSON_NAME, S.LONG_TEXT,
              S.RATING_WORD, S.EMAIL)  # fmt: skip
_NOT_AN_IDENTITY = (*_DATES, S.TIME, S.LONG_NUMBER, S.CODE, S.PERSON_NAME, S.LONG_TEXT,
                    S.YES_NO, S.ZERO_ONE, S.DECIMAL, S.FRACTION, S.EMAIL)  # fmt: skip
_NOT_DATE = (S.TIME, S.FRACTION, S.DURATION, S.YES_NO, S.ZERO_ONE, S.SMALL_INTEGER,
             S.IDENTITY, S.LONG_NUMBER, S.DECIMAL, S.PERSON_NAME, S.LONG_TEXT, S.RATING_WORD)  # fmt: skip


@dataclass(frozen=True)
class _Evidence:
    """Value shapes that agree with a field (full or half weight) and that contradict it."""

    fits: tuple[ValueShape, ...]
    contradicts: tuple[ValueShape, ...]
    half_fits: tuple[ValueShape, ...] = ()


_DATETIME_EVIDENCE = _Evidence((S.DATETIME,), _NOT_DATE, half_fits=(S.DATE,))
_DATE_EVIDENCE = _Evidence((S.DATE,), _NOT_DATE, half_fits=(S.DATETIME,))
_TIME_EVIDENCE = _Evidence(
    (S.TIME, S.FRACTION),
    (*_DATES, S.YES_NO, S.ZERO_ONE, S.IDENTITY, S.LONG_NUMBER, S.PERSON_NAME, S.LONG_TEXT),
)
_EVIDENCE: dict[str, _Evidence] = {
    # A decimal key («261000.2167147742», Zendesk chat ids) is neither for nor against.
    "key": _Evidence((S.CODE, S.IDENTITY, S.LONG_NUMBER, S.SMALL_INTEGER, S.TEXT), _NOT_A_KEY),
    "identity_number": _Evidence((S.IDENTITY,), _NOT_AN_IDENTITY),
    # A name fits a person better than a login or an e-mail address.
    "agent": _Evidence((S.PERSON_NAME,), (*_NOT_A_NAME, S.RATING_WORD), (S.TEXT, S.EMAIL)),
    "requester_name": _Evidence((S.PERSON_NAME,), _NOT_A_NAME, (S.TEXT, S.EMAIL)),
    "name_part": _Evidence((S.PERSON_NAME, S.TEXT), _NOT_A_NAME),  # «Quiñones Mosquera»
    "request_type": _Evidence((S.TEXT, S.PERSON_NAME), (*_NOT_TEXT, S.LONG_TEXT)),
    "service": _Evidence((S.TEXT, S.PERSON_NAME), (*_NOT_TEXT, S.LONG_TEXT)),
    # Free text: a code, a name or a rating word is never the text of a request.
    "request_text": _Evidence((S.LONG_TEXT, S.TEXT), (*_NOT_TEXT, S.CODE, S.RATING_WORD)),
    "answer_text": _Evidence((S.LONG_TEXT, S.TEXT), (*_NOT_TEXT, S.CODE, S.RATING_WORD)),
    "crm_registrations": _Evidence(
        (S.SMALL_INTEGER, S.ZERO_ONE),
        (*_DATES, S.TIME, S.IDENTITY, S.LONG_NUMBER, S.PERSON_NAME, S.LONG_TEXT, S.TEXT),
    ),
    "wait_seconds": _Evidence(
        (S.SMALL_INTEGER, S.ZERO_ONE, S.TIME, S.DURATION, S.DECIMAL, S.FRACTION, S.IDENTITY),
        (*_DATES, S.YES_NO, S.PERSON_NAME, S.LONG_TEXT, S.RATING_WORD),
    ),
    "registered_in_crm": _Evidence(
        (S.YES_NO, S.ZERO_ONE),
        (*_DATES, S.TIME, S.SMALL_INTEGER, S.IDENTITY, S.PERSON_NAME, S.LONG_TEXT),
    ),
    # Ratings in words (Excelente, good/bad) are read on the survey's scale.
    "user_rating": _Evidence(
        (S.SMALL_INTEGER, S.ZERO_ONE, S.DECIMAL, S.RATING_WORD),
        (*_DATES, S.TIME, S.PERSON_NAME, S.LONG_TEXT, S.IDENTITY, S.LONG_NUMBER, S.EMAIL),
    ),
}
_FREE_TEXT = frozenset({"request_text", "answer_text"})
_PEOPLE = frozenset({"agent", "requester_name"})
_DATE_KINDS = (FieldKind.DATETIME, FieldKind.DATE)


def _evidence_for(name: str) -> _Evidence:
    kind, part_of = FIELDS_BY_NAME[name].kind, FIELDS_BY_NAME[name].part_of
    if part_of is not None:
        return _EVIDENCE["name_part"]
    if kind is FieldKind.DATETIME:
        return _DATETIME_EVIDENCE
    if kind is FieldKind.DATE:
        return _DATE_EVIDENCE
    if kind is FieldKind.TIME:
        return _TIME_EVIDENCE
    return _EVIDENCE[name]


def _pct(share: float) -> str:
    return f"{round(share * 100)} %"


def value_agreement(
    profile: ColumnProfile, name: str, sample_rows: int, *, named: bool = True
) -> tuple[float, tuple[str, ...], bool]:
    """How well a column's values agree with field ``name``: (factor 0..1, Spanish
    reasons, contradicted). Beyond the shapes that fit or contradict the field: a free
    text must be free text, a 1–5 rating has no numbers above 5, a service column does
    not hold request types, an agent varies from row to row and is not an e-mail.

    ``named``: the column's header names the field (only then are numbers in the range
    of Excel serial dates read as dates).
    """
    if profile.values == 0:
        if sample_rows == 0:
            return 0.9, (), False
        return 0.85, ("la columna está vacía en las primeras filas",), False
    evidence = _evidence_for(name)
    n = profile.values
    weight = min(1.0, n / 10)
    fit = profile.share(*evidence.fits) + 0.5 * profile.share(*evidence.half_fits)
    contra = profile.share(*evidence.contradicts)
    reasons = []
    dominant = profile.dominant()
    if dominant is not None:
        shape, share = dominant
        reasons.append(
            f"{_pct(share)} de {counted(n, 'valor', 'valores')} son {SHAPE_LABELS[shape]}"
        )
    kind = FIELDS_BY_NAME[name].kind
    if named and kind in _DATE_KINDS and profile.serial_dates >= 0.9:
        # 46296 is a day; 46296.715 a day and its time.
        with_time = profile.share(S.DECIMAL) >= 0.5
        fit = 1.0 if with_time == (kind is FieldKind.DATETIME) else 0.5
        contra = max(0.0, contra - profile.serial_dates)
        reasons.append("son fechas escritas como número de serie de Excel (46296 = 01/10/2026)")
    elif named and kind in _DATE_KINDS and profile.compact_dates >= 0.9:
        with_time = profile.share(S.LONG_NUMBER) >= 0.5  # 20261001081500: with its time
        fit = 1.0 if with_time == (kind is FieldKind.DATETIME) else 0.5
        contra = max(0.0, contra - profile.compact_dates)
        reasons.append("son fechas escritas aaaammdd (20261001 = 01/10/2026)")
    elif named and kind is FieldKind.DATETIME and profile.unix_times >= UNIX_MOST:
        fit, contra = 1.0, max(0.0, contra - profile.unix_times)
        reasons.append("son marcas de tiempo Unix (1790860532 = 01/10/2026 08:15:32)")
    against = max(0.0, (contra - 0.3) / 0.7) * weight
    problem, strength = _value_problem(profile, name, named)
    if problem:
        reasons.append(problem)
        against = max(against, strength)
    factor = (0.9 + 0.1 * fit * weight) * (1 - against)
    penalty, why = _value_penalty(profile, name, named)
    if why:
        factor *= penalty
        reasons.append(why)
    contradicted = against >= 0.5
    if contradicted:
        reasons.append(f"esos valores no corresponden a «{FIELDS_BY_NAME[name].label}»")
    return factor, tuple(reasons), contradicted


def _value_problem(profile: ColumnProfile, name: str, named: bool) -> tuple[str, float]:
    """Values ruling a column out for ``name`` whatever its header: (reason, 0..1)."""
    n = profile.values
    sure = 1.0 if n >= 5 else n / 10
    if name in _FREE_TEXT and n >= 3 and profile.share(S.LONG_TEXT) < 0.5:
        if profile.wordy < 0.5:
            return "no es texto libre: son valores cortos de una o dos palabras o códigos", sure
        if n >= 10 and profile.unique < 0.3:
            return (
                "no es texto libre: solo "
                f"{counted(profile.distinct, 'valor distinto', 'valores distintos')} de {n}",
                1.0,
            )
    if name == "user_rating" and profile.above_five >= 0.2:
        return (
            f"{_pct(profile.above_five)} de los valores son mayores que 5: la escala no es de "
            "1 a 5",
            sure,
        )
    if name == "service" and profile.request_types >= 0.8:
        return "son tipos de solicitud (Petición, Queja, Reclamo…), no servicios", sure
    if name == "key" and n >= 10 and profile.share(S.DECIMAL) >= 0.5 and profile.unique < 1:
        return "son números con decimales que se repiten, no radicados", 1.0
    if FIELDS_BY_NAME[name].kind in _DATE_KINDS and profile.share(S.ZERO_ONE, S.YES_NO) >= 0.9:
        return "son casillas (0/1 o sí/no), no fechas", 1.0  # however few: «Answered»
    return "", 0.0


def _value_penalty(profile: ColumnProfile, name: str, named: bool) -> tuple[float, str]:
    """Values that make a column a worse choice for ``name`` (it stays a candidate):
    (factor, reason); (1.0, "") when there is nothing against it."""
    n = profile.values
    if name == "key" and profile.counter:
        return 0.6, "los valores cuentan 1, 2, 3… (numeración de filas, no un radicado)"
    if name == "key" and n >= 10 and profile.unique < 0.6:
        return (
            0.5,
            f"solo {counted(profile.distinct, 'valor distinto', 'valores distintos')} de {n}",
        )
    if name == "agent" and n >= 10 and profile.distinct == 1:
        # A per-agent report may hold one agent; a named column stays a good candidate.
        return (
            0.75 if named else 0.3,
            f"todas las filas tienen el mismo valor («{profile.samples[0]}»): no distingue "
            "funcionarios",
        )
    if name in _PEOPLE and profile.share(S.EMAIL) >= 0.5:
        return 0.8, "son correos electrónicos, no nombres"
    return 1.0, ""


# An answer's date without its time: the hours to the answer would run to midnight.
DAYS_ONLY_REASON = (
    "trae solo la fecha, sin la hora de respuesta: las horas hasta la respuesta se "
    "contarían hasta las 00:00 de ese día"
)


def days_only(profile: ColumnProfile) -> bool:
    """Whether a date column gives days without a time of day (text, cell or serial)."""
    serial_days = profile.serial_dates >= 0.9 and profile.share(S.DECIMAL) < 0.5
    return profile.values >= 3 and (profile.share(S.DATE) >= 0.9 or serial_days)
