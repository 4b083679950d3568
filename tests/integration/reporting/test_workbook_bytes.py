"""A workbook written twice from the same data is the same file, byte for byte.

The document's dates come from the data (the report's issue date, the day the findings
were sent, the export's time), never from the clock, and every zip entry carries the
same fixed date; so a regenerated workbook can be compared with, or signed like, the
first one.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

from openpyxl import load_workbook
from report_builders import build_audit

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import load_default_scheme
from auditoria_calidad.exchange.f182 import ID_COLUMN, exchange_columns
from auditoria_calidad.reporting.f182_exchange import ExchangeSheet, write_f182_exchange
from auditoria_calidad.reporting.f182_workbook import write_f182_workbook
from auditoria_calidad.reporting.findings_workbook import (
    FindingRowData,
    FindingsWorkbookData,
    write_findings_workbook,
)
from auditoria_calidad.reporting.xlsx_stream import ZIP_DATE


def _core_dates(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        core = archive.read("docProps/core.xml").decode()
    return re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core)


def _assert_reproducible(first: bytes, second: bytes, stamp: str) -> None:
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {ZIP_DATE}
    assert _core_dates(first) == [stamp, stamp]


def test_the_f182_report_workbook_is_the_same_file_when_regenerated() -> None:
    audit = build_audit(records=30, agents=4)
    first, second = write_f182_workbook(audit), write_f182_workbook(audit)
    issued = audit.issued_at or datetime.combine(audit.report_date, datetime.min.time())
    _assert_reproducible(first, second, f"{issued:%Y-%m-%dT%H:%M:%SZ}")
    sheet = load_workbook(io.BytesIO(first))["F182"]
    assert sheet.max_row > 30  # the streamed rows are there


def test_the_findings_workbook_is_the_same_file_when_regenerated() -> None:
    rows = [
        FindingRowData(
            finding_id=n,
            number=n,
            key=f"2026-10-{n:05d}",
            received_at=datetime(2026, 10, 3, 9, n),
            agent="Laura Gómez",
            identity_number="1025595332",
            criterion="Coherencia",
            observation="La respuesta no guarda relación con lo pedido.",
        )
        for n in range(1, 6)
    ]
    data = FindingsWorkbookData(
        entity="Entidad",
        office="Oficina",
        audit_id=7,
        audit_number="AUD-2026-10",
        channel="Virtual",
        provider="Proveedor",
        period="01/10/2026 a 31/10/2026",
        sent_on=date(2026, 11, 2),
        response_deadline=date(2026, 11, 9),
        rows=rows,
    )
    first, second = write_findings_workbook(data), write_findings_workbook(data)
    _assert_reproducible(first, second, "2026-11-02T00:00:00Z")


def test_the_f182_exchange_workbook_is_the_same_file_when_regenerated() -> None:
    columns = exchange_columns(load_default_scheme(Channel.VIRTUAL), Channel.VIRTUAL)
    rows = [{ID_COLUMN: n, "key": f"2026-10-{n:05d}", "agent": "Laura Gómez"} for n in range(5)]
    content = ExchangeSheet(
        "F182",
        "Auditoría",
        "Diligencie.",
        columns,
        rows,
        {"auditoria": "AUD-1"},
        stamp=datetime(2026, 11, 2, 15, 30),
    )
    first, second = io.BytesIO(), io.BytesIO()
    write_f182_exchange(content, first)
    write_f182_exchange(content, second)
    _assert_reproducible(first.getvalue(), second.getvalue(), "2026-11-02T15:30:00Z")
