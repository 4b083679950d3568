"""The committee's day: many decisions at once, an acta that opens with a summary, and
what each provider receives of a session that reviewed several providers.

One database per engine; each test opens its own providers and people, and leaves nothing
under follow-up or open (those would join every later session).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

from audit_data import ENGINES, open_env
from auditoria_calidad.services import approval, committee, findings
from auditoria_calidad.services import committee_minutes as minutes
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.audit_trail import history
from auditoria_calidad.services.committee_conflicts import NO_DECISION
from auditoria_calidad.services.committee_decisions import StaleDecisions
from auditoria_calidad.services.errors import InvalidInput, PermissionDenied
from cycle_data import evaluated_audit, new_provider, people

sys.path.insert(0, str(Path(__file__).parents[1] / "reporting"))
from reading import flat, page_texts

ANSWER = answers.AnswerDraft(
    "El agente no aplicó el protocolo de respuesta.",
    "Retroalimentación individual y seguimiento semanal.",
    "Coordinadora de calidad",
    date(2026, 12, 15),
)
AGENTS_A = ("Ana María Gómez", "Luis Fernando Pérez")
AGENTS_B = ("Hernando Quintero Ríos", "Yolanda Bermúdez Salas")


@pytest.fixture(scope="module", params=ENGINES)
def env(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    yield from open_env(request, tmp_path_factory)


@pytest.fixture
def two(env):  # type: ignore[no-untyped-def]
    """Two providers, each with an audit sent and answered (all but ``unanswered``)."""
    a, b = new_provider(env.db, env.admin), new_provider(env.db, env.admin)
    who = people(env.db, env.admin, a[1], b[1])
    audit_a = evaluated_audit(env.db, env.admin, who.auditor, a, count=6, agents=AGENTS_A)
    audit_b = evaluated_audit(env.db, env.admin, who.auditor, b, count=6, agents=AGENTS_B)
    for audit, manager in ((audit_a, who.manager), (audit_b, who.other_manager)):
        approval.approve_audit(env.db, who.head, audit.audit_id)
        approval.send_to_provider(env.db, who.head, audit.audit_id)
        for finding in findings.list_findings(env.db, manager, audit.audit_id)[1:]:
            answers.save_answer(env.db, manager, finding.id, ANSWER)
    return who, audit_a, audit_b


def _attend(env, who, session_id: int) -> None:  # type: ignore[no-untyped-def]
    committee.add_attendee(
        env.db, who.committee, session_id, "Marta Lucía Rincón", "Vicepresidenta"
    )


def _finish(env, who, session_id: int, *audits) -> bytes:  # type: ignore[no-untyped-def]
    """Decide what is left, issue the acta and close the audits."""
    pending = [
        f.id
        for a in audits
        for f in findings.list_findings(env.db, who.head, a.audit_id)
        if f.committee_state is None
    ]
    if pending:
        committee.record_decisions(
            env.db, who.committee, session_id, [(fid, "aceptada", "") for fid in pending]
        )
    _attend(env, who, session_id)
    _info, pdf = minutes.issue_minutes(env.db, who.committee, session_id)
    for a in audits:
        approval.close_audit(env.db, who.committee, a.audit_id)
    return pdf


def test_accepting_every_answered_undecided_finding_is_one_logged_batch(env, two) -> None:
    who, audit_a, audit_b = two
    info = committee.create_session(
        env.db, who.committee, date(2026, 12, 14), [audit_a.audit_id, audit_b.audit_id]
    )
    all_a = findings.list_findings(env.db, who.head, audit_a.audit_id)
    all_b = findings.list_findings(env.db, who.head, audit_b.audit_id)
    committee.record_decision(env.db, who.committee, info.id, all_a[1].id, "no_aceptada", "Falta")
    result = committee.decide_answered(env.db, who.committee, info.id, "aceptada")
    # The first finding of each audit has no answer; one more was decided already.
    expected = [f for f in all_a[2:] + all_b[1:]]
    assert result.recorded == len(expected)
    assert set(result.references) == {f"{f.audit_number}/{f.number}" for f in expected}
    states = {
        f.id: f.committee_state
        for a in (audit_a, audit_b)
        for f in findings.list_findings(env.db, who.head, a.audit_id)
    }
    assert states[all_a[1].id] is committee.Decision.REJECTED  # not overwritten
    assert states[all_a[0].id] is None and states[all_b[0].id] is None  # unanswered
    assert all(states[f.id] is committee.Decision.ACCEPTED for f in expected)
    with env.db.sessions() as session:
        log = history(session, "finding", expected[-1].id)
    assert [(e.old_value, e.new_value, e.username) for e in log] == [
        (None, "accepted", who.committee.username)
    ]
    with pytest.raises(InvalidInput, match="no quedan inconsistencias respondidas"):
        committee.decide_answered(env.db, who.committee, info.id, "aceptada")
    with pytest.raises(InvalidInput, match="observación del comité"):
        committee.decide_answered(env.db, who.committee, info.id, "seguimiento")
    with pytest.raises(PermissionDenied):
        committee.decide_answered(env.db, who.auditor, info.id, "aceptada")
    _finish(env, who, info.id, audit_a, audit_b)


def test_a_batch_with_one_stale_decision_records_nothing(env, two) -> None:
    who, audit_a, audit_b = two
    info = committee.create_session(
        env.db, who.committee, date(2026, 12, 15), [audit_a.audit_id, audit_b.audit_id]
    )
    ids = [f.id for f in findings.list_findings(env.db, who.head, audit_a.audit_id)]
    seen = dict.fromkeys(ids, NO_DECISION)
    # Someone else decides one of them after the window showed the list.
    committee.record_decision(env.db, who.head, info.id, ids[2], "seguimiento", "Revisar")
    with pytest.raises(StaleDecisions, match="No se registró ninguna decisión") as refused:
        committee.record_decisions(
            env.db,
            who.committee,
            info.id,
            [(fid, "aceptada", "") for fid in ids],
            expected=seen,
        )
    assert refused.value.references == [f"{audit_a.number}/3"]
    states = [f.committee_state for f in findings.list_findings(env.db, who.head, audit_a.audit_id)]
    assert states.count(None) == len(ids) - 1
    committee.record_decision(env.db, who.committee, info.id, ids[2], "aceptada")
    _finish(env, who, info.id, audit_a, audit_b)


def test_a_large_batch_takes_a_fixed_number_of_statements(env) -> None:
    provider = new_provider(env.db, env.admin)
    who = people(env.db, env.admin, provider[1], provider[1])
    audit = evaluated_audit(env.db, env.admin, who.auditor, provider, count=60)
    approval.approve_audit(env.db, who.head, audit.audit_id)
    approval.send_to_provider(env.db, who.head, audit.audit_id)
    listed = findings.list_findings(env.db, who.manager, audit.audit_id)
    for finding in listed:
        answers.save_answer(env.db, who.manager, finding.id, ANSWER)
    info = committee.create_session(env.db, who.committee, date(2026, 12, 16), [audit.audit_id])
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(env.db.engine, "before_cursor_execute", count)
    try:
        result = committee.decide_answered(env.db, who.committee, info.id, "aceptada")
    finally:
        event.remove(env.db.engine, "before_cursor_execute", count)
    assert result.recorded == len(listed) >= 30
    assert len(statements) < 25, (
        __import__("collections").Counter(s[:70] for s in statements).most_common(6)
    )
    _finish(env, who, info.id, audit)


def test_each_provider_receives_only_its_own_findings_hashed_and_verifiable(env, two) -> None:
    who, audit_a, audit_b = two
    info = committee.create_session(
        env.db, who.committee, date(2026, 12, 17), [audit_a.audit_id, audit_b.audit_id]
    )
    ids_a = [f.id for f in findings.list_findings(env.db, who.head, audit_a.audit_id)]
    committee.add_commitment(
        env.db,
        who.committee,
        info.id,
        "Reentrenar al equipo A",
        "Coordinación A",
        audit_id=audit_a.audit_id,
        finding_id=ids_a[1],
    )
    committee.add_commitment(
        env.db,
        who.committee,
        info.id,
        "Reentrenar al equipo B",
        "Coordinación B",
        audit_id=audit_b.audit_id,
    )
    full = _finish_without_closing(env, who, info.id, audit_a, audit_b)
    a_id, b_id = audit_a.provider_id, audit_b.provider_id
    assert [p for p, _n in minutes.minutes_providers(env.db, who.head, info.id)] == sorted(
        [a_id, b_id], key=lambda pid: audit_a.provider if pid == a_id else audit_b.provider
    )
    extract_a = minutes.provider_minutes_pdf(env.db, who.head, info.id, a_id)
    extract_b = minutes.provider_minutes_pdf(env.db, who.head, info.id, b_id)
    text_full, text_a, text_b = (
        flat(" ".join(page_texts(p))) for p in (full, extract_a, extract_b)
    )
    for audit, own, other, action in (
        (audit_a, text_a, text_b, "Reentrenar al equipo A"),
        (audit_b, text_b, text_a, "Reentrenar al equipo B"),
    ):
        listed = findings.list_findings(env.db, who.head, audit.audit_id)
        words = {f.key for f in listed} | {f.agent for f in listed} | {audit.number, action}
        assert len(words) >= 5
        for word in map(flat, words):
            assert word in text_full and word in own and word not in other, word
    assert flat(f"extracto para {audit_a.provider}") in text_a
    # Each document matches the hash recorded at the issue; the wrong one does not.
    assert minutes.verify_minutes(env.db, who.head, info.id, full).matches
    assert minutes.verify_minutes(env.db, who.head, info.id, extract_a, a_id).matches
    assert minutes.verify_minutes(env.db, who.head, info.id, extract_b, b_id).matches
    assert not minutes.verify_minutes(env.db, who.head, info.id, extract_b, a_id).matches
    assert not minutes.verify_minutes(env.db, who.head, info.id, extract_a).matches
    # The provider's manager may fetch its own extract, never the other's or the full acta.
    assert minutes.provider_minutes_pdf(env.db, who.manager, info.id, a_id) == extract_a
    with pytest.raises(PermissionDenied):
        minutes.provider_minutes_pdf(env.db, who.manager, info.id, b_id)
    with pytest.raises(PermissionDenied, match="extracto del acta"):
        minutes.minutes_pdf(env.db, who.manager, info.id)
    # The next session closes both commitments, so that nothing carries over.
    later = committee.create_session(env.db, who.committee, date(2026, 12, 18), [])
    for commitment in committee.get_session(env.db, who.head, later.id).follow_up:
        committee.close_commitment(env.db, who.committee, later.id, commitment.id)
    _attend(env, who, later.id)
    minutes.issue_minutes(env.db, who.committee, later.id)
    for audit in (audit_a, audit_b):
        approval.close_audit(env.db, who.committee, audit.audit_id)


def _finish_without_closing(env, who, session_id: int, *audits) -> bytes:  # type: ignore[no-untyped-def]
    committee.decide_answered(env.db, who.committee, session_id, "aceptada")
    pending = [
        f.id
        for a in audits
        for f in findings.list_findings(env.db, who.head, a.audit_id)
        if f.committee_state is None
    ]
    committee.record_decisions(
        env.db, who.committee, session_id, [(fid, "aceptada", "") for fid in pending]
    )
    _attend(env, who, session_id)
    return minutes.issue_minutes(env.db, who.committee, session_id)[1]
