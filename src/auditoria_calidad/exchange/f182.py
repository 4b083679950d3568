"""The F182 exchange workbook: an audit's sample in the layout of form F182, to be filled
in Excel and imported back.

The columns follow the order of the procedure's numeral 5.2.18 for the audit's channel,
with the criteria of the audit's own scheme version. What the reviewer may fill (judged
criteria, levels, observations) has a drop-down of the labels of ``criterion_choices``;
hidden columns keep the id of each sampled record and the version of its evaluation, so
rows match back whatever the reviewer sorts or filters. Written by
``reporting.f182_exchange``, read back by ``importing.f182_return``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import NOT_APPLICABLE, CriterionKind, ScoringScheme
from auditoria_calidad.domain.scoring import Verdict

SHEET_TITLE = "F182"
META_SHEET = "_f182"  # hidden: the metadata pairs, then the drop-down lists
HEADER_ROW = 4
FIRST_DATA_ROW = HEADER_ROW + 1
HEADER_SEARCH_ROWS = 15  # the reader looks for the header row within these rows

ID_COLUMN = "_id"
VERSION_COLUMN = "_version"
OBSERVATIONS = "observaciones"
SUSPECTS = "sospechosas"
PROPOSED = "nivel_propuesto"
CRITERION_PREFIX = "criterio."
# Keys of the hidden metadata sheet.
FORMAT_KEY = "formato"
AUDIT_KEY = "auditoria"
_DATETIME = "dd/mm/yyyy hh:mm"
_DATE = "dd/mm/yyyy"


class ColumnKind(enum.StrEnum):
    DATA = "data"  # record data or computed values: locked
    HELP = "help"  # the spelling pre-check's help: locked, tinted
    LONG_TEXT = "long_text"  # request, answer, transcript: locked, wide
    CHOICE = "choice"  # judged criterion or level: unlocked, drop-down
    FREE_TEXT = "free_text"  # observations: unlocked
    HIDDEN = "hidden"  # ids to match rows back


@dataclass(frozen=True)
class ExchangeColumn:
    key: str
    header: str
    kind: ColumnKind
    options: tuple[str, ...] = ()  # labels offered by the drop-down of a CHOICE column
    width: float = 14
    number_format: str | None = None


@dataclass(frozen=True)
class ExpectedColumn:
    """A column the reader must find. ``choices``: accepted label → stored value (a
    CHOICE column); None for free text. ``kind`` "id"/"version" columns hold integers."""

    key: str
    header: str
    choices: Mapping[str, str] | None = None
    kind: str = "value"  # "value", "id" or "version"


def criterion_choices(scheme: ScoringScheme, key: str) -> dict[str, str]:
    """Label → stored value accepted in the column of criterion ``key`` (N.A. included)."""
    criterion = scheme.criterion(key)
    if criterion.kind is CriterionKind.LEVEL:
        pairs = {lv.label: lv.key for lv in criterion.levels}
    else:
        pairs = {
            Verdict.CUMPLE.label: Verdict.CUMPLE.value,
            Verdict.NO_CUMPLE.label: Verdict.NO_CUMPLE.value,
        }
    pairs[Verdict.NA.label] = NOT_APPLICABLE
    return pairs


def _criterion_column(scheme: ScoringScheme, key: str) -> ExchangeColumn:
    criterion = scheme.criterion(key)
    if criterion.kind is CriterionKind.COMPUTED:
        return ExchangeColumn(
            f"{CRITERION_PREFIX}{key}", f"{criterion.label} (calculado)", ColumnKind.DATA, width=16
        )
    options = tuple(criterion_choices(scheme, key))
    return ExchangeColumn(
        f"{CRITERION_PREFIX}{key}", criterion.label, ColumnKind.CHOICE, options, width=16
    )


def exchange_columns(scheme: ScoringScheme, channel: Channel) -> list[ExchangeColumn]:
    """The workbook's columns in the order of numeral 5.2.18 for ``channel``."""
    spelling = scheme.thresholds.spelling_criterion
    criteria = [_criterion_column(scheme, c.key) for c in scheme.criteria if c.key != spelling]
    level = [_criterion_column(scheme, spelling)] if spelling else []
    help_columns = [
        ExchangeColumn(
            SUSPECTS,
            "Palabras sospechosas (revisión ortográfica previa)",
            ColumnKind.HELP,
            width=30,
        ),
        ExchangeColumn(
            PROPOSED, "Nivel propuesto por la revisión ortográfica", ColumnKind.HELP, width=16
        ),
    ]
    observations_header = (
        "Observaciones generales de calidad"
        if channel is Channel.VIRTUAL
        else "Comportamiento histórico CRM - Observaciones generales"
    )
    observations = ExchangeColumn(OBSERVATIONS, observations_header, ColumnKind.FREE_TEXT, width=40)
    review = [
        ExchangeColumn(
            "reviewed_at", "Fecha de revisión", ColumnKind.DATA, width=16, number_format=_DATETIME
        ),
        ExchangeColumn("reviewer", "Revisado por", ColumnKind.DATA, width=20),
    ]
    tail = [
        ExchangeColumn(
            "score", "Puntaje del registro", ColumnKind.DATA, width=12, number_format="0.00"
        ),
        ExchangeColumn("request_type", "Tipo de solicitud", ColumnKind.DATA, width=18),
        ExchangeColumn("service", "Servicio", ColumnKind.DATA, width=20),
    ]
    hidden = [
        ExchangeColumn(ID_COLUMN, "Id. interno (no modificar)", ColumnKind.HIDDEN, width=8),
        ExchangeColumn(VERSION_COLUMN, "Versión (no modificar)", ColumnKind.HIDDEN, width=8),
    ]
    if channel is Channel.VIRTUAL:
        hours = scheme.thresholds.hours_allowed
        data = [
            ExchangeColumn("key", "Radicado", ColumnKind.DATA, width=18),
            ExchangeColumn(
                "received_at",
                "Fecha de ingreso",
                ColumnKind.DATA,
                width=16,
                number_format=_DATETIME,
            ),
            ExchangeColumn("identity", "Cédula", ColumnKind.DATA, width=14),
            ExchangeColumn(
                "answered_at",
                "Fecha y hora de respuesta",
                ColumnKind.DATA,
                width=16,
                number_format=_DATETIME,
            ),
            ExchangeColumn(
                "hours", "Horas para responder", ColumnKind.DATA, width=11, number_format="0.0"
            ),
            ExchangeColumn(
                "within", f"Respuesta dentro de {hours:g} horas", ColumnKind.DATA, width=12
            ),
            ExchangeColumn(
                "legal_due",
                "Plazo legal (Ley 1755 de 2015)",
                ColumnKind.DATA,
                width=13,
                number_format=_DATE,
            ),
            ExchangeColumn("legal_met", "Plazo legal cumplido", ColumnKind.DATA, width=11),
            ExchangeColumn(
                "crm_registrations", "Número de veces registrado en CRM", ColumnKind.DATA, width=13
            ),
        ]
        agent = [ExchangeColumn("agent", "Funcionario responsable", ColumnKind.DATA, width=24)]
        texts = [
            ExchangeColumn("request_text", "Solicitud del usuario", ColumnKind.LONG_TEXT, width=50),
            ExchangeColumn("answer_text", "Respuesta del agente", ColumnKind.LONG_TEXT, width=70),
        ]
        columns = [
            *data,
            *criteria,
            review[0],
            *agent,
            *level,
            *help_columns,
            observations,
            review[1],
            *tail,
            *texts,
            *hidden,
        ]
    else:
        data = [
            ExchangeColumn("key", "Id. del chat", ColumnKind.DATA, width=18),
            ExchangeColumn(
                "request_text", "Registro que hace el usuario", ColumnKind.LONG_TEXT, width=40
            ),
            ExchangeColumn("identity", "Identificación", ColumnKind.DATA, width=14),
            ExchangeColumn(
                "received_at",
                "Tiempo de ingreso",
                ColumnKind.DATA,
                width=16,
                number_format=_DATETIME,
            ),
            ExchangeColumn("wait", "Tiempo de espera (mm:ss)", ColumnKind.DATA, width=11),
        ]
        crm = [
            ExchangeColumn(
                "registered_in_crm", "Registrado en CRM (dato del CRM)", ColumnKind.DATA, width=12
            ),
        ]
        extra = [
            ExchangeColumn("agent", "Funcionario responsable", ColumnKind.DATA, width=24),
            ExchangeColumn("user_rating", "Calificación del usuario", ColumnKind.DATA, width=11),
        ]
        texts = [
            ExchangeColumn("answer_text", "Transcripción del chat", ColumnKind.LONG_TEXT, width=70),
        ]
        columns = [
            *data,
            *criteria,
            *level,
            *help_columns,
            *crm,
            observations,
            *extra,
            *review,
            *tail,
            *texts,
            *hidden,
        ]
    return columns


def expected_columns(scheme: ScoringScheme, channel: Channel) -> list[ExpectedColumn]:
    """What the import reads back: the editable columns and the hidden ids."""
    expected = []
    for column in exchange_columns(scheme, channel):
        if column.kind is ColumnKind.CHOICE:
            key = column.key.removeprefix(CRITERION_PREFIX)
            expected.append(
                ExpectedColumn(column.key, column.header, criterion_choices(scheme, key))
            )
        elif column.kind is ColumnKind.FREE_TEXT:
            expected.append(ExpectedColumn(column.key, column.header))
        elif column.key == ID_COLUMN:
            expected.append(ExpectedColumn(column.key, column.header, kind="id"))
        elif column.key == VERSION_COLUMN:
            expected.append(ExpectedColumn(column.key, column.header, kind="version"))
    return expected
