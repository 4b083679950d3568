"""The automatic screening of the whole population in the reports: the audit report's
section (counts per alert, per agent, how often auditors agreed with the proposals), the
monthly report's population-wide figures and the F182 workbook's «Alertas» cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.data import RecordAlert, ScreeningAgentRow, ScreeningFigures
from auditoria_calidad.reporting.fonts import BOLD
from auditoria_calidad.reporting.pdf_blocks import data_table, key_values
from auditoria_calidad.reporting.pdf_style import Styles
from auditoria_calidad.reporting.pdf_text import paragraph

AUDIT_HEADING = "3.5 Prefiltrado automático de toda la población"
AGENT_HEADING = "3.6 Prefiltrado por agente (de mayor a menor proporción de alertas)"
MONTHLY_HEADING = "5.1 Prefiltrado automático de toda la población"
NOT_SCREENED = (
    "La población de esta auditoría no se ha prefiltrado automáticamente: no hay alertas "
    "que informar."
)
# Beyond this many codes an agent's most frequent alerts are summarised.
AGENT_TOP_CODES = 3


def alerts_cell(alerts: Sequence[RecordAlert]) -> str:
    """The workbook's «Alertas»: one line per alert, beginning with its code."""
    return "\n".join(f"{a.code}: {a.evidence}" for a in alerts)


def _agreement_sentence(figures: ScreeningFigures) -> str:
    if not figures.proposals:
        return (
            "Ninguna evaluación guardada tenía todavía valores propuestos por el prefiltrado; "
            "el acuerdo de los auditores con las propuestas se medirá al evaluar."
        )
    return (
        f"En los registros evaluados se mostraron "
        f"{fmt.plural(figures.proposals, 'valor propuesto', 'valores propuestos')}: los "
        f"auditores aceptaron {fmt.count(figures.accepted)} ({fmt.percent(figures.agreement_pct)}) y "
        f"cambiaron {fmt.count(figures.overridden)}. Una propuesta nunca es un juicio: cada valor "
        "guardado lo decidió el auditor."
    )


def _summary(figures: ScreeningFigures) -> str:
    version = f" (reglas versión {figures.rules_version})" if figures.rules_version else ""
    share = fmt.percent(fmt.share(figures.with_alerts, figures.screened))
    return (
        f"Además de la muestra, el prefiltrado automático{version} revisó "
        f"{fmt.count(figures.screened)} de "
        f"{fmt.plural(figures.population, 'registro', 'registros')} de la población, sin "
        f"enviar ningún texto fuera del equipo: "
        f"{fmt.count(figures.with_alerts)} ({share}) "
        f"{'tiene' if figures.with_alerts == 1 else 'tienen'} al menos una alerta."
    )


def _alert_rows(figures: ScreeningFigures) -> list[list[str]]:
    return [
        [
            f"{a.label} ({a.code})",
            a.criterion,
            fmt.count(a.records),
            fmt.percent(fmt.share(a.records, figures.screened)),
        ]
        for a in figures.alerts
    ]


def _agreement_rows(figures: ScreeningFigures) -> list[list[str]]:
    rows = [
        [
            a.criterion,
            fmt.count(a.proposals),
            fmt.count(a.accepted),
            fmt.count(a.proposals - a.accepted),
            fmt.percent(a.agreement_pct),
        ]
        for a in figures.agreement
        if a.proposals
    ]
    if len(rows) > 1:
        rows.append(
            [
                "Total",
                fmt.count(figures.proposals),
                fmt.count(figures.accepted),
                fmt.count(figures.overridden),
                fmt.percent(figures.agreement_pct),
            ]
        )
    return rows


def _frequent(agent: ScreeningAgentRow, order: Sequence[str]) -> str:
    codes = sorted(
        ((n, c) for c, n in agent.by_code.items() if n),
        key=lambda item: (-item[0], order.index(item[1]) if item[1] in order else len(order)),
    )
    shown = [f"{code}: {fmt.count(n)}" for n, code in codes[:AGENT_TOP_CODES]]
    rest = len(codes) - len(shown)
    return ", ".join(shown) + (f" y {fmt.plural(rest, 'otra', 'otras')}" if rest > 0 else "")


