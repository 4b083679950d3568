"""Benchmark: «Muestra y evaluación» opening an audit whose sample holds 100,000 records.

Builds a temporary SQLite database with one audit of ``--rows`` virtual records, all of
them sampled (a third already evaluated), then times, in this process with the offscreen
Qt platform: the paged service queries (order of the rows, one page of rows), the old
whole-list query for comparison, and the page itself from construction until the first
record is open in the form. Prints one JSON object.

Run by hand, never by pytest::

    python tests/perf/bench_sample_page.py [--rows 100000] [--db PATH]

Target: the page opens in under 0.5 s (``open_page_until_first_record_s``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _build(url: str, rows: int) -> tuple[object, object, int]:
    from sqlalchemy import insert, select

    from auditoria_calidad.domain.fields import Channel, RecordData
    from auditoria_calidad.domain.roles import Role
    from auditoria_calidad.services import administration, audits, sample
    from auditoria_calidad.services.auth import create_first_admin, login
    from auditoria_calidad.services.connection import open_database
    from auditoria_calidad.services.record_store import store_records
    from auditoria_calidad.storage.models import Evaluation, ImportBatch, SampleItem

    db = open_database(url)
    admin = create_first_admin(db, "admin", "clave-segura-2024", "Administradora")
    provider = administration.add_provider(db, admin, "Contacto Total S.A.S.")
    administration.add_user(
        db, admin, "auditora", "clave-auditora-1", Role.AUDITOR, full_name="Auditora"
    )
    auditor = login(db, "auditora", "clave-auditora-1")
    start = datetime(2026, 10, 1, 8, 0)
    agents = [f"Agente {i:03d} Pérez" for i in range(60)]
    records = [
        RecordData(
            channel=Channel.VIRTUAL,
            key=f"2026-ER-{1_000_000 + i:07d}",
            agent=agents[i % len(agents)],
            received_at=start + timedelta(seconds=25 * i),
            answered_at=start + timedelta(seconds=25 * i, hours=5),
            identity_number=f"10{i:08d}",
            requester_name="Marta Rodríguez",
            request_type="Petición",
            service="Certificados",
            crm_registrations=1,
            request_text=f"Solicito el certificado {i}.",
            answer_text="Buenos días, su certificado fue enviado a su correo. Cordialmente.",
            source_row=i + 2,
        )
        for i in range(rows)
    ]
    with db.transaction() as session:
        batch = ImportBatch(
            provider_id=provider.id,
            channel=Channel.VIRTUAL,
            file_name="grande.xlsx",
            file_sha256="0" * 64,
            sheet="Hoja1",
            header_row=1,
            mapping={},
            user_id=auditor.id,
            started_at=start,
            total_rows=rows,
        )
        session.add(batch)
        session.flush()
        store_records(
            session,
            provider_id=provider.id,
            channel=Channel.VIRTUAL,
            batch_id=batch.id,
            source_file="grande.xlsx",
            records=records,
        )
    info = audits.create_audit(
        db, auditor, Channel.VIRTUAL, provider.id, start.date(), start.date() + timedelta(days=30)
    )
    sample.draw_audit_sample(db, auditor, info.id, fraction="1", seed=7)
    answers = {"coherencia": "cumple", "pertinencia": "cumple", "solucion": "cumple",
               "redaccion_ortografia": "alto"}  # fmt: skip
    with db.transaction() as session:
        items = session.scalars(
            select(SampleItem.id).where(SampleItem.audit_id == info.id).order_by(SampleItem.id)
        ).all()
        session.execute(
            insert(Evaluation),
            [
                {
                    "sample_item_id": item,
                    "answers": answers,
                    "spelling_level": "alto",
                    "observations": "",
                    "score": Decimal("100.00"),
                    "score_without_critical": Decimal("100.00"),
                    "complete": True,
                    "reviewer_id": auditor.id,
                    "reviewed_at": start,
                    "version": 1,
                }
                for item in items[::3]
            ],
        )
    return db, auditor, info.id


def _timed(action):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    return result, round(time.perf_counter() - started, 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", help="SQLite file to create (default: a temporary folder)")
    parser.add_argument(
        "--reuse", action="store_true", help="open --db as built by an earlier run (audit 1)"
    )
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-muestra-")
    path = Path(args.db) if args.db else Path(folder) / "muestra.db"
    url = f"sqlite:///{path.as_posix()}"

    if args.reuse:
        from auditoria_calidad.services.auth import login
        from auditoria_calidad.services.connection import open_database

        db, build_s = open_database(url), 0.0
        auditor, audit_id = login(db, "auditora", "clave-auditora-1"), 1
    else:
        (db, auditor, audit_id), build_s = _timed(lambda: _build(url, args.rows))

    from PySide6.QtWidgets import QApplication

    from auditoria_calidad.services.evaluations import list_sample
    from auditoria_calidad.services.sample_pages import (
        SampleQuery,
        next_pending_row,
        sample_counts,
        sample_page,
        sample_position,
    )
    from auditoria_calidad.ui.evaluation_page import EvaluationPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    query = SampleQuery(audit_id)
    _, counts_s = _timed(lambda: sample_counts(db, auditor, query))
    _, first_page_s = _timed(lambda: sample_page(db, auditor, query, 0))
    _, middle_page_s = _timed(lambda: sample_page(db, auditor, query, 50_000))
    pending = SampleQuery(audit_id, descending=True, pending_only=True)
    _, pending_page_s = _timed(lambda: sample_page(db, auditor, pending, 0))
    last = sample_page(db, auditor, query, args.rows - 1)[0].sample_item_id
    _, position_s = _timed(lambda: sample_position(db, auditor, query, last))
    _, next_pending_s = _timed(lambda: next_pending_row(db, auditor, query, args.rows - 2))
    _, whole_list_s = _timed(lambda: list_sample(db, auditor, audit_id))

    def open_page() -> EvaluationPage:
        page = EvaluationPage(db, auditor)  # type: ignore[arg-type]
        page.resize(1280, 720)
        page.show()
        app.processEvents()
        return page

    def spelling_loaded(page: EvaluationPage) -> None:
        while page.checker is None:
            app.processEvents()
            time.sleep(0.005)

    # The first opening in a process also pays one-time costs (SQLAlchemy's statement
    # cache, the database file into memory); the second is what the auditor meets every
    # other time. The Spanish dictionary loads off the GUI thread once the first record is
    # on screen: how long after that the spelling marks appear is reported apart.
    cpu = time.thread_time()
    first, first_open_s = _timed(open_page)
    first_open_cpu_s = round(time.thread_time() - cpu, 3)
    _, spelling_after_first_open_s = _timed(lambda: spelling_loaded(first))
    first.close()
    cpu = time.thread_time()
    page, open_s = _timed(open_page)
    open_cpu_s = round(time.thread_time() - cpu, 3)
    assert page.current_id is not None and page.model.rowCount() == args.rows
    _, scroll_s = _timed(lambda: (page.view.scrollToBottom(), app.processEvents()))
    _, next_s = _timed(lambda: page.move(1))
    print(
        json.dumps(
            {
                "rows": args.rows,
                "build_database_s": build_s,
                "service_counts_s": counts_s,
                "service_first_page_s": first_page_s,
                "service_page_at_50000_s": middle_page_s,
                "service_pending_descending_first_page_s": pending_page_s,
                "service_position_of_last_row_s": position_s,
                "service_next_pending_beyond_pages_s": next_pending_s,
                "old_whole_list_query_s": whole_list_s,
                "first_open_in_process_s": first_open_s,
                "first_open_gui_thread_cpu_s": first_open_cpu_s,
                "spelling_ready_after_first_open_s": spelling_after_first_open_s,
                "open_page_until_first_record_s": open_s,
                "open_page_gui_thread_cpu_s": open_cpu_s,
                "load_average": os.getloadavg()[0],
                "scroll_to_last_row_s": scroll_s,
                "next_record_s": next_s,
                "target_open_s": 0.5,
                "database": str(path),
            },
            indent=2,
        )
    )
    page.close()
    db.close()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
