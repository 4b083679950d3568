"""Benchmark: the longest stall of the GUI thread during each long action of the window.

Loads the demo into a temporary SQLite database (or copies ``--demo-db``), then, in this
process with the offscreen Qt platform, runs each action as a user triggers it: the audit
report preview, approving an audit, writing the provider's package, a committee decision,
and a direct committee action. A QTimer ticks every 10 ms on the GUI thread; the largest
gap between two ticks, minus the 10 ms period, is how long the window could not paint.
Prints one JSON object (milliseconds). Target: every ``stall_ms`` under 100.

Run by hand, never by pytest::

    python tests/perf/bench_gui_actions.py [--demo-db PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

TICK_MS = 10


class StallMeter(QObject):
    """Largest gap between ticks of a 10 ms timer on the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = QElapsedTimer()
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.worst = 0

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> None:
        self.clock.start()
        self.last, self.worst = 0, 0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        self._tick()
        return max(0, self.worst - TICK_MS)


def measure(name: str, start: Callable[[], Any], done: Callable[[], bool]) -> dict[str, Any]:
    """Trigger the action from inside the event loop and spin it until ``done()``."""
    meter = StallMeter()
    loop = QEventLoop()
    began = time.perf_counter()

    def trigger() -> None:
        start()

    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(lambda: loop.quit() if done() else None)
    meter.start()
    QTimer.singleShot(30, trigger)
    QTimer.singleShot(60, poll.start)
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    poll.stop()
    # A few more ticks so that what follows the result (refresh, message) is counted.
    settle = QEventLoop()
    QTimer.singleShot(200, settle.quit)
    settle.exec()
    stall = meter.stop()
    return {
        "action": name,
        "stall_ms": stall,
        "total_s": round(time.perf_counter() - began - 0.2, 3),
    }


def _actor(db: Any, username: str) -> Any:
    from sqlalchemy import select

    from auditoria_calidad.services.actor import Actor
    from auditoria_calidad.storage.models import User

    with db.sessions() as session:
        user = session.scalar(select(User).where(User.username == username))
        return Actor(id=user.id, username=user.username, full_name=user.full_name, role=user.role)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--demo-db", help="a SQLite file with the demo already loaded (copied)")
    args = parser.parse_args()

    from auditoria_calidad.services import approval, audits, committee, findings
    from auditoria_calidad.services.connection import open_database
    from auditoria_calidad.services.demo import load_demo
    from auditoria_calidad.ui import findings_page, messages
    from auditoria_calidad.ui.app import configure_application
    from auditoria_calidad.ui.committee_page import CommitteePage
    from auditoria_calidad.ui.findings_page import FindingsPage
    from auditoria_calidad.ui.reports_page import ReportsPage

    app = QApplication(sys.argv[:1])
    configure_application(app)

    def answer_yes(box: QMessageBox) -> int:
        for button in box.buttons():
            if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole:
                button.click()
                break
        return 0

    messages.present = answer_yes
    folder = Path(tempfile.mkdtemp(prefix="bench-gui-"))
    path = folder / "demo.db"
    began = time.perf_counter()
    if args.demo_db:
        shutil.copy(args.demo_db, path)
    db = open_database(f"sqlite:///{path.as_posix()}")
    if not args.demo_db:
        load_demo(db)
    setup_s = time.perf_counter() - began
    head, member, auditor = _actor(db, "jefe"), _actor(db, "comite"), _actor(db, "auditor")
    results: list[dict[str, Any]] = []

    # The audit report preview (Informes).
    reports_view = ReportsPage(db, auditor)
    reports_view.resize(1280, 720)
    reports_view.show()
    shown: list[bool] = []
    reports_view.preview_ready.connect(lambda: shown.append(True))
    results.append(
        measure("vista previa del informe", reports_view.preview_audit, lambda: bool(shown))
    )
    shown.clear()  # again, with reportlab and the fonts already loaded
    results.append(
        measure(
            "vista previa del informe (segunda vez)",
            reports_view.preview_audit,
            lambda: bool(shown),
        )
    )

    # Approving the audit that is ready, then writing its package (Hallazgos).
    listed = audits.list_audits(db, head)
    ready = next(  # the demo's audit under review, evaluated beyond the 50 % rule
        (a for a in listed if a.state.value in ("in_review", "ready")),
        next(a for a in listed if a.state in approval.APPROVABLE),
    )
    page = FindingsPage(db, head)
    page.resize(1280, 720)
    page.show()
    page.select_audit(ready.id)
    results.append(
        measure(
            "aprobar auditoría",
            page.approve,
            lambda: page.task is not None and not page.task.running,
        )
    )
    findings_page.ask_directory = lambda *_a: str(folder / "paquete")
    page.select_audit(ready.id)
    results.append(
        measure(
            "generar paquete para el proveedor",
            page.send,
            lambda: page.task is not None and not page.task.running,
        )
    )

    # A committee decision from its dialog, and a direct action (Comité).
    session = committee.create_session(db, member, date.today(), [])
    committee.add_attendee(db, member, session.id, "Marta Lucía Rincón")
    view = CommitteePage(db, member)
    view.resize(1280, 720)
    view.show()
    view.select_session(session.id)
    view.findings_table.selectRow(0)
    dialogs: list[Any] = []

    def decide() -> None:
        dialog = view.decide_selected()
        dialog.choose(committee.Decision.ACCEPTED)
        dialogs.append(dialog)
        dialog.accept()

    results.append(
        measure(
            "decisión del comité",
            decide,
            lambda: bool(dialogs) and dialogs[0].task is not None and not dialogs[0].busy,
        )
    )
    view.tabs.setCurrentIndex(1)
    view.attendees_table.selectRow(0)
    results.append(
        measure(
            "asistente presente / ausente",
            view.toggle_present,
            lambda: view.action is not None and not view.busy,
        )
    )
    QThreadPool.globalInstance().waitForDone()
    states = {a.number: a.state.value for a in audits.list_audits(db, head)}
    unanswered = findings.list_audit_status(db, head)
    print(
        json.dumps(
            {
                "benchmark": "bench_gui_actions",
                "tick_ms": TICK_MS,
                "target_stall_ms": 100,
                "setup_s": round(setup_s, 1),
                "audits_listed": len(unanswered),
                "approved_and_sent": {ready.number: states.get(ready.number)},
                "actions": results,
                "worst_stall_ms": max(r["stall_ms"] for r in results),
            },
            ensure_ascii=False,
        )
    )
    db.close()
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
