"""Fresh pages: F5 and showing a page reload it; a change made by another user of the shared
database is noticed by the open window, which offers «Actualizar» (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from auditoria_calidad.services import approval, findings
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.auth import create_first_admin
from auditoria_calidad.services.connection import open_database
from auditoria_calidad.ui.main_window import MainWindow
from cycle_data import evaluated_audit, new_provider, people

ANSWER = answers.AnswerDraft("Causa", "Acción", "Responsable", date(2026, 12, 15))


@pytest.fixture
def shared(db_url):  # type: ignore[no-untyped-def]
    """Two Database objects on one database, as two computers of the office would have."""
    first, second = open_database(db_url), open_database(db_url)
    admin = create_first_admin(first, "admin", "clave-segura-2024", "Administradora")
    mine, other = new_provider(first, admin), new_provider(first, admin)
    who = people(first, admin, mine[1], other[1])
    audit = evaluated_audit(first, admin, who.auditor, mine, count=4)
    approval.approve_audit(first, who.head, audit.audit_id)
    approval.send_to_provider(first, who.head, audit.audit_id)
    yield first, second, who, audit
    first.close()
    second.close()


def _answered_cell(window: MainWindow) -> str:
    page = window.pages["findings"]
    proxy = page.audit_table.proxy  # type: ignore[attr-defined]
    column = next(
        c
        for c in range(proxy.columnCount())
        if "Respondid" in str(proxy.headerData(c, Qt.Orientation.Horizontal))
    )
    return str(proxy.index(0, column).data())


def test_a_change_by_another_user_offers_the_refresh_and_hallazgos_then_counts_it(
    qtbot, shared, ui_settings
) -> None:
    first, second, who, audit = shared
    window = MainWindow(first, who.head, ui_settings)
    qtbot.addWidget(window)
    window.show()
    window.show_page("findings")
    page = window.pages["findings"]
    assert page.select_audit(audit.audit_id)  # type: ignore[attr-defined]
    total = len(findings.list_findings(first, who.head, audit.audit_id))
    assert _answered_cell(window) == f"0/{total}"
    assert not window.check_for_changes() and not window.changes_bar.isVisible()

    # The provider manager answers everything from another computer.
    for finding in findings.list_findings(second, who.manager, audit.audit_id):
        answers.save_answer(second, who.manager, finding.id, ANSWER)
    answers.submit_answers(second, who.manager, audit.audit_id)

    assert _answered_cell(window) == f"0/{total}"  # nothing changes behind the user's back
    assert window.check_for_changes() and window.changes_bar.isVisible()
    window.changes_button.click()
    assert _answered_cell(window) == f"{total}/{total}"
    assert not window.changes_bar.isVisible()
    assert not window.check_for_changes()


def test_f5_reloads_the_page_shown_and_a_page_shown_again_reloads_itself(
    qtbot, shared, ui_settings
) -> None:
    first, second, who, audit = shared
    window = MainWindow(first, who.head, ui_settings)
    qtbot.addWidget(window)
    window.show()
    assert window.refresh_action.shortcut().toString() == "F5"
    assert window.refresh_action.text() == "Actualizar"
    window.show_page("findings")
    window.pages["findings"].select_audit(audit.audit_id)  # type: ignore[attr-defined]
    total = len(findings.list_findings(first, who.head, audit.audit_id))
    for finding in findings.list_findings(second, who.manager, audit.audit_id)[:1]:
        answers.save_answer(second, who.manager, finding.id, ANSWER)
    answers.submit_answers(second, who.manager, audit.audit_id)
    window.refresh_action.trigger()
    assert _answered_cell(window) == f"1/{total}"

    window.show_page("home")
    for finding in findings.list_findings(second, who.manager, audit.audit_id)[1:]:
        answers.save_answer(second, who.manager, finding.id, ANSWER)
    answers.submit_answers(second, who.manager, audit.audit_id)
    window.show_page("findings")  # navigating back is enough
    window.pages["findings"].select_audit(audit.audit_id)  # type: ignore[attr-defined]
    assert _answered_cell(window) == f"{total}/{total}"


def test_the_users_own_changes_do_not_raise_the_bar(qtbot, shared, ui_settings) -> None:
    first, _second, who, audit = shared
    window = MainWindow(first, who.manager, ui_settings)
    qtbot.addWidget(window)
    window.show()
    for finding in findings.list_findings(first, who.manager, audit.audit_id):
        answers.save_answer(first, who.manager, finding.id, ANSWER)
    assert not window.check_for_changes()
