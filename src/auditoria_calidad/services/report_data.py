"""The input of the audit report (``reporting.data.AuditReportData``) read from the database.

Everything the report prints comes from the audit's own rows: its scheme version, its
frozen population and sample, the complete evaluations of the records still in the sample
(scored again with ``services.indicators.record_outcome``, the one place that scores a
stored evaluation), the office settings and the people who made and approved it. Nothing
depends on the clock, so the same database always gives the same report bytes.
"""

from __future__ import annotations

import base64
import binascii
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditoria_calidad.domain.audit_states import NOT_APPROVED
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.identity import shown_identity
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.roles import ROLE_LABELS, Permission
from auditoria_calidad.domain.scheme import (
    ComputedSource,
    CriterionKind,
    ScoringScheme,
    load_default_scheme,
)
from auditoria_calidad.domain.scoring import Indicators, RecordOutcome, compute_indicators
from auditoria_calidad.domain.timeliness import TimelinessResult
from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.data import (
    AuditReportData,
    EvaluatedRecord,
    Inconsistency,
    LegalDeadlineRow,
    Letterhead,
    MonthlyAuditRow,
    MonthlyReportData,
    PeriodFigures,
    Signatory,
    StratumRow,
)
from auditoria_calidad.reporting.from_domain import audit_indicators, scheme_summary
from auditoria_calidad.services import indicators
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import LOCKED_STATES, STATE_LABELS, audit_counts, in_scope
from auditoria_calidad.services.calibration_trend import calibrations_of
from auditoria_calidad.services.office_settings import PAPER_SIZES, SETTINGS
from auditoria_calidad.services.sample import plan_in_session
from auditoria_calidad.services.schemes import scheme_of
from auditoria_calidad.services.screening_report import record_alerts, screening_figures
from auditoria_calidad.storage.models import (
    Agent,
    Audit,
    AuditState,
    Evaluation,
    Finding,
    Provider,
    Record,
    SampleItem,
    SampleOrigin,
    Setting,
    User,
)
from auditoria_calidad.storage.models import ScoringScheme as SchemeRow

__all__ = [
    "MonthKey",
    "ScoredRecord",
    "audit_month",
    "audit_report_data",
    "computed_fact",
    "fraction_text",
    "inconsistency_observation",
    "issue_moment",
    "letterhead",
    "monthly_analysis",
    "monthly_report_data",
    "numbered_failures",
    "sampling_paragraphs",
    "scored_records",
    "user_signatory",
]

_VERDICT_LABELS = {1: "Cumple", 0: "No cumple"}


# --- Shared pieces -----------------------------------------------------------------------


def letterhead(session: Session, document: str | None = None) -> Letterhead:
    """Entity, office, logo, paper size and, for ``document`` (the key of its code setting,
    e.g. "audit_report_code"), its code and version, from the office settings (defaults
    where none is stored)."""
    stored = {s.key: s.value for s in session.scalars(select(Setting))}
    values = {spec.key: stored.get(spec.key, spec.default) for spec in SETTINGS}
    logo: bytes | None = None
    encoded = str(values.get("logo_png_base64") or "").strip()
    if encoded:
        try:
            logo = base64.b64decode(encoded, validate=True) or None
        except (binascii.Error, ValueError):
            logo = None  # a damaged logo must not stop a report: it is printed without
    paper = str(values.get("paper_size") or "carta")
    return Letterhead(
        str(values["entity_name"]),
        str(values["office_name"]),
        logo,
        paper=paper if paper in PAPER_SIZES else "carta",
        document_code=str(values.get(document, "") or "") if document else "",
    )


def user_signatory(
    session: Session, role: str, user_id: int | None, signed_on: date | None = None
) -> Signatory:
    """A signature block for a user: full name and, as position, the role in the app."""
    user = session.get(User, user_id) if user_id else None
    if user is None:
        return Signatory(role, signed_on=signed_on)
    return Signatory(
        role, user.full_name or user.username, ROLE_LABELS[user.role], signed_on=signed_on
    )


