"""Long work runs on the pool; progress, result, failure and cancel arrive as signals."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QPushButton, QWidget

from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.ui.workers import ProgressTask, Worker


def test_worker_reports_progress_and_result_from_another_thread(qtbot):
    seen: list[tuple[int, int]] = []
    threads: list[threading.Thread] = []

    def work(progress):
        threads.append(threading.current_thread())
        for done in range(1, 4):
            progress(done, 3)
        return "listo"

    worker = Worker(work)
    worker.signals.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(worker.signals.succeeded, timeout=10_000) as blocker:
        worker.start()
    assert blocker.args == ["listo"]
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert threads[0] is not threading.main_thread()


def test_worker_failure_carries_the_exception(qtbot):
    def work(_progress):
        raise InvalidInput("La base de datos ya tiene registros.")

    worker = Worker(work)
    with qtbot.waitSignal(worker.signals.failed, timeout=10_000) as blocker:
        worker.start()
    assert isinstance(blocker.args[0], InvalidInput)


def test_cancelling_stops_the_work_at_its_next_progress_report(qtbot):
    started = threading.Event()
    release = threading.Event()
    reached: list[int] = []

    def work(progress):
        started.set()
        release.wait(5)
        for done in range(100):
            progress(done, 100)
            reached.append(done)
        return "no debería terminar"

    worker = Worker(work)
    with qtbot.waitSignal(worker.signals.cancelled, timeout=10_000):
        worker.start()
        started.wait(5)
        worker.cancel()
        release.set()
    assert reached == []


def test_progress_task_closes_its_dialog_and_the_cancel_button_cancels(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    gate = threading.Event()

    def work(progress):
        progress(1, 10)
        gate.wait(5)
        progress(2, 10)
        return 10

    task = ProgressTask(parent, "Prueba", "Trabajando…", work)
    task.start()
    assert task.dialog.isVisible()
    assert task.running
    qtbot.waitUntil(lambda: task.dialog.maximum() == 10, timeout=10_000)
    assert "1 de 10 registros" in task.dialog.labelText()
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        task.dialog.findChild(QPushButton).click()  # «Cancelar»
        gate.set()
    qtbot.waitUntil(lambda: not task.running)
