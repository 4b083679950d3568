"""Writing what was read from an export: the batch, its records and its rejected rows, in
the transaction `run_import` opens (raising inside it rolls everything back)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

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
from auditoria_calidad.services.import_summary import ImportRequest, ImportSummary
from auditoria_calidad.services.record_store import bulk_writer, store_records
from auditoria_calidad.storage.models import ImportBatch, Provider
from auditoria_calidad.storage.models import RejectedRow as StoredRejectedRow

ProgressCallback = Callable[[int, int], None]


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


_REJECTED_COLUMNS = ("batch_id", "sheet", "row_number", "column", "reason", "cells")


def _store_rejected(session: Session, batch_id: int, rows: Sequence[RejectedRow]) -> None:
    table = StoredRejectedRow.__table__
    assert isinstance(table, Table)
    with bulk_writer(session) as writer:
        for start in range(0, len(rows), 2000):
            writer.insert(
                table,
                _REJECTED_COLUMNS,
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


def write_batch(
    session: Session,
    actor: Actor,
    request: ImportRequest,
    result: ReadResult,
    summary: ImportSummary,
    started: datetime,
    progress: ProgressCallback | None,
) -> None:
    provider = resolve_provider(session, actor, request)
    summary.provider = provider.name
    previous = previous_in_session(
        session, summary.file_sha256, provider.id, summary.channel, result.sheet
    )
    summary.previous = previous
    batch = ImportBatch(
        provider_id=provider.id,
        channel=summary.channel,
        file_name=summary.file_name[:500],
        file_sha256=summary.file_sha256,
        sheet=result.sheet,
        header_row=result.header_row,
        mapping=_batch_mapping(result, summary, request.period),
        user_id=actor.id,
        started_at=started,
        total_rows=result.total_rows,
    )
    session.add(batch)
    session.flush()
    counts = store_records(
        session,
        provider_id=provider.id,
        channel=summary.channel,
        batch_id=batch.id,
        source_file=summary.file_name[:500],
        records=result.records,
        progress=progress,
    )
    summary.imported, summary.unchanged = counts.imported, counts.unchanged
    summary.updated, summary.conflicts = counts.updated, counts.conflicts
    summary.conflict_details = counts.conflict_details
    if previous is not None and counts.imported == 0 and counts.updated == 0:
        summary.batch_id = previous.batch_id
        raise SameFileAgain(summary)  # nothing new: roll the batch back
    _store_rejected(session, batch.id, result.rejected)
    batch.imported, batch.unchanged = counts.imported, counts.unchanged
    batch.updated, batch.conflicts = counts.updated, counts.conflicts
    batch.rejected = len(result.rejected)
    batch.conflict_details = counts.conflict_details
    batch.finished_at = now()
    session.flush()
    summary.batch_id = batch.id
    log_event(session, actor, "import_batch", batch.id, "import", new=summary.message())