def fraction_text(value: Decimal) -> str:
    """0,5 / 0,65 / 1: the fraction with the decimals it has, with a decimal comma."""
    exponent = value.normalize().as_tuple().exponent
    return fmt.decimal(value, max(0, -exponent) if isinstance(exponent, int) else 3)


def sampling_paragraphs(seed: int | None, fraction: Decimal | None) -> str:
    """How the sample was drawn (docs/sampling.md), with this audit's seed and fraction."""
    if seed is None:
        return (
            "La muestra de esta auditoría todavía no se ha sorteado. Cuando se sortee, se "
            "describirá aquí el procedimiento con su semilla."
        )
    f_text = fraction_text(fraction if fraction is not None else Decimal("0.5"))
    example = f"{seed}:Ana:R-1"
    return "\n\n".join(
        (
            "Muestreo aleatorio estratificado por agente, con semilla registrada. El numeral 4 "
            "del procedimiento M5-1-01 exige revisar como mínimo el 50 % de los registros; "
            "cada agente (funcionario responsable) es un estrato, de modo que todos quedan "
            "auditados.",
            f"1. Los nombres de los agentes y las claves de los registros (radicado o "
            f"identificador del chat) se normalizan a Unicode NFC y los registros se agrupan "
            f"por agente. 2. En cada estrato de n registros se toman k = ⌈f × n⌉, con "
            f"f = {f_text}, calculado con aritmética exacta. 3. La prioridad de cada registro "
            f"es el resumen SHA-256, en hexadecimal y minúsculas, del texto "
            f"«semilla:agente:clave» codificado en UTF-8; con la semilla {seed}, el registro "
            f"R-1 de la agente Ana tendría la prioridad SHA-256 de «{example}». 4. Los "
            f"registros de cada estrato se ordenan por prioridad, como texto, y se toman los "
            f"k primeros.",
            "Un registro retirado de la muestra se reemplaza por el siguiente del mismo "
            "estrato en ese orden. Si la población crece después del sorteo, cada estrato se "
            "completa hasta ⌈f × n⌉ con sus registros que no están en la muestra, en el mismo "
            "orden. Los registros que el auditor agrega a mano se cuentan aparte, en la "
            "columna «Manuales».",
            f"Con la población, la semilla ({seed}) y la fracción ({f_text}) cualquiera puede "
            f"recalcular la muestra y verificar que el auditor no escogió los registros, por "
            f"ejemplo en una terminal: printf '%s' '{example}' | sha256sum.",
        )
    )


# --- Evaluated records -------------------------------------------------------------------


@dataclass(frozen=True)
class ScoredRecord:
    """An evaluated record of an audit, scored with the audit's scheme version."""

    key: str
    agent: str
    record: Record
    evaluation: Evaluation
    manual: bool
    outcome: RecordOutcome
    timeliness: TimelinessResult | None

    @property
    def failed(self) -> tuple[str, ...]:
        """Criteria that earned nothing: each is an inconsistency for the provider."""
        return tuple(k for k, credit in self.outcome.credits.items() if credit == 0)


def scored_records(session: Session, audit: Audit, scheme: ScoringScheme) -> list[ScoredRecord]:
    """Complete evaluations of the records still in the sample, by date of receipt.

    The same records ``services.indicators`` counts, scored by the same function, so the
    report never disagrees with the audit's screen.
    """
    rows = session.execute(
        select(Evaluation, Record, Agent.name, SampleItem.origin)
        .join(SampleItem, SampleItem.id == Evaluation.sample_item_id)
        .join(Record, Record.id == SampleItem.record_id)
        .join(Agent, Agent.id == Record.agent_id)
        .where(
            SampleItem.audit_id == audit.id,
            SampleItem.removed_at.is_(None),
            Evaluation.complete.is_(True),
        )
        .order_by(Record.received_at, Record.key)
    ).all()
    scored = []
    for evaluation, record, agent, origin in rows:
        stored = indicators.EvaluatedRecord(
            agent,
            record.received_at,
            record.answered_at,
            record.request_type,
            record.wait_seconds,
            record.registered_in_crm,
            record.crm_registrations,
            dict(evaluation.answers or {}),
            evaluation.spelling_level,
            evaluation.score,
            evaluation.score_without_critical,
        )
        timeliness = None
        outcome = indicators.record_outcome(scheme, stored)
        if record.channel is Channel.VIRTUAL:
            timeliness = indicators.record_timeliness(
                scheme, record.received_at, record.answered_at, record.request_type
            )
        scored.append(
            ScoredRecord(
                record.key,
                agent,
                record,
                evaluation,
                origin is SampleOrigin.MANUAL,
                outcome,
                timeliness,
            )
        )
    return scored


