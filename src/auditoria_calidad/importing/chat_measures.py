"""The user's rating and the queue wait of a chat, as chat platforms write them.

**Rating scale.** ``user_rating`` is stored on the 1–5 scale of the F182 survey. Numbers
are read as they are (``4``, ``4,5``) and must lie within 1–5. Words and symbols are
mapped: Excelente / Muy buena / Very good = 5, Buena / Good = 4 when the platform also
uses «Excelente», Regular = 3, Mala / Bad = 2 when the platform also uses «Muy mala»,
Muy mala / Pésima / Very bad = 1; likewise Muy satisfecho 5, Satisfecho 4, Ni satisfecho ni
insatisfecho 3, Insatisfecho 2, Muy insatisfecho 1. A two-valued survey (good/bad, 👍/👎,
«rated good» / «rated bad», Sí/No, Buena/Mala or Satisfecho/Insatisfecho without a stronger
word) is the two ends of the scale: 5 and 1; a three-valued one (Happy / Neutral / Sad,
Feliz / Neutral / Triste) is 5, 3 and 1, unless the column also says «Very happy» (then
Very happy 5, Happy 4, Neutral 3, Unhappy 2, Very unhappy 1). Five faces from 😍 to 😡 are 5 to 1 (the
smile 😀 is then a 4). «4/5», «4 de 5», «4 estrellas» and ★★★★☆ are 4.
«Sin calificar», «not rated», «N/A» are no rating. Anything else is a row error: a word
rating is never guessed, nor rejected as "not a number".

**Waits** are seconds. A header that names its unit decides: «(ms)», «milisegundos»,
«milliseconds» → thousandths; «(min)», «minutos» → minutes; «(s)», «segundos» →
seconds. Text such as ``00:01:35`` and time cells are read as hh:mm:ss whatever the
unit. A wait longer than 24 hours is a row error; so is a plain number of 10,000 or more
under a header without a unit, which could be seconds or milliseconds (unless every
value of the first rows is that large: then the column is in milliseconds, and a note
says so).
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from collections.abc import Iterable

from auditoria_calidad.importing.durations import parse_duration
from auditoria_calidad.importing.values import Cell, ValueProblem, cell_text, is_null_text

RATING_MIN = 1.0
RATING_MAX = 5.0
MAX_WAIT_SECONDS = 24 * 3600
# A plain number this large under a header without a unit may be milliseconds.
AMBIGUOUS_WAIT = 10_000

# Words of a graded survey (Excelente … Pésima), on the 1–5 scale.
_GRADED = {
    "excelente": 5.0, "muy buena": 5.0, "muy bueno": 5.0, "excellent": 5.0,
    "very good": 5.0, "great": 5.0, "buena": 4.0, "bueno": 4.0, "good": 4.0,
    "regular": 3.0, "aceptable": 3.0, "neutral": 3.0, "average": 3.0, "ok": 3.0,
    "mala": 2.0, "malo": 2.0, "bad": 2.0, "poor": 2.0, "muy mala": 1.0, "muy malo": 1.0,
    "pesima": 1.0, "pesimo": 1.0, "very bad": 1.0, "terrible": 1.0, "awful": 1.0,
    # the satisfaction scale of CSAT surveys (Botmaker, Treble, Sirena…)
    "muy satisfecho": 5.0, "muy satisfecha": 5.0, "satisfecho": 4.0, "satisfecha": 4.0,
    "ni satisfecho ni insatisfecho": 3.0, "ni satisfecha ni insatisfecha": 3.0,
    "insatisfecho": 2.0, "insatisfecha": 2.0, "muy insatisfecho": 1.0,
    "muy insatisfecha": 1.0, "very satisfied": 5.0, "satisfied": 4.0,
    "neither satisfied nor dissatisfied": 3.0, "dissatisfied": 2.0, "unsatisfied": 2.0,
    "very dissatisfied": 1.0, "very unsatisfied": 1.0,
    # a three-face survey (Zoho SalesIQ): its ends and its middle («Neutral», above)
    "happy": 5.0, "feliz": 5.0, "sad": 1.0, "unhappy": 1.0, "triste": 1.0,
}  # fmt: skip
# The same words in a two-valued survey: the ends of the scale.
_BINARY = {
    "buena": 5.0, "bueno": 5.0, "good": 5.0, "rated good": 5.0, "positiva": 5.0,
    "positive": 5.0, "satisfecho": 5.0, "satisfecha": 5.0, "satisfied": 5.0, "like": 5.0,
    "si": 5.0, "yes": 5.0, "no": 1.0, "positivo": 5.0, "mala": 1.0, "malo": 1.0, "bad": 1.0, "rated bad": 1.0,
    "negativa": 1.0, "negativo": 1.0, "negative": 1.0, "insatisfecho": 1.0,
    "insatisfecha": 1.0, "unsatisfied": 1.0, "dissatisfied": 1.0, "dislike": 1.0,
    "happy": 5.0, "feliz": 5.0, "sad": 1.0, "unhappy": 1.0, "triste": 1.0,
}  # fmt: skip
_THUMBS = {"👍": 5.0, "👎": 1.0, "😀": 5.0, "😊": 4.0, "🙂": 4.0, "😐": 3.0, "😕": 2.0, "🙁": 2.0,
           "😞": 1.0}  # fmt: skip
# Five faces from «love» to «angry» (Freshchat, Zendesk…): the smile is then the 4.
_FIVE_FACES = {"😍": 5.0, "🤩": 5.0, "😀": 4.0, "😃": 4.0, "😊": 4.0, "🙂": 4.0, "😐": 3.0,
               "😕": 2.0, "🙁": 2.0, "😞": 2.0, "😠": 1.0, "😡": 1.0}  # fmt: skip
_FACE_ENDS = frozenset({"😍", "🤩", "😠", "😡"})
# The happy–unhappy survey with five words: «happy» is then the 4.
_HAPPY_FIVE = {
    "very happy": 5.0, "muy feliz": 5.0, "happy": 4.0, "feliz": 4.0, "neutral": 3.0,
    "unhappy": 2.0, "sad": 2.0, "triste": 2.0, "very unhappy": 1.0, "very sad": 1.0,
    "muy triste": 1.0,
}  # fmt: skip
_HAPPY_ENDS = frozenset({"very happy", "muy feliz", "very unhappy", "very sad", "muy triste"})
# «4/5», «4 de 5», «4 estrellas», «4 stars»
_OUT_OF_FIVE = re.compile(
    r"(?P<n>\d+(?:[.,]\d+)?)\s*(?:/\s*5|de\s+5|out\s+of\s+5|estrellas?|stars?)", re.I
)
_STARS = frozenset("★☆")
_NO_RATING = frozenset(
    {"sin calificar", "sin calificacion", "no calificado", "not rated", "unrated", "n/a",
     "na", "n.a.", "ninguna", "none", "-", "no aplica", "offered", "ofrecida",
     "sin valoracion", "no valorado", "no valorada", "sin evaluar", "sin encuesta",
     "no respondio", "no respondio la encuesta", "not answered", "no response"}
)  # fmt: skip
_GRADED_ONLY = frozenset({"excelente", "excellent", "very good", "muy buena", "muy bueno",
                          "regular", "muy mala", "muy malo", "pesima", "pesimo", "very bad",
                          "great", "average", "neutral", "aceptable", "poor", "terrible",
                          "awful", "muy satisfecho", "muy satisfecha", "muy insatisfecho",
                          "muy insatisfecha", "ni satisfecho ni insatisfecho",
                          "ni satisfecha ni insatisfecha", "very satisfied",
                          "very dissatisfied", "very unsatisfied",
                          "neither satisfied nor dissatisfied"})  # fmt: skip


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("\u200b", "").split()).rstrip(".")


def _in_scale(value: float, shown: str) -> float:
    if not RATING_MIN <= value <= RATING_MAX:
        raise ValueProblem(
            f"La calificación {shown} está fuera de la escala de {RATING_MIN:g} a {RATING_MAX:g}"
        )
    return value


class RatingReader:
    """Reads the ratings of one column; words are read on the graded or two-valued scale."""

    def __init__(self, graded: bool = False) -> None:
        self.graded = graded
        self.faces = _THUMBS
        self.happy_five = False  # «Very happy» seen: the five-word happy scale
        self._cache: dict[str, float | None] = {}

    def calibrate(self, samples: Iterable[Cell]) -> None:
        """A column that uses a graded word (Excelente, Regular, Muy satisfecho…) is read
        as graded; one with the «love» or «angry» face, on the five-face scale."""
        for cell in samples:
            if isinstance(cell, str):
                if _folded(cell) in _GRADED_ONLY:
                    self.graded = True
                if _folded(cell) in _HAPPY_ENDS:
                    self.happy_five = True
                if cell.strip() in _FACE_ENDS:
                    self.faces = _FIVE_FACES

    def __call__(self, cell: Cell) -> float | None:
        if isinstance(cell, str):
            if cell in self._cache:
                return self._cache[cell]
            value = self._text(cell)
            if len(self._cache) < 1000:
                self._cache[cell] = value
            return value
        if isinstance(cell, bool):
            raise ValueProblem(f"Calificación ilegible: '{cell_text(cell)}'")
        if isinstance(cell, (int, float)) and math.isfinite(cell):
            return _in_scale(float(cell), cell_text(cell))
        if cell is None:
            return None
        raise ValueProblem(f"Calificación ilegible: '{cell_text(cell)}'")

    def _text(self, text: str) -> float | None:
        s = text.strip()
        if not s:
            return None
        number = s.replace(",", ".")
        try:
            value = float(number)
        except ValueError:
            pass
        else:
            if math.isfinite(value):
                return _in_scale(value, s)
        if s in self.faces:
            return self.faces[s]
        if s in _THUMBS:
            return _THUMBS[s]
        out_of_five = _OUT_OF_FIVE.fullmatch(s)
        if out_of_five:
            return _in_scale(float(out_of_five["n"].replace(",", ".")), s)
        if s and set(s) <= _STARS and len(s) == 5:  # ★★★☆☆
            return _in_scale(float(s.count("★")), s)
        word = _folded(s)
        if word in _NO_RATING or is_null_text(s):
            return None
        if self.happy_five and word in _HAPPY_FIVE:
            return _HAPPY_FIVE[word]
        if word in _HAPPY_ENDS:
            raise ValueProblem(
                f"Calificación «{s}» en una columna que en sus primeras filas solo tiene "
                "tres valores (feliz/neutral/triste): no se sabe en qué escala leerla"
            )
        if not self.graded and word in _GRADED_ONLY:
            raise ValueProblem(
                f"Calificación «{s}» en una columna que en sus primeras filas solo tiene "
                "dos valores (buena/mala): no se sabe en qué escala leerla"
            )
        found = (_GRADED if self.graded else _BINARY).get(word)
        if found is None:
            raise ValueProblem(
                f"Calificación ilegible: '{s}' (se esperaba un número de 1 a 5 o una palabra "
                "como Excelente, Buena, Regular, Mala)"
            )
        return found


class WaitUnit(enum.Enum):
    """The unit of the plain numbers of a wait column."""

    SECONDS = 1
    MILLISECONDS = 2
    MINUTES = 3
    UNKNOWN = 4  # no unit in the header: seconds, but large numbers are ambiguous
    DAYS = 5  # fractions of a day: Excel times that lost their format (0.0011 = 00:01:35)


_UNIT_WORDS = {
    "ms": WaitUnit.MILLISECONDS, "msec": WaitUnit.MILLISECONDS,
    "milisegundos": WaitUnit.MILLISECONDS, "milliseconds": WaitUnit.MILLISECONDS,
    "millis": WaitUnit.MILLISECONDS, "min": WaitUnit.MINUTES, "minutos": WaitUnit.MINUTES,
    "minutes": WaitUnit.MINUTES, "mins": WaitUnit.MINUTES, "s": WaitUnit.SECONDS,
    "seg": WaitUnit.SECONDS, "segs": WaitUnit.SECONDS, "segundos": WaitUnit.SECONDS,
    "seconds": WaitUnit.SECONDS, "sec": WaitUnit.SECONDS, "secs": WaitUnit.SECONDS,
}  # fmt: skip


def wait_unit_of_header(header: str) -> WaitUnit:
    """The unit a wait column's header names, e.g. «Tiempo de espera (ms)»."""
    words = "".join(c if c.isalnum() else " " for c in _folded(header)).split()
    for word in reversed(words):
        unit = _UNIT_WORDS.get(word)
        if unit is not None:
            return unit
    return WaitUnit.UNKNOWN


