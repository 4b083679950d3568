"""Exports laid out as real systems write them import with the right values.

Each family of ``real_exports`` is written into tmp_path and read twice: unattended (the
columns are understood from the file) and with the mapping a person would choose by
hand, so that a reader problem and a mapping problem fail different tests.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from auditoria_calidad.domain.fields import Channel, RecordData
from auditoria_calidad.importing import (
    ColumnMapping,
    ImportFileError,
    MappedColumn,
    ReadResult,
    UncertainMappingError,
    list_sheets,
    preview,
    read_export,
)
from auditoria_calidad.services.imports import likely_channel_of
from integration.importing.legacy_exports import LEGACY_LAYOUTS
from integration.importing.real_exports import (
    LAYOUTS,
    LAYOUTS_BY_NAME,
    Layout,
    write_message_log_without_roles,
    write_whatsapp_message_log,
)

ALL_LAYOUTS = (*LAYOUTS, *LEGACY_LAYOUTS)
_IDS = [layout.name for layout in ALL_LAYOUTS]


def _assert_stored_as_expected(result: ReadResult, expected: list[dict[str, Any]]) -> None:
    assert [r.describe(result.path.name) for r in result.rejected] == []
    by_key: dict[str, RecordData] = {r.key: r for r in result.records}
    assert sorted(by_key) == sorted(e["key"] for e in expected)
    for wanted in expected:
        record = by_key[wanted["key"]]
        stored = {name: getattr(record, name) for name in wanted}
        assert stored == wanted


def _assert_layout(result: ReadResult, layout: Layout) -> None:
    assert result.sheet == layout.sheet
    skipped = [row.text for row in result.skipped_rows]
    assert len(skipped) == len(layout.footer)
    for text, footer in zip(skipped, layout.footer, strict=True):
        assert text.startswith(footer)
    assert [row.key for row in result.set_aside] == list(layout.set_aside)
    for row in result.set_aside:
        assert row.reason.startswith("Canal «")
        assert f"(se importa el canal {layout.channel.label})" in row.reason
    assert result.total_rows == len(result.records) + len(result.set_aside)


@pytest.mark.parametrize("layout", ALL_LAYOUTS, ids=_IDS)
def test_real_export_imports_unattended(layout: Layout, tmp_path: Path) -> None:
    path, expected = layout.write(tmp_path)

    result = read_export(path, layout.channel)

    _assert_stored_as_expected(result, expected)
    _assert_layout(result, layout)


@pytest.mark.parametrize("layout", ALL_LAYOUTS, ids=_IDS)
def test_real_export_reads_with_a_hand_mapping(layout: Layout, tmp_path: Path) -> None:
    path, expected = layout.write(tmp_path)
    headers = preview(path, layout.channel).headers
    mapping = ColumnMapping(
        {name: MappedColumn(headers.index(header), header)
         for name, header in layout.hand_mapping.items()}
    )  # fmt: skip

    result = read_export(path, layout.channel, mapping=mapping)

    _assert_stored_as_expected(result, expected)
    _assert_layout(result, layout)


def test_footer_rows_are_reported_with_their_row_numbers(tmp_path: Path) -> None:
    path, expected = LAYOUTS_BY_NAME["formatted_report"].write(tmp_path)

    result = read_export(path, Channel.VIRTUAL)

    first_data_row = result.header_row + 1
    assert result.header_row == 7
    after_table = first_data_row + len(expected)  # a blank row, then the total
    assert [row.row for row in result.skipped_rows] == [
        after_table + 1,
        after_table + 3,
        after_table + 4,
    ]
    assert result.skipped_rows[0].text == "Total (5) | 5"
    assert "Se omitieron 3 filas de totales o de pie de página (no son registros)." in result.notes


def test_dynamics_hidden_columns_and_sheet_are_ignored(tmp_path: Path) -> None:
    path, _expected = LAYOUTS_BY_NAME["dynamics"].write(tmp_path)

    result = read_export(path, Channel.VIRTUAL)

    assert list_sheets(path) == ["Casos activos"]
    for record in result.records:
        assert not any(name.startswith("(No modificar)") for name in record.extra)
        assert record.extra["Título del caso"] == "Solicitud de devolución"


def test_cover_sheet_note_says_which_sheet_was_read(tmp_path: Path) -> None:
    path, _expected = LAYOUTS_BY_NAME["cover_sheet"].write(tmp_path)

    result = read_export(path, Channel.VIRTUAL)

    assert result.notes[0] == (
        "Se leyó la hoja «Detalle» (la hoja «Resumen» no tiene una tabla de datos)."
    )


def test_a_workbook_of_two_months_says_the_other_month_was_not_read(tmp_path: Path) -> None:
    """«Resumen», «Septiembre», «Octubre»: one sheet is read per import, and the summary
    names the other sheet with data, instead of leaving a month out without a word."""
    headers = ["Radicado", "Funcionario", "Fecha de ingreso", "Fecha de respuesta"]
    book = Workbook()
    book.active.title = "Resumen"  # type: ignore[union-attr]
    book.active.append(["Total de casos", 4])  # type: ignore[union-attr]
    for month, day in (("Septiembre", "15/09/2026"), ("Octubre", "15/10/2026")):
        sheet = book.create_sheet(month)
        sheet.append(headers)
        for n in range(2):
            sheet.append([f"{month[:3].upper()}-{n}", "Ana Gómez", f"{day} 08:0{n}",
                          f"{day} 10:0{n}"])  # fmt: skip
    path = tmp_path / "informe.xlsx"
    book.save(path)

    result = read_export(path, Channel.VIRTUAL)

    assert [r.key for r in result.records] == ["SEP-0", "SEP-1"]
    assert result.notes[0] == (
        "Se leyó la hoja «Septiembre» (la hoja «Resumen» no tiene una tabla de datos). El "
        "libro tiene otra hoja con datos («Octubre»): solo se leyó «Septiembre». Importe cada "
        "hoja aparte, eligiéndola."
    )
    chosen = read_export(path, Channel.VIRTUAL, sheet="Octubre")
    assert [r.key for r in chosen.records] == ["OCT-0", "OCT-1"]


def test_rows_outside_the_period_are_set_aside_with_the_reason(tmp_path: Path) -> None:
    path, expected = LAYOUTS_BY_NAME["formatted_report"].write(tmp_path)

    result = read_export(path, Channel.VIRTUAL, period=(date(2026, 10, 1), date(2026, 10, 5)))

    inside = [e["key"] for e in expected if e["received_at"].day <= 5]
    assert [r.key for r in result.records] == inside
    (late,) = result.set_aside
    assert late.key == "PQR-2026-004515"
    assert late.reason == "Fuera del periodo 01/10/2026–05/10/2026 (fecha de ingreso 09/10/2026)"
    assert late.sheet == "Reporte PQRSD"
    assert [r.row for r in result.rejected] == []


def test_word_ratings_and_millisecond_waits_are_read_on_the_documented_scale(
    tmp_path: Path,
) -> None:
    path, _expected = LAYOUTS_BY_NAME["chat_platform_ms"].write(tmp_path)

    result = read_export(path, Channel.CHAT)

    by_key = {r.key: (r.user_rating, r.wait_seconds) for r in result.records}
    assert by_key == {
        "conv-7781": (5.0, 45),
        "conv-7782": (4.0, 130),
        "conv-7784": (3.0, 7),
        "conv-7785": (2.0, 62),
    }


@pytest.mark.parametrize(
    ("name", "opened_as", "hint"),
    [
        ("freshchat", Channel.VIRTUAL, Channel.CHAT),  # «Web» beside «WhatsApp»: chats
        ("glpi", Channel.CHAT, Channel.VIRTUAL),  # «Correo electrónico» in every row
        ("chat_platform_ms", Channel.CHAT, None),  # its own channel
        ("salesforce_spanish", Channel.VIRTUAL, None),
        # a column of chat transcripts («Body») beside a wait: chats
        ("salesforce_chat_transcripts", Channel.VIRTUAL, Channel.CHAT),
        ("govco_pqrsd_form", Channel.VIRTUAL, None),
    ],
)
def test_a_channel_column_that_names_only_the_other_channel_suggests_it(
    tmp_path: Path, name: str, opened_as: Channel, hint: Channel | None
) -> None:
    path, _expected = LAYOUTS_BY_NAME[name].write(tmp_path)

    assert likely_channel_of(path, opened_as) == hint


def _write_lines(path: Path, rows: list[list[str]], separator: str = ";") -> None:
    """A small UTF-8 text export, one line per row (the cells hold no separator)."""
    path.write_text("\n".join(separator.join(r) for r in rows) + "\n", encoding="utf-8")


def test_a_chat_log_with_one_message_per_row_is_read_as_one_record_per_conversation(
    tmp_path: Path,
) -> None:
    path, expected = write_whatsapp_message_log(tmp_path)

    result = read_export(path, Channel.CHAT)
    shown = preview(path, Channel.CHAT)

    _assert_stored_as_expected(result, expected)
    assert result.header_row == 1 and result.total_rows == 2
    assert result.records[0].extra == {"Teléfono": "573105551200"}
    note = result.notes[0]
    assert note.startswith(
        "El archivo trae un mensaje por fila: se unieron 10 mensajes en 2 conversaciones por "
        "«Id conversación»."
    )
    assert note.endswith(
        "Se dejaron fuera las columnas que cambian de un mensaje a otro: «Id mensaje»."
    )
    assert shown.headers[:3] == ["Id conversación", "Fecha y hora de inicio", "Agente"]
    assert [row[0] for row in shown.rows] == ["wa-7f3a01", "wa-7f3a02"]
    assert (
        shown.joined
        == "un mensaje por fila: 10 mensajes unidos en 2 conversaciones por «Id conversación»"
    )
    # Opened as the virtual channel, it is named and the chat channel suggested.
    with pytest.raises(ImportFileError) as refused:
        read_export(path, Channel.VIRTUAL)
    assert "Impórtelo en el canal Chat: allí sus mensajes se unen en conversaciones" in str(
        refused.value
    )


def test_a_message_log_that_does_not_say_who_is_the_agent_is_named_and_nothing_is_read(
    tmp_path: Path,
) -> None:
    path = write_message_log_without_roles(tmp_path)

    for read in (preview, read_export):
        with pytest.raises(ImportFileError) as refused:
            read(path, Channel.CHAT)
        message = str(refused.value)
        assert message.startswith("messages.csv: el archivo trae un mensaje por fila")
        assert "«Conversation SID» se repite" in message
        assert "«Body» es el texto de cada mensaje" in message
        assert "«Author» quién lo envió, pero nada dice cuáles mensajes son del agente" in message
        assert "una fila por chat" in message
    # A user who names the columns reads the rows all the same (each message, a row).
    chosen = {"key": "Message SID", "agent": "Author", "received_at": "Date Created"}
    result = read_export(path, Channel.CHAT, overrides=chosen)
    assert len(result.records) + len(result.rejected) == 12


def test_a_message_whose_role_cannot_be_read_is_named(tmp_path: Path) -> None:
    path, _expected = write_whatsapp_message_log(tmp_path)
    workbook = load_workbook(path)
    workbook.active.cell(row=6, column=4, value="Supervisor")  # type: ignore[union-attr]
    workbook.save(path)

    with pytest.raises(ImportFileError) as refused:
        read_export(path, Channel.CHAT)

    assert "pero «Supervisor» no dice si el mensaje es del agente, del usuario o de un bot" in (
        str(refused.value)
    )


def test_the_summary_says_which_columns_the_requester_name_was_joined_from(
    tmp_path: Path,
) -> None:
    path, _expected = LAYOUTS_BY_NAME["govco_pqrsd_form"].write(tmp_path)
    headers = preview(path, Channel.VIRTUAL).headers
    chosen = ("key", "received_at", "agent", "answered_at")
    hand = {name: LAYOUTS_BY_NAME["govco_pqrsd_form"].hand_mapping[name] for name in chosen}
    hand["requester_surnames"] = "Primer apellido"  # the user's choice: half a name

    result = read_export(path, Channel.VIRTUAL)
    half = read_export(
        path,
        Channel.VIRTUAL,
        mapping=ColumnMapping(
            {name: MappedColumn(headers.index(header), header) for name, header in hand.items()}
        ),
    )

    assert (
        "El nombre del usuario se leyó uniendo las columnas «Primer nombre», «Segundo nombre», "
        "«Primer apellido» y «Segundo apellido»."
    ) in result.notes
    assert [r.requester_name for r in half.records] == ["Rodríguez", "Quiñones", "Muñoz"]
    assert "El nombre del usuario se leyó solo de la columna «Primer apellido»." in half.notes


def test_a_chat_log_s_own_time_and_sender_columns_are_told_from_the_conversation_s(
    tmp_path: Path,
) -> None:
    rows = [["Conversación", "Fecha de creación", "Nombre del cliente", "Fecha del mensaje",
             "Rol", "Nombre", "Texto"]]  # fmt: skip
    for chat, (citizen, agent) in enumerate(
        [("María José Rodríguez", "Yuliana Cárdenas"), ("Jhon Quiñones", "Jhon Muñoz")]
    ):
        created = f"2026-10-0{chat + 2} 08:00:00"
        for turn, (role, name) in enumerate(
            [("cliente", citizen), ("agente", agent), ("cliente", citizen)]
        ):
            rows.append([f"C-{chat}", created, citizen, f"2026-10-0{chat + 2} 08:0{turn}:30",
                         role, name, f"Mensaje {turn}"])  # fmt: skip
    rows += [[""], ["Total de mensajes: 6"]]
    path = tmp_path / "log.csv"
    _write_lines(path, rows)

    # The conversation's creation and its first message: two receipts, the user chooses.
    with pytest.raises(UncertainMappingError) as asked:
        read_export(path, Channel.CHAT)
    candidates = [c.header for c in asked.value.guess.fields["received_at"].candidates]
    assert candidates[:2] == ["Fecha y hora de inicio", "Fecha de creación"]
    chosen = {"received_at": "Fecha y hora de inicio"}
    result = read_export(path, Channel.CHAT, overrides=chosen)

    assert [(r.key, r.agent, r.requester_name, r.wait_seconds) for r in result.records] == [
        ("C-0", "Yuliana Cárdenas", "María José Rodríguez", 60),
        ("C-1", "Jhon Muñoz", "Jhon Quiñones", 60),
    ]
    assert result.records[0].received_at == datetime(2026, 10, 2, 8, 0, 30)
    # «Nombre del cliente» says what the user's messages say: it is the requester's column.
    assert result.mapping.get("requester_name").header == "Nombre del cliente"  # type: ignore[union-attr]
    assert result.records[0].extra == {"Fecha de creación": "2026-10-02 08:00:00"}
    assert result.notes[0].endswith(
        "Se omitió 1 fila del final que no es un mensaje (totales o pie de página)."
    )


def test_a_messaging_api_log_in_utc_is_joined_in_colombian_time(tmp_path: Path) -> None:
    rows = [
        ["conversation_id", "message_id", "sent_at", "sender_type", "sender_name", "message"],
        ["conv_881", "m1", "2026-10-02T13:15:00Z", "customer", "María José", "Hola"],
        ["conv_881", "m2", "2026-10-02T13:15:05Z", "bot", "Treble Bot", "Un asesor le atenderá"],
        ["conv_881", "m3", "2026-10-02T13:16:10Z", "agent", "Yuliana Cárdenas", "Buenos días"],
        ["conv_882", "m4", "2026-10-02T14:00:00Z", "customer", "Jhon Quiñones", "Buenas"],
        ["conv_882", "m5", "2026-10-02T14:03:00Z", "agent", "Jhon Muñoz", "¿En qué le ayudo?"],
    ]
    path = tmp_path / "messages.csv"
    _write_lines(path, rows, ",")

    result = read_export(path, Channel.CHAT)

    assert [(r.key, r.received_at, r.agent, r.wait_seconds) for r in result.records] == [
        ("conv_881", datetime(2026, 10, 2, 8, 15), "Yuliana Cárdenas", 70),
        ("conv_882", datetime(2026, 10, 2, 9, 0), "Jhon Muñoz", 180),
    ]
    assert result.records[0].answer_text.splitlines()[2] == (
        "[08:16:10] Agente (Yuliana Cárdenas): Buenos días"
    )
    # The zone said by the header, not by the values: moved all the same, and said so.
    rows[0][2] = "sent_at (UTC)"
    _write_lines(path, [[c.removesuffix("Z") for c in r] for r in rows], ",")
    declared = read_export(path, Channel.CHAT)
    assert [r.received_at for r in declared.records] == [
        datetime(2026, 10, 2, 8, 15),
        datetime(2026, 10, 2, 9, 0),
    ]
    assert declared.notes[0].endswith(
        "La columna «sent_at (UTC)» dice estar en otra zona horaria: las horas de los mensajes "
        "se pasaron a la hora de Colombia (UTC-5)."
    )


def test_a_chat_log_with_the_date_and_the_time_in_two_columns_joins_them(tmp_path: Path) -> None:
    rows = [
        ["ID Chat", "Fecha", "Hora", "Emisor", "Nombre emisor", "Texto"],
        ["100", "02/10/2026", "08:15:00", "Usuario", "María José Rodríguez", "Hola"],
        ["100", "02/10/2026", "08:16:30", "Asesor", "Yuliana Cárdenas", "Buenos días"],
        ["101", "13/10/2026", "23:59:00", "Usuario", "Jhon Quiñones", "Buenas noches"],
        ["101", "14/10/2026", "00:02:00", "Asesor", "Jhon Muñoz", "¿En qué le ayudo?"],
        ["101", "14/10/2026", "00:03:00", "Usuario", "Jhon Quiñones", ""],  # a picture
    ]
    path = tmp_path / "chat.csv"
    _write_lines(path, rows)

    result = read_export(path, Channel.CHAT)

    # The date alone («Fecha» changes at midnight) is never taken for the message's time.
    assert [(r.key, r.received_at, r.wait_seconds) for r in result.records] == [
        ("100", datetime(2026, 10, 2, 8, 15), 90),
        ("101", datetime(2026, 10, 13, 23, 59), 180),
    ]
    broken = tmp_path / "roto.csv"
    rows[4][2] = "24:61"
    _write_lines(broken, rows)
    with pytest.raises(ImportFileError) as refused:
        read_export(broken, Channel.CHAT)
    assert "fila 5, columnas «Fecha» y «Hora»" in str(refused.value)


def test_a_chat_log_s_assigned_agent_column_that_agrees_with_the_messages_is_the_agent(
    tmp_path: Path,
) -> None:
    rows = [
        ["ID Chat", "Fecha y hora", "Emisor", "Nombre emisor", "Agente asignado", "Texto"],
        ["100", "02/10/2026 08:15:00", "Usuario", "María José", "Yuliana Cárdenas", "Hola"],
        ["100", "02/10/2026 08:16:30", "Asesor", "Yuliana Cárdenas", "Yuliana Cárdenas", "Sí"],
        ["101", "13/10/2026 09:00:00", "Usuario", "Jhon Quiñones", "Jhon Muñoz", "Buenas"],
        ["101", "13/10/2026 09:02:00", "Asesor", "Jhon Muñoz", "Jhon Muñoz", "¿Qué necesita?"],
    ]
    path = tmp_path / "chat.csv"
    _write_lines(path, rows)

    result = read_export(path, Channel.CHAT)

    assert result.mapping.get("agent").header == "Agente asignado"  # type: ignore[union-attr]
    assert [r.agent for r in result.records] == ["Yuliana Cárdenas", "Jhon Muñoz"]
    # A transfer: the assigned agent and the one who wrote most differ, and the user chooses.
    rows[3][4] = rows[4][4] = "Yuliana Cárdenas"
    _write_lines(path, rows)
    with pytest.raises(UncertainMappingError):
        read_export(path, Channel.CHAT)


def test_a_hidden_column_of_a_chat_log_is_not_carried_into_its_conversations(
    tmp_path: Path,
) -> None:
    path, _expected = write_whatsapp_message_log(tmp_path)
    workbook = load_workbook(path)
    workbook.active.column_dimensions["F"].hidden = True  # type: ignore[union-attr]
    workbook.save(path)

    result = read_export(path, Channel.CHAT)

    assert [r.extra for r in result.records] == [{}, {}]
    assert "«Teléfono»" not in result.notes[0]


def test_an_answer_date_without_its_time_is_asked_for_and_then_read_by_its_day(
    tmp_path: Path,
) -> None:
    """A municipal PQRSD report (;, Windows-1252): the request's date and its «a. m.» time
    in two columns, the answer's date alone. The import asks; chosen by hand, an answer
    sent on the day of the request is not «before» it, and the summary says the hours are
    not real."""
    rows = [["No. Radicado", "Fecha Radicación", "Hora Radicación", "Tipo de Solicitud",
             "Peticionario", "Identificación", "Funcionario Responsable", "Fecha Respuesta",
             "No. Radicado Respuesta"]]  # fmt: skip
    cases = [("2026-1410-E", datetime(2026, 10, 1, 8, 15, 32), date(2026, 10, 3)),
             ("2026-1411-E", datetime(2026, 10, 6, 14, 42, 5), date(2026, 10, 6)),
             ("2026-1412-E", datetime(2026, 10, 14, 9, 3, 48), date(2026, 10, 15))]  # fmt: skip
    for n, (key, received, answered) in enumerate(cases):
        clock = received.strftime("%I:%M:%S ") + ("a. m." if received.hour < 12 else "p. m.")
        rows.append([key, f"{received.day}/{received.month}/{received.year}", clock, "Petición",
                     "María José Rodríguez Gómez", "1032456789", "Luz Mery Quiñones Ramírez",
                     f"{answered:%d/%m/%Y}", f"2026-{5210 + n}-S"])  # fmt: skip
    path = tmp_path / "pqrsd_alcaldia.csv"
    path.write_bytes("".join(";".join(r) + "\r\n" for r in rows).encode("cp1252"))

    with pytest.raises(UncertainMappingError) as raised:
        read_export(path, Channel.VIRTUAL)
    assert "solo la fecha" in raised.value.message

    result = read_export(path, Channel.VIRTUAL, overrides={"answered_at": "Fecha Respuesta"})

    assert result.rejected == []
    assert result.answer_days_only  # the batch says so: the 24-hour check knows the day only
    stored = {r.key: (r.received_at, r.answered_at) for r in result.records}
    assert stored == {
        key: (received, datetime(answered.year, answered.month, answered.day))
        for key, received, answered in cases
    }
    assert any(
        note.startswith("«Fecha Respuesta» trae solo la fecha de cada respuesta")
        and "24 horas" in note
        for note in result.notes
    )


def test_a_conversation_no_agent_wrote_in_is_set_aside_with_the_reason(tmp_path: Path) -> None:
    """In a WhatsApp log many conversations end with the bot: there is no answer to audit.
    They are set aside (with the row of their first message), not rejected as errors."""
    rows = [
        ["ID Chat", "Fecha y hora", "Emisor", "Nombre emisor", "Texto"],
        ["100", "02/10/2026 08:15:00", "Usuario", "María José Rodríguez", "Hola"],
        ["101", "02/10/2026 08:15:40", "Usuario", "Jhon Quiñones", "Horario de atención"],
        ["101", "02/10/2026 08:15:41", "Bot", "Asistente virtual", "De 7 a. m. a 7 p. m."],
        ["100", "02/10/2026 08:16:30", "Asesor", "Yuliana Cárdenas", "Buenos días"],
        ["102", "02/10/2026 09:00:00", "Usuario", "Luz Ángela Muñoz", "¿Hay alguien?"],
    ]
    path = tmp_path / "chat.csv"
    _write_lines(path, rows)

    result = read_export(path, Channel.CHAT)

    assert [(r.key, r.agent) for r in result.records] == [("100", "Yuliana Cárdenas")]
    assert result.rejected == []
    assert [(row.key, row.row) for row in result.set_aside] == [("101", 3), ("102", 6)]
    assert all(row.reason.startswith("Ningún agente escribió") for row in result.set_aside)
    assert result.total_rows == 3


def test_a_message_log_that_gives_directions_reads_the_agent_from_the_sender_s_name(
    tmp_path: Path,
) -> None:
    """A messaging platform's log says only whether each message came in or went out; who
    sent one that went out is its sender's name: a bot («Chatbot PQRSD») or an agent."""
    rows = [
        ["Conversation ID", "Timestamp", "Direction", "Sender", "Phone", "Message"],
        ["c-1", "2026-10-02 08:15:00", "inbound", "María José Rodríguez", "573105551200", "Hola"],
        ["c-1", "2026-10-02 08:15:02", "outbound", "Chatbot PQRSD", "573105551200", "Menú"],
        ["c-1", "2026-10-02 08:16:30", "outbound", "Yuliana Cárdenas", "573105551200", "Hola"],
        ["c-2", "2026-10-02 09:00:00", "inbound", "Jhon Quiñones", "573105551201", "Buenas"],
        ["c-2", "2026-10-02 09:00:01", "outbound", "Chatbot PQRSD", "573105551201", "Adiós"],
    ]
    path = tmp_path / "messages.csv"
    _write_lines(path, rows, ",")

    result = read_export(path, Channel.CHAT)

    assert [(r.key, r.agent, r.requester_name, r.wait_seconds) for r in result.records] == [
        ("c-1", "Yuliana Cárdenas", "María José Rodríguez", 90)
    ]
    assert "Bot (Chatbot PQRSD): Menú" in (result.records[0].answer_text or "")
    assert [row.key for row in result.set_aside] == ["c-2"]  # only the bot answered

    with pytest.raises(ImportFileError):  # no agent column to read as a written answer's
        read_export(path, Channel.VIRTUAL)

    rows[3][3] = ""  # a message out with no sender: an agent's or a bot's?
    _write_lines(path, rows, ",")
    with pytest.raises(ImportFileError) as refused:
        read_export(path, Channel.CHAT)
    assert "fila 4: el mensaje sale hacia el usuario" in str(refused.value)

    # Far below the first rows, a message whose direction is no direction: never a guess
    rows = rows[:1] + [
        [f"c-{n // 2}", f"2026-10-02 08:{n // 2 % 60:02d}:{n % 2:02d}",
         "inbound" if n % 2 == 0 else "outbound",
         "María José Rodríguez" if n % 2 == 0 else "Yuliana Cárdenas", "573105551200", "Hola"]
        for n in range(1200)
    ]  # fmt: skip
    rows[1100][2] = "failed"  # the file's line 1101
    _write_lines(path, rows, ",")
    with pytest.raises(ImportFileError) as refused:
        read_export(path, Channel.CHAT)
    assert "fila 1101, columna «Direction»: «failed» no dice si el mensaje entra o sale" in (
        str(refused.value)
    )


