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
    r"^[ \t]*(?:cordialmente|atentamente|saludos cordiales|saludos|(?:un )?cordial saludo|"
    r"un saludo|sinceramente|con aprecio)[ \t,.]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A letter's heading before its salutation: place and date, the addressee's block, a
# reference or subject line. The salutation («Respetada doctora Castro:») is searched in
# the first characters after it.
LETTERHEAD_CHARS = 600
_HEADING_LINE_CHARS = 100
# A chat transcript's turn prefix: «[14:03:12] Agente (Laura Gómez):», «Usuario:», the
# participants' names as chat platforms write them («[08:02:11] Laura Gómez:», «María
# Castro (10:01):») and WhatsApp's exports («1/10/26, 10:01 - María Castro:»), where a
# contact not saved is its phone number («1/10/26, 10:00 - +57 310 5551234:», which
# WhatsApp may wrap in direction marks).
TURN_PREFIX = re.compile(
    r"^[ \t]*(?P<stamp>[\[(][^\])\n]{1,30}[\])][ \t]*"
    r"|\d{1,2}/\d{1,2}/\d{2,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:[ \t]*[aApP]\.?[ \t]*[mM]\.?)?[ \t]+-[ \t]+)?"
    r"(?P<speaker>[^\W\d_][^:\n(\[]{0,60}?"
    r"|[\u200e\u200f\u202a-\u202e]?\+\d[\d \t.-]{5,20}\d[\u200e\u200f\u202a-\u202e]?)"
    r"(?P<after>[ \t]*[\[(][^\])\n]{1,30}[\])])?[ \t]*:",
    re.MULTILINE,
)


def turn_prefixes(
    text: str,
    agent_words: frozenset[str] = frozenset(),
    requester_words: frozenset[str] = frozenset(),
    *,
    entity_names: tuple[str, ...] = (),
) -> list[tuple[re.Match[str], bool]]:
    """The turn prefixes of a chat transcript and whether each is the agent's; ``[]`` when
    ``text`` is not a transcript (fewer than two prefixes naming the agent or the user, by
    their role, their names or, for the agent, the entity's name: ``entity_names``, as a
    WhatsApp Business account labels its messages). Once it is one, a prefix with a time
    that names neither («[08:02] Sistema:», a user whose name the record lacks, a phone
    number) starts a turn too, not the agent's, and so does a bot's or a virtual
    assistant's with or without a time; any other without a time («Requisitos:» inside a
    turn) does not."""
    if text.count(":") < 2:
        return []  # every prefix ends with a colon, and a transcript has two at least
    labels = _entity_labels(entity_names)
    found = [
        (m, _role(fold(m.group("speaker")), agent_words, requester_words, labels))
        for m in TURN_PREFIX.finditer(text)
    ]
    if sum(role is not None for _m, role in found) < 2:
        return []
    return [
        (m, bool(role))
        for m, role in found
        if role is not None
        or m.group("stamp")
        or m.group("after")
        or is_automated(fold(m.group("speaker")))
    ]


_AGENT_WORDS = ("agente", "asesor", "funcionari", "operador", "agent")
_USER_WORDS = ("usuari", "cliente", "ciudadan", "solicitante", "beneficiari", "user", "visitante")
# A speaker that is no person: a chatbot, a virtual assistant, the platform's automatic
# messages («[11:00] Bot:», «Asistente virtual ICETEX:», «Mensaje automático:»). Whole
# words: «Botero» is a surname, «la oficina virtual:» a line of an agent's turn.
_AUTOMATED = re.compile(
    r"\b(?:chat)?bot\b|\brobot\b"
    r"|\b(?:asistente|agente|asesora?|mensaje|respuesta)s?\s+(?:virtual(?:es)?|automatic[oa]s?)\b"
)


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


def is_sign_off(line: str) -> bool:
    """Whether a line is a sign-off such as «Cordialmente,» or «Saludos cordiales,»."""
    return _SIGN_OFF.fullmatch(line) is not None


def words(text: str) -> list[str]:
    """The runs of letters of ``text``, as written."""
    return _WORD.findall(text)


@lru_cache(maxsize=65_536)
def name_words(*names: str | None) -> frozenset[str]:
    """Folded words of people's names (the requester, the agent), two letters or more."""
    return frozenset(fold(w) for name in names if name for w in words(name) if len(w) > 1)


