"""The F182 workbook round trip: export, fill in "Excel" (openpyxl), import back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.services import audits
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.evaluations import (
    EvaluationDraft,
    list_sample,
    load_form,
    save_evaluation,
)
from auditoria_calidad.services.f182_exchange import (
    F182ImportRejected,
    export_f182,
    import_f182,
)
from auditoria_calidad.storage.models import AuditLogEntry, AuditState
from f182_data import build_audit


@pytest.fixture
def f182(db, admin):  # type: ignore[no-untyped-def]
    return build_audit(db, admin)


def _headers(sheet) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {cell.value: cell.column for cell in sheet[4] if cell.value}


def _fill(path: Path, values: dict[int, dict[str, object]]) -> Path:
    """Write ``values`` (data row index → header → value) as a reviewer would."""
    workbook = load_workbook(path)
    sheet = workbook["F182"]
    columns = _headers(sheet)
    for index, cells in values.items():
        for header, value in cells.items():
            sheet.cell(row=5 + index, column=columns[header], value=value)
    out = path.with_name("diligenciado.xlsx")
    workbook.save(out)
    return out


def test_the_workbook_has_the_f182_layout(db, f182, tmp_path) -> None:
    path = tmp_path / "f182.xlsx"
    summary = export_f182(db, f182.auditor, f182.audit_id, path)
    assert summary.rows == 6
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["F182", "_f182"]
    assert workbook["_f182"].sheet_state == "hidden"
    sheet = workbook["F182"]
    headers = list(_headers(sheet))
    assert headers[:4] == ["Radicado", "Fecha de ingreso", "Cédula", "Fecha y hora de respuesta"]
    order = [
        headers.index(h)
        for h in (
            "Número de veces registrado en CRM",
            "Coherencia",
            "Pertinencia",
            "Solución del problema",
            "Fecha de revisión",
            "Funcionario responsable",
            "Redacción y ortografía",
            "Observaciones generales de calidad",
        )
    ]
    assert order == sorted(order)
    columns = _headers(sheet)
    assert sheet.freeze_panes == "B5" and sheet.auto_filter.ref.startswith("A4:")
    assert sheet.protection.sheet and not sheet.protection.password
    first = 5
    assert sheet.cell(first, columns["Radicado"]).protection.locked
    assert not sheet.cell(first, columns["Coherencia"]).protection.locked
    assert not sheet.cell(first, columns["Observaciones generales de calidad"]).protection.locked
    ranges = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    letter = sheet.cell(first, columns["Coherencia"]).column_letter
    assert ranges[f"{letter}5:{letter}10"].startswith("'_f182'!")
    id_letter = sheet.cell(first, columns["Id. interno (no modificar)"]).column_letter
    assert sheet.column_dimensions[id_letter].hidden
    # Timeliness computed; the record with 30 h is outside 24 h.
    assert sheet.cell(first + 2, columns["Horas para responder"]).value == 30.5
    assert sheet.cell(first + 2, columns["Respuesta dentro de 24 horas"]).value == "No"
    assert (
        sheet.cell(
            first + 2, columns["Oportunidad (respuesta dentro de las 24 horas) (calculado)"]
        ).value
        == "No cumple"
    )
    # The spelling pre-check helps the reviewer in Excel too.
    suspects = sheet.cell(
        first + 1, columns["Palabras sospechosas (revisión ortográfica previa)"]
    ).value
    assert "solisitud" in suspects and "recivida" in suspects
    assert (
        sheet.cell(first + 1, columns["Nivel propuesto por la revisión ortográfica"]).value
        == "Bajo"
    )
    assert (
        sheet.cell(first, columns["Palabras sospechosas (revisión ortográfica previa)"]).value
        == "Ninguna"
    )
    # Text that looks like a formula stays text.
    request = sheet.cell(first + 1, columns["Solicitud del usuario"])
    assert request.value.startswith("=HYPERLINK") and request.data_type == "s"


def test_a_filled_workbook_is_saved_as_if_entered_in_the_form(db, f182, tmp_path) -> None:
    path = export_f182(db, f182.auditor, f182.audit_id, tmp_path / "f182.xlsx").path
    filled = _fill(
        Path(path),
        {
            0: {
                "Coherencia": "cumple",
                "Pertinencia": "CUMPLE",
                "Solución del problema": "Cumple",
                "Redacción y ortografía": "alto",
                "Observaciones generales de calidad": "Bien.",
            },
            1: {
                "Coherencia": "No Cumple",
                "Pertinencia": "n/a",
                "Solución del problema": "cumple",
                "Redacción y ortografía": "Bajo",
                "Observaciones generales de calidad": "Confunde el trámite; varias faltas.",
            },
            2: {"Coherencia": "Cumple"},  # partial: saved, still pending
        },
    )
    summary = import_f182(db, f182.auditor, f182.audit_id, filled)
    assert (summary.rows, summary.saved, summary.unchanged) == (6, 3, 3)
    rows = list_sample(db, f182.auditor, f182.audit_id)
    assert [r.state for r in rows[:3]] == ["evaluado", "evaluado", "pendiente"]
    assert rows[0].score == Decimal("100.00")
    first = load_form(db, f182.auditor, f182.items[1]).saved
    assert first is not None and first.answers == {
        "coherencia": "no_cumple",
        "pertinencia": "na",
        "solucion": "cumple",
        "redaccion_ortografia": "bajo",
    }
    assert first.reviewer == "Auditora de Pruebas"
    assert audits.get_audit(db, f182.auditor, f182.audit_id).state is AuditState.IN_REVIEW
    with db.sessions() as session:
        fields = set(
            session.scalars(
                select(AuditLogEntry.field).where(
                    AuditLogEntry.entity == "evaluation",
                    AuditLogEntry.entity_id == first.evaluation_id,
                )
            )
        )
    assert {"criterio.coherencia", "criterio.pertinencia", "puntaje"} <= fields
    # Importing the same workbook again changes nothing.
    again = import_f182(db, f182.auditor, f182.audit_id, filled)
    assert (again.saved, again.unchanged) == (0, 6)


def test_invalid_cells_are_reported_and_nothing_is_applied(db, f182, tmp_path) -> None:
    path = export_f182(db, f182.auditor, f182.audit_id, tmp_path / "f182.xlsx").path
    filled = _fill(
        Path(path),
        {
            0: {"Coherencia": "Cumple", "Pertinencia": "Cumple"},
            3: {"Coherencia": "Cumplió"},
            4: {"Redacción y ortografía": "Excelente"},
        },
    )
    with pytest.raises(F182ImportRejected) as caught:
        import_f182(db, f182.auditor, f182.audit_id, filled)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 2
    workbook = load_workbook(filled)
    columns = _headers(workbook["F182"])
    coherence = workbook["F182"].cell(5, columns["Coherencia"]).column_letter
    assert problems[0] == (
        f"Hoja «F182», fila 8, columna {coherence} («Coherencia»): «Cumplió» "
        "no es un valor válido; use Cumple, No cumple o N.A."
    )
    assert "fila 9" in problems[1] and "Alto, Medio, Bajo o N.A." in problems[1]
    assert "No se importó nada" in caught.value.message
    assert all(r.version is None for r in list_sample(db, f182.auditor, f182.audit_id))


def test_a_failure_without_observation_is_refused_with_its_row_and_column(
    db, f182, tmp_path
) -> None:
    path = export_f182(db, f182.auditor, f182.audit_id, tmp_path / "f182.xlsx").path
    filled = _fill(
        Path(path),
        {
            0: {"Coherencia": "Cumple", "Observaciones generales de calidad": "Bien."},
            1: {"Coherencia": "No cumple"},
            2: {"Redacción y ortografía": "Bajo", "Observaciones generales de calidad": " "},
            3: {"Solución del problema": "No cumple", "Observaciones generales de calidad": "x"},
        },
    )
    with pytest.raises(F182ImportRejected) as caught:
        import_f182(db, f182.auditor, f182.audit_id, filled)
    problems = [str(p) for p in caught.value.problems]
    workbook = load_workbook(filled)
    columns = _headers(workbook["F182"])
    header = "Observaciones generales de calidad"
    letter = workbook["F182"].cell(5, columns[header]).column_letter
    assert len(problems) == 2
    assert problems[0].startswith(f"Hoja «F182», fila 6, columna {letter} («{header}»): ")
    assert "Coherencia: No cumple" in problems[0] and "observación" in problems[0]
    assert problems[1].startswith(f"Hoja «F182», fila 7, columna {letter}")
    assert "Redacción y ortografía: nivel bajo" in problems[1]
    assert all(r.version is None for r in list_sample(db, f182.auditor, f182.audit_id))


def test_a_row_changed_in_the_application_after_export_is_a_conflict(db, f182, tmp_path) -> None:
    path = export_f182(db, f182.auditor, f182.audit_id, tmp_path / "f182.xlsx").path
    save_evaluation(
        db,
        f182.auditor,
        f182.items[0],
        EvaluationDraft({"coherencia": "cumple"}),
        expected_version=None,
    )
    filled = _fill(Path(path), {0: {"Coherencia": "No cumple"}, 1: {"Coherencia": "Cumple"}})
    with pytest.raises(F182ImportRejected) as caught:
        import_f182(db, f182.auditor, f182.audit_id, filled)
    assert "después de exportar el libro" in str(caught.value.problems[0])
    rows = list_sample(db, f182.auditor, f182.audit_id)
    assert rows[0].version == 1 and rows[1].version is None  # row 2 not applied either
    assert load_form(db, f182.auditor, f182.items[0]).saved.answers == {"coherencia": "cumple"}


def test_a_workbook_of_another_audit_or_a_broken_one_is_refused(db, admin, f182, tmp_path) -> None:
    path = export_f182(db, f182.auditor, f182.audit_id, tmp_path / "f182.xlsx").path
    workbook = load_workbook(path)
    workbook["_f182"]["B2"] = "AUD-2026-9999"
    workbook.save(tmp_path / "otra.xlsx")
    with pytest.raises(InvalidInput, match="AUD-2026-9999"):
        import_f182(db, f182.auditor, f182.audit_id, tmp_path / "otra.xlsx")
    workbook = load_workbook(path)
    workbook["F182"].cell(4, _headers(workbook["F182"])["Coherencia"], "Coherente")
    workbook.save(tmp_path / "encabezado.xlsx")
    with pytest.raises(InvalidInput, match="«Coherencia»"):
        import_f182(db, f182.auditor, f182.audit_id, tmp_path / "encabezado.xlsx")
    (tmp_path / "texto.xlsx").write_text("no soy un libro")
    with pytest.raises(InvalidInput):
        import_f182(db, f182.auditor, f182.audit_id, tmp_path / "texto.xlsx")


def test_chat_workbook_keeps_the_chat_fields(db, admin, tmp_path) -> None:
    chat = build_audit(db, admin, count=3, channel=Channel.CHAT)
    export_f182(db, chat.auditor, chat.audit_id, tmp_path / "chat.xlsx")
    sheet = load_workbook(tmp_path / "chat.xlsx")["F182"]
    headers = list(_headers(sheet))
    assert headers[:5] == [
        "Id. del chat",
        "Registro que hace el usuario",
        "Identificación",
        "Tiempo de ingreso",
        "Tiempo de espera (mm:ss)",
    ]
    assert "Comportamiento histórico CRM - Observaciones generales" in headers
    columns = _headers(sheet)
    assert sheet.cell(5, columns["Tiempo de espera (mm:ss)"]).value == "01:35"
    # Only the agent's turns are checked: "dias" is the agent's, the user wrote correctly.
    assert (
        sheet.cell(5, columns["Palabras sospechosas (revisión ortográfica previa)"]).value == "dias"
    )


def test_a_workbook_saved_as_ods_by_libreoffice_calc_is_imported(db, f182, tmp_path) -> None:
    from ods_files import write_ods

    path = export_f182(db, f182.auditor, f182.audit_id, tmp_path / "f182.xlsx").path
    filled = _fill(
        Path(path),
        {
            0: {
                "Coherencia": "Cumple",
                "Pertinencia": "Cumple",
                "Solución del problema": "No cumple",
                "Redacción y ortografía": "Medio",
                "Observaciones generales de calidad": "No resuelve:\nfalta el paso a paso.",
            }
        },
    )
    # Calc's «Guardar como» ODF: every sheet, the hidden one too, with typed cells.
    workbook = load_workbook(filled)
    ods = write_ods(
        tmp_path / "f182.ods",
        {
            sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in workbook
        },
    )
    summary = import_f182(db, f182.auditor, f182.audit_id, ods)
    assert (summary.rows, summary.saved, summary.unchanged) == (6, 1, 5)
    saved = load_form(db, f182.auditor, f182.items[0]).saved
    assert saved is not None and saved.answers == {
        "coherencia": "cumple",
        "pertinencia": "cumple",
        "solucion": "no_cumple",
        "redaccion_ortografia": "medio",
    }
    assert saved.observations == "No resuelve:\nfalta el paso a paso."
