"""Columns hidden in the workbook are never guessed as a field, only chosen by hand."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import (
    ColumnMapping,
    MappedColumn,
    UncertainMappingError,
    preview,
    read_export,
)
from auditoria_calidad.importing.hidden_columns import hidden_columns

HEADERS = ["Radicado", "Funcionario responsable", "Propietario", "Fecha de ingreso",
           "Fecha de respuesta"]  # fmt: skip
AGENTS = ["Ana Gómez", "Luis Pérez"]
SYSTEM_USER = "Usuario Sistema Migración"


def _workbook(path: Path, *, hide: bool, first_column: int = 1) -> Path:
    """A CRM export whose technical column «Funcionario responsable» (the user that
    migrated the case) is hidden; the real agent is in «Propietario»."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Casos"
    for c, header in enumerate(HEADERS, start=first_column):
        ws.cell(row=1, column=c, value=header)
    for i in range(12):
        row = [f"CAS-{i:03d}", SYSTEM_USER, AGENTS[i % 2], datetime(2026, 10, i + 1, 8, 0),
               datetime(2026, 10, i + 2, 9, 30)]  # fmt: skip
        for c, value in enumerate(row, start=first_column):
            ws.cell(row=i + 2, column=c, value=value)
    if hide:
        letter = ws.cell(row=1, column=first_column + 1).column_letter
        ws.column_dimensions[letter].hidden = True
    wb.save(path)
    return path


def test_a_visible_technical_column_makes_the_agent_uncertain(tmp_path: Path) -> None:
    """Shown, the migration user's column competes with «Propietario»: the import asks,
    with the column that names people first (hiding it settles the question)."""
    path = _workbook(tmp_path / "visible.xlsx", hide=False)

    with pytest.raises(UncertainMappingError) as stopped:
        read_export(path, Channel.VIRTUAL)

    candidates = stopped.value.guess.fields["agent"].candidates
    assert candidates[0].header == "Propietario"
    assert any(c.header == "Funcionario responsable" for c in candidates)


def test_a_hidden_column_is_never_guessed_and_is_kept_as_extra_data(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "oculta.xlsx", hide=True)

    result = read_export(path, Channel.VIRTUAL)

    assert result.rejected == []
    assert {r.agent for r in result.records} == set(AGENTS)
    assert result.mapping.get("agent") == MappedColumn(2, "Propietario")
    assert all(r.extra["Funcionario responsable"] == SYSTEM_USER for r in result.records)
    assert "Se ignoró 1 columna oculta: «Funcionario responsable»." in result.notes
    shown = preview(path, Channel.VIRTUAL)
    assert shown.guessed_mapping.get("agent") == MappedColumn(2, "Propietario")


def test_the_user_may_still_map_a_hidden_column_by_hand(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "oculta.xlsx", hide=True)

    chosen = read_export(path, Channel.VIRTUAL, overrides={"agent": "Funcionario responsable"})
    assert {r.agent for r in chosen.records} == {SYSTEM_USER}
    assert not any("oculta" in note for note in chosen.notes)

    saved = ColumnMapping({
        "key": MappedColumn(0, "Radicado"), "agent": MappedColumn(1, "Funcionario responsable"),
        "received_at": MappedColumn(3, "Fecha de ingreso"),
        "answered_at": MappedColumn(4, "Fecha de respuesta"),
    })  # fmt: skip
    profile = read_export(path, Channel.VIRTUAL, mapping=saved)
    assert {r.agent for r in profile.records} == {SYSTEM_USER}


def test_hidden_columns_are_counted_from_the_first_column_of_the_table(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "desde_c.xlsx", hide=True, first_column=3)

    assert hidden_columns(path, "Casos", column_offset=2) == {1}
    result = read_export(path, Channel.VIRTUAL)
    assert {r.agent for r in result.records} == set(AGENTS)


def test_a_range_of_hidden_columns_and_a_workbook_without_any(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Hoja"
    ws["A1"] = "x"
    ws.column_dimensions.group("B", "D", hidden=True)
    wb.save(tmp_path / "rango.xlsx")
    assert hidden_columns(tmp_path / "rango.xlsx", "Hoja", 0) == {1, 2, 3}
    assert hidden_columns(_workbook(tmp_path / "v.xlsx", hide=False), "Casos", 0) == set()


def _filtered_consolidation(path: Path, *, autofilter: bool) -> Path:
    """Two providers' cases in one sheet, filtered (or hidden by hand) to show one."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Consolidado"
    ws.append(["Radicado", "Operador", "Agente", "Fecha de ingreso", "Fecha de respuesta"])
    for i in range(10):
        operator = "Contact Center Andino" if i % 3 == 2 else "Outsourcing Integral"
        agent = "Brayan Rincón" if operator.startswith("Contact") else AGENTS[i % 2]
        ws.append([f"RAD-{i:03d}", operator, agent, datetime(2026, 10, i + 1, 8, 0),
                   datetime(2026, 10, i + 1, 15, 0)])  # fmt: skip
        if operator.startswith("Contact"):
            ws.row_dimensions[i + 2].hidden = True
    if autofilter:
        ws.auto_filter.ref = "A1:E11"
        ws.auto_filter.add_filter_column(1, ["Outsourcing Integral"])
    wb.save(path)
    return path


def test_rows_hidden_by_a_filter_or_by_hand_are_set_aside(tmp_path: Path) -> None:
    for autofilter in (True, False):
        path = _filtered_consolidation(tmp_path / f"consolidado_{autofilter}.xlsx",
                                       autofilter=autofilter)  # fmt: skip

        result = read_export(path, Channel.VIRTUAL)

        assert [r.key for r in result.records] == [f"RAD-{i:03d}" for i in range(10) if i % 3 != 2]
        assert "Brayan Rincón" not in {r.agent for r in result.records}
        assert [(row.row, row.key) for row in result.set_aside] == [
            (4, "RAD-002"), (7, "RAD-005"), (10, "RAD-008")
        ]  # fmt: skip
        assert all(row.reason.startswith("Fila oculta en el libro") for row in result.set_aside)


def test_rows_filtered_and_columns_hidden_in_calc_are_left_out(tmp_path: Path) -> None:
    import ods_files

    rows: list[list[object]] = [HEADERS]
    for i in range(6):
        rows.append([f"CAS-{i:03d}", SYSTEM_USER, AGENTS[i % 2], datetime(2026, 10, i + 1, 8, 0),
                     datetime(2026, 10, i + 2, 9, 30)])  # fmt: skip
    path = ods_files.write_ods(tmp_path / "casos.ods", {"Casos": rows}, filtered_rows=[3, 6],
                               hidden_columns=[1])  # fmt: skip

    result = read_export(path, Channel.VIRTUAL)

    assert [r.key for r in result.records] == ["CAS-000", "CAS-002", "CAS-003", "CAS-005"]
    assert [(row.row, row.key) for row in result.set_aside] == [(3, "CAS-001"), (6, "CAS-004")]
    assert {r.agent for r in result.records} == set(AGENTS)  # not the hidden system user
