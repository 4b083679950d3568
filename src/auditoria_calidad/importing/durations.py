"""Waits and durations as exports write them: seconds (95, «95.0»), mm:ss, hh:mm:ss[.fff],
«167s», «2m 47s», «1 min 5 s», ISO 8601 («PT2M47S», as APIs write them), or a time /
timedelta cell of a workbook."""

from __future__ import annotations

import math
import re
from datetime import time, timedelta

from auditoria_calidad.importing.values import NULL_TEXTS, Cell, ValueProblem, cell_text

_DURATION_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_MIN_SEC = re.compile(r"(\d+):(\d{1,2})((?:[.,]\d+)?)")
_HOUR_MIN_SEC = re.compile(r"(\d+):(\d{1,2}):(\d{1,2})((?:[.,]\d+)?)")
# One part of a wait written with units: «167s», «2m 47s», «1 min 5 s», «1 h 05 min».
_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\W\d_]+)\.?(?:\s*,\s*|\s+|$|(?=\d))")
# ISO 8601: «PT2M47S», «PT1H5M», «PT0.5S», «P1DT2H»; at least one part.
_ISO_DURATION = re.compile(
    r"P(?!$)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?",
    re.IGNORECASE,
)
_DURATION_UNITS = {
    **dict.fromkeys(("h", "hr", "hrs", "hora", "horas", "hour", "hours"), 3600),
    **dict.fromkeys(("m", "min", "mins", "minuto", "minutos", "minute", "minutes"), 60),
    **dict.fromkeys(
        ("s", "seg", "segs", "segundo", "segundos", "sec", "secs", "second", "seconds"), 1
    ),
}


def _seconds(whole: str, fraction: str) -> int:
    """The seconds of «47» or «47.500», rounded as a number of seconds is."""
    if not fraction:
        return int(whole)
    return round(float(whole + "." + fraction[1:]))


def _duration_with_units(s: str) -> int | None:
    """Seconds of «167s», «2m 47s», «1 min 5 s», «1 h 2 min», «1,5 min»; ``None`` unless
    the whole text is numbers with units, from hours down to seconds, each unit once, a
    fraction only in the last one and a part after the first one below 60."""
    total = 0.0
    position, last_factor, end = 0, 3601, len(s)
    while position < end:
        m = _DURATION_PART.match(s, position)
        if m is None or last_factor == 0:  # last_factor 0: a fraction came before
            return None
        factor = _DURATION_UNITS.get(m.group(2).lower())
        if factor is None or factor >= last_factor:
            return None
        number = m.group(1)
        amount = float(number.replace(",", "."))
        if last_factor <= 3600 and amount >= 60:
            return None
        total += amount * factor
        last_factor = 0 if not number.isdigit() else factor
        position = m.end()
    return round(total) if position else None


def parse_duration(cell: Cell) -> int | None:
    """Seconds: 95, "95.0", mm:ss, hh:mm:ss[.fff], «167s», «2m 47s», «1 min 5 s», «PT2M47S»,
    or a time/timedelta cell. Fractions of a second are rounded."""
    if isinstance(cell, str):
        s = cell.strip()
        if not s:
            return None
        if _DURATION_NUMBER.fullmatch(s):
            return round(float(s.replace(",", ".")))
        m = _MIN_SEC.fullmatch(s)
        if m is not None and int(m.group(2)) < 60:
            return int(m.group(1)) * 60 + _seconds(m.group(2), m.group(3))
        m = _HOUR_MIN_SEC.fullmatch(s)
        if m is not None and int(m.group(2)) < 60 and int(m.group(3)) < 60:
            return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + _seconds(m.group(3), m.group(4))
        with_units = _duration_with_units(s)
        if with_units is not None:
            return with_units
        m = _ISO_DURATION.fullmatch(s)
        if m is not None:
            days, hours, minutes, seconds = (
                float((g or "0").replace(",", ".")) for g in m.groups()
            )
            return round(((days * 24 + hours) * 60 + minutes) * 60 + seconds)
        if s in NULL_TEXTS:
            return None
        if s.startswith("-"):
            raise ValueProblem(f"La duración no puede ser negativa: '{s}'")
        raise ValueProblem(f"La duración no es un número: '{s}'")
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if not math.isfinite(cell):
            raise ValueProblem(f"La duración no es un número: '{cell}'")
        if cell < 0:
            raise ValueProblem(f"La duración no puede ser negativa: '{cell_text(cell)}'")
        return round(cell)
    if isinstance(cell, timedelta) and cell >= timedelta(0):
        return round(cell.total_seconds())
    if isinstance(cell, time):
        return cell.hour * 3600 + cell.minute * 60 + cell.second
    if cell is None:
        return None
    raise ValueProblem(f"La duración no es un número: '{cell_text(cell)}'")
