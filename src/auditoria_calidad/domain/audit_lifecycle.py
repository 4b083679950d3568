"""The life of an audit: its states, their names, the moves allowed between them and the
states in which it is read-only (procedure M5-1-01, PRODUCT.md steps 3–8).

The stored value of each state is the word the database keeps; it never changes. The one
Spanish name of each state comes from ``domain.audit_states`` (read by the documents too,
which receive plain values). Every change of an audit's state goes through :func:`move`,
which refuses a move that :data:`MOVES` does not list.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date

from auditoria_calidad.domain.audit_states import audit_state_label

__all__ = [
    "ANNULLABLE_STATES",
    "APPROVABLE_STATES",
    "LOCKED_STATES",
    "MOVES",
    "STATE_LABELS",
    "AuditState",
    "MoveRefused",
    "allowed",
    "move",
]


class AuditState(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    READY = "ready"
    APPROVED = "approved"
    SENT = "sent"
    ANSWERED = "answered"
    IN_COMMITTEE = "in_committee"
    CLOSED = "closed"
    ANNULLED = "annulled"  # a draft created by mistake; kept, excluded from lists and reports


# One name per state everywhere (window, CLI, documents).
STATE_LABELS: Mapping[AuditState, str] = {
    state: audit_state_label(state.value) for state in AuditState
}


def period_label(start: date, end: date) -> str:
    """An audited period as every window, message and document writes it:
    «01/10/2026 – 31/10/2026»."""
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"


_S = AuditState
# Every move an audit may make, from each state. Staying in the same state is no move.
MOVES: Mapping[AuditState, frozenset[AuditState]] = {
    # The first evaluation saved or the auditor starts the review; 50 % evaluated makes it
    # ready; approval only needs the 50 %; a draft created by mistake is annulled.
    _S.DRAFT: frozenset({_S.IN_REVIEW, _S.READY, _S.APPROVED, _S.ANNULLED}),
    _S.IN_REVIEW: frozenset({_S.READY, _S.APPROVED}),
    # Back to review when a refreshed population or a changed evaluation leaves less
    # than 50 % evaluated.
    _S.READY: frozenset({_S.IN_REVIEW, _S.APPROVED}),
    _S.APPROVED: frozenset({_S.SENT}),
    # Answered once every finding has its answer (at once when there is none); the
    # committee may review a sent audit whose answers are late.
    _S.SENT: frozenset({_S.ANSWERED, _S.IN_COMMITTEE}),
    _S.ANSWERED: frozenset({_S.IN_COMMITTEE}),
    _S.IN_COMMITTEE: frozenset({_S.CLOSED}),
    _S.CLOSED: frozenset(),
    _S.ANNULLED: frozenset(),
}

# From approval on, the audit's sample, evaluations and conclusions are read-only
# (PRODUCT.md, step 5).
LOCKED_STATES = frozenset({_S.APPROVED, _S.SENT, _S.ANSWERED, _S.IN_COMMITTEE, _S.CLOSED})
# Only a draft nobody has started evaluating may be annulled.
ANNULLABLE_STATES = frozenset(s for s, targets in MOVES.items() if _S.ANNULLED in targets)
APPROVABLE_STATES = frozenset(s for s, targets in MOVES.items() if _S.APPROVED in targets)


class MoveRefused(ValueError):
    """A change of state the lifecycle does not allow; the message is Spanish."""

    def __init__(self, state: AuditState, target: AuditState) -> None:
        self.state = state
        self.target = target
        super().__init__(
            f"Una auditoría «{STATE_LABELS[state]}» no puede pasar a «{STATE_LABELS[target]}»."
        )


def allowed(state: AuditState, target: AuditState) -> bool:
    """Whether an audit in ``state`` may end up in ``target`` (staying put is allowed)."""
    return state is target or target in MOVES[state]


def move(state: AuditState, target: AuditState) -> AuditState:
    """The state after moving from ``state`` to ``target``; MoveRefused if not allowed."""
    if not allowed(state, target):
        raise MoveRefused(state, target)
    return target
