"""Plain input data of the report writers.

The services layer fills these from the database; the writers only read them. Every
text is shown as given (escaped), every identity number is masked by the writer unless
``show_full_identity`` says the reader may see it. Percentages are on the 0–100 scale
and ``None`` means "does not apply / no data".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from auditoria_calidad.domain.fields import Channel

# --- Shared pieces ----------------------------------------------------------------------


@dataclass(frozen=True)
class Signatory:
    """One signature block: "Elaborado por", "Revisado por" or "Aprobado por"."""

    role: str  # e.g. "Elaborado por"
    name: str = ""
    position: str = ""  # cargo
    signed_on: date | None = None


DEFAULT_SIGNATURE_ROLES = ("Elaborado por", "Revisado por", "Aprobado por")


@dataclass(frozen=True)
class Letterhead:
    """Who issues the document."""

    entity: str
    office: str
    logo_png: bytes | None = None
    paper: str = "carta"  # "carta" (US Letter) or "a4"
    document_code: str = ""  # the entity's code and version of this document, e.g. «F182 v3»


@dataclass(frozen=True)
class CriterionInfo:
    """A criterion of the scoring scheme as the reader needs to see it."""

    key: str
    label: str
    kind: str  # "computed", "judged" or "level"
    weight: Decimal
    critical: bool = False
    description: str = ""


@dataclass(frozen=True)
class SchemeSummary:
    """The scoring scheme (and version) the audit was scored with."""

    name: str
    version: int
    criteria: tuple[CriterionInfo, ...]
    target_score: Decimal
    hours_allowed: Decimal = Decimal(24)
    clock_label: str = "Horas calendario"
    chat_wait_limit_seconds: int | None = None  # chat only
    max_crm_registrations: int | None = None
    spelling_criterion: str | None = None  # key of the level criterion for spelling
    # One readable line per band, e.g. "Alto: hasta 1 palabra sospechosa por cada 100".
    spelling_bands: tuple[str, ...] = ()
    critical_rule: str = ""  # one sentence on what a failed critical criterion does

    @property
    def total_weight(self) -> Decimal:
        return sum((c.weight for c in self.criteria), Decimal(0))


# --- Results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    key: str
    label: str
    percent: Decimal | None  # credit-weighted % met over applicable records
    applicable: int = 0
    failed: int = 0  # records where the criterion earned 0 (inconsistencies)


@dataclass(frozen=True)
class LevelResult:
    """One level of the spelling distribution."""

    label: str
    count: int
    percent: Decimal | None


@dataclass(frozen=True)
class LegalDeadlineRow:
    """Legal deadline (Ley 1755 de 2015) of one request type."""

    request_type: str
    business_days: int
    applicable: int
    met: int

    @property
    def percent(self) -> Decimal | None:
        return None if not self.applicable else Decimal(100) * self.met / self.applicable


@dataclass(frozen=True)
class AgentResult:
    agent: str
    evaluated: int
    score: Decimal | None
    within_limit_pct: Decimal | None = None
    inconsistencies: int = 0
    critical_failures: int = 0
    criteria_pct: Mapping[str, Decimal | None] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditIndicators:
    evaluated: int
    audit_score: Decimal | None
    target_score: Decimal
    audit_score_without_critical: Decimal | None = None
    within_limit_pct: Decimal | None = None
    legal_met_pct: Decimal | None = None
    critical_failures: int = 0
    criteria: tuple[CriterionResult, ...] = ()
    spelling: tuple[LevelResult, ...] = ()
    legal_deadlines: tuple[LegalDeadlineRow, ...] = ()
    by_agent: tuple[AgentResult, ...] = ()


# --- Automatic screening of the whole population ----------------------------------------


@dataclass(frozen=True)
class RecordAlert:
    """One alert of a record as printed: its stable code and its Spanish evidence."""

    code: str
    evidence: str


@dataclass(frozen=True)
class ScreeningAlertRow:
    """One alert code across the population."""

    code: str
    label: str  # Spanish name of the alert
    criterion: str  # label of the F182 criterion it informs
    records: int  # records of the population with the alert


@dataclass(frozen=True)
class ScreeningAgreementRow:
    """What auditors did with the values the screening proposed for one criterion."""

    criterion: str  # label
    proposals: int  # proposals shown on saved evaluations
    accepted: int  # … that the auditor kept (the rest were overridden)

    @property
    def agreement_pct(self) -> Decimal | None:
        return None if not self.proposals else Decimal(100) * self.accepted / self.proposals


@dataclass(frozen=True)
class ScreeningAgentRow:
    """The screening of one agent's records."""

    agent: str
    records: int  # screened records of the agent
    with_alerts: int  # … with at least one alert
    by_code: Mapping[str, int] = field(default_factory=dict)  # alert code → records


@dataclass(frozen=True)
class ScreeningFigures:
    """The automatic screening of every record of a population (an audit or a month)."""

    population: int  # records of the population
    screened: int  # records screened
    with_alerts: int  # records with at least one alert
    alerts: tuple[ScreeningAlertRow, ...] = ()  # in the order of the alert codes
    by_agent: tuple[ScreeningAgentRow, ...] = ()
    rules_version: str = ""  # several versions: joined with «, »
    agreement: tuple[ScreeningAgreementRow, ...] = ()  # per criterion, in the scheme's order

    @property
    def proposals(self) -> int:
        """Proposals shown on saved evaluations."""
        return sum(a.proposals for a in self.agreement)

    @property
    def accepted(self) -> int:
        return sum(a.accepted for a in self.agreement)

    @property
    def overridden(self) -> int:
        return self.proposals - self.accepted

    @property
    def agreement_pct(self) -> Decimal | None:
        return None if not self.proposals else Decimal(100) * self.accepted / self.proposals


