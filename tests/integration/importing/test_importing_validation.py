"""Every data row ends as a record, a duplicate or a rejected row with its reason."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook

from auditoria_calidad.domain.agent_names import names_a_bot
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import ImportFileError, read_export, rejected_rows_to_xlsx
from auditoria_calidad.importing.column_evidence import SAMPLE_ROWS
from auditoria_calidad.importing.header import HEADER_SEARCH_ROWS


@pytest.mark.parametrize(
    ("overrides", "column", "reason"),
    [
        ({"key": ""}, "N° Radicado", "Falta el radicado / id. del chat"),
        ({"received": "ayer"}, "Fecha de ingreso", "Fecha ilegible: 'ayer'"),
        ({"received": "31/02/2024"}, "Fecha de ingreso", "Fecha imposible: 31/02/2024"),
        ({"received": ""}, "Fecha de ingreso", "Falta la fecha de ingreso"),
        ({"answered": "30/02/2024 10:00"}, "Fecha y hora de respuesta",
         "Fecha imposible: 30/02/2024 10:00"),
        ({"answered": ""}, "Fecha y hora de respuesta", "Falta la fecha y hora de respuesta"),
        ({"answered": "12/05/2024 23:59"}, "Fecha y hora de respuesta",
         "La fecha de respuesta es anterior a la fecha de ingreso"),
        ({"agent": "   "}, "Funcionario responsable", "Falta el funcionario responsable (agente)"),
        ({"identity": "12A45"}, "Cédula", "La identificación no es un número: '12A45'"),
    ],
)  # fmt: skip
def test_virtual_row_rejection_reasons(
    write_csv, virtual_headers, virtual_row, overrides, column, reason
) -> None:
    bad = virtual_row(**overrides) if "key" in overrides else virtual_row("MALA", **overrides)
    path = write_csv("v.csv", [virtual_headers, virtual_row("OK-1"), bad, virtual_row("OK-2")])

    result = read_export(path, Channel.VIRTUAL)

    assert [r.key for r in result.records] == ["OK-1", "OK-2"]
    (rejected,) = result.rejected
    assert (rejected.sheet, rejected.row, rejected.column, rejected.reason) == (
        None,
        3,
        column,
        reason,
    )
    assert rejected.cells == dict(zip(virtual_headers, bad, strict=True))
    assert rejected.describe("v.csv") == f"v.csv, fila 3, columna «{column}»: {reason}"


CHAT_HEADERS = ["ID chat", "Tiempo de ingreso", "Agente", "Tiempo de espera", "Registrado en CRM",
                "Calificación", "Transcripción"]  # fmt: skip


def _chat_row(key: str, **overrides: str) -> list[str]:
    row = {"key": key, "received": "13/05/2024 10:00", "agent": "Ana", "wait": "95",
           "crm": "Sí", "rating": "4,5", "text": "Hola"}  # fmt: skip
    row.update(overrides)
    return list(row.values())


@pytest.mark.parametrize(
    ("overrides", "column", "reason"),
    [
        ({"wait": "abc"}, "Tiempo de espera", "La duración no es un número: 'abc'"),
        ({"crm": "quizá"}, "Registrado en CRM", "Valor de sí/no ilegible: 'quizá'"),
        (
            {"rating": "cinco"},
            "Calificación",
            "Calificación ilegible: 'cinco' (se esperaba un "
            "número de 1 a 5 o una palabra como Excelente, Buena, Regular, Mala)",
        ),
        ({"rating": "7"}, "Calificación", "La calificación 7 está fuera de la escala de 1 a 5"),
        (
            {"wait": "25:00:00"},
            "Tiempo de espera",
            "Tiempo de espera imposible: 25:00:00 (más de 24 horas)",
        ),
    ],
)
def test_chat_row_rejection_reasons(write_xlsx, overrides, column, reason) -> None:
    rows = [CHAT_HEADERS, _chat_row("C-1"), _chat_row("C-2", **overrides)]
    path = write_xlsx("chat.xlsx", {"Chats": rows})

    result = read_export(path, Channel.CHAT)

    (record,) = result.records
    assert (record.wait_seconds, record.registered_in_crm, record.user_rating) == (95, True, 4.5)
    (rejected,) = result.rejected
    assert (rejected.sheet, rejected.row, rejected.column, rejected.reason) == (
        "Chats",
        3,
        column,
        reason,
    )
    assert rejected.describe("chat.xlsx").startswith("chat.xlsx, hoja «Chats», fila 3, columna")


def test_unreadable_integer_is_rejected(write_csv) -> None:
    headers = ["Radicado", "Fecha de ingreso", "Agente", "Fecha de respuesta",
               "Número de veces registrado en CRM"]  # fmt: skip
    rows = [headers, ["A", "13/05/2024", "Ana", "14/05/2024", "3,0"],
            ["B", "13/05/2024", "Ana", "14/05/2024", "dos"]]  # fmt: skip
    result = read_export(write_csv("n.csv", rows), Channel.VIRTUAL)
    assert result.records[0].crm_registrations == 3
    assert result.rejected[0].reason == "No es un número entero: 'dos'"


def test_repeated_key_with_other_content_is_rejected_naming_the_first_row(
    write_csv, virtual_headers, virtual_row
) -> None:
    rows = [virtual_headers, virtual_row("R-1"), virtual_row("R-2"),
            virtual_row("R-1", answer="Otra respuesta")]  # fmt: skip
    result = read_export(write_csv("dup.csv", rows), Channel.VIRTUAL)
    assert [r.key for r in result.records] == ["R-1", "R-2"]
    (rejected,) = result.rejected
    assert rejected.row == 4
    assert rejected.column == "N° Radicado"
    assert rejected.reason == "El radicado «R-1» ya aparece en la fila 2 con otro contenido"


def test_identical_repeat_is_a_duplicate_not_a_record_nor_an_error(
    write_csv, virtual_headers, virtual_row
) -> None:
    rows = [virtual_headers, virtual_row("R-1"), virtual_row(" R-1 "), virtual_row("R-1")]
    result = read_export(write_csv("dup.csv", rows), Channel.VIRTUAL)
    assert [r.key for r in result.records] == ["R-1"]
    assert result.rejected == []
    assert result.duplicates == 2
    assert [(d.row, d.first_row) for d in result.duplicate_rows] == [(3, 2), (4, 2)]
    assert result.total_rows == 3


def test_blank_rows_are_skipped_not_rejected(write_xlsx, virtual_headers, virtual_row) -> None:
    rows = [virtual_headers, virtual_row("A"), [], ["", "  ", None], virtual_row("B"), []]
    result = read_export(write_xlsx("b.xlsx", {"H": rows}), Channel.VIRTUAL)
    assert [(r.key, r.source_row) for r in result.records] == [("A", 2), ("B", 5)]
    assert result.rejected == []
    assert result.blank_rows == 2 and result.total_rows == 2


def test_all_problems_of_a_row_are_reported_in_one_rejected_row(
    write_csv, virtual_headers, virtual_row
) -> None:
    bad = virtual_row("X", received="31/02/2024", identity="12A45", agent="")
    result = read_export(write_csv("m.csv", [virtual_headers, bad]), Channel.VIRTUAL)
    (rejected,) = result.rejected
    assert rejected.column == "Fecha de ingreso"
    assert rejected.reason == (
        "«Fecha de ingreso»: Fecha imposible: 31/02/2024; "
        "«Cédula»: La identificación no es un número: '12A45'; "
        "«Funcionario responsable»: Falta el funcionario responsable (agente)"
    )
    assert len(rejected.problems) == 3
    assert rejected.describe("m.csv").startswith("m.csv, fila 2: «Fecha de ingreso»")


def test_csv_line_with_more_fields_than_the_header_is_rejected(
    write_csv, virtual_headers, virtual_row
) -> None:
    rows = [virtual_headers, [*virtual_row("A"), "", ""], [*virtual_row("B"), "sobrante"]]
    result = read_export(write_csv("largo.csv", rows), Channel.VIRTUAL)
    assert [r.key for r in result.records] == ["A"]
    (rejected,) = result.rejected
    assert rejected.column == "Columna H"
    assert "columnas sin encabezado" in rejected.reason
    assert rejected.cells["Columna H"] == "sobrante"


def test_unmapped_columns_are_kept_as_extra(write_csv, virtual_headers, virtual_row) -> None:
    rows = [[*virtual_headers, "Estado", "", "Estado"], [*virtual_row("A"), "Cerrado", "x", ""]]
    result = read_export(write_csv("e.csv", rows), Channel.VIRTUAL)
    assert result.headers[-3:] == ["Estado", "Columna I", "Estado (2)"]
    assert result.records[0].extra == {"Estado": "Cerrado", "Columna I": "x"}


def test_chat_date_and_time_halves_missing_time_is_rejected(write_csv) -> None:
    headers = ["Chat ID", "Fecha del chat", "Hora del chat", "Agente"]
    rows = [headers, ["C1", "13/05/2024", "10:00", "Ana"], ["C2", "13/05/2024", "", "Ana"]]
    result = read_export(write_csv("c.csv", rows), Channel.CHAT)
    assert result.records[0].received_at == datetime(2024, 5, 13, 10, 0)
    assert (result.rejected[0].column, result.rejected[0].reason) == (
        "Hora del chat",
        "Falta la hora de ingreso",
    )


def test_rejected_rows_workbook_keeps_cells_as_text(
    write_csv, virtual_headers, virtual_row, tmp_path
) -> None:
    formula_like = ["=SUM(A1)", "+57 300", "-1", "@x", '=HYPERLINK("http://x")']
    rows = [virtual_headers]
    for i, text in enumerate(formula_like):
        rows.append(virtual_row(f"=K{i}", agent="", request=text))
    rows.append(virtual_row("bad\x01ctl", agent="", request="x" * 40_000))
    result = read_export(write_csv("f.csv", rows), Channel.VIRTUAL)
    assert len(result.rejected) == 6

    out = rejected_rows_to_xlsx(result.rejected, result.headers, tmp_path / "rechazos.xlsx")

    sheet = load_workbook(out).active
    table = list(sheet.iter_rows())
    assert [c.value for c in table[0]] == [*virtual_headers, "Hoja", "Fila", "Columna", "Motivo"]
    for row, text in zip(table[1:], formula_like, strict=False):
        assert all(cell.value is None or cell.data_type == "s" for cell in row)
        assert row[5].value == text
        assert row[0].value.startswith("=K")
    first = [c.value for c in table[1]]
    assert first[-4:] == [None, "2", "Funcionario responsable",
                          "Falta el funcionario responsable (agente)"]  # fmt: skip
    last = [c.value for c in table[-1]]
    assert last[0] == "badctl"  # control characters Excel refuses are dropped
    assert len(last[5]) == 32_767  # Excel's cell limit


def test_a_large_wait_after_the_first_rows_is_a_row_error(write_xlsx) -> None:
    first = SAMPLE_ROWS + HEADER_SEARCH_ROWS  # the rows that settle how the file is read
    rows = [CHAT_HEADERS, *[_chat_row(f"C-{n}") for n in range(1, first + 1)],
            _chat_row("C-LAST", wait="45000")]  # fmt: skip
    path = write_xlsx("chat.xlsx", {"Chats": rows})

    result = read_export(path, Channel.CHAT)

    assert len(result.records) == first
    (rejected,) = result.rejected
    assert (rejected.row, rejected.column) == (first + 2, "Tiempo de espera")
    assert rejected.reason == (
        "Tiempo de espera 45000: no se sabe si son segundos o milisegundos; indique la unidad "
        "en el encabezado, p. ej. «Tiempo de espera (ms)» o «Tiempo de espera (s)»"
    )


def test_waits_of_mixed_size_without_a_unit_stop_the_import(write_xlsx) -> None:
    """4306 and 45000 are one unit: read row by row, one would be seconds and the other
    refused (milliseconds, most likely, but the header must say it)."""
    rows = [CHAT_HEADERS, _chat_row("C-1", wait="4306"), _chat_row("C-2", wait="45000")]
    path = write_xlsx("chat.xlsx", {"Chats": rows})

    with pytest.raises(ImportFileError) as error:
        read_export(path, Channel.CHAT)

    assert str(error.value) == (
        "chat.xlsx: en la columna «Tiempo de espera» los tiempos de espera van de 4.306 a "
        "45.000 sin unidad en el encabezado: no se sabe si son segundos o milisegundos. "
        "Agregue la unidad al encabezado, p. ej. «Tiempo de espera (ms)» o «Tiempo de espera "
        "(s)», y vuelva a importar."
    )


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        (["Muy satisfecho", "Satisfecho", "Ni satisfecho ni insatisfecho", "Insatisfecho",
          "Muy insatisfecho"], [5, 4, 3, 2, 1]),
        (["Satisfecho", "Insatisfecho"], [5, 1]),  # a two-valued survey: its ends
        (["😍", "😀", "😐", "😞", "😡"], [5, 4, 3, 2, 1]),
        (["😀", "😞"], [5, 1]),
        (["Happy", "Neutral", "Sad"], [5, 3, 1]),  # three faces (Zoho SalesIQ)
        (["Happy", "Sad"], [5, 1]),
        (["Very happy", "Happy", "Neutral", "Unhappy", "Very unhappy"], [5, 4, 3, 2, 1]),
        (["4/5", "4 de 5", "3 estrellas", "★★☆☆☆", "5 stars"], [4, 4, 3, 2, 5]),
        (["Sí", "No", "Sí"], [5, 1, 5]),  # «¿Quedó satisfecho?»
        (["😍", "🙂", "😐", "😕", "😡"], [5, 4, 3, 2, 1]),  # Aivo's five faces
        (["Excelente", "Sin valoración", "Pésimo"], [5, None, 1]),  # JivoChat
    ],
)  # fmt: skip
def test_rating_words_faces_and_stars_are_read_on_the_survey_scale(
    write_xlsx, ratings, expected
) -> None:
    rows = [CHAT_HEADERS, *[_chat_row(f"C-{n}", rating=r) for n, r in enumerate(ratings)]]
    path = write_xlsx("chat.xlsx", {"Chats": rows})

    result = read_export(path, Channel.CHAT)

    assert result.rejected == []
    assert [r.user_rating for r in result.records] == expected


def test_excel_subtotal_rows_are_skipped_not_rejected(write_xlsx) -> None:
    """Data → Subtotales in Excel: a «<agente> Recuento» row after each group and a
    «Recuento general» at the end."""
    headers = ["Radicado", "Agente", "Fecha de ingreso", "Fecha de respuesta"]
    rows = [headers,
            ["R-1", "Ana Gómez", "01/10/2026 08:00", "01/10/2026 09:00"],
            ["R-2", "Ana Gómez", "01/10/2026 10:00", "01/10/2026 11:00"],
            [None, "Ana Gómez Recuento", None, 2],
            ["R-3", "Luis Peña", "02/10/2026 08:00", "02/10/2026 12:00"],
            [None, "Luis Peña Recuento", None, 1],
            [3, "Recuento general", None, None]]  # fmt: skip
    path = write_xlsx("subtotales.xlsx", {"Casos": rows})

    result = read_export(path, Channel.VIRTUAL)

    assert [r.key for r in result.records] == ["R-1", "R-2", "R-3"]
    assert result.rejected == []
    assert [(s.row, s.text) for s in result.skipped_rows] == [
        (4, "Ana Gómez Recuento | 2"), (6, "Luis Peña Recuento | 1"), (7, "3 | Recuento general")
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "hours"),
    [("Fecha inicio (UTC)", 0), ("Start time UTC", 0), ("Created (GMT)", 0),
     ("Fecha (UTC+1)", 1), ("Fecha (UTC-05:00) Bogotá", None), ("Hora GMT-5", None),
     ("Fecha de ingreso", None), ("Cód. Gutc", None), ("createdAtUtc", 0)],
)  # fmt: skip
def test_a_header_may_declare_the_zone_of_its_times(header, hours) -> None:
    from datetime import timedelta

    from auditoria_calidad.importing.validation import header_zone

    assert header_zone(header) == (None if hours is None else timedelta(hours=hours))


def test_times_under_a_utc_header_are_stored_in_colombian_time(write_xlsx) -> None:
    headers = ["Id conversación", "Fecha inicio (UTC)", "Asesor", "Fecha", "Hora (UTC)"]
    rows = [headers,
            ["C-1", datetime(2026, 10, 2, 3, 10), "Ana", "02/10/2026", "03:10"],
            ["C-2", "2026-10-02 22:00:00", "Ana", "02/10/2026", "22:00"],
            ["C-3", "2026-10-02T22:00:00Z", "Ana", "02/10/2026", "22:00"]]  # fmt: skip
    path = write_xlsx("chats_utc.xlsx", {"Chats": rows})

    result = read_export(path, Channel.CHAT, overrides={"received_at": "Fecha inicio (UTC)"})
    split = read_export(path, Channel.CHAT, overrides={
        "received_date": "Fecha", "received_time": "Hora (UTC)"})  # fmt: skip

    expected = [datetime(2026, 10, 1, 22, 10), datetime(2026, 10, 2, 17, 0),
                datetime(2026, 10, 2, 17, 0)]  # fmt: skip
    assert [r.received_at for r in result.records] == expected
    assert [r.received_at for r in split.records] == expected
    assert "La columna «Fecha inicio (UTC)» dice estar en UTC" in result.notes[0]


def test_a_time_column_that_names_its_zone_moves_the_day_with_the_time(write_xlsx) -> None:
    # A chat platform writing the date in one column and the instant, with its zone, in
    # the next: 03:10 UTC on 2 October is 22:10 on 1 October in Colombia, not on the 2nd.
    headers = ["Id conversación", "Asesor", "Fecha", "Hora"]
    rows = [headers,
            ["C-1", "Ana", "02/10/2026", "03:10 UTC"],
            ["C-2", "Ana", "02/10/2026", "2026-10-02T03:10:00Z"],
            ["C-3", "Ana", "02/10/2026", "2026-10-02T15:10:00.000Z"],
            ["C-4", "Ana", "02/10/2026", "10:00 -05"],
            ["C-5", "Ana", "02/10/2026", "2026-10-09T03:10:00Z"]]  # fmt: skip
    path = write_xlsx("chats_hora_con_zona.xlsx", {"Chats": rows})

    result = read_export(path, Channel.CHAT, overrides={
        "received_date": "Fecha", "received_time": "Hora"})  # fmt: skip

    assert [(r.key, r.received_at) for r in result.records] == [
        ("C-1", datetime(2026, 10, 1, 22, 10)),
        ("C-2", datetime(2026, 10, 1, 22, 10)),
        ("C-3", datetime(2026, 10, 2, 10, 10)),
        ("C-4", datetime(2026, 10, 2, 10, 0)),
    ]
    [rejected] = result.rejected
    assert (rejected.row, rejected.column) == (6, "Hora")
    assert "es de otro día que la fecha de la fila (02/10/2026)" in rejected.reason


def test_subtotal_rows_with_their_aggregates_are_skipped_not_rejected(write_xlsx) -> None:
    """A report grouped by agent, saved by LibreOffice: each «Subtotal» row carries the
    group's count, average wait and average rating. A data row whose text starts with
    «Total» is still a data row (rejected here for its missing date, never dropped)."""
    headers = ["Agente", "Id chat", "Fecha/hora inicio", "Tiempo en cola", "Calificación",
               "Mensaje"]  # fmt: skip
    rows = [headers,
            ["Ana Gómez", "C-1", "01/10/2026 08:00", "0:01:10", 4, "Hola"],
            ["Ana Gómez", "C-2", "01/10/2026 09:00", "0:02:20", 5, "Buenos días"],
            ["Subtotal Ana Gómez", 2, None, "0:01:45", 4.5, None],
            ["Luis Peña", "C-3", None, "0:00:40", 3, "Total de la deuda pendiente"],
            ["Luis Peña", "C-4", "02/10/2026 10:00", "0:00:50", 2, "Gracias"],
            ["Subtotal Luis Peña", 2, None, "0:00:45", 2.5, None],
            ["Total general", 4, None, "0:01:15", 3.5, None]]  # fmt: skip
    path = write_xlsx("chats_por_agente.xlsx", {"Chats": rows})

    result = read_export(path, Channel.CHAT)

    assert [r.key for r in result.records] == ["C-1", "C-2", "C-4"]
    assert [(r.row, r.column) for r in result.rejected] == [(5, "Fecha/hora inicio")]
    assert [s.row for s in result.skipped_rows] == [4, 7, 8]
    assert result.skipped_rows[0].text == "Subtotal Ana Gómez | 2 | 0:01:45 | 4.5"


def test_an_agent_cell_that_names_no_agent_rejects_its_row(write_xlsx) -> None:
    """«Sin asignar» or «-» is no person: stored, it would be an agent drawn in the sample."""
    headers = ["Radicado", "Agente", "Fecha de ingreso", "Fecha de respuesta"]
    rows = [headers,
            ["R-1", "Ana Gómez", "01/10/2026 08:00", "01/10/2026 09:00"],
            ["R-2", "Sin asignar", "01/10/2026 10:00", "01/10/2026 11:00"],
            ["R-3", "-", "02/10/2026 08:00", "02/10/2026 12:00"],
            ["R-4", "Luis Peña", "02/10/2026 08:00", "02/10/2026 12:00"]]  # fmt: skip
    path = write_xlsx("casos.xlsx", {"Casos": rows})

    result = read_export(path, Channel.VIRTUAL)

    assert [r.agent for r in result.records] == ["Ana Gómez", "Luis Peña"]
    assert [(r.row, r.column, r.reason) for r in result.rejected] == [
        (3, "Agente", "«Sin asignar» no es un agente: la fila no dice quién respondió"),
        (4, "Agente", "«-» no es un agente: la fila no dice quién respondió"),
    ]


def test_a_conversation_a_bot_answered_is_set_aside_with_its_reason(write_csv) -> None:
    """A chat platform's conversation list names the bot as the agent of the chats it
    closed alone: no agent of the provider answered them, so none is drawn or scored."""
    rows = [["ID Chat", "Agente", "Fecha inicio", "Espera (s)", "Calificación"],
            ["C-1", "Ana Gómez", "01/10/2026 08:00", "35", "5"],
            ["C-2", "Chatbot PQRSD", "01/10/2026 08:05", "0", ""],
            ["C-3", "Asistente Virtual Entidad", "01/10/2026 08:07", "0", ""],
            ["C-4", "Luis Peña", "01/10/2026 08:09", "12", "4"]]  # fmt: skip
    path = write_csv("chats.csv", rows)

    result = read_export(path, Channel.CHAT)

    assert [r.agent for r in result.records] == ["Ana Gómez", "Luis Peña"]
    assert result.rejected == []
    assert [(s.row, s.key, s.reason) for s in result.set_aside] == [
        (3, "C-2", "La atendió «Chatbot PQRSD», un bot o una respuesta automática, no un "
         "agente del proveedor"),
        (4, "C-3", "La atendió «Asistente Virtual Entidad», un bot o una respuesta "
         "automática, no un agente del proveedor"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "name", ["Roberto Botero", "Bottina Ruiz", "Ana Robotham", "Automotores Ltda"]
)
def test_people_whose_names_hold_bot_letters_are_agents(name) -> None:
    assert not names_a_bot(name)


@pytest.mark.parametrize(
    "name", ["Bot", "PQRSD-Bot", "Chatbot", "Respuesta automática", "ROBOT", "Auto-reply"]
)
def test_bot_and_automatic_answer_names_are_bots(name) -> None:
    assert names_a_bot(name)


def test_a_cell_naming_several_agents_rejects_its_row_naming_them(write_csv) -> None:
    """LiveChat lists every agent of a transferred chat in «Agent name(s)»: stored whole,
    «Marcela Peña Rincón, Sebastián Arias Toro» would be an agent who does not exist."""
    rows = [["Chat ID", "Chat start date", "Agent name(s)", "Visitor name", "Rating"],
            ["RT00101", "2026-10-05 08:03:11", "Marcela Peña Rincón", "Ana Ruiz", "rated good"],
            ["RT00102", "2026-10-05 08:09:40", "Sebastián Arias Toro", "Luis Mora", "not rated"],
            ["RT00104", "2026-10-05 08:15:02", "Marcela Peña Rincón, Sebastián Arias Toro",
             "Eva Díaz", "rated bad"],
            ["RT00105", "2026-10-05 08:21:57", "Sebastián Arias Toro; Marcela Peña Rincón",
             "Juan Gil", "not rated"]]  # fmt: skip
    path = write_csv("livechat.csv", rows)

    result = read_export(path, Channel.CHAT)

    assert [r.agent for r in result.records] == ["Marcela Peña Rincón", "Sebastián Arias Toro"]
    assert [(r.row, r.column, r.reason) for r in result.rejected] == [
        (4, "Agent name(s)", "La celda nombra a varios agentes («Marcela Peña Rincón», "
         "«Sebastián Arias Toro»): cada registro se audita con un solo funcionario "
         "responsable; deje en la celda el que respondió"),
        (5, "Agent name(s)", "La celda nombra a varios agentes («Sebastián Arias Toro», "
         "«Marcela Peña Rincón»): cada registro se audita con un solo funcionario "
         "responsable; deje en la celda el que respondió"),
    ]  # fmt: skip


def test_agents_written_surname_comma_name_stay_one_person_each(write_csv) -> None:
    rows = [["Radicado", "Funcionario", "Fecha de ingreso", "Fecha de respuesta"],
            ["R-1", "Peña Rincón, Marcela", "01/10/2026 08:00", "01/10/2026 09:00"],
            ["R-2", "Arias Toro, Sebastián Andrés", "01/10/2026 10:00", "01/10/2026 11:00"],
            ["R-3", "Peña Rincón, Marcela", "02/10/2026 08:00", "02/10/2026 12:00"]]  # fmt: skip
    path = write_csv("casos.csv", rows)

    result = read_export(path, Channel.VIRTUAL)

    assert result.rejected == []
    assert [r.agent for r in result.records] == [
        "Peña Rincón, Marcela", "Arias Toro, Sebastián Andrés", "Peña Rincón, Marcela"
    ]  # fmt: skip


def test_a_rating_column_on_another_scale_chosen_by_hand_stops_the_import(write_csv) -> None:
    """«Calificación (1 a 10)» mapped by hand: a 2 of 10 stored as a 2 of 5 would be wrong
    and a 9 rejected; the import stops and says why."""
    rows = [["ID Chat", "Agente", "Fecha inicio", "Calificación (1 a 10)"],
            ["C-1", "Ana Gómez", "01/10/2026 08:00", "2"],
            ["C-2", "Luis Peña", "01/10/2026 08:05", "9"]]  # fmt: skip
    path = write_csv("botmaker.csv", rows)

    with pytest.raises(ImportFileError) as raised:
        read_export(path, Channel.CHAT, overrides={"user_rating": "Calificación (1 a 10)"})

    assert "«Calificación (1 a 10)» califica de 1 a 10" in raised.value.message


def test_keys_excel_turned_into_numbers_get_back_their_zeros(write_xlsx) -> None:
    """«000392» in most rows, 392 (a number) where someone retyped it: one case, not two."""
    headers = ["Radicado", "Agente", "Fecha de ingreso", "Fecha de respuesta"]
    cases = [("000392", "Ana Gómez", "01/10/2026 08:00", "01/10/2026 09:00"),
             ("000415", "Luis Peña", "01/10/2026 10:00", "01/10/2026 11:00"),
             ("001059", "Ana Gómez", "02/10/2026 08:00", "02/10/2026 12:00"),
             (58, "Luis Peña", "02/10/2026 09:00", "02/10/2026 10:00")]  # fmt: skip
    rows = [headers, *map(list, cases), [392, *cases[0][1:]]]
    path = write_xlsx("radicados.xlsx", {"Casos": rows})

    result = read_export(path, Channel.VIRTUAL)

    assert [r.key for r in result.records] == ["000392", "000415", "001059", "000058"]
    assert [(d.row, d.first_row) for d in result.duplicate_rows] == [(6, 2)]
    assert (
        "En «Radicado», 2 claves venían sin los ceros a la izquierda que tienen las demás "
        "(Excel las volvió números, p. ej. 58): se completaron a 6 cifras (000058)."
    ) in result.notes


def test_keys_of_different_lengths_keep_what_they_say(write_csv) -> None:
    rows = [["Radicado", "Agente", "Fecha de ingreso", "Fecha de respuesta"],
            ["0392", "Ana Gómez", "01/10/2026 08:00", "01/10/2026 09:00"],
            ["392", "Luis Peña", "01/10/2026 10:00", "01/10/2026 11:00"],
            ["15", "Ana Gómez", "02/10/2026 08:00", "02/10/2026 12:00"]]  # fmt: skip
    result = read_export(write_csv("casos.csv", rows), Channel.VIRTUAL)

    assert [r.key for r in result.records] == ["0392", "392", "15"]
