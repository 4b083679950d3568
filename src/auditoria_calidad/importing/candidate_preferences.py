"""The candidate columns of a field and the preferences among them that the values
decide: a case number over an internal record id, a column of request types over one
that holds something else, the arrival of a chat over the start of its attention, the
owner of a ticket over the one «responsible» for it, an agent's name over their login,
and the first of two columns that hold the same values row by row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from auditoria_calidad.importing.column_evidence import ColumnProfile, ValueShape
from auditoria_calidad.importing.column_pairs import never_after
from auditoria_calidad.importing.synonyms import (
    HeaderForm,
    names_arrival,
    names_case_number,
    names_internal_id,
    names_start,
)
from auditoria_calidad.importing.values import Cell, cell_text

CHOSEN = 0.5  # below this a column is only shown as a candidate
TYPED = 0.8  # share of request types (Petición, Queja…) that makes a column the type


@dataclass(frozen=True)
class ColumnCandidate:
    """A column that may hold a field, how likely and why."""

    index: int  # 0-based column of the file
    header: str
    score: float  # 0..1
    reasons: tuple[str, ...]  # Spanish
    samples: tuple[str, ...]  # up to 5 non-blank sample values, as text


def prefer_case_number(
    candidates: list[ColumnCandidate],
    forms: Sequence[HeaderForm],
    profiles: Sequence[ColumnProfile],
) -> list[ColumnCandidate]:
    """With a column named as the case number («Número», «NumeroRadicado», «Issue key»)
    whose values are unique, an internal record id («ID», «IdPqrs», GUIDs) is not the key."""
    numbered = [
        c for c in candidates
        if c.score >= CHOSEN and names_case_number(forms[c.index])
        and profiles[c.index].unique >= 0.95
    ]  # fmt: skip
    if not numbered:
        return candidates
    best = max(numbered, key=lambda c: (c.score, -c.index))
    why = f"parece un identificador interno del sistema; «{best.header}» es el número del caso"
    return [
        _demoted(c, 0.6, why)
        if c.index != best.index
        and (names_internal_id(forms[c.index]) or profiles[c.index].guids >= 0.9)
        else c
        for c in candidates
    ]


def _demoted(candidate: ColumnCandidate, factor: float, reason: str) -> ColumnCandidate:
    score = round(candidate.score * factor, 3)
    return replace(candidate, score=score, reasons=(*candidate.reasons, reason))


def prefer_request_types(
    candidates: list[ColumnCandidate], profiles: Sequence[ColumnProfile]
) -> list[ColumnCandidate]:
    """Of two columns named as the request type, the one whose values are request types
    (Petición, Queja…) wins over one that holds something else («Radicar PQRSD»)."""
    typed = [
        c for c in candidates if c.score >= CHOSEN and profiles[c.index].request_types >= TYPED
    ]
    if not typed:
        return candidates
    why = f"sus valores no son tipos de solicitud, como los de «{typed[0].header}»"
    candidates = [
        _demoted(c, 0.6 if profiles[c.index].request_types < 0.5 else 0.75, why)
        if c.score >= CHOSEN and profiles[c.index].request_types < TYPED
        else c
        for c in candidates
    ]
    # A column that gives every record the same type («Solicitud», the kind of ticket)
    # says less than one that tells Petición, Queja and Reclamo apart.
    varied = [c for c in typed if profiles[c.index].distinct >= 2]
    if not varied:
        return candidates
    same = f"todos sus valores son iguales; los de «{varied[0].header}» distinguen los tipos"
    return [
        _demoted(c, 0.75, same)
        if c in typed and profiles[c.index].distinct < 2 and profiles[c.index].values >= 3
        else c
        for c in candidates
    ]


def prefer_arrival(
    candidates: list[ColumnCandidate],
    forms: Sequence[HeaderForm],
    rows: Sequence[Sequence[Cell]],
) -> list[ColumnCandidate]:
    """Of two receipt candidates, one named as the arrival («Request Time», «chat creation
    date») and one as the start of the attention («Start Time», «chat start date»), the
    arrival is the receipt when, row by row, it never comes after the start."""
    strong = [c for c in candidates if c.score >= CHOSEN]
    arrivals = [c for c in strong if names_arrival(forms[c.index])]
    starts = [c for c in strong if names_start(forms[c.index])]
    if len(arrivals) != 1 or not starts:
        return candidates
    (arrival,) = arrivals
    later = {c.index for c in starts if never_after(rows, arrival.index, c.index)}
    if not later:
        return candidates
    why = f"en cada fila es posterior a «{arrival.header}»: el inicio de la atención, no el ingreso"
    return [_demoted(c, 0.6, why) if c.index in later else c for c in candidates]


# Who works a ticket, and who answers for it: OTRS in Spanish has «Propietario» (the agent)
# and «Responsable» (whoever oversees it); Jira in Spanish has only «Responsable». Beside
# «Asignado a» a «Responsable» may be either (a document system's official who answers):
# there the user chooses.
_HANDLER_WORDS = frozenset({"propietario", "owner"})
_OVERSEER_WORDS = frozenset({"responsable", "responsible"})


def prefer_handler(
    candidates: list[ColumnCandidate], forms: Sequence[HeaderForm]
) -> list[ColumnCandidate]:
    """Of two agent columns, one named as the ticket's owner («Propietario», «Owner») and
    one as who is responsible for it («Responsable»), the owner is the agent."""

    def words(c: ColumnCandidate) -> set[str]:
        return set(forms[c.index].main.split())

    strong = [c for c in candidates if c.score >= CHOSEN]
    handlers = [c for c in strong if words(c) & _HANDLER_WORDS]
    # the bare word only: «Funcionario responsable» is F182's own name for the agent
    overseers = {c.index for c in strong if forms[c.index].main in _OVERSEER_WORDS}
    if not handlers or not overseers:
        return candidates
    why = f"quien responde por el caso; «{handlers[0].header}» es quien lo atiende"
    return [_demoted(c, 0.75, why) if c.index in overseers else c for c in candidates]


NAMED = 0.8  # share of person names that makes a column the agents' names


def prefer_names_to_logins(
    candidates: list[ColumnCandidate], profiles: Sequence[ColumnProfile]
) -> list[ColumnCandidate]:
    """Of two agent columns, one of people's names («Yuliana Cárdenas») and one of codes
    («agente01», «ycardenas2»: the platform's login), the names are the agent: the same
    person may log in with several users, and the reports show names."""
    strong = [c for c in candidates if c.score >= CHOSEN]
    named = [c for c in strong if profiles[c.index].share(ValueShape.PERSON_NAME) >= NAMED]
    if not named:
        return candidates
    logins = {
        c.index
        for c in strong
        if profiles[c.index].share(ValueShape.PERSON_NAME) < 0.2
        and profiles[c.index].share(ValueShape.CODE, ValueShape.TEXT) >= NAMED
    }
    why = f"son usuarios del sistema (códigos), no nombres; «{named[0].header}» trae los nombres"
    return [_demoted(c, 0.75, why) if c.index in logins else c for c in candidates]


def prefer_first_of_twins(
    candidates: list[ColumnCandidate], rows: Sequence[Sequence[Cell]]
) -> list[ColumnCandidate]:
    """Two columns holding the same value on every row (osTicket's «Assigned To» and
    «Agent Assigned»): reading one or the other stores the same, so the second does not
    make the import ask; it is demoted, saying whose values it repeats."""

    def texts(index: int) -> list[str]:
        return [cell_text(row[index]).strip() if index < len(row) else "" for row in rows]

    strong = sorted((c for c in candidates if c.score >= CHOSEN), key=lambda c: (-c.score, c.index))
    twins: dict[int, str] = {}
    for position, first in enumerate(strong):
        column = texts(first.index)
        if first.index in twins or sum(1 for text in column if text) < 3:
            continue
        for other in strong[position + 1 :]:
            if other.index not in twins and texts(other.index) == column:
                twins[other.index] = first.header
    return [
        _demoted(c, 0.75, f"repite fila por fila los valores de «{twins[c.index]}»")
        if c.index in twins
        else c
        for c in candidates
    ]
