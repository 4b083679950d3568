"""What the screening reads: one plain record per answer, and the settings of the rules."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from auditoria_calidad.domain.fields import Channel, RecordData
from auditoria_calidad.domain.scheme import ScoringScheme, SpellingBand
from auditoria_calidad.domain.screening.answer_parts import fold
from auditoria_calidad.domain.timeliness import Clock, WorkingCalendar


@dataclass(frozen=True)
class ScreeningInput:
    """One record of the population, as the screening needs it (plain data)."""

    key: str
    channel: Channel
    request_type: str | None = None
    service: str | None = None  # the request's subject ("Condonación")
    request_text: str | None = None
    answer_text: str | None = None
    received_at: datetime | None = None
    answered_at: datetime | None = None
    wait_seconds: int | None = None
    registered_in_crm: bool | None = None
    requester_name: str | None = None
    agent: str | None = None
    answered_day_only: bool = False  # the export gave the answer's day without its hour

    @classmethod
    def from_record(cls, record: RecordData) -> ScreeningInput:
        return cls(
            key=record.key,
            channel=Channel(record.channel),
            request_type=record.request_type,
            service=record.service,
            request_text=record.request_text,
            answer_text=record.answer_text,
            received_at=record.received_at,
            answered_at=record.answered_at,
            wait_seconds=record.wait_seconds,
            registered_in_crm=record.registered_in_crm,
            requester_name=record.requester_name,
            agent=record.agent,
        )


# Stock phrases of administrative Spanish that the national plain-language guide asks to
# replace ("toda vez que" → "porque", "allegar" → "enviar"). Accents and case are ignored.
_LEGALISMS_2026_12_5: tuple[str, ...] = (
    "toda vez que",
    "en aras de",
    "sírvase",
    "allegar",
    "allegue",
    "por medio de la presente",
    "me permito",
    "nos permitimos",
    "en mérito de lo expuesto",
    "dando alcance",
    "dar alcance",
    "de conformidad con lo preceptuado",
    "conforme a lo preceptuado",
    "acorde a lo preceptuado",
    "precitado",
    "antedicho",
    "susodicho",
    "el suscrito",
    "la suscrita",
    "so pena de",
    "en el evento en que",
    "a la mayor brevedad",
    "impetrado",
    "peticionario",
    "ut supra",
    "in fine",
    "en su defecto",
    "surtir el trámite",
)
EARLIER_DEFAULT_LEGALISMS: tuple[tuple[str, ...], ...] = (_LEGALISMS_2026_12_5,)
# The stock formulas of official letters that the national plain-language guide asks to
# replace with everyday words («por esto», «envíe», «para que lo tramite»…). Ordinary
# openings such as «En atención a su solicitud» are not listed: nearly every answer has
# one, and an alert on every answer tells the auditor nothing.
DEFAULT_LEGALISMS: tuple[str, ...] = (
    *_LEGALISMS_2026_12_5,
    "acuso recibo",
    "acusamos recibo",
    "cordialmente me dirijo",
    "por medio del presente",
    "a través del presente",
    "mediante el presente",
    "en virtud de lo anterior",
    "en consecuencia de lo anterior",
    "así las cosas",
    "de acuerdo a lo anteriormente expuesto",
    "conforme a lo anteriormente expuesto",
    "de lo anteriormente expuesto",
    "teniendo en cuenta lo anteriormente expuesto",
    "anteriormente citado",
    "se sirva",
    "remitir copia de lo actuado",
    "para los efectos pertinentes",
    "para los fines pertinentes",
    "para su conocimiento y fines pertinentes",
    "lo de su competencia",
)
# The greetings shipped up to rules 2026.12-8 (see EARLIER_DEFAULT_CLOSINGS).
_GREETINGS_2026_12_8: tuple[str, ...] = (
    "respetado",
    "respetada",
    "estimado",
    "estimada",
    "apreciado",
    "apreciada",
    "señor",
    "señora",
    "buen día",
    "buenos días",
    "buenas tardes",
    "buenas noches",
    "cordial saludo",
    "reciba un cordial saludo",
    "hola",
)
EARLIER_DEFAULT_GREETINGS: tuple[tuple[str, ...], ...] = (_GREETINGS_2026_12_8,)
DEFAULT_GREETINGS: tuple[str, ...] = (
    *_GREETINGS_2026_12_8,
    # A chat's welcome («Bienvenido al chat del ICETEX», «Bienvenido(a)»).
    "bienvenido",
    "bienvenida",
    "saludo cordial",  # «Reciba un saludo cordial»
)
# The closings and signatures shipped up to rules 2026.12-3. Settings store a list only
# when an administrator saves one; a stored list equal to an earlier default (ignoring
# order, case and accents: the defaults restored and saved) was never chosen by the
# entity, so the current defaults replace it (``ScreeningSettings``).
_CLOSINGS_2026_12_3: tuple[str, ...] = (
    "cordialmente",
    "atentamente",
    "quedamos atentos",
    "quedamos atentas",
    "esperamos haber",
    "gracias por comunicarse",
    "gracias por usar",
    "fue un gusto",
    "que tenga un",
    "estamos para servirle",
    "con gusto la atenderemos",
    "con gusto lo atenderemos",
    "lo invitamos a calificar",
    "la invitamos a calificar",
)
_SIGNATURES_2026_12_3: tuple[str, ...] = (
    "asesor",
    "asesora",
    "atención al usuario",
    "atención al ciudadano",
    "servicio al cliente",
    "grupo de atención",
    "agente",
)
EARLIER_DEFAULT_SIGNATURES: tuple[tuple[str, ...], ...] = (_SIGNATURES_2026_12_3,)
# The closings shipped up to rules 2026.12-8.
_CLOSINGS_2026_12_8: tuple[str, ...] = (
    *_CLOSINGS_2026_12_3,
    "quedo atento",
    "quedo atenta",
    "estamos atentos",
    "estamos atentas",
    "estaremos atentos",
    "estaremos atentas",
    "quedamos a su disposición",
    "quedo a su disposición",
    "gracias por su confianza",
    "agradecemos su confianza",
    "feliz día",
    "feliz tarde",
    "feliz noche",
    "feliz fin de semana",
    "con gusto le atenderemos",
    "seguiremos atendiendo",
    # Sign-offs before the signature («Saludos,», «Saludos cordiales,», «Cordial saludo,»).
    # The answer's opening paragraph is not searched for a closing (protocol.py), so an
    # opening «Reciba un cordial saludo» does not count as one.
    "saludos",
    "un saludo",
    "cordial saludo",
)
EARLIER_DEFAULT_CLOSINGS: tuple[tuple[str, ...], ...] = (_CLOSINGS_2026_12_3, _CLOSINGS_2026_12_8)
# Looked for at the end of the answer only (protocol.py): phrases such as «hasta pronto»
# or «que le vaya» close an answer there. «A la orden» alone is no entry: it is in «a la
# ordenanza».
DEFAULT_CLOSINGS: tuple[str, ...] = (
    *_CLOSINGS_2026_12_8,
    "hasta pronto",
    "hasta luego",
    "hasta la próxima",
    "que esté muy bien",
    "que le vaya",
    "que pase un",
    "le deseamos un",
    "excelente día",
    "excelente tarde",
    "gracias por contactar",
    "gracias por escribir",
    "gracias por comunicarte",
    "gracias por preferirnos",
    "gracias por su atención",
    "agradecemos su atención",
    "esperamos que esta información",
    "esperamos que la información",
    "esperamos que esta respuesta",
    "espero que esta información",
    "espero haber",
    "le sea de utilidad",
    "le sea útil",
    "sin otro particular",
    "nos despedimos",
    "me despido",
    "estamos a la orden",
    "quedamos a la orden",
    "quedo a la orden",
    "a sus órdenes",
    "estamos a su disposición",
    "seguimos atentos",
    "seguimos atentas",
)
# Words of a signature block besides the agent's name (a role, an area). A supervisor or an
# office may sign instead of the agent («Coordinadora de Servicio», «Profesional
# Universitario», «Vicepresidencia de Operaciones», «Equipo PQRSD»).
DEFAULT_SIGNATURES: tuple[str, ...] = (
    *_SIGNATURES_2026_12_3,
    "profesional",
    "coordinador",
    "coordinadora",
    "coordinación",
    "director",
    "directora",
    "dirección",
    "subdirector",
    "subdirectora",
    "subdirección",
    "vicepresidente",
    "vicepresidenta",
    "vicepresidencia",
    "gerente",
    "gerencia",
    "jefe",
    "jefa",
    "líder",
    "analista",
    "auxiliar",
    "gestor",
    "gestora",
    "supervisor",
    "supervisora",
    "funcionario",
    "funcionaria",
    "equipo",
    "grupo",
    "oficina",
    "secretaría",
    "servicio al ciudadano",
    "atención al cliente",
    "centro de contacto",
)


def _phrase_set(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(" ".join(fold(p).split()) for p in phrases if p.strip())


def with_current_defaults(
    phrases: tuple[str, ...],
    earlier: tuple[tuple[str, ...], ...],
    current: tuple[str, ...],
) -> tuple[str, ...]:
    """``current`` when ``phrases`` is one of the ``earlier`` default lists (order, case,
    accents and spacing ignored), else ``phrases`` as they are."""
    if phrases is current or not phrases:
        return phrases
    mine = _phrase_set(phrases)
    return current if any(mine == _phrase_set(old) for old in earlier) else phrases


# Chat: how an agent introduces themself.
DEFAULT_CHAT_IDENTIFICATION: tuple[str, ...] = (
    "mi nombre es",
    "le saluda",
    "le atiende",
    "soy ",
    "habla con",
)


@dataclass(frozen=True)
class ScreeningSettings:
    """The configurable part of the rules, with Spanish defaults.

    Phrases are matched ignoring case and accents. ``entity_names`` identify the entity in
    an answer (empty: that part of the protocol is not checked); ``entity_words`` are the
    entity's own words for the spelling check (names, programmes, acronyms); acronyms in
    either list count as known to every reader. A greeting, closing or signature list
    equal to one shipped by earlier rules (``EARLIER_DEFAULT_CLOSINGS``) is taken as the
    current defaults: the entity restored the defaults, it did not choose those phrases.
    """

    entity_names: tuple[str, ...] = ()
    entity_words: tuple[str, ...] = ()
    # lenguaje_claro
    legalisms: tuple[str, ...] = DEFAULT_LEGALISMS
    # The guide's advice is per sentence (20 words at most); the alert speaks of the answer
    # as a whole: it is raised when the answer is hard to read (INFLESZ under the
    # threshold), has more than ``max_long_sentences`` sentences over
    # ``max_sentence_words`` words, a paragraph over ``max_paragraph_lines`` lines, an
    # acronym never spelled out or a listed legalism. The sentence limit is set above the
    # guide's 20 words: ordinary administrative answers run to 21–30 words a sentence, and
    # an alert on nearly every answer tells the auditor nothing. One sentence of more than
    # ``very_long_sentence_words`` (three times the guide's limit) is enough on its own.
    readability_threshold: float = 40.0  # INFLESZ: under 40 is "muy difícil"
    max_sentence_words: int = 30
    max_long_sentences: int = 1
    very_long_sentence_words: int = 60
    max_paragraph_lines: int = 5
    line_width: int = 90  # characters of a line when counting a paragraph's lines
    known_acronyms: tuple[str, ...] = ()
    # protocolo
    greeting_phrases: tuple[str, ...] = DEFAULT_GREETINGS
    closing_phrases: tuple[str, ...] = DEFAULT_CLOSINGS
    signature_phrases: tuple[str, ...] = DEFAULT_SIGNATURES
    chat_identification_phrases: tuple[str, ...] = DEFAULT_CHAT_IDENTIFICATION
    # plazo_24h, plazo_legal, espera (from the scheme: see for_scheme)
    hours_allowed: Decimal = Decimal(24)
    clock: Clock = Clock.CALENDAR
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)
    chat_wait_limit_seconds: int = 60
    # ortografia: the scheme's spelling criterion and bands propose a level
    spelling_criterion: str | None = None
    spelling_bands: tuple[SpellingBand, ...] = ()
    # respuesta_reutilizada
    reuse_similarity: float = 0.8  # Jaccard of word 3-grams of the normalised bodies
    reuse_min_words: int = 15  # shorter bodies ("Con gusto.") are not compared
    # incongruente
    congruence_min_evidence: float = 6.0
    congruence_own_share: float = 0.35
    congruence_min_subject_answers: int = 8
    # Request types whose answer is a thank-you, not about the subject (accents ignored).
    congruence_skip_types: tuple[str, ...] = ("sugerencia", "felicitacion", "agradecimiento")

    def __post_init__(self) -> None:
        # A stored copy of an earlier default list gets the current defaults (see
        # EARLIER_DEFAULT_CLOSINGS). Frozen: set through object.__setattr__.
        greetings = with_current_defaults(
            self.greeting_phrases, EARLIER_DEFAULT_GREETINGS, DEFAULT_GREETINGS
        )
        closings = with_current_defaults(
            self.closing_phrases, EARLIER_DEFAULT_CLOSINGS, DEFAULT_CLOSINGS
        )
        signatures = with_current_defaults(
            self.signature_phrases, EARLIER_DEFAULT_SIGNATURES, DEFAULT_SIGNATURES
        )
        legalisms = with_current_defaults(
            self.legalisms, EARLIER_DEFAULT_LEGALISMS, DEFAULT_LEGALISMS
        )
        object.__setattr__(self, "greeting_phrases", greetings)
        object.__setattr__(self, "closing_phrases", closings)
        object.__setattr__(self, "signature_phrases", signatures)
        object.__setattr__(self, "legalisms", legalisms)

    def for_scheme(self, scheme: ScoringScheme) -> ScreeningSettings:
        """These settings with the limits and spelling bands of an F182 scheme."""
        t = scheme.thresholds
        return replace(
            self,
            hours_allowed=t.hours_allowed,
            clock=t.clock,
            calendar=t.calendar,
            chat_wait_limit_seconds=t.chat_wait_limit_seconds,
            spelling_criterion=t.spelling_criterion,
            spelling_bands=t.spelling_bands,
        )
