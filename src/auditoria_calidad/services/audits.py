"""Audits (quality visits): their periods, listing, and their state.

An audit covers one channel, one provider and a period of inclusive dates on the records'
``received_at``. Its population is frozen when it is created (``population_members``,
``services.audit_creation``); loading an audit with its checks is ``services.audit_access``;
the sample and "Actualizar población" live in ``services.sample``.

States handled here: draft → in_review (first evaluation saved, or the auditor marks it)
→ ready (at least 50 % of the population evaluated, or the auditor marks it once that
holds). Approval and what follows belong to later use cases.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy.orm import Session

from auditoria_calidad.domain.audit_lifecycle import (
    ANNULLABLE_STATES,
    LOCKED_STATES,
    STATE_LABELS,
    AuditState,
    MoveRefused,
    move,
)
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.domain.sampling import approval_shortfall, required_for_approval
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_access import (
    as_audit_info,
    audit_counts,
    audit_info,
    ensure_unlocked,
    load_audit,
    require_read,
)
from auditoria_calidad.services.audit_creation import (
    NUMBER_PREFIX,
    DuplicateAudit,
    create_audit,
    create_in_session,
    find_overlapping,
    overlapping_audit,
    preview_population,
    with_number_retry,
)
from auditoria_calidad.services.audit_dtos import AuditCounts, AuditInfo, Period, PopulationPreview
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.storage.models import Audit
from auditoria_calidad.storage.queries import audits as queries
from auditoria_calidad.storage.queries.audits import in_scope

# Creation and loading live in services.audit_creation and services.audit_access; their
# names stay importable from here, where the other use cases and the windows find them.
__all__ = [
    "ANNULLABLE_STATES",
    "LOCKED_STATES",
    "NUMBER_PREFIX",
    "STATE_LABELS",
    "AuditCounts",
    "AuditInfo",
    "AuditState",
    "DuplicateAudit",
    "Period",
    "PopulationPreview",
    "audit_counts",
    "audit_info",
    "create_audit",
    "create_in_session",
    "ensure_unlocked",
    "find_audit",
    "find_overlapping",
    "get_audit",
    "in_scope",
    "list_audits",
    "load_audit",
    "mark_in_review",
    "mark_ready",
    "month_period",
    "overlapping_audit",
    "parse_day",
    "preview_population",
    "week_period",
    "with_number_retry",
]

# --- Periods -----------------------------------------------------------------------------


def week_period(day: date) -> Period:
    """The week (Monday to Sunday) that contains ``day``."""
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6))


def month_period(year: int, month: int) -> Period:
    if not 1 <= month <= 12:
        raise InvalidInput(f"El mes debe estar entre 1 y 12; se recibió {month}.")
    return Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def parse_day(text: str) -> date:
    """A date written dd/mm/aaaa (also with dashes) or aaaa-mm-dd."""
    value = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
            year, month, day = (int(p) for p in value.split("-"))
            return date(year, month, day)
        if re.fullmatch(r"\d{1,2}[/-]\d{1,2}[/-]\d{4}", value):
            day, month, year = (int(p) for p in re.split(r"[/-]", value))
            return date(year, month, day)
    except ValueError:
        raise InvalidInput(f"La fecha «{text}» no existe.") from None
    raise InvalidInput(f"La fecha «{text}» no es válida: escríbala dd/mm/aaaa o aaaa-mm-dd.")


# --- Reading and moving audits ----------------------------------------------------------


def list_audits(db: Database, actor: Actor, *, include_annulled: bool = False) -> list[AuditInfo]:
    """Audits the actor may see (a provider manager: its own provider's), newest first.

    Annulled audits are left out unless ``include_annulled``.
    """
    require_read(actor)
    with db.sessions() as session:
        own = actor.provider_id if actor.role is Role.PROVIDER_MANAGER else None
        rows = queries.audits_with_provider_names(
            session, include_annulled=include_annulled, provider_id=own
        )
        counts = audit_counts(session, [a.id for a, _ in rows])
        return [
            as_audit_info(a, name, counts[a.id])
            for a, name in rows
            if actor.sees_provider(a.provider_id)
        ]


def get_audit(db: Database, actor: Actor, audit_id: int) -> AuditInfo:
    require_read(actor)
    with db.sessions() as session:
        return audit_info(session, load_audit(session, actor, audit_id))


def find_audit(db: Database, actor: Actor, reference: str | int) -> AuditInfo:
    """An audit by its id or its number (``AUD-2026-0001``, case-insensitive)."""
    require_read(actor)
    text = str(reference).strip()
    with db.sessions() as session:
        audit = queries.audit_by_number(session, text)
        if audit is None and text.isdigit():
            audit = session.get(Audit, int(text))
        if audit is None:
            raise NotFound(f"No existe la auditoría «{text}».")
        return audit_info(session, load_audit(session, actor, audit.id))


def move_audit(session: Session, actor: Actor, audit: Audit, state: AuditState) -> None:
    """Change the audit's state, with its entry in the audit log (the one place that does).

    Refused (InvalidInput) when the lifecycle does not allow the move.
    """
    if audit.state is state:
        return
    try:
        move(audit.state, state)
    except MoveRefused as refused:
        raise InvalidInput(
            f"La auditoría {audit.number} está «{STATE_LABELS[refused.state]}»: no puede "
            f"pasar a «{STATE_LABELS[refused.target]}»."
        ) from refused
    log_event(
        session,
        actor,
        "audit",
        audit.id,
        "state",
        field="state",
        old=audit.state.value,
        new=state.value,
    )
    audit.state = state


def sync_state(session: Session, actor: Actor, audit: Audit) -> None:
    """Move draft/in_review/ready as the evaluations stand (after an evaluation or a refresh)."""
    if audit.state not in (AuditState.DRAFT, AuditState.IN_REVIEW, AuditState.READY):
        return
    counts = audit_counts(session, [audit.id])[audit.id]
    if approval_shortfall(counts.population, counts.evaluated) == 0 and counts.evaluated:
        move_audit(session, actor, audit, AuditState.READY)
    elif counts.evaluations or audit.state is AuditState.READY:
        move_audit(session, actor, audit, AuditState.IN_REVIEW)


def mark_in_review(db: Database, actor: Actor, audit_id: int) -> AuditInfo:
    """The auditor starts reviewing a draft audit."""
    with db.transaction() as session:
        audit = load_audit(session, actor, audit_id, write=True)
        if audit.state is AuditState.DRAFT:
            if audit.seed is None:
                raise InvalidInput(f"Sortee primero la muestra de la auditoría {audit.number}.")
            move_audit(session, actor, audit, AuditState.IN_REVIEW)
        return audit_info(session, audit)


def mark_ready(db: Database, actor: Actor, audit_id: int) -> AuditInfo:
    """Mark the audit ready for approval; refused while less than 50 % is evaluated."""
    with db.transaction() as session:
        audit = load_audit(session, actor, audit_id, write=True)
        counts = audit_counts(session, [audit.id])[audit.id]
        missing = approval_shortfall(counts.population, counts.evaluated)
        if missing or counts.population == 0:
            need = required_for_approval(counts.population)
            raise InvalidInput(
                f"La auditoría {audit.number} no puede quedar lista: el procedimiento M5-1-01 "
                f"exige evaluar al menos el 50 % de la población ({need} de "
                f"{counted(counts.population, 'registro', 'registros')}); hay "
                f"{counted(counts.evaluated, 'evaluado', 'evaluados')} y faltan {missing}."
            )
        move_audit(session, actor, audit, AuditState.READY)
        return audit_info(session, audit)


def agent_names(session: Session, agent_ids: Iterable[int]) -> dict[int, str]:
    ids = set(agent_ids)
    if not ids:
        return {}
    return queries.agent_names_by_id(session, ids)
