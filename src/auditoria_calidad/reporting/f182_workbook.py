"""The F182 workbook of an audit: the evaluated sample in the form's columns, a summary
with native Excel charts, and the results by agent.

The F182 sheet shows the request and answer texts the auditor judged, wrapped in wide
columns, prints landscape as wide as one page with its header row on every page, and
paints every «No cumple» red. «Alertas» holds what the automatic screening found, one line
per alert beginning with its code (``respuesta_reutilizada: …``).

Sheets: "F182" (one row per evaluated record, columns of the channel's form, one per
criterion of the audit's scheme), "Resumen" (indicators, criteria, spelling, legal
deadlines, charts) and "Por agente" (worst first).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.identity import shown_identity
from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.audit_results import agents_worst_first
from auditoria_calidad.reporting.data import AuditReportData, EvaluatedRecord
from auditoria_calidad.reporting.output import Destination
from auditoria_calidad.reporting.screening_section import alerts_cell
from auditoria_calidad.reporting.xlsx_sheets import (
    DATE,
    DATETIME,
    HOURS,
    INTEGER,
    PERCENT,
    SCORE,
    TOP,
    WRAP_TOP,
    banner,
    bar_chart,
    fit_widths,
    header_cells,
    label_value_rows,
    plain_block,
    print_landscape,
    table,
    unique_headers,
)
from auditoria_calidad.reporting.xlsx_stream import StreamedRows, column_style, save_streamed

FORM_TITLE = "Formato de visita de Calidad Atención Virtual y Chat (F182)"
WAIT = "[m]:ss"
REQUEST = "Solicitud del usuario"
ANSWER = "Respuesta del agente"
NOT_MET = "No cumple"
ALERTS = "Alertas"
# Widths (characters) of the long texts: wide enough to read, wrapped within.
TEXT_WIDTHS = {
    REQUEST: 55,
    ANSWER: 70,
    "Registro que hace el usuario": 55,
    "Observaciones generales de calidad": 45,
    "Comportamiento histórico CRM – observaciones generales": 45,
    ALERTS: 60,
}
_NOT_MET_FILL = PatternFill("solid", start_color="F8D7DA", end_color="F8D7DA")
_NOT_MET_FONT = Font(bold=True, color="9B1C1C")


def _fraction(value: Decimal | None) -> float | None:
    """A 0–100 percentage as the 0–1 fraction Excel's % format expects."""
    return None if value is None else float(value) / 100


def _criteria_columns(data: AuditReportData) -> list[tuple[str, str]]:
    """(key, header) of the judged / computed criteria: the spelling level has its own."""
    spelling = data.scheme.spelling_criterion
    return [(c.key, c.label) for c in data.scheme.criteria if c.key != spelling]


def _reviewed_format(record: EvaluatedRecord) -> str:
    return DATETIME if hasattr(record.reviewed_at, "hour") else DATE


def _virtual_rows(data: AuditReportData) -> tuple[list[str], list[list[object]], list[str | None]]:
    criteria = _criteria_columns(data)
    hours = fmt.decimal(data.scheme.hours_allowed, 0)
    header = [
        "Radicado",
        "Fecha de ingreso",
        "Cédula",
        "Fecha y hora de respuesta",
        f"Respuesta en {hours} h",
        "Horas para responder",
        "Número de veces registrado en CRM",
        *(label for _, label in criteria),
        "Fecha de revisión",
        "Funcionario responsable",
        "Nivel de redacción y ortografía",
        "Observaciones generales de calidad",
        ALERTS,
        "Puntaje",
        "Tipo de solicitud",
        "Plazo legal cumplido",
        REQUEST,
        ANSWER,
    ]
    formats: list[str | None] = [None, DATETIME, None, DATETIME, None, HOURS, INTEGER]
    formats += [None] * len(criteria)
    formats += [DATE, None, None, None, None, SCORE, None, None, None, None]
    rows: list[list[object]] = []
    for r in data.records:
        rows.append(
            [
                r.key,
                r.received_at,
                shown_identity(r.identity_number, data.show_full_identity),
                _answered(r),
                r.within_limit,
                r.hours_to_answer,
                r.crm_registrations,
                *(r.verdicts.get(key, "") for key, _ in criteria),
                r.reviewed_at,
                r.agent,
                r.spelling_level,
                r.observations,
                alerts_cell(r.alerts),
                r.score,
                r.request_type,
                r.legal_deadline_met,
                r.request_text,
                r.answer_text,
            ]
        )
    return header, rows, formats