class WaitReader:
    """Reads the waits of one column into whole seconds."""

    def __init__(self, unit: WaitUnit) -> None:
        self.unit = unit

    def calibrate(self, samples: Iterable[Cell]) -> str | None:
        """Under a header without a unit, a column whose numbers are all large is in
        milliseconds, and one whose numbers are all fractions below 1 holds Excel times
        (fractions of a day) that lost their format; returns how the column was read
        (Spanish, to follow «se leyeron»), or ``None``.

        Raises `ValueProblem` when the first rows mix numbers below and above
        `AMBIGUOUS_WAIT`: read row by row, the small ones would be taken as seconds and the
        large ones refused, while the whole column has one unit (most likely
        milliseconds, but that is not certain). The header must say it."""
        if self.unit is not WaitUnit.UNKNOWN:
            return None
        # 0 is 0 in any unit: it says nothing
        numbers = [n for n in (_plain_number(c) for c in samples) if n]
        if numbers and all(n >= AMBIGUOUS_WAIT for n in numbers):
            self.unit = WaitUnit.MILLISECONDS
            return "en milisegundos (todos sus valores son de 10.000 o más)"
        if numbers and all(n < 1 for n in numbers):
            self.unit = WaitUnit.DAYS
            return (
                "como horas de Excel sin formato (todos sus valores son fracciones de día, "
                "menores que 1: 0,0011 es 00:01:35)"
            )
        if any(n >= AMBIGUOUS_WAIT for n in numbers):
            low, high = (f"{n:,.0f}".replace(",", ".") for n in (min(numbers), max(numbers)))
            raise ValueProblem(
                f"los tiempos de espera van de {low} a {high} sin unidad en el encabezado: "
                "no se sabe si son segundos o milisegundos"
            )
        return None

    def __call__(self, cell: Cell) -> int | None:
        number = _plain_number(cell)
        if number is None:
            seconds = parse_duration(cell)
        elif self.unit is WaitUnit.MILLISECONDS:
            seconds = round(number / 1000)
        elif self.unit is WaitUnit.MINUTES:
            seconds = round(number * 60)
        elif self.unit is WaitUnit.DAYS:
            seconds = round(number * 86_400)
        else:
            if self.unit is WaitUnit.UNKNOWN and number >= AMBIGUOUS_WAIT:
                raise ValueProblem(
                    f"Tiempo de espera {cell_text(cell).strip()}: no se sabe si son segundos o "
                    "milisegundos; indique la unidad en el encabezado, p. ej. «Tiempo de "
                    "espera (ms)» o «Tiempo de espera (s)»"
                )
            seconds = round(number)
        if seconds is not None and seconds > MAX_WAIT_SECONDS:
            raise ValueProblem(
                f"Tiempo de espera imposible: {cell_text(cell).strip()} (más de 24 horas)"
            )
        return seconds


def _plain_number(cell: Cell) -> float | None:
    """A non-negative plain number (not a time), or ``None`` when the cell is not one."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return float(cell) if math.isfinite(cell) and cell >= 0 else None
    if isinstance(cell, str):
        s = cell.strip()
        digits = s.replace(",", "", 1).replace(".", "", 1)
        # ASCII digits only: "²" or "٣" are digits to str.isdigit, not to float().
        if digits.isascii() and digits.isdigit():
            return float(s.replace(",", "."))
    return None
