"""Audits evaluated through the real services, and the people of the end of the cycle.

`evaluated_audit` imports records as the importer stores them, creates the audit, draws
the whole population (fraction 1) and saves an F182 evaluation of every sampled record
(or only some), so that approval, findings, answers and the committee can be tested from
a known state: every odd record fails «pertinencia» and has spelling «bajo».
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta

from audit_data import PASSWORD, record, store, user
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration, audits, evaluations, sample
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database

START = datetime(2026, 10, 5, 8, 0)
AGENTS = ("Ana María Gómez", "Luis Fernando Pérez")
ALL_MET = {
    "coherencia": "cumple",
    "pertinencia": "cumple",
    "solucion": "cumple",
    "redaccion_ortografia": "alto",
}
FAILING = ALL_MET | {"pertinencia": "no_cumple", "redaccion_ortografia": "bajo"}
HOSTILE = '=HIPERVINCULO("x") <b>Respuesta & «sin cerrar» 😀 ' + "Desembolso" * 20
_numbers = itertools.count(1)


@dataclass(frozen=True)
class People:
    admin: Actor
    auditor: Actor
    head: Actor
    committee: Actor
    manager: Actor  # of the audit's provider
    other_manager: Actor  # of another provider


@dataclass(frozen=True)
class EvaluatedAudit:
    audit_id: int
    number: str
    provider_id: int
    provider: str
    keys: list[str]


def people(db: Database, admin: Actor, provider: str, other_provider: str) -> People:
    return People(
        admin,
        user(db, admin, Role.AUDITOR),
        user(db, admin, Role.HEAD),
        user(db, admin, Role.COMMITTEE),
        user(db, admin, Role.PROVIDER_MANAGER, provider),
        user(db, admin, Role.PROVIDER_MANAGER, other_provider),
    )


def new_provider(db: Database, admin: Actor, name: str | None = None) -> tuple[int, str]:
    name = name or f"Proveedor del ciclo {next(_numbers)} S.A.S."
    return administration.add_provider(db, admin, name).id, name


def evaluated_audit(
    db: Database,
    admin: Actor,
    auditor: Actor,
    provider: tuple[int, str],
    *,
    count: int = 6,
    evaluate: int | None = None,
    observation: str = "La respuesta no corresponde a lo solicitado.",
    agents: tuple[str, str] = AGENTS,
) -> EvaluatedAudit:
    """An audit of ``count`` records of ``provider`` with ``evaluate`` (all) evaluated."""
    provider_id, name = provider
    number = next(_numbers)
    prefix = f"C{number}"
    # Each audit its own fortnight, so that audits of one provider never share records.
    start = START + timedelta(days=15 * number)
    rows = [
        record(
            agents[i % 2],
            f"{prefix}-2026-{i:05d}",
            start + timedelta(hours=3 * i),
            identity_number=f"1020{i:06d}",
        )
        for i in range(count)
    ]
    store(db, admin, provider_id, rows)
    info = audits.create_audit(
        db, auditor, "virtual", provider_id, start.date(), start.date() + timedelta(days=10)
    )
    sample.draw_audit_sample(db, auditor, info.id, fraction="1", seed=11)
    items = evaluations.list_sample(db, auditor, info.id)
    for index, item in enumerate(items[: count if evaluate is None else evaluate]):
        failing = index % 2 == 1
        evaluations.save_evaluation(
            db,
            auditor,
            item.sample_item_id,
            evaluations.EvaluationDraft(
                FAILING if failing else ALL_MET, observation if failing else ""
            ),
            expected_version=None,
        )
    return EvaluatedAudit(info.id, info.number, provider_id, name, [i.key for i in items])


__all__ = ["PASSWORD"]
