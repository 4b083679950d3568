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
    "resp": "respuesta",
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


# Per field, the headers seen in CRM exports (Spanish first, then English). The
# DATE/TIME halves only list time headers: a lone "Fecha de ingreso" is the DATETIME
# field, and becomes the DATE half when a "Hora de ingreso" column is also present.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "key": (
        "Radicado", "N° Radicado", "Número de radicado", "Radicado No.", "Número de caso",
        "No. Caso", "Caso", "Id caso", "Id del caso", "Número de ticket", "Ticket",
        "Id. del chat", "ID chat", "Id conversación", "Número de solicitud", "Consecutivo",
        "Número de PQRS", "Id PQRS", "Id PQR", "Número de PQR", "Número de radicación",
        "Radicado de entrada", "Id ticket", "Id interacción", "Case number", "Case", "Case ID",
        "Ticket ID", "Ticket number", "Chat ID", "Conversation ID", "Session ID", "Id sesión",
        "Interaction ID", "Id", "Número", "Issue key", "Key", "ID contacto", "Session GUID",
        "GUID", "Id de la conversación", "Número de la conversación",
        "Number", "Referencia", "Referencia del ticket", "Ticket reference", "Reference",
        "UUID", "Código", "Código PQRSD", "Código PQRS", "Código de radicado",
        "Código del caso", "Código de la solicitud", "Número de PQRSD", "Id PQRSD",
        "Request ID", "Id de la solicitud", "Chat Transcript Name", "Transcript Name",
        "Clave de incidencia", "Clave del caso",
        "Contact ID", "Conversation",
    ),
    "received_at": (
        "Fecha de ingreso", "Fecha y hora de ingreso", "Fecha radicación",
        "Fecha de radicado", "Fecha de creación", "Fecha y hora de creación",
        "Fecha de registro", "Fecha de recibido", "Fecha de recepción", "Tiempo de ingreso",
        "Fecha del chat", "Fecha y hora del chat", "Fecha de inicio", "Fecha inicio chat",
        "Inicio del chat", "Fecha de apertura", "Fecha/Hora de apertura", "Creado el",
        "Fecha de entrada", "Created", "Created at", "Created date", "Date/Time Opened",
        "Chat start date", "Conversation start",
        "Creation date", "Date created", "Opened", "Opened at", "Received", "Received at",
        "Start date", "Started at", "Chat start", "Create date", "Fecha y hora de inicio",
        "Fecha/hora inicio", "Fecha de inicio del chat", "Fecha de la conversación",
        "Marca temporal", "Conversation started at", "Chat started at", "Fecha de solicitud",
        "Fecha de la solicitud", "Fecha de la petición",
        "Creado", "Abierto el", "Fecha de apertura del caso",
        "Chat creation date", "Fecha de creación del chat", "Request Time", "Created On",
        "Case Creation Date", "Creada", "Creada el", "Opening date", "Open date",
    ),
    "received_time": (
        "Hora de ingreso", "Hora de radicación", "Hora de radicado", "Hora de creación",
        "Hora de registro", "Hora de recibido", "Hora de recepción", "Hora de inicio",
        "Hora del chat", "Hora de apertura", "Created time", "Time created", "Start time",
        "Chat start time", "Hora de solicitud", "Hora de la solicitud", "Hora de la petición",
    ),
    "identity_number": (
        "Cédula", "Número de cédula", "Cédula de ciudadanía", "Identificación",
        "Número de identificación", "Documento", "Número de documento",
        "Documento de identidad", "Cédula del usuario", "Identificación del usuario",
        "Documento del usuario", "Cédula del ciudadano", "Cédula del solicitante",
        "Identificación del ciudadano", "Cédula / NIT", "NIT", "CC", "ID number",
        "Identification", "Identification number", "Document number", "Document ID",
        "Documento del cliente", "Identificación del cliente", "Cédula del cliente",
        "Documento del remitente", "Documento del contacto", "Identificación del peticionario",
        "Documento del peticionario", "Cédula del peticionario", "Identificación del solicitante",
        "Documento del solicitante", "Identificación del remitente", "Cédula del contacto",
        "Documento del ciudadano", "Número de documento de identidad",
        "NIF/DNI", "DNI/NIF", "DNI", "NIF/DNI del solicitante",
    ),
    "requester_name": (
        "Nombre", "Nombre del usuario", "Nombre del ciudadano", "Nombre del solicitante",
        "Nombre del peticionario", "Nombres y apellidos", "Nombre completo", "Usuario",
        "Ciudadano", "Solicitante", "Peticionario", "Cliente", "Nombre del cliente",
        "Nombre del contacto", "Remitente", "Nombre del remitente", "Name", "Full name",
        "Customer", "Customer name", "Requester", "Requester name", "Contact name",
        "User name", "Visitor name", "Visitor", "Visitante", "Nombre del visitante",
        "Contacto", "Remote", "Remoto", "Nombre completo del ciudadano",
        "Caller", "Reportado por", "Reported by", "Solicitado por", "Requested by",
        "Reporter", "Informador", "Associated Contact", "Contacto asociado", "Contact",
        "Contacto principal", "Main contact", "Primary contact", "From",
        "Tercero", "Nombre del tercero", "Nombre tercero", "Nickname",
        "Contact: Full Name", "Contact Full Name", "Contacto: Nombre completo",
        "Customer User", "Usuario cliente", "Contactos asociados", "Associated Contacts",
        "Usuario solicitante", "Llamante", "Nombre del llamante",
    ),
    # A name in several columns (a form's «Primer nombre» … «Segundo apellido»)
    "requester_given_names": (
        "Nombres", "Primer nombre", "First name", "Given name", "Given names", "Firstname",
        "Nombres del usuario", "Nombres del ciudadano", "Nombres del solicitante",
        "Nombres del peticionario", "Nombres del remitente", "Nombres del cliente",
    ),
    "requester_middle_name": ("Segundo nombre", "Middle name", "Otros nombres", "Second name"),
    "requester_surnames": (
        "Apellidos", "Apellido", "Primer apellido", "Last name", "Surname", "Family name",
        "Lastname", "Apellido 1", "Apellido1", "Apellido paterno", "Apellidos del usuario",
        "Apellidos del ciudadano", "Apellidos del solicitante", "Apellidos del peticionario",
        "Apellidos del remitente", "Apellidos del cliente",
    ),
    "requester_second_surname": (
        "Segundo apellido", "Apellido 2", "Apellido2", "Apellido materno", "Second surname",
        "Second last name",
    ),
    "request_type": (
        "Tipo de solicitud", "Tipología", "Tipología PQRS", "Tipo de PQRS", "Tipo PQRSD",
        "Tipo de petición", "Tipo de caso", "Clase de solicitud", "Tipo", "Tipo PQR",
        "Tipo de trámite", "Tipo de requerimiento", "Clase de petición",
        "Tipo de ticket",
        "Customer Request Type", "Tipo de solicitud del cliente", "Tipo documental",
        "Request type", "Case type", "Ticket type", "Type",
        "Classification", "Classifications", "Clasificación", "Clasificaciones",
    ),
    "service": (
        "Servicio", "Programa", "Programa / servicio", "Servicio / programa", "Producto",
        "Línea de crédito", "Trámite", "Tema", "Categoría", "Service", "Program", "Product",
        "Category", "Topic",
    ),
    "agent": (
        "Agente", "Funcionario responsable", "Funcionario", "Responsable", "Asesor",
        "Nombre del agente", "Nombre del asesor", "Nombre del funcionario", "Usuario asesor",
        "Usuario agente", "Gestor", "Operador", "Analista", "Agente asignado",
        "Asesor asignado", "Funcionario asignado", "Asignado a", "Usuario actual",
        "Usuario responsable", "Propietario", "Propietario del caso", "Agent", "Agent name",
        "Assigned to", "Assignee", "Owner", "Case owner", "Ticket owner",
        "Propietario del ticket", "Funcionario destino", "Funcionario que respondió",
        "Funcionario que responde", "Asignado a - Técnico", "Técnico asignado", "Técnico",
        "Tramitador", "Users - Interacted", "Usuarios: interactuados", "Users interacted",
        "Agent names", "Teammate assigned", "Agente que atendió", "Asesor que atendió",
        "Especialista", "Especialista asignado", "Resolutor", "Assignee name", "Persona asignada",
        "Attended by", "Atendido por", "Handled by", "Respondido por", "Agent involved",
        "Operator 1 nick", "Operator nick", "Operator 1", "Operador 1",
        "Technician", "Assigned technician", "Técnico responsable",
        "Agent Assigned", "Assigned Agent", "Assigned Staff", "Assigned operator",
        "Owner: Full Name", "Case Owner: Full Name", "Owner Full Name", "Processor",
        "Employee Responsible", "Empleado responsable",
        "Operador asignado", "Operator",
        "Active agent", "Agente activo",
    ),
    "answered_at": (
        "Fecha y hora de respuesta", "Fecha de respuesta", "Fecha respuesta",
        "Fecha de cierre", "Fecha y hora de cierre", "Fecha de solución",
        "Fecha de envío de respuesta", "Fecha de envío respuesta", "Fecha de resolución",
        "Fecha/Hora de respuesta", "Resuelto el", "Fecha de contestación", "Resolved at",
        "Solved at", "Date/Time Closed", "Fecha/Hora de cierre",
        "Resolved", "Resolved date", "Date resolved", "Closed", "Closed at", "Closed date",
        "Date closed", "Answered at", "Response date", "Answer date", "Close date",
        "Fecha radicado salida", "Fecha de radicado de salida", "Fecha de salida",
        "Cerrado", "Cerrado el", "Solucionado el", "Cerrada", "Cerrada el",
        "Completed Time", "Completed at", "Fecha de finalización",
        "Ticket Closed Time", "Case Closed Time", "Closed On", "Resolved On", "Completed On",
        "Solution Date", "Case Solution Date", "Resuelta", "Resuelta el", "Resuelto",
        "Close time",
    ),
    "answered_time": (
        "Hora de respuesta", "Hora de cierre", "Hora de solución", "Hora de resolución",
        "Hora de envío de respuesta", "Resolved time", "Closed time", "Answer time",
    ),
    "crm_registrations": (
        "Número de veces registrado en CRM", "Veces registrado en CRM",
        "Número de registros en CRM", "Registros en CRM", "Cantidad de registros en CRM",
        "Veces en CRM", "Times registered in CRM", "CRM registrations",
        "Number of CRM records",
    ),
    "request_text": (
        "Solicitud", "Descripción", "Descripción de la solicitud", "Descripción del caso",
        "Detalle", "Detalle de la solicitud", "Mensaje del usuario", "Mensaje",
        "Registro que hace el usuario", "Registro del usuario", "Petición",
        "Texto de la solicitud", "Pregunta", "Consulta del usuario", "Description",
        "Request", "Request text", "User message", "Message", "Body", "Ticket description",
        "Descripción del ticket", "Escriba su solicitud",
        "Short description", "Descripción corta",
    ),
    "answer_text": (
        "Respuesta", "Respuesta dada", "Respuesta al usuario", "Texto de la respuesta",
        "Respuesta del agente", "Respuesta del asesor", "Respuesta del funcionario",
        "Transcripción", "Transcripción del chat", "Conversación", "Historial del chat",
        "Answer", "Response", "Reply", "Transcript", "Chat transcript", "Resolution",
        "Resolución", "Solución", "Solución - Solución", "Respuesta al ciudadano",
        "Respuesta al peticionario", "Respuesta al solicitante", "Respuesta enviada",
        "Close notes", "Notas de cierre", "Comentario de cierre", "Comentarios de cierre",
        "Resolution notes", "Notas de resolución",
        "Messages", "Mensajes", "Chat messages", "Mensajes del chat", "Conversation transcript",
        "Chat history", "Historial de la conversación", "Historial de mensajes",
    ),
    "wait_seconds": (
        "Tiempo de espera", "Tiempo de espera (s)", "Tiempo de espera (segundos)",
        "Tiempo en cola", "Tiempo de espera en cola", "Duración en cola", "Espera",
        "Wait time", "Waiting time", "Queue time", "Queue duration", "Time in queue",
        "First response time", "Time to first response", "Tiempo de primera respuesta",
        "First response seconds", "First reply seconds", "First reply time", "Total Queue",
        "Tiempo total en cola", "Total en cola", "Queue waiting time",
    ),
    "registered_in_crm": (
        "Registrado en CRM", "¿Registrado en CRM?", "Registrado CRM", "Quedó registrado en CRM",
        "Registered in CRM", "Logged in CRM", "Registro CRM",
    ),
    "user_rating": (
        "Calificación", "Calificación del usuario", "Calificación del servicio", "Encuesta",
        "Puntuación", "Satisfacción", "Encuesta de satisfacción", "Nota", "Rating", "CSAT",
        "User rating", "Customer rating", "Satisfaction", "Score", "Survey score", "Rate",
        "Customer satisfaction", "CSAT rating", "CSAT score", "Conversation rating",
        "Chat rating", "Calificación de la atención", "Rating stars", "Estrellas",
        "Nota encuesta", "Nota de la encuesta", "Resultado encuesta", "Calificación encuesta",
    ),
}  # fmt: skip

