"""``lenguaje_claro``: the checks of the national plain-language guide for public servants
(Guía de Lenguaje Claro, DNP): short sentences, paragraphs of at most five lines, every
acronym spelled out once, no stock legalisms, and an easy enough text by the INFLESZ scale
(readability.py). A sentence's words are its whitespace-separated tokens, but for an hour's
«a. m.» / «p. m.», one word («8:00 a. m.» is two).

Sentences end after ".", "!", "?" or "…" and at line breaks; not after an initial or an
abbreviation («Sr.», «No.», «Cra.», «ext.»). After «etc.», «a. m.», «p. m.» and the «m.»
of noon («12:00 m.») a sentence ends when the next word begins with a capital letter or is
on a new line («…, etc. En la oficina…»), and goes on otherwise («de 8:00 a. m. a 5:00 p. m.»).

The guide advises sentence by sentence; the alert judges the answer as a whole, so that it
singles out the answers that are hard to read rather than nearly all of them: readability
under the threshold, MORE than ``max_long_sentences`` sentences over
``max_sentence_words`` (or one over ``very_long_sentence_words``), a paragraph over ``max_paragraph_lines`` lines, an acronym never
spelled out, or a listed legalism (limits in ``ScreeningSettings``).

An acronym is a word of two to six capitals. Not counted: the entity's known ones, Roman
numerals, text in capitals (three words in capitals, or two in a row such as a name,
«JHON QUIÑONES»), the letters of a code with digits («2026-ER-013001», «PQR-2026-004512»),
units and the switchboard (``EXEMPT_ACRONYMS``: «MB», «PBX»), words written in capitals for
emphasis («NOTA:», «NO entregue»), brands nobody spells out («BBVA», «Banco AV Villas»),
file formats and everyday technology («PDF», «QR»), an identity document's type before its
number («TI 1.000.123.456») and those of the signature block («Equipo PQRSD»).

An acronym is judged where it first appears. It is explained when it follows its expansion
in brackets («… (SNIES)»), after a comma, a dash or «o» («Dirección de Impuestos y Aduanas
Nacionales, DIAN», «Servicio Nacional de Aprendizaje – SENA», «Registro Único Tributario o
RUT»), or is followed by its expansion after a comma, a dash or «o» («el SENA, Servicio
Nacional de Aprendizaje, ofrece», «la DIAN – Dirección de …»), by «que es» / «que
significa» / «que quiere decir» and its expansion, in any case («el IPC, que es el índice
de precios al consumidor»), by its expansion in brackets («SECOP II (Sistema …)») or by «es
decir» / «o sea» / «esto es». An expansion fits when the beginnings of its words spell
the acronym (``_initials_fit``); after a comma, a dash or «o» its first word has a capital."""

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
from auditoria_calidad.domain.spelling import ADDRESS_ABBREVIATIONS

