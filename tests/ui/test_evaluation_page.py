"""The F182 evaluation page, driven by the keyboard alone, on real databases."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.domain.spelling import utf16_index
from auditoria_calidad.services import administration, entity_words
from auditoria_calidad.services.auth import login
from auditoria_calidad.services.connection import Database, open_database
from auditoria_calidad.services.evaluations import (
    EvaluationDraft,
    list_sample,
    load_form,
    save_evaluation,
)
from auditoria_calidad.storage.models import ImportBatch, Record
from auditoria_calidad.ui.entity_words_editor import EntityWordsEditor
from auditoria_calidad.ui.evaluation_page import EvaluationPage
from auditoria_calidad.ui.record_summary import (
    answered_text,
    computed_missing,
    timeliness_text,
)
from auditoria_calidad.ui.sample_list_model import SCORE_COLUMN
from f182_data import build_audit

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """SQLite and PostgreSQL here (the other window tests' ``db`` is SQLite only)."""
    database = open_database(db_url)
    yield database
    QThreadPool.globalInstance().waitForDone()
    database.close()


@pytest.fixture
def boxes(shown_messages) -> list[str]:  # type: ignore[no-untyped-def]
    """Texts of the message boxes (recorded by tests/ui/conftest.py, never shown)."""

    class Texts(list):  # type: ignore[type-arg]
        def __iter__(self):  # type: ignore[no-untyped-def]
            return iter([m.text for m in shown_messages])

        def __len__(self) -> int:
            return len(shown_messages)

        def __getitem__(self, i):  # type: ignore[no-untyped-def]
            return shown_messages[i].text

    return Texts()


@pytest.fixture
def f182(db, admin):  # type: ignore[no-untyped-def]
    return build_audit(db, admin, count=6)


def open_page(qtbot, db, actor) -> EvaluationPage:  # type: ignore[no-untyped-def]
    page = EvaluationPage(db, actor)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.waitUntil(lambda: page.checker is not None, timeout=20_000)
    return page


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key on whatever has the focus, as a person would type it."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def type_digits(qtbot, digits: str) -> None:  # type: ignore[no-untyped-def]
    for digit in digits:
        press(qtbot, digit)


def test_records_are_evaluated_with_the_keyboard_alone(qtbot, db, f182, boxes) -> None:
    page = open_page(qtbot, db, f182.auditor)
    assert page.current_id == f182.items[0]
    assert QApplication.focusWidget() is page.form.rows[0]  # first judged criterion
    # Record 1: Cumple ×3, then «Alto» for spelling, an observation, Ctrl+Enter.
    type_digits(qtbot, "111")
    assert QApplication.focusWidget() is page.form.spelling_row
    press(qtbot, "1")
    assert QApplication.focusWidget() is page.form.spelling_row  # the last row keeps focus
    press(qtbot, Qt.Key.Key_O, ALT)
    assert QApplication.focusWidget() is page.form.observations
    qtbot.keyClicks(page.form.observations, "Respuesta clara")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.current_id == f182.items[1]
    assert QApplication.focusWidget() is page.form.rows[0]
    # Record 2: No cumple, Cumple, N.A. (3), spelling «Medio».
    type_digits(qtbot, "2132")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    # «No cumple» needs an observation: refused, said beside the field, focus there.
    assert page.current_id == f182.items[1] and page.dirty
    assert QApplication.focusWidget() is page.form.observations
    assert page.form.observation_error.isVisibleTo(page.form)
    assert "Coherencia: No cumple" in page.form.observation_error.text()
    assert load_form(db, f182.auditor, f182.items[1]).saved is None
    qtbot.keyClicks(page.form.observations, "No responde lo pedido")
    assert not page.form.observation_error.isVisibleTo(page.form)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.current_id == f182.items[2]
    # Page Down / Page Up move between records without saving anything.
    press(qtbot, Qt.Key.Key_PageDown)
    assert page.current_id == f182.items[3]
    press(qtbot, Qt.Key.Key_PageUp)
    assert page.current_id == f182.items[2]
    # Record 3: ↓ skips a criterion, ↑ comes back; Supr clears; 0 is N.A. for a level.
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, "1")
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Up)
    type_digits(qtbot, "2")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, "1")
    press(qtbot, "0")
    press(qtbot, Qt.Key.Key_O, ALT)
    qtbot.keyClicks(page.form.observations, "Incoherente")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.current_id == f182.items[3]

    saved = [load_form(db, f182.auditor, i).saved for i in f182.items[:3]]
    assert saved[0] is not None and saved[0].answers == {
        "coherencia": "cumple",
        "pertinencia": "cumple",
        "solucion": "cumple",
        "redaccion_ortografia": "alto",
    }
    assert saved[0].observations == "Respuesta clara"
    assert saved[0].reviewer == "Auditora de Pruebas"
    assert saved[1] is not None and saved[1].answers == {
        "coherencia": "no_cumple",
        "pertinencia": "cumple",
        "solucion": "na",
        "redaccion_ortografia": "medio",
    }
    assert saved[2] is not None and saved[2].answers == {
        "coherencia": "no_cumple",
        "pertinencia": "cumple",
        "solucion": "cumple",
        "redaccion_ortografia": "na",
    }
    rows = list_sample(db, f182.auditor, f182.audit_id)
    assert [r.state for r in rows[:4]] == ["evaluado", "evaluado", "evaluado", "pendiente"]
    assert page.model.counts() == (3, 6)
    assert boxes == []


