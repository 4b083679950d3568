"""An audit loaded with the checks every use case needs, and its counts as plain data."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from auditoria_calidad.domain.audit_lifecycle import LOCKED_STATES, STATE_LABELS, AuditState
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_dtos import AuditCounts, AuditInfo
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.storage.models import Audit, Provider, User
from auditoria_calidad.storage.queries import audits as queries


def audit_counts(session: Session, audit_ids: Iterable[int]) -> dict[int, AuditCounts]:
    ids = list(audit_ids)
    if not ids:
        return {}
    population = queries.population_sizes(session, ids)
    sample_counts = queries.sample_progress(session, ids)
    return {i: AuditCounts(population.get(i, 0), *sample_counts.get(i, (0, 0, 0))) for i in ids}


def as_audit_info(
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
    return as_audit_info(audit, provider.name if provider else "", counts, annulled_by)


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


def require_read(actor: Actor) -> None:
    actor.require(Permission.READ_RECORDS)


def visible_provider(session: Session, actor: Actor, provider_id: int) -> Provider:
    provider = session.get(Provider, provider_id)
    if provider is None:
        raise NotFound(f"No existe el proveedor {provider_id}.")
    actor.require_provider(provider.id)
    return provider
