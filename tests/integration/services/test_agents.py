"""One agent is one agent: folded names at import, proposals, merges with their history.

Runs on SQLite and PostgreSQL. Files are real CSV exports written into tmp_path and
imported through the import service; the merge tests store records as the importer does.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from audit_data import PASSWORD, record, store, user
from auditoria_calidad.demo.export_files import write_crm_export_csv
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration, agents, approval, sample
from auditoria_calidad.services.audit_trail import history
from auditoria_calidad.services.errors import InvalidInput, NotFound, PermissionDenied
from auditoria_calidad.storage.models import Agent, AgentAlias, Record
from cycle_data import evaluated_audit, people

PROVIDER = "Contacto Total S.A.S."
OCT = datetime(2026, 10, 6, 8, 0)


@pytest.fixture
def auditor(db, admin):  # type: ignore[no-untyped-def]
    administration.add_provider(db, admin, PROVIDER)
    return user(db, admin, Role.AUDITOR)


def provider_id(db) -> int:  # type: ignore[no-untyped-def]
    return next(p.id for p in administration.list_providers(db, db_admin(db)) if p.name == PROVIDER)


def db_admin(db):  # type: ignore[no-untyped-def]
    from auditoria_calidad.services.auth import login

    return login(db, "admin", "clave-segura-1")


def rows(names: list[str], prefix: str) -> list:  # type: ignore[type-arg]
    return [
        record(name, f"{prefix}-{i:04d}", OCT + timedelta(hours=i), identity_number="1020304050")
        for i, name in enumerate(names)
    ]


def import_csv(db, actor, path: Path):  # type: ignore[no-untyped-def]
    from auditoria_calidad.services import imports

    request = imports.ImportRequest(path=path, channel=Channel.VIRTUAL, provider=PROVIDER)
    return imports.run_import(db, actor, request)


def stored_agents(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Agent name → number of records."""
    with db.sessions() as session:
        return dict(
            session.execute(
                select(Agent.name, func.count(Record.id))
                .outerjoin(Record, Record.agent_id == Agent.id)
                .group_by(Agent.id, Agent.name)
            ).all()
        )


# --- At import -----------------------------------------------------------------------------


def test_names_differing_in_case_accents_spaces_or_invisible_characters_are_one_agent(
    db, auditor, tmp_path
) -> None:
    first = write_crm_export_csv(
        rows(["Ana Pérez Gómez", "Luis Rojas"], "A"),
        tmp_path / "semana 1.csv",
        channel=Channel.VIRTUAL,
        encoding="utf-8-sig",
    )
    second = write_crm_export_csv(
        rows(
            [
                "ANA PEREZ GOMEZ",
                "Ana\u00a0Pérez\u202fGómez",
                "Ana  Pé\u200brez\u200d Gómez\ufeff",
                "ana pérez gómez ",
                "LUIS\u200c ROJAS",
            ],
            "B",
        ),
        tmp_path / "semana 2.csv",
        channel=Channel.VIRTUAL,
        encoding="utf-8-sig",
    )
    assert import_csv(db, auditor, first).imported == 2
    assert import_csv(db, auditor, second).imported == 5
    # The first spelling names the agent.
    assert stored_agents(db) == {"Ana Pérez Gómez": 5, "Luis Rojas": 2}
    assert agents.proposals_for(db, auditor, PROVIDER) == []


def test_a_re_export_spelling_the_agent_another_way_leaves_the_records_unchanged(
    db, auditor, tmp_path
) -> None:
    data = rows(["Marcela Díaz"] * 3, "C")
    first = write_crm_export_csv(
        data, tmp_path / "a.csv", channel=Channel.VIRTUAL, encoding="utf-8-sig"
    )
    for r in data:
        r.agent = "MARCELA DIAZ"
    again = write_crm_export_csv(
        data, tmp_path / "b.csv", channel=Channel.VIRTUAL, encoding="utf-8-sig"
    )
    import_csv(db, auditor, first)
    summary = import_csv(db, auditor, again)
    assert (summary.imported, summary.unchanged, summary.updated) == (0, 3, 0)
    assert stored_agents(db) == {"Marcela Díaz": 3}


def test_a_name_with_one_typo_is_proposed_and_not_merged(db, admin, auditor) -> None:
    store(db, admin, provider_id(db), rows(["Ana Pérez Gómez"] * 4 + ["Ana Peres Gómez"], "D"))
    store(db, admin, provider_id(db), rows(["Pérez Gómez Ana", "Carlos Rojas"], "E"))
    assert stored_agents(db) == {
        "Ana Pérez Gómez": 4,
        "Ana Peres Gómez": 1,
        "Pérez Gómez Ana": 1,
        "Carlos Rojas": 1,
    }
    proposals = agents.proposals_for(db, auditor, PROVIDER)
    assert [
        (p.source, p.target, p.reason, p.source_records, p.target_records) for p in proposals
    ] == [
        ("Ana Peres Gómez", "Ana Pérez Gómez", "difieren en una letra", 1, 4),
        ("Pérez Gómez Ana", "Ana Pérez Gómez", "mismas palabras en otro orden", 1, 4),
    ]
    assert all(p.blocked is None for p in proposals)


# --- Merging -------------------------------------------------------------------------------


