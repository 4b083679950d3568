"""Writing what was read from an export: the batch, its records and its rejected rows, in
the transaction `run_import` opens (raising inside it rolls everything back)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import ReadResult, RejectedRow
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.administration import get_or_create_provider
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.import_batches import (
    find_provider,
    previous_in_session,
    unknown_provider,
)
from auditoria_calidad.services.import_summary import (
    ImportRequest,
    ImportSummary,
    PreviousImport,
)
from auditoria_calidad.services.record_store import StoreCounts
from auditoria_calidad.storage.models import ImportBatch, Provider
from auditoria_calidad.storage.queries.records import bulk_writer


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def resolve_provider(session: Session, actor: Actor, request: ImportRequest) -> Provider:
    name = " ".join(request.provider.split())
    if not name:
        raise InvalidInput("Indique el proveedor al que pertenece el archivo.")
    provider = find_provider(session, name)
    if provider is None:
        if not request.create_provider:
            raise unknown_provider(name)
        provider = get_or_create_provider(session, actor, name)
    actor.require_provider(provider.id)
    return provider


class SameFileAgain(Exception):
    """Raised inside the transaction to roll back an import of a file already imported."""

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__("same file")
        self.summary = summary


def _store_rejected(session: Session, batch_id: int, rows: Sequence[RejectedRow]) -> None:
    with bulk_writer(session) as writer:
        for start in range(0, len(rows), 2000):
            writer.insert_rejected_rows(
                [
                    (batch_id, r.sheet, r.row, r.column[:300], r.reason, r.cells)
                    for r in rows[start : start + 2000]
                ],
            )


def _batch_mapping(
    result: ReadResult, summary: ImportSummary, period: tuple[date, date] | None
) -> dict[str, Any]:
    """The mapping used, and what the summary says beyond the counts (rows set aside,
    totals and notices skipped, notes), kept with the batch for the list of imports."""
    data = result.mapping.to_dict()
    data["headers"] = list(result.headers)
    data["profile"] = summary.profile
    if result.encoding:
        data["encoding"] = result.encoding
        data["delimiter"] = result.delimiter
    if period is not None:
        data["period"] = [period[0].isoformat(), period[1].isoformat()]
    data["duplicates"] = summary.duplicates
    data["set_aside"] = summary.set_aside_lines()
    data["skipped"] = summary.skipped_lines()
    data["notes"] = list(summary.notes)
    return data


@dataclass
class OpenBatch:
    """The batch row of an import being stored, and what was found before writing it."""

    batch: ImportBatch
    provider: Provider
    previous: PreviousImport | None


def open_batch(
    session: Session,
    actor: Actor,
    request: ImportRequest,
    result: ReadResult,
    file_name: str,
    file_sha256: str,
    started: datetime,
) -> OpenBatch:
    """Add the batch row (its counts and summary are written by `close_batch`)."""
    provider = resolve_provider(session, actor, request)
    channel = Channel(request.channel)
    previous = previous_in_session(session, file_sha256, provider.id, channel, result.sheet)
    batch = ImportBatch(
        provider_id=provider.id,
        channel=channel,
        file_name=file_name[:500],
        file_sha256=file_sha256,
        sheet=result.sheet,
        header_row=result.header_row,
        mapping=result.mapping.to_dict(),
        user_id=actor.id,
        started_at=started,
        total_rows=0,
    )
    session.add(batch)
    session.flush()
    return OpenBatch(batch, provider, previous)


def close_batch(
    session: Session,
    actor: Actor,
    request: ImportRequest,
    result: ReadResult,
    summary: ImportSummary,
    opened: OpenBatch,
    counts: StoreCounts,
) -> None:
    """Write the batch's counts, its rejected rows and the audit event; raises
    `SameFileAgain` when the file was imported before and nothing in it is new."""
    summary.provider = opened.provider.name
    summary.previous = previous = opened.previous
    summary.imported, summary.unchanged = counts.imported, counts.unchanged
    summary.updated, summary.conflicts = counts.updated, counts.conflicts
    summary.conflict_details = counts.conflict_details
    if previous is not None and counts.imported == 0 and counts.updated == 0:
        summary.batch_id = previous.batch_id
        raise SameFileAgain(summary)  # nothing new: roll the batch back
    batch = opened.batch
    _store_rejected(session, batch.id, result.rejected)
    batch.mapping = _batch_mapping(result, summary, request.period)
    batch.total_rows = result.total_rows
    batch.imported, batch.unchanged = counts.imported, counts.unchanged
    batch.updated, batch.conflicts = counts.updated, counts.conflicts
    batch.rejected = len(result.rejected)
    batch.conflict_details = counts.conflict_details
    batch.answer_days_only = result.answer_days_only
    batch.finished_at = now()
    session.flush()
    summary.batch_id = batch.id
    log_event(session, actor, "import_batch", batch.id, "import", new=summary.message())
