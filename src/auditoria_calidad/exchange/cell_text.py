"""Which texts a workbook must store as text, and how a text fits in one cell.

Text from a CRM export or typed by a person may begin with "=", "+", "-" or "@" (or a
tab / carriage return, which some spreadsheet programs strip first): written as is, a
spreadsheet program would take it for a formula (CSV/formula injection). Every writer
stores such text as a string cell with the quote prefix, exactly like typing an
apostrophe before it; the writers set the flag, this module decides when.
"""

from __future__ import annotations

import re

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32_767  # Excel's limit per cell
_CUT_NOTE = "… [texto recortado: supera el límite de una celda de Excel]"
# The control characters XML 1.0 forbids (tab, line feed and carriage return are allowed).
_ILLEGAL_CHARACTERS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet program would read ``text`` as a formula."""
    return text.startswith(FORMULA_PREFIXES)


def safe_text(value: str) -> str:
    """Text without the control characters XML forbids, within Excel's cell limit."""
    text = _ILLEGAL_CHARACTERS.sub("", value)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(_CUT_NOTE)] + _CUT_NOTE
    return text
