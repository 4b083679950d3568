"""Score of an evaluated record and the indicators of an audit.

Record score = 100 × Σ(weight × credit) / Σ(weight of applicable criteria), where a
criterion met earns credit 1, failed 0, and a level criterion its level's credit.
N.A. and unanswered criteria leave both sums. A failed critical criterion in mode
"zero" sets the score to 0; ``score_without_critical`` is the score without that rule.

Scores and percentages are ``Decimal`` rounded half-up to 2 decimals, computed from the
exact values, so every layer (screen, PDF, xlsx) shows the same number.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from auditoria_calidad.domain.scheme import (
    NOT_APPLICABLE,
    ComputedSource,
    CriterionKind,
    CriticalMode,
    ScoringScheme,
)

_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)


class ScoringError(ValueError):
    """An answer that does not fit the scheme (message in Spanish)."""


class Verdict(enum.StrEnum):
    """Answer to a judged criterion (also "na" for a level criterion)."""

    CUMPLE = "cumple"
    NO_CUMPLE = "no_cumple"
    NA = NOT_APPLICABLE

    @property
    def label(self) -> str:
        return {"cumple": "Cumple", "no_cumple": "No cumple", "na": "N.A."}[self.value]


def _round(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def computed_values(
    scheme: ScoringScheme,
    *,
    within_limit: bool | None = None,
    wait_seconds: int | None = None,
    registered_in_crm: bool | None = None,
    crm_registrations: int | None = None,
) -> dict[str, bool | None]:
    """Yes/no of every computed criterion of ``scheme`` from the record's data.

    ``within_limit`` is ``TimelinessResult.within``. None (data missing) leaves the
    criterion not applicable. The wait limit is inclusive, like the 24-hour rule.
    """
    t = scheme.thresholds
    by_source: dict[ComputedSource, bool | None] = {
        ComputedSource.TIMELINESS: within_limit,
        ComputedSource.WAIT_TIME: (
            None if wait_seconds is None else wait_seconds <= t.chat_wait_limit_seconds
        ),
        ComputedSource.REGISTERED_IN_CRM: registered_in_crm,
        ComputedSource.CRM_REGISTRATIONS: (
            None if crm_registrations is None else 1 <= crm_registrations <= t.max_crm_registrations
        ),
    }
    return {
        c.key: by_source[c.source]
        for c in scheme.criteria
        if c.kind is CriterionKind.COMPUTED and c.source is not None
    }


@dataclass(frozen=True)
class RecordScore:
    """Score of one record. ``credits``: criterion key → credit earned, None if N.A."""

    score: Decimal | None  # None when no criterion applies
    score_without_critical: Decimal | None
    credits: Mapping[str, Decimal | None]
    failed: tuple[str, ...]  # credit 0: each is an inconsistency for the provider
    partial: tuple[str, ...]  # 0 < credit < 1 (e.g. spelling "medio")
    critical_failed_keys: tuple[str, ...]
    complete: bool  # every judged and level criterion answered (N.A. counts)
    unanswered: tuple[str, ...]
    # The auditor answered at least one criterion (N.A. counts). Until then the computed
    # criteria alone (timeliness, CRM) make a score that judges nothing: it is not shown.
    judged: bool = True

    @property
    def critical_failed(self) -> bool:
        return bool(self.critical_failed_keys)


def _credit(
    scheme: ScoringScheme, key: str, answers: Mapping[str, object], computed: Mapping[str, object]
) -> tuple[Decimal | None, bool]:
    """(credit or None, answered?) of one criterion."""
    criterion = scheme.criterion(key)
    if criterion.kind is CriterionKind.COMPUTED:
        value = computed.get(key)
        if value is None:
            return None, True
        if not isinstance(value, bool):
            raise ScoringError(f"El criterio calculado '{key}' debe ser sí o no; vino {value!r}.")
        return Decimal(int(value)), True
    raw = answers.get(key)
    if raw is None or raw == "":
        return None, False
    if raw == Verdict.NA:
        return None, True
    if criterion.kind is CriterionKind.JUDGED:
        if raw == Verdict.CUMPLE:
            return Decimal(1), True
        if raw == Verdict.NO_CUMPLE:
            return Decimal(0), True
        raise ScoringError(
            f"El criterio '{criterion.label}' acepta 'cumple', 'no_cumple' o 'na'; vino {raw!r}."
        )
    level = criterion.level(str(raw))
    if level is None:
        options = ", ".join(f"'{lv.key}'" for lv in criterion.levels)
        raise ScoringError(
            f"El criterio '{criterion.label}' acepta {options} o 'na'; vino {raw!r}."
        )
    return level.credit, True


def score_record(
    scheme: ScoringScheme,
    answers: Mapping[str, object],
    computed: Mapping[str, bool | None],
) -> RecordScore:
    """Score one record.

    ``answers``: judged criterion → ``Verdict`` value; level criterion → level key or
    "na". ``computed``: computed criterion → True/False, None when not applicable
    (see ``computed_values``). Keys not in the scheme are an error.
    """
    kinds = {c.key: c.kind for c in scheme.criteria}
    for key in (*answers, *computed):
        if key not in kinds:
            raise ScoringError(f"El criterio '{key}' no existe en el esquema '{scheme.name}'.")
    # A value in the wrong dict would be silently ignored; refuse it instead.
    for key in answers:
        if kinds[key] is CriterionKind.COMPUTED:
            raise ScoringError(f"El criterio '{key}' es calculado: su valor no se responde.")
    for key in computed:
        if kinds[key] is not CriterionKind.COMPUTED:
            raise ScoringError(f"El criterio '{key}' lo responde el auditor; no es calculado.")
    credits: dict[str, Decimal | None] = {}
    unanswered = []
    earned = applicable = Decimal(0)
    for criterion in scheme.criteria:
        credit, answered = _credit(scheme, criterion.key, answers, computed)
        credits[criterion.key] = credit
        if not answered:
            unanswered.append(criterion.key)
        if credit is not None:
            earned += criterion.weight * credit
            applicable += criterion.weight
    failed = tuple(k for k, c in credits.items() if c is not None and c == 0)
    partial = tuple(k for k, c in credits.items() if c is not None and 0 < c < 1)
    critical = [c for c in scheme.criteria if c.critical and c.key in failed]
    plain = None if applicable == 0 else _round(_HUNDRED * earned / applicable)
    zeroed = any(c.critical_mode is CriticalMode.ZERO for c in critical)
    return RecordScore(
        score=Decimal("0.00") if zeroed else plain,
        score_without_critical=plain,
        credits=credits,
        failed=failed,
        partial=partial,
        critical_failed_keys=tuple(c.key for c in critical),
        complete=not unanswered,
        unanswered=tuple(unanswered),
        judged=any(
            c.kind is not CriterionKind.COMPUTED and c.key not in unanswered
            for c in scheme.criteria
        ),
    )


# ---------------------------------------------------------------------------
# Indicators


@dataclass(frozen=True)
class RecordOutcome:
    """What indicators need from one evaluated record (plain data, from any source)."""

    agent: str
    score: Decimal | None
    score_without_critical: Decimal | None
    credits: Mapping[str, Decimal | None]
    within_limit: bool | None = None
    spelling_level: str | None = None
    legal_met: bool | None = None
    critical_failed: bool = False

    @classmethod
    def of(
        cls,
        agent: str,
        record_score: RecordScore,
        *,
        within_limit: bool | None = None,
        spelling_level: str | None = None,
        legal_met: bool | None = None,
    ) -> RecordOutcome:
        return cls(
            agent=agent,
            score=record_score.score,
            score_without_critical=record_score.score_without_critical,
            credits=record_score.credits,
            within_limit=within_limit,
            spelling_level=spelling_level,
            legal_met=legal_met,
            critical_failed=record_score.critical_failed,
        )


@dataclass(frozen=True)
class Figure:
    """An indicator against the target. ``gap`` = value − target (negative: below)."""

    value: Decimal | None  # None when nothing applies
    applicable: int  # records the value is computed over
    target: Decimal

    @property
    def meets_target(self) -> bool | None:
        return None if self.value is None else self.value >= self.target

    @property
    def gap(self) -> Decimal | None:
        return None if self.value is None else self.value - self.target


@dataclass(frozen=True)
class LevelShare:
    count: int
    percent: Decimal | None  # of records with a level


@dataclass(frozen=True)
class IndicatorSet:
    """Indicators of a group of records (the whole audit, or one agent)."""

    records: int
    audit_score: Figure  # mean record score
    audit_score_without_critical: Figure
    within_limit_pct: Figure
    legal_met_pct: Figure
    criteria_pct: Mapping[str, Figure]  # credit-weighted % met, applicable records only
    spelling: Mapping[str, LevelShare]
    critical_failures: int


@dataclass(frozen=True)
class Indicators:
    target: Decimal
    overall: IndicatorSet
    by_agent: Mapping[str, IndicatorSet]  # agents in NFC string order


def _mean(values: Iterable[Decimal], target: Decimal) -> Figure:
    items = list(values)
    value = _round(sum(items, Decimal(0)) / len(items)) if items else None
    return Figure(value, len(items), target)


def _share(flags: Iterable[bool | None], target: Decimal) -> Figure:
    known = [f for f in flags if f is not None]
    return _mean((_HUNDRED if f else Decimal(0) for f in known), target)


def _indicator_set(
    outcomes: Sequence[RecordOutcome], scheme: ScoringScheme, target: Decimal
) -> IndicatorSet:
    criteria = {
        c.key: _mean(
            (_HUNDRED * credit for o in outcomes if (credit := o.credits.get(c.key)) is not None),
            target,
        )
        for c in scheme.criteria
    }
    level_order: list[str] = []
    if scheme.thresholds.spelling_criterion:
        spelling_criterion = scheme.criterion(scheme.thresholds.spelling_criterion)
        level_order = [lv.key for lv in spelling_criterion.levels]
    levels = [o.spelling_level for o in outcomes if o.spelling_level is not None]
    level_order += sorted(set(levels) - set(level_order))
    spelling = {
        lv: LevelShare(
            levels.count(lv),
            _round(_HUNDRED * levels.count(lv) / len(levels)) if levels else None,
        )
        for lv in level_order
    }
    return IndicatorSet(
        records=len(outcomes),
        audit_score=_mean((o.score for o in outcomes if o.score is not None), target),
        audit_score_without_critical=_mean(
            (o.score_without_critical for o in outcomes if o.score_without_critical is not None),
            target,
        ),
        within_limit_pct=_share((o.within_limit for o in outcomes), target),
        legal_met_pct=_share((o.legal_met for o in outcomes), target),
        criteria_pct=criteria,
        spelling=spelling,
        critical_failures=sum(1 for o in outcomes if o.critical_failed),
    )


def compute_indicators(
    outcomes: Iterable[RecordOutcome],
    scheme: ScoringScheme,
    target: Decimal | None = None,
) -> Indicators:
    """Audit indicators overall and by agent, each compared with the target.

    The target defaults to ``scheme.thresholds.target_score``. Means are of the
    (already rounded) record scores; percentages count only records where the figure
    applies. Criterion % is credit-weighted: a spelling "medio" (0.5) counts half.
    """
    goal = scheme.thresholds.target_score if target is None else Decimal(str(target))
    items = list(outcomes)
    groups: dict[str, list[RecordOutcome]] = {}
    for outcome in items:
        groups.setdefault(unicodedata.normalize("NFC", outcome.agent), []).append(outcome)
    return Indicators(
        target=goal,
        overall=_indicator_set(items, scheme, goal),
        by_agent={agent: _indicator_set(groups[agent], scheme, goal) for agent in sorted(groups)},
    )