def test_a_message_log_with_directions_and_no_sender_is_refused_with_the_reason(
    tmp_path: Path,
) -> None:
    rows = [["Conversation SID", "Date Created", "Direction", "Body"]]
    for n in range(8):
        rows.append([f"CH{n // 4:032x}", f"2026-10-02T13:{15 + n:02d}:00Z",
                     "outbound-api" if n % 2 else "inbound", f"Mensaje {n}"])  # fmt: skip
    path = tmp_path / "messages.csv"
    _write_lines(path, rows, ",")

    with pytest.raises(ImportFileError) as refused:
        read_export(path, Channel.CHAT)

    assert "«Direction» solo dice si el mensaje entra o sale" in str(refused.value)


def test_a_requester_written_with_the_e_mail_address_is_read_as_the_name(
    tmp_path: Path,
) -> None:
    """HubSpot writes a ticket's contact as «Nombre (correo)»; e-mail clients «Nombre
    <correo>». The requester is the name; the summary says the addresses were left out."""
    rows = [
        ["Ticket ID", "Create date", "Close date", "Ticket owner", "Associated Contact"],
        ["1883457221", "2026-10-01 08:15", "2026-10-02 09:00", "Yuliana Cárdenas",
         "María José Rodríguez Gómez (mariajose.rodriguez87@gmail.com)"],
        ["1883457352", "2026-10-06 14:42", "2026-10-07 10:00", "Jhon Muñoz",
         "Jhon Jairo Quiñones Mosquera <jhonjairo.q@hotmail.com>"],
        ["1883457483", "2026-10-14 09:03", "2026-10-15 11:00", "Jhon Muñoz",
         "Luz Ángela Muñoz Castaño (luzangela.munoz@yahoo.es)"],
        ["1883457614", "2026-10-20 17:55", "2026-10-21 08:00", "Yuliana Cárdenas",
         "Pedro Pablo Gil (Representante legal)"],
        ["1883457745", "2026-10-27 11:20", "2026-10-28 08:30", "Yuliana Cárdenas",
         "Dayana Sofía Ibáñez Cárdenas (dayana.ibanez@gmail.com)"],
    ]  # fmt: skip
    path = tmp_path / "tickets.csv"
    _write_lines(path, rows, ",")

    result = read_export(path, Channel.VIRTUAL)

    assert [r.requester_name for r in result.records] == [
        "María José Rodríguez Gómez",
        "Jhon Jairo Quiñones Mosquera",
        "Luz Ángela Muñoz Castaño",
        "Pedro Pablo Gil (Representante legal)",  # no address: kept as it is
        "Dayana Sofía Ibáñez Cárdenas",
    ]
    assert "«Associated Contact» trae el nombre de cada usuario con su correo" in " ".join(
        result.notes
    )


