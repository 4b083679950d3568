"""«Excel» exports that are not xlsx workbooks, as document and PQRSD systems write them.

* a web page with an HTML table saved as ``.xls`` (what Orfeo and many PHP systems send
  when asked for «Exportar a Excel»), declared ISO-8859-1;
* a binary Excel 97-2003 ``.xls`` workbook (written with xlwt, the format's writer);
* an «XML Spreadsheet 2003» saved as ``.xls`` (reporting tools on .NET).

Each writer returns ``(path, expected)`` like those of ``real_exports``.
"""

from __future__ import annotations

import html
from pathlib import Path

import xlwt

from auditoria_calidad.domain.fields import Channel
from integration.importing.real_exports import Expected, Layout, _at, _record

WEB_PAGE_FOOTER = ("Total radicados: 3",)


def write_orfeo_web_page(folder: Path) -> tuple[Path, Expected]:
    """Orfeo's «Exportar a Excel»: an HTML page named .xls, ISO-8859-1, a title table
    above the data table, ``<th>`` headers, ``<br>`` and ``&nbsp;`` inside cells,
    PostgreSQL timestamps, dotted cédulas and a total row spanning the table."""
    records = [
        _record("20266000045671", "Natalia Castro Ruiz", _at(5, 8, 12, 40),
                answered_at=_at(7, 10, 2, 11), identity_number="1030222444",
                requester_name="María José Peña"),
        _record("20266000045682", "Mauricio López", _at(5, 9, 30, 5),
                answered_at=_at(9, 15, 45, 0), identity_number="19444555",
                requester_name="Óscar Iván Muñoz"),
        _record("20266000045693", "Natalia Castro Ruiz", _at(6, 14, 0, 59),
                answered_at=_at(8, 8, 30, 30), identity_number="1012333999",
                requester_name="Ángela Rocío Díaz"),
    ]  # fmt: skip
    dotted = ["1.030.222.444", "19.444.555", "1.012.333.999"]
    header = ["Radicado", "Fecha Radicación", "Asunto", "Remitente", "Documento",
              "Dependencia Actual", "Usuario Actual", "Fecha Respuesta"]  # fmt: skip
    lines = [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office">',
        '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
        '<title>Reporte</title><style>td { mso-number-format:"\\@"; }</style></head><body>',
        '<table border="0"><tr><td colspan="8"><b>ENTIDAD DE PRUEBA</b></td></tr>',
        '<tr><td colspan="8">Reporte de radicados de entrada &ndash; octubre de 2026</td></tr>',
        "</table>",
        '<table border="1" cellspacing="0">',
        "<tr>" + "".join(f'<th bgcolor="#CCCCCC">{html.escape(h)}</th>' for h in header) + "</tr>",
    ]
    for i, rec in enumerate(records):
        cells = [
            rec["key"],
            f"{rec['received_at']:%Y-%m-%d %H:%M:%S}.{123456 + i}",
            "SOLICITUD DE CERTIFICADO<br>DE PAZ Y SALVO",
            rec["requester_name"].replace(" ", "&nbsp;", 1),
            dotted[i],
            "600 - ATENCIÓN AL CIUDADANO",
            f"<font face='Arial'>{rec['agent']}</font>",
            f"{rec['answered_at']:%Y-%m-%d %H:%M:%S}",
        ]
        lines.append("<tr>" + "".join(f"<td>\n  {c}\n</td>" for c in cells) + "</tr>")
    lines += ['<tr><td colspan="8"><b>Total radicados: 3</b></td></tr>', "</table></body></html>"]
    path = folder / "Radicados_Entrada.xls"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path, records


def write_binary_xls(folder: Path) -> tuple[Path, Expected]:
    """A document system's Excel 97-2003 workbook: a «Parámetros» sheet with the query's
    filters first, the cases in «Radicados» below a title, date cells and cédulas as
    numbers."""
    records = [
        _record("EXT-2026-08811", "Paola Andrea Ríos", _at(12, 7, 45),
                answered_at=_at(12, 16, 10), identity_number="52876123",
                request_type="Petición"),
        _record("EXT-2026-08812", "Jhon Fredy Cárdenas", _at(12, 9, 5),
                answered_at=_at(14, 11, 0), identity_number="1098765432",
                request_type="Queja"),
        _record("EXT-2026-08815", "Paola Andrea Ríos", _at(13, 13, 20),
                answered_at=_at(13, 17, 55), identity_number="80123456",
                request_type="Reclamo"),
    ]  # fmt: skip
    book = xlwt.Workbook(encoding="utf-8")
    params = book.add_sheet("Parámetros")
    params.write(0, 0, "Fecha inicial")
    params.write(0, 1, "01/10/2026")
    params.write(1, 0, "Fecha final")
    params.write(1, 1, "31/10/2026")
    sheet = book.add_sheet("Radicados")
    sheet.write_merge(0, 0, 0, 6, "Consulta de radicados por dependencia")
    header = ["Número de radicado", "Fecha de radicación", "Tipo de trámite",
              "Identificación del peticionario", "Responsable", "Fecha de respuesta",
              "Estado"]  # fmt: skip
    for column, text in enumerate(header):
        sheet.write(2, column, text)
    stamp = xlwt.easyxf(num_format_str="dd/mm/yyyy hh:mm")
    for i, rec in enumerate(records, start=3):
        sheet.write(i, 0, rec["key"])
        sheet.write(i, 1, rec["received_at"], stamp)
        sheet.write(i, 2, rec["request_type"])
        sheet.write(i, 3, float(rec["identity_number"]))
        sheet.write(i, 4, rec["agent"])
        sheet.write(i, 5, rec["answered_at"], stamp)
        sheet.write(i, 6, "Respondido")
    path = folder / "consulta_radicados.xls"
    book.save(str(path))
    return path, records


