"""The audit report PDF (procedure M5-1-01, activity 5.2.19) of one quality visit.

Sections: cover, 1 scope and method (population, sample, evaluated), 2 scoring scheme,
3 results against the target (3.5–3.6: the automatic screening of the whole population),
4 results by agent, 5 inconsistencies (landscape pages),
6 conclusions and recommendations, 7 signatures, annex A the sampling's technical detail
(seed, strata, algorithm, how to verify). Same data, same bytes.
"""

from __future__ import annotations

from datetime import datetime, time

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Spacer

from auditoria_calidad.domain.audit_states import audit_state_label
from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.audit_results import (
    agents_section,
    agents_worst_first,
    headline,
    results_section,
)
from auditoria_calidad.reporting.data import AuditReportData
from auditoria_calidad.reporting.fonts import BOLD
from auditoria_calidad.reporting.inconsistency_table import inconsistency_tables
from auditoria_calidad.reporting.output import Destination
from auditoria_calidad.reporting.pdf_blocks import (
    data_table,
    key_values,
    letterhead,
    signature_blocks,
)
from auditoria_calidad.reporting.pdf_page import (
    LANDSCAPE,
    PORTRAIT,
    PageDecor,
    build_pdf,
    landscape_width,
    portrait_width,
)
from auditoria_calidad.reporting.pdf_style import NAVY, Styles
from auditoria_calidad.reporting.pdf_text import paragraph, paragraphs
from auditoria_calidad.reporting.screening_section import audit_screening_section

FORM_TITLE = "Formato de visita de Calidad Atención Virtual y Chat (F182)"
PROCEDURE = "Procedimiento M5-1-01 Atención Virtual, numerales 5.2.18 y 5.2.19"
KIND_LABELS = {"computed": "Calculado", "judged": "Juicio del auditor", "level": "Por niveles"}
CONTENTS = (
    "1. Alcance y metodología",
    "2. Esquema de calificación",
    "3. Resultados de la auditoría",
    "4. Resultados por agente",
    "5. Inconsistencias encontradas",
    "6. Conclusiones y recomendaciones",
    "7. Firmas",
    "Anexo A. Detalle técnico del muestreo",
)


def write_audit_report(data: AuditReportData, out: Destination = None) -> bytes:
    """Write the audit report PDF to ``out`` (path or binary stream) and return its bytes.

    Identity numbers are masked to their last four digits unless
    ``data.show_full_identity``. The same ``data`` always gives the same bytes.
    """
    styles = Styles()
    width = portrait_width(data.letterhead.paper)
    story: list[Flowable] = []
    story += _cover(data, styles, width)
    story += _scope(data, styles, width)
    story += _scheme(data, styles, width)
    story += results_section(data, styles, width)
    story += audit_screening_section(data.screening, styles, width)
    story += agents_section(data, styles, width)
    story += _inconsistencies(data, styles)
    story += _closing(data, styles, width)
    story += _sampling_annex(data, styles, width)
    decor = PageDecor(
        entity=data.letterhead.entity,
        office=data.letterhead.office,
        document=f"Informe de auditoría N.º {data.report_number}",
        footer=f"F182 · M5-1-01 · Canal {data.channel.label} · {data.provider} · "
        f"{fmt.period(data.period_start, data.period_end)}",
        draft=data.draft,
        code=data.letterhead.document_code,
    )
    created = data.issued_at or datetime.combine(data.report_date, time())
    return build_pdf(
        story,
        out,
        decor=decor,
        title=f"Informe de auditoría de calidad N.º {data.report_number}",
        author=data.auditor,
        subject=f"{FORM_TITLE} · {data.provider}",
        created=created,
        paper=data.letterhead.paper,
    )


def report_state(data: AuditReportData) -> str:
    """The audit's state with the window's words, and whether this PDF is the issued one."""
    if not data.state:
        return "Sin aprobar (informe no emitido)" if data.draft else "Informe emitido"
    label = audit_state_label(data.state)
    return f"{label} (informe sin aprobar)" if data.draft else f"{label} (informe emitido)"


