"""Offline Spanish spelling pre-check of an answer or a chat (F182 "redacción y ortografía").

The dictionary is RLA-ES (the Hunspell Spanish dictionary, shipped in
``resources/dictionaries`` with its licence), expanded ahead of time into the list of every
valid word form by ``scripts/build_spelling_dictionary.py``; here it is only read, once per
process, into a set. The entity's own words (programme names, acronyms, agents' names) come
in as a plain set and are matched case-insensitively but accent-sensitively.

What is checked, word by word (see docs/spelling.md for the reasons):

- a word is a run of letters (combining accents included); hyphens, apostrophes and slashes
  separate words, so "socio-económico" checks "socio" and "económico";
- not checked: one-letter words; words in ALL CAPITALS (acronyms) or with a capital inside
  ("iPhone"); a capitalised word that does not start a sentence is taken as a proper name
  unless it looks like a slip of a common word ("Credito", "Univresidad", "Usaurio": see
  ``SpellChecker.is_misspelt_common_word``), which is suspect wherever it stands;
  any whitespace-separated token with a digit (numbers, radicados such as
  "2026-ER-0123456", "CHAT-2026-000123"), an "@" (e-mails) or the shape of a URL;
  transcript prefixes such as "[14:03:12] Usuario:" or "Agente (Laura Gómez):";
- a sentence starts at the beginning of the text or of a line, after a transcript prefix,
  and after ".", "!", "?" or "…" (except after a known abbreviation such as "Sr." or an
  initial); its first word, capitalised or not, is checked.

Each distinct token's analysis is remembered by the checker, so screening a month of
answers looks most words up once.

Offsets of suspect words are Python ``str`` indices (code points) into the original text,
so ``text[start:end]`` is the word, whatever accents (composed or not) or emoji it holds.
Qt counts UTF-16 units instead: convert with ``utf16_index`` before underlining.
"""

from __future__ import annotations

import gzip
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from importlib import resources

from auditoria_calidad.domain.scheme import SpellingBand, Thresholds

WORDS_RESOURCE = ("resources", "dictionaries", "es_CO_words.txt.gz")
MAX_SUGGESTIONS = 5


class SpellingDictionaryError(RuntimeError):
    """The shipped dictionary could not be read (message in Spanish, for the user)."""


# ---------------------------------------------------------------------------
# Report


@dataclass(frozen=True)
class SuspectWord:
    """A word not found in the dictionary nor in the entity's list."""

    word: str  # exactly text[start:end]
    start: int  # Python str index (code points) in the original text
    end: int
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpellReport:
    word_count: int  # whitespace-separated tokens with a letter or digit, prefixes excluded
    checked_count: int  # words actually looked up (the rest are ignored by the rules above)
    suspects: tuple[SuspectWord, ...]  # every occurrence, in text order

    @property
    def suspects_per_100(self) -> Decimal:
        """Suspect words per 100 words (0 for a text without words), unrounded."""
        if self.word_count == 0:
            return Decimal(0)
        with localcontext() as ctx:
            ctx.prec = 28
            return Decimal(100 * len(self.suspects)) / Decimal(self.word_count)

    def proposed_level(self, bands: Sequence[SpellingBand]) -> str | None:
        """Level proposed by the scheme's spelling bands; None without bands or words."""
        if self.word_count == 0:
            return None
        return propose_level(self.suspects_per_100, bands)


def propose_level(
    suspects_per_100: Decimal | float | int, bands: Sequence[SpellingBand]
) -> str | None:
    """Key of the first band whose ``max_per_100`` is at least the rate (or has no limit).

    ``bands`` are the scheme's ``thresholds.spelling_bands`` (ascending, the last one open);
    None when there are no bands. The rule itself is the scheme's ``spelling_level``.
    """
    return Thresholds(spelling_bands=tuple(bands)).spelling_level(suspects_per_100)


