"""Reading real xlsx, ods and CSV files: banners, encodings, delimiters, sheets, broken files."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

import ods_files
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import (
    ImportCancelled,
    ImportFileError,
    list_sheets,
    preview,
    read_export,
)


def test_xlsx_with_title_banner_and_real_date_cells(write_xlsx, virtual_headers) -> None:
    rows = [
        ["ICETEX - Reporte de casos"],
        [f"Generado el {date(2024, 6, 1):%d/%m/%Y}"],
        [],
        virtual_headers,
        ["2024-001", datetime(2024, 5, 13, 8, 0), 1020345678, "Ana", datetime(2024, 5, 14, 7, 59),
         "Pregunta", "Respuesta"],
        ["2024-002", datetime(2024, 5, 13, 9, 30), "52.345.678", " Luis ", 45426.5, "P", "R"],
    ]  # fmt: skip
    path = write_xlsx("casos.xlsx", {"Casos": rows})

    result = read_export(path, Channel.VIRTUAL)

    assert result.sheet == "Casos"
    assert result.header_row == 4
    assert result.headers == virtual_headers
    assert result.rejected == []
    first, second = result.records
    assert (first.key, first.received_at, first.answered_at) == (
        "2024-001",
        datetime(2024, 5, 13, 8, 0),
        datetime(2024, 5, 14, 7, 59),
    )
    assert first.identity_number == "1020345678"
    assert (first.source_sheet, first.source_row) == ("Casos", 5)
    assert second.identity_number == "52345678"
    assert second.agent == "Luis"
    assert second.answered_at == datetime(2024, 5, 14, 12, 0)  # an Excel serial number
    assert second.source_row == 6


def test_windows_1252_semicolon_csv_with_crlf_and_accents(write_csv) -> None:
    rows = [
        ["Radicado", "Fecha de ingreso", "Identificación", "Asesor", "Fecha respuesta",
         "Descripción", "Respuesta"],
        ["R-1", "13/05/2024 08:00", "1.020.345.678", "José Peña", "13/05/2024 3:05 p. m.",
         "Solicitud de certificación, año 2024", "Señora: adjunto certificación"],
    ]  # fmt: skip
    path = write_csv("export.csv", rows, encoding="cp1252", delimiter=";", lineterminator="\r\n")
    assert b"\r\n" in path.read_bytes() and "ñ".encode("cp1252") in path.read_bytes()

    result = read_export(path, Channel.VIRTUAL)

    assert (result.encoding, result.delimiter) == ("Windows-1252", ";")
    (record,) = result.records
    assert record.agent == "José Peña"
    assert record.answered_at == datetime(2024, 5, 13, 15, 5)
    assert record.request_text == "Solicitud de certificación, año 2024"
    assert record.answer_text == "Señora: adjunto certificación"
    assert record.source_sheet is None and record.source_row == 2


def test_utf8_bom_csv_with_iso_dates_and_english_headers(write_csv) -> None:
    rows = [
        ["Case number", "Created", "ID number", "Agent", "Resolved at", "Description", "Answer"],
        ["C-9", "2024-05-13T14:03:00", "80123456", "Mary", "2024-05-14 09:00", "Hi", "Ok"],
    ]
    path = write_csv("en.csv", rows, encoding="utf-8-sig", delimiter=",")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    result = read_export(path, "virtual")

    assert (result.encoding, result.delimiter) == ("UTF-8", ",")
    assert result.headers[0] == "Case number"  # the BOM is not part of the header
    (record,) = result.records
    assert record.received_at == datetime(2024, 5, 13, 14, 3)
    assert record.answered_at == datetime(2024, 5, 14, 9, 0)


@pytest.mark.parametrize("delimiter", ["\t", "|", ",", ";"])
def test_delimiter_is_detected(write_csv, virtual_headers, virtual_row, delimiter) -> None:
    rows = [virtual_headers, virtual_row("A", request="uno, dos; tres | cuatro")]
    rows += [virtual_row(f"K{i}") for i in range(5)]
    path = write_csv("d.csv", rows, delimiter=delimiter)
    result = read_export(path, Channel.VIRTUAL)
    assert result.delimiter == delimiter
    assert result.records[0].request_text == "uno, dos; tres | cuatro"
    assert len(result.records) == 6


def test_quoted_fields_with_line_breaks_keep_rows_numbered_by_record(
    write_csv, virtual_headers, virtual_row
) -> None:
    text = 'Primera línea\r\nsegunda; con "comillas"\n\ntercera'
    rows = [
        ["Reporte PQRS canal virtual"],
        [],
        virtual_headers,
        virtual_row("A", request=text),
        virtual_row("B"),
    ]
    path = write_csv("multi.csv", rows)

    result = read_export(path, Channel.VIRTUAL)

    assert result.header_row == 3
    a, b = result.records
    assert a.request_text == text
    assert (a.source_row, b.source_row) == (4, 5)


def test_separate_date_and_time_columns_are_combined(write_xlsx, write_csv) -> None:
    headers = ["Radicado", "Fecha de ingreso", "Hora de ingreso", "Agente", "Fecha de respuesta",
               "Hora de respuesta"]  # fmt: skip
    xlsx = write_xlsx(
        "dt.xlsx",
        {"Hoja1": [headers, ["R", date(2024, 5, 13), time(8, 5), "Ana", date(2024, 5, 13), 0.5]]},
    )
    csv_path = write_csv(
        "dt.csv", [headers, ["R", "13/05/2024", "8:05 a. m.", "Ana", "13/05/2024", "12:00"]]
    )
    for path in (xlsx, csv_path):
        result = read_export(path, Channel.VIRTUAL)
        assert "received_date" in result.mapping and "received_time" in result.mapping
        (record,) = result.records
        assert record.received_at == datetime(2024, 5, 13, 8, 5)
        assert record.answered_at == datetime(2024, 5, 13, 12, 0)


def test_ods_saved_by_libreoffice_reads_like_the_xlsx(
    write_ods, write_xlsx, virtual_headers
) -> None:
    rows = [
        ["ICETEX - Reporte de casos"],
        [f"Generado el {date(2024, 6, 1):%d/%m/%Y}"],
        [],
        virtual_headers,
        ["2024-001", datetime(2024, 5, 13, 8, 0), 1020345678, "Ana Gómez",
         datetime(2024, 5, 14, 7, 59), "Pregunta", "Línea 1\nLínea 2 «ñandú» & <b>"],
        ["2024-002", datetime(2024, 5, 13, 9, 30), "52.345.678", " Luis ",
         datetime(2024, 5, 14, 12, 0), "P", "R"],
    ]  # fmt: skip
    ods = write_ods("casos.ods", {"Resumen": [["Total", 2]], "Casos": rows})
    xlsx = write_xlsx("casos.xlsx", {"Resumen": [["Total", 2]], "Casos": rows})

    assert list_sheets(ods) == ["Resumen", "Casos"]
    from_ods = read_export(ods, Channel.VIRTUAL)
    from_xlsx = read_export(xlsx, Channel.VIRTUAL)

    assert from_ods.sheet == "Casos"  # the sheet that holds the data, not the first
    assert from_ods.header_row == 4 and from_ods.rejected == []
    assert [(r.key, r.received_at, r.answered_at, r.identity_number, r.agent, r.answer_text)
            for r in from_ods.records] == [
        (r.key, r.received_at, r.answered_at, r.identity_number, r.agent, r.answer_text)
        for r in from_xlsx.records
    ]  # fmt: skip
    assert from_ods.records[0].answer_text == "Línea 1\nLínea 2 «ñandú» & <b>"
    assert [r.content_hash() for r in from_ods.records] == [
        r.content_hash() for r in from_xlsx.records
    ]


def test_workbook_with_two_sheets_is_read_by_sheet_name(write_xlsx, virtual_headers, virtual_row):
    path = write_xlsx(
        "dos.xlsx",
        {
            "Vacía": [],
            "Mayo": [virtual_headers, virtual_row("M-1")],
            "Junio": [virtual_headers, virtual_row("J-1"), virtual_row("J-2")],
        },
    )
    assert list_sheets(path) == ["Vacía", "Mayo", "Junio"]
    assert read_export(path, Channel.VIRTUAL).sheet == "Mayo"  # first sheet with data
    june = read_export(path, Channel.VIRTUAL, sheet="Junio")
    assert [r.key for r in june.records] == ["J-1", "J-2"]
    assert {r.source_sheet for r in june.records} == {"Junio"}
    with pytest.raises(ImportFileError, match="no tiene una hoja llamada «Julio»"):
        read_export(path, Channel.VIRTUAL, sheet="Julio")


HOSTILE = [
    "<script>alert('x')</script> & &amp; \"comillas\"",
    "=SUM(A1)",
    "+57 300 123 4567",
    "-menos",
    "@arroba",
    "Emoji 😀👍🏽 y ñandú, acentos: áéíóú ÁÉÍÓÚ ü",
    "línea 1\nlínea 2\n\n  sangría  ",
    "  espacios alrededor  ",
    "x" * 3000 + "ñ" * 3000,
]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_hostile_text_is_preserved_exactly(write_xlsx, write_csv, virtual_headers, kind) -> None:
    rows = [virtual_headers]
    for i, text in enumerate(HOSTILE):
        rows.append([f"K{i}", "13/05/2024 08:00", "", "Ana", "13/05/2024 09:00", text, text])
    if kind == "xlsx":
        path = write_xlsx("hostil.xlsx", {"Datos": rows})
    else:
        path = write_csv("hostil.csv", rows, encoding="utf-8")
    result = read_export(path, Channel.VIRTUAL)
    assert result.rejected == []
    assert [r.request_text for r in result.records] == HOSTILE
    assert [r.answer_text for r in result.records] == HOSTILE


def test_preview_shows_sheets_header_mapping_and_first_rows(
    write_xlsx, virtual_headers, virtual_row
):
    rows = [["Título"], virtual_headers] + [virtual_row(f"K{i}") for i in range(15)]
    path = write_xlsx("p.xlsx", {"Datos": rows, "Otra": [["x"]]})
    shown = preview(path, Channel.VIRTUAL, rows=3)
    assert shown.sheets == ["Datos", "Otra"]
    assert (shown.sheet, shown.header_row) == ("Datos", 2)
    assert shown.headers == virtual_headers
    assert shown.guessed_mapping.columns["key"].header == "N° Radicado"
    assert shown.missing_required == []
    assert [r[0] for r in shown.rows] == ["K0", "K1", "K2"]
    assert all(isinstance(c, str) for r in shown.rows for c in r)


def test_progress_is_reported_and_cancel_stops_the_read(write_csv, virtual_headers, virtual_row):
    rows = [virtual_headers] + [virtual_row(f"K{i}") for i in range(2500)]
    path = write_csv("big.csv", rows)
    calls: list[tuple[int, int]] = []
    result = read_export(path, Channel.VIRTUAL, progress=lambda d, t: calls.append((d, t)))
    assert len(result.records) == 2500
    assert len(calls) >= 3 and calls[-1] == (2500, 2500)
    assert all(done <= total for done, total in calls)
    with pytest.raises(ImportCancelled):
        read_export(path, Channel.VIRTUAL, cancelled=lambda: len(calls) > 0)
    polls = iter([False, False, True])
    with pytest.raises(ImportCancelled):
        read_export(path, Channel.VIRTUAL, cancelled=lambda: next(polls))


def _zip_that_is_not_a_workbook(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hola.txt", "no soy un libro")
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("viejo.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "no es un libro de Excel"),
        ("vacio.xlsx", b"", "vacío"),
        ("vacio.csv", b"", "vacío"),
        ("texto.xlsx", b"Radicado;Fecha\nR;1\n", "no es un libro de Excel válido"),
        # a .csv that is a zip is read as the workbook it should be: here a broken one
        ("binario.csv", b"PK\x03\x04\x00\x00garbage\x00", "no es un libro de Excel válido"),
        ("volcado.csv", b"\x7fELF\x02\x01\x01\x00" * 64, "no es un archivo de texto"),
        ("reporte.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "es un documento PDF"),
        ("reporte.csv", b"%PDF-1.4\n1 0 obj<<>>endobj", "es un documento PDF"),
        ("zip.xlsx", None, "no es un libro de Excel válido"),
        ("en_blanco.csv", b"\r\n \r\n\t\r\n", "vacío"),
        ("datos.xlsb", b"x", ".xlsb"),
        ("roto.ods", b"Radicado;Fecha\nR;1\n", "no es un libro de LibreOffice Calc válido"),
    ],
)
def test_broken_or_unsupported_files_give_a_clear_message(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        _zip_that_is_not_a_workbook(path)
    else:
        path.write_bytes(content)
    with pytest.raises(ImportFileError) as error:
        read_export(path, Channel.VIRTUAL)
    assert name in str(error.value)
    assert message in str(error.value)


def test_workbook_without_data_gives_a_clear_message(write_xlsx) -> None:
    path = write_xlsx("hojas_vacias.xlsx", {"Uno": [], "Dos": []})
    with pytest.raises(
        ImportFileError, match=r"hojas_vacias\.xlsx: el libro no tiene ninguna hoja"
    ):
        read_export(path, Channel.VIRTUAL)


def test_missing_file_gives_a_clear_message(tmp_path) -> None:
    with pytest.raises(ImportFileError, match="no existe"):
        read_export(tmp_path / "no_esta.csv", Channel.VIRTUAL)


def test_unclosed_quote_does_not_swallow_rows_silently(write_csv, tmp_path) -> None:
    path = tmp_path / "comilla.csv"
    lines = ["Radicado;Fecha de ingreso;Agente", 'R1;13/05/2024;"Ana', "R2;13/05/2024;Luis"]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    # The open quote would run to the end of the file and swallow R2: refused, naming
    # the line where the quote opens.
    with pytest.raises(ImportFileError, match="comilla que abre en la línea 2"):
        read_export(path, Channel.CHAT)


def test_windows_1252_byte_after_the_sample_restarts_the_read(
    write_csv, virtual_headers, virtual_row
) -> None:
    rows = [virtual_headers] + [virtual_row(f"A{i}", request="x" * 200) for i in range(1000)]
    rows.append(virtual_row("ULTIMA", agent="Peña"))
    path = write_csv("tarde.csv", rows, encoding="cp1252")
    assert path.stat().st_size > 200_000
    calls: list[tuple[int, int]] = []

    result = read_export(path, Channel.VIRTUAL, progress=lambda d, t: calls.append((d, t)))

    assert result.encoding == "Windows-1252"
    assert len(result.records) == 1001
    assert result.records[-1].agent == "Peña"
    assert calls[-1] == (1001, 1001)


def test_utf16_tab_separated_text_saved_by_excel(write_csv, virtual_headers, virtual_row) -> None:
    path = write_csv(
        "unicode.txt", [virtual_headers, virtual_row("U-1", agent="Íñigo")], encoding="utf-16",
        delimiter="\t",
    )  # fmt: skip
    result = read_export(path, Channel.VIRTUAL)
    assert (result.encoding, result.delimiter) == ("UTF-16", "\t")
    assert result.records[0].agent == "Íñigo"


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_a_merged_agent_cell_is_read_in_every_row_it_spans(tmp_path: Path, suffix: str) -> None:
    """A contact-centre report grouped by agent: the agent's cell is merged down its group,
    as the report shows it; in Excel and in LibreOffice Calc (whose merges the reader does
    not give: they are read from the file's XML)."""
    from openpyxl import Workbook

    rows: list[list[object]] = [["Reporte de chats por agente"], [],
                                ["Agente", "ID chat", "Fecha de inicio", "Tiempo en cola (s)"]]  # fmt: skip
    merges: dict[tuple[int, int], int] = {}
    for agent, count in {"Laura Gómez": 3, "Pedro Ruiz": 2}.items():
        merges[len(rows), 0] = count
        for n in range(count):
            rows.append([agent if n == 0 else None, f"{agent[0]}-{n}",
                         datetime(2026, 10, 1 + n, 9, 0), 30 + n])  # fmt: skip
    path = tmp_path / f"por_agente{suffix}"
    if suffix == ".ods":
        ods_files.write_ods(path, {"Reporte": rows}, merged_down=merges)
    else:
        wb = Workbook()
        ws = wb.active
        ws.title = "Reporte"
        for row in rows:
            ws.append(row)
        for (first, column), count in merges.items():
            ws.merge_cells(start_row=first + 1, start_column=column + 1,
                           end_row=first + count, end_column=column + 1)  # fmt: skip
        wb.save(path)

    result = read_export(path, Channel.CHAT)

    assert [(r.key, r.agent) for r in result.records] == [
        ("L-0", "Laura Gómez"), ("L-1", "Laura Gómez"), ("L-2", "Laura Gómez"),
        ("P-0", "Pedro Ruiz"), ("P-1", "Pedro Ruiz"),
    ]  # fmt: skip
    assert any("celdas combinadas" in note for note in result.notes)


def test_a_header_on_two_rows_is_read_as_group_and_column(tmp_path: Path, write_csv) -> None:
    """«Fecha y hora» over «Ingreso» and «Respuesta», «Peticionario» over «Cédula» and
    «Nombre», as a formatted report prints them (here saved as CSV: no merged cells)."""
    rows = [
        ["SEGUIMIENTO RESPUESTAS CANAL VIRTUAL - OCTUBRE 2026"],
        [],
        ["Radicado", "Fecha y hora", "", "Peticionario", "", "Funcionario responsable"],
        ["", "Ingreso", "Respuesta", "Cédula", "Nombre", ""],
        ["VIR-100", "11/10/2026 17:10", "13/10/2026 14:33", "54013662", "Édgar Muñoz", "Ana Ruiz"],
        ["VIR-101", "01/10/2026 20:08", "04/10/2026 00:31", "1181325220", "Jhon Pérez", "Luis Gil"],
    ]
    path = write_csv("seguimiento.csv", rows)

    result = read_export(path, Channel.VIRTUAL)

    assert result.headers == ["Radicado", "Ingreso (Fecha y hora)", "Respuesta (Fecha y hora)",
                              "Cédula (Peticionario)", "Nombre (Peticionario)",
                              "Funcionario responsable"]  # fmt: skip
    assert result.header_row == 4
    first = result.records[0]
    assert (first.key, first.received_at, first.answered_at) == (
        "VIR-100", datetime(2026, 10, 11, 17, 10), datetime(2026, 10, 13, 14, 33)
    )  # fmt: skip
    assert (first.identity_number, first.requester_name) == ("54013662", "Édgar Muñoz")
    assert any("dos filas" in note for note in result.notes)


def test_a_metadata_line_above_the_header_is_not_a_group_row(write_csv) -> None:
    rows = [
        ["Fecha de corte:", "31/10/2026", "", "Generado por:", "admin"],
        ["Radicado", "Fecha de ingreso", "Funcionario", "Fecha de respuesta", "Observación"],
        ["R-1", "01/10/2026 08:00", "Ana Ruiz", "01/10/2026 10:00", ""],
    ]
    result = read_export(write_csv("corte.csv", rows), Channel.VIRTUAL)

    assert result.headers[0] == "Radicado" and result.header_row == 2
    assert [r.key for r in result.records] == ["R-1"]


def test_groups_of_request_and_answer_tell_two_date_pairs_apart(write_xlsx) -> None:
    """«Fecha» and «Hora» twice, under «DATOS DE LA SOLICITUD» and «GESTIÓN DE LA
    RESPUESTA»: the groups say which pair is the receipt and which the answer."""
    rows = [
        ["INFORME DE PQRSD ATENDIDAS POR CANAL VIRTUAL - OCTUBRE 2026"],
        [],
        ["DATOS DE LA SOLICITUD", "", "", "", "GESTIÓN DE LA RESPUESTA", "", "", ""],
        ["Radicado", "Fecha", "Hora", "Tipo", "Funcionario", "Fecha", "Hora", "Respuesta"],
        ["PQRSD-30001", date(2026, 10, 8), time(11, 21, 16), "Reclamo", "Jhon Muñoz",
         date(2026, 10, 13), time(10, 54, 24), "Cordial saludo. La convocatoria se publicará "
         "en noviembre en la página web."],
    ]  # fmt: skip
    path = write_xlsx("informe.xlsx", {"Informe": rows})

    (record,) = read_export(path, Channel.VIRTUAL).records

    assert (record.received_at, record.answered_at, record.agent) == (
        datetime(2026, 10, 8, 11, 21, 16), datetime(2026, 10, 13, 10, 54, 24), "Jhon Muñoz"
    )  # fmt: skip


def test_a_group_of_dates_names_its_columns_as_dates(write_xlsx) -> None:
    """«Fechas» over «Ingreso» and «Respuesta»: the columns are the date of receipt and
    the date of the answer, not the answer's text."""
    rows = [
        ["Radicado", "Funcionario", "Fechas", "", "Respuesta al ciudadano"],
        ["", "", "Ingreso", "Respuesta", ""],
        ["PQRSD-30001", "Jhon Muñoz", datetime(2026, 10, 8, 11, 21), datetime(2026, 10, 9, 9, 5),
         "Cordial saludo. Su solicitud fue atendida."],
        ["PQRSD-30002", "Ana Gómez", datetime(2026, 10, 8, 15, 2), datetime(2026, 10, 9, 8, 40),
         "Cordial saludo. Adjuntamos el certificado."],
        ["PQRSD-30003", "Jhon Muñoz", datetime(2026, 10, 9, 7, 45), datetime(2026, 10, 9, 16, 1),
         "Cordial saludo. Su trámite está en curso."],
    ]  # fmt: skip
    path = write_xlsx("fechas.xlsx", {"Informe": rows})
    workbook = load_workbook(path)
    workbook["Informe"].merge_cells("C1:D1")  # the group spans its two columns
    workbook.save(path)

    result = read_export(path, Channel.VIRTUAL)

    first = result.records[0]
    assert (first.received_at, first.answered_at) == (
        datetime(2026, 10, 8, 11, 21), datetime(2026, 10, 9, 9, 5)
    )  # fmt: skip
    assert first.answer_text == "Cordial saludo. Su solicitud fue atendida."
    assert len(result.records) == 3
