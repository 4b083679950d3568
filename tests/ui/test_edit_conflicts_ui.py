"""A shared edit saved meanwhile by someone else opens both versions; the user keeps one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.domain.timeliness import Clock
from auditoria_calidad.services import (
    administration,
    approval,
    committee,
    findings,
    observation_templates,
    reports,
    schemes,
)
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.auth import login
from auditoria_calidad.services.commitment_edits import update_commitment
from auditoria_calidad.services.connection import Database, open_database
from auditoria_calidad.services.evaluations import EvaluationDraft, save_evaluation
from auditoria_calidad.services.office_settings import get_settings, update_settings
from auditoria_calidad.ui.answer_dialog import AnswerDialog
from auditoria_calidad.ui.committee_page import CommitteePage
from auditoria_calidad.ui.entity_tab import EntityTab
from auditoria_calidad.ui.observation_templates_editor import ObservationTemplatesEditor
from auditoria_calidad.ui.reports_page import ReportsPage
from auditoria_calidad.ui.schemes_page import SchemesPage
from cycle_data import evaluated_audit, new_provider, people
from f182_data import PASSWORD, F182Audit, build_audit

ANSWERS = {"coherencia": "cumple", "pertinencia": "no_cumple", "solucion": "cumple"}


@pytest.fixture
def other_db(db: Database) -> Iterator[Database]:
    """A second connection to the same database, as another auditor's computer."""
    second = open_database(str(db.url))
    yield second
    second.close()


def _colleague(
    db: Database, admin: Actor, role: Role, name: str, provider: str | None = None
) -> Actor:
    username = name.lower().split()[0]
    administration.add_user(db, admin, username, PASSWORD, role, full_name=name, provider=provider)
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


# --- Provider answers ---------------------------------------------------------------------

THEIR_ANSWER = answers.AnswerDraft(
    "Causa escrita por Lucía.", "Acción de Lucía.", "Lucía Gestora", date(2026, 12, 20)
)


@pytest.fixture
def sent(db: Database, admin: Actor):  # type: ignore[no-untyped-def]
    """A sent audit with its findings, its provider's manager and a second manager of it."""
    mine, other = new_provider(db, admin), new_provider(db, admin)
    who = people(db, admin, mine[1], other[1])
    audit = evaluated_audit(db, admin, who.auditor, mine, count=4)
    approval.approve_audit(db, who.head, audit.audit_id)
    approval.send_to_provider(db, who.head, audit.audit_id)
    colleague = _colleague(db, admin, Role.PROVIDER_MANAGER, "Lucía Gestora", mine[1])
    return audit, who, colleague


def _answer_dialog(qtbot, db, sent):  # type: ignore[no-untyped-def]
    audit, who, _manager = sent
    finding = findings.list_findings(db, who.manager, audit.audit_id)[0]
    dialog = AnswerDialog(db, who.manager, finding)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.cause.setPlainText("Mi análisis de causa.")
    dialog.action.setPlainText("Mi acción correctiva.")
    dialog.responsible.setText("Coordinador del canal")
    dialog.commitment.setDate(QDate(2026, 12, 15))
    return finding, dialog


def test_an_answer_saved_meanwhile_opens_both_versions_and_mine_can_win(
    qtbot, db, other_db, sent
) -> None:
    _audit, who, colleague = sent
    finding, dialog = _answer_dialog(qtbot, db, sent)
    answers.save_answer(other_db, colleague, finding.id, THEIR_ANSWER, submit=False)

    assert not dialog.save(submit=True)
    conflict = dialog.conflict_dialog
    assert conflict is not None and conflict.isVisible()
    assert "Lucía Gestora" in conflict.keep_saved_button.text()
    rows = _rows(conflict)
    assert ("Análisis de causa", "Mi análisis de causa.", "Causa escrita por Lucía.") in rows
    assert ("Fecha de compromiso", "15/12/2026", "20/12/2026") in rows
    stored = findings.get_finding(db, who.manager, finding.id).answer
    assert stored is not None and stored.cause_analysis == "Causa escrita por Lucía."
    conflict.grab().save("/tmp/answer_conflict.png")

    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        qtbot.mouseClick(conflict.keep_mine_button, Qt.MouseButton.LeftButton)
    stored = findings.get_finding(db, who.manager, finding.id).answer
    assert stored is not None
    assert (stored.cause_analysis, stored.commitment_date) == (
        "Mi análisis de causa.",
        date(2026, 12, 15),
    )
    assert stored.submitted_at is not None  # sent, as the user asked
    assert not dialog.isVisible()


