"""What the per-answer checks find in each paragraph, computed once per distinct paragraph.

A month's answers are written from the provider's templates: most of their paragraphs
recur word for word in other answers (the opening, the paragraphs of a subject, the
closing, the signature). What a check finds in a paragraph that does not depend on the
rest of the answer is kept in a memory (``ParagraphMemory``), and an answer's figures are
the sums over its paragraphs. Paragraphs are cut at blank lines, and none of these crosses
one:

- spelling (``TextParagraph``, of everything the agent wrote): the words counted and the
  words suspected (``suspect_words``; a paragraph's first word begins a sentence in the
  whole text as well), before the requester's and the agent's names pass; and the listed
  legalisms found;
- the layout of the body (``BodyParagraph``): the words of each sentence, the lines, the
  runs of letters and their syllables, the content stems (before the names are taken out)
  and the normalised tokens of the reuse check (idem) with their 3-gram hashes (only those
  across two paragraphs are left to hash per answer).

Only one thing of a paragraph depends on what follows it: a last sentence ending with an
abbreviation's dot («… Sr.») might go on in the next paragraph (``ends_open``); then the
body's layout is measured whole. Likewise legalisms are read in the whole text when a
paragraph's folding moves characters (a rare letter whose lower case is longer).

A body paragraph met for the first time is often made of sentences met before (an agent
composes the answer from the subject's stock sentences and changes one of them): its
facts are then summed from those of its sentences (``_SentenceFacts``, memorised in the
same way), when the sentences lie end to end in it with only spaces between them, so that
no run of letters, token or word count crosses from one to the next. Its 3-gram hashes
are the sentences' own with the few across two sentences added; its lines and whether
its end is open are measured on the paragraph.

The memories are bounded (``MEMORY_LIMIT`` paragraphs or ``MEMORY_CHARS`` characters
each, emptied when full; paragraphs over ``LONGEST_KEPT`` characters are not kept); a
caller that knows its paragraphs will not recur (a chat transcript) reads them without
keeping them.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Callable
from typing import NamedTuple, TypeVar

from auditoria_calidad.domain.screening.answer_parts import fold, words
from auditoria_calidad.domain.screening.congruence import Stemmer
from auditoria_calidad.domain.screening.inputs import ScreeningSettings
from auditoria_calidad.domain.screening.plain_language import (
    Layout,
    ends_open,
    legalisms_found,
    paragraph_lines,
    sentence_words,
    sentences,
)
from auditoria_calidad.domain.screening.readability import total_syllables
from auditoria_calidad.domain.screening.reuse import Sketcher, normalised_tokens
from auditoria_calidad.domain.spelling import SpellChecker, suspect_words

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
MEMORY_LIMIT = 150_000
MEMORY_CHARS = 30_000_000
LONGEST_KEPT = 2_000
F = TypeVar("F")
_NO_NAMES: frozenset[str] = frozenset()


class TextParagraph(NamedTuple):
    words: int  # words counted by the spelling pre-check
    suspects: tuple[str, ...]  # suspect words as written, before the names pass
    legalisms: tuple[tuple[str, str], ...]  # (folded phrase, as quoted), in order
    folds_in_place: bool  # fold() keeps every character where it was


class BodyParagraph(NamedTuple):
    sentence_words: tuple[int, ...]
    lines: int
    letters: int
    syllables: int
    stems: tuple[str, ...]  # content stems, names not yet taken out
    tokens: tuple[str, ...]  # normalised tokens (reuse.py), names not yet dropped
    shingles: array[int]  # the 3-gram hashes of those tokens (Sketcher.own_shingles)
    open_end: bool  # its last sentence might go on in the next paragraph


class _SentenceFacts(NamedTuple):
    words: int  # sentence_words
    letters: int
    syllables: int
    stems: frozenset[str]
    tokens: tuple[str, ...]
    shingles: array[int]


class _Memory(dict[str, F]):
    """Paragraph (or sentence) -> its facts, emptied when it holds ``MEMORY_LIMIT`` pieces
    or ``MEMORY_CHARS`` characters; a piece longer than ``LONGEST_KEPT`` is not kept (so
    long a paragraph hardly recurs word for word)."""

    def __init__(self, compute: Callable[[str, bool], F]) -> None:
        super().__init__()
        self._compute = compute
        self._chars = 0

    def facts(self, text: str, keep: bool) -> list[F]:
        """The facts of each paragraph of ``text``; ``keep``: remember those not met yet."""
        self.make_room()
        return [self.one(paragraph, keep) for paragraph in PARAGRAPH_BREAK.split(text)]

    def one(self, piece: str, keep: bool) -> F:
        """The facts of one piece of text (call `make_room` now and then)."""
        facts = self.get(piece)
        if facts is None:
            facts = self._compute(piece, keep)
            if keep and len(piece) <= LONGEST_KEPT:
                self[piece] = facts
                self._chars += len(piece)
        return facts

    def make_room(self) -> None:
        if len(self) > MEMORY_LIMIT or self._chars > MEMORY_CHARS:
            self.clear()
            self._chars = 0


class ParagraphMemory:
    """The paragraph facts of one screening's settings, dictionary and stemmer."""

    def __init__(
        self,
        settings: ScreeningSettings,
        checker: SpellChecker,
        stemmer: Stemmer,
        sketcher: Sketcher,
    ) -> None:
        self._settings = settings
        self._checker = checker
        self._stemmer = stemmer
        self._sketcher = sketcher
        self._texts = _Memory(self._text_facts)
        self._bodies = _Memory(self._body_facts)
        self._sentences = _Memory(self._sentence_facts)

    # --- everything the agent wrote --------------------------------------------------------

    def text(self, text: str, keep: bool = True) -> list[TextParagraph]:
        return self._texts.facts(text, keep)

    def _text_facts(self, paragraph: str, _keep: bool = True) -> TextParagraph:
        count, suspects = suspect_words(paragraph, self._checker)
        folded = fold(paragraph)
        legalisms = legalisms_found(folded, self._settings.legalisms, paragraph)
        return TextParagraph(
            count, suspects, tuple(legalisms.items()), len(folded) == len(paragraph)
        )

    # --- the body --------------------------------------------------------------------------

    def body(self, body: str, keep: bool = True) -> list[BodyParagraph]:
        return self._bodies.facts(body, keep)

    def _body_facts(self, paragraph: str, keep: bool = True) -> BodyParagraph:
        cut = sentences(paragraph)
        if len(cut) > 1 and end_to_end(paragraph, cut):
            return self._summed_body_facts(paragraph, cut, keep)
        letters = words(paragraph.lower())
        # The same token of many paragraphs is kept once.
        tokens = tuple(map(sys.intern, normalised_tokens(paragraph, _NO_NAMES)))
        return BodyParagraph(
            tuple(map(sentence_words, cut)),
            paragraph_lines(paragraph, self._settings.line_width),
            len(letters),
            total_syllables(letters),
            tuple(self._stemmer.stems_of_words(letters, _NO_NAMES)),
            tokens,
            self._sketcher.own_shingles(tokens),
            ends_open(cut),
        )

    def _summed_body_facts(self, paragraph: str, cut: list[str], keep: bool) -> BodyParagraph:
        """`_body_facts` of a paragraph whose sentences ``cut`` lie end to end in it."""
        memory = self._sentences
        memory.make_room()
        parts = [memory.one(sentence, keep) for sentence in cut]
        tokens: list[str] = []
        for part in parts:
            tokens += part.tokens
        return BodyParagraph(
            tuple(part.words for part in parts),
            paragraph_lines(paragraph, self._settings.line_width),
            sum(part.letters for part in parts),
            sum(part.syllables for part in parts),
            tuple(frozenset().union(*(part.stems for part in parts))),
            tuple(tokens),
            self._sketcher.shingles_of_runs([(part.tokens, part.shingles) for part in parts]),
            ends_open(cut),
        )

    def _sentence_facts(self, sentence: str, _keep: bool = True) -> _SentenceFacts:
        letters = words(sentence.lower())
        tokens = tuple(map(sys.intern, normalised_tokens(sentence, _NO_NAMES)))
        return _SentenceFacts(
            sentence_words(sentence),
            len(letters),
            total_syllables(letters),
            frozenset(self._stemmer.stems_of_words(letters, _NO_NAMES)),
            tokens,
            self._sketcher.own_shingles(tokens),
        )


