"""Inicio shows each role its pending work, one click from the page that holds it."""

from __future__ import annotations

from datetime import date

from auditoria_calidad.services import approval, audits, findings
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.ui.main_window import MainWindow
from cycle_data import evaluated_audit, new_provider, people

ANSWER = answers.AnswerDraft("Causa", "Acción", "Responsable", date(2026, 12, 15))


def _window(qtbot, db, actor, ui_settings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(db, actor, ui_settings)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.show_page("home")
    return window


def _texts(window: MainWindow) -> list[str]:
    return [b.text() for b in window.pages["home"].pending_buttons]  # type: ignore[attr-defined]


def test_each_role_sees_its_pending_work_and_one_click_opens_it(
    qtbot, db, admin, ui_settings
) -> None:
    mine, other = new_provider(db, admin), new_provider(db, admin)
    who = people(db, admin, mine[1], other[1])
    in_progress = evaluated_audit(db, admin, who.auditor, mine, count=4, evaluate=1)
    ready = evaluated_audit(db, admin, who.auditor, mine, count=4)
    assert audits.get_audit(db, who.head, ready.audit_id).state is audits.AuditState.READY

    auditor = _window(qtbot, db, who.auditor, ui_settings)
    progress = next(t for t in _texts(auditor) if in_progress.number in t)
    assert "1 de 4 de la muestra evaluados" in progress
    auditor.pages["home"].pending_buttons[0].click()  # type: ignore[attr-defined]
    assert auditor.current_key == "sample"

    head = _window(qtbot, db, who.head, ui_settings)
    assert any(ready.number in t and "Lista para aprobar" in t for t in _texts(head))
    button = next(
        b
        for b in head.pages["home"].pending_buttons  # type: ignore[attr-defined]
        if ready.number in b.text() and "Lista para aprobar" in b.text()
    )
    button.click()
    assert head.current_key == "findings"
    assert head.pages["findings"].audit_table.selected_row().audit_id == ready.audit_id  # type: ignore[attr-defined]

    manager = _window(qtbot, db, who.manager, ui_settings)
    assert _texts(manager) == []
    home = manager.pages["home"]
    approval.approve_audit(db, who.head, ready.audit_id)
    sent = approval.send_to_provider(db, who.head, ready.audit_id)
    home.refresh()  # type: ignore[attr-defined]
    total = len(findings.list_findings(db, who.manager, ready.audit_id))
    (due,) = _texts(manager)
    deadline = findings.audit_findings_status(db, who.manager, ready.audit_id).response_deadline
    assert deadline is not None and sent is not None
    assert f"{total} inconsistencias sin responder de {total}" in due
    assert f"{deadline:%d/%m/%Y}" in due

    committee = _window(qtbot, db, who.committee, ui_settings)
    sections = committee.pages["home"].pending_sections  # type: ignore[attr-defined]
    assert [s.items for s in sections] == [(), ()]
    labels = committee.pages["home"].findChildren(type(committee.user_status))  # type: ignore[attr-defined]
    assert any(w.text() == "No hay respuestas esperando decisión." for w in labels)
    for finding in findings.list_findings(db, who.manager, ready.audit_id):
        answers.save_answer(db, who.manager, finding.id, ANSWER)
    answers.submit_answers(db, who.manager, ready.audit_id)
    committee.pages["home"].refresh()  # type: ignore[attr-defined]
    (waiting,) = _texts(committee)
    assert f"{total} inconsistencias respondidas esperando decisión del comité" in waiting
    committee.pages["home"].pending_buttons[0].click()  # type: ignore[attr-defined]
    assert committee.current_key == "committee"
