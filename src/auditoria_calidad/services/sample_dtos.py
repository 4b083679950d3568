"""What the sample's use cases return: plain, frozen data for the window and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from auditoria_calidad.domain.sampling import (
    StratumPlan,
    approval_shortfall,
    required_for_approval,
)
from auditoria_calidad.storage.models import SampleOrigin

ORIGIN_LABELS: dict[str, str] = {
    SampleOrigin.DRAWN.value: "Sorteado",
    SampleOrigin.MANUAL.value: "Manual",
    SampleOrigin.REPLACEMENT.value: "Reemplazo",
    SampleOrigin.DIRECTED.value: "Por alertas",
}


@dataclass(frozen=True)
class StratumResult:
    agent: str
    population: int
    sampled: int


@dataclass(frozen=True)
class DrawResult:
    audit_id: int
    number: str
    seed: int
    fraction: Decimal
    population: int
    strata: tuple[StratumResult, ...]
    record_keys: tuple[str, ...]  # strata in agent order, each in priority order

    @property
    def sampled(self) -> int:
        return len(self.record_keys)


@dataclass(frozen=True)
class SampleItemInfo:
    key: str
    agent: str
    origin: str  # "drawn" / "manual" / "replacement"
    received_at: datetime
    added_at: datetime
    removed_at: datetime | None
    removal_reason: str | None
    evaluated: bool
    addition_reason: str | None = None  # directed additions: the alerts and the reason

    @property
    def origin_label(self) -> str:
        return ORIGIN_LABELS[self.origin]

    @property
    def active(self) -> bool:
        return self.removed_at is None


@dataclass(frozen=True)
class RemovalResult:
    removed_key: str
    agent: str
    replacement_key: str | None


@dataclass(frozen=True)
class RefreshResult:
    added_population: int
    population: int
    added_sample: tuple[str, ...]


@dataclass(frozen=True)
class SamplePlan:
    audit_id: int
    number: str
    seed: int | None
    fraction: Decimal | None
    population: int
    sampled: int
    evaluated: int
    strata: tuple[StratumPlan, ...]  # domain rows: population, required, drawn, manual, evaluated
    # Records added because of their screening alerts (counted among the strata's manual
    # ones, never among the drawn): (reason, records) per reason.
    directed: tuple[tuple[str, int], ...] = ()

    @property
    def directed_total(self) -> int:
        return sum(n for _, n in self.directed)

    @property
    def required_for_approval(self) -> int:
        return required_for_approval(self.population)

    @property
    def missing_for_approval(self) -> int:
        return approval_shortfall(self.population, self.evaluated)