def _cover(data: AuditReportData, styles: Styles, width: float) -> list[Flowable]:
    scheme = data.scheme
    pairs = [
        ("Informe N.º", data.report_number),
        ("Fecha del informe", fmt.day(data.report_date)),
        ("Canal", data.channel.label),
        ("Proveedor (Outsourcing)", data.provider),
        ("Periodo auditado", fmt.period(data.period_start, data.period_end)),
        ("Auditor", data.auditor),
        ("Esquema de calificación", f"{scheme.name}, versión {scheme.version}"),
        ("Estado", report_state(data)),
    ]
    ind = data.indicators
    share = fmt.share(data.evaluated, data.sample_size)
    agents = len({i.agent for i in data.inconsistencies})
    summary = (
        f"Se evaluaron {fmt.count(data.evaluated)} de "
        f"{fmt.plural(data.sample_size, 'registro', 'registros')} de la muestra "
        f"({fmt.percent(share)}), tomada de una población de "
        f"{fmt.plural(data.population, 'registro', 'registros')} del periodo. "
        "La calificación de la auditoría es "
        f"{fmt.decimal(ind.audit_score, 2)} frente a una meta de "
        f"{fmt.decimal(ind.target_score, 1)}; "
        f"{'se encontró' if len(data.inconsistencies) == 1 else 'se encontraron'} "
        f"{fmt.plural(len(data.inconsistencies), 'inconsistencia', 'inconsistencias')} en "
        f"{fmt.plural(agents, 'agente', 'agentes')}."
    )
    return [
        letterhead(data.letterhead, styles, width),
        Spacer(1, 14 * mm),
        paragraph("Informe de auditoría de calidad", styles.title),
        paragraph(FORM_TITLE, styles.subtitle),
        paragraph(PROCEDURE, styles.note),
        Spacer(1, 6 * mm),
        key_values(pairs, styles, width),
        Spacer(1, 7 * mm),
        headline(data, styles, width),
        Spacer(1, 5 * mm),
        paragraph(summary, styles.body_justified),
        Spacer(1, 5 * mm),
        paragraph("Contenido", styles.h2),
        *(paragraph(line, styles.small) for line in CONTENTS),
        PageBreak(),
    ]


def _scope(data: AuditReportData, styles: Styles, width: float) -> list[Flowable]:
    share = fmt.share(data.sample_size, data.population)
    intro = (
        f"La auditoría cubre los registros del canal {data.channel.label} atendidos por "
        f"{data.provider} entre el {fmt.day(data.period_start)} y el "
        f"{fmt.day(data.period_end)}. El numeral 4 del procedimiento M5-1-01 exige revisar "
        f"como mínimo el 50 % de los registros generados; la muestra se estratificó por "
        f"agente para que cada uno quede representado."
    )
    figures = [
        ("Población (registros del periodo)", fmt.count(data.population)),
        (
            "Tamaño de la muestra",
            f"{fmt.count(data.sample_size)} ({fmt.percent(share)} de la población)",
        ),
        (
            "Registros evaluados",
            f"{fmt.count(data.evaluated)} "
            f"({fmt.percent(fmt.share(data.evaluated, data.population))} de la población)",
        ),
        ("Agregados manualmente", fmt.count(data.manual_additions)),
        *(
            ("Registros añadidos por alertas", f"{fmt.count(n)} ({reason})")
            for reason, n in data.directed_additions
        ),
        ("Fracción de muestreo", fmt.percent(data.fraction * 100, 0)),
        ("Método", "Muestreo aleatorio estratificado por agente, reproducible"),
    ]
    return [
        paragraph("1. Alcance y metodología", styles.h1),
        paragraph(intro, styles.body_justified),
        key_values(figures, styles, width),
        paragraph(
            "El detalle técnico del muestreo (semilla, estratos, algoritmo y cómo verificar "
            "la muestra) está en el Anexo A, al final del informe.",
            styles.body,
        ),
    ]


def _sampling_annex(data: AuditReportData, styles: Styles, width: float) -> list[Flowable]:
    """Annex A: what anyone needs to recompute and verify the sample."""
    figures = [
        ("Población (registros del periodo)", fmt.count(data.population)),
        ("Tamaño de la muestra", fmt.count(data.sample_size)),
        ("Fracción de muestreo", fmt.percent(data.fraction * 100, 0)),
        ("Semilla del sorteo", data.seed),
        ("Estratos (agentes)", fmt.count(len(data.strata))),
    ]
    rows = [
        [
            s.agent,
            fmt.count(s.population),
            fmt.count(s.sampled),
            fmt.percent(fmt.share(s.sampled, s.population)),
            fmt.count(s.manual),
            fmt.count(s.evaluated),
        ]
        for s in data.strata
    ]
    if rows:
        rows.append(
            [
                "Total",
                fmt.count(sum(s.population for s in data.strata)),
                fmt.count(sum(s.sampled for s in data.strata)),
                fmt.percent(
                    fmt.share(
                        sum(s.sampled for s in data.strata), sum(s.population for s in data.strata)
                    )
                ),
                fmt.count(sum(s.manual for s in data.strata)),
                fmt.count(sum(s.evaluated for s in data.strata)),
            ]
        )
    widths = [width * w for w in (0.38, 0.12, 0.12, 0.12, 0.13, 0.13)]
    total_style = (
        [("FONT", (0, -1), (-1, -1), BOLD, 7.5, 9.2), ("LINEABOVE", (0, -1), (-1, -1), 0.8, NAVY)]
        if rows
        else []
    )
    return [
        PageBreak(),
        paragraph("Anexo A. Detalle técnico del muestreo", styles.h1),
        key_values(figures, styles, width),
        paragraph("A.1 Muestra por agente (estratos)", styles.h2),
        data_table(
            ["Agente", "Población", "Muestra", "% muestra", "Manuales", "Evaluados"],
            rows,
            widths,
            styles,
            right_columns=(1, 2, 3, 4, 5),
            extra_style=total_style,
            empty="No hay estratos registrados para esta auditoría.",
        ),
        CondPageBreak(35 * mm),
        paragraph("A.2 Algoritmo de muestreo y verificación", styles.h2),
        *(
            paragraph(block, styles.body_justified)
            for block in paragraphs(data.sampling_algorithm) or ["No se describió el algoritmo."]
        ),
    ]


