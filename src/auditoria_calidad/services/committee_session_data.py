"""What a committee session shows: its plain data and the queries that read it.

A finding of a reviewed audit is on a session's table unless an earlier session settled
it; the session's own decisions carry a stamp (who, when) that an edit must expect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import STATE_LABELS
from auditoria_calidad.services.commitments import CommitmentInfo, commitment_infos
from auditoria_calidad.services.committee_access import (
    REVIEWABLE,
    committee_session,
    require_read,
    session_audit_ids,
)
from auditoria_calidad.services.committee_conflicts import (
    DecisionStamp,
    session_stamps,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import NotFound
from auditoria_calidad.services.findings import FindingInfo, findings_in_session
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

SESSION_LABELS = {SessionState.DRAFT: "En preparación", SessionState.ISSUED: "Acta emitida"}


@dataclass(frozen=True)
class AttendeeInfo:
    id: int
    name: str
    position: str
    organization: str
    present: bool


@dataclass(frozen=True)
class SessionInfo:
    id: int
    acta_number: str
    held_on: date
    place: str
    state: SessionState
    audit_numbers: tuple[str, ...]
    provider_ids: tuple[int, ...]
    attendees: int
    findings: int
    decided: int  # findings with a decision recorded in this session
    commitments: int  # agreed in this session
    issued_at: datetime | None
    minutes_sha256: str | None
    starts_at: time | None = None
    ends_at: time | None = None
    chair: str = ""  # who presides
    secretary: str = ""  # who takes the minutes
    quorum: bool | None = None  # None: not recorded yet
    conclusions: str = ""

    @property
    def state_label(self) -> str:
        return SESSION_LABELS[self.state]

    @property
    def editable(self) -> bool:
        return self.state is SessionState.DRAFT


@dataclass(frozen=True)
class SessionAuditView:
    audit_id: int
    number: str
    provider: str
    channel_label: str
    period_label: str
    state: AuditState
    findings: tuple[FindingInfo, ...]
    # finding id → (decision in this session, its observation)
    decisions: dict[int, tuple[Decision, str]]
    # finding id → who recorded that decision and when (what an edit expects to replace)
    stamps: dict[int, DecisionStamp] = field(default_factory=dict)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class SessionDetail:
    info: SessionInfo
    agenda: str
    attendees: tuple[AttendeeInfo, ...]
    audits: tuple[SessionAuditView, ...]
    commitments: tuple[CommitmentInfo, ...]  # agreed in this session
    follow_up: tuple[CommitmentInfo, ...]  # earlier sessions' commitments under review here


def on_agenda(finding_id: int, state: Decision | None, decided_here: set[int]) -> bool:
    """A finding of a reviewed audit is on a session's table unless an earlier session
    settled it (answer accepted or not accepted)."""
    return finding_id in decided_here or state in (None, Decision.FOLLOW_UP)


def session_infos(session: Session, rows: list[CommitteeSession]) -> list[SessionInfo]:
    ids = [r.id for r in rows]
    if not ids:
        return []
    links = session.execute(
        select(SessionAudit.session_id, Audit.id, Audit.number, Audit.provider_id)
        .join(Audit, Audit.id == SessionAudit.audit_id)
        .where(SessionAudit.session_id.in_(ids))
        .order_by(Audit.number)
    ).all()
    numbers: dict[int, list[str]] = {i: [] for i in ids}
    providers: dict[int, set[int]] = {i: set() for i in ids}
    findings: dict[int, int] = dict.fromkeys(ids, 0)
    audit_ids = {audit_id for _sid, audit_id, _n, _p in links}
    states: dict[int, list[tuple[int, Decision | None]]] = {a: [] for a in audit_ids}
    if audit_ids:
        for finding_id, audit_id, state in session.execute(
            select(Finding.id, Finding.audit_id, Finding.committee_state).where(
                Finding.audit_id.in_(audit_ids)
            )
        ):
            states[audit_id].append((finding_id, state))
    decided_in: dict[int, set[int]] = {i: set() for i in ids}
    for sid, finding_id in session.execute(
        select(CommitteeDecision.session_id, CommitteeDecision.finding_id).where(
            CommitteeDecision.session_id.in_(ids)
        )
    ):
        decided_in[sid].add(finding_id)
    for sid, audit_id, number, provider_id in links:
        numbers[sid].append(number)
        providers[sid].add(provider_id)
        findings[sid] += sum(
            1 for fid, state in states[audit_id] if on_agenda(fid, state, decided_in[sid])
        )

    attendees = dict(
        session.execute(
            select(Attendee.session_id, func.count())
            .where(Attendee.session_id.in_(ids))
            .group_by(Attendee.session_id)
        ).all()
    )
    decided = dict(
        session.execute(
            select(CommitteeDecision.session_id, func.count())
            .where(CommitteeDecision.session_id.in_(ids))
            .group_by(CommitteeDecision.session_id)
        ).all()
    )
    commitments = dict(
        session.execute(
            select(Commitment.session_id, func.count())
            .where(Commitment.session_id.in_(ids))
            .group_by(Commitment.session_id)
        ).all()
    )
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
        query = select(CommitteeSession)
        if state is not None:
            query = query.where(CommitteeSession.state == state)
        rows = list(
            session.scalars(
                query.order_by(CommitteeSession.held_on.desc(), CommitteeSession.id.desc())
            )
        )
        infos = session_infos(session, rows)
    if provider_id is not None:
        infos = [i for i in infos if provider_id in i.provider_ids]
    return infos


def _follow_up_rows(session: Session, row: CommitteeSession) -> list[Commitment]:
    """Earlier sessions' commitments reviewed here: open ones, and those closed here."""
    return list(
        session.scalars(
            select(Commitment)
            .where(
                Commitment.session_id != row.id,
                Commitment.session_id < row.id,
                or_(
                    Commitment.state == CommitmentState.OPEN,
                    Commitment.closed_in_session_id == row.id,
                ),
            )
            .order_by(Commitment.id)
        )
    )


