"""What the welcome page, the status bar and «Mis pendientes» receive: plain, frozen data."""

from __future__ import annotations

from dataclasses import dataclass


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


@dataclass(frozen=True)
class PendingItem:
    """One thing waiting for the actor, and the page (and item) that one click opens."""

    kind: str  # EVALUATE, APPROVE, ANSWER, DECIDE or COMMITMENTS
    title: str
    detail: str
    destination: str  # the window's page key
    target_id: int | None = None  # the audit (or committee session) to select there
    overdue: bool = False


@dataclass(frozen=True)
class PendingSection:
    title: str
    items: tuple[PendingItem, ...]
    empty: str  # what to say when nothing is pending
