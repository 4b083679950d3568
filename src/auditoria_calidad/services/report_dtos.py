"""What the reports' use cases return (``services.reports``): plain, frozen data for the
window and the command line."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from auditoria_calidad.domain.audit_lifecycle import (
    LOCKED_STATES,
    STATE_LABELS,
    AuditState,
    period_label,
)
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.reporting.data import AuditReportData, MonthlyReportData

__all__ = [
    "AuditChoice",
    "AuditReport",
    "MonthlyReport",
    "ProviderChoice",
    "ReportChoices",
    "ReportTexts",
]


@dataclass(frozen=True)
class AuditReport:
    """An audit report as written: its data, the PDF and (when asked) the F182 workbook."""

    data: AuditReportData
    pdf: bytes
    xlsx: bytes | None = None
    issued: bool = False  # the PDF is the copy stored at approval

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


@dataclass(frozen=True)
class ReportTexts:
    audit_id: int
    number: str
    conclusions: str
    recommendations: str
    editable: bool  # the actor may write them and the audit is not locked yet
    state_label: str
    version: int = 0  # counts their saves: a save from an older one is refused


@dataclass(frozen=True)
class MonthlyReport:
    data: MonthlyReportData
    pdf: bytes
    xlsx: bytes


@dataclass(frozen=True)
class AuditChoice:
    id: int
    number: str
    channel: Channel
    provider: str
    period_start: date
    period_end: date
    state: AuditState
    evaluated: int
    population: int
    sampled: int = 0  # the sample the evaluated records count against

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def locked(self) -> bool:
        return self.state in LOCKED_STATES

    @property
    def label(self) -> str:
        """Number and state first, so a narrow combo still shows both."""
        return (
            f"{self.number} · {self.state_label} · {self.channel.label} · "
            f"{period_label(self.period_start, self.period_end)}"
        )


@dataclass(frozen=True)
class ProviderChoice:
    id: int
    name: str


@dataclass(frozen=True)
class ReportChoices:
    audits: tuple[AuditChoice, ...]  # newest first
    providers: tuple[ProviderChoice, ...]
    months: tuple[str, ...]  # «AAAA-MM» with records, newest first
