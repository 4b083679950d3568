"""Writes to the append-only audit log: who, when, what, old → new."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.storage.models import AuditLogEntry
from auditoria_calidad.storage.queries.audits import log_entries_of


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def log_event(
    session: Session,
    actor: Actor,
    entity: str,
    entity_id: int | None,
    action: str,
    *,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
) -> None:
    session.add(
        AuditLogEntry(
            at=datetime.now().replace(microsecond=0),
            user_id=actor.id or None,
            username=actor.username,
            entity=entity,
            entity_id=entity_id,
            action=action,
            field=field,
            old_value=_text(old),
            new_value=_text(new),
        )
    )


def log_changes(
    session: Session,
    actor: Actor,
    entity: str,
    entity_id: int | None,
    old: dict[str, Any],
    new: dict[str, Any],
) -> int:
    """One log entry per field whose value differs; returns how many were written."""
    written = 0
    for field in sorted(set(old) | set(new)):
        if old.get(field) != new.get(field):
            log_event(
                session,
                actor,
                entity,
                entity_id,
                "update",
                field=field,
                old=old.get(field),
                new=new.get(field),
            )
            written += 1
    return written


@dataclass(frozen=True)
class LogLine:
    at: datetime
    username: str
    entity: str
    entity_id: int | None
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None


def history(session: Session, entity: str, entity_id: int) -> list[LogLine]:
    """Every log entry of one thing, oldest first."""
    return [
        LogLine(
            r.at, r.username, r.entity, r.entity_id, r.action, r.field, r.old_value, r.new_value
        )
        for r in log_entries_of(session, entity, entity_id)
    ]
