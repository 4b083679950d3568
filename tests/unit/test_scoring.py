"""Specification of the record score and the audit indicators."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditoria_calidad.domain.scheme import (
    CriterionKind,
    ScoringScheme,
    load_default_scheme,
    scheme_from_dict,
    scheme_to_dict,
)
from auditoria_calidad.domain.scoring import (
    RecordOutcome,
    ScoringError,
    Verdict,
    compute_indicators,
    computed_values,
    score_record,
)

VIRTUAL = load_default_scheme("virtual")
CHAT = load_default_scheme("chat")
ALL_MET_VIRTUAL: dict[str, Any] = {
    "coherencia": "cumple",
    "pertinencia": "cumple",
    "solucion": "cumple",
    "redaccion_ortografia": "alto",
}
COMPUTED_MET_VIRTUAL = {"oportunidad": True, "registro_crm": True}


def _answers(scheme: ScoringScheme) -> st.SearchStrategy[tuple[dict[str, Any], dict[str, Any]]]:
    """Any answers (including unanswered) and computed values for ``scheme``."""
    answers: dict[str, st.SearchStrategy[Any]] = {}
    computed: dict[str, st.SearchStrategy[Any]] = {}
    for c in scheme.criteria:
        if c.kind is CriterionKind.COMPUTED:
            computed[c.key] = st.sampled_from([True, False, None])
        elif c.kind is CriterionKind.JUDGED:
            answers[c.key] = st.sampled_from([*Verdict, None])
        else:
            answers[c.key] = st.sampled_from([*(lv.key for lv in c.levels), "na", None])
    return st.tuples(st.fixed_dictionaries(answers), st.fixed_dictionaries(computed))


schemes = st.sampled_from([VIRTUAL, CHAT])


# --- record score ------------------------------------------------------------------------------


def test_all_criteria_met_scores_100() -> None:
    result = score_record(VIRTUAL, ALL_MET_VIRTUAL, COMPUTED_MET_VIRTUAL)
    assert result.score == Decimal("100.00")
    assert result.complete and not result.failed


def test_a_record_is_judged_only_once_the_auditor_answers_a_criterion() -> None:
    # The computed criteria alone make a 100 that judges nothing: the screens show «—».
    untouched = score_record(VIRTUAL, {}, COMPUTED_MET_VIRTUAL)
    assert untouched.score == Decimal("100.00") and not untouched.judged
    assert score_record(VIRTUAL, {"coherencia": "na"}, COMPUTED_MET_VIRTUAL).judged
    assert score_record(VIRTUAL, ALL_MET_VIRTUAL, COMPUTED_MET_VIRTUAL).judged


def test_score_is_credit_weighted_met_over_applicable_weight() -> None:
    # Weights: oportunidad 20, coherencia 15, pertinencia 15, solución 30, registro CRM 10,
    # redacción 10. Not timely (0/20), spelling "medio" (5/10), CRM unknown (N.A.: out).
    # Met = 15 + 15 + 30 + 5 = 65 over 20 + 15 + 15 + 30 + 10 = 90 → 72.222… → 72.22.
    answers = ALL_MET_VIRTUAL | {"redaccion_ortografia": "medio"}
    result = score_record(VIRTUAL, answers, {"oportunidad": False, "registro_crm": None})
    assert result.score == Decimal("72.22")
    assert result.failed == ("oportunidad",)
    assert result.partial == ("redaccion_ortografia",)
    assert result.credits["registro_crm"] is None


def test_failed_critical_criterion_in_zero_mode_sets_the_score_to_zero() -> None:
    result = score_record(
        VIRTUAL, ALL_MET_VIRTUAL | {"solucion": "no_cumple"}, COMPUTED_MET_VIRTUAL
    )
    assert result.score == 0
    assert result.score_without_critical == Decimal("70.00")
    assert result.critical_failed and result.critical_failed_keys == ("solucion",)


def test_failed_critical_criterion_in_flag_mode_only_flags() -> None:
    data = scheme_to_dict(VIRTUAL)
    next(c for c in data["criteria"] if c["key"] == "solucion")["critical_mode"] = "flag"
    flagging = scheme_from_dict(data)
    result = score_record(flagging, ALL_MET_VIRTUAL | {"solucion": "no_cumple"}, {})
    assert result.critical_failed
    assert result.score == result.score_without_critical == Decimal("57.14")  # 40/70


def test_unanswered_judged_criterion_makes_the_record_incomplete() -> None:
    answers = {k: v for k, v in ALL_MET_VIRTUAL.items() if k != "pertinencia"}
    result = score_record(VIRTUAL, answers, COMPUTED_MET_VIRTUAL)
    assert not result.complete and result.unanswered == ("pertinencia",)
    assert result.score == 100


def test_computed_value_for_a_judged_criterion_is_refused() -> None:
    with pytest.raises(ScoringError, match="lo responde el auditor"):
        score_record(VIRTUAL, {}, {"coherencia": True})


def test_nothing_applicable_has_no_score() -> None:
    answers = dict.fromkeys(ALL_MET_VIRTUAL, "na")
    assert score_record(VIRTUAL, answers, {}).score is None


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"coherencia": "si"}, "acepta 'cumple'"),
        ({"redaccion_ortografia": "excelente"}, "acepta 'alto'"),
        ({"simpatia": "cumple"}, "no existe"),
        ({"oportunidad": "cumple"}, "es calculado"),
    ],
)
def test_answers_outside_the_scheme_are_refused_in_spanish(
    answers: dict[str, Any], message: str
) -> None:
    with pytest.raises(ScoringError, match=message):
        score_record(VIRTUAL, answers, {})


@given(schemes.flatmap(lambda s: st.tuples(st.just(s), _answers(s))))
def test_score_is_always_between_0_and_100(case: tuple[ScoringScheme, Any]) -> None:
    scheme, (answers, computed) = case
    result = score_record(scheme, answers, computed)
    for value in (result.score, result.score_without_critical):
        assert value is None or Decimal(0) <= value <= Decimal(100)
    assert result.score is None or result.score <= (result.score_without_critical or 0)


@given(schemes.flatmap(lambda s: st.tuples(st.just(s), _answers(s))))
def test_changing_a_failed_non_critical_criterion_to_na_never_lowers_the_score(
    case: tuple[ScoringScheme, Any],
) -> None:
    scheme, (answers, computed) = case
    before = score_record(scheme, answers, computed)
    for key in before.failed:
        if scheme.criterion(key).critical:
            continue
        if key in computed:
            after = score_record(scheme, answers, computed | {key: None})
        else:
            after = score_record(scheme, answers | {key: "na"}, computed)
        assert before.score is not None
        assert after.score is None or after.score >= before.score


@given(schemes.flatmap(lambda s: st.tuples(st.just(s), _answers(s))))
def test_failed_critical_criterion_always_gives_zero(case: tuple[ScoringScheme, Any]) -> None:
    scheme, (answers, computed) = case
    answers = answers | {"solucion": Verdict.NO_CUMPLE}
    assert score_record(scheme, answers, computed).score == 0


@given(schemes)
def test_every_criterion_met_gives_100(scheme: ScoringScheme) -> None:
    answers: dict[str, Any] = {}
    for c in scheme.criteria:
        if c.kind is CriterionKind.JUDGED:
            answers[c.key] = Verdict.CUMPLE
        elif c.kind is CriterionKind.LEVEL:
            answers[c.key] = max(c.levels, key=lambda lv: lv.credit).key
    computed = {c.key: True for c in scheme.criteria if c.kind is CriterionKind.COMPUTED}
    assert score_record(scheme, answers, computed).score == 100


# --- computed criteria --------------------------------------------------------------------------


def test_computed_values_come_from_the_record_data_and_thresholds() -> None:
    assert computed_values(VIRTUAL, within_limit=True, crm_registrations=1) == {
        "oportunidad": True,
        "registro_crm": True,
    }
    # Registered twice (the user had to insist) or never: not met. Unknown: not applicable.
    assert computed_values(VIRTUAL, crm_registrations=2)["registro_crm"] is False
    assert computed_values(VIRTUAL, crm_registrations=0)["registro_crm"] is False
    assert computed_values(VIRTUAL)["registro_crm"] is None
    # Chat wait limit (60 s) is inclusive.
    assert computed_values(CHAT, wait_seconds=60, registered_in_crm=False) == {
        "oportunidad": True,
        "registrado_crm": False,
    }
    assert computed_values(CHAT, wait_seconds=61)["oportunidad"] is False


# --- indicators ---------------------------------------------------------------------------------


def _outcome(agent: str, answers: dict[str, Any], **data: Any) -> RecordOutcome:
    computed = computed_values(VIRTUAL, within_limit=data.get("within_limit"), crm_registrations=1)
    return RecordOutcome.of(agent, score_record(VIRTUAL, answers, computed), **data)


def test_indicators_overall_and_by_agent_against_the_target() -> None:
    outcomes = [
        _outcome("Ana", ALL_MET_VIRTUAL, within_limit=True, spelling_level="alto", legal_met=True),
        _outcome(
            "Ana",
            ALL_MET_VIRTUAL | {"solucion": "no_cumple"},
            within_limit=True,
            spelling_level="alto",
            legal_met=True,
        ),
        _outcome(
            "Luis",
            ALL_MET_VIRTUAL | {"redaccion_ortografia": "medio"},
            within_limit=False,
            spelling_level="medio",
            legal_met=None,
        ),
    ]
    result = compute_indicators(outcomes, VIRTUAL)
    overall = result.overall
    # Scores: 100, 0 (70 without the critical rule), Luis: 75/100 (not timely, spelling half).
    assert overall.audit_score.value == Decimal("58.33")  # (100 + 0 + 75) / 3
    assert overall.audit_score_without_critical.value == Decimal("81.67")  # (100+70+75)/3
    assert overall.audit_score.meets_target is False
    assert overall.audit_score.gap == Decimal("-31.67")
    assert overall.within_limit_pct.value == Decimal("66.67")
    assert overall.legal_met_pct.value == Decimal("100.00")
    assert overall.legal_met_pct.applicable == 2
    assert overall.criteria_pct["solucion"].value == Decimal("66.67")
    assert overall.criteria_pct["redaccion_ortografia"].value == Decimal("83.33")  # (1+1+.5)/3
    assert {k: v.count for k, v in overall.spelling.items()} == {"alto": 2, "medio": 1, "bajo": 0}
    assert overall.critical_failures == 1
    assert list(result.by_agent) == ["Ana", "Luis"]
    assert result.by_agent["Ana"].audit_score.value == Decimal("50.00")
    assert result.by_agent["Luis"].within_limit_pct.value == 0


def test_indicators_with_an_explicit_target() -> None:
    outcomes = [_outcome("Ana", ALL_MET_VIRTUAL, within_limit=True)]
    figure = compute_indicators(outcomes, VIRTUAL, target=Decimal(95)).overall.audit_score
    assert figure.meets_target is True and figure.gap == 5


def test_indicators_of_no_records_have_no_values() -> None:
    overall = compute_indicators([], VIRTUAL).overall
    assert overall.records == 0
    assert overall.audit_score.value is None and overall.audit_score.meets_target is None