_AGENT_INNER = tuple(f" {w}" for w in _AGENT_WORDS)
_USER_INNER = tuple(f" {w}" for w in _USER_WORDS)


def is_automated(folded_speaker: str) -> bool:
    """Whether a (folded) speaker label is a bot's, a virtual assistant's or the chat
    platform's automatic messages': what it writes is not the agent's."""
    f = folded_speaker  # the substrings first: cheaper than the regex
    return ("bot" in f or "virtual" in f or "automatic" in f) and (_AUTOMATED.search(f) is not None)


@lru_cache(maxsize=64)
def _entity_labels(entity_names: tuple[str, ...]) -> tuple[str, ...]:
    """The entity's names as a speaker's label is searched for them: folded words joined
    by single spaces, with a space at each end (whole words only)."""
    forms = (" ".join(_WORD.findall(fold(name))) for name in entity_names)
    return tuple(dict.fromkeys(f" {f} " for f in forms if len(f) >= 3))


def speaker_role(
    speaker: str,
    agent_words: frozenset[str] = frozenset(),
    requester_words: frozenset[str] = frozenset(),
    *,
    entity_names: tuple[str, ...] = (),
) -> bool | None:
    """True for the agent, False for the user, None for neither (a bot or a system
    message, or «Asunto» in a letter): a word of the speaker's label (its start or after a
    space) begins with one of the roles' words (Agente, Asesor / Usuario, Cliente…), or
    the label names the entity (``entity_names``: the agent's messages of a WhatsApp
    Business account), or else the label shares more words with one person's name
    (``name_words``) than with the other's. A bot's label is never the agent's, even
    «Asesor virtual»."""
    return _role(fold(speaker), agent_words, requester_words, _entity_labels(entity_names))


def _role(
    folded: str,
    agent_words: frozenset[str],
    requester_words: frozenset[str],
    entity: tuple[str, ...],
) -> bool | None:
    """``speaker_role`` of a folded label; ``entity``: the ``_entity_labels``."""
    role = _named_role(folded, agent_words, requester_words, entity)
    return None if role and is_automated(folded) else role


def _named_role(
    folded: str,
    agent_words: frozenset[str],
    requester_words: frozenset[str],
    entity: tuple[str, ...],
) -> bool | None:
    if folded.startswith(_AGENT_WORDS) or any(map(folded.__contains__, _AGENT_INNER)):
        return True
    if folded.startswith(_USER_WORDS) or any(map(folded.__contains__, _USER_INNER)):
        return False
    if not (entity or agent_words or requester_words):
        return None
    said = _WORD.findall(folded)
    if entity:
        label = f" {' '.join(said)} "
        if any(map(label.__contains__, entity)):
            return True
    said_set = set(said)
    agent, requester = len(said_set & agent_words), len(said_set & requester_words)
    return None if agent == requester else agent > requester


def agent_turns(
    text: str,
    agent_words: frozenset[str] = frozenset(),
    requester_words: frozenset[str] = frozenset(),
    *,
    entity_names: tuple[str, ...] = (),
) -> list[str] | None:
    """The agent's turns of a chat transcript, prefixes removed; None when ``text`` is not
    a transcript (see ``turn_prefixes``). A line without a prefix continues the previous
    turn."""
    prefixes = turn_prefixes(text, agent_words, requester_words, entity_names=entity_names)
    if not prefixes:
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
    transcript has one or two agent turns); ``turns`` are the agent's turns (none for a
    written answer)."""

    greeting: str
    body: str
    signature: str
    text: str  # what the agent wrote (a chat's agent turns, joined by blank lines)
    is_transcript: bool = False
    turns: tuple[str, ...] = ()


def _heading_line(line: str) -> bool:
    """A line of a letter's heading: short, and not ending a sentence (a final dot only
    after an abbreviation such as «D.C.» or «S.A.S.»)."""
    if len(line) > _HEADING_LINE_CHARS:
        return False
    if line.endswith((".", "!", "?", "…")):
        last = line.rsplit(None, 1)[-1]
        return last.count(".") > 1
    return True


# How a letter addresses a person by title when its salutation has no greeting phrase
# («Doctora Sinisterra:», «Ingeniero Pérez:», «Dra. Ana Sinisterra:»), folded.
_TITLES = frozenset(
    {
        "doctor", "doctora", "dr", "dra", "ingeniero", "ingeniera", "ing", "licenciado",
        "licenciada", "lic", "profesor", "profesora", "magister", "abogado", "abogada",
        "arquitecto", "arquitecta", "contador", "contadora", "rector", "rectora", "padre",
        "hermano", "hermana", "don", "doña", "coronel", "general", "capitan", "teniente",
        "honorable",
    }
)  # fmt: skip
_ADDRESS_CHARS = 60


def _addresses(line: str, names: frozenset[str]) -> bool:
    """Whether a line of a letter addresses its reader without a greeting phrase: short,
    ending with a colon, a title and a name («Doctora Sinisterra:») or a few words with
    the requester's name («Ana Sinisterra:»)."""
    if not line.endswith(":") or len(line) > _ADDRESS_CHARS:
        return False
    said = words(fold(line))
    if not 1 <= len(said) <= 6:
        return False
    return (len(said) >= 2 and said[0] in _TITLES) or not names.isdisjoint(said)


