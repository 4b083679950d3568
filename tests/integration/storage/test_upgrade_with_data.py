"""A database with a whole cycle in it upgrades from the last released schema without loss.

SQLite changes a table by copying it: with foreign keys enforced, dropping the old copy of a
table that other rows point to would fail, so an office's existing database would not open.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from audit_data import ENGINES, open_env
from auditoria_calidad.services import approval
from auditoria_calidad.storage.models import Audit, Evaluation, Finding, Record, SampleItem
from cycle_data import evaluated_audit, new_provider, people

RELEASED = "0002_commitment_audit"  # the schema of the last released version


@pytest.fixture(params=ENGINES)
def env(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    yield from open_env(request, tmp_path_factory)


def _counts(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with db.sessions() as session:
        return {
            model.__tablename__: session.execute(select(func.count()).select_from(model)).scalar()
            for model in (Record, Audit, SampleItem, Evaluation, Finding)
        }


def test_a_database_with_a_cycle_goes_back_to_the_released_schema_and_up_again(env) -> None:
    from alembic import command

    from auditoria_calidad.storage.database import _alembic_config, current_revision, head_revision

    mine, other = new_provider(env.db, env.admin), new_provider(env.db, env.admin)
    who = people(env.db, env.admin, mine[1], other[1])
    audit = evaluated_audit(env.db, env.admin, who.auditor, mine, count=4)
    approval.approve_audit(env.db, who.head, audit.audit_id)
    before = _counts(env.db)
    assert before["evaluations"] and before["findings"]

    config = _alembic_config(env.db.engine)
    command.downgrade(config, RELEASED)
    assert current_revision(env.db.engine) == RELEASED
    command.upgrade(config, "head")

    assert current_revision(env.db.engine) == head_revision()
    assert _counts(env.db) == before
