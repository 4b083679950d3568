"""Audits (quality visits): creation with a frozen population, listing, and their state.

An audit covers one channel, one provider and a period of inclusive dates on the records'
``received_at``. Its population is frozen when it is created (``population_members``); the
sample and "Actualizar población" live in ``services.sample``.

States handled here: draft → in_review (first evaluation saved, or the auditor marks it)
→ ready (at least 50 % of the population evaluated, or the auditor marks it once that
holds). Approval and what follows belong to later use cases.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auditoria_calidad.domain.audit_lifecycle import (
    ANNULLABLE_STATES,
    LOCKED_STATES,
    STATE_LABELS,
    AuditState,
    MoveRefused,
    move,
)
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.roles import Permission, Role
from auditoria_calidad.domain.sampling import approval_shortfall, required_for_approval
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_dtos import AuditCounts, AuditInfo, Period, PopulationPreview
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.services.schemes import current_scheme_row, ensure_default_schemes
from auditoria_calidad.storage.models import Audit, Provider, User
from auditoria_calidad.storage.queries import audits as queries
from auditoria_calidad.storage.queries.audits import in_scope as in_scope  # for other services

__all__ = [
    "ANNULLABLE_STATES",
    "LOCKED_STATES",
    "STATE_LABELS",
    "AuditInfo",
    "AuditState",
    "DuplicateAudit",
    "Period",
    "PopulationPreview",
    "create_audit",
    "find_audit",
    "get_audit",
    "list_audits",
    "mark_in_review",
    "mark_ready",
    "month_period",
    "parse_day",
    "preview_population",
    "week_period",
]

NUMBER_PREFIX = "AUD"
T = TypeVar("T")


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


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise InvalidInput(
            f"El periodo termina ({end:%d/%m/%Y}) antes de empezar ({start:%d/%m/%Y})."
        )


# --- Counts and plain data ---------------------------------------------------------------


def audit_counts(session: Session, audit_ids: Iterable[int]) -> dict[int, AuditCounts]:
    ids = list(audit_ids)
    if not ids:
        return {}
    population = queries.population_sizes(session, ids)
    sample_counts = queries.sample_progress(session, ids)
    return {i: AuditCounts(population.get(i, 0), *sample_counts.get(i, (0, 0, 0))) for i in ids}


def _info(
    audit: Audit, provider: str, counts: AuditCounts, annulled_by: str | None = None
) -> AuditInfo:
    return AuditInfo(
        id=audit.id,
        number=audit.number,
        channel=audit.channel,
        provider_id=audit.provider_id,
        provider=provider,
        period_start=audit.period_start,
        period_end=audit.period_end,
        state=audit.state,
        population=counts.population,
        sampled=counts.sampled,
        evaluated=counts.evaluated,
        seed=audit.seed,
        fraction=audit.fraction,
        created_at=audit.created_at,
        annulled_at=audit.annulled_at,
        annulled_by=annulled_by,
        annul_reason=audit.annul_reason,
    )


def audit_info(session: Session, audit: Audit) -> AuditInfo:
    provider = session.get(Provider, audit.provider_id)
    counts = audit_counts(session, [audit.id])[audit.id]
    annulled_by = None
    if audit.annulled_by is not None:
        user = session.get(User, audit.annulled_by)
        annulled_by = (user.full_name or user.username) if user else None
    return _info(audit, provider.name if provider else "", counts, annulled_by)


# --- Loading with the checks every use case needs ----------------------------------------


def load_audit(session: Session, actor: Actor, audit_id: int, *, write: bool = False) -> Audit:
    """The audit, after checking the actor may read it (and change it when ``write``)."""
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise NotFound(f"No existe la auditoría {audit_id}.")
    actor.require_provider(audit.provider_id)
    if write:
        actor.require(Permission.MANAGE_AUDITS)
        ensure_unlocked(session, audit)
    return audit


def ensure_unlocked(
    session: Session,
    audit: Audit,
    consequence: str = "su muestra, sus evaluaciones y sus conclusiones ya no se pueden modificar.",
) -> None:
    """Refuse a change to an audit that is approved or later (read-only for everyone).

    The state is read again under a row lock (FOR UPDATE on PostgreSQL), so that a change
    racing an approval on a shared database waits for it and is then refused.
    """
    state = queries.locked_audit_state(session, audit.id)
    if state is AuditState.ANNULLED:
        raise InvalidInput(f"La auditoría {audit.number} está anulada: ya no se puede modificar.")
    if state is not None and state in LOCKED_STATES:
        raise InvalidInput(
            f"La auditoría {audit.number} está {STATE_LABELS[state].lower()}: {consequence}"
        )


def _read_permission(actor: Actor) -> None:
    actor.require(Permission.READ_RECORDS)


def _provider(session: Session, actor: Actor, provider_id: int) -> Provider:
    provider = session.get(Provider, provider_id)
    if provider is None:
        raise NotFound(f"No existe el proveedor {provider_id}.")
    actor.require_provider(provider.id)
    return provider


# --- Use cases ---------------------------------------------------------------------------


def preview_population(
    db: Database, actor: Actor, channel: Channel | str, provider_id: int, start: date, end: date
) -> PopulationPreview:
    """How many records (and agents) an audit of this scope would have, before creating it."""
    _read_permission(actor)
    _check_period(start, end)
    with db.sessions() as session:
        _provider(session, actor, provider_id)
        sizes = queries.records_per_agent_in_scope(
            session, Channel(channel), provider_id, start, end
        )
        return PopulationPreview(sum(sizes), len(sizes), tuple(sorted(sizes)))


class DuplicateAudit(InvalidInput):
    """An audit of the same channel and provider already covers part of the period."""

    def __init__(self, message: str, existing: str) -> None:
        super().__init__(message)
        self.existing = existing


def overlapping_audit(
    session: Session, channel: Channel, provider_id: int, start: date, end: date
) -> Audit | None:
    """The first audit (not annulled) of the channel and provider whose period meets this one."""
    return queries.first_overlapping_audit(session, channel, provider_id, start, end)


def find_overlapping(
    db: Database, actor: Actor, channel: Channel | str, provider_id: int, start: date, end: date
) -> AuditInfo | None:
    """The audit (not annulled) that would make a new one of this scope a duplicate."""
    _read_permission(actor)
    with db.sessions() as session:
        _provider(session, actor, provider_id)
        existing = overlapping_audit(session, Channel(channel), provider_id, start, end)
        return None if existing is None else audit_info(session, existing)


def _refuse_overlap(
    session: Session, channel: Channel, provider: Provider, start: date, end: date
) -> None:
    existing = overlapping_audit(session, channel, provider.id, start, end)
    if existing is None:
        return
    raise DuplicateAudit(
        f"Ya existe la auditoría {existing.number} del canal {channel.label} del proveedor "
        f"«{provider.name}» para el periodo {existing.period_start:%d/%m/%Y} – "
        f"{existing.period_end:%d/%m/%Y} ({STATE_LABELS[existing.state].lower()}), que se "
        f"cruza con el {start:%d/%m/%Y} – {end:%d/%m/%Y}. Abra esa auditoría o, si se creó "
        "por error y sigue en borrador, anúlela antes de crear otra.",
        existing.number,
    )


def _next_number(session: Session, year: int) -> str:
    prefix = f"{NUMBER_PREFIX}-{year}-"
    numbers = queries.audit_numbers_starting(session, prefix)
    used = [int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()]
    return f"{prefix}{max(used, default=0) + 1:04d}"


def create_in_session(
    session: Session,
    actor: Actor,
    channel: Channel,
    provider_id: int,
    start: date,
    end: date,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Audit:
    """Create the audit, freeze its population and screen every record of it
    (``services.screening``) inside the caller's transaction."""
    actor.require(Permission.MANAGE_AUDITS)
    _check_period(start, end)
    provider = _provider(session, actor, provider_id)
    _refuse_overlap(session, channel, provider, start, end)
    size = queries.count_records_in_scope(session, channel, provider.id, start, end)
    if size == 0:
        raise InvalidInput(
            f"No hay registros del canal {channel.label} del proveedor «{provider.name}» "
            f"recibidos entre el {start:%d/%m/%Y} y el {end:%d/%m/%Y}. Importe primero el "
            "archivo del periodo."
        )
    now = datetime.now().replace(microsecond=0)
    scheme = current_scheme_row(session, channel)
    audit = Audit(
        number=_next_number(session, now.year),
        channel=channel,
        provider_id=provider.id,
        period_start=start,
        period_end=end,
        state=AuditState.DRAFT,
        scheme_id=scheme.id,
        target_score=provider.target_score,
        fraction=None,
        seed=None,
        created_by=actor.id,
        created_at=now,
    )
    session.add(audit)
    session.flush()
    queries.freeze_population(session, audit.id, channel, provider.id, start, end, now)
    log_event(
        session,
        actor,
        "audit",
        audit.id,
        "create",
        new=f"{audit.number}: {channel.label}, {provider.name}, "
        f"{start:%d/%m/%Y} – {end:%d/%m/%Y}, población {size}, "
        f"esquema «{scheme.name}» v{scheme.version}",
    )
    # Imported here: the screening reads audits through this module.
    from auditoria_calidad.services.screening import screen_in_session

    screen_in_session(session, actor, audit, progress, cancelled)
    return audit


