"""Past imports: the list of batches, the rejected rows of one of them, and the earlier
import of the same file; and the provider an import names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.importing import RejectedRow
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.errors import NotFound
from auditoria_calidad.services.import_rejects import export_rejected
from auditoria_calidad.services.import_summary import BatchInfo, PreviousImport
from auditoria_calidad.storage.database import Database
from auditoria_calidad.storage.models import ImportBatch, Provider
from auditoria_calidad.storage.queries.administration import provider_named
from auditoria_calidad.storage.queries.audits import user_names
from auditoria_calidad.storage.queries.imports import (
    first_batch_of_file,
    newest_batches,
    providers_named_ignoring_case,
    rejected_rows_of_batch,
)


def list_batches(db: Database, actor: Actor, limit: int = 500) -> list[BatchInfo]:
    """Past imports the actor may see, newest first."""
    actor.require(Permission.IMPORT)
    with db.sessions() as session:
        rows = newest_batches(session, limit)
        return [
            _batch_info(batch, provider, full_name or username or "")
            for batch, provider, full_name, username in rows
            if actor.sees_provider(batch.provider_id)
        ]


def _texts(data: dict[str, Any], name: str) -> tuple[str, ...]:
    values = data.get(name)
    return tuple(str(v) for v in values) if isinstance(values, list) else ()


def _duplicates(data: dict[str, Any], remainder: int) -> int:
    """Rows repeating an earlier row of the file: kept with the batch since rows were set
    aside; before, every non-blank row was a record, a rejected row or a repeat."""
    kept = data.get("duplicates")
    return kept if isinstance(kept, int) else max(remainder, 0)


def _batch_info(batch: ImportBatch, provider: str, user: str) -> BatchInfo:
    stored = batch.imported + batch.unchanged + batch.updated + batch.conflicts
    data = batch.mapping if isinstance(batch.mapping, dict) else {}
    set_aside = _texts(data, "set_aside")
    return BatchInfo(
        id=batch.id,
        started_at=batch.started_at,
        finished_at=batch.finished_at,
        file_name=batch.file_name,
        file_sha256=batch.file_sha256,
        sheet=batch.sheet,
        channel=batch.channel,
        provider=provider,
        user=user,
        total_rows=batch.total_rows,
        imported=batch.imported,
        unchanged=batch.unchanged,
        updated=batch.updated,
        conflicts=batch.conflicts,
        rejected=batch.rejected,
        duplicates=_duplicates(data, batch.total_rows - stored - batch.rejected),
        conflict_details=tuple(batch.conflict_details or ()),
        headers=_texts(data, "headers"),
        set_aside_lines=set_aside,
        skipped_lines=_texts(data, "skipped"),
        notes=_texts(data, "notes"),
    )


def _load_batch(session: Session, actor: Actor, batch_id: int) -> ImportBatch:
    batch = session.get(ImportBatch, batch_id)
    if batch is None or not actor.sees_provider(batch.provider_id):
        raise NotFound(f"No existe la importación {batch_id}.")
    return batch


def batch_rejected_rows(db: Database, actor: Actor, batch_id: int) -> list[RejectedRow]:
    """The rejected rows of one past import, in file order, with their original cells."""
    actor.require(Permission.IMPORT)
    with db.sessions() as session:
        _load_batch(session, actor, batch_id)
        rows = rejected_rows_of_batch(session, batch_id)
        return [
            RejectedRow(r.sheet, r.row_number, r.column or "", r.reason, dict(r.cells or {}))
            for r in rows
        ]


def export_batch_rejected(db: Database, actor: Actor, batch_id: int, out_path: str | Path) -> Path:
    """The rejected rows of a past import, written as by `export_rejected`."""
    rows = batch_rejected_rows(db, actor, batch_id)
    with db.sessions() as session:
        batch = _load_batch(session, actor, batch_id)
        headers = batch.mapping.get("headers") if isinstance(batch.mapping, dict) else None
    names = [str(h) for h in headers] if headers else list(rows[0].cells) if rows else []
    return export_rejected(rows, names, out_path)


def find_provider(session: Session, text: str) -> Provider | None:
    """The provider named ``text`` (spaces collapsed, case ignored when unambiguous, or
    its id)."""
    name = " ".join(text.split())
    provider = provider_named(session, name)
    if provider is None:
        matches = providers_named_ignoring_case(session, name)
        provider = matches[0] if len(matches) == 1 else None
    if provider is None and name.isdigit():
        provider = session.get(Provider, int(name))
    return provider


def unknown_provider(name: str) -> NotFound:
    return NotFound(
        f"No existe el proveedor «{name.strip()}». Créelo en Configuración › Proveedores "
        "(o con «auditoria-calidad provider add») antes de importar."
    )


def _user_name(session: Session, user_id: int) -> str:
    row = user_names(session, user_id)
    return (row[0] or row[1]) if row else "un usuario"


def previous_in_session(
    session: Session, sha256: str, provider_id: int, channel: Channel, sheet: str | None
) -> PreviousImport | None:
    row = first_batch_of_file(session, sha256, provider_id, channel, sheet)
    if row is None:
        return None
    return PreviousImport(row[0], row[1], _user_name(session, row[2]))


def previous_import(
    db: Database,
    actor: Actor,
    sha256: str,
    provider: str,
    channel: Channel | str,
    sheet: str | None,
) -> PreviousImport | None:
    """The earlier import of the file with ``sha256`` for this provider, channel and sheet."""
    actor.require(Permission.IMPORT)
    if not provider.strip():
        return None
    with db.sessions() as session:
        found = find_provider(session, provider)
        if found is None or not actor.sees_provider(found.id):
            return None
        return previous_in_session(session, sha256, found.id, Channel(channel), sheet)
