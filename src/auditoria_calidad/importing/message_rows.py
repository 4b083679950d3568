"""A chat export with one message per row (a conversation's id repeated on each of its
messages, beside the message's text and who sent it), as WhatsApp Business platforms and
messaging APIs write their message logs.

Such a file is not a list of chats: each row is a piece of one. When the file says who
wrote each message (agent, user or bot), its messages are joined into one row per
conversation (see :mod:`conversations`); otherwise the import says what the file is and
asks for the platform's conversations report instead of guessing a key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.importing.synonyms import header_form
from auditoria_calidad.importing.values import Cell, cell_text, folded

# Header words of each column of a message log
_CONVERSATION_WORDS = frozenset(
    {"conversation", "conversacion", "chat", "session", "sesion", "ticket", "thread", "hilo",
     "interaction", "interaccion", "caso", "case", "sid"}
)  # fmt: skip
_MESSAGE_HEADERS = frozenset(
    {"mensaje", "message", "texto", "text", "body", "contenido", "content",
     "texto mensaje", "message text", "message body", "contenido mensaje", "cuerpo"}
)  # fmt: skip
SENDER_WORDS = frozenset(
    {"remitente", "emisor", "sender", "author", "autor", "from", "enviado", "sent",
     "direction", "direccion", "rol", "role", "participant", "participante", "origen"}
)  # fmt: skip
REPEATED = 0.6  # at most this share of distinct ids: the id repeats on a conversation's rows

AGENT, USER, BOT = "Agente", "Usuario", "Bot"
_ROLE_WORDS = {
    AGENT: ("agente", "agent", "asesor", "asesora", "operador", "operadora", "operator",
            "staff", "admin", "administrador", "representante", "humano", "human",
            "funcionario", "funcionaria", "ejecutivo", "teammate"),
    USER: ("cliente", "customer", "client", "contacto", "contact", "usuario", "user",
           "visitante", "visitor", "ciudadano", "ciudadana", "end user", "enduser",
           "end-user", "lead", "prospecto"),
    BOT: ("bot", "chatbot", "sistema", "system", "automatico", "automatic", "ia", "ai",
          "asistente virtual", "virtual assistant", "flujo", "flow", "robot"),
}  # fmt: skip
_ROLE_OF = {word: role for role, words in _ROLE_WORDS.items() for word in words}


def role_of(cell: Cell) -> str | None:
    """Agente, Usuario or Bot for a sender-type value («Agente», «customer», «Bot»)."""
    return _ROLE_OF.get(folded(cell_text(cell)))


# A message's direction, as messaging APIs write it: in from the user, or out to them (from
# an agent or a bot: the sender's name tells which).
INBOUND, OUTBOUND = "in", "out"
_DIRECTIONS = {
    **dict.fromkeys(("inbound", "incoming", "entrante", "recibido", "recibida", "received",
                     "in", "entrada", "mo"), INBOUND),
    **dict.fromkeys(("outbound", "outgoing", "saliente", "enviado", "enviada", "sent", "out",
                     "salida", "outbound-api", "outbound-reply", "mt"), OUTBOUND),
}  # fmt: skip


def direction_of(cell: Cell) -> str | None:
    """INBOUND or OUTBOUND for a direction value («inbound», «Saliente», «outbound-api»)."""
    return _DIRECTIONS.get(folded(cell_text(cell)))


def share_of_directions(rows: Sequence[Sequence[Cell]], index: int) -> float:
    """The share of column ``index``'s non-blank values that name a message's direction."""
    return _share_read(rows, index, direction_of)


def _share_read(
    rows: Sequence[Sequence[Cell]], index: int, read: Callable[[Cell], str | None]
) -> float:
    """The share of column ``index``'s non-blank values that ``read`` understands."""
    values = [cell_text(r[index]).strip() for r in rows if index < len(r)]
    values = [v for v in values if v]
    return sum(read(v) is not None for v in values) / len(values) if values else 0.0


