"""The automatic screening of the whole population in the reports, read back: the audit
report's section (per alert, per agent, agreement with the proposals), the F182
workbook's «Alertas» column and the monthly report's population-wide figures."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from reading import flat, page_texts
from report_builders import build_audit, build_monthly

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.reporting.audit_report import write_audit_report
from auditoria_calidad.reporting.data import (
    AuditReportData,
    RecordAlert,
    ScreeningAgentRow,
    ScreeningAgreementRow,
    ScreeningAlertRow,
    ScreeningFigures,
)
from auditoria_calidad.reporting.f182_workbook import write_f182_workbook
from auditoria_calidad.reporting.monthly_report import write_monthly_pdf

REUSED = "La misma respuesta se dio a 14 solicitudes de 3 temas (Certificados, Créditos, Becas)."
LATE = "Respondida en 31,5 horas; el límite es 24 horas (horas calendario)."


def _figures() -> ScreeningFigures:
    return ScreeningFigures(
        population=1_250,
        screened=1_250,
        with_alerts=318,
        alerts=(
            ScreeningAlertRow("plazo_24h", "Respuesta fuera de las 24 horas", "Oportunidad", 97),
            ScreeningAlertRow(
                "respuesta_reutilizada",
                "Respuesta reutilizada para otros temas",
                "Coherencia",
                41,
            ),
            ScreeningAlertRow("ortografia", "Palabras sospechosas de ortografía", "Redacción", 212),
        ),
        by_agent=(
            ScreeningAgentRow(
                "Laura Gómez",
                600,
                90,
                {"plazo_24h": 30, "ortografia": 70, "respuesta_reutilizada": 5},
            ),
            ScreeningAgentRow(
                "Andrés Pérez", 650, 228, {"respuesta_reutilizada": 36, "ortografia": 142}
            ),
        ),
        rules_version="2026.12-1",
        agreement=(
            ScreeningAgreementRow("Coherencia", 20, 17),
            ScreeningAgreementRow("Redacción y ortografía", 40, 30),
        ),
    )


@pytest.fixture(scope="module")
def screened_audit() -> AuditReportData:
    audit = build_audit(records=12, agents=3)
    records = list(audit.records)
    records[0] = replace(
        records[0],
        alerts=(RecordAlert("plazo_24h", LATE), RecordAlert("respuesta_reutilizada", REUSED)),
    )
    return replace(audit, records=tuple(records), screening=_figures())


def _section(pdf: bytes) -> str:
    whole = "\n".join(page_texts(pdf)).replace("\u00a0", " ")
    start = whole.index("3.5 Prefiltrado automático de toda la población")
    return whole[start : whole.index("4. Resultados por agente", start)]


def test_the_audit_report_has_the_population_screening_section(
    screened_audit: AuditReportData,
) -> None:
    section = flat(_section(write_audit_report(screened_audit)))
    assert flat("el prefiltrado automático (reglas versión 2026.12-1) revisó") in section
    assert flat("1.250 de 1.250 registros de la población") in section
    assert flat("318 (25,4 %) tienen al menos una alerta") in section
    # Counts per alert, with the code a reader finds again in the workbook.
    assert flat("Respuesta reutilizada para otros temas (respuesta_reutilizada)") in section
    assert flat("Coherencia 41 3,3 %") in section
    # Agreement with the proposals: 47 of 60 kept.
    assert flat("se mostraron 60 valores propuestos") in section
    assert flat("aceptaron 47 (78,3 %) y cambiaron 13") in section
    assert flat("Coherencia 20 17 3 85,0 %") in section
    assert flat("Total 60 47 13 78,3 %") in section
    # Per agent, the largest share of records with alerts first.
    per_agent = section[section.index(flat("3.6 Prefiltrado por agente")) :]
    assert per_agent.index(flat("Andrés Pérez")) < per_agent.index(flat("Laura Gómez"))
    assert flat("ortografia: 142, respuesta_reutilizada: 36") in per_agent


def test_an_audit_never_screened_says_so() -> None:
    audit = build_audit(records=6, agents=2)
    assert audit.screening is None
    section = flat(_section(write_audit_report(audit)))
    assert flat("no se ha prefiltrado automáticamente") in section


def test_the_f182_workbook_has_one_line_per_alert_beginning_with_its_code(
    screened_audit: AuditReportData,
) -> None:
    for channel in (Channel.VIRTUAL, Channel.CHAT):
        data = (
            screened_audit
            if channel is Channel.VIRTUAL
            else replace(screened_audit, channel=channel)
        )
        sheet = load_workbook(io.BytesIO(write_f182_workbook(data)))["F182"]
        rows = list(sheet.iter_rows(values_only=True))
        top = next(i for i, r in enumerate(rows) if "Alertas" in r)
        column = rows[top].index("Alertas")
        key_column = 0
        by_key = {r[key_column]: r[column] for r in rows[top + 1 :]}
        first = screened_audit.records[0].key
        assert by_key[first].split("\n") == [
            f"plazo_24h: {LATE}",
            f"respuesta_reutilizada: {REUSED}",
        ]
        others = [v for k, v in by_key.items() if k != first]
        assert others and all(v in (None, "") for v in others)


def test_the_monthly_report_shows_the_population_wide_figures() -> None:
    monthly = replace(build_monthly(months=3), screening=_figures())
    whole = "\n".join(page_texts(write_monthly_pdf(monthly))).replace("\u00a0", " ")
    start = whole.index("5.1 Prefiltrado automático de toda la población")
    section = flat(whole[start : whole.index("6. Calibración", start)])
    assert flat("Registros prefiltrados 1.250") in section
    assert flat("Registros con al menos una alerta 318 (25,4 %)") in section
    assert flat("Acuerdo de los auditores con las propuestas 78,3 % (47 de 60)") in section
    assert flat("Palabras sospechosas de ortografía (ortografia) Redacción 212 17,0 %") in section


def test_a_month_without_screening_says_so() -> None:
    whole = "\n".join(page_texts(write_monthly_pdf(build_monthly(months=2))))
    assert flat("Ninguna población de las auditorías del mes se ha prefiltrado") in flat(whole)


# --- From the database, through the services ----------------------------------------------


def test_the_reports_read_the_stored_screening_and_the_auditors_agreement(db, admin) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from auditoria_calidad.services import reports, screening
    from auditoria_calidad.services.evaluations import EvaluationDraft, load_form, save_evaluation
    from auditoria_calidad.storage.models import Record
    from f182_data import all_met
    from f182_data import build_audit as build_f182

    f182 = build_f182(db, admin, count=6)
    with db.transaction() as session:
        for i, record in enumerate(session.scalars(select(Record).order_by(Record.key))):
            record.service = ("Certificados", "Créditos", "Becas")[i % 3]
    screening.screen_audit(db, f182.auditor, f182.audit_id)
    scheme = load_form(db, f182.auditor, f182.items[0]).scheme
    judged = [c.key for c in scheme.criteria if c.kind.value != "computed"]
    reused = ("no_cumple", ("respuesta_reutilizada",))
    for index, coherence in ((0, "no_cumple"), (2, "cumple"), (4, "cumple")):
        answers = all_met(judged) | {"coherencia": coherence}
        save_evaluation(
            db,
            f182.auditor,
            f182.items[index],
            EvaluationDraft(answers, "Respuesta de plantilla.", proposals={"coherencia": reused}),
            expected_version=None,
        )

    report = reports.audit_report(db, f182.auditor, f182.audit_id, with_xlsx=True)
    figures = report.data.screening
    assert figures is not None
    assert (figures.population, figures.screened, figures.with_alerts) == (6, 6, 6)
    assert {a.code: a.records for a in figures.alerts}["respuesta_reutilizada"] == 6
    assert {a.code: a.criterion for a in figures.alerts}["respuesta_reutilizada"] == "Coherencia"
    assert [(a.criterion, a.proposals, a.accepted) for a in figures.agreement] == [
        ("Coherencia", 3, 1)
    ]
    assert sum(a.records for a in figures.by_agent) == 6
    section = flat(_section(report.pdf))
    assert flat("Coherencia 3 1 2 33,3 %") in section

    sheet = load_workbook(io.BytesIO(report.xlsx or b""))["F182"]
    rows = list(sheet.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if "Alertas" in r)
    cells = [r[rows[top].index("Alertas")] for r in rows[top + 1 :]]
    assert len(cells) == 3
    assert all(
        any(line.startswith("respuesta_reutilizada: La misma respuesta") for line in c.split("\n"))
        for c in cells
    )
    assert all(
        line.split(":")[0]
        in ("respuesta_reutilizada", "plazo_24h", "ortografia", "lenguaje_claro", "protocolo")
        for c in cells
        for line in c.split("\n")
    )

    monthly = reports.monthly_report(
        db, f182.auditor, month="2026-10", channel="virtual", provider="Contacto Total S.A.S."
    )
    month = monthly.data.screening
    assert month is not None and (month.screened, month.with_alerts) == (6, 6)
    text = flat("\n".join(page_texts(monthly.pdf)).replace("\u00a0", " "))
    assert flat("Registros prefiltrados 6") in text
    assert flat("Acuerdo de los auditores con las propuestas 33,3 % (1 de 3)") in text
