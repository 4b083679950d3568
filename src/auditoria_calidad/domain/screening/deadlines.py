"""``plazo_24h``, ``plazo_legal``, ``espera`` and ``no_registrado_crm``: what the record's
dates and CRM fields already say (the rules themselves live in domain/timeliness.py and in
the scheme; the screening only puts them beside the other alerts)."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.screening.alerts import (
    ESPERA,
    NO_CUMPLE,
    NO_REGISTRADO_CRM,
    PLAZO_24H,
    PLAZO_LEGAL,
    Alert,
    criterion_for,
    decimal_es,
)
from auditoria_calidad.domain.screening.inputs import ScreeningInput, ScreeningSettings
from auditoria_calidad.domain.timeliness import (
    LegalDeadline,
    WorkingCalendar,
    hours_to_answer,
    is_within,
    legal_deadline,
    within_by_day,
)


@lru_cache(maxsize=4096)
def _deadline(received: date, request_type: str | None, calendar: WorkingCalendar) -> LegalDeadline:
    return legal_deadline(received, request_type, calendar)


def _hours_text(hours: float) -> str:
    return f"{decimal_es(hours)} horas"


def deadline_alerts(record: ScreeningInput, settings: ScreeningSettings) -> list[Alert]:
    """Lateness of a written answer against the scheme's hours and the legal deadline."""
    if record.channel is not Channel.VIRTUAL or record.received_at is None:
        return []
    criterion = criterion_for(PLAZO_24H, record.channel)
    received, answered = record.received_at, record.answered_at
    limit = settings.hours_allowed
    if answered is None:
        return [
            Alert(
                PLAZO_24H,
                criterion,
                f"Sin fecha de respuesta: no se puede verificar el plazo de {decimal_es(float(limit), 0)} horas.",
            )
        ]
    alerts: list[Alert] = []
    if record.answered_day_only and answered.date() >= received.date():
        alerts.extend(_day_only_alerts(record, settings))
    elif answered < received:
        return [
            Alert(
                PLAZO_24H,
                criterion,
                f"La fecha de respuesta ({answered:%d/%m/%Y %H:%M}) es anterior a la de ingreso "
                f"({received:%d/%m/%Y %H:%M}): revise los datos del registro.",
            )
        ]
    else:
        alerts.extend(_hour_alerts(received, answered, settings, criterion))
    deadline = _deadline(received.date(), record.request_type, settings.calendar)
    if not deadline.is_met(answered):
        alerts.append(
            Alert(
                PLAZO_LEGAL,
                criterion_for(PLAZO_LEGAL, record.channel),
                f"Respondida el {answered:%d/%m/%Y}; el término legal ({deadline.label}, Ley "
                f"1755 de 2015) venció el {deadline.due_date:%d/%m/%Y}.",
                proposed=NO_CUMPLE,
            )
        )
    return alerts


def _hour_alerts(
    received: datetime, answered: datetime, settings: ScreeningSettings, criterion: str
) -> list[Alert]:
    limit = settings.hours_allowed
    hours = hours_to_answer(received, answered, settings.clock, settings.calendar)
    alerts: list[Alert] = []
    if not is_within(hours, limit):
        alerts.append(
            Alert(
                PLAZO_24H,
                criterion,
                f"Respondida en {_hours_text(hours)} ({settings.clock.label.lower()}); el límite "
                f"es {decimal_es(float(limit), 0)} horas.",
                proposed=NO_CUMPLE,
            )
        )
    return alerts


def _day_only_alerts(record: ScreeningInput, settings: ScreeningSettings) -> list[Alert]:
    """The hour rule for an answer whose export gave its day only: late only when even
    the day's first moment is past the limit; undecided when only the hour could tell."""
    assert record.received_at is not None and record.answered_at is not None
    limit = settings.hours_allowed
    within = within_by_day(
        record.received_at, record.answered_at.date(), limit, settings.clock, settings.calendar
    )
    criterion = criterion_for(PLAZO_24H, record.channel)
    if within is False:
        return [
            Alert(
                PLAZO_24H,
                criterion,
                f"Respondida el {record.answered_at:%d/%m/%Y} (la exportación no trae la hora): "
                f"aun a primera hora de ese día se pasa de {decimal_es(float(limit), 0)} horas.",
                proposed=NO_CUMPLE,
            )
        ]
    if within is None:
        return [
            Alert(
                PLAZO_24H,
                criterion,
                f"Respondida el {record.answered_at:%d/%m/%Y}, sin la hora: verifique a mano el "
                f"plazo de {decimal_es(float(limit), 0)} horas.",
            )
        ]
    return []


def chat_alerts(record: ScreeningInput, settings: ScreeningSettings) -> list[Alert]:
    """A chat's wait over the scheme's limit, and a chat not registered in the CRM."""
    if record.channel is not Channel.CHAT:
        return []
    alerts: list[Alert] = []
    limit = settings.chat_wait_limit_seconds
    if record.wait_seconds is not None and record.wait_seconds > limit:
        alerts.append(
            Alert(
                ESPERA,
                criterion_for(ESPERA, record.channel),
                f"El usuario esperó {record.wait_seconds} segundos; el límite es {limit} segundos.",
                proposed=NO_CUMPLE,
            )
        )
    if record.registered_in_crm is False:
        alerts.append(
            Alert(
                NO_REGISTRADO_CRM,
                criterion_for(NO_REGISTRADO_CRM, record.channel),
                "El chat figura como no registrado en el CRM.",
                proposed=NO_CUMPLE,
            )
        )
    return alerts
