"""Stratified, seeded, reproducible sample of an audit's population (the 50 % rule).

Procedure M5-1-01, numeral 4: "La revisión de la respuesta al usuario se hará como
mínimo al 50% de los registros generados". The population is stratified by agent and
every agent gets at least ``ceil(f × n)`` of its ``n`` records.

The draw does not use Python's ``random``: each record gets a priority, the SHA-256 of
``"{seed}:{agent}:{key}"``, and each stratum takes its records of smallest priority.
Anyone with the population, the seed and the fraction can recompute the sample, in any
language; ``docs/sampling.md`` describes the algorithm with a worked example.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

MIN_FRACTION = Fraction(1, 2)
# Seeds fit a signed 64-bit integer column.
SEED_LIMIT = 2**63


class SamplingError(ValueError):
    """A sampling input that a user can fix (message in Spanish)."""


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def parse_fraction(value: Fraction | Decimal | int | float | str) -> Fraction:
    """The sampling fraction as an exact rational, checked against 0.5 <= f <= 1.

    Floats are read through their shortest decimal form (0.6 → 3/5), never through
    their binary value, so ``ceil(f × n)`` is exact.
    """
    try:
        if isinstance(value, Fraction):
            fraction = value
        elif isinstance(value, float):
            fraction = Fraction(repr(value))
        else:
            fraction = Fraction(str(value).strip())
    except (ValueError, ZeroDivisionError) as exc:
        raise SamplingError(f"La fracción de muestreo '{value}' no es un número válido.") from exc
    if fraction < MIN_FRACTION:
        raise SamplingError(
            "El procedimiento M5-1-01 (numeral 4) exige revisar como mínimo el 50 % de los "
            f"registros generados; la fracción pedida es {float(fraction) * 100:g} %."
        )
    if fraction > 1:
        raise SamplingError(
            f"La fracción de muestreo no puede superar el 100 %; se pidió "
            f"{float(fraction) * 100:g} %."
        )
    return fraction


def required_count(population: int, fraction: Fraction | Decimal | float | str) -> int:
    """``ceil(f × n)``: records a stratum of ``population`` records must contribute."""
    f = parse_fraction(fraction)
    return -(-(f.numerator * population) // f.denominator)


def required_for_approval(population_size: int) -> int:
    """Evaluated records an audit needs before approval: ``ceil(N / 2)``."""
    return -(-population_size // 2)


def approval_shortfall(population_size: int, evaluated: int) -> int:
    """How many more evaluated records the audit needs before it can be approved."""
    return max(0, required_for_approval(population_size) - evaluated)


def new_seed() -> int:
    """A fresh random seed (0 <= seed < 2**63) from the operating system's CSPRNG."""
    return secrets.randbelow(SEED_LIMIT)


def _check_seed(seed: int) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < SEED_LIMIT:
        raise SamplingError(
            f"La semilla debe ser un número entero entre 0 y {SEED_LIMIT - 1}; se recibió {seed!r}."
        )
    return seed


def priority(seed: int, agent: str, key: str) -> str:
    """Draw priority of one record: SHA-256 hex of ``f"{seed}:{agent}:{key}"`` (UTF-8, NFC)."""
    text = f"{_check_seed(seed)}:{_nfc(agent)}:{_nfc(key)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def priority_order(keys: Iterable[str], agent: str, seed: int) -> list[str]:
    """The stratum's keys, smallest priority first (ties, practically impossible, by key)."""
    unique = set(keys)
    return sorted(unique, key=lambda k: (priority(seed, agent, k), _nfc(k), k))


