"""What an import writes besides the database, and what it says beyond the counts.

The rejected-rows workbook is part of the import: if it cannot be written nothing is
imported, a failure after the commit is reported without calling the import failed, and
no empty or half-written file is ever left. The summary lists the rows set aside and the
total/notice lines skipped, with where and why, and the notes; the batch keeps them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from audit_data import user
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration, imports
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.imports import ImportRequest, RejectedRowsFound

PROVIDER = "Contacto Total S.A.S."
HEADER = "Radicado;Fecha de ingreso;Funcionario responsable;Fecha de respuesta\n"


@pytest.fixture
def auditor(db, admin):  # type: ignore[no-untyped-def]
    administration.add_provider(db, admin, PROVIDER)
    return user(db, admin, Role.AUDITOR)


def with_rejects(path: Path) -> Path:
    path.write_text(
        HEADER + "R-1;05/10/2026 08:00;Ana Gómez;05/10/2026 10:00\n"
        "R-2;05/13/2026 08:00;Ana Gómez;05/10/2026 10:00\n"
        "R-3;06/10/2026 08:00;Luis Peña;06/10/2026 11:00\n",
        encoding="utf-8",
    )
    return path


def request(path: Path, **options) -> ImportRequest:  # type: ignore[no-untyped-def]
    return ImportRequest(path=path, channel=Channel.VIRTUAL, provider=PROVIDER, **options)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_rejected_rows_are_written_with_the_import(db, auditor, tmp_path) -> None:
    out = tmp_path / "salida" / "rechazadas.xlsx"
    out.parent.mkdir()
    summary = imports.run_import(
        db, auditor, request(with_rejects(tmp_path / "a.csv"), rejects=out)
    )
    assert (summary.imported, summary.rejected) == (2, 1)
    assert summary.rejects_file == out and summary.output_problem is None
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][0] == "R-2" and rows[1][-3] == "3"
    assert files_in(out.parent) == ["rechazadas.xlsx"]
    assert summary.as_json()["rejects_file"] == str(out)


@pytest.mark.parametrize("where", ["a folder", "a missing folder"])
def test_rejects_that_cannot_be_written_import_nothing(db, auditor, tmp_path, where) -> None:
    folder = tmp_path / "salida"
    folder.mkdir()
    if where == "a folder":
        out = folder / "rechazadas.xlsx"
        out.mkdir()
    else:
        out = folder / "no existe" / "rechazadas.xlsx"
    with pytest.raises(InvalidInput) as refused:
        imports.run_import(db, auditor, request(with_rejects(tmp_path / "a.csv"), rejects=out))
    assert "rechazadas.xlsx" in refused.value.message
    assert imports.list_batches(db, auditor) == []
    assert files_in(folder) == (["rechazadas.xlsx"] if where == "a folder" else [])


def test_a_workbook_that_cannot_be_put_in_place_after_the_commit_is_reported_not_failed(
    db, auditor, tmp_path
) -> None:
    out = tmp_path / "salida" / "rechazadas.xlsx"
    out.parent.mkdir()

    def stage(text: str) -> None:
        # When the records start to be stored (the workbook is already written under a
        # temporary name), something takes its place: putting it there fails after the commit.
        if text == imports.STORING:
            out.mkdir()

    summary = imports.run_import(
        db, auditor, request(with_rejects(tmp_path / "a.csv"), rejects=out), on_stage=stage
    )
    assert summary.batch_id is not None and summary.imported == 2
    assert summary.rejects_file is None
    assert summary.output_problem is not None
    assert summary.output_problem.startswith(f"La importación {summary.batch_id} se guardó")
    assert [b.id for b in imports.list_batches(db, auditor)] == [summary.batch_id]
    assert files_in(out.parent) == ["rechazadas.xlsx"] and out.is_dir()  # no temporary left


def test_a_strict_refusal_still_writes_the_rejected_rows(db, auditor, tmp_path) -> None:
    out = tmp_path / "r.xlsx"
    with pytest.raises(RejectedRowsFound) as refused:
        imports.run_import(
            db, auditor, request(with_rejects(tmp_path / "a.csv"), strict=True, rejects=out)
        )
    assert refused.value.summary.rejects_file == out and out.stat().st_size > 0
    assert imports.list_batches(db, auditor) == []


def test_export_rejected_leaves_no_empty_file_when_it_fails(db, auditor, tmp_path) -> None:
    summary = imports.run_import(db, auditor, request(with_rejects(tmp_path / "a.csv")))
    folder = tmp_path / "salida"
    target = folder / "ocupado.xlsx"
    target.mkdir(parents=True)
    with pytest.raises(InvalidInput):
        imports.export_rejected(summary.rejected_rows, summary.headers, target)
    assert files_in(folder) == ["ocupado.xlsx"]
    written = imports.export_batch_rejected(db, auditor, summary.batch_id, tmp_path / "b.xlsx")
    assert written.stat().st_size > 0


def test_rows_set_aside_and_skipped_are_reported_and_kept_with_the_batch(
    db, auditor, tmp_path
) -> None:
    path = tmp_path / "periodo.csv"
    path.write_text(
        HEADER + "R-1;30/09/2026 08:00;Ana Gómez;30/09/2026 10:00\n"
        "R-2;05/10/2026 08:00;Ana Gómez;05/10/2026 10:00\n"
        "R-3;06/10/2026 08:00;Luis Peña;06/10/2026 09:00\n"
        "Total (3)\n",
        encoding="utf-8",
    )
    period = (date(2026, 10, 1), date(2026, 10, 31))
    summary = imports.run_import(db, auditor, request(path, period=period))
    assert (summary.imported, summary.set_aside, summary.rejected) == (2, 1, 0)
    [aside] = summary.set_aside_rows
    assert (aside.row, aside.key) == (2, "R-1")
    assert "Fuera del periodo 01/10/2026–31/10/2026" in aside.reason
    assert summary.set_aside_lines() == [f"periodo.csv, fila 2 (R-1): {aside.reason}"]
    assert "1 fila apartada (no corresponde a esta importación)" in summary.message()
    assert [r.row for r in summary.skipped_rows] == [5]
    assert "1 fila de totales o notas omitida" in summary.message()
    data = summary.as_json()
    assert data["set_aside"] == 1 and data["set_aside_rows"][0]["key"] == "R-1"
    assert data["skipped_rows"][0]["text"].startswith("Total (3)")
    assert data["notes"] == summary.notes
    [batch] = imports.list_batches(db, auditor)
    assert batch.set_aside_lines == tuple(summary.set_aside_lines())
    assert batch.skipped_lines == tuple(summary.skipped_lines())
    assert batch.duplicates == 0 and batch.set_aside == 1


def test_the_notes_of_the_reading_are_in_the_message(db, auditor, tmp_path) -> None:
    path = tmp_path / "mezcla.csv"
    path.write_bytes(
        HEADER.encode("utf-8")
        + "R-1;05/10/2026 08:00;Ana Gómez;05/10/2026 10:00\n".encode()
        + "R-2;05/10/2026 08:00;José Peña;05/10/2026 10:00\n".encode("cp1252")
    )
    summary = imports.run_import(db, auditor, request(path))
    assert summary.imported == 2 and summary.notes
    assert all(note.rstrip(".") in summary.message() for note in summary.notes)