def _verdicts(scheme: ScoringScheme, item: ScoredRecord) -> dict[str, str]:
    answers: dict[str, Any] = dict(item.evaluation.answers or {})
    verdicts = {}
    for criterion in scheme.criteria:
        if criterion.kind is CriterionKind.LEVEL:
            level = criterion.level(str(answers.get(criterion.key)))
            verdicts[criterion.key] = level.label if level else "N.A."
            continue
        credit = item.outcome.credits.get(criterion.key)
        verdicts[criterion.key] = "N.A." if credit is None else _VERDICT_LABELS[int(credit)]
    return verdicts


def computed_fact(scheme: ScoringScheme, key: str, item: ScoredRecord) -> str | None:
    """Why a computed criterion failed, from the record's data (None: not computed here)."""
    criterion = scheme.criterion(key)
    if criterion.kind is not CriterionKind.COMPUTED or key in (item.evaluation.answers or {}):
        return None  # judged by the auditor, or set by hand: the auditor's words explain it
    t, record = scheme.thresholds, item.record
    if criterion.source is ComputedSource.TIMELINESS:
        hours = None if item.timeliness is None else item.timeliness.hours
        limit = f"{fmt.decimal(t.hours_allowed, 0)} horas ({t.clock.label.lower()})"
        if hours is None:
            return f"No se pudo verificar la respuesta dentro de {limit}."
        return f"Respondida en {fmt.decimal(hours, 1)} horas; el límite es {limit}."
    if criterion.source is ComputedSource.CRM_REGISTRATIONS:
        times = record.crm_registrations or 0
        if times < 1:
            return "El caso no quedó registrado en el CRM."
        allowed = "una vez" if t.max_crm_registrations == 1 else f"hasta {t.max_crm_registrations}"
        return (
            f"El caso quedó registrado {counted(times, 'vez', 'veces')} en el CRM; "
            f"se admite {allowed}."
        )
    if criterion.source is ComputedSource.WAIT_TIME:
        return (
            f"El usuario esperó {fmt.seconds(record.wait_seconds)}; el máximo es "
            f"{fmt.seconds(t.chat_wait_limit_seconds)}."
        )
    if criterion.source is ComputedSource.REGISTERED_IN_CRM:
        return "El chat no quedó registrado en el CRM."
    return None


def inconsistency_observation(scheme: ScoringScheme, key: str, item: ScoredRecord) -> str:
    """The observation printed for one failed criterion: for a computed one, the fact that
    failed it; for a judged one, the auditor's general observations of the record."""
    return computed_fact(scheme, key, item) or (item.evaluation.observations or "")


def numbered_failures(
    scheme: ScoringScheme, items: list[ScoredRecord]
) -> list[tuple[int, ScoredRecord, str]]:
    """Every failed criterion of ``items`` with its number in the audit: 1, 2, … ordered by
    record key (radicado or chat id), then by the criterion's place in the scheme.

    The one definition of an inconsistency's number: findings store it at approval, and
    the report, the findings workbook, the acta and every list show that stored number.
    """
    order = {c.key: index for index, c in enumerate(scheme.criteria)}
    failures = [
        (unicodedata.normalize("NFC", item.key), order.get(key, len(order)), key, item)
        for item in items
        for key in item.failed
    ]
    failures.sort(key=lambda f: (f[0], f[1], f[2]))
    return [(number, item, key) for number, (*_, key, item) in enumerate(failures, start=1)]


