"""Agent names: when two spellings are one agent, and when they are probably one person.

CRM exports write the same agent in many ways: «Ana Pérez», «ANA PEREZ», «Ana␣␣Pérez»,
with a no-break space copied from a web page or a zero-width character pasted with it.
Those differ only in how they are written, so they are folded to one key and resolve to
one agent without asking. A name with one typo («Ana Péres») or the same words in
another order («Pérez Gómez Ana») is probably the same person, but not surely: such
pairs are only proposed for a merge that someone confirms.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from itertools import combinations

# Characters that print as nothing; a name copied from a web page or a chat often has one.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"),
    None,
)
_COMBINING_TILDE = "\u0303"

REASON_SAME_SPELLING = "el mismo nombre escrito de otra forma"
REASON_ONE_LETTER = "difieren en una letra"
REASON_WORD_ORDER = "mismas palabras en otro orden"


def display_name(name: str) -> str:
    """The name as it is shown and stored: invisible characters removed, spaces single.

    Case and accents are kept as written: the first spelling seen names the agent.
    """
    text = unicodedata.normalize("NFC", name.translate(_INVISIBLE))
    return " ".join(text.split())


# What exports write where a record names no one (folded as `agent_key` folds them).
_NO_ONE = frozenset({
    "sin asignar", "no asignado", "no asignada", "sin agente", "sin asesor", "sin responsable",
    "unassigned", "not assigned", "no agent", "none", "ninguno", "ninguna", "nadie", "n/a",
    "na", "n.a.", "no aplica", "vacio", "sin dato", "sin datos", "desconocido",
    "unknown", "no registra", "sin informacion", "sin identificacion", "no tiene", "no reporta",
})  # fmt: skip


def names_no_one(name: str) -> bool:
    """Whether a value of a column of people (agent, document) names no one: «Sin
    asignar», «Unassigned», «(ninguno)», «N/A», «No registra», «-»."""
    key = agent_key(name).strip("()[]{}<>*. ")
    return key in _NO_ONE or not any(char.isalnum() for char in key)


# Words and phrases of a bot's or an automatic answer's name («PQRSD Bot», «Chatbot
# Entidad», «Respuesta automática», «Asistente virtual»): no agent of the provider.
_BOT_WORDS = frozenset({"bot", "chatbot", "robot", "automatico", "automatica", "autorespuesta"})
_BOT_PHRASES = ("asistente virtual", "virtual assistant", "auto reply", "auto-reply")


def names_a_bot(name: str) -> bool:
    """Whether an agent or sender name is a bot's or an automatic answer's."""
    key = agent_key(name)
    words = "".join(c if c.isalnum() else " " for c in key).split()
    return bool(_BOT_WORDS.intersection(words)) or any(p in key for p in _BOT_PHRASES)


def agent_key(name: str) -> str:
    """The folded form of a name: two names with one key are one agent.

    Compatibility forms are unified (NFKC: no-break and narrow no-break spaces become
    spaces), invisible characters are removed, runs of spaces collapsed, case folded and
    accents dropped. The «ñ» is a letter of its own in Spanish («Peña» is not «Pena»),
    so it is kept; a pair differing only there is proposed, never merged.
    """
    text = unicodedata.normalize("NFKC", name.translate(_INVISIBLE)).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char):
            if char == _COMBINING_TILDE and kept and kept[-1] == "n":
                kept.append(char)
            continue
        kept.append(char)
    folded = unicodedata.normalize("NFC", "".join(kept))
    return " ".join(folded.split())


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are at Damerau-Levenshtein distance exactly 1.

    One letter inserted, deleted, changed, or two neighbours swapped. Two digits that
    differ are not a typo: «Asesor 01» and «Asesor 02» are two agents.
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            i = diffs[0]
            return not (a[i].isdigit() and b[i].isdigit())
        if len(diffs) == 2:
            i, j = diffs
            return j == i + 1 and a[i] == b[j] and a[j] == b[i]
        return False
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _same_words(a: str, b: str) -> bool:
    return a != b and sorted(a.split()) == sorted(b.split())


def _reason(a: str, key_a: str, b: str, key_b: str) -> str | None:
    if not key_a or not key_b:
        return None
    if key_a == key_b:
        return REASON_SAME_SPELLING if a != b else None
    if _same_words(key_a, key_b):
        return REASON_WORD_ORDER
    if _one_edit(key_a, key_b):
        return REASON_ONE_LETTER
    return None


def proposal_reason(a: str, b: str) -> str | None:
    """Why ``a`` and ``b`` are probably one agent, in Spanish; None when they are not.

    Names with the same key are one agent already (``agent_key``); two stored agents
    with one key (from before names were folded) are proposed too.
    """
    return _reason(a, agent_key(a), b, agent_key(b))


def probably_same(a: str, b: str) -> bool:
    """Whether two differently folded names are probably one person (one typo, or the
    same words in another order). Names with one key are the same, not "probably"."""
    key_a, key_b = agent_key(a), agent_key(b)
    return key_a != key_b and _reason(a, key_a, b, key_b) is not None


def merge_proposals(names: Sequence[str]) -> list[tuple[str, str, str]]:
    """Pairs ``(a, b, reason)`` of ``names`` that are probably one agent, ``a`` before ``b``
    in the order given; each pair once."""
    keyed = [(name, agent_key(name)) for name in dict.fromkeys(names)]
    proposals = []
    for (a, key_a), (b, key_b) in combinations(keyed, 2):
        reason = _reason(a, key_a, b, key_b)
        if reason is not None:
            proposals.append((a, b, reason))
    return proposals
