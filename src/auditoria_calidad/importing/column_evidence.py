"""What the values of a column are: the evidence that confirms or contradicts a mapping.

A column is profiled on a bounded sample of its first data rows (never the whole file):
each non-blank cell is put in one :class:`ValueShape` (a date with a time, a time of day,
an identity number, a person's name, long free text, yes/no…), and the column gets the
share of each shape, whether its values are unique and whether they count 1, 2, 3…
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

from auditoria_calidad.importing.values import (
    Cell,
    ValueProblem,
    cell_text,
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
    total = sum(shapes.values())
    shares = {shape: count / total for shape, count in shapes.items()} if total else {}
    median = sorted(numbers)[len(numbers) // 2] if numbers and len(numbers) * 2 > total else None
    return ColumnProfile(
        values=total,
        shares=shares,
        distinct=len(texts),
        counter=_is_counter(numbers, total),
        median_number=median,
        samples=tuple(samples),
    )


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
