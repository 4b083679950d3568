"""Recognising a chat's transcript among a file's columns: a text of several turns, each
line starting with who speaks («María José: Buenos días», «(08:16:02) Yuliana: Con gusto»,
«[8:16 AM] Agente - Yuliana: …»), by at least two speakers, one of whom speaks again. A
form's answers («Nombre: …», «Cédula: …», «Consulta: …») name each label once: they are
not a conversation, and neither are the «De:», «Para:», «Asunto:» of an e-mail thread.

A chat export may name its transcript with a word that elsewhere means the user's message
(Salesforce's «Body», «Mensajes»); its values say it is the whole conversation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from auditoria_calidad.importing.values import Cell

# An optional clock first, then the speaker (no colon, up to 60 characters) and a colon
# followed by what they said.
_TURN = re.compile(
    r"^\s*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?[\])]?\s*[-–]?\s*)?"
    r"(?P<speaker>[^\s:\d][^:\n]{0,59}?)\s*:\s+\S",
    re.IGNORECASE,
)
TRANSCRIPTS = 0.8  # share of a column's texts that are transcripts for it to be one
# The labels of an e-mail's heading, which a thread repeats for each message: not speakers
_EMAIL_LABELS = frozenset(
    {"de", "para", "cc", "cco", "asunto", "enviado", "enviado el", "fecha", "from", "to",
     "subject", "sent", "date", "reply-to", "responder a", "importancia", "adjuntos"}
)  # fmt: skip


def is_transcript(text: str) -> bool:
    """True for a text of turns by at least two speakers, one of whom speaks again."""
    speakers = set()
    turns = 0
    for line in text.splitlines():
        match = _TURN.match(line)
        if match is not None and match.group("speaker").casefold() not in _EMAIL_LABELS:
            turns += 1
            speakers.add(match.group("speaker").casefold())
    return len(speakers) >= 2 and turns > len(speakers)


def transcript_share(rows: Sequence[Sequence[Cell]], index: int, limit: int = 100) -> float:
    """The share of column ``index``'s non-blank texts (of the first ``limit`` rows) that
    are transcripts; 0 when it has fewer than three."""
    texts = [
        row[index]
        for row in rows[:limit]
        if index < len(row) and isinstance(row[index], str) and row[index].strip()
    ]
    if len(texts) < 3:
        return 0.0
    return sum(1 for text in texts if is_transcript(str(text))) / len(texts)
