"""«Agregar por alertas…» in an audit's detail and the «Análisis automático» settings tab."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from audit_data import OCTOBER, provider, record, store
from auditoria_calidad.services import office_settings, sample, screening
from auditoria_calidad.ui.audits_page import AuditsPage
from auditoria_calidad.ui.screening_settings_tab import ScreeningSettingsTab, phrases_of

FIRST, LAST = date(2026, 10, 1), date(2026, 10, 31)
KEYS = [("Luis", f"R-{i}") for i in range(1, 7)] + [("Ana", f"R-{i}") for i in range(7, 13)]


@pytest.fixture
def provider_id(db, admin) -> int:  # type: ignore[no-untyped-def]
    pid = provider(db, admin, "Contacto Total S.A.S.")
    # Every third answer is late: a «plazo_24h» alert.
    store(db, admin, pid, [record(a, k, OCTOBER + timedelta(hours=i),
                                  answer_hours=30 if i % 3 == 2 else 5)
                           for i, (a, k) in enumerate(KEYS)])  # fmt: skip
    return pid


def _click(dialog, role=QDialogButtonBox.ButtonRole.AcceptRole) -> None:  # type: ignore[no-untyped-def]
    buttons = dialog.findChild(QDialogButtonBox)
    next(b for b in buttons.buttons() if buttons.buttonRole(b) == role).click()


def test_records_with_chosen_alerts_are_added_as_directed_additions(
    qtbot, db, auditor, provider_id
) -> None:
    drawn = sample.create_audit_and_draw(
        db, auditor, "virtual", provider_id, FIRST, LAST, "0.5", 42
    )
    page = AuditsPage(db, auditor)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.open_audit(drawn.audit_id)
    detail = page.detail
    assert detail.alerts_button.isEnabled()
    summary = screening.screening_summary(db, auditor, drawn.audit_id)
    found = {code: n for code, _label, n in summary.by_code if n}
    assert found, "the example population has alerts"
    dialog = detail.open_alerts_dialog()
    assert dialog is not None
    assert set(dialog.checks) == set(found)
    code = next(iter(found))
    assert not dialog.ok.isEnabled()  # nothing chosen, no reason
    dialog.checks[code].setChecked(True)
    assert not dialog.ok.isEnabled()  # still no reason
    dialog.reason.setPlainText("Revisar todas las respuestas con esta alerta")
    assert dialog.ok.isEnabled()
    before = {i.key for i in sample.sample_items(db, auditor, drawn.audit_id) if i.active}
    _click(dialog)
    assert not dialog.isVisible()
    items = sample.sample_items(db, auditor, drawn.audit_id)
    added = {i.key for i in items if i.active} - before
    alerts = screening.alerts_for_audit(db, auditor, drawn.audit_id, code=code)
    with_code = {r.key for r in alerts.records if r.alerts}
    assert added == with_code - before
    assert f"Alertas {code}:" in detail.notice.text()
    directed = [i for i in items if i.key in added]
    assert all(i.addition_reason and "Revisar todas" in i.addition_reason for i in directed)
    # The seed is the one drawn: the random part is untouched.
    assert detail.summary is not None and detail.summary.seed == 42


def test_screening_settings_are_edited_and_saved_from_the_window(qtbot, db, admin) -> None:
    tab = ScreeningSettingsTab(db, admin)
    qtbot.addWidget(tab)
    tab.resize(1100, 560)
    tab.show()
    legalisms = tab.editors["screening_legalisms"]
    assert "\n" in legalisms.toPlainText()  # the defaults, one a line
    legalisms.setPlainText("  En   atención a su solicitud \n\nen atención a su solicitud\nSírvase")
    tab.threshold.setValue(35.5)
    assert tab.save()
    stored = office_settings.get_settings(db)
    assert stored["screening_legalisms"] == ["En atención a su solicitud", "Sírvase"]
    assert stored["screening_readability_threshold"] == 35.5
    # A protocol list may not be left empty: every answer would lack its greeting.
    tab.editors["screening_greetings"].setPlainText("   ")
    assert not tab.save()
    assert office_settings.get_settings(db)["screening_greetings"]
    tab.restore_defaults()
    assert phrases_of(legalisms.toPlainText()) == list(office_settings.LEGALISMS)


def test_a_stale_save_of_the_screening_settings_shows_both_versions(qtbot, db, admin) -> None:
    tab = ScreeningSettingsTab(db, admin)
    qtbot.addWidget(tab)
    office_settings.update_settings(db, admin, {"screening_closings": ["Hasta pronto."]})
    tab.editors["screening_closings"].setPlainText("Atentamente,")
    assert not tab.save()
    assert tab.conflict_dialog is not None
    assert office_settings.get_settings(db)["screening_closings"] == ["Hasta pronto."]


def test_drawing_again_warns_that_the_additions_go(qtbot, db, auditor, provider_id) -> None:
    drawn = sample.create_audit_and_draw(db, auditor, "virtual", provider_id, FIRST, LAST, "0.5", 7)
    page = AuditsPage(db, auditor)
    qtbot.addWidget(page)
    page.open_audit(drawn.audit_id)
    dialog = page.detail.open_draw_dialog()
    assert dialog is not None and dialog.additions_note.isHidden()
    dialog.close()
    result = sample.add_records_with_alerts(
        db, auditor, drawn.audit_id, ["plazo_24h"], "Todas las tardías"
    )
    assert result.added
    page.detail.reload()
    dialog = page.detail.open_draw_dialog()
    assert dialog is not None and not dialog.additions_note.isHidden()
    assert f"{len(result.added)} registro" in dialog.additions_note.text()
