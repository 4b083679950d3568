"""Rows that do not belong to the import: another service channel, or outside the period.

An export often holds every channel of the contact centre in one table, with a column
saying which one («Canal», «Origen del caso», «Source»…). Rows of the channel being
imported are read; rows of another channel (a phone call in a virtual import) are set
aside with their reason; a value that names no known channel is a row error, never a
guess. A blank cell says nothing and the row is read.

A bare «Web» is a web form in a PQRSD system but the website's chat window in a chat
platform (Freshchat, Intercom: «Web», «WhatsApp», «Messenger»). In a chat import it is
read as chat when the first rows of the column name no written channel (correo,
formulario…) and no chat by that word («Chat», «Chat web»): then the column lists the
platform's messaging channels. Otherwise it is the web form.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing.synonyms import normalize_header
from auditoria_calidad.importing.values import Cell, ValueProblem, cell_text

# Normalized headers (see normalize_header) of a column naming the service channel.
CHANNEL_HEADERS = frozenset(
    normalize_header(h)
    for h in (
        "Canal", "Canal de atención", "Canal de entrada", "Canal de ingreso",
        "Canal de recepción", "Medio", "Medio de recepción", "Medio de ingreso",
        "Medio de contacto", "Origen", "Origen del caso", "Origen de la solicitud",
        "Channel", "Source", "Case Origin", "Origin", "Via", "Tipo de contacto",
        "Canal de contacto", "Contact type", "Fuente", "Fuente del ticket", "Ticket source",
        "Tipo de medio", "Media type",
    )
)  # fmt: skip

OTHER = "other"
_VALUES: dict[str, str] = {}
for _channel, _names in (
    (Channel.VIRTUAL, (
        "virtual", "web", "portal", "pagina web", "sitio web", "formulario web",
        "formulario", "web form", "webform", "correo", "correo electronico", "email",
        "e-mail", "mail", "sede electronica", "ventanilla virtual", "pqrs web", "pqrsd web",
        "internet", "api", "redes sociales", "twitter", "facebook", "autoservicio",
        "self-service", "self service", "portal web", "web portal", "portal ciudadano",
        "portal del ciudadano", "portal del cliente", "customer portal", "portal pqrsd",
        "portal de pqrsd", "portal pqrs",
    )),
    (Channel.CHAT, (
        "chat", "chat web", "webchat", "web chat", "chat en linea", "live chat",
        "whatsapp", "whats app", "messenger", "facebook messenger", "chatbot", "bot",
        "telegram", "mensajeria", "mensajeria instantanea", "chat whatsapp", "message",
    )),
    (OTHER, (
        "telefono", "telefonico", "telefonica", "linea telefonica", "llamada", "phone",
        "call", "voice", "voz", "ivr", "presencial", "ventanilla", "punto de atencion",
        "walk-in", "walk in", "in person", "carta", "correspondencia", "fisico",
        "correspondencia fisica", "fax", "sms", "mensaje de texto", "video llamada",
        "videollamada", "callback", "devolucion de llamada",
    )),
):  # fmt: skip
    for _name in _names:
        _VALUES[_name] = _channel


# What a chat platform calls its website's chat window; a web form elsewhere.
_BARE_WEB = frozenset({"web", "website", "sitio web", "widget", "web widget"})
_CHAT_BY_NAME = frozenset(
    {"chat", "chat web", "webchat", "web chat", "chat en linea", "live chat", "chat whatsapp"}
)
_VALUES.update({name: Channel.VIRTUAL for name in _BARE_WEB if name not in _VALUES})
_VALUES["chat widget"] = Channel.CHAT


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("_", " ").split())


def channel_column(headers: Sequence[str], mapped: set[int]) -> int | None:
    """The index of the column that names each row's channel, if the file has one."""
    for index, header in enumerate(headers):
        if index not in mapped and normalize_header(header) in CHANNEL_HEADERS:
            return index
    return None


class ChannelCheck:
    """Decides, per cell of the channel column, whether the row belongs to ``channel``."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self._cache: dict[str, str | None] = {}
        self.web_is_chat = False

    def calibrate(self, cells: Sequence[Cell]) -> None:
        """Settles what a bare «Web» is from the column's first values (module docstring)."""
        folded = {_folded(c if isinstance(c, str) else cell_text(c)) for c in cells}
        self.web_is_chat = (
            self.channel is Channel.CHAT
            and bool(folded & _BARE_WEB)
            and not folded & _CHAT_BY_NAME
            and not any(_VALUES.get(value) is Channel.VIRTUAL for value in folded - _BARE_WEB)
        )
        self._cache.clear()

    def reason_to_set_aside(self, cell: Cell) -> str | None:
        """``None`` when the row belongs; the Spanish reason when it is another channel.

        Raises :class:`ValueProblem` for a value that names no known channel.
        """
        text = cell if isinstance(cell, str) else cell_text(cell)
        if text in self._cache:
            return self._cache[text]
        folded = _folded(text)
        if not folded:
            verdict = None
        else:
            found = _VALUES.get(folded)
            if found is not None and self.web_is_chat and folded in _BARE_WEB:
                found = Channel.CHAT
            if found is None:
                raise ValueProblem(
                    f"Canal desconocido: «{text.strip()}» (se importa el canal "
                    f"{self.channel.label})"
                )
            verdict = (
                None
                if found == self.channel
                else f"Canal «{text.strip()}» (se importa el canal {self.channel.label})"
            )
        if len(self._cache) < 1000:
            self._cache[text] = verdict
        return verdict


def channel_of_rows(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> Channel | None:
    """The one channel (virtual or chat) that every row names in the file's channel
    column, read as an import of that channel reads it; None without such a column or
    when the rows name several channels (or none, or unknown ones)."""
    index = channel_column(headers, set())
    if index is None:
        return None
    cells = [r[index] for r in rows if index < len(r) and str(r[index]).strip()]
    if not cells:
        return None
    found = []
    for channel in (Channel.VIRTUAL, Channel.CHAT):
        check = ChannelCheck(channel)
        check.calibrate(cells)
        try:
            if all(check.reason_to_set_aside(cell) is None for cell in cells):
                found.append(channel)
        except ValueProblem:
            return None
    return found[0] if len(found) == 1 else None


def outside_period(received: date, period: tuple[date, date]) -> str | None:
    """The reason a row received on ``received`` is outside ``period``, or ``None``."""
    first, last = period
    if first <= received <= last:
        return None
    return (
        f"Fuera del periodo {first:%d/%m/%Y}–{last:%d/%m/%Y} (fecha de ingreso {received:%d/%m/%Y})"
    )
