"""The minutes (acta) of a session of the Comité de Calidad (procedure M5-1-01, 5.2.22).

Sections: header (entity, committee, Acta N.º, date, start and end time, place, chair,
secretary, quorum), the summary (decisions by criterion and by agent, late and missing
answers, commitments: ``minutes_summary``), 1 attendees, 2 agenda, 3 development per
audit (score against the target, every inconsistency by its number in the audit, with the
provider's answer and the committee's decision; landscape pages: ``minutes_development``),
4 commitments agreed, 5 follow-up of earlier commitments, 6 the committee's conclusions,
7 signatures of the attendees present. Every page
says "Página X de Y". Same data, same bytes; every text is shown literally (escaped,
unsupported characters replaced, long texts spread over continuation rows).

A provider's extract (``MinutesData.recipient``) is the same document over that provider's
audits and commitments only, without the agenda, notes and conclusions (free texts that
may name other providers); its attendees are those the caller lists (the entity's and the
recipient's own), the rest only counted («Otros asistentes: N»).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Spacer,
)

from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.data import Letterhead
from auditoria_calidad.reporting.minutes_development import development
from auditoria_calidad.reporting.minutes_signatures import signatures
from auditoria_calidad.reporting.minutes_summary import (
    summary_flowables,
)
from auditoria_calidad.reporting.output import Destination
from auditoria_calidad.reporting.pdf_blocks import (
    data_table,
    key_values,
    kpi_cards,
    letterhead,
)
from auditoria_calidad.reporting.pdf_page import (
    LANDSCAPE,
    PageDecor,
    build_pdf,
    landscape_width,
    portrait_width,
)
from auditoria_calidad.reporting.pdf_style import (
    Styles,
)
from auditoria_calidad.reporting.pdf_text import paragraph, paragraphs

COMMITTEE = "Comité de Calidad"
PROCEDURE = "Procedimiento M5-1-01 Atención Virtual, numeral 5.2.22"
NOT_RECORDED = "Sin registrar"


# --- Plain input --------------------------------------------------------------------------


@dataclass(frozen=True)
class MinutesAttendee:
    name: str
    position: str = ""
    organization: str = ""
    present: bool = True


@dataclass(frozen=True)
class MinutesAnswer:
    """The provider's answer to one inconsistency (activity 5.2.21)."""

    cause_analysis: str
    corrective_action: str
    responsible: str
    commitment_date: date | None = None
    late: bool = False


@dataclass(frozen=True)
class MinutesFinding:
    number: int  # the inconsistency's number in its audit, as every document shows it
    key: str  # radicado or chat id
    agent: str
    criterion: str
    observation: str  # the auditor's
    answer: MinutesAnswer | None = None
    decision: str = ""  # ACCEPTED, REJECTED, FOLLOW_UP or "" (none yet)
    decision_label: str = ""  # "Respuesta aceptada", ...
    decision_observation: str = ""
    carried_over: bool = False  # in follow-up since an earlier session


@dataclass(frozen=True)
class MinutesAudit:
    number: str
    channel: str  # label
    provider: str
    period_start: date
    period_end: date
    score: Decimal | None
    target: Decimal
    evaluated: int
    population: int
    response_deadline: date | None = None
    findings: tuple[MinutesFinding, ...] = ()
    sampled: int = 0  # the sample the evaluated records count against

    @property
    def answered(self) -> int:
        return sum(1 for f in self.findings if f.answer is not None)

    @property
    def late(self) -> int:
        return sum(1 for f in self.findings if f.answer is not None and f.answer.late)


@dataclass(frozen=True)
class MinutesCommitment:
    number: int
    action: str
    responsible: str
    organization: str = ""
    due_date: date | None = None
    state: str = "Abierto"  # label
    reference: str = ""  # "AUD-2026-0001 · hallazgo 12", or "" for a general one
    agreed_in: str = ""  # acta number where it was agreed
    closed: bool = False
    closed_on: date | None = None


