"""How sure the import is of each field's column, in words (never only a colour), and
why: the candidate columns of a field with their sample values and reasons."""

from __future__ import annotations

import enum
from html import escape
from typing import TYPE_CHECKING

from auditoria_calidad.domain.fields import FIELDS_BY_NAME

if TYPE_CHECKING:
    from auditoria_calidad.services.imports import MappingGuess


class Confidence(enum.Enum):
    """The state of one field in the mapping dialog: (label, colour)."""

    SURE = ("segura", "#1e6b3a")
    PROFILE = ("del perfil guardado", "#1e6b3a")
    CHOSEN = ("elegida por usted", "#1e6b3a")
    DOUBTFUL = ("dudosa: elija la columna", "#9a5b00")
    MISSING = ("falta: elija la columna", "#b42318")
    NONE = ("sin columna", "#7b8794")

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def colour(self) -> str:
        return self.value[1]


def percent(score: float) -> str:
    return f"{round(score * 100)} %"


def related_fields(name: str) -> set[str]:
    """``name`` with the fields it combines with: a date-and-time field and its date and
    time halves stand for one another (choosing the halves settles the whole)."""
    spec = FIELDS_BY_NAME[name]
    whole = spec.combines_into or name
    return {whole} | {f.name for f in FIELDS_BY_NAME.values() if f.combines_into == whole}


def whole_is_settled(guess: MappingGuess, name: str) -> bool:
    """Whether ``name`` is the date or the time alone of a date-and-time field whose column
    is certain (then its own candidates are not a doubt to settle)."""
    whole = guess.fields.get(FIELDS_BY_NAME[name].combines_into or "")
    return whole is not None and whole.certain and whole.column is not None


def candidates_line(guess: MappingGuess, name: str, limit: int = 3) -> str:
    """«Candidatas: «Fecha» (01/10/2026, 02/10/2026) · «Creado» (…)», for under a combo."""
    field = guess.fields.get(name)
    if field is None or not field.candidates:
        return ""
    parts = []
    for candidate in field.candidates[:limit]:
        samples = ", ".join(s if len(s) <= 24 else s[:23] + "…" for s in candidate.samples[:1])
        parts.append(f"«{candidate.header}»" + (f" ({samples})" if samples else ""))
    return "Candidatas: " + " · ".join(parts)


def explanation_html(guess: MappingGuess | None, name: str, label: str) -> str:
    """The «¿Por qué?» panel of one field: each candidate with its score, samples and why."""
    title = f"<b>{escape(label)}</b>"
    field = guess.fields.get(name) if guess is not None else None
    if field is None or not field.candidates:
        return f"{title}: ninguna columna del archivo parece contener este campo."
    if field.column is not None and field.certain:
        chosen = f"se eligió «{escape(field.column.header)}» ({percent(field.confidence)})."
    elif field.column is not None:
        chosen = (
            f"la mejor es «{escape(field.column.header)}» ({percent(field.confidence)}), "
            "pero no es segura: elija la columna."
        )
    else:
        chosen = "ninguna columna es lo bastante segura: elija la columna."
    items = []
    for candidate in field.candidates:
        samples = ", ".join(f"«{escape(s)}»" for s in candidate.samples) or "(sin valores)"
        reasons = "".join(f"<li>{escape(r)}</li>" for r in candidate.reasons)
        items.append(
            f"<p style='margin:6px 0 0 0'><b>«{escape(candidate.header)}»</b> "
            f"(columna {candidate.index + 1}, {percent(candidate.score)})<br>"
            f"Valores: {samples}</p><ul style='margin:2px 0 0 0'>{reasons}</ul>"
        )
    return f"{title}: {chosen}" + "".join(items)


def reasons_tooltip(guess: MappingGuess | None, name: str) -> str:
    """Plain-text reasons of the column chosen for ``name`` (the confidence's tooltip)."""
    field = guess.fields.get(name) if guess is not None else None
    if field is None or not field.candidates:
        return ""
    best = field.candidates[0]
    return "\n".join([f"«{best.header}» ({percent(best.score)}):", *best.reasons])