def test_unix_times_of_a_messaging_api_are_read_in_colombian_time(tmp_path: Path) -> None:
    """A chat platform's API export: «created_at» in seconds since 1970 (UTC), one row in
    milliseconds; a 10-digit cédula beside it is still a cédula."""
    rows = [
        ["conversation_id", "created_at", "agent_name", "customer_name", "cedula",
         "first_response_seconds"],
        ["c1", "1790860532", "Yuliana Cárdenas", "María Rodríguez", "1023456789", "42"],
        ["c2", "1790864132", "Jhon Muñoz", "Jhon Quiñones", "1144098765", "95"],
        ["c3", "1790867732000", "Yuliana Cárdenas", "Luz Muñoz", "1001234567", "10"],
        ["c4", "1790871332", "Jhon Muñoz", "Pedro Gil", "1032456789", "7"],
    ]  # fmt: skip
    path = tmp_path / "conversations.csv"
    _write_lines(path, rows, ",")

    result = read_export(path, Channel.CHAT)

    assert [(r.key, r.received_at, r.identity_number) for r in result.records] == [
        ("c1", datetime(2026, 10, 1, 8, 15, 32), "1023456789"),
        ("c2", datetime(2026, 10, 1, 9, 15, 32), "1144098765"),
        ("c3", datetime(2026, 10, 1, 10, 15, 32), "1001234567"),
        ("c4", datetime(2026, 10, 1, 11, 15, 32), "1032456789"),
    ]
    assert any("«created_at» trae marcas de tiempo Unix" in note for note in result.notes)

    more = [[f"c{n}", str(1790860532 + 600 * n), "Jhon Muñoz", "Pedro Gil", "1032456789", "7"]
            for n in range(5, 25)]  # fmt: skip
    rows = [*rows, *more]
    rows[2][1] = "ayer"  # a value that is no Unix time is the row's error, never a guess
    _write_lines(path, rows, ",")
    result = read_export(path, Channel.CHAT)
    assert [(r.row, r.column) for r in result.rejected] == [(3, "created_at")]
    assert len(result.records) == 23