def test_merge_moves_the_records_keeps_the_name_and_logs_who_and_when(db, admin, auditor) -> None:
    pid = provider_id(db)
    store(db, admin, pid, rows(["Ana Pérez Gómez"] * 3 + ["Ana Peres Gómez"] * 2, "F"))
    result = agents.merge_agents(db, auditor, PROVIDER, "ana peres gomez", "Ana Pérez Gómez")
    assert (result.source, result.target, result.moved_records) == (
        "Ana Peres Gómez",
        "Ana Pérez Gómez",
        2,
    )
    assert stored_agents(db) == {"Ana Pérez Gómez": 5}
    [row] = agents.agents_of(db, auditor, PROVIDER)
    assert (row.name, row.records) == ("Ana Pérez Gómez", 5)
    [merged] = row.merged_names
    assert merged.name == "Ana Peres Gómez" and merged.merged_by == auditor.full_name
    assert merged.merged_at.date() == datetime.now().date()
    with db.sessions() as session:
        [line] = [x for x in history(session, "agent", row.id) if x.action == "merge"]
        assert line.username == auditor.username and line.new_value == "Ana Pérez Gómez"
        assert "Ana Peres Gómez" in (line.old_value or "")
    assert agents.proposals_for(db, auditor, PROVIDER) == []

    # A later file that still writes the merged name goes to the agent it was merged into,
    # and the records already stored under that name are unchanged, not updated.
    store(
        db,
        admin,
        pid,
        [
            *rows(["Ana Peres Gómez"] * 5, "F")[3:],  # the two moved records, as they were
            record("ANA PERES GOMEZ", "G-0001", OCT),
        ],
    )
    assert stored_agents(db) == {"Ana Pérez Gómez": 6}
    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AgentAlias)) == 1


def test_merging_an_agent_already_merged_says_into_whom(db, admin, auditor) -> None:
    store(db, admin, provider_id(db), rows(["Luis Rojas", "Lius Rojas"], "H"))
    agents.merge_agents(db, auditor, PROVIDER, "Lius Rojas", "Luis Rojas")
    with pytest.raises(InvalidInput, match="«Lius Rojas» ya se fusionó con «Luis Rojas» el"):
        agents.merge_agents(db, auditor, PROVIDER, "Lius Rojas", "Luis Rojas")
    with pytest.raises(InvalidInput, match="ya son el mismo agente"):
        agents.merge_agents(db, auditor, PROVIDER, "LUIS ROJAS", "Luis Rojas")
    with pytest.raises(NotFound, match="No existe el agente «Nadie» en el proveedor"):
        agents.merge_agents(db, auditor, PROVIDER, "Nadie", "Luis Rojas")


def test_agents_of_two_providers_are_never_merged(db, admin, auditor) -> None:
    other = administration.add_provider(db, admin, "Otro Centro S.A.S.")
    store(db, admin, provider_id(db), rows(["Luis Rojas"], "I"))
    store(db, admin, other.id, rows(["Lius Rojas"], "J"))
    with pytest.raises(InvalidInput, match=re.escape("es del proveedor «Otro Centro S.A.S.»")):
        agents.merge_agents(db, auditor, PROVIDER, "Lius Rojas", "Luis Rojas")
    assert stored_agents(db) == {"Luis Rojas": 1, "Lius Rojas": 1}


def test_only_administrators_and_those_who_import_may_merge(db, admin, auditor) -> None:
    store(db, admin, provider_id(db), rows(["Luis Rojas", "Lius Rojas"], "K"))
    committee = user(db, admin, Role.COMMITTEE)
    with pytest.raises(PermissionDenied, match="no tiene permiso para fusionar agentes"):
        agents.merge_agents(db, committee, PROVIDER, "Lius Rojas", "Luis Rojas")
    manager = user(db, admin, Role.PROVIDER_MANAGER, PROVIDER)
    with pytest.raises(PermissionDenied):
        agents.merge_agents(db, manager, PROVIDER, "Lius Rojas", "Luis Rojas")
    assert agents.merge_agents(db, admin, PROVIDER, "Lius Rojas", "Luis Rojas").moved_records == 1


def test_an_agent_with_records_in_an_approved_audit_is_not_merged(db, admin, auditor) -> None:
    administration.add_provider(db, admin, "Otro Centro S.A.S.")
    who = people(db, admin, PROVIDER, "Otro Centro S.A.S.")
    audit = evaluated_audit(db, admin, who.auditor, (provider_id(db), PROVIDER))
    approval.approve_audit(db, who.head, audit.audit_id)
    # A later record under a misspelt name of one of the audit's agents.
    store(db, admin, provider_id(db), [record("Ana Maria Gomes", "L-0001", OCT)])
    [proposal] = [
        p for p in agents.proposals_for(db, who.auditor, PROVIDER) if p.source == "Ana Maria Gomes"
    ]
    assert proposal.target == "Ana María Gómez"
    assert proposal.blocked and audit.number in proposal.blocked
    before = stored_agents(db)
    with pytest.raises(InvalidInput, match=f"en la auditoría {audit.number} \\(aprobada\\)"):
        agents.merge_agents(db, who.auditor, PROVIDER, "Ana Maria Gomes", "Ana María Gómez")
    assert stored_agents(db) == before


def test_a_merge_in_a_draft_audit_makes_one_stratum(db, admin, auditor) -> None:
    from auditoria_calidad.services import audits

    pid = provider_id(db)
    store(db, admin, pid, rows(["Ana Pérez"] * 4 + ["Ana Peres"] * 2, "M"))
    info = audits.create_audit(db, auditor, "virtual", pid, OCT.date(), OCT.date())
    agents.merge_agents(db, auditor, PROVIDER, "Ana Peres", "Ana Pérez")
    plan = sample.sample_plan(db, auditor, info.id)
    assert [(s.agent, s.population) for s in plan.strata] == [("Ana Pérez", 6)]


__all__ = ["PASSWORD"]
