"""Running long use cases off the GUI thread.

The services report progress through a plain ``progress(done, total)`` callback and know
nothing of Qt (as dangerzone's core does); `Worker` adapts such a call into Qt signals on a
QThreadPool, and `ProgressTask` adds the progress dialog with a Cancelar button (one object
per user action, like anki's operations). `BackgroundCall` runs a short use case with no
dialog: a busy cursor, and the controls that started it disabled until it is over. Both
disable the ``controls`` they are given while they run, so nothing is started twice.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from auditoria_calidad.ui import locale_format

ProgressCallback = Callable[[int, int], None]
Work = Callable[[ProgressCallback], Any]


class Cancelled(Exception):
    """Raised inside the work, from its progress callback, once the user has cancelled.

    Raised inside a transaction it rolls the whole use case back.
    """


class WorkerSignals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)  # the work's return value
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()  # after any of the three above


class Worker(QRunnable):
    """Runs ``work(progress)`` on a pool thread; signals arrive on the GUI thread."""

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work
        self.cancel_event = threading.Event()
        self.signals = WorkerSignals()

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def is_cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def _progress(self, done: int, total: int) -> None:
        if self.cancel_event.is_set():
            raise Cancelled
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()

    def start(self, pool: QThreadPool | None = None) -> None:
        """Queue the work; the pool deletes the runnable after ``run``, keep only ``signals``."""
        (pool or QThreadPool.globalInstance()).start(self)


class _Outcome:
    """Holds the worker's result until the task has restored its controls, so whoever
    reacts to ``succeeded`` / ``failed`` sees the task over and may set buttons or start
    another one."""

    def __init__(self) -> None:
        self._emit: Callable[[Any], None] | None = None

    def collect(self, signals: WorkerSignals) -> None:
        signals.succeeded.connect(lambda result: self._keep("succeeded", result))
        signals.failed.connect(lambda error: self._keep("failed", error))
        signals.cancelled.connect(lambda: self._keep("cancelled", None))

    def _keep(self, name: str, value: Any) -> None:
        self._emit = lambda task: (
            task.cancelled.emit() if name == "cancelled" else getattr(task, name).emit(value)
        )

    def deliver(self, task: Any) -> None:
        emit, self._emit = self._emit, None
        if emit is not None:
            emit(task)


class _DisabledWhileRunning:
    """Disables widgets while a task runs; re-enables only those it disabled."""

    def __init__(self, controls: Sequence[QWidget]) -> None:
        self._controls = list(controls)
        self._disabled: list[QWidget] = []

    def hold(self) -> None:
        self._disabled = [w for w in self._controls if w.isEnabled()]
        for widget in self._disabled:
            widget.setEnabled(False)

    def release(self) -> None:
        for widget in self._disabled:
            with contextlib.suppress(RuntimeError):  # the widget may be gone with its dialog
                widget.setEnabled(True)
        self._disabled = []


class ProgressTask(QObject):
    """A `Worker` with a window-modal progress dialog; the GUI stays responsive."""

    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        label: str,
        work: Work,
        *,
        unit: str = "registros",
        controls: Sequence[QWidget] = (),
    ) -> None:
        super().__init__(parent)
        self._controls = _DisabledWhileRunning(controls)
        self._label = label
        self._unit = unit
        self.worker = Worker(work)
        self.signals = self.worker.signals
        self._cancel_flag = self.worker.cancel_event
        self.dialog = QProgressDialog(label, "Cancelar", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(420)
        self.dialog.canceled.connect(self._cancel)
        self._finished = False
        self._outcome = _Outcome()
        signals = self.signals
        signals.progress.connect(self._show_progress)
        self._outcome.collect(signals)
        signals.finished.connect(self._finish)

    @property
    def running(self) -> bool:
        return not self._finished

    def start(self, pool: QThreadPool | None = None) -> ProgressTask:
        self._controls.hold()
        self.dialog.show()
        self.worker.start(pool)
        return self

    def _cancel(self) -> None:
        self._cancel_flag.set()
        self.dialog.setLabelText("Cancelando…")
        self.dialog.setCancelButton(None)

    def _show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
            self.dialog.setLabelText(
                f"{self._label}\n{locale_format.count(done)} de "
                f"{locale_format.count(total)} {self._unit}"
            )

    def _finish(self) -> None:
        # Closing a QProgressDialog emits canceled; the work is over, so that must not count.
        self.dialog.canceled.disconnect(self._cancel)
        self.dialog.hide()
        self.dialog.deleteLater()
        self._controls.release()
        self._finished = True
        self._outcome.deliver(self)
        self.finished.emit()


class BackgroundCall(QObject):
    """One short use case on a pool thread: a busy cursor over ``parent`` and ``controls``
    disabled meanwhile, so the window keeps painting and nothing is started twice.

    ``work`` must not touch widgets: read them first, on the GUI thread, and close over the
    values. ``succeeded`` / ``failed`` arrive on the GUI thread, then ``finished``.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()  # never: a background call cannot be cancelled
    finished = Signal()

    def __init__(
        self, parent: QWidget, work: Callable[[], Any], *, controls: Sequence[QWidget] = ()
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._controls = _DisabledWhileRunning(controls)
        self.worker = Worker(lambda _progress: work())
        self.signals = self.worker.signals
        self._finished = False
        self._outcome = _Outcome()
        self._outcome.collect(self.signals)
        self.signals.finished.connect(self._finish)

    @property
    def running(self) -> bool:
        return not self._finished

    def start(self, pool: QThreadPool | None = None) -> BackgroundCall:
        self._controls.hold()
        self._parent.setCursor(Qt.CursorShape.BusyCursor)
        self.worker.start(pool)
        return self

    def _finish(self) -> None:
        self._controls.release()
        with contextlib.suppress(RuntimeError):
            self._parent.unsetCursor()
        self._finished = True
        self._outcome.deliver(self)
        self.finished.emit()
