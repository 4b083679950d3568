"""Filling form F182: saving, scoring, the audit log, concurrent edits, the entity's words."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

import pytest
from sqlalchemy import select

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration, audits, entity_words
from auditoria_calidad.services.audit_trail import history
from auditoria_calidad.services.auth import login
from auditoria_calidad.services.errors import (
    ConcurrentEdit,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from auditoria_calidad.services.evaluations import (
    EVALUATED,
    PENDING,
    EvaluationConflict,
    EvaluationDraft,
    ObservationRequired,
    list_sample,
    load_form,
    next_pending,
    save_evaluation,
)
from auditoria_calidad.storage.models import Audit, AuditLogEntry, AuditState, ImportBatch, Record
from f182_data import build_audit

ALL_MET = {
    "coherencia": "cumple",
    "pertinencia": "cumple",
    "solucion": "cumple",
    "redaccion_ortografia": "alto",
}


def _history(db, evaluation_id: int):  # type: ignore[no-untyped-def]
    with db.sessions() as session:
        return history(session, "evaluation", evaluation_id)


@pytest.fixture
def f182(db, admin):  # type: ignore[no-untyped-def]
    return build_audit(db, admin)


def test_the_form_shows_the_record_its_timeliness_and_the_scheme(db, f182) -> None:
    form = load_form(db, f182.auditor, f182.items[2])
    assert form.record.key == f182.keys[2]
    assert form.record.identity == "1020300002"  # auditors see the full number
    assert form.timeliness is not None and form.timeliness.within is False  # 30 h
    assert form.timeliness.hours == pytest.approx(30.5)
    assert form.computed == {"oportunidad": False, "registro_crm": True}
    assert [c.key for c in form.scheme.criteria][:2] == ["oportunidad", "coherencia"]
    assert form.saved is None and form.editable


def test_saving_scores_records_the_reviewer_and_starts_the_review(db, f182) -> None:
    saved = save_evaluation(
        db,
        f182.auditor,
        f182.items[0],
        EvaluationDraft(ALL_MET, "Respuesta clara."),
        expected_version=None,
    )
    assert saved.score == Decimal("100.00") and saved.complete
    assert saved.reviewer == "Auditora de Pruebas" and saved.version == 1
    rows = list_sample(db, f182.auditor, f182.audit_id)
    assert (rows[0].state, rows[0].score) == (EVALUATED, Decimal("100.00"))
    assert all(r.state == PENDING for r in rows[1:])
    assert audits.get_audit(db, f182.auditor, f182.audit_id).state is AuditState.IN_REVIEW


def test_a_failed_critical_criterion_zeroes_the_score(db, f182) -> None:
    answers = ALL_MET | {"solucion": "no_cumple"}
    saved = save_evaluation(
        db,
        f182.auditor,
        f182.items[0],
        EvaluationDraft(answers, "No resuelve."),
        expected_version=None,
    )
    assert saved.score == Decimal("0.00") and saved.score_without_critical == Decimal("70.00")


@pytest.mark.parametrize(
    ("failed", "named"),
    [
        ({"coherencia": "no_cumple"}, "Coherencia: No cumple"),
        ({"redaccion_ortografia": "bajo"}, "Redacción y ortografía: nivel bajo"),
    ],
)
def test_a_failed_judged_criterion_needs_an_observation(db, f182, failed, named) -> None:
    with pytest.raises(ObservationRequired) as caught:
        save_evaluation(
            db,
            f182.auditor,
            f182.items[0],
            EvaluationDraft(ALL_MET | failed, "   "),
            expected_version=None,
        )
    assert isinstance(caught.value, InvalidInput)
    assert named in caught.value.message and "observación" in caught.value.message
    assert caught.value.keys == tuple(failed)
    assert load_form(db, f182.auditor, f182.items[0]).saved is None  # nothing stored
    # «Medio» (half credit), N.A. and a computed failure need none.
    save_evaluation(
        db,
        f182.auditor,
        f182.items[2],  # answered after 30 h: «oportunidad» fails by itself
        EvaluationDraft(ALL_MET | {"redaccion_ortografia": "medio", "pertinencia": "na"}),
        expected_version=None,
    )
    saved = save_evaluation(
        db,
        f182.auditor,
        f182.items[0],
        EvaluationDraft(ALL_MET | failed, "La respuesta habla de otro trámite."),
        expected_version=None,
    )
    assert saved.observations == "La respuesta habla de otro trámite."
    # Erasing the observation later is refused too.
    with pytest.raises(ObservationRequired):
        save_evaluation(
            db,
            f182.auditor,
            f182.items[0],
            EvaluationDraft(ALL_MET | failed, ""),
            expected_version=saved.version,
        )


def test_a_partial_evaluation_is_kept_but_stays_pending(db, f182) -> None:
    saved = save_evaluation(
        db,
        f182.auditor,
        f182.items[0],
        EvaluationDraft({"coherencia": "cumple"}),
        expected_version=None,
    )
    assert not saved.complete
    assert list_sample(db, f182.auditor, f182.audit_id)[0].state == PENDING
    assert next_pending(db, f182.auditor, f182.audit_id, f182.items[0]) == f182.items[1]


def test_next_pending_skips_evaluated_records_and_wraps_around(db, f182) -> None:
    for item in f182.items[1:3]:
        save_evaluation(db, f182.auditor, item, EvaluationDraft(ALL_MET), expected_version=None)
    assert next_pending(db, f182.auditor, f182.audit_id, f182.items[0]) == f182.items[3]
    assert next_pending(db, f182.auditor, f182.audit_id, f182.items[-1]) == f182.items[0]
    for item in (f182.items[0], *f182.items[3:]):
        save_evaluation(db, f182.auditor, item, EvaluationDraft(ALL_MET), expected_version=None)
    assert next_pending(db, f182.auditor, f182.audit_id, f182.items[0]) is None


def test_every_changed_field_is_in_the_audit_log(db, f182) -> None:
    first = save_evaluation(
        db, f182.auditor, f182.items[0], EvaluationDraft(ALL_MET), expected_version=None
    )
    second = save_evaluation(
        db,
        f182.auditor,
        f182.items[0],
        EvaluationDraft(ALL_MET | {"pertinencia": "no_cumple"}, "Falta el plazo."),
        expected_version=first.version,
    )
    assert second.version == 2 and second.score == Decimal("85.00")
    lines = _history(db, second.evaluation_id)
    updates = {(ln.field, ln.old_value, ln.new_value) for ln in lines if ln.action == "update"}
    assert ("criterio.pertinencia", "cumple", "no_cumple") in updates
    assert ("observaciones", None, "Falta el plazo.") in updates
    assert ("puntaje", "100.00", "85.00") in updates
    assert ("criterio.coherencia", None, "cumple") in updates  # from the first save
    assert {ln.username for ln in lines} == {"auditora"}


def test_saving_unchanged_values_writes_nothing(db, f182) -> None:
    first = save_evaluation(
        db, f182.auditor, f182.items[0], EvaluationDraft(ALL_MET), expected_version=None
    )
    again = save_evaluation(
        db, f182.auditor, f182.items[0], EvaluationDraft(ALL_MET), expected_version=first.version
    )
    assert again.version == first.version
    assert len(_history(db, first.evaluation_id)) == 1 + 5


def test_a_second_auditor_cannot_overwrite_a_newer_save(db, admin, f182) -> None:
    administration.add_user(
        db, admin, "otro", "clave-otro-12", Role.AUDITOR, full_name="Otro Auditor"
    )
    other = login(db, "otro", "clave-otro-12")
    base = save_evaluation(
        db, f182.auditor, f182.items[0], EvaluationDraft(ALL_MET), expected_version=None
    )
    # Both opened version 1; the other auditor saves first.
    save_evaluation(
        db,
        other,
        f182.items[0],
        EvaluationDraft(ALL_MET, "Revisado por otro."),
        expected_version=base.version,
    )
    with pytest.raises(EvaluationConflict) as caught:
        save_evaluation(
            db,
            f182.auditor,
            f182.items[0],
            EvaluationDraft(ALL_MET | {"coherencia": "no_cumple"}),
            expected_version=base.version,
        )
    assert isinstance(caught.value, ConcurrentEdit)
    assert caught.value.saved.reviewer == "Otro Auditor"
    assert "Otro Auditor guardó esta evaluación a las" in caught.value.message
    stored = load_form(db, f182.auditor, f182.items[0]).saved
    assert stored is not None and stored.observations == "Revisado por otro."
    assert stored.answers["coherencia"] == "cumple" and stored.version == 2


def test_two_first_saves_of_the_same_record_conflict(db, f182) -> None:
    save_evaluation(
        db, f182.auditor, f182.items[0], EvaluationDraft(ALL_MET), expected_version=None
    )
    with pytest.raises(EvaluationConflict):
        save_evaluation(db, f182.auditor, f182.items[0], EvaluationDraft({}), expected_version=None)


def test_values_outside_the_scheme_are_refused(db, f182) -> None:
    for answers in (
        {"coherencia": "quizá"},
        {"oportunidad": "cumple"},
        {"nada": "cumple"},
        {"redaccion_ortografia": "excelente"},
    ):
        with pytest.raises(InvalidInput):
            save_evaluation(
                db, f182.auditor, f182.items[0], EvaluationDraft(answers), expected_version=None
            )
    assert list_sample(db, f182.auditor, f182.audit_id)[0].version is None


def test_an_approved_audit_is_read_only(db, f182) -> None:
    with db.transaction() as session:
        session.get(Audit, f182.audit_id).state = AuditState.APPROVED
    assert not load_form(db, f182.auditor, f182.items[0]).editable
    with pytest.raises(InvalidInput, match="aprobada"):
        save_evaluation(
            db, f182.auditor, f182.items[0], EvaluationDraft(ALL_MET), expected_version=None
        )


def test_only_evaluators_open_the_form(db, admin, f182) -> None:
    with pytest.raises(PermissionDenied):
        load_form(db, admin, f182.items[0])
    with pytest.raises(NotFound):
        load_form(db, f182.auditor, 999_999)


def test_chat_records_show_wait_time_and_crm_registration(db, admin) -> None:
    chat = build_audit(db, admin, count=4, channel=Channel.CHAT)
    form = load_form(db, chat.auditor, chat.items[0])
    assert form.timeliness is None and form.record.wait_seconds == 95
    assert form.computed == {"oportunidad": False, "registrado_crm": False}
    assert "Agente (Ana)" in form.record.answer_text


def test_entity_words_are_shared_logged_and_validated(db, admin, f182) -> None:
    assert entity_words.list_entity_words(db) == []
    words = entity_words.add_entity_words(db, f182.auditor, ["ICETEX", " Sisbén ", "icetex"])
    assert words == ["ICETEX", "icetex", "Sisbén"]
    assert entity_words.remove_entity_words(db, admin, ["icetex"]) == ["ICETEX", "Sisbén"]
    assert entity_words.list_entity_words(db) == ["ICETEX", "Sisbén"]
    with db.sessions() as session:
        logged = session.execute(
            select(AuditLogEntry.action, AuditLogEntry.new_value, AuditLogEntry.old_value)
            .where(AuditLogEntry.field == "entity_words")
            .order_by(AuditLogEntry.id)
        ).all()
    assert [tuple(r) for r in logged] == [
        ("add_word", "ICETEX", None),
        ("add_word", "icetex", None),
        ("add_word", "Sisbén", None),
        ("remove_word", None, "icetex"),
    ]
    for bad in ("dos palabras", "", "=1+1", "a" * 61):
        with pytest.raises(InvalidInput):
            entity_words.add_entity_words(db, f182.auditor, [bad])
    administration.add_user(db, admin, "comite1", "clave-comite-1", Role.COMMITTEE)
    with pytest.raises(PermissionDenied):
        entity_words.add_entity_words(db, login(db, "comite1", "clave-comite-1"), ["Otra"])


def test_an_answer_known_by_its_day_only_shows_no_made_up_hours(db, f182) -> None:
    """The batch says its file gave each answer's day without the hour (stored at 00:00):
    the form shows the day, no hours, and «oportunidad» only where the day decides it."""
    with db.transaction() as session:
        session.scalars(select(ImportBatch)).one().answer_days_only = True
        for record in session.scalars(select(Record)):
            assert record.answered_at is not None
            record.answered_at = datetime.combine(record.answered_at.date(), time())
            if record.key == "2026-ER-000105":  # received 06/10 19:00: the next day is open
                record.answered_at = datetime(2026, 10, 7)
    forms = {form.record.key: form for form in (load_form(db, f182.auditor, i) for i in f182.items)}

    same_day, late, undecided = (
        forms["2026-ER-000100"],
        forms["2026-ER-000102"],
        forms["2026-ER-000105"],
    )
    assert same_day.record.answered_day_only
    assert same_day.timeliness is not None and same_day.timeliness.hours is None
    assert same_day.computed["oportunidad"] is True
    assert late.computed["oportunidad"] is False  # 07/10 for a request of 05/10 22:00
    assert undecided.computed["oportunidad"] is None  # the auditor answers it
    assert undecided.timeliness is not None and undecided.timeliness.legal_met is True
