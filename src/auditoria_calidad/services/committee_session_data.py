"""What a committee session shows, read for the window and the command line (the plain
data itself is in ``committee_dtos``).

A finding of a reviewed audit is on a session's table unless an earlier session settled
it; the session's own decisions carry a stamp (who, when) that an edit must expect.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from auditoria_calidad.domain.audit_lifecycle import period_label
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.commitments import commitment_infos
from auditoria_calidad.services.committee_access import (
    REVIEWABLE,
    committee_session,
    require_read,
    session_audit_ids,
)
from auditoria_calidad.services.committee_conflicts import session_stamps
from auditoria_calidad.services.committee_dtos import SESSION_LABELS as SESSION_LABELS
from auditoria_calidad.services.committee_dtos import AttendeeInfo as AttendeeInfo
from auditoria_calidad.services.committee_dtos import SessionAuditView as SessionAuditView
from auditoria_calidad.services.committee_dtos import SessionDetail as SessionDetail
from auditoria_calidad.services.committee_dtos import SessionInfo as SessionInfo
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import NotFound
from auditoria_calidad.services.findings import findings_in_session
from auditoria_calidad.storage.models import AuditState, CommitteeSession, Decision, SessionState
from auditoria_calidad.storage.queries.administration import provider_names_by_id
from auditoria_calidad.storage.queries.committee import (
    attendee_counts,
    attendees_of_session,
    audits_by_number,
    commitment_counts,
    commitments_agreed_in,
    decided_findings_of_sessions,
    decision_counts,
    finding_states_of_audits,
    follow_up_commitments,
    reviewable_audit_rows,
    session_audit_links,
    session_by_acta_number,
    sessions_newest_first,
)
from auditoria_calidad.storage.queries.committee_decisions import decisions_of_session


def on_agenda(finding_id: int, state: Decision | None, decided_here: set[int]) -> bool:
    """A finding of a reviewed audit is on a session's table unless an earlier session
    settled it (answer accepted or not accepted)."""
    return finding_id in decided_here or state in (None, Decision.FOLLOW_UP)


def session_infos(session: Session, rows: list[CommitteeSession]) -> list[SessionInfo]:
    ids = [r.id for r in rows]
    if not ids:
        return []
    links = session_audit_links(session, ids)
    numbers: dict[int, list[str]] = {i: [] for i in ids}
    providers: dict[int, set[int]] = {i: set() for i in ids}
    findings: dict[int, int] = dict.fromkeys(ids, 0)
    audit_ids = {audit_id for _sid, audit_id, _n, _p in links}
    states: dict[int, list[tuple[int, Decision | None]]] = {a: [] for a in audit_ids}
    if audit_ids:
        for finding_id, audit_id, state in finding_states_of_audits(session, audit_ids):
            states[audit_id].append((finding_id, state))
    decided_in: dict[int, set[int]] = {i: set() for i in ids}
    for sid, finding_id in decided_findings_of_sessions(session, ids):
        decided_in[sid].add(finding_id)
    for sid, audit_id, number, provider_id in links:
        numbers[sid].append(number)
        providers[sid].add(provider_id)
        findings[sid] += sum(
            1 for fid, state in states[audit_id] if on_agenda(fid, state, decided_in[sid])
        )

    attendees = attendee_counts(session, ids)
    decided = decision_counts(session, ids)
    commitments = commitment_counts(session, ids)
    return [
        SessionInfo(
            id=r.id,
            acta_number=r.acta_number,
            held_on=r.held_on,
            place=r.place,
            state=r.state,
            audit_numbers=tuple(numbers[r.id]),
            provider_ids=tuple(sorted(providers[r.id])),
            attendees=attendees.get(r.id, 0),
            findings=findings[r.id],
            decided=decided.get(r.id, 0),
            commitments=commitments.get(r.id, 0),
            issued_at=r.issued_at,
            minutes_sha256=r.minutes_sha256,
            starts_at=r.starts_at,
            ends_at=r.ends_at,
            chair=r.chair or "",
            secretary=r.secretary or "",
            quorum=r.quorum,
            conclusions=r.conclusions or "",
        )
        for r in rows
    ]


def list_sessions(
    db: Database,
    actor: Actor,
    *,
    provider_id: int | None = None,
    state: SessionState | None = None,
) -> list[SessionInfo]:
    """Sessions, newest first; optionally only those reviewing a provider's audits."""
    require_read(actor)
    with db.sessions() as session:
        rows = sessions_newest_first(session, state)
        infos = session_infos(session, rows)
    if provider_id is not None:
        infos = [i for i in infos if provider_id in i.provider_ids]
    return infos


def session_detail(session: Session, actor: Actor, row: CommitteeSession) -> SessionDetail:
    info = session_infos(session, [row])[0]
    attendees = tuple(
        AttendeeInfo(a.id, a.name, a.position, a.organization, a.present)
        for a in attendees_of_session(session, row.id)
    )
    audits = audits_by_number(session, session_audit_ids(session, row.id))
    findings = findings_in_session(session, actor, audits)
    decisions = {
        d.finding_id: (d.decision, d.observation) for d in decisions_of_session(session, row.id)
    }
    decided_here = set(decisions)
    stamps = session_stamps(session, row.id)
    findings = [f for f in findings if on_agenda(f.id, f.committee_state, decided_here)]
    providers = provider_names_by_id(session)
    views = tuple(
        SessionAuditView(
            audit_id=a.id,
            number=a.number,
            provider=providers.get(a.provider_id, ""),
            channel_label=a.channel.label,
            period_label=period_label(a.period_start, a.period_end),
            state=a.state,
            findings=tuple(f for f in findings if f.audit_id == a.id),
            decisions={
                f.id: decisions[f.id] for f in findings if f.audit_id == a.id and f.id in decisions
            },
            stamps={f.id: stamps[f.id] for f in findings if f.audit_id == a.id and f.id in stamps},
        )
        for a in audits
    )
    own = commitments_agreed_in(session, row.id)
    return SessionDetail(
        info=info,
        agenda=row.agenda,
        attendees=attendees,
        audits=views,
        commitments=tuple(commitment_infos(session, own)),
        follow_up=tuple(commitment_infos(session, follow_up_commitments(session, row.id))),
    )


def get_session(db: Database, actor: Actor, session_id: int) -> SessionDetail:
    with db.sessions() as session:
        return session_detail(
            session, actor, committee_session(session, actor, session_id, write=False)
        )


def find_session(db: Database, actor: Actor, reference: str | int) -> SessionInfo:
    """A session by its id or its acta number (case-insensitive)."""
    require_read(actor)
    text = str(reference).strip()
    with db.sessions() as session:
        row = session_by_acta_number(session, text)
        if row is None and text.isdigit():
            row = session.get(CommitteeSession, int(text))
        if row is None:
            raise NotFound(f"No existe la sesión del comité «{text}».")
        return session_infos(session, [row])[0]


def reviewable_audits(db: Database, actor: Actor) -> list[tuple[int, str, str, AuditState]]:
    """(id, number, provider, state) of audits a new session may review."""
    require_read(actor)
    with db.sessions() as session:
        return reviewable_audit_rows(session, REVIEWABLE)