def test_keeping_the_saved_answer_closes_the_dialog_and_changes_nothing(
    qtbot, db, other_db, sent
) -> None:
    _audit, who, colleague = sent
    finding, dialog = _answer_dialog(qtbot, db, sent)
    answers.save_answer(other_db, colleague, finding.id, THEIR_ANSWER, submit=False)
    assert not dialog.save(submit=False)
    with qtbot.waitSignal(dialog.saved, timeout=5_000) as emitted:
        qtbot.mouseClick(dialog.conflict_dialog.keep_saved_button, Qt.MouseButton.LeftButton)
    shown = emitted.args[0]
    assert shown.answer is not None and shown.answer.cause_analysis == "Causa escrita por Lucía."
    assert not dialog.isVisible()
    stored = findings.get_finding(db, who.manager, finding.id).answer
    assert stored is not None and stored.cause_analysis == "Causa escrita por Lucía."
    assert stored.submitted_at is None


# --- Schemes and the working calendar -----------------------------------------------------


def _schemes_page(qtbot, db, admin) -> SchemesPage:  # type: ignore[no-untyped-def]
    page = SchemesPage(db, admin)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    return page


def _their_scheme_version(other_db: Database, colleague: Actor, channel: str, target: int) -> int:
    base = schemes.current_scheme(other_db, colleague, channel)
    data = base.definition()
    data["thresholds"]["target_score"] = target
    saved = schemes.save_scheme_version(
        other_db, colleague, base.info.id, data, expected_latest=base.info.version
    )
    return saved.info.version


def test_a_scheme_saved_meanwhile_opens_both_versions(qtbot, db, admin, other_db) -> None:
    page = _schemes_page(qtbot, db, admin)
    tab = page.schemes_tab
    assert tab.versions_table.select_where(lambda s: s.name == "F182 Atención Chat")
    tab.edit_button.click()
    tab.thresholds.target.setValue(85)
    colleague = _colleague(db, admin, Role.ADMIN, "Rosa Administradora")
    theirs = _their_scheme_version(other_db, colleague, "chat", 91)

    tab.save_button.click()
    dialog = tab.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Rosa Administradora" in dialog.keep_saved_button.text()
    assert ("Meta del proveedor", "85 %", "91 %") in _rows(dialog)
    assert schemes.current_scheme(db, admin, "chat").info.version == theirs
    dialog.grab().save("/tmp/scheme_conflict.png")

    qtbot.mouseClick(dialog.keep_mine_button, Qt.MouseButton.LeftButton)
    current = schemes.current_scheme(db, admin, "chat")
    assert current.info.version == theirs + 1
    assert current.scheme.thresholds.target_score == 85
    assert f"versión {theirs + 1}" in tab.notice.text()


def test_keeping_the_scheme_saved_meanwhile_saves_nothing(qtbot, db, admin, other_db) -> None:
    page = _schemes_page(qtbot, db, admin)
    tab = page.schemes_tab
    assert tab.versions_table.select_where(lambda s: s.name == "F182 Atención Chat")
    tab.edit_button.click()
    tab.thresholds.target.setValue(85)
    colleague = _colleague(db, admin, Role.ADMIN, "Rosa Administradora")
    theirs = _their_scheme_version(other_db, colleague, "chat", 91)
    tab.save_button.click()
    qtbot.mouseClick(tab.conflict_dialog.keep_saved_button, Qt.MouseButton.LeftButton)
    current = schemes.current_scheme(db, admin, "chat")
    assert (current.info.version, current.scheme.thresholds.target_score) == (theirs, 91)
    assert f"versión {theirs} (vigente)" in tab.title.text()
    assert tab.thresholds.target.value() == 91


def _calendar(start: time) -> schemes.CalendarInput:
    return schemes.CalendarInput(frozenset(range(1, 6)), start, time(17, 0), Clock.BUSINESS)


