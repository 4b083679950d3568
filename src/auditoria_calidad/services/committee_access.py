"""Who may read or change a committee session, and the session row a use case works on.

Provider managers do not read sessions: a session may review several providers' audits.
Each provider receives the extract of the acta with its own inconsistencies only.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from auditoria_calidad.domain.roles import Permission, Role
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.errors import InvalidInput, NotFound, PermissionDenied
from auditoria_calidad.storage.models import AuditState, CommitteeSession, SessionState
from auditoria_calidad.storage.queries.committee import audit_ids_of_session

# Audits a session may review.
REVIEWABLE = (AuditState.SENT, AuditState.ANSWERED, AuditState.IN_COMMITTEE)


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def require_read(actor: Actor) -> None:
    actor.require(Permission.READ_FINDINGS)
    if actor.role is Role.PROVIDER_MANAGER:
        # A session reviews several providers' audits; each provider gets its own extract.
        raise PermissionDenied(
            "Las sesiones del Comité de Calidad se consultan en la oficina; cada proveedor "
            "recibe el extracto del acta con sus propias inconsistencias."
        )


def committee_session(
    session: Session, actor: Actor, session_id: int, *, write: bool
) -> CommitteeSession:
    if write:
        actor.require(Permission.MANAGE_COMMITTEE)
    else:
        require_read(actor)
    row = session.get(CommitteeSession, session_id)
    if row is None:
        raise NotFound(f"No existe la sesión del comité {session_id}.")
    if write and row.state is SessionState.ISSUED:
        raise InvalidInput(
            f"El acta {row.acta_number} ya fue emitida: la sesión no se puede modificar."
        )
    return row


def session_audit_ids(session: Session, session_id: int) -> list[int]:
    return audit_ids_of_session(session, session_id)
