"""What the Comité page shows, fetched in one go by a call that touches no widget, so that
it can run on a pool thread after an action."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from auditoria_calidad.services import committee
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.committee import (
    CommitmentInfo,
    SessionDetail,
    SessionInfo,
    SessionState,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.ui.committee_follow_up_panel import follow_up_rows
from auditoria_calidad.ui.committee_models import Closable


@dataclass(frozen=True)
class Snapshot:
    """Everything the page shows, fetched in one go (on a pool thread after an action)."""

    sessions: list[SessionInfo]
    detail: SessionDetail | None
    commitments: list[CommitmentInfo]
    closable: list[Closable]


EMPTY = Snapshot([], None, [], [])


def snapshot_loader(
    db: Database,
    actor: Actor,
    selected: int | None,
    provider_id: int | None,
    state: str | None,
    commitment_state: str | None,
    overdue: bool,
) -> Callable[[], Snapshot]:
    """The sessions with the filters, the ``selected`` one's detail (if still listed) and
    the follow-up lists, as a call to run later."""

    def load() -> Snapshot:
        rows = committee.list_sessions(
            db, actor, provider_id=provider_id, state=SessionState(state) if state else None
        )
        detail = (
            committee.get_session(db, actor, selected)
            if selected is not None and any(r.id == selected for r in rows)
            else None
        )
        commitments, closable = follow_up_rows(db, actor, provider_id, commitment_state, overdue)
        return Snapshot(rows, detail, commitments, closable)

    return load
