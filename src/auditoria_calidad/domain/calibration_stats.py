"""Agreement between evaluators who judged the same records blind (calibration).

Reliability data are a list of *units* (a record's criterion, or a record × criterion
pair for the overall figure); each unit holds the values the evaluators gave it, one
slot per evaluator, ``None`` where that evaluator gave none (missing judgements are
allowed everywhere). A unit judged by fewer than two evaluators is not pairable: it
enters no agreement figure (Gwet's category shares excepted, as Gwet defines them).

Figures are fractions between 0 and 1 (alpha and AC1 may be negative: below chance),
``None`` where the statistic is undefined (no pairable unit; for alpha, no variation
at all, since the expected disagreement is then 0). Computations use exact fractions,
so "no variation" is detected exactly, and return floats.

- ``percent_agreement``: the share of agreeing pairs of judgements within a unit,
  averaged over the pairable units (Fleiss' observed agreement; for two evaluators,
  the share of units on which they agree).
- ``krippendorff_alpha``: Krippendorff (2011), "Computing Krippendorff's
  Alpha-Reliability", coincidence-matrix form, nominal or ordinal metric.
- ``gwet_ac1``: Gwet (2008; Handbook of Inter-Rater Reliability, 2014), for any number
  of raters with missing ratings; ``q`` is the number of categories of the scale
  (all of them, used or not).

Above these: the figures of a whole calibration (per criterion and overall), the spread
of record scores per evaluator, each evaluator's alignment with a reference evaluator,
and the records ordered by widest disagreement.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

Unit = Sequence[str | None]

NOMINAL = "nominal"
ORDINAL = "ordinal"


def _values(unit: Unit) -> list[str]:
    return [v for v in unit if v is not None]


def _pairable(units: Iterable[Unit]) -> list[list[str]]:
    return [values for unit in units if len(values := _values(unit)) >= 2]


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _observed_agreement(pairable: list[list[str]]) -> Fraction | None:
    if not pairable:
        return None
    total = Fraction(0)
    for values in pairable:
        m = len(values)
        agreeing = sum(n * (n - 1) for n in Counter(values).values())
        total += Fraction(agreeing, m * (m - 1))
    return total / len(pairable)


def percent_agreement(units: Iterable[Unit]) -> float | None:
    """Mean share of agreeing pairs of judgements per pairable unit (None: none)."""
    return _float(_observed_agreement(_pairable(units)))


def unanimous_share(units: Iterable[Unit]) -> float | None:
    """Share of pairable units on which every evaluator gave the same value."""
    pairable = _pairable(units)
    if not pairable:
        return None
    return float(Fraction(sum(len(set(v)) == 1 for v in pairable), len(pairable)))


def _ordinal_distances(
    order: Sequence[str], totals: Mapping[str, Fraction]
) -> dict[tuple[str, str], Fraction]:
    """Krippendorff's squared ordinal distance between ranked values c <= k:
    (sum of n_g for g from c to k, minus (n_c + n_k) / 2) squared."""
    distances: dict[tuple[str, str], Fraction] = {}
    for i, c in enumerate(order):
        for j in range(i, len(order)):
            k = order[j]
            between = sum((totals.get(g, Fraction(0)) for g in order[i : j + 1]), Fraction(0))
            d = (between - (totals.get(c, Fraction(0)) + totals.get(k, Fraction(0))) / 2) ** 2
            distances[c, k] = distances[k, c] = d
    return distances


def krippendorff_alpha(
    units: Iterable[Unit], metric: str = NOMINAL, order: Sequence[str] | None = None
) -> float | None:
    """Krippendorff's alpha = 1 − D_o / D_e over the pairable units.

    ``metric`` is "nominal" or "ordinal"; an ordinal metric needs ``order``, every value
    of the scale from one end to the other (a value outside it raises ValueError).
    None when no unit is pairable or when nothing varies (D_e = 0).
    """
    if metric not in (NOMINAL, ORDINAL):
        raise ValueError(f"unknown metric {metric!r}")
    pairable = _pairable(units)
    # The coincidence matrix: o_ck = Σ_u (pairs c-k in unit u) / (m_u − 1).
    weights: dict[tuple[str, str], Fraction] = {}
    for values in pairable:
        share = Fraction(1, len(values) - 1)
        for a, b in itertools.permutations(range(len(values)), 2):
            pair = (values[a], values[b])
            weights[pair] = weights.get(pair, Fraction(0)) + share
    totals: dict[str, Fraction] = {}
    for (c, _k), weight in weights.items():
        totals[c] = totals.get(c, Fraction(0)) + weight
    n = sum(totals.values(), Fraction(0))
    if n <= 1:
        return None
    if metric == ORDINAL:
        if order is None:
            raise ValueError("an ordinal metric needs the order of the values")
        unknown = set(totals) - set(order)
        if unknown:
            raise ValueError(f"values outside the ordinal scale: {sorted(unknown)}")
        distance = _ordinal_distances(order, totals)
    else:
        distance = {(c, k): Fraction(int(c != k)) for c in totals for k in totals}
    observed = sum((w * distance[pair] for pair, w in weights.items()), Fraction(0)) / n
    expected = sum(
        (totals[c] * totals[k] * distance[c, k] for c in totals for k in totals), Fraction(0)
    ) / (n * (n - 1))
    if expected == 0:
        return None
    return float(1 - observed / expected)


def gwet_ac1(units: Iterable[Unit], categories: Sequence[str]) -> float | None:
    """Gwet's AC1 = (p_a − p_e) / (1 − p_e) for nominal categories.

    p_a is ``percent_agreement``; p_e = Σ_k π_k (1 − π_k) / (q − 1), with π_k the mean
    share of category k in the units judged at least once and q = len(categories).
    None when no unit is pairable or the scale has fewer than two categories.
    """
    unit_values = [values for unit in units if (values := _values(unit))]
    unknown = {v for values in unit_values for v in values} - set(categories)
    if unknown:
        raise ValueError(f"values outside the categories: {sorted(unknown)}")
    pa = _observed_agreement([v for v in unit_values if len(v) >= 2])
    q = len(categories)
    if pa is None or q < 2:
        return None
    shares = {c: Fraction(0) for c in categories}
    for values in unit_values:
        for category, count in Counter(values).items():
            shares[category] += Fraction(count, len(values))
    pi = {c: s / len(unit_values) for c, s in shares.items()}
    pe = sum((p * (1 - p) for p in pi.values()), Fraction(0)) / (q - 1)
    return float((pa - pe) / (1 - pe))


# --- A whole calibration ---------------------------------------------------------------


@dataclass(frozen=True)
class CriterionScale:
    """The values a criterion is judged on. ``categories``: every value of the scale; for
    an ordinal scale ``ranked`` holds the values in order (the others, such as N.A., stay
    out of the ordinal alpha but count in percent agreement and AC1)."""

    key: str
    categories: tuple[str, ...]
    ranked: tuple[str, ...] = ()

    @property
    def ordinal(self) -> bool:
        return bool(self.ranked)


@dataclass(frozen=True)
class Agreement:
    percent: float | None
    krippendorff_alpha: float | None
    gwet_ac1: float | None
    unanimous: float | None  # share of records on which every evaluator agreed
    units: int  # pairable units the figures rest on
    alpha_metric: str = NOMINAL


# record key → evaluator → criterion key → value
Judgements = Mapping[str, Mapping[str, Mapping[str, str]]]


def _units(
    judgements: Judgements, evaluators: Sequence[str], criterion: str
) -> list[list[str | None]]:
    return [
        [judgements[record].get(e, {}).get(criterion) for e in evaluators] for record in judgements
    ]


def criterion_agreement(units: Sequence[Unit], scale: CriterionScale) -> Agreement:
    """The three figures of one criterion (alpha ordinal when the scale is ranked)."""
    if scale.ordinal:
        ranked = set(scale.ranked)
        alpha_units = [[v if v in ranked else None for v in unit] for unit in units]
        alpha = krippendorff_alpha(alpha_units, ORDINAL, scale.ranked)
    else:
        alpha = krippendorff_alpha(units)
    return Agreement(
        percent=percent_agreement(units),
        krippendorff_alpha=alpha,
        gwet_ac1=gwet_ac1(units, scale.categories),
        unanimous=unanimous_share(units),
        units=len(_pairable(units)),
        alpha_metric=ORDINAL if scale.ordinal else NOMINAL,
    )


@dataclass(frozen=True)
class CalibrationAgreement:
    overall: Agreement
    by_criterion: dict[str, Agreement]


def calibration_agreement(
    scales: Sequence[CriterionScale], evaluators: Sequence[str], judgements: Judgements
) -> CalibrationAgreement:
    """Per criterion, and overall: every record × criterion pair one unit on the nominal
    scale of all the criteria's values together."""
    by_criterion: dict[str, Agreement] = {}
    pooled: list[list[str | None]] = []
    categories: dict[str, None] = {}
    for scale in scales:
        units = _units(judgements, evaluators, scale.key)
        by_criterion[scale.key] = criterion_agreement(units, scale)
        pooled += units
        categories.update(dict.fromkeys(scale.categories))
    overall = Agreement(
        percent=percent_agreement(pooled),
        krippendorff_alpha=krippendorff_alpha(pooled),
        gwet_ac1=gwet_ac1(pooled, tuple(categories)),
        unanimous=unanimous_share(pooled),
        units=len(_pairable(pooled)),
    )
    return CalibrationAgreement(overall, by_criterion)


