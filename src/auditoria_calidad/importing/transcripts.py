"""Recognising a chat's transcript among a file's columns: a text of several turns, each
line starting with who speaks («María José: Buenos días», «(08:16:02) Yuliana: Con gusto»,
«[8:16 AM] Agente - Yuliana: …»), by at least two speakers, one of whom speaks again. A
form's answers («Nombre: …», «Cédula: …», «Consulta: …») name each label once: they are
not a conversation, and neither are the «De:», «Para:», «Asunto:» of an e-mail thread.

A chat export may name its transcript with a word that elsewhere means the user's message
(Salesforce's «Body», «Mensajes»); its values say it is the whole conversation."""

from __future__ import annotations

from collections.abc import Sequence

from auditoria_calidad.domain.screening.answer_parts import TURN_PREFIX
from auditoria_calidad.importing.values import Cell

TRANSCRIPTS = 0.8  # share of a column's texts that are transcripts for it to be one
# The labels of an e-mail's heading, which a thread repeats for each message: not speakers
_EMAIL_LABELS = frozenset(
    {"de", "para", "cc", "cco", "asunto", "enviado", "enviado el", "fecha", "from", "to",
     "subject", "sent", "date", "reply-to", "responder a", "importancia", "adjuntos"}
)  # fmt: skip


def is_transcript(text: str) -> bool:
    """True for a text of turns by at least two speakers, one of whom speaks again. A turn
    begins as the screening reads a chat's turns (`answer_parts.TURN_PREFIX`)."""
    said = [
        f"{m.group('speaker').strip()} {m.group('after') or ''}".strip().casefold()
        for m in TURN_PREFIX.finditer(text)
    ]
    said = [speaker for speaker in said if speaker not in _EMAIL_LABELS]
    return len(set(said)) >= 2 and len(said) > len(set(said))


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
