"""The minutes (acta) of a committee session: their data, the draft preview, the issue.

Issuing stores the PDF with its SHA-256 and makes the session read-only (every change
in ``services.committee`` refuses an issued session). The data comes from the database
only (no clock but the issue moment, stored), so an issued acta can be written again
byte for byte.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.reporting.minutes_report import (
    MinutesAnswer,
    MinutesAttendee,
    MinutesAudit,
    MinutesCommitment,
    MinutesData,
    MinutesFinding,
    write_minutes,
)
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.audits import audit_counts
from auditoria_calidad.services.committee import (
    CommitmentInfo,
    SessionDetail,
    SessionInfo,
    committee_session,
    session_audit_ids,
    session_detail,
    session_infos,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.evaluations import audit_scheme
from auditoria_calidad.services.findings import DECISION_LABELS
from auditoria_calidad.services.indicators import indicators_in_session
from auditoria_calidad.services.report_data import letterhead
from auditoria_calidad.storage.models import (
    Attendee,
    Audit,
    CommitmentState,
    CommitteeDecision,
    CommitteeSession,
    Decision,
    Finding,
    SessionState,
)

__all__ = ["issue_minutes", "minutes_pdf", "regenerate_minutes"]


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


# --- Minutes ------------------------------------------------------------------------------


def _undecided(session: Session, row: CommitteeSession) -> list[str]:
    """«AUD-2026-0001/3» for every finding of the session's audits still undecided."""
    rows = session.execute(
        select(Audit.number, Finding.number)
        .join(Audit, Audit.id == Finding.audit_id)
        .where(
            Finding.audit_id.in_(session_audit_ids(session, row.id)),
            Finding.committee_state.is_(None),
        )
        .order_by(Audit.number, Finding.number, Finding.id)
    ).all()
    return [f"{audit}/{number}" for audit, number in rows]


def _agenda_lines(agenda: str) -> tuple[str, ...]:
    """Agenda items, one per line, without the numbers the writer adds again."""
    lines = (line.strip() for line in agenda.splitlines())
    return tuple(
        item.lstrip("0123456789").lstrip(".)-– ").strip() or item for item in lines if item
    )


def _minutes_commitment(c: CommitmentInfo) -> MinutesCommitment:
    return MinutesCommitment(
        number=c.id,
        action=c.action,
        responsible=c.responsible,
        organization=c.organization,
        due_date=c.due_date,
        state=c.state_label,
        reference=c.reference,
        agreed_in=c.acta_number,
        closed=c.state is CommitmentState.CLOSED,
        closed_on=c.closed_at.date() if c.closed_at else None,
    )


