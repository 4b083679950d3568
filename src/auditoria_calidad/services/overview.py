"""What the welcome page and the status bar show: how much is in the database, and the
work waiting for each role («Mis pendientes»)."""

from __future__ import annotations

from datetime import date

from auditoria_calidad.domain.plurals import noun
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import AuditState, list_audits
from auditoria_calidad.services.committee import list_commitments
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.findings import (
    OPEN_FOR_ANSWERS,
    PROVIDER_STATES,
    list_audit_status,
)
from auditoria_calidad.services.overview_dtos import Overview, PendingItem, PendingSection
from auditoria_calidad.storage.models import CommitmentState
from auditoria_calidad.storage.queries import overview as queries


def database_has_data(db: Database) -> bool:
    with db.sessions() as session:
        return bool(queries.count_records(session)) or bool(queries.count_audits(session))


def overview(db: Database, actor: Actor) -> Overview:
    """Counts of what the actor may see (a provider manager: its own provider only, and
    only the audits already sent to it, the ones it can open)."""
    manager = actor.role is Role.PROVIDER_MANAGER
    with db.sessions() as session:
        totals = queries.visible_totals(
            session,
            own_provider=manager,
            provider_id=actor.provider_id,
            audit_states=PROVIDER_STATES if manager else None,
        )
    return Overview(*totals)


# --- Mis pendientes -----------------------------------------------------------------------

EVALUATE, APPROVE, ANSWER, DECIDE, COMMITMENTS = (
    "evaluate",
    "approve",
    "answer",
    "decide",
    "commitments",
)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _counted(value: int, singular: str, plural: str) -> str:
    return f"{_n(value)} {noun(value, singular, plural)}"


def _audit_title(number: str, channel: str, provider: str, period: str) -> str:
    return f"{number} · {channel} · {provider} · {period}"


def _to_evaluate(db: Database, actor: Actor) -> PendingSection:
    rows = [
        a
        for a in list_audits(db, actor)
        if a.state in (AuditState.DRAFT, AuditState.IN_REVIEW)
        or (a.state is AuditState.READY and a.evaluated < a.sampled)
    ]
    items = []
    for a in sorted(rows, key=lambda a: (a.period_start, a.id)):
        if not a.sample_drawn:
            detail = "Falta sortear la muestra"
        else:
            detail = f"{_n(a.evaluated)} de {_n(a.sampled)} de la muestra evaluados"
            if a.missing_for_approval:
                detail += f" · faltan {_n(a.missing_for_approval)} para el 50 % de la población"
        items.append(
            PendingItem(
                EVALUATE,
                _audit_title(a.number, a.channel.label, a.provider, a.period.label),
                detail,
                "sample" if a.sample_drawn else "audits",
                a.id,
            )
        )
    return PendingSection(
        "Auditorías por evaluar", tuple(items), "No tiene auditorías por evaluar."
    )


def _to_approve(db: Database, actor: Actor) -> PendingSection:
    items = tuple(
        PendingItem(
            APPROVE,
            _audit_title(a.number, a.channel.label, a.provider, a.period.label),
            f"Lista para aprobar: {_n(a.evaluated)} de {_n(a.sampled)} de la muestra evaluados",
            "findings",
            a.id,
        )
        for a in list_audits(db, actor)
        if a.state is AuditState.READY
    )
    return PendingSection(
        "Auditorías listas para aprobar", items, "No hay auditorías listas para aprobar."
    )


def _answers_due(db: Database, actor: Actor, today: date) -> PendingSection:
    rows = [
        s
        for s in list_audit_status(db, actor, provider_id=actor.provider_id, today=today)
        if s.state in OPEN_FOR_ANSWERS and s.pending > 0
    ]
    items = []
    for s in sorted(rows, key=lambda s: (s.response_deadline or date.max, s.audit_id)):
        late = s.overdue(today)
        pending = _counted(
            s.pending, "inconsistencia sin responder", "inconsistencias sin responder"
        )
        if s.response_deadline is None:
            when = "sin plazo registrado"
        elif late:
            when = f"plazo vencido el {s.response_deadline:%d/%m/%Y}"
        else:
            when = f"plazo hasta el {s.response_deadline:%d/%m/%Y}"
        items.append(
            PendingItem(
                ANSWER,
                _audit_title(s.number, s.channel_label, s.provider, s.period_label),
                f"{pending} de {_n(s.findings)} · {when}",
                "findings",
                s.audit_id,
                late,
            )
        )
    return PendingSection(
        "Respuestas pendientes", tuple(items), "No hay inconsistencias por responder."
    )


def _to_decide(db: Database, actor: Actor) -> PendingSection:
    with db.sessions() as session:
        waiting = queries.answered_undecided_findings(session, OPEN_FOR_ANSWERS)
        drafts = queries.open_session_of_audits(session, list(waiting))
    statuses = {s.audit_id: s for s in list_audit_status(db, actor) if s.audit_id in waiting}
    items = []
    for audit_id, status in sorted(statuses.items()):
        session_id = drafts.get(audit_id)
        where = "en la sesión abierta" if session_id else "sin sesión de comité abierta"
        items.append(
            PendingItem(
                DECIDE,
                _audit_title(
                    status.number, status.channel_label, status.provider, status.period_label
                ),
                f"{_counted(waiting[audit_id], 'inconsistencia respondida', 'inconsistencias respondidas')} "
                f"esperando decisión del comité · {where}",
                "committee",
                session_id,
            )
        )
    return PendingSection(
        "Inconsistencias por decidir", tuple(items), "No hay respuestas esperando decisión."
    )


def _commitments(db: Database, actor: Actor, today: date) -> PendingSection:
    open_rows = list_commitments(db, actor, state=CommitmentState.OPEN)
    if not open_rows:
        return PendingSection("Compromisos", (), "No hay compromisos abiertos.")
    overdue = sum(1 for c in open_rows if c.overdue(today))
    detail = _counted(len(open_rows), "compromiso abierto", "compromisos abiertos")
    detail += f", {_counted(overdue, 'vencido', 'vencidos')}"
    nearest = min((c.due_date for c in open_rows if c.due_date is not None), default=None)
    if nearest is not None:
        detail += f" · el más próximo vence el {nearest:%d/%m/%Y}"
    item = PendingItem(
        COMMITMENTS, "Compromisos del Comité de Calidad", detail, "committee", None, overdue > 0
    )
    return PendingSection("Compromisos", (item,), "No hay compromisos abiertos.")


def pending_work(db: Database, actor: Actor, today: date | None = None) -> list[PendingSection]:
    """What is waiting for the actor's role, section by section, each item one click away."""
    day = today or date.today()
    if actor.role is Role.AUDITOR:
        return [_to_evaluate(db, actor)]
    if actor.role is Role.HEAD:
        return [_to_approve(db, actor), _to_evaluate(db, actor)]
    if actor.role is Role.PROVIDER_MANAGER:
        return [_answers_due(db, actor, day)]
    if actor.role is Role.COMMITTEE:
        return [_to_decide(db, actor), _commitments(db, actor, day)]
    return []
