"""Benchmark: the audit report PDF of a large audit against a bare reportlab table.

Run by hand:  /work/venv/bin/python tests/perf/bench_report.py

Builds the synthetic data of an audit with 5,000 evaluated records and 2,000
inconsistencies, times ``write_audit_report`` and, in the same run, the time reportlab
needs to lay out a bare 5,000-row table of Paragraphs (LongTable, header repeated, four
Paragraph cells per row, DejaVu Sans). Prints JSON with both times and their ratio;
the target is a ratio of at most 1.5. Each timing is the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration" / "reporting"))

from report_builders import build_audit

from auditoria_calidad.reporting.audit_report import write_audit_report
from auditoria_calidad.reporting.fonts import BOLD, REGULAR, register_fonts

RECORDS = 5_000
INCONSISTENCIES = 2_000
TARGET_RATIO = 1.5


def bare_table_pdf(rows: int = RECORDS) -> bytes:
    """A 5,000-row table of Paragraphs with nothing else: reportlab's own floor."""
    register_fonts()
    style = ParagraphStyle("cell", fontName=REGULAR, fontSize=7.5, leading=9.2)
    head = ParagraphStyle("head", parent=style, fontName=BOLD)
    data = [[Paragraph(t, head) for t in ("Radicado", "Agente", "Criterio", "Observación")]]
    for n in range(rows):
        data.append(
            [
                Paragraph(f"2024-05-{100000 + n}", style),
                Paragraph(f"Agente {n % 60 + 1:03d}", style),
                Paragraph("Solución del problema", style),
                Paragraph(
                    "No se resolvió el requerimiento ni se informó el escalonamiento al área "
                    "responsable.",
                    style,
                ),
            ]
        )
    table = LongTable(data, colWidths=[80, 90, 100, 220], repeatRows=1)
    table.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.4, "#C5D0DC"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
    )
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build([table])
    return buffer.getvalue()


def best_of(repeat: int, action) -> tuple[float, object]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    build_seconds, data = best_of(
        1,
        lambda: build_audit(records=RECORDS, agents=60, inconsistency_count=INCONSISTENCIES),
    )
    bare_seconds, bare = best_of(args.repeat, bare_table_pdf)
    report_seconds, report = best_of(args.repeat, lambda: write_audit_report(data))
    ratio = report_seconds / bare_seconds
    print(
        json.dumps(
            {
                "records": len(data.records),
                "inconsistencies": len(data.inconsistencies),
                "data_build_seconds": round(build_seconds, 3),
                "bare_table_seconds": round(bare_seconds, 3),
                "bare_table_bytes": len(bare),
                "audit_report_seconds": round(report_seconds, 3),
                "audit_report_bytes": len(report),
                "ratio": round(ratio, 3),
                "target_ratio": TARGET_RATIO,
                "meets_target": ratio <= TARGET_RATIO,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
