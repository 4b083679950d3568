"""A chat export with one message per row (a conversation's id repeated on each of its
messages, beside the message's text and who sent it), as WhatsApp Business platforms and
messaging APIs write their message logs.

Such a file is not a list of chats: each row is a piece of one. Read as records, every
message would be a chat of its own, or be rejected as a repeated id. The import says
what the file is and asks for the platform's conversations report (one row per chat,
with its transcript) instead of guessing a key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.importing.synonyms import header_form
from auditoria_calidad.importing.values import Cell, cell_text

# Header words of each column of a message log
_CONVERSATION_WORDS = frozenset(
    {"conversation", "conversacion", "chat", "session", "sesion", "ticket", "thread", "hilo",
     "interaction", "interaccion", "caso", "case", "sid"}
)  # fmt: skip
_MESSAGE_HEADERS = frozenset(
    {"mensaje", "message", "texto", "text", "body", "contenido", "content",
     "texto mensaje", "message text", "message body", "contenido mensaje", "cuerpo"}
)  # fmt: skip
_SENDER_WORDS = frozenset(
    {"remitente", "emisor", "sender", "author", "autor", "from", "enviado", "sent",
     "direction", "direccion", "rol", "role", "participant", "participante", "origen"}
)  # fmt: skip
REPEATED = 0.6  # at most this share of distinct ids: the id repeats on a conversation's rows


def message_rows_reason(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str | None:
    """Why the file holds one message per row (Spanish, naming its columns); ``None``
    when it does not look like a message log."""
    words = [set(header_form(h).main.split()) for h in headers]
    mains = [header_form(h).main for h in headers]
    message = next((i for i, m in enumerate(mains) if m in _MESSAGE_HEADERS), None)
    sender = next((i for i, w in enumerate(words) if w & _SENDER_WORDS), None)
    if message is None or sender is None:
        return None
    for index, header_words in enumerate(words):
        if index in (message, sender) or not header_words & _CONVERSATION_WORDS:
            continue
        values = [
            cell_text(row[index]).strip()
            for row in rows
            if index < len(row) and cell_text(row[index]).strip()
        ]
        ids = Counter(values)
        if len(values) < 4 or len(ids) > REPEATED * len(values):
            continue
        return (
            f"el archivo trae un mensaje por fila: «{headers[index]}» se repite en las filas "
            f"de cada conversación ({counted(len(ids), 'conversación', 'conversaciones')} en "
            f"{counted(len(values), 'fila', 'filas')} de muestra), «{headers[message]}» es el "
            "texto de cada "
            f"mensaje y «{headers[sender]}» quién lo envió. Exporte del sistema el informe de "
            "conversaciones o de chats (una fila por chat, con su transcripción) e impórtelo"
        )
    return None