def utf16_index(text: str, index: int) -> int:
    """Position in UTF-16 code units (what QTextCursor counts) of ``text[index]``."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


# ---------------------------------------------------------------------------
# Dictionary and suggestions

_FOLD = str.maketrans("áéíóúüñ", "aeiouun")
_ACCENTED = frozenset("áéíóúüñ")
_VOWELS = frozenset("aeiou")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# Letters a Spanish writer confuses by sound: cheaper than any other typo.
# fmt: off
_SOUND_ALIKE: tuple[tuple[str, str, float], ...] = (
    ("b", "v", 0.4), ("v", "b", 0.4), ("s", "c", 0.4), ("c", "s", 0.4), ("s", "z", 0.4),
    ("z", "s", 0.4), ("c", "z", 0.4), ("z", "c", 0.4), ("ll", "y", 0.4), ("y", "ll", 0.4),
    ("g", "j", 0.5), ("j", "g", 0.5), ("y", "i", 0.5), ("i", "y", 0.5), ("c", "k", 0.5),
    ("k", "c", 0.5), ("qu", "k", 0.5), ("k", "qu", 0.5), ("qu", "c", 0.5), ("c", "qu", 0.5),
    ("cc", "x", 0.5), ("x", "cc", 0.5), ("g", "gu", 0.5), ("gu", "g", 0.5), ("x", "s", 0.6),
    ("s", "x", 0.6), ("sc", "s", 0.6), ("s", "sc", 0.6), ("sc", "c", 0.6), ("c", "sc", 0.6),
    ("m", "n", 0.6), ("n", "m", 0.6),
)
# fmt: on
_SOUND_ALIKE_BY_LETTER: dict[str, tuple[tuple[str, str, float], ...]] = {
    letter: tuple(rule for rule in _SOUND_ALIKE if rule[0][0] == letter)
    for letter in {rule[0][0] for rule in _SOUND_ALIKE}
}
_DOUBLING = frozenset("crlnoe")  # letters Spanish doubles: acción, perro, llave, innato, leer
_CHEAP = 0.65  # an edit this cheap may be followed by a second cheap one
# Short words often glued to the next one: "porfavor", "sinembargo", "deacuerdo".
# fmt: off
_GLUED_HEADS = frozenset((
    "a", "al", "con", "de", "del", "el", "en", "la", "las", "lo", "los", "muy", "no", "o",
    "para", "por", "que", "se", "sin", "su", "tal", "un", "una", "y",
))
# fmt: on


def _fold(word: str) -> str:
    return word.translate(_FOLD)


def _edits(word: str, cheap_only: bool = False) -> Iterator[tuple[str, float]]:
    """Spellings one edit away from a folded lower-case word, with the edit's cost.

    Cheap edits (sound-alike letters, a missing or extra "h", a letter doubled or undoubled,
    two neighbours swapped) cost less than other typos; ``cheap_only`` yields those alone.
    """
    n = len(word)
    for i in range(n + 1):
        head, tail = word[:i], word[i:]
        before = head[-1:]
        if not before or before in _VOWELS or before in "nsdx":
            yield head + "h" + tail, 0.5  # hubiera, ahora, deshacer, exhibir
        if before in _DOUBLING:
            yield head + before + tail, 0.5
        if not tail:
            break
        first = tail[0]
        if first == "h" or first == before or tail[1:2] == first:
            yield head + tail[1:], 0.5
        elif not cheap_only:
            yield head + tail[1:], 1.0
        if len(tail) > 1 and first != tail[1]:
            yield head + tail[1] + first + tail[2:], 0.6
        for old, new, cost in _SOUND_ALIKE_BY_LETTER.get(first, ()):
            if tail.startswith(old):
                yield head + new + tail[len(old) :], cost
        if not cheap_only:
            for letter in _ALPHABET:
                yield head + letter + tail, 1.0
                if letter != first:
                    yield head + letter + tail[1:], 1.0
    if not cheap_only:
        for letter in _ALPHABET:
            yield word + letter, 1.0


class _Lexicon:
    """Every word form of the dictionary, its roots, and an index from the accent-free
    lower-case spelling to the forms that have accents or capitals (for suggestions).

    ``text`` is the file written by ``scripts/build_spelling_dictionary.py``: forms, roots,
    index keys and index values, in four blocks separated by an empty line.
    """

    def __init__(self, text: str) -> None:
        forms, roots, keys, values = text.rstrip("\n").split("\n\n")
        self.forms = frozenset(forms.split("\n"))
        self._roots = frozenset(roots.split("\n"))
        # Built with C loops only: folding 700 000 forms in Python would take seconds.
        self._by_folded = dict(zip(keys.split("\n"), values.split("\n"), strict=True))
        self._suggestions: dict[str, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self.forms)

    def _matching(self, folded: str) -> list[str]:
        """Forms whose accent-free lower-case spelling is ``folded``."""
        found = self._by_folded.get(folded)
        matches = found.split(" ") if found else []
        if folded in self.forms:
            matches.append(folded)
        return matches

    def _candidates(self, folded: str, second_edit: bool) -> dict[str, float]:
        """Accent-free spellings within one edit (or two cheap ones), with their cost."""
        costs: dict[str, float] = {folded: 0.0}
        for candidate, cost in _edits(folded):
            if cost < costs.get(candidate, 9.0):
                costs[candidate] = cost
        if second_edit:
            for first, first_cost in [(c, k) for c, k in costs.items() if 0 < k <= _CHEAP]:
                for candidate, cost in _edits(first, cheap_only=True):
                    if first_cost + cost < costs.get(candidate, 9.0):
                        costs[candidate] = first_cost + cost
        return costs

    def _glued(self, folded: str) -> Iterator[str]:
        """Two words written as one: "porfavor" → "por favor", "acontinuacion" → "a
        continuación" (the first one a short function word)."""
        for i in range(1, min(len(folded) - 2, 5)):
            if folded[:i] in _GLUED_HEADS:
                rest = [f for f in self._matching(folded[i:]) if f.islower()]
                if rest:
                    yield f"{folded[:i]} {min(rest, key=lambda f: (f not in self._roots, f))}"

    def near_common_word(self, lower: str) -> bool:
        """Whether a lower-case dictionary form differs from ``lower`` only in accents, by
        one cheap edit, or (eight letters or more) by one other edit that keeps the first
        letter."""
        folded = _fold(lower)
        if any(form.islower() and form != lower for form in self._matching(folded)):
            return True
        for candidate, cost in _edits(folded, cheap_only=len(folded) < 8):
            if candidate == folded or (cost >= 1.0 and candidate[:1] != folded[:1]):
                continue
            if any(form.islower() for form in self._matching(candidate)):
                return True
        return False

    def suggest(self, lower: str) -> tuple[str, ...]:
        """Up to MAX_SUGGESTIONS forms close to a lower-case word, best first (cached).

        Score: the edit cost, plus 0.1 per accent that differs, 0.3 for a proper name and
        0.05 for a form that is not a headword of the dictionary.
        """
        cached = self._suggestions.get(lower)
        if cached is not None:
            return cached
        folded = _fold(lower)
        accents = {ch for ch in lower if ch in _ACCENTED}
        # A word only missing (or misplacing) an accent is by far the commonest slip: when
        # that fixes it, one edit is enough for the other suggestions.
        accent_only = any(form != lower for form in self._matching(folded))
        best: dict[str, tuple[float, str]] = {}  # by lower case: "Hay" and "hay" collapse
        for candidate, cost in self._candidates(folded, not accent_only).items():
            for form in self._matching(candidate):
                if form == lower:
                    continue
                differing = accents.symmetric_difference(ch for ch in form if ch in _ACCENTED)
                score = cost + 0.1 * len(differing)
                score += (0.0 if form.islower() else 0.3) + (0.0 if form in self._roots else 0.05)
                key = form.lower()
                if key not in best or score < best[key][0]:
                    best[key] = (score, form)
        for phrase in self._glued(folded):
            best.setdefault(phrase, (0.75, phrase))
        ranked = sorted(best.values(), key=lambda s: (s[0], abs(len(s[1]) - len(lower)), s[1]))
        result = tuple(form for _, form in ranked[:MAX_SUGGESTIONS])
        if len(self._suggestions) > 20_000:
            self._suggestions.clear()
        self._suggestions[lower] = result
        return result


