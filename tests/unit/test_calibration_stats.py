"""Agreement statistics of calibration, against published worked examples."""

from __future__ import annotations

from decimal import Decimal

import pytest

from auditoria_calidad.domain.calibration_stats import (
    CriterionScale,
    calibration_agreement,
    criterion_agreement,
    disagreements,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    reference_alignment,
    score_spread,
    unanimous_share,
)

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
# observers, twelve units, missing values ("."). Published: nominal alpha = 0.743,
# ordinal alpha = 0.815 (and interval 0.849). Gwet (2014, Handbook of Inter-Rater
# Reliability) uses the same data: AC1 = 0.7754, p_a = 0.8182, p_e = 0.1903.
_ROWS = {
    "A": "1 2 3 3 2 1 4 1 2 . . .",
    "B": "1 2 3 3 2 2 4 1 2 5 . 3",
    "C": ". 3 3 3 2 3 4 2 2 5 1 .",
    "D": "1 2 3 3 2 4 4 1 2 5 1 .",
}
_OBSERVERS = [[None if v == "." else v for v in row.split()] for row in _ROWS.values()]
KRIPPENDORFF_UNITS = [list(unit) for unit in zip(*_OBSERVERS, strict=True)]
SCALE = ("1", "2", "3", "4", "5")


def _table_units(table: list[list[int]], categories: list[str]) -> list[list[str | None]]:
    """Two raters' contingency table (rows: rater A, columns: rater B) as units."""
    units: list[list[str | None]] = []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            units += [[categories[i], categories[j]] for _ in range(count)]
    return units


def test_krippendorff_nominal_alpha_of_the_published_example_with_missing_values() -> None:
    assert krippendorff_alpha(KRIPPENDORFF_UNITS) == pytest.approx(0.743, abs=5e-4)
    # To more digits, as the `krippendorff` package computes it.
    assert krippendorff_alpha(KRIPPENDORFF_UNITS) == pytest.approx(0.7434210526, abs=1e-9)


def test_krippendorff_ordinal_alpha_of_the_published_example() -> None:
    alpha = krippendorff_alpha(KRIPPENDORFF_UNITS, "ordinal", SCALE)
    assert alpha == pytest.approx(0.815, abs=5e-4)
    assert alpha == pytest.approx(0.8153875038, abs=1e-9)


def test_ordinal_alpha_does_not_depend_on_the_direction_of_the_scale() -> None:
    reversed_alpha = krippendorff_alpha(KRIPPENDORFF_UNITS, "ordinal", SCALE[::-1])
    assert reversed_alpha == pytest.approx(0.8153875038, abs=1e-9)


def test_ordinal_alpha_refuses_a_value_outside_the_scale() -> None:
    with pytest.raises(ValueError):
        krippendorff_alpha(KRIPPENDORFF_UNITS, "ordinal", ("1", "2", "3"))


def test_gwet_ac1_of_the_handbook_example_with_four_raters_and_missing_ratings() -> None:
    assert percent_agreement(KRIPPENDORFF_UNITS) == pytest.approx(0.81818, abs=5e-6)
    assert gwet_ac1(KRIPPENDORFF_UNITS, SCALE) == pytest.approx(0.77544, abs=5e-6)


def test_gwet_ac1_of_the_two_abstractors_table() -> None:
    # Gwet (2014): 100 pregnancies classified by two abstractors; Cohen's kappa 0.7964,
    # AC1 0.8493, percent agreement 0.89.
    units = _table_units([[13, 0, 0], [0, 20, 7], [0, 4, 56]], ["ect", "aiu", "niu"])
    assert percent_agreement(units) == pytest.approx(0.89)
    assert gwet_ac1(units, ("ect", "aiu", "niu")) == pytest.approx(0.84933, abs=5e-6)


def _cohen_kappa(table: list[list[int]]) -> float:
    n = sum(map(sum, table))
    po = sum(table[i][i] for i in range(len(table))) / n
    rows = [sum(r) / n for r in table]
    cols = [sum(c) / n for c in zip(*table, strict=True)]
    pe = sum(r * c for r, c in zip(rows, cols, strict=True))
    return (po - pe) / (1 - pe)


def test_when_nearly_everything_is_cumple_kappa_collapses_but_ac1_stays_high() -> None:
    # Two raters agree on 118 of 125 records, nearly all «Cumple» (the paradox of
    # kappa that Gwet 2008 answers): kappa ≈ −0.02, AC1 ≈ 0.94.
    table = [[118, 5], [2, 0]]
    units = _table_units(table, ["cumple", "no_cumple"])
    assert percent_agreement(units) == pytest.approx(0.944)
    assert _cohen_kappa(table) == pytest.approx(-0.0234, abs=5e-4)
    assert gwet_ac1(units, ("cumple", "no_cumple")) == pytest.approx(0.94078, abs=5e-6)


def test_figures_are_undefined_without_pairable_units_and_alpha_without_variation() -> None:
    lonely = [["cumple", None, None], [None, "no_cumple", None]]
    assert percent_agreement(lonely) is None
    assert krippendorff_alpha(lonely) is None
    assert gwet_ac1(lonely, ("cumple", "no_cumple", "na")) is None
    same = [["cumple", "cumple"], ["cumple", "cumple", None]]
    assert percent_agreement(same) == 1.0
    assert krippendorff_alpha(same) is None  # no variation: D_e = 0
    assert gwet_ac1(same, ("cumple", "no_cumple", "na")) == 1.0
    assert unanimous_share(same) == 1.0


