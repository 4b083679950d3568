"""Storing the records of an import while the file is still being read.

The reader hands chunks of records to a `BatchWriter`; a writer thread stores each chunk
while the next one is read (SQLite and psycopg let other threads run while a statement
executes). Everything the writer does is in ONE transaction, opened, used and ended by
the writer thread alone: it is committed only when `BatchWriter.finish` is called after
the whole file was read and accepted, and rolled back by `BatchWriter.abort`, by any
error on either side, or when the process dies. At most a few chunks wait between the
two threads, so a large file is never held whole in memory.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from auditoria_calidad.domain.fields import Channel, RecordData
from auditoria_calidad.importing import ReadResult
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.import_rejects import fitting
from auditoria_calidad.services.import_storing import (
    SameFileAgain,
    close_batch,
    open_batch,
)
from auditoria_calidad.services.import_summary import ImportRequest, ImportSummary
from auditoria_calidad.services.record_store import open_record_store
from auditoria_calidad.storage.database import Database

ProgressCallback = Callable[[int, int], None]

_WAITING_CHUNKS = 2  # chunks read ahead of the writer, at most
_POLL_SECONDS = 0.1


class _Abort(Exception):
    """Sent to the writer thread: roll the transaction back."""


class BatchWriter:
    """A `RecordSink` that stores the records of one import in a writer thread."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        request: ImportRequest,
        *,
        file_name: str,
        file_sha256: Callable[[], str],
        started: datetime,
    ) -> None:
        self._db, self._actor, self._request = db, actor, request
        self._file_name, self._file_sha256, self._started = file_name, file_sha256, started
        self._queue: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=_WAITING_CHUNKS)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._summary: ImportSummary | None = None
        self._stored_event = threading.Event()
        self._result: ReadResult | None = None
        self.handed = 0  # records handed to the writer
        self.stored = 0  # records the writer has stored (not committed yet)

    # --- The reader's side --------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self, result: ReadResult) -> None:
        """Open the transaction and the batch (the header and the mapping are settled)."""
        if self._thread is not None:
            raise RuntimeError("the writer was started already")
        self._result = result
        self._thread = threading.Thread(target=self._run, name="import-writer", daemon=True)
        self._thread.start()

    def write(self, records: list[RecordData]) -> None:
        """Hand a chunk over; values too long for the database become rejected rows."""
        assert self._result is not None
        kept = fitting(self._result, records)
        if kept:
            self._put(("records", kept))
            self.handed += len(kept)

    def wait_stored(self, progress: ProgressCallback | None) -> None:
        """Wait until every chunk handed over is stored, reporting ``progress(done, total)``
        (an exception it raises stops the import: call `abort` then)."""
        total = self.handed
        while True:
            self._raise_if_failed()
            done = self.stored
            if progress is not None:
                progress(done, total)
            if done >= total:
                return
            self._stored_event.wait(_POLL_SECONDS)
            self._stored_event.clear()

    def finish(self, summary: ImportSummary) -> ImportSummary:
        """Write the batch's counts and rejected rows and commit; returns the summary (that
        of the earlier import when the same file brought nothing new)."""
        if self._thread is None:
            raise RuntimeError("the writer was never started")
        self._put(("finish", summary))
        self._thread.join()
        self._raise_if_failed()
        assert self._summary is not None
        return self._summary

    def abort(self) -> None:
        """Roll back whatever was stored; waits for the writer thread to end."""
        thread = self._thread
        if thread is None:
            return
        while thread.is_alive():
            try:
                self._queue.put(("abort", None), timeout=_POLL_SECONDS)
                break
            except queue.Full:
                continue
        thread.join()

    def _put(self, item: tuple[str, Any]) -> None:
        while True:
            self._raise_if_failed()
            try:
                self._queue.put(item, timeout=_POLL_SECONDS)
                return
            except queue.Full:
                continue

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error
        if self._thread is not None and not self._thread.is_alive() and self._summary is None:
            raise RuntimeError("the import's writer stopped")

    # --- The writer thread --------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._summary = self._store()
        except SameFileAgain as same:
            self._summary = same.summary
        except _Abort:
            pass
        except BaseException as exc:  # handed to the reader's thread
            self._error = exc
        finally:
            self._stored_event.set()

    def _store(self) -> ImportSummary:
        result = self._result
        assert result is not None
        request, actor = self._request, self._actor
        with self._db.bulk_transaction() as session:
            opened = open_batch(
                session,
                actor,
                request,
                result,
                self._file_name,
                self._file_sha256(),
                self._started,
            )
            with open_record_store(
                session,
                provider_id=opened.provider.id,
                channel=Channel(request.channel),
                batch_id=opened.batch.id,
                source_file=self._file_name[:500],
            ) as store:
                while True:
                    kind, payload = self._queue.get()
                    if kind == "abort":
                        raise _Abort
                    if kind == "finish":
                        break
                    store.add(payload)
                    self.stored += len(payload)
                    self._stored_event.set()
            summary: ImportSummary = payload
            close_batch(session, actor, request, result, summary, opened, store.counts)
        return summary
