"""The evaluated records of an audit scored with its scheme version, and the numbered
inconsistencies they hold: what the audit report, the findings and the monthly report read.

The records are the ones ``services.indicators`` counts, scored by the same function
(``indicators.record_outcome``, the one place that scores a stored evaluation), so no
document disagrees with the audit's screen.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.scheme import ComputedSource, CriterionKind, ScoringScheme
from auditoria_calidad.domain.scoring import RecordOutcome
from auditoria_calidad.domain.timeliness import TimelinessResult
from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.services import indicators
from auditoria_calidad.storage.models import Audit, Evaluation, Record, SampleOrigin
from auditoria_calidad.storage.queries.reports import (
    complete_evaluations_in_sample,
    numbered_findings_of_audit,
)

__all__ = [
    "ScoredRecord",
    "computed_fact",
    "inconsistency_observation",
    "numbered_failures",
    "scored_records",
    "stored_finding_numbers",
]


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
    rows = complete_evaluations_in_sample(session, audit.id)
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
            record.answered_day_only,
        )
        timeliness = None
        outcome = indicators.record_outcome(scheme, stored)
        if record.channel is Channel.VIRTUAL:
            timeliness = indicators.record_timeliness(
                scheme,
                record.received_at,
                record.answered_at,
                record.request_type,
                answered_day_only=record.answered_day_only,
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
    rows = numbered_findings_of_audit(session, audit.id)
    return {(record_id, key): number for record_id, key, number in rows if number is not None}
