"""Every shared edit is refused when made on what someone else saved since it was read.

Each test opens a second `Database` on the same database (SQLite file or PostgreSQL
server), as a second auditor's computer would: both read, the first saves, the second
save is refused with who saved and when, and the first one's values are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from audit_data import ENGINES, open_env, user
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import (
    approval,
    committee,
    findings,
    observation_templates,
    office_settings,
    reports,
    schemes,
)
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.commitment_edits import update_commitment
from auditoria_calidad.services.connection import Database, open_database
from auditoria_calidad.services.edit_conflicts import StaleEdit
from auditoria_calidad.services.errors import ConcurrentEdit
from cycle_data import evaluated_audit, new_provider, people

ANSWER = answers.AnswerDraft(
    "El agente no consultó la base de conocimiento.",
    "Refuerzo de la guía con el equipo.",
    "Coordinadora de calidad",
    date(2026, 12, 15),
)


@pytest.fixture(scope="module", params=ENGINES)
def env(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    yield from open_env(request, tmp_path_factory)


@pytest.fixture(scope="module")
def cast(env):  # type: ignore[no-untyped-def]
    mine, other = new_provider(env.db, env.admin), new_provider(env.db, env.admin)
    return mine, people(env.db, env.admin, mine[1], other[1])


@pytest.fixture
def other_db(env) -> Iterator[Database]:  # type: ignore[no-untyped-def]
    """A second connection to the same database, as another auditor's computer."""
    second = open_database(env.db.url)
    yield second
    second.close()


def _sent_audit(env, cast):  # type: ignore[no-untyped-def]
    provider, who = cast
    audit = evaluated_audit(env.db, env.admin, who.auditor, provider, count=3)
    approval.approve_audit(env.db, who.head, audit.audit_id)
    approval.send_to_provider(env.db, who.head, audit.audit_id)
    return audit


def test_a_stale_save_of_conclusions_is_refused_and_the_first_is_kept(env, cast, other_db) -> None:
    provider, who = cast
    audit = evaluated_audit(env.db, env.admin, who.auditor, provider, count=3)
    second = user(env.db, env.admin, Role.AUDITOR)
    mine = reports.report_texts(env.db, who.auditor, audit.audit_id)
    theirs = reports.report_texts(other_db, second, audit.audit_id)
    assert mine.version == theirs.version == 0

    saved = reports.set_conclusions(
        env.db, who.auditor, audit.audit_id, "Primera.", "Uno.", expected_version=mine.version
    )
    assert saved.version == 1
    with pytest.raises(StaleEdit) as refused:
        reports.set_conclusions(
            other_db, second, audit.audit_id, "Segunda.", "Dos.", expected_version=theirs.version
        )
    assert isinstance(refused.value, ConcurrentEdit) and refused.value.exit_code == 5
    message = refused.value.message
    assert who.auditor.display_name in message and "conclusiones" in message
    assert "No se sobrescribió nada" in message
    assert refused.value.saved.value("Conclusiones") == "Primera."
    assert refused.value.saved.version == 1
    stored = reports.report_texts(other_db, second, audit.audit_id)
    assert (stored.conclusions, stored.recommendations, stored.version) == ("Primera.", "Uno.", 1)

    # «Guardar mi versión encima»: the second auditor saves over the version now shown.
    kept = reports.set_conclusions(
        other_db, second, audit.audit_id, "Segunda.", "Dos.", expected_version=1
    )
    assert (kept.conclusions, kept.version) == ("Segunda.", 2)


def test_a_stale_provider_answer_is_refused_and_the_first_is_kept(env, cast, other_db) -> None:
    _provider, who = cast
    audit = _sent_audit(env, cast)
    finding = findings.list_findings(env.db, who.manager, audit.audit_id)[0]
    answers.save_answer(env.db, who.manager, finding.id, ANSWER, submit=False)
    version = findings.get_finding(env.db, who.manager, finding.id).answer.version

    first = replace(ANSWER, cause_analysis="Causa escrita primero.")
    answers.save_answer(
        env.db, who.manager, finding.id, first, submit=False, expected_version=version
    )
    late = answers.AnswerDraft(
        "Causa escrita después.", "Otra acción.", "Otro responsable", date(2027, 1, 10)
    )
    with pytest.raises(StaleEdit) as refused:
        answers.save_answer(
            other_db, who.manager, finding.id, late, submit=False, expected_version=version
        )
    assert who.manager.display_name in refused.value.message
    assert refused.value.saved.value("Análisis de causa") == "Causa escrita primero."
    stored = findings.get_finding(other_db, who.manager, finding.id).answer
    assert stored.cause_analysis == "Causa escrita primero."
    assert stored.version == version + 1