def test_a_twilio_message_log_is_joined_by_direction_and_author(tmp_path: Path) -> None:
    """Twilio Conversations: «DateSent» (UTC), «Direction» (inbound / outbound-api),
    «From» a WhatsApp line for both sides, and «Author» the name of who wrote. The line
    is no one's name; «DateSent» is the moment, not a sender."""
    header = "Sid,ConversationSid,DateSent,Direction,From,To,Author,Body,Status"
    user, line = "whatsapp:+573009482130", "whatsapp:+576015551234"
    lines = [header] + [
        f"SM{n:032x},{conv},{at},{way},{frm},{to},{author},{body},{status}"
        for n, (conv, at, way, frm, to, author, body, status) in enumerate([
            ("CH1", "2026-10-22T12:50:57Z", "inbound", user, line, "Carlos Zuluaga", "Hola", "received"),
            ("CH1", "2026-10-22T12:51:06Z", "outbound-api", line, user, "Marcela Peña Rincón",
             "Buenas tardes, soy Marcela", "delivered"),
            ("CH2", "2026-10-22T13:10:00Z", "inbound", user, line, "Eva Díaz", "Buenas", "received"),
            ("CH2", "2026-10-22T13:10:45Z", "outbound-api", line, user, "Julián David Ortiz",
             "Con gusto le ayudo", "delivered"),
            ("CH2", "2026-10-22T13:11:30Z", "inbound", user, line, "Eva Díaz", "Gracias", "read"),
        ])
    ]  # fmt: skip
    path = tmp_path / "twilio_messages.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = read_export(path, Channel.CHAT)

    assert result.rejected == []
    stored = {r.key: (r.agent, r.requester_name, r.received_at, r.wait_seconds)
              for r in result.records}  # fmt: skip
    assert stored == {
        "CH1": ("Marcela Peña Rincón", "Carlos Zuluaga", datetime(2026, 10, 22, 7, 50, 57), 9),
        "CH2": ("Julián David Ortiz", "Eva Díaz", datetime(2026, 10, 22, 8, 10), 45),
    }


