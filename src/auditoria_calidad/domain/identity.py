"""The one way an identity number is shown masked (Ley 1581 de 2012).

Every window, workbook, PDF and command line output shows an identity number either
whole (to a user with the right to see it, in an output that stays in the office) or as
``******4567``: six asterisks and its last four digits, whatever its length or spelling.
"""

from __future__ import annotations

__all__ = ["MASK", "mask_identity", "shown_identity"]

MASK = "******"
_VISIBLE = 4


def _digits(number: str) -> str:
    # "1.025.595.332", "1 025 595 332" and "1-025-595-332" are the same number: drop the
    # separators so that no full number survives in another spelling. Asterisks are kept,
    # so that masking a masked number changes nothing.
    return "".join(ch for ch in number if ch.isalnum() or ch == "*")


def mask_identity(number: str | None) -> str:
    """``******`` and the last four digits («1.025.595.332» → «******5332»).

    A number of four characters or fewer is masked whole; an empty one stays empty.
    """
    digits = _digits(str(number or "").strip())
    if not digits:
        return ""
    if len(digits) <= _VISIBLE:
        return MASK
    return MASK + digits[-_VISIBLE:]


def shown_identity(number: str | None, show_full: bool) -> str:
    """The number as an output may print it: whole when ``show_full``, else masked."""
    if show_full:
        return _digits(str(number or "").strip())
    return mask_identity(number)
