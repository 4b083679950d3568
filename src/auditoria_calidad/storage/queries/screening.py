"""Queries of the automatic screening: the population it reads, the results it stores, and
what the window, the command line and the reports read back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, insert, select
from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.storage.models import (
    Agent,
    Evaluation,
    ImportBatch,
    PopulationMember,
    Record,
    SampleItem,
    ScreeningResult,
    Setting,
)

INSERT_CHUNK = 1000  # result rows per multi-row insert

# One record of an audit's population as the screening reads it: id, key, channel,
# request type, service, request text, answer text, received at, answered at, wait
# seconds, registered in CRM, requester's name, agent's name, and whether the answer
# came as a day without its hour (its import batch says so).
ScreenedRecordRow = tuple[
    int,
    str,
    Channel,
    str | None,
    str | None,
    str | None,
    str | None,
    datetime | None,
    datetime | None,
    int | None,
    bool | None,
    str | None,
    str,
    bool,
]
# A record of the population with its stored screening (None when never screened):
# record id, key, agent's name, alerts, rules version, screened at.
PopulationResultRow = tuple[int, str, str, list[Any] | None, str | None, datetime | None]


def setting_values(session: Session, keys: Iterable[str]) -> dict[str, Any]:
    """The stored value of each of ``keys`` that is stored (the others are absent)."""
    rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(list(keys))))
    return {key: value for key, value in rows}


def population_to_screen(session: Session, audit_id: int) -> list[ScreenedRecordRow]:
    """Every record of the audit's population with its agent's name, by key: the fields
    the screening reads, as plain tuples (no ORM object is built)."""
    rows = session.execute(
        select(
            Record.id,
            Record.key,
            Record.channel,
            Record.request_type,
            Record.service,
            Record.request_text,
            Record.answer_text,
            Record.received_at,
            Record.answered_at,
            Record.wait_seconds,
            Record.registered_in_crm,
            Record.requester_name,
            Agent.name,
            ImportBatch.answer_days_only,
        )
        .join(PopulationMember, PopulationMember.record_id == Record.id)
        .join(Agent, Agent.id == Record.agent_id)
        .join(ImportBatch, ImportBatch.id == Record.batch_id)
        .where(PopulationMember.audit_id == audit_id)
        .order_by(Record.key)
    )
    return [tuple(row) for row in rows]


def delete_screening_results(session: Session, audit_id: int) -> None:
    """Remove every stored screening result of the audit."""
    session.execute(delete(ScreeningResult).where(ScreeningResult.audit_id == audit_id))


def insert_screening_results(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Store screening results (dicts of ``ScreeningResult`` columns), a chunk per
    multi-row insert."""
    for start in range(0, len(rows), INSERT_CHUNK):
        session.execute(insert(ScreeningResult), rows[start : start + INSERT_CHUNK])


def _population_with_results() -> Select[
    tuple[int, str, str, list[Any] | None, str | None, datetime | None]
]:
    return (
        select(
            Record.id,
            Record.key,
            Agent.name,
            ScreeningResult.alerts,
            ScreeningResult.rules_version,
            ScreeningResult.screened_at,
        )
        .select_from(PopulationMember)
        .join(Record, Record.id == PopulationMember.record_id)
        .join(Agent, Agent.id == Record.agent_id)
        .outerjoin(
            ScreeningResult,
            (ScreeningResult.audit_id == PopulationMember.audit_id)
            & (ScreeningResult.record_id == PopulationMember.record_id),
        )
    )


def population_results(session: Session, audit_id: int) -> list[PopulationResultRow]:
    """Every record of the audit's population with its stored screening, by key."""
    rows = session.execute(
        _population_with_results().where(PopulationMember.audit_id == audit_id).order_by(Record.key)
    )
    return [tuple(row) for row in rows]


def record_result(session: Session, audit_id: int, key: str) -> PopulationResultRow | None:
    """One record of the audit's population, by key, with its stored screening; None when
    the record is not in the population."""
    row = session.execute(
        _population_with_results().where(PopulationMember.audit_id == audit_id, Record.key == key)
    ).first()
    return None if row is None else tuple(row)


def stored_alerts_of_audit(session: Session, audit_id: int) -> list[tuple[int, list[Any]]]:
    """(record id, stored alerts) of every screened record of the audit."""
    rows = session.execute(
        select(ScreeningResult.record_id, ScreeningResult.alerts).where(
            ScreeningResult.audit_id == audit_id
        )
    )
    return [(record_id, alerts) for record_id, alerts in rows]


def complete_evaluation_proposals(
    session: Session, audit_id: int
) -> list[tuple[int, dict[str, Any] | None, dict[str, Any] | None]]:
    """(record id, answers, proposals shown) of each complete evaluation of the audit's
    current sample."""
    rows = session.execute(
        select(SampleItem.record_id, Evaluation.answers, Evaluation.proposals)
        .join(Evaluation, Evaluation.sample_item_id == SampleItem.id)
        .where(
            SampleItem.audit_id == audit_id,
            SampleItem.removed_at.is_(None),
            Evaluation.complete.is_(True),
        )
    )
    return [(record_id, answers, proposals) for record_id, answers, proposals in rows]
