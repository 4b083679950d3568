"""Columns of a header that hold no field of their own: an export's round-trip columns
(Dynamics 365 «(No modificar) Caso») and headers the file repeats («X (2)», «X (3)»)."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Columns that an export carries for its own round trip (Dynamics 365 «(No modificar)
# Caso», checksums): never data, never kept.
IGNORED_HEADER_PREFIX = "(no modificar)"


_REPEAT_SUFFIX = re.compile(r"(.*) \((\d+)\)")


def repeated_header_columns(headers: Sequence[str], index: int) -> list[int]:
    """The columns whose header repeats that of column ``index`` (the file's header
    names repeats «X (2)», «X (3)»…); ``[]`` when the header is not repeated."""
    header = headers[index]
    match = _REPEAT_SUFFIX.fullmatch(header)
    base = match.group(1) if match and match.group(1) in headers else header
    same = [
        i
        for i, h in enumerate(headers)
        if h == base or ((m := _REPEAT_SUFFIX.fullmatch(h)) is not None and m.group(1) == base)
    ]
    return same if len(same) > 1 and headers[same[0]] == base else []


def ignored_column(header: str) -> bool:
    """True for a column that holds no data of the record (e.g. «(No modificar) Caso»)."""
    return header.lstrip().lower().startswith(IGNORED_HEADER_PREFIX)
