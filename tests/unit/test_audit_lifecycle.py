"""The audit lifecycle as a table: every pair of states is either an allowed move or refused."""

from __future__ import annotations

import itertools

import pytest

from auditoria_calidad.domain.audit_lifecycle import (
    ANNULLABLE_STATES,
    APPROVABLE_STATES,
    LOCKED_STATES,
    MOVES,
    STATE_LABELS,
    AuditState,
    MoveRefused,
    move,
)
from auditoria_calidad.domain.audit_states import AUDIT_STATE_LABELS

S = AuditState
# The procedure, written out once more by hand: what the code does today.
EXPECTED_MOVES = {
    (S.DRAFT, S.IN_REVIEW),
    (S.DRAFT, S.READY),
    (S.DRAFT, S.APPROVED),
    (S.DRAFT, S.ANNULLED),
    (S.IN_REVIEW, S.READY),
    (S.IN_REVIEW, S.APPROVED),
    (S.READY, S.IN_REVIEW),
    (S.READY, S.APPROVED),
    (S.APPROVED, S.SENT),
    (S.SENT, S.ANSWERED),
    (S.SENT, S.IN_COMMITTEE),
    (S.ANSWERED, S.IN_COMMITTEE),
    (S.IN_COMMITTEE, S.CLOSED),
}
PAIRS = list(itertools.product(AuditState, repeat=2))


def test_the_table_names_every_state_and_only_states() -> None:
    assert set(MOVES) == set(AuditState)
    assert {(a, b) for a, targets in MOVES.items() for b in targets} == EXPECTED_MOVES


@pytest.mark.parametrize(("state", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_every_pair_is_allowed_or_refused_as_the_table_says(
    state: AuditState, target: AuditState
) -> None:
    if state is target or (state, target) in EXPECTED_MOVES:
        assert move(state, target) is target
        return
    with pytest.raises(MoveRefused) as refused:
        move(state, target)
    message = str(refused.value)
    assert f"«{STATE_LABELS[state]}»" in message and f"«{STATE_LABELS[target]}»" in message
    assert message.startswith("Una auditoría") and "no puede pasar a" in message


def test_closed_and_annulled_are_the_end() -> None:
    assert MOVES[S.CLOSED] == frozenset() and MOVES[S.ANNULLED] == frozenset()
    # Every state but those two can still go somewhere.
    assert {s for s, targets in MOVES.items() if not targets} == {S.CLOSED, S.ANNULLED}


def test_locked_states_never_move_back_to_an_editable_state() -> None:
    assert {S.APPROVED, S.SENT, S.ANSWERED, S.IN_COMMITTEE, S.CLOSED} == LOCKED_STATES
    for state in LOCKED_STATES:
        assert MOVES[state] <= LOCKED_STATES
    # Approval is the only way in.
    entries = {(a, b) for a, b in EXPECTED_MOVES if b in LOCKED_STATES and a not in LOCKED_STATES}
    assert {b for _a, b in entries} == {S.APPROVED}


def test_derived_sets() -> None:
    assert {S.DRAFT} == ANNULLABLE_STATES
    assert {S.DRAFT, S.IN_REVIEW, S.READY} == APPROVABLE_STATES


def test_stored_values_and_labels_do_not_change() -> None:
    assert [s.value for s in AuditState] == [
        "draft",
        "in_review",
        "ready",
        "approved",
        "sent",
        "answered",
        "in_committee",
        "closed",
        "annulled",
    ]
    assert {s: AUDIT_STATE_LABELS[s.value] for s in AuditState} == dict(STATE_LABELS)


def test_storage_uses_the_domain_states() -> None:
    from auditoria_calidad.services import audits
    from auditoria_calidad.storage import models

    assert models.AuditState is AuditState
    assert audits.LOCKED_STATES is LOCKED_STATES


def test_the_service_refuses_a_move_the_table_does_not_allow(db, admin) -> None:  # type: ignore[no-untyped-def]
    from auditoria_calidad.services import approval
    from auditoria_calidad.services.audits import move_audit
    from auditoria_calidad.services.errors import InvalidInput
    from auditoria_calidad.storage.models import Audit
    from cycle_data import evaluated_audit, new_provider, people

    mine, other = new_provider(db, admin), new_provider(db, admin)
    who = people(db, admin, mine[1], other[1])
    audit = evaluated_audit(db, admin, who.auditor, mine, count=4)
    approval.approve_audit(db, who.head, audit.audit_id)
    with pytest.raises(InvalidInput) as refused, db.transaction() as session:
        move_audit(session, who.head, session.get(Audit, audit.audit_id), S.DRAFT)
    assert refused.value.message == (
        f"La auditoría {audit.number} está «Aprobada»: no puede pasar a «Borrador»."
    )
    with db.sessions() as session:
        assert session.get(Audit, audit.audit_id).state is S.APPROVED
