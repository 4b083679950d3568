"""What two columns say together, row by row: a date-time that repeats a date column and a
time column, an arrival that never comes after a start, a name column that already holds
the surnames of another."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from auditoria_calidad.importing.values import (
    Cell,
    ValueProblem,
    cell_text,
    folded,
    parse_date,
    parse_datetime,
    parse_datetime_month_first,
    parse_time,
)


def same_moments(
    rows: Sequence[Sequence[Cell]], moment: int, day: int, clock: int, limit: int = 100
) -> bool:
    """True when column ``moment`` holds, row by row, the date of ``day`` at the time of
    ``clock`` (Five9: «TIMESTAMP» beside «DATE» and «TIME»)."""
    compared = 0
    for row in rows[:limit]:
        if max(moment, day, clock) >= len(row):
            continue
        cells = row[moment], row[day], row[clock]
        if any(c is None or c == "" for c in cells):
            continue
        try:
            at, on, clock_time = (
                parse_datetime(cells[0]),
                parse_date(cells[1]),
                parse_time(cells[2]),
            )
        except ValueProblem:
            return False
        if at is None or on is None or clock_time is None:
            return False
        if at != datetime.combine(on, clock_time):
            return False
        compared += 1
    return compared >= 3


_READERS: tuple[Callable[[Cell], datetime | None], ...] = (
    parse_datetime,
    parse_datetime_month_first,
)


def never_after(rows: Sequence[Sequence[Cell]], first: int, second: int) -> bool:
    """True when column ``first`` holds, in at least three rows and however its text dates
    are read (day or month first), moments no later than column ``second``'s, and earlier
    in at least one row."""
    pairs = _both_filled(rows, first, second)
    if len(pairs) < 3:
        return False
    readable = 0
    for read in _READERS:
        try:
            moments = [(read(a), read(b)) for a, b in pairs]
        except ValueProblem:
            continue
        readable += 1
        if any(a is None or b is None or a > b for a, b in moments):
            return False
        if not any(a < b for a, b in moments):  # type: ignore[operator]
            return False
    return readable > 0


def share_holding(rows: Sequence[Sequence[Cell]], whole: int, part: int) -> float | None:
    """The share of the rows where both are filled in which column ``whole``'s words
    include all of column ``part``'s («María José Rodríguez Gómez» holds «Rodríguez
    Gómez»), accents and case aside; ``None`` with fewer than three such rows."""
    pairs = [
        (set(folded(cell_text(w)).split()), set(folded(cell_text(p)).split()))
        for w, p in _both_filled(rows, whole, part)
    ]
    pairs = [(w, p) for w, p in pairs if w and p]
    if len(pairs) < 3:
        return None
    return sum(1 for w, p in pairs if p <= w) / len(pairs)


def _both_filled(
    rows: Sequence[Sequence[Cell]], first: int, second: int, limit: int = 200
) -> list[tuple[Cell, Cell]]:
    """The cells of columns ``first`` and ``second`` in the first ``limit`` rows where
    both are filled."""
    return [
        (row[first], row[second])
        for row in rows[:limit]
        if max(first, second) < len(row) and row[first] not in (None, "")
        and row[second] not in (None, "")
    ]  # fmt: skip