def test_the_list_filters_pending_records_and_sorts(qtbot, db, f182, boxes) -> None:
    save_evaluation(
        db,
        f182.auditor,
        f182.items[0],
        EvaluationDraft(
            {
                "coherencia": "cumple",
                "pertinencia": "cumple",
                "solucion": "cumple",
                "redaccion_ortografia": "alto",
            }
        ),
        expected_version=None,
    )
    page = open_page(qtbot, db, f182.auditor)
    assert page.current_id == f182.items[1]  # opens the first pending record
    assert page.model.rowCount() == 6
    page.pending_only.setChecked(True)
    assert page.model.rowCount() == 5
    assert page.sample_list.count.text() == "5 registros"
    page.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert page.model.sample_item_id(0) == f182.items[-1]
    assert page.view.currentIndex().row() == page.model.row_of(f182.items[1])  # still selected
    page.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert page.model.index(0, 1).data() == "05/10/2026"  # dd/mm/aaaa
    assert page.model.counts() == (1, 6)


def test_the_form_autosaves_after_a_pause(qtbot, db, f182, boxes) -> None:
    page = open_page(qtbot, db, f182.auditor)
    page.autosave.setInterval(50)
    press(qtbot, "1")
    assert page.dirty
    qtbot.waitUntil(lambda: not page.dirty, timeout=5000)
    saved = load_form(db, f182.auditor, f182.items[0]).saved
    assert saved is not None and saved.answers["coherencia"] == "cumple"
    assert not saved.complete and page.version == 1


def test_the_autosave_keeps_a_no_cumple_without_observation_unsaved(qtbot, db, f182, boxes) -> None:
    page = open_page(qtbot, db, f182.auditor)
    page.autosave.setInterval(50)
    press(qtbot, "2")
    assert page.dirty
    qtbot.waitUntil(lambda: page.form.observation_error.isVisibleTo(page.form), timeout=5000)
    assert page.dirty and page.form.save_state.text() == "Sin guardar: falta la observación"
    assert "Coherencia: No cumple" in page.form.observation_error.text()
    assert QApplication.focusWidget() is page.form.rows[1]  # the pause steals no focus
    assert load_form(db, f182.auditor, f182.items[0]).saved is None
    # Moving to another record is refused too, and then the focus goes to the field.
    press(qtbot, Qt.Key.Key_PageDown)
    assert page.current_id == f182.items[0]
    assert QApplication.focusWidget() is page.form.observations
    qtbot.keyClicks(page.form.observations, "Habla de otro tramite")
    qtbot.waitUntil(lambda: not page.dirty, timeout=5000)
    saved = load_form(db, f182.auditor, f182.items[0]).saved
    assert saved is not None and saved.answers == {"coherencia": "no_cumple"}
    assert saved.observations == "Habla de otro tramite"
    assert boxes == []


