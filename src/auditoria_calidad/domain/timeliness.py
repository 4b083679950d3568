"""Timeliness of an answer: hours to answer, the 24-hour rule and legal deadlines.

Two clocks measure the time between receipt and answer:

* ``calendar``: elapsed real hours (what procedure M5-1-01 numeral 4 literally says:
  "dentro de las 24 horas siguientes a su registro");
* ``business``: only the working hours of working, non-holiday days, for contracts
  that measure the provider in business hours.

Legal deadlines (Ley 1755 de 2015, art. 14) are counted in "días hábiles": Monday to
Friday, excluding Colombian public holidays, starting the day after receipt.

All datetimes are naive and mean local Colombian time (UTC-5, no daylight saving), so
elapsed hours are plain differences.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from auditoria_calidad.domain.fields import RequestType
from auditoria_calidad.domain.plurals import counted


class TimelinessError(ValueError):
    """A timeliness input that a user can fix (message in Spanish)."""


class Clock(enum.StrEnum):
    """How the hours between receipt and answer are counted."""

    CALENDAR = "calendar"
    BUSINESS = "business"

    @property
    def label(self) -> str:
        return {"calendar": "Horas calendario", "business": "Horas hábiles"}[self.value]


@lru_cache(maxsize=64)
def _holidays_of(country: str, year: int) -> Mapping[date, str]:
    """Public holidays of one country and year, with Spanish names, from the ``holidays``
    package; built when a day of that year is first asked about, and kept."""
    import holidays  # loaded on the first calendar question, not at start-up

    return dict(holidays.country_holidays(country, years=year, language="es"))


# ISO weekday numbers: 1 = Monday ... 7 = Sunday. Plain data so a scheme can carry it.
_LEGAL_WEEKDAYS = frozenset({1, 2, 3, 4, 5})


@dataclass(frozen=True)
class WorkingCalendar:
    """Working weekdays (ISO numbers, 1 = Monday), working hours and holidays.

    ``extra_holidays`` lets the entity declare its own non-working days (e.g. a day
    decreed off) on top of the national holidays of ``country``.
    """

    weekdays: frozenset[int] = frozenset({1, 2, 3, 4, 5})
    start: time = time(8, 0)
    end: time = time(17, 0)
    country: str = "CO"
    extra_holidays: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        if not self.weekdays or not self.weekdays <= {1, 2, 3, 4, 5, 6, 7}:
            raise TimelinessError(
                "Los días hábiles deben ser números de 1 (lunes) a 7 (domingo), al menos uno."
            )
        if self.start >= self.end:
            raise TimelinessError(
                f"La hora de inicio de la jornada ({self.start:%H:%M}) debe ser anterior "
                f"a la hora de fin ({self.end:%H:%M})."
            )

    def holiday_name(self, day: date) -> str | None:
        """Name of the holiday on ``day``, or None if it is not a holiday."""
        if day in self.extra_holidays:
            return "Día no hábil de la entidad"
        return _holidays_of(self.country, day.year).get(day)

    def is_holiday(self, day: date) -> bool:
        return self.holiday_name(day) is not None

    def is_working_day(self, day: date) -> bool:
        """A configured weekday that is not a holiday (used by the business clock)."""
        return day.isoweekday() in self.weekdays and not self.is_holiday(day)

    def is_legal_business_day(self, day: date) -> bool:
        """A "día hábil" of the law: Monday-Friday, not a holiday.

        The law's days do not follow the contact centre's working weekdays: a provider
        that works on Saturdays does not shorten the citizen's legal deadline.
        """
        return day.isoweekday() in _LEGAL_WEEKDAYS and not self.is_holiday(day)

    def to_dict(self) -> dict[str, Any]:
        return {
            "weekdays": sorted(self.weekdays),
            "start": self.start.strftime("%H:%M"),
            "end": self.end.strftime("%H:%M"),
            "country": self.country,
            "extra_holidays": [d.isoformat() for d in sorted(self.extra_holidays)],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WorkingCalendar:
        """Build from plain data (as stored in a scoring scheme); missing keys use defaults."""
        default = cls()
        try:
            weekdays = frozenset(int(w) for w in data.get("weekdays", default.weekdays))
            start = _parse_time(data.get("start", default.start), "start")
            end = _parse_time(data.get("end", default.end), "end")
            extra = frozenset(
                d if isinstance(d, date) else date.fromisoformat(str(d))
                for d in data.get("extra_holidays", ())
            )
        except (TypeError, ValueError) as exc:
            if isinstance(exc, TimelinessError):
                raise
            raise TimelinessError(f"Calendario laboral inválido: {exc}") from exc
        country = str(data.get("country", default.country))
        return cls(weekdays=weekdays, start=start, end=end, country=country, extra_holidays=extra)


def _parse_time(value: object, name: str) -> time:
    if isinstance(value, time):
        return value
    text = str(value)
    if not re.fullmatch(r"\d{1,2}:\d{2}", text):
        raise TimelinessError(f"La hora '{name}' del calendario debe tener el formato HH:MM.")
    hours, minutes = (int(p) for p in text.split(":"))
    if hours > 23 or minutes > 59:
        raise TimelinessError(f"La hora '{name}' del calendario no es válida: {text}.")
    return time(hours, minutes)


# ---------------------------------------------------------------------------
# Hours to answer


def hours_to_answer(
    received: datetime,
    answered: datetime,
    clock: Clock | str = Clock.CALENDAR,
    calendar: WorkingCalendar | None = None,
) -> float:
    """Hours between receipt and answer, unrounded.

    With the business clock only the part of each working day inside
    ``[calendar.start, calendar.end]`` counts; weekends, non-working weekdays and
    holidays count zero.
    """
    if answered < received:
        raise TimelinessError(
            f"La fecha de respuesta ({answered:%d/%m/%Y %H:%M}) es anterior a la fecha "
            f"de ingreso ({received:%d/%m/%Y %H:%M})."
        )
    if Clock(clock) is Clock.CALENDAR:
        return (answered - received).total_seconds() / 3600
    return _business_seconds(received, answered, calendar or WorkingCalendar()) / 3600


def _business_seconds(received: datetime, answered: datetime, calendar: WorkingCalendar) -> float:
    total = timedelta()
    day = received.date()
    while day <= answered.date():
        if calendar.is_working_day(day):
            window_start = max(received, datetime.combine(day, calendar.start))
            window_end = min(answered, datetime.combine(day, calendar.end))
            if window_end > window_start:
                total += window_end - window_start
        day += timedelta(days=1)
    return total.total_seconds()


# Hours are float (seconds / 3600); a microsecond-scale tolerance keeps "exactly at the
# limit" within it whatever the rounding of the division.
_TOLERANCE_HOURS = 1e-9


def is_within(hours: float, limit_hours: float | Decimal) -> bool:
    """True when ``hours`` does not exceed the limit; exactly at the limit counts as within."""
    return hours <= float(limit_hours) + _TOLERANCE_HOURS


# ---------------------------------------------------------------------------
# Legal deadlines (Ley 1755 de 2015, art. 14)

_LEGAL_DAYS: dict[RequestType | None, tuple[int, str]] = {
    RequestType.PETICION: (15, "Petición"),
    RequestType.QUEJA: (15, "Queja"),
    RequestType.RECLAMO: (15, "Reclamo"),
    RequestType.SUGERENCIA: (15, "Sugerencia"),
    RequestType.FELICITACION: (15, "Felicitación"),
    RequestType.DOCUMENTOS: (10, "Solicitud de documentos o información"),
    RequestType.CONSULTA: (30, "Consulta"),
    None: (15, "Petición general (tipo no identificado)"),
}

# First match wins. Documents/information come before "consulta" so that
# "Consulta de información" gets the shorter (10-day) deadline, the one safer for the
# citizen; specific types come before the generic "petición"/"solicitud".
_TYPE_PATTERNS: tuple[tuple[re.Pattern[str], RequestType], ...] = (
    (re.compile(r"\b(document|informacion|copia)"), RequestType.DOCUMENTOS),
    (re.compile(r"\bconsult"), RequestType.CONSULTA),
    (re.compile(r"\bqueja"), RequestType.QUEJA),
    (re.compile(r"\breclam"), RequestType.RECLAMO),
    (re.compile(r"\bsugerenc"), RequestType.SUGERENCIA),
    (re.compile(r"\b(felicit|agradec)"), RequestType.FELICITACION),
    (re.compile(r"\b(peticion|solicitud)"), RequestType.PETICION),
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def classify_request_type(text: str | None) -> RequestType | None:
    """Map a free CRM text ("PQR - Queja", "Solicitud de información", ...) to a type.

    Accents and case are ignored. Returns None when nothing is recognised (a bare
    "PQRS" included): the deadline rules then treat it as a general petición.
    """
    if not text:
        return None
    folded = _fold(text)
    for pattern, request_type in _TYPE_PATTERNS:
        if pattern.search(folded):
            return request_type
    return None


@dataclass(frozen=True)
class LegalDeadline:
    """The legal deadline of a request: ``days`` business days, ending on ``due_date``."""

    request_type: RequestType | None
    days: int
    due_date: date
    label: str

    def is_met(self, answered: datetime | date | None) -> bool | None:
        """Met when answered on or before the due date; None when not answered."""
        if answered is None:
            return None
        answered_day = answered.date() if isinstance(answered, datetime) else answered
        return answered_day <= self.due_date


def add_business_days(start: date, days: int, calendar: WorkingCalendar) -> date:
    """The ``days``-th legal business day after ``start`` (``start`` itself never counts)."""
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if calendar.is_legal_business_day(day):
            counted += 1
    return day


def legal_deadline(
    received: datetime | date,
    request_type: RequestType | str | None,
    calendar: WorkingCalendar | None = None,
) -> LegalDeadline:
    """Legal deadline for a request received on ``received``.

    ``request_type`` may be a ``RequestType``, its value, free CRM text or None; anything
    unrecognised gets the general petición term (15 business days).
    """
    kind = request_type if isinstance(request_type, RequestType) else None
    if kind is None and request_type is not None:
        kind = classify_request_type(str(request_type))
    days, name = _LEGAL_DAYS[kind]
    received_day = received.date() if isinstance(received, datetime) else received
    due = add_business_days(received_day, days, calendar or WorkingCalendar())
    return LegalDeadline(
        request_type=kind,
        days=days,
        due_date=due,
        label=f"{name}: {counted(days, 'día hábil', 'días hábiles')}",
    )


# ---------------------------------------------------------------------------
# Everything together, as the evaluation form shows it


@dataclass(frozen=True)
class TimelinessResult:
    """Timeliness of one record: the hour rule and the legal deadline.

    ``hours``/``within`` are None when the record has no answer date.
    """

    hours: float | None
    limit_hours: Decimal
    clock: Clock
    within: bool | None
    legal: LegalDeadline
    legal_met: bool | None
    # The export gave the answer's day without its hour: ``hours`` is None, and
    # ``within`` is known only where the day alone decides it (see `within_by_day`).
    answered_day_only: bool = False

    @property
    def due_date(self) -> date:
        return self.legal.due_date


def evaluate_timeliness(
    received: datetime,
    answered: datetime | None,
    request_type: RequestType | str | None,
    *,
    limit_hours: float | Decimal = 24,
    clock: Clock | str = Clock.CALENDAR,
    calendar: WorkingCalendar | None = None,
    answered_day_only: bool = False,
) -> TimelinessResult:
    """Hours to answer against ``limit_hours`` and the legal deadline, in one result.

    ``answered_day_only``: ``answered`` holds only the answer's day (its hour is not
    known), so the hours are not computed and the limit is judged by `within_by_day`.
    """
    calendar = calendar or WorkingCalendar()
    deadline = legal_deadline(received, request_type, calendar)
    if answered is not None and answered_day_only:
        hours = None
        within = within_by_day(received, answered.date(), limit_hours, clock, calendar)
    else:
        hours = None if answered is None else hours_to_answer(received, answered, clock, calendar)
        within = None if hours is None else is_within(hours, limit_hours)
    return TimelinessResult(
        hours=hours,
        limit_hours=Decimal(str(limit_hours)),
        clock=Clock(clock),
        within=within,
        legal=deadline,
        legal_met=deadline.is_met(answered),
        answered_day_only=answered is not None and answered_day_only,
    )


def within_by_day(
    received: datetime,
    answered_day: date,
    limit_hours: float | Decimal,
    clock: Clock | str = Clock.CALENDAR,
    calendar: WorkingCalendar | None = None,
) -> bool | None:
    """Whether an answer known only by its day came within ``limit_hours``: True when even
    the day's last moment is within, False when even its first moment (or the receipt, if
    later that day) is past the limit, None when only the hour could tell."""
    if answered_day < received.date():
        raise TimelinessError(
            f"La fecha de respuesta ({answered_day:%d/%m/%Y}) es anterior a la fecha "
            f"de ingreso ({received:%d/%m/%Y %H:%M})."
        )
    earliest = max(received, datetime.combine(answered_day, time.min))
    latest = datetime.combine(answered_day, time.max)
    if is_within(hours_to_answer(received, latest, clock, calendar), limit_hours):
        return True
    if not is_within(hours_to_answer(received, earliest, clock, calendar), limit_hours):
        return False
    return None


def holidays_between(first: date, last: date, calendar: WorkingCalendar) -> Iterator[date]:
    """Holidays in ``[first, last]``, for showing why a deadline moved."""
    day = first
    while day <= last:
        if calendar.is_holiday(day):
            yield day
        day += timedelta(days=1)