# What ends a sentence: a mark, maybe closing quotes or brackets (dropped with the spaces),
# and spaces; or line breaks. A pattern that starts with the mark, rather than looking
# behind for it, lets the search skip ahead to the marks: sentences() is faster so.
_SENTENCE_END = re.compile(r"[.!?…][\"'»”)\]]*(\s+)|\n+")
# A dot after these (or after an initial) does not end a sentence; nor after the
# abbreviations of Colombian addresses and phone numbers («Cra. 7 # 32-16 int. 4», «ext.
# 2210»), the spelling check's list with a few more.
# fmt: off
_ABBREVIATIONS = frozenset((
    "sr", "sra", "srta", "dr", "dra", "ud", "uds", "no", "nro", "art", "núm", "pág", "tel",
    "aprox", "av", "cra", "cll", "kr", "dg", "tv", "mz", "apto", "ext", "cel", "of", "int",
)) | ADDRESS_ABBREVIATIONS
# fmt: on
# After these a dot ends the sentence only when the next word begins with a capital letter
# or is on a new line: «…, etc. En la oficina…», «hasta las 5 p.m. El pago…»; not in «etc.
# y otros», «de 8 a.m. a 5 p.m.». The same holds for the «m.» of «a. m.», «p. m.» and of
# noon, «12:00 m.» (``_continues``).
_SOFT_ENDS = frozenset(("etc", "a.m", "p.m"))
_BEFORE_NOON_M = frozenset(("a.", "p."))  # «a. m.», «p. m.»
_NO_END = _ABBREVIATIONS | _SOFT_ENDS  # a dot after these may not end the sentence
# The first letter of the next word, after opening marks or a bullet («¿», «(», «–»).
_NEXT_LETTER = re.compile(r"[¿¡«\"'“‘(\[\-–—•*]*(.)")
# «a. m.» / «p. m.» of an hour, one word written as two («8:00 a. m.»).
_MERIDIEM = re.compile(r"(?<!\w)[ap]\.\s+m\.")
_LETTERS = re.compile(r"[^\W\d_]+")
# Written as «\b[A-ZÁÉÍÓÚÑ]{2,6}s?\b» would read, but a capital is found first and only
# then is the character before it looked at: the same matches, in half the time.
_ACRONYM = re.compile(r"[A-ZÁÉÍÓÚÑ](?<!\w.)[A-ZÁÉÍÓÚÑ]{1,5}s?\b")
# Text in capitals: three words in capitals or more; or two in a row, only spaces between
# them (a name, «JHON QUIÑONES»; but «SECOP II» is an acronym and a numeral).
_SHOUTING = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{2,}(?:\W+[A-ZÁÉÍÓÚÑ]{2,}){2,}\b")
_CAPITALS_AFTER = re.compile(r"[ \t]+([A-ZÁÉÍÓÚÑ]{2,})\b")
_CAPITALS_BEFORE = re.compile(r"\b([A-ZÁÉÍÓÚÑ]{2,})[ \t]+$")
_ROMAN = re.compile(r"[IVXLCDM]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Capitals that need no explanation: units of size and the switchboard of a phone line.
EXEMPT_ACRONYMS = frozenset(("KB", "MB", "GB", "TB", "PBX", "AM", "PM", "OK"))
# Ordinary words written in capitals for emphasis («NOTA: NO entregue dinero a terceros»).
# measure() has no dictionary, so the usual ones are listed; words of more than six
# capitals («IMPORTANTE») are never taken for acronyms, they are here for the reader.
# fmt: off
EMPHASIS_WORDS = frozenset((
    "NOTA", "NO", "SI", "SÍ", "OJO", "AVISO", "ALERTA", "TENGA", "CUENTA", "NUNCA",
    "SOLO", "SÓLO", "GRATIS", "TODOS", "HOY", "YA", "DEBE", "IMPORTANTE", "ATENCIÓN",
    "URGENTE", "RECUERDE", "ADVERTENCIA",
))
# fmt: on
# Brands known by their letters, that nobody spells out: banks («BBVA», «Banco AV Villas»,
# «GNB Sudameris») and utilities of Medellín and Bogotá («EPM», «ETB», «UNE»).
BRAND_ACRONYMS = frozenset(("BBVA", "AV", "GNB", "EPM", "ETB", "UNE"))
# File formats and everyday technology, known by their letters («el certificado en PDF»,
# «el código QR», «la clave PIN», «un SMS»).
# fmt: off
EVERYDAY_TECH = frozenset((
    "PDF", "JPG", "JPEG", "PNG", "GIF", "TIF", "TIFF", "DOC", "DOCX", "XLS", "XLSX", "ZIP",
    "QR", "PIN", "SMS", "URL", "USB", "WIFI",
))
# fmt: on
_NOT_ACRONYMS = EXEMPT_ACRONYMS | EMPHASIS_WORDS | BRAND_ACRONYMS | EVERYDAY_TECH
# Identity documents' types, not acronyms to spell out before the document's number
# («TI 1.000.123.456», «CC No. 52.123.456», «NIT: 900.123.456-7»): cédula de ciudadanía,
# tarjeta de identidad, cédula de extranjería, NIT, permiso especial and permiso por
# protección temporal, registro civil.
IDENTITY_DOCUMENTS = frozenset(("CC", "TI", "CE", "NIT", "PEP", "PPT", "RC"))
_DOCUMENT_NUMBER = re.compile(
    r"\.?:?\s*(?:(?:no|nro|n°|nº|núm|número)\.?:?\s*)?#?\s*\d", re.IGNORECASE
)
# Words an acronym's expansion may skip («Dirección de Impuestos y Aduanas Nacionales»).
_CONNECTORS = frozenset(("de", "del", "la", "las", "el", "los", "y", "e", "en", "para", "a", "al"))
# The words before a comma, a dash or «o» that ends right before an acronym.
_BEFORE_SEPARATOR = re.compile(r"(?P<words>[^\W\d_][^,;:.()\n–—-]*?)\s*(?:,|\s[-–—]|,?\s+o)\s*$")
# The words after an acronym and a comma, a dash or «o» («el SENA, Servicio Nacional de
# Aprendizaje, ofrece», «la DIAN – Dirección de …», «el RUT o Registro Único Tributario»).
_AFTER_SEPARATOR = re.compile(r"(?:\s*[,–—-]|,?\s+o(?=\s))\s*(?P<words>[^,;:.()\n–—-]{1,160})")
# The words after an acronym and «que es», «que significa», «que quiere decir».
_AFTER_MEANING = re.compile(
    r"\s*[,–—-]?\s*que\s+(?:es|son|significa|significan|quiere\s+decir)\b"
    r"(?P<words>[^,;:.()\n–—-]{1,160})",
    re.IGNORECASE,
)
# Words an expansion after «que es» may start with before the acronym's first letter
# («que es la variación del índice de precios al consumidor»).
_MAX_WORDS_BEFORE_EXPANSION = 3
MIN_WORDS_FOR_READABILITY = 30  # a formula on a few words says nothing


@dataclass(frozen=True)
class PlainLanguage:
    long_sentences: tuple[int, ...]  # word counts of the sentences over the limit
    long_paragraphs: tuple[int, ...]  # line counts of the paragraphs over the limit
    unexplained_acronyms: tuple[str, ...]
    legalisms: tuple[str, ...]
    readability: float | None  # Szigriszt-Pazos / INFLESZ; None for short texts


def sentences(text: str) -> list[str]:
    """Sentences: cut after ".", "!", "?" or "…" and at line breaks, not after "Sr." nor
    after "etc." or "a. m." followed by a word in lower case (see the module docstring)."""
    pieces: list[str] = []
    carry = ""
    start = 0
    for match in (*_SENTENCE_END.finditer(text), None):
        if match is None:  # the text after the last end
            piece, start = text[start:], len(text)
        else:
            # After a mark the piece keeps it and drops closing quotes or brackets.
            piece = text[start : match.start() + 1 if match.start(1) >= 0 else match.start()]
            start = match.end()
        piece = (carry + " " + piece).strip() if carry else piece.strip()
        carry = ""
        if piece.endswith(".") and piece[:-1]:
            last = piece[:-1].rsplit(None, 1)[-1].lstrip("(¿¡«\"'").lower()
            if (len(last) == 1 or last in _NO_END) and _continues(last, piece, text, match):
                carry = piece
                continue
        if piece:
            pieces.append(piece)
    if carry:
        pieces.append(carry)
    return pieces


def _continues(last: str, piece: str, text: str, end: re.Match[str] | None) -> bool:
    """Whether the sentence goes on after ``piece``, which ends with a dot after ``last``
    (an initial or one of ``_NO_END``) and is followed in ``text`` by ``end``."""
    if last == "m":
        before = piece[:-1].rsplit(None, 2)
        soft = len(before) > 1 and (before[-2] in _BEFORE_NOON_M or before[-2][:1].isdigit())
    else:
        soft = last in _SOFT_ENDS
    if not soft:
        return True
    if end is None or "\n" in end.group():
        return False
    following = _NEXT_LETTER.match(text, end.end())
    return following is None or not following.group(1).isupper()


def sentence_words(sentence: str) -> int:
    """The words of a sentence: its whitespace-separated tokens, «a. m.» and «p. m.» one."""
    count = len(sentence.split())
    if "m." in sentence:
        count -= len(_MERIDIEM.findall(sentence))
    return count


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
    return tuple(legalisms_found(folded, legalisms, text).values())


def legalisms_found(folded: str, legalisms: tuple[str, ...], text: str) -> dict[str, str]:
    """``_legalisms`` as ``{folded phrase: as quoted}``, in the order first found. No phrase
    crosses a blank line: a text's are those of its paragraphs, the first of each kept."""
    phrases, pattern = _legalism_pattern(legalisms)
    # A substring search per phrase is far faster than the pattern: most texts have none.
    if pattern is None or not any(map(folded.__contains__, phrases)):
        return {}
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
    return found


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


def _starts_with_expansion(acronym: str, words: list[str]) -> bool:
    """Whether the first words of ``words`` spell ``acronym`` (``_initials_fit``)."""
    return any(
        _initials_fit(acronym, words[:count])
        for count in range(1, min(len(words), 2 * len(acronym) + 4) + 1)
    )


def _expanded_after(text: str, end: int, acronym: str) -> bool:
    """Whether the words right after the acronym (ending at ``end``) spell it out: after a
    comma, a dash or «o», starting with a capital («el SENA, Servicio Nacional de
    Aprendizaje,», «la DIAN – Dirección de Impuestos y Aduanas Nacionales –», «el RUT o
    Registro Único Tributario»); after «que es», «que significa», «que quiere decir», in
    any case and maybe a few words on («el IPC, que es el índice de precios al
    consumidor»)."""
    match = _AFTER_SEPARATOR.match(text, end)
    if match is not None:
        after = _LETTERS.findall(match.group("words"))
        if after and after[0][:1].isupper() and _starts_with_expansion(acronym, after):
            return True
    match = _AFTER_MEANING.match(text, end)
    if match is None:
        return False
    after = _LETTERS.findall(match.group("words"))
    return any(
        _starts_with_expansion(acronym, after[skip:])
        for skip in range(min(len(after), _MAX_WORDS_BEFORE_EXPANSION + 1))
    )


def _spelled_out(text: str, start: int, end: int, base: str) -> bool:
    """The acronym at ``start:end`` is explained: in brackets after its expansion («…
    (SNIES)», «(SECOP II)»), followed by its expansion in brackets or by «es decir» / «o
    sea» / «esto es», after its expansion and a comma, a dash or «o», or followed by its
    expansion after a comma, a dash, «o» or «que es»."""
    escaped = re.escape(base)
    if f"({base})" in text or re.search(
        rf"\(\s*{escaped}s?\b[^()\n]{{0,12}}\)"  # «(SECOP II)»
        rf"|\b{escaped}s?(?:\s+(?:[IVX]+|\d+))?\s*[(\[]"  # «SECOP II (Sistema …)»
        rf"|\b{escaped}s?\s*,?\s*(?:es decir|o sea|esto es)\b",
        text,
    ):
        return True
    return _expanded_before(text, start, base) or _expanded_after(text, end, base)


def _beside_capitals(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` has a word in capitals right before or after it,
    only spaces between, that is no Roman numeral: a name, «JHON QUIÑONES»."""
    after = _CAPITALS_AFTER.match(text, end)
    if after is not None and not _ROMAN.fullmatch(after.group(1)):
        return True
    before = _CAPITALS_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and not _ROMAN.fullmatch(before.group(1))


def _acronyms(text: str, known: frozenset[str]) -> tuple[str, ...]:
    """The acronyms of ``text`` not explained where they first appear, each once."""
    shouted: set[tuple[int, int]] | None = None  # text in capitals: found when needed
    judged: set[str] = set()
    found: list[str] = []
    for match in _ACRONYM.finditer(text):
        word = match.group()
        base = word[:-1] if word.endswith("s") else word
        if base in judged or base in known or base in _NOT_ACRONYMS or _ROMAN.fullmatch(base):
            continue
        start, end = match.span()
        if _in_code(text, start, end):
            continue
        if base in IDENTITY_DOCUMENTS and _DOCUMENT_NUMBER.match(text, end):
            continue
        if shouted is None:
            shouted = {m.span() for m in _SHOUTING.finditer(text)}
        if any(a <= start < b for a, b in shouted) or _beside_capitals(text, start, end):
            continue
        judged.add(base)
        if not _spelled_out(text, start, end, base):
            found.append(base)
    return tuple(found)


def paragraph_lines(paragraph: str, width: int) -> int:
    """The lines a paragraph takes at ``width`` characters a line (its own line breaks
    kept)."""
    lines = paragraph.splitlines()
    if len(lines) == 1:  # most paragraphs
        return max(1, -(-len(lines[0].strip()) // width))
    return sum(max(1, math.ceil(len(line.strip()) / width)) for line in lines)


@dataclass(frozen=True)
class Layout:
    """How a body is laid out: the words of each sentence, the lines of each paragraph, its
    runs of letters and their syllables."""

    sentence_words: tuple[int, ...]
    paragraph_lines: tuple[int, ...]
    letters: int
    syllables: int


def body_layout(body: str, line_width: int, body_words: list[str] | None = None) -> Layout:
    """The ``Layout`` of ``body``; ``body_words``: its runs of letters when the caller has
    them (``words(body.lower())``)."""
    letters = _LETTERS.findall(body) if body_words is None else body_words
    return Layout(
        tuple(map(sentence_words, sentences(body))),
        tuple(paragraph_lines(p, line_width) for p in _PARAGRAPH_BREAK.split(body)),
        len(letters),
        total_syllables(letters),
    )


def ends_open(paragraph_sentences: list[str]) -> bool:
    """Whether the last of a paragraph's ``sentences`` ends with a dot after an initial or
    an abbreviation («… la vitamina C.», «… Sr.»): followed by another paragraph, the
    sentence might go on in it (``sentences`` of the whole text)."""
    if not paragraph_sentences:
        return False
    piece = paragraph_sentences[-1].rstrip("\"'»”)] \t\n")
    tail = piece[:-1].rsplit(None, 1) if piece.endswith(".") else []
    if not tail:
        return False
    last = tail[-1].lstrip("(¿¡«\"'").lower()
    return len(last) <= 1 or last in _NO_END or last.endswith(".m")


def measure(
    body: str,
    text: str,
    settings: ScreeningSettings,
    known: frozenset[str],
    *,
    body_words: list[str] | None = None,
    folded_text: str | None = None,
    acronym_text: str | None = None,
    layout: Layout | None = None,
    legalisms: tuple[str, ...] | None = None,
) -> PlainLanguage:
    """The plain-language findings of an answer: ``body`` (without greeting and signature)
    for sentences, paragraphs and readability; ``text`` (everything the agent wrote) for
    legalisms and, unless ``acronym_text`` is given (the answer without its signature
    block), acronyms. ``body_words`` (the runs of letters of ``body``, in any case),
    ``folded_text`` (``fold(text)``), ``layout`` (``body_layout(body, …)``) and
    ``legalisms`` (``_legalisms`` of the text) may be given when the caller has them
    already."""
    if layout is None:
        layout = body_layout(body, settings.line_width, body_words)
    long_sentences = tuple(n for n in layout.sentence_words if n > settings.max_sentence_words)
    long_paragraphs = tuple(n for n in layout.paragraph_lines if n > settings.max_paragraph_lines)
    if legalisms is None:
        legalisms = _legalisms(
            fold(text) if folded_text is None else folded_text, settings.legalisms, text
        )
    readability = None
    if layout.letters >= MIN_WORDS_FOR_READABILITY and layout.sentence_words:
        readability = szigriszt_pazos(layout.letters, layout.syllables, len(layout.sentence_words))
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
