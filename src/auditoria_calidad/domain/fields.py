"""The fields of a contact-centre record, for both channels of form F182.

One definition, used by the importer (header mapping and validation), the
demo-data generator, storage and the evaluation form, so that every layer
names a field the same way.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field
from datetime import datetime


class Channel(enum.StrEnum):
    """Service channel audited with form F182."""

    VIRTUAL = "virtual"
    CHAT = "chat"

    @property
    def label(self) -> str:
        return {"virtual": "Virtual", "chat": "Chat"}[self.value]


class FieldKind(enum.StrEnum):
    """How a cell is read into a field value."""

    TEXT = "text"  # kept exactly as it came
    KEY = "key"  # radicado / chat id: text, trimmed, required
    DATETIME = "datetime"
    DATE = "date"  # only the date part (combined with a TIME field)
    TIME = "time"  # only the time part (combined with a DATE field)
    INTEGER = "integer"
    DURATION = "duration"  # seconds, or hh:mm:ss
    BOOLEAN = "boolean"  # Sí/No/S/N/Yes/No/1/0/X
    DIGITS = "digits"  # identity number: digits only (dots and spaces allowed)
    DECIMAL = "decimal"


@dataclass(frozen=True)
class FieldSpec:
    """One field a CRM column can be mapped to."""

    name: str
    label: str  # Spanish, as shown to the user
    kind: FieldKind
    required: bool = False
    channels: tuple[Channel, ...] = (Channel.VIRTUAL, Channel.CHAT)
    # For DATE/TIME halves: the DATETIME field they combine into.
    combines_into: str | None = None
    # For the parts of a name written in several columns («Nombres», «Primer apellido»…):
    # the field they are joined into, in the order of `FIELDS`.
    part_of: str | None = None


_BOTH = (Channel.VIRTUAL, Channel.CHAT)
_VIRTUAL = (Channel.VIRTUAL,)
_CHAT = (Channel.CHAT,)

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("key", "Radicado / Id. del chat", FieldKind.KEY, required=True),
    FieldSpec("received_at", "Fecha de ingreso", FieldKind.DATETIME, required=True),
    FieldSpec(
        "received_date",
        "Fecha de ingreso (solo fecha)",
        FieldKind.DATE,
        combines_into="received_at",
    ),
    FieldSpec("received_time", "Hora de ingreso", FieldKind.TIME, combines_into="received_at"),
    FieldSpec("identity_number", "Cédula / Identificación", FieldKind.DIGITS),
    FieldSpec("requester_name", "Nombre del usuario", FieldKind.TEXT),
    FieldSpec(
        "requester_given_names",
        "Nombre del usuario: nombres (o primer nombre)",
        FieldKind.TEXT,
        part_of="requester_name",
    ),
    FieldSpec(
        "requester_middle_name",
        "Nombre del usuario: segundo nombre",
        FieldKind.TEXT,
        part_of="requester_name",
    ),
    FieldSpec(
        "requester_surnames",
        "Nombre del usuario: apellidos (o primer apellido)",
        FieldKind.TEXT,
        part_of="requester_name",
    ),
    FieldSpec(
        "requester_second_surname",
        "Nombre del usuario: segundo apellido",
        FieldKind.TEXT,
        part_of="requester_name",
    ),
    FieldSpec("request_type", "Tipo de solicitud", FieldKind.TEXT),
    FieldSpec("service", "Servicio / programa", FieldKind.TEXT),
    FieldSpec("agent", "Funcionario responsable (agente)", FieldKind.TEXT, required=True),
    FieldSpec(
        "answered_at",
        "Fecha y hora de respuesta",
        FieldKind.DATETIME,
        channels=_VIRTUAL,
        required=True,
    ),
    FieldSpec(
        "answered_date",
        "Fecha de respuesta (solo fecha)",
        FieldKind.DATE,
        channels=_VIRTUAL,
        combines_into="answered_at",
    ),
    FieldSpec(
        "answered_time",
        "Hora de respuesta",
        FieldKind.TIME,
        channels=_VIRTUAL,
        combines_into="answered_at",
    ),
    FieldSpec(
        "crm_registrations",
        "Número de veces registrado en CRM",
        FieldKind.INTEGER,
        channels=_VIRTUAL,
    ),
    FieldSpec("request_text", "Solicitud / registro del usuario", FieldKind.TEXT),
    FieldSpec("answer_text", "Respuesta / transcripción", FieldKind.TEXT),
    FieldSpec("wait_seconds", "Tiempo de espera", FieldKind.DURATION, channels=_CHAT),
    FieldSpec("registered_in_crm", "Registrado en CRM", FieldKind.BOOLEAN, channels=_CHAT),
    FieldSpec("user_rating", "Calificación del usuario", FieldKind.DECIMAL, channels=_CHAT),
)

FIELDS_BY_NAME: dict[str, FieldSpec] = {f.name: f for f in FIELDS}


def parts_of(name: str) -> tuple[str, ...]:
    """The fields whose columns are joined, in order, into field ``name`` (a requester's
    name written as «Nombres» and «Apellidos»); empty for other fields."""
    return tuple(f.name for f in FIELDS if f.part_of == name)


def name_rivals(name: str) -> tuple[str, ...]:
    """The fields that are not read together with field ``name``: a name and its parts
    (choosing «Nombre completo» drops «Nombres» and «Apellidos», and the other way round)."""
    part_of = FIELDS_BY_NAME[name].part_of if name in FIELDS_BY_NAME else None
    return (part_of,) if part_of else parts_of(name)


def fields_for(channel: Channel) -> tuple[FieldSpec, ...]:
    """Fields that a CRM export of ``channel`` may carry, in display order."""
    return tuple(f for f in FIELDS if channel in f.channels)


class RequestType(enum.StrEnum):
    """Request types of Ley 1755 de 2015 that the deadline rules know."""

    PETICION = "peticion"
    QUEJA = "queja"
    RECLAMO = "reclamo"
    DOCUMENTOS = "documentos"  # documents or information: 10 business days
    CONSULTA = "consulta"  # 30 business days
    SUGERENCIA = "sugerencia"
    FELICITACION = "felicitacion"


def _hashed_text(value: object) -> str:
    """A non-text value as `RecordData.content_hash` writes it: its length and its text."""
    text = repr(value) if isinstance(value, (bool, int, float)) else str(value)
    return f"{len(text)}:{text}"


@dataclass
class RecordData:
    """A contact-centre record as read from a CRM export or generated for the demo.

    Plain data: ``storage`` persists it, ``domain`` judges it.
    """

    channel: Channel
    key: str
    agent: str
    received_at: datetime
    answered_at: datetime | None = None
    identity_number: str | None = None
    requester_name: str | None = None
    request_type: str | None = None
    service: str | None = None
    crm_registrations: int | None = None
    request_text: str | None = None
    answer_text: str | None = None
    wait_seconds: int | None = None
    registered_in_crm: bool | None = None
    user_rating: float | None = None
    # Provenance: where the record came from in its file.
    source_sheet: str | None = None
    source_row: int | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # `content_hash()` as computed when the record was read (None: not computed). Whoever
    # changes a content value afterwards sets it back to None.
    digest: str | None = field(default=None, compare=False, repr=False)

    def content_fields(self) -> dict[str, object]:
        """The values that define the record's content (not its provenance)."""
        return {
            "agent": self.agent,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "answered_at": self.answered_at.isoformat() if self.answered_at else None,
            "identity_number": self.identity_number,
            "requester_name": self.requester_name,
            "request_type": self.request_type,
            "service": self.service,
            "crm_registrations": self.crm_registrations,
            "request_text": self.request_text,
            "answer_text": self.answer_text,
            "wait_seconds": self.wait_seconds,
            "registered_in_crm": self.registered_in_crm,
            "user_rating": self.user_rating,
        }

    def content_hash(self) -> str:
        """SHA-256 of the content: equal hashes mean an unchanged record.

        Each value is written as its length and its text, in a fixed order, so that no two
        different contents give the same bytes (a separator inside a text cannot fake a
        field boundary). Cheap enough for hundreds of thousands of records per import.
        """
        received, answered = self.received_at, self.answered_at
        values = (
            self.agent,
            None if received is None else received.isoformat(),
            None if answered is None else answered.isoformat(),
            self.identity_number,
            self.requester_name,
            self.request_type,
            self.service,
            self.crm_registrations,
            self.request_text,
            self.answer_text,
            self.wait_seconds,
            self.registered_in_crm,
            self.user_rating,
        )
        payload = "|".join(
            [
                "-" if value is None
                else f"{len(value)}:{value}" if type(value) is str  # most values: texts
                else _hashed_text(value)
                for value in values
            ]
        )  # fmt: skip
        return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()
