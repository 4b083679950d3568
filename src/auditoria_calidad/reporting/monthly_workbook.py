"""The monthly quality report as a workbook: the same figures as the PDF, as data.

Sheets: "Resumen" (the month beside the year to date, criteria, chart), "Tendencia"
(month by month, with charts) and "Por agente" (worst first, with chart).
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.audit_results import agents_worst_first
from auditoria_calidad.reporting.data import MonthlyReportData, PeriodFigures
from auditoria_calidad.reporting.monthly_report import NO_APPROVED_AUDITS
from auditoria_calidad.reporting.output import Destination
from auditoria_calidad.reporting.xlsx_sheets import (
    INTEGER,
    PERCENT,
    SCORE,
    banner,
    bar_chart,
    plain_block,
    print_landscape,
    save,
    table,
)


def _fraction(value: Decimal | None) -> float | None:
    return None if value is None else float(value) / 100


def _title_lines(data: MonthlyReportData, title: str) -> list[str]:
    return [
        data.letterhead.entity,
        title,
        f"Canal {data.channel.label} · Proveedor: {data.provider} · "
        f"{fmt.month_name(data.year, data.month).capitalize()} · Informe N.º "
        f"{data.report_number} · Meta: {fmt.decimal(data.target_score, 1)}",
    ]


def _figures(period: PeriodFigures, words: bool = False) -> list[object]:
    """The period's figures; with ``words``, those needing an approved audit say there is
    none instead of showing an empty score and 0 inconsistencies."""
    none = NO_APPROVED_AUDITS if words and not period.audits else None
    return [
        period.received,
        period.audited,
        _fraction(period.sample_pct),
        period.audits,
        none or period.audit_score,
        _fraction(period.within_limit_pct),
        _fraction(period.legal_met_pct),
        none or period.inconsistencies,
    ]


_FIGURE_LABELS = (
    ("Registros recibidos (población)", INTEGER),
    ("Registros auditados", INTEGER),
    ("% de la población auditada", PERCENT),
    ("Auditorías (visitas de calidad)", INTEGER),
    ("Calificación de auditoría", SCORE),
    ("% respuestas dentro del plazo", PERCENT),
    ("% plazos legales cumplidos", PERCENT),
    ("Inconsistencias", INTEGER),
)


def _summary(sheet: Worksheet, data: MonthlyReportData) -> None:
    month, ytd = data.month_figures, data.year_to_date
    top = banner(sheet, _title_lines(data, "Informe mensual de calidad"), 4)
    month_label = fmt.month_name(data.year, data.month).capitalize()
    rows = [
        [label, m, y]
        for (label, _), m, y in zip(
            _FIGURE_LABELS, _figures(month, True), _figures(ytd, True), strict=True
        )
    ]
    head, _last, top = plain_block(
        sheet,
        top,
        "El mes frente al acumulado del año",
        ["Indicador", month_label, ytd.label],
        rows,
    )
    for offset, (_, number_format) in enumerate(_FIGURE_LABELS, start=1):
        for column in (2, 3):
            sheet.cell(row=head + offset, column=column).number_format = number_format
    criteria_rows = [
        [c.label, _fraction(month.criteria_pct.get(c.key)), _fraction(ytd.criteria_pct.get(c.key))]
        for c in data.criteria
    ]
    crit_head, crit_last, after = plain_block(
        sheet,
        top,
        "Cumplimiento por criterio",
        ["Criterio", month_label, ytd.label],
        criteria_rows,
        [None, PERCENT, PERCENT],
    )
    if data.pending:
        plain_block(
            sheet,
            after,
            "Auditorías del mes pendientes de aprobación (no se cuentan en las cifras)",
            ["Informe N.º", "Evaluados", "De la muestra", "Estado"],
            [[a.report_number, a.evaluated, a.sampled, a.status] for a in data.pending],
            [None, INTEGER, INTEGER, None],
        )
    sheet.column_dimensions["A"].width = 44
    print_landscape(sheet)
    sheet.column_dimensions["B"].width = 16
    sheet.column_dimensions["C"].width = 16
    if criteria_rows:
        bar_chart(
            sheet,
            sheet,
            title="Cumplimiento por criterio: mes y acumulado (%)",
            labels=(1, crit_head + 1, crit_last),
            values=[(2, crit_head + 1, crit_last), (3, crit_head + 1, crit_last)],
            anchor="F5",
            axis_max=1,
            number_format="0.0%",
        )


def _trend(sheet: Worksheet, data: MonthlyReportData) -> None:
    top = banner(sheet, _title_lines(data, "Tendencia de los últimos meses"), 7)
    header = [
        "Mes",
        "Recibidos",
        "Auditados",
        "% auditado",
        "Calificación",
        "% en plazo",
        "% plazos legales",
        "Inconsistencias",
    ]
    rows = [[t.label, *(_figures(t)[i] for i in (0, 1, 2, 4, 5, 6, 7))] for t in data.trend]
    formats = [None, INTEGER, INTEGER, PERCENT, SCORE, PERCENT, PERCENT, INTEGER]
    first, last = table(sheet, top, header, rows, name="Tendencia", formats=formats)
    if rows:
        bar_chart(
            sheet,
            sheet,
            title="Calificación de auditoría por mes",
            labels=(1, first, last),
            values=[(5, first, last)],
            anchor="J5",
            horizontal=False,
            axis_max=100,
        )
        bar_chart(
            sheet,
            sheet,
            title="Registros recibidos y auditados por mes",
            labels=(1, first, last),
            values=[(2, first, last), (3, first, last)],
            anchor="J22",
            horizontal=False,
            axis_max=None,
            number_format="#,##0",
        )


def _agents(sheet: Worksheet, data: MonthlyReportData) -> None:
    top = banner(sheet, _title_lines(data, "Resultados por agente (de menor a mayor)"), 5)
    header = ["Agente", "Evaluados", "Calificación", "% en plazo", "Inconsistencias"]
    rows = [
        [a.agent, a.evaluated, a.score, _fraction(a.within_limit_pct), a.inconsistencies]
        for a in agents_worst_first(data.by_agent)
    ]
    formats = [None, INTEGER, SCORE, PERCENT, INTEGER]
    first, last = table(sheet, top, header, rows, name="PorAgenteMes", formats=formats)
    if rows:
        bar_chart(
            sheet,
            sheet,
            title="Calificación por agente",
            labels=(1, first, last),
            values=[(3, first, last)],
            anchor="H5",
            axis_max=100,
        )


def write_monthly_xlsx(data: MonthlyReportData, out: Destination = None) -> bytes:
    """Write the monthly report workbook to ``out`` and return its bytes."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Resumen"
    _summary(summary, data)
    _trend(workbook.create_sheet("Tendencia"), data)
    _agents(workbook.create_sheet("Por agente"), data)
    workbook.properties.creator = "auditoria-calidad"
    workbook.properties.title = f"Informe mensual N.º {data.report_number}"
    return save(workbook, out)
