"""«Muestra y evaluación» and the F182 form fit common laptop screens: nothing an auditor
reads to identify a record (radicado, cédula, dates, titles) is ever cut.

Sizes: 1280×720, 1366×768 at 125 % scaling (1093×614 logical pixels) and 1024×700. Each
test saves a screenshot (in FIT_SCREENSHOTS_DIR when set, else in the test's folder).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.ui.evaluation_page import EvaluationPage
from auditoria_calidad.ui.sample_list_model import DATE_COLUMN, KEY_COLUMN
from f182_data import build_audit

SIZES = [(1280, 720), (1093, 614), (1024, 700)]


def _bold_width(label: QLabel, text: str) -> int:
    font = QFont(label.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(text)


def _fits(label: QLabel, text: str, *, bold: bool = False) -> bool:
    width = _bold_width(label, text) if bold else label.fontMetrics().horizontalAdvance(text)
    return width <= label.contentsRect().width()


def _screenshot(widget, name: str, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    folder = Path(os.environ.get("FIT_SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def _open(qtbot, open_window, db, admin, size, channel=Channel.VIRTUAL):  # type: ignore[no-untyped-def]
    built = build_audit(db, admin, count=8, channel=channel)
    window = open_window(built.auditor)
    window.resize(*size)
    window.show_page("sample")
    qtbot.waitExposed(window)
    page = window.pages["sample"]
    assert isinstance(page, EvaluationPage)
    qtbot.waitUntil(lambda: page.form.data is not None)
    QApplication.processEvents()
    return window, page


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_identifiers_dates_and_titles_are_never_cut(
    qtbot, open_window, db, admin, size, tmp_path
) -> None:
    window, page = _open(qtbot, open_window, db, admin, size)
    _screenshot(window, f"evaluacion_{size[0]}x{size[1]}", tmp_path)
    # The window really is that size: its minimum does not push it off the screen.
    assert (window.width(), window.height()) == size
    # Titles.
    assert _fits(page.title, page.title.text())
    title = page.form.title
    assert title.isVisible() and "2026-ER-000100" in title.text()
    assert all(_fits(title, word) for word in title.text().split())
    # Every fact of the record (cédula, dates, CRM) shows whole.
    summary = page.form.summary
    shown = [f for f in summary.fact_labels[:4] if f.isVisible()]
    assert len(shown) == 4
    values = [f.toolTip().split(": ", 1)[1] for f in shown]
    assert "1020300000" in values and any("/10/2026 " in v for v in values)
    for fact, value in zip(shown, values, strict=True):
        assert _fits(fact, value, bold=True), (fact.toolTip(), fact.width())
    # The sample list: the key and date columns hold their widest value and are in view.
    view, header = page.view, page.view.horizontalHeader()
    longest = max((page.model.row_at(r).key for r in range(page.model.rowCount())), key=len)
    for column, text in ((KEY_COLUMN, longest), (DATE_COLUMN, "00/00/0000")):
        assert header.sectionSize(column) >= view.fontMetrics().horizontalAdvance(text) + 8
        heading = str(page.model.headerData(column, header.orientation()))
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(heading) + 8
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= view.viewport().width(), (column, right, view.viewport().width())
    # Every answer button shows its whole text.
    for button in page.form.findChildren(QPushButton):
        if button.isVisible():
            assert button.width() >= button.minimumSizeHint().width(), button.text()
    # The criteria can be reached: the first and the observations are in the scroll area.
    assert page.form.criteria_scroll.isVisible()
    assert page.form.criteria_scroll.height() >= 120


def test_column_widths_do_not_move_with_the_data_or_the_window(
    qtbot, open_window, db, admin, tmp_path
) -> None:
    window, page = _open(qtbot, open_window, db, admin, (1280, 720))
    header = page.view.horizontalHeader()
    before = [header.sectionSize(c) for c in range(4)]
    page.view.sortByColumn(KEY_COLUMN, header.sortIndicatorOrder())
    window.resize(1024, 700)
    QApplication.processEvents()
    assert [header.sectionSize(c) for c in range(4)] == before


def test_a_chat_record_fits_at_the_smallest_size(qtbot, open_window, db, admin, tmp_path) -> None:
    window, page = _open(qtbot, open_window, db, admin, (1024, 700), channel=Channel.CHAT)
    _screenshot(window, "evaluacion_chat_1024x700", tmp_path)
    shown = [f for f in page.form.summary.fact_labels if f.isVisible()][:4]
    for fact in shown:
        value = fact.toolTip().split(": ", 1)[1]
        assert _fits(fact, value, bold=True), (fact.toolTip(), fact.width())
    assert all(_fits(page.form.title, w) for w in page.form.title.text().split())
