"""The tables of the «Hallazgos» page: the audits with their tallies and the inconsistencies
of the selected audit, with the filters of the lower list."""

from __future__ import annotations

from auditoria_calidad.services import findings
from auditoria_calidad.services.findings import AnswerStatus, AuditFindingsStatus, FindingInfo
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.table_models import Column, RowTableModel


def deadline_text(s: AuditFindingsStatus) -> str:
    text = locale_format.day(s.response_deadline)
    return f"{text} (vencido)" if s.overdue() else text


def finished_count(s: AuditFindingsStatus, done: int) -> str:
    """«3/49»; an audit not yet approved has no inconsistencies to count."""
    if s.state not in findings.APPROVED_STATES:
        return "sin aprobar"
    return f"{done}/{s.findings}"


class AuditStatusModel(RowTableModel[AuditFindingsStatus]):
    COLUMNS = (
        Column[AuditFindingsStatus]("Auditoría", lambda s: s.number),
        Column[AuditFindingsStatus]("Proveedor", lambda s: s.provider),
        Column[AuditFindingsStatus]("Canal", lambda s: s.channel_label),
        Column[AuditFindingsStatus]("Periodo", lambda s: s.period_label, lambda s: s.period_start),
        Column[AuditFindingsStatus]("Estado", lambda s: s.state_label),
        Column[AuditFindingsStatus]("Plazo", deadline_text, lambda s: s.response_deadline),
        Column[AuditFindingsStatus](
            "Respondidas",
            lambda s: finished_count(s, s.answered),
            lambda s: s.answered / s.findings if s.findings else -1.0,
            numeric=True,
        ),
        Column[AuditFindingsStatus]("Tarde", lambda s: str(s.late), lambda s: s.late, numeric=True),
        Column[AuditFindingsStatus](
            "Decididas",
            lambda s: finished_count(s, s.decided),
            lambda s: s.decided,
            numeric=True,
        ),
    )


def answer_label(f: FindingInfo) -> str:
    if f.status is AnswerStatus.ANSWERED and f.late:
        return "Respondida fuera de plazo"
    if f.overdue():
        return "Sin responder (vencida)"
    return f.status.label


class FindingsModel(RowTableModel[FindingInfo]):
    COLUMNS = (
        Column[FindingInfo]("N.º", lambda f: str(f.number), lambda f: f.number, numeric=True),
        Column[FindingInfo]("Radicado / Id.", lambda f: f.key),
        Column[FindingInfo]("Agente", lambda f: f.agent),
        Column[FindingInfo]("Criterio incumplido", lambda f: f.criterion_label),
        Column[FindingInfo]("Respuesta", answer_label),
        Column[FindingInfo]("Decisión del comité", lambda f: f.decision_label),
        Column[FindingInfo](
            "Ingreso", lambda f: locale_format.moment(f.received_at), lambda f: f.received_at
        ),
        Column[FindingInfo]("Identificación", lambda f: f.identity),
        Column[FindingInfo]("Observación del auditor", lambda f: " ".join(f.observation.split())),
    )


# (label, status) of the findings filter
FINDING_FILTERS: tuple[tuple[str, str], ...] = (
    ("Todas las inconsistencias", ""),
    ("Sin responder", AnswerStatus.PENDING.value),
    ("Borradores sin enviar", AnswerStatus.DRAFT.value),
    ("Respondidas", AnswerStatus.ANSWERED.value),
    ("Vencidas", "overdue"),
)
