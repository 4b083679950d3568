"""A cheap fingerprint of the shared data, so that an open window notices others' changes.

Every use case that writes logs to ``audit_log``; its highest id changes with any logged
write. A few counts and version sums of the tables the pages show catch writes that do not
log (and deletions), so that a few small queries answer «did anything change?».
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.storage.models import (
    Attendee,
    Audit,
    AuditLogEntry,
    Commitment,
    CommitteeDecision,
    CommitteeSession,
    Evaluation,
    Finding,
    ImportBatch,
    Provider,
    ProviderAnswer,
    User,
)


@dataclass(frozen=True)
class DataVersion:
    """``log_id``: the newest audit-log entry; ``fingerprint``: counts and version sums."""

    log_id: int
    fingerprint: tuple[int, ...]


def data_version(db: Database) -> DataVersion:
    """The current version of the shared data (a few aggregate queries, milliseconds)."""
    closed = Commitment.closed_at.is_not(None)
    parts = (
        select(func.coalesce(func.max(AuditLogEntry.id), 0)),
        select(func.count(), func.coalesce(func.sum(Audit.version), 0)).select_from(Audit),
        select(func.count(), func.coalesce(func.sum(Evaluation.version), 0)).select_from(
            Evaluation
        ),
        select(func.count(), func.coalesce(func.sum(ProviderAnswer.version), 0)).select_from(
            ProviderAnswer
        ),
        select(func.count()).select_from(Finding),
        select(func.count(), func.coalesce(func.max(CommitteeDecision.id), 0)).select_from(
            CommitteeDecision
        ),
        select(func.count()).select_from(CommitteeSession),
        select(func.count()).select_from(Attendee),
        select(func.count(), func.count().filter(closed)).select_from(Commitment),
        select(func.coalesce(func.max(ImportBatch.id), 0)).select_from(ImportBatch),
        select(func.count()).select_from(Provider),
        select(func.count()).select_from(User),
    )
    with db.sessions() as session:
        values: list[int] = []
        for part in parts:
            row = session.execute(part).one()
            values.extend(int(v or 0) for v in row)
    return DataVersion(values[0], tuple(values[1:]))


def changed_by_others(db: Database, actor: Actor, before: DataVersion, now: DataVersion) -> bool:
    """Whether the change from ``before`` to ``now`` includes work of another user.

    A change that left no log entry cannot be attributed, so it counts as someone else's.
    """
    if before == now:
        return False
    if now.log_id == before.log_id:
        return True
    with db.sessions() as session:
        other = session.scalar(
            select(func.count())
            .select_from(AuditLogEntry)
            .where(
                AuditLogEntry.id > before.log_id,
                AuditLogEntry.id <= now.log_id,
                or_(AuditLogEntry.user_id.is_(None), AuditLogEntry.user_id != actor.id),
            )
        )
    return bool(other)
