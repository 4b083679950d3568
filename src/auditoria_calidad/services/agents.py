"""A provider's agents: who they are, which are probably one person, and merging them.

Spellings that differ only in how they are written are one agent already when imported
(``record_store``). Names with one typo or their words in another order are proposed
here and merged only when someone confirms (or set aside for good when someone confirms
they are two people): the records of one agent move to the other,
the merged name is kept as an alias (imports that write it go to the agent it was merged
into), and the audit log records who merged what and when. Merging is refused when
either agent has records in an audit that is approved or later: its report is issued,
and its per-agent strata and scores may not change.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from auditoria_calidad.domain.agent_names import agent_key, merge_proposals
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.administration import provider_by_name
from auditoria_calidad.services.agent_dtos import AgentRow as AgentRow
from auditoria_calidad.services.agent_dtos import KeptApart as KeptApart
from auditoria_calidad.services.agent_dtos import MergedName as MergedName
from auditoria_calidad.services.agent_dtos import MergeProposal as MergeProposal
from auditoria_calidad.services.agent_dtos import MergeResult as MergeResult
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.audits import LOCKED_STATES, STATE_LABELS
from auditoria_calidad.services.errors import InvalidInput, NotFound, PermissionDenied
from auditoria_calidad.storage.database import Database
from auditoria_calidad.storage.models import Agent, AgentAlias, AgentDistinction, Provider
from auditoria_calidad.storage.queries.administration import lock_provider
from auditoria_calidad.storage.queries.agents import (
    agents_of_provider,
    agents_with_findings,
    agents_with_record_counts,
    audits_holding_agents,
    count_agent_records,
    delete_agent,
    distinct_pairs_of_provider,
    distinction_of_pair,
    latest_merge_of_name,
    lock_audits,
    locked_audits_of_agents,
    merged_names_of_provider,
    move_records_and_aliases,
    other_provider_of_agent,
)

# Who may merge agents: the administrator (providers and agents) and whoever imports.
MERGE_PERMISSIONS = (Permission.MANAGE_PROVIDERS, Permission.IMPORT)


def can_merge(actor: Actor) -> bool:
    return any(actor.can(p) for p in MERGE_PERMISSIONS)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _provider(session: Session, actor: Actor, provider: str) -> Provider:
    row = provider_by_name(session, provider)
    actor.require_provider(row.id)
    return row


def _agents(session: Session, provider_id: int) -> list[AgentRow]:
    rows = agents_with_record_counts(session, provider_id)
    merged: dict[int, list[MergedName]] = {}
    for agent_id, name, at, username, full_name in merged_names_of_provider(session, provider_id):
        who = full_name or username or "Sistema"
        merged.setdefault(agent_id, []).append(MergedName(name, who, at))
    return [
        AgentRow(agent_id, name, int(count), tuple(merged.get(agent_id, ())))
        for agent_id, name, count in rows
    ]


def agents_of(db: Database, actor: Actor, provider: str) -> list[AgentRow]:
    """The provider's agents, by name, with their record count and the names merged in."""
    actor.require(Permission.READ_RECORDS)
    with db.sessions() as session:
        row = _provider(session, actor, provider)
        return sorted(_agents(session, row.id), key=lambda a: (agent_key(a.name), a.name))


