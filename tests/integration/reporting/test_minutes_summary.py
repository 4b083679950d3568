"""The acta opens with a summary of the session: decisions by criterion and by agent,
answers late or missing, and commitments; the detailed table follows it."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from reading import flat, page_texts

from auditoria_calidad.reporting.data import Letterhead
from auditoria_calidad.reporting.minutes_report import (
    MinutesAnswer,
    MinutesAttendee,
    MinutesAudit,
    MinutesCommitment,
    MinutesData,
    MinutesFinding,
    write_minutes,
)
from auditoria_calidad.reporting.minutes_summary import summarize

CRITERIA = ("Pertinencia", "Coherencia", "Solución del problema")
AGENTS = ("Ana María Gómez", "Luis Fernando Pérez", "Sofía Restrepo")
DECISIONS = (
    ("accepted", "Respuesta aceptada"),
    ("rejected", "Respuesta no aceptada"),
    ("follow_up", "Seguimiento"),
)


def _finding(i: int) -> MinutesFinding:
    kind, label = DECISIONS[i % 3] if i % 7 else ("", "")
    answer = None
    if i % 5:
        answer = MinutesAnswer(
            "El agente omitió la validación.", "Capacitación.", "Coordinación", late=i % 4 == 0
        )
    return MinutesFinding(
        number=i + 1,
        key=f"2026-ER-{i:05d}",
        agent=AGENTS[i % 3],
        criterion=CRITERIA[i % 2 if i % 6 else 2],
        observation="La respuesta no atiende lo solicitado por el ciudadano.",
        answer=answer,
        decision=kind,
        decision_label=label,
        decision_observation="" if kind == "accepted" else "Revisar con el proveedor.",
    )


def minutes(count: int = 163) -> MinutesData:
    return MinutesData(
        letterhead=Letterhead("Entidad de Crédito Educativo", "Oficina de Calidad"),
        acta_number="ACTA-2026-014",
        held_on=date(2026, 12, 14),
        place="Sala de juntas, piso 3",
        attendees=(
            MinutesAttendee("Marta Lucía Rincón", "Vicepresidenta", "Vicepresidencia"),
            MinutesAttendee("Julián Ortega", "Gerente de cuenta", "Outsourcing", False),
        ),
        agenda=("Verificación del quórum.", "Revisión de inconsistencias."),
        audits=(
            MinutesAudit(
                number="AUD-2026-0031",
                channel="Virtual",
                provider="Contacto Total S.A.S.",
                period_start=date(2026, 11, 1),
                period_end=date(2026, 11, 30),
                score=Decimal("84.5"),
                target=Decimal("90"),
                evaluated=400,
                population=800,
                sampled=400,
                findings=tuple(_finding(i) for i in range(count)),
            ),
        ),
        commitments=(
            MinutesCommitment(1, "Publicar la guía", "Julián Ortega", due_date=date(2027, 1, 15)),
            MinutesCommitment(2, "Retroalimentar", "Coordinación", due_date=date(2027, 1, 5)),
        ),
        follow_up=(
            MinutesCommitment(7, "Ajustar plantillas", "TI", due_date=date(2026, 12, 1)),
            MinutesCommitment(8, "Revisar guion", "TI", closed=True, closed_on=date(2026, 12, 14)),
        ),
        issued_at=datetime(2026, 12, 14, 17, 0),
        starts_at=time(9, 0),
        ends_at=time(12, 0),
    )


def test_the_summary_counts_decisions_by_criterion_and_agent_answers_and_commitments() -> None:
    data = minutes()
    s = summarize(data)
    found = data.audits[0].findings
    assert s.total.total == len(found) == 163
    assert sum(t.total for _c, t in s.by_criterion) == sum(t.total for _p, _a, t in s.by_agent)
    assert {c for c, _t in s.by_criterion} == set(CRITERIA)
    by_agent = {a: t for _p, a, t in s.by_agent}
    first = [f for f in found if f.agent == AGENTS[0]]
    assert by_agent[AGENTS[0]].counts["rejected"] == sum(f.decision == "rejected" for f in first)
    assert s.total.counts[""] == sum(1 for f in found if not f.decision)
    assert len(s.missing) == sum(1 for f in found if f.answer is None)
    assert len(s.late) == sum(1 for f in found if f.answer is not None and f.answer.late)
    assert (s.new_commitments, s.new_due) == (2, date(2027, 1, 5))
    assert (s.earlier_open, s.earlier_closed, s.earlier_overdue) == (1, 1, 1)


def test_the_acta_opens_with_the_summary_and_keeps_the_detailed_table_after_it(tmp_path) -> None:
    pdf = write_minutes(minutes())
    (tmp_path / "acta.pdf").write_bytes(pdf)
    texts = page_texts(pdf)
    assert "Resumen de la sesión" in texts[0]
    assert "Decisiones por criterio incumplido" in texts[0]
    everything = "\n".join(texts)
    marks = ["Resumen de la sesión", "Decisiones por agente", "Respuestas del proveedor"]
    marks += ["1. Asistentes", "3. Desarrollo de la sesión", "2026-ER-00162"]
    positions = [everything.index(m) for m in marks]
    assert positions == sorted(positions)
    s = summarize(minutes())
    on_time = s.answered - len(s.late)
    assert flat(f"{on_time} a tiempo, {len(s.late)} fuera de plazo") in flat(everything)
    assert flat("2 compromisos nuevos (el primero vence el 05/01/2027)") in flat(everything)
    assert flat("1 sigue abierto (1 vencido) y 1 se cerró") in flat(everything)
    assert write_minutes(minutes()) == pdf  # same data, same bytes


def test_a_provider_extract_says_what_it_is_and_leaves_out_the_free_texts() -> None:
    from dataclasses import replace

    data = replace(minutes(5), recipient="Contacto Total S.A.S.", conclusions="Otro proveedor X")
    everything = "\n".join(page_texts(write_minutes(data)))
    assert flat("Acta N.º ACTA-2026-014 · extracto para Contacto Total S.A.S.") in flat(everything)
    assert "Otro proveedor X" not in everything and "Revisión de inconsistencias" not in everything
    assert "acta completa" in everything
