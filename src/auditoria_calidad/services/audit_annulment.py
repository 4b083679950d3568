"""Annulling a draft audit created by mistake: kept with who, when and why, and left out of
lists, defaults and reports; it no longer blocks creating the audit of its period."""

from __future__ import annotations

from datetime import datetime

from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.audits import (
    ANNULLABLE_STATES,
    STATE_LABELS,
    AuditInfo,
    audit_counts,
    audit_info,
    load_audit,
    move_audit,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.storage.models import AuditState
from auditoria_calidad.storage.queries.audits import locked_audit_state


def annul_audit(db: Database, actor: Actor, audit_id: int, reason: str) -> AuditInfo:
    """Annul a draft audit with a reason: it is kept, logged, and left out of lists and reports.

    Refused once its evaluation has started (it is then a real visit, not a mistake).
    """
    actor.require(Permission.MANAGE_AUDITS)
    text = " ".join(reason.split())
    if len(text) < 5:
        raise InvalidInput(
            "Escriba el motivo de la anulación (al menos 5 caracteres): queda en el registro "
            "de cambios."
        )
    with db.transaction() as session:
        audit = load_audit(session, actor, audit_id)
        state = locked_audit_state(session, audit.id)
        if state is AuditState.ANNULLED:
            raise InvalidInput(f"La auditoría {audit.number} ya está anulada.")
        if state not in ANNULLABLE_STATES:
            label = STATE_LABELS[state].lower() if state is not None else ""
            raise InvalidInput(
                f"La auditoría {audit.number} está {label}: solo se puede anular una auditoría "
                "en borrador, antes de evaluar sus registros."
            )
        counts = audit_counts(session, [audit.id])[audit.id]
        if counts.evaluations:
            saved = counted(counts.evaluations, "evaluación guardada", "evaluaciones guardadas")
            raise InvalidInput(f"La auditoría {audit.number} ya tiene {saved}: no se puede anular.")
        move_audit(session, actor, audit, AuditState.ANNULLED)
        audit.annulled_at = datetime.now().replace(microsecond=0)
        audit.annulled_by = actor.id
        audit.annul_reason = text
        log_event(session, actor, "audit", audit.id, "annul", field="annul_reason", new=text)
        session.flush()
        return audit_info(session, audit)