def _locked_audits(session: Session, agent_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Agent id → (audit number, state label) of the approved-or-later audits holding its
    records."""
    found: dict[int, list[tuple[str, str]]] = {}
    for agent_id, number, state in locked_audits_of_agents(session, agent_ids, LOCKED_STATES):
        found.setdefault(agent_id, []).append((number, STATE_LABELS[state].lower()))
    for agent_id in agents_with_findings(session, agent_ids):
        found.setdefault(agent_id, [])
    return found


def _blocked_message(name: str, audits: list[tuple[str, str]]) -> str:
    if not audits:
        return f"«{name}» tiene hallazgos de una auditoría aprobada, que ya no se puede modificar."
    number, state = audits[0]
    more = len(audits) - 1
    others = f" (y {more} auditoría{'s' if more != 1 else ''} más)" if more else ""
    return (
        f"«{name}» tiene registros en la auditoría {number} ({state}){others}, "
        "que ya no se puede modificar."
    )


def proposals_for(db: Database, actor: Actor, provider: str) -> list[MergeProposal]:
    """Pairs of the provider's agents that are probably one person, with the reason.

    Nothing is merged: each proposal waits for someone to confirm it (``merge_agents``).
    """
    actor.require(Permission.READ_RECORDS)
    with db.sessions() as session:
        row = _provider(session, actor, provider)
        agents = _agents(session, row.id)
        by_name = {a.name: a for a in agents}
        apart = distinct_pairs_of_provider(session, row.id)
        pairs = [
            (a, b, reason)
            for a, b, reason in merge_proposals([a.name for a in agents])
            if _pair_key(a, b) not in apart
        ]
        involved = sorted({by_name[n].id for a, b, _ in pairs for n in (a, b)})
        locked = _locked_audits(session, involved) if involved else {}
        proposals = []
        for a, b, reason in pairs:
            first, second = by_name[a], by_name[b]
            # The one with fewer records goes into the one with more; on a tie, the
            # newer into the older (its name was seen first).
            source, target = (second, first) if second.records <= first.records else (first, second)
            blocked = next(
                (
                    _blocked_message(x.name, locked[x.id])
                    for x in (source, target)
                    if x.id in locked
                ),
                None,
            )
            proposals.append(
                MergeProposal(
                    source.name, target.name, reason, source.records, target.records, blocked
                )
            )
        return proposals


def _pair_key(a: str, b: str) -> tuple[str, str]:
    first, second = sorted((agent_key(a), agent_key(b)))
    return first, second


def keep_apart(
    db: Database, actor: Actor, provider: str, first_name: str, second_name: str, reason: str
) -> KeptApart:
    """Record that two of the provider's agents are two people: the pair is no longer
    proposed for merging (either can still be merged by hand). Written to the audit log."""
    if not can_merge(actor):
        raise PermissionDenied(
            f"El rol {actor.role.label} no tiene permiso para decidir sobre agentes repetidos."
        )
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput("Escriba por qué son dos personas distintas (p. ej. sus cédulas).")
    with db.transaction() as session:
        row = _provider(session, actor, provider)
        first = _find_agent(session, row, first_name)
        second = _find_agent(session, row, second_name)
        if first.id == second.id:
            raise InvalidInput(f"«{first_name}» y «{second_name}» son el mismo agente.")
        first_key, second_key = _pair_key(first.name, second.name)
        if distinction_of_pair(session, row.id, first_key, second_key) is None:
            names = sorted((first, second), key=lambda a: agent_key(a.name))
            session.add(
                AgentDistinction(
                    provider_id=row.id,
                    first_key=first_key,
                    second_key=second_key,
                    first_name=names[0].name,
                    second_name=names[1].name,
                    reason=reason,
                    decided_by=actor.id or None,
                    decided_at=_now(),
                )
            )
            session.flush()
            log_event(
                session,
                actor,
                "agent",
                first.id,
                "keep_apart",
                field="name",
                old=first.name,
                new={"agente": second.name, "motivo": reason},
            )
        return KeptApart(row.name, first.name, second.name, reason)


def _find_agent(session: Session, provider: Provider, text: str) -> Agent:
    """The provider's agent named ``text``: exactly, or by its folded name."""
    wanted = text.strip()
    agents = agents_of_provider(session, provider.id)
    exact = [a for a in agents if a.name == wanted]
    if exact:
        return exact[0]
    key = agent_key(wanted)
    folded = [a for a in agents if agent_key(a.name) == key]
    if len(folded) == 1:
        return folded[0]
    if len(folded) > 1:
        names = ", ".join(f"«{a.name}»" for a in folded)
        raise InvalidInput(
            f"Hay varios agentes que se escriben como «{wanted}» en «{provider.name}»: "
            f"{names}. Escriba el nombre exacto."
        )
    alias = latest_merge_of_name(session, provider.id, key)
    if alias is not None:
        raise InvalidInput(f"«{wanted}» ya se fusionó con «{alias[1]}» el {alias[0]:%d/%m/%Y}.")
    elsewhere = other_provider_of_agent(session, wanted, provider.id)
    if elsewhere is not None:
        raise InvalidInput(
            f"El agente «{wanted}» es del proveedor «{elsewhere}», no de «{provider.name}»: "
            "solo se fusionan agentes de un mismo proveedor."
        )
    raise NotFound(f"No existe el agente «{wanted}» en el proveedor «{provider.name}».")


def merge_agents(
    db: Database, actor: Actor, provider: str, source_name: str, target_name: str
) -> MergeResult:
    """Merge agent ``source_name`` into ``target_name`` of ``provider``, in one transaction.

    The source's records move to the target, the source's name (and the names merged
    into it before) become aliases of the target, the source agent is removed and the
    merge is written to the audit log. Refused when either agent has records in an audit
    that is approved or later.
    """
    if not can_merge(actor):
        raise PermissionDenied(f"El rol {actor.role.label} no tiene permiso para fusionar agentes.")
    with db.transaction() as session:
        row = _provider(session, actor, provider)
        # Imports of this provider wait for the merge (they lock the same row).
        lock_provider(session, row.id)
        source = _find_agent(session, row, source_name)
        target = _find_agent(session, row, target_name)
        if source.id == target.id:
            raise InvalidInput(f"«{source_name}» y «{target_name}» ya son el mismo agente.")
        # Lock the audits that hold their records, so that none is approved meanwhile.
        audit_ids = audits_holding_agents(session, [source.id, target.id])
        if audit_ids:
            lock_audits(session, audit_ids)
        locked = _locked_audits(session, [source.id, target.id])
        for agent in (source, target):
            if agent.id in locked:
                raise InvalidInput(
                    f"No se pueden fusionar «{source.name}» y «{target.name}»: "
                    + _blocked_message(agent.name, locked[agent.id])
                )
        moved = count_agent_records(session, source.id)
        move_records_and_aliases(session, source.id, target.id)
        session.add(
            AgentAlias(
                agent_id=target.id,
                provider_id=row.id,
                name=source.name,
                name_key=agent_key(source.name),
                merged_agent_id=source.id,
                merged_by=actor.id or None,
                merged_at=_now(),
            )
        )
        session.flush()
        delete_agent(session, source.id)
        log_event(
            session,
            actor,
            "agent",
            target.id,
            "merge",
            field="name",
            old={"agente": source.name, "id": source.id, "registros": moved},
            new=target.name,
        )
        return MergeResult(row.name, source.name, target.name, moved)
