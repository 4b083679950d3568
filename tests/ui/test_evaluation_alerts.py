"""The automatic screening in the F182 form: each criterion shows its alerts and the
proposed value; Ctrl+P fills the proposals, the auditor saves, and the evaluation keeps
which proposals were accepted or overridden. Nothing becomes a judgement by itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from auditoria_calidad.services import screening
from auditoria_calidad.services.connection import Database, open_database
from auditoria_calidad.services.evaluations import saved_evaluation
from auditoria_calidad.storage.models import Evaluation, Record
from auditoria_calidad.ui.evaluation_page import EvaluationPage
from f182_data import F182Audit, build_audit

CTRL = Qt.KeyboardModifier.ControlModifier
SUBJECTS = ("Certificados", "Créditos", "Becas")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """SQLite and PostgreSQL (the other window tests' ``db`` is SQLite only)."""
    database = open_database(db_url)
    yield database
    QThreadPool.globalInstance().waitForDone()
    database.close()


@pytest.fixture
def f182(db: Database, admin) -> F182Audit:  # type: ignore[no-untyped-def]
    """Six answers, the same two texts given to requests of three subjects: every record
    has a «respuesta_reutilizada» alert, the misspelled ones an «ortografia» alert and the
    late ones a «plazo_24h» alert."""
    audit = build_audit(db, admin, count=6)
    with db.transaction() as session:
        for i, record in enumerate(session.scalars(select(Record).order_by(Record.key))):
            record.service = SUBJECTS[i % 3]
    screening.screen_audit(db, audit.auditor, audit.audit_id)
    return audit


def open_page(qtbot, db: Database, f182: F182Audit) -> EvaluationPage:  # type: ignore[no-untyped-def]
    page = EvaluationPage(db, f182.auditor)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.waitUntil(lambda: page.checker is not None, timeout=20_000)
    return page


def row(page: EvaluationPage, key: str):  # type: ignore[no-untyped-def]
    return next(r for r in (*page.form.rows, *page.form.computed_rows) if r.key == key)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def stored_proposals(db: Database, sample_item_id: int) -> dict | None:  # type: ignore[type-arg]
    with db.sessions() as session:
        return session.scalar(
            select(Evaluation.proposals).where(Evaluation.sample_item_id == sample_item_id)
        )


def test_each_criterion_shows_its_alerts_and_the_proposed_value(qtbot, db, f182) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, db, f182)
    page.open_item(f182.items[2])  # 2026-ER-000102: reused and late
    coherence = row(page, "coherencia")
    text = coherence.alerts.plain_text()
    assert coherence.alerts.isVisible()
    assert "Respuesta reutilizada para otros temas: La misma respuesta" in text
    assert "3 solicitudes de 3 temas distintos" in text and "Becas" in text
    assert "Propuesto: «No cumple» (Ctrl+P: aceptar las propuestas del registro)." in text
    assert coherence.value is None  # shown, not chosen
    # A computed criterion shows its alert, with nothing to propose.
    timeliness = row(page, "oportunidad").alerts.plain_text()
    assert "Respuesta fuera de las 24 horas: Respondida en 30,5 horas" in timeliness
    assert "Propuesto" not in timeliness
    writing = row(page, "redaccion_ortografia").alerts.plain_text()
    assert "Lenguaje poco claro" in writing and "Protocolo de respuesta incompleto" in writing
    # A criterion without alerts shows none.
    assert not row(page, "pertinencia").alerts.isVisible()
    assert "Ctrl+P" in page.form.legend.text()
    alerts = coherence.alerts
    # Laid out whole: the proposal under the evidence is not cut.
    qtbot.waitUntil(lambda: alerts.height() >= alerts.heightForWidth(alerts.width()))
    page.form.grab().save("/tmp/evaluation_alerts.png")


