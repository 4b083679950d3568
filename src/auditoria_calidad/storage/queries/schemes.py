"""The stored versions of the scoring schemes."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.storage.models import ScoringScheme as SchemeRow


def channel_has_scheme(session: Session, channel: Channel) -> bool:
    """Whether any version of a scheme of ``channel`` is stored."""
    return bool(session.scalar(select(SchemeRow.id).where(SchemeRow.channel == channel).limit(1)))


def current_version_of_channel(session: Session, channel: Channel) -> SchemeRow | None:
    """The newest version marked current of the channel's scheme."""
    return session.scalar(
        select(SchemeRow)
        .where(SchemeRow.channel == channel, SchemeRow.is_current.is_(True))
        .order_by(SchemeRow.created_at.desc(), SchemeRow.id.desc())
        .limit(1)
    )


def all_scheme_versions(session: Session) -> list[SchemeRow]:
    """Every version of every scheme: by channel and name, newest version first."""
    return list(
        session.scalars(
            select(SchemeRow).order_by(SchemeRow.channel, SchemeRow.name, SchemeRow.version.desc())
        )
    )


def newest_version_of_scheme(session: Session, name: str) -> SchemeRow | None:
    return session.scalar(
        select(SchemeRow).where(SchemeRow.name == name).order_by(SchemeRow.version.desc()).limit(1)
    )


def highest_version_number(session: Session, name: str) -> int | None:
    """The highest version number of the scheme ``name`` (None when it has no version)."""
    return session.scalar(select(func.max(SchemeRow.version)).where(SchemeRow.name == name))


def retire_versions_of_scheme(session: Session, name: str) -> None:
    """No version of the scheme ``name`` is current any more."""
    session.execute(update(SchemeRow).where(SchemeRow.name == name).values(is_current=False))
