"""Specification of the stratified, seeded sample (procedure M5-1-01, numeral 4)."""

from __future__ import annotations

import hashlib
import math
import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from auditoria_calidad.domain.sampling import (
    SamplingError,
    draw_sample,
    new_seed,
    next_in_stratum,
    parse_fraction,
    plan_strata,
    priority,
    priority_order,
    required_count,
    required_for_approval,
    top_up,
)

# The worked example of docs/sampling.md.
EXAMPLE = [("Luis", "R-1"), ("Ana", "R-2"), ("Luis", "R-3"), ("Ana", "R-4"), ("Ana", "R-5")]


def _population(sizes: list[int]) -> list[tuple[str, str]]:
    return [(f"Agente {a}", f"RAD-{a}-{i}") for a, size in enumerate(sizes) for i in range(size)]


populations = st.lists(st.integers(1, 12), min_size=1, max_size=6).map(_population)
fractions = st.sampled_from(["0.5", "0.51", "0.6", "2/3", "0.75", "0.9", "1"])
seeds = st.integers(0, 2**63 - 1)


# --- the 50 % rule -----------------------------------------------------------------------


def test_fraction_below_half_is_refused_citing_the_procedure() -> None:
    with pytest.raises(SamplingError, match=r"M5-1-01 \(numeral 4\).*50 %"):
        parse_fraction("0.49")


@pytest.mark.parametrize("value", ["1.01", "abc", "1/0", True])
def test_fraction_above_one_or_not_a_number_is_refused(value: object) -> None:
    with pytest.raises(SamplingError):
        parse_fraction(value)  # type: ignore[arg-type]


def test_fraction_is_read_exactly_from_its_decimal_form() -> None:
    # As a binary float 0.7 × 10 = 7.000000000000001, whose ceiling would be 8.
    assert parse_fraction(0.7) == Fraction(7, 10)
    assert required_count(10, 0.7) == 7
    assert required_count(10, Decimal("0.7")) == 7
    assert required_count(3, "0.5") == 2


def test_approval_needs_half_of_the_population_rounded_up() -> None:
    assert [required_for_approval(n) for n in (0, 1, 2, 7, 10)] == [0, 1, 1, 4, 5]


def test_seed_must_be_a_non_negative_64_bit_integer() -> None:
    with pytest.raises(SamplingError, match="semilla"):
        draw_sample(EXAMPLE, "0.5", seed=-1)
    assert 0 <= new_seed() < 2**63


def test_draw_without_seed_records_a_new_one_that_reproduces_it() -> None:
    draw = draw_sample(EXAMPLE, "0.5")
    assert draw_sample(EXAMPLE, "0.5", draw.seed) == draw


# --- the algorithm, as documented -----------------------------------------------------------


def test_priority_is_the_sha256_of_seed_agent_and_key() -> None:
    # The digest given in docs/sampling.md, recomputable with `sha256sum`.
    expected = "c6d646ff47fe4936cadffb5b5f34d1c862e87d8270c5abae4c0c96b2d5ae00f8"
    assert priority(42, "Ana", "R-2") == expected
    assert hashlib.sha256(b"42:Ana:R-2").hexdigest() == expected


def test_worked_example_of_the_documentation() -> None:
    draw = draw_sample(EXAMPLE, "0.5", seed=42)
    assert [(s.agent, s.population, s.required) for s in draw.strata] == [
        ("Ana", 3, 2),
        ("Luis", 2, 1),
    ]
    assert draw.by_agent() == {"Ana": ("R-5", "R-4"), "Luis": ("R-1",)}
    assert next_in_stratum(["R-2", "R-4", "R-5"], "Ana", 42, ["R-4", "R-5"]) == "R-2"


def test_agent_names_are_compared_in_unicode_nfc_form() -> None:
    composed, decomposed = "José", "Jose\u0301"
    draw = draw_sample([(composed, "A"), (decomposed, "B")], "1", seed=1)
    assert [s.agent for s in draw.strata] == [composed]
    assert priority(1, decomposed, "A") == priority(1, composed, "A")


def test_a_record_under_two_agents_is_refused() -> None:
    with pytest.raises(SamplingError, match="dos funcionarios"):
        draw_sample([("Ana", "R-1"), ("Luis", "R-1")], "0.5", seed=1)


def test_a_record_listed_twice_counts_once() -> None:
    draw = draw_sample([("Ana", "R-1"), ("Ana", "R-1"), ("Ana", "R-2")], "0.5", seed=1)
    assert draw.strata[0].population == 2 and len(draw.strata[0].drawn) == 1


# --- properties ----------------------------------------------------------------------------


@given(populations, fractions, seeds)
def test_sample_takes_exactly_ceil_f_n_of_each_agent(
    population: list[tuple[str, str]], fraction: str, seed: int
) -> None:
    draw = draw_sample(population, fraction, seed)
    sizes: dict[str, int] = {}
    for agent, _ in population:
        sizes[agent] = sizes.get(agent, 0) + 1
    f = Fraction(fraction)
    assert {s.agent: len(s.drawn) for s in draw.strata} == {
        agent: math.ceil(f * n) for agent, n in sizes.items()
    }


