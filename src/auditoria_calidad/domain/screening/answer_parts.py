"""Reading an answer: its greeting, body and signature, the agent's turns of a chat, and
the folding (lower case, no accents) that every phrase match uses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_FOLD = (("á", "a"), ("é", "e"), ("í", "i"), ("ó", "o"), ("ú", "u"), ("ü", "u"))
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"[^\W\d_]+")
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:cordialmente|atentamente|saludos cordiales|cordial saludo|un saludo|"
    r"sinceramente|con aprecio)[ \t,.]*$",
    re.IGNORECASE | re.MULTILINE,
)
# Chat transcripts: "[14:03:12] Agente (Laura Gómez): ..." or "Usuario: ...".
_TURN_PREFIX = re.compile(
    r"^[ \t]*(?:[\[(][^\])\n]{1,30}[\])][ \t]*)?(?P<speaker>[^\W\d_][^:\n]{0,60}?)[ \t]*:",
    re.MULTILINE,
)
_AGENT_WORDS = ("agente", "asesor", "funcionari", "operador", "agent", "bot")
_USER_WORDS = ("usuari", "cliente", "ciudadan", "solicitante", "beneficiari", "user", "visitante")


def fold(text: str) -> str:
    """Lower case without accents (ñ kept): what phrase matching compares."""
    text = text.lower()
    for accented, plain in _FOLD:  # str.replace scans in C: far faster than translate
        if accented in text:
            text = text.replace(accented, plain)
    return text


@lru_cache(maxsize=64)
def folded_phrases(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The settings' phrases as folded text is searched for them (blank ones left out)."""
    return tuple(fold(p) for p in phrases if p.strip())


def words(text: str) -> list[str]:
    """The runs of letters of ``text``, as written."""
    return _WORD.findall(text)


@lru_cache(maxsize=65_536)
def name_words(*names: str | None) -> frozenset[str]:
    """Folded words of people's names (the requester, the agent), two letters or more."""
    return frozenset(fold(w) for name in names if name for w in words(name) if len(w) > 1)


_AGENT_INNER = tuple(f" {w}" for w in _AGENT_WORDS)
_USER_INNER = tuple(f" {w}" for w in _USER_WORDS)


def _speaker_role(speaker: str) -> bool | None:
    """True for the agent, False for the user, None for neither: a word of the speaker's
    name (its start or after a space) begins with one of theirs."""
    folded = fold(speaker)
    if folded.startswith(_AGENT_WORDS) or any(map(folded.__contains__, _AGENT_INNER)):
        return True
    if folded.startswith(_USER_WORDS) or any(map(folded.__contains__, _USER_INNER)):
        return False
    return None


def agent_turns(text: str) -> list[str] | None:
    """The agent's turns of a chat transcript, prefixes removed; None when ``text`` is not
    a transcript (fewer than two lines with a prefix naming an agent or a user). A line
    without a prefix continues the previous turn."""
    if text.count(":") < 2:
        return None  # every prefix ends with a colon, and a transcript has two at least
    prefixes = [(m, _speaker_role(m.group("speaker"))) for m in _TURN_PREFIX.finditer(text)]
    prefixes = [(m, role) for m, role in prefixes if role is not None]
    if len(prefixes) < 2:
        return None
    turns = []
    for i, (match, role) in enumerate(prefixes):
        if role:
            end = prefixes[i + 1][0].start() if i + 1 < len(prefixes) else len(text)
            turns.append(text[match.end() : end].strip())
    return turns


@dataclass(frozen=True)
class AnswerParts:
    """An answer cut in three. For a chat, ``greeting`` is the agent's first turn,
    ``signature`` the last one and ``body`` the turns between (all three when the
    transcript has one or two agent turns)."""

    greeting: str
    body: str
    signature: str
    text: str  # what the agent wrote (a chat's agent turns, joined by blank lines)
    is_transcript: bool = False


def split_answer(text: str, names: frozenset[str], greetings: tuple[str, ...]) -> AnswerParts:
    """Greeting (a short first paragraph that greets or names the requester), signature
    (from a sign-off line such as "Cordialmente," on, or the last short paragraph that
    names the agent) and the body between."""
    turns = agent_turns(text)
    if turns is not None:
        joined = "\n\n".join(turns)
        if len(turns) >= 3:
            return AnswerParts(turns[0], "\n\n".join(turns[1:-1]), turns[-1], joined, True)
        return AnswerParts("", joined, "", joined, True)
    body = text.strip()
    greeting = signature = ""
    first = _PARAGRAPH_BREAK.split(body, maxsplit=1)
    if len(first) == 2 and len(first[0]) <= 160:
        head = fold(first[0])
        head_words = set(words(head))
        if head.startswith(folded_phrases(tuple(greetings))) or head_words & names:
            greeting, body = first
    sign_offs = list(_SIGN_OFF.finditer(body))
    if sign_offs and len(body) - sign_offs[-1].start() <= 400:
        signature = body[sign_offs[-1].start() :]
        body = body[: sign_offs[-1].start()]
    else:
        paragraphs = _PARAGRAPH_BREAK.split(body)
        last = paragraphs[-1]
        if len(paragraphs) > 1 and len(last) <= 200 and set(words(fold(last))) & names:
            signature = last
            body = body[: len(body) - len(last)]
    return AnswerParts(greeting.strip(), body.strip(), signature.strip(), text, False)