def write_spreadsheet_xml(folder: Path) -> tuple[Path, Expected]:
    """A .NET reporting tool's «XML Spreadsheet 2003» named .xls: a merged title, the
    table from row 3, a hidden «(No modificar) Id» column, DateTime and Number cells,
    one row skipped with ``ss:Index`` and a total line."""
    records = [
        _record("CAS-01234-Z1X2", "Luisa Fernanda Mora", _at(20, 8, 0),
                answered_at=_at(20, 17, 30), identity_number="1144556677",
                requester_name="Camilo Andrés Vega"),
        _record("CAS-01235-Q8W9", "Andrés Felipe Gil", _at(21, 10, 15),
                answered_at=_at(22, 9, 0), identity_number="43111222",
                requester_name="Gloria Inés Zapata"),
        _record("CAS-01240-K3J4", "Luisa Fernanda Mora", _at(22, 11, 40),
                answered_at=_at(23, 8, 5), identity_number="98765432",
                requester_name="Hernán Darío Ospina"),
    ]  # fmt: skip

    def cell(kind: str, value: object, extra: str = "") -> str:
        return f'<Cell{extra}><Data ss:Type="{kind}">{html.escape(str(value))}</Data></Cell>'

    header = ["(No modificar) Id", "Número de caso", "Fecha de creación", "Propietario",
              "Cliente", "Número de documento", "Fecha de resolución"]  # fmt: skip
    rows = [
        "<Row>"
        + cell("String", "Casos resueltos - octubre de 2026", ' ss:MergeAcross="6"')
        + "</Row>",
        '<Row ss:Index="3">' + "".join(cell("String", h) for h in header) + "</Row>",
    ]
    for i, rec in enumerate(records):
        rows.append(
            "<Row>"
            + cell("String", f"9f1c2d3e-000{i}")
            + cell("String", rec["key"])
            + cell("DateTime", f"{rec['received_at']:%Y-%m-%dT%H:%M:%S}.000")
            + cell("String", rec["agent"])
            + cell("String", rec["requester_name"])
            + cell("Number", rec["identity_number"])
            + cell("DateTime", f"{rec['answered_at']:%Y-%m-%dT%H:%M:%S}.000")
            + "</Row>"
        )
    rows.append(f'<Row ss:Index="{len(records) + 5}">{cell("String", "Total: 3")}</Row>')
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n'
        '<Worksheet ss:Name="Casos"><Table>\n'
        '<Column ss:Hidden="1" ss:AutoFitWidth="0"/><Column ss:Width="90"/>\n'
        + "\n".join(rows)
        + '\n</Table><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">'
        "<Selected/></WorksheetOptions></Worksheet></Workbook>\n"
    )
    path = folder / "CasosResueltos.xls"
    path.write_text(text, encoding="utf-8")
    return path, records


LEGACY_LAYOUTS: tuple[Layout, ...] = (
    Layout("orfeo_web_page", write_orfeo_web_page, Channel.VIRTUAL, {
        "key": "Radicado", "received_at": "Fecha Radicación", "agent": "Usuario Actual",
        "answered_at": "Fecha Respuesta", "identity_number": "Documento",
        "requester_name": "Remitente"}, footer=WEB_PAGE_FOOTER, header_row=3),
    Layout("binary_xls", write_binary_xls, Channel.VIRTUAL, {
        "key": "Número de radicado", "received_at": "Fecha de radicación",
        "agent": "Responsable", "answered_at": "Fecha de respuesta",
        "identity_number": "Identificación del peticionario",
        "request_type": "Tipo de trámite"}, sheet="Radicados", header_row=3),
    Layout("spreadsheet_xml", write_spreadsheet_xml, Channel.VIRTUAL, {
        "key": "Número de caso", "received_at": "Fecha de creación", "agent": "Propietario",
        "answered_at": "Fecha de resolución", "identity_number": "Número de documento",
        "requester_name": "Cliente"}, sheet="Casos", footer=("Total: 3",), header_row=3),
)  # fmt: skip
