"""The monthly report's «Calibración de evaluadores»: the revealed sessions of the month."""

from __future__ import annotations

from reading import page_texts

from auditoria_calidad.services.calibration import show_calibration
from auditoria_calidad.services.reports import monthly_report
from calibration_data import judge, open_session, revealed_session


def _section(pdf: bytes) -> str:
    whole = "\n".join(page_texts(pdf)).replace("\u00a0", " ")
    start = whole.index("6. Calibración de evaluadores")
    return whole[start : whole.index("7. Análisis", start)]


def test_the_month_lists_its_revealed_sessions_with_alpha_and_ac1(db, admin) -> None:
    office = revealed_session(db, admin)
    overall = show_calibration(db, office.ana, office.summary.id).results.agreement.overall  # type: ignore[union-attr]
    report = monthly_report(
        db, office.carla, month="2026-10", channel="virtual", provider="Contacto Total S.A.S."
    )
    [row] = report.data.calibrations
    assert row.audit_number == office.number
    assert row.evaluators == ("Auditora de Pruebas", "Beto Ramírez", "Carla Méndez")
    assert row.krippendorff_alpha == overall.krippendorff_alpha
    assert row.gwet_ac1 == overall.gwet_ac1
    section = _section(report.pdf)
    assert office.number in section and "Beto Ramírez" in section
    assert f"{overall.krippendorff_alpha:.2f}".replace(".", ",") in section
    assert f"{overall.gwet_ac1:.2f}".replace(".", ",") in section
    assert "Sin sesiones de calibración en el mes" not in section


def test_an_open_session_stays_out_of_the_month(db, admin) -> None:
    office = open_session(db, admin)
    judge(db, office.ana, office.summary.id)  # judged, not revealed: blind, no figures
    report = monthly_report(
        db, office.ana, month="2026-10", channel="virtual", provider="Contacto Total S.A.S."
    )
    assert report.data.calibrations == ()
    assert "Sin sesiones de calibración en el mes." in _section(report.pdf)
