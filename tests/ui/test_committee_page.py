"""The «Comité» page: a session from its dialog, attendees, decisions, commitments, the acta,
the read-only issued session, carry-over and closing an audit, and the filters."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import QDate

from auditoria_calidad.services import approval, committee, findings
from auditoria_calidad.services import committee_minutes as minutes
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.audits import AuditState
from auditoria_calidad.services.committee import Decision, SessionState
from auditoria_calidad.services.connection import open_database
from auditoria_calidad.ui import committee_page
from auditoria_calidad.ui.committee_page import CommitteePage
from cycle_data import evaluated_audit, new_provider, people

ANSWER = answers.AnswerDraft("Causa", "Acción", "Responsable", date(2026, 12, 15))


@pytest.fixture
def answered(db, admin):  # type: ignore[no-untyped-def]
    """Two providers, the people of the cycle, and an answered audit of the first."""
    mine, other = new_provider(db, admin), new_provider(db, admin)
    who = people(db, admin, mine[1], other[1])
    audit = evaluated_audit(db, admin, who.auditor, mine, count=4)
    approval.approve_audit(db, who.head, audit.audit_id)
    approval.send_to_provider(db, who.head, audit.audit_id)
    for finding in findings.list_findings(db, who.manager, audit.audit_id):
        answers.save_answer(db, who.manager, finding.id, ANSWER)
    return audit, who, (mine, other)


def _wait(qtbot, task) -> None:  # type: ignore[no-untyped-def]
    """Wait for an action started on a pool thread (None: nothing was started)."""
    if task is not None and task.running:
        with qtbot.waitSignal(task.finished, timeout=20_000):
            pass


def _accept(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """Press the dialog's accept button and wait for its service call."""
    dialog.accept()
    _wait(qtbot, dialog.task)
    page = dialog.parent()
    if isinstance(page, CommitteePage):  # then the page reloads on the pool
        _wait(qtbot, page.action)


def _page(qtbot, db, actor) -> CommitteePage:  # type: ignore[no-untyped-def]
    page = CommitteePage(db, actor)
    qtbot.addWidget(page)
    page.resize(1146, 700)
    page.show()
    return page


def test_a_whole_session_is_run_from_the_page(
    qtbot, db, answered, shown_messages, tmp_path, monkeypatch
) -> None:
    audit, who, _providers = answered
    page = _page(qtbot, db, who.committee)
    assert page.sessions.source.rowCount() == 0 and "No hay sesiones" in page.session_label.text()
    dialog = page.open_new_session()
    dialog.check_audit(audit.audit_id)
    dialog.place.setText("Sala de juntas <piso 5>")
    dialog.held_on.setDate(QDate(2026, 12, 2))
    _accept(qtbot, dialog)
    assert page.session is not None and page.session.audit_numbers == (audit.number,)
    assert page.detail is not None and page.detail.info.place == "Sala de juntas <piso 5>"

    attendee = page.open_attendee()
    assert attendee is not None
    attendee.name.setText("Marta Lucía Rincón")
    attendee.position.setText("Vicepresidenta de Crédito y Cobranza")
    attendee.organization.setText("Vicepresidencia de Crédito y Cobranza")
    _accept(qtbot, attendee)
    assert page.attendees_table.source.rowCount() == 1

    assert page.findings_table.source.rowCount() == 4
    for row in range(4):
        page.findings_table.selectRow(row)
        decision = page.decide_selected()
        assert decision is not None
        if row == 0:
            decision.choose(Decision.FOLLOW_UP)
            _accept(qtbot, decision)  # no observation: refused inside the dialog
            assert decision.error.isVisible() and decision.isVisible()
            decision.observation.setPlainText("Pedir evidencia de la capacitación.")
        _accept(qtbot, decision)
    assert page.detail is not None
    assert sum(len(v.decisions) for v in page.detail.audits) == 4
    assert "4 de 4 inconsistencias con decisión" in page.findings_summary.text()

    commitment = page.open_commitment()
    assert commitment is not None
    commitment.action.setPlainText("Enviar evidencia de la capacitación")
    commitment.responsible.setText("Diana Salazar")
    commitment.organization.setText("Outsourcing")
    commitment.audit.setCurrentIndex(commitment.audit.findData(audit.audit_id))
    assert commitment.finding.count() == 5  # «Toda la auditoría» and its four findings
    _accept(qtbot, commitment)  # the due date starts empty and is required
    assert commitment.due.message.isVisible() and commitment.isVisible()
    assert "Falta la fecha límite del compromiso." in commitment.due.message.text()
    assert page.commitments_table.source.rowCount() == 0
    commitment.due.setDate(date(2026, 12, 15))
    _accept(qtbot, commitment)
    assert page.commitments_table.source.rowCount() == 1

    target = tmp_path / "acta.pdf"
    monkeypatch.setattr(committee_page, "ask_save_path", lambda *_a: str(target))
    task = page.issue()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    assert target.read_bytes().startswith(b"%PDF")
    assert "emitida" in shown_messages[-1].text
    assert page.detail is not None and page.detail.info.state is SessionState.ISSUED
    for button in (
        page.decide_button,
        page.add_attendee_button,
        page.add_commitment_button,
        page.save_agenda_button,
    ):
        assert not button.isEnabled()
    assert not page.issue_button.isVisible() and page.save_minutes_button.isVisible()
    assert page.agenda.isReadOnly()


