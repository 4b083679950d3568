"""A provider's agents: their record counts, the names merged into them, and merging."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from auditoria_calidad.storage.models import (
    Agent,
    AgentAlias,
    AgentDistinction,
    Audit,
    AuditState,
    Finding,
    PopulationMember,
    Provider,
    Record,
    User,
)


def agents_with_record_counts(session: Session, provider_id: int) -> list[tuple[int, str, int]]:
    """(id, name, records) of the provider's agents, by id."""
    counts = (
        select(Record.agent_id, func.count().label("n"))
        .where(Record.provider_id == provider_id)
        .group_by(Record.agent_id)
        .subquery()
    )
    rows = session.execute(
        select(Agent.id, Agent.name, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.agent_id == Agent.id)
        .where(Agent.provider_id == provider_id)
        .order_by(Agent.id)
    )
    return [(agent_id, name, int(count)) for agent_id, name, count in rows]


def merged_names_of_provider(
    session: Session, provider_id: int
) -> list[tuple[int, str, datetime, str | None, str | None]]:
    """(agent id, merged name, merged at, merger's username, merger's full name) of the
    provider's aliases, oldest first; the merger is None for merges made by the system."""
    rows = session.execute(
        select(
            AgentAlias.agent_id,
            AgentAlias.name,
            AgentAlias.merged_at,
            User.username,
            User.full_name,
        )
        .outerjoin(User, User.id == AgentAlias.merged_by)
        .where(AgentAlias.provider_id == provider_id)
        .order_by(AgentAlias.id)
    )
    return [(agent_id, name, at, username, full) for agent_id, name, at, username, full in rows]


def all_agents_with_providers(
    session: Session, provider_id: int | None = None
) -> list[tuple[Agent, str, int]]:
    """(agent, provider name, records) of every agent, or of one provider's, by provider
    and agent name."""
    query = (
        select(Agent, Provider.name, func.count(Record.id))
        .join(Provider, Agent.provider_id == Provider.id)
        .outerjoin(Record, Record.agent_id == Agent.id)
        .group_by(Agent.id, Provider.name)
        .order_by(Provider.name, Agent.name)
    )
    if provider_id is not None:
        query = query.where(Provider.id == provider_id)
    return [(agent, name, count) for agent, name, count in session.execute(query)]


def locked_audits_of_agents(
    session: Session, agent_ids: Collection[int], states: Collection[AuditState]
) -> list[tuple[int, str, AuditState]]:
    """(agent id, audit number, state) of the audits in ``states`` whose population holds
    the agents' records, by audit number."""
    rows = session.execute(
        select(Record.agent_id, Audit.number, Audit.state)
        .distinct()
        .join(PopulationMember, PopulationMember.record_id == Record.id)
        .join(Audit, Audit.id == PopulationMember.audit_id)
        .where(Record.agent_id.in_(agent_ids), Audit.state.in_(states))
        .order_by(Audit.number)
    )
    return [(agent_id, number, state) for agent_id, number, state in rows]


def agents_with_findings(session: Session, agent_ids: Collection[int]) -> list[int]:
    """Those of ``agent_ids`` that have findings."""
    return list(
        session.scalars(select(Finding.agent_id).distinct().where(Finding.agent_id.in_(agent_ids)))
    )


def agents_of_provider(session: Session, provider_id: int) -> list[Agent]:
    return list(session.scalars(select(Agent).where(Agent.provider_id == provider_id)))


def latest_merge_of_name(
    session: Session, provider_id: int, name_key: str
) -> tuple[datetime, str] | None:
    """(merged at, name of the agent it went into) of the newest alias of the provider
    with the folded name ``name_key``."""
    row = session.execute(
        select(AgentAlias.merged_at, Agent.name)
        .join(Agent, Agent.id == AgentAlias.agent_id)
        .where(AgentAlias.provider_id == provider_id, AgentAlias.name_key == name_key)
        .order_by(AgentAlias.id.desc())
    ).first()
    return None if row is None else (row[0], row[1])


def other_provider_of_agent(session: Session, name: str, provider_id: int) -> str | None:
    """The name of a provider other than ``provider_id`` with an agent named ``name``."""
    row = session.execute(
        select(Provider.name)
        .join(Agent, Agent.provider_id == Provider.id)
        .where(Agent.name == name, Provider.id != provider_id)
    ).first()
    return None if row is None else row[0]


def audits_holding_agents(session: Session, agent_ids: Collection[int]) -> list[int]:
    """The audits whose population holds records of the agents."""
    return list(
        session.scalars(
            select(PopulationMember.audit_id)
            .distinct()
            .join(Record, Record.id == PopulationMember.record_id)
            .where(Record.agent_id.in_(agent_ids))
        ).all()
    )


def lock_audits(session: Session, audit_ids: Collection[int]) -> None:
    session.execute(select(Audit.id).where(Audit.id.in_(audit_ids)).with_for_update()).all()


def count_agent_records(session: Session, agent_id: int) -> int:
    return int(
        session.scalar(select(func.count()).select_from(Record).where(Record.agent_id == agent_id))
        or 0
    )


def move_records_and_aliases(session: Session, source_id: int, target_id: int) -> None:
    """Every record and alias of agent ``source_id`` passes to ``target_id``."""
    session.execute(update(Record).where(Record.agent_id == source_id).values(agent_id=target_id))
    session.execute(
        update(AgentAlias).where(AgentAlias.agent_id == source_id).values(agent_id=target_id)
    )


def delete_agent(session: Session, agent_id: int) -> None:
    session.execute(delete(Agent).where(Agent.id == agent_id))


def distinct_pairs_of_provider(session: Session, provider_id: int) -> set[tuple[str, str]]:
    """The (first_key, second_key) pairs of names confirmed to be two people."""
    rows = session.execute(
        select(AgentDistinction.first_key, AgentDistinction.second_key).where(
            AgentDistinction.provider_id == provider_id
        )
    )
    return {(a, b) for a, b in rows}


def distinction_of_pair(
    session: Session, provider_id: int, first_key: str, second_key: str
) -> AgentDistinction | None:
    return session.scalar(
        select(AgentDistinction).where(
            AgentDistinction.provider_id == provider_id,
            AgentDistinction.first_key == first_key,
            AgentDistinction.second_key == second_key,
        )
    )
