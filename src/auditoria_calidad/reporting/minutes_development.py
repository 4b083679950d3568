"""Numeral 3 of an acta, «Desarrollo de la sesión»: per audit, its score against the target
and every inconsistency with the provider's answer and the committee's decision (landscape
tables; long texts continue on rows of their own).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    LongTable,
    Paragraph,
)

from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.minutes_summary import (
    ACCEPTED,
    FOLLOW_UP,
    REJECTED,
)
from auditoria_calidad.reporting.pdf_blocks import (
    cell,
    header_row,
)
from auditoria_calidad.reporting.pdf_style import (
    AMBER,
    GREEN,
    MUTED,
    RED,
    Styles,
    data_table_style,
    status_color,
)
from auditoria_calidad.reporting.pdf_text import markup, paragraph, pieces

if TYPE_CHECKING:
    from auditoria_calidad.reporting.minutes_report import (
        MinutesAnswer,
        MinutesAudit,
        MinutesData,
        MinutesFinding,
    )

PIECE_CHARS = 600  # a cell never grows taller than a good part of a page
ROWS_PER_TABLE = 150
NO_ANSWER = "Sin respuesta del proveedor."
_DECISION_COLORS = {ACCEPTED: GREEN, REJECTED: RED, FOLLOW_UP: AMBER}


def _answer_text(answer: MinutesAnswer | None) -> str:
    if answer is None:
        return NO_ANSWER
    date_text = fmt.day(answer.commitment_date) if answer.commitment_date else fmt.MISSING
    lines = [
        f"Causa: {answer.cause_analysis or fmt.MISSING}",
        f"Acción: {answer.corrective_action or fmt.MISSING}",
        f"Responsable: {answer.responsible or fmt.MISSING} · Fecha: {date_text}",
    ]
    return "\n".join(lines)


def coloured(text: str, colour: Color | None, *, bold: bool = True) -> str:
    """Paragraph markup of ``text`` (escaped) in ``colour``."""
    inner = markup(text)
    if bold:
        inner = f"<b>{inner}</b>"
    if colour is None:
        return inner
    return f'<font color="#{colour.hexval()[2:]}">{inner}</font>'


def _decision_cells(finding: MinutesFinding) -> list[str]:
    """Markup of the decision column: the coloured decision, then the committee's words."""
    label = finding.decision_label or "Sin decisión"
    colour = _DECISION_COLORS.get(finding.decision, MUTED)
    notes = (
        pieces(finding.decision_observation, PIECE_CHARS) if finding.decision_observation else []
    )
    first = coloured(label, colour)
    if notes:
        first += "<br/>" + markup(notes[0])
    return [first] + [markup(n) for n in notes[1:]]


_FINDING_HEADER = (
    "N.º",
    "Radicado / Id.",
    "Agente",
    "Criterio incumplido",
    "Observación del auditor",
    "Respuesta del proveedor",
    "Decisión del comité",
)
_FINDING_SHARES = (0.04, 0.12, 0.11, 0.12, 0.2, 0.26, 0.15)


def _finding_rows(
    findings: Sequence[MinutesFinding], styles: Styles, widths: Sequence[float]
) -> list[list[object]]:
    """Rows of the development table; long texts continue on rows of their own."""
    rows: list[list[object]] = []
    for finding in findings:
        observation = [
            markup(p) for p in pieces(finding.observation or "Sin observación.", PIECE_CHARS)
        ]
        answer = [markup(p) for p in pieces(_answer_text(finding.answer), PIECE_CHARS)]
        if finding.answer is not None and finding.answer.late:
            answer[-1] += "<br/>" + coloured("Respuesta recibida fuera del plazo.", RED)
        decision = _decision_cells(finding)
        depth = max(len(observation), len(answer), len(decision))
        for line in range(depth):
            key = finding.key if line == 0 else f"{finding.key} (cont.)"
            rows.append(
                [
                    str(finding.number) if line == 0 else "",
                    cell(key, "cell_bold" if line == 0 else "cell", styles, widths[1]),
                    cell(finding.agent, "cell", styles, widths[2]) if line == 0 else "",
                    cell(finding.criterion, "cell", styles, widths[3]) if line == 0 else "",
                    _piece(observation, line, styles),
                    _piece(answer, line, styles),
                    _piece(decision, line, styles),
                ]
            )
    return rows


