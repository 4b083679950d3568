"""What the schemes' use cases return and take: plain, frozen data for the window and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import ScoringScheme, scheme_to_dict
from auditoria_calidad.domain.timeliness import Clock


@dataclass(frozen=True)
class SchemeVersionInfo:
    """One stored version of a scheme, as the list of versions shows it."""

    id: int
    name: str
    channel: Channel
    version: int
    is_current: bool
    created_at: datetime
    created_by: str  # full name, or «Sistema» for the defaults
    criteria: int


@dataclass(frozen=True)
class SchemeDetail:
    """A version with its validated definition (a plain domain dataclass)."""

    info: SchemeVersionInfo
    scheme: ScoringScheme

    def definition(self) -> dict[str, Any]:
        """The scheme as plain data, ready to be edited and saved as a new version."""
        return scheme_to_dict(self.scheme)


@dataclass(frozen=True)
class CalendarInput:
    """The working calendar as a form gives it (weekdays 1 = lunes … 7 = domingo)."""

    weekdays: frozenset[int]
    start: time
    end: time
    clock: Clock
    extra_holidays: frozenset[date] = frozenset()
