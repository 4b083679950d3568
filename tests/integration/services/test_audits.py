"""Audits: numbering, the frozen population of a period, states, indicators so far."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from audit_data import ENGINES, OCTOBER, evaluate, open_env, provider, record, store
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.services import audits, indicators, sample
from auditoria_calidad.services.audit_trail import history
from auditoria_calidad.services.audits import AuditState, Period
from auditoria_calidad.services.errors import InvalidInput, NotFound

FIRST, LAST = date(2026, 10, 1), date(2026, 10, 31)
ALL_MET = {
    "coherencia": "cumple",
    "pertinencia": "cumple",
    "solucion": "cumple",
    "redaccion_ortografia": "alto",
}


@pytest.fixture(scope="module", params=ENGINES)
def env(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    yield from open_env(request, tmp_path_factory)


def test_the_population_is_the_channel_provider_and_inclusive_period(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    pid, other = provider(db, admin), provider(db, admin)
    store(
        db,
        admin,
        pid,
        [
            record("Ana", "IN-1", datetime(2026, 10, 5, 0, 0)),  # first instant of the first day
            record("Ana", "IN-2", datetime(2026, 10, 11, 23, 59, 59)),  # last second of the last
            record("Luis", "OUT-1", datetime(2026, 10, 4, 23, 59, 59)),
            record("Luis", "OUT-2", datetime(2026, 10, 12, 0, 0)),
        ],
    )
    store(
        db, admin, pid, [record("Ana", "CHAT-1", datetime(2026, 10, 6), Channel.CHAT)], Channel.CHAT
    )
    store(db, admin, other, [record("Ana", "OTHER-1", datetime(2026, 10, 6))])
    week = audits.week_period(date(2026, 10, 8))
    assert week == Period(date(2026, 10, 5), date(2026, 10, 11))
    preview = audits.preview_population(db, auditor, "virtual", pid, week.start, week.end)
    assert (preview.records, preview.agents) == (2, 1)
    assert preview.sample_size("0.5") == 1 and preview.sample_size("1") == 2
    info = audits.create_audit(db, auditor, Channel.VIRTUAL, pid, week.start, week.end)
    assert (info.population, info.sampled, info.state, info.seed) == (2, 0, AuditState.DRAFT, None)
    assert info.state_label == "Borrador" and info.period.label == "05/10/2026 – 11/10/2026"
    assert sorted(k for _, k in sample.population_pairs(db, auditor, info.id)) == ["IN-1", "IN-2"]
    # Frozen: a record imported later only enters with «Actualizar población».
    store(db, admin, pid, [record("Luis", "IN-3", datetime(2026, 10, 7))])
    assert audits.get_audit(db, auditor, info.id).population == 2
    assert sample.refresh_population(db, auditor, info.id).added_population == 1


def test_numbers_are_sequential_per_year_and_found_by_number_or_id(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    pid = provider(db, admin)
    store(db, admin, pid, [record("Ana", "N-1"), record("Ana", "N-2", datetime(2026, 11, 3))])
    first = audits.create_audit(db, auditor, "virtual", pid, FIRST, LAST)
    second = audits.create_audit(db, auditor, "virtual", pid, date(2026, 11, 1), date(2026, 11, 30))
    year = datetime.now().year
    prefix, sequence = first.number.rsplit("-", 1)
    assert prefix == f"AUD-{year}" and len(sequence) == 4
    assert second.number == f"AUD-{year}-{int(sequence) + 1:04d}"
    assert audits.find_audit(db, auditor, second.number.lower()).id == second.id
    assert audits.find_audit(db, auditor, str(second.id)).number == second.number
    with pytest.raises(NotFound):
        audits.find_audit(db, auditor, "AUD-1999-0001")
    assert [a.number for a in audits.list_audits(db, auditor)][:2] == [second.number, first.number]


def test_an_empty_period_or_a_reversed_one_is_refused(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    pid = provider(db, admin)
    with pytest.raises(InvalidInput, match="No hay registros del canal Virtual"):
        audits.create_audit(db, auditor, "virtual", pid, FIRST, LAST)
    with pytest.raises(InvalidInput, match="antes de empezar"):
        audits.create_audit(db, auditor, "virtual", pid, LAST, FIRST)


def test_dates_are_read_in_colombian_or_iso_form() -> None:
    assert audits.parse_day("05/10/2026") == audits.parse_day("2026-10-05") == date(2026, 10, 5)
    assert audits.parse_day("5-10-2026") == date(2026, 10, 5)
    with pytest.raises(InvalidInput, match="no existe"):
        audits.parse_day("31/02/2026")
    with pytest.raises(InvalidInput, match="dd/mm/aaaa"):
        audits.parse_day("octubre")
    assert audits.month_period(2026, 2) == Period(date(2026, 2, 1), date(2026, 2, 28))


def test_states_move_with_the_evaluations_and_ready_needs_half_the_population(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    pid = provider(db, admin)
    store(db, admin, pid, [record("Ana", f"S-{i}", OCTOBER + timedelta(hours=i)) for i in range(5)])
    created = audits.create_audit(db, auditor, "virtual", pid, FIRST, LAST)
    with pytest.raises(InvalidInput, match="Sortee primero"):
        audits.mark_in_review(db, auditor, created.id)
    drawn = sample.draw_audit_sample(db, auditor, created.id, "1", 3)
    assert audits.mark_in_review(db, auditor, created.id).state is AuditState.IN_REVIEW
    for key in drawn.record_keys[:2]:
        evaluate(db, auditor, created.id, key, ALL_MET)
    with pytest.raises(InvalidInput, match=r"al menos el 50 % .*\(3 de 5 registros\).*faltan 1"):
        audits.mark_ready(db, auditor, created.id)
    evaluate(db, auditor, created.id, drawn.record_keys[2], ALL_MET)
    ready = audits.mark_ready(db, auditor, created.id)
    assert (ready.state, ready.evaluated, ready.missing_for_approval) == (AuditState.READY, 3, 0)
    # A late import can take the audit below 50 % again: back to in review.
    store(db, admin, pid, [record("Ana", f"L-{i}", OCTOBER) for i in range(3)])
    sample.refresh_population(db, auditor, created.id)
    assert audits.get_audit(db, auditor, created.id).state is AuditState.IN_REVIEW
    with db.sessions() as session:
        actions = [e.action for e in history(session, "audit", created.id)]
    assert actions[:2] == ["create", "sample_draw"]
    assert actions.count("state") == 3 and "refresh_population" in actions


def test_indicators_so_far_use_the_audits_scheme_thresholds_and_target(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    pid = provider(db, admin)
    store(
        db,
        admin,
        pid,
        [
            record("Ana", "I-1", OCTOBER, answer_hours=5),
            record("Ana", "I-2", OCTOBER, answer_hours=30),  # late: «oportunidad» fails
            record("Luis", "I-3", OCTOBER, answer_hours=2),
            record("Luis", "I-4", OCTOBER, answer_hours=2),
        ],
    )
    drawn = sample.create_audit_and_draw(db, auditor, "virtual", pid, FIRST, LAST, "1", 5)
    empty = indicators.audit_summary(db, auditor, drawn.audit_id)
    assert (
        empty.indicators.overall.records == 0 and empty.indicators.overall.audit_score.value is None
    )
    evaluate(db, auditor, drawn.audit_id, "I-1", ALL_MET, spelling_level="alto")
    evaluate(db, auditor, drawn.audit_id, "I-2", ALL_MET, spelling_level="alto")
    evaluate(db, auditor, drawn.audit_id, "I-3", ALL_MET | {"solucion": "no_cumple"})
    evaluate(db, auditor, drawn.audit_id, "I-4", {"coherencia": "cumple"}, complete=False)
    summary = indicators.audit_summary(db, auditor, drawn.audit_id)
    overall = summary.indicators.overall
    assert overall.records == 3  # the incomplete draft does not count
    # 100, 80 (20 of 100 points late), 0 (critical «solución» failed) → mean 60.
    assert overall.audit_score.value == Decimal("60.00")
    assert overall.audit_score_without_critical.value == Decimal("83.33")  # (100 + 80 + 70) / 3
    assert overall.within_limit_pct.value == Decimal("66.67")
    assert overall.critical_failures == 1
    assert summary.indicators.target == Decimal("90.00")
    assert (summary.population, summary.sampled, summary.evaluated, summary.missing) == (4, 4, 3, 0)
    assert (summary.scheme_name, summary.scheme_version) == ("F182 Atención Virtual", 1)
    data = indicators.summary_as_dict(summary)
    assert json.loads(json.dumps(data)) == data  # plain JSON
    assert data["indicators"]["overall"]["score"] == {
        "value": 60.0,
        "records": 3,
        "meets_target": False,
    }
    assert set(data["indicators"]["by_agent"]) == {"Ana", "Luis"}
    assert data["seed"] == 5 and data["fraction"] == 1.0 and data["state"] == "draft"


def test_a_second_audit_of_an_overlapping_period_is_refused_naming_the_first(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    pid = provider(db, admin)
    store(db, admin, pid, [record("Ana", "D-1"), record("Ana", "D-2", datetime(2026, 11, 3))])
    first = audits.create_audit(db, auditor, "virtual", pid, FIRST, LAST)
    week = audits.week_period(date(2026, 10, 28))  # 26/10 – 01/11: overlaps October
    with pytest.raises(audits.DuplicateAudit, match=first.number) as refused:
        audits.create_audit(db, auditor, "virtual", pid, week.start, week.end)
    assert refused.value.existing == first.number
    assert "26/10/2026 – 01/11/2026" in refused.value.message
    assert [a.id for a in audits.list_audits(db, auditor) if a.provider_id == pid] == [first.id]
    # Another month, or the other channel, is a different visit.
    audits.create_audit(db, auditor, "virtual", pid, date(2026, 11, 1), date(2026, 11, 30))


def test_a_draft_audit_is_annulled_with_its_reason_and_no_longer_blocks_its_period(env) -> None:
    from auditoria_calidad.services.audit_annulment import annul_audit
    from auditoria_calidad.services.reports import report_choices

    db, admin, auditor = env.db, env.admin, env.auditor
    pid = provider(db, admin)
    store(db, admin, pid, [record("Ana", "AN-1"), record("Luis", "AN-2")])
    mistaken = audits.create_audit(db, auditor, "virtual", pid, FIRST, LAST)
    with pytest.raises(InvalidInput, match="motivo"):
        annul_audit(db, auditor, mistaken.id, "  ")
    annulled = annul_audit(db, auditor, mistaken.id, "Creada dos veces por error")
    assert annulled.state is AuditState.ANNULLED and annulled.state_label == "Anulada"
    assert annulled.annul_reason == "Creada dos veces por error"
    assert annulled.annulled_by and annulled.annulled_at is not None
    assert mistaken.id not in [a.id for a in audits.list_audits(db, auditor)]
    shown = audits.list_audits(db, auditor, include_annulled=True)
    assert mistaken.id in [a.id for a in shown]
    assert mistaken.id not in [a.id for a in report_choices(db, admin).audits]
    with db.sessions() as session:
        entries = [(e.action, e.new_value) for e in history(session, "audit", mistaken.id)]
    assert ("annul", "Creada dos veces por error") in entries
    # The period is free again; the annulled one can be neither annulled again nor changed.
    again = audits.create_audit(db, auditor, "virtual", pid, FIRST, LAST)
    assert again.number != mistaken.number
    with pytest.raises(InvalidInput, match="ya está anulada"):
        annul_audit(db, auditor, mistaken.id, "otra vez")
    with pytest.raises(InvalidInput, match="anulada"):
        sample.draw_audit_sample(db, auditor, mistaken.id, seed=1)


def test_an_audit_being_evaluated_cannot_be_annulled(env) -> None:
    from auditoria_calidad.services.audit_annulment import annul_audit

    db, admin, auditor = env.db, env.admin, env.auditor
    pid = provider(db, admin)
    store(db, admin, pid, [record("Ana", "EV-1"), record("Ana", "EV-2")])
    info = audits.create_audit(db, auditor, "virtual", pid, FIRST, LAST)
    sample.draw_audit_sample(db, auditor, info.id, fraction="1", seed=7)
    key = sample.population_pairs(db, auditor, info.id)[0][1]
    evaluate(db, auditor, info.id, key, ALL_MET)
    with pytest.raises(InvalidInput, match="ya tiene 1 evaluación guardada: no se puede anular"):
        annul_audit(db, auditor, info.id, "No corresponde")
    assert audits.get_audit(db, auditor, info.id).state is not AuditState.ANNULLED


def test_the_database_accepts_the_annulled_state_and_refuses_unknown_ones(env) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    db, admin, auditor = env.db, env.admin, env.auditor
    pid = provider(db, admin)
    store(db, admin, pid, [record("Ana", "CK-1")])
    info = audits.create_audit(db, auditor, "virtual", pid, FIRST, LAST)
    with db.engine.begin() as conn:
        conn.execute(text("update audits set state = 'annulled' where id = :i"), {"i": info.id})
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("update audits set state = 'deleted' where id = :i"), {"i": info.id})
