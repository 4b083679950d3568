"""What the calibration services return (plain data; no ORM object leaves the services).

A calibration session has a state: «open» while the evaluators judge blind, «revealed»
once every evaluator has submitted, «closed» once its creator closed it (revealed too,
no more judgements). ``CalibrationView.results`` is None until the session is revealed,
and the rest of a view of an open session holds only the reader's own work, so a screen
or a document built from a view cannot leak another evaluator's judgements.

Agreement figures (``Agreement`` of domain.calibration_stats) are fractions between 0
and 1 (alpha and AC1 may fall below 0), None where undefined; scores are 0–100 points.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from auditoria_calidad.domain.calibration_stats import Agreement, CalibrationAgreement
from auditoria_calidad.domain.scheme import ScoringScheme
from auditoria_calidad.domain.timeliness import TimelinessResult
from auditoria_calidad.services.errors import ConcurrentEdit
from auditoria_calidad.services.evaluations import RecordView
from auditoria_calidad.storage.models import CalibrationState

STATE_LABELS = {
    CalibrationState.OPEN: "Abierta",
    CalibrationState.REVEALED: "Revelada",
    CalibrationState.CLOSED: "Cerrada",
}

__all__ = [
    "STATE_LABELS",
    "Agreement",
    "CalibrationAgreement",
    "CalibrationFormData",
    "CalibrationRecordRow",
    "CalibrationResults",
    "CalibrationState",
    "CalibrationSummary",
    "CalibrationView",
    "CriterionInfo",
    "EvaluatorFigures",
    "EvaluatorStatus",
    "Judgement",
    "JudgementConflict",
    "JudgementDraft",
    "MyProgress",
    "RecordComparison",
]


@dataclass(frozen=True)
class EvaluatorStatus:
    """An evaluator of a session; whether they submitted is known to every member."""

    user_id: int
    username: str
    name: str
    submitted_at: datetime | None
    is_reference: bool = False

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


@dataclass(frozen=True)
class CalibrationSummary:
    id: int
    audit_id: int
    audit_number: str
    state: CalibrationState
    created_by: str  # username
    created_at: datetime
    seed: int | None  # None: records chosen by hand
    size: int
    record_keys: tuple[str, ...]  # by date of receipt
    evaluators: tuple[EvaluatorStatus, ...]
    reference: str | None  # username

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def revealed(self) -> bool:
        return self.state is not CalibrationState.OPEN


@dataclass(frozen=True)
class CriterionInfo:
    """A criterion the evaluators judge (computed criteria are the record's, not judged)."""

    key: str
    label: str
    ordinal: bool  # a level criterion: Krippendorff's alpha is ordinal


@dataclass(frozen=True)
class JudgementDraft:
    """What an evaluator entered: judged/level criterion key → value, and the observation."""

    answers: Mapping[str, str]
    observation: str = ""


@dataclass(frozen=True)
class Judgement:
    """One evaluator's saved judgements of one record."""

    record_id: int
    record_key: str
    evaluator: str  # username
    answers: dict[str, str]
    observation: str
    score: Decimal | None  # with the audit's scheme and the record's computed criteria
    complete: bool  # every judged and level criterion answered (N.A. counts)
    version: int
    updated_at: datetime


class JudgementConflict(ConcurrentEdit):
    """The judgement was saved meanwhile (another window, or an imported workbook)."""

    def __init__(self, saved: Judgement) -> None:
        super().__init__(
            f"Su juicio del registro {saved.record_key} se guardó a las "
            f"{saved.updated_at:%H:%M} del {saved.updated_at:%d/%m/%Y} desde otra ventana o "
            "un libro importado. No se sobrescribió nada: compare y elija cuál conservar."
        )
        self.saved = saved


@dataclass(frozen=True)
class CalibrationRecordRow:
    """A record of the session in the reader's own list (their own judgement only)."""

    record_id: int
    key: str
    agent: str
    received_at: datetime
    judged: bool  # the reader's judgement is complete
    score: Decimal | None
    version: int | None  # of the reader's judgement; None when never saved


@dataclass(frozen=True)
class CalibrationFormData:
    """Everything the F182 form needs in calibration mode for one record."""

    calibration_id: int
    record_id: int
    audit_number: str
    editable: bool  # the reader is an evaluator who has not submitted, session open
    record: RecordView
    scheme: ScoringScheme
    timeliness: TimelinessResult | None
    timeliness_problem: str | None
    computed: dict[str, bool | None] = field(default_factory=dict)
    saved: Judgement | None = None  # the reader's own, never anyone else's

    @property
    def version(self) -> int | None:
        return None if self.saved is None else self.saved.version


@dataclass(frozen=True)
class MyProgress:
    """The reader's own progress (None in a view for a member who is no evaluator)."""

    records: int
    judged: int  # complete judgements
    submitted_at: datetime | None


@dataclass(frozen=True)
class EvaluatorFigures:
    username: str
    name: str
    submitted: bool
    records_scored: int
    mean_score: Decimal | None
    lowest_score: Decimal | None
    highest_score: Decimal | None
    strictest: bool
    most_lenient: bool
    is_reference: bool
    # Criterion key → share of records on which the evaluator gave the reference's value;
    # None for the reference itself and when the session has no reference.
    alignment: dict[str, float | None] | None


@dataclass(frozen=True)
class RecordComparison:
    """One record with everyone's judgements (revealed sessions only)."""

    record_id: int
    key: str
    agent: str
    score_range: Decimal | None
    criteria_in_disagreement: tuple[str, ...]
    judgements: dict[str, Judgement]  # username → judgement (absent: none saved)


@dataclass(frozen=True)
class CalibrationResults:
    criteria: tuple[CriterionInfo, ...]
    agreement: CalibrationAgreement  # overall and by criterion key
    by_evaluator: tuple[EvaluatorFigures, ...]
    score_gap: Decimal | None  # most lenient mean − strictest mean
    records: tuple[RecordComparison, ...]  # widest disagreement first


@dataclass(frozen=True)
class CalibrationView:
    summary: CalibrationSummary
    criteria: tuple[CriterionInfo, ...]
    my_progress: MyProgress | None
    results: CalibrationResults | None  # None until the session is revealed
    can_close: bool  # the reader created it and it is not closed yet
