"""A shared edit saved meanwhile by someone else opens both versions; the user keeps one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration, reports
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.auth import login
from auditoria_calidad.services.connection import Database, open_database
from auditoria_calidad.services.evaluations import EvaluationDraft, save_evaluation
from auditoria_calidad.services.office_settings import get_settings, update_settings
from auditoria_calidad.ui.entity_tab import EntityTab
from auditoria_calidad.ui.reports_page import ReportsPage
from f182_data import PASSWORD, F182Audit, build_audit

ANSWERS = {"coherencia": "cumple", "pertinencia": "no_cumple", "solucion": "cumple"}


@pytest.fixture
def other_db(db: Database) -> Iterator[Database]:
    """A second connection to the same database, as another auditor's computer."""
    second = open_database(str(db.url))
    yield second
    second.close()


def _colleague(db: Database, admin: Actor, role: Role, name: str) -> Actor:
    username = name.lower().split()[0]
    administration.add_user(db, admin, username, PASSWORD, role, full_name=name)
    return login(db, username, PASSWORD)


@pytest.fixture
def built(db: Database, admin: Actor) -> F182Audit:
    audit = build_audit(db, admin)
    draft = EvaluationDraft(ANSWERS, "Falta pertinencia.")
    save_evaluation(db, audit.auditor, audit.items[0], draft, expected_version=None)
    return audit


def _rows(dialog) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    table = dialog.table
    return [
        tuple(table.item(r, c).text() for c in range(3))  # type: ignore[misc]
        for r in range(table.rowCount())
    ]


def test_conclusions_saved_meanwhile_open_both_versions(qtbot, db, admin, other_db, built) -> None:
    page = ReportsPage(db, built.auditor)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.select_audit(built.audit_id)
    colleague = _colleague(db, admin, Role.AUDITOR, "Marta Colega")
    reports.set_conclusions(
        other_db, colleague, built.audit_id, "Las de Marta.", "Recomienda Marta.",
        expected_version=0,
    )  # fmt: skip

    page.conclusions.setPlainText("Las mías.")
    page.recommendations.setPlainText("Recomiendo yo.")
    qtbot.mouseClick(page.save_texts_button, Qt.MouseButton.LeftButton)
    dialog = page.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Marta Colega" in dialog.keep_saved_button.text()
    assert ("Conclusiones", "Las mías.", "Las de Marta.") in _rows(dialog)
    stored = reports.report_texts(db, built.auditor, built.audit_id)
    assert stored.conclusions == "Las de Marta."  # nothing overwritten yet
    dialog.grab().save("/tmp/conclusions_conflict.png")

    qtbot.mouseClick(dialog.keep_mine_button, Qt.MouseButton.LeftButton)
    stored = reports.report_texts(db, built.auditor, built.audit_id)
    assert (stored.conclusions, stored.recommendations, stored.version) == (
        "Las mías.",
        "Recomiendo yo.",
        2,
    )


def test_keeping_the_saved_conclusions_shows_them(qtbot, db, admin, other_db, built) -> None:
    page = ReportsPage(db, built.auditor)
    qtbot.addWidget(page)
    page.show()
    page.select_audit(built.audit_id)
    colleague = _colleague(db, admin, Role.AUDITOR, "Marta Colega")
    reports.set_conclusions(
        other_db, colleague, built.audit_id, "Las de Marta.", "", expected_version=0
    )
    page.conclusions.setPlainText("Las mías.")
    assert not page.save_texts()
    qtbot.mouseClick(page.conflict_dialog.keep_saved_button, Qt.MouseButton.LeftButton)
    assert page.conclusions.toPlainText() == "Las de Marta."
    assert not page.texts_changed
    assert reports.report_texts(db, built.auditor, built.audit_id).conclusions == "Las de Marta."


def test_entity_settings_saved_meanwhile_open_both_versions(
    qtbot, db, admin, other_db, shown_messages
) -> None:
    tab = EntityTab(db, admin)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    colleague = _colleague(db, admin, Role.ADMIN, "Rosa Administradora")
    update_settings(other_db, colleague, {"entity_name": "Entidad de Rosa"}, expected_versions={})

    tab.entity_name.setText("Entidad mía")
    tab.codes["minutes_code"].setText("F183 v2")
    assert not tab.save()
    dialog = tab.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Rosa Administradora" in dialog.keep_saved_button.text()
    assert _rows(dialog) == [("Nombre de la entidad", "Entidad mía", "Entidad de Rosa")]
    assert get_settings(db)["entity_name"] == "Entidad de Rosa"
    assert get_settings(db)["minutes_code"] == ""  # nothing of the refused save
    dialog.grab().save("/tmp/entity_conflict.png")

    qtbot.mouseClick(dialog.keep_saved_button, Qt.MouseButton.LeftButton)
    assert tab.entity_name.text() == "Entidad de Rosa"
    assert tab.codes["minutes_code"].text() == ""
    tab.codes["minutes_code"].setText("F183 v2")
    assert tab.save()
    assert get_settings(db)["minutes_code"] == "F183 v2"
    assert get_settings(db)["entity_name"] == "Entidad de Rosa"
