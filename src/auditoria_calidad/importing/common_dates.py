"""The two ways nearly every export writes a date-time, read without a regex: the fast
path of ``values.parse_datetime``."""

from __future__ import annotations

from datetime import datetime


def fast_datetime(s: str, min_year: int, max_year: int) -> datetime | None:
    """dd/mm/aaaa [hh:mm[:ss]] and ISO 8601 without a regex; ``None`` for anything else.

    Most exports write every date one of these ways; the general path below handles
    the rest and words the problems (``values.parse_datetime``). Years outside
    ``min_year``–``max_year`` are left to it as well.
    """
    n = len(s)
    if n >= 10 and s[4] == "-":
        try:
            value = datetime.fromisoformat(s)
        except ValueError:
            return None
        if value.tzinfo is None and min_year <= value.year <= max_year:
            return value.replace(microsecond=0)
        return None
    if s[2:3] != "/" or s[5:6] != "/":
        return None
    if n == 10:
        digits = s[6:10] + s[3:5] + s[0:2] + "000000"
    elif n == 16 and s[10] == " " and s[13] == ":":
        digits = s[6:10] + s[3:5] + s[0:2] + s[11:13] + s[14:16] + "00"
    elif n == 19 and s[10] == " " and s[13] == ":" and s[16] == ":":
        digits = s[6:10] + s[3:5] + s[0:2] + s[11:13] + s[14:16] + s[17:19]
    else:
        return None
    if not (digits.isdigit() and digits.isascii()):
        return None
    try:
        value = datetime(
            int(digits[0:4]),
            int(digits[4:6]),
            int(digits[6:8]),
            int(digits[8:10]),
            int(digits[10:12]),
            int(digits[12:14]),
        )
    except ValueError:
        return None
    return value if min_year <= value.year <= max_year else None
