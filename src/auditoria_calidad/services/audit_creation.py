"""Creating an audit: the scope's population previewed, an overlapping audit refused, the
next number taken, the population frozen and screened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auditoria_calidad.domain.audit_lifecycle import STATE_LABELS, AuditState, period_label
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_access import audit_info, require_read, visible_provider
from auditoria_calidad.services.audit_dtos import AuditInfo, PopulationPreview
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.schemes import current_scheme_row, ensure_default_schemes
from auditoria_calidad.storage.models import Audit, Provider
from auditoria_calidad.storage.queries import audits as queries

NUMBER_PREFIX = "AUD"
T = TypeVar("T")


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise InvalidInput(
            f"El periodo termina ({end:%d/%m/%Y}) antes de empezar ({start:%d/%m/%Y})."
        )


def preview_population(
    db: Database, actor: Actor, channel: Channel | str, provider_id: int, start: date, end: date
) -> PopulationPreview:
    """How many records (and agents) an audit of this scope would have, before creating it."""
    require_read(actor)
    _check_period(start, end)
    with db.sessions() as session:
        visible_provider(session, actor, provider_id)
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
    require_read(actor)
    with db.sessions() as session:
        visible_provider(session, actor, provider_id)
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
        f"«{provider.name}» para el periodo "
        f"{period_label(existing.period_start, existing.period_end)} "
        f"({STATE_LABELS[existing.state].lower()}), que se cruza con el "
        f"{period_label(start, end)}. Abra esa auditoría o, si se creó "
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
    provider = visible_provider(session, actor, provider_id)
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
        f"{period_label(start, end)}, población {size}, "
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
