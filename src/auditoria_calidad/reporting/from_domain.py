"""Report input built from the domain's scheme and indicators (no database involved).

The services layer holds a ``ScoringScheme`` and the ``Indicators`` computed by
``domain.scoring``; these functions turn them into the plain, already-labelled data the
writers print, so a report never re-derives a figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import ScoringScheme
from auditoria_calidad.domain.scoring import Indicators, IndicatorSet
from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.data import (
    AgentResult,
    AuditIndicators,
    CriterionInfo,
    CriterionResult,
    LegalDeadlineRow,
    LevelResult,
    SchemeSummary,
)


def scheme_summary(scheme: ScoringScheme) -> SchemeSummary:
    """What the report says about the scheme: criteria, weights and thresholds."""
    t = scheme.thresholds
    criteria = tuple(
        CriterionInfo(c.key, c.label, c.kind.value, c.weight, c.critical, c.help)
        for c in scheme.criteria
    )
    bands: list[str] = []
    if t.spelling_criterion:
        spelling = scheme.criterion(t.spelling_criterion)
        previous = None
        for band in t.spelling_bands:
            level = spelling.level(band.level)
            label = level.label if level else band.level
            if band.max_per_100 is not None:
                words = "palabra sospechosa" if band.max_per_100 == 1 else "palabras sospechosas"
                bands.append(
                    f"{label}: hasta {fmt.decimal(band.max_per_100, 0)} {words} por cada 100"
                )
                previous = band.max_per_100
            else:
                limit = fmt.decimal(previous, 0) if previous is not None else "0"
                bands.append(f"{label}: más de {limit} palabras sospechosas por cada 100")
    critical = [c.label for c in scheme.criteria if c.critical]
    rule = ""
    if critical:
        rule = (
            "Si se incumple un criterio crítico ("
            + ", ".join(critical)
            + "), la calificación del registro es 0."
        )
    return SchemeSummary(
        name=scheme.name,
        version=scheme.version,
        criteria=criteria,
        target_score=t.target_score,
        hours_allowed=t.hours_allowed,
        clock_label=t.clock.label,
        chat_wait_limit_seconds=(
            t.chat_wait_limit_seconds if scheme.channel is Channel.CHAT else None
        ),
        max_crm_registrations=(
            t.max_crm_registrations if scheme.channel is Channel.VIRTUAL else None
        ),
        spelling_criterion=t.spelling_criterion,
        spelling_bands=tuple(bands),
        critical_rule=rule,
    )


def _criteria(
    scheme: ScoringScheme, figures: IndicatorSet, failed: Mapping[str, int]
) -> tuple[CriterionResult, ...]:
    return tuple(
        CriterionResult(
            c.key,
            c.label,
            figures.criteria_pct[c.key].value if c.key in figures.criteria_pct else None,
            figures.criteria_pct[c.key].applicable if c.key in figures.criteria_pct else 0,
            failed.get(c.key, 0),
        )
        for c in scheme.criteria
    )


def audit_indicators(
    indicators: Indicators,
    scheme: ScoringScheme,
    *,
    failed_by_criterion: Mapping[str, int] | None = None,
    inconsistencies_by_agent: Mapping[str, int] | None = None,
    legal_deadlines: Sequence[LegalDeadlineRow] = (),
) -> AuditIndicators:
    """The audit's indicators as the report prints them (labels resolved)."""
    overall = indicators.overall
    level_labels: dict[str, str] = {}
    if scheme.thresholds.spelling_criterion:
        criterion = scheme.criterion(scheme.thresholds.spelling_criterion)
        level_labels = {lv.key: lv.label for lv in criterion.levels}
    by_agent_issues = inconsistencies_by_agent or {}
    agents = tuple(
        AgentResult(
            agent=name,
            evaluated=figures.records,
            score=figures.audit_score.value,
            within_limit_pct=figures.within_limit_pct.value,
            inconsistencies=by_agent_issues.get(name, 0),
            critical_failures=figures.critical_failures,
            criteria_pct={k: f.value for k, f in figures.criteria_pct.items()},
        )
        for name, figures in indicators.by_agent.items()
    )
    return AuditIndicators(
        evaluated=overall.records,
        audit_score=overall.audit_score.value,
        target_score=indicators.target,
        audit_score_without_critical=overall.audit_score_without_critical.value,
        within_limit_pct=overall.within_limit_pct.value,
        legal_met_pct=overall.legal_met_pct.value,
        critical_failures=overall.critical_failures,
        criteria=_criteria(scheme, overall, failed_by_criterion or {}),
        spelling=tuple(
            LevelResult(level_labels.get(key, key), share.count, share.percent)
            for key, share in overall.spelling.items()
        ),
        legal_deadlines=tuple(legal_deadlines),
        by_agent=agents,
    )
