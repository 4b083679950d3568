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
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from auditoria_calidad.domain.fields import Channel, RecordData
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.importing import (
    ColumnMapping,
    ImportCancelled,
    ImportFileError,
    MappedColumn,
    MappingGuess,
    MissingFieldsError,
    ReadResult,
    RecordSink,
    RejectedRow,
    UncertainMappingError,
    apply_overrides,
    fit_mapping,
    guess_from_mapping,
    missing_required,
    preview,
    read_export,
)
from auditoria_calidad.importing.channel_filter import channel_of_rows
from auditoria_calidad.importing.header import header_score
from auditoria_calidad.importing.sheets import CSV_SUFFIXES, LEGACY_SUFFIXES, WORKBOOK_SUFFIXES
from auditoria_calidad.importing.transcripts import TRANSCRIPTS, transcript_share
from auditoria_calidad.importing.values import DateOrder
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.import_batches import (
    batch_rejected_rows,
    export_batch_rejected,
    find_provider,
    list_batches,
    previous_import,
    previous_in_session,
    unknown_provider,
)
from auditoria_calidad.services.import_fields import (
    field_names,
    mapping_fields,
    missing_fields,
    parse_overrides,
)
from auditoria_calidad.services.import_rejects import (
    PendingOutput,
    check_output_path,
    export_rejected,
    prepare_rejected,
)
from auditoria_calidad.services.import_storing import now
from auditoria_calidad.services.import_summary import (
    BatchInfo,
    FileInspection,
    ImportRequest,
    ImportSummary,
    MappingField,
    MissingColumns,
    PreviousImport,
    RejectedRowsFound,
    UncertainMapping,
)
from auditoria_calidad.services.import_writer import BatchWriter
from auditoria_calidad.services.mapping_profiles import (
    ProfileInfo,
    profile_by_name,
    profile_for_headers,
)
from auditoria_calidad.storage.database import Database

# The window and the command line take these from here, never from ``importing``.
__all__ = [
    "BatchInfo",
    "ColumnMapping",
    "FileInspection",
    "ImportCancelled",
    "ImportRequest",
    "ImportSummary",
    "MappedColumn",
    "MappingField",
    "MappingGuess",
    "MissingColumns",
    "PreviousImport",
    "RejectedRow",
    "RejectedRowsFound",
    "UncertainMapping",
    "batch_rejected_rows",
    "export_batch_rejected",
    "export_rejected",
    "field_names",
    "inspect_file",
    "list_batches",
    "mapping_fields",
    "missing_fields",
    "parse_overrides",
    "previous_import",
    "run_import",
]

ProgressCallback = Callable[[int, int], None]
StageCallback = Callable[[str], None]

# What the file chooser offers and what a drop onto the page accepts.
FILE_SUFFIXES = tuple(sorted(WORKBOOK_SUFFIXES | LEGACY_SUFFIXES | CSV_SUFFIXES))
FILE_FILTER = "Exportaciones del CRM ({})".format(" ".join(f"*{s}" for s in FILE_SUFFIXES))

READING = "Leyendo el archivo…"
STORING = "Guardando los registros…"
PREVIEW_ROWS = 20
_HASH_BLOCK = 1 << 20


# --- Small helpers -----------------------------------------------------------------------


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
    overrides: Mapping[str, str] | None = None,
) -> FileInspection:
    """Sheets, header, first rows and the mapping the import would use.

    The mapping is the saved profile whose headers match (same normalised headers), else
    the mapping inferred from the headers and the values, with ``overrides`` (field →
    header) applied; ``guess`` carries every field's confidence and candidates, and
    ``uncertain`` the required fields the import would refuse to guess. With
    ``provider``, an earlier import of the same file is reported in ``previous``. Reading
    a large workbook takes seconds: call it off the GUI thread.
    """
    actor.require(Permission.IMPORT)
    path, channel = Path(path), Channel(channel)
    try:
        shown = preview(path, channel, sheet, rows)
        sha256 = file_sha256(path)
        guess = shown.guess or guess_from_mapping(shown.guessed_mapping, channel)
        if overrides:
            guess = apply_overrides(guess, overrides, shown.headers, path.name)
    except ImportFileError as exc:
        raise InvalidInput(exc.message) from None
    except OSError as exc:
        raise _file_error(path, exc) from None
    mapping, profile_name = guess.mapping, None
    uncertain = [f.field for f in guess.uncertain_required()]
    previous = None
    with db.sessions() as session:
        profile = None if overrides else profile_for_headers(session, channel, shown.headers)
        if profile is not None:
            try:
                mapping = fit_mapping(profile.mapping, shown.headers, path.name)
                profile_name = profile.name
                uncertain = []  # the user chose these columns when saving the profile
            except ImportFileError:
                pass  # the profile no longer fits: keep the inference
        if provider and provider.strip():
            found = find_provider(session, provider)
            if found is not None and actor.sees_provider(found.id):
                previous = previous_in_session(session, sha256, found.id, channel, shown.sheet)
    return FileInspection(
        path=path,
        channel=channel,
        sheets=shown.sheets,
        sheet=shown.sheet,
        header_row=shown.header_row,
        headers=shown.headers,
        rows=shown.rows,
        guessed=guess.mapping,
        mapping=mapping,
        profile=profile_name,
        missing=missing_required(mapping, channel),
        file_sha256=sha256,
        previous=previous,
        encoding=shown.encoding,
        delimiter=shown.delimiter,
        guess=guess,
        uncertain=uncertain,
        kind=shown.kind,
        joined=shown.joined,
        likely_channel=(
            None if profile_name else _likely_channel(shown.headers, channel, shown.rows)
        ),
    )