def end_to_end(paragraph: str, pieces: list[str]) -> bool:
    """Whether ``pieces`` are the whole of ``paragraph``, in order, with nothing but
    whitespace between them (at least one character) and around them."""
    position = 0
    for number, piece in enumerate(pieces):
        found = paragraph.find(piece, position)
        if found < 0 or (number and found == position):
            return False
        if found > position and not paragraph[position:found].isspace():
            return False
        position = found + len(piece)
    rest = paragraph[position:]
    return not rest or rest.isspace()


# --- an answer's figures from its paragraphs ---------------------------------------------


def spelling_tally(paragraphs: list[TextParagraph]) -> tuple[int, tuple[str, ...]]:
    """``suspect_words`` of the text (without the names that pass)."""
    if len(paragraphs) == 1:
        return paragraphs[0].words, paragraphs[0].suspects
    count = 0
    found: list[str] = []
    for facts in paragraphs:
        count += facts.words
        if facts.suspects:
            found += facts.suspects
    return count, tuple(found)


def legalisms_of(paragraphs: list[TextParagraph]) -> tuple[str, ...] | None:
    """The text's legalisms as quoted, each once in the order first found; None when they
    must be read in the whole text (see the module docstring)."""
    found: dict[str, str] = {}
    for facts in paragraphs:
        if not facts.folds_in_place:
            return None
        for phrase, written in facts.legalisms:
            found.setdefault(phrase, written)
    return tuple(found.values())


def layout_of(paragraphs: list[BodyParagraph]) -> Layout | None:
    """The body's layout; None when a sentence might cross a blank line."""
    if any(facts.open_end for facts in paragraphs[:-1]):
        return None
    if len(paragraphs) == 1:
        facts = paragraphs[0]
        return Layout(facts.sentence_words, (facts.lines,), facts.letters, facts.syllables)
    counts: list[int] = []
    for facts in paragraphs:
        counts += facts.sentence_words
    return Layout(
        tuple(counts),
        tuple(facts.lines for facts in paragraphs),
        sum(facts.letters for facts in paragraphs),
        sum(facts.syllables for facts in paragraphs),
    )


def names_in(paragraphs: list[BodyParagraph], names: frozenset[str]) -> bool:
    """Whether a token of the paragraphs is one of ``names``."""
    return bool(names) and any(not names.isdisjoint(facts.tokens) for facts in paragraphs)


def tokens_of(paragraphs: list[BodyParagraph], names: frozenset[str]) -> list[str]:
    """``normalised_tokens`` of the paragraphs' text, the words in ``names`` dropped."""
    tokens: list[str] = []
    for facts in paragraphs:
        tokens += facts.tokens
    if names and not names.isdisjoint(tokens):
        return [t for t in tokens if t not in names]
    return tokens
