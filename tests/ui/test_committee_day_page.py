"""The committee's day in the window: several inconsistencies decided at once, every
answered one accepted after a confirmation that says how many, and the acta written as
the full acta or as the extract one provider receives."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView

from auditoria_calidad.services import approval, committee, findings
from auditoria_calidad.services import committee_minutes as minutes
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.committee import Decision, SessionState
from auditoria_calidad.services.connection import open_database
from auditoria_calidad.ui import committee_page
from auditoria_calidad.ui.committee_decisions_panel import BatchDecisionDialog
from auditoria_calidad.ui.committee_page import CommitteePage
from cycle_data import evaluated_audit, new_provider, people

sys.path.insert(0, str(Path(__file__).parents[1] / "integration" / "reporting"))
from reading import flat, page_texts

ANSWER = answers.AnswerDraft("Causa", "Acción", "Responsable", date(2026, 12, 15))


@pytest.fixture
def two(db, admin):  # type: ignore[no-untyped-def]
    """Two providers with an audit each, sent; all answered but each audit's first finding."""
    a, b = new_provider(db, admin), new_provider(db, admin)
    who = people(db, admin, a[1], b[1])
    made = []
    for provider, manager, agents in (
        (a, who.manager, ("Ana María Gómez", "Luis Fernando Pérez")),
        (b, who.other_manager, ("Hernando Quintero", "Yolanda Bermúdez")),
    ):
        audit = evaluated_audit(db, admin, who.auditor, provider, count=8, agents=agents)
        approval.approve_audit(db, who.head, audit.audit_id)
        approval.send_to_provider(db, who.head, audit.audit_id)
        for finding in findings.list_findings(db, manager, audit.audit_id)[1:]:
            answers.save_answer(db, manager, finding.id, ANSWER)
        made.append(audit)
    session = committee.create_session(
        db, who.committee, date(2026, 12, 14), [m.audit_id for m in made], place="Sala 3"
    )
    return who, made, session


def _page(qtbot, db, actor, session_id: int) -> CommitteePage:  # type: ignore[no-untyped-def]
    page = CommitteePage(db, actor)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.select_session(session_id)
    return page


def _wait(qtbot, task) -> None:  # type: ignore[no-untyped-def]
    if task is not None and task.running:
        with qtbot.waitSignal(task.finished, timeout=20_000):
            pass


def _select(page: CommitteePage, rows: list[int]) -> None:
    table = page.findings_table
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.clearSelection()
    for row in rows:
        table.selectionModel().select(table.proxy.index(row, 0), flags)


def test_selected_rows_are_decided_together_and_a_stale_batch_records_nothing(
    qtbot, db, two, shown_messages
) -> None:
    who, _audits, session = two
    page = _page(qtbot, db, who.committee, session.id)
    table = page.findings_table
    assert table.selectionMode() is QAbstractItemView.SelectionMode.ExtendedSelection
    _select(page, [0, 1, 2])
    assert page.decide_button.text() == "Decidir 3 seleccionadas…"
    dialog = page.decide_selected()
    assert isinstance(dialog, BatchDecisionDialog) and len(dialog.chosen) == 3
    chosen = [f.id for f in dialog.chosen]
    dialog.choose(Decision.FOLLOW_UP)
    dialog.accept()  # the observation is required for a follow-up
    _wait(qtbot, dialog.task)
    assert dialog.isVisible() and "observación" in dialog.error.text()
    dialog.observation.setPlainText("Verificar en la próxima auditoría.")
    other = open_database(db.url)  # another member decides one of them meanwhile
    try:
        committee.record_decision(other, who.head, session.id, chosen[1], "aceptada")
    finally:
        other.close()
    dialog.accept()
    _wait(qtbot, dialog.task)
    assert dialog.isVisible() and "No se registró ninguna decisión" in dialog.error.text()
    stored = committee.get_session(db, who.head, session.id)
    decided = {fid for view in stored.audits for fid in view.decisions}
    assert decided == {chosen[1]}  # the batch recorded nothing
    dialog.reject()
    page.refresh()
    _select(page, [0, 2])
    again = page.decide_selected()
    assert isinstance(again, BatchDecisionDialog)
    again.choose(Decision.REJECTED)
    again.observation.setPlainText("La acción no corrige la causa.")
    again.accept()
    _wait(qtbot, again.task)
    _wait(qtbot, page.action)
    assert not again.isVisible()
    stored = committee.get_session(db, who.head, session.id)
    states = {fid: d for view in stored.audits for fid, (d, _n) in view.decisions.items()}
    assert [states.get(fid) for fid in chosen] == [
        Decision.REJECTED,
        Decision.ACCEPTED,
        Decision.REJECTED,
    ]
    assert "Decisión registrada en 2 inconsistencias." in shown_messages[-1].text


def test_accept_all_answered_confirms_how_many_then_the_provider_extract_is_saved(
    qtbot, db, two, shown_messages, tmp_path, monkeypatch
) -> None:
    who, (audit_a, audit_b), session = two
    page = _page(qtbot, db, who.committee, session.id)
    pending = page.findings_panel.pending_answered()
    everyone = [f for view in page.detail.audits for f in view.findings]  # type: ignore[union-attr]
    assert len(pending) == len(everyone) - 2  # each audit's first finding has no answer
    assert f"{len(pending)} respondidas esperan decisión" in page.findings_summary.text()
    page.grab().save(str(tmp_path / "comite-antes.png"))
    action = page.accept_answered()
    assert action is not None
    assert f"en {len(pending)} inconsistencias que aún no tienen decisión" in (
        shown_messages[-1].text
    )
    _wait(qtbot, action)
    assert "Respuesta aceptada en" in shown_messages[-1].text
    assert not page.accept_all_button.isEnabled()  # none left
    assert "0 respondidas esperan decisión" in page.findings_summary.text()
    stored = committee.get_session(db, who.head, session.id)
    assert sum(len(v.decisions) for v in stored.audits) == len(pending)

    # The two without answer, then the acta issued writing provider A's extract.
    rest = [f.id for f in everyone if f.id not in {p.id for p in pending}]
    committee.record_decisions(
        db, who.committee, session.id, [(fid, "no_aceptada", "Sin respuesta.") for fid in rest]
    )
    committee.add_attendee(db, who.committee, session.id, "Marta Lucía Rincón")
    page.refresh()
    labels = [page.recipient.itemText(i) for i in range(page.recipient.count())]
    assert labels == [
        "Acta completa (para la entidad)",
        *sorted(f"Extracto para {a.provider}" for a in (audit_a, audit_b)),
    ]
    page.recipient.setCurrentIndex(page.recipient.findData(audit_a.provider_id))
    page.grab().save(str(tmp_path / "comite.png"))
    target = tmp_path / "extracto.pdf"
    monkeypatch.setattr(committee_page, "ask_save_path", lambda *_a: str(target))
    task = page.issue()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    assert page.detail is not None and page.detail.info.state is SessionState.ISSUED
    assert f"El extracto del acta {session.acta_number} para {audit_a.provider}" in (
        shown_messages[-1].text
    )
    text = flat(" ".join(page_texts(target.read_bytes())))
    b_keys = {f.key for f in findings.list_findings(db, who.head, audit_b.audit_id)}
    a_keys = {f.key for f in findings.list_findings(db, who.head, audit_a.audit_id)}
    assert all(flat(k) in text for k in a_keys) and not any(flat(k) in text for k in b_keys)
    assert minutes.verify_minutes(db, who.head, session.id, target, audit_a.provider_id).matches
    assert "entrega" not in " ".join(m.text for m in shown_messages)
