"""The alerts of the screening: stable codes, the F182 criterion each one informs, and the
Spanish number formatting of their evidence."""

from __future__ import annotations

from dataclasses import dataclass

from auditoria_calidad.domain.fields import Channel

# Stable codes: stored with each record, printed by the CLI, named in the workbooks.
PLAZO_24H = "plazo_24h"
PLAZO_LEGAL = "plazo_legal"
RESPUESTA_REUTILIZADA = "respuesta_reutilizada"
INCONGRUENTE = "incongruente"
ORTOGRAFIA = "ortografia"
LENGUAJE_CLARO = "lenguaje_claro"
PROTOCOLO = "protocolo"
ESPERA = "espera"
NO_REGISTRADO_CRM = "no_registrado_crm"

ALERT_CODES: tuple[str, ...] = (
    PLAZO_24H,
    PLAZO_LEGAL,
    ESPERA,
    NO_REGISTRADO_CRM,
    RESPUESTA_REUTILIZADA,
    INCONGRUENTE,
    ORTOGRAFIA,
    LENGUAJE_CLARO,
    PROTOCOLO,
)

ALERT_LABELS: dict[str, str] = {
    PLAZO_24H: "Respuesta fuera de las 24 horas",
    PLAZO_LEGAL: "Respuesta fuera del término legal",
    ESPERA: "Espera del chat sobre el límite",
    NO_REGISTRADO_CRM: "Chat no registrado en el CRM",
    RESPUESTA_REUTILIZADA: "Respuesta reutilizada para otros temas",
    INCONGRUENTE: "Respuesta que no atiende lo pedido",
    ORTOGRAFIA: "Palabras sospechosas de ortografía",
    LENGUAJE_CLARO: "Lenguaje poco claro",
    PROTOCOLO: "Protocolo de respuesta incompleto",
}

# The F182 criterion (key of resources/schemes/<channel>.toml) each alert informs.
_VIRTUAL_CRITERIA = {
    PLAZO_24H: "oportunidad",
    PLAZO_LEGAL: "oportunidad",
    RESPUESTA_REUTILIZADA: "coherencia",
    INCONGRUENTE: "coherencia",
    ORTOGRAFIA: "redaccion_ortografia",
    LENGUAJE_CLARO: "redaccion_ortografia",
    PROTOCOLO: "redaccion_ortografia",
    NO_REGISTRADO_CRM: "registro_crm",
}
_CHAT_CRITERIA = _VIRTUAL_CRITERIA | {
    ESPERA: "oportunidad",
    NO_REGISTRADO_CRM: "registrado_crm",
}
CRITERIA_BY_CHANNEL: dict[Channel, dict[str, str]] = {
    Channel.VIRTUAL: _VIRTUAL_CRITERIA,
    Channel.CHAT: _CHAT_CRITERIA,
}

# The value proposed for a judged criterion that an alert contradicts.
NO_CUMPLE = "no_cumple"


@dataclass(frozen=True)
class Alert:
    """What the screening found in one record.

    ``criterion`` is the key of the F182 criterion the alert informs; ``evidence`` says in
    Spanish what was found and why; ``words`` are the suspect words as written in the
    answer (``ortografia`` only); ``proposed`` is the value proposed for the criterion
    (``"no_cumple"``, or a level key for the spelling criterion), None when the alert only
    informs. The auditor decides: a proposal is never a judgement.
    """

    code: str
    criterion: str
    evidence: str
    words: tuple[str, ...] = ()
    proposed: str | None = None


def criterion_for(code: str, channel: Channel | str) -> str:
    """Criterion key an alert informs in the channel's default F182 scheme."""
    key = channel if isinstance(channel, Channel) else Channel(channel)
    return CRITERIA_BY_CHANNEL[key][code]


def decimal_es(value: float, digits: int = 1) -> str:
    """``37,5``: a number with a decimal comma, as es-CO writes it."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def quoted_list(items: list[str] | tuple[str, ...], limit: int = 8) -> str:
    """«a», «b» y 3 más."""
    shown = [f"«{item}»" for item in items[:limit]]
    rest = len(items) - len(shown)
    return ", ".join(shown) + (f" y {rest} más" if rest > 0 else "")
