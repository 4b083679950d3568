"""A requester's name written in several columns, as public-sector forms and document
systems write it: «Nombres» and «Apellidos», or «Primer nombre», «Segundo nombre»,
«Primer apellido» and «Segundo apellido», or a «Nombre» beside «Primer Apellido» and
«Segundo Apellido».

The parts are read into one name, joined by a space in that order, so that no record
stores half a name as the requester's. A file's parts are read unattended only when it
gives at least the given names and the surnames (the user may choose otherwise); a
«Nombre» column that already holds the surnames is the whole name, and the surname
columns are left as extra columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from auditoria_calidad.domain.fields import parts_of
from auditoria_calidad.importing.candidate_preferences import ColumnCandidate
from auditoria_calidad.importing.column_pairs import share_holding
from auditoria_calidad.importing.synonyms import HeaderForm
from auditoria_calidad.importing.values import Cell

if TYPE_CHECKING:
    from auditoria_calidad.importing.mapping_inference import FieldGuess

WHOLE = "requester_name"
PARTS = parts_of(WHOLE)
GIVEN, MIDDLE, SURNAMES, SECOND_SURNAME = PARTS
NEEDED = (GIVEN, SURNAMES)  # without both, the parts are not a name
# Share of rows whose «Nombre» holds the surnames beside it: at least HOLDS, the whole
# name; at most HOLDS_NONE, the given names; between, the user chooses (joining would
# write the surnames twice on some rows)
HOLDS, HOLDS_NONE = 0.8, 0.1


def settle_name_parts(chosen: dict[str, ColumnCandidate], rows: Sequence[Sequence[Cell]]) -> None:
    """Decides, in the columns ``chosen`` for each field, between the whole name and its
    parts: a name column beside surname columns is the given names, unless its values
    already hold the surnames (then it is the whole name); when some rows hold them and
    others do not, neither is read unattended."""
    surnames = chosen.get(SURNAMES)
    whole = chosen.get(WHOLE)
    if surnames is not None and whole is not None:
        share = share_holding(rows, whole.index, surnames.index)
        if share is not None and share >= HOLDS:
            _drop_parts(chosen)  # «Nombre completo» beside «Apellidos»: the whole name
            return
        del chosen[WHOLE]
        if share is not None and share > HOLDS_NONE:  # some rows with, some without
            _drop_parts(chosen)  # neither is read unattended: the user chooses
            return
        if GIVEN not in chosen:
            why = f"junto a «{surnames.header}»: son los nombres, sin los apellidos"
            chosen[GIVEN] = replace(whole, reasons=(*whole.reasons, why))
    if not all(name in chosen for name in NEEDED):
        _drop_parts(chosen)


def _drop_parts(chosen: dict[str, ColumnCandidate]) -> None:
    for name in PARTS:
        chosen.pop(name, None)


def without_half_names(fields: dict[str, FieldGuess], forms: Sequence[HeaderForm]) -> None:
    """Takes out of ``fields`` the half names a guess would read unattended: the parts of
    the requester's name without both its given names and its surnames (they are then
    not read unless the user chooses them), and an agent column beside a column of the
    agents' surnames (the agent stays a question for the user)."""
    if not all(name in fields and fields[name].certain for name in NEEDED):
        for name in PARTS:
            if name in fields and fields[name].certain:
                guess = fields[name]
                fields[name] = replace(guess, column=None, confidence=0.0, certain=False)
    agent = fields.get("agent")
    if agent is None or not agent.certain or not agent.candidates:
        return
    split = split_agent_reason(agent.candidates[0], forms)
    if split is not None:
        first = agent.candidates[0]
        first = replace(first, reasons=(*first.reasons, split))
        fields["agent"] = replace(agent, certain=False, candidates=(first, *agent.candidates[1:]))


def joined_name(parts: Sequence[str | None]) -> str | None:
    """The parts of a name joined by one space («María José» «Rodríguez» «Gómez»), each as
    it came but for the spaces around it, blank parts left out; ``None`` when all are."""
    return " ".join([part.strip() for part in parts if part and part.strip()]) or None


def parts_note(headers: Sequence[str]) -> str:
    """The summary's note on the columns a name was joined from, in order."""
    quoted = [f"«{header}»" for header in headers]
    if len(quoted) == 1:
        return f"El nombre del usuario se leyó solo de la columna {quoted[0]}."
    listed = f"{', '.join(quoted[:-1])} y {quoted[-1]}"
    return f"El nombre del usuario se leyó uniendo las columnas {listed}."


# «Apellido del agente» beside «Nombre del agente»: the agent's name is split, and the
# import reads an agent from one column only.
_SURNAME_WORDS = frozenset({"apellido", "apellidos", "surname", "lastname", "last"})
_AGENT_WORDS = frozenset(
    {"agente", "agent", "asesor", "asesora", "funcionario", "tecnico", "technician",
     "operador", "operator", "owner", "propietario", "asignado", "assignee", "responsable"}
)  # fmt: skip


def split_agent_reason(agent: ColumnCandidate, forms: Sequence[HeaderForm]) -> str | None:
    """Why ``agent``'s column holds only part of the agent's name: another column holds
    the agent's surnames («Apellido del agente»); ``None`` when none does."""
    for index, form in enumerate(forms):
        words = set(form.full.split())
        if index != agent.index and words & _SURNAME_WORDS and words & _AGENT_WORDS:
            return (
                f"«{form.text}» trae los apellidos del agente: «{agent.header}» tendría solo "
                "una parte de su nombre (revise que cada agente quede con su nombre completo)"
            )
    return None
