"""Users, providers and agents: the administrator's use cases."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from auditoria_calidad.domain.roles import Permission, Role, role_from_text
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.administration_dtos import AgentInfo as AgentInfo
from auditoria_calidad.services.administration_dtos import ProviderInfo as ProviderInfo
from auditoria_calidad.services.administration_dtos import UserInfo as UserInfo
from auditoria_calidad.services.audit_trail import log_changes, log_event
from auditoria_calidad.services.auth import hash_password
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.storage.database import Database
from auditoria_calidad.storage.models import Provider, User
from auditoria_calidad.storage.queries.administration import (
    agent_counts_by_provider,
    provider_named,
    providers_by_name,
    user_named,
    users_with_provider_names,
)
from auditoria_calidad.storage.queries.agents import all_agents_with_providers

DEFAULT_TARGET = Decimal("90")


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def parse_target(text: str | float | Decimal) -> Decimal:
    """A target score in 0..100, accepting a decimal comma."""
    try:
        value = Decimal(str(text).strip().replace("%", "").replace(",", "."))
    except InvalidOperation:
        raise InvalidInput(f"La meta «{text}» no es un número.") from None
    if not Decimal(0) <= value <= Decimal(100):
        raise InvalidInput(f"La meta debe estar entre 0 y 100; se recibió {value}.")
    return value


def provider_by_name(session: Session, name: str) -> Provider:
    provider = provider_named(session, name.strip())
    if provider is None:
        raise NotFound(f"No existe el proveedor «{name}».")
    return provider


def get_or_create_provider(session: Session, actor: Actor, name: str) -> Provider:
    name = name.strip()
    provider = provider_named(session, name)
    if provider is None:
        provider = Provider(name=name, target_score=DEFAULT_TARGET, active=True, created_at=_now())
        session.add(provider)
        session.flush()
        log_event(session, actor, "provider", provider.id, "create", new=name)
    return provider


def add_provider(
    db: Database, actor: Actor, name: str, target: str | float | Decimal = DEFAULT_TARGET
) -> ProviderInfo:
    actor.require(Permission.MANAGE_PROVIDERS)
    name = name.strip()
    if not name:
        raise InvalidInput("Escriba el nombre del proveedor.")
    target_value = parse_target(target)
    with db.transaction() as session:
        if provider_named(session, name):
            raise InvalidInput(f"Ya existe el proveedor «{name}».")
        provider = Provider(name=name, target_score=target_value, active=True, created_at=_now())
        session.add(provider)
        session.flush()
        log_event(session, actor, "provider", provider.id, "create", new=name)
        return ProviderInfo(provider.id, provider.name, provider.target_score, True, 0)


def set_provider_target(
    db: Database, actor: Actor, provider_id: int, target: str | float | Decimal
) -> None:
    actor.require(Permission.MANAGE_PROVIDERS)
    value = parse_target(target)
    with db.transaction() as session:
        provider = session.get(Provider, provider_id)
        if provider is None:
            raise NotFound("El proveedor no existe.")
        log_changes(
            session,
            actor,
            "provider",
            provider.id,
            {"target_score": str(provider.target_score)},
            {"target_score": str(value)},
        )
        provider.target_score = value


def list_providers(db: Database, actor: Actor) -> list[ProviderInfo]:
    """Providers the actor may see (a provider manager sees only its own)."""
    actor.require(Permission.READ_RECORDS)
    with db.sessions() as session:
        counts = agent_counts_by_provider(session)
        providers = providers_by_name(session)
        return [
            ProviderInfo(p.id, p.name, p.target_score, p.active, counts.get(p.id, 0))
            for p in providers
            if actor.sees_provider(p.id)
        ]


def list_agents(db: Database, actor: Actor, provider: str | None = None) -> list[AgentInfo]:
    actor.require(Permission.READ_RECORDS)
    with db.sessions() as session:
        provider_id = provider_by_name(session, provider).id if provider else None
        return [
            AgentInfo(agent.id, agent.name, provider_name, agent.provider_id, count, agent.active)
            for agent, provider_name, count in all_agents_with_providers(session, provider_id)
            if actor.sees_provider(agent.provider_id)
        ]


def add_user(
    db: Database,
    actor: Actor,
    username: str,
    password: str,
    role: Role | str,
    *,
    full_name: str = "",
    provider: str | None = None,
) -> UserInfo:
    """Create a user; a provider manager must name its provider, other roles must not."""
    actor.require(Permission.MANAGE_USERS)
    role = role if isinstance(role, Role) else _role(role)
    username = username.strip()
    if not username or " " in username:
        raise InvalidInput("El nombre de usuario no puede estar vacío ni tener espacios.")
    password_hash = hash_password(password)
    with db.transaction() as session:
        if user_named(session, username):
            raise InvalidInput(f"Ya existe el usuario «{username}».")
        provider_row = None
        if role is Role.PROVIDER_MANAGER:
            if not provider:
                raise InvalidInput("Un Gerente Outsourcing debe tener un proveedor (--provider).")
            provider_row = provider_by_name(session, provider)
        elif provider:
            raise InvalidInput("Solo el rol Gerente Outsourcing se asocia a un proveedor.")
        user = User(
            username=username,
            full_name=full_name.strip() or username,
            role=role,
            provider_id=provider_row.id if provider_row else None,
            password_hash=password_hash,
            active=True,
            created_at=_now(),
        )
        session.add(user)
        session.flush()
        log_event(session, actor, "user", user.id, "create", new=f"{username} ({role.label})")
        return UserInfo(
            user.id,
            user.username,
            user.full_name,
            role,
            provider_row.name if provider_row else None,
            True,
            None,
        )


def _role(text: str) -> Role:
    try:
        return role_from_text(text)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    actor.require(Permission.MANAGE_USERS)
    with db.sessions() as session:
        rows = users_with_provider_names(session)
        return [
            UserInfo(
                u.id, u.username, u.full_name, u.role, pname, u.active, u.last_login_at, u.locked_at
            )
            for u, pname in rows
        ]


def set_user_active(db: Database, actor: Actor, user_id: int, active: bool) -> None:
    actor.require(Permission.MANAGE_USERS)
    if user_id == actor.id and not active:
        raise InvalidInput("No puede desactivar su propio usuario.")
    with db.transaction() as session:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound("El usuario no existe.")
        log_changes(session, actor, "user", user.id, {"active": user.active}, {"active": active})
        user.active = active


def change_password(db: Database, actor: Actor, user_id: int, new_password: str) -> None:
    """Administrators change anyone's password; everyone else only their own."""
    if user_id != actor.id:
        actor.require(Permission.MANAGE_USERS)
    password_hash = hash_password(new_password)
    with db.transaction() as session:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound("El usuario no existe.")
        user.password_hash = password_hash
        log_event(session, actor, "user", user.id, "change_password")
