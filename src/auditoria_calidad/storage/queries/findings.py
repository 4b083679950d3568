"""Queries of the findings (hallazgos) of approved audits and the provider's answers."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditoria_calidad.storage.models import (
    Agent,
    Audit,
    AuditState,
    Decision,
    Finding,
    Provider,
    ProviderAnswer,
    Record,
)

# One finding as lists show it: the finding, its record, agent, provider and answer.
FindingRow = tuple[Finding, Record, str, str, ProviderAnswer | None]
# One finding's committee decision and the state of its answer (id, submitted, late).
FindingAnswerState = tuple[int, Decision | None, int | None, datetime | None, bool | None]


# --- Findings -----------------------------------------------------------------------------


def finding_rows(session: Session, audit_ids: Iterable[int]) -> list[FindingRow]:
    """The findings of the audits with record, agent, provider and answer, by audit
    number then finding number."""
    ids = list(audit_ids)
    if not ids:
        return []
    rows = session.execute(
        select(Finding, Record, Agent.name, Provider.name, ProviderAnswer)
        .join(Record, Record.id == Finding.record_id)
        .join(Agent, Agent.id == Finding.agent_id)
        .join(Audit, Audit.id == Finding.audit_id)
        .join(Provider, Provider.id == Audit.provider_id)
        .outerjoin(ProviderAnswer, ProviderAnswer.finding_id == Finding.id)
        .where(Finding.audit_id.in_(ids))
        .order_by(Audit.number, Finding.number, Finding.id)
    ).all()
    return [(f, r, agent, provider, a) for f, r, agent, provider, a in rows]


def finding_answer_states(session: Session, audit_ids: list[int]) -> list[FindingAnswerState]:
    """Per finding of the audits: audit id, committee decision, answer id, submitted at,
    late (the answer's columns None when there is no answer)."""
    rows = session.execute(
        select(
            Finding.audit_id,
            Finding.committee_state,
            ProviderAnswer.id,
            ProviderAnswer.submitted_at,
            ProviderAnswer.late,
        )
        .outerjoin(ProviderAnswer, ProviderAnswer.finding_id == Finding.id)
        .where(Finding.audit_id.in_(audit_ids))
    ).all()
    return [(a, d, i, s, late) for a, d, i, s, late in rows]


def findings_with_record_keys(session: Session, audit_id: int) -> list[tuple[Finding, str]]:
    """Every finding of the audit with its record's key."""
    rows = session.execute(
        select(Finding, Record.key)
        .join(Record, Record.id == Finding.record_id)
        .where(Finding.audit_id == audit_id)
    )
    return [(finding, key) for finding, key in rows]


def record_key(session: Session, record_id: int) -> str | None:
    return session.scalar(select(Record.key).where(Record.id == record_id))


# --- Audits and names ---------------------------------------------------------------------


def audits_in_states(
    session: Session, states: list[AuditState], provider_id: int | None = None
) -> list[Audit]:
    """The audits in ``states`` (of one provider when given), newest first."""
    query = select(Audit).where(Audit.state.in_(states))
    if provider_id is not None:
        query = query.where(Audit.provider_id == provider_id)
    return list(session.scalars(query.order_by(Audit.created_at.desc(), Audit.id.desc())))


# --- Answers ------------------------------------------------------------------------------


def answer_of_finding(session: Session, finding_id: int) -> ProviderAnswer | None:
    return session.scalar(select(ProviderAnswer).where(ProviderAnswer.finding_id == finding_id))


def answers_by_finding(session: Session, finding_ids: Collection[int]) -> dict[int, ProviderAnswer]:
    """The answers of the findings, by finding id; no query for no findings."""
    if not finding_ids:
        return {}
    return {
        a.finding_id: a
        for a in session.scalars(
            select(ProviderAnswer).where(ProviderAnswer.finding_id.in_(finding_ids))
        )
    }


def draft_answers_of_audit(session: Session, audit_id: int) -> list[ProviderAnswer]:
    """The audit's answers saved but not submitted, by finding id."""
    return list(
        session.scalars(
            select(ProviderAnswer)
            .join(Finding, Finding.id == ProviderAnswer.finding_id)
            .where(Finding.audit_id == audit_id, ProviderAnswer.submitted_at.is_(None))
            .order_by(Finding.id)
        ).all()
    )


def count_findings_without_submitted_answer(session: Session, audit_id: int) -> int:
    rows = session.execute(
        select(Finding.id, ProviderAnswer.submitted_at)
        .outerjoin(ProviderAnswer, ProviderAnswer.finding_id == Finding.id)
        .where(Finding.audit_id == audit_id)
    ).all()
    return sum(1 for _fid, submitted in rows if submitted is None)