def test_observation_templates_open_with_f4_filtered_by_the_failed_criterion(
    qtbot, db, f182, boxes
) -> None:
    page = open_page(qtbot, db, f182.auditor)
    type_digits(qtbot, "12")  # Coherencia cumple, Pertinencia no cumple
    press(qtbot, Qt.Key.Key_O, ALT)
    qtbot.keyClicks(page.form.observations, "Caso revisado.")
    press(qtbot, Qt.Key.Key_F4)
    picker = page.form.picker
    qtbot.waitUntil(picker.isVisible)
    texts = picker.visible_texts()
    assert texts and all(t in page.form.templates["pertinencia"] for t in texts)
    qtbot.keyClicks(picker.filter, "vigente")
    assert picker.visible_texts() == ["La información entregada no está vigente."]
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert not picker.isVisible()
    assert page.form.observations.toPlainText() == (
        "Caso revisado. La información entregada no está vigente."
    )


def test_no_score_is_shown_before_the_auditor_judges_the_record(qtbot, db, f182, boxes) -> None:
    page = open_page(qtbot, db, f182.auditor)
    # Only the computed criteria (timeliness, CRM) have values: no green 100,00.
    assert page.form.computed_rows, "the scheme has computed criteria"
    assert page.form.score_value.text() == "—"
    assert "#1e6b3a" not in page.form.score_value.styleSheet()
    assert "Evaluados 0 de 6 de la muestra" in page.progress.text()
    # One «Cumple»: a provisional score, in a neutral colour until the record is complete.
    type_digits(qtbot, "1")
    assert page.form.score_value.text() == "100,00"
    assert "#616e7c" in page.form.score_value.styleSheet()
    assert "Faltan 2 criterios por calificar" in page.form.score_note.text()
    # The list shows no score for a record still pending, even one saved half-judged.
    page.save_current()
    score_cell = page.model.index(0, SCORE_COLUMN)
    assert page.model.data(score_cell) == "—"
    # Complete: the score and its colour against the target.
    type_digits(qtbot, "11")
    press(qtbot, "1")
    assert page.form.score_value.text() == "100,00"
    assert "#1e6b3a" in page.form.score_value.styleSheet()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.model.data(score_cell) == "100,00"
    assert "Evaluados 1 de 6 de la muestra" in page.progress.text()


def test_closing_the_window_saves_the_open_record(qtbot, db, f182, boxes) -> None:
    page = open_page(qtbot, db, f182.auditor)
    type_digits(qtbot, "11")
    assert page.dirty
    page.close()
    saved = load_form(db, f182.auditor, f182.items[0]).saved
    assert saved is not None and saved.answers == {"coherencia": "cumple", "pertinencia": "cumple"}


def _other_auditor(db, admin):  # type: ignore[no-untyped-def]
    administration.add_user(
        db, admin, "otro", "clave-otro-12", Role.AUDITOR, full_name="Otro Auditor"
    )
    return login(db, "otro", "clave-otro-12")


