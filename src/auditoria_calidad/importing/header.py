"""The header of an export: the row that holds it (below a title banner if there is
one), and which fields each of its cells names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from auditoria_calidad.domain.fields import FIELDS_BY_NAME, Channel, FieldKind, fields_for
from auditoria_calidad.importing.mapping import guess_mapping, halves_of
from auditoria_calidad.importing.synonyms import (
    HeaderForm,
    HeaderMatch,
    generic_field,
    header_form,
    header_matches,
    names_later_moment,
    normalize_header,
    rating_scale,
    without_scale,
)
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


# -- what each header names ---------------------------------------------------------------


def header_reason(form: HeaderForm, match: HeaderMatch, name: str) -> str:
    """Spanish: how the header names field ``name``."""
    label = FIELDS_BY_NAME[name].label
    if match.how == "genérico":
        return f"encabezado «{form.text}» (genérico: solo dice que es una fecha u hora)"
    if match.how == "contiene":
        return f"encabezado «{form.text}» (contiene un sinónimo de {label})"
    if match.how == "hora":
        return f"encabezado «{form.text}» (nombra la hora, pero la columna trae fecha y hora)"
    return f"encabezado «{form.text}» (sinónimo de {label})"


def header_weights(forms: Sequence[HeaderForm], channel: Channel) -> list[dict[str, HeaderMatch]]:
    """Per column, the fields its header names; a time header also names its date-time."""
    names = [spec.name for spec in fields_for(channel)]
    out = []
    for form in forms:
        matches = header_matches(form, names)
        for name in list(matches):
            spec = FIELDS_BY_NAME[name]
            target = spec.combines_into
            if spec.kind is FieldKind.TIME and target:
                # "Created time" may hold whole date-times: then it is the date-time.
                weight = matches[name].weight * 0.9
                if weight > matches.get(target, HeaderMatch(0.0, "")).weight:
                    matches[target] = HeaderMatch(weight, "hora")
            if spec.kind is FieldKind.DATETIME:
                halves = halves_of(name)
                if halves and matches[name].how != "hora":
                    matches.setdefault(halves[0], matches[name])
        _offer_generic_to_later_fields(form, matches, names)
        if "user_rating" in names and "user_rating" not in matches and rating_scale(form.text):
            # «Calificación /10» names the rating (on another scale: never mapped alone)
            scaled = header_matches(header_form(without_scale(form.text)), ["user_rating"])
            matches.update(scaled)
        out.append(matches)
    return out


GENERIC_LATER = 0.4  # a generic «Fecha (2)» as the answer: listed, never chosen alone


def _offer_generic_to_later_fields(
    form: HeaderForm, matches: dict[str, HeaderMatch], names: Sequence[str]
) -> None:
    """A generic «Fecha»/«Hora» may as well be the answer's: a weak candidate of it, so
    that the question lists it (a file of «Fecha», «Hora», «Fecha (2)», «Hora (2)»)."""
    generic = generic_field(form)
    if generic is None:
        return
    later = {"received_at": ("answered_at", "answered_date"), "received_time": ("answered_time",)}
    for name in later.get(generic, ()):
        if name in names:
            matches.setdefault(name, HeaderMatch(GENERIC_LATER, "genérico"))


def named_elsewhere(matches: Mapping[str, HeaderMatch], name: str) -> str | None:
    """The label of another field that the header names plainly, if any."""
    spec = FIELDS_BY_NAME[name]
    whole = spec.combines_into or name
    related = {whole, *(halves_of(whole) or ())}
    others = [
        (m.weight, other) for other, m in matches.items()
        if other not in related and m.weight >= 0.8 and m.how != "genérico"
    ]  # fmt: skip
    if not others:
        return None
    return FIELDS_BY_NAME[max(others)[1]].label


def names_another_moment(form: HeaderForm, matches: Mapping[str, HeaderMatch]) -> bool:
    """True for a date header of another moment: «End Date», «Fecha de respuesta»."""
    if names_later_moment(form):
        return True
    dates = (FieldKind.DATETIME, FieldKind.DATE)
    return any(
        m.how != "genérico" and m.weight >= 0.5 and FIELDS_BY_NAME[n].kind in dates
        and n not in ("received_at", "received_date")
        for n, m in matches.items()
    )  # fmt: skip