@pytest.mark.parametrize("scale", [1, 1000])
def test_a_message_log_with_unix_times_is_joined_in_colombian_time(
    tmp_path: Path, scale: int
) -> None:
    """A WhatsApp platform's API log: «timestamp» in seconds or milliseconds since 1970
    (UTC), «sender_type» USER / BOT / AGENT."""
    start = int(datetime(2026, 10, 5, 13, 0, 0, tzinfo=UTC).timestamp())
    messages = [("W1", 0, "USER", "Eva Díaz", "Hola"), ("W1", 4, "BOT", "Bot", "Menú"),
                ("W1", 70, "AGENT", "Marcela Peña Rincón", "Buen día"),
                ("W2", 600, "USER", "Juan Gil", "Buenas"),
                ("W2", 650, "AGENT", "Julián David Ortiz", "Con gusto"),
                ("W2", 700, "USER", "Juan Gil", "Gracias")]  # fmt: skip
    lines = ["conversation_id,timestamp,sender_type,sender_name,message"] + [
        f"{conv},{(start + at) * scale},{kind},{name},{text}"
        for conv, at, kind, name, text in messages
    ]
    path = tmp_path / "treble_messages.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = read_export(path, Channel.CHAT)

    stored = {r.key: (r.agent, r.received_at, r.wait_seconds) for r in result.records}
    assert stored == {
        "W1": ("Marcela Peña Rincón", datetime(2026, 10, 5, 8, 0), 70),
        "W2": ("Julián David Ortiz", datetime(2026, 10, 5, 8, 10), 50),
    }
    assert any("marcas de tiempo Unix" in note for note in result.notes)
