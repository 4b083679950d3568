"""The monthly quality report PDF of one channel and provider (activities 5.2.23–5.2.26).

The month's figures beside the year to date, the trend of the last months as bars,
compliance by criterion and results by agent, then the audits of the month, the
analysis and the signatures. Same look as the audit report; same data, same bytes.
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.audit_results import CHART_AGENTS, agents_worst_first
from auditoria_calidad.reporting.charts import horizontal_bars, vertical_bars
from auditoria_calidad.reporting.data import MonthlyReportData, PeriodFigures
from auditoria_calidad.reporting.output import Destination
from auditoria_calidad.reporting.pdf_blocks import (
    data_table,
    key_values,
    kpi_cards,
    letterhead,
    signature_blocks,
)
from auditoria_calidad.reporting.pdf_page import PageDecor, build_pdf, portrait_width
from auditoria_calidad.reporting.pdf_style import Styles, status_color
from auditoria_calidad.reporting.pdf_text import paragraph, paragraphs
from auditoria_calidad.reporting.screening_section import monthly_screening_section


def monthly_title(data: MonthlyReportData) -> str:
    return f"Informe mensual de calidad · Canal {data.channel.label}"


NO_APPROVED_AUDITS = "Sin auditorías aprobadas en el mes"


def _score(value: Decimal | None) -> str:
    return fmt.decimal(value, 2)


def _counted(period: PeriodFigures, text: str) -> str:
    """A figure that needs approved audits: the words saying there are none, otherwise it."""
    return text if period.audits else NO_APPROVED_AUDITS


def _indicator_rows(month: PeriodFigures, ytd: PeriodFigures) -> list[list[str]]:
    rows = [
        ("Registros recibidos (población)", fmt.count(month.received), fmt.count(ytd.received)),
        ("Registros auditados", fmt.count(month.audited), fmt.count(ytd.audited)),
        ("% de la población auditada", fmt.percent(month.sample_pct), fmt.percent(ytd.sample_pct)),
        ("Auditorías (visitas de calidad)", fmt.count(month.audits), fmt.count(ytd.audits)),
        (
            "Calificación de auditoría",
            _counted(month, _score(month.audit_score)),
            _counted(ytd, _score(ytd.audit_score)),
        ),
        (
            "% respuestas dentro del plazo",
            fmt.percent(month.within_limit_pct),
            fmt.percent(ytd.within_limit_pct),
        ),
        (
            "% plazos legales cumplidos",
            fmt.percent(month.legal_met_pct),
            fmt.percent(ytd.legal_met_pct),
        ),
        (
            "Inconsistencias",
            _counted(month, fmt.count(month.inconsistencies)),
            _counted(ytd, fmt.count(ytd.inconsistencies)),
        ),
    ]
    return [list(row) for row in rows]


def _cover(data: MonthlyReportData, styles: Styles, width: float) -> list[Flowable]:
    month = data.month_figures
    target = data.target_score
    pairs = [
        ("Informe N.º", data.report_number),
        ("Fecha del informe", fmt.day(data.report_date)),
        ("Mes", fmt.month_name(data.year, data.month).capitalize()),
        ("Canal", data.channel.label),
        ("Proveedor (Outsourcing)", data.provider),
        ("Elaborado por", data.prepared_by),
        ("Meta de calificación", fmt.decimal(target, 1)),
    ]
    cards: list[tuple[str, str, Any]] = [
        (fmt.count(month.received), "Registros recibidos", None),
        (fmt.count(month.audited), "Registros auditados", None),
        (fmt.percent(month.sample_pct), "% auditado", None),
        (
            fmt.decimal(month.audit_score, 1),
            "Calificación del mes",
            status_color(month.audit_score, target),
        ),
        (
            fmt.percent(month.within_limit_pct),
            "Dentro del plazo",
            status_color(month.within_limit_pct, target),
        ),
    ]
    if not month.audits:  # nothing approved: no figure would be a real one
        cards = [cards[0], (NO_APPROVED_AUDITS, "Calificación del mes", None)]
    return [
        letterhead(data.letterhead, styles, width),
        Spacer(1, 8 * mm),
        paragraph(monthly_title(data), styles.title),
        paragraph(f"{data.provider} · {fmt.month_name(data.year, data.month)}", styles.subtitle),
        paragraph("Procedimiento M5-1-01 Atención Virtual, numerales 5.2.23 a 5.2.26", styles.note),
        Spacer(1, 4 * mm),
        key_values(pairs, styles, width),
        Spacer(1, 5 * mm),
        kpi_cards(cards, styles, width),
    ]


def _month_vs_year(data: MonthlyReportData, styles: Styles, width: float) -> list[Flowable]:
    month, ytd = data.month_figures, data.year_to_date
    widths = [width * 0.5, width * 0.25, width * 0.25]
    header = ["Indicador", fmt.month_name(data.year, data.month).capitalize(), ytd.label]
    return [
        paragraph("1. El mes frente al acumulado del año", styles.h1),
        data_table(header, _indicator_rows(month, ytd), widths, styles, right_columns=(1, 2)),
    ]


def _trend(data: MonthlyReportData, styles: Styles, width: float) -> list[Flowable]:
    trend = list(data.trend)
    story: list[Flowable] = [
        CondPageBreak(110 * mm),
        paragraph("2. Tendencia de los últimos meses", styles.h1),
    ]
    if not trend:
        story.append(paragraph("No hay meses anteriores con auditorías.", styles.body))
        return story
    labels = [t.label for t in trend]
    story.append(
        KeepTogether(
            [
                paragraph("Gráfica 1. Calificación de auditoría por mes", styles.note),
                vertical_bars(
                    labels,
                    [[t.audit_score for t in trend]],
                    width=width,
                    target=data.target_score,
                    value_text=lambda v: fmt.decimal(v, 1),
                ),
            ]
        )
    )
    story.append(
        KeepTogether(
            [
                Spacer(1, 3 * mm),
                paragraph("Gráfica 2. Registros recibidos y auditados por mes", styles.note),
                vertical_bars(
                    labels,
                    [[t.received for t in trend], [t.audited for t in trend]],
                    width=width,
                    names=["Recibidos", "Auditados"],
                    value_max=None,
                    value_text=lambda v: fmt.count(None if v is None else int(v)),
                ),
            ]
        )
    )
    rows = [
        [
            t.label,
            fmt.count(t.received),
            fmt.count(t.audited),
            fmt.percent(t.sample_pct),
            _score(t.audit_score),
            fmt.percent(t.within_limit_pct),
            fmt.count(t.inconsistencies),
        ]
        for t in trend
    ]
    widths = [width * w for w in (0.16, 0.13, 0.13, 0.13, 0.15, 0.15, 0.15)]
    story.append(Spacer(1, 3 * mm))
    story.append(
        data_table(
            [
                "Mes",
                "Recibidos",
                "Auditados",
                "% auditado",
                "Calificación",
                "% en plazo",
                "Inconsistencias",
            ],
            rows,
            widths,
            styles,
            right_columns=(1, 2, 3, 4, 5, 6),
        )
    )
    return story


def _criteria(data: MonthlyReportData, styles: Styles, width: float) -> list[Flowable]:
    month, ytd = data.month_figures, data.year_to_date
    rows = [
        [
            c.label,
            fmt.percent(month.criteria_pct.get(c.key)),
            fmt.percent(ytd.criteria_pct.get(c.key)),
        ]
        for c in data.criteria
    ]
    month_label = fmt.month_name(data.year, data.month).capitalize()
    story: list[Flowable] = [
        CondPageBreak(90 * mm),
        paragraph("3. Cumplimiento por criterio", styles.h1),
        data_table(
            ["Criterio", month_label, data.year_to_date.label],
            rows,
            [width * 0.5, width * 0.25, width * 0.25],
            styles,
            right_columns=(1, 2),
            empty="No hay criterios con resultados en el mes.",
        ),
    ]
    if data.criteria:
        chart = horizontal_bars(
            [c.label for c in data.criteria],
            [month.criteria_pct.get(c.key) for c in data.criteria],
            compare=[ytd.criteria_pct.get(c.key) for c in data.criteria],
            names=[month_label, ytd.label],
            width=width,
            target=data.target_score,
        )
        story.append(
            KeepTogether(
                [
                    Spacer(1, 3 * mm),
                    paragraph(
                        "Gráfica 3. Cumplimiento por criterio: mes y acumulado del año (%)",
                        styles.note,
                    ),
                    chart,
                ]
            )
        )
    return story


def _agents(data: MonthlyReportData, styles: Styles, width: float) -> list[Flowable]:
    agents = agents_worst_first(data.by_agent)
    rows = [
        [
            str(i),
            a.agent,
            fmt.count(a.evaluated),
            _score(a.score),
            fmt.percent(a.within_limit_pct),
            fmt.count(a.inconsistencies),
        ]
        for i, a in enumerate(agents, start=1)
    ]
    widths = [width * w for w in (0.06, 0.4, 0.12, 0.14, 0.13, 0.15)]
    story: list[Flowable] = [
        CondPageBreak(90 * mm),
        paragraph("4. Resultados por agente", styles.h1),
        paragraph(
            "Agentes del mes ordenados de la calificación más baja a la más alta.", styles.body
        ),
        data_table(
            ["N.º", "Agente", "Evaluados", "Calificación", "% en plazo", "Inconsistencias"],
            rows,
            widths,
            styles,
            right_columns=(0, 2, 3, 4, 5),
            empty="No hay agentes con registros evaluados en el mes.",
        ),
    ]
    shown = agents[:CHART_AGENTS]
    if shown:
        story.append(
            KeepTogether(
                [
                    Spacer(1, 3 * mm),
                    paragraph("Gráfica 4. Calificación por agente (de menor a mayor)", styles.note),
                    horizontal_bars(
                        [a.agent for a in shown],
                        [a.score for a in shown],
                        width=width,
                        target=data.target_score,
                        value_text=lambda v: fmt.decimal(v, 1),
                    ),
                ]
            )
        )
    return story


def _closing(data: MonthlyReportData, styles: Styles, width: float) -> list[Flowable]:
    rows = [
        [
            a.report_number,
            fmt.period(a.period_start, a.period_end),
            fmt.count(a.evaluated),
            _score(a.score),
            a.status,
        ]
        for a in data.audits
    ]
    widths = [width * w for w in (0.22, 0.3, 0.14, 0.14, 0.2)]
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        paragraph("5. Auditorías del mes", styles.h1),
        data_table(
            ["Informe N.º", "Periodo", "Evaluados", "Calificación", "Estado"],
            rows,
            widths,
            styles,
            right_columns=(2, 3),
            empty=NO_APPROVED_AUDITS + ".",
        ),
        *_pending(data, styles, width),
        *monthly_screening_section(data.screening, styles, width),
        *_calibrations(data, styles, width),
        paragraph("7. Análisis", styles.h1),
    ]
    blocks = paragraphs(data.analysis) or ["Sin análisis registrado."]
    story += [paragraph(block, styles.body_justified) for block in blocks]
    story += [
        CondPageBreak(65 * mm),
        paragraph("8. Firmas", styles.h1),
        signature_blocks(data.signatories, styles, width),
    ]
    return story


def _pending(data: MonthlyReportData, styles: Styles, width: float) -> list[Flowable]:
    """The month's audits not yet approved: their progress, never counted in the figures."""
    if not data.pending:
        return []
    rows = [
        [
            a.report_number,
            fmt.period(a.period_start, a.period_end),
            f"{fmt.count(a.evaluated)} de {fmt.count(a.sampled)}",
            fmt.percent(Decimal(100) * a.evaluated / a.sampled if a.sampled else None),
            a.status,
        ]
        for a in data.pending
    ]
    widths = [width * w for w in (0.22, 0.3, 0.18, 0.1, 0.2)]
    return [
        paragraph("Auditorías del mes pendientes de aprobación", styles.h2),
        paragraph(
            "Estas auditorías no se cuentan en las cifras de este informe hasta que se aprueben.",
            styles.note,
        ),
        data_table(
            ["Informe N.º", "Periodo", "Evaluados de la muestra", "Avance", "Estado"],
            rows,
            widths,
            styles,
            right_columns=(2, 3),
        ),
    ]


