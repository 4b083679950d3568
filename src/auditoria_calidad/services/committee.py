"""Sessions of the Comité de Calidad (activity 5.2.22): attendees, decisions, commitments,
minutes, carry-over, and closing audits.

A session reviews one or more answered (or sent) audits, which move to "in committee".
For each inconsistency the committee records a decision (answer accepted / not accepted /
follow-up) and agrees commitments. Open commitments and findings under follow-up carry
over to the next session automatically until closed. Issuing the minutes stores the PDF
with its SHA-256; an issued session is read-only. An audit is closed when every finding is
decided and none is under follow-up, and none of its commitments is open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auditoria_calidad.domain.roles import Permission, Role
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.approval import move_audit
from auditoria_calidad.services.audit_trail import log_changes, log_event
from auditoria_calidad.services.audits import STATE_LABELS, load_audit
from auditoria_calidad.services.committee_conflicts import (
    DecisionStamp,
    check_expected,
    commitment_already_closed,
    session_stamps,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput, NotFound, PermissionDenied
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

__all__ = [
    "DECISION_WORDS",
    "AttendeeInfo",
    "CommitmentInfo",
    "CommitmentState",
    "Decision",
    "SessionAuditView",
    "SessionDetail",
    "SessionDetails",
    "SessionInfo",
    "SessionState",
    "add_attendee",
    "add_commitment",
    "close_commitment",
    "create_session",
    "get_session",
    "list_commitments",
    "list_sessions",
    "parse_decision",
    "record_decision",
    "record_decisions",
    "remove_attendee",
    "reviewable_audits",
    "set_attendee_present",
    "update_session",
]

# Audits a session may review.
REVIEWABLE = (AuditState.SENT, AuditState.ANSWERED, AuditState.IN_COMMITTEE)
DECISION_WORDS = {
    "aceptada": Decision.ACCEPTED,
    "no_aceptada": Decision.REJECTED,
    "seguimiento": Decision.FOLLOW_UP,
}
COMMITMENT_LABELS = {CommitmentState.OPEN: "Abierto", CommitmentState.CLOSED: "Cerrado"}
SESSION_LABELS = {SessionState.DRAFT: "En preparación", SessionState.ISSUED: "Acta emitida"}
ACTA_PREFIX = "ACTA"


def parse_decision(text: str | Decision) -> Decision:
    """aceptada / no_aceptada / seguimiento (or the stored value)."""
    if isinstance(text, Decision):
        return text
    word = text.strip().lower().replace(" ", "_").replace("-", "_")
    if word in DECISION_WORDS:
        return DECISION_WORDS[word]
    for decision in Decision:
        if word == decision.value:
            return decision
    raise InvalidInput(f"Decisión desconocida «{text}»: use aceptada, no_aceptada o seguimiento.")


# --- Plain data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendeeInfo:
    id: int
    name: str
    position: str
    organization: str
    present: bool


@dataclass(frozen=True)
class CommitmentInfo:
    id: int
    session_id: int
    acta_number: str
    audit_id: int | None
    audit_number: str | None
    provider_id: int | None
    finding_id: int | None
    finding_number: int | None  # the inconsistency's number in its audit
    action: str
    responsible: str
    organization: str
    due_date: date | None
    state: CommitmentState
    closed_at: datetime | None
    closed_in_acta: str | None

    @property
    def state_label(self) -> str:
        return COMMITMENT_LABELS[self.state]

    @property
    def reference(self) -> str:
        if self.audit_number and self.finding_number:
            return f"{self.audit_number} · hallazgo {self.finding_number}"
        return self.audit_number or ""

    def overdue(self, today: date | None = None) -> bool:
        return (
            self.state is CommitmentState.OPEN
            and self.due_date is not None
            and (today or date.today()) > self.due_date
        )


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


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


# --- Access -------------------------------------------------------------------------------


def _require_read(actor: Actor) -> None:
    actor.require(Permission.READ_FINDINGS)
    if actor.role is Role.PROVIDER_MANAGER:
        # A session reviews several providers' audits; the provider receives the minutes.
        raise PermissionDenied(
            "Las sesiones del Comité de Calidad se consultan en la oficina; el acta emitida "
            "se entrega al proveedor."
        )


def committee_session(
    session: Session, actor: Actor, session_id: int, *, write: bool
) -> CommitteeSession:
    if write:
        actor.require(Permission.MANAGE_COMMITTEE)
    else:
        _require_read(actor)
    row = session.get(CommitteeSession, session_id)
    if row is None:
        raise NotFound(f"No existe la sesión del comité {session_id}.")
    if write and row.state is SessionState.ISSUED:
        raise InvalidInput(
            f"El acta {row.acta_number} ya fue emitida: la sesión no se puede modificar."
        )
    return row


def session_audit_ids(session: Session, session_id: int) -> list[int]:
    return list(
        session.scalars(select(SessionAudit.audit_id).where(SessionAudit.session_id == session_id))
    )


# --- Reading ------------------------------------------------------------------------------


def commitment_infos(session: Session, rows: list[Commitment]) -> list[CommitmentInfo]:
    actas = dict(session.execute(select(CommitteeSession.id, CommitteeSession.acta_number)).all())
    audit_ids = {c.audit_id for c in rows if c.audit_id}
    audits = (
        {a.id: a for a in session.scalars(select(Audit).where(Audit.id.in_(audit_ids)))}
        if audit_ids
        else {}
    )
    finding_ids = {c.finding_id for c in rows if c.finding_id}
    numbers: dict[int, int | None] = (
        dict(
            session.execute(
                select(Finding.id, Finding.number).where(Finding.id.in_(finding_ids))
            ).all()
        )
        if finding_ids
        else {}
    )
    return [
        CommitmentInfo(
            id=c.id,
            session_id=c.session_id,
            acta_number=actas.get(c.session_id, ""),
            audit_id=c.audit_id,
            audit_number=audits[c.audit_id].number if c.audit_id in audits else None,
            provider_id=audits[c.audit_id].provider_id if c.audit_id in audits else None,
            finding_id=c.finding_id,
            finding_number=numbers.get(c.finding_id) if c.finding_id else None,
            action=c.action,
            responsible=c.responsible,
            organization=c.organization,
            due_date=c.due_date,
            state=c.state,
            closed_at=c.closed_at,
            closed_in_acta=actas.get(c.closed_in_session_id) if c.closed_in_session_id else None,
        )
        for c in rows
    ]


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
    _require_read(actor)
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
    _require_read(actor)
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


def list_commitments(
    db: Database,
    actor: Actor,
    *,
    state: CommitmentState | None = None,
    overdue_only: bool = False,
    provider_id: int | None = None,
    today: date | None = None,
) -> list[CommitmentInfo]:
    """Every commitment (newest session first), filtered by state, provider or overdue."""
    _require_read(actor)
    with db.sessions() as session:
        query = select(Commitment)
        if state is not None:
            query = query.where(Commitment.state == state)
        rows = list(session.scalars(query.order_by(Commitment.session_id.desc(), Commitment.id)))
        infos = commitment_infos(session, rows)
    if provider_id is not None:
        infos = [c for c in infos if c.provider_id == provider_id]
    if overdue_only:
        infos = [c for c in infos if c.overdue(today)]
    return infos


def reviewable_audits(db: Database, actor: Actor) -> list[tuple[int, str, str, AuditState]]:
    """(id, number, provider, state) of audits a new session may review."""
    _require_read(actor)
    with db.sessions() as session:
        rows = session.execute(
            select(Audit.id, Audit.number, Provider.name, Audit.state)
            .join(Provider, Provider.id == Audit.provider_id)
            .where(Audit.state.in_(REVIEWABLE))
            .order_by(Audit.number)
        ).all()
        return [(i, n, p, s) for i, n, p, s in rows]


# --- Creating and editing a session -------------------------------------------------------


def _next_acta(session: Session, year: int) -> str:
    prefix = f"{ACTA_PREFIX}-{year}-"
    numbers = session.scalars(
        select(CommitteeSession.acta_number).where(CommitteeSession.acta_number.like(f"{prefix}%"))
    )
    used = [int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()]
    return f"{prefix}{max(used, default=0) + 1:03d}"


def _carried_audits(session: Session) -> list[Audit]:
    """Audits in committee with a finding under follow-up or an open commitment."""
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


def _agenda(reviewed: list[Audit], carried: list[Audit], open_commitments: int) -> str:
    lines = ["Verificación de la asistencia y del quórum."]
    if reviewed:
        lines.append(
            "Revisión de los informes de auditoría "
            + ", ".join(a.number for a in reviewed)
            + " y de las respuestas del proveedor a sus inconsistencias."
        )
    if carried or open_commitments:
        parts = []
        if carried:
            parts.append(
                "inconsistencias en seguimiento de " + ", ".join(a.number for a in carried)
            )
        if open_commitments:
            plural = "compromiso abierto" if open_commitments == 1 else "compromisos abiertos"
            parts.append(f"{open_commitments} {plural} de sesiones anteriores")
        lines.append("Seguimiento: " + "; ".join(parts) + ".")
    lines += ["Decisiones y compromisos.", "Proposiciones y varios."]
    return "\n".join(lines)


def create_session(
    db: Database,
    actor: Actor,
    held_on: date,
    audit_ids: list[int],
    *,
    place: str = "",
    acta_number: str | None = None,
    agenda: str | None = None,
    details: SessionDetails | None = None,
) -> SessionInfo:
    """Open a session reviewing ``audit_ids`` (sent, answered or in committee).

    Audits with findings under follow-up or open commitments are added automatically,
    and the agenda lists what carries over. The audits move to "in committee".
    """
    actor.require(Permission.MANAGE_COMMITTEE)
    number = (acta_number or "").strip()
    if len(number) > 40:
        raise InvalidInput("El número de acta admite hasta 40 caracteres.")
    try:
        with db.transaction() as session:
            chosen: list[Audit] = []
            for audit_id in dict.fromkeys(audit_ids):
                audit = load_audit(session, actor, audit_id)
                if audit.state not in REVIEWABLE:
                    state = STATE_LABELS[audit.state].lower()
                    raise InvalidInput(
                        f"La auditoría {audit.number} está {state}: el comité revisa auditorías "
                        "enviadas al proveedor o respondidas."
                    )
                chosen.append(audit)
            carried = [a for a in _carried_audits(session) if a not in chosen]
            if not chosen and not carried:
                raise InvalidInput("Elija al menos una auditoría enviada o respondida.")
            open_commitments = (
                session.scalar(select(func.count()).where(Commitment.state == CommitmentState.OPEN))
                or 0
            )
            if not number:
                number = _next_acta(session, held_on.year)
            elif session.scalar(
                select(CommitteeSession.id).where(CommitteeSession.acta_number == number)
            ):
                raise InvalidInput(f"Ya existe el acta {number}.")
            row = CommitteeSession(
                acta_number=number,
                held_on=held_on,
                place=place.strip()[:300],
                agenda=(agenda or "").strip() or _agenda(chosen, carried, open_commitments),
                state=SessionState.DRAFT,
                created_by=actor.id,
                created_at=_now(),
                chair="",
                secretary="",
                conclusions="",
            )
            if details is not None:
                _apply_details(row, details)
            session.add(row)
            session.flush()
            for audit in chosen + carried:
                session.add(SessionAudit(session_id=row.id, audit_id=audit.id))
                move_audit(session, actor, audit, AuditState.IN_COMMITTEE)
            log_event(
                session,
                actor,
                "committee_session",
                row.id,
                "create",
                new=f"Acta {number}, {held_on:%d/%m/%Y}: "
                + ", ".join(a.number for a in chosen + carried),
            )
            session.flush()
            return session_infos(session, [row])[0]
    except IntegrityError as exc:
        raise InvalidInput(f"Ya existe el acta {number}.") from exc


def update_session(
    db: Database,
    actor: Actor,
    session_id: int,
    *,
    held_on: date | None = None,
    place: str | None = None,
    agenda: str | None = None,
    details: SessionDetails | None = None,
) -> SessionInfo:
    """Change a draft session: date, place, agenda and what its acta records of the meeting
    (start and end time, chair, secretary, quorum, conclusions)."""
    with db.transaction() as session:
        row = committee_session(session, actor, session_id, write=True)
        old = _logged(row)
        if held_on is not None:
            row.held_on = held_on
        if place is not None:
            row.place = place.strip()[:300]
        if agenda is not None:
            row.agenda = agenda.strip()
        if details is not None:
            _apply_details(row, details)
        log_changes(session, actor, "committee_session", row.id, old, _logged(row))
        return session_infos(session, [row])[0]


@dataclass(frozen=True)
class SessionDetails:
    """What the acta records of the meeting itself (None: leave as it is)."""

    starts_at: time | None = None
    ends_at: time | None = None
    chair: str | None = None
    secretary: str | None = None
    quorum: bool | None = None
    conclusions: str | None = None


def _logged(row: CommitteeSession) -> dict[str, object]:
    return {
        "fecha": row.held_on.isoformat(),
        "lugar": row.place,
        "orden_del_dia": row.agenda,
        "hora_inicio": row.starts_at.strftime("%H:%M") if row.starts_at else "",
        "hora_fin": row.ends_at.strftime("%H:%M") if row.ends_at else "",
        "preside": row.chair or "",
        "secretario": row.secretary or "",
        "quorum": "" if row.quorum is None else ("sí" if row.quorum else "no"),
        "conclusiones": row.conclusions or "",
    }


def _apply_details(row: CommitteeSession, details: SessionDetails) -> None:
    starts = details.starts_at if details.starts_at is not None else row.starts_at
    ends = details.ends_at if details.ends_at is not None else row.ends_at
    if starts is not None and ends is not None and ends <= starts:
        raise InvalidInput(
            f"La hora de finalización ({ends:%H:%M}) debe ser posterior a la de inicio "
            f"({starts:%H:%M})."
        )
    for name, limit in (("chair", 200), ("secretary", 200)):
        value = getattr(details, name)
        if value is not None and len(value.strip()) > limit:
            label = "de quien preside" if name == "chair" else "de quien actúa como secretario"
            raise InvalidInput(f"El nombre {label} admite hasta {limit} caracteres.")
    row.starts_at, row.ends_at = starts, ends
    if details.chair is not None:
        row.chair = details.chair.strip()
    if details.secretary is not None:
        row.secretary = details.secretary.strip()
    if details.quorum is not None:
        row.quorum = details.quorum
    if details.conclusions is not None:
        row.conclusions = details.conclusions.strip()


def add_attendee(
    db: Database,
    actor: Actor,
    session_id: int,
    name: str,
    position: str = "",
    organization: str = "",
    *,
    present: bool = True,
) -> AttendeeInfo:
    clean = " ".join(name.split())
    if not clean:
        raise InvalidInput("Escriba el nombre del asistente.")
    with db.transaction() as session:
        row = committee_session(session, actor, session_id, write=True)
        attendee = Attendee(
            session_id=row.id,
            name=clean[:200],
            position=" ".join(position.split())[:200],
            organization=" ".join(organization.split())[:200],
            present=present,
        )
        session.add(attendee)
        session.flush()
        log_event(
            session,
            actor,
            "attendee",
            attendee.id,
            "create",
            new=f"{attendee.name} ({'presente' if present else 'ausente'})",
        )
        return AttendeeInfo(
            attendee.id, attendee.name, attendee.position, attendee.organization, attendee.present
        )


def set_attendee_present(
    db: Database, actor: Actor, session_id: int, attendee_id: int, present: bool
) -> None:
    with db.transaction() as session:
        row = committee_session(session, actor, session_id, write=True)
        attendee = session.get(Attendee, attendee_id)
        if attendee is None or attendee.session_id != row.id:
            raise NotFound(f"El asistente {attendee_id} no es de esta sesión.")
        if attendee.present != present:
            log_changes(
                session,
                actor,
                "attendee",
                attendee.id,
                {"presente": attendee.present},
                {"presente": present},
            )
            attendee.present = present


def remove_attendee(db: Database, actor: Actor, session_id: int, attendee_id: int) -> None:
    with db.transaction() as session:
        row = committee_session(session, actor, session_id, write=True)
        attendee = session.get(Attendee, attendee_id)
        if attendee is None or attendee.session_id != row.id:
            raise NotFound(f"El asistente {attendee_id} no es de esta sesión.")
        log_event(session, actor, "attendee", attendee.id, "delete", old=attendee.name)
        session.delete(attendee)


# --- Decisions and commitments ------------------------------------------------------------


def _decision_note(decision: Decision | str, observation: str) -> tuple[Decision, str]:
    chosen = parse_decision(decision)
    note = observation.strip()
    if chosen is not Decision.ACCEPTED and not note:
        raise InvalidInput(
            "Escriba la observación del comité: es obligatoria cuando la respuesta no se acepta "
            "o queda en seguimiento."
        )
    return chosen, note


def _decide(
    session: Session,
    actor: Actor,
    row: CommitteeSession,
    finding_id: int,
    chosen: Decision,
    note: str,
    expected: DecisionStamp | None = None,
) -> Finding:
    """Record one decision inside the caller's transaction (the session already writable);
    refused (DecisionConflict) when ``expected`` is not the decision stored now."""
    finding = session.get(Finding, finding_id)
    if finding is None or finding.audit_id not in session_audit_ids(session, row.id):
        raise NotFound(f"El hallazgo {finding_id} no es de una auditoría de esta sesión.")
    existing = session.scalar(
        select(CommitteeDecision)
        .where(CommitteeDecision.session_id == row.id, CommitteeDecision.finding_id == finding_id)
        .with_for_update()  # a concurrent decision waits, then sees this one
    )
    check_expected(session, existing, finding, expected)
    old = (
        {}
        if existing is None
        else {"decision": existing.decision.value, "observacion": existing.observation}
    )
    if existing is None:
        existing = CommitteeDecision(session_id=row.id, finding_id=finding_id)
        session.add(existing)
    existing.decision = chosen
    existing.observation = note
    existing.decided_by = actor.id
    existing.decided_at = _now()
    finding.committee_state = chosen
    session.flush()
    log_changes(
        session,
        actor,
        "committee_decision",
        existing.id,
        old,
        {"decision": chosen.value, "observacion": note},
    )
    log_event(
        session,
        actor,
        "finding",
        finding.id,
        "decision",
        field="committee_state",
        old=old.get("decision"),
        new=chosen.value,
    )
    return finding


def record_decision(
    db: Database,
    actor: Actor,
    session_id: int,
    finding_id: int,
    decision: Decision | str,
    observation: str = "",
    *,
    expected: DecisionStamp | None = None,
) -> FindingInfo:
    """The committee's decision on one finding of an audit reviewed in the session.

    ``expected`` is the decision the user saw (`SessionAuditView.stamps`, or NO_DECISION);
    when another one was recorded since, DecisionConflict is raised and nothing changes.
    """
    chosen, note = _decision_note(decision, observation)
    with db.transaction() as session:
        row = committee_session(session, actor, session_id, write=True)
        finding = _decide(session, actor, row, finding_id, chosen, note, expected)
        audit = load_audit(session, actor, finding.audit_id)
        return next(f for f in findings_in_session(session, actor, [audit]) if f.id == finding_id)


def record_decisions(
    db: Database,
    actor: Actor,
    session_id: int,
    decisions: Sequence[tuple[int, Decision | str, str]],
) -> int:
    """Several decisions (finding id, decision, observation) in one transaction: all are
    recorded, or none; returns how many."""
    checked = [(fid, *_decision_note(d, note)) for fid, d, note in decisions]
    with db.transaction() as session:
        row = committee_session(session, actor, session_id, write=True)
        for finding_id, chosen, note in checked:
            finding = _decide(session, actor, row, finding_id, chosen, note)
            load_audit(session, actor, finding.audit_id)  # the actor may see its provider
    return len(checked)


def add_commitment(
    db: Database,
    actor: Actor,
    session_id: int,
    action: str,
    responsible: str,
    organization: str = "",
    due_date: date | None = None,
    *,
    audit_id: int | None = None,
    finding_id: int | None = None,
) -> CommitmentInfo:
    """A commitment agreed in the session, for an audit, one of its findings, or general."""
    text = action.strip()
    who = " ".join(responsible.split())
    if not text or not who:
        raise InvalidInput("Un compromiso necesita la acción y el responsable.")
    with db.transaction() as session:
        row = committee_session(session, actor, session_id, write=True)
        reviewed = session_audit_ids(session, row.id)
        if finding_id is not None:
            finding = session.get(Finding, finding_id)
            if finding is None or finding.audit_id not in reviewed:
                raise NotFound(f"El hallazgo {finding_id} no es de una auditoría de esta sesión.")
            if audit_id is not None and audit_id != finding.audit_id:
                raise InvalidInput(f"El hallazgo {finding_id} no es de esa auditoría.")
            audit_id = finding.audit_id
        if audit_id is not None and audit_id not in reviewed:
            raise NotFound(f"La auditoría {audit_id} no se revisa en esta sesión.")
        commitment = Commitment(
            session_id=row.id,
            audit_id=audit_id,
            finding_id=finding_id,
            action=text,
            responsible=who[:300],
            organization=" ".join(organization.split())[:300],
            due_date=due_date,
            state=CommitmentState.OPEN,
        )
        session.add(commitment)
        session.flush()
        log_event(
            session,
            actor,
            "commitment",
            commitment.id,
            "create",
            new=f"{text[:200]} — {who}" + (f", {due_date:%d/%m/%Y}" if due_date else ""),
        )
        return commitment_infos(session, [commitment])[0]


def close_commitment(
    db: Database, actor: Actor, session_id: int, commitment_id: int
) -> CommitmentInfo:
    """Record in the session (not issued) that a commitment was fulfilled."""
    with db.transaction() as session:
        row = committee_session(session, actor, session_id, write=True)
        commitment = session.get(Commitment, commitment_id, with_for_update=True)
        if commitment is None or commitment.session_id > row.id:
            raise NotFound(f"El compromiso {commitment_id} no se revisa en esta sesión.")
        if commitment.state is CommitmentState.CLOSED:
            raise commitment_already_closed(session, commitment)
        commitment.state = CommitmentState.CLOSED
        commitment.closed_at = _now()
        commitment.closed_in_session_id = row.id
        log_changes(
            session,
            actor,
            "commitment",
            commitment.id,
            {"estado": "open"},
            {"estado": f"closed (acta {row.acta_number})"},
        )
        return commitment_infos(session, [commitment])[0]
