"""Writers of real export files (xlsx, ods, CSV) into the test's tmp_path."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

import ods_files

WriteXlsx = Callable[..., Path]
WriteOds = Callable[..., Path]
WriteCsv = Callable[..., Path]

_VIRTUAL_HEADERS = [
    "N° Radicado",
    "Fecha de ingreso",
    "Cédula",
    "Funcionario responsable",
    "Fecha y hora de respuesta",
    "Solicitud",
    "Respuesta",
]


def _virtual_row(key: str = "R-1", **overrides: Any) -> list[Any]:
    """A valid data row for the virtual headers, with some cells replaced by name."""
    row = {
        "key": key,
        "received": "13/05/2024 08:00",
        "identity": "1020345678",
        "agent": "Ana Gómez",
        "answered": "13/05/2024 15:30",
        "request": "Solicito el paz y salvo.",
        "answer": "Adjuntamos el paz y salvo.",
    }
    row.update(overrides)
    return list(row.values())


@pytest.fixture
def virtual_headers() -> list[str]:
    """Headers of a small virtual-channel export."""
    return list(_VIRTUAL_HEADERS)


@pytest.fixture
def virtual_row() -> Callable[..., list[Any]]:
    """``virtual_row(key, received=…, agent=…)``: a valid row for ``virtual_headers``."""
    return _virtual_row


@pytest.fixture
def write_xlsx(tmp_path: Path) -> WriteXlsx:
    """``write_xlsx(name, {sheet: rows})``: a real workbook; "=…" strings stay text."""

    def write(name: str, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
        workbook = Workbook()
        workbook.remove(workbook.active)
        for title, rows in sheets.items():
            sheet = workbook.create_sheet(title)
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(row, start=1):
                    if value is None:
                        continue
                    cell = sheet.cell(row=r, column=c, value=value)
                    if isinstance(value, str) and value.startswith("="):
                        cell.data_type = "s"
        path = tmp_path / name
        workbook.save(path)
        return path

    return write


@pytest.fixture
def write_ods(tmp_path: Path) -> WriteOds:
    """``write_ods(name, {sheet: rows})``: an .ods laid out as LibreOffice Calc saves one."""

    def write(name: str, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
        return ods_files.write_ods(tmp_path / name, sheets)

    return write


@pytest.fixture
def write_csv(tmp_path: Path) -> WriteCsv:
    """``write_csv(name, rows, encoding=, delimiter=, lineterminator=)``: a real CSV."""

    def write(
        name: str,
        rows: Sequence[Sequence[Any]],
        *,
        encoding: str = "utf-8",
        delimiter: str = ";",
        lineterminator: str = "\r\n",
    ) -> Path:
        path = tmp_path / name
        with path.open("w", encoding=encoding, newline="") as f:
            writer = csv.writer(f, delimiter=delimiter, lineterminator=lineterminator)
            writer.writerows(rows)
        return path

    return write
