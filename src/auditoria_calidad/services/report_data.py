"""The input of the audit report (``reporting.data.AuditReportData``) read from the database.

Everything the report prints comes from the audit's own rows: its scheme version, its
frozen population and sample, the complete evaluations of the records still in the sample
(scored again with ``services.indicators.record_outcome``, the one place that scores a
stored evaluation), the office settings and the people who made and approved it. Nothing
depends on the clock, so the same database always gives the same report bytes.

The pieces other documents share live beside it and are importable from here too: the
scored records and their numbered inconsistencies (``services.scored_records``), the
letterhead and signatures (``services.report_letterhead``) and the monthly report's data
(``services.monthly_report_data``).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from auditoria_calidad.domain.identity import shown_identity
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.scheme import CriterionKind, ScoringScheme
from auditoria_calidad.domain.scoring import compute_indicators
from auditoria_calidad.domain.timeliness import TimelinessResult
from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.data import (
    AuditReportData,
    EvaluatedRecord,
    Inconsistency,
    LegalDeadlineRow,
    Signatory,
    StratumRow,
)
from auditoria_calidad.reporting.from_domain import audit_indicators, scheme_summary
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import LOCKED_STATES, audit_counts
from auditoria_calidad.services.monthly_report_data import (
    MonthKey,
    audit_month,
    monthly_analysis,
    monthly_report_data,
)
from auditoria_calidad.services.report_letterhead import letterhead, user_signatory
from auditoria_calidad.services.sample import plan_in_session
from auditoria_calidad.services.schemes import scheme_of
from auditoria_calidad.services.scored_records import (
    ScoredRecord,
    computed_fact,
    inconsistency_observation,
    numbered_failures,
    scored_records,
    stored_finding_numbers,
)
from auditoria_calidad.services.screening_report import record_alerts, screening_figures
from auditoria_calidad.storage.models import Audit, Provider
from auditoria_calidad.storage.models import ScoringScheme as SchemeRow
from auditoria_calidad.storage.queries.reports import last_review_in_sample

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


# --- The sampling paragraphs ------------------------------------------------------------


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
        answered_day_only=record.answered_day_only,
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
    last = last_review_in_sample(session, audit.id)
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
