"""What the committee's use cases take and return: plain, frozen data for the window and
the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from auditoria_calidad.services.audits import STATE_LABELS
from auditoria_calidad.services.findings import FindingInfo
from auditoria_calidad.storage.models import AuditState, Decision, SessionState

if TYPE_CHECKING:
    # A type only: `commitments` reads the committee's conflicts module, which reads this one.
    from auditoria_calidad.services.commitments import CommitmentInfo

SESSION_LABELS = {SessionState.DRAFT: "En preparación", SessionState.ISSUED: "Acta emitida"}


@dataclass(frozen=True)
class DecisionStamp:
    """A decision of one session on one finding as it was read: what, why, by whom, when.

    ``decision`` None means the session had no decision on that finding. An expected stamp
    without ``decided_at`` (the command line) compares the decision alone.
    """

    decision: Decision | None
    observation: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None

    def differs_from(self, expected: DecisionStamp) -> bool:
        if self.decision != expected.decision:
            return True
        return expected.decided_at is not None and self.decided_at != expected.decided_at


NO_DECISION = DecisionStamp(None)


@dataclass(frozen=True)
class AttendeeInfo:
    id: int
    name: str
    position: str
    organization: str
    present: bool


@dataclass(frozen=True)
class SessionInfo:
    id: int
    acta_number: str
    held_on: date
    place: str
    state: SessionState
    audit_numbers: tuple[str, ...]
    provider_ids: tuple[int, ...]
    attendees: int
    findings: int
    decided: int  # findings with a decision recorded in this session
    commitments: int  # agreed in this session
    issued_at: datetime | None
    minutes_sha256: str | None
    starts_at: time | None = None
    ends_at: time | None = None
    chair: str = ""  # who presides
    secretary: str = ""  # who takes the minutes
    quorum: bool | None = None  # None: not recorded yet
    conclusions: str = ""

    @property
    def state_label(self) -> str:
        return SESSION_LABELS[self.state]

    @property
    def editable(self) -> bool:
        return self.state is SessionState.DRAFT


@dataclass(frozen=True)
class SessionAuditView:
    audit_id: int
    number: str
    provider: str
    channel_label: str
    period_label: str
    state: AuditState
    findings: tuple[FindingInfo, ...]
    # finding id → (decision in this session, its observation)
    decisions: dict[int, tuple[Decision, str]]
    # finding id → who recorded that decision and when (what an edit expects to replace)
    stamps: dict[int, DecisionStamp] = field(default_factory=dict)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class SessionDetail:
    info: SessionInfo
    agenda: str
    attendees: tuple[AttendeeInfo, ...]
    audits: tuple[SessionAuditView, ...]
    commitments: tuple[CommitmentInfo, ...]  # agreed in this session
    follow_up: tuple[CommitmentInfo, ...]  # earlier sessions' commitments under review here


@dataclass(frozen=True)
class SessionDetails:
    """What the acta records of the meeting itself (None: leave as it is)."""

    starts_at: time | None = None
    ends_at: time | None = None
    chair: str | None = None
    secretary: str | None = None
    quorum: bool | None = None
    conclusions: str | None = None


@dataclass(frozen=True)
class BatchResult:
    """What a batch of decisions recorded: how many, and the inconsistencies by audit."""

    recorded: int
    references: tuple[str, ...]  # «AUD-2026-0001/3», in audit and number order


@dataclass(frozen=True)
class MinutesCheck:
    acta_number: str
    provider: str  # "" for the full acta
    matches: bool
    stored_sha256: str
    file_sha256: str