def test_a_calendar_saved_meanwhile_opens_both_and_mine_goes_on_top(
    qtbot, db, admin, other_db
) -> None:
    page = _schemes_page(qtbot, db, admin)
    tab = page.calendar_tab
    tab.scheme.setCurrentIndex(tab.scheme.findText("F182 Atención Chat (versión 1)"))
    tab.days[5].setChecked(True)  # sábado
    colleague = _colleague(db, admin, Role.ADMIN, "Rosa Administradora")
    _their_scheme_version(other_db, colleague, "chat", 91)  # version 2: another threshold
    base = schemes.current_scheme(other_db, colleague, "chat")
    schemes.set_working_calendar(
        other_db, colleague, base.info.id, _calendar(time(7, 0)), expected_latest=2
    )  # version 3: the calendar

    tab.save_button.click()
    dialog = tab.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    rows = _rows(dialog)
    assert [r[0] for r in rows] == [
        "Días hábiles",
        "Jornada",
        "Forma de contar las horas",
        "Otros días no hábiles",
    ]
    assert ("Días hábiles", "Lunes a sábado", "Lunes a viernes") in rows
    assert rows[1][2] == "07:00–17:00"
    assert schemes.current_scheme(db, admin, "chat").info.version == 3

    qtbot.mouseClick(dialog.keep_mine_button, Qt.MouseButton.LeftButton)
    current = schemes.current_scheme(db, admin, "chat")
    assert current.info.version == 4
    assert current.scheme.thresholds.calendar.weekdays == frozenset(range(1, 7))
    assert current.scheme.thresholds.target_score == 91  # Rosa's other change is kept


def test_keeping_the_calendar_saved_meanwhile_shows_it(qtbot, db, admin, other_db) -> None:
    page = _schemes_page(qtbot, db, admin)
    tab = page.calendar_tab
    tab.scheme.setCurrentIndex(tab.scheme.findText("F182 Atención Chat (versión 1)"))
    tab.days[5].setChecked(True)
    colleague = _colleague(db, admin, Role.ADMIN, "Rosa Administradora")
    base = schemes.current_scheme(other_db, colleague, "chat")
    schemes.set_working_calendar(
        other_db, colleague, base.info.id, _calendar(time(7, 0)), expected_latest=1
    )
    tab.save_button.click()
    qtbot.mouseClick(tab.conflict_dialog.keep_saved_button, Qt.MouseButton.LeftButton)
    assert schemes.current_scheme(db, admin, "chat").info.version == 2
    assert tab.start.time().hour() == 7 and not tab.days[5].isChecked()
    assert tab.scheme.currentText() == "F182 Atención Chat (versión 2)"


# --- Observation templates ----------------------------------------------------------------


def test_templates_saved_meanwhile_open_both_versions(qtbot, db, admin, other_db) -> None:
    editor = ObservationTemplatesEditor(db, admin)
    qtbot.addWidget(editor)
    editor.resize(1280, 720)
    editor.show()
    key = editor.criterion.currentData()
    colleague = _colleague(db, admin, Role.ADMIN, "Rosa Administradora")
    observation_templates.save_observation_templates(
        other_db,
        colleague,
        key,
        ["La de Rosa."],
        expected_version=observation_templates.templates_version(other_db),
    )
    editor.text.setPlainText("La mía.\nOtra mía.")
    editor.save()
    dialog = editor.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    ((label, own, theirs),) = _rows(dialog)
    assert label.startswith("Plantillas de «") and (own, theirs) == (
        "La mía.\nOtra mía.",
        "La de Rosa.",
    )
    assert observation_templates.list_observation_templates(db)[key] == ["La de Rosa."]
    dialog.grab().save("/tmp/templates_conflict.png")

    qtbot.mouseClick(dialog.keep_saved_button, Qt.MouseButton.LeftButton)
    assert editor.text.toPlainText() == "La de Rosa."
    editor.text.setPlainText("La de Rosa.\nLa mía.")
    editor.save()
    assert observation_templates.list_observation_templates(db)[key] == ["La de Rosa.", "La mía."]

    observation_templates.save_observation_templates(
        other_db,
        colleague,
        key,
        ["Rosa otra vez."],
        expected_version=observation_templates.templates_version(other_db),
    )
    editor.text.setPlainText("Solo la mía.")
    editor.save()
    qtbot.mouseClick(editor.conflict_dialog.keep_mine_button, Qt.MouseButton.LeftButton)
    assert observation_templates.list_observation_templates(db)[key] == ["Solo la mía."]
    assert "Se guardó 1 plantilla" in editor.status.text()


# --- Commitments --------------------------------------------------------------------------


def _wait(qtbot, task) -> None:  # type: ignore[no-untyped-def]
    if task is not None and task.running:
        with qtbot.waitSignal(task.finished, timeout=20_000):
            pass