def test_a_concurrent_save_shows_both_versions_and_keeps_mine_on_request(
    qtbot, db, admin, f182, boxes
) -> None:
    other = _other_auditor(db, admin)
    page = open_page(qtbot, db, f182.auditor)
    page.autosave.setInterval(50)
    save_evaluation(
        db,
        other,
        f182.items[0],
        EvaluationDraft({"coherencia": "cumple"}, "Visto por otro."),
        expected_version=None,
    )
    press(qtbot, "2")
    press(qtbot, Qt.Key.Key_O, ALT)
    qtbot.keyClicks(page.form.observations, "Mal")
    qtbot.waitUntil(
        lambda: page.conflict_dialog is not None and page.conflict_dialog.isVisible(), timeout=5000
    )
    dialog = page.conflict_dialog
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers[1] == "Su versión"
    assert headers[2].startswith("La versión guardada por Otro Auditor a las ")
    cells = {
        dialog.table.item(r, 0).text(): (
            dialog.table.item(r, 1).text(),
            dialog.table.item(r, 2).text(),
        )
        for r in range(dialog.table.rowCount())
    }
    assert cells["Coherencia"] == ("No cumple", "Cumple")
    assert cells["Observaciones"] == ("Mal", "Visto por otro.")
    stored = load_form(db, f182.auditor, f182.items[0]).saved
    assert stored is not None and stored.answers == {"coherencia": "cumple"}  # untouched
    qtbot.mouseClick(dialog.keep_mine_button, Qt.MouseButton.LeftButton)
    stored = load_form(db, f182.auditor, f182.items[0]).saved
    assert stored is not None and stored.answers == {"coherencia": "no_cumple"}
    assert stored.version == 2 and stored.reviewer == "Auditora de Pruebas"
    assert not page.dirty


def test_a_concurrent_save_can_be_kept_and_the_form_reloads_it(
    qtbot, db, admin, f182, boxes
) -> None:
    other = _other_auditor(db, admin)
    page = open_page(qtbot, db, f182.auditor)
    save_evaluation(
        db, other, f182.items[0], EvaluationDraft({"pertinencia": "na"}), expected_version=None
    )
    press(qtbot, "1")
    press(qtbot, Qt.Key.Key_PageDown)  # moving on saves first: refused, we stay
    assert page.current_id == f182.items[0]
    dialog = page.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.keep_saved_button, Qt.MouseButton.LeftButton)
    assert page.form.answers(proposed=False) == {"pertinencia": "na"}
    assert not page.dirty and page.version == 1
    press(qtbot, Qt.Key.Key_PageDown)
    assert page.current_id == f182.items[1]


def _suspect_point(page: EvaluationPage, word: str) -> QPoint:
    suspect = next(s for s in page.form.answer.suspects if s.word == word)
    cursor = QTextCursor(page.form.answer.document())
    cursor.setPosition(utf16_index(page.form.answer.toPlainText(), suspect.start) + 1)
    return page.form.answer.cursorRect(cursor).center()


def test_suspect_words_are_underlined_and_can_join_the_dictionary(qtbot, db, f182, boxes) -> None:
    page = open_page(qtbot, db, f182.auditor)
    press(qtbot, Qt.Key.Key_PageDown)  # the second record has spelling mistakes
    words = [s.word for s in page.form.answer.suspects]
    assert "solisitud" in words and "recivida" in words
    assert page.form.spelling_row.value == "bajo" and page.form.spelling_row.proposed
    menu = page.form.answer.build_context_menu(_suspect_point(page, "solisitud"))
    texts = [a.text() for a in menu.actions()]
    assert "Anotar en observaciones: «solicitud»" in texts
    note = next(a for a in menu.actions() if a.text() == "Anotar en observaciones: «solicitud»")
    note.trigger()
    assert page.form.observations.toPlainText() == "Ortografía: «solisitud» → «solicitud»."
    add = next(a for a in menu.actions() if a.objectName() == "addToDictionary")
    add.trigger()
    assert entity_words.list_entity_words(db) == ["solisitud"]
    assert "solisitud" not in [s.word for s in page.form.answer.suspects]
    assert "recivida" in [s.word for s in page.form.answer.suspects]


