"""The input of the monthly report (``reporting.data.MonthlyReportData``) read from the
database: one channel and provider, the month, its trend over twelve months and the year
to date, from the approved audits' evaluated records (``services.scored_records``).
Nothing depends on the clock, so the same database always gives the same report bytes.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from auditoria_calidad.domain.audit_states import NOT_APPROVED
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import ROLE_LABELS
from auditoria_calidad.domain.scheme import ScoringScheme, load_default_scheme
from auditoria_calidad.domain.scoring import Indicators, compute_indicators
from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.data import (
    MonthlyAuditRow,
    MonthlyReportData,
    PeriodFigures,
    Signatory,
)
from auditoria_calidad.reporting.from_domain import audit_indicators, scheme_summary
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import STATE_LABELS, audit_counts
from auditoria_calidad.services.calibration_trend import calibrations_of
from auditoria_calidad.services.report_letterhead import letterhead
from auditoria_calidad.services.schemes import scheme_of
from auditoria_calidad.services.scored_records import ScoredRecord, scored_records
from auditoria_calidad.services.screening_report import screening_figures
from auditoria_calidad.storage.models import Audit, Provider
from auditoria_calidad.storage.models import ScoringScheme as SchemeRow
from auditoria_calidad.storage.queries.reports import (
    count_received_records,
    current_scheme_of_channel,
    provider_audits_overlapping,
)

__all__ = ["MonthKey", "audit_month", "monthly_analysis", "monthly_report_data"]

MonthKey = tuple[int, int]  # (year, month)


def _shift(key: MonthKey, months: int) -> MonthKey:
    index = key[0] * 12 + key[1] - 1 + months
    return index // 12, index % 12 + 1


def _first_day(key: MonthKey) -> date:
    return date(key[0], key[1], 1)


def _last_day(key: MonthKey) -> date:
    return _first_day(_shift(key, 1)) - timedelta(days=1)


def audit_month(audit: Audit) -> MonthKey:
    """The month an audit counts in: the one holding the middle day of its period, so a
    week across two months counts once, where most of it lies."""
    middle = audit.period_start + (audit.period_end - audit.period_start) / 2
    return middle.year, middle.month


@dataclass
class _MonthAudit:
    audit: Audit
    month: MonthKey
    scheme: ScoringScheme
    items: list[ScoredRecord]


@dataclass
class _Figures:
    period: PeriodFigures
    indicators: Indicators
    issues_by_agent: Counter[str]


def _received(
    session: Session, channel: Channel, provider_id: int, first: MonthKey, last: MonthKey
) -> int:
    return count_received_records(session, channel, provider_id, _first_day(first), _last_day(last))


def _figures(
    label: str,
    received: int,
    audits: list[_MonthAudit],
    scheme: ScoringScheme,
    target: Decimal,
) -> _Figures:
    items = [i for a in audits for i in a.items]
    result = compute_indicators([i.outcome for i in items], scheme, target)
    issues: Counter[str] = Counter()
    for item in items:
        issues[unicodedata.normalize("NFC", item.agent)] += len(item.failed)
    overall = result.overall
    return _Figures(
        PeriodFigures(
            label=label,
            received=received,
            audited=len(items),
            audit_score=overall.audit_score.value,
            within_limit_pct=overall.within_limit_pct.value,
            legal_met_pct=overall.legal_met_pct.value,
            inconsistencies=sum(issues.values()),
            audits=sum(1 for a in audits if a.items),
            criteria_pct={k: f.value for k, f in overall.criteria_pct.items()},
        ),
        result,
        issues,
    )


def _reference_scheme(
    session: Session, channel: Channel, month: list[_MonthAudit], window: list[_MonthAudit]
) -> ScoringScheme:
    """The scheme whose criteria the report lists: the month's latest audit's version."""
    for group in (month, window):
        if group:
            return group[-1].scheme
    row = current_scheme_of_channel(session, channel)
    return scheme_of(row) if row is not None else load_default_scheme(channel)


def _direction(delta: Decimal) -> str:
    if delta > 0:
        return f"sube {fmt.decimal(delta, 1)} puntos"
    if delta < 0:
        return f"baja {fmt.decimal(-delta, 1)} puntos"
    return "se mantiene igual"


def monthly_analysis(
    month_label: str,
    channel: Channel,
    figures: _Figures,
    previous: PeriodFigures | None,
    scheme: ScoringScheme,
    target: Decimal,
    pending: int = 0,
) -> str:
    """The analysis paragraphs, written from the figures (the office can add its own).

    The figures count only approved (or later) audits; ``pending`` audits of the month not
    yet approved are only mentioned."""
    period = figures.period
    waiting = (
        f" {fmt.plural(pending, 'auditoría', 'auditorías')} del mes "
        + ("sigue pendiente" if pending == 1 else "siguen pendientes")
        + " de aprobación y no se cuenta"
        + ("" if pending == 1 else "n")
        + " en las cifras; se lista"
        + ("" if pending == 1 else "n")
        + " aparte."
        if pending
        else ""
    )
    if not period.audited:
        return (
            f"En {month_label} se recibieron {fmt.plural(period.received, 'registro', 'registros')}"
            f" del canal {channel.label} y no hay auditorías aprobadas con registros evaluados "
            "en el mes, por lo que no se calculan indicadores de calidad." + waiting
        )
    score = period.audit_score
    lines = [
        f"En {month_label} se recibieron {fmt.plural(period.received, 'registro', 'registros')}"
        f" del canal {channel.label} y se auditaron {fmt.count(period.audited)} "
        f"({fmt.percent(period.sample_pct)}) en "
        f"{fmt.plural(period.audits, 'auditoría', 'auditorías')}."
    ]
    if score is not None:
        gap = score - target
        verdict = (
            "cumple la meta"
            if gap >= 0
            else f"queda {fmt.decimal(-gap, 1)} puntos por debajo de la meta"
        )
        text = (
            f"La calificación del mes es {fmt.decimal(score, 1)} frente a una meta de "
            f"{fmt.decimal(target, 1)}: {verdict}."
        )
        if previous is not None and previous.audit_score is not None:
            text += (
                f" Frente a {previous.label} ({fmt.decimal(previous.audit_score, 1)}) "
                f"{_direction(score - previous.audit_score)}."
            )
        lines[0] += " " + text
    if period.sample_pct is not None and period.sample_pct < 50:
        lines[0] += (
            " El porcentaje auditado es inferior al 50 % de los registros recibidos que "
            "exige el numeral 4 del procedimiento M5-1-01 para el mes completo."
        )
    criteria = [
        (c.label, period.criteria_pct.get(c.key))
        for c in scheme.criteria
        if period.criteria_pct.get(c.key) is not None
    ]
    if criteria:
        label, worst = min(criteria, key=lambda c: (c[1], c[0]))
        text = f"El criterio con menor cumplimiento es «{label}» ({fmt.percent(worst)})."
        if period.within_limit_pct is not None:
            text += (
                f" El {fmt.percent(period.within_limit_pct)} de las respuestas evaluadas se dio "
                f"dentro del plazo de {fmt.decimal(scheme.thresholds.hours_allowed, 0)} horas."
            )
        lines.append(text)
    agents = figures.indicators.by_agent
    below = sorted(
        (s.audit_score.value, name)
        for name, s in agents.items()
        if s.audit_score.value is not None and s.audit_score.value < target
    )
    if agents:
        if below:
            names = ", ".join(f"{name} ({fmt.decimal(value, 1)})" for value, name in below[:3])
            lines.append(
                f"{fmt.count(len(below))} de {fmt.plural(len(agents), 'agente', 'agentes')} "
                + (
                    f"queda por debajo de la meta; es {names}."
                    if len(below) == 1
                    else f"quedan por debajo de la meta; los de menor calificación son {names}."
                )
            )
        else:
            lines.append("Todos los agentes evaluados cumplen la meta.")
    if waiting:
        lines.append(waiting.strip())
    return "\n\n".join(lines)


def _pending_rows(session: Session, waiting: list[Audit]) -> tuple[MonthlyAuditRow, ...]:
    """The month's audits not yet approved, with how far their evaluation has gone."""
    counts = audit_counts(session, [a.id for a in waiting])
    return tuple(
        MonthlyAuditRow(
            a.number,
            a.period_start,
            a.period_end,
            counts[a.id].evaluated,
            None,
            STATE_LABELS[a.state],
            sampled=counts[a.id].sampled,
        )
        for a in waiting
    )