def _answered(record: EvaluatedRecord) -> object:
    """The answer's moment; its day and «(sin hora)» when the export gave no hour."""
    if record.answered_day_only and record.answered_at is not None:
        return f"{record.answered_at:%d/%m/%Y} (sin hora)"
    return record.answered_at


def _chat_rows(data: AuditReportData) -> tuple[list[str], list[list[object]], list[str | None]]:
    criteria = _criteria_columns(data)
    header = [
        "Id. del chat",
        "Registro que hace el usuario",
        "Identificación",
        "Tiempo de ingreso",
        "Tiempo de espera",
        *(label for _, label in criteria),
        "Nivel de redacción y ortografía",
        "Registrado en CRM",
        "Funcionario responsable",
        "Fecha de revisión",
        "Comportamiento histórico CRM – observaciones generales",
        ALERTS,
        "Puntaje",
        ANSWER,
    ]
    formats: list[str | None] = [None, None, None, DATETIME, WAIT]
    formats += [None] * len(criteria)
    formats += [None, None, None, DATE, None, None, SCORE, None]
    rows: list[list[object]] = []
    for r in data.records:
        wait = None if r.wait_seconds is None else r.wait_seconds / 86_400
        rows.append(
            [
                r.key,
                r.request_text,
                shown_identity(r.identity_number, data.show_full_identity),
                r.received_at,
                wait,
                *(r.verdicts.get(key, "") for key, _ in criteria),
                r.spelling_level,
                r.registered_in_crm,
                r.agent,
                r.reviewed_at,
                r.observations,
                alerts_cell(r.alerts),
                r.score,
                r.answer_text,
            ]
        )
    return header, rows, formats