@dataclass(frozen=True)
class MinutesData:
    letterhead: Letterhead
    acta_number: str
    held_on: date
    place: str
    attendees: tuple[MinutesAttendee, ...]
    agenda: tuple[str, ...]
    audits: tuple[MinutesAudit, ...] = ()
    commitments: tuple[MinutesCommitment, ...] = ()
    follow_up: tuple[MinutesCommitment, ...] = ()  # earlier sessions' commitments
    draft: bool = False
    issued_at: datetime | None = None  # PDF creation date; held_on at 00:00 when None
    notes: str = ""  # "Proposiciones y varios", free text
    starts_at: time | None = None
    ends_at: time | None = None
    chair: str = ""  # who presides
    secretary: str = ""  # who takes the minutes
    quorum: bool | None = None  # None: not recorded
    conclusions: str = ""  # the committee's conclusions
    # A provider's name: this is the extract that provider receives (only its own audits
    # and commitments; no agenda, notes or conclusions, which may name other providers).
    recipient: str = ""
    # Attendees of the session left out of ``attendees`` (an extract names no other
    # provider's people): counted in the quorum and shown as a number only.
    other_attendees: int = 0
    other_present: int = 0

    @property
    def present_count(self) -> int:
        """Attendees present, the unnamed ones included."""
        return sum(1 for a in self.attendees if a.present) + self.other_present

    @property
    def invited_count(self) -> int:
        return len(self.attendees) + self.other_attendees

    @property
    def others_text(self) -> str:
        """«Otros asistentes: 2 (1 presente); constan en el acta completa…», or ""."""
        if not self.other_attendees:
            return ""
        present = fmt.plural(self.other_present, "presente", "presentes")
        return (
            f"Otros asistentes: {fmt.count(self.other_attendees)} ({present}); sus nombres "
            "constan en el acta completa de la entidad."
        )

    @property
    def short_title(self) -> str:
        """For page headers and footers (the recipient is named on every page below)."""
        prefix = "Extracto del acta" if self.recipient else "Acta"
        return f"{prefix} N.º {self.acta_number}"

    @property
    def title(self) -> str:
        if self.recipient:
            return f"Acta N.º {self.acta_number} · extracto para {self.recipient}"
        return f"Acta N.º {self.acta_number}"

    @property
    def hours(self) -> str:
        """«09:00 a 11:30», «Desde las 09:00», or "" when not recorded."""
        if self.starts_at and self.ends_at:
            return f"{self.starts_at:%H:%M} a {self.ends_at:%H:%M}"
        if self.starts_at:
            return f"Desde las {self.starts_at:%H:%M}"
        return f"Hasta las {self.ends_at:%H:%M}" if self.ends_at else ""

    @property
    def quorum_text(self) -> str:
        present, invited = self.present_count, self.invited_count
        counted = (
            f"{'asiste' if present == 1 else 'asisten'} {fmt.count(present)} de "
            f"{fmt.plural(invited, 'convocado', 'convocados')}"
        )
        if self.quorum is None:
            return f"Sin registrar ({counted})"
        return f"{'Hay' if self.quorum else 'No hay'} quórum: {counted}"


# --- Writer -------------------------------------------------------------------------------


