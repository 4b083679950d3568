"""What the screening's use cases return: plain, frozen data for the window, the CLI and
the reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from auditoria_calidad.domain.screening import ALERT_LABELS, RULES_VERSION


@dataclass(frozen=True)
class AlertInfo:
    """One alert of a record, as stored: its code, the F182 criterion it informs, the
    Spanish evidence, the suspect words (``ortografia``) and the proposed value, if any."""

    code: str
    criterion: str
    evidence: str
    words: tuple[str, ...] = ()
    proposed: str | None = None

    @property
    def label(self) -> str:
        return ALERT_LABELS.get(self.code, self.code)

    def as_dict(self) -> dict[str, Any]:
        """``{"code", "criterion", "evidence"}``, with ``"words"`` when there are suspect
        words and ``"proposed"`` when a value is proposed."""
        data: dict[str, Any] = {
            "code": self.code,
            "criterion": self.criterion,
            "evidence": self.evidence,
        }
        if self.words:
            data["words"] = list(self.words)
        if self.proposed is not None:
            data["proposed"] = self.proposed
        return data

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> AlertInfo:
        return cls(
            code=str(data["code"]),
            criterion=str(data.get("criterion") or ""),
            evidence=str(data.get("evidence") or ""),
            words=tuple(str(w) for w in data.get("words") or ()),
            proposed=data.get("proposed"),
        )


@dataclass(frozen=True)
class RecordAlerts:
    """A record of the population with its alerts; ``screened`` is False when the record
    has no stored screening (it joined the population after the last screening)."""

    key: str
    agent: str
    alerts: tuple[AlertInfo, ...] = ()
    screened: bool = True

    def codes(self) -> tuple[str, ...]:
        return tuple(a.code for a in self.alerts)


@dataclass(frozen=True)
class AuditAlerts:
    """Every record of an audit's population with its alerts (ordered by key)."""

    audit_id: int
    number: str
    rules_version: str | None  # None: never screened
    screened_at: datetime | None
    records: tuple[RecordAlerts, ...]
    unscreened: int = 0  # population records without a stored screening

    @property
    def current(self) -> bool:
        """Screened whole with the rules of this version of the program."""
        return self.unscreened == 0 and self.rules_version == RULES_VERSION


@dataclass(frozen=True)
class ScreeningCounts:
    """What one screening of an audit's population found."""

    audit_id: int
    number: str
    rules_version: str
    records: int
    records_with_alerts: int
    by_code: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class AgentAlertCounts:
    agent: str
    records: int
    records_with_alerts: int
    by_code: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ProposalAgreement:
    """How often the auditors' final value equalled the screening's proposal."""

    criterion: str
    shown: int
    agreed: int

    @property
    def pct(self) -> float | None:
        return None if self.shown == 0 else 100.0 * self.agreed / self.shown


@dataclass(frozen=True)
class ScreeningSummary:
    """The screening of the whole population, for the audit and monthly reports."""

    audit_id: int
    number: str
    rules_version: str | None
    screened_at: datetime | None
    population: int
    screened: int
    records_with_alerts: int
    by_code: tuple[tuple[str, str, int], ...]  # (code, label, records) in ALERT_CODES order
    by_agent: tuple[AgentAlertCounts, ...]
    agreement: tuple[ProposalAgreement, ...]  # per criterion

    @property
    def proposals_shown(self) -> int:
        return sum(a.shown for a in self.agreement)

    @property
    def proposals_agreed(self) -> int:
        return sum(a.agreed for a in self.agreement)

    @property
    def agreement_pct(self) -> float | None:
        shown = self.proposals_shown
        return None if shown == 0 else 100.0 * self.proposals_agreed / shown


@dataclass(frozen=True)
class DirectedAdditions:
    """Records added to the sample because of their alerts."""

    audit_id: int
    number: str
    codes: tuple[str, ...]
    reason: str
    added: tuple[str, ...]  # keys, in key order
    already_in_sample: int  # records with those alerts that were in the sample already
    with_alerts: int  # records of the population with any of those alerts

    @property
    def removed_before(self) -> int:
        """Records with those alerts that the auditor had removed: not brought back."""
        return self.with_alerts - len(self.added) - self.already_in_sample