# Synonyms that also name other things (a bare "Tipo", "Closed", "Owner"): they map a
# column when nothing better is there, and lose against any other synonym of the field.
WEAK_SYNONYMS: frozenset[str] = frozenset(
    {
        "Caso", "Case", "Consecutivo", "Ticket", "Id", "Closed time", "Close time",
        "Fecha de cierre", "Fecha y hora de cierre", "Closed", "Closed at", "Closed date",
        "Date closed", "Date/Time Closed", "Fecha/Hora de cierre", "Hora de cierre",
        "Responsable", "Owner", "Propietario", "Gestor", "Operador", "Analista",
        "Nombre", "Usuario", "Cliente", "Name", "Customer", "Remitente",
        "Tipo", "Type", "Ticket type", "Tema", "Categoría", "Category", "Topic", "Producto",
        "Product", "Mensaje", "Message", "Body", "Detalle", "Pregunta",
        "Nota", "Score", "Encuesta", "Satisfaction", "Espera", "CC", "NIT",
        "Número", "Key", "GUID", "Creado el", "Close date", "Técnico", "Visitor", "Contacto",
        "Remote", "Remoto", "Rate", "Marca temporal", "First response time", "Number",
        "Time to first response", "Tiempo de primera respuesta", "Referencia", "Reference",
        "Creado", "Cerrado", "Cerrada", "Tipo de ticket",
        "UUID", "Contact", "Contact ID", "From", "Operator", "Processor", "Nickname",
        "First reply time", "First response seconds", "First reply seconds", "Classification",
        "Classifications", "Clasificación", "Clasificaciones",
        "Short description", "Descripción corta", "Resolutor",
    }
)  # fmt: skip

# Headers that only say "a date" / "a time": the date and time of receipt when the rest
# of the file agrees (a lone "Fecha" beside "Hora Ingreso"), never on their own.
GENERIC_HEADERS: dict[str, tuple[str, ...]] = {
    "received_at": ("Fecha", "Date", "Día", "Fecha y hora", "Date time", "Timestamp"),
    "received_time": ("Hora", "Time"),
}

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