@given(populations, seeds)
def test_sample_takes_at_least_half_of_each_agent(
    population: list[tuple[str, str]], seed: int
) -> None:
    for stratum in draw_sample(population, "0.5", seed).strata:
        assert 2 * len(stratum.drawn) >= stratum.population


@given(populations, fractions, seeds)
def test_sample_is_a_subset_of_each_agents_records(
    population: list[tuple[str, str]], fraction: str, seed: int
) -> None:
    draw = draw_sample(population, fraction, seed)
    for stratum in draw.strata:
        assert set(stratum.drawn) <= {k for a, k in population if a == stratum.agent}
        assert len(set(stratum.drawn)) == len(stratum.drawn)


@given(populations, fractions, seeds, st.randoms(use_true_random=False))
def test_same_seed_and_population_in_any_order_gives_the_same_sample(
    population: list[tuple[str, str]], fraction: str, seed: int, rng: random.Random
) -> None:
    shuffled = population[:]
    rng.shuffle(shuffled)
    assert draw_sample(shuffled, fraction, seed) == draw_sample(population, fraction, seed)


def test_a_different_seed_usually_gives_a_different_sample() -> None:
    population = _population([20, 20, 20])
    samples = {tuple(draw_sample(population, "0.5", seed).keys()) for seed in range(20)}
    # C(20,10)^3 possible samples: 20 seeds colliding would mean the seed is ignored.
    assert len(samples) == 20


@given(populations, fractions, seeds)
def test_drawn_keys_come_in_priority_order(
    population: list[tuple[str, str]], fraction: str, seed: int
) -> None:
    for stratum in draw_sample(population, fraction, seed).strata:
        keys = [k for a, k in population if a == stratum.agent]
        order = priority_order(keys, stratum.agent, seed)
        assert list(stratum.drawn) == order[: len(stratum.drawn)]


# --- replacements and top-up ------------------------------------------------------------------


@given(populations, seeds)
def test_replacement_is_the_next_undrawn_key_in_priority_order(
    population: list[tuple[str, str]], seed: int
) -> None:
    draw = draw_sample(population, "0.5", seed)
    for stratum in draw.strata:
        keys = [k for a, k in population if a == stratum.agent]
        replacement = next_in_stratum(keys, stratum.agent, seed, stratum.drawn)
        order = priority_order(keys, stratum.agent, seed)
        if len(stratum.drawn) == len(keys):
            assert replacement is None
        else:
            assert replacement == order[len(stratum.drawn)]


@given(populations, populations, fractions, seeds)
def test_top_up_keeps_old_draws_and_restores_the_minimum(
    before: list[tuple[str, str]], extra: list[tuple[str, str]], fraction: str, seed: int
) -> None:
    grown = before + [(agent, f"NEW-{key}") for agent, key in extra]
    first = draw_sample(before, fraction, seed)
    added = top_up(grown, fraction, seed, first.by_agent())
    final = draw_sample(grown, fraction, seed)  # only for the required counts
    for stratum in final.strata:
        kept = first.by_agent().get(stratum.agent, ())
        new = added.get(stratum.agent, [])
        assert not set(kept) & set(new)
        assert len(kept) + len(new) == max(stratum.required, len(kept))


@given(populations, fractions, seeds)
def test_top_up_of_an_empty_sample_is_a_fresh_draw(
    population: list[tuple[str, str]], fraction: str, seed: int
) -> None:
    added = top_up(population, fraction, seed, {})
    fresh = draw_sample(population, fraction, seed).by_agent()
    assert {agent: tuple(keys) for agent, keys in added.items()} == fresh


def test_top_up_counts_manual_additions_already_in_the_sample() -> None:
    population = [("Ana", f"R-{i}") for i in range(4)]
    assert top_up(population, "0.5", 7, {"Ana": ["R-0", "R-3"]}) == {}


# --- stratum plan ------------------------------------------------------------------------------


def test_stratum_plan_shows_what_each_agent_still_needs() -> None:
    rows = plan_strata({"Luis": 3, "Ana": 4}, "0.5", {"Ana": 2, "Luis": 1}, {"Luis": 0}, {"Ana": 1})
    assert [(r.agent, r.required, r.sampled, r.missing, r.meets_required) for r in rows] == [
        ("Ana", 2, 2, 0, True),
        ("Luis", 2, 1, 1, False),
    ]
    assert rows[0].evaluated == 1


@given(st.integers(0, 10_000))
def test_required_for_approval_is_the_smallest_half(population: int) -> None:
    needed = required_for_approval(population)
    assert 2 * needed >= population
    assume(needed > 0)
    assert 2 * (needed - 1) < population