def _scheme(data: AuditReportData, styles: Styles, width: float) -> list[Flowable]:
    scheme = data.scheme
    rows = [
        [
            c.label,
            KIND_LABELS.get(c.kind, c.kind),
            fmt.decimal(c.weight, 0),
            "Sí" if c.critical else "No",
            c.description,
        ]
        for c in scheme.criteria
    ]
    if rows:
        rows.append(["Total", "", fmt.decimal(scheme.total_weight, 0), "", ""])
    widths = [width * w for w in (0.28, 0.15, 0.08, 0.08, 0.41)]
    thresholds = [
        (
            "Tiempo máximo de respuesta",
            f"{fmt.decimal(scheme.hours_allowed, 0)} horas ({scheme.clock_label.lower()})",
        ),
        ("Meta de calificación del proveedor", f"{fmt.decimal(scheme.target_score, 1)} / 100"),
    ]
    if scheme.chat_wait_limit_seconds is not None:
        thresholds.append(
            ("Tiempo de espera máximo del chat", fmt.seconds(scheme.chat_wait_limit_seconds))
        )
    if scheme.max_crm_registrations is not None:
        allowed = scheme.max_crm_registrations
        thresholds.append(
            ("Registros en CRM admitidos por caso", "Uno" if allowed == 1 else f"De 1 a {allowed}")
        )
    if scheme.spelling_bands:
        thresholds.append(("Niveles de redacción y ortografía", "\n".join(scheme.spelling_bands)))
    rule = (
        "Calificación de cada registro = 100 × peso de los criterios cumplidos / peso de los "
        "criterios aplicables (los criterios que no aplican no suman ni restan). "
        + (scheme.critical_rule or "")
    )
    total_style = [("FONT", (0, -1), (-1, -1), BOLD, 7.5, 9.2)] if rows else []
    return [
        CondPageBreak(90 * mm),
        paragraph("2. Esquema de calificación", styles.h1),
        paragraph(
            f"Los registros se calificaron con el esquema «{scheme.name}», versión "
            f"{scheme.version}, conservado con la auditoría para que el resultado pueda "
            "reproducirse.",
            styles.body_justified,
        ),
        data_table(
            ["Criterio", "Tipo", "Peso", "Crítico", "Qué se verifica"],
            rows,
            widths,
            styles,
            right_columns=(2,),
            extra_style=total_style,
            empty="El esquema no tiene criterios.",
        ),
        Spacer(1, 3 * mm),
        paragraph(rule.strip(), styles.body_justified),
        key_values(thresholds, styles, width),
    ]


def _inconsistencies(data: AuditReportData, styles: Styles) -> list[Flowable]:
    title = paragraph("5. Inconsistencias encontradas", styles.h1)
    if not data.inconsistencies:
        return [
            title,
            paragraph("No se encontraron inconsistencias en los registros evaluados.", styles.body),
        ]
    records = len({(i.key, i.agent) for i in data.inconsistencies})
    masked = (
        ""
        if data.show_full_identity
        else (
            " Los números de identificación se muestran enmascarados, con sus cuatro últimos "
            "dígitos (Ley 1581 de 2012)."
        )
    )
    intro = (
        f"Cada criterio incumplido de un registro evaluado es una inconsistencia que el "
        f"proveedor debe analizar y responder (numerales 5.2.20 y 5.2.21). "
        f"{'Se encontró' if len(data.inconsistencies) == 1 else 'Se encontraron'} "
        f"{fmt.plural(len(data.inconsistencies), 'inconsistencia', 'inconsistencias')} en "
        f"{fmt.plural(records, 'registro', 'registros')}; se agrupan por agente, en el "
        f"orden de la sección 4. Cada una lleva "
        f"el número (N.º) con el que aparece en el aplicativo, en el libro de hallazgos del "
        f"proveedor y en el acta del comité.{masked}"
    )
    return [
        NextPageTemplate(LANDSCAPE),
        PageBreak(),
        title,
        paragraph(intro, styles.body_justified),
        *inconsistency_tables(
            data.inconsistencies,
            [a.agent for a in agents_worst_first(data.indicators.by_agent)],
            styles,
            landscape_width(data.letterhead.paper),
            data.show_full_identity,
        ),
        NextPageTemplate(PORTRAIT),
        PageBreak(),
    ]


def _closing(data: AuditReportData, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [paragraph("6. Conclusiones y recomendaciones", styles.h1)]
    for heading, text in (
        ("6.1 Conclusiones", data.conclusions),
        ("6.2 Recomendaciones", data.recommendations),
    ):
        story.append(paragraph(heading, styles.h2))
        blocks = paragraphs(text) or ["Sin registrar."]
        story += [paragraph(block, styles.body_justified) for block in blocks]
    story += [
        CondPageBreak(65 * mm),
        paragraph("7. Firmas", styles.h1),
        signature_blocks(data.signatories, styles, width),
    ]
    return story
