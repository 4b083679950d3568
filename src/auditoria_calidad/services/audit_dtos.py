"""What the audits' use cases return: plain, frozen data for the window and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from auditoria_calidad.domain.audit_lifecycle import (
    ANNULLABLE_STATES,
    LOCKED_STATES,
    STATE_LABELS,
    AuditState,
    period_label,
)
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.sampling import (
    StratumPlan,
    approval_shortfall,
    required_count,
    required_for_approval,
)
from auditoria_calidad.domain.scheme import ScoringScheme
from auditoria_calidad.domain.scoring import Indicators

# --- An audit and its period -------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Inclusive dates on ``received_at``."""

    start: date
    end: date

    @property
    def label(self) -> str:
        return period_label(self.start, self.end)


@dataclass(frozen=True)
class AuditInfo:
    """An audit as lists and headers show it (no ORM object leaves the services)."""

    id: int
    number: str
    channel: Channel
    provider_id: int
    provider: str
    period_start: date
    period_end: date
    state: AuditState
    population: int
    sampled: int  # records in the sample now (removed ones excluded)
    evaluated: int  # complete evaluations of records in the sample
    seed: int | None
    fraction: Decimal | None
    created_at: datetime
    annulled_at: datetime | None = None
    annulled_by: str | None = None
    annul_reason: str | None = None

    @property
    def annulled(self) -> bool:
        return self.state is AuditState.ANNULLED

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)

    @property
    def required_for_approval(self) -> int:
        return required_for_approval(self.population)

    @property
    def missing_for_approval(self) -> int:
        return approval_shortfall(self.population, self.evaluated)

    @property
    def sample_drawn(self) -> bool:
        return self.seed is not None

    @property
    def locked(self) -> bool:
        return self.state in LOCKED_STATES or self.state is AuditState.ANNULLED

    @property
    def annullable(self) -> bool:
        return self.state in ANNULLABLE_STATES


@dataclass(frozen=True)
class PopulationPreview:
    records: int
    agents: int
    stratum_sizes: tuple[int, ...] = ()  # records of each agent

    def sample_size(self, fraction: Decimal | str) -> int:
        """Records a draw with ``fraction`` would take: the sum of ceil(f × n) per agent."""
        return sum(required_count(n, fraction) for n in self.stratum_sizes)


@dataclass(frozen=True)
class AuditCounts:
    population: int = 0
    sampled: int = 0
    evaluated: int = 0
    evaluations: int = 0  # complete or not


# --- Its summary and indicators ----------------------------------------------------------


@dataclass(frozen=True)
class AuditSummary:
    """Everything a header, `audit show` or a report needs about one audit, as plain data."""

    id: int
    number: str
    channel: Channel
    provider_id: int
    provider: str
    period_start: date
    period_end: date
    state: AuditState
    population: int
    sampled: int
    evaluated: int
    required_for_approval: int
    missing: int  # evaluated records still needed for approval
    scheme_id: int
    scheme_name: str
    scheme_version: int
    seed: int | None
    fraction: Decimal | None
    target_score: Decimal
    created_at: datetime
    strata: tuple[StratumPlan, ...]
    scheme: ScoringScheme
    indicators: Indicators

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end)


# --- Approval, sending and closing -------------------------------------------------------


@dataclass(frozen=True)
class ApprovalResult:
    audit_id: int
    number: str
    approved_at: datetime
    approved_by: str
    report_sha256: str
    findings: int


@dataclass(frozen=True)
class ReportCheck:
    audit_id: int
    number: str
    matches: bool
    stored_sha256: str
    file_sha256: str


@dataclass(frozen=True)
class SendResult:
    audit_id: int
    number: str
    sent_at: datetime
    response_deadline: date
    business_days: int
    findings: int
    files: tuple[Path, ...]
    state: AuditState


@dataclass(frozen=True)
class ClosureCheck:
    audit_id: int
    number: str
    can_close: bool
    reasons: tuple[str, ...]