def likely_channel_of(path: str | Path, channel: Channel | str) -> Channel | None:
    """The other channel when the file's header names clearly more of its fields (see
    ``FileInspection.likely_channel``); None when it does not or the file cannot be read."""
    channel = Channel(channel)
    try:
        shown = preview(Path(path), channel, rows=_CHANNEL_SAMPLE_ROWS)
    except (ImportFileError, OSError):
        return None
    return _likely_channel(shown.headers, channel, shown.rows)


# A header that names this many more fields of the other channel is an export of it.
_CLEARLY_MORE_FIELDS = 2


_CHANNEL_SAMPLE_ROWS = 10


def _likely_channel(
    headers: list[str], channel: Channel, rows: Sequence[Sequence[str]] = ()
) -> Channel | None:
    """The other channel when the header names clearly more of its fields than of
    ``channel``'s («Tiempo en cola», «Calificación» against «Fecha de respuesta»), or when
    the file's channel column names only the other channel in its first rows
    («WhatsApp», «Web» beside «WhatsApp»)."""
    other = Channel.CHAT if channel is Channel.VIRTUAL else Channel.VIRTUAL
    scores = {each: header_score(headers, each) for each in Channel}
    if any(transcript_share(rows, i) >= TRANSCRIPTS for i in range(len(headers))):
        scores[Channel.CHAT] += 1  # a column of chat transcripts («Body», «Mensajes»)
    if scores[other] >= scores[channel] + _CLEARLY_MORE_FIELDS:
        return other
    if channel_of_rows(headers, rows) is other:
        return other
    return None


# --- Importing ----------------------------------------------------------------------------


def _read(
    request: ImportRequest,
    mapping: ColumnMapping | None,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
    sink: RecordSink | None = None,
    chosen: frozenset[str] = frozenset(),
) -> ReadResult:
    path = Path(request.path)
    try:
        return read_export(
            path,
            request.channel,
            sheet=request.sheet,
            mapping=mapping,
            overrides=dict(request.overrides) or None,
            chosen_fields=chosen,
            header_row=request.header_row,
            period=request.period,
            progress=progress,
            cancelled=cancelled,
            date_order=DateOrder(request.date_order) if request.date_order else None,
            sink=sink,
        )
    except UncertainMappingError as exc:
        raise UncertainMapping(exc.message, exc.guess) from None
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


class _ReadAgain(Exception):
    """The header matches a saved profile that maps the columns differently."""

    def __init__(self, mapping: ColumnMapping, profile: str) -> None:
        super().__init__(profile)
        self.mapping, self.profile = mapping, profile


class _ProfileCheck:
    """Before any row is read with the inferred mapping, a profile saved for the same
    headers wins (the user chose its columns): the read stops and starts again with it."""

    def __init__(self, db: Database, request: ImportRequest, sink: RecordSink | None) -> None:
        self._db, self._request, self._sink = db, request, sink
        self.profile: str | None = None

    def start(self, result: ReadResult) -> None:
        fitted = _saved_mapping(self._db, self._request, result.headers)
        if fitted is not None:
            if fitted[0].columns != result.mapping.columns:
                raise _ReadAgain(*fitted)
            self.profile = fitted[1]
        if self._sink is not None:
            self._sink.start(result)

    def write(self, records: list[RecordData]) -> None:
        assert self._sink is not None  # only handed to the reader with a sink
        self._sink.write(records)


