"""``lenguaje_claro``: the checks of the national plain-language guide for public servants
(Guía de Lenguaje Claro, DNP): short sentences, paragraphs of at most five lines, every
acronym spelled out once, no stock legalisms, and an easy enough text by the INFLESZ scale
(readability.py). A sentence's words are its whitespace-separated tokens.

The guide advises sentence by sentence; the alert judges the answer as a whole, so that it
singles out the answers that are hard to read rather than nearly all of them: readability
under the threshold, MORE than ``max_long_sentences`` sentences over
``max_sentence_words``, a paragraph over ``max_paragraph_lines`` lines, an acronym never
spelled out, or a listed legalism (limits in ``ScreeningSettings``)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.screening.alerts import LENGUAJE_CLARO, Alert, decimal_es, quoted_list
from auditoria_calidad.domain.screening.answer_parts import fold
from auditoria_calidad.domain.screening.inputs import ScreeningSettings
from auditoria_calidad.domain.screening.readability import (
    inflesz_band,
    szigriszt_pazos,
    total_syllables,
)

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”)\]]*\s+|\n+")
# A dot after these (or after an initial) does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "sr",
        "sra",
        "srta",
        "dr",
        "dra",
        "ud",
        "uds",
        "no",
        "nro",
        "art",
        "núm",
        "pág",
        "tel",
        "cra",
        "aprox",
        "etc",
    ]
)
_LETTERS = re.compile(r"[^\W\d_]+")
_ACRONYM = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{2,6}s?\b")
_SHOUTING = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{2,}(?:\W+[A-ZÁÉÍÓÚÑ]{2,}){2,}\b")
_ROMAN = re.compile(r"[IVXLCDM]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
MIN_WORDS_FOR_READABILITY = 30  # a formula on a few words says nothing


@dataclass(frozen=True)
class PlainLanguage:
    long_sentences: tuple[int, ...]  # word counts of the sentences over the limit
    long_paragraphs: tuple[int, ...]  # line counts of the paragraphs over the limit
    unexplained_acronyms: tuple[str, ...]
    legalisms: tuple[str, ...]
    readability: float | None  # Szigriszt-Pazos / INFLESZ; None for short texts


def sentences(text: str) -> list[str]:
    """Sentences: cut after ".", "!", "?" or "…" and at line breaks (not after "Sr.")."""
    pieces: list[str] = []
    carry = ""
    for piece in _SENTENCE_END.split(text):
        piece = (carry + " " + piece).strip() if carry else piece.strip()
        carry = ""
        if piece.endswith(".") and piece[:-1]:
            last = piece[:-1].rsplit(None, 1)[-1].lstrip("(¿¡«\"'").lower()
            if len(last) == 1 or last in _ABBREVIATIONS:
                carry = piece
                continue
        if piece:
            pieces.append(piece)
    if carry:
        pieces.append(carry)
    return pieces


@lru_cache(maxsize=32)
def _legalism_pattern(legalisms: tuple[str, ...]) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    phrases = sorted({fold(p).strip() for p in legalisms if p.strip()}, key=len, reverse=True)
    if not phrases:
        return (), None
    return tuple(phrases), re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


def _legalisms(folded: str, legalisms: tuple[str, ...]) -> tuple[str, ...]:
    phrases, pattern = _legalism_pattern(legalisms)
    # A substring search per phrase is far faster than the pattern: most texts have none.
    if pattern is None or not any(map(folded.__contains__, phrases)):
        return ()
    return tuple(dict.fromkeys(pattern.findall(folded)))


def _acronyms(text: str, known: frozenset[str]) -> tuple[str, ...]:
    shouted: set[tuple[int, int]] | None = None  # text in capitals: found when needed
    found: list[str] = []
    for match in _ACRONYM.finditer(text):
        word = match.group()
        base = word[:-1] if word.endswith("s") else word
        if base in known or base in found or _ROMAN.fullmatch(base):
            continue
        if shouted is None:
            shouted = {m.span() for m in _SHOUTING.finditer(text)}
        if any(a <= match.start() < b for a, b in shouted):
            continue
        spelled_out = f"({base})" in text or re.search(rf"\b{base}s?\s*\(", text)
        if not spelled_out:
            found.append(base)
    return tuple(found)


def _paragraph_lines(paragraph: str, width: int) -> int:
    lines = paragraph.splitlines()
    if len(lines) == 1:  # most paragraphs
        return max(1, -(-len(lines[0].strip()) // width))
    return sum(max(1, math.ceil(len(line.strip()) / width)) for line in lines)


def measure(
    body: str,
    text: str,
    settings: ScreeningSettings,
    known: frozenset[str],
    *,
    body_words: list[str] | None = None,
    folded_text: str | None = None,
) -> PlainLanguage:
    """The plain-language findings of an answer: ``body`` (without greeting and signature)
    for sentences, paragraphs and readability; ``text`` (everything the agent wrote) for
    acronyms and legalisms. ``body_words`` (the runs of letters of ``body``, in any case)
    and ``folded_text`` (``fold(text)``) may be given when the caller has them already."""
    cut = sentences(body)
    counts = [len(s.split()) for s in cut]
    long_sentences = tuple(n for n in counts if n > settings.max_sentence_words)
    long_paragraphs = tuple(
        lines
        for p in _PARAGRAPH_BREAK.split(body)
        if (lines := _paragraph_lines(p, settings.line_width)) > settings.max_paragraph_lines
    )
    legalisms = _legalisms(fold(text) if folded_text is None else folded_text, settings.legalisms)
    letters = _LETTERS.findall(body) if body_words is None else body_words
    readability = None
    if len(letters) >= MIN_WORDS_FOR_READABILITY and cut:
        total = total_syllables(letters)
        readability = szigriszt_pazos(len(letters), total, len(cut))
    return PlainLanguage(
        long_sentences, long_paragraphs, _acronyms(text, known), legalisms, readability
    )


def plain_language_alert(
    found: PlainLanguage, settings: ScreeningSettings, criterion: str
) -> Alert | None:
    """One alert listing every finding, or None for a clear answer."""
    parts: list[str] = []
    if len(found.long_sentences) > settings.max_long_sentences:
        parts.append(
            f"{counted(len(found.long_sentences), 'oración', 'oraciones')} de más de "
            f"{settings.max_sentence_words} palabras (la más larga, {max(found.long_sentences)})"
        )
    if found.long_paragraphs:
        parts.append(
            f"{counted(len(found.long_paragraphs), 'párrafo', 'párrafos')} de más de "
            f"{settings.max_paragraph_lines} líneas (el más largo, {max(found.long_paragraphs)})"
        )
    if found.unexplained_acronyms:
        parts.append(f"siglas sin explicar: {quoted_list(found.unexplained_acronyms)}")
    if found.legalisms:
        parts.append(f"expresiones de fórmula: {quoted_list(found.legalisms)}")
    if found.readability is not None and found.readability < settings.readability_threshold:
        parts.append(
            f"legibilidad INFLESZ {decimal_es(found.readability)} "
            f"({inflesz_band(found.readability)}; mínimo {decimal_es(settings.readability_threshold)})"
        )
    if not parts:
        return None
    evidence = "; ".join(parts)
    return Alert(LENGUAJE_CLARO, criterion, evidence[:1].upper() + evidence[1:] + ".")
