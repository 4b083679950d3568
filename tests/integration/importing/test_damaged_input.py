"""Damaged input is named (file, sheet, row, column) and never stored wrong."""

from __future__ import annotations

import csv
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

import ods_files
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import ColumnMapping, ImportFileError, MappedColumn, read_export
from auditoria_calidad.importing.csv_dialect import quote_error

VIRTUAL = ["Radicado", "Fecha de ingreso", "Cédula", "Funcionario responsable",
           "Fecha y hora de respuesta", "Asunto"]  # fmt: skip
CHAT = ["ID Chat", "Fecha de ingreso", "Agente", "Tiempo de espera", "Calificación"]


def _virtual_line(key: str, agent: str, subject: str = "Atención de solicitud") -> str:
    return f"{key};01/10/2026 08:00;1020345678;{agent};02/10/2026 09:00;{subject}\r\n"


# -- encodings -----------------------------------------------------------------------


def test_a_csv_mixing_encodings_keeps_every_line_right_and_names_the_odd_lines(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mezcla.csv"
    data = (";".join(VIRTUAL) + "\r\n").encode("utf-8")
    # Enough UTF-8 rows that the odd lines come after the encoding sample.
    for i in range(1500):
        data += _virtual_line(f"U{i}", "Ana Gómez", "Atención " + "x" * 80).encode("utf-8")
    data += _virtual_line("W1", "Peña Ibáñez").encode("cp1252")
    data += _virtual_line("W2", "José Núñez").encode("cp1252")
    data += _virtual_line("U-last", "Sofía Martínez").encode("utf-8")
    path.write_bytes(data)

    result = read_export(path, Channel.VIRTUAL)

    agents = {r.key: r.agent for r in result.records}
    assert len(agents) == 1503
    assert agents["U0"] == "Ana Gómez"
    assert agents["W1"] == "Peña Ibáñez"
    assert agents["W2"] == "José Núñez"
    assert agents["U-last"] == "Sofía Martínez"
    assert not any("Ã" in r.agent or "Ã" in (r.extra.get("Asunto") or "") for r in result.records)
    assert result.encoding == "UTF-8 y Windows-1252 (mezcladas)"
    assert (
        "El archivo mezcla codificaciones: las líneas 1502, 1503 estaban en Windows-1252 y "
        "se leyeron como tal; las demás, en UTF-8. Revise esas filas."
    ) in result.notes


def test_a_windows_1252_file_with_a_late_utf8_line_is_not_garbled(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    data = (";".join(VIRTUAL) + "\r\n").encode("cp1252")
    data += _virtual_line("W1", "Peña").encode("cp1252")
    data += _virtual_line("U1", "Atención Núñez").encode("utf-8")
    path.write_bytes(data)

    result = read_export(path, Channel.VIRTUAL)

    assert [r.agent for r in result.records] == ["Peña", "Atención Núñez"]


def test_a_line_in_no_known_encoding_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "roto.csv"
    data = (";".join(VIRTUAL) + "\r\n").encode("utf-8")
    data += _virtual_line("R1", "Ana Gómez").encode("utf-8")
    data += b"R2;01/10/2026 08:00;1;Ana \x81\x8d;02/10/2026 09:00;x\r\n"
    path.write_bytes(data)

    with pytest.raises(ImportFileError, match=r"roto\.csv: la línea 3 no es texto UTF-8"):
        read_export(path, Channel.VIRTUAL)


# -- quotes --------------------------------------------------------------------------


def test_an_unclosed_quote_is_named_and_swallows_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "comillas.csv"
    lines = [
        ";".join(VIRTUAL),
        'R1;01/10/2026 08:00;1020345678;Ana;02/10/2026 09:00;"Pide certificado',
        "R2;01/10/2026 08:00;1020345678;Luis;02/10/2026 09:00;Otra",
        "R3;01/10/2026 08:00;1020345678;Luis;02/10/2026 09:00;Otra",
        'R4;01/10/2026 08:00;1020345678;Luis;02/10/2026 09:00;fin"',
    ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")

    with pytest.raises(ImportFileError, match="la comilla que abre en la línea 2 no se cierra"):
        read_export(path, Channel.VIRTUAL)


def test_a_quoted_text_over_several_lines_is_still_one_cell(tmp_path: Path) -> None:
    path = tmp_path / "multilinea.csv"
    text = "Buenos días.\r\nSolicito; por favor; el certificado.\r\nGracias"
    lines = [
        ";".join(VIRTUAL),
        f'R1;01/10/2026 08:00;1020345678;Ana;02/10/2026 09:00;"{text}"',
        "R2;01/10/2026 08:00;1020345678;Luis;02/10/2026 09:00;Otra",
    ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")

    result = read_export(path, Channel.VIRTUAL)

    assert [r.key for r in result.records] == ["R1", "R2"]
    assert result.records[0].extra["Asunto"] == text


@pytest.mark.parametrize(
    ("delimiter", "shown"), [(";", "«;»"), (",", "«,»"), ("\t", "(tabulador)")]
)
def test_a_quote_inside_a_cell_is_explained_in_spanish(
    tmp_path: Path, delimiter: str, shown: str
) -> None:
    path = tmp_path / "comilla.csv"
    lines = [
        delimiter.join(VIRTUAL),
        delimiter.join(["R1", "01/10/2026 08:00", "1020345678", "Ana", "02/10/2026 09:00", "a"]),
        delimiter.join(["R2", "01/10/2026 08:00", "1020345678", "Ana", "02/10/2026 09:00",
                        '"Pide" el certificado']),
    ]  # fmt: skip
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")

    with pytest.raises(ImportFileError) as error:
        read_export(path, Channel.VIRTUAL)

    assert str(error.value) == (
        'comilla.csv: el CSV está mal formado en la línea 3: después de una comilla (") '
        f"que cierra una celda sigue otro texto en vez del separador {shown}. Si la comilla "
        'es parte del texto, debe ir doble ("") y la celda entre comillas. Revise las '
        "comillas de esa línea."
    )
    assert "expected" not in str(error.value)


def test_a_stray_carriage_return_is_explained_in_spanish(tmp_path: Path) -> None:
    path = tmp_path / "retorno.csv"
    lines = [
        ";".join(VIRTUAL),
        "R1;01/10/2026 08:00;1020345678;Ana;02/10/2026 09:00;Pide\rel certificado",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")

    with pytest.raises(ImportFileError) as error:
        read_export(path, Channel.VIRTUAL)

    assert str(error.value) == (
        "retorno.csv: la línea 2 tiene un salto de línea suelto (un retorno de carro) fuera "
        "de comillas, que parte la fila en dos. Guarde el archivo de nuevo desde Excel o "
        "ponga ese texto entre comillas."
    )


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("unexpected end of data",
         "datos.csv: la comilla que abre en la línea 4 no se cierra nunca. Revise las "
         "comillas de esa línea."),
        ("field larger than field limit (131072)",
         "datos.csv: una celda que empieza en la línea 4 pasa de 131.072 caracteres (¿una "
         "comilla que abre y no se cierra?). Revise las comillas de esa línea."),
        ("line contains NUL",
         "datos.csv: la línea 9 tiene caracteres nulos (¿archivo dañado?). Guárdelo de "
         "nuevo como «CSV UTF-8»."),
        ("some future message of the csv module",
         "datos.csv: el CSV está mal formado en la línea 9: no se pueden separar sus "
         "celdas. Revise las comillas y los separadores de esa línea."),
    ],
)  # fmt: skip
def test_every_error_of_the_csv_module_is_worded_in_spanish(english: str, spanish: str) -> None:
    assert quote_error(Path("datos.csv"), 4, 9, csv.Error(english)) == spanish


# -- NULL from database exports ------------------------------------------------------------


def test_null_cells_of_a_database_export_are_blank_and_a_null_key_is_no_key(
    tmp_path: Path,
) -> None:
    headers = ["Radicado", "Fecha de ingreso", "Cédula", "Nombre del usuario",
               "Funcionario responsable", "Fecha y hora de respuesta"]  # fmt: skip
    rows = [
        ["R1", "2026-10-01 08:00:00.000", "1020345678", "Ana Gómez", "Luis Pérez",
         "2026-10-02 09:00:00.000"],
        ["R2", "2026-10-01 08:00:00.000", "NULL", "NULL", "Luis Pérez",
         "2026-10-02 09:00:00.000"],
        ["R3", "2026-10-01 08:00:00.000", "(null)", "<NULL>", "Luis Pérez",
         "2026-10-02 09:00:00.000"],
        ["NULL", "2026-10-01 08:00:00.000", "1020345678", "Eva Ríos", "Luis Pérez",
         "2026-10-02 09:00:00.000"],
        ["R5", "2026-10-01 08:00:00.000", "1020345678", "NULLO", "Luis Pérez", "NULL"],
    ]  # fmt: skip
    path = tmp_path / "ssms.csv"
    path.write_text("\r\n".join(",".join(r) for r in [headers, *rows]) + "\r\n", "utf-8")

    result = read_export(path, Channel.VIRTUAL)

    records = {r.key: r for r in result.records}
    assert list(records) == ["R1", "R2", "R3"]
    assert (records["R2"].identity_number, records["R2"].requester_name) == (None, None)
    assert (records["R3"].identity_number, records["R3"].requester_name) == (None, None)
    assert [(r.row, r.column, r.reason) for r in result.rejected] == [
        (5, "Radicado", "Falta el radicado / id. del chat"),
        (6, "Fecha y hora de respuesta", "Falta la fecha y hora de respuesta"),
    ]


# -- dates with a zone or a month name, waits with units ---------------------------------


def test_chat_exports_with_zoned_and_english_dates_and_waits_with_units(tmp_path: Path) -> None:
    rows = [
        CHAT,
        ["C1", "2026-10-01 15:23:24 UTC", "Ana", "167s", "4"],  # Chatwoot
        ["C2", "Oct 1, 2026 12:09:25 PM", "Ana", "2m 47s", "4"],  # tawk.to
        ["C3", "Thu, 01 Oct 2026 20:54:03 GMT", "Ana", "1 min 5 s", "4"],  # Five9
        ["C4", "2026/10/01 6:30:20 p. m. GMT-5", "Ana", "00:02:47.500", "4"],  # Google Forms
        ["C5", "Oct 12 2026 12:58PM", "Ana", "NULL", "4"],  # SQL Server
        ["C6", "Feb 30, 2026 10:00 AM", "Ana", "95", "4"],
        ["C7", "2026-10-01 15:23:24 UTC", "Ana", "2 días", "4"],
    ]
    path = tmp_path / "chats.csv"
    path.write_text("\r\n".join(";".join(r) for r in rows) + "\r\n", encoding="utf-8")

    result = read_export(path, Channel.CHAT)

    assert [(r.key, r.received_at, r.wait_seconds) for r in result.records] == [
        ("C1", datetime(2026, 10, 1, 10, 23, 24), 167),
        ("C2", datetime(2026, 10, 1, 12, 9, 25), 167),
        ("C3", datetime(2026, 10, 1, 15, 54, 3), 65),
        ("C4", datetime(2026, 10, 1, 18, 30, 20), 168),
        ("C5", datetime(2026, 10, 12, 12, 58), None),
    ]
    assert [(r.row, r.column, r.reason) for r in result.rejected] == [
        (7, "Fecha de ingreso", "Fecha imposible: Feb 30, 2026 10:00 AM"),
        (8, "Tiempo de espera", "La duración no es un número: '2 días'"),
    ]


# -- headers and formulas ----------------------------------------------------------------


def _workbook(path: Path, rows: list[list[object]], title: str = "Casos") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _repeated_agent_workbook(tmp_path: Path) -> Path:
    """«Funcionario responsable» twice: in C (Ana) and in E (Luis)."""
    headers = ["Radicado", "Fecha de ingreso", "Funcionario responsable",
               "Fecha y hora de respuesta", "Funcionario responsable"]  # fmt: skip
    row = ["R1", datetime(2026, 10, 1, 8), "Ana", datetime(2026, 10, 2, 9), "Luis"]
    return _workbook(tmp_path / "repetido.xlsx", [headers, row])


def test_a_repeated_header_read_into_a_field_is_a_file_error(tmp_path: Path) -> None:
    path = _repeated_agent_workbook(tmp_path)
    # A saved profile (made for another file) reads the agent from «Funcionario responsable».
    mapping = ColumnMapping({
        "key": MappedColumn(0, "Radicado"), "received_at": MappedColumn(1, "Fecha de ingreso"),
        "agent": MappedColumn(2, "Funcionario responsable"),
        "answered_at": MappedColumn(3, "Fecha y hora de respuesta"),
    })  # fmt: skip

    with pytest.raises(ImportFileError) as caught:
        read_export(path, Channel.VIRTUAL, mapping=mapping)

    message = str(caught.value)
    assert message.startswith("repetido.xlsx: el encabezado «Funcionario responsable» aparece")
    assert "(C, E)" in message
    assert '--map agent="Funcionario responsable (2)"' in message


def test_a_repeated_header_that_no_field_reads_is_kept_apart(tmp_path: Path) -> None:
    headers = ["Radicado", "Fecha de ingreso", "Funcionario responsable",
               "Fecha y hora de respuesta", "Observación", "Observación"]  # fmt: skip
    row = ["R1", datetime(2026, 10, 1, 8), "Ana", datetime(2026, 10, 2, 9), "uno", "dos"]
    path = _workbook(tmp_path / "observaciones.xlsx", [headers, row])

    (record,) = read_export(path, Channel.VIRTUAL).records

    assert record.extra == {"Observación": "uno", "Observación (2)": "dos"}


def _formula_without_value(path: Path, ref: str, formula: str) -> None:
    """Puts a formula with no cached value in cell ``ref`` (as a program would write it)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    row = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    marker = f'<row r="{row}"'
    start = sheet.index(marker)
    end = sheet.index("</row>", start)
    cell = f'<c r="{ref}"><f>{formula}</f><v /></c>'
    sheet = sheet[:end] + cell + sheet[end:]
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_formula_cell_without_a_value_is_a_row_error_naming_the_cell(tmp_path: Path) -> None:
    headers = ["Radicado", "Fecha de ingreso", "Funcionario responsable",
               "Asunto", "Fecha y hora de respuesta"]  # fmt: skip
    rows = [
        headers,
        ["R1", datetime(2026, 10, 1, 8), "Ana", "a", datetime(2026, 10, 2, 9)],
        ["R2", datetime(2026, 10, 1, 8), "Luis", "b"],
        ["R3", datetime(2026, 10, 1, 8), "Luis", None, datetime(2026, 10, 3, 9)],
    ]
    path = _workbook(tmp_path / "formulas.xlsx", rows)
    _formula_without_value(path, "E3", "B3+1")  # the answer date: a field
    _formula_without_value(path, "D4", 'CONCAT("x","y")')  # a column no field reads

    result = read_export(path, Channel.VIRTUAL)

    assert [r.key for r in result.records] == ["R1", "R3"]
    (rejected,) = result.rejected
    assert rejected.describe("formulas.xlsx") == (
        "formulas.xlsx, hoja «Casos», fila 3, columna «Fecha y hora de respuesta»: La celda "
        "E3 tiene una fórmula sin valor calculado: abra el archivo en Excel o LibreOffice "
        "Calc, guárdelo y vuelva a importarlo"
    )


def test_an_ods_formula_cell_without_a_value_is_a_row_error_and_calculated_ones_are_read(
    tmp_path: Path,
) -> None:
    headers = ["Radicado", "Fecha de ingreso", "Funcionario responsable",
               "Asunto", "Fecha y hora de respuesta"]  # fmt: skip
    rows = [
        ["Reporte de PQRSD"],
        headers,
        ["R1", datetime(2026, 10, 1, 8), "Ana", "a", datetime(2026, 10, 2, 9)],
        ["R2", datetime(2026, 10, 1, 8), "Luis", "b", None],
        ["R3", datetime(2026, 10, 1, 8), "Luis", None, datetime(2026, 10, 3, 9)],
    ]
    path = ods_files.write_ods(
        tmp_path / "formulas.ods",
        {"Casos": rows},
        formulas={(2, 4): "of:=[.B3]+1,04166"},  # calculated by Calc: read as its value
        uncalculated=[(3, 4), (4, 3)],  # the answer date of R2; a column no field reads
    )

    result = read_export(path, Channel.VIRTUAL)

    assert [r.key for r in result.records] == ["R1", "R3"]
    assert result.records[0].answered_at == datetime(2026, 10, 2, 9)
    (rejected,) = result.rejected
    assert rejected.describe("formulas.ods") == (
        "formulas.ods, hoja «Casos», fila 4, columna «Fecha y hora de respuesta»: La celda "
        "E4 tiene una fórmula sin valor calculado: abra el archivo en Excel o LibreOffice "
        "Calc, guárdelo y vuelva a importarlo"
    )


# -- values out of range -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        ({3: "-5"}, "Tiempo de espera", "La duración no puede ser negativa: '-5'"),
        ({3: "30:00:00"}, "Tiempo de espera",
         "Tiempo de espera imposible: 30:00:00 (más de 24 horas)"),
        ({4: "0"}, "Calificación", "La calificación 0 está fuera de la escala de 1 a 5"),
        ({4: "11"}, "Calificación", "La calificación 11 está fuera de la escala de 1 a 5"),
        ({4: "genial"}, "Calificación", "Calificación ilegible: 'genial' (se esperaba un "
         "número de 1 a 5 o una palabra como Excelente, Buena, Regular, Mala)"),
    ],
)  # fmt: skip
def test_values_out_of_range_are_row_errors_naming_the_place(
    tmp_path: Path, cells: dict[int, str], column: str, reason: str
) -> None:
    good = ["C1", "01/10/2026 08:00", "Ana", "95", "4"]
    bad = ["C2", "01/10/2026 09:00", "Luis", "30", "5"]
    for index, value in cells.items():
        bad[index] = value
    path = _workbook(tmp_path / "chat.xlsx", [CHAT, good, bad], title="Chats")

    result = read_export(path, Channel.CHAT)

    assert [r.key for r in result.records] == ["C1"]
    (rejected,) = result.rejected
    assert (
        rejected.describe("chat.xlsx")
        == f"chat.xlsx, hoja «Chats», fila 3, columna «{column}»: {reason}"
    )


def test_a_date_in_the_future_is_a_row_error(tmp_path: Path) -> None:
    tomorrow = datetime.now() + timedelta(days=2)
    rows = [
        VIRTUAL,
        ["R1", datetime(2026, 10, 1, 8), "1", "Ana", datetime(2026, 10, 2, 9), "a"],
        ["R2", tomorrow.replace(microsecond=0), "1", "Luis", datetime(2026, 10, 2, 9), "b"],
    ]
    path = _workbook(tmp_path / "futuro.xlsx", rows)

    result = read_export(path, Channel.VIRTUAL)

    (rejected,) = result.rejected
    assert rejected.row == 3
    assert rejected.problems[0] == (
        "Fecha de ingreso",
        f"La fecha {tomorrow:%d/%m/%Y %H:%M} es posterior a hoy",
    )


# -- ratings, waits and channels as platforms write them --------------------------------


def test_thumbs_and_unrated_words_are_read(tmp_path: Path) -> None:
    rows = [CHAT, ["C1", "01/10/2026 08:00", "Ana", "95", "👍"],
            ["C2", "01/10/2026 08:05", "Ana", "95", "👎"],
            ["C3", "01/10/2026 08:10", "Ana", "95", "Sin calificar"]]  # fmt: skip
    path = _workbook(tmp_path / "pulgares.xlsx", rows, title="Chats")

    result = read_export(path, Channel.CHAT)

    assert [r.user_rating for r in result.records] == [5.0, 1.0, None]


def test_waits_without_a_unit_that_are_all_large_are_milliseconds(tmp_path: Path) -> None:
    rows = [CHAT] + [[f"C{i}", "01/10/2026 08:00", "Ana", str(15_000 + 1000 * i), "4"]
                     for i in range(5)]  # fmt: skip
    path = _workbook(tmp_path / "ms.xlsx", rows, title="Chats")

    result = read_export(path, Channel.CHAT)

    assert [r.wait_seconds for r in result.records] == [15, 16, 17, 18, 19]
    assert any("se leyeron en milisegundos" in note for note in result.notes)


def test_waits_that_are_excel_times_without_their_format_are_read_as_times(
    tmp_path: Path,
) -> None:
    """An «[h]:mm:ss» column whose format was lost holds fractions of a day: 0.0011 is
    00:01:35, not 0 seconds."""
    waits = [95, 42, 0, 1063, 300]
    rows = [CHAT] + [[f"C{i}", "01/10/2026 08:00", "Ana", seconds / 86_400, "4"]
                     for i, seconds in enumerate(waits)]  # fmt: skip
    path = _workbook(tmp_path / "fracciones.xlsx", rows, title="Chats")

    result = read_export(path, Channel.CHAT)

    assert [r.wait_seconds for r in result.records] == waits
    assert any("se leyeron como horas de Excel sin formato" in note for note in result.notes)


def test_an_unknown_channel_is_a_row_error_and_other_channels_are_set_aside(
    tmp_path: Path,
) -> None:
    headers = [*CHAT, "Canal"]
    rows = [headers,
            ["C1", "01/10/2026 08:00", "Ana", "95", "4", "WhatsApp"],
            ["C2", "01/10/2026 08:00", "Ana", "95", "4", "Presencial"],
            ["C3", "01/10/2026 08:00", "Ana", "95", "4", "Chat web"],
            ["C4", "01/10/2026 08:00", "Ana", "95", "4", "Paloma mensajera"]]  # fmt: skip
    path = _workbook(tmp_path / "canales.xlsx", rows, title="Chats")

    result = read_export(path, Channel.CHAT)

    assert [r.key for r in result.records] == ["C1", "C3"]
    (aside,) = result.set_aside
    assert (aside.row, aside.key, aside.reason) == (
        3,
        "C2",
        "Canal «Presencial» (se importa el canal Chat)",
    )
    (rejected,) = result.rejected
    assert (rejected.row, rejected.column) == (5, "Canal")
    assert rejected.reason.startswith("Canal desconocido: «Paloma mensajera»")


@pytest.mark.parametrize(
    ("channels", "kept"),
    [
        # A chat platform's own channels: a bare «Web» is its website chat window.
        (["Web", "WhatsApp", "Web"], ["C0", "C1", "C2"]),
        # A contact centre's channels, chat among them: «Web» is the web form.
        (["Web", "Chat", "Correo electrónico"], ["C1"]),
        (["Web", "WhatsApp", "Formulario web"], ["C1"]),
        # SAP Service Cloud: the citizens' portal is a written channel.
        (["Portal web", "Chat", "Portal ciudadano"], ["C1"]),
    ],
)
def test_a_bare_web_channel_is_chat_only_where_the_column_lists_messaging_channels(
    tmp_path: Path, channels: list[str], kept: list[str]
) -> None:
    headers = [*CHAT, "Channel"]
    rows = [headers] + [[f"C{i}", "01/10/2026 08:00", "Ana", "95", "4", value]
                        for i, value in enumerate(channels)]  # fmt: skip
    path = _workbook(tmp_path / "canales.xlsx", rows, title="Chats")

    result = read_export(path, Channel.CHAT)

    assert [r.key for r in result.records] == kept
    assert {r.key for r in result.set_aside} == {f"C{i}" for i in range(3)} - set(kept)


def test_an_origin_column_that_names_no_channels_is_just_data(tmp_path: Path) -> None:
    headers = [*CHAT, "Origen"]
    rows = [headers] + [[f"C{i}", "01/10/2026 08:00", "Ana", "95", "4", city]
                        for i, city in enumerate(["Bogotá", "Cali", "Medellín"])]  # fmt: skip
    path = _workbook(tmp_path / "origen.xlsx", rows, title="Chats")

    result = read_export(path, Channel.CHAT)

    assert [r.extra["Origen"] for r in result.records] == ["Bogotá", "Cali", "Medellín"]
    assert result.set_aside == []


def test_a_hidden_first_sheet_is_not_read(tmp_path: Path) -> None:
    wb = Workbook()
    hidden = wb.active
    hidden.title = "Datos ocultos"
    hidden.append(VIRTUAL)
    hidden.append(["X1", datetime(2026, 10, 1, 8), "1", "Oculto", datetime(2026, 10, 2, 9), ""])
    hidden.sheet_state = "hidden"
    shown = wb.create_sheet("Casos")
    shown.append(VIRTUAL)
    shown.append(["R1", datetime(2026, 10, 1, 8), "1", "Ana", datetime(2026, 10, 2, 9), ""])
    path = tmp_path / "oculta.xlsx"
    wb.save(path)

    result = read_export(path, Channel.VIRTUAL)

    assert result.sheet == "Casos"
    assert [r.key for r in result.records] == ["R1"]


_NAMES = ["Peña", "Ibáñez", "Núñez", "Atención", "Ana", "Sofía Martínez", "Luis"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.tuples(st.sampled_from(_NAMES), st.sampled_from(["utf-8", "cp1252"])),
        min_size=1,
        max_size=12,
    )
)
def test_lines_in_either_encoding_are_read_back_exactly(
    tmp_path: Path, lines: list[tuple[str, str]]
) -> None:
    path = tmp_path / "lineas.csv"
    data = (";".join(VIRTUAL) + "\r\n").encode("utf-8")
    for i, (agent, encoding) in enumerate(lines):
        data += _virtual_line(f"R{i}", agent).encode(encoding)
    path.write_bytes(data)

    result = read_export(path, Channel.VIRTUAL)

    assert [r.agent for r in result.records] == [agent for agent, _encoding in lines]
    assert [r.extra["Asunto"] for r in result.records] == ["Atención de solicitud"] * len(lines)


def test_a_repeated_header_chosen_by_the_user_in_this_file_is_read(tmp_path: Path) -> None:
    path = _repeated_agent_workbook(tmp_path)

    (record,) = read_export(
        path, Channel.VIRTUAL, overrides={"agent": "Funcionario responsable (2)"}
    ).records

    assert record.agent == "Luis"


def test_stray_nul_bytes_reject_their_rows_naming_the_column(tmp_path: Path) -> None:
    # A database export with damaged bytes: NUL inside a mapped cell rejects the row (never
    # stored with it or without it); NUL in a column that is not read changes nothing.
    lines = [
        b"Radicado;Agente;Fecha de ingreso;Fecha de respuesta;Observaciones",
        b"R-1;Ana G\x00mez;01/10/2026 08:00;01/10/2026 09:00;",
        b"R-2;Luis Pe\xc3\xb1a;01/10/2026 10:00;01/10/2026 12:00;ok\x00\x00",
        b"R-3;Luis Pe\xc3\xb1a;02/10/2026 10:00;02/10/2026 12:00;",
    ]
    path = tmp_path / "exportacion_bd.csv"
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")

    result = read_export(path, Channel.VIRTUAL)

    assert [(r.key, r.agent) for r in result.records] == [
        ("R-2", "Luis Peña"),
        ("R-3", "Luis Peña"),
    ]
    [rejected] = result.rejected
    assert (rejected.row, rejected.column) == (2, "Agente")
    assert "caracteres nulos" in rejected.reason


def test_a_file_of_nul_bytes_is_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "volcado.csv"
    path.write_bytes(b"Radicado;Agente\r\n" + b"\x00\x01\x02\x00" * 200)

    with pytest.raises(ImportFileError, match="parece un archivo binario"):
        read_export(path, Channel.VIRTUAL)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_its_byte_order_mark_is_read(tmp_path: Path, codec: str) -> None:
    text = (
        "Radicado\tAgente\tFecha de ingreso\tFecha de respuesta\r\n"
        "R-1\tÍñigo Muñoz\t01/10/2026 08:00\t01/10/2026 09:00\r\n"
        "R-2\tAna Gómez\t01/10/2026 10:00\t01/10/2026 12:00\r\n"
    )
    path = tmp_path / "consulta.txt"
    path.write_bytes(text.encode(codec))

    result = read_export(path, Channel.VIRTUAL)

    assert [(r.key, r.agent) for r in result.records] == [
        ("R-1", "Íñigo Muñoz"),
        ("R-2", "Ana Gómez"),
    ]
    assert result.rejected == []


def test_files_joined_with_their_headers_skip_the_repeated_header(tmp_path: Path) -> None:
    # «copy *.csv todo.csv»: each day's export keeps its header line (and Excel's «sep=»).
    day = "Radicado;Agente;Fecha de ingreso;Fecha de respuesta\r\n"
    path = tmp_path / "octubre_unido.csv"
    path.write_text(
        "sep=;\r\n" + day
        + "R-1;Ana Gómez;01/10/2026 08:00;01/10/2026 09:00\r\n"
        + "sep=;\r\n"
        + day.upper()
        + "R-2;Luis Peña;02/10/2026 10:00;02/10/2026 12:00\r\n"
        + "R-3;Luis Peña;02/10/2026 11:00;\r\n",
        encoding="utf-8",
    )  # fmt: skip

    result = read_export(path, Channel.VIRTUAL)

    assert [r.key for r in result.records] == ["R-1", "R-2"]
    assert [(r.row, r.column) for r in result.rejected] == [(7, "Fecha de respuesta")]
    assert [s.row for s in result.skipped_rows] == [4, 5]
    assert "Se omitió la fila 5: repite el encabezado" in " ".join(result.notes)


def test_a_csv_renamed_as_a_workbook_is_read_as_csv_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "reporte.xlsx"
    lines = [_virtual_line(f"2026-{n:03d}", "Luz Mery Quiñones") for n in range(1, 4)]
    path.write_text(";".join(VIRTUAL) + "\r\n" + "".join(lines), encoding="cp1252")

    result = read_export(path, Channel.VIRTUAL)

    assert [r.key for r in result.records] == ["2026-001", "2026-002", "2026-003"]
    assert result.records[0].agent == "Luz Mery Quiñones"
    assert any("se leyó como CSV" in note for note in result.notes)


def test_a_workbook_cut_short_is_named_damaged_not_read_as_text(tmp_path: Path) -> None:
    whole = tmp_path / "entero.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Radicado", "Fecha de ingreso", "Funcionario responsable"])
    workbook.save(whole)
    path = tmp_path / "cortado.xlsx"
    path.write_bytes(whole.read_bytes()[:1500])

    with pytest.raises(ImportFileError, match=r"cortado\.xlsx: .*dañado"):
        read_export(path, Channel.VIRTUAL)
