"""Results sections of the audit report: against the target, by criterion, by agent."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.charts import horizontal_bars
from auditoria_calidad.reporting.data import AgentResult, AuditReportData
from auditoria_calidad.reporting.pdf_blocks import data_table, kpi_cards, verdict
from auditoria_calidad.reporting.pdf_style import GREEN, RED, Styles, status_color
from auditoria_calidad.reporting.pdf_text import paragraph

# Beyond this many agents the chart shows the worst ones only (the table shows all).
CHART_AGENTS = 30


def agents_worst_first(agents: Sequence[AgentResult]) -> list[AgentResult]:
    """Lowest score first; agents without a score last; ties by name."""
    return sorted(
        agents,
        key=lambda a: (a.score is None, a.score if a.score is not None else 0, a.agent.casefold()),
    )


def _gap(value: Decimal | None, target: Decimal) -> str:
    if value is None:
        return fmt.MISSING
    gap = value - target
    sign = "+" if gap > 0 else ""
    return f"{sign}{fmt.decimal(gap, 1)}"


def within_label(data: AuditReportData) -> str:
    """What "on time" means for the channel: 24 h to answer, or the chat wait limit."""
    limit = data.scheme.chat_wait_limit_seconds
    if data.channel is Channel.CHAT and limit is not None:
        return f"Chats con espera de hasta {fmt.seconds(limit)}"
    return f"Respuestas dentro de {fmt.decimal(data.scheme.hours_allowed, 0)} h"


def _short_verdict(value: Decimal | None, target: Decimal) -> str:
    if value is None:
        return "Sin datos"
    return "Cumple" if value >= target else "No cumple"


def headline(data: AuditReportData, styles: Styles, width: float) -> Flowable:
    """The figures a reader looks for first, as cards."""
    ind = data.indicators
    target = ind.target_score
    cards = [
        (
            fmt.decimal(ind.audit_score, 1),
            "Calificación de la auditoría",
            status_color(ind.audit_score, target),
        ),
        (fmt.decimal(target, 1), "Meta del proveedor", None),
        (
            fmt.percent(ind.within_limit_pct),
            within_label(data),
            status_color(ind.within_limit_pct, target),
        ),
        (fmt.count(ind.evaluated), "Registros evaluados", None),
        (
            fmt.count(len(data.inconsistencies)),
            "Inconsistencias",
            RED if data.inconsistencies else GREEN,
        ),
    ]
    return kpi_cards(cards, styles, width)


def results_section(data: AuditReportData, styles: Styles, width: float) -> list[Flowable]:
    ind = data.indicators
    target = ind.target_score
    story: list[Flowable] = [
        CondPageBreak(120 * mm),
        paragraph("3. Resultados de la auditoría", styles.h1),
    ]
    story.append(headline(data, styles, width))
    story.append(Spacer(1, 4 * mm))
    score_text = (
        f"La calificación de la auditoría es {fmt.decimal(ind.audit_score, 2)} sobre 100, "
        f"frente a una meta de {fmt.decimal(target, 1)} "
        f"({verdict(ind.audit_score, target).lower()}). Se calcula como el promedio de la "
        "calificación de "
        + (
            "el registro evaluado."
            if ind.evaluated == 1
            else f"los {fmt.plural(ind.evaluated, 'registro', 'registros')} evaluados."
        )
    )
    story.append(paragraph(score_text, styles.body_justified))
    rows = [
        ("Calificación de la auditoría", ind.audit_score, False),
        ("Calificación sin aplicar criterios críticos", ind.audit_score_without_critical, False),
        (
            within_label(data),
            ind.within_limit_pct,
            True,
        ),
        ("Plazos legales cumplidos (Ley 1755 de 2015)", ind.legal_met_pct, True),
    ]
    table_rows = [
        [
            label,
            fmt.percent(value) if is_pct else fmt.decimal(value, 2),
            fmt.decimal(target, 1),
            _gap(value, target),
            verdict(value, target),
        ]
        for label, value, is_pct in rows
    ]
    table_rows.append(
        ["Registros con criterio crítico incumplido", fmt.count(ind.critical_failures), "", "", ""]
    )
    widths = [width * 0.42, width * 0.14, width * 0.1, width * 0.12, width * 0.22]
    story.append(paragraph("3.1 Indicadores frente a la meta", styles.h2))
    story.append(
        data_table(
            ["Indicador", "Resultado", "Meta", "Diferencia", "Estado"],
            table_rows,
            widths,
            styles,
            right_columns=(1, 2, 3),
        )
    )
    story += _criteria(data, styles, width)
    story += _spelling_and_legal(data, styles, width)
    return story


def _criteria(data: AuditReportData, styles: Styles, width: float) -> list[Flowable]:
    ind = data.indicators
    weights = {c.key: c.weight for c in data.scheme.criteria}
    rows = [
        [
            c.label,
            fmt.decimal(weights.get(c.key), 0) if c.key in weights else fmt.MISSING,
            fmt.count(c.applicable),
            fmt.count(c.failed),
            fmt.percent(c.percent),
        ]
        for c in ind.criteria
    ]
    widths = [width * 0.46, width * 0.1, width * 0.14, width * 0.14, width * 0.16]
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        paragraph("3.2 Cumplimiento por criterio", styles.h2),
        paragraph(
            "Porcentaje de cumplimiento de cada criterio sobre los registros en los que "
            "aplica (un nivel intermedio de redacción y ortografía cuenta de forma parcial). "
            "Cada incumplimiento es una inconsistencia que se detalla en la sección 5.",
            styles.body_justified,
        ),
        data_table(
            ["Criterio", "Peso", "Aplicables", "Incumplidos", "% cumplimiento"],
            rows,
            widths,
            styles,
            right_columns=(1, 2, 3, 4),
            empty="El esquema no tiene criterios con resultados.",
        ),
    ]
    if ind.criteria:
        chart = horizontal_bars(
            [c.label for c in ind.criteria],
            [c.percent for c in ind.criteria],
            width=width,
            target=ind.target_score,
        )
        story.append(
            KeepTogether(
                [
                    Spacer(1, 3 * mm),
                    paragraph("Gráfica 1. Cumplimiento por criterio (%)", styles.note),
                    chart,
                ]
            )
        )
    return story


def _spelling_and_legal(data: AuditReportData, styles: Styles, width: float) -> list[Flowable]:
    ind = data.indicators
    story: list[Flowable] = [
        CondPageBreak(45 * mm),
        paragraph("3.3 Nivel de redacción y ortografía", styles.h2),
    ]
    rows = [[lv.label, fmt.count(lv.count), fmt.percent(lv.percent)] for lv in ind.spelling]
    story.append(
        data_table(
            ["Nivel", "Registros", "% de los registros calificados"],
            rows,
            [width * 0.4, width * 0.2, width * 0.4],
            styles,
            right_columns=(1, 2),
            empty="No se calificó el nivel de redacción y ortografía en esta auditoría.",
        )
    )
    story += [
        CondPageBreak(45 * mm),
        paragraph("3.4 Plazos legales (Ley 1755 de 2015)", styles.h2),
    ]
    legal_rows = [
        [
            row.request_type,
            fmt.count(row.business_days),
            fmt.count(row.applicable),
            fmt.count(row.met),
            fmt.percent(row.percent),
        ]
        for row in ind.legal_deadlines
    ]
    story.append(
        data_table(
            [
                "Tipo de solicitud",
                "Plazo (días hábiles)",
                "Aplicables",
                "Cumplidos",
                "% cumplimiento",
            ],
            legal_rows,
            [width * 0.36, width * 0.18, width * 0.14, width * 0.14, width * 0.18],
            styles,
            right_columns=(1, 2, 3, 4),
            empty="La muestra no tiene solicitudes con plazo legal aplicable.",
        )
    )
    return story


def agents_section(data: AuditReportData, styles: Styles, width: float) -> list[Flowable]:
    ind = data.indicators
    target = ind.target_score
    agents = agents_worst_first(ind.by_agent)
    story: list[Flowable] = [
        CondPageBreak(90 * mm),
        paragraph("4. Resultados por agente", styles.h1),
        paragraph(
            "Agentes ordenados de la calificación más baja a la más alta, para orientar el "
            "plan de mejoramiento del proveedor.",
            styles.body,
        ),
    ]
    rows = [
        [
            str(index),
            a.agent,
            fmt.count(a.evaluated),
            fmt.decimal(a.score, 2),
            fmt.percent(a.within_limit_pct),
            fmt.count(a.inconsistencies),
            fmt.count(a.critical_failures),
            _short_verdict(a.score, target),
        ]
        for index, a in enumerate(agents, start=1)
    ]
    widths = [0.05, 0.29, 0.1, 0.11, 0.1, 0.15, 0.08, 0.12]
    story.append(
        data_table(
            [
                "N.º",
                "Agente",
                "Evaluados",
                "Calificación",
                "% en plazo",
                "Inconsistencias",
                "Críticos",
                "Estado",
            ],
            rows,
            [width * w for w in widths],
            styles,
            right_columns=(0, 2, 3, 4, 5, 6),
            empty="No hay agentes con registros evaluados.",
        )
    )
    shown = agents[:CHART_AGENTS]
    if shown:
        caption = "Gráfica 2. Calificación por agente (de menor a mayor)"
        if len(agents) > len(shown):
            caption += (
                "; se muestra el agente con menor calificación"
                if len(shown) == 1
                else (
                    f"; se muestran los {fmt.plural(len(shown), 'agente', 'agentes')} "
                    "con menor calificación"
                )
            )
        chart = horizontal_bars(
            [a.agent for a in shown],
            [a.score for a in shown],
            width=width,
            target=target,
            value_text=lambda v: fmt.decimal(v, 1),
        )
        story.append(KeepTogether([Spacer(1, 4 * mm), paragraph(caption, styles.note), chart]))
    return story
