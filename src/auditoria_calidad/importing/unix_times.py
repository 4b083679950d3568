"""Unix times: the moments messaging APIs and chat platforms write as the seconds (or
milliseconds) since 1 January 1970 in UTC, e.g. «1790860532» for 1 October 2026 08:15:32
in Colombia.

A number is a Unix time only in a column the header names as a date and whose numbers
are, nearly all, times of 2000–2099 in seconds (10 digits) or milliseconds (13 digits):
one such number alone may as well be a cédula. Such a column is read in Colombian time
(UTC-5) and the summary says so.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

from auditoria_calidad.importing.values import Cell, ValueProblem, cell_text

_UNIX_EPOCH_IN_COLOMBIA = datetime(1970, 1, 1) - timedelta(hours=5)
_FIRST, _LAST = 946_684_800, 4_102_444_800  # 2000-01-01 and 2100-01-01, in seconds
MOST = 0.9  # share of a column's numbers that must be Unix times


def _seconds(cell: Cell) -> float | None:
    """The cell's Unix time in seconds, or ``None`` when it is not one of 2000–2099."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        number = float(cell)
    elif isinstance(cell, str) and (digits := cell.strip().replace(".", "", 1)).isdigit():
        if not digits.isascii():  # «¹» or «٣» are digits to str.isdigit, not to float()
            return None
        number = float(cell.strip())
    else:
        return None
    return _in_seconds(number)


def _in_seconds(number: float) -> float | None:
    if not math.isfinite(number):
        return None
    for scale in (1, 1000):  # seconds, then milliseconds
        if _FIRST <= number / scale < _LAST:
            return number / scale
    return None


def is_unix_time(number: float) -> bool:
    """Whether ``number`` reads as a Unix time of 2000–2099, in seconds or milliseconds."""
    return _in_seconds(number) is not None


def unix_time_share(cells: Sequence[Cell]) -> float:
    """The share of the non-blank ``cells`` that are Unix times of 2000–2099."""
    filled = [c for c in cells if cell_text(c).strip()]
    return sum(_seconds(c) is not None for c in filled) / len(filled) if filled else 0.0


def parse_unix_time(cell: Cell) -> datetime | None:
    """The Colombian date and time of a Unix time (seconds or milliseconds, UTC)."""
    if not cell_text(cell).strip():
        return None
    seconds = _seconds(cell)
    if seconds is None:
        raise ValueProblem(f"No es una marca de tiempo Unix: '{cell_text(cell).strip()}'")
    return _UNIX_EPOCH_IN_COLOMBIA + timedelta(seconds=round(seconds))


def unix_times_note(header: str) -> str:
    return (
        f"«{header}» trae marcas de tiempo Unix (segundos desde 1970, en UTC): se pasaron a "
        "la hora de Colombia (UTC-5)."
    )
