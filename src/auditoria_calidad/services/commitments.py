"""Commitments agreed by the Comité de Calidad: plain data, listing, agreeing, closing.

Open commitments carry over to every next session until a session records them closed.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_changes, log_event
from auditoria_calidad.services.commitment_dtos import COMMITMENT_LABELS, CommitmentInfo
from auditoria_calidad.services.committee_access import (
    committee_session,
    now,
    require_read,
    session_audit_ids,
)
from auditoria_calidad.services.committee_conflicts import (
    commitment_already_closed,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.storage.models import Commitment, CommitmentState, Finding
from auditoria_calidad.storage.queries.commitments import (
    acta_numbers,
    audits_by_id,
    commitments_newest_session_first,
    finding_numbers,
)

__all__ = [
    "COMMITMENT_LABELS",
    "CommitmentInfo",
    "add_commitment",
    "close_commitment",
    "commitment_infos",
    "list_commitments",
]


def commitment_infos(session: Session, rows: list[Commitment]) -> list[CommitmentInfo]:
    actas = acta_numbers(session)
    audits = audits_by_id(session, {c.audit_id for c in rows if c.audit_id})
    numbers = finding_numbers(session, {c.finding_id for c in rows if c.finding_id})
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
            version=c.version or 1,
        )
        for c in rows
    ]


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
    require_read(actor)
    with db.sessions() as session:
        rows = commitments_newest_session_first(session, state)
        infos = commitment_infos(session, rows)
    if provider_id is not None:
        infos = [c for c in infos if c.provider_id == provider_id]
    if overdue_only:
        infos = [c for c in infos if c.overdue(today)]
    return infos


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
        commitment.closed_at = now()
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
