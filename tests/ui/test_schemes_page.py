"""Configuración › Esquemas de calificación and Calendario laboral (offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from auditoria_calidad.services import schemes
from auditoria_calidad.ui.schemes_page import (
    CRITICAL,
    LABEL,
    MODE,
    WEIGHT,
    CalendarTab,
    SchemesPage,
    SchemesTab,
)


def _page(qtbot, db, actor) -> SchemesPage:  # type: ignore[no-untyped-def]
    page = SchemesPage(db, actor)
    qtbot.addWidget(page)
    page.resize(1100, 620)
    page.show()
    return page


def test_a_version_shows_its_criteria_and_thresholds(qtbot, db, admin) -> None:
    page = _page(qtbot, db, admin)
    tab = page.schemes_tab
    assert tab.versions.rowCount() == 2
    assert tab.versions_table.select_where(lambda s: s.name == "F182 Atención Virtual")
    model = tab.criteria
    rows = [[model.index(r, c).data() for c in range(6)] for r in range(model.rowCount())]
    assert rows[0][:4] == [
        "oportunidad",
        "Oportunidad (respuesta dentro de las 24 horas)",
        "Calculado",
        "20",
    ]
    solucion = next(r for r in range(model.rowCount()) if model.rows[r]["key"] == "solucion")
    assert (
        model.index(solucion, CRITICAL).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )
    assert model.index(solucion, MODE).data() == "Nota en cero"
    assert tab.thresholds.hours.text() == "24,0"
    assert tab.thresholds.calendar.text() == "Lunes a viernes, 08:00–17:00"
    assert "versión 1 (vigente)" in tab.title.text()
    assert not model.flags(model.index(0, LABEL)) & Qt.ItemFlag.ItemIsEditable


def test_an_edit_is_saved_as_a_new_version_and_errors_are_listed(qtbot, db, admin) -> None:
    page = _page(qtbot, db, admin)
    tab: SchemesTab = page.schemes_tab
    tab.versions_table.select_where(lambda s: s.name == "F182 Atención Virtual")
    tab.edit_button.click()
    model = tab.criteria
    assert model.flags(model.index(1, WEIGHT)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(1, WEIGHT), "mucho")
    assert "no es un número" in tab.error.text()
    assert model.setData(model.index(1, WEIGHT), "0")
    tab.thresholds.hours.setValue(0.5)
    tab.save_button.click()
    assert tab.error.isVisible() and "debe ser mayor que 0" in tab.error.text()
    assert model.setData(model.index(1, WEIGHT), "17,5")
    row = tab.criteria.add_judged()
    model.setData(model.index(row, LABEL), "Amabilidad")
    tab.thresholds.target.setValue(92.5)
    tab.save_button.click()
    assert not tab.error.isVisible()
    assert "Se guardó la versión 2" in tab.notice.text()
    current = schemes.current_scheme(db, admin, "virtual").scheme
    assert current.version == 2
    assert str(current.criterion("coherencia").weight) == "17.5"
    assert current.criterion("criterio_1").label == "Amabilidad"
    assert str(current.thresholds.target_score) == "92.5"
    assert "versión 2 (vigente)" in tab.title.text()


def test_only_administrators_see_the_editor(qtbot, db, auditor) -> None:
    page = _page(qtbot, db, auditor)
    assert not page.schemes_tab.edit_button.isVisible()
    assert not page.calendar_tab.save_button.isVisible()


def test_the_working_calendar_is_saved_as_a_new_version(qtbot, db, admin) -> None:
    page = _page(qtbot, db, admin)
    tab: CalendarTab = page.calendar_tab
    tab.scheme.setCurrentIndex(tab.scheme.findText("F182 Atención Chat (versión 1)"))
    for box in tab.days:
        box.setChecked(False)
    tab.save_button.click()
    assert "al menos uno" in tab.error.text()
    for number in (1, 2, 3, 4, 5, 6):
        tab.days[number - 1].setChecked(True)
    tab.clock.setCurrentIndex(tab.clock.findData("business"))
    tab.save_button.click()
    assert "versión 2" in tab.notice.text()
    chat = schemes.current_scheme(db, admin, "chat").scheme
    assert chat.thresholds.calendar.weekdays == frozenset(range(1, 7))
    assert chat.thresholds.clock.value == "business"
    assert tab.scheme.currentText() == "F182 Atención Chat (versión 2)"
    assert page.schemes_tab.versions.rowCount() == 3  # the other tab was refreshed
