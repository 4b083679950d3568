"""Writers of real export files (xlsx, ods, CSV) into the test's tmp_path."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pytest
from openpyxl import Workbook

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


_ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'office:version="1.3"'
)


def _ods_cell(value: Any) -> str:
    """One ``table:table-cell`` as LibreOffice Calc writes it: a typed value and its text."""
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, datetime):
        shown = value.strftime("%d/%m/%Y %H:%M:%S")
        return (
            f'<table:table-cell office:value-type="date" '
            f'office:date-value="{value.isoformat(timespec="seconds")}" calcext:value-type="date">'
            f"<text:p>{shown}</text:p></table:table-cell>"
        )
    if isinstance(value, date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}" '
            f'calcext:value-type="date"><text:p>{value:%d/%m/%Y}</text:p></table:table-cell>'
        )
    if isinstance(value, bool):
        flag = "true" if value else "false"
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{flag}" '
            f'calcext:value-type="boolean"><text:p>{"VERDADERO" if value else "FALSO"}</text:p>'
            "</table:table-cell>"
        )
    if isinstance(value, (int, float)):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value!r}" '
            f'calcext:value-type="float"><text:p>{value}</text:p></table:table-cell>'
        )
    lines = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
    return (
        f'<table:table-cell office:value-type="string" calcext:value-type="string">{lines}'
        "</table:table-cell>"
    )


@pytest.fixture
def write_ods(tmp_path: Path) -> WriteOds:
    """``write_ods(name, {sheet: rows})``: an OpenDocument spreadsheet laid out as
    LibreOffice Calc saves one (mimetype first and stored, manifest, typed cells with
    their shown text, several paragraphs for a text with line breaks)."""

    def write(name: str, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
        tables = []
        for title, rows in sheets.items():
            width = max((len(r) for r in rows), default=1)
            body = "".join(
                "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
                for row in rows
            )
            tables.append(
                f"<table:table table:name={quoteattr(title)}>"
                f'<table:table-column table:number-columns-repeated="{width}"/>{body}'
                "</table:table>"
            )
        content = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f"<office:document-content {_ODS_NAMESPACES} "
            'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0">'
            "<office:body><office:spreadsheet>" + "".join(tables) + "</office:spreadsheet>"
            "</office:body></office:document-content>"
        )
        manifest = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.3">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{_ODS_MIMETYPE}"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>"
        )
        path = tmp_path / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), _ODS_MIMETYPE, zipfile.ZIP_STORED)
            archive.writestr("content.xml", content)
            archive.writestr("META-INF/manifest.xml", manifest)
        return path

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
