"""The monthly report (PDF and workbook) read back: month, year to date, trend, agents."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from reading import flat, page_texts
from report_builders import LONG_WORD, build_monthly

from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.data import MonthlyReportData
from auditoria_calidad.reporting.monthly_report import write_monthly_pdf
from auditoria_calidad.reporting.monthly_workbook import write_monthly_xlsx


@pytest.fixture(scope="module")
def monthly() -> MonthlyReportData:
    return build_monthly(months=6)


@pytest.fixture(scope="module")
def texts(monthly: MonthlyReportData) -> list[str]:
    return page_texts(write_monthly_pdf(monthly))


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def test_pdf_gives_the_month_beside_the_year_to_date(
    monthly: MonthlyReportData, texts: list[str]
) -> None:
    whole = _plain("\n".join(texts))
    month, ytd = monthly.month_figures, monthly.year_to_date
    assert "Informe mensual de calidad · Canal Virtual" in whole
    assert "mayo de 2024" in whole
    assert "Acumulado 2024" in whole
    for value in (
        fmt.count(month.received),
        fmt.count(ytd.received),
        fmt.count(month.audited),
        fmt.decimal(month.audit_score, 2),
        fmt.decimal(ytd.audit_score, 2),
        _plain(fmt.percent(month.sample_pct)),
        _plain(fmt.percent(ytd.sample_pct)),
        _plain(fmt.percent(month.within_limit_pct)),
    ):
        assert value in whole


def test_pdf_shows_the_trend_criteria_and_agents(
    monthly: MonthlyReportData, texts: list[str]
) -> None:
    whole = _plain("\n".join(texts))
    for period in monthly.trend:
        assert period.label in whole
        assert fmt.decimal(period.audit_score, 2) in whole
    for criterion in monthly.criteria:
        assert flat(criterion.label) in flat(whole)
    for agent in monthly.by_agent:
        assert agent.agent in whole
    assert "Gráfica 1" in whole and "Gráfica 4" in whole


def test_pdf_pages_are_numbered_and_reproducible(
    monthly: MonthlyReportData, texts: list[str]
) -> None:
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"Página {number} de {total}" in text
    assert write_monthly_pdf(monthly) == write_monthly_pdf(monthly)


def test_pdf_with_hostile_analysis_and_no_history(monthly: MonthlyReportData) -> None:
    data = replace(
        monthly,
        trend=(),
        by_agent=(),
        audits=(),
        analysis="Análisis <b> & 😀 " + LONG_WORD + " " + "x " * 3000,
        provider="=Proveedor <x>",
    )
    whole = flat("\n".join(page_texts(write_monthly_pdf(data))))
    book = load_workbook(io.BytesIO(write_monthly_xlsx(data)))
    assert book["Tendencia"]._charts == []
    assert LONG_WORD in whole
    assert flat("Análisis <b> &") in whole
    assert "Nohaymesesanterioresconauditorías." in whole
    assert "Sinauditoríasaprobadasenelmes." in whole


def test_workbook_has_figures_trend_and_charts(monthly: MonthlyReportData) -> None:
    book = load_workbook(io.BytesIO(write_monthly_xlsx(monthly)))
    assert book.sheetnames == ["Resumen", "Tendencia", "Por agente"]
    summary = [c.value for row in book["Resumen"].iter_rows() for c in row]
    assert monthly.month_figures.received in summary
    assert monthly.year_to_date.received in summary
    assert "Acumulado 2024" in summary
    trend = book["Tendencia"]
    labels = [c.value for c in trend["A"]]
    for period in monthly.trend:
        assert period.label in labels
    assert len(book["Resumen"]._charts) == 1
    assert len(trend._charts) == 2
    assert len(book["Por agente"]._charts) == 1
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