def test_carry_over_and_closing_from_the_follow_up_tab(qtbot, db, answered, shown_messages) -> None:
    audit, who, _providers = answered
    first = committee.create_session(db, who.committee, date(2026, 12, 2), [audit.audit_id])
    committee.add_attendee(db, who.committee, first.id, "Marta Rincón")
    ids = [f.id for f in findings.list_findings(db, who.head, audit.audit_id)]
    for finding_id in ids:
        committee.record_decision(db, who.committee, first.id, finding_id, "aceptada")
    committee.record_decision(db, who.committee, first.id, ids[0], "seguimiento", "Verificar")
    promise = committee.add_commitment(
        db,
        who.committee,
        first.id,
        "Capacitar",
        "Ana",
        due_date=date(2026, 12, 10),
        audit_id=audit.audit_id,
    )
    minutes.issue_minutes(db, who.committee, first.id)
    page = _page(qtbot, db, who.head)
    page.tabs.setCurrentIndex(4)
    assert [c.id for c in page.all_commitments.source.rows] == [promise.id]
    page.overdue_filter.setChecked(True)  # due 10/12/2026: overdue only after that day
    overdue = [c.id for c in page.all_commitments.source.rows]
    assert overdue == ([promise.id] if date.today() > date(2026, 12, 10) else [])
    page.overdue_filter.setChecked(False)
    (row,) = page.closable.source.rows
    assert "1 inconsistencia en seguimiento" in row[1] and "1 compromiso abierto" in row[1]
    page.closable.selectRow(0)
    assert not page.close_audit_button.isEnabled()

    dialog = page.open_new_session()
    _accept(qtbot, dialog)  # nothing chosen: the carried-over audit comes along
    session = page.session
    assert session is not None and session.audit_numbers == (audit.number,)
    assert page.detail is not None and [c.id for c in page.detail.follow_up] == [promise.id]
    assert page.findings_table.source.rowCount() == 1  # only the finding in follow-up
    page.tabs.setCurrentIndex(2)
    page.commitments_table.selectRow(0)
    _wait(qtbot, page.close_selected_commitment())
    page.findings_table.selectRow(0)
    decision = page.decide_selected()
    assert decision is not None
    _accept(qtbot, decision)
    page.open_attendee()
    page.dialog.name.setText("Marta Rincón")
    _accept(qtbot, page.dialog)
    minutes.issue_minutes(db, who.committee, session.id)
    page.refresh()
    page.tabs.setCurrentIndex(4)
    page.closable.selectRow(0)
    assert page.close_audit_button.isEnabled()
    _wait(qtbot, page.close_audit())
    assert "cerrada" in shown_messages[-1].text
    status = findings.audit_findings_status(db, who.head, audit.audit_id)
    assert status.state is AuditState.CLOSED
    assert page.closable.source.rowCount() == 0


