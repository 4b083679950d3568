"""The demo's earlier months, taken through the whole cycle: evaluated, approved, sent,
answered by the provider, reviewed by the committee in a session whose acta is issued.

Run by ``services.demo.load_demo`` after the records are stored, with the demo users of
each role, through the same services the window and the command line use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import approval, committee, evaluations, findings, sample
from auditoria_calidad.services import committee_minutes as minutes
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.auth import actor_of
from auditoria_calidad.services.connection import Database
from auditoria_calidad.storage.queries.imports import users_with_usernames

PLACE = "Sala de juntas de la Vicepresidencia, piso 3"


@dataclass
class ClosedCycle:
    """What the earlier months of the demo left behind."""

    approved: list[str] = field(default_factory=list)  # audit numbers
    closed: list[str] = field(default_factory=list)
    acta: str = ""
    findings: int = 0


@dataclass(frozen=True)
class _Cast:
    auditor: Actor
    head: Actor
    manager: Actor
    member: Actor
    names: dict[Role, str]


def _cast(db: Database) -> _Cast | None:
    wanted = {
        "auditor": Role.AUDITOR,
        "jefe": Role.HEAD,
        "gerente": Role.PROVIDER_MANAGER,
        "comite": Role.COMMITTEE,
    }
    with db.sessions() as session:
        users = {u.username: u for u in users_with_usernames(session, wanted)}
    if any(
        name not in users or users[name].role is not role or not users[name].active
        for name, role in wanted.items()
    ):
        return None  # demo users changed by hand: leave the months as records only
    return _Cast(
        actor_of(users["auditor"]),
        actor_of(users["jefe"]),
        actor_of(users["gerente"]),
        actor_of(users["comite"]),
        {role: users[name].full_name for name, role in wanted.items()},
    )


def _evaluated_audit(
    db: Database,
    auditor: Actor,
    provider_id: int,
    period: tuple[date, date],
    misspellings: dict[str, tuple[str, ...]],
    seed: int,
) -> int:
    """An audit of the month with its whole sample evaluated (the 50 % of the population)."""
    from auditoria_calidad.demo.evaluations import demo_verdicts

    draw = sample.create_audit_and_draw(
        db, auditor, Channel.VIRTUAL, provider_id, period[0], period[1], "0.5", seed
    )
    rows = sorted(
        evaluations.list_sample(db, auditor, draw.audit_id), key=lambda r: (r.received_at, r.key)
    )
    verdicts = demo_verdicts([r.key for r in rows], misspellings, seed)
    with db.transaction() as session:
        for index, row in enumerate(rows):
            verdict = verdicts[row.key]
            evaluations.save_in_session(
                session,
                auditor,
                row.sample_item_id,
                evaluations.EvaluationDraft(verdict.answers, verdict.observations),
                expected_version=None,
                sync_audit=index == len(rows) - 1,
            )
    return draw.audit_id


def _answer_all(db: Database, manager: Actor, audit_id: int, today: date) -> None:
    from auditoria_calidad.demo.provider_answers import demo_answer

    for finding in findings.list_findings(db, manager, audit_id):
        answer = demo_answer(finding.audit_number, finding.number, finding.criterion_key)
        answers.save_answer(
            db,
            manager,
            finding.id,
            answers.AnswerDraft(
                answer.cause_analysis,
                answer.corrective_action,
                answer.responsible,
                today + timedelta(days=answer.days_to_commit),
            ),
        )


def _session(db: Database, cast: _Cast, audit_ids: Sequence[int], today: date) -> str:
    """One committee session reviewing ``audit_ids``; its acta issued."""
    member = cast.member
    info = committee.create_session(
        db,
        member,
        today,
        list(audit_ids),
        place=PLACE,
        details=committee.SessionDetails(
            starts_at=time(9, 0),
            ends_at=time(11, 30),
            chair=cast.names[Role.HEAD],
            secretary=cast.names[Role.COMMITTEE],
            quorum=True,
        ),
    )
    for name, position, organization in (
        (cast.names[Role.HEAD], "Jefe de Oficina", "Oficina Comercial y de Mercadeo"),
        (cast.names[Role.COMMITTEE], "Profesional Especializado", "Vicepresidencia de Crédito"),
        (cast.names[Role.PROVIDER_MANAGER], "Gerente de cuenta", "Outsourcing"),
        ("Martha Lucía Gómez Arias", "Vicepresidenta de Operaciones", "Vicepresidencia"),
    ):
        committee.add_attendee(db, member, info.id, name, position, organization)
    last = audit_ids[-1]
    follow_up = None
    decisions: list[tuple[int, str, str]] = []
    for audit_id in audit_ids:
        for finding in findings.list_findings(db, member, audit_id):
            decision, note = "aceptada", ""
            if audit_id == last and follow_up is None and finding.criterion_key == "solucion":
                follow_up, decision = finding, "seguimiento"
                note = "Verificar en la próxima auditoría que el escalamiento se aplique."
            decisions.append((finding.id, decision, note))
    committee.record_decisions(db, member, info.id, decisions)
    committee.add_commitment(
        db,
        member,
        info.id,
        "Taller de redacción y ortografía para todos los agentes del canal virtual.",
        "Líder de formación",
        "Outsourcing",
        today + timedelta(days=30),
        audit_id=last,
    )
    if follow_up is not None:
        committee.add_commitment(
            db,
            member,
            info.id,
            "Aplicar la ruta de escalamiento al área responsable y reportar los casos escalados.",
            "Supervisor del turno",
            "Outsourcing",
            today + timedelta(days=15),
            audit_id=last,
            finding_id=follow_up.id,
        )
    conclusions = (
        "El comité revisó las respuestas del proveedor a todas las inconsistencias de las "
        "auditorías del orden del día y las aceptó"
        + (
            f", salvo el hallazgo N.º {follow_up.number} de la auditoría "
            f"{follow_up.audit_number}, que queda en seguimiento"
            if follow_up is not None
            else ""
        )
        + ". Se acuerda un taller de redacción y ortografía para todo el canal virtual."
    )
    committee.update_session(
        db, member, info.id, details=committee.SessionDetails(conclusions=conclusions)
    )
    issued, _pdf = minutes.issue_minutes(db, member, info.id)
    return issued.acta_number


def close_demo_months(
    db: Database,
    provider_id: int,
    months: Sequence[tuple[tuple[date, date], dict[str, tuple[str, ...]]]],
    seed: int,
    now: datetime,
) -> ClosedCycle:
    """Take each month ``(period, misspellings)`` through the cycle; one session reviews
    them all, and the months without open commitments are closed."""
    result = ClosedCycle()
    cast = _cast(db)
    if cast is None or not months:
        return result
    today = now.date()
    audit_ids = []
    for period, misspellings in months:
        audit_id = _evaluated_audit(db, cast.auditor, provider_id, period, misspellings, seed)
        approved = approval.approve_audit(db, cast.head, audit_id)
        result.approved.append(approved.number)
        result.findings += approved.findings
        approval.send_to_provider(db, cast.head, audit_id, now=now)
        _answer_all(db, cast.manager, audit_id, today)
        audit_ids.append(audit_id)
    result.acta = _session(db, cast, audit_ids, today)
    for audit_id, number in zip(audit_ids[:-1], result.approved, strict=False):
        approval.close_audit(db, cast.member, audit_id)
        result.closed.append(number)
    return result
