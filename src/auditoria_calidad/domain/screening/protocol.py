"""``protocolo``: the entity's answer protocol — a greeting, the identification of the
entity (a chat: the agent introduces themself), a closing and, for a written answer, a
signature. The phrases come from the settings, matched ignoring case and accents."""

from __future__ import annotations

import re

from auditoria_calidad.domain.screening.alerts import PROTOCOLO, Alert
from auditoria_calidad.domain.screening.answer_parts import (
    AnswerParts,
    fold,
    folded_phrases,
    words,
)
from auditoria_calidad.domain.screening.inputs import ScreeningSettings

_REMARK = re.compile(r"\s*\([^)]*\)\s*")  # «(entidad de demostración)»
_NAME_PARTS = re.compile(r"\s+[-–—]\s+|\s*,\s*")  # «Instituto … – ICETEX»
_ACRONYM = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{3,}\b")


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
        first = fold(parts.greeting or parts.body)[:400]
        last = fold(parts.signature or parts.body)[-400:]
        if not _has(first, settings.greeting_phrases):
            missing.append("el saludo")
        introduced = _has(first, settings.chat_identification_phrases) or bool(
            set(words(first)) & agent_names
        )
        if not introduced:
            missing.append("la presentación del agente")
        if settings.entity_names and not _has(whole, settings.entity_names):
            missing.append("la identificación de la entidad")
        if not _has(last, settings.closing_phrases):
            missing.append("la despedida")
        return missing
    head = fold(parts.greeting or parts.body[:200])
    if not _has(head[:200], settings.greeting_phrases):
        missing.append("el saludo")
    if settings.entity_names and not _has(whole, settings.entity_names):
        missing.append("la identificación de la entidad")
    tail = fold(parts.body[-400:] + "\n" + parts.signature)
    if not _has(tail, settings.closing_phrases):
        missing.append("la despedida")
    signature = fold(parts.signature)
    if not signature or not (
        set(words(signature)) & agent_names or _has(signature, settings.signature_phrases)
    ):
        missing.append("la firma")
    return missing


def protocol_alert(missing: list[str], criterion: str) -> Alert | None:
    if not missing:
        return None
    listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " y " + missing[-1]
    verb = "Falta" if len(missing) == 1 else "Faltan"
    return Alert(PROTOCOLO, criterion, f"{verb} {listed} del protocolo de respuesta.")