def _f182_sheet(sheet: Worksheet, data: AuditReportData) -> StreamedRows:
    """Everything of the F182 sheet but its data rows, which are returned to be streamed."""
    if data.channel is Channel.CHAT:
        header, rows, formats = _chat_rows(data)
    else:
        header, rows, formats = _virtual_rows(data)
    if any(r.reviewed_at is not None and hasattr(r.reviewed_at, "hour") for r in data.records):
        formats = [DATETIME if f == DATE else f for f in formats]
    masked = "" if data.show_full_identity else (" · Identificación enmascarada (Ley 1581 de 2012)")
    top = banner(
        sheet,
        [
            data.letterhead.entity,
            FORM_TITLE,
            f"Canal {data.channel.label} · Proveedor: {data.provider} · Periodo: "
            f"{fmt.period(data.period_start, data.period_end)}",
            f"Informe N.º {data.report_number} · Auditor: {data.auditor} · Esquema: "
            f"{data.scheme.name}, versión {data.scheme.version}{masked}",
        ],
        min(len(header), 8),
    )
    names = unique_headers(header)
    header_cells(sheet, top, names)
    fit_widths(sheet, top, names, rows)
    for index, title in enumerate(header, start=1):
        if title in TEXT_WIDTHS:
            sheet.column_dimensions[get_column_letter(index)].width = TEXT_WIDTHS[title]
    widths = [sheet.column_dimensions[get_column_letter(i)].width for i in range(1, len(names) + 1)]
    header_lines = max(
        -(-len(text) // max(int(w), 1)) for text, w in zip(names, widths, strict=True)
    )
    sheet.row_dimensions[top].height = max(30, 13 * header_lines + 4)
    first, last = top + 1, top + max(len(rows), 1)
    ref = f"A{top}:{get_column_letter(len(names))}{last}"
    excel_table = Table(displayName="F182", ref=ref)
    excel_table.tableStyleInfo = TableStyleInfo(
        name="TableStyleLight9", showRowStripes=True, showColumnStripes=False
    )
    # Named here: openpyxl would otherwise read the names through every cell of the table.
    excel_table._initialise_columns()
    for column, name in zip(excel_table.tableColumns, names, strict=True):
        column.name = name
    sheet.add_table(excel_table)
    sheet.freeze_panes = sheet.cell(row=first, column=1)
    area = f"A{first}:{get_column_letter(len(header))}{max(last, first)}"
    sheet.conditional_formatting.add(
        area,
        CellIsRule(
            operator="equal", formula=[f'"{NOT_MET}"'], fill=_NOT_MET_FILL, font=_NOT_MET_FONT
        ),
    )
    print_landscape(sheet, data.letterhead.paper)
    sheet.print_title_rows = f"{top}:{top}"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    wrapped = [
        (index, max(int(widths[index] * 1.1), 1))
        for index, title in enumerate(header)
        if title in TEXT_WIDTHS
    ]

    def height(values: Sequence[object]) -> float | None:
        # Not every spreadsheet program fits the height of wrapped text on opening.
        lines = 1
        for index, per_line in wrapped:
            value = values[index]
            if isinstance(value, str) and value:
                lines = max(lines, sum(len(part) // per_line + 1 for part in value.split("\n")))
        return min(15 * lines, 409) if lines > 1 else None

    styles = [
        column_style(
            sheet,
            alignment=WRAP_TOP if title in TEXT_WIDTHS else TOP,
            number_format=formats[i] if i < len(formats) else None,
        )
        for i, title in enumerate(header)
    ]
    return StreamedRows(sheet, first, len(names), rows, styles, height)


def _agents_sheet(sheet: Worksheet, data: AuditReportData) -> tuple[int, int]:
    ind = data.indicators
    criteria = [(c.key, c.label) for c in data.scheme.criteria]
    header = [
        "Agente",
        "Evaluados",
        "Calificación",
        "% en 24 h",
        "Inconsistencias",
        "Críticos",
        "Estado",
        *(f"% {label}" for _, label in criteria),
    ]
    formats = [None, INTEGER, SCORE, PERCENT, INTEGER, INTEGER, None]
    formats += [PERCENT] * len(criteria)
    rows = []
    for a in agents_worst_first(ind.by_agent):
        state = (
            "Sin datos"
            if a.score is None
            else ("Cumple" if a.score >= ind.target_score else "No cumple")
        )
        rows.append(
            [
                a.agent,
                a.evaluated,
                a.score,
                _fraction(a.within_limit_pct),
                a.inconsistencies,
                a.critical_failures,
                state,
                *(_fraction(a.criteria_pct.get(key)) for key, _ in criteria),
            ]
        )
    top = banner(
        sheet,
        [
            data.letterhead.entity,
            "Resultados por agente (de menor a mayor calificación)",
            f"Informe N.º {data.report_number} · Meta: {fmt.decimal(ind.target_score, 1)}",
        ],
        7,
    )
    return table(sheet, top, header, rows, name="PorAgente", formats=formats)


def _summary_sheet(
    sheet: Worksheet, agents: Worksheet, data: AuditReportData, agent_rows: tuple[int, int]
) -> None:
    ind = data.indicators
    target = ind.target_score
    top = banner(
        sheet,
        [
            data.letterhead.entity,
            f"Resumen de la auditoría N.º {data.report_number}",
            f"Canal {data.channel.label} · Proveedor: {data.provider} · Periodo: "
            f"{fmt.period(data.period_start, data.period_end)} · Auditor: {data.auditor}",
        ],
        6,
    )
    share = fmt.share(data.evaluated, data.population)
    top = label_value_rows(
        sheet,
        top,
        [
            ("Población (registros del periodo)", data.population, INTEGER),
            ("Tamaño de la muestra", data.sample_size, INTEGER),
            ("Registros evaluados", data.evaluated, INTEGER),
            ("% de la población evaluada", _fraction(share), PERCENT),
            ("Semilla del sorteo", data.seed, None),
            ("Fracción de muestreo", float(data.fraction), "0%"),
            ("Esquema de calificación", f"{data.scheme.name}, versión {data.scheme.version}", None),
            ("Meta del proveedor", target, SCORE),
        ],
    )
    goal = float(target)
    indicator_rows: list[list[object]] = [
        ["Calificación de la auditoría", ind.audit_score, goal],
        ["Calificación sin criterios críticos", ind.audit_score_without_critical, goal],
        ["% respuestas dentro del plazo", _fraction(ind.within_limit_pct), goal / 100],
        ["% plazos legales cumplidos (Ley 1755)", _fraction(ind.legal_met_pct), goal / 100],
        ["Inconsistencias", len(data.inconsistencies), None],
    ]
    head, _last, top = plain_block(
        sheet,
        top,
        "Indicadores",
        ["Indicador", "Resultado", "Meta"],
        indicator_rows,
        [None, SCORE, SCORE],
    )
    for row, number_format in ((head + 3, PERCENT), (head + 4, PERCENT), (head + 5, INTEGER)):
        for column in (2, 3):
            sheet.cell(row=row, column=column).number_format = number_format
    criteria_rows = [[c.label, c.applicable, c.failed, _fraction(c.percent)] for c in ind.criteria]
    crit_head, crit_last, top = plain_block(
        sheet,
        top,
        "Cumplimiento por criterio",
        ["Criterio", "Aplicables", "Incumplidos", "% cumplimiento"],
        criteria_rows,
        [None, INTEGER, INTEGER, PERCENT],
    )
    spelling_rows = [[lv.label, lv.count, _fraction(lv.percent)] for lv in ind.spelling]
    _h, _l, top = plain_block(
        sheet,
        top,
        "Nivel de redacción y ortografía",
        ["Nivel", "Registros", "%"],
        spelling_rows,
        [None, INTEGER, PERCENT],
    )
    legal_rows = [
        [r.request_type, r.business_days, r.applicable, r.met, _fraction(r.percent)]
        for r in ind.legal_deadlines
    ]
    plain_block(
        sheet,
        top,
        "Plazos legales (Ley 1755 de 2015)",
        ["Tipo de solicitud", "Plazo (días hábiles)", "Aplicables", "Cumplidos", "%"],
        legal_rows,
        [None, INTEGER, INTEGER, INTEGER, PERCENT],
    )
    sheet.column_dimensions["A"].width = 42
    print_landscape(sheet, data.letterhead.paper)
    for letter in "BCDE":
        sheet.column_dimensions[letter].width = 16
    if criteria_rows:
        bar_chart(
            sheet,
            sheet,
            title="Cumplimiento por criterio (%)",
            labels=(1, crit_head + 1, crit_last),
            values=[(4, crit_head + 1, crit_last)],
            anchor="H5",
            axis_max=1,
            number_format="0.0%",
        )
    first, last = agent_rows
    if ind.by_agent:
        bar_chart(
            sheet,
            agents,
            title="Calificación por agente (de menor a mayor)",
            labels=(1, first, last),
            values=[(3, first, last)],
            anchor="H22",
            axis_max=100,
            number_format="0.0",
        )


def write_f182_workbook(data: AuditReportData, out: Destination = None) -> bytes:
    """Write the F182 workbook to ``out`` (path or binary stream) and return its bytes.

    Identity numbers are masked unless ``data.show_full_identity``; text that looks like
    a formula is stored as text.
    """
    workbook = Workbook()
    f182 = workbook.active
    f182.title = "F182"
    summary = workbook.create_sheet("Resumen")
    agents = workbook.create_sheet("Por agente")
    rows = _f182_sheet(f182, data)
    agent_rows = _agents_sheet(agents, data)
    _summary_sheet(summary, agents, data, agent_rows)
    workbook.properties.creator = "auditoria-calidad"
    workbook.properties.title = f"F182 · Informe N.º {data.report_number}"
    stamp = data.issued_at or datetime.combine(data.report_date, time())
    return save_streamed(workbook, out, stamp, [rows])
