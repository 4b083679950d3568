"""What the agents' use cases return: plain, frozen data for the window and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class MergedName:
    """A name merged into an agent: by whom and when."""

    name: str
    merged_by: str
    merged_at: datetime


@dataclass(frozen=True)
class AgentRow:
    id: int
    name: str
    records: int
    merged_names: tuple[MergedName, ...] = ()


@dataclass(frozen=True)
class MergeProposal:
    """Two agents that are probably one person: ``source`` would be merged into ``target``
    (the one with fewer records into the one with more)."""

    source: str
    target: str
    reason: str
    source_records: int
    target_records: int
    # Why the merge would be refused now (an audit that can no longer change), or None.
    blocked: str | None = None


@dataclass(frozen=True)
class MergeResult:
    provider: str
    source: str
    target: str
    moved_records: int


@dataclass(frozen=True)
class KeptApart:
    """Two agents confirmed to be two people: no longer proposed for merging."""

    provider: str
    first: str
    second: str
    reason: str
