"""A scheme's definition as the fields a person compares: each criterion's weight, the
thresholds and the working calendar, in Spanish.

Used to show a refused scheme edit side by side with the version saved meanwhile: the
stored version (`services.schemes.scheme_conflict`) and the user's edit (the window) are
written the same way, so equal values read equal. Works on plain definitions (as stored,
or as a form edits them, even when not valid yet).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from auditoria_calidad.domain.timeliness import Clock

__all__ = ["CALENDAR_LABELS", "scheme_fields"]

WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
HOURS = "Horas para responder"
CLOCK = "Forma de contar las horas"
DAYS = "Días hábiles"
WORKING_HOURS = "Jornada"
DAYS_OFF = "Otros días no hábiles"
CALENDAR_LABELS = (DAYS, WORKING_HOURS, CLOCK, DAYS_OFF)


def _number(value: Any) -> str:
    return str(value).replace(".", ",")


def _weekdays(days: list[int]) -> str:
    if not days:
        return "Ninguno"
    if days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        return f"{WEEKDAYS[days[0] - 1]} a {WEEKDAYS[days[-1] - 1]}".capitalize()
    return ", ".join(WEEKDAYS[d - 1] for d in days if 1 <= d <= 7).capitalize()


def _days_off(days: list[Any]) -> str:
    shown = []
    for day in days:
        try:
            shown.append(date.fromisoformat(str(day)).strftime("%d/%m/%Y"))
        except ValueError:
            shown.append(str(day))
    return ", ".join(shown) or "Ninguno"


def _clock(value: Any) -> str:
    try:
        return Clock(str(value)).label
    except ValueError:
        return str(value)


def scheme_fields(definition: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """(label, value) of every criterion, then the thresholds and the calendar."""
    fields: list[tuple[str, str]] = []
    for criterion in definition.get("criteria", []):
        weight = f"peso {_number(criterion.get('weight', 0))}"
        fields.append(
            (
                str(criterion.get("label", "")),
                weight + (" · crítico" if criterion.get("critical") else ""),
            )
        )
    thresholds = definition.get("thresholds", {})
    calendar = thresholds.get("calendar", {})
    fields += [
        (HOURS, f"{_number(thresholds.get('hours_allowed', ''))} h"),
        (CLOCK, _clock(thresholds.get("clock", ""))),
        ("Espera máxima del chat", f"{thresholds.get('chat_wait_limit_seconds', '')} s"),
        ("Máximo de veces en CRM", str(thresholds.get("max_crm_registrations", ""))),
        ("Meta del proveedor", f"{_number(thresholds.get('target_score', ''))} %"),
        (DAYS, _weekdays(sorted(int(d) for d in calendar.get("weekdays", [])))),
        (WORKING_HOURS, f"{calendar.get('start', '')}–{calendar.get('end', '')}"),
        (DAYS_OFF, _days_off(list(calendar.get("extra_holidays", [])))),
    ]
    return tuple(fields)
