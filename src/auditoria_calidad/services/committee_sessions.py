"""Opening and preparing a committee session: date, place, agenda, what the acta records
of the meeting, and its attendees. Audits with findings under follow-up or open
commitments join the next session automatically.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.approval import move_audit
from auditoria_calidad.services.audit_trail import log_changes, log_event
from auditoria_calidad.services.audits import STATE_LABELS, load_audit
from auditoria_calidad.services.committee_access import REVIEWABLE, committee_session, now
from auditoria_calidad.services.committee_dtos import SessionDetails as SessionDetails
from auditoria_calidad.services.committee_session_data import (
    AttendeeInfo,
    SessionInfo,
    session_infos,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.storage.models import (
    Attendee,
    Audit,
    AuditState,
    CommitteeSession,
    SessionAudit,
    SessionState,
)
from auditoria_calidad.storage.queries.committee import (
    acta_numbers_starting,
    carried_over_audits,
    count_all_open_commitments,
    session_id_with_acta,
)

ACTA_PREFIX = "ACTA"


def _next_acta(session: Session, year: int) -> str:
    prefix = f"{ACTA_PREFIX}-{year}-"
    numbers = acta_numbers_starting(session, prefix)
    used = [int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()]
    return f"{prefix}{max(used, default=0) + 1:03d}"


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
            carried = [a for a in carried_over_audits(session) if a not in chosen]
            if not chosen and not carried:
                raise InvalidInput("Elija al menos una auditoría enviada o respondida.")
            open_commitments = count_all_open_commitments(session)
            if not number:
                number = _next_acta(session, held_on.year)
            elif session_id_with_acta(session, number):
                raise InvalidInput(f"Ya existe el acta {number}.")
            row = CommitteeSession(
                acta_number=number,
                held_on=held_on,
                place=place.strip()[:300],
                agenda=(agenda or "").strip() or _agenda(chosen, carried, open_commitments),
                state=SessionState.DRAFT,
                created_by=actor.id,
                created_at=now(),
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
