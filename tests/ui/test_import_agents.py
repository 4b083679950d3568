"""Importar tells the auditor about agent names that look repeated and opens the merge list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from auditoria_calidad.services import administration
from auditoria_calidad.ui.import_page import ImportPage

PROVIDER = "Contacto Total S.A.S."
WAIT = 60_000


def _export(path: Path, agents: list[str]) -> Path:
    lines = ["Radicado;Fecha de ingreso;Fecha y hora de respuesta;Funcionario responsable"]
    for i, agent in enumerate(agents):
        day = 13 + i
        lines.append(f"R-{i};{day}/10/2026 08:00;{day}/10/2026 15:00;{agent}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def page(qtbot, db, admin, auditor):  # type: ignore[no-untyped-def]
    administration.add_provider(db, admin, PROVIDER)
    page = ImportPage(db, auditor)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    return page


def _import(qtbot, page: ImportPage, path: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.inspected, timeout=WAIT):
        page.set_file(path)
    page.provider_combo.setCurrentText(PROVIDER)
    with qtbot.waitSignal(page.import_finished, timeout=WAIT):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.running, timeout=WAIT)


def test_after_an_import_with_a_name_one_letter_apart_the_page_says_so(
    qtbot, page, tmp_path
) -> None:
    path = _export(tmp_path / "octubre.csv", ["Ana Pérez Gómez", "Ana Peres Gómez", "Luis Rojas"])
    _import(qtbot, page, path)
    assert page.agents_hint.isVisible()
    assert "Hay 1 posible agente repetido en «Contacto Total S.A.S.»" in page.agents_hint.text()

    dialog = page.open_agents_dialog()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.tab.provider_name == PROVIDER
    assert dialog.tab.proposals.rowCount() == 1


def test_names_written_alike_give_no_hint(qtbot, page, tmp_path) -> None:
    path = _export(tmp_path / "octubre.csv", ["Ana Pérez Gómez", "ana  pérez gómez", "Luis Rojas"])
    _import(qtbot, page, path)
    assert not page.agents_hint.isVisible()
