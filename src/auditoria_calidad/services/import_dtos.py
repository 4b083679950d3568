"""What the import's services hand to the window and the command line: the fields a
mapping offers, an earlier import of the same file, the request to import a file, a
past import as listed, and a saved column mapping."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import ColumnMapping


@dataclass(frozen=True)
class MappingField:
    """A field the mapping dialog offers for the channel."""

    name: str
    label: str
    required: bool
    hint: str = ""  # e.g. how a required date can come in two columns
    # Fields not read together with this one: a whole name and its parts
    rivals: tuple[str, ...] = ()


@dataclass(frozen=True)
class PreviousImport:
    """The earlier import of the very same file (same SHA-256, sheet, channel, provider)."""

    batch_id: int
    at: datetime
    user: str

    def sentence(self) -> str:
        return f"El archivo ya fue importado el {self.at:%d/%m/%Y} por {self.user}"


@dataclass(frozen=True)
class ImportRequest:
    """One file to import. ``mapping`` None: the saved profile named ``profile``, else
    the profile saved for these headers, else the mapping inferred from the file (refused
    when a required field is uncertain). With a ``mapping``, ``profile`` only names the
    profile it came from (kept with the batch).

    ``overrides`` (field name → header text, as ``--map FIELD=HEADER``) apply on top of
    whichever mapping is used. Rows received outside ``period`` (inclusive) are set aside.
    With ``rejects``, the rejected rows are written to that xlsx as part of the import:
    if it cannot be written, nothing is imported.
    """

    path: Path
    channel: Channel
    provider: str
    sheet: str | None = None
    mapping: ColumnMapping | None = None
    profile: str | None = None
    header_row: int | None = None
    strict: bool = False  # any rejected row aborts the whole import
    create_provider: bool = False  # the user chose to create a provider not yet known
    overrides: Mapping[str, str] = field(default_factory=dict)
    period: tuple[date, date] | None = None
    rejects: Path | None = None
    # "dmy" or "mdy": how numeric text dates are read when the file does not show it.
    date_order: str | None = None


@dataclass(frozen=True)
class BatchInfo:
    """One past import, as the list of batches shows it."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    file_name: str
    file_sha256: str
    sheet: str | None
    channel: Channel
    provider: str
    user: str
    total_rows: int
    imported: int
    unchanged: int
    updated: int
    conflicts: int
    rejected: int
    duplicates: int
    conflict_details: tuple[dict[str, str], ...] = ()
    headers: tuple[str, ...] = ()
    # Kept with the batch as Spanish lines (rows set aside, totals/notices skipped, notes).
    set_aside_lines: tuple[str, ...] = ()
    skipped_lines: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def set_aside(self) -> int:
        return len(self.set_aside_lines)

    @property
    def skipped(self) -> int:
        return len(self.skipped_lines)


@dataclass(frozen=True)
class ProfileInfo:
    """A saved column mapping (profile)."""

    id: int
    name: str
    channel: Channel
    signature: str  # SHA-256 of the normalised headers it was saved for
    mapping: ColumnMapping
    created_by: str
    created_at: datetime
