"""The «Calibración» page: blind before submitting, the matrix after the reveal, and the
F182 form in calibration mode (keyboard, saved as a judgement, never as an evaluation)."""

from __future__ import annotations

import re
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLabel, QTableWidget

from auditoria_calidad.services import evaluations
from auditoria_calidad.services.calibration import (
    list_records,
    load_form,
    save_judgement,
    submit_calibration,
)
from auditoria_calidad.services.calibration_dtos import CalibrationState, JudgementDraft
from auditoria_calidad.services.calibration_reports import calibration_report_pdf
from auditoria_calidad.ui import calibration_page
from auditoria_calidad.ui.calibration_matrix import DISAGREEMENT_MARK, DISAGREES_ROLE
from auditoria_calidad.ui.calibration_page import CalibrationPage
from auditoria_calidad.ui.navigation import visible_destinations
from calibration_data import ALL_MET, judge, open_session, revealed_session

sys.path.insert(0, str(Path(__file__).parents[1] / "integration" / "reporting"))
from reading import page_texts

SECRET = "Observación reservada de Ana: la respuesta es incoherente."
CTRL = Qt.KeyboardModifier.ControlModifier


def open_page(qtbot, db, actor) -> CalibrationPage:  # type: ignore[no-untyped-def]
    page = CalibrationPage(db, actor)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.checker is not None, timeout=20_000)
    return page


def _model_texts(model) -> list[str]:  # type: ignore[no-untyped-def]
    texts = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if value:
                    texts.append(str(value))
    return texts


def everything_shown(page: CalibrationPage) -> str:
    """Every text the page holds: labels, tables, models, combos, the form's fields."""
    texts: list[str] = []
    for label in page.findChildren(QLabel):
        texts.append(label.text())
    for table in page.findChildren(QTableWidget):
        texts += [table.item(r, c).text() for r in range(table.rowCount())
                  for c in range(table.columnCount()) if table.item(r, c)]  # fmt: skip
    for view in page.findChildren(QAbstractItemView):
        if view.model() is not None:
            texts += _model_texts(view.model())
    for combo in page.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    texts.append(page.judging.form.observations.toPlainText())
    return "\n".join(texts)


def test_the_page_is_in_the_navigation_of_evaluators_and_the_head(db, admin) -> None:
    office = open_session(db, admin)
    for actor in (office.ana, office.carla):
        assert "calibration" in [d.key for d in visible_destinations(actor)]
    assert "calibration" not in [d.key for d in visible_destinations(admin)]


def test_before_submitting_no_one_elses_judgements_are_visible(qtbot, db, admin) -> None:
    office = open_session(db, admin)
    cal = office.summary.id
    first = list_records(db, office.ana, cal)[0]
    judge(db, office.ana, cal)
    save_judgement(
        db, office.ana, cal, first.record_id,
        JudgementDraft(ALL_MET | {"coherencia": "no_cumple"}, SECRET), expected_version=1,
    )  # fmt: skip
    submit_calibration(db, office.ana, cal)

    page = open_page(qtbot, db, office.beto)
    assert page.stack.currentWidget() is page.judging
    assert page.view_shown is not None and page.view_shown.results is None
    assert page.results.matrix_model.rowCount() == 0
    assert page.judging.model.rowCount() == 4
    assert all(not r.judged for r in page.judging.model.rows)
    for row in range(page.judging.model.rowCount()):  # every record, opened in the form
        page.judging.open_record(page.judging.model.rows[row].record_id, focus=False)
        assert page.judging.form.answers(proposed=False) == {}
        shown = everything_shown(page)
        assert "reservada" not in shown and "incoherente" not in shown
    assert "Auditora de Pruebas: entregó" in page.state_line.text()  # who submitted, only
    assert not page.report_button.isVisible()
    QThreadPool.globalInstance().waitForDone()


def test_after_the_reveal_the_matrix_marks_the_disagreement(qtbot, db, admin) -> None:
    office = revealed_session(db, admin)
    assert office.summary.state is CalibrationState.REVEALED
    page = open_page(qtbot, db, office.beto)
    assert page.stack.currentWidget() is page.results
    panel = page.results
    panel.criterion.setCurrentIndex(panel.criterion.findData("solucion"))
    model = panel.matrix_model
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal).replace("\n", " ")
        for c in range(model.columnCount())
    ]
    carla = headers.index("Carla Méndez")
    beto = headers.index("Beto Ramírez")
    assert model.cell_text(0, 0).startswith(office.first)  # widest disagreement first
    assert "en desacuerdo" in model.cell_text(0, 0)
    assert model.cell_text(0, carla) == DISAGREEMENT_MARK + "No cumple"
    index = model.index(0, carla)
    assert model.data(index, DISAGREES_ROLE) is True
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(index, Qt.ItemDataRole.ToolTipRole)  # her observation
    assert model.cell_text(0, beto) == "Cumple"
    assert model.data(model.index(0, beto), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(2, carla), DISAGREES_ROLE) is False

    panel.criterion.setCurrentIndex(panel.criterion.findData("redaccion_ortografia"))
    row = next(
        r for r in range(model.rowCount()) if model.cell_text(r, 0).startswith(office.second)
    )
    assert model.cell_text(row, beto) == DISAGREEMENT_MARK + "Medio"

    figures = panel.figures.text()
    assert "alfa de Krippendorff" in figures and "AC1 de Gwet" in figures
    agreement = [panel.agreement.item(r, 0).text() for r in range(panel.agreement.rowCount())]
    assert agreement[-1] == "Total"
    alpha = panel.agreement.item(0, 2).text()  # coherencia: nobody varies
    assert alpha == "—"
    assert "," in panel.agreement.item(panel.agreement.rowCount() - 1, 3).text()
    assert panel.evaluators.rowCount() == 3
    assert page.report_button.isVisible()
    page.grab().save(str(Path("/tmp") / "calibracion_revelada.png"))
    QThreadPool.globalInstance().waitForDone()


