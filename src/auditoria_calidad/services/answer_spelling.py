"""Spelling pre-check of the answer being evaluated, and the turns of a chat transcript.

In a chat only the agent's turns are the provider's writing: the user's turns are shown
but not checked. A transcript is a text whose lines start with a speaker prefix such as
``[14:03:12] Agente (Laura):``, ``Usuario:`` or a participant's name; a line without a
prefix continues the previous turn. Offsets are Python string indices into the original text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import ScoringScheme
from auditoria_calidad.domain.screening.answer_parts import name_words, turn_prefixes
from auditoria_calidad.domain.screening.orthography import SpellingScreen
from auditoria_calidad.domain.spelling import SpellChecker, SuspectWord
from auditoria_calidad.storage.models import Record


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


def transcript_turns(
    text: str,
    agent: str | None = None,
    requester: str | None = None,
    *,
    entity_names: tuple[str, ...] = (),
) -> list[TranscriptTurn]:
    """The turns of a chat transcript; empty when ``text`` does not look like one.

    A text is a transcript when at least two of its lines start with a prefix naming the
    agent or the user: by their role (Agente, Asesor, Usuario, Cliente...) or by the names
    of ``agent`` and ``requester`` («[08:02:11] Laura Gómez:»), or, for the agent, by the
    entity's name (``entity_names``, as a WhatsApp Business account labels its messages),
    as the screening reads it.
    """
    prefixes = turn_prefixes(
        text, name_words(agent), name_words(requester), entity_names=entity_names
    )
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


def agent_text(
    text: str,
    channel: Channel,
    agent: str | None = None,
    requester: str | None = None,
    *,
    entity_names: tuple[str, ...] = (),
) -> str:
    """``text`` with everything but the agent's words blanked out (same length, so the
    offsets of a check stay those of ``text``). Unchanged for virtual answers and for chats
    that are not recognisable transcripts (``transcript_turns``)."""
    if channel is not Channel.CHAT:
        return text
    turns = transcript_turns(text, agent, requester, entity_names=entity_names)
    if not turns:
        return text
    keep = [False] * len(text)
    for turn in turns:
        if turn.is_agent:
            keep[turn.prefix_end : turn.end] = [True] * (turn.end - turn.prefix_end)
    return "".join(ch if keep[i] or ch == "\n" else " " for i, ch in enumerate(text))


@lru_cache(maxsize=4)
def spelling_screen(checker: SpellChecker) -> SpellingScreen:
    """The screening's reading of spelling over ``checker`` (kept for the checkers in use:
    its memories make the next answers cheaper)."""
    return SpellingScreen(checker)


def check_answer(
    text: str,
    channel: Channel,
    checker: SpellChecker,
    scheme: ScoringScheme,
    *,
    suggestions: bool = True,
    agent: str | None = None,
    requester: str | None = None,
    entity_names: tuple[str, ...] = (),
) -> AnswerSpelling:
    """Suspect words of the answer (the agent's turns of a chat, ``agent``, ``requester``
    and the entity's names naming who speaks; the people's names pass) and the proposed
    level, judged as the screening's ``ortografia`` alert judges them
    (``SpellingScreen``); without ``suggestions`` it is faster (the workbook lists the
    words only)."""
    report = spelling_screen(checker).report(
        agent_text(text, channel, agent, requester, entity_names=entity_names),
        tuple(n for n in (requester, agent) if n),
        suggestions=suggestions,
    )
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


def check_stored_answer(
    record: Record,
    agent: str,
    checker: SpellChecker,
    scheme: ScoringScheme,
    entity_names: tuple[str, ...] = (),
) -> AnswerSpelling:
    """``check_answer`` of a stored record for a workbook (the suspect words only, no
    suggestions); ``agent``: the name of the record's agent, as the caller read it."""
    return check_answer(
        record.answer_text or "",
        record.channel,
        checker,
        scheme,
        suggestions=False,
        agent=agent,
        requester=record.requester_name,
        entity_names=entity_names,
    )
