"""What the welcome page and the status bar show: how much is in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.storage.models import Audit, ImportBatch, Provider, Record


@dataclass(frozen=True)
class Overview:
    providers: int
    virtual_records: int
    chat_records: int
    batches: int
    audits: int

    @property
    def is_empty(self) -> bool:
        return self.virtual_records + self.chat_records == 0 and self.audits == 0


def database_has_data(db: Database) -> bool:
    with db.sessions() as session:
        return bool(session.scalar(select(func.count()).select_from(Record))) or bool(
            session.scalar(select(func.count()).select_from(Audit))
        )


def overview(db: Database, actor: Actor) -> Overview:
    """Counts of what the actor may see (a provider manager: its own provider only)."""
    with db.sessions() as session:

        def scoped(query: Select[Any], column: Any) -> Select[Any]:
            if actor.role is Role.PROVIDER_MANAGER:
                return query.where(column == actor.provider_id)
            return query

        def count_records(channel: Channel) -> int:
            q = select(func.count()).select_from(Record).where(Record.channel == channel)
            return int(session.scalar(scoped(q, Record.provider_id)) or 0)

        providers = int(
            session.scalar(scoped(select(func.count()).select_from(Provider), Provider.id)) or 0
        )
        batches = int(
            session.scalar(
                scoped(select(func.count()).select_from(ImportBatch), ImportBatch.provider_id)
            )
            or 0
        )
        audits = int(
            session.scalar(scoped(select(func.count()).select_from(Audit), Audit.provider_id)) or 0
        )
        return Overview(
            providers, count_records(Channel.VIRTUAL), count_records(Channel.CHAT), batches, audits
        )