def audit_screening_section(
    figures: ScreeningFigures | None, styles: Styles, width: float
) -> list[Flowable]:
    """Section 3.5 of the audit report."""
    story: list[Flowable] = [CondPageBreak(70 * mm), paragraph(AUDIT_HEADING, styles.h2)]
    if figures is None:
        return [*story, paragraph(NOT_SCREENED, styles.body)]
    story.append(paragraph(_summary(figures), styles.body_justified))
    story.append(
        data_table(
            ["Alerta", "Criterio que informa", "Registros", "% población"],
            _alert_rows(figures),
            [width * w for w in (0.45, 0.25, 0.14, 0.16)],
            styles,
            right_columns=(2, 3),
            empty="El prefiltrado no encontró alertas en la población.",
        )
    )
    story.append(Spacer(1, 2 * mm))
    story.append(paragraph(_agreement_sentence(figures), styles.body_justified))
    agreement = _agreement_rows(figures)
    if agreement:
        story.append(
            data_table(
                ["Criterio", "Propuestas", "Aceptadas", "Cambiadas", "% acuerdo"],
                agreement,
                [width * w for w in (0.36, 0.16, 0.16, 0.16, 0.16)],
                styles,
                right_columns=(1, 2, 3, 4),
                extra_style=[("FONT", (0, -1), (-1, -1), BOLD, 7.5, 9.2)]
                if len(agreement) > 1
                else [],
            )
        )
    order = [a.code for a in figures.alerts]
    agent_rows = [
        [
            a.agent,
            fmt.count(a.records),
            fmt.count(a.with_alerts),
            fmt.percent(fmt.share(a.with_alerts, a.records)),
            _frequent(a, order) or "Ninguna",
        ]
        for a in sorted(
            figures.by_agent,
            key=lambda a: (-(fmt.share(a.with_alerts, a.records) or 0), a.agent.casefold()),
        )
    ]
    story += [
        CondPageBreak(40 * mm),
        paragraph(AGENT_HEADING, styles.h2),
        data_table(
            ["Agente", "Registros", "Con alertas", "%", "Alertas más frecuentes"],
            agent_rows,
            [width * w for w in (0.28, 0.11, 0.12, 0.1, 0.39)],
            styles,
            right_columns=(1, 2, 3),
            empty="No hay agentes con registros prefiltrados.",
        ),
    ]
    return story


def monthly_screening_section(
    figures: ScreeningFigures | None, styles: Styles, width: float
) -> list[Flowable]:
    """Subsection 5.1 of the monthly report: the month's populations, all records."""
    story: list[Flowable] = [CondPageBreak(60 * mm), paragraph(MONTHLY_HEADING, styles.h2)]
    if figures is None or not figures.screened:
        return [
            *story,
            paragraph(
                "Ninguna población de las auditorías del mes se ha prefiltrado automáticamente.",
                styles.body,
            ),
        ]
    pairs = [
        ("Registros de las poblaciones auditadas", fmt.count(figures.population)),
        ("Registros prefiltrados", fmt.count(figures.screened)),
        (
            "Registros con al menos una alerta",
            f"{fmt.count(figures.with_alerts)} "
            f"({fmt.percent(fmt.share(figures.with_alerts, figures.screened))})",
        ),
        (
            "Acuerdo de los auditores con las propuestas",
            f"{fmt.percent(figures.agreement_pct)} "
            f"({fmt.count(figures.accepted)} de {fmt.count(figures.proposals)})"
            if figures.proposals
            else "Sin propuestas revisadas",
        ),
    ]
    if figures.rules_version:
        pairs.append(("Versión de las reglas", figures.rules_version))
    story += [
        key_values(pairs, styles, width),
        Spacer(1, 3 * mm),
        data_table(
            ["Alerta", "Criterio que informa", "Registros", "% prefiltrados"],
            _alert_rows(figures),
            [width * w for w in (0.45, 0.25, 0.14, 0.16)],
            styles,
            right_columns=(2, 3),
            empty="El prefiltrado no encontró alertas en el mes.",
        ),
    ]
    return story