def test_sessions_filter_by_state_and_provider(qtbot, db, answered) -> None:
    audit, who, (_mine, other) = answered
    session = committee.create_session(db, who.committee, date(2026, 12, 2), [audit.audit_id])
    page = _page(qtbot, db, who.committee)
    assert [s.id for s in page.sessions.source.rows] == [session.id]
    page.state_filter.setCurrentIndex(page.state_filter.findData(SessionState.ISSUED.value))
    assert page.sessions.source.rowCount() == 0
    page.state_filter.setCurrentIndex(0)
    page.provider_filter.setCurrentIndex(page.provider_filter.findData(other[0]))
    assert page.sessions.source.rowCount() == 0
    page.provider_filter.setCurrentIndex(0)
    assert page.sessions.source.rowCount() == 1


def test_the_auditor_reads_but_cannot_manage(qtbot, db, answered) -> None:
    audit, who, _providers = answered
    committee.create_session(db, who.committee, date(2026, 12, 2), [audit.audit_id])
    page = _page(qtbot, db, who.auditor)
    assert page.sessions.source.rowCount() == 1
    assert not page.new_button.isVisible() and not page.decide_button.isVisible()
    assert not page.issue_button.isVisible() and page.preview_button.isVisible()


def test_a_decision_runs_off_the_gui_thread_with_its_buttons_disabled(
    qtbot, db, answered, monkeypatch
) -> None:
    audit, who, _providers = answered
    session = committee.create_session(db, who.committee, date(2026, 12, 2), [audit.audit_id])
    page = _page(qtbot, db, who.committee)
    page.select_session(session.id)
    threads: list[int] = []
    real = committee.record_decision

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(committee, "record_decision", recording)
    page.findings_table.selectRow(0)
    dialog = page.decide_selected()
    assert dialog is not None
    dialog.accept()
    assert dialog.busy and not dialog.buttons.isEnabled()
    dialog.reject()  # Escape while the call is on its way closes nothing
    assert dialog.isVisible()
    _wait(qtbot, dialog.task)
    _wait(qtbot, page.action)  # the page reloads on the pool too
    assert threads and threads[0] != threading.get_ident()
    assert not dialog.isVisible()
    assert "1 de 4 inconsistencias con decisión" in page.findings_summary.text()

    page.tabs.setCurrentIndex(1)
    committee.add_attendee(db, who.committee, session.id, "Marta Rincón")
    page.refresh()
    page.attendees_table.selectRow(0)
    action = page.toggle_present()
    assert action is not None and page.busy
    assert not page.toggle_button.isEnabled() and not page.decide_button.isEnabled()
    _wait(qtbot, action)
    assert page.attendees_table.source.rows[0].present is False
    assert page.add_attendee_button.isEnabled() and not page.busy


def test_a_decision_on_stale_data_opens_the_conflict_dialog(
    qtbot, db, answered, shown_messages
) -> None:
    audit, who, _providers = answered
    session = committee.create_session(db, who.committee, date(2026, 12, 2), [audit.audit_id])
    page = _page(qtbot, db, who.committee)
    page.select_session(session.id)
    page.findings_table.selectRow(0)
    dialog = page.decide_selected()
    assert dialog is not None
    finding = dialog.finding
    other = open_database(db.url)  # another window on the shared database
    try:
        committee.record_decision(
            other, who.head, session.id, finding.id, "no_aceptada", "Falta la evidencia."
        )
    finally:
        other.close()
    dialog.choose(Decision.ACCEPTED)
    _accept(qtbot, dialog)
    conflict = dialog.conflict_dialog
    assert conflict is not None and conflict.isVisible() and dialog.isVisible()
    cells = [
        [conflict.table.item(r, c).text() for c in range(3)]
        for r in range(conflict.table.rowCount())
    ]
    assert cells[0] == ["Decisión", "Respuesta aceptada", "Respuesta no aceptada"]
    assert cells[1][2] == "Falta la evidencia."
    assert who.head.full_name in conflict.keep_saved_button.text()
    stored = committee.get_session(db, who.committee, session.id).audits[0]
    assert stored.decisions[finding.id][0] is Decision.REJECTED  # nothing applied

    conflict.keep_mine_button.click()  # record over the version now seen
    _wait(qtbot, dialog.task)
    _wait(qtbot, page.action)  # the page reloads on the pool too
    assert not dialog.isVisible()
    stored = committee.get_session(db, who.committee, session.id).audits[0]
    assert stored.decisions[finding.id][0] is Decision.ACCEPTED
    assert page.detail is not None
    assert page.detail.audits[0].decisions[finding.id][0] is Decision.ACCEPTED
