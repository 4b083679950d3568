"""A save made on what someone else changed since it was read is refused, never applied.

Each shared edit (an audit's conclusions, a commitment, a provider's answer, a scheme, an
office setting, the observation templates) carries a version the user read with it; the
use case compares it in the same UPDATE that writes (``… WHERE version = :expected``) and,
when it no longer matches, raises `StaleEdit` with what is stored now, who saved it and
when, so the window can show both versions and let the user keep one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from auditoria_calidad.services.errors import ConcurrentEdit
from auditoria_calidad.storage.queries.audits import last_log_entry, user_names

__all__ = ["SavedVersion", "StaleEdit", "last_saved"]


@dataclass(frozen=True)
class SavedVersion:
    """What is stored now: its version, who saved it last and when, and its fields as text
    (label, value), in the order a form shows them."""

    version: int
    saved_by: str
    saved_at: datetime | None
    fields: tuple[tuple[str, str], ...] = ()

    def value(self, label: str) -> str:
        return dict(self.fields).get(label, "")


class StaleEdit(ConcurrentEdit):
    """Someone saved the same thing meanwhile; ``saved`` is what is stored now."""

    def __init__(self, what: str, saved: SavedVersion) -> None:
        when = (
            f" a las {saved.saved_at:%H:%M} del {saved.saved_at:%d/%m/%Y}"
            if saved.saved_at is not None
            else ""
        )
        super().__init__(
            f"{saved.saved_by} guardó {what}{when}, mientras usted hacía sus cambios. No "
            "se sobrescribió nada: compare su versión con la guardada y elija cuál conservar."
        )
        self.what = what
        self.saved = saved


def user_name(session: Session, user_id: int | None, fallback: str = "Otro usuario") -> str:
    """The full name (or user name) of ``user_id``."""
    if user_id is None:
        return fallback
    row = user_names(session, user_id)
    if row is None:
        return fallback
    return row[0] or row[1]


def last_saved(
    session: Session, entity: str, entity_id: int | None, fields: Iterable[str] | None = None
) -> tuple[str, datetime | None]:
    """Who changed ``entity`` (its ``fields`` when given) last and when, from the audit log."""
    entry = last_log_entry(session, entity, entity_id, fields)
    if entry is None:
        return "Otro usuario", None
    return user_name(session, entry.user_id, entry.username), entry.at
