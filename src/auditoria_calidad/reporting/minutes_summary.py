"""The summary that opens an acta: what the committee decided, by criterion and by agent,
which answers came late or never came, and the commitments.

It is computed from the same plain data as the detailed development that follows it, so
the two always agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.pdf_blocks import data_table
from auditoria_calidad.reporting.pdf_style import Styles
from auditoria_calidad.reporting.pdf_text import paragraph

if TYPE_CHECKING:
    from auditoria_calidad.reporting.minutes_report import (
        MinutesCommitment,
        MinutesData,
    )

# Decision kinds (values of storage's Decision).
ACCEPTED = "accepted"
REJECTED = "rejected"
FOLLOW_UP = "follow_up"
_KINDS = (ACCEPTED, REJECTED, FOLLOW_UP, "")
_TALLY_HEADER = ("Inconsistencias", "Aceptadas", "No aceptadas", "Seguimiento", "Sin decisión")


@dataclass
class Tally:
    """Decisions counted for one criterion or one agent."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, decision: str) -> None:
        self.counts[decision if decision in _KINDS else ""] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self) -> list[str]:
        return [fmt.count(self.total)] + [fmt.count(self.counts[k]) for k in _KINDS]


@dataclass(frozen=True)
class MinutesSummary:
    by_criterion: list[tuple[str, Tally]]
    by_agent: list[tuple[str, str, Tally]]  # provider, agent, tally
    total: Tally
    answered: int
    late: list[tuple[str, int]]  # (audit number, inconsistency number)
    missing: list[tuple[str, int]]
    new_commitments: int
    new_due: date | None  # the earliest due date of the new ones
    earlier_open: int
    earlier_closed: int
    earlier_overdue: int


def summarize(data: MinutesData) -> MinutesSummary:
    criteria: dict[str, Tally] = {}
    agents: dict[tuple[str, str], Tally] = {}
    total = Tally()
    late: list[tuple[str, int]] = []
    missing: list[tuple[str, int]] = []
    answered = 0
    for audit in data.audits:
        for f in audit.findings:
            criteria.setdefault(f.criterion, Tally()).add(f.decision)
            agents.setdefault((audit.provider, f.agent), Tally()).add(f.decision)
            total.add(f.decision)
            reference = (audit.number, f.number)
            if f.answer is None:
                missing.append(reference)
            else:
                answered += 1
                if f.answer.late:
                    late.append(reference)
    dues = [c.due_date for c in data.commitments if c.due_date]
    return MinutesSummary(
        by_criterion=sorted(criteria.items(), key=lambda kv: (-kv[1].total, kv[0])),
        by_agent=[
            (provider, agent, tally)
            for (provider, agent), tally in sorted(
                agents.items(), key=lambda kv: (kv[0][0], -kv[1].total, kv[0][1])
            )
        ],
        total=total,
        answered=answered,
        late=late,
        missing=missing,
        new_commitments=len(data.commitments),
        new_due=min(dues, default=None),
        earlier_open=sum(1 for c in data.follow_up if not c.closed),
        earlier_closed=sum(1 for c in data.follow_up if c.closed),
        earlier_overdue=_overdue(data.follow_up, data.held_on),
    )


def _overdue(items: Iterable[MinutesCommitment], on: date) -> int:
    return sum(1 for c in items if not c.closed and c.due_date is not None and c.due_date < on)


def _listed(references: Sequence[tuple[str, int]]) -> str:
    """«AUD-2026-0031: N.º 5, 9 y 13; AUD-2026-0032: N.º 2» (numbers as in numeral 3)."""
    by_audit: dict[str, list[int]] = {}
    for audit, number in references:
        by_audit.setdefault(audit, []).append(number)
    parts = []
    for audit, numbers in by_audit.items():
        shown = [str(n) for n in numbers]
        text = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " y " + shown[-1]
        parts.append(f"{audit}: N.º {text}")
    return "; ".join(parts)