_lexicon: _Lexicon | None = None
_lexicon_lock = threading.Lock()


def _load_lexicon() -> _Lexicon:
    """The shipped dictionary, read once per process (thread-safe)."""
    global _lexicon
    with _lexicon_lock:
        if _lexicon is None:
            path = resources.files("auditoria_calidad").joinpath(*WORDS_RESOURCE)
            try:
                text = gzip.decompress(path.read_bytes()).decode("utf-8")
                lexicon = _Lexicon(text)
            except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
                raise SpellingDictionaryError(
                    f"No se pudo leer el diccionario de ortografía ({WORDS_RESOURCE[-1]}): {exc}"
                ) from exc
            _lexicon = lexicon
        return _lexicon


def _entity_key(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


@dataclass(frozen=True, eq=False)
class SpellChecker:
    """The dictionary (shared by every checker of the process) plus the entity's words.

    Build it with ``SpellChecker.load(entity_words=...)``; the first call reads the
    dictionary (a fraction of a second), later ones and ``with_entity_words`` are cheap.
    """

    _lexicon: _Lexicon
    entity_words: frozenset[str]  # NFC, case-folded
    # Per-checker memories (the verdicts depend on the entity words): token -> analysis,
    # lower-case capitalised word -> "looks like a slip of a common word".
    _tokens: dict[str, _TokenInfo] = field(default_factory=dict, repr=False)
    _near: dict[str, bool] = field(default_factory=dict, repr=False)
    _clean_tokens: set[str] = field(default_factory=set, repr=False)
    _not_word_tokens: set[str] = field(default_factory=set, repr=False)

    @classmethod
    def load(cls, entity_words: Iterable[str] = ()) -> SpellChecker:
        """Checker over the shipped dictionary; raises ``SpellingDictionaryError``."""
        return cls(_load_lexicon(), _entity_set(entity_words))

    def with_entity_words(self, words: Iterable[str]) -> SpellChecker:
        """The same dictionary with another entity word list (replaces the current one)."""
        return SpellChecker(self._lexicon, _entity_set(words))

    @property
    def form_count(self) -> int:
        """Number of word forms in the dictionary."""
        return len(self._lexicon)

    def is_entity_word(self, word: str) -> bool:
        return _entity_key(word) in self.entity_words

    def is_correct(self, word: str) -> bool:
        """True for a dictionary word or an entity word. A capitalised or all-capitals word
        is correct when its lower-case form is (as Hunspell does); a lower-case word whose
        only form is capitalised ("colombia") is not."""
        word = unicodedata.normalize("NFC", word)
        forms = self._lexicon.forms
        if word in forms or self.is_entity_word(word):
            return True
        lower = word.lower()
        if word[:1].isupper() and word[1:] == word[1:].lower():
            return lower in forms
        if word.isupper():
            return lower in forms or lower.capitalize() in forms
        return False

    def is_misspelt_common_word(self, word: str) -> bool:
        """Whether a capitalised word that is not correct looks like a slip of a lower-case
        dictionary word rather than a name: it differs from one only in accents
        ("Credito", "Atencion") or by one cheap edit (sound-alike letter, "h", a doubled
        letter, two neighbours swapped: "Univresidad", "Usaurio"), or, from eight letters
        on, by any one edit that keeps the first letter ("Universidaf"). Names are rarely
        that close to a common word ("Ocampo", "Patiño", "Liliana" and "Londoño" are one
        plain edit away, but shorter or with another first letter)."""
        lower = unicodedata.normalize("NFC", word).lower()
        cached = self._near.get(lower)
        if cached is None:
            cached = self._lexicon.near_common_word(lower)
            if len(self._near) > 50_000:
                self._near.clear()
            self._near[lower] = cached
        return cached

    def suggest(self, word: str) -> tuple[str, ...]:
        """Up to five dictionary words close to ``word``, best first, in its case."""
        word = unicodedata.normalize("NFC", word)
        found = self._lexicon.suggest(word.lower())
        if word[:1].isupper():
            return tuple(dict.fromkeys(f[:1].upper() + f[1:] for f in found))
        return found


def without_accepted(found: tuple[str, ...], accepted: Iterable[str]) -> tuple[str, ...]:
    """Suspects as written (``suspect_words`` of a text without ``accepted``) without the
    words ``accepted`` lets pass: what ``suspect_words`` with them gives."""
    extra = _entity_set(accepted) if found else None
    return tuple(w for w in found if _entity_key(w) not in extra) if extra else found


def _entity_set(words: Iterable[str]) -> frozenset[str]:
    """Each entry may be a phrase ("Tú Eliges"): every word of it is accepted."""
    return frozenset(
        _entity_key(match.group()) for entry in words for match in _WORD_RUN.finditer(entry)
    )


# ---------------------------------------------------------------------------
# Reading the text

_WORD_RUN = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_TOKEN = re.compile(r"\S+")
_EDGE_PUNCTUATION = re.compile(r"^[^\w\u0300-\u036f]+|[^\w\u0300-\u036f]+$")
_URL = re.compile(
    r"(?i)(?:[a-z][a-z0-9+.-]*://|www\.)\S*"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:com|co|org|net|gov|edu|info|io|es|mx|int|biz|app)(?:\.[a-z]{2})?"
    r"(?:[/?#]\S*)?"
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?\s?m\.?)?"
_STAMP = rf"(?:\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}[ T,]+)?{_TIME}"
_ROLE = (
    r"usuari[oa]|agente|asesora?|cliente|ciudadan[oa]|beneficiari[oa]|solicitante"
    r"|estudiante|operadora?|sistema|bot|chatbot|visitante|funcionari[oa]|supervisora?"
    r"|user|agent|customer|system"
)
_NAME = r"[A-ZÁÉÍÓÚÑ][\w'’.-]*"
_LABEL = r"[^\W\d_][\w'’.-]*(?:[ \t]+[(\w][\w'’.()-]*){0,4}"  # speaker: up to five words
_TRANSCRIPT_PREFIX = re.compile(
    rf"^[ \t]*(?:"
    rf"(?:\[\s*{_STAMP}\s*\]|\(\s*{_STAMP}\s*\)|{_STAMP})[ \t]*(?:[-–—|][ \t]*)?"
    rf"(?:{_LABEL}[ \t]*:)?"
    rf"|(?i:{_ROLE})(?:[ \t]*\([^()\n]{{0,60}}\)|(?:[ \t]+{_NAME}){{1,4}})?[ \t]*:"
    rf")",
    re.MULTILINE,
)
_SENTENCE_END = ".!?…"
_NOT_SENTENCE_END = ",;:"
# A dot after these (or after an initial, "J. Ospina") does not end the sentence.
# fmt: off
_ABBREVIATIONS = frozenset((
    "sr", "sra", "srta", "sres", "sras", "dr", "dra", "drs", "dras", "ud", "uds", "lic", "ing",
    "arq", "prof", "art", "arts", "núm", "num", "no", "nro", "pág", "págs", "tel", "cel", "av",
    "cra", "cll", "dg", "tv", "ej", "vs", "aprox", "dpto", "depto", "mpio", "cód", "ref", "lit",
    "inc", "ext",
))
# Abbreviations of Colombian addresses and phone numbers («Cra. 4 # 26-15», «Cll 57 Sur»,
# «Mz. 14 Cs. 9», «ext. 2210», «cel. 310…»): not words to look up, with or without the dot.
ADDRESS_ABBREVIATIONS = frozenset((
    "cra", "cr", "kr", "kra", "cll", "cl", "clle", "dg", "diag", "tv", "tr", "transv", "ak",
    "mz", "mzn", "cs", "lt", "edf", "blq", "apto", "apt", "urb", "cdla", "vda", "ext", "cel",
))
# fmt: on
# A list marker in lower-case Roman numerals: «ii)», «iv.».
_ROMAN_MARKER = re.compile(r"(?=[ivxl])x{0,3}(?:ix|iv|v?i{0,3})[).]")


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:dot]
    return len(word) == 1 or word.lower() in _ABBREVIATIONS