def write_minutes(data: MinutesData, out: Destination = None) -> bytes:
    """Write the minutes PDF to ``out`` (a path or a binary stream) and return its bytes."""
    styles = Styles()
    story: list[Flowable] = []
    story += _opening(data, styles, portrait_width(data.letterhead.paper))
    story += [NextPageTemplate(LANDSCAPE), PageBreak()]
    width = landscape_width(data.letterhead.paper)
    story += development(data, styles, width)
    story += _commitments(data, styles, width)
    story += _follow_up(data, styles, width)
    if not data.recipient:
        story += _notes(data, styles)
    story += _conclusions(data, styles)
    story += signatures(data, styles, width)
    decor = PageDecor(
        entity=data.letterhead.entity,
        office=data.letterhead.office,
        document=f"{COMMITTEE} · {data.short_title}",
        footer=f"{data.short_title} · {COMMITTEE} · {fmt.day(data.held_on)} · "
        "M5-1-01 numeral 5.2.22",
        confidentiality=(
            f"Extracto para {data.recipient}: solo sus inconsistencias, respuestas y compromisos."
            if data.recipient
            else "Documento interno de la entidad; cada proveedor recibe solo el extracto "
            "con lo suyo."
        ),
        draft=data.draft,
        code=data.letterhead.document_code,
        watermark="SIN EMITIR",
    )
    created = data.issued_at or datetime.combine(data.held_on, time())
    return build_pdf(
        story,
        out,
        decor=decor,
        title=f"{data.title} del {COMMITTEE}",
        author=data.letterhead.office,
        subject=f"{COMMITTEE} · {fmt.day(data.held_on)}",
        created=created,
        paper=data.letterhead.paper,
    )


def _opening(data: MinutesData, styles: Styles, width: float) -> list[Flowable]:
    present = data.present_count
    findings = sum(len(a.findings) for a in data.audits)
    decided = sum(1 for a in data.audits for f in a.findings if f.decision)
    pairs = [
        ("Acta N.º", data.acta_number),
        ("Fecha", fmt.day(data.held_on)),
        ("Hora", data.hours or NOT_RECORDED),
        ("Lugar", data.place or fmt.MISSING),
        ("Preside", data.chair or NOT_RECORDED),
        ("Secretario(a)", data.secretary or NOT_RECORDED),
        ("Quórum", data.quorum_text),
        (
            "Auditorías revisadas",
            ", ".join(a.number for a in data.audits) or "Ninguna",
        ),
        ("Estado del acta", "En preparación (sin emitir)" if data.draft else "Acta emitida"),
    ]
    cards = [
        (fmt.count(present), f"asistentes de {fmt.count(data.invited_count)}", None),
        (fmt.count(len(data.audits)), "auditorías revisadas", None),
        (f"{fmt.count(decided)}/{fmt.count(findings)}", "inconsistencias decididas", None),
        (fmt.count(len(data.commitments)), "compromisos nuevos", None),
    ]
    story: list[Flowable] = [
        letterhead(data.letterhead, styles, width),
        Spacer(1, 8 * mm),
        paragraph(f"Acta de reunión del {COMMITTEE}", styles.title),
        paragraph(data.title, styles.subtitle, max_chars=400),
        paragraph(PROCEDURE, styles.note),
    ]
    if data.recipient:
        story.append(
            paragraph(
                f"Extracto del acta para {data.recipient}: contiene solo sus inconsistencias, "
                "sus respuestas, las decisiones del comité sobre ellas y sus compromisos. El "
                "acta completa la conserva la entidad.",
                styles.body,
                max_chars=800,
            )
        )
    story += [
        Spacer(1, 4 * mm),
        key_values(pairs, styles, width),
        Spacer(1, 5 * mm),
        kpi_cards(cards, styles, width),
        Spacer(1, 2 * mm),
        *summary_flowables(data, styles, width),
        CondPageBreak(40 * mm),
        paragraph("1. Asistentes", styles.h1),
    ]
    shares = (0.06, 0.3, 0.26, 0.26, 0.12)
    widths = [width * s for s in shares]
    rows = [
        [
            str(i),
            a.name,
            a.position or fmt.MISSING,
            a.organization or fmt.MISSING,
            "Presente" if a.present else "Ausente",
        ]
        for i, a in enumerate(data.attendees, start=1)
    ]
    story.append(
        data_table(
            ("N.º", "Nombre", "Cargo", "Entidad / dependencia", "Asistencia"),
            rows,
            widths,
            styles,
            right_columns=(0,),
            empty="No se registraron asistentes."
            if not data.other_attendees
            else "Ningún asistente de la entidad ni del proveedor.",
        )
    )
    if data.others_text:
        story += [Spacer(1, 2 * mm), paragraph(data.others_text, styles.note, max_chars=400)]
    story.append(paragraph("2. Orden del día", styles.h1))
    if data.recipient:
        story.append(
            paragraph("El orden del día consta en el acta completa de la entidad.", styles.note)
        )
    elif data.agenda:
        for index, item in enumerate(data.agenda, start=1):
            story.append(paragraph(f"{index}. {item}", styles.body, max_chars=1500))
    else:
        story.append(paragraph("No se registró el orden del día.", styles.note))
    return story


