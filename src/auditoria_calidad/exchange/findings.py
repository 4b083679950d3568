"""The findings workbook sent to the provider and imported back with its answers.

One row per inconsistency of an approved audit. The provider's manager fills the four
answer columns; the hidden «Id. hallazgo» column matches each row back whatever the sort.
Written by ``reporting.findings_workbook``, read by ``importing.findings_return``.
"""

from __future__ import annotations

from dataclasses import dataclass

SHEET_TITLE = "Hallazgos"
META_SHEET = "_hallazgos"  # hidden: audit_id, audit_number, kind
HEADER_ROW = 6
FIRST_DATA_ROW = HEADER_ROW + 1
KIND = "hallazgos"  # the metadata's «kind»

ID_HEADER = "Id. hallazgo"
NUMBER_HEADER = "N.º"
KEY_HEADER = "Radicado / Id. chat"
RECEIVED_HEADER = "Fecha de ingreso"
AGENT_HEADER = "Agente"
IDENTITY_HEADER = "Identificación"
CRITERION_HEADER = "Criterio incumplido"
OBSERVATION_HEADER = "Observación del auditor"
REQUEST_HEADER = "Solicitud del usuario"
REPLY_HEADER = "Respuesta del agente"
CAUSE_HEADER = "Análisis de causa"
ACTION_HEADER = "Acción correctiva"
RESPONSIBLE_HEADER = "Responsable"
DATE_HEADER = "Fecha de compromiso"
ANSWER_HEADERS = (CAUSE_HEADER, ACTION_HEADER, RESPONSIBLE_HEADER, DATE_HEADER)


@dataclass(frozen=True)
class FindingsColumn:
    key: str
    header: str
    width: float  # characters
    answer: bool = False  # filled by the provider: unlocked, tinted, read back
    wrapped: bool = False  # long text: wraps within the column


COLUMNS: tuple[FindingsColumn, ...] = (
    FindingsColumn("finding_id", ID_HEADER, 9),  # hidden: the import matches rows by it
    FindingsColumn("number", NUMBER_HEADER, 6),
    FindingsColumn("key", KEY_HEADER, 19),
    FindingsColumn("received_at", RECEIVED_HEADER, 16),
    FindingsColumn("agent", AGENT_HEADER, 22),
    FindingsColumn("identity", IDENTITY_HEADER, 14),
    FindingsColumn("criterion", CRITERION_HEADER, 24, wrapped=True),
    FindingsColumn("observation", OBSERVATION_HEADER, 40, wrapped=True),
    FindingsColumn("request_text", REQUEST_HEADER, 50, wrapped=True),
    FindingsColumn("answer_text", REPLY_HEADER, 60, wrapped=True),
    FindingsColumn("cause_analysis", CAUSE_HEADER, 40, answer=True, wrapped=True),
    FindingsColumn("corrective_action", ACTION_HEADER, 40, answer=True, wrapped=True),
    FindingsColumn("responsible", RESPONSIBLE_HEADER, 22, answer=True),
    FindingsColumn("commitment_date", DATE_HEADER, 14, answer=True),
)
HEADERS = tuple(column.header for column in COLUMNS)

# What the import reads: the hidden id and the four answers (key, header).
RETURNED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("finding_id", ID_HEADER),
    *((c.key, c.header) for c in COLUMNS if c.answer),
)
TEXT_LIMITS = {"cause_analysis": 20_000, "corrective_action": 20_000, "responsible": 300}
EARLIEST_COMMITMENT_SERIAL = 36526  # 01/01/2000 as an Excel date: the date validation's floor


def answer_column(header: str) -> int:
    """The 1-based column of ``header`` in the «Hallazgos» sheet."""
    return HEADERS.index(header) + 1