def _starts_sentence(text: str, position: int, prefix_ends: set[int]) -> bool:
    """Whether a word at ``position`` is the first of a sentence (see module docstring)."""
    i = position - 1
    while i >= 0:
        if i + 1 in prefix_ends:
            return True
        ch = text[i]
        if ch == "\n":
            return True
        if ch.isalnum() or ch in _NOT_SENTENCE_END:
            return False
        if ch in _SENTENCE_END:
            return not (ch == "." and _ends_with_abbreviation(text, i))
        i -= 1  # spaces, quotes, brackets, opening ¿ ¡, dashes, bullets
    return True


# One word of a token: offsets inside the token, whether it is capitalised, and its verdict.
_CORRECT, _SUSPECT, _SUSPECT_AT_SENTENCE_START = 0, 1, 2
_TokenRun = tuple[int, int, bool, int]


@dataclass(frozen=True)
class _TokenInfo:
    """What a whitespace-separated token holds, independent of where it stands."""

    is_word: bool  # counted as a word (holds a letter or a digit)
    runs: tuple[_TokenRun, ...]  # the words to look up (none for codes, e-mails, URLs)


def _analyse_token(raw: str, checker: SpellChecker) -> _TokenInfo:
    if not any(ch.isalnum() for ch in raw):
        return _TokenInfo(False, ())
    core = _EDGE_PUNCTUATION.sub("", raw)
    if any(ch.isdigit() or ch in "@_" for ch in core) or _URL.fullmatch(core):
        return _TokenInfo(True, ())
    if core.lower() in ADDRESS_ABBREVIATIONS or _ROMAN_MARKER.fullmatch(raw.lstrip("(")):
        return _TokenInfo(True, ())
    runs: list[_TokenRun] = []
    for run in _WORD_RUN.finditer(raw):
        word = unicodedata.normalize("NFC", run.group())
        if len(word) < 2 or word.isupper() or any(ch.isupper() for ch in word[1:]):
            continue  # one letter, acronym, "iPhone"
        capital = word[0].isupper()
        if checker.is_correct(word):
            verdict = _CORRECT
        elif not capital or checker.is_misspelt_common_word(word):
            verdict = _SUSPECT
        else:
            verdict = _SUSPECT_AT_SENTENCE_START  # elsewhere it is taken as a name
        runs.append((run.start(), run.end(), capital, verdict))
    return _TokenInfo(True, tuple(runs))


