"""Editing a commitment agreed by the Comité: its action, responsible, entity and due date.

Several members may have the same session open; an edit made on a commitment someone else
changed since it was shown is refused (`StaleEdit`) instead of overwriting it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_changes
from auditoria_calidad.services.commitments import CommitmentInfo, commitment_infos
from auditoria_calidad.services.committee_access import committee_session
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.edit_conflicts import SavedVersion, StaleEdit, last_saved
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.storage.models import Commitment, CommitmentState

__all__ = ["COMMITMENT_FIELDS", "commitment_conflict", "update_commitment"]

# Field → label, in the order the window shows them.
COMMITMENT_FIELDS = {
    "action": "Acción",
    "responsible": "Responsable",
    "organization": "Entidad",
    "due_date": "Fecha límite",
    "state": "Estado",
}


def _texts(c: Commitment) -> dict[str, str]:
    return {
        "action": c.action or "",
        "responsible": c.responsible or "",
        "organization": c.organization or "",
        "due_date": f"{c.due_date:%d/%m/%Y}" if c.due_date else "",
        "state": "Cerrado" if c.state is CommitmentState.CLOSED else "Abierto",
    }


def commitment_conflict(session: Session, commitment: Commitment) -> StaleEdit:
    """The refusal of an edit over a commitment someone changed since it was shown."""
    who, when = last_saved(session, "commitment", commitment.id)
    texts = _texts(commitment)
    fields = tuple((label, texts[key]) for key, label in COMMITMENT_FIELDS.items())
    return StaleEdit(
        f"el compromiso {commitment.id}", SavedVersion(commitment.version, who, when, fields)
    )


def update_commitment(
    db: Database,
    actor: Actor,
    session_id: int,
    commitment_id: int,
    *,
    action: str,
    responsible: str,
    organization: str = "",
    due_date: date | None,
    expected_version: int,
) -> CommitmentInfo:
    """Change an open commitment reviewed in the session (not issued), as the user read it
    at ``expected_version`` (`CommitmentInfo.version`); logged field by field."""
    text = action.strip()
    who = " ".join(responsible.split())
    if not text or not who:
        raise InvalidInput("Un compromiso necesita la acción y el responsable.")
    new = {
        "action": text,
        "responsible": who[:300],
        "organization": " ".join(organization.split())[:300],
        "due_date": due_date,
    }
    try:
        with db.transaction() as session:
            row = committee_session(session, actor, session_id, write=True)
            commitment = session.get(Commitment, commitment_id)
            if commitment is None or commitment.session_id > row.id:
                raise NotFound(f"El compromiso {commitment_id} no se revisa en esta sesión.")
            if commitment.version != expected_version:
                raise commitment_conflict(session, commitment)
            if commitment.state is CommitmentState.CLOSED:
                raise InvalidInput(
                    f"El compromiso {commitment.id} ya está cerrado: no se puede modificar."
                )
            old = {key: getattr(commitment, key) for key in new}
            if old != new:
                for key, value in new.items():
                    setattr(commitment, key, value)
                # UPDATE … WHERE version = the one read (the mapper's version column).
                session.flush()
                log_changes(
                    session,
                    actor,
                    "commitment",
                    commitment.id,
                    {k: _logged(v) for k, v in old.items()},
                    {k: _logged(v) for k, v in new.items()},
                )
            return commitment_infos(session, [commitment])[0]
    except StaleDataError:
        with db.sessions() as session:
            commitment = session.get(Commitment, commitment_id)
            assert commitment is not None
            raise commitment_conflict(session, commitment) from None


def _logged(value: object) -> str:
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)