# --- Audit ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StratumRow:
    """The sample of one agent (stratum)."""

    agent: str
    population: int
    sampled: int
    manual: int = 0  # added by hand by the auditor
    evaluated: int = 0


@dataclass(frozen=True)
class EvaluatedRecord:
    """One sampled record with its F182 evaluation (a row of the F182 workbook)."""

    key: str  # radicado or chat id
    agent: str
    received_at: datetime | None
    identity_number: str | None = None  # full or masked; the writer masks it
    answered_at: datetime | None = None  # virtual
    answered_day_only: bool = False  # the export gave the answer's day without its hour
    hours_to_answer: Decimal | None = None
    within_limit: bool | None = None
    crm_registrations: int | None = None  # virtual
    request_text: str | None = None  # chat: "Registro que hace el usuario"
    answer_text: str | None = None  # the agent's answer, as the auditor judged it
    wait_seconds: int | None = None  # chat
    registered_in_crm: bool | None = None  # chat
    # criterion key → what the auditor (or the rule) answered, as shown:
    # "Cumple", "No cumple", "N.A." or a level label.
    verdicts: Mapping[str, str] = field(default_factory=dict)
    spelling_level: str | None = None  # level label
    reviewed_at: datetime | date | None = None
    observations: str = ""
    score: Decimal | None = None
    request_type: str | None = None
    legal_deadline_met: bool | None = None
    manual: bool = False  # added to the sample by hand
    alerts: tuple[RecordAlert, ...] = ()  # what the automatic screening found


@dataclass(frozen=True)
class Inconsistency:
    """A failed criterion of an evaluated record."""

    key: str
    received_at: datetime | date | None
    agent: str
    criterion: str  # label
    observation: str
    identity_number: str | None = None  # full or masked; the writer masks it
    # The inconsistency's number in its audit (``services.report_data.numbered_failures``),
    # the same in the window, the findings workbook and the acta; 0: numbered in print order.
    number: int = 0


@dataclass(frozen=True)
class AuditReportData:
    letterhead: Letterhead
    report_number: str
    report_date: date
    channel: Channel
    provider: str
    period_start: date
    period_end: date
    auditor: str
    population: int
    sample_size: int
    evaluated: int
    seed: str
    fraction: Decimal  # e.g. Decimal("0.5")
    sampling_algorithm: str
    scheme: SchemeSummary
    indicators: AuditIndicators
    strata: tuple[StratumRow, ...] = ()
    manual_additions: int = 0
    # Records added because of their screening alerts: (reason, records) per reason.
    directed_additions: tuple[tuple[str, int], ...] = ()
    records: tuple[EvaluatedRecord, ...] = ()
    inconsistencies: tuple[Inconsistency, ...] = ()
    conclusions: str = ""
    recommendations: str = ""
    signatories: tuple[Signatory, ...] = ()
    show_full_identity: bool = False
    draft: bool = False  # "SIN APROBAR" across every page until approved
    state: str = ""  # the audit's state value («in_review»); named by domain.audit_states
    # Creation date written in the PDF metadata; report_date at 00:00 when None.
    issued_at: datetime | None = None
    screening: ScreeningFigures | None = None  # None: the population was never screened


# --- Monthly ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodFigures:
    """Indicators of one month, or of the year to date."""

    label: str  # "may. 2024", "Acumulado 2024"
    received: int  # records of the population (CRM volume)
    audited: int  # records evaluated
    audit_score: Decimal | None
    within_limit_pct: Decimal | None = None
    legal_met_pct: Decimal | None = None
    inconsistencies: int = 0
    audits: int = 0  # audits (quality visits) that contributed
    criteria_pct: Mapping[str, Decimal | None] = field(default_factory=dict)

    @property
    def sample_pct(self) -> Decimal | None:
        return None if not self.received else Decimal(100) * self.audited / self.received


@dataclass(frozen=True)
class MonthlyAuditRow:
    """An audit (quality visit) of the month."""

    report_number: str
    period_start: date
    period_end: date
    evaluated: int
    score: Decimal | None
    status: str  # the audit state's name (domain.audit_states)
    sampled: int = 0  # records in its sample (the progress of an audit not yet approved)


@dataclass(frozen=True)
class MonthlyCalibrationRow:
    """A revealed calibration session of one of the month's audits (agreement figures
    are fractions, None where undefined)."""

    revealed_on: date
    audit_number: str
    evaluators: tuple[str, ...]
    krippendorff_alpha: float | None
    gwet_ac1: float | None
    percent: float | None = None


@dataclass(frozen=True)
class MonthlyReportData:
    letterhead: Letterhead
    report_number: str
    report_date: date
    year: int
    month: int
    channel: Channel
    provider: str
    prepared_by: str
    target_score: Decimal
    criteria: tuple[CriterionInfo, ...]
    month_figures: PeriodFigures
    year_to_date: PeriodFigures
    trend: tuple[PeriodFigures, ...] = ()  # last months, oldest first, this month last
    by_agent: tuple[AgentResult, ...] = ()
    audits: tuple[MonthlyAuditRow, ...] = ()  # approved (or later): the figures count them
    pending: tuple[MonthlyAuditRow, ...] = ()  # not approved yet: listed apart, not counted
    analysis: str = ""
    signatories: tuple[Signatory, ...] = ()
    issued_at: datetime | None = None
    calibrations: tuple[MonthlyCalibrationRow, ...] = ()  # revealed sessions, by date
    screening: ScreeningFigures | None = None  # the month's screened populations
