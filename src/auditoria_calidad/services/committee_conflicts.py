"""Committee edits on stale data are refused, never applied blindly.

The window (and the command line with ``--expected``) says which decision the user saw when
deciding; when another member of the committee recorded a different one meanwhile, the use
case raises `DecisionConflict` with what is stored now, so the user can compare and choose.
The existing row values (decision and the moment it was recorded) serve as its version.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from auditoria_calidad.services.committee_dtos import NO_DECISION as NO_DECISION
from auditoria_calidad.services.committee_dtos import DecisionStamp as DecisionStamp
from auditoria_calidad.services.errors import ConcurrentEdit
from auditoria_calidad.services.findings import DECISION_LABELS
from auditoria_calidad.storage.models import Commitment, CommitteeDecision, Finding
from auditoria_calidad.storage.queries.administration import user_display_names
from auditoria_calidad.storage.queries.committee_decisions import (
    decisions_of_session,
    last_commitment_state_entry,
)

__all__ = [
    "NO_DECISION",
    "DecisionConflict",
    "DecisionStamp",
    "check_expected",
    "commitment_already_closed",
    "session_stamps",
]


class DecisionConflict(ConcurrentEdit):
    """Someone recorded another decision meanwhile; ``saved`` is what is stored now."""

    def __init__(self, saved: DecisionStamp, finding_number: int | None) -> None:
        if saved.decision is None or saved.decided_at is None:
            what = f"La decisión sobre el hallazgo N.º {finding_number} cambió"
        else:
            what = (
                f"{saved.decided_by} registró «{DECISION_LABELS[saved.decision]}» sobre el "
                f"hallazgo N.º {finding_number} a las {saved.decided_at:%H:%M} del "
                f"{saved.decided_at:%d/%m/%Y}"
            )
        super().__init__(
            f"{what} mientras usted lo decidía. No se registró nada: compare las dos "
            "decisiones y elija cuál conservar."
        )
        self.saved = saved
        self.finding_number = finding_number


def _stamp(row: CommitteeDecision, names: dict[int, str]) -> DecisionStamp:
    return DecisionStamp(
        row.decision, row.observation, names.get(row.decided_by, "otro usuario"), row.decided_at
    )


def session_stamps(session: Session, session_id: int) -> dict[int, DecisionStamp]:
    """Finding id → the stamp of its decision in the session (only decided findings)."""
    rows = decisions_of_session(session, session_id)
    names = user_display_names(session, {r.decided_by for r in rows})
    return {r.finding_id: _stamp(r, names) for r in rows}


def check_expected(
    session: Session,
    existing: CommitteeDecision | None,
    finding: Finding,
    expected: DecisionStamp | None,
) -> None:
    """Refuse (DecisionConflict) when the stored decision is not the one the user saw."""
    if expected is None:
        return
    current = (
        NO_DECISION
        if existing is None
        else _stamp(existing, user_display_names(session, {existing.decided_by}))
    )
    if current.differs_from(expected):
        raise DecisionConflict(current, finding.number)


def commitment_already_closed(session: Session, commitment: Commitment) -> ConcurrentEdit:
    """The refusal to close a commitment someone else closed since it was shown."""
    entry = last_commitment_state_entry(session, commitment.id)
    who = "Otro usuario"
    if entry is not None and entry.user_id is not None:
        who = user_display_names(session, {entry.user_id}).get(entry.user_id, entry.username)
    elif entry is not None:
        who = entry.username
    when = commitment.closed_at
    moment = f" a las {when:%H:%M} del {when:%d/%m/%Y}" if when else ""
    return ConcurrentEdit(
        f"{who} ya cerró el compromiso {commitment.id}{moment}. No se cambió nada: la lista "
        "se actualizó con su estado actual."
    )
