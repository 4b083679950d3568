"""Importing a CRM export: one file, one channel, one provider, one transaction.

The file is read first (no database work: ``importing`` turns it into records, rejected
rows and repeated rows), then everything is written in a single transaction: the batch,
its records (new ones added, unchanged ones skipped, changed ones updated unless already
evaluated) and its rejected rows. Cancelled, failed or killed midway, the database is as
it was. The same file imported again changes nothing and says so.

The window and the command line both call `run_import`; the window first calls
`inspect_file` to show the guessed (or saved) column mapping beside the first rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, String, Table, func, select
from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import FIELDS_BY_NAME, Channel, RecordData, fields_for
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.importing import (
    ColumnMapping,
    ImportCancelled,
    ImportFileError,
    MappedColumn,
    MissingFieldsError,
    ReadResult,
    RejectedRow,
    fit_mapping,
    missing_required,
    preview,
    read_export,
    rejected_rows_to_xlsx,
)
from auditoria_calidad.importing.sheets import CSV_SUFFIXES, WORKBOOK_SUFFIXES
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.administration import get_or_create_provider
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.services.mapping_profiles import (
    ProfileInfo,
    profile_by_name,
    profile_for_headers,
)
from auditoria_calidad.services.record_store import bulk_writer, store_records
from auditoria_calidad.storage.database import Database
from auditoria_calidad.storage.models import Agent, ImportBatch, Provider, Record, User
from auditoria_calidad.storage.models import RejectedRow as StoredRejectedRow

# The window takes these from here, never from ``importing`` (plain data classes).
__all__ = [
    "BatchInfo",
    "ColumnMapping",
    "FileInspection",
    "ImportCancelled",
    "ImportRequest",
    "ImportSummary",
    "MappedColumn",
    "MappingField",
    "MissingColumns",
    "PreviousImport",
    "RejectedRow",
    "RejectedRowsFound",
    "batch_rejected_rows",
    "export_batch_rejected",
    "export_rejected",
    "inspect_file",
    "list_batches",
    "mapping_fields",
    "missing_fields",
    "previous_import",
    "run_import",
]

ProgressCallback = Callable[[int, int], None]
StageCallback = Callable[[str], None]

# What the file chooser offers and what a drop onto the page accepts.
FILE_SUFFIXES = tuple(sorted(WORKBOOK_SUFFIXES | CSV_SUFFIXES))
FILE_FILTER = "Exportaciones del CRM ({})".format(" ".join(f"*{s}" for s in FILE_SUFFIXES))

READING = "Leyendo el archivo…"
STORING = "Guardando los registros…"
PREVIEW_ROWS = 20
_HASH_BLOCK = 1 << 20


# --- What the window and the command line receive ---------------------------------------


@dataclass(frozen=True)
class MappingField:
    """A field the mapping dialog offers for the channel."""

    name: str
    label: str
    required: bool
    hint: str = ""  # e.g. how a required date can come in two columns


@dataclass(frozen=True)
class PreviousImport:
    """The earlier import of the very same file (same SHA-256, sheet, channel, provider)."""

    batch_id: int
    at: datetime
    user: str

    def sentence(self) -> str:
        return f"El archivo ya fue importado el {self.at:%d/%m/%Y} por {self.user}"


@dataclass
class FileInspection:
    """What the window shows before importing: sheets, headers, first rows, mapping."""

    path: Path
    channel: Channel
    sheets: list[str]  # [] for a CSV file
    sheet: str | None
    header_row: int
    headers: list[str]
    rows: list[list[str]]
    guessed: ColumnMapping
    mapping: ColumnMapping  # the saved profile's when one fits, else the guess
    profile: str | None
    missing: list[str]  # Spanish labels of required fields ``mapping`` leaves unmapped
    file_sha256: str
    previous: PreviousImport | None = None
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def format_label(self) -> str:
        if self.sheet is not None:
            return f"Libro de Excel, hoja «{self.sheet}», encabezado en la fila {self.header_row}"
        separator = {";": "punto y coma", ",": "coma", "\t": "tabulador", "|": "barra"}.get(
            self.delimiter or "", f"«{self.delimiter}»"
        )
        return (
            f"CSV {self.encoding or ''} separado por {separator}, encabezado en la "
            f"línea {self.header_row}"
        )


@dataclass(frozen=True)
class ImportRequest:
    """One file to import. ``mapping`` None: the saved profile named ``profile``, else
    the profile saved for these headers, else the guess from the header names. With a
    ``mapping``, ``profile`` only names the profile it came from (kept with the batch)."""

    path: Path
    channel: Channel
    provider: str
    sheet: str | None = None
    mapping: ColumnMapping | None = None
    profile: str | None = None
    header_row: int | None = None
    strict: bool = False  # any rejected row aborts the whole import
    create_provider: bool = False  # the user chose to create a provider not yet known


@dataclass
class ImportSummary:
    """What an import did (or, with ``previous`` set, why it did nothing)."""

    batch_id: int | None
    file_name: str
    file_sha256: str
    channel: Channel
    provider: str
    sheet: str | None
    headers: list[str]
    total_rows: int = 0
    imported: int = 0
    unchanged: int = 0
    updated: int = 0
    conflicts: int = 0
    duplicates: int = 0
    rejected_rows: list[RejectedRow] = field(default_factory=list)
    conflict_details: list[dict[str, str]] = field(default_factory=list)
    profile: str | None = None
    previous: PreviousImport | None = None  # set when the same file was imported before
    at: datetime | None = None
    user: str = ""

    @property
    def rejected(self) -> int:
        return len(self.rejected_rows)

    @property
    def already_imported(self) -> bool:
        return self.previous is not None and self.batch_id == self.previous.batch_id

    def message(self) -> str:
        """One Spanish paragraph: what came in, what was skipped and why."""
        new = _plural(self.imported, "registro nuevo", "registros nuevos")
        if self.already_imported and self.previous is not None:
            text = f"{self.previous.sentence()}: {new}"
        else:
            text = f"{self.file_name}: {new}"
        parts = [
            (self.unchanged, "sin cambios", "sin cambios"),
            (self.updated, "actualizado", "actualizados"),
            (self.conflicts, "en conflicto (ya evaluado, no se modificó)",
             "en conflicto (ya evaluados, no se modificaron)"),
            (self.rejected, "fila rechazada", "filas rechazadas"),
            (self.duplicates, "fila repetida en el archivo", "filas repetidas en el archivo"),
        ]  # fmt: skip
        extra = [f"{_count(n)} {one if n == 1 else many}" for n, one, many in parts if n]
        return text + ("; " + ", ".join(extra) if extra else "") + "."

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` output of ``auditoria-calidad import``."""
        return {
            "batch_id": self.batch_id,
            "file": self.file_name,
            "sha256": self.file_sha256,
            "channel": self.channel.value,
            "provider": self.provider,
            "sheet": self.sheet,
            "total_rows": self.total_rows,
            "imported": self.imported,
            "unchanged": self.unchanged,
            "updated": self.updated,
            "conflicts": self.conflicts,
            "rejected": self.rejected,
            "duplicates": self.duplicates,
            "already_imported": self.already_imported,
            "message": self.message(),
            "rejected_rows": [
                {"sheet": r.sheet, "row": r.row, "column": r.column, "reason": r.reason}
                for r in self.rejected_rows
            ],
            "conflict_details": self.conflict_details,
        }


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