@pytest.fixture
def agreed(db: Database, admin: Actor, sent):  # type: ignore[no-untyped-def]
    """A draft session with one commitment, and a second committee member."""
    audit, who, _manager = sent
    session = committee.create_session(db, who.committee, date(2026, 12, 2), [audit.audit_id])
    promise = committee.add_commitment(
        db,
        who.committee,
        session.id,
        "Capacitar al equipo en la guía.",
        "Coordinadora",
        due_date=date(2026, 12, 10),
        audit_id=audit.audit_id,
    )
    member = _colleague(db, admin, Role.COMMITTEE, "Jorge Comité")
    return session, promise, who, member


def _edit_dialog(qtbot, db, agreed):  # type: ignore[no-untyped-def]
    session, _promise, who, _member = agreed
    page = CommitteePage(db, who.committee)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    assert page.select_session(session.id)
    page.tabs.setCurrentIndex(2)
    page.commitments_table.selectRow(0)
    assert page.edit_commitment_button.isEnabled()
    dialog = page.edit_selected_commitment()
    assert dialog is not None
    dialog.action.setPlainText("Capacitar a todo el equipo.")
    dialog.due.setDate(QDate(2026, 12, 18))
    return page, dialog


def _their_commitment_edit(other_db: Database, agreed) -> None:  # type: ignore[no-untyped-def]
    session, promise, _who, member = agreed
    update_commitment(
        other_db,
        member,
        session.id,
        promise.id,
        action=promise.action,
        responsible="Jorge Pérez",
        due_date=date(2026, 12, 31),
        expected_version=promise.version,
    )


def _stored(db: Database, agreed):  # type: ignore[no-untyped-def]
    _session, promise, who, _member = agreed
    return next(c for c in committee.list_commitments(db, who.committee) if c.id == promise.id)


def test_a_commitment_changed_meanwhile_opens_both_versions_and_mine_can_win(
    qtbot, db, other_db, agreed
) -> None:
    page, dialog = _edit_dialog(qtbot, db, agreed)
    page.grab().save("/tmp/committee_commitments.png")
    dialog.grab().save("/tmp/commitment_edit.png")
    _their_commitment_edit(other_db, agreed)
    dialog.accept()
    _wait(qtbot, dialog.task)
    conflict = dialog.conflict_dialog
    assert conflict is not None and conflict.isVisible()
    assert "Jorge Comité" in conflict.keep_saved_button.text()
    rows = _rows(conflict)
    assert ("Acción", "Capacitar a todo el equipo.", "Capacitar al equipo en la guía.") in rows
    assert ("Responsable", "Coordinadora", "Jorge Pérez") in rows
    assert ("Fecha límite", "18/12/2026", "31/12/2026") in rows
    assert _stored(db, agreed).responsible == "Jorge Pérez"
    conflict.grab().save("/tmp/commitment_conflict.png")

    qtbot.mouseClick(conflict.keep_mine_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog.task)
    _wait(qtbot, page.action)
    stored = _stored(db, agreed)
    assert (stored.action, stored.responsible, stored.due_date) == (
        "Capacitar a todo el equipo.",
        "Coordinadora",
        date(2026, 12, 18),
    )
    assert stored.version == 3
    assert not dialog.isVisible()
    assert page.commitments_table.source.rows[0].action == "Capacitar a todo el equipo."


def test_keeping_the_commitment_changed_meanwhile_shows_it(qtbot, db, other_db, agreed) -> None:
    page, dialog = _edit_dialog(qtbot, db, agreed)
    _their_commitment_edit(other_db, agreed)
    dialog.accept()
    _wait(qtbot, dialog.task)
    qtbot.mouseClick(dialog.conflict_dialog.keep_saved_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, page.action)
    assert not dialog.isVisible()
    stored = _stored(db, agreed)
    assert (stored.responsible, stored.due_date) == ("Jorge Pérez", date(2026, 12, 31))
    assert page.commitments_table.source.rows[0].responsible == "Jorge Pérez"


def test_a_commitment_needs_its_due_date(qtbot, db, agreed) -> None:
    _page, dialog = _edit_dialog(qtbot, db, agreed)
    dialog.due.clear()
    dialog.accept()
    assert dialog.task is None and "Falta la fecha límite" in dialog.due.message.text()
    assert _stored(db, agreed).due_date == date(2026, 12, 10)
