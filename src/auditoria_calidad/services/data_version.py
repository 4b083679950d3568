"""A cheap fingerprint of the shared data, so that an open window notices others' changes.

Every use case that writes logs to ``audit_log``; its highest id changes with any logged
write. A few counts and version sums of the tables the pages show catch writes that do not
log (and deletions), so that a few small queries answer «did anything change?».
"""

from __future__ import annotations

from dataclasses import dataclass

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.storage.queries.overview import (
    count_log_entries_of_others,
    data_fingerprint,
)


@dataclass(frozen=True)
class DataVersion:
    """``log_id``: the newest audit-log entry; ``fingerprint``: counts and version sums."""

    log_id: int
    fingerprint: tuple[int, ...]


def data_version(db: Database) -> DataVersion:
    """The current version of the shared data (a few aggregate queries, milliseconds)."""
    with db.sessions() as session:
        values = data_fingerprint(session)
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
        other = count_log_entries_of_others(session, before.log_id, now.log_id, actor.id)
    return bool(other)
