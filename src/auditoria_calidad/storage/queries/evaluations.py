"""Queries of the F182 evaluations: the sampled records to evaluate, a record's stored
evaluation, the rows of the F182 workbook and the version of the observation templates."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditoria_calidad.storage.models import Agent, Evaluation, Record, SampleItem, Setting, User


def sampled_records_of_audit(
    session: Session, audit_id: int
) -> list[tuple[int, str, str, datetime, datetime | None, bool | None, Decimal | None, int | None]]:
    """(sample item id, key, agent, received at, answered at, evaluation complete, score,
    evaluation version) of the audit's sample (removed items excluded), by date of receipt."""
    rows = session.execute(
        select(
            SampleItem.id,
            Record.key,
            Agent.name,
            Record.received_at,
            Record.answered_at,
            Evaluation.complete,
            Evaluation.score,
            Evaluation.version,
        )
        .join(Record, Record.id == SampleItem.record_id)
        .join(Agent, Agent.id == Record.agent_id)
        .outerjoin(Evaluation, Evaluation.sample_item_id == SampleItem.id)
        .where(SampleItem.audit_id == audit_id, SampleItem.removed_at.is_(None))
        .order_by(Record.received_at, Record.key, SampleItem.id)
    )
    return [
        (item_id, key, agent, received, answered, complete, score, version)
        for item_id, key, agent, received, answered, complete, score, version in rows
    ]


def evaluation_of_item(session: Session, sample_item_id: int) -> Evaluation | None:
    """The stored evaluation of the sample item, or None."""
    return session.scalar(select(Evaluation).where(Evaluation.sample_item_id == sample_item_id))


def f182_workbook_rows(
    session: Session, audit_id: int
) -> list[tuple[int, Record, str, Evaluation | None, User | None]]:
    """(sample item id, record, agent, evaluation, its reviewer) of the audit's sample
    (removed items excluded), in the workbook's order: date of receipt, key."""
    rows = session.execute(
        select(SampleItem.id, Record, Agent.name, Evaluation, User)
        .join(Record, Record.id == SampleItem.record_id)
        .join(Agent, Agent.id == Record.agent_id)
        .outerjoin(Evaluation, Evaluation.sample_item_id == SampleItem.id)
        .outerjoin(User, User.id == Evaluation.reviewer_id)
        .where(SampleItem.audit_id == audit_id, SampleItem.removed_at.is_(None))
        .order_by(Record.received_at, Record.key, SampleItem.id)
    )
    return [
        (item_id, record, agent, evaluation, reviewer)
        for item_id, record, agent, evaluation, reviewer in rows
    ]


def evaluations_by_sample_item(session: Session, audit_id: int) -> dict[int, Evaluation | None]:
    """Sample item id → its evaluation (None: never evaluated), of the audit's sample items
    not removed."""
    return {
        item_id: evaluation
        for item_id, evaluation in session.execute(
            select(SampleItem.id, Evaluation)
            .outerjoin(Evaluation, Evaluation.sample_item_id == SampleItem.id)
            .where(SampleItem.audit_id == audit_id, SampleItem.removed_at.is_(None))
        )
    }


def setting_version(session: Session, key: str) -> int:
    """The version of the setting ``key`` (0: never saved)."""
    return int(session.scalar(select(Setting.version).where(Setting.key == key)) or 0)
