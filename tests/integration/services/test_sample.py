"""The audit's sample on a real database: reproducible draw, 50 % per agent, manual
additions, removals with replacement, top-up after a late import, and who may see it."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit_data import (
    ENGINES,
    OCTOBER,
    evaluate,
    open_env,
    population,
    provider,
    record,
    store,
    user,
)
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.domain.sampling import draw_sample, priority_order, required_count
from auditoria_calidad.services import audits, indicators, sample
from auditoria_calidad.services.audit_trail import history
from auditoria_calidad.services.errors import InvalidInput, NotFound, PermissionDenied
from auditoria_calidad.storage.models import Audit, AuditState

FIRST, LAST = date(2026, 10, 1), date(2026, 10, 31)
# The worked example of docs/sampling.md.
EXAMPLE = [("Luis", "R-1"), ("Ana", "R-2"), ("Luis", "R-3"), ("Ana", "R-4"), ("Ana", "R-5")]


@pytest.fixture(scope="module", params=ENGINES)
def env(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    """One database per engine for the whole module; each test makes its own provider."""
    yield from open_env(request, tmp_path_factory)


def _audit(db, admin, auditor, pairs, **draw):  # type: ignore[no-untyped-def]
    pid = provider(db, admin)
    store(
        db,
        admin,
        pid,
        [
            record(agent, key, OCTOBER + timedelta(minutes=i))
            for i, (agent, key) in enumerate(pairs)
        ],
    )
    if draw.pop("drawn", True):
        return sample.create_audit_and_draw(db, auditor, "virtual", pid, FIRST, LAST, **draw)
    return audits.create_audit(db, auditor, "virtual", pid, FIRST, LAST)


def _active(db, actor, audit_id) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {i.key: i.origin for i in sample.sample_items(db, actor, audit_id) if i.active}


# --- the draw ----------------------------------------------------------------------------


def test_the_worked_example_of_the_documentation_gives_the_same_sample(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    result = _audit(db, admin, auditor, EXAMPLE, fraction="0.5", seed=42)
    assert result.record_keys == ("R-5", "R-4", "R-1")  # Ana then Luis, in priority order
    assert (result.seed, result.fraction, result.population) == (42, 0.5, 5)
    assert [(s.agent, s.population, s.sampled) for s in result.strata] == [
        ("Ana", 3, 2),
        ("Luis", 2, 1),
    ]


agents_names = st.sampled_from(["Ana", "José", "Óscar Patiño", "Luis", "María Fernanda", "Zoe"])
sizes = st.dictionaries(agents_names, st.integers(1, 9), min_size=1, max_size=4)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sizes=sizes,
    fraction=st.sampled_from(["0.5", "0,6", "0.75", "1"]),
    seed=st.integers(0, 2**63 - 1),
)
def test_the_same_seed_gives_the_same_sample_as_the_published_algorithm(
    env,
    sizes,
    fraction,
    seed,  # type: ignore[no-untyped-def]
) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    records = population(sizes)
    pid = provider(db, admin)
    store(db, admin, pid, records)
    result = sample.create_audit_and_draw(db, auditor, "virtual", pid, FIRST, LAST, fraction, seed)
    expected = draw_sample([(r.agent, r.key) for r in records], fraction.replace(",", "."), seed)
    assert list(result.record_keys) == expected.keys()
    plan = sample.sample_plan(db, auditor, result.audit_id)
    for stratum in plan.strata:
        need = math.ceil(float(fraction.replace(",", ".")) * sizes[stratum.agent] - 1e-9)
        assert stratum.population == sizes[stratum.agent]
        assert stratum.drawn >= need and stratum.required == need
    # Drawing again with the stored seed reproduces it (nothing is evaluated yet).
    again = sample.draw_audit_sample(db, auditor, result.audit_id, fraction, result.seed)
    assert again.record_keys == result.record_keys


def test_without_a_seed_a_random_one_is_stored_and_reproduces_the_draw(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    first = _audit(db, admin, auditor, EXAMPLE, seed=None)
    info = audits.get_audit(db, auditor, first.audit_id)
    assert info.seed == first.seed and info.fraction == 0.5
    assert (
        sample.draw_audit_sample(db, auditor, first.audit_id, "0.5", info.seed).record_keys
        == first.record_keys
    )


@pytest.mark.parametrize("fraction", ["0.49", "0,3", "0"])
def test_a_fraction_below_half_is_refused_citing_the_procedure(env, fraction) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    pid = provider(db, admin)
    store(db, admin, pid, [record("Ana", "R-1")])
    with pytest.raises(InvalidInput, match=r"M5-1-01 \(numeral 4\).*50 %"):
        sample.create_audit_and_draw(db, auditor, "virtual", pid, FIRST, LAST, fraction)
    assert all(a.provider_id != pid for a in audits.list_audits(db, auditor))  # none created


def test_fractions_with_more_than_three_decimals_or_bad_seeds_are_refused() -> None:
    with pytest.raises(InvalidInput, match="tres decimales"):
        sample.parse_sample_fraction("0.6667")
    assert sample.parse_sample_fraction("0,625") == pytest.approx(0.625)
    for seed in ("-1", "abc", str(2**63)):
        with pytest.raises(InvalidInput, match="semilla"):
            sample.parse_seed(seed)
    assert sample.parse_seed("") is None and sample.parse_seed(" 7 ") == 7


def test_redrawing_is_refused_once_a_record_is_evaluated(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    result = _audit(db, admin, auditor, EXAMPLE, seed=42)
    evaluate(db, auditor, result.audit_id, "R-5")
    with pytest.raises(InvalidInput, match="no se puede volver a sortear"):
        sample.draw_audit_sample(db, auditor, result.audit_id, "0.5", 1)


# --- by hand -----------------------------------------------------------------------------


def test_removal_needs_a_reason_and_is_replaced_by_the_next_of_the_same_agent(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    result = _audit(db, admin, auditor, EXAMPLE, seed=42)
    with pytest.raises(InvalidInput, match="motivo"):
        sample.remove_from_sample(db, auditor, result.audit_id, "R-4", "   ")
    removal = sample.remove_from_sample(db, auditor, result.audit_id, "R-4", "Importado por error")
    assert (removal.agent, removal.replacement_key) == ("Ana", "R-2")
    assert _active(db, auditor, result.audit_id) == {
        "R-5": "drawn",
        "R-2": "replacement",
        "R-1": "drawn",
    }
    # R-4 was removed: it is never drawn again, so Ana has nothing left to replace R-2.
    second = sample.remove_from_sample(db, auditor, result.audit_id, "R-2", "Duplicado")
    assert second.replacement_key is None
    removed = [i for i in sample.sample_items(db, auditor, result.audit_id) if not i.active]
    assert {(i.key, i.removal_reason) for i in removed} == {
        ("R-4", "Importado por error"),
        ("R-2", "Duplicado"),
    }
    with db.sessions() as session:
        log = history(session, "audit", result.audit_id)
    assert ("sample_remove", "R-4", "Importado por error") in {
        (e.action, e.field, e.new_value) for e in log
    }


def test_an_evaluated_record_cannot_be_removed(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    result = _audit(db, admin, auditor, EXAMPLE, seed=42)
    evaluate(db, auditor, result.audit_id, "R-1")
    with pytest.raises(InvalidInput, match="ya fue evaluado"):
        sample.remove_from_sample(db, auditor, result.audit_id, "R-1", "No aplica")


def test_manual_additions_take_records_of_the_population_not_yet_sampled(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    result = _audit(db, admin, auditor, EXAMPLE, seed=42)
    assert sample.unsampled_keys(db, auditor, result.audit_id) == ["R-2", "R-3"]
    item = sample.add_manual(db, auditor, result.audit_id, " R-3 ")
    assert (item.key, item.agent, item.origin, item.origin_label) == (
        "R-3",
        "Luis",
        "manual",
        "Manual",
    )
    with pytest.raises(InvalidInput, match="ya está en la muestra"):
        sample.add_manual(db, auditor, result.audit_id, "R-5")
    with pytest.raises(NotFound, match="no pertenece a la población"):
        sample.add_manual(db, auditor, result.audit_id, "R-99")
    luis = next(
        s for s in sample.sample_plan(db, auditor, result.audit_id).strata if s.agent == "Luis"
    )
    assert (luis.population, luis.required, luis.drawn, luis.manual) == (2, 1, 1, 1)
    # Removing a manual record leaves Luis above his minimum: nothing replaces it.
    assert (
        sample.remove_from_sample(
            db, auditor, result.audit_id, "R-3", "Era de prueba"
        ).replacement_key
        is None
    )
    # A removed record can be brought back by hand.
    assert sample.add_manual(db, auditor, result.audit_id, "R-3").origin == "manual"


def test_the_plan_counts_population_drawn_manual_and_evaluated_per_agent(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    result = _audit(db, admin, auditor, EXAMPLE, seed=42)
    sample.add_manual(db, auditor, result.audit_id, "R-2")
    evaluate(db, auditor, result.audit_id, "R-5")
    evaluate(db, auditor, result.audit_id, "R-2", complete=False)  # a draft
    plan = sample.sample_plan(db, auditor, result.audit_id)
    assert [
        (s.agent, s.population, s.required, s.drawn, s.manual, s.evaluated) for s in plan.strata
    ] == [("Ana", 3, 2, 2, 1, 1), ("Luis", 2, 1, 1, 0, 0)]
    assert (
        plan.population,
        plan.sampled,
        plan.evaluated,
        plan.required_for_approval,
        plan.missing_for_approval,
    ) == (5, 4, 1, 3, 2)
    assert (plan.seed, plan.fraction) == (42, 0.5)


# --- Actualizar población ----------------------------------------------------------------


def test_refresh_adds_late_records_and_tops_up_each_agent(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    pid = provider(db, admin)
    store(db, admin, pid, [record(a, k) for a, k in EXAMPLE])
    result = sample.create_audit_and_draw(db, auditor, "virtual", pid, FIRST, LAST, "0.5", 42)
    # The example of docs/sampling.md: of Ana arrive later; R-7 is added.
    late = [
        record("Ana", "R-6"),
        record("Ana", "R-7"),
        record("Ana", "R-8", date(2026, 11, 1)),
    ]  # out of the period: ignored
    store(db, admin, pid, late)
    refreshed = sample.refresh_population(db, auditor, result.audit_id)
    assert (refreshed.added_population, refreshed.population, refreshed.added_sample) == (
        2,
        7,
        ("R-7",),
    )
    assert _active(db, auditor, result.audit_id)["R-7"] == "drawn"
    assert sample.refresh_population(db, auditor, result.audit_id).added_population == 0


def test_refresh_never_brings_back_a_removed_record(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    pid = provider(db, admin)
    keys = [f"K-{i}" for i in range(4)]
    store(db, admin, pid, [record("Ana", k) for k in keys])
    result = sample.create_audit_and_draw(db, auditor, "virtual", pid, FIRST, LAST, "0.5", 9)
    order = priority_order(keys, "Ana", 9)
    removed = order[0]
    replacement = sample.remove_from_sample(db, auditor, result.audit_id, removed, "Error")
    assert replacement.replacement_key == order[2]
    more = [f"K-{i}" for i in range(4, 14)]
    store(db, admin, pid, [record("Ana", k) for k in more])
    refreshed = sample.refresh_population(db, auditor, result.audit_id)
    active = set(_active(db, auditor, result.audit_id))
    assert removed not in active
    assert len(active) == required_count(14, "0.5") == 7
    expected = [
        k for k in priority_order(keys + more, "Ana", 9) if k not in {removed, order[1], order[2]}
    ][:5]
    assert set(refreshed.added_sample) == set(expected)


# --- who may do what ---------------------------------------------------------------------


def test_a_provider_manager_cannot_read_another_providers_audit(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    own_name = f"Propio {env.engine} S.A.S."
    own = provider(db, admin, own_name)
    other = provider(db, admin)
    store(db, admin, own, [record("Ana", "P-1")])
    store(db, admin, other, [record("Luis", "A-1"), record("Luis", "A-2")])
    mine = sample.create_audit_and_draw(db, auditor, "virtual", own, FIRST, LAST, seed=1)
    theirs = sample.create_audit_and_draw(db, auditor, "virtual", other, FIRST, LAST, seed=1)
    manager = user(db, admin, Role.PROVIDER_MANAGER, own_name)

    assert [a.number for a in audits.list_audits(db, manager)] == [mine.number]
    assert audits.get_audit(db, manager, mine.audit_id).provider == own_name
    reads = [
        lambda: audits.get_audit(db, manager, theirs.audit_id),
        lambda: audits.find_audit(db, manager, theirs.number),
        lambda: audits.preview_population(db, manager, "virtual", other, FIRST, LAST),
        lambda: sample.sample_plan(db, manager, theirs.audit_id),
        lambda: sample.sample_items(db, manager, theirs.audit_id),
        lambda: sample.unsampled_keys(db, manager, theirs.audit_id),
        lambda: sample.population_pairs(db, manager, theirs.audit_id),
        lambda: indicators.audit_summary(db, manager, theirs.audit_id),
    ]
    for read in reads:
        with pytest.raises(PermissionDenied):
            read()
    writes = [
        lambda: audits.create_audit(db, manager, "virtual", own, FIRST, LAST),
        lambda: sample.draw_audit_sample(db, manager, mine.audit_id),
        lambda: sample.add_manual(db, manager, mine.audit_id, "P-1"),
        lambda: sample.remove_from_sample(db, manager, mine.audit_id, "P-1", "x"),
        lambda: sample.refresh_population(db, manager, mine.audit_id),
        lambda: audits.mark_ready(db, manager, mine.audit_id),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()


def test_an_approved_audit_is_read_only(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    result = _audit(db, admin, auditor, EXAMPLE, seed=42)
    with db.transaction() as session:
        session.get(Audit, result.audit_id).state = AuditState.APPROVED
    for change in (
        lambda: sample.draw_audit_sample(db, auditor, result.audit_id),
        lambda: sample.add_manual(db, auditor, result.audit_id, "R-2"),
        lambda: sample.remove_from_sample(db, auditor, result.audit_id, "R-5", "x"),
        lambda: sample.refresh_population(db, auditor, result.audit_id),
    ):
        with pytest.raises(InvalidInput, match="ya no se pueden modificar"):
            change()