def check_text(
    text: str,
    checker: SpellChecker,
    *,
    suggestions: bool = True,
    accepted: Iterable[str] = (),
) -> SpellReport:
    """Count the words of ``text`` and find the suspect ones (module docstring: the rules).

    With ``suggestions`` each suspect carries up to five corrections (a few milliseconds
    for a word met for the first time, then cached). ``accepted`` are more words that pass
    for this text only, matched like the entity's words (e.g. the requester's and the
    agent's names in a greeting or a signature).
    """
    prefixes = [m.span() for m in _TRANSCRIPT_PREFIX.finditer(text) if m.end() > m.start()]
    prefix_ends = {end for _, end in prefixes}
    # Blank the prefixes out (same length, so offsets stay those of ``text``).
    if prefixes:
        pieces, last = [], 0
        for start, end in prefixes:
            pieces += [text[last:start], " " * (end - start)]
            last = end
        masked = "".join([*pieces, text[last:]])
    else:
        masked = text
    extra = _entity_set(accepted) if accepted else frozenset()
    cache = checker._tokens
    if len(cache) > 300_000:
        cache.clear()
    word_count = 0
    checked = 0
    suspects: list[SuspectWord] = []
    for token in _TOKEN.finditer(masked):
        raw = token.group()
        info = cache.get(raw)
        if info is None:
            info = cache[raw] = _analyse_token(raw, checker)
        if not info.is_word:
            continue
        word_count += 1
        for run_start, run_end, capital, verdict in info.runs:
            start = token.start() + run_start
            if capital and verdict != _SUSPECT and not _starts_sentence(text, start, prefix_ends):
                continue  # a capitalised word inside a sentence: a name
            checked += 1
            if verdict == _CORRECT:
                continue
            end = token.start() + run_end
            word = text[start:end]
            if extra and _entity_key(word) in extra:
                continue
            found = checker.suggest(word) if suggestions else ()
            suspects.append(SuspectWord(word, start, end, found))
    return SpellReport(word_count, checked, tuple(suspects))


