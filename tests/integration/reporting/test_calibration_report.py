"""The calibration report PDF read back: method, figures, evaluators, disagreements."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading import flat, page_texts

from auditoria_calidad.services.calibration_reports import calibration_report_pdf
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.office_settings import update_settings
from calibration_data import NOTE, open_session, revealed_session


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def test_the_report_of_a_revealed_session_explains_method_figures_and_disagreements(
    db, admin, tmp_path: Path
) -> None:
    office = revealed_session(db, admin)
    update_settings(
        db,
        admin,
        {"entity_name": "Instituto de Crédito Territorial", "calibration_report_code": "F190 v1"},
    )
    out = tmp_path / "calibracion.pdf"
    pdf = calibration_report_pdf(db, office.beto, office.summary.id, out=out)
    assert out.read_bytes() == pdf
    texts = [_plain(t) for t in page_texts(pdf)]
    whole = "\n".join(texts)

    assert "Instituto de Crédito Territorial" in whole and "F190 v1" in whole
    assert f"Informe de calibración N.º {office.summary.id}" in whole
    # Method: who, which records, how drawn, how to read the statistics.
    assert "semilla 11" in whole
    assert "Ana" in whole and "Beto Ramírez (beto)" in whole and "Carla Méndez (carla)" in whole
    assert all(key in flat(whole) for key in office.summary.record_keys)
    assert "alfa ≥ 0,800" in whole and "0,667" in whole
    # Figures per criterion and overall (coherencia: nobody varies, alpha undefined).
    assert "Coherencia" in whole and "Nominal" in whole and "Ordinal" in whole
    assert "Total (todos los criterios)" in whole
    assert "—" in whole
    assert "Alineación con la referencia" in whole
    assert "más estricto" in whole and "más benévolo" in whole
    # Records in disagreement: the widest first, each evaluator's judgement and note.
    section = whole[whole.index("4. Registros en desacuerdo") :]
    assert section.index(office.first) < section.index(office.second)
    assert "No cumple" in section and "Medio" in section
    assert NOTE in flat(section) or flat(NOTE) in flat(section)
    # The same session gives the same bytes.
    assert calibration_report_pdf(db, office.ana, office.summary.id) == pdf


def test_an_open_session_has_no_report(db, admin) -> None:
    office = open_session(db, admin)
    with pytest.raises(InvalidInput, match="sigue abierta"):
        calibration_report_pdf(db, office.ana, office.summary.id)
