"""Verdicts a demo auditor might give, so the demo shows an audit under way.

Deterministic from the seed: the same demo month always gets the same judgements.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Share of records meeting each judged criterion.
_MEET_SHARE = {"coherencia": 0.93, "pertinencia": 0.9, "solucion": 0.94}

_OBSERVATIONS = {
    "coherencia": (
        "La respuesta no guarda relación con lo que el usuario preguntó.",
        "La respuesta mezcla dos trámites distintos y confunde al usuario.",
    ),
    "pertinencia": (
        "La información es correcta pero no corresponde a la línea de crédito del usuario.",
        "Se remite al usuario a otro canal sin necesidad.",
    ),
    "solucion": (
        "No se resuelve la solicitud ni se informa la fecha en que se dará respuesta.",
        "El agente no escaló el caso al área responsable.",
    ),
}
_SPELLING_NOTE = "Errores de ortografía en la respuesta: {words}."


@dataclass(frozen=True)
class DemoVerdict:
    answers: dict[str, str]
    observations: str


def spelling_level(misspelt: int) -> str:
    """The level an auditor would confirm for an answer with ``misspelt`` errors."""
    if misspelt == 0:
        return "alto"
    return "medio" if misspelt <= 2 else "bajo"


def demo_verdicts(
    keys: Iterable[str], misspellings: Mapping[str, tuple[str, ...]], seed: int
) -> dict[str, DemoVerdict]:
    """One verdict per record key: judged criteria, spelling level and observations."""
    rng = random.Random(f"demo-verdicts:{seed}")
    verdicts: dict[str, DemoVerdict] = {}
    for key in sorted(keys):
        answers: dict[str, str] = {}
        notes: list[str] = []
        for criterion, share in _MEET_SHARE.items():
            if rng.random() < share:
                answers[criterion] = "cumple"
            else:
                answers[criterion] = "no_cumple"
                notes.append(rng.choice(_OBSERVATIONS[criterion]))
        words = misspellings.get(key, ())
        answers["redaccion_ortografia"] = spelling_level(len(words))
        if words:
            notes.append(_SPELLING_NOTE.format(words=", ".join(f"«{w}»" for w in words)))
        verdicts[key] = DemoVerdict(answers, " ".join(notes))
    return verdicts
