"""``ortografia``: the words the spelling pre-check (domain/spelling.py) suspects in what
the agent wrote, with the level the scheme's spelling bands propose."""

from __future__ import annotations

from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.scheme import SpellingBand
from auditoria_calidad.domain.screening.alerts import ORTOGRAFIA, Alert, decimal_es, quoted_list
from auditoria_calidad.domain.spelling import SpellChecker, propose_level, suspect_words


def spelling_alert(
    text: str,
    checker: SpellChecker,
    accepted: tuple[str, ...],
    bands: tuple[SpellingBand, ...],
    criterion: str,
) -> Alert | None:
    """Suspect words of ``text`` (the requester's and agent's names pass), or None."""
    word_count, found = suspect_words(text, checker, accepted)
    if not found:
        return None
    distinct = list(dict.fromkeys(found))
    rate = 100 * len(found) / word_count
    evidence = (
        f"{counted(len(found), 'palabra sospechosa', 'palabras sospechosas')} de "
        f"{word_count} ({decimal_es(rate)} por cada 100 palabras): {quoted_list(distinct)}."
    )
    return Alert(ORTOGRAFIA, criterion, evidence, words=found, proposed=propose_level(rate, bands))
