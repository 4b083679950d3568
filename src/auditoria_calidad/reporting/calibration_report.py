"""The calibration report PDF: whether the evaluators of a session judge alike.

Sections: identification, 1 method (who, which records and how they were drawn, the
statistics and how to read them), 2 agreement per criterion and overall, 3 the spread
of scores per evaluator and the alignment with the reference, 4 the records in
disagreement with each evaluator's judgement and observation (widest first). Plain data
in (``CalibrationReportData``); the same data always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from auditoria_calidad.domain.calibration_reading import (
    ALPHA_RELIABLE,
    ALPHA_TENTATIVE,
    reliability,
)
from auditoria_calidad.domain.calibration_stats import Agreement
from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.data import Letterhead
from auditoria_calidad.reporting.fonts import BOLD
from auditoria_calidad.reporting.output import Destination
from auditoria_calidad.reporting.pdf_blocks import data_table, key_values, kpi_cards, letterhead
from auditoria_calidad.reporting.pdf_page import PageDecor, build_pdf, portrait_width
from auditoria_calidad.reporting.pdf_style import AMBER, GREEN, MUTED, RED, RED_FILL, Styles
from auditoria_calidad.reporting.pdf_text import paragraph

__all__ = [
    "CalibrationReportData",
    "CriterionFigures",
    "DisagreementRecord",
    "EvaluatorJudgement",
    "EvaluatorLine",
    "figure",
    "write_calibration_report",
]


@dataclass(frozen=True)
class CriterionFigures:
    label: str
    ordinal: bool  # a level criterion: alpha with the ordinal metric
    agreement: Agreement


@dataclass(frozen=True)
class EvaluatorLine:
    name: str
    submitted: bool
    is_reference: bool
    records_scored: int
    mean_score: Decimal | None
    lowest_score: Decimal | None
    highest_score: Decimal | None
    strictest: bool
    most_lenient: bool
    # (criterion label, share of records with the reference's value); None: no reference
    # in the session, or this evaluator is the reference.
    alignment: tuple[tuple[str, float | None], ...] | None


@dataclass(frozen=True)
class EvaluatorJudgement:
    evaluator: str
    values: tuple[str, ...]  # labels of the values given, one per criterion in disagreement
    score: Decimal | None
    observation: str


@dataclass(frozen=True)
class DisagreementRecord:
    key: str
    agent: str
    score_range: Decimal | None
    criteria: tuple[str, ...]  # labels of the criteria in disagreement
    judgements: tuple[EvaluatorJudgement, ...]  # every evaluator (none saved: «—»)


@dataclass(frozen=True)
class CalibrationReportData:
    letterhead: Letterhead
    calibration_id: int
    audit_number: str
    channel: str  # «Virtual», «Chat»
    provider: str
    period_start: date
    period_end: date
    state: str  # «Revelada», «Cerrada»
    created_by: str
    created_at: datetime
    issued_at: datetime  # the last submission or judgement: the PDF's date
    seed: int | None  # None: records chosen by hand
    sample_size: int  # the audit's sample the records were drawn from
    record_keys: tuple[str, ...]
    evaluators: tuple[str, ...]  # «Name (usuario)», the reference marked
    reference: str | None
    overall: Agreement
    criteria: tuple[CriterionFigures, ...]
    by_evaluator: tuple[EvaluatorLine, ...]
    score_gap: Decimal | None
    disagreements: tuple[DisagreementRecord, ...]  # widest first; only records in disagreement


def figure(value: float | None, places: int = 2) -> str:
    """An agreement coefficient with a decimal comma («0,82»), «—» where undefined."""
    return "—" if value is None else fmt.decimal(value, places)


def _percent(value: float | None) -> str:
    return "—" if value is None else fmt.percent(value * 100, 1)


def _score(value: Decimal | None) -> str:
    return "—" if value is None else fmt.decimal(value, 2)


def _colour(value: float | None):  # type: ignore[no-untyped-def]
    if value is None:
        return MUTED
    if value >= ALPHA_RELIABLE:
        return GREEN
    return AMBER if value >= ALPHA_TENTATIVE else RED


def _reading(agreement: Agreement) -> str:
    """How to read alpha; undefined alpha with every pair agreeing is total agreement."""
    if agreement.krippendorff_alpha is None and agreement.percent == 1.0:
        return "acuerdo total"
    return reliability(agreement.krippendorff_alpha)


def write_calibration_report(data: CalibrationReportData, out: Destination = None) -> bytes:
    """Write the calibration report PDF to ``out`` (path or binary stream); return its bytes."""
    styles = Styles()
    width = portrait_width(data.letterhead.paper)
    story: list[Flowable] = []
    story += _cover(data, styles, width)
    story += _method(data, styles, width)
    story += _agreement(data, styles, width)
    story += _evaluators(data, styles, width)
    story += _disagreements(data, styles, width)
    decor = PageDecor(
        entity=data.letterhead.entity,
        office=data.letterhead.office,
        document=f"Informe de calibración N.º {data.calibration_id}",
        footer=f"Calibración de evaluadores · Auditoría {data.audit_number} · Canal "
        f"{data.channel} · {data.provider}",
        code=data.letterhead.document_code,
    )
    return build_pdf(
        story,
        out,
        decor=decor,
        title=f"Informe de calibración N.º {data.calibration_id}",
        author=data.created_by,
        subject=f"Calibración de evaluadores · auditoría {data.audit_number}",
        created=data.issued_at,
        paper=data.letterhead.paper,
    )


def _cover(data: CalibrationReportData, styles: Styles, width: float) -> list[Flowable]:
    pairs = [
        ("Calibración N.º", str(data.calibration_id)),
        ("Auditoría", data.audit_number),
        ("Canal y proveedor", f"{data.channel} · {data.provider}"),
        ("Periodo auditado", fmt.period(data.period_start, data.period_end)),
        ("Creada por", f"{data.created_by}, el {fmt.moment(data.created_at)}"),
        ("Evaluadores", ", ".join(data.evaluators)),
        ("Estado", f"{data.state} (informe del {fmt.moment(data.issued_at)})"),
    ]
    alpha = data.overall.krippendorff_alpha
    ac1 = data.overall.gwet_ac1
    cards = [
        (_percent(data.overall.percent), "Acuerdo observado", None),
        (figure(alpha, 3), "Alfa de Krippendorff (total)", _colour(alpha)),
        (figure(ac1, 3), "AC1 de Gwet (total)", _colour(ac1)),
        (fmt.count(len(data.disagreements)), "Registros en desacuerdo", None),
    ]
    return [
        letterhead(data.letterhead, styles, width),
        Spacer(1, 8 * mm),
        paragraph("Informe de calibración de evaluadores", styles.title),
        paragraph(
            "Revisión doble a ciegas de registros del formato F182 y acuerdo entre quienes "
            "los evalúan",
            styles.subtitle,
        ),
        Spacer(1, 4 * mm),
        key_values(pairs, styles, width),
        Spacer(1, 5 * mm),
        kpi_cards(cards, styles, width),
        Spacer(1, 2 * mm),
        paragraph(
            f"Lectura del total: alfa {_reading(data.overall)}, AC1 {reliability(ac1)}. "
            "Los juicios de calibración no cambian las evaluaciones ni la calificación de la "
            "auditoría.",
            styles.note,
        ),
    ]


def _method(data: CalibrationReportData, styles: Styles, width: float) -> list[Flowable]:
    n = len(data.record_keys)
    if data.seed is None:
        drawn = (
            f"Se eligieron a mano {fmt.plural(n, 'registro', 'registros')} de la muestra de la "
            f"auditoría {data.audit_number}."
        )
    else:
        drawn = (
            f"Se sortearon {fmt.plural(n, 'registro', 'registros')} de los "
            f"{fmt.count(data.sample_size)} de la muestra de la auditoría {data.audit_number} "
            f"con la semilla {data.seed}: los radicados de la muestra, en orden, y la misma "
            "semilla dan siempre los mismos registros, de modo que el sorteo se puede verificar."
        )
    reference = (
        f" {data.reference} es el evaluador de referencia: se mide cuánto coincide cada "
        "evaluador con su juicio."
        if data.reference
        else ""
    )
    statistics = (
        "Cada evaluador juzgó los mismos registros con el formato F182 sin ver los juicios "
        "de los demás hasta que todos entregaron (o quien creó la sesión la cerró). Se "
        "comparan los criterios de juicio (Cumple / No cumple / N.A.) y el nivel de "
        "redacción y ortografía; los criterios calculados no se comparan porque salen del "
        "registro. Acuerdo observado: proporción de pares de juicios iguales. "
        "alfa de Krippendorff: acuerdo corregido por el azar, nominal para los "
        "criterios de juicio y ordinal para los niveles; admite juicios faltantes. "
        "AC1 de Gwet: acuerdo corregido por el azar que no se desploma cuando casi "
        "todo es «Cumple» (allí el alfa puede ser bajo aunque todos coincidan)."
    )
    reading = (
        f"Cómo leerlos: alfa ≥ {fmt.decimal(ALPHA_RELIABLE, 3)}, los evaluadores juzgan de "
        f"forma fiable; entre {fmt.decimal(ALPHA_TENTATIVE, 3)} y "
        f"{fmt.decimal(ALPHA_RELIABLE, 3)}, solo conclusiones provisionales; por debajo de "
        f"{fmt.decimal(ALPHA_TENTATIVE, 3)}, no juzgan igual y conviene repasar el criterio. "
        "«—» indica una cifra no definida (por ejemplo, el alfa cuando nadie discrepa ni "
        "varía el juicio)."
    )
    return [
        paragraph("1. Método", styles.h1),
        paragraph(drawn + reference, styles.body_justified),
        paragraph(statistics, styles.body_justified),
        paragraph(reading, styles.body_justified),
        paragraph("Registros calibrados: " + ", ".join(data.record_keys), styles.small),
    ]


def _agreement(data: CalibrationReportData, styles: Styles, width: float) -> list[Flowable]:
    def row(label: str, a: Agreement, scale: str) -> list[str]:
        return [
            label,
            scale,
            _percent(a.percent),
            figure(a.krippendorff_alpha, 3),
            figure(a.gwet_ac1, 3),
            _reading(a),
            fmt.count(a.units),
        ]

    rows = [row(c.label, c.agreement, "Ordinal" if c.ordinal else "Nominal") for c in data.criteria]
    rows.append(row("Total (todos los criterios)", data.overall, "Nominal"))
    widths = [width * w for w in (0.28, 0.1, 0.12, 0.12, 0.12, 0.14, 0.12)]
    return [
        CondPageBreak(60 * mm),
        paragraph("2. Acuerdo por criterio y total", styles.h1),
        data_table(
            ["Criterio", "Escala", "Acuerdo", "Alfa", "AC1", "Lectura del alfa", "Juicios"],
            rows,
            widths,
            styles,
            right_columns=(2, 3, 4, 6),
            bold_columns=(0,),
            extra_style=[("FONT", (0, len(rows)), (-1, len(rows)), BOLD, 7.5)],
        ),
        paragraph(
            "«Juicios»: registros (o pares registro × criterio, en el total) juzgados por al "
            "menos dos evaluadores, sobre los que descansan las cifras.",
            styles.note,
        ),
    ]


def _evaluators(data: CalibrationReportData, styles: Styles, width: float) -> list[Flowable]:
    rows = []
    for e in data.by_evaluator:
        marks = [
            m for m, on in (("más estricto", e.strictest), ("más benévolo", e.most_lenient)) if on
        ]
        rows.append(
            [
                e.name + (" (referencia)" if e.is_reference else ""),
                fmt.count(e.records_scored),
                _score(e.mean_score),
                _score(e.lowest_score),
                _score(e.highest_score),
                ", ".join(marks) or "—",
                "Entregó" if e.submitted else "No entregó",
            ]
        )
    widths = [width * w for w in (0.3, 0.1, 0.11, 0.11, 0.11, 0.14, 0.13)]
    gap = (
        ""
        if data.score_gap is None
        else f" Entre el puntaje medio más alto y el más bajo hay {_score(data.score_gap)} puntos."
    )
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        paragraph("3. Puntajes por evaluador y alineación con la referencia", styles.h1),
        paragraph(
            "Puntaje de cada registro (0 a 100) con el esquema de la auditoría, según los "
            "juicios de cada evaluador." + gap,
            styles.body,
        ),
        data_table(
            ["Evaluador", "Registros", "Media", "Mínimo", "Máximo", "Tendencia", "Entrega"],
            rows,
            widths,
            styles,
            right_columns=(1, 2, 3, 4),
        ),
    ]
    aligned = [e for e in data.by_evaluator if e.alignment is not None]
    if not data.reference:
        story.append(paragraph("La sesión no tiene evaluador de referencia.", styles.note))
        return story
    labels = [label for label, _ in aligned[0].alignment or ()] if aligned else []
    share = (width * 0.7) / max(len(labels), 1)
    table_rows = [[e.name] + [_percent(v) for _, v in e.alignment or ()] for e in aligned]
    story += [
        Spacer(1, 3 * mm),
        paragraph(
            f"Alineación con la referencia ({data.reference}): proporción de registros en "
            "que cada evaluador dio el mismo juicio que la referencia, por criterio.",
            styles.body,
        ),
        data_table(
            ["Evaluador", *labels],
            table_rows,
            [width * 0.3] + [share] * len(labels),
            styles,
            right_columns=tuple(range(1, len(labels) + 1)),
            empty="No hay otros evaluadores que comparar con la referencia.",
        ),
    ]
    return story


def _disagreements(data: CalibrationReportData, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        paragraph("4. Registros en desacuerdo", styles.h1),
    ]
    if not data.disagreements:
        story.append(paragraph("Todos los evaluadores juzgaron igual cada registro.", styles.body))
        return story
    story.append(
        paragraph(
            "Primero los de mayor desacuerdo. Para cada registro, el juicio de cada evaluador "
            "en los criterios en que difieren, su puntaje y su observación.",
            styles.body,
        )
    )
    for number, record in enumerate(data.disagreements, start=1):
        spread = (
            ""
            if record.score_range is None
            else f" · diferencia de puntaje {_score(record.score_range)}"
        )
        heading = f"{number}. {record.key} · {record.agent}{spread}"
        criteria = list(record.criteria)
        value_share = 0.36 / max(len(criteria), 1)
        widths = (
            [width * 0.2]
            + [width * value_share] * len(criteria)
            + [
                width * 0.1,
                width * 0.34,
            ]
        )
        rows = [
            [j.evaluator, *j.values, _score(j.score), j.observation or "—"]
            for j in record.judgements
        ]
        score_column = len(criteria) + 1
        table = data_table(
            ["Evaluador", *criteria, "Puntaje", "Observación"],
            rows,
            widths,
            styles,
            right_columns=(score_column,),
            extra_style=[("BACKGROUND", (1, 1), (len(criteria), -1), RED_FILL)],
        )
        story.append(KeepTogether([paragraph(heading, styles.h2), table]))
    return story