def _calibrations(data: MonthlyReportData, styles: Styles, width: float) -> list[Flowable]:
    """Whether the evaluators of the month's audits judge alike (calibration sessions)."""

    def coefficient(value: float | None) -> str:
        return "—" if value is None else fmt.decimal(value, 2)

    rows = [
        [
            fmt.day(c.revealed_on),
            c.audit_number,
            ", ".join(c.evaluators),
            "—" if c.percent is None else fmt.percent(c.percent * 100),
            coefficient(c.krippendorff_alpha),
            coefficient(c.gwet_ac1),
        ]
        for c in data.calibrations
    ]
    widths = [width * w for w in (0.13, 0.17, 0.37, 0.11, 0.11, 0.11)]
    return [
        CondPageBreak(45 * mm),
        paragraph("6. Calibración de evaluadores", styles.h1),
        data_table(
            ["Fecha", "Auditoría", "Evaluadores", "Acuerdo", "Alfa", "AC1"],
            rows,
            widths,
            styles,
            right_columns=(3, 4, 5),
            empty="Sin sesiones de calibración en el mes.",
        ),
        *(
            [
                paragraph(
                    "Acuerdo total entre evaluadores de cada sesión revelada. Alfa de "
                    "Krippendorff ≥ 0,800: juzgan de forma fiable; entre 0,667 y 0,800: "
                    "conclusiones provisionales; «—»: no definido.",
                    styles.note,
                )
            ]
            if rows
            else []
        ),
    ]


def write_monthly_pdf(data: MonthlyReportData, out: Destination = None) -> bytes:
    """Write the monthly report PDF to ``out`` (path or binary stream) and return its bytes."""
    styles = Styles()
    width = portrait_width(data.letterhead.paper)
    story: list[Flowable] = []
    story += _cover(data, styles, width)
    story += _month_vs_year(data, styles, width)
    story += _trend(data, styles, width)
    story += _criteria(data, styles, width)
    story += _agents(data, styles, width)
    story += _closing(data, styles, width)
    period = fmt.month_name(data.year, data.month)
    decor = PageDecor(
        entity=data.letterhead.entity,
        office=data.letterhead.office,
        document=f"Informe mensual N.º {data.report_number}",
        footer=f"Informe mensual de calidad · Canal {data.channel.label} · {data.provider} · "
        f"{period}",
        confidentiality="Uso interno de la entidad y del comité de calidad.",
        code=data.letterhead.document_code,
    )
    return build_pdf(
        story,
        out,
        decor=decor,
        title=f"{monthly_title(data)} · {period}",
        author=data.prepared_by,
        subject=f"Informe mensual de calidad · {data.provider}",
        created=data.issued_at or datetime.combine(data.report_date, time()),
        paper=data.letterhead.paper,
    )