class MissingColumns(InvalidInput):
    """A required field has no column: the import cannot start."""

    def __init__(self, message: str, labels: Sequence[str]) -> None:
        super().__init__(message)
        self.labels = list(labels)


class RejectedRowsFound(InvalidInput):
    """A strict import found rejected rows: nothing was written."""

    def __init__(self, summary: ImportSummary) -> None:
        rows = summary.rejected_rows
        first = rows[0].describe(summary.file_name) if rows else ""
        super().__init__(
            f"{summary.file_name}: {_plural(len(rows), 'fila rechazada', 'filas rechazadas')}"
            f"; con --strict no se importó nada. Primera: {first}"
        )
        self.summary = summary


# --- Small helpers -----------------------------------------------------------------------


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _plural(n: int, one: str, many: str) -> str:
    return f"{_count(n)} {one if n == 1 else many}"


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def file_sha256(path: Path) -> str:
    """SHA-256 (hex) of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _file_error(path: Path, exc: OSError) -> InvalidInput:
    reason = exc.strerror or str(exc)
    return InvalidInput(f"{path.name}: no se pudo abrir el archivo ({reason}).")


def _sheet_part(sheet: str | None) -> str:
    return f", hoja «{sheet}»" if sheet else ""


def _missing_columns(path: Path, sheet: str | None, labels: Sequence[str]) -> MissingColumns:
    quoted = ", ".join(f"«{label}»" for label in labels)
    what = "los campos obligatorios" if len(labels) > 1 else "el campo obligatorio"
    return MissingColumns(
        f"{path.name}{_sheet_part(sheet)}: falta asignar una columna para {what} {quoted}. "
        "Revise la correspondencia de columnas.",
        labels,
    )


def mapping_fields(channel: Channel | str) -> list[MappingField]:
    """The fields of ``channel`` a column can be assigned to, in form order."""
    out = []
    for spec in fields_for(Channel(channel)):
        hint = ""
        if spec.name == "received_at":
            hint = "o «Fecha de ingreso (solo fecha)» y «Hora de ingreso» por separado"
        elif spec.name == "answered_at":
            hint = "o «Fecha de respuesta (solo fecha)» y «Hora de respuesta» por separado"
        out.append(MappingField(spec.name, spec.label, spec.required, hint))
    return out


def missing_fields(mapping: ColumnMapping, channel: Channel | str) -> list[str]:
    """Spanish labels of the required fields ``mapping`` leaves without a column."""
    return missing_required(mapping, Channel(channel))


def _find_provider(session: Session, text: str) -> Provider | None:
    name = " ".join(text.split())
    provider = session.scalar(select(Provider).where(Provider.name == name))
    if provider is None:
        matches = session.scalars(
            select(Provider).where(func.lower(Provider.name) == name.lower())
        ).all()
        provider = matches[0] if len(matches) == 1 else None
    if provider is None and name.isdigit():
        provider = session.get(Provider, int(name))
    return provider


def _unknown_provider(name: str) -> NotFound:
    return NotFound(
        f"No existe el proveedor «{name.strip()}». Créelo en Configuración › Proveedores "
        "(o con «auditoria-calidad provider add») antes de importar."
    )


def _user_name(session: Session, user_id: int) -> str:
    row = session.execute(select(User.full_name, User.username).where(User.id == user_id)).first()
    return (row[0] or row[1]) if row else "un usuario"


def _previous_import(
    session: Session, sha256: str, provider_id: int, channel: Channel, sheet: str | None
) -> PreviousImport | None:
    query = (
        select(ImportBatch.id, ImportBatch.started_at, ImportBatch.user_id)
        .where(
            ImportBatch.file_sha256 == sha256,
            ImportBatch.provider_id == provider_id,
            ImportBatch.channel == channel,
            ImportBatch.sheet.is_(None) if sheet is None else ImportBatch.sheet == sheet,
        )
        .order_by(ImportBatch.started_at, ImportBatch.id)
        .limit(1)
    )
    row = session.execute(query).first()
    if row is None:
        return None
    return PreviousImport(row[0], row[1], _user_name(session, row[2]))


# --- Before importing: what the file holds ------------------------------------------------


def inspect_file(
    db: Database,
    actor: Actor,
    path: str | Path,
    channel: Channel | str,
    *,
    sheet: str | None = None,
    provider: str | None = None,
    rows: int = PREVIEW_ROWS,
) -> FileInspection:
    """Sheets, header, first rows and the mapping the import would use.

    The mapping is the saved profile whose headers match (same normalised headers), else
    the guess from the header names. With ``provider``, an earlier import of the same file
    is reported in ``previous``. Reading a large workbook takes seconds: call it off the
    GUI thread.
    """
    actor.require(Permission.IMPORT)
    path, channel = Path(path), Channel(channel)
    try:
        shown = preview(path, channel, sheet, rows)
        sha256 = file_sha256(path)
    except ImportFileError as exc:
        raise InvalidInput(exc.message) from None
    except OSError as exc:
        raise _file_error(path, exc) from None
    mapping, profile_name = shown.guessed_mapping, None
    previous = None
    with db.sessions() as session:
        profile = profile_for_headers(session, channel, shown.headers)
        if profile is not None:
            try:
                mapping = fit_mapping(profile.mapping, shown.headers, path.name)
                profile_name = profile.name
            except ImportFileError:
                pass  # the profile no longer fits: keep the guess
        if provider and provider.strip():
            found = _find_provider(session, provider)
            if found is not None and actor.sees_provider(found.id):
                previous = _previous_import(session, sha256, found.id, channel, shown.sheet)
    return FileInspection(
        path=path,
        channel=channel,
        sheets=shown.sheets,
        sheet=shown.sheet,
        header_row=shown.header_row,
        headers=shown.headers,
        rows=shown.rows,
        guessed=shown.guessed_mapping,
        mapping=mapping,
        profile=profile_name,
        missing=missing_required(mapping, channel),
        file_sha256=sha256,
        previous=previous,
        encoding=shown.encoding,
        delimiter=shown.delimiter,
    )


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
        found = _find_provider(session, provider)
        if found is None or not actor.sees_provider(found.id):
            return None
        return _previous_import(session, sha256, found.id, Channel(channel), sheet)


# --- Importing ----------------------------------------------------------------------------


def _resolve_provider(session: Session, actor: Actor, request: ImportRequest) -> Provider:
    name = " ".join(request.provider.split())
    if not name:
        raise InvalidInput("Indique el proveedor al que pertenece el archivo.")
    provider = _find_provider(session, name)
    if provider is None:
        if not request.create_provider:
            raise _unknown_provider(name)
        provider = get_or_create_provider(session, actor, name)
    actor.require_provider(provider.id)
    return provider


def _read(
    request: ImportRequest,
    mapping: ColumnMapping | None,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
) -> ReadResult:
    path = Path(request.path)
    try:
        return read_export(
            path,
            request.channel,
            sheet=request.sheet,
            mapping=mapping,
            header_row=request.header_row,
            progress=progress,
            cancelled=cancelled,
        )
    except MissingFieldsError as exc:
        raise _missing_columns(path, request.sheet, [s.label for s in exc.fields]) from None
    except ImportFileError as exc:
        raise InvalidInput(exc.message) from None
    except OSError as exc:
        raise _file_error(path, exc) from None


def _chosen_profile(db: Database, request: ImportRequest) -> ProfileInfo | None:
    if request.mapping is not None or not request.profile:
        return None
    with db.sessions() as session:
        profile = profile_by_name(session, request.profile)
    if profile.channel is not Channel(request.channel):
        raise InvalidInput(
            f"El perfil «{profile.name}» es del canal {profile.channel.label}, no del canal "
            f"{Channel(request.channel).label}."
        )
    return profile


def _read_with_mapping(
    db: Database,
    request: ImportRequest,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
) -> tuple[ReadResult, str | None]:
    """Read the file with the mapping the request asks for; returns the profile used."""
    if request.mapping is not None:  # the user's own (``profile``: where it came from)
        return _read(request, request.mapping, progress, cancelled), request.profile
    profile = _chosen_profile(db, request)
    if profile is not None:
        return _read(request, profile.mapping, progress, cancelled), profile.name
    # Automatic: read with the guess, then look for a profile saved for these headers.
    # Reading the header alone would load a whole workbook sheet twice, so the file is
    # read again only when a saved profile maps the columns differently from the guess.
    try:
        result = _read(request, None, progress, cancelled)
    except MissingColumns:
        # The guess is not enough; a profile saved for these headers may be.
        fitted = _saved_mapping(db, request, _headers_of(request))
        if fitted is None:
            raise
        return _read(request, fitted[0], progress, cancelled), fitted[1]
    fitted = _saved_mapping(db, request, result.headers)
    if fitted is None:
        return result, None
    if fitted[0].columns == result.mapping.columns:
        return result, fitted[1]
    del result  # free the records before reading again
    return _read(request, fitted[0], progress, cancelled), fitted[1]


def _headers_of(request: ImportRequest) -> list[str]:
    try:
        return preview(
            request.path, request.channel, request.sheet, 0, header_row=request.header_row
        ).headers
    except ImportFileError as exc:
        raise InvalidInput(exc.message) from None


def _saved_mapping(
    db: Database, request: ImportRequest, headers: Sequence[str]
) -> tuple[ColumnMapping, str] | None:
    """The mapping of the profile saved for ``headers``, fitted to them, and its name."""
    with db.sessions() as session:
        saved = profile_for_headers(session, Channel(request.channel), headers)
    if saved is None:
        return None
    try:
        return fit_mapping(saved.mapping, headers, Path(request.path).name), saved.name
    except ImportFileError:
        return None


# Text columns of a record and the model column that bounds them (PostgreSQL refuses
# longer values; SQLite would keep them). Integers must fit a 32-bit INTEGER.
_INT_LIMIT = 2**31 - 1


def _limits() -> tuple[list[tuple[str, int]], list[str]]:
    table = Record.__table__
    assert isinstance(table, Table)
    texts = []
    integers = []
    for name in ("key", "identity_number", "requester_name", "request_type", "service"):
        column_type = table.c[name].type
        if isinstance(column_type, String) and column_type.length:
            texts.append((name, column_type.length))
    agent_type = Agent.__table__.c["name"].type
    if isinstance(agent_type, String) and agent_type.length:
        texts.append(("agent", agent_type.length))
    for name in ("crm_registrations", "wait_seconds"):
        if isinstance(table.c[name].type, Integer):
            integers.append(name)
    return texts, integers


def _column_of(result: ReadResult, name: str) -> str:
    col = result.mapping.get(name)
    if col is None:
        spec = FIELDS_BY_NAME.get(name)
        return spec.label if spec else name
    return col.header


def _all_fit(
    records: Sequence[RecordData], texts: Sequence[tuple[str, int]], integers: Sequence[str]
) -> bool:
    """Whether every value fits its column: one quick pass per field (the usual case)."""
    for name, limit in texts:
        values = [v for v in map(attrgetter(name), records) if v is not None]
        if values and max(map(len, values)) > limit:
            return False
    for name in integers:
        values = [v for v in map(attrgetter(name), records) if v is not None]
        if values and (max(values) > _INT_LIMIT or min(values) < -_INT_LIMIT):
            return False
    return True


def _reject_oversized(result: ReadResult) -> None:
    """Move records whose values do not fit the database columns to the rejected rows."""
    texts, integers = _limits()
    if _all_fit(result.records, texts, integers):
        return
    keep: list[RecordData] = []
    moved = False
    for record in result.records:
        problem = None
        for name, limit in texts:
            value = getattr(record, name)
            if value is not None and len(value) > limit:
                problem = (name, f"El valor tiene {len(value)} caracteres; se admiten {limit}")
                break
        if problem is None:
            for name in integers:
                value = getattr(record, name)
                if value is not None and not -_INT_LIMIT <= value <= _INT_LIMIT:
                    problem = (name, f"El número {value} está fuera del rango admitido")
                    break
        if problem is None:
            keep.append(record)
            continue
        moved = True
        column = _column_of(result, problem[0])
        cells = {
            col.header: "" if getattr(record, n, None) is None else str(getattr(record, n))
            for n, col in result.mapping.columns.items()
            if n in FIELDS_BY_NAME and hasattr(record, n)
        }
        cells.update(record.extra)
        result.rejected.append(
            RejectedRow(result.sheet, record.source_row or 0, column, problem[1], cells)
        )
    if moved:
        result.records = keep
        result.rejected.sort(key=lambda r: r.row)


class _SameFileAgain(Exception):
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


def _batch_mapping(result: ReadResult, profile: str | None) -> dict[str, Any]:
    data = result.mapping.to_dict()
    data["headers"] = list(result.headers)
    data["profile"] = profile
    if result.encoding:
        data["encoding"] = result.encoding
        data["delimiter"] = result.delimiter
    return data


def run_import(
    db: Database,
    actor: Actor,
    request: ImportRequest,
    *,
    progress: ProgressCallback | None = None,
    on_stage: StageCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportSummary:
    """Import one CRM export as one transaction and say what came of it.

    ``progress(done, total)`` reports rows read, then records stored (``on_stage`` names
    the step); an exception raised by it, or ``cancelled()`` returning true, stops the
    import and leaves the database as it was. Raises `InvalidInput` (a Spanish message
    naming the file) for an unreadable file, an unknown provider or a missing required
    column, `RejectedRowsFound` for a strict import with rejected rows.
    """
    actor.require(Permission.IMPORT)
    path = Path(request.path)
    channel = Channel(request.channel)
    request = replace(request, path=path, channel=channel)
    with db.sessions() as session:  # refuse an unknown provider before a long read
        known = _find_provider(session, request.provider)
        if known is None and not request.create_provider:
            raise _unknown_provider(request.provider)
        if known is not None:
            actor.require_provider(known.id)
    if not path.is_file():
        raise InvalidInput(f"{path.name}: el archivo no existe o no se puede abrir.")
    started = _now()
    if on_stage:
        on_stage(READING)
    with ThreadPoolExecutor(1, thread_name_prefix="sha256") as pool:
        digest = pool.submit(file_sha256, path)  # hashlib and file reads release the GIL
        result, profile = _read_with_mapping(db, request, progress, cancelled)
        try:
            sha256 = digest.result()
        except OSError as exc:
            raise _file_error(path, exc) from None
    _reject_oversized(result)
    summary = ImportSummary(
        batch_id=None,
        file_name=path.name,
        file_sha256=sha256,
        channel=channel,
        provider=" ".join(request.provider.split()),
        sheet=result.sheet,
        headers=list(result.headers),
        total_rows=result.total_rows,
        duplicates=result.duplicates,
        rejected_rows=list(result.rejected),
        profile=profile,
        at=started,
        user=actor.display_name,
    )
    if request.strict and result.rejected:
        raise RejectedRowsFound(summary)
    if cancelled is not None and cancelled():
        raise ImportCancelled
    if on_stage:
        on_stage(STORING)
    try:
        with db.transaction() as session:
            _write(session, actor, request, result, summary, started, progress)
    except _SameFileAgain as same:
        return same.summary
    return summary


def _write(
    session: Session,
    actor: Actor,
    request: ImportRequest,
    result: ReadResult,
    summary: ImportSummary,
    started: datetime,
    progress: ProgressCallback | None,
) -> None:
    provider = _resolve_provider(session, actor, request)
    summary.provider = provider.name
    previous = _previous_import(
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
        mapping=_batch_mapping(result, summary.profile),
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
        raise _SameFileAgain(summary)  # nothing new: roll the batch back
    _store_rejected(session, batch.id, result.rejected)
    batch.imported, batch.unchanged = counts.imported, counts.unchanged
    batch.updated, batch.conflicts = counts.updated, counts.conflicts
    batch.rejected = len(result.rejected)
    batch.conflict_details = counts.conflict_details
    batch.finished_at = _now()
    session.flush()
    summary.batch_id = batch.id
    log_event(session, actor, "import_batch", batch.id, "import", new=summary.message())


# --- After importing: the batches and their rejected rows ---------------------------------


def list_batches(db: Database, actor: Actor, limit: int = 500) -> list[BatchInfo]:
    """Past imports the actor may see, newest first."""
    actor.require(Permission.IMPORT)
    with db.sessions() as session:
        rows = session.execute(
            select(ImportBatch, Provider.name, User.full_name, User.username)
            .join(Provider, Provider.id == ImportBatch.provider_id)
            .outerjoin(User, User.id == ImportBatch.user_id)
            .order_by(ImportBatch.started_at.desc(), ImportBatch.id.desc())
            .limit(limit)
        )
        return [
            _batch_info(batch, provider, full_name or username or "")
            for batch, provider, full_name, username in rows
            if actor.sees_provider(batch.provider_id)
        ]


def _batch_info(batch: ImportBatch, provider: str, user: str) -> BatchInfo:
    stored = batch.imported + batch.unchanged + batch.updated + batch.conflicts
    headers = batch.mapping.get("headers") if isinstance(batch.mapping, dict) else None
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
        # Every non-blank row is a record, a rejected row or a repeat of an earlier row.
        duplicates=max(batch.total_rows - stored - batch.rejected, 0),
        conflict_details=tuple(batch.conflict_details or ()),
        headers=tuple(str(h) for h in headers or ()),
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
        rows = session.scalars(
            select(StoredRejectedRow)
            .where(StoredRejectedRow.batch_id == batch_id)
            .order_by(StoredRejectedRow.row_number, StoredRejectedRow.id)
        )
        return [
            RejectedRow(r.sheet, r.row_number, r.column or "", r.reason, dict(r.cells or {}))
            for r in rows
        ]


def export_rejected(
    rows: Sequence[RejectedRow], headers: Sequence[str], out_path: str | Path
) -> Path:
    """Write rejected rows to an xlsx (original columns, then hoja, fila, columna, motivo)."""
    out_path = Path(out_path)
    try:
        return rejected_rows_to_xlsx(rows, headers, out_path)
    except OSError as exc:
        raise InvalidInput(
            f"No se pudo escribir {out_path.name} ({exc.strerror or exc}). ¿Está abierto en "
            "Excel o la carpeta es de solo lectura?"
        ) from None


def export_batch_rejected(db: Database, actor: Actor, batch_id: int, out_path: str | Path) -> Path:
    """The rejected rows of a past import, written as by `export_rejected`."""
    rows = batch_rejected_rows(db, actor, batch_id)
    with db.sessions() as session:
        batch = _load_batch(session, actor, batch_id)
        headers = batch.mapping.get("headers") if isinstance(batch.mapping, dict) else None
    names = [str(h) for h in headers] if headers else list(rows[0].cells) if rows else []
    return export_rejected(rows, names, out_path)
