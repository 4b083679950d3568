"""Small populations for the tests of audits, samples and schemes.

Records go in through the same store the importer uses; evaluations are written directly
(the F182 form has its own tests), so that the audit's counts and indicators can be
checked from a known state.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from auditoria_calidad.domain.fields import Channel, RecordData
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.auth import login
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.record_store import store_records
from auditoria_calidad.storage.models import Evaluation, ImportBatch, Record, SampleItem

PASSWORD = "clave-de-prueba-1"
OCTOBER = datetime(2026, 10, 1, 8, 0)
_names = itertools.count(1)


def provider(db: Database, admin: Actor, name: str | None = None) -> int:
    """A new provider (a fresh name each call unless given)."""
    info = administration.add_provider(db, admin, name or f"Proveedor {next(_names)} S.A.S.")
    return info.id


def user(db: Database, admin: Actor, role: Role, provider_name: str | None = None) -> Actor:
    username = f"{role.value}.{next(_names)}"
    administration.add_user(db, admin, username, PASSWORD, role, provider=provider_name)
    return login(db, username, PASSWORD)


def record(
    agent: str,
    key: str,
    received: datetime = OCTOBER,
    channel: Channel = Channel.VIRTUAL,
    answer_hours: float = 5,
    **fields: Any,
) -> RecordData:
    answered = received + timedelta(hours=answer_hours) if channel is Channel.VIRTUAL else None
    defaults: dict[str, Any] = {"request_type": "Petición", "crm_registrations": 1}
    if channel is Channel.CHAT:
        defaults = {"wait_seconds": 30, "registered_in_crm": True}
    return RecordData(
        channel=channel,
        key=key,
        agent=agent,
        received_at=received,
        answered_at=answered,
        **(defaults | fields),
    )


def store(
    db: Database,
    admin: Actor,
    provider_id: int,
    records: Iterable[RecordData],
    channel: Channel = Channel.VIRTUAL,
) -> None:
    """Store records as an import would (one batch)."""
    rows = list(records)
    with db.transaction() as session:
        batch = ImportBatch(
            provider_id=provider_id,
            channel=channel,
            file_name="prueba.xlsx",
            file_sha256="0" * 64,
            mapping={},
            user_id=admin.id,
            started_at=OCTOBER,
            total_rows=len(rows),
        )
        session.add(batch)
        session.flush()
        store_records(
            session,
            provider_id=provider_id,
            channel=channel,
            batch_id=batch.id,
            source_file="prueba.xlsx",
            records=rows,
        )


def population(agents: dict[str, int], prefix: str = "R") -> list[RecordData]:
    """``n`` records per agent, spread over the first days of October 2026."""
    rows = []
    for a, (agent, n) in enumerate(agents.items()):
        for i in range(n):
            rows.append(record(agent, f"{prefix}-{a}-{i}", OCTOBER + timedelta(hours=5 * i)))
    return rows


def evaluate(
    db: Database,
    reviewer: Actor,
    audit_id: int,
    key: str,
    answers: dict[str, str] | None = None,
    *,
    complete: bool = True,
    spelling_level: str | None = None,
) -> None:
    """Write an evaluation of the sampled record ``key`` directly (no scoring here)."""
    with db.transaction() as session:
        item = session.scalar(
            select(SampleItem)
            .join(Record, Record.id == SampleItem.record_id)
            .where(
                SampleItem.audit_id == audit_id, Record.key == key, SampleItem.removed_at.is_(None)
            )
        )
        assert item is not None, key
        session.add(
            Evaluation(
                sample_item_id=item.id,
                answers=answers or {},
                # A failed criterion is always explained, as the form requires.
                observations=(
                    "La respuesta no cumple lo solicitado."
                    if "no_cumple" in (answers or {}).values() or spelling_level == "bajo"
                    else ""
                ),
                spelling_level=spelling_level,
                complete=complete,
                reviewer_id=reviewer.id,
                reviewed_at=OCTOBER,
            )
        )


@dataclass
class Env:
    """One migrated database shared by a test module, with its administrator and auditor.

    Creating a database, migrating it and hashing passwords costs about a second; every
    test makes its own provider instead, so tests stay independent of each other.
    """

    db: Database
    admin: Actor
    auditor: Actor
    engine: str


def open_env(request: Any, tmp_path_factory: Any) -> Iterator[Env]:
    """Body of a module-scoped fixture parametrised with "sqlite" / "postgresql"."""
    from auditoria_calidad.services.auth import create_first_admin
    from auditoria_calidad.services.connection import open_database

    if request.param == "sqlite":
        url = f"sqlite:///{(tmp_path_factory.mktemp('audits') / 'test.db').as_posix()}"
    else:
        server = request.getfixturevalue("postgres_server")
        name = f"audits_{os.getpid()}_{next(_names)}"
        url = server.create_database(name)
    db = open_database(url)
    admin = create_first_admin(db, "admin", PASSWORD, "Administradora de Pruebas")
    yield Env(db, admin, user(db, admin, Role.AUDITOR), request.param)
    db.close()
    if request.param != "sqlite":
        server.drop_database(name)


ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def first_admin(db: Database) -> Actor:
    from auditoria_calidad.services.auth import create_first_admin

    return create_first_admin(db, "admin", PASSWORD, "Administradora de Pruebas")