def salutation_end(
    text: str, greetings: tuple[str, ...], names: frozenset[str] = frozenset()
) -> int | None:
    """Where the salutation line of a letter ends («Respetada doctora Castro:», «Apreciado
    ciudadano,»): a short line ending with a colon or a comma that starts with a greeting
    phrase, within the first ``LETTERHEAD_CHARS`` characters and after nothing but heading
    lines (place and date, the addressee's block, «Asunto: …»); failing one, a line that
    addresses the reader by title or name («Doctora Sinisterra:», ``names``: the
    requester's ``name_words``), whose greeting may follow on the next line («Reciba un
    cordial saludo»). None when there is none."""
    phrases = folded_phrases(greetings)
    offset = 0
    address: int | None = None
    for line in text[:LETTERHEAD_CHARS].splitlines(keepends=True):
        end = offset + len(line)
        offset = end
        stripped = line.strip()
        if not stripped:
            continue
        if (
            stripped.endswith((":", ","))
            and len(stripped) <= _HEADING_LINE_CHARS
            and fold(stripped).startswith(phrases)
        ):
            return end
        if address is None and _addresses(stripped, names):
            address = end
        if end >= LETTERHEAD_CHARS or not _heading_line(stripped):
            return address
    return address


def split_answer(
    text: str,
    names: frozenset[str],
    greetings: tuple[str, ...],
    *,
    agent_words: frozenset[str] = frozenset(),
    requester_words: frozenset[str] = frozenset(),
    entity_names: tuple[str, ...] = (),
) -> AnswerParts:
    """Greeting (a short first paragraph that greets or names the requester, and a letter's
    heading up to its salutation line), signature (from a sign-off line such as
    "Cordialmente," on, or the last short paragraph that names the agent) and the body
    between. A chat transcript is cut in its agent's turns (``agent_words`` and
    ``requester_words``: the ``name_words`` of each, who may be named in the prefixes;
    ``entity_names``: the settings' names of the entity, which may label the agent's
    turns)."""
    turns = agent_turns(text, agent_words, requester_words, entity_names=entity_names)
    if turns is not None:
        joined = "\n\n".join(turns)
        if len(turns) >= 3:
            middle = "\n\n".join(turns[1:-1])
            return AnswerParts(turns[0], middle, turns[-1], joined, True, tuple(turns))
        return AnswerParts("", joined, "", joined, True, tuple(turns))
    body = text.strip()
    greeting = signature = ""
    first = _PARAGRAPH_BREAK.split(body, maxsplit=1)
    if len(first) == 2 and len(first[0]) <= 160:
        head = fold(first[0])
        head_words = set(words(head))
        if head.startswith(folded_phrases(tuple(greetings))) or head_words & names:
            greeting, body = first
    # A letter's heading: the greeting runs to the salutation line, wherever the first
    # paragraph ends (the addressee's block may be a paragraph of its own).
    if not greeting.rstrip().endswith((":", ",")) and "\n" in body:
        whole = text.strip()
        end = salutation_end(whole, greetings, requester_words)
        if end is not None and end > len(greeting):
            greeting, body = whole[:end], whole[end:]
    sign_offs = [m for m in _SIGN_OFF.finditer(body) if m.start() > 0]
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