def suspect_words(
    text: str, checker: SpellChecker, accepted: Iterable[str] = ()
) -> tuple[int, tuple[str, ...]]:
    """``(word_count, suspects as written)`` of ``text``: the same words ``check_text``
    finds, faster on texts without suspects (screening a whole month).

    Tokens already seen and found clean are set aside with one set difference; only a
    text holding a token with a possible suspect goes through ``check_text``.
    """
    if ":" in text and _TRANSCRIPT_PREFIX.search(text):  # every prefix holds a colon
        report = check_text(text, checker, suggestions=False, accepted=accepted)
        return report.word_count, tuple(s.word for s in report.suspects)
    tokens = text.split()  # the tokens of _TOKEN (\S+): str.split has the same spaces
    clean, not_words = checker._clean_tokens, checker._not_word_tokens
    unknown = set(tokens).difference(clean, not_words)
    extra: frozenset[str] | None = None  # the accepted words, read when first needed
    cache = checker._tokens
    for raw in unknown:
        info = cache.get(raw)
        if info is None:
            info = cache[raw] = _analyse_token(raw, checker)
        if not info.is_word:
            not_words.add(raw)
            continue
        doubtful = [raw[a:b] for a, b, _, verdict in info.runs if verdict != _CORRECT]
        if not doubtful:
            clean.add(raw)
            continue
        if extra is None:
            extra = _entity_set(accepted) if accepted else frozenset()
        if not extra or any(_entity_key(w) not in extra for w in doubtful):
            report = check_text(text, checker, suggestions=False, accepted=accepted)
            return report.word_count, tuple(s.word for s in report.suspects)
    if len(clean) > 300_000:
        clean.clear()
    return len(tokens) - sum(map(not_words.__contains__, tokens)), ()
