"""``lenguaje_claro``: the checks of the national plain-language guide for public servants
(Guía de Lenguaje Claro, DNP): short sentences, paragraphs of at most five lines, every
acronym spelled out once, no stock legalisms, and an easy enough text by the INFLESZ scale
(readability.py). A sentence's words are its whitespace-separated tokens.

The guide advises sentence by sentence; the alert judges the answer as a whole, so that it
singles out the answers that are hard to read rather than nearly all of them: readability
under the threshold, MORE than ``max_long_sentences`` sentences over
``max_sentence_words`` (or one over ``very_long_sentence_words``), a paragraph over ``max_paragraph_lines`` lines, an acronym never
spelled out, or a listed legalism (limits in ``ScreeningSettings``).

An acronym is a word of two to six capitals. Not counted: the entity's known ones, Roman
numerals, text in capitals, the letters of a code with digits («2026-ER-013001»,
«PQR-2026-004512»), units and the switchboard (``EXEMPT_ACRONYMS``: «MB», «PBX») and those
of the signature block («Equipo PQRSD»). It is explained when it follows its expansion in
brackets («… (SNIES)») or after a comma or a dash («Dirección de Impuestos y Aduanas
Nacionales, DIAN», «Servicio Nacional de Aprendizaje – SENA»: the beginnings of those words
spell it), or is followed by its expansion in brackets («SECOP II (Sistema …)») or by «es
decir» / «o sea» / «esto es»."""

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
# Written as «\b[A-ZÁÉÍÓÚÑ]{2,6}s?\b» would read, but a capital is found first and only
# then is the character before it looked at: the same matches, in half the time.
_ACRONYM = re.compile(r"[A-ZÁÉÍÓÚÑ](?<!\w.)[A-ZÁÉÍÓÚÑ]{1,5}s?\b")
_SHOUTING = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{2,}(?:\W+[A-ZÁÉÍÓÚÑ]{2,}){2,}\b")
_ROMAN = re.compile(r"[IVXLCDM]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Capitals that need no explanation: units of size and the switchboard of a phone line.
EXEMPT_ACRONYMS = frozenset(("KB", "MB", "GB", "TB", "PBX", "AM", "PM", "OK"))
# Words an acronym's expansion may skip («Dirección de Impuestos y Aduanas Nacionales»).
_CONNECTORS = frozenset(("de", "del", "la", "las", "el", "los", "y", "e", "en", "para", "a", "al"))
# The words before a comma or a dash that ends right before an acronym.
_BEFORE_SEPARATOR = re.compile(r"(?P<words>[^\W\d_][^,;:.()\n–—-]*?)\s*(?:,|\s[-–—])\s*$")
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


def _legalisms(folded: str, legalisms: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The listed phrases found in ``folded`` (``fold(text)``), each once, quoted with the
    accents ``text`` gives them («sírvase», not «sirvase»); the capital of a sentence's
    first word is dropped («Toda vez que» → «toda vez que»)."""
    phrases, pattern = _legalism_pattern(legalisms)
    # A substring search per phrase is far faster than the pattern: most texts have none.
    if pattern is None or not any(map(folded.__contains__, phrases)):
        return ()
    # Folding keeps every character in place but for a rare letter whose lower case is
    # longer («İ»): then the folded phrase is quoted.
    same_places = len(folded) == len(text)
    found: dict[str, str] = {}
    for match in pattern.finditer(folded):
        phrase = match.group()
        if phrase in found:
            continue
        written = text[match.start() : match.end()] if same_places else phrase
        if written[1:] == written[1:].lower():
            written = written[:1].lower() + written[1:]
        found[phrase] = written
    return tuple(found.values())


def _in_code(text: str, start: int, end: int) -> bool:
    """Whether the letters at ``start:end`` belong to a code with digits, such as the
    radicados «2026-ER-013001» and «PQR-2026-004512» or «COVID-19»: the
    whitespace-separated token holding them has a digit."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    size = len(text)
    while right < size and not text[right].isspace():
        right += 1
    return any(ch.isdigit() for ch in text[left:right])


def _initials_fit(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` is made of the beginnings of ``words``, in order, each word of
    content giving at least its first letter and a connecting word («de», «y», «la»…) none
    or its first letter: «DIAN» of «Dirección de Impuestos y Aduanas Nacionales», «SENA»
    of «Servicio Nacional de Aprendizaje», «SECOP» of «Sistema Electrónico de
    Contratación Pública»."""
    letters = fold(acronym)
    folded = [fold(w) for w in words]

    def fits(i: int, j: int) -> bool:  # letters[i:] from folded[j:], every word used
        if j == len(folded):
            return i == len(letters)
        word = folded[j]
        if word in _CONNECTORS and fits(i, j + 1):
            return True
        # The word gives a prefix of one letter or more (no more than the letters left).
        k = 0
        while k < len(word) and i + k < len(letters) and word[k] == letters[i + k]:
            k += 1
            if fits(i + k, j + 1):
                return True
        return False

    return fits(0, 0)


def _expanded_before(text: str, start: int, acronym: str) -> bool:
    """Whether the words just before the acronym, up to a comma or a dash, spell it out:
    «Dirección de Impuestos y Aduanas Nacionales, DIAN,», «Servicio Nacional de Aprendizaje
    – SENA»."""
    match = _BEFORE_SEPARATOR.search(text, max(0, start - 160), start)
    if match is None:
        return False
    before = _LETTERS.findall(match.group("words"))
    # The expansion starts at one of the last words: try the shortest first.
    for count in range(1, min(len(before), 2 * len(acronym) + 4) + 1):
        candidate = before[-count:]
        if candidate[0][:1].isupper() and _initials_fit(acronym, candidate):
            return True
    return False


def _spelled_out(text: str, start: int, base: str) -> bool:
    """The acronym is explained: in brackets after its expansion («… (SNIES)», «(SECOP
    II)»), followed by its expansion in brackets or by «es decir» / «o sea» / «esto es»,
    or after its expansion and a comma or a dash."""
    escaped = re.escape(base)
    if f"({base})" in text or re.search(
        rf"\(\s*{escaped}s?\b[^()\n]{{0,12}}\)"  # «(SECOP II)»
        rf"|\b{escaped}s?(?:\s+(?:[IVX]+|\d+))?\s*[(\[]"  # «SECOP II (Sistema …)»
        rf"|\b{escaped}s?\s*,?\s*(?:es decir|o sea|esto es)\b",
        text,
    ):
        return True
    return _expanded_before(text, start, base)


def _acronyms(text: str, known: frozenset[str]) -> tuple[str, ...]:
    shouted: set[tuple[int, int]] | None = None  # text in capitals: found when needed
    found: list[str] = []
    for match in _ACRONYM.finditer(text):
        word = match.group()
        base = word[:-1] if word.endswith("s") else word
        if base in known or base in found or base in EXEMPT_ACRONYMS or _ROMAN.fullmatch(base):
            continue
        if _in_code(text, match.start(), match.end()):
            continue
        if shouted is None:
            shouted = {m.span() for m in _SHOUTING.finditer(text)}
        if any(a <= match.start() < b for a, b in shouted):
            continue
        if not _spelled_out(text, match.start(), base):
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
    acronym_text: str | None = None,
) -> PlainLanguage:
    """The plain-language findings of an answer: ``body`` (without greeting and signature)
    for sentences, paragraphs and readability; ``text`` (everything the agent wrote) for
    legalisms and, unless ``acronym_text`` is given (the answer without its signature
    block), acronyms. ``body_words`` (the runs of letters of ``body``, in any case) and
    ``folded_text`` (``fold(text)``) may be given when the caller has them already."""
    cut = sentences(body)
    counts = [len(s.split()) for s in cut]
    long_sentences = tuple(n for n in counts if n > settings.max_sentence_words)
    long_paragraphs = tuple(
        lines
        for p in _PARAGRAPH_BREAK.split(body)
        if (lines := _paragraph_lines(p, settings.line_width)) > settings.max_paragraph_lines
    )
    legalisms = _legalisms(
        fold(text) if folded_text is None else folded_text, settings.legalisms, text
    )
    letters = _LETTERS.findall(body) if body_words is None else body_words
    readability = None
    if len(letters) >= MIN_WORDS_FOR_READABILITY and cut:
        total = total_syllables(letters)
        readability = szigriszt_pazos(len(letters), total, len(cut))
    acronyms = _acronyms(text if acronym_text is None else acronym_text, known)
    return PlainLanguage(long_sentences, long_paragraphs, acronyms, legalisms, readability)


def plain_language_alert(
    found: PlainLanguage, settings: ScreeningSettings, criterion: str
) -> Alert | None:
    """One alert listing every finding, or None for a clear answer."""
    parts: list[str] = []
    longest = max(found.long_sentences, default=0)
    if (
        len(found.long_sentences) > settings.max_long_sentences
        or longest > settings.very_long_sentence_words
    ):
        parts.append(
            f"{counted(len(found.long_sentences), 'oración', 'oraciones')} de más de "
            f"{settings.max_sentence_words} palabras (la más larga, {longest})"
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