def stored_finding_numbers(session: Session, audit: Audit) -> dict[tuple[int, str], int]:
    """(record id, criterion key) → the number stored on the audit's findings."""
    rows = session.execute(
        select(Finding.record_id, Finding.criterion_key, Finding.number).where(
            Finding.audit_id == audit.id, Finding.number.is_not(None)
        )
    ).all()
    return {(record_id, key): number for record_id, key, number in rows if number is not None}


def _hours(timeliness: TimelinessResult | None) -> Decimal | None:
    if timeliness is None or timeliness.hours is None:
        return None
    return Decimal(str(round(timeliness.hours, 2)))


def _report_record(scheme: ScoringScheme, item: ScoredRecord, show_full: bool) -> EvaluatedRecord:
    record, evaluation = item.record, item.evaluation
    verdicts = _verdicts(scheme, item)
    spelling = scheme.thresholds.spelling_criterion
    timeliness = item.timeliness
    return EvaluatedRecord(
        key=record.key,
        agent=item.agent,
        received_at=record.received_at,
        identity_number=shown_identity(record.identity_number, show_full) or None,
        answered_at=record.answered_at,
        hours_to_answer=_hours(timeliness),
        within_limit=None if timeliness is None else timeliness.within,
        crm_registrations=record.crm_registrations,
        request_text=record.request_text,
        answer_text=record.answer_text,
        wait_seconds=record.wait_seconds,
        registered_in_crm=record.registered_in_crm,
        verdicts=verdicts,
        spelling_level=verdicts.get(spelling) if spelling else None,
        reviewed_at=evaluation.reviewed_at,
        observations=evaluation.observations or "",
        score=item.outcome.score,
        request_type=record.request_type,
        legal_deadline_met=None if timeliness is None else timeliness.legal_met,
        manual=item.manual,
    )


def _legal_rows(items: list[ScoredRecord]) -> list[LegalDeadlineRow]:
    groups: dict[tuple[str, int], list[bool]] = {}
    for item in items:
        t = item.timeliness
        if t is None or t.legal_met is None:
            continue
        name = t.legal.label.rsplit(": ", 1)[0]  # «Queja: 15 días hábiles» → «Queja»
        groups.setdefault((name, t.legal.days), []).append(t.legal_met)
    return [
        LegalDeadlineRow(label, days, len(flags), sum(flags))
        for (label, days), flags in sorted(groups.items(), key=lambda g: (g[0][1], g[0][0]))
    ]


# --- The report --------------------------------------------------------------------------


def issue_moment(session: Session, audit: Audit) -> datetime:
    """When the report is dated: its approval, or else its last evaluation (or creation).

    Derived from the data, never from the clock, so regenerating gives the same bytes.
    """
    if audit.state in LOCKED_STATES and audit.approved_at is not None:
        return audit.approved_at
    last = session.scalar(
        select(func.max(Evaluation.reviewed_at))
        .join(SampleItem, SampleItem.id == Evaluation.sample_item_id)
        .where(SampleItem.audit_id == audit.id, SampleItem.removed_at.is_(None))
    )
    return max(last, audit.created_at) if last else audit.created_at