_COMMITMENT_HEADER = (
    "N.º",
    "Compromiso",
    "Responsable",
    "Entidad / dependencia",
    "Fecha límite",
    "Referencia",
    "Estado",
)
_COMMITMENT_SHARES = (0.05, 0.37, 0.14, 0.14, 0.09, 0.13, 0.08)


def _commitment_rows(items: Sequence[MinutesCommitment], with_origin: bool) -> list[list[object]]:
    rows: list[list[object]] = []
    for item in items:
        reference = item.reference or "General"
        if with_origin and item.agreed_in:
            reference = f"{reference} (acta {item.agreed_in})"
        state = item.state
        if item.closed and item.closed_on:
            state = f"{state} {fmt.day(item.closed_on)}"
        rows.append(
            [
                str(item.number),
                item.action,
                item.responsible,
                item.organization or fmt.MISSING,
                fmt.day(item.due_date),
                reference,
                state,
            ]
        )
    return rows


def _commitments(data: MinutesData, styles: Styles, width: float) -> list[Flowable]:
    widths = [width * s for s in _COMMITMENT_SHARES]
    return [
        CondPageBreak(35 * mm),
        paragraph("4. Compromisos", styles.h1),
        data_table(
            _COMMITMENT_HEADER,
            _commitment_rows(data.commitments, False),
            widths,
            styles,
            right_columns=(0,),
            empty="En esta sesión no se acordaron compromisos nuevos.",
        ),
    ]


def _follow_up(data: MinutesData, styles: Styles, width: float) -> list[Flowable]:
    widths = [width * s for s in _COMMITMENT_SHARES]
    carried = [f for a in data.audits for f in a.findings if f.carried_over]
    story: list[Flowable] = [
        CondPageBreak(35 * mm),
        paragraph("5. Seguimiento de compromisos anteriores", styles.h1),
        data_table(
            _COMMITMENT_HEADER,
            _commitment_rows(data.follow_up, True),
            widths,
            styles,
            right_columns=(0,),
            empty="No había compromisos abiertos de sesiones anteriores.",
        ),
    ]
    if carried:
        numbers = ", ".join(f"{f.number} ({f.key})" for f in carried)
        story.append(Spacer(1, 3 * mm))
        story.append(
            paragraph(
                f"Inconsistencias en seguimiento desde sesiones anteriores: {numbers}. Su "
                "decisión de esta sesión figura en el desarrollo (numeral 3).",
                styles.body,
                max_chars=3000,
            )
        )
    return story


def _notes(data: MinutesData, styles: Styles) -> list[Flowable]:
    blocks = paragraphs(data.notes)
    if not blocks:
        return []
    return [paragraph("Proposiciones y varios", styles.h2)] + [
        paragraph(block, styles.body_justified) for block in blocks
    ]


def _conclusions(data: MinutesData, styles: Styles) -> list[Flowable]:
    blocks = paragraphs(data.conclusions)
    story: list[Flowable] = [
        CondPageBreak(30 * mm),
        paragraph("6. Conclusiones del comité", styles.h1),
    ]
    if data.recipient:
        note = "Las conclusiones generales constan en el acta completa de la entidad."
        return [*story, paragraph(note, styles.note)]
    if not blocks:
        return [*story, paragraph("No se registraron conclusiones.", styles.note)]
    return story + [paragraph(block, styles.body_justified) for block in blocks]