def test_the_accept_key_fills_the_proposals_and_the_auditor_saves(qtbot, db, f182) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, db, f182)
    item = f182.items[1]  # 2026-ER-000101: reused and misspelled
    page.open_item(item)
    press(qtbot, Qt.Key.Key_P, CTRL)
    coherence, writing = row(page, "coherencia"), row(page, "redaccion_ortografia")
    assert (coherence.value, coherence.proposed) == ("no_cumple", True)
    assert (writing.value, writing.proposed) == ("bajo", True)
    assert "Propuesta aceptada: «No cumple»" in coherence.alerts.plain_text()
    page.grab().save("/tmp/evaluation_accepted.png")
    # The observation rule: the evidence is offered, editable.
    observations = page.form.observations.toPlainText()
    assert observations.startswith("Coherencia: La misma respuesta, o casi, se dio a 3")
    assert "Redacción" in observations and "«solisitud»" in observations
    # Leaving the record (what the autosave and moving do) stores no judgement.
    assert page.save_current()
    assert saved_evaluation(db, f182.auditor, item) is None

    press(qtbot, Qt.Key.Key_S, CTRL)
    saved = saved_evaluation(db, f182.auditor, item)
    assert saved is not None
    assert saved.answers["coherencia"] == "no_cumple"
    assert saved.answers["redaccion_ortografia"] == "bajo"
    assert saved.observations.startswith("Coherencia: La misma respuesta")
    assert stored_proposals(db, item) == {
        "coherencia": {
            "proposed": "no_cumple",
            "codes": ["respuesta_reutilizada"],
            "accepted": True,
        },
        "redaccion_ortografia": {"proposed": "bajo", "codes": ["ortografia"], "accepted": True},
    }
    assert not coherence.proposed  # the auditor's answer now
    assert "el auditor lo confirmó" in coherence.alerts.plain_text()


def test_a_proposal_the_auditor_changes_is_stored_as_overridden(qtbot, db, f182) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, db, f182)
    item = f182.items[0]  # 2026-ER-000100: reused, well written
    page.open_item(item)
    press(qtbot, Qt.Key.Key_P, CTRL)
    coherence = row(page, "coherencia")
    coherence.setFocus()
    press(qtbot, Qt.Key.Key_1)  # «Cumple»: the auditor disagrees
    assert (coherence.value, coherence.proposed) == ("cumple", False)
    assert "el auditor eligió otro valor" in coherence.alerts.plain_text()
    press(qtbot, Qt.Key.Key_S, CTRL)
    saved = saved_evaluation(db, f182.auditor, item)
    assert saved is not None and saved.answers["coherencia"] == "cumple"
    assert stored_proposals(db, item) == {
        "coherencia": {
            "proposed": "no_cumple",
            "codes": ["respuesta_reutilizada"],
            "accepted": False,
        }
    }


def test_a_proposed_failure_without_observation_is_not_saved(qtbot, db, f182) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, db, f182)
    item = f182.items[0]
    page.open_item(item)
    press(qtbot, Qt.Key.Key_P, CTRL)
    page.form.observations.clear()
    row(page, "coherencia").setFocus()
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert saved_evaluation(db, f182.auditor, item) is None
    assert page.form.save_state.text() == "Sin guardar: falta la observación"
    assert page.form.observation_error.isVisible()


def test_without_the_auditor_nothing_is_judged(qtbot, db, f182) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, db, f182)
    first = f182.items[0]
    page.open_item(first)
    assert all(r.value is None or r.proposed for r in page.form.rows)
    press(qtbot, Qt.Key.Key_PageDown)  # moving on saves what changed: nothing did
    assert page.current_id == f182.items[1]
    assert saved_evaluation(db, f182.auditor, first) is None
    # The next record's proposals are its own, not carried over.
    assert "Propuesto: «No cumple»" in row(page, "coherencia").alerts.plain_text()
    assert row(page, "coherencia").value is None


def test_a_record_never_screened_says_so(qtbot, db, admin) -> None:  # type: ignore[no-untyped-def]
    audit = build_audit(db, admin, count=3)
    with db.transaction() as session:
        from auditoria_calidad.storage.models import ScreeningResult

        session.query(ScreeningResult).delete()
    page = open_page(qtbot, db, audit)
    assert "aún no se ha prefiltrado" in page.form.other_alerts.plain_text()
    assert not row(page, "coherencia").alerts.isVisible()
