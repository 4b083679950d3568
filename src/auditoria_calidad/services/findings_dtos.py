"""What the findings' use cases return: plain, frozen data for the window and the CLI.

The states in which an audit has findings and the committee's decision labels live here
too, because the data below reads them; ``services.findings`` re-exports every name.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from auditoria_calidad.domain.audit_lifecycle import STATE_LABELS, period_label
from auditoria_calidad.storage.models import AuditState, Decision

# States in which an audit has findings; a provider sees them from SENT on.
APPROVED_STATES = (
    AuditState.APPROVED,
    AuditState.SENT,
    AuditState.ANSWERED,
    AuditState.IN_COMMITTEE,
    AuditState.CLOSED,
)
PROVIDER_STATES = APPROVED_STATES[1:]
# Answers may still come in (or be corrected) in these states.
OPEN_FOR_ANSWERS = (AuditState.SENT, AuditState.ANSWERED, AuditState.IN_COMMITTEE)

DECISION_LABELS: dict[Decision, str] = {
    Decision.ACCEPTED: "Respuesta aceptada",
    Decision.REJECTED: "Respuesta no aceptada",
    Decision.FOLLOW_UP: "Seguimiento",
}


class AnswerStatus(enum.StrEnum):
    PENDING = "pendiente"  # no answer yet
    DRAFT = "borrador"  # saved by the provider, not submitted
    ANSWERED = "respondida"  # submitted

    @property
    def label(self) -> str:
        return {
            "pendiente": "Sin responder",
            "borrador": "Borrador sin enviar",
            "respondida": "Respondida",
        }[self.value]


@dataclass(frozen=True)
class AnswerInfo:
    cause_analysis: str
    corrective_action: str
    responsible: str
    commitment_date: date | None
    answered_by: str
    answered_at: datetime
    submitted_at: datetime | None
    late: bool
    version: int


@dataclass(frozen=True)
class FindingInfo:
    """One inconsistency as lists, dialogs and the command line show it."""

    id: int
    number: int  # the inconsistency's number in its audit, as every document shows it
    audit_id: int
    audit_number: str
    audit_state: AuditState
    provider_id: int
    provider: str
    key: str
    received_at: datetime
    agent: str
    identity: str  # masked unless the reader may see it whole
    criterion_key: str
    criterion_label: str
    observation: str
    response_deadline: date | None
    answer: AnswerInfo | None
    committee_state: Decision | None

    @property
    def status(self) -> AnswerStatus:
        if self.answer is None:
            return AnswerStatus.PENDING
        return AnswerStatus.ANSWERED if self.answer.submitted_at else AnswerStatus.DRAFT

    @property
    def late(self) -> bool:
        return self.answer is not None and self.answer.late

    @property
    def decision_label(self) -> str:
        return "" if self.committee_state is None else DECISION_LABELS[self.committee_state]

    def overdue(self, today: date | None = None) -> bool:
        """Not answered and the provider's deadline has passed."""
        return (
            self.status is not AnswerStatus.ANSWERED
            and self.response_deadline is not None
            and self.audit_state in OPEN_FOR_ANSWERS
            and (today or date.today()) > self.response_deadline
        )


@dataclass(frozen=True)
class AuditFindingsStatus:
    """Where an audit stands after approval: answers, decisions, deadline."""

    audit_id: int
    number: str
    channel_label: str
    provider_id: int
    provider: str
    period_start: date
    period_end: date
    state: AuditState
    population: int
    evaluated: int
    approved_at: datetime | None
    sent_at: datetime | None
    response_deadline: date | None
    closed_at: datetime | None
    report_sha256: str | None
    findings: int
    answered: int
    drafts: int
    late: int
    decided: int  # accepted or rejected
    follow_up: int

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def pending(self) -> int:
        return self.findings - self.answered

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end)

    def overdue(self, today: date | None = None) -> bool:
        return (
            self.pending > 0
            and self.response_deadline is not None
            and self.state in OPEN_FOR_ANSWERS
            and (today or date.today()) > self.response_deadline
        )


# --- The provider's answers (services.provider_answers) -----------------------------------


@dataclass(frozen=True)
class SubmitResult:
    audit_id: int
    number: str
    submitted: int
    late: int
    pending: int  # findings still without a submitted answer
    state: AuditState


@dataclass(frozen=True)
class AnswerImportResult:
    audit_id: int
    number: str
    rows: int  # data rows read
    applied: int  # answers created or changed (submitted)
    unchanged: int
    blank: int  # rows without an answer yet
    late: int
    pending: int
    state: AuditState
