"""Header names that CRM exports use for each field, and how headers are compared.

Headers are compared after :func:`normalize_header`: case, accents, punctuation,
repeated spaces, connecting words ("de", "del", "en", "the", …) and the many ways of
writing "número" ("N°", "Nº", "No.", "Nro.", "#") do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from auditoria_calidad.importing.bare_headers import bare_field
from auditoria_calidad.importing.header_vocabulary import (
    GENERIC_HEADERS as GENERIC_HEADERS,
)
from auditoria_calidad.importing.header_vocabulary import SYNONYMS as SYNONYMS
from auditoria_calidad.importing.header_vocabulary import WEAK_SYNONYMS as WEAK_SYNONYMS

# "N° Radicado", "Nº de caso", "No. Caso", "Nro. documento", "Num. ticket", "# caso":
# all become the word "numero". A bare "No"/"N" counts only as the first word.
_NUMBER_MARK = re.compile(r"(?<![^\W\d_])(?:n|no|nro|num)\s*[.°º]+|#|(?<![^\W\d_])n[°º]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NUMBER_WORDS = frozenset({"nro", "num", "numero"})
_LEADING_NUMBER_WORDS = frozenset({"n", "no"})
# Abbreviations of database column names («FEC_RADICACION», «FEC_RESP», «NUM_RAD»,
# «HRA_INGRESO»): the words they stand for.
_ABBREVIATED_WORDS = {
    "fec": "fecha", "fch": "fecha", "fech": "fecha", "hra": "hora", "rad": "radicado",
    "resp": "respuesta", "fechas": "fecha", "dates": "date",  # «Ingreso (Fechas)»: a date
    # The names entities give the family of petitions, complaints and claims: one word.
    "pqr": "pqrs", "pqrd": "pqrs", "pqrsd": "pqrs", "pqrsf": "pqrs", "pqrsdf": "pqrs",
    "pqrdf": "pqrs", "pqrsfd": "pqrs", "pqrds": "pqrs",
}  # fmt: skip
_CONNECTING_WORDS = frozenset(
    {"de", "del", "la", "el", "los", "las", "en", "y", "e", "o", "al", "por", "para", "a"}
    | {"the", "of", "in", "by", "at", "to"}
)


def normalize_header(text: str) -> str:
    """The comparable form of a header: "N° de Radicado " → "numero radicado"."""
    text = _NUMBER_MARK.sub(" numero ", text.lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = _NON_ALNUM.sub(" ", text).split()
    if len(words) > 1 and words[0] in _LEADING_NUMBER_WORDS:
        words[0] = "numero"
    elif len(words) > 1 and words[0] == "t":  # «T. Espera», «T. Atención»: tiempo
        words[0] = "tiempo"
    return " ".join(
        "numero" if w in _NUMBER_WORDS else _ABBREVIATED_WORDS.get(w, w)
        for w in words
        if w not in _CONNECTING_WORDS
    )


def without_number_word(normalized: str) -> str:
    """The normalized header without "numero": "numero radicado" → "radicado"."""
    return " ".join(w for w in normalized.split() if w != "numero")


# Words that say what kind of value a column holds. A header containing one of them
# that the synonym does not contain is a different column ("Tiempo de respuesta" is not
# "Respuesta"), so the loose match below refuses it.
_KIND_WORDS = frozenset(
    {"fecha", "hora", "tiempo", "numero", "cantidad", "total", "id", "codigo", "tipo"}
    | {"date", "time", "number", "count", "code", "type"}
)


_NORMALIZED: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {
    name: tuple((normalize_header(syn), frozenset(normalize_header(syn).split())) for syn in syns)
    for name, syns in SYNONYMS.items()
}


def exact_index(fields: Iterable[str]) -> dict[str, str]:
    """Normalized synonym → field name, for the given fields."""
    index: dict[str, str] = {}
    for name in fields:
        for normalized, _words in _NORMALIZED.get(name, ()):
            index.setdefault(normalized, name)
    return index


def loose_match(normalized: str, fields: Iterable[str]) -> tuple[str, int] | None:
    """The field all of whose synonym words are in the header, and how many words matched.

    Used after exact matching fails: "Fecha de ingreso del caso" → ``received_at``. To
    stay safe the synonym must cover more than half of the header's words (exactly half
    for a synonym of two words or more: "Registrado en CRM (Sí/No)"), must not be made
    only of kind words ("Tipo"), and the header must not add a kind word ("Tiempo de
    respuesta" is not "Respuesta"). When two fields match equally well the header is
    ambiguous and ``None`` is returned.
    """
    words = set(normalized.split())
    best: dict[str, int] = {}
    for name in fields:
        for _syn, syn_words in _NORMALIZED.get(name, ()):
            if not syn_words or not syn_words <= words or syn_words <= _KIND_WORDS:
                continue
            if (words - syn_words) & _KIND_WORDS:
                continue
            covered = 2 * len(syn_words)
            if covered < len(words) or (covered == len(words) and len(syn_words) < 2):
                continue
            best[name] = max(best.get(name, 0), len(syn_words))
    if not best:
        return None
    top = max(best.values())
    winners = [name for name, score in best.items() if score == top]
    return (winners[0], top) if len(winners) == 1 else None


# Fields whose values are numbers or codes: "N° <synonym>" still names them.
_NUMBERED_FIELDS = frozenset({"key", "identity_number", "crm_registrations"})
_WEAK_NORMALIZED = frozenset(normalize_header(syn) for syn in WEAK_SYNONYMS)
_GENERIC_NORMALIZED: dict[str, str] = {
    normalize_header(h): name for name, headers in GENERIC_HEADERS.items() for h in headers
}
_INTERNAL_PREFIX = re.compile(r"^\s*\((?:no modificar|do not modify)\)", re.IGNORECASE)
_QUALIFIER = re.compile(r"\([^()]*\)")
_TYPE_SUFFIX = re.compile(r"\[[^\[\]]*\]")  # custom fields: "Cédula [int]", "Tipo [list]"
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CUSTOM_SUFFIX = re.compile(r"__c\b")
_MILLISECONDS = frozenset({"ms", "milisegundos", "milliseconds", "millis", "msec"})
# «Participant Data: cedula», «custom_attributes.cedula», «pre_chat_survey: Número de
# cédula»: a namespace before the field's own name (a dot only between two words).
_NAMESPACE = re.compile(
    r"^(?P<space>.*?[^\W_])\s*(?::|\.(?=[^\W\d]))\s*(?P<leaf>[^:.]*[^\W_][^:.]*)$"
)
# «Fecha inicio (UTC)», «Start time UTC», «Created (GMT)», «Fecha (UTC-5)», «GMT-05:00».
_ZONE = re.compile(
    r"(?<![^\W\d_])(?:utc|gmt|zulu)(?:\s*(?P<sign>[+\-−])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?)?"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
# A date format written after the name: «chat creation date Y-m-d H:i:s», «Fecha
# dd/mm/aaaa», «Hora hh:mm:ss»: a qualifier, like the words in brackets.
_DATE_FORMAT = re.compile(
    r"(?<![^\W\d_])(?:[ymdhisa]{1,4}[-/:.]){1,5}[ymdhisa]{1,4}"
    r"(?:\s+(?:[ymdhisa]{1,4}[-/:.]){1,5}[ymdhisa]{1,4})?(?![^\W\d_])",
    re.IGNORECASE,
)
# Jira's «Custom field (Cédula)»: the field's own name is in the brackets.
_CUSTOM_FIELD = re.compile(
    r"\s*(?:custom field|campo personalizado)\s*\((?P<leaf>[^()]+)\)\s*", re.I
)
# The scale a rating header states: «(0 a 10)», «1-10», «/10», «sobre 10», «NPS».
_SCALE_RANGE = re.compile(
    r"(?<!\d)(?P<low>\d{1,3})\s*(?:a|al|-|–|—|to|hasta)\s*(?P<high>\d{1,3})(?!\d)", re.IGNORECASE
)
_SCALE_TOP = re.compile(r"(?:/|\bsobre\b|\bout of\b)\s*(?P<high>\d{1,3})(?!\d)", re.IGNORECASE)
_NET_PROMOTER = re.compile(r"\bnps\b|net promoter|recomendar[ií]a", re.IGNORECASE)

# How strongly each way of matching a header names a field (0..1).
STRONG_EXACT = 1.0
QUALIFIED_EXACT = 0.95  # "Número de identificación (Cliente) (Contacto)"
STRONG_WITHOUT_NUMBER = 0.9  # "N° Ticket ID" → "Ticket ID"
WEAK_EXACT = 0.8
LOOSE = 0.8  # all the synonym's words are in the header: "Fecha de ingreso del caso"
LEAF = 0.9  # a strong synonym after a namespace: "Participant Data: cedula"
GENERIC = 0.6


@dataclass(frozen=True)
class HeaderForm:
    """A header read for matching: its words with and without qualifiers."""

    text: str
    full: str  # normalized, without [type] suffixes: "numero identificacion cliente contacto"
    main: str  # without (qualifiers): "numero identificacion"
    internal: bool  # "(No modificar) …": a system column, never a field
    milliseconds: bool  # the header says its durations are in milliseconds
    # The field's own name after a namespace: «Participant Data: cedula» → "cedula"
    # ("" when the header has no namespace or the namespace is a kind of value).
    leaf: str = ""
    utc: bool = False  # the header says its date-times are in UTC («Fecha inicio (UTC)»)


def header_form(text: str) -> HeaderForm:
    """The forms of ``text`` used to match it: SQL-style and camelCase names split."""
    internal = bool(_INTERNAL_PREFIX.match(text))
    split = _TYPE_SUFFIX.sub(" ", _CUSTOM_SUFFIX.sub("", _CAMEL.sub(" ", text)))
    full = normalize_header(split)
    # A time zone is a qualifier too: «Start time UTC» is «Start time».
    unzoned = _ZONE.sub(" ", _DATE_FORMAT.sub(" ", _QUALIFIER.sub(" ", split)))
    main = normalize_header(unzoned) or full
    return HeaderForm(
        text=text,
        full=full,
        main=main,
        internal=internal,
        milliseconds=bool(_MILLISECONDS & set(full.split())),
        leaf=_leaf(unzoned) or _custom_field(split),
        utc=header_utc_offset(text) == timedelta(0),
    )


def _leaf(text: str) -> str:
    """The normalized name after a namespace («Participant Data: cedula» → "cedula");
    "" without one, or when the namespace names a kind of value («count.agent»,
    «response_time.first»: a count or a time *of* the agent, not the agent)."""
    match = _NAMESPACE.match(text.strip())
    if match is None:
        return ""
    space = set(normalize_header(match.group("space")).split())
    if not space or space & _KIND_WORDS:
        return ""
    return normalize_header(match.group("leaf"))


def _custom_field(text: str) -> str:
    match = _CUSTOM_FIELD.fullmatch(text)
    return normalize_header(match.group("leaf")) if match else ""


def header_utc_offset(header: str) -> timedelta | None:
    """The UTC offset a date header states: «Fecha inicio (UTC)», «Start time UTC»,
    «Created (GMT)» → 0; «Fecha (UTC-5)», «GMT-05:00» → −5 h; ``None`` when it states
    none. (A value that carries its own offset, «…Z» or «+00:00», says it itself.)"""
    match = _ZONE.search(_CAMEL.sub(" ", header).replace("_", " "))
    if match is None:
        return None
    if not match.group("sign"):
        return timedelta(0)
    offset = timedelta(hours=int(match.group("hours")), minutes=int(match.group("minutes") or 0))
    return -offset if match.group("sign") in "-−" else offset


def utc_columns(headers: Iterable[str]) -> set[int]:
    """The columns whose header says their date-times are in UTC (see
    :func:`header_utc_offset`): naive values there are UTC, 5 hours ahead of Colombia."""
    return {i for i, header in enumerate(headers) if header_utc_offset(header) == timedelta(0)}


def other_scale_reason(scale: tuple[int, int]) -> str:
    """Spanish: why a rating column on another scale is left out of the mapping."""
    low, high = scale
    return (
        f"el encabezado indica una escala de {low} a {high}: la calificación del usuario se "
        "guarda de 1 a 5 y no se convierte sola, así que esta columna no se asigna; queda "
        "entre las columnas adicionales del registro"
    )


def without_scale(header: str) -> str:
    """The header without the scale it states: «Calificación /10», «Calificación NPS» →
    «Calificación»."""
    text = _NET_PROMOTER.sub(" ", _SCALE_TOP.sub(" ", _SCALE_RANGE.sub(" ", header)))
    return " ".join(text.split())


def rating_scale(header: str) -> tuple[int, int] | None:
    """The scale a rating header states, (lowest, highest): «Calificación (0 a 10)» →
    (0, 10), «Encuesta (1-5)» → (1, 5), «Nota /10» → (…, 10), «NPS» → (0, 10);
    ``None`` when it states none."""
    match = _SCALE_RANGE.search(header)
    if match is not None:
        low, high = int(match.group("low")), int(match.group("high"))
        if low < high:
            return low, high
    match = _SCALE_TOP.search(header)
    if match is not None:
        high = int(match.group("high"))
        return (1 if high == 5 else 0), high
    if _NET_PROMOTER.search(header):
        return 0, 10
    return None


def generic_field(form: HeaderForm) -> str | None:
    """The field a generic header («Fecha», «Date», «Hora», «Timestamp») may stand for,
    or ``None`` when the header is not generic."""
    return _GENERIC_NORMALIZED.get(form.full) or _GENERIC_NORMALIZED.get(form.main)


# Header words of a case number, and of an internal record id .
_CASE_NUMBER_WORDS = frozenset(
    {"numero", "radicado", "radicacion", "key", "number", "consecutivo", "caso", "case",
     "ticket", "request", "clave"}
)  # fmt: skip
_INTERNAL_ID_WORDS = frozenset({"id", "guid", "uuid"})
# Header words of a moment that is not the receipt: «End Date», «Fecha de finalización».
_LATER_MOMENT_WORDS = frozenset(
    {"end", "ended", "fin", "final", "finalizacion", "finalizado", "termino", "terminacion",
     "cierre", "close", "closed", "resolved", "resolucion", "solucion", "solved", "respuesta",
     "response", "answered", "updated", "modified", "modificacion", "modificado",
     "actualizacion", "ultima", "last", "due", "vencimiento", "salida", "finished"}
)  # fmt: skip


# A moment of arrival and a moment when the attention starts: of two receipt candidates
# that name one each, the arrival is the receipt («Request Time» / «Start Time»).
_ARRIVAL_WORDS = frozenset(
    {"creation", "created", "create", "creacion", "creado", "request", "requested",
     "solicitud", "ingreso", "llegada", "arrival", "arrived", "queued", "entrada",
     "recepcion", "received", "radicacion", "radicado"}
)  # fmt: skip
_START_WORDS = frozenset(
    {"start", "started", "inicio", "iniciado", "accepted", "aceptado", "atencion",
     "pickup", "picked", "asignacion", "assigned", "contestado", "connected"}
)  # fmt: skip


def names_arrival(form: HeaderForm) -> bool:
    """True for a date header of the moment a request or chat arrives («Request Time»,
    «chat creation date», «Hora de ingreso») that does not also name a start."""
    words = set(form.main.split())
    return bool(words & _ARRIVAL_WORDS) and not words & _START_WORDS


def names_start(form: HeaderForm) -> bool:
    """True for a date header of the moment the attention starts («Start Time», «Hora de
    atención», «Accepted at») that does not also name an arrival."""
    words = set(form.main.split())
    return bool(words & _START_WORDS) and not words & _ARRIVAL_WORDS


def names_case_number(form: HeaderForm) -> bool:
    """True for a header that names a case number: «Número», «NumeroRadicado», «Issue
    key», «Ticket Id» (not a bare «ID»)."""
    return bool(set(form.main.split()) & _CASE_NUMBER_WORDS)


def names_internal_id(form: HeaderForm) -> bool:
    """True for a header of a system's record id: «ID», «IdPqrs», «Conversation ID»;
    not one that also names a case number («Ticket Id»)."""
    words = set(form.main.split())
    return bool(words & _INTERNAL_ID_WORDS) and not words & _CASE_NUMBER_WORDS


def names_later_moment(form: HeaderForm) -> bool:
    """True for a date header of a moment after the receipt: «End Date», «Fecha de
    finalización», «Last modified date»."""
    return bool(set(form.full.split()) & _LATER_MOMENT_WORDS)


@dataclass(frozen=True)
class HeaderMatch:
    """How a header names a field: a weight 0..1 and the Spanish reason."""

    weight: float
    how: str  # "sinónimo", "contiene", "genérico"


def header_matches(form: HeaderForm, fields: Iterable[str]) -> dict[str, HeaderMatch]:
    """Each field of ``fields`` that the header names, with how strongly."""
    fields = list(fields)
    if form.internal or not form.full:
        return {}
    if (bare := bare_field(form.text)) is not None:  # «Solicitado», not «Solicitado por»
        return {bare: HeaderMatch(WEAK_EXACT, "sinónimo")} if bare in fields else {}
    exact = exact_index(fields)
    found: dict[str, HeaderMatch] = {}

    def offer(name: str, weight: float, how: str) -> None:
        if name in fields and weight > found.get(name, HeaderMatch(0.0, "")).weight:
            found[name] = HeaderMatch(weight, how)

    for text, bonus in ((form.full, 1.0), (form.main, QUALIFIED_EXACT)):
        weak = text in _WEAK_NORMALIZED
        if text in exact:
            offer(exact[text], (WEAK_EXACT if weak else STRONG_EXACT) * bonus, "sinónimo")
        shorter = without_number_word(text)
        # "N° Ticket ID" is the ticket id; "Número Respuesta" is not the answer's text.
        if shorter and shorter != text and exact.get(shorter) in _NUMBERED_FIELDS:
            weight = WEAK_EXACT if shorter in _WEAK_NORMALIZED else STRONG_WITHOUT_NUMBER
            offer(exact[shorter], weight * bonus, "sinónimo")
        loose = loose_match(text, fields)
        if loose is not None:
            offer(loose[0], LOOSE * bonus, "contiene")
        generic = _GENERIC_NORMALIZED.get(text)
        if generic is not None:
            offer(generic, GENERIC, "genérico")
    if form.leaf and form.leaf in exact and form.leaf not in _WEAK_NORMALIZED:
        offer(exact[form.leaf], LEAF, "sinónimo")
    return found
