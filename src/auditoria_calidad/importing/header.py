"""Finding the header row of an export, below a title banner if there is one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing.mapping import guess_mapping
from auditoria_calidad.importing.synonyms import normalize_header
from auditoria_calidad.importing.values import Cell, cell_text

HEADER_SEARCH_ROWS = 20


def row_texts(row: Sequence[Cell]) -> list[str]:
    """The cells of a row as text, surrounding spaces removed."""
    return [cell_text(cell).strip() for cell in row]


def is_blank_row(row: Sequence[Cell]) -> bool:
    """True when every cell is empty or only spaces."""
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


def header_score(row: Sequence[Cell], channel: Channel, known: Iterable[str] = ()) -> int:
    """How many fields the cells of ``row`` name, plus how many ``known`` headers it has."""
    texts = row_texts(row)
    score = len(guess_mapping(texts, channel).columns)
    wanted = {normalize_header(h) for h in known} - {""}
    if wanted:
        score += len(wanted & {normalize_header(t) for t in texts})
    return score


def find_header_row(
    rows: Sequence[Sequence[Cell]], channel: Channel, known: Iterable[str] = ()
) -> int | None:
    """Index in ``rows`` of the header: the row naming the most fields (ties: the first).

    ``known`` are header texts of a saved mapping, which count like synonyms. When no
    row names any field, the first non-blank row is taken (the user maps by hand);
    ``None`` when every row is blank.
    """
    known = list(known)
    best_index: int | None = None
    best_score = 0
    first_filled: int | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if is_blank_row(row):
            continue
        if first_filled is None:
            first_filled = index
        score = header_score(row, channel, known)
        if score > best_score:
            best_index, best_score = index, score
    return best_index if best_index is not None else first_filled