def _piece(parts: Sequence[str], line: int, styles: Styles) -> object:
    """A cell of already-escaped markup, or blank past the last piece."""
    return Paragraph(parts[line], styles.cell) if line < len(parts) else ""


def _findings_tables(
    findings: Sequence[MinutesFinding], styles: Styles, width: float
) -> list[Flowable]:
    widths = [width * s for s in _FINDING_SHARES]
    rows = _finding_rows(findings, styles, widths)
    head = header_row(_FINDING_HEADER, widths, styles, (0,))
    story: list[Flowable] = []
    for start in range(0, len(rows), ROWS_PER_TABLE):
        chunk = rows[start : start + ROWS_PER_TABLE]
        table = LongTable([head, *chunk], colWidths=widths, repeatRows=1, splitByRow=1)
        table.setStyle(data_table_style(len(chunk) + 1, right_columns=(0,)))
        story.append(table)
    return story


def _audit_heading(audit: MinutesAudit, index: int) -> str:
    return (
        f"3.{index} Auditoría {audit.number} — canal {audit.channel}, {audit.provider}, "
        f"{fmt.period(audit.period_start, audit.period_end)}"
    )


def _audit_summary(audit: MinutesAudit) -> str:
    """Markup of the audit's paragraph: the score coloured against the target."""
    verdict = "sin datos"
    if audit.score is not None:
        verdict = "cumple la meta" if audit.score >= audit.target else "por debajo de la meta"
    score = coloured(
        f"Calificación {fmt.decimal(audit.score, 2)} frente a una meta de "
        f"{fmt.decimal(audit.target, 1)}: {verdict}.",
        status_color(audit.score, audit.target),
    )
    rest = (
        f"{fmt.plural(len(audit.findings), 'inconsistencia', 'inconsistencias')} en esta "
        f"sesión; el proveedor respondió {fmt.count(audit.answered)}"
        + (f" ({fmt.count(audit.late)} fuera de plazo)" if audit.late else "")
        + "."
    )
    if audit.response_deadline:
        rest += f" Plazo de respuesta del proveedor: {fmt.day(audit.response_deadline)}."
    population = fmt.plural(audit.population, "registro", "registros")
    evaluated = (
        f"Se evaluaron {fmt.count(audit.evaluated)} de "
        f"{fmt.plural(audit.sampled, 'registro', 'registros')} de la muestra, tomada de una "
        f"población de {population}."
        if audit.sampled
        else f"Se evaluaron {fmt.count(audit.evaluated)} de la población de {population}."
    )
    return f"{markup(evaluated)} {score} {markup(rest)}"


def development(data: MinutesData, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [paragraph("3. Desarrollo de la sesión", styles.h1)]
    if not data.audits:
        story.append(paragraph("En esta sesión no se revisaron auditorías.", styles.note))
        return story
    story.append(
        paragraph(
            "El comité evaluó las inconsistencias referenciadas en cada informe de auditoría y "
            "las respuestas emitidas por el Outsourcing de atención a usuarios, y registró una "
            "decisión por inconsistencia: respuesta aceptada, respuesta no aceptada o "
            "seguimiento (la inconsistencia vuelve a la sesión siguiente).",
            styles.body_justified,
        )
    )
    for index, audit in enumerate(data.audits, start=1):
        story.append(CondPageBreak(40 * mm))
        story.append(paragraph(_audit_heading(audit, index), styles.h2, max_chars=400))
        story.append(Paragraph(_audit_summary(audit), styles.body))
        if audit.findings:
            story += _findings_tables(audit.findings, styles, width)
        else:
            story.append(paragraph("La auditoría no tiene inconsistencias.", styles.note))
    return story