def test_complete_disagreement_gives_zero_percent_and_negative_alpha() -> None:
    units = [["cumple", "no_cumple"], ["no_cumple", "cumple"]]
    assert percent_agreement(units) == 0.0
    alpha = krippendorff_alpha(units)
    assert alpha is not None and alpha < 0


JUDGED = CriterionScale("coherencia", ("cumple", "no_cumple", "na"))
LEVEL = CriterionScale(
    "redaccion", ("alto", "medio", "bajo", "na"), ranked=("bajo", "medio", "alto")
)


def test_level_criteria_use_the_ordinal_alpha_and_leave_na_out_of_it() -> None:
    units = [["alto", "alto", "medio"], ["bajo", "bajo", "bajo"], ["na", "alto", "alto"]]
    result = criterion_agreement(units, LEVEL)
    assert result.alpha_metric == "ordinal"
    without_na = [["alto", "alto", "medio"], ["bajo", "bajo", "bajo"], [None, "alto", "alto"]]
    assert result.krippendorff_alpha == krippendorff_alpha(
        without_na, "ordinal", ("bajo", "medio", "alto")
    )
    # N.A. still counts as a disagreement in percent agreement.
    assert result.percent == pytest.approx((1 / 3 + 1 + 1 / 3) / 3)


JUDGEMENTS = {
    "R1": {
        "ana": {"coherencia": "cumple", "redaccion": "alto"},
        "beto": {"coherencia": "cumple", "redaccion": "alto"},
        "carla": {"coherencia": "no_cumple", "redaccion": "medio"},
    },
    "R2": {
        "ana": {"coherencia": "cumple", "redaccion": "medio"},
        "beto": {"coherencia": "cumple", "redaccion": "medio"},
        "carla": {"coherencia": "cumple", "redaccion": "medio"},
    },
    "R3": {
        "ana": {"coherencia": "no_cumple", "redaccion": "bajo"},
        "beto": {"coherencia": "no_cumple"},  # a missing judgement
        "carla": {"coherencia": "no_cumple", "redaccion": "bajo"},
    },
}
EVALUATORS = ["ana", "beto", "carla"]


def test_a_calibration_has_figures_per_criterion_and_overall() -> None:
    result = calibration_agreement([JUDGED, LEVEL], EVALUATORS, JUDGEMENTS)
    assert set(result.by_criterion) == {"coherencia", "redaccion"}
    assert result.by_criterion["coherencia"].percent == pytest.approx((1 / 3 + 1 + 1) / 3)
    assert result.by_criterion["redaccion"].units == 3
    # Overall: the six record × criterion units pooled.
    assert result.overall.units == 6
    assert result.overall.percent == pytest.approx((1 / 3 + 1 + 1 + 1 / 3 + 1 + 1) / 6)
    assert result.overall.unanimous == pytest.approx(4 / 6)
    assert result.overall.krippendorff_alpha is not None
    assert result.overall.gwet_ac1 is not None


SCORES = {
    "ana": {"R1": Decimal("100"), "R2": Decimal("95"), "R3": Decimal("40")},
    "beto": {"R1": Decimal("100"), "R2": Decimal("95"), "R3": None},
    "carla": {"R1": Decimal("55"), "R2": Decimal("95"), "R3": Decimal("40")},
}


def test_score_spread_names_the_strictest_and_the_most_lenient_on_common_records() -> None:
    spread = score_spread(EVALUATORS, SCORES)
    ana = spread.by_evaluator[0]
    assert (ana.records, ana.mean, ana.lowest, ana.highest) == (
        3,
        Decimal("78.33"),
        Decimal("40"),
        Decimal("100"),
    )
    # Beto scored only R1 and R2: his mean (97.50) is not compared with the others' R3.
    assert spread.by_evaluator[1].mean == Decimal("97.50")
    assert spread.strictest == "carla"
    assert spread.most_lenient == "ana"  # ties with beto on R1, R2; first listed
    assert spread.gap == Decimal("22.50")


def test_alignment_with_the_reference_per_criterion() -> None:
    alignment = reference_alignment(JUDGEMENTS, EVALUATORS, "ana", ["coherencia", "redaccion"])
    assert set(alignment) == {"beto", "carla"}
    assert alignment["beto"] == {"coherencia": 1.0, "redaccion": 1.0}  # R3 level missing
    assert alignment["carla"]["coherencia"] == pytest.approx(2 / 3)
    assert alignment["carla"]["redaccion"] == pytest.approx(2 / 3)


def test_records_are_listed_widest_disagreement_first() -> None:
    rows = disagreements(JUDGEMENTS, EVALUATORS, ["coherencia", "redaccion"], SCORES)
    assert [r.record for r in rows] == ["R1", "R2", "R3"]
    assert rows[0].score_range == Decimal("45")
    assert rows[0].criteria == ("coherencia", "redaccion")
    assert rows[0].disagreeing_pairs == 4
    assert rows[1].score_range == Decimal("0") and rows[1].criteria == ()
    assert rows[2].score_range == Decimal("0")