def test_the_workbook_round_trip_from_the_page(qtbot, db, f182, boxes, tmp_path) -> None:
    from openpyxl import load_workbook

    page = open_page(qtbot, db, f182.auditor)
    path = tmp_path / "f182.xlsx"
    task = page.export_to(str(path))
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=20_000)
    workbook = load_workbook(path)
    sheet = workbook["F182"]
    column = next(c.column for c in sheet[4] if c.value == "Coherencia")
    sheet.cell(5, column, "Cumplió")
    workbook.save(path)
    task = page.import_from(str(path))
    qtbot.waitUntil(lambda: not task.running, timeout=20_000)
    assert boxes and "«Cumplió» no es un valor válido" in boxes[-1]
    sheet.cell(5, column, "No cumple")
    workbook.save(path)
    task = page.import_from(str(path))
    qtbot.waitUntil(lambda: not task.running, timeout=20_000)
    assert "fila 5" in boxes[-1] and "Escriba una observación" in boxes[-1]
    notes = next(c.column for c in sheet[4] if c.value == "Observaciones generales de calidad")
    sheet.cell(5, notes, "Responde otro trámite.")
    workbook.save(path)
    task = page.import_from(str(path))
    qtbot.waitUntil(lambda: not task.running, timeout=20_000)
    assert page.form.answers()["coherencia"] == "no_cumple"
    assert "1 evaluación guardada," in page.message.text()


def test_the_entity_words_editor_adds_and_removes(qtbot, db, admin, boxes) -> None:
    editor = EntityWordsEditor(db, admin)
    qtbot.addWidget(editor)
    seen: list[list[str]] = []
    editor.words_changed.connect(seen.append)
    editor.new_word.setText("ICETEX, Sisbén")  # QTest types ASCII only
    qtbot.keyClick(editor.new_word, Qt.Key.Key_Return)
    assert editor.words == ["ICETEX", "Sisbén"] and seen[-1] == ["ICETEX", "Sisbén"]
    qtbot.keyClicks(editor.new_word, "dos palabras")
    editor.add_typed()
    assert editor.error.isVisibleTo(editor) and "no es una palabra" in editor.error.text()
    editor.view.selectionModel().select(
        editor.proxy.index(0, 0), editor.view.selectionModel().SelectionFlag.Select
    )
    editor.remove_selected()
    assert entity_words.list_entity_words(db) == ["Sisbén"]


def test_the_office_edits_the_observation_templates(qtbot, db, admin, f182, boxes) -> None:
    from auditoria_calidad.services.observation_templates import list_observation_templates
    from auditoria_calidad.ui.observation_templates_editor import ObservationTemplatesEditor

    editor = ObservationTemplatesEditor(db, admin)
    qtbot.addWidget(editor)
    editor.criterion.setCurrentIndex(editor.criterion.findData("pertinencia"))
    assert "no está vigente" in editor.text.toPlainText()  # a default
    editor.text.setPlainText("Cita una norma derogada.\n\nCita una norma derogada.\nOtra.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert list_observation_templates(db)["pertinencia"] == ["Cita una norma derogada.", "Otra."]
    assert editor.status.text() == "Se guardaron 2 plantillas de «Pertinencia»."
    # The auditor sees the office's templates for the criterion that failed.
    page = open_page(qtbot, db, f182.auditor)
    type_digits(qtbot, "12")
    press(qtbot, Qt.Key.Key_O, ALT)
    press(qtbot, Qt.Key.Key_Space, CTRL)
    qtbot.waitUntil(page.form.picker.isVisible)
    assert page.form.picker.visible_texts() == ["Cita una norma derogada.", "Otra."]
    qtbot.keyClick(page.form.picker.filter, Qt.Key.Key_Down)
    qtbot.keyClick(page.form.picker.filter, Qt.Key.Key_Return)
    assert page.form.observations.toPlainText() == "Otra."


def test_an_answer_known_by_its_day_only_is_shown_without_a_made_up_hour(db, f182) -> None:
    with db.transaction() as session:
        session.scalars(select(ImportBatch)).one().answer_days_only = True
        record = session.scalars(select(Record).where(Record.key == "2026-ER-000105")).one()
        record.answered_at = datetime(2026, 10, 7)  # received 06/10 19:00: the hour decides
    item = f182.items[f182.keys.index("2026-ER-000105")]

    form = load_form(db, f182.auditor, item)

    assert answered_text(form.record) == "07/10/2026 (sin hora en la exportación)"
    text = timeliness_text(form)
    assert "sin hora de respuesta" in text and "verifique a mano el plazo de 24 h" in text
    assert "00:00" not in text
    assert computed_missing(form, "timeliness") == "falta la hora"  # «N.A. (falta la hora)»
