"""The committee's decisions on findings: reading them (locked when about to change),
recording many at once, and who recorded them.

A batch of decisions is written with a fixed number of statements whatever its size: the
new rows and their log entries as one executemany each, the findings' state as one UPDATE
per kind of decision.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from sqlalchemy import insert, or_, select, update
from sqlalchemy.orm import Session

from auditoria_calidad.storage.models import (
    Audit,
    AuditLogEntry,
    CommitteeDecision,
    Decision,
    Finding,
    ProviderAnswer,
)


def decisions_of_session(session: Session, session_id: int) -> list[CommitteeDecision]:
    """Every decision recorded in the session."""
    return list(
        session.scalars(select(CommitteeDecision).where(CommitteeDecision.session_id == session_id))
    )


def decision_for_update(
    session: Session, session_id: int, finding_id: int
) -> CommitteeDecision | None:
    """The session's decision on the finding, locked: a concurrent decision waits, then
    sees this one."""
    return session.scalar(
        select(CommitteeDecision)
        .where(
            CommitteeDecision.session_id == session_id, CommitteeDecision.finding_id == finding_id
        )
        .with_for_update()
    )


def decisions_for_update(
    session: Session, session_id: int, finding_ids: Collection[int]
) -> list[CommitteeDecision]:
    """The session's decisions on these findings, locked (see `decision_for_update`)."""
    return list(
        session.scalars(
            select(CommitteeDecision)
            .where(
                CommitteeDecision.session_id == session_id,
                CommitteeDecision.finding_id.in_(finding_ids),
            )
            .with_for_update()
        )
    )


def findings_for_update(session: Session, finding_ids: Collection[int]) -> list[Finding]:
    """The findings with these ids, locked until the transaction ends."""
    return list(
        session.scalars(select(Finding).where(Finding.id.in_(finding_ids)).with_for_update())
    )


def audit_numbers(session: Session, audit_ids: Collection[int]) -> dict[int, str]:
    """Audit id → its number («AUD-2026-0001»)."""
    return dict(
        session.execute(select(Audit.id, Audit.number).where(Audit.id.in_(audit_ids))).all()
    )


def answered_undecided_finding_ids(
    session: Session, session_id: int, audit_ids: Collection[int]
) -> list[int]:
    """Ids of the audits' findings with a submitted answer, no decision in this session and
    none settled by an earlier one, by audit number and finding number."""
    decided_here = select(CommitteeDecision.finding_id).where(
        CommitteeDecision.session_id == session_id
    )
    return list(
        session.scalars(
            select(Finding.id)
            .join(ProviderAnswer, ProviderAnswer.finding_id == Finding.id)
            .join(Audit, Audit.id == Finding.audit_id)
            .where(
                Finding.audit_id.in_(audit_ids),
                ProviderAnswer.submitted_at.is_not(None),
                Finding.id.not_in(decided_here),
                or_(
                    Finding.committee_state.is_(None),
                    Finding.committee_state == Decision.FOLLOW_UP,
                ),
            )
            .order_by(Audit.number, Finding.number, Finding.id)
        )
    )


def insert_decisions(session: Session, rows: Sequence[Mapping[str, object]]) -> None:
    """New decisions (column → value each) as one executemany, without RETURNING per row."""
    session.execute(insert(CommitteeDecision), list(rows))


def decision_ids_by_finding(
    session: Session, session_id: int, finding_ids: Collection[int]
) -> dict[int, int]:
    """Finding id → the id of the session's decision on it."""
    return dict(
        session.execute(
            select(CommitteeDecision.finding_id, CommitteeDecision.id).where(
                CommitteeDecision.session_id == session_id,
                CommitteeDecision.finding_id.in_(finding_ids),
            )
        ).all()
    )


def set_committee_state(session: Session, finding_ids: Collection[int], state: Decision) -> None:
    """One UPDATE: the findings' committee state, the loaded objects refreshed too."""
    session.execute(
        update(Finding).where(Finding.id.in_(finding_ids)).values(committee_state=state),
        execution_options={"synchronize_session": "fetch"},
    )


def insert_log_entries(session: Session, rows: Sequence[Mapping[str, object]]) -> None:
    """Audit log entries (column → value each) as one executemany."""
    session.execute(insert(AuditLogEntry), list(rows))


def last_commitment_state_entry(session: Session, commitment_id: int) -> AuditLogEntry | None:
    """The latest log entry of a change to the commitment's state (who closed it)."""
    return session.scalar(
        select(AuditLogEntry)
        .where(
            AuditLogEntry.entity == "commitment",
            AuditLogEntry.entity_id == commitment_id,
            AuditLogEntry.field == "estado",
        )
        .order_by(AuditLogEntry.id.desc())
        .limit(1)
    )
