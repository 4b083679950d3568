"""Bulk statements run one chunk behind the code that prepares them.

An import stores a few hundred thousand records in chunks. Preparing a chunk's values is
Python work; executing its statements is mostly the database's own work, during which
the sqlite3 module and psycopg let other threads run. `StatementsBehind` runs the
statements of one chunk in a thread of its own while the caller prepares the next one,
so that the two overlap instead of taking turns.

The connection is used by one thread at a time: the caller hands work over only after
`drain` has waited for the work handed before, and must call `drain` before it runs any
other statement on that connection itself.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor


class StatementsBehind:
    """At most one piece of database work in flight, run in a thread of its own."""

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._pending: Future[None] | None = None

    def hand_over(self, work: Callable[[], None]) -> None:
        """Run ``work`` in the statements' thread, after waiting for the work handed over
        before it (whose error, if any, is raised here instead)."""
        self.drain()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="bulk-statements")
        self._pending = self._pool.submit(work)

    def drain(self) -> None:
        """Wait until the work handed over has run; raise its error, if it failed."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def close(self, *, quietly: bool = False) -> None:
        """`drain`, then end the thread; ``quietly``: an error of the work is not raised
        (the caller is already ending with an error of its own)."""
        try:
            self.drain()
        except BaseException:
            if not quietly:
                raise
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None
