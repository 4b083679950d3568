"""Spelling pre-check of the answer being evaluated, and the turns of a chat transcript.

In a chat only the agent's turns are the provider's writing: the user's turns are shown
but not checked. A transcript is a text whose lines start with a speaker prefix such as
``[14:03:12] Agente (Laura):`` or ``Usuario:``; a line without a prefix continues the
previous turn. Offsets are Python string indices into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import ScoringScheme
from auditoria_calidad.domain.spelling import SpellChecker, SuspectWord, check_text

_PREFIX = re.compile(
    r"^[ \t]*(?:[\[(][^\])\n]{1,30}[\])][ \t]*)?(?P<speaker>[^\W\d_][^:\n]{0,60}?)[ \t]*:",
    re.MULTILINE,
)
_AGENT_WORDS = ("agente", "asesor", "funcionari", "operador", "agent", "bot")
_USER_WORDS = ("usuari", "cliente", "ciudadan", "solicitante", "beneficiari", "user", "visitante")


@dataclass(frozen=True)
class TranscriptTurn:
    """One turn: ``text[start:end]`` whole, ``text[prefix_end:end]`` without the prefix."""

    start: int
    prefix_end: int
    end: int
    speaker: str
    is_agent: bool


@dataclass(frozen=True)
class AnswerSpelling:
    """What the form shows and proposes from the spelling pre-check of one answer."""

    suspects: tuple[SuspectWord, ...]
    word_count: int
    suspects_per_100: Decimal
    proposed_level: str | None  # a level key of the scheme's spelling criterion

    @property
    def suspect_words(self) -> list[str]:
        """Distinct suspect words in order of appearance."""
        return list(dict.fromkeys(s.word for s in self.suspects))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _role(speaker: str) -> bool | None:
    folded = _fold(speaker)
    if any(folded.startswith(w) or f" {w}" in folded for w in _AGENT_WORDS):
        return True
    if any(folded.startswith(w) or f" {w}" in folded for w in _USER_WORDS):
        return False
    return None


def transcript_turns(text: str) -> list[TranscriptTurn]:
    """The turns of a chat transcript; empty when ``text`` does not look like one.

    A text is a transcript when at least two of its lines start with a prefix naming an
    agent or a user (Agente, Asesor, Usuario, Cliente...).
    """
    prefixes = [(m, _role(m.group("speaker"))) for m in _PREFIX.finditer(text)]
    prefixes = [(m, role) for m, role in prefixes if role is not None]
    if len(prefixes) < 2:
        return []
    turns = []
    for i, (match, role) in enumerate(prefixes):
        end = prefixes[i + 1][0].start() if i + 1 < len(prefixes) else len(text)
        # The turn ends before the line break that precedes the next prefix.
        while end > match.end() and text[end - 1] in "\r\n":
            end -= 1
        turns.append(
            TranscriptTurn(
                match.start(), match.end(), end, match.group("speaker").strip(), bool(role)
            )
        )
    return turns


def agent_text(text: str, channel: Channel) -> str:
    """``text`` with everything but the agent's words blanked out (same length, so the
    offsets of a check stay those of ``text``). Unchanged for virtual answers and for chats
    that are not recognisable transcripts."""
    if channel is not Channel.CHAT:
        return text
    turns = transcript_turns(text)
    if not turns:
        return text
    keep = [False] * len(text)
    for turn in turns:
        if turn.is_agent:
            keep[turn.prefix_end : turn.end] = [True] * (turn.end - turn.prefix_end)
    return "".join(ch if keep[i] or ch == "\n" else " " for i, ch in enumerate(text))


def check_answer(
    text: str,
    channel: Channel,
    checker: SpellChecker,
    scheme: ScoringScheme,
    *,
    suggestions: bool = True,
) -> AnswerSpelling:
    """Suspect words of the answer (the agent's turns of a chat) and the proposed level;
    without ``suggestions`` it is faster (the workbook lists the words only)."""
    report = check_text(agent_text(text, channel), checker, suggestions=suggestions)
    bands = scheme.thresholds.spelling_bands
    return AnswerSpelling(
        suspects=tuple(
            SuspectWord(text[s.start : s.end], s.start, s.end, s.suggestions)
            for s in report.suspects
        ),
        word_count=report.word_count,
        suspects_per_100=report.suspects_per_100,
        proposed_level=report.proposed_level(bands),
    )
