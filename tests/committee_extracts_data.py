"""A committee session that reviewed audits of two providers, issued through the real
services: attendees of the entity, of each provider, of «Outsourcing» in general and one
with no organisation; one commitment per provider. Used by the service and window tests of
what each provider receives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from auditoria_calidad.services import approval, committee, findings
from auditoria_calidad.services import committee_minutes as minutes
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from cycle_data import EvaluatedAudit, People, evaluated_audit, new_provider, people

ANSWER = answers.AnswerDraft(
    "El agente no aplicó el protocolo de respuesta.",
    "Retroalimentación individual y seguimiento semanal.",
    "Coordinadora de calidad",
    date(2026, 12, 15),
)
AGENTS_A = ("Ana María Gómez", "Luis Fernando Pérez")
AGENTS_B = ("Hernando Quintero Ríos", "Yolanda Bermúdez Salas")
ENTITY_PERSON = "Marta Lucía Rincón"
REP_A = "Rosalba Contreras Ibáñez"
REP_B = "Germán Villamizar Toro"
GENERIC_REP = "Octavio Lemus Daza"  # «Outsourcing»: whose, cannot be told
UNKNOWN = "Fabiola Suárez Mejía"  # no organisation recorded
COMMITMENT_A = "Reentrenar al equipo A"
COMMITMENT_B = "Reentrenar al equipo B"


@dataclass(frozen=True)
class IssuedSession:
    db: Database
    who: People
    audit_a: EvaluatedAudit
    audit_b: EvaluatedAudit
    session_id: int
    acta_number: str
    full: bytes  # the full acta, as issued

    def keys(self, audit: EvaluatedAudit) -> set[str]:
        """Radicados and agents of the audit's inconsistencies."""
        listed = findings.list_findings(self.db, self.who.head, audit.audit_id)
        return {f.key for f in listed} | {f.agent for f in listed}


def issued_two_provider_session(db: Database, admin: Actor, held_on: date) -> IssuedSession:
    a, b = new_provider(db, admin), new_provider(db, admin)
    who = people(db, admin, a[1], b[1])
    audit_a = evaluated_audit(db, admin, who.auditor, a, count=6, agents=AGENTS_A)
    audit_b = evaluated_audit(db, admin, who.auditor, b, count=6, agents=AGENTS_B)
    for audit, manager in ((audit_a, who.manager), (audit_b, who.other_manager)):
        approval.approve_audit(db, who.head, audit.audit_id)
        approval.send_to_provider(db, who.head, audit.audit_id)
        for finding in findings.list_findings(db, manager, audit.audit_id):
            answers.save_answer(db, manager, finding.id, ANSWER)
        answers.submit_answers(db, manager, audit.audit_id)
    info = committee.create_session(
        db, who.committee, held_on, [audit_a.audit_id, audit_b.audit_id]
    )
    for name, position, organization in (
        (ENTITY_PERSON, "Vicepresidenta de Operaciones", "Vicepresidencia de Operaciones"),
        (REP_A, "Gerente de cuenta", a[1]),
        (REP_B, "Gerente de cuenta", b[1]),
        (GENERIC_REP, "Coordinador", "Outsourcing"),
        (UNKNOWN, "Invitada", ""),
    ):
        committee.add_attendee(db, who.committee, info.id, name, position, organization)
    committee.add_commitment(
        db, who.committee, info.id, COMMITMENT_A, "Coordinación A", audit_id=audit_a.audit_id
    )
    committee.add_commitment(
        db, who.committee, info.id, COMMITMENT_B, "Coordinación B", audit_id=audit_b.audit_id
    )
    committee.decide_answered(db, who.committee, info.id, "aceptada")
    _info, full = minutes.issue_minutes(db, who.committee, info.id)
    return IssuedSession(db, who, audit_a, audit_b, info.id, info.acta_number, full)


def close_everything(session: IssuedSession, held_on: date) -> None:
    """Close both commitments in a later session and the audits, so nothing carries over."""
    db, who = session.db, session.who
    later = committee.create_session(db, who.committee, held_on, [])
    for commitment in committee.get_session(db, who.head, later.id).follow_up:
        committee.close_commitment(db, who.committee, later.id, commitment.id)
    committee.add_attendee(db, who.committee, later.id, ENTITY_PERSON, "Vicepresidenta")
    minutes.issue_minutes(db, who.committee, later.id)
    for audit in (session.audit_a, session.audit_b):
        approval.close_audit(db, who.committee, audit.audit_id)
