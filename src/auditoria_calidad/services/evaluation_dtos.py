"""What the F182 evaluation use cases return and receive: plain, frozen data for the
window and the CLI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import ScoringScheme
from auditoria_calidad.domain.timeliness import TimelinessResult

PENDING = "pendiente"
EVALUATED = "evaluado"


@dataclass(frozen=True)
class SampleRow:
    """One sampled record in the list beside the form."""

    sample_item_id: int
    key: str
    agent: str
    received_at: datetime
    answered_at: datetime | None
    state: str  # PENDING or EVALUATED
    score: Decimal | None
    version: int | None  # of the evaluation; None when never saved

    @property
    def pending(self) -> bool:
        return self.state == PENDING


@dataclass(frozen=True)
class RecordView:
    """The record as the form shows it (read-only); the identity is already masked."""

    key: str
    channel: Channel
    agent: str
    received_at: datetime
    answered_at: datetime | None
    identity: str
    requester_name: str
    request_type: str
    service: str
    crm_registrations: int | None
    request_text: str
    answer_text: str
    wait_seconds: int | None
    registered_in_crm: bool | None
    user_rating: Decimal | None
    answered_day_only: bool = False  # the export gave the answer's day without its hour


@dataclass(frozen=True)
class SavedEvaluation:
    """An evaluation as stored, with who saved it last and its version."""

    sample_item_id: int
    evaluation_id: int
    answers: dict[str, str]
    spelling_level: str | None
    spelling_suspects: int | None
    word_count: int | None
    observations: str
    score: Decimal | None
    score_without_critical: Decimal | None
    complete: bool
    reviewer: str
    reviewed_at: datetime
    version: int


@dataclass(frozen=True)
class EvaluationDraft:
    """What the auditor entered. ``answers``: judged/level criterion key → value."""

    answers: Mapping[str, str]
    observations: str = ""
    spelling_suspects: int | None = None
    word_count: int | None = None
    # The screening's proposals the form showed: criterion key → (proposed value, alert
    # codes). None: the form showed none (or the draft came from elsewhere).
    proposals: Mapping[str, tuple[str, tuple[str, ...]]] | None = None


@dataclass(frozen=True)
class EvaluationFormData:
    """Everything the F182 form needs for one sampled record."""

    sample_item_id: int
    audit_id: int
    audit_number: str
    editable: bool
    record: RecordView
    scheme: ScoringScheme
    timeliness: TimelinessResult | None  # virtual records with both dates
    timeliness_problem: str | None  # why it could not be computed, in Spanish
    computed: dict[str, bool | None] = field(default_factory=dict)
    saved: SavedEvaluation | None = None
    # The entity's names, which may label the agent's turns of a chat transcript.
    entity_names: tuple[str, ...] = ()

    @property
    def version(self) -> int | None:
        return None if self.saved is None else self.saved.version
