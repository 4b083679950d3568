"""Import batches: the list of past imports, the rejected rows of one, the earlier import
of the same file, the provider an import names, and the users the demo data names."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.storage.models import ImportBatch, Provider, User
from auditoria_calidad.storage.models import RejectedRow as StoredRejectedRow


def newest_batches(
    session: Session, limit: int
) -> list[tuple[ImportBatch, str, str | None, str | None]]:
    """The ``limit`` newest batches with their provider's name and their user's full name
    and username (None when the user is gone)."""
    query = (
        select(ImportBatch, Provider.name, User.full_name, User.username)
        .join(Provider, Provider.id == ImportBatch.provider_id)
        .outerjoin(User, User.id == ImportBatch.user_id)
        .order_by(ImportBatch.started_at.desc(), ImportBatch.id.desc())
        .limit(limit)
    )
    return [(batch, provider, full, user) for batch, provider, full, user in session.execute(query)]


def rejected_rows_of_batch(session: Session, batch_id: int) -> list[StoredRejectedRow]:
    """The stored rejected rows of a batch, in file order."""
    query = (
        select(StoredRejectedRow)
        .where(StoredRejectedRow.batch_id == batch_id)
        .order_by(StoredRejectedRow.row_number, StoredRejectedRow.id)
    )
    return list(session.scalars(query))


def providers_named_ignoring_case(session: Session, name: str) -> list[Provider]:
    """The providers whose name is ``name`` in another case."""
    query = select(Provider).where(func.lower(Provider.name) == name.lower())
    return list(session.scalars(query))


def first_batch_of_file(
    session: Session, sha256: str, provider_id: int, channel: Channel, sheet: str | None
) -> tuple[int, datetime, int] | None:
    """(id, start, user id) of the earliest batch of the file with ``sha256`` for this
    provider, channel and sheet."""
    query = (
        select(ImportBatch.id, ImportBatch.started_at, ImportBatch.user_id)
        .where(
            ImportBatch.file_sha256 == sha256,
            ImportBatch.provider_id == provider_id,
            ImportBatch.channel == channel,
            ImportBatch.sheet.is_(None) if sheet is None else ImportBatch.sheet == sheet,
        )
        .order_by(ImportBatch.started_at, ImportBatch.id)
        .limit(1)
    )
    row = session.execute(query).first()
    return None if row is None else (row[0], row[1], row[2])


# --- Users the demo data names -------------------------------------------------------------


def users_with_usernames(session: Session, usernames: Collection[str]) -> list[User]:
    return list(session.scalars(select(User).where(User.username.in_(list(usernames)))))


def first_user(session: Session) -> User | None:
    """The user created first."""
    return session.scalar(select(User).order_by(User.id))
