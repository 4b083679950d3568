"""What the commitments' use cases return, and the acta extracts a provider receives:
plain, frozen data for the window and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from auditoria_calidad.storage.models import CommitmentState

COMMITMENT_LABELS = {CommitmentState.OPEN: "Abierto", CommitmentState.CLOSED: "Cerrado"}


@dataclass(frozen=True)
class CommitmentInfo:
    id: int
    session_id: int
    acta_number: str
    audit_id: int | None
    audit_number: str | None
    provider_id: int | None
    finding_id: int | None
    finding_number: int | None  # the inconsistency's number in its audit
    action: str
    responsible: str
    organization: str
    due_date: date | None
    state: CommitmentState
    closed_at: datetime | None
    closed_in_acta: str | None
    version: int = 1  # an edit from an older one is refused (services.commitment_edits)

    @property
    def state_label(self) -> str:
        return COMMITMENT_LABELS[self.state]

    @property
    def reference(self) -> str:
        if self.audit_number and self.finding_number:
            return f"{self.audit_number} · hallazgo {self.finding_number}"
        return self.audit_number or ""

    def overdue(self, today: date | None = None) -> bool:
        return (
            self.state is CommitmentState.OPEN
            and self.due_date is not None
            and (today or date.today()) > self.due_date
        )


# --- The issued actas as a provider sees them (services.minutes_extracts) ----------------


@dataclass(frozen=True)
class IssuedExtract:
    """One provider's extract of one issued acta."""

    session_id: int
    acta_number: str
    held_on: date
    issued_at: datetime | None
    provider_id: int
    provider: str
    audits: tuple[str, ...]  # that provider's audits the session reviewed
    sha256: str  # recorded at the issue

    @property
    def file_name(self) -> str:
        safe = "".join(c if c.isalnum() else "-" for c in self.provider).strip("-")
        return f"{self.acta_number}-extracto-{safe}.pdf"


@dataclass(frozen=True)
class SavedExtract:
    path: Path
    acta_number: str
    provider: str
    sha256: str  # of the file written, read back
    matches: bool  # equal to the hash recorded at the issue
