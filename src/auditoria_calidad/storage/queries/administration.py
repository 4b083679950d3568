"""Users, login attempts, providers and the office's settings (word list included)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditoria_calidad.storage.models import Agent, Provider, Setting, UnknownLoginName, User

# --- Users and login attempts ----------------------------------------------------------


def count_users(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(User)) or 0)


def user_named(session: Session, username: str, *, for_update: bool = False) -> User | None:
    """The user whose username is exactly ``username`` (locked for update when asked)."""
    query = select(User).where(User.username == username)
    if for_update:
        query = query.with_for_update()
    return session.scalar(query)


def unknown_login_name(
    session: Session, username: str, *, for_update: bool = False
) -> UnknownLoginName | None:
    """The failure counter of a typed name that is no user, if it failed before."""
    query = select(UnknownLoginName).where(UnknownLoginName.username == username)
    if for_update:
        query = query.with_for_update()
    return session.scalar(query)


def active_users(session: Session) -> list[User]:
    """Active users, by username."""
    return list(session.scalars(select(User).where(User.active.is_(True)).order_by(User.username)))


def users_with_provider_names(session: Session) -> list[tuple[User, str | None]]:
    """Every user with the name of its provider (None for the office's own), by username."""
    rows = session.execute(
        select(User, Provider.name)
        .outerjoin(Provider, User.provider_id == Provider.id)
        .order_by(User.username)
    )
    return [(user, provider_name) for user, provider_name in rows]


def user_display_names(session: Session, user_ids: Iterable[int]) -> dict[int, str]:
    """User id → full name (the username when it has none)."""
    ids = set(user_ids)
    if not ids:
        return {}
    users = session.execute(select(User.id, User.full_name, User.username).where(User.id.in_(ids)))
    return {uid: full or username for uid, full, username in users}


# --- Providers -------------------------------------------------------------------------


def provider_named(session: Session, name: str) -> Provider | None:
    return session.scalar(select(Provider).where(Provider.name == name))


def lock_provider(session: Session, provider_id: int) -> None:
    """Lock the provider's row (``FOR UPDATE`` on PostgreSQL) until the transaction ends:
    an import of the provider and a merge of its agents wait for each other."""
    session.execute(select(Provider.id).where(Provider.id == provider_id).with_for_update())


def providers_by_name(session: Session) -> list[Provider]:
    return list(session.scalars(select(Provider).order_by(Provider.name)))


def provider_names_by_id(session: Session) -> dict[int, str]:
    """Every provider's id → its name."""
    return dict(session.execute(select(Provider.id, Provider.name)).all())


def agent_counts_by_provider(session: Session) -> dict[int, int]:
    """Provider id → number of its agents (providers without agents are absent)."""
    rows = session.execute(select(Agent.provider_id, func.count()).group_by(Agent.provider_id))
    return {provider_id: count for provider_id, count in rows}


# --- Settings --------------------------------------------------------------------------


def all_settings(session: Session) -> list[Setting]:
    return list(session.scalars(select(Setting)))


def stored_setting_versions(session: Session) -> dict[str, int]:
    """Key → version of every stored setting."""
    return {key: version for key, version in session.execute(select(Setting.key, Setting.version))}


def settings_with_keys(session: Session, keys: Collection[str]) -> list[Setting]:
    return list(session.scalars(select(Setting).where(Setting.key.in_(keys))))


def setting_for_update(session: Session, key: str) -> Setting | None:
    """The stored setting ``key``, locked for update (FOR UPDATE on PostgreSQL)."""
    return session.scalar(select(Setting).where(Setting.key == key).with_for_update())
