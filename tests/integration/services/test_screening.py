"""The screening of an audit's whole population on a real database: stored per record with
the rules version when the audit is created or its population refreshed, read back for
the CLI, the form and the reports, and used to add records to the sample as directed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from audit_data import OCTOBER, evaluate, first_admin, provider, record, store, user
from auditoria_calidad.demo import texts as t
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.domain.sampling import draw_sample
from auditoria_calidad.domain.screening import RULES_VERSION
from auditoria_calidad.services import audits, sample, screening
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.storage.models import ScreeningResult

FIRST, LAST = date(2026, 10, 1), date(2026, 10, 31)
REUSED = (
    "Hemos verificado que su solicitud se encuentra en revisión por parte del área encargada, "
    "la cual le dará respuesta de fondo dentro de los términos de ley. Le recordamos que puede "
    "consultar el estado de su caso en la página web con su número de documento."
)
SUBJECTS = ("Condonación", "Legalización", "Extractos y pagos")


def _answer(body: str, name: str, agent: str) -> str:
    return (
        f"Respetada señora {name}:\n\nReciba un cordial saludo del ICETEX.\n\n{body}\n\n"
        "Quedamos atentos a cualquier inquietud adicional.\n\nCordialmente,\n\n"
        f"{agent}\nAsesor de Atención al Usuario\nICETEX"
    )


def _month(reused: dict[str, str]) -> list:  # type: ignore[type-arg]
    """Twelve answers of three agents, each written from its subject's own sentences,
    plus the records of ``reused`` (key → subject) answered with the same text."""
    rows = []
    agents = ("Diana Rojas", "Ana Mejía", "Luis Pérez")
    for i in range(12):
        service = SUBJECTS[i % 3]
        agent = agents[i % 3]
        bodies = t.ANSWER_BODIES[service]
        body = " ".join(bodies[(i + j) % len(bodies)] for j in range(3)).format(
            fondo="Fondo EPM",
            monto="$ 100.000",
            monto2="$ 200.000",
            fecha="01/10/2026",
            fecha_limite="30 de octubre de 2026",
            periodo="2026-2",
            pais="España",
            banco="Bancolombia",
        )
        rows.append(
            record(
                agent,
                f"R-{i:02d}",
                OCTOBER + timedelta(hours=i),
                service=service,
                request_text=t.REQUEST_ISSUES[service][0],
                answer_text=_answer(body, "Laura Gómez", agent),
                requester_name="Laura Gómez",
            )
        )
    for n, (key, service) in enumerate(reused.items()):
        agent = agents[n % 3]
        rows.append(
            record(
                agent,
                key,
                OCTOBER + timedelta(days=1, hours=n),
                service=service,
                request_text=t.REQUEST_ISSUES[service][0],
                answer_text=_answer(REUSED, f"Usuaria {n}", agent),
                requester_name=f"Usuaria {n}",
            )
        )
    return rows


@pytest.fixture
def env(db):  # type: ignore[no-untyped-def]
    admin = first_admin(db)
    return db, admin, user(db, admin, Role.AUDITOR)


REUSE = {"U-1": "Condonación", "U-2": "Legalización", "U-3": "Condonación"}


def test_creating_an_audit_screens_every_record_of_its_population(env) -> None:
    db, admin, auditor = env
    pid = provider(db, admin)
    rows = _month({})
    rows.append(record("Luis Pérez", "TARDE", OCTOBER, answer_hours=50, answer_text="Listo."))
    store(db, admin, pid, rows)

    info = audits.create_audit(db, auditor, "virtual", pid, FIRST, LAST)

    found = screening.alerts_for_audit(db, auditor, info.number)
    assert found.rules_version == RULES_VERSION and found.current
    assert [r.key for r in found.records] == sorted(r.key for r in rows)
    assert all(r.screened for r in found.records)
    with db.sessions() as session:
        stored = session.scalar(select(func.count()).where(ScreeningResult.audit_id == info.id))
        versions = set(
            session.scalars(
                select(ScreeningResult.rules_version).where(ScreeningResult.audit_id == info.id)
            )
        )
    assert stored == len(rows) and versions == {RULES_VERSION}
    late = screening.alerts_for_record(db, auditor, info.id, "TARDE")
    assert "plazo_24h" in late.codes()
    assert next(a for a in late.alerts if a.code == "plazo_24h").proposed == "no_cumple"


def test_an_answer_reused_across_subjects_is_flagged_on_those_records(env) -> None:
    db, admin, auditor = env
    pid = provider(db, admin)
    store(db, admin, pid, _month(REUSE))
    info = audits.create_audit(db, auditor, "virtual", pid, FIRST, LAST)

    found = screening.alerts_for_audit(db, auditor, info.number, code="respuesta_reutilizada")

    assert [r.key for r in found.records] == ["U-1", "U-2", "U-3"]
    reuse = found.records[1].alerts[0]
    assert reuse.criterion == "coherencia"
    assert "Condonación (2)" in reuse.evidence and "Legalización (1)" in reuse.evidence
    assert reuse.proposed == "no_cumple"  # the minority subject
    everything = screening.alerts_for_audit(db, auditor, info.number)
    assert all(
        "respuesta_reutilizada" not in r.codes()
        for r in everything.records
        if not r.key.startswith("U-")
    )
    summary = screening.screening_summary(db, auditor, info.id)
    assert summary.population == summary.screened == 15
    assert dict((c, n) for c, _label, n in summary.by_code)["respuesta_reutilizada"] == 3


def test_adding_the_records_of_an_alert_keeps_the_seeded_random_part(env) -> None:
    db, admin, auditor = env
    pid = provider(db, admin)
    store(db, admin, pid, _month(REUSE))
    drawn = sample.create_audit_and_draw(db, auditor, "virtual", pid, FIRST, LAST, seed=42)
    before = {i.key: i.origin for i in sample.sample_items(db, auditor, drawn.audit_id)}
    reason = "Respuestas reutilizadas para otros temas"

    result = sample.add_records_with_alerts(
        db, auditor, drawn.audit_id, ["respuesta_reutilizada"], f"  {reason} "
    )

    items = {i.key: i for i in sample.sample_items(db, auditor, drawn.audit_id)}
    assert result.reason == reason and result.with_alerts == 3
    assert set(result.added) == {"U-1", "U-2", "U-3"} - set(before)
    assert len(result.added) + result.already_in_sample == 3
    for key in result.added:
        assert (items[key].origin, items[key].addition_reason) == ("directed", reason)
        assert items[key].origin_label == "Por alertas"
    # The random part is what it was, and the seed still gives it.
    assert {k: i.origin for k, i in items.items() if k in before} == before
    population = sample.population_pairs(db, auditor, drawn.audit_id)
    assert set(draw_sample(population, "0.5", 42).keys()) == {
        k for k, i in items.items() if i.origin == "drawn"
    }
    plan = sample.sample_plan(db, auditor, drawn.audit_id)
    assert plan.directed == ((reason, len(result.added)),)
    assert sum(s.drawn for s in plan.strata) == drawn.sampled

    again = sample.add_records_with_alerts(
        db, auditor, drawn.audit_id, ["respuesta_reutilizada"], reason
    )
    assert again.added == () and again.already_in_sample == 3


def test_unknown_codes_and_a_missing_reason_are_refused(env) -> None:
    db, admin, auditor = env
    pid = provider(db, admin)
    store(db, admin, pid, _month(REUSE))
    drawn = sample.create_audit_and_draw(db, auditor, "virtual", pid, FIRST, LAST, seed=7)
    with pytest.raises(InvalidInput, match="desconocido: reusada"):
        sample.add_records_with_alerts(db, auditor, drawn.audit_id, ["reusada"], "x")
    with pytest.raises(InvalidInput, match="motivo"):
        sample.add_records_with_alerts(db, auditor, drawn.audit_id, ["ortografia"], "  ")


def test_refreshing_the_population_screens_the_late_records(env) -> None:
    db, admin, auditor = env
    pid = provider(db, admin)
    store(db, admin, pid, _month({}))
    info = audits.create_audit(db, auditor, "virtual", pid, FIRST, LAST)
    store(db, admin, pid, _month(REUSE)[-3:])

    before = screening.alerts_for_audit(db, auditor, info.id)
    sample.refresh_population(db, auditor, info.id)
    after = screening.alerts_for_audit(db, auditor, info.id, code="respuesta_reutilizada")

    assert len(before.records) == 12  # the late records are not in the population yet
    assert [r.key for r in after.records] == ["U-1", "U-2", "U-3"]


def test_agreement_counts_the_auditors_final_values_against_the_proposals(env) -> None:
    db, admin, auditor = env
    pid = provider(db, admin)
    store(db, admin, pid, _month(REUSE))
    drawn = sample.create_audit_and_draw(db, auditor, "virtual", pid, FIRST, LAST, seed=3)
    sample.add_records_with_alerts(db, auditor, drawn.audit_id, ["respuesta_reutilizada"], "r")
    evaluate(db, auditor, drawn.audit_id, "U-2", {"coherencia": "no_cumple"})

    summary = screening.screening_summary(db, auditor, drawn.audit_id)

    coherence = next(a for a in summary.agreement if a.criterion == "coherencia")
    assert (coherence.shown, coherence.agreed) == (1, 1)
