"""``protocolo``: the entity's answer protocol — a greeting, the identification of the
entity (a chat: the agent introduces themself), a closing and, for a written answer, a
signature. The phrases come from the settings, matched ignoring case and accents.

For a chat, the greeting and the presentation are looked for in the agent's first two
turns (a bot's or the platform's messages are no turns of the agent's: answer_parts.py),
the closing at the end of the agent's last turn.

For a written answer:

- the greeting is looked for in what ``split_answer`` cut as the greeting (a letter's
  heading — place and date, addressee, «Asunto» — up to its salutation line «Respetada
  doctora Castro:» included) and, when that salutation has no greeting phrase of its own
  («Doctora Sinisterra:»), in the sentence right after it («Reciba un cordial saludo del
  ICETEX.»); or else in the body's first 200 characters;
- the closing, in the last 400 characters of the body (its first paragraph left out: an
  opening «Reciba un cordial saludo» is no closing) and the signature block, which starts
  with a sign-off line such as «Saludos cordiales,» or «Cordial saludo,»;
- the signature must name who signs: the agent, a role or office of the settings
  («Coordinadora de Servicio», «Vicepresidencia…», «Equipo PQRSD»), or any line that
  reads like a name or a role under a sign-off line («Atentamente,»).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditoria_calidad.domain.screening.alerts import PROTOCOLO, Alert
from auditoria_calidad.domain.screening.answer_parts import (
    AnswerParts,
    fold,
    folded_phrases,
    is_sign_off,
    words,
)
from auditoria_calidad.domain.screening.inputs import ScreeningSettings

_REMARK = re.compile(r"\s*\([^)]*\)\s*")  # «(entidad de demostración)»
_NAME_PARTS = re.compile(r"\s+[-–—]\s+|\s*,\s*")  # «Instituto … – ICETEX»
_ACRONYM = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{3,}\b")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")
_OPENING_CHARS = 200  # of a written answer's body, where its greeting may be
_TURN_CHARS = 400  # of a chat turn, where the greeting or the closing may be
# A line of a signature block that reads like a name or a role: two to eight words, the
# first one capitalised, no sentence punctuation.
_NAME_LINE = re.compile(r"[A-ZÁÉÍÓÚÑ][^\W\d_]*\.?(?:[ \t]+(?:[^\W\d_]+\.?|[-–—&])){1,7}")


def entity_identifiers(name: str) -> tuple[str, ...]:
    """How an answer may name the entity: its whole name as configured, the name without a
    remark in brackets, each part of a name written «long name – ACRONYM», and the acronyms
    in it («ICETEX»). An answer that says «el ICETEX» identifies the entity as well as one
    that writes its whole name."""
    name = " ".join(name.split())
    if not name:
        return ()
    plain = _REMARK.sub(" ", name).strip()
    forms = [name, plain, *_NAME_PARTS.split(plain), *_ACRONYM.findall(plain)]
    return tuple(dict.fromkeys(f.strip() for f in forms if len(f.strip()) >= 3))


def _has(text: str, phrases: tuple[str, ...]) -> bool:
    return any(map(text.__contains__, folded_phrases(phrases)))


def missing_parts(
    parts: AnswerParts,
    settings: ScreeningSettings,
    agent_names: frozenset[str],
    *,
    folded_text: str | None = None,
) -> list[str]:
    """What the answer lacks, in Spanish ("el saludo", "la firma"...), in protocol order.
    ``folded_text`` is ``fold(parts.text)`` when the caller has it already."""
    missing: list[str] = []
    whole = fold(parts.text) if folded_text is None else folded_text
    if parts.is_transcript:
        greeted = introduced = False
        for opening in _chat_openings(parts):
            greeted = greeted or _has(opening, settings.greeting_phrases)
            introduced = (
                introduced
                or _has(opening, settings.chat_identification_phrases)
                or not agent_names.isdisjoint(words(opening))
            )
            if greeted and introduced:
                break
        if not greeted:
            missing.append("el saludo")
        if not introduced:
            missing.append("la presentación del agente")
        last = fold(parts.turns[-1] if parts.turns else parts.signature or parts.body)
        last = last[-_TURN_CHARS:]
        if settings.entity_names and not _has(whole, settings.entity_names):
            missing.append("la identificación de la entidad")
        if not _has(last, settings.closing_phrases):
            missing.append("la despedida")
        return missing
    if not _greeted(parts, settings.greeting_phrases):
        missing.append("el saludo")
    if settings.entity_names and not _has(whole, settings.entity_names):
        missing.append("la identificación de la entidad")
    if not _has(fold(_closing_zone(parts)), settings.closing_phrases):
        missing.append("la despedida")
    if not _signed(parts.signature, settings, agent_names):
        missing.append("la firma")
    return missing


def _chat_openings(parts: AnswerParts) -> Iterator[str]:
    """Where a chat's greeting and presentation are looked for, folded: the start of the
    agent's first turn, then of the second (an agent may greet in one message and
    introduce themself in the next)."""
    if not parts.turns:
        yield fold((parts.greeting or parts.body)[:_TURN_CHARS])
    for turn in parts.turns[:2]:
        yield fold(turn[:_TURN_CHARS])


def _greeted(parts: AnswerParts, greetings: tuple[str, ...]) -> bool:
    """Whether a written answer greets: in the greeting as cut (a letter's heading up to
    its salutation line included) or, after a salutation without a greeting phrase
    («Doctora Sinisterra:»), in the body's first sentence; in the body's first characters
    when nothing was cut."""
    if not parts.greeting:
        return _has(fold(parts.body[:_OPENING_CHARS]), greetings)
    if _has(fold(parts.greeting), greetings):
        return True
    if not parts.greeting.endswith((":", ",")):
        return False
    return _has(fold(_first_sentence(parts.body)), greetings)


def _first_sentence(text: str) -> str:
    """The first sentence of ``text`` (its first paragraph at most, 200 characters)."""
    start = _PARAGRAPH_BREAK.split(text[:_OPENING_CHARS], maxsplit=1)[0]
    end = _SENTENCE_END.search(start)
    return start if end is None else start[: end.end()]


def _closing_zone(parts: AnswerParts) -> str:
    """Where a closing is looked for: the end of the body and the signature. The body's
    first paragraph is left out when it has others: it opens the answer («Reciba un
    cordial saludo»), and a closing phrase such as «cordial saludo» there is no closing."""
    body = parts.body
    first = _PARAGRAPH_BREAK.search(body)
    if first is not None:
        body = body[first.end() :]
    return body[-400:] + "\n" + parts.signature


def _signed(signature: str, settings: ScreeningSettings, agent_names: frozenset[str]) -> bool:
    """Whether the signature block names who signs: the agent's name, a role or an office
    of the settings («Asesora», «Coordinadora de Servicio», «Equipo PQRSD»), or, after a
    sign-off line («Atentamente,»), a line that reads like a name or a role."""
    if not signature:
        return False
    folded = fold(signature)
    if set(words(folded)) & agent_names or _has(folded, settings.signature_phrases):
        return True
    lines = [line.strip() for line in signature.splitlines()]
    return is_sign_off(lines[0]) and any(_NAME_LINE.fullmatch(line) for line in lines[1:])


def protocol_alert(missing: list[str], criterion: str) -> Alert | None:
    if not missing:
        return None
    listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " y " + missing[-1]
    verb = "Falta" if len(missing) == 1 else "Faltan"
    return Alert(PROTOCOLO, criterion, f"{verb} {listed} del protocolo de respuesta.")