def with_number_retry(work: Callable[[], T]) -> T:
    """Run ``work()`` again when two users took the same audit number at the same moment."""
    for attempt in range(3):
        try:
            return work()
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def create_audit(
    db: Database,
    actor: Actor,
    channel: Channel | str,
    provider_id: int,
    start: date,
    end: date,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> AuditInfo:
    """Create an audit of ``channel``, ``provider_id`` and the inclusive period, its
    population screened (``progress`` and ``cancelled``: see ``services.screening``); no
    sample yet."""
    actor.require(Permission.MANAGE_AUDITS)
    ensure_default_schemes(db)

    def work() -> AuditInfo:
        with db.transaction() as session:
            audit = create_in_session(
                session, actor, Channel(channel), provider_id, start, end, progress, cancelled
            )
            return audit_info(session, audit)

    return with_number_retry(work)


def list_audits(db: Database, actor: Actor, *, include_annulled: bool = False) -> list[AuditInfo]:
    """Audits the actor may see (a provider manager: its own provider's), newest first.

    Annulled audits are left out unless ``include_annulled``.
    """
    _read_permission(actor)
    with db.sessions() as session:
        own = actor.provider_id if actor.role is Role.PROVIDER_MANAGER else None
        rows = queries.audits_with_provider_names(
            session, include_annulled=include_annulled, provider_id=own
        )
        counts = audit_counts(session, [a.id for a, _ in rows])
        return [
            _info(a, name, counts[a.id]) for a, name in rows if actor.sees_provider(a.provider_id)
        ]


def get_audit(db: Database, actor: Actor, audit_id: int) -> AuditInfo:
    _read_permission(actor)
    with db.sessions() as session:
        return audit_info(session, load_audit(session, actor, audit_id))


def find_audit(db: Database, actor: Actor, reference: str | int) -> AuditInfo:
    """An audit by its id or its number (``AUD-2026-0001``, case-insensitive)."""
    _read_permission(actor)
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