_TIME_WORDS = frozenset({"at", "fecha", "date", "hora", "time", "timestamp"})


def share_of_roles(rows: Sequence[Sequence[Cell]], index: int) -> float:
    """The share of column ``index``'s non-blank values that name a sender's role."""
    return _share_read(rows, index, role_of)


@dataclass(frozen=True)
class MessageColumns:
    """The columns of a message log (0-based) and how often its ids repeat in the sample."""

    conversation: int
    message: int
    sender: int
    conversations: int  # distinct ids in the sample
    rows: int  # sampled rows with an id


def message_columns(
    headers: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> MessageColumns | None:
    """The conversation, message and sender columns when the file holds one message per
    row; ``None`` when it does not look like a message log."""
    words = [set(header_form(h).main.split()) for h in headers]
    mains = [header_form(h).main for h in headers]
    message = next((i for i, m in enumerate(mains) if m in _MESSAGE_HEADERS), None)
    senders = [i for i, w in enumerate(words) if w & SENDER_WORDS and i != message]
    # «sender_type» (roles) over «sent_at» (a time) and «sender_name»
    sender = next((i for i in senders if share_of_roles(rows, i) >= 0.8), None)
    if sender is None:  # «Direction»: inbound / outbound
        sender = next((i for i in senders if share_of_directions(rows, i) >= 0.8), None)
    if sender is None:
        sender = next((i for i in senders if not words[i] & _TIME_WORDS), None)
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
        if len(values) >= 4 and len(ids) <= REPEATED * len(values):
            return MessageColumns(index, message, sender, len(ids), len(values))
    return None


def message_rows_reason(
    headers: Sequence[str], rows: Sequence[Sequence[Cell]], channel: Channel
) -> str | None:
    """Why the file holds one message per row (Spanish, naming its columns); ``None``
    when it does not look like a message log."""
    found = message_columns(headers, rows)
    if found is None:
        return None
    senders = [
        cell_text(row[found.sender]).strip()
        for row in rows
        if found.sender < len(row) and cell_text(row[found.sender]).strip()
    ]
    unknown = [s for s in senders if role_of(s) is None]
    chats = counted(found.conversations, "conversación", "conversaciones")
    what = (
        f"el archivo trae un mensaje por fila: «{headers[found.conversation]}» se repite en las "
        f"filas de cada conversación ({chats} en {counted(found.rows, 'fila', 'filas')} de "
        f"muestra), «{headers[found.message]}» es el texto de cada mensaje y "
        f"«{headers[found.sender]}» quién lo envió"
    )
    directed = bool(senders) and all(direction_of(s) is not None for s in senders)
    if senders and (not unknown or directed) and channel is not Channel.CHAT:
        return f"{what}. Impórtelo en el canal Chat: allí sus mensajes se unen en conversaciones"
    if directed:
        return (
            f"{what}, pero «{headers[found.sender]}» solo dice si el mensaje entra o sale, y "
            "el archivo no trae el nombre de quien envía cada mensaje y su hora, así que no se "
            "sabe cuáles mensajes son del agente y cuáles de un bot. Exporte del sistema el "
            "informe de conversaciones o de chats (una fila por chat, con su transcripción) e "
            "impórtelo"
        )
    if senders and not unknown:
        why = "no tiene una columna con el nombre de quien envía cada mensaje y otra con su fecha"
    elif len(unknown) < len(senders):  # roles, but some are not: «Supervisor»
        why = f"«{unknown[0]}» no dice si el mensaje es del agente, del usuario o de un bot"
    else:
        why = "nada dice cuáles mensajes son del agente y cuáles del usuario"
    return (
        f"{what}, pero {why}, así que los mensajes no se pueden unir en conversaciones. "
        "Exporte del sistema el informe de conversaciones o de chats (una fila por chat, con "
        "su transcripción) e impórtelo"
    )