def _read_with_mapping(
    db: Database,
    request: ImportRequest,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
    sink: RecordSink | None = None,
) -> tuple[ReadResult, str | None]:
    """Read the file with the mapping the request asks for; returns the profile used.

    With ``sink`` the records go to it as they are read."""
    if request.mapping is not None:  # the user's own (``profile``: where it came from)
        chosen = frozenset(request.mapping.columns)  # chosen looking at this file's columns
        result = _read(request, request.mapping, progress, cancelled, sink, chosen)
        return result, request.profile
    profile = _chosen_profile(db, request)
    if profile is not None:
        return _read(request, profile.mapping, progress, cancelled, sink), profile.name
    # Automatic: read with the inferred mapping unless a profile saved for these headers
    # maps them otherwise (checked as soon as the header is found, before any row).
    check = _ProfileCheck(db, request, sink)
    try:
        if sink is None:
            result = _read(request, None, progress, cancelled)
            check.start(result)
        else:
            result = _read(request, None, progress, cancelled, check)
    except (MissingColumns, UncertainMapping):
        # The inference is not enough; a profile saved for these headers may be.
        fitted = _saved_mapping(db, request, _headers_of(request))
        if fitted is None:
            raise
        return _read(request, fitted[0], progress, cancelled, sink), fitted[1]
    except _ReadAgain as again:
        return _read(request, again.mapping, progress, cancelled, sink), again.profile
    return result, check.profile


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
    column, `UncertainMapping` when a required field has no certain column (nothing is
    imported on a guess), `RejectedRowsFound` for a strict import with rejected rows.

    With ``request.rejects`` the rejected-rows workbook is written before the import is
    committed: if it cannot be written nothing is imported. It is put in place after the
    commit; should that fail, the summary says so in ``output_problem`` (the import stays).
    """
    actor.require(Permission.IMPORT)
    path = Path(request.path)
    channel = Channel(request.channel)
    request = replace(request, path=path, channel=channel)
    with db.sessions() as session:  # refuse an unknown provider before a long read
        known = find_provider(session, request.provider)
        if known is None and not request.create_provider:
            raise unknown_provider(request.provider)
        if known is not None:
            actor.require_provider(known.id)
    if not path.is_file():
        raise InvalidInput(f"{path.name}: el archivo no existe o no se puede abrir.")
    if request.rejects is not None:
        check_output_path(Path(request.rejects))
    started = now()
    if on_stage:
        on_stage(READING)
    with ThreadPoolExecutor(1, thread_name_prefix="sha256") as pool:
        digest = pool.submit(file_sha256, path)  # hashlib and file reads release the GIL
        writer = BatchWriter(
            db, actor, request, file_name=path.name, file_sha256=digest.result, started=started
        )
        try:
            summary = _read_and_store(
                request,
                path,
                writer,
                db,
                actor,
                started,
                progress,
                on_stage,
                cancelled,
                digest.result,
            )
        except OSError as exc:
            raise _file_error(path, exc) from None
    return summary


def _read_and_store(
    request: ImportRequest,
    path: Path,
    writer: BatchWriter,
    db: Database,
    actor: Actor,
    started: datetime,
    progress: ProgressCallback | None,
    on_stage: StageCallback | None,
    cancelled: Callable[[], bool] | None,
    file_sha256: Callable[[], str],
) -> ImportSummary:
    """Read the file, its records going to ``writer`` as they are read, and commit the
    import if it is to be kept; any failure rolls the writer's transaction back."""
    pending = None
    try:
        result, profile = _read_with_mapping(db, request, progress, cancelled, writer)
        if not writer.started:
            writer.start(result)  # e.g. a file with no data rows
        result.rejected.sort(key=lambda r: r.row)  # values too long were added at the end
        summary = ImportSummary(
            batch_id=None,
            file_name=path.name,
            file_sha256=file_sha256(),
            channel=Channel(request.channel),
            provider=" ".join(request.provider.split()),
            sheet=result.sheet,
            headers=list(result.headers),
            total_rows=result.total_rows,
            duplicates=result.duplicates,
            rejected_rows=list(result.rejected),
            profile=profile,
            at=started,
            user=actor.display_name,
            set_aside_rows=list(result.set_aside),
            skipped_rows=list(result.skipped_rows),
            notes=list(result.notes),
        )
        if request.rejects is not None:
            pending = prepare_rejected(summary.rejected_rows, summary.headers, request.rejects)
        if request.strict and result.rejected:
            if pending is not None:
                summary.rejects_file = pending.commit()
            raise RejectedRowsFound(summary)
        if cancelled is not None and cancelled():
            raise ImportCancelled
        if on_stage:
            on_stage(STORING)
        writer.wait_stored(progress)
        summary = writer.finish(summary)
    except BaseException:
        writer.abort()
        if pending is not None:
            pending.discard()
        raise
    if pending is not None:
        _put_in_place(pending, summary)
    return summary


def _put_in_place(pending: PendingOutput, summary: ImportSummary) -> None:
    """After the commit: a file that cannot be put in place is reported, never as a failed
    import (the records are saved)."""
    try:
        summary.rejects_file = pending.commit()
    except InvalidInput as exc:
        saved = (
            f"La importación {summary.batch_id} se guardó"
            if summary.batch_id is not None
            else "La importación terminó"
        )
        summary.output_problem = f"{saved}, pero el archivo de filas rechazadas no: {exc.message}"
