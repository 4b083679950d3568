"""Files named .xls that are not xlsx: binary Excel 97-2003, web pages, XML 2003, renamed
workbooks and tab-separated text; read by what they hold, damage named."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import ImportFileError, list_sheets, preview, read_export
from integration.importing.legacy_exports import (
    write_binary_xls,
    write_orfeo_web_page,
    write_spreadsheet_xml,
)


def test_a_web_page_named_xls_is_read_as_the_table_it_shows(tmp_path: Path) -> None:
    path, expected = write_orfeo_web_page(tmp_path)

    result = read_export(path, Channel.VIRTUAL)

    assert result.sheet is None and list_sheets(path) == []
    assert result.header_row == 3
    assert [r.key for r in result.records] == [e["key"] for e in expected]
    first = result.records[0]
    assert first.extra["Asunto"] == "SOLICITUD DE CERTIFICADO\nDE PAZ Y SALVO"
    assert first.requester_name == "María José Peña"  # &nbsp; is a space
    assert any("página web" in note for note in result.notes)
    assert "La página se leyó con la codificación Windows-1252." in result.notes
    assert [row.text for row in result.skipped_rows] == ["Total radicados: 3"]


def test_a_utf8_web_page_declared_latin1_is_read_as_utf8(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"></head><body><table>'
        "<tr><td>Radicado</td><td>Fecha de radicación</td><td>Funcionario</td>"
        "<td>Fecha de respuesta</td></tr>"
        "<tr><td>R-1</td><td>03/10/2026 08:00</td><td>Óscar Peña</td><td>03/10/2026 11:00</td>"
        "</tr>"
        "</table></body></html>"
    )
    path = tmp_path / "reporte.xls"
    path.write_bytes(page.encode("utf-8"))

    result = read_export(path, Channel.VIRTUAL)

    assert [r.agent for r in result.records] == ["Óscar Peña"]


def test_a_web_page_without_a_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sesion_expirada.xls"
    path.write_text("<html><body><p>Su sesión expiró. Ingrese de nuevo.</p></body></html>")

    with pytest.raises(
        ImportFileError, match=r"sesion_expirada\.xls: la página no tiene ninguna tabla"
    ):
        read_export(path, Channel.VIRTUAL)


def test_spans_keep_the_following_cells_in_their_columns(tmp_path: Path) -> None:
    page = (
        "<table><tr><th>Radicado</th><th>Fecha de radicación</th><th>Funcionario</th>"
        "<th>Dependencia</th><th>Fecha de respuesta</th></tr>"
        '<tr><td>R-1</td><td>03/10/2026 08:00</td><td rowspan="2">Ana Ruiz</td>'
        "<td>Cartera</td><td>03/10/2026 10:00</td></tr>"
        "<tr><td>R-2</td><td>03/10/2026 09:00</td><td>Crédito</td><td>03/10/2026 11:00</td>"
        "</tr>"
        "</table>"
    )
    path = tmp_path / "spans.htm"
    path.write_text(page, encoding="utf-8")

    result = read_export(path, Channel.VIRTUAL, overrides={"agent": "Funcionario"})

    assert [r.key for r in result.records] == ["R-1"]
    (rejected,) = result.rejected  # the covered cell is blank: R-2 has no agent
    assert rejected.row == 3 and rejected.column == "Funcionario"
    assert rejected.cells["Dependencia"] == "Crédito"


def test_a_binary_xls_workbook_is_read_with_its_date_cells(tmp_path: Path) -> None:
    path, expected = write_binary_xls(tmp_path)

    result = read_export(path, Channel.VIRTUAL)

    assert list_sheets(path) == ["Parámetros", "Radicados"]
    assert result.sheet == "Radicados"
    assert [(r.key, r.received_at, r.identity_number) for r in result.records] == [
        (e["key"], e["received_at"], e["identity_number"]) for e in expected
    ]
    assert result.notes[0].startswith("Se leyó la hoja «Radicados»")


def test_a_workbook_is_read_whatever_its_name_says(tmp_path: Path, write_xlsx, virtual_headers,
                                                   virtual_row) -> None:  # fmt: skip
    xlsx = write_xlsx("casos.xlsx", {"Casos": [virtual_headers, virtual_row("R-1")]})
    renamed_xlsx = tmp_path / "casos_exportados.xls"
    shutil.copy(xlsx, renamed_xlsx)
    binary, _expected = write_binary_xls(tmp_path)
    renamed_binary = tmp_path / "consulta.xlsx"
    shutil.copy(binary, renamed_binary)

    downloaded_as_csv = tmp_path / "export.csv"  # a web system's «Descargar CSV» button
    shutil.copy(xlsx, downloaded_as_csv)

    assert [r.key for r in read_export(renamed_xlsx, Channel.VIRTUAL).records] == ["R-1"]
    assert len(read_export(renamed_binary, Channel.VIRTUAL).records) == 3
    assert [r.key for r in read_export(downloaded_as_csv, Channel.VIRTUAL).records] == ["R-1"]
    assert list_sheets(downloaded_as_csv) == ["Casos"]


def test_tab_separated_text_named_xls_is_read_as_text(tmp_path: Path, virtual_headers,
                                                      virtual_row) -> None:  # fmt: skip
    lines = ["\t".join(virtual_headers), "\t".join(virtual_row("R-7"))]
    path = tmp_path / "reporte.xls"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))

    result = read_export(path, Channel.VIRTUAL)

    assert [(r.key, r.agent) for r in result.records] == [("R-7", "Ana Gómez")]


def test_an_xml_2003_workbook_keeps_types_and_ignores_hidden_columns(tmp_path: Path) -> None:
    path, expected = write_spreadsheet_xml(tmp_path)

    result = read_export(path, Channel.VIRTUAL)

    assert result.sheet == "Casos"
    assert "(No modificar) Id" not in [col.header for col in result.mapping.columns.values()]
    assert [(r.key, r.received_at, r.identity_number) for r in result.records] == [
        (e["key"], e["received_at"], e["identity_number"]) for e in expected
    ]
    assert any("columna oculta" in note for note in result.notes)


def _xml_workbook(body: str) -> str:
    return (
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"'
        ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
        ' xmlns:x="urn:schemas-microsoft-com:office:excel">' + body + "</Workbook>"
    )


def _xml_row(*cells: str) -> str:
    return "<Row>" + "".join(cells) + "</Row>"


def _text(value: str) -> str:
    return f'<Cell><Data ss:Type="String">{value}</Data></Cell>'


HEADER = _xml_row(_text("Radicado"), _text("Fecha de radicación"), _text("Funcionario"),
                  _text("Fecha de respuesta"))  # fmt: skip
ANSWERED = '<Cell><Data ss:Type="DateTime">2026-10-04T09:00:00</Data></Cell>'


def test_xml_2003_hidden_sheet_utc_times_and_formulas_without_value(tmp_path: Path) -> None:
    hidden = (
        '<Worksheet ss:Name="Listas"><Table>' + HEADER + "</Table>"
        "<x:WorksheetOptions><x:Visible>SheetHidden</x:Visible></x:WorksheetOptions></Worksheet>"
    )
    data = (
        '<Worksheet ss:Name="Datos"><Table>' + HEADER
        + _xml_row(_text("R-1"), '<Cell><Data ss:Type="DateTime">2026-10-03T13:00:00Z</Data>'
                   "</Cell>", _text("Ana Ruiz"), ANSWERED)
        + _xml_row(_text("R-2"), '<Cell ss:Formula="=A1+1"/>', _text("Ana Ruiz"), ANSWERED)
        + "</Table></Worksheet>"
    )  # fmt: skip
    path = tmp_path / "datos.xml"
    path.write_text(_xml_workbook(hidden + data), encoding="utf-8")

    result = read_export(path, Channel.VIRTUAL)

    assert list_sheets(path) == ["Datos"]
    assert [(r.key, r.received_at) for r in result.records] == [
        ("R-1", datetime(2026, 10, 3, 8, 0))  # 13:00 UTC is 8:00 in Colombia
    ]
    (rejected,) = result.rejected
    assert rejected.row == 3 and "fórmula sin valor calculado" in rejected.reason
    assert "B3" in rejected.reason


def test_a_damaged_xml_2003_workbook_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cortado.xls"
    text = _xml_workbook('<Worksheet ss:Name="Datos"><Table>' + HEADER)
    path.write_text(text[:-40] + "\n<Row><Cell", encoding="utf-8")

    with pytest.raises(ImportFileError, match=r"cortado\.xls: el libro XML de Excel está dañado"):
        preview(path, Channel.VIRTUAL)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("basura.xls", "no es un libro de Excel válido o está dañado"),
        ("cifrado.xlsx", "protegido con contraseña o dañado"),
    ],
)
def test_unreadable_binary_workbooks_are_named(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)

    with pytest.raises(ImportFileError) as error:
        read_export(path, Channel.VIRTUAL)

    assert name in str(error.value) and message in str(error.value)


def test_xml_2003_agent_merged_down_its_group_is_read_in_every_row(tmp_path: Path) -> None:
    # A chat report grouped by agent, as Excel writes it in XML 2003: the agent's cell has
    # ss:MergeDown and the rows it covers start at the next column (ss:Index="2").
    def cell(kind: str, value: object, extra: str = "") -> str:
        return f'<Cell{extra}><Data ss:Type="{kind}">{value}</Data></Cell>'

    rows = ["<Row>" + "".join(cell("String", h) for h in
                              ("Agente", "Id chat", "Fecha de inicio", "Tiempo en cola (s)"))
            + "</Row>"]  # fmt: skip
    for agent, count in (("Laura Gómez", 3), ("Pedro Ruiz", 2)):
        for n in range(count):
            first = cell("String", agent, f' ss:MergeDown="{count - 1}"') if n == 0 else ""
            index = "" if n == 0 else ' ss:Index="2"'
            rows.append(
                "<Row>" + first + cell("String", f"{agent[0]}-{n}", index)
                + cell("DateTime", f"2026-10-0{n + 1}T09:00:00.000")
                + cell("Number", 30 + n) + "</Row>"
            )  # fmt: skip
    path = tmp_path / "chats_por_agente.xls"
    path.write_text(
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Chats">'
        "<Table>" + "".join(rows) + "</Table></Worksheet></Workbook>",
        encoding="utf-8",
    )

    result = read_export(path, Channel.CHAT)

    assert [(r.key, r.agent) for r in result.records] == [
        ("L-0", "Laura Gómez"), ("L-1", "Laura Gómez"), ("L-2", "Laura Gómez"),
        ("P-0", "Pedro Ruiz"), ("P-1", "Pedro Ruiz"),
    ]  # fmt: skip
    assert result.records[1].received_at == datetime(2026, 10, 2, 9, 0)
    assert any("celdas combinadas" in note for note in result.notes)
