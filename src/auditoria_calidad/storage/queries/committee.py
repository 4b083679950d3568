"""Committee sessions: the sessions, the audits they review, their attendees and what
their tables count.

The decisions live in `committee_decisions`, the minutes and extracts in
`committee_minutes`.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from auditoria_calidad.storage.models import (
    Attendee,
    Audit,
    AuditState,
    Commitment,
    CommitmentState,
    CommitteeDecision,
    CommitteeSession,
    Decision,
    Finding,
    Provider,
    SessionAudit,
    SessionState,
)

# --- The sessions -------------------------------------------------------------------------


def audit_ids_of_session(session: Session, session_id: int) -> list[int]:
    """Ids of the audits a committee session reviews."""
    return list(
        session.scalars(select(SessionAudit.audit_id).where(SessionAudit.session_id == session_id))
    )


def sessions_newest_first(
    session: Session, state: SessionState | None = None
) -> list[CommitteeSession]:
    """Every committee session (or those in ``state``), newest first."""
    query = select(CommitteeSession)
    if state is not None:
        query = query.where(CommitteeSession.state == state)
    return list(
        session.scalars(query.order_by(CommitteeSession.held_on.desc(), CommitteeSession.id.desc()))
    )


def session_by_acta_number(session: Session, acta_number: str) -> CommitteeSession | None:
    """The session whose acta number is ``acta_number``, ignoring case."""
    return session.scalar(
        select(CommitteeSession).where(
            func.upper(CommitteeSession.acta_number) == acta_number.upper()
        )
    )


def session_id_with_acta(session: Session, acta_number: str) -> int | None:
    """The id of the session whose acta number is exactly ``acta_number``."""
    return session.scalar(
        select(CommitteeSession.id).where(CommitteeSession.acta_number == acta_number)
    )


def acta_numbers_starting(session: Session, prefix: str) -> list[str]:
    """Acta numbers that begin with ``prefix`` («ACTA-2026-»)."""
    return list(
        session.scalars(
            select(CommitteeSession.acta_number).where(
                CommitteeSession.acta_number.like(f"{prefix}%")
            )
        )
    )


# --- What the session tables count --------------------------------------------------------


def session_audit_links(
    session: Session, session_ids: Collection[int]
) -> list[tuple[int, int, str, int]]:
    """(session id, audit id, audit number, provider id) of the sessions' audits, by number."""
    return list(
        session.execute(
            select(SessionAudit.session_id, Audit.id, Audit.number, Audit.provider_id)
            .join(Audit, Audit.id == SessionAudit.audit_id)
            .where(SessionAudit.session_id.in_(session_ids))
            .order_by(Audit.number)
        ).all()
    )


def finding_states_of_audits(
    session: Session, audit_ids: Collection[int]
) -> list[tuple[int, int, Decision | None]]:
    """(finding id, audit id, committee state) of every finding of the audits."""
    return list(
        session.execute(
            select(Finding.id, Finding.audit_id, Finding.committee_state).where(
                Finding.audit_id.in_(audit_ids)
            )
        ).all()
    )


def decided_findings_of_sessions(
    session: Session, session_ids: Collection[int]
) -> list[tuple[int, int]]:
    """(session id, finding id) of every decision recorded in the sessions."""
    return list(
        session.execute(
            select(CommitteeDecision.session_id, CommitteeDecision.finding_id).where(
                CommitteeDecision.session_id.in_(session_ids)
            )
        ).all()
    )


def attendee_counts(session: Session, session_ids: Collection[int]) -> dict[int, int]:
    """Session id → how many attendees it lists (sessions without any are left out)."""
    return dict(
        session.execute(
            select(Attendee.session_id, func.count())
            .where(Attendee.session_id.in_(session_ids))
            .group_by(Attendee.session_id)
        ).all()
    )


def decision_counts(session: Session, session_ids: Collection[int]) -> dict[int, int]:
    """Session id → how many decisions it recorded (sessions without any are left out)."""
    return dict(
        session.execute(
            select(CommitteeDecision.session_id, func.count())
            .where(CommitteeDecision.session_id.in_(session_ids))
            .group_by(CommitteeDecision.session_id)
        ).all()
    )


def commitment_counts(session: Session, session_ids: Collection[int]) -> dict[int, int]:
    """Session id → how many commitments it agreed (sessions without any are left out)."""
    return dict(
        session.execute(
            select(Commitment.session_id, func.count())
            .where(Commitment.session_id.in_(session_ids))
            .group_by(Commitment.session_id)
        ).all()
    )


# --- What a session shows -----------------------------------------------------------------


def attendees_of_session(session: Session, session_id: int) -> list[Attendee]:
    """The session's attendees in the order they were added."""
    return list(
        session.scalars(
            select(Attendee).where(Attendee.session_id == session_id).order_by(Attendee.id)
        )
    )


def count_present_attendees(session: Session, session_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                Attendee.session_id == session_id, Attendee.present.is_(True)
            )
        )
        or 0
    )


def audits_by_number(session: Session, audit_ids: Collection[int]) -> list[Audit]:
    """The audits with these ids, by number."""
    return list(
        session.scalars(select(Audit).where(Audit.id.in_(audit_ids)).order_by(Audit.number))
    )


def commitments_agreed_in(session: Session, session_id: int) -> list[Commitment]:
    """The commitments agreed in the session, in the order they were agreed."""
    return list(
        session.scalars(
            select(Commitment).where(Commitment.session_id == session_id).order_by(Commitment.id)
        )
    )


def follow_up_commitments(session: Session, session_id: int) -> list[Commitment]:
    """Earlier sessions' commitments reviewed in this one: open ones, and those closed here."""
    return list(
        session.scalars(
            select(Commitment)
            .where(
                Commitment.session_id != session_id,
                Commitment.session_id < session_id,
                or_(
                    Commitment.state == CommitmentState.OPEN,
                    Commitment.closed_in_session_id == session_id,
                ),
            )
            .order_by(Commitment.id)
        )
    )


def reviewable_audit_rows(
    session: Session, states: Collection[AuditState]
) -> list[tuple[int, str, str, AuditState]]:
    """(id, number, provider name, state) of the audits in ``states``, by number."""
    return list(
        session.execute(
            select(Audit.id, Audit.number, Provider.name, Audit.state)
            .join(Provider, Provider.id == Audit.provider_id)
            .where(Audit.state.in_(states))
            .order_by(Audit.number)
        ).all()
    )


# --- Opening a session --------------------------------------------------------------------


def carried_over_audits(session: Session) -> list[Audit]:
    """Audits in committee with a finding under follow-up or an open commitment, by number."""
    follow = select(Finding.audit_id).where(Finding.committee_state == Decision.FOLLOW_UP)
    open_commitments = select(Commitment.audit_id).where(
        Commitment.state == CommitmentState.OPEN, Commitment.audit_id.is_not(None)
    )
    return list(
        session.scalars(
            select(Audit)
            .where(
                Audit.state == AuditState.IN_COMMITTEE,
                or_(Audit.id.in_(follow), Audit.id.in_(open_commitments)),
            )
            .order_by(Audit.number)
        )
    )


def count_all_open_commitments(session: Session) -> int:
    return session.scalar(select(func.count()).where(Commitment.state == CommitmentState.OPEN)) or 0