def audit_report_data(
    session: Session, actor: Actor, audit: Audit, *, internal: bool = False
) -> AuditReportData:
    """The audit report's data. Identity numbers stay whole only for an ``internal`` export
    by an actor who may see them; a document for the provider or the committee is masked."""
    row = session.get(SchemeRow, audit.scheme_id)
    provider = session.get(Provider, audit.provider_id)
    assert row is not None and provider is not None
    scheme = scheme_of(row)
    show_full = internal and actor.can(Permission.SEE_FULL_IDENTITY)
    counts = audit_counts(session, [audit.id])[audit.id]
    plan = plan_in_session(session, audit)
    items = scored_records(session, audit, scheme)

    alerts = record_alerts(session, audit)
    records = [
        replace(_report_record(scheme, item, show_full), alerts=alerts.get(item.record.id, ()))
        for item in items
    ]
    issues = []
    failed_by_criterion: Counter[str] = Counter()
    issues_by_agent: Counter[str] = Counter()
    stored = stored_finding_numbers(session, audit)
    for number, item, key in numbered_failures(scheme, items):
        failed_by_criterion[key] += 1
        issues_by_agent[unicodedata.normalize("NFC", item.agent)] += 1
        issues.append(
            Inconsistency(
                key=item.key,
                received_at=item.record.received_at,
                agent=item.agent,
                criterion=scheme.criterion(key).label,
                observation=inconsistency_observation(scheme, key, item),
                identity_number=shown_identity(item.record.identity_number, show_full) or None,
                number=stored.get((item.record.id, key), number),
            )
        )
    figures = compute_indicators([i.outcome for i in items], scheme, audit.target_score)
    issued = issue_moment(session, audit)
    approved = audit.state in LOCKED_STATES and audit.approved_at is not None
    return AuditReportData(
        letterhead=letterhead(session, "audit_report_code"),
        report_number=audit.number,
        report_date=issued.date(),
        channel=audit.channel,
        provider=provider.name,
        period_start=audit.period_start,
        period_end=audit.period_end,
        auditor=user_signatory(session, "Elaborado por", audit.created_by).name,
        population=counts.population,
        sample_size=counts.sampled,
        evaluated=counts.evaluated,
        seed=str(audit.seed) if audit.seed is not None else "Sin sorteo",
        fraction=audit.fraction if audit.fraction is not None else Decimal("0.5"),
        sampling_algorithm=sampling_paragraphs(audit.seed, audit.fraction),
        scheme=replace(scheme_summary(scheme), target_score=audit.target_score),
        indicators=audit_indicators(
            figures,
            scheme,
            failed_by_criterion=failed_by_criterion,
            inconsistencies_by_agent=issues_by_agent,
            legal_deadlines=_legal_rows(items),
        ),
        strata=tuple(
            StratumRow(s.agent, s.population, s.sampled, s.manual, s.evaluated) for s in plan.strata
        ),
        # The strata count directed additions among the manual ones: shown apart.
        manual_additions=sum(s.manual for s in plan.strata) - plan.directed_total,
        directed_additions=plan.directed,
        records=tuple(records),
        inconsistencies=tuple(issues),
        conclusions=audit.conclusions or "",
        recommendations=audit.recommendations or "",
        signatories=(
            user_signatory(session, "Elaborado por", audit.created_by, issued.date()),
            Signatory("Revisado por"),
            user_signatory(
                session,
                "Aprobado por",
                audit.approved_by if approved else None,
                issued.date() if approved else None,
            ),
        ),
        show_full_identity=show_full,
        draft=not approved,
        state=audit.state.value,
        issued_at=issued,
        screening=screening_figures(session, [(audit, scheme)]),
    )


# --- The monthly report ------------------------------------------------------------------

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
    scope = in_scope(channel, provider_id, _first_day(first), _last_day(last))
    return session.scalar(select(func.count(Record.id)).where(scope)) or 0


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
    row = session.scalar(
        select(SchemeRow)
        .where(SchemeRow.channel == channel, SchemeRow.is_current.is_(True))
        .order_by(SchemeRow.created_at.desc(), SchemeRow.id.desc())
        .limit(1)
    )
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
    candidates = session.scalars(
        select(Audit)
        .where(
            Audit.channel == channel,
            Audit.provider_id == provider.id,
            Audit.period_start <= window_end,
            Audit.period_end >= window_start - timedelta(days=31),
            Audit.state != AuditState.ANNULLED,
        )
        .order_by(Audit.period_start, Audit.period_end, Audit.id)
    ).all()
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
