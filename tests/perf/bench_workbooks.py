"""Benchmark: the three large workbooks of 100,000 records, time and peak memory.

Run by hand:  .venv/bin/python tests/perf/bench_workbooks.py [--records 100000]

Each workbook is written in its own process, so that its peak memory (the process's
maximum resident set size, the synthetic data included) is its own: the F182 report
workbook (``write_f182_workbook``), the findings workbook sent to the provider
(``write_findings_workbook``) and the F182 exchange workbook (``write_f182_exchange``).
Prints JSON: per workbook the seconds to build the data, the seconds to write, the bytes
written, the resident memory before writing and the peak. The targets are at most 20 s
and 400 MB per workbook.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration" / "reporting"))

RECORDS = 100_000
TARGET_SECONDS = 20.0
TARGET_MB = 400.0
WORKBOOKS = ("f182", "findings", "exchange")


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _audit(records: int):
    from report_builders import build_audit

    # The builder's indicators are costly for 100,000 records: build a sample of 1,000
    # and repeat its records with distinct keys.
    base = build_audit(records=min(records, 1_000), agents=40)
    repeated = tuple(
        replace(record, key=f"2024-05-{100_000 + n:07d}")
        for n, record in zip(range(records), _cycle(base.records), strict=False)
    )
    return replace(base, records=repeated)


def _cycle(items):
    while True:
        yield from items


def _write(kind: str, records: int) -> dict[str, object]:
    started = time.perf_counter()
    audit = _audit(records)
    if kind == "f182":
        from auditoria_calidad.reporting.f182_workbook import write_f182_workbook

        def write() -> bytes:
            return write_f182_workbook(audit)

    elif kind == "findings":
        from auditoria_calidad.reporting.findings_workbook import (
            FindingRowData,
            FindingsWorkbookData,
            write_findings_workbook,
        )

        rows = [
            FindingRowData(
                finding_id=n,
                number=n,
                key=r.key,
                received_at=r.received_at,
                agent=r.agent,
                identity_number=r.identity_number,
                criterion="Coherencia de la respuesta",
                observation=r.observations or "La respuesta no guarda relación con lo pedido.",
                request_text=r.request_text or "",
                answer_text=r.answer_text or "",
            )
            for n, r in enumerate(audit.records, start=1)
        ]
        data = FindingsWorkbookData(
            entity=audit.letterhead.entity,
            office="Oficina",
            audit_id=1,
            audit_number="AUD-2024-05",
            channel="Virtual",
            provider=audit.provider,
            period="01/05/2024 a 31/05/2024",
            sent_on=date(2024, 6, 10),
            response_deadline=date(2024, 6, 17),
            rows=rows,
        )

        def write() -> bytes:
            return write_findings_workbook(data)

    else:
        import io

        from auditoria_calidad.domain.fields import Channel
        from auditoria_calidad.domain.scheme import load_default_scheme
        from auditoria_calidad.exchange.f182 import ID_COLUMN, exchange_columns
        from auditoria_calidad.reporting.f182_exchange import ExchangeSheet, write_f182_exchange

        columns = exchange_columns(load_default_scheme(Channel.VIRTUAL), Channel.VIRTUAL)
        rows = [
            {
                ID_COLUMN: n,
                "key": r.key,
                "received_at": r.received_at,
                "answered_at": r.answered_at,
                "identity": r.identity_number,
                "agent": r.agent,
                "request_text": r.request_text,
                "answer_text": r.answer_text,
                "observaciones": r.observations,
                "score": r.score,
            }
            for n, r in enumerate(audit.records, start=1)
        ]
        content = ExchangeSheet("F182", "Auditoría", "Diligencie.", columns, rows, {"a": "b"})

        def write() -> bytes:
            buffer = io.BytesIO()
            write_f182_exchange(content, buffer)
            return buffer.getvalue()

    built = time.perf_counter() - started
    before = _rss_mb()
    started = time.perf_counter()
    written = write()
    seconds = time.perf_counter() - started
    return {
        "workbook": kind,
        "records": records,
        "build_seconds": round(built, 2),
        "write_seconds": round(seconds, 2),
        "bytes": len(written),
        "rss_before_write_mb": round(before, 1),
        "peak_rss_mb": round(_peak_mb(), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=RECORDS)
    parser.add_argument("--only", choices=WORKBOOKS, help="write one workbook in this process")
    args = parser.parse_args()
    if args.only:
        print(json.dumps(_write(args.only, args.records)))
        return
    results = []
    for kind in WORKBOOKS:
        command = [sys.executable, __file__, "--only", kind, "--records", str(args.records)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        result = json.loads(output.strip().splitlines()[-1])
        result["within_target"] = (
            result["write_seconds"] <= TARGET_SECONDS and result["peak_rss_mb"] <= TARGET_MB
        )
        results.append(result)
    print(
        json.dumps(
            {"target_seconds": TARGET_SECONDS, "target_mb": TARGET_MB, "workbooks": results},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