# --- Scores, reference and disagreements -----------------------------------------------

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class EvaluatorScores:
    evaluator: str
    records: int  # records with a score
    mean: Decimal | None
    lowest: Decimal | None
    highest: Decimal | None


@dataclass(frozen=True)
class ScoreSpread:
    by_evaluator: tuple[EvaluatorScores, ...]
    strictest: str | None  # lowest mean score (None: fewer than two evaluators with scores)
    most_lenient: str | None  # highest mean score
    gap: Decimal | None  # most lenient mean − strictest mean


def score_spread(
    evaluators: Sequence[str], scores: Mapping[str, Mapping[str, Decimal | None]]
) -> ScoreSpread:
    """Each evaluator's mean record score; who is strictest and most lenient.

    ``scores``: evaluator → record key → score (None: not scored). Means are compared on
    the records every compared evaluator scored, so that one evaluator's missing hard
    record does not make them look lenient; the reported mean is over their own records.
    """
    rows = []
    for evaluator in evaluators:
        own = [s for s in scores.get(evaluator, {}).values() if s is not None]
        mean = (sum(own, Decimal(0)) / len(own)).quantize(_CENT, ROUND_HALF_UP) if own else None
        rows.append(
            EvaluatorScores(
                evaluator, len(own), mean, min(own, default=None), max(own, default=None)
            )
        )
    scored = [r.evaluator for r in rows if r.records]
    common = (
        set.intersection(
            *({k for k, s in scores.get(e, {}).items() if s is not None} for e in scored)
        )
        if scored
        else set()
    )
    if len(scored) < 2 or not common:
        return ScoreSpread(tuple(rows), None, None, None)
    means = {
        e: sum((scores[e][k] or Decimal(0) for k in common), Decimal(0)) / len(common)
        for e in scored
    }
    # Ties go to the evaluator listed first.
    strictest = min(scored, key=lambda e: (means[e], evaluators.index(e)))
    lenient = min(scored, key=lambda e: (-means[e], evaluators.index(e)))
    if means[strictest] == means[lenient]:
        return ScoreSpread(tuple(rows), None, None, Decimal("0.00"))
    gap = (means[lenient] - means[strictest]).quantize(_CENT, ROUND_HALF_UP)
    return ScoreSpread(tuple(rows), strictest, lenient, gap)