def test_the_form_in_calibration_mode_saves_a_judgement_not_an_evaluation(qtbot, db, admin) -> None:
    office = open_session(db, admin)
    cal = office.summary.id
    sample = evaluations.list_sample(db, office.ana, office.audit_id)
    before = [evaluations.load_form(db, office.ana, item.sample_item_id).saved for item in sample]

    page = open_page(qtbot, db, office.beto)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    panel = page.judging
    record_id = panel.current_id
    assert record_id is not None
    panel.form.focus_first_criterion()
    for _ in panel.form.rows:  # «1»: Cumple, and the first level (Alto); focus moves on
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)

    saved = load_form(db, office.beto, cal, record_id).saved
    assert saved is not None and saved.complete
    assert saved.answers == ALL_MET
    assert panel.model.rows[0].judged or any(r.judged for r in panel.model.rows)
    # The audit's evaluations are untouched, and Ana still sees none of Beto's work.
    after = [evaluations.load_form(db, office.ana, item.sample_item_id).saved for item in sample]
    assert after == before
    assert load_form(db, office.ana, cal, record_id).saved is None
    page.grab().save(str(Path("/tmp") / "calibracion_formulario.png"))
    QThreadPool.globalInstance().waitForDone()


def test_submitting_hands_in_and_hides_the_form(qtbot, db, admin, shown_messages) -> None:
    office = open_session(db, admin)
    judge(db, office.beto, office.summary.id)
    page = open_page(qtbot, db, office.beto)
    summary = page.judging.submit()
    assert summary is not None and [e.submitted for e in summary.evaluators] == [False, True, False]
    assert page.stack.currentWidget() is page.waiting
    assert "entregó sus juicios" in page.waiting.text()
    QThreadPool.globalInstance().waitForDone()


THREE_DECIMALS = re.compile(r"^-?\d+,\d{3}$")


def test_alpha_and_ac1_show_three_decimals_as_in_the_report(qtbot, db, admin, tmp_path) -> None:
    office = revealed_session(db, admin)
    page = open_page(qtbot, db, office.beto)
    panel = page.results
    total = panel.agreement.rowCount() - 1
    alpha, ac1 = (panel.agreement.item(total, c).text() for c in (2, 3))
    assert THREE_DECIMALS.match(alpha) and THREE_DECIMALS.match(ac1), (alpha, ac1)
    results = page.view_shown.results if page.view_shown else None
    assert results is not None and results.agreement.overall.gwet_ac1 is not None
    assert ac1 == f"{results.agreement.overall.gwet_ac1:.3f}".replace(".", ",")
    assert f"<b>{alpha}</b>" in panel.figures.text() and "0,667" in panel.figures.text()
    # The report PDF prints the very same figures.
    report = " ".join(page_texts(calibration_report_pdf(db, office.beto, office.summary.id)))
    assert alpha in report and ac1 in report
    QThreadPool.globalInstance().waitForDone()


def test_the_report_is_written_off_the_gui_thread_with_the_buttons_disabled(
    qtbot, db, admin, tmp_path, monkeypatch, shown_messages
) -> None:
    office = revealed_session(db, admin)
    page = open_page(qtbot, db, office.beto)
    threads: list[int] = []
    real = calibration_page.calibration_report_pdf

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(calibration_page, "calibration_report_pdf", recording)
    out = tmp_path / "informe"
    monkeypatch.setattr(calibration_page, "ask_save_path", lambda *_args: str(out))
    with qtbot.waitSignal(page.report_written, timeout=20_000) as written:
        page.report_button.click()
        assert not page.report_button.isEnabled() and not page.sessions.isEnabled()
    assert written.args == [f"{out}.pdf"]
    assert threads and threads[0] != threading.get_ident()
    assert page.report_button.isEnabled() and page.sessions.isEnabled()
    pdf = Path(f"{out}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and "Informe de calibración" in " ".join(page_texts(pdf))
    assert "escrito en" in page.message.text() and not shown_messages


def test_a_report_that_cannot_be_written_is_told_not_raised(
    qtbot, db, admin, tmp_path, shown_messages
) -> None:
    office = revealed_session(db, admin)
    page = open_page(qtbot, db, office.beto)
    task = page.write_report(str(tmp_path / "no-existe" / "informe.pdf"))
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    assert shown_messages and shown_messages[-1].title == "No se escribió el informe"
    assert "No se pudo escribir" in shown_messages[-1].text
    assert page.report_button.isEnabled()