def monthly_report_data(
    session: Session, actor: Actor, key: MonthKey, channel: Channel, provider: Provider
) -> MonthlyReportData:
    """The monthly report's data for one channel and provider.

    Only approved (or later) audits count in the figures, the trend and the year to date;
    the month's audits not yet approved are listed apart with their progress.
    """
    months = [_shift(key, -offset) for offset in range(11, -1, -1)]  # oldest first
    window_start, window_end = _first_day(months[0]), _last_day(key)
    candidates = provider_audits_overlapping(
        session, channel, provider.id, window_end, window_start - timedelta(days=31)
    )
    schemes: dict[int, ScoringScheme] = {}
    window: list[_MonthAudit] = []
    waiting: list[Audit] = []
    for audit in candidates:
        month = audit_month(audit)
        if not months[0] <= month <= key:
            continue
        if audit.state.value in NOT_APPROVED:
            if month == key:
                waiting.append(audit)
            continue
        if audit.scheme_id not in schemes:
            row = session.get(SchemeRow, audit.scheme_id)
            assert row is not None
            schemes[audit.scheme_id] = scheme_of(row)
        scheme = schemes[audit.scheme_id]
        window.append(_MonthAudit(audit, month, scheme, scored_records(session, audit, scheme)))
    in_month = [a for a in window if a.month == key]
    scheme = _reference_scheme(session, channel, in_month, window)
    target = in_month[-1].audit.target_score if in_month else provider.target_score

    trend: list[PeriodFigures] = []
    for month in months:
        figures = _figures(
            fmt.short_month(*month),
            _received(session, channel, provider.id, month, month),
            [a for a in window if a.month == month],
            scheme,
            target,
        )
        if trend or figures.period.received or figures.period.audited or month == key:
            trend.append(figures.period)  # leading months without any data are left out
    this_month = _figures(
        fmt.short_month(*key),
        trend[-1].received,
        in_month,
        scheme,
        target,
    )
    ytd = _figures(
        f"Acumulado {key[0]}",
        _received(session, channel, provider.id, (key[0], 1), key),
        [a for a in window if a.month[0] == key[0]],
        scheme,
        target,
    )
    agents = audit_indicators(
        this_month.indicators, scheme, inconsistencies_by_agent=this_month.issues_by_agent
    ).by_agent
    moments = [i.evaluation.reviewed_at for a in in_month for i in a.items]
    moments += [a.audit.approved_at for a in in_month if a.audit.approved_at is not None]
    issued = max(moments) if moments else datetime.combine(_last_day(key), time())
    month_label = fmt.month_name(*key)
    previous = trend[-2] if len(trend) > 1 else None
    preparer = Signatory(
        "Elaborado por", actor.display_name, ROLE_LABELS[actor.role], issued.date()
    )
    return MonthlyReportData(
        letterhead=letterhead(session, "monthly_report_code"),
        report_number=f"IM-{key[0]}-{key[1]:02d}-{channel.value[0].upper()}-{provider.id:03d}",
        report_date=issued.date(),
        year=key[0],
        month=key[1],
        channel=channel,
        provider=provider.name,
        prepared_by=actor.display_name,
        target_score=target,
        criteria=scheme_summary(scheme).criteria,
        month_figures=this_month.period,
        year_to_date=ytd.period,
        trend=tuple(trend),
        by_agent=agents,
        audits=tuple(
            MonthlyAuditRow(
                a.audit.number,
                a.audit.period_start,
                a.audit.period_end,
                len(a.items),
                compute_indicators(
                    [i.outcome for i in a.items], a.scheme, a.audit.target_score
                ).overall.audit_score.value,
                STATE_LABELS[a.audit.state],
            )
            for a in in_month
        ),
        pending=_pending_rows(session, waiting),
        analysis=monthly_analysis(
            month_label, channel, this_month, previous, scheme, target, len(waiting)
        ),
        signatories=(preparer, Signatory("Revisado por"), Signatory("Aprobado por")),
        issued_at=issued,
        # Calibration measures the evaluators, not the provider: sessions on any audit of
        # the month count, approved or not.
        calibrations=calibrations_of(session, [a.audit for a in in_month] + list(waiting)),
        # The screening is of whole populations, judged by no one: every audit of the
        # month counts, approved or not.
        screening=screening_figures(
            session,
            [(a.audit, a.scheme) for a in in_month] + [(w, scheme_of(w.scheme)) for w in waiting],
        ),
    )