def reference_alignment(
    judgements: Judgements, evaluators: Sequence[str], reference: str, criteria: Sequence[str]
) -> dict[str, dict[str, float | None]]:
    """Evaluator (other than the reference) → criterion → share of the records judged by
    both on which the evaluator gave the reference's value (None: no such record)."""
    alignment: dict[str, dict[str, float | None]] = {}
    for evaluator in evaluators:
        if evaluator == reference:
            continue
        per_criterion: dict[str, float | None] = {}
        for key in criteria:
            both = [
                (given.get(evaluator, {}).get(key), given.get(reference, {}).get(key))
                for given in judgements.values()
            ]
            both = [(a, b) for a, b in both if a is not None and b is not None]
            per_criterion[key] = (
                float(Fraction(sum(a == b for a, b in both), len(both))) if both else None
            )
        alignment[evaluator] = per_criterion
    return alignment


@dataclass(frozen=True)
class RecordDisagreement:
    record: str
    score_range: Decimal | None  # highest − lowest score given (None: under two scores)
    criteria: tuple[str, ...]  # criteria on which the evaluators gave different values
    disagreeing_pairs: int  # pairs of judgements that differ, over all criteria


def disagreements(
    judgements: Judgements,
    evaluators: Sequence[str],
    criteria: Sequence[str],
    scores: Mapping[str, Mapping[str, Decimal | None]],
) -> list[RecordDisagreement]:
    """Every record, widest disagreement first: by the range of the scores given, then by
    the number of criteria and of pairs of judgements in disagreement, then by key."""
    rows = []
    for record, given in judgements.items():
        differing = []
        pairs = 0
        for key in criteria:
            values = _values([given.get(e, {}).get(key) for e in evaluators])
            if len(set(values)) > 1:
                differing.append(key)
            pairs += sum(a != b for a, b in itertools.combinations(values, 2))
        given_scores = [s for e in evaluators if (s := scores.get(e, {}).get(record)) is not None]
        spread = max(given_scores) - min(given_scores) if len(given_scores) >= 2 else None
        rows.append(RecordDisagreement(record, spread, tuple(differing), pairs))
    rows.sort(
        key=lambda r: (
            -(r.score_range if r.score_range is not None else Decimal(-1)),
            -len(r.criteria),
            -r.disagreeing_pairs,
            r.record,
        )
    )
    return rows