def group_by_agent(population: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Strata of ``(agent, key)`` pairs: agent (NFC) → sorted unique keys; agents sorted.

    A key listed twice under the same agent counts once; under two agents it is an error,
    because a record cannot belong to two strata.
    """
    agent_of: dict[str, str] = {}
    original_key: dict[str, str] = {}
    strata: dict[str, set[str]] = {}
    for agent, key in population:
        agent_nfc, key_nfc = _nfc(agent), _nfc(key)
        previous = agent_of.setdefault(key_nfc, agent_nfc)
        if previous != agent_nfc:
            raise SamplingError(
                f"El registro '{key}' aparece con dos funcionarios: '{previous}' y '{agent_nfc}'."
            )
        if original_key.setdefault(key_nfc, key) != key:
            continue  # same record written with another Unicode normalisation
        strata.setdefault(agent_nfc, set()).add(key)
    return {agent: sorted(strata[agent]) for agent in sorted(strata)}


@dataclass(frozen=True)
class StratumDraw:
    """One agent's part of a draw: ``drawn`` in priority order."""

    agent: str
    population: int
    required: int
    drawn: tuple[str, ...]


@dataclass(frozen=True)
class SampleDraw:
    """A complete draw, with what is needed to recompute it (seed and fraction)."""

    seed: int
    fraction: Fraction
    strata: tuple[StratumDraw, ...]

    @property
    def population_size(self) -> int:
        return sum(s.population for s in self.strata)

    @property
    def size(self) -> int:
        return sum(len(s.drawn) for s in self.strata)

    def keys(self) -> list[str]:
        """All drawn keys: strata in agent order, each in priority order."""
        return [key for stratum in self.strata for key in stratum.drawn]

    def by_agent(self) -> dict[str, tuple[str, ...]]:
        return {s.agent: s.drawn for s in self.strata}


def draw_sample(
    population: Iterable[tuple[str, str]],
    fraction: Fraction | Decimal | float | str,
    seed: int | None = None,
) -> SampleDraw:
    """Draw ``ceil(f × n)`` records of each agent's ``n``: those of smallest priority.

    ``population`` holds ``(agent, key)`` pairs in any order. Without a seed a new one
    is drawn; the result records it.
    """
    f = parse_fraction(fraction)
    seed = new_seed() if seed is None else _check_seed(seed)
    strata = []
    for agent, keys in group_by_agent(population).items():
        k = required_count(len(keys), f)
        ordered = priority_order(keys, agent, seed)
        strata.append(StratumDraw(agent, len(keys), k, tuple(ordered[:k])))
    return SampleDraw(seed=seed, fraction=f, strata=tuple(strata))


def next_in_stratum(
    population_keys: Iterable[str], agent: str, seed: int, already_taken: Iterable[str]
) -> str | None:
    """Replacement draw: the stratum's first key in priority order not yet taken.

    ``already_taken`` should include removed records too, so that a removed record is
    not drawn again. None when the stratum is exhausted.
    """
    taken = {_nfc(k) for k in already_taken}
    for key in priority_order(population_keys, agent, seed):
        if _nfc(key) not in taken:
            return key
    return None


def top_up(
    population: Iterable[tuple[str, str]],
    fraction: Fraction | Decimal | float | str,
    seed: int,
    current_sample_keys_by_agent: Mapping[str, Iterable[str]],
) -> dict[str, list[str]]:
    """New keys needed after the population grew, so each stratum has ``>= ceil(f × n)``.

    Existing sample keys are kept and counted where the population places them (the
    agent under which the caller lists them does not matter); manual additions count
    if the caller includes them. Returns agent → new keys in priority order, only for
    agents that need some.
    """
    f = parse_fraction(fraction)
    _check_seed(seed)
    current = {_nfc(k) for keys in current_sample_keys_by_agent.values() for k in keys}
    additions: dict[str, list[str]] = {}
    for agent, keys in group_by_agent(population).items():
        have = sum(1 for k in keys if _nfc(k) in current)
        missing = required_count(len(keys), f) - have
        if missing <= 0:
            continue
        fresh = [k for k in priority_order(keys, agent, seed) if _nfc(k) not in current]
        additions[agent] = fresh[:missing]
    return additions


@dataclass(frozen=True)
class StratumPlan:
    """Progress of one agent's stratum, as the sample screen and the report show it."""

    agent: str
    population: int
    required: int
    drawn: int
    manual: int
    evaluated: int

    @property
    def sampled(self) -> int:
        return self.drawn + self.manual

    @property
    def missing(self) -> int:
        """Records still to add to the sample to reach ``required``."""
        return max(0, self.required - self.sampled)

    @property
    def meets_required(self) -> bool:
        return self.sampled >= self.required


def plan_strata(
    population_by_agent: Mapping[str, int],
    fraction: Fraction | Decimal | float | str,
    drawn_by_agent: Mapping[str, int],
    manual_by_agent: Mapping[str, int],
    evaluated_by_agent: Mapping[str, int],
) -> list[StratumPlan]:
    """One row per agent named in any of the counts, agents in NFC string order."""
    f = parse_fraction(fraction)

    def by_nfc(counts: Mapping[str, int]) -> dict[str, int]:
        merged: dict[str, int] = {}
        for agent, count in counts.items():
            merged[_nfc(agent)] = merged.get(_nfc(agent), 0) + count
        return merged

    population, drawn = by_nfc(population_by_agent), by_nfc(drawn_by_agent)
    manual, evaluated = by_nfc(manual_by_agent), by_nfc(evaluated_by_agent)
    agents = sorted(set(population) | set(drawn) | set(manual) | set(evaluated))
    return [
        StratumPlan(
            agent=agent,
            population=population.get(agent, 0),
            required=required_count(population.get(agent, 0), f),
            drawn=drawn.get(agent, 0),
            manual=manual.get(agent, 0),
            evaluated=evaluated.get(agent, 0),
        )
        for agent in agents
    ]