def session_detail(session: Session, actor: Actor, row: CommitteeSession) -> SessionDetail:
    info = session_infos(session, [row])[0]
    attendees = tuple(
        AttendeeInfo(a.id, a.name, a.position, a.organization, a.present)
        for a in session.scalars(
            select(Attendee).where(Attendee.session_id == row.id).order_by(Attendee.id)
        )
    )
    audits = list(
        session.scalars(
            select(Audit)
            .where(Audit.id.in_(session_audit_ids(session, row.id)))
            .order_by(Audit.number)
        )
    )
    findings = findings_in_session(session, actor, audits)
    decisions = {
        d.finding_id: (d.decision, d.observation)
        for d in session.scalars(
            select(CommitteeDecision).where(CommitteeDecision.session_id == row.id)
        )
    }
    decided_here = set(decisions)
    stamps = session_stamps(session, row.id)
    findings = [f for f in findings if on_agenda(f.id, f.committee_state, decided_here)]
    providers = dict(session.execute(select(Provider.id, Provider.name)).all())
    views = tuple(
        SessionAuditView(
            audit_id=a.id,
            number=a.number,
            provider=providers.get(a.provider_id, ""),
            channel_label=a.channel.label,
            period_label=f"{a.period_start:%d/%m/%Y} – {a.period_end:%d/%m/%Y}",
            state=a.state,
            findings=tuple(f for f in findings if f.audit_id == a.id),
            decisions={
                f.id: decisions[f.id] for f in findings if f.audit_id == a.id and f.id in decisions
            },
            stamps={f.id: stamps[f.id] for f in findings if f.audit_id == a.id and f.id in stamps},
        )
        for a in audits
    )
    own = list(
        session.scalars(
            select(Commitment).where(Commitment.session_id == row.id).order_by(Commitment.id)
        )
    )
    return SessionDetail(
        info=info,
        agenda=row.agenda,
        attendees=attendees,
        audits=views,
        commitments=tuple(commitment_infos(session, own)),
        follow_up=tuple(commitment_infos(session, _follow_up_rows(session, row))),
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
        row = session.scalar(
            select(CommitteeSession).where(func.upper(CommitteeSession.acta_number) == text.upper())
        )
        if row is None and text.isdigit():
            row = session.get(CommitteeSession, int(text))
        if row is None:
            raise NotFound(f"No existe la sesión del comité «{text}».")
        return session_infos(session, [row])[0]


def reviewable_audits(db: Database, actor: Actor) -> list[tuple[int, str, str, AuditState]]:
    """(id, number, provider, state) of audits a new session may review."""
    require_read(actor)
    with db.sessions() as session:
        rows = session.execute(
            select(Audit.id, Audit.number, Provider.name, Audit.state)
            .join(Provider, Provider.id == Audit.provider_id)
            .where(Audit.state.in_(REVIEWABLE))
            .order_by(Audit.number)
        ).all()
        return [(i, n, p, s) for i, n, p, s in rows]
