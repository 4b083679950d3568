"""Calibration sessions: blind judgements by several evaluators, revealed and compared."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.auth import login
from auditoria_calidad.services.calibration import (
    close_calibration,
    create_calibration,
    eligible_evaluators,
    list_calibrations,
    list_records,
    load_form,
    save_judgement,
    show_calibration,
    submit_calibration,
)
from auditoria_calidad.services.calibration_dtos import (
    CalibrationState,
    JudgementConflict,
    JudgementDraft,
)
from auditoria_calidad.services.calibration_exchange import export_own_sheet, import_own_sheet
from auditoria_calidad.services.errors import InvalidInput, NotFound, PermissionDenied
from auditoria_calidad.services.evaluations import ObservationRequired
from auditoria_calidad.services.f182_exchange import (
    F182ImportRejected,
    export_f182,
    import_f182,
)
from auditoria_calidad.storage.models import Audit, AuditLogEntry, Evaluation
from f182_data import PASSWORD, build_audit

ALL_MET = {
    "coherencia": "cumple",
    "pertinencia": "cumple",
    "solucion": "cumple",
    "redaccion_ortografia": "alto",
}
NOTE = "La respuesta no resuelve lo que el usuario pidió."


@dataclass
class Office:
    audit_id: int
    number: str
    keys: list[str]
    ana: Actor  # auditor, creator and reference
    beto: Actor  # second auditor
    carla: Actor  # head of office
    outsider: Actor  # an auditor not in the session


def _user(db, admin, username: str, role: Role) -> Actor:  # type: ignore[no-untyped-def]
    administration.add_user(db, admin, username, PASSWORD, role, full_name=username.title())
    return login(db, username, PASSWORD)


@pytest.fixture
def office(db, admin) -> Office:  # type: ignore[no-untyped-def]
    built = build_audit(db, admin, count=6, auditor_name="ana")
    return Office(
        built.audit_id,
        built.number,
        built.keys,
        built.auditor,
        _user(db, admin, "beto", Role.AUDITOR),
        _user(db, admin, "carla", Role.HEAD),
        _user(db, admin, "dario", Role.AUDITOR),
    )


def _create(db, office: Office, **options):  # type: ignore[no-untyped-def]
    options.setdefault("size", 4)
    options.setdefault("seed", 11)
    return create_calibration(
        db, office.ana, office.audit_id, evaluators=["ana", "beto", "carla"], **options
    )


def _judge(db, actor: Actor, cal_id: int, changes: dict[str, dict[str, str]] | None = None):  # type: ignore[no-untyped-def]
    """Judge every record: all met, except ``changes`` (record key → answers)."""
    for row in list_records(db, actor, cal_id):
        answers = ALL_MET | (changes or {}).get(row.key, {})
        failed = "no_cumple" in answers.values() or answers["redaccion_ortografia"] == "bajo"
        save_judgement(
            db,
            actor,
            cal_id,
            row.record_id,
            JudgementDraft(answers, NOTE if failed else ""),
            expected_version=row.version,
        )


def _audit_state(db, audit_id: int) -> tuple:  # type: ignore[type-arg]
    with db.sessions() as session:
        audit = session.get(Audit, audit_id)
        evaluations = session.scalars(select(Evaluation).order_by(Evaluation.id)).all()
        return (
            audit.state,
            audit.version,
            [(e.sample_item_id, dict(e.answers), e.score, e.version) for e in evaluations],
        )


def test_a_whole_session_with_three_evaluators_is_revealed_and_compared(db, office) -> None:
    before = _audit_state(db, office.audit_id)
    summary = _create(db, office, reference="ana")
    assert summary.state is CalibrationState.OPEN
    assert len(summary.record_keys) == 4 and set(summary.record_keys) <= set(office.keys)
    assert summary.reference == "ana" and summary.seed == 11
    first, second = summary.record_keys[0], summary.record_keys[1]

    _judge(db, office.ana, summary.id)
    _judge(db, office.beto, summary.id, {second: {"redaccion_ortografia": "medio"}})
    _judge(db, office.carla, summary.id, {first: {"solucion": "no_cumple"}})
    for actor in (office.ana, office.beto):
        submit_calibration(db, actor, summary.id)
        assert show_calibration(db, actor, summary.id).results is None  # carla is pending
    revealed = submit_calibration(db, office.carla, summary.id)
    assert revealed.state is CalibrationState.REVEALED

    view = show_calibration(db, office.beto, summary.id)
    results = view.results
    assert results is not None
    by_criterion = results.agreement.by_criterion
    assert set(by_criterion) == {"coherencia", "pertinencia", "solucion", "redaccion_ortografia"}
    assert by_criterion["coherencia"].percent == 1.0
    assert by_criterion["coherencia"].krippendorff_alpha is None  # nothing varies
    assert by_criterion["coherencia"].gwet_ac1 == 1.0
    assert by_criterion["solucion"].percent == pytest.approx((1 / 3 + 3) / 4)
    assert by_criterion["redaccion_ortografia"].alpha_metric == "ordinal"
    assert by_criterion["redaccion_ortografia"].percent == pytest.approx((1 / 3 + 3) / 4)
    assert results.agreement.overall.units == 16
    assert results.agreement.overall.percent == pytest.approx((14 + 2 / 3) / 16)

    figures = {f.username: f for f in results.by_evaluator}
    assert figures["carla"].strictest  # her «No cumple» of a critical criterion zeroes it
    assert figures["ana"].most_lenient
    assert figures["ana"].alignment is None  # the reference
    assert figures["beto"].alignment == {
        "coherencia": 1.0,
        "pertinencia": 1.0,
        "solucion": 1.0,
        "redaccion_ortografia": 0.75,
    }
    assert figures["carla"].alignment["solucion"] == 0.75  # type: ignore[index]

    assert [r.key for r in results.records][:2] == [first, second]
    widest = results.records[0]
    assert widest.criteria_in_disagreement == ("solucion",)
    assert widest.judgements["carla"].score == Decimal("0.00")
    assert widest.judgements["carla"].observation == NOTE
    assert results.records[1].criteria_in_disagreement == ("redaccion_ortografia",)
    assert results.records[2].criteria_in_disagreement == ()

    # Calibration never touches the audit: its state, version and evaluations.
    assert _audit_state(db, office.audit_id) == before
    with pytest.raises(InvalidInput, match="revelada"):
        save_judgement(
            db,
            office.ana,
            summary.id,
            list_records(db, office.ana, summary.id)[0].record_id,
            JudgementDraft(ALL_MET),
            expected_version=1,
        )


def test_nobody_sees_another_evaluators_judgements_before_the_reveal(
    db, office, tmp_path: Path
) -> None:
    summary = _create(db, office)
    first = summary.record_keys[0]
    _judge(db, office.ana, summary.id, {first: {"coherencia": "no_cumple"}})
    submit_calibration(db, office.ana, summary.id)

    # Beto has judged nothing: he sees no one's judgements, by any path.
    view = show_calibration(db, office.beto, summary.id)
    assert view.results is None
    assert view.my_progress is not None and view.my_progress.judged == 0
    assert [e.submitted for e in view.summary.evaluators] == [True, False, False]
    rows = list_records(db, office.beto, summary.id)
    assert not any(r.judged for r in rows) and all(r.version is None for r in rows)
    form = load_form(db, office.beto, summary.id, rows[0].record_id)
    assert form.saved is None and form.editable
    path = tmp_path / "beto.xlsx"
    export_own_sheet(db, office.beto, summary.id, path)
    sheet = load_workbook(path)["F182"]
    headers = {c.value: c.column for c in sheet[4] if c.value}
    values = [
        sheet.cell(row, headers[h]).value
        for row in range(5, 9)
        for h in ("Coherencia", "Pertinencia", "Solución del problema", "Redacción y ortografía")
    ]
    assert values == [None] * 16
    assert not any(
        sheet.cell(row, headers["Observaciones generales de calidad"]).value == NOTE
        for row in range(5, 9)
    )
    # Ana has submitted, but the others have not: she still sees only her own.
    assert show_calibration(db, office.ana, summary.id).results is None
    # Someone outside the session sees nothing at all, not even that it exists in full.
    with pytest.raises(PermissionDenied):
        show_calibration(db, office.outsider, summary.id)
    with pytest.raises(PermissionDenied):
        list_records(db, office.outsider, summary.id)
    assert list_calibrations(db, office.outsider) == []
    # Once the creator closes it, its members see everything.
    close_calibration(db, office.ana, summary.id)
    closed = show_calibration(db, office.beto, summary.id)
    assert closed.summary.state is CalibrationState.CLOSED
    assert closed.results is not None
    assert closed.results.records[0].judgements["ana"].answers["coherencia"] == "no_cumple"


def test_judgements_follow_the_scheme_and_the_observation_rule(db, office) -> None:
    summary = _create(db, office, size=2)
    record = list_records(db, office.beto, summary.id)[0]
    with pytest.raises(ObservationRequired):
        save_judgement(
            db,
            office.beto,
            summary.id,
            record.record_id,
            JudgementDraft(ALL_MET | {"solucion": "no_cumple"}),
            expected_version=None,
        )
    with pytest.raises(InvalidInput, match="calculado"):
        save_judgement(
            db,
            office.beto,
            summary.id,
            record.record_id,
            JudgementDraft({"oportunidad": "cumple"}),
            expected_version=None,
        )
    with pytest.raises(InvalidInput):
        save_judgement(
            db,
            office.beto,
            summary.id,
            record.record_id,
            JudgementDraft({"coherencia": "quizas"}),
            expected_version=None,
        )
    saved = save_judgement(
        db, office.beto, summary.id, record.record_id, JudgementDraft({"coherencia": "cumple"}),
        expected_version=None,
    )  # fmt: skip
    assert saved.version == 1 and not saved.complete
    with pytest.raises(JudgementConflict):
        save_judgement(
            db, office.beto, summary.id, record.record_id, JudgementDraft(ALL_MET),
            expected_version=None,
        )  # fmt: skip
    with pytest.raises(InvalidInput, match="Faltan 2 registros"):
        submit_calibration(db, office.beto, summary.id)
    with pytest.raises(PermissionDenied):
        save_judgement(
            db, office.outsider, summary.id, record.record_id, JudgementDraft(ALL_MET),
            expected_version=None,
        )  # fmt: skip
    with pytest.raises(PermissionDenied, match="Solo quien"):
        close_calibration(db, office.beto, summary.id)


def test_creation_checks_evaluators_reference_and_records(db, office, admin) -> None:
    assert {e.username for e in eligible_evaluators(db, office.ana)} == {
        "ana",
        "beto",
        "carla",
        "dario",
    }
    with pytest.raises(InvalidInput, match="dos evaluadores"):
        create_calibration(db, office.ana, office.audit_id, evaluators=["ana"], size=2)
    with pytest.raises(InvalidInput, match="no evalúa"):
        create_calibration(db, office.ana, office.audit_id, evaluators=["ana", "admin"], size=2)
    with pytest.raises(NotFound):
        create_calibration(db, office.ana, office.audit_id, evaluators=["ana", "nadie"], size=2)
    with pytest.raises(InvalidInput, match="referencia"):
        create_calibration(
            db, office.ana, office.audit_id, evaluators=["ana", "beto"], size=2, reference="dario"
        )
    with pytest.raises(InvalidInput, match="entre 1 y 6"):
        create_calibration(db, office.ana, office.audit_id, evaluators=["ana", "beto"], size=7)
    with pytest.raises(InvalidInput, match="no está en la muestra"):
        create_calibration(
            db, office.ana, office.audit_id, evaluators=["ana", "beto"], record_keys=["X-1"]
        )
    with pytest.raises(PermissionDenied):
        create_calibration(db, admin, office.audit_id, evaluators=["ana", "beto"], size=2)
    chosen = create_calibration(
        db, office.ana, office.audit_id, evaluators=["ana", "beto"], record_keys=office.keys[:2]
    )
    assert chosen.seed is None and set(chosen.record_keys) == set(office.keys[:2])
    # The same seed draws the same records.
    again = [_create(db, office).record_keys for _ in range(2)]
    assert again[0] == again[1]


def test_the_own_sheet_round_trip_and_its_refusals(db, office, tmp_path: Path) -> None:
    before = _audit_state(db, office.audit_id)
    summary = _create(db, office, size=3)
    path = tmp_path / "beto.xlsx"
    assert export_own_sheet(db, office.beto, summary.id, path).rows == 3
    workbook = load_workbook(path)
    sheet = workbook["F182"]
    headers = {c.value: c.column for c in sheet[4] if c.value}
    for row in range(5, 8):
        for header in ("Coherencia", "Pertinencia", "Solución del problema"):
            sheet.cell(row, headers[header], "Cumple")
        sheet.cell(row, headers["Redacción y ortografía"], "Alto")
    sheet.cell(5, headers["Coherencia"], "No cumple")
    filled = tmp_path / "beto-lleno.xlsx"
    workbook.save(filled)
    # A «No cumple» without observation: nothing is applied, the cell is named.
    with pytest.raises(F182ImportRejected, match="fila 5"):
        import_own_sheet(db, office.beto, summary.id, filled)
    assert not any(r.judged for r in list_records(db, office.beto, summary.id))
    sheet.cell(5, headers["Observaciones generales de calidad"], NOTE)
    workbook.save(filled)
    result = import_own_sheet(db, office.beto, summary.id, filled)
    assert (result.rows, result.saved, result.unchanged) == (3, 3, 0)
    assert all(r.judged for r in list_records(db, office.beto, summary.id))
    # Another evaluator's sheet is refused; so is the audit's own F182 workbook.
    with pytest.raises(InvalidInput, match="hoja de «beto»"):
        import_own_sheet(db, office.carla, summary.id, filled)
    audit_book = tmp_path / "auditoria.xlsx"
    export_f182(db, office.ana, office.audit_id, audit_book)
    with pytest.raises(InvalidInput, match="no es una hoja de calibración"):
        import_own_sheet(db, office.beto, summary.id, audit_book)
    # And a calibration sheet is never taken for the audit's evaluations.
    with pytest.raises(InvalidInput):
        import_f182(db, office.ana, office.audit_id, filled)
    # A sheet exported before a change in the application is a conflict.
    submit_calibration(db, office.beto, summary.id)
    with pytest.raises(InvalidInput, match="entregó"):
        import_own_sheet(db, office.beto, summary.id, filled)
    assert _audit_state(db, office.audit_id) == before
    with db.sessions() as session:
        logged = session.scalar(
            select(func.count())
            .select_from(AuditLogEntry)
            .where(AuditLogEntry.entity == "calibration_judgement")
        )
    assert logged and logged > 0
