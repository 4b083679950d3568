"""Benchmark: a committee's day — 163 answered inconsistencies accepted in one call, and the
acta (with one extract per provider) issued.

Builds a temporary SQLite database (or uses ``--db URL``) with two providers' audits, 163 of
whose findings the providers answered, opens a session reviewing both, then times `committee.decide_answered` and
`committee_minutes.issue_minutes`. Prints one JSON object (seconds, statements run by the
batch). Target: the batch well under a few seconds, with a fixed number of statements.

Run by hand, never by pytest::

    python tests/perf/bench_committee_day.py [--db URL]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parents[1])]

from sqlalchemy import event  # noqa: E402

from audit_data import first_admin  # noqa: E402
from auditoria_calidad.services import approval, committee, findings  # noqa: E402
from auditoria_calidad.services import committee_minutes as minutes  # noqa: E402
from auditoria_calidad.services import provider_answers as answers  # noqa: E402
from auditoria_calidad.services.connection import open_database  # noqa: E402
from cycle_data import evaluated_audit, new_provider, people  # noqa: E402

FINDINGS = 163


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    db = open_database(url)
    admin = first_admin(db)
    first, second = new_provider(db, admin), new_provider(db, admin)
    who = people(db, admin, first[1], second[1])
    # An audit holds about 86 findings (its fortnight's records): two providers' audits.
    made = [
        evaluated_audit(db, admin, who.auditor, provider, count=2 * FINDINGS)
        for provider in (first, second)
    ]
    draft = answers.AnswerDraft("Causa", "Acción", "Responsable", date(2026, 12, 20))
    listed = []
    for audit, manager in zip(made, (who.manager, who.other_manager), strict=True):
        approval.approve_audit(db, who.head, audit.audit_id)
        approval.send_to_provider(db, who.head, audit.audit_id)
        listed += [(f, manager) for f in findings.list_findings(db, manager, audit.audit_id)]
    for finding, manager in listed[:FINDINGS]:
        answers.save_answer(db, manager, finding.id, draft)
    session = committee.create_session(
        db, who.committee, date(2026, 12, 14), [a.audit_id for a in made]
    )
    statements: list[str] = []

    def count(*fired: object) -> None:
        statements.append(str(fired[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    started = time.perf_counter()
    result = committee.decide_answered(db, who.committee, session.id, "aceptada")
    batch = time.perf_counter() - started
    event.remove(db.engine, "before_cursor_execute", count)
    rest = [(f.id, "aceptada", "") for f, _manager in listed[FINDINGS:]]
    if rest:
        committee.record_decisions(db, who.committee, session.id, rest)
    committee.add_attendee(db, who.committee, session.id, "Marta Lucía Rincón")
    started = time.perf_counter()
    _info, pdf = minutes.issue_minutes(db, who.committee, session.id)
    issue = time.perf_counter() - started
    db.close()
    print(
        json.dumps(
            {
                "decided": result.recorded,
                "batch_seconds": round(batch, 3),
                "batch_statements": len(statements),
                "issue_seconds": round(issue, 3),
                "acta_bytes": len(pdf),
            }
        )
    )


if __name__ == "__main__":
    main()