def _minutes_data(session: Session, row: CommitteeSession, detail: SessionDetail) -> MinutesData:
    """The minutes' plain data; dated at the issue (a draft preview: at the session date)."""
    earlier_follow = set(
        session.scalars(
            select(CommitteeDecision.finding_id).where(
                CommitteeDecision.session_id < row.id,
                CommitteeDecision.decision == Decision.FOLLOW_UP,
            )
        )
    )
    audits = []
    for view in detail.audits:
        audit = session.get(Audit, view.audit_id)
        assert audit is not None
        figures = indicators_in_session(session, audit, audit_scheme(audit)).overall
        counts = audit_counts(session, [audit.id])[audit.id]
        findings = []
        for f in view.findings:
            decided_here = view.decisions.get(f.id)
            if decided_here is None and f.committee_state in (Decision.ACCEPTED, Decision.REJECTED):
                continue  # settled in an earlier session
            answer = f.answer
            decision, note = decided_here or (None, "")
            findings.append(
                MinutesFinding(
                    number=f.number,
                    key=f.key,
                    agent=f.agent,
                    criterion=f.criterion_label,
                    observation=f.observation,
                    answer=None
                    if answer is None or answer.submitted_at is None
                    else MinutesAnswer(
                        answer.cause_analysis,
                        answer.corrective_action,
                        answer.responsible,
                        answer.commitment_date,
                        answer.late,
                    ),
                    decision=decision.value if decision else "",
                    decision_label=DECISION_LABELS[decision] if decision else "",
                    decision_observation=note,
                    carried_over=f.id in earlier_follow,
                )
            )
        audits.append(
            MinutesAudit(
                number=audit.number,
                channel=audit.channel.label,
                provider=view.provider,
                period_start=audit.period_start,
                period_end=audit.period_end,
                score=figures.audit_score.value,
                target=audit.target_score,
                evaluated=counts.evaluated,
                population=counts.population,
                response_deadline=audit.response_deadline,
                findings=tuple(findings),
                sampled=counts.sampled,
            )
        )
    return MinutesData(
        letterhead=letterhead(session, "minutes_code"),
        acta_number=row.acta_number,
        held_on=row.held_on,
        place=row.place,
        attendees=tuple(
            MinutesAttendee(a.name, a.position, a.organization, a.present) for a in detail.attendees
        ),
        agenda=_agenda_lines(row.agenda),
        audits=tuple(audits),
        commitments=tuple(_minutes_commitment(c) for c in detail.commitments),
        follow_up=tuple(_minutes_commitment(c) for c in detail.follow_up),
        draft=row.state is not SessionState.ISSUED,
        issued_at=row.issued_at,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        chair=row.chair or "",
        secretary=row.secretary or "",
        quorum=row.quorum,
        conclusions=row.conclusions or "",
    )


def issue_minutes(db: Database, actor: Actor, session_id: int) -> tuple[SessionInfo, bytes]:
    """Issue the minutes: PDF stored with its SHA-256; the session becomes read-only.

    Refused while no attendee is present or a finding of the reviewed audits has never
    been decided.
    """
    with db.transaction() as session:
        row = committee_session(session, actor, session_id, write=True)
        present = session.scalar(
            select(func.count()).where(Attendee.session_id == row.id, Attendee.present.is_(True))
        )
        if not present:
            raise InvalidInput(
                f"Registre los asistentes presentes antes de emitir el acta {row.acta_number}."
            )
        undecided = _undecided(session, row)
        if undecided:
            listed = ", ".join(undecided[:20])
            raise InvalidInput(
                f"{'Falta' if len(undecided) == 1 else 'Faltan'} "
                f"{counted(len(undecided), 'inconsistencia', 'inconsistencias')} por decidir "
                "antes de emitir el acta "
                f"{row.acta_number} (hallazgos {listed}{'…' if len(undecided) > 20 else ''})."
            )
        detail = session_detail(session, actor, row)
        row.issued_at = _now()
        row.state = SessionState.ISSUED
        pdf = write_minutes(_minutes_data(session, row, detail))
        row.minutes_pdf = pdf
        row.minutes_sha256 = hashlib.sha256(pdf).hexdigest()
        log_event(
            session,
            actor,
            "committee_session",
            row.id,
            "issue",
            field="minutes_sha256",
            new=row.minutes_sha256,
        )
        session.flush()
        return session_infos(session, [row])[0], pdf


def minutes_pdf(db: Database, actor: Actor, session_id: int) -> bytes:
    """The issued minutes as stored, or a draft preview (watermarked) of a session in progress."""
    with db.sessions() as session:
        row = committee_session(session, actor, session_id, write=False)
        if row.state is SessionState.ISSUED and row.minutes_pdf is not None:
            return bytes(row.minutes_pdf)
        return write_minutes(_minutes_data(session, row, session_detail(session, actor, row)))


def regenerate_minutes(db: Database, actor: Actor, session_id: int) -> bytes:
    """The minutes of an issued session written again from the database (same bytes)."""
    with db.sessions() as session:
        row = committee_session(session, actor, session_id, write=False)
        if row.state is not SessionState.ISSUED:
            raise InvalidInput(f"El acta {row.acta_number} no ha sido emitida.")
        return write_minutes(_minutes_data(session, row, session_detail(session, actor, row)))
