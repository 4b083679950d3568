"""Indicators of an audit so far, and its summary as the CLI, the window and the report use it.

Scores are recomputed from each evaluation's answers with the audit's own scheme version
(``domain.scoring``), and timeliness from the record's dates with that version's thresholds
(``domain.timeliness``), so the figures never depend on when they are asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.scheme import NOT_APPLICABLE, CriterionKind, ScoringScheme
from auditoria_calidad.domain.scoring import (
    Figure,
    Indicators,
    IndicatorSet,
    RecordOutcome,
    ScoringError,
    Verdict,
    compute_indicators,
    computed_values,
    score_record,
)
from auditoria_calidad.domain.timeliness import (
    TimelinessError,
    TimelinessResult,
    evaluate_timeliness,
)
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_dtos import AuditSummary
from auditoria_calidad.services.audits import audit_counts, load_audit
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.sample import plan_in_session
from auditoria_calidad.services.schemes import scheme_of
from auditoria_calidad.storage.models import Audit, Provider
from auditoria_calidad.storage.models import ScoringScheme as SchemeRow
from auditoria_calidad.storage.queries.audits import complete_evaluations

_VERDICT_VALUE = {
    Verdict.CUMPLE.value: True,
    Verdict.NO_CUMPLE.value: False,
    Verdict.NA.value: None,
}


def record_timeliness(
    scheme: ScoringScheme,
    received: datetime,
    answered: datetime | None,
    request_type: str | None,
    *,
    answered_day_only: bool = False,
) -> TimelinessResult | None:
    """Timeliness of one record under the scheme's thresholds; None when the dates are wrong
    (an answer before its receipt), so the criterion is left not applicable."""
    t = scheme.thresholds
    try:
        return evaluate_timeliness(
            received,
            answered,
            request_type,
            limit_hours=t.hours_allowed,
            clock=t.clock,
            calendar=t.calendar,
            answered_day_only=answered_day_only,
        )
    except TimelinessError:
        return None


@dataclass(frozen=True)
class EvaluatedRecord:
    """What scoring needs of one evaluated record, read from the database."""

    agent: str
    received_at: datetime
    answered_at: datetime | None
    request_type: str | None
    wait_seconds: int | None
    registered_in_crm: bool | None
    crm_registrations: int | None
    answers: Mapping[str, Any]
    spelling_level: str | None
    stored_score: Decimal | None
    stored_score_without_critical: Decimal | None
    answered_day_only: bool = False  # the export gave the answer's day without its hour


def record_outcome(scheme: ScoringScheme, record: EvaluatedRecord) -> RecordOutcome:
    """Score one evaluated record with ``scheme``.

    A computed criterion the auditor answered by hand (e.g. CRM registrations missing in
    the export) takes the auditor's answer. Answers that no longer fit the scheme fall back
    to the scores stored with the evaluation.
    """
    timeliness = record_timeliness(
        scheme,
        record.received_at,
        record.answered_at,
        record.request_type,
        answered_day_only=record.answered_day_only,
    )
    within = timeliness.within if timeliness else None
    if within is None and record.wait_seconds is not None:
        # A chat is "within the limit" when the user waited no longer than allowed.
        within = record.wait_seconds <= scheme.thresholds.chat_wait_limit_seconds
    computed = computed_values(
        scheme,
        within_limit=within,
        wait_seconds=record.wait_seconds,
        registered_in_crm=record.registered_in_crm,
        crm_registrations=record.crm_registrations,
    )
    kinds = {c.key: c.kind for c in scheme.criteria}
    answers: dict[str, object] = {}
    for key, value in record.answers.items():
        if kinds.get(key) is CriterionKind.COMPUTED:
            if value in _VERDICT_VALUE:
                computed[key] = _VERDICT_VALUE[value]
        elif key in kinds:
            answers[key] = value
    spelling = record.spelling_level
    if spelling is None and scheme.thresholds.spelling_criterion:
        spelling = record.answers.get(scheme.thresholds.spelling_criterion)
    if spelling == NOT_APPLICABLE:
        spelling = None
    legal_met = timeliness.legal_met if timeliness else None
    try:
        score = score_record(scheme, answers, computed)
    except ScoringError:
        return RecordOutcome(
            record.agent,
            record.stored_score,
            record.stored_score_without_critical,
            {},
            within,
            spelling,
            legal_met,
        )
    return RecordOutcome.of(
        record.agent, score, within_limit=within, spelling_level=spelling, legal_met=legal_met
    )


def _evaluated_records(session: Session, audit: Audit) -> list[EvaluatedRecord]:
    return [
        EvaluatedRecord(
            agent,
            r.received_at,
            r.answered_at,
            r.request_type,
            r.wait_seconds,
            r.registered_in_crm,
            r.crm_registrations,
            dict(e.answers or {}),
            e.spelling_level,
            e.score,
            e.score_without_critical,
            r.answered_day_only,
        )
        for e, r, agent in complete_evaluations(session, audit.id)
    ]


def indicators_in_session(session: Session, audit: Audit, scheme: ScoringScheme) -> Indicators:
    outcomes = [record_outcome(scheme, r) for r in _evaluated_records(session, audit)]
    return compute_indicators(outcomes, scheme, audit.target_score)


def audit_summary(db: Database, actor: Actor, audit_id: int) -> AuditSummary:
    actor.require(Permission.READ_RECORDS)
    with db.sessions() as session:
        audit = load_audit(session, actor, audit_id)
        row = session.get(SchemeRow, audit.scheme_id)
        provider = session.get(Provider, audit.provider_id)
        assert row is not None and provider is not None
        scheme = scheme_of(row)
        plan = plan_in_session(session, audit)
        counts = audit_counts(session, [audit.id])[audit.id]
        return AuditSummary(
            id=audit.id,
            number=audit.number,
            channel=audit.channel,
            provider_id=provider.id,
            provider=provider.name,
            period_start=audit.period_start,
            period_end=audit.period_end,
            state=audit.state,
            population=counts.population,
            sampled=counts.sampled,
            evaluated=counts.evaluated,
            required_for_approval=plan.required_for_approval,
            missing=plan.missing_for_approval,
            scheme_id=row.id,
            scheme_name=row.name,
            scheme_version=row.version,
            seed=audit.seed,
            fraction=audit.fraction,
            target_score=audit.target_score,
            created_at=audit.created_at,
            strata=plan.strata,
            scheme=scheme,
            indicators=indicators_in_session(session, audit, scheme),
        )


# --- As JSON -----------------------------------------------------------------------------


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _figure(figure: Figure) -> dict[str, Any]:
    return {
        "value": _number(figure.value),
        "records": figure.applicable,
        "meets_target": figure.meets_target,
    }


def _set(indicators: IndicatorSet) -> dict[str, Any]:
    return {
        "records": indicators.records,
        "score": _figure(indicators.audit_score),
        "score_without_critical": _figure(indicators.audit_score_without_critical),
        "within_limit_pct": _figure(indicators.within_limit_pct),
        "legal_met_pct": _figure(indicators.legal_met_pct),
        "criteria_pct": {k: _figure(f) for k, f in indicators.criteria_pct.items()},
        "spelling": {
            k: {"count": s.count, "percent": _number(s.percent)}
            for k, s in indicators.spelling.items()
        },
        "critical_failures": indicators.critical_failures,
    }


def summary_as_dict(summary: AuditSummary) -> dict[str, Any]:
    """JSON-ready data of ``summary`` (numbers as JSON numbers, dates ISO)."""
    return {
        "audit_id": summary.id,
        "number": summary.number,
        "channel": summary.channel.value,
        "provider": summary.provider,
        "period": {"from": summary.period_start.isoformat(), "to": summary.period_end.isoformat()},
        "state": summary.state.value,
        "state_label": summary.state_label,
        "population": summary.population,
        "sampled": summary.sampled,
        "evaluated": summary.evaluated,
        "required_for_approval": summary.required_for_approval,
        "missing": summary.missing,
        "scheme": {
            "id": summary.scheme_id,
            "name": summary.scheme_name,
            "version": summary.scheme_version,
        },
        "seed": summary.seed,
        "fraction": _number(summary.fraction),
        "target": float(summary.target_score),
        "strata": [
            {
                "agent": s.agent,
                "population": s.population,
                "required": s.required,
                "drawn": s.drawn,
                "manual": s.manual,
                "evaluated": s.evaluated,
            }
            for s in summary.strata
        ],
        "indicators": {
            "overall": _set(summary.indicators.overall),
            "by_agent": {a: _set(s) for a, s in summary.indicators.by_agent.items()},
        },
    }
