"""Specification of scoring schemes as data: defaults, validation and round trip."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import (
    ComputedSource,
    CriterionKind,
    CriticalMode,
    SchemeError,
    load_default_scheme,
    scheme_fingerprint,
    scheme_from_dict,
    scheme_from_toml,
    scheme_to_dict,
)
from auditoria_calidad.domain.timeliness import Clock


@pytest.fixture(params=["virtual", "chat"])
def default_dict(request: pytest.FixtureRequest) -> dict[str, Any]:
    return scheme_to_dict(load_default_scheme(request.param))


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(SchemeError) as caught:
        scheme_from_dict(data)
    return caught.value.problems


# --- the default F182 schemes ----------------------------------------------------------------


@pytest.mark.parametrize("channel", list(Channel))
def test_default_scheme_weights_sum_to_100(channel: Channel) -> None:
    scheme = load_default_scheme(channel)
    assert scheme.channel is channel
    assert scheme.version == 1
    assert scheme.total_weight == 100


@pytest.mark.parametrize("channel", list(Channel))
def test_default_scheme_covers_the_f182_criteria(channel: Channel) -> None:
    keys = {c.key for c in load_default_scheme(channel).criteria}
    assert {"oportunidad", "coherencia", "pertinencia", "solucion", "redaccion_ortografia"} <= keys


@pytest.mark.parametrize("channel", list(Channel))
def test_solution_of_the_problem_is_critical_and_zeroes_the_record(channel: Channel) -> None:
    solution = load_default_scheme(channel).criterion("solucion")
    assert solution.critical and solution.critical_mode is CriticalMode.ZERO
    assert solution.kind is CriterionKind.JUDGED


def test_virtual_timeliness_is_computed_within_24_calendar_hours() -> None:
    scheme = load_default_scheme("virtual")
    assert scheme.criterion("oportunidad").source is ComputedSource.TIMELINESS
    assert scheme.criterion("registro_crm").source is ComputedSource.CRM_REGISTRATIONS
    assert scheme.thresholds.hours_allowed == 24
    assert scheme.thresholds.clock is Clock.CALENDAR
    assert scheme.thresholds.target_score == 90


def test_chat_timeliness_is_the_wait_time_and_crm_registration_is_computed() -> None:
    scheme = load_default_scheme(Channel.CHAT)
    assert scheme.criterion("oportunidad").source is ComputedSource.WAIT_TIME
    assert scheme.criterion("registrado_crm").source is ComputedSource.REGISTERED_IN_CRM


def test_spelling_levels_follow_suspect_words_per_100_words() -> None:
    thresholds = load_default_scheme("virtual").thresholds
    assert [thresholds.spelling_level(r) for r in (0, 1, 1.01, 3, 3.5, 40)] == [
        "alto",
        "alto",
        "medio",
        "medio",
        "bajo",
        "bajo",
    ]


# --- round trip ----------------------------------------------------------------------------------


def test_scheme_reads_back_equal_from_its_dict(default_dict: dict[str, Any]) -> None:
    scheme = scheme_from_dict(default_dict)
    assert scheme_from_dict(scheme_to_dict(scheme)) == scheme
    assert scheme_to_dict(scheme) == default_dict


def test_fractional_weights_and_credits_survive_the_round_trip(
    default_dict: dict[str, Any],
) -> None:
    default_dict["criteria"][1]["weight"] = 12.5
    scheme = scheme_from_dict(default_dict)
    assert scheme.criteria[1].weight == Decimal("12.5")
    assert scheme_from_dict(scheme_to_dict(scheme)) == scheme


def test_fingerprint_changes_with_any_rule(default_dict: dict[str, Any]) -> None:
    original = scheme_fingerprint(scheme_from_dict(default_dict))
    default_dict["thresholds"]["hours_allowed"] = 48
    assert scheme_fingerprint(scheme_from_dict(default_dict)) != original


# --- validation ------------------------------------------------------------------------------


def test_missing_name_and_version_are_reported_in_spanish(default_dict: dict[str, Any]) -> None:
    del default_dict["name"], default_dict["version"]
    problems = _problems(default_dict)
    assert "esquema: falta el campo 'name'." in problems
    assert "esquema: falta el campo 'version'." in problems


def test_negative_weight_is_refused(default_dict: dict[str, Any]) -> None:
    default_dict["criteria"][0]["weight"] = -5
    assert any("'weight') debe ser mayor que 0" in p for p in _problems(default_dict))


def test_duplicate_criterion_key_is_refused(default_dict: dict[str, Any]) -> None:
    default_dict["criteria"].append(copy.deepcopy(default_dict["criteria"][1]))
    assert any("'coherencia' está repetida" in p for p in _problems(default_dict))


def test_unknown_kind_lists_the_valid_ones(default_dict: dict[str, Any]) -> None:
    default_dict["criteria"][1]["kind"] = "opinion"
    assert any("'opinion' no es válido" in p and "'judged'" in p for p in _problems(default_dict))


def test_computed_criterion_needs_a_source_valid_for_the_channel(
    default_dict: dict[str, Any],
) -> None:
    channel = default_dict["channel"]
    default_dict["criteria"][0]["source"] = "wait_time" if channel == "virtual" else "timeliness"
    assert any("no aplica al canal" in p for p in _problems(default_dict))
    del default_dict["criteria"][0]["source"]
    assert any("falta el campo 'source'" in p for p in _problems(default_dict))


def test_level_criterion_needs_levels_with_credit_between_0_and_1(
    default_dict: dict[str, Any],
) -> None:
    spelling = next(c for c in default_dict["criteria"] if c["kind"] == "level")
    spelling["levels"][1]["credit"] = 1.5
    assert any("'credit' debe estar entre 0 y 1" in p for p in _problems(default_dict))
    spelling["levels"] = [spelling["levels"][0]]
    assert any("2 o más niveles" in p for p in _problems(default_dict))


def test_misspelt_field_is_reported_instead_of_ignored(default_dict: dict[str, Any]) -> None:
    default_dict["criteria"][1]["wieght"] = default_dict["criteria"][1].pop("weight")
    problems = _problems(default_dict)
    assert any("campo desconocido 'wieght'" in p for p in problems)


def test_every_problem_is_reported_at_once(default_dict: dict[str, Any]) -> None:
    default_dict["channel"] = "telefono"
    default_dict["criteria"][1]["weight"] = 0
    default_dict["thresholds"]["target_score"] = 120
    default_dict["thresholds"]["clock"] = "sundial"
    assert len(_problems(default_dict)) >= 4


def test_spelling_bands_must_grow_and_name_levels_of_the_criterion(
    default_dict: dict[str, Any],
) -> None:
    bands = default_dict["thresholds"]["spelling"]["bands"]
    bands[0]["max_per_100"], bands[1]["max_per_100"] = 3, 1
    bands[2]["level"] = "pesimo"
    problems = _problems(default_dict)
    assert any("crecientes" in p for p in problems)
    assert any("'pesimo' no es un nivel" in p for p in problems)


def test_invalid_calendar_is_reported_as_a_scheme_problem(default_dict: dict[str, Any]) -> None:
    default_dict["thresholds"]["calendar"]["start"] = "18:00"
    assert any("calendario" in p for p in _problems(default_dict))


def test_empty_criteria_are_refused() -> None:
    problems = _problems({"name": "x", "channel": "chat", "version": 1, "criteria": []})
    assert any("al menos un criterio" in p for p in problems)


def test_invalid_toml_is_a_scheme_error() -> None:
    with pytest.raises(SchemeError, match="TOML"):
        scheme_from_toml("name = ")
