"""Saved column mappings (profiles), each with the full name and username of the user who
saved it."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.storage.models import MappingProfile, User

ProfileRow = tuple[MappingProfile, str, str]  # the profile, its creator's full name, username


def _with_creator() -> Select[MappingProfile, str, str]:
    return select(MappingProfile, User.full_name, User.username).join(
        User, User.id == MappingProfile.created_by
    )


def _rows(session: Session, query: Select[MappingProfile, str, str]) -> list[ProfileRow]:
    return [(profile, full, user) for profile, full, user in session.execute(query)]


def newest_profile_for_signature(
    session: Session, channel: Channel, signature: str
) -> ProfileRow | None:
    """The newest profile of the channel saved for headers with this signature."""
    rows = _rows(
        session,
        _with_creator()
        .where(
            MappingProfile.channel == channel,
            MappingProfile.headers_signature == signature,
        )
        .order_by(MappingProfile.created_at.desc(), MappingProfile.id.desc())
        .limit(1),
    )
    return rows[0] if rows else None


def profiles_named(session: Session, name: str) -> list[ProfileRow]:
    return _rows(session, _with_creator().where(MappingProfile.name == name))


def profiles_by_name(session: Session, channel: Channel | None = None) -> list[ProfileRow]:
    """Every profile (of one channel, when given), ordered by name."""
    query = _with_creator().order_by(MappingProfile.name)
    if channel is not None:
        query = query.where(MappingProfile.channel == channel)
    return _rows(session, query)


def profile_named(session: Session, name: str) -> MappingProfile | None:
    """The profile with exactly this name, without its creator."""
    return session.scalar(select(MappingProfile).where(MappingProfile.name == name))