def test_a_stale_commitment_edit_is_refused_and_the_first_is_kept(env, cast, other_db) -> None:
    _provider, who = cast
    audit = _sent_audit(env, cast)
    session = committee.create_session(env.db, who.committee, date(2026, 12, 2), [audit.audit_id])
    agreed = committee.add_commitment(
        env.db, who.committee, session.id, "Capacitar al equipo.", "Coordinadora"
    )
    assert agreed.version == 1
    changed = update_commitment(
        env.db,
        who.committee,
        session.id,
        agreed.id,
        action="Capacitar al equipo en la guía.",
        responsible="Coordinadora",
        due_date=date(2027, 1, 31),
        expected_version=agreed.version,
    )
    assert changed.version == 2 and changed.due_date == date(2027, 1, 31)
    with pytest.raises(StaleEdit) as refused:
        update_commitment(
            other_db,
            who.head,
            session.id,
            agreed.id,
            action="Otra acción.",
            responsible="Otra persona",
            due_date=None,
            expected_version=agreed.version,
        )
    assert who.committee.display_name in refused.value.message
    assert refused.value.saved.value("Acción") == "Capacitar al equipo en la guía."
    [stored] = [c for c in committee.list_commitments(other_db, who.head) if c.id == agreed.id]
    assert (stored.action, stored.responsible, stored.version) == (
        "Capacitar al equipo en la guía.",
        "Coordinadora",
        2,
    )


def test_a_stale_scheme_edit_is_refused_and_the_first_is_kept(env, other_db) -> None:
    admin = env.admin
    second = user(env.db, admin, Role.ADMIN)
    base = schemes.current_scheme(env.db, admin, "chat")
    theirs = schemes.current_scheme(other_db, second, "chat")
    first = base.definition()
    first["thresholds"]["target_score"] = 91
    saved = schemes.save_scheme_version(
        env.db, admin, base.info.id, first, expected_latest=base.info.version
    )
    late = theirs.definition()
    late["thresholds"]["target_score"] = 70
    with pytest.raises(StaleEdit) as refused:
        schemes.save_scheme_version(
            other_db, second, theirs.info.id, late, expected_latest=theirs.info.version
        )
    assert admin.display_name in refused.value.message
    assert f"versión {saved.info.version}" in refused.value.message
    current = schemes.current_scheme(other_db, second, "chat")
    assert current.info.id == saved.info.id
    assert current.scheme.thresholds.target_score == 91


def test_a_stale_entity_setting_is_refused_and_other_settings_still_save(env, other_db) -> None:
    admin = env.admin
    second = user(env.db, admin, Role.ADMIN)
    mine = office_settings.setting_versions(env.db)
    theirs = office_settings.setting_versions(other_db)
    office_settings.update_settings(
        env.db, admin, {"entity_name": "Entidad Primera"}, expected_versions=mine
    )
    with pytest.raises(StaleEdit) as refused:
        office_settings.update_settings(
            other_db,
            second,
            {"entity_name": "Entidad Segunda", "office_name": "Oficina Segunda"},
            expected_versions=theirs,
        )
    assert admin.display_name in refused.value.message
    assert refused.value.saved.value("Nombre de la entidad") == "Entidad Primera"
    stored = office_settings.get_settings(other_db)
    assert stored["entity_name"] == "Entidad Primera"
    assert stored["office_name"] != "Oficina Segunda"  # nothing of the refused save
    # A setting nobody changed since it was read saves; the same value is no conflict.
    office_settings.update_settings(
        other_db,
        second,
        {"entity_name": "Entidad Primera", "office_name": "Oficina Segunda"},
        expected_versions=theirs,
    )
    assert office_settings.get_settings(env.db)["office_name"] == "Oficina Segunda"


def test_stale_observation_templates_are_refused_and_the_first_are_kept(env, other_db) -> None:
    admin = env.admin
    second = user(env.db, admin, Role.ADMIN)
    mine = observation_templates.templates_version(env.db)
    theirs = observation_templates.templates_version(other_db)
    observation_templates.save_observation_templates(
        env.db, admin, "coherencia", ["Primera plantilla."], expected_version=mine
    )
    with pytest.raises(StaleEdit) as refused:
        observation_templates.save_observation_templates(
            other_db, second, "coherencia", ["Segunda plantilla."], expected_version=theirs
        )
    assert admin.display_name in refused.value.message
    assert "Primera plantilla." in refused.value.saved.fields[0][1]
    stored = observation_templates.list_observation_templates(other_db)
    assert stored["coherencia"] == ["Primera plantilla."]
    assert observation_templates.templates_version(other_db) == mine + 1


def test_protocol_phrases_saved_as_the_old_defaults_show_the_current_ones(env) -> None:
    """An entity that restored and saved the defaults of earlier rules never chose them:
    the window shows, and the screening uses, the current defaults."""
    from auditoria_calidad.domain.screening.inputs import (
        DEFAULT_CLOSINGS,
        EARLIER_DEFAULT_CLOSINGS,
    )

    office_settings.update_settings(
        env.db, env.admin, {"screening_closings": list(EARLIER_DEFAULT_CLOSINGS[0])}
    )
    assert office_settings.get_settings(env.db)["screening_closings"] == list(DEFAULT_CLOSINGS)

    mine = ["cordialmente", "hasta pronto"]
    office_settings.update_settings(env.db, env.admin, {"screening_closings": mine})
    assert office_settings.get_settings(env.db)["screening_closings"] == mine

    from auditoria_calidad.domain.screening.inputs import (
        DEFAULT_LEGALISMS,
        EARLIER_DEFAULT_LEGALISMS,
    )

    office_settings.update_settings(
        env.db, env.admin, {"screening_legalisms": list(EARLIER_DEFAULT_LEGALISMS[0])}
    )
    assert office_settings.get_settings(env.db)["screening_legalisms"] == list(DEFAULT_LEGALISMS)