def summary_flowables(data: MinutesData, styles: Styles, width: float) -> list[Flowable]:
    """«Resumen de la sesión»: decisions by criterion and by agent, answers, commitments."""
    s = summarize(data)
    story: list[Flowable] = [paragraph("Resumen de la sesión", styles.h1)]
    findings = s.total.total
    if not findings:
        story.append(paragraph("En esta sesión no se revisaron inconsistencias.", styles.note))
    else:
        story.append(
            paragraph(
                f"El comité revisó {fmt.plural(findings, 'inconsistencia', 'inconsistencias')}"
                f": {fmt.count(s.total.counts[ACCEPTED])} con la respuesta aceptada, "
                f"{fmt.plural(s.total.counts[REJECTED], 'no aceptada', 'no aceptadas')}, "
                f"{fmt.count(s.total.counts[FOLLOW_UP])} en seguimiento y "
                f"{fmt.count(s.total.counts[''])} sin decisión. El detalle de cada una está en "
                "el numeral 3.",
                styles.body,
            )
        )
        shares = (0.3, 0.14, 0.14, 0.14, 0.14, 0.14)
        widths = [width * x for x in shares]
        rows = [[label, *tally.cells()] for label, tally in s.by_criterion]
        rows.append(["Total", *s.total.cells()])
        story += [
            CondPageBreak(30 * mm),
            paragraph("Decisiones por criterio incumplido", styles.h2),
            _tally_table("Criterio", rows, widths, styles),
        ]
        several = len({p for p, _a, _t in s.by_agent}) > 1
        agent_rows = [
            [f"{agent} ({provider})" if several else agent, *tally.cells()]
            for provider, agent, tally in s.by_agent
        ]
        story += [
            CondPageBreak(30 * mm),
            paragraph("Decisiones por agente", styles.h2),
            _tally_table("Agente", agent_rows, widths, styles),
        ]
    on_time = s.answered - len(s.late)
    story.append(
        KeepTogether(
            [
                paragraph("Respuestas del proveedor", styles.h2),
                paragraph(
                    f"{fmt.count(on_time)} a tiempo, {fmt.count(len(s.late))} fuera de plazo y "
                    f"{fmt.count(len(s.missing))} sin respuesta.",
                    styles.body,
                ),
            ]
        )
    )
    if s.late:
        story.append(paragraph(f"Fuera de plazo: {_listed(s.late)}.", styles.body, max_chars=6000))
    if s.missing:
        story.append(
            paragraph(f"Sin respuesta: {_listed(s.missing)}.", styles.body, max_chars=6000)
        )
    new = fmt.plural(s.new_commitments, "compromiso nuevo", "compromisos nuevos")
    if s.new_due:
        new += f" (el primero vence el {fmt.day(s.new_due)})"
    earlier = (
        f"de sesiones anteriores, {fmt.count(s.earlier_open)} "
        f"{'sigue abierto' if s.earlier_open == 1 else 'siguen abiertos'}"
        + (
            f" ({fmt.plural(s.earlier_overdue, 'vencido', 'vencidos')})"
            if s.earlier_overdue
            else ""
        )
        + f" y {fmt.count(s.earlier_closed)} "
        + ("se cerró" if s.earlier_closed == 1 else "se cerraron")
        + " en esta sesión"
    )
    story.append(
        KeepTogether(
            [paragraph("Compromisos", styles.h2), paragraph(f"{new}; {earlier}.", styles.body)]
        )
    )
    story.append(Spacer(1, 2 * mm))
    return story


def _tally_table(
    first: str, rows: list[list[str]], widths: list[float], styles: Styles
) -> Flowable:
    return data_table(
        (first, *_TALLY_HEADER),
        rows,
        widths,
        styles,
        right_columns=(1, 2, 3, 4, 5),
        empty="Sin inconsistencias.",
    )
