"""The figures of a revealed calibration session, from its judgements (no database here).

Called by services.calibration only for a revealed session. The criteria compared are
the judged and level criteria of the audit's scheme (computed ones come from the record
and cannot differ). Judged criteria are nominal (Cumple / No cumple / N.A.); level
criteria are ordinal over their levels, ranked by credit (N.A. stays out of the ordinal
alpha, see domain.calibration_stats.CriterionScale).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from auditoria_calidad.domain.calibration_stats import (
    CriterionScale,
    calibration_agreement,
    disagreements,
    reference_alignment,
    score_spread,
)
from auditoria_calidad.domain.scheme import NOT_APPLICABLE, CriterionKind, ScoringScheme
from auditoria_calidad.domain.scoring import Verdict
from auditoria_calidad.services.calibration_dtos import (
    CalibrationResults,
    CalibrationSummary,
    CriterionInfo,
    EvaluatorFigures,
    Judgement,
    RecordComparison,
)
from auditoria_calidad.storage.models import Record


def criteria_of(scheme: ScoringScheme) -> tuple[CriterionInfo, ...]:
    """The criteria an evaluator judges, in scheme order."""
    return tuple(
        CriterionInfo(c.key, c.label, c.kind is CriterionKind.LEVEL)
        for c in scheme.criteria
        if c.kind is not CriterionKind.COMPUTED
    )


def scales_of(scheme: ScoringScheme) -> list[CriterionScale]:
    scales = []
    for criterion in scheme.criteria:
        if criterion.kind is CriterionKind.JUDGED:
            values = (Verdict.CUMPLE.value, Verdict.NO_CUMPLE.value, NOT_APPLICABLE)
            scales.append(CriterionScale(criterion.key, values))
        elif criterion.kind is CriterionKind.LEVEL:
            ranked = tuple(lv.key for lv in sorted(criterion.levels, key=lambda lv: lv.credit))
            scales.append(CriterionScale(criterion.key, (*ranked, NOT_APPLICABLE), ranked=ranked))
    return scales


def results(
    scheme: ScoringScheme,
    summary: CalibrationSummary,
    records: Sequence[Record],
    agents: Mapping[int, str],
    judgements: Sequence[Judgement],
) -> CalibrationResults:
    evaluators = [e.username for e in summary.evaluators]
    keys = {r.id: r.key for r in records}
    given: dict[str, dict[str, dict[str, str]]] = {r.key: {} for r in records}
    scores: dict[str, dict[str, Decimal | None]] = {e: {} for e in evaluators}
    by_record: dict[str, dict[str, Judgement]] = {r.key: {} for r in records}
    for j in judgements:
        given[keys[j.record_id]][j.evaluator] = j.answers
        scores[j.evaluator][j.record_key] = j.score
        by_record[j.record_key][j.evaluator] = j
    scales = scales_of(scheme)
    criteria = [s.key for s in scales]
    agreement = calibration_agreement(scales, evaluators, given)
    spread = score_spread(evaluators, scores)
    alignment = (
        reference_alignment(given, evaluators, summary.reference, criteria)
        if summary.reference
        else {}
    )
    figures = tuple(
        EvaluatorFigures(
            username=status.username,
            name=status.name,
            submitted=status.submitted,
            records_scored=row.records,
            mean_score=row.mean,
            lowest_score=row.lowest,
            highest_score=row.highest,
            strictest=spread.strictest == status.username,
            most_lenient=spread.most_lenient == status.username,
            is_reference=status.is_reference,
            alignment=alignment.get(status.username),
        )
        for status, row in zip(summary.evaluators, spread.by_evaluator, strict=True)
    )
    ids = {r.key: r.id for r in records}
    compared = tuple(
        RecordComparison(
            record_id=ids[d.record],
            key=d.record,
            agent=agents.get(ids[d.record], ""),
            score_range=d.score_range,
            criteria_in_disagreement=d.criteria,
            judgements=by_record[d.record],
        )
        for d in disagreements(given, evaluators, criteria, scores)
    )
    return CalibrationResults(criteria_of(scheme), agreement, figures, spread.gap, compared)
