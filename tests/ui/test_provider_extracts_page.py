"""«Actas del Comité» on the provider manager's «Hallazgos» page: the extracts of the issued
actas that reviewed its provider, saved off the GUI thread and checked against the hash
recorded at the issue.
"""

from __future__ import annotations

import hashlib
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QThreadPool

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import minutes_extracts
from auditoria_calidad.ui import provider_minutes_panel
from auditoria_calidad.ui.findings_page import FindingsPage
from committee_extracts_data import (
    COMMITMENT_B,
    ENTITY_PERSON,
    GENERIC_REP,
    REP_A,
    REP_B,
    UNKNOWN,
    issued_two_provider_session,
)

sys.path.insert(0, str(Path(__file__).parents[1] / "integration" / "reporting"))
from reading import flat, page_texts

WAIT = 20_000


def _page(qtbot, db, actor) -> FindingsPage:  # type: ignore[no-untyped-def]
    page = FindingsPage(db, actor)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    return page


def test_the_manager_saves_only_its_own_extract_with_its_recorded_hash(
    qtbot, db, admin, tmp_path, monkeypatch, shown_messages
) -> None:
    issued = issued_two_provider_session(db, admin, date(2026, 12, 14))
    who, a, b = issued.who, issued.audit_a, issued.audit_b
    recorded = {
        e.provider_id: e.sha256
        for e in minutes_extracts.issued_extracts(db, who.head)
        if e.session_id == issued.session_id
    }
    assert set(recorded) == {a.provider_id, b.provider_id}

    page = _page(qtbot, db, who.manager)
    panel = page.minutes_panel
    assert panel is not None and page.tabs is not None
    assert page.tabs.tabText(1) == "Actas del Comité"
    page.tabs.setCurrentWidget(panel)
    rows = panel.model.rows
    assert [(r.acta_number, r.provider_id) for r in rows] == [(issued.acta_number, a.provider_id)]
    assert panel.extract is not None and panel.hash_value.text() == recorded[a.provider_id]
    assert a.number in panel.model.data(panel.model.index(0, 3))
    page.grab().save("/tmp/actas_del_comite.png")

    out = tmp_path / "extracto"
    monkeypatch.setattr(provider_minutes_panel, "ask_save_path", lambda *_args: str(out))
    with qtbot.waitSignal(panel.saved, timeout=WAIT) as saved:
        panel.save_button.click()
        assert not panel.save_button.isEnabled()  # until the pool thread is done
    assert panel.save_button.isEnabled()
    written = Path(f"{out}.pdf")
    data = written.read_bytes()
    assert saved.args[0].matches and saved.args[0].path == written
    assert hashlib.sha256(data).hexdigest() == panel.hash_value.text() == recorded[a.provider_id]
    assert shown_messages[-1].title == "Actas del Comité"
    assert recorded[a.provider_id] in shown_messages[-1].text

    text = flat(" ".join(page_texts(data)))
    for word in map(flat, [REP_A, ENTITY_PERSON, *issued.keys(a)]):
        assert word in text, word
    foreign = issued.keys(b) | {REP_B, GENERIC_REP, UNKNOWN, COMMITMENT_B, b.number}
    for word in map(flat, foreign):
        assert word not in text, word

    # Verifying: the saved file matches, the full acta does not.
    assert panel.verify_selected(str(written)) is True
    full = tmp_path / "acta-completa.pdf"
    full.write_bytes(issued.full)
    assert panel.verify_selected(str(full)) is False
    assert shown_messages[-1].title == "El extracto no coincide"
    QThreadPool.globalInstance().waitForDone()


def test_the_other_manager_and_the_office(qtbot, db, admin) -> None:
    issued = issued_two_provider_session(db, admin, date(2026, 12, 15))
    other = _page(qtbot, db, issued.who.other_manager)
    assert other.minutes_panel is not None
    assert [r.provider_id for r in other.minutes_panel.model.rows] == [issued.audit_b.provider_id]
    office = _page(qtbot, db, issued.who.head)
    assert office.minutes_panel is None and office.tabs is None
    QThreadPool.globalInstance().waitForDone()


def test_without_issued_actas_the_section_says_so(qtbot, db, actor_with_role) -> None:
    page = _page(qtbot, db, actor_with_role(Role.PROVIDER_MANAGER))
    panel = page.minutes_panel
    assert panel is not None and page.tabs is not None
    page.tabs.setCurrentWidget(panel)
    assert panel.empty.isVisible() and "Todavía no hay actas emitidas" in panel.empty.text()
    assert not panel.table.isVisible() and not panel.save_button.isEnabled()
    page.grab().save("/tmp/actas_del_comite_vacio.png")
