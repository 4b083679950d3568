"""Understanding a file: columns mapped from their headers and their values together."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import (
    ImportFileError,
    UncertainMappingError,
    apply_overrides,
    guess_mapping,
    infer_mapping,
    preview,
    read_export,
)
from auditoria_calidad.importing.column_evidence import ValueShape, profile_column, value_shape
from auditoria_calidad.importing.header import find_header_row
from auditoria_calidad.importing.synonyms import header_utc_offset, utc_columns
from auditoria_calidad.importing.transcripts import is_transcript
from integration.importing.real_exports import LAYOUTS, LAYOUTS_BY_NAME

AGENTS = ["Ana María Gómez", "Luis Pérez", "Carolina Ruiz", "Jorge Díaz"]


def _mapped(headers: list[str], rows: list[list[object]], channel: Channel) -> dict[str, str]:
    guess = infer_mapping(headers, rows, channel)
    return {name: col.header for name, col in guess.mapping.columns.items()}


def _virtual_rows(count: int = 30) -> list[dict[str, object]]:
    start = datetime(2026, 10, 1, 8, 0)
    return [
        {
            "key": f"2026-ER-{4100 + i:06d}",
            "received": (start + timedelta(hours=5 * i, minutes=7 * i)).strftime("%d/%m/%Y %H:%M"),
            "answered": (start + timedelta(hours=5 * i + 20)).strftime("%d/%m/%Y %H:%M"),
            "agent": AGENTS[i % 4],
            "identity": f"{10203040 + 7919 * i}",
            "text": "Solicito el certificado de paz y salvo de mi crédito educativo, gracias.",
        }
        for i in range(count)
    ]


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout.name for layout in LAYOUTS])
def test_each_real_system_export_maps_unattended_as_a_person_would(tmp_path, layout) -> None:
    path, _expected = layout.write(tmp_path)

    shown = preview(path, layout.channel, layout.sheet)

    assert shown.missing_required == []
    assert shown.guess is not None and shown.guess.uncertain_required() == []
    mapped = {name: col.header for name, col in shown.guessed_mapping.columns.items()}
    assert {name: mapped.get(name) for name in layout.hand_mapping} == layout.hand_mapping
    for name, guess in shown.guess.fields.items():
        assert 0.0 <= guess.confidence <= 1.0
        if name in mapped:
            assert guess.certain and guess.candidates[0].header == mapped[name]


def test_a_lone_fecha_is_the_date_of_hora_ingreso_and_the_records_carry_it(tmp_path) -> None:
    layout = LAYOUTS_BY_NAME["auditors_chat_csv"]
    path, expected = layout.write(tmp_path)

    result = read_export(path, Channel.CHAT)

    assert result.mapping.columns["received_date"].header == "Fecha"
    assert result.mapping.columns["received_time"].header == "Hora Ingreso"
    assert "Hora Atención" not in {c.header for c in result.mapping.columns.values()}
    assert "received_at" not in result.mapping
    stored = {r.key: r.received_at for r in result.records}
    assert stored == {e["key"]: e["received_at"] for e in expected}
    assert all("Hora Atención" in r.extra for r in result.records)


def test_created_time_holding_full_date_times_is_the_date_time_not_a_time() -> None:
    headers = ["Ticket ID", "Agent", "Created time", "Resolved time"]
    rows = [
        [str(8800 + i), AGENTS[i % 4], f"2026-10-{1 + i % 28:02d} 0{i % 10}:15:00",
         f"2026-10-{1 + i % 28:02d} 1{i % 10}:40:00"]
        for i in range(25)
    ]  # fmt: skip

    mapped = _mapped(headers, rows, Channel.VIRTUAL)

    assert mapped["received_at"] == "Created time"
    assert mapped["answered_at"] == "Resolved time"
    assert "received_time" not in mapped


def test_values_that_contradict_a_header_keep_the_column_away_from_the_field() -> None:
    headers = ["Consecutivo", "Radicado", "Radicado Respuesta", "Fecha de ingreso", "Closed",
               "Fecha respuesta", "Assigned at", "Agente", "Requester id", "Contact ID",
               "Documento"]  # fmt: skip
    base = _virtual_rows()
    rows = [
        [str(i + 1), r["key"], f"2026-EE-{9000 + i:06d}", r["received"], "1" if i % 3 else "0",
         r["answered"], r["received"][:10], r["agent"], str(9012345678901 + i),
         f"C-{i:04d}", r["identity"]]
        for i, r in enumerate(base)
    ]  # fmt: skip

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)
    mapped = {name: col.header for name, col in guess.mapping.columns.items()}

    assert mapped["key"] == "Radicado"
    assert mapped["answered_at"] == "Fecha respuesta"
    assert mapped["agent"] == "Agente"
    assert mapped["identity_number"] == "Documento"
    assert guess.uncertain_required() == []
    assigned_at = next(c for c in guess.fields["agent"].candidates if c.header == "Assigned at")
    assert assigned_at.score < 0.3
    assert any("no corresponden" in reason for reason in assigned_at.reasons)
    counter = next(c for c in guess.fields["key"].candidates if c.header == "Consecutivo")
    assert any("1, 2, 3" in reason for reason in counter.reasons)


def test_a_closed_checkbox_alone_is_never_the_answer_date(tmp_path, write_csv) -> None:
    base = _virtual_rows(20)
    rows = [["Radicado", "Fecha de ingreso", "Agente", "Closed"]] + [
        [r["key"], r["received"], r["agent"], "1" if i % 2 else "0"] for i, r in enumerate(base)
    ]
    path = write_csv("casos.csv", rows)

    with pytest.raises(UncertainMappingError) as stopped:
        read_export(path, Channel.VIRTUAL)

    assert [g.field for g in stopped.value.guess.uncertain_required()] == ["answered_at"]
    assert "«Fecha y hora de respuesta»" in str(stopped.value)
    assert "casos.csv" in str(stopped.value)


def test_dates_written_as_eight_digit_numbers_are_dates_and_cedulas_stay_cedulas(
    tmp_path, write_csv
) -> None:
    rows = [["NUM_RADICADO", "FECHA_RADICADO", "FECHA_RESPUESTA", "FUNCIONARIO", "CEDULA"]]
    rows += [[f"2026-ER-{i}", f"202610{i + 10:02d}", f"202610{i + 12:02d}", "Ana Díaz",
              f"{19851012 + i}"] for i in range(8)]  # fmt: skip
    path = write_csv("radicados.csv", rows, delimiter=";")

    result = read_export(path, Channel.VIRTUAL)

    first = result.records[0]
    assert (first.received_at, first.answered_at) == (
        datetime(2026, 10, 10),
        datetime(2026, 10, 12),
    )
    assert [r.identity_number for r in result.records][:2] == ["19851012", "19851013"]
    assert result.mapping.columns["identity_number"].header == "CEDULA"


def test_two_columns_competing_for_the_agent_stop_and_list_candidates_with_the_option(
    write_csv,
) -> None:
    base = _virtual_rows(20)
    rows = [["Radicado", "Fecha de ingreso", "Fecha respuesta", "Agente", "Asesor"]] + [
        [r["key"], r["received"], r["answered"], r["agent"], AGENTS[(i + 1) % 4]]
        for i, r in enumerate(base)
    ]
    path = write_csv("dos_agentes.csv", rows)

    with pytest.raises(UncertainMappingError) as stopped:
        read_export(path, Channel.VIRTUAL)

    message = str(stopped.value)
    assert "«Funcionario responsable (agente)»" in message
    assert "«Agente»" in message and "«Asesor»" in message
    assert '--map agent="Agente"' in message
    assert "Ana María Gómez" in message  # sample values shown
    (agent,) = stopped.value.guess.uncertain_required()
    assert [c.header for c in agent.candidates[:2]] == ["Agente", "Asesor"]
    assert not agent.certain

    result = read_export(path, Channel.VIRTUAL, overrides={"agent": "Asesor"})

    assert result.mapping.columns["agent"].header == "Asesor"
    assert [r.agent for r in result.records[:2]] == [AGENTS[1], AGENTS[2]]
    assert result.guess is not None and result.guess.fields["agent"].certain


def test_overrides_name_unknown_fields_and_headers_in_spanish() -> None:
    headers = ["Radicado", "Fecha de ingreso", "Agente"]
    guess = infer_mapping(headers, [], Channel.CHAT)
    with pytest.raises(ImportFileError, match=r"«agente» no es un campo.*Campos válidos: key"):
        apply_overrides(guess, {"agente": "Agente"}, headers, "a.csv")
    with pytest.raises(ImportFileError, match=r"no hay una columna «Quién».*«Radicado»"):
        apply_overrides(guess, {"agent": "Quién"}, headers, "a.csv")
    moved = apply_overrides(guess, {"key": "Agente"}, headers, "a.csv")
    assert moved.mapping.columns["key"].header == "Agente"
    assert "agent" not in moved.mapping
    assert [g.field for g in moved.uncertain_required()] == ["agent"]


def test_overrides_apply_on_top_of_a_saved_mapping(write_csv) -> None:
    base = _virtual_rows(3)
    rows = [["Caso", "Llegó", "Quién", "Otro"]] + [
        [r["key"], r["received"], r["agent"], "Pedro Gil"] for r in base
    ]
    path = write_csv("raro.csv", rows)
    saved = guess_mapping(["Caso", "Fecha de ingreso", "Agente"], Channel.CHAT)
    saved.columns["received_at"] = saved.columns["received_at"].__class__(1, "Llegó")
    saved.columns["agent"] = saved.columns["agent"].__class__(2, "Quién")

    result = read_export(path, Channel.CHAT, mapping=saved, overrides={"agent": "Otro"})

    assert {r.agent for r in result.records} == {"Pedro Gil"}


def test_uncertain_optional_fields_stay_unmapped_and_are_kept_as_extra_columns(
    write_csv,
) -> None:
    base = _virtual_rows(20)
    rows = [["Radicado", "Fecha de ingreso", "Fecha respuesta", "Agente", "Tipo", "Categoría"]]
    rows += [
        [r["key"], r["received"], r["answered"], r["agent"], "Petición", "Crédito"] for r in base
    ]
    path = write_csv("tipos.csv", rows)

    result = read_export(path, Channel.VIRTUAL)

    assert result.guess is not None
    assert "request_type" in result.mapping and "service" in result.mapping
    # A bare "Fecha" with no time beside it is never enough for a required field.
    chat = infer_mapping(["Id chat", "Fecha", "Agente"], [["C1", "01/10/2026", "Ana"]] * 20,
                         Channel.CHAT)  # fmt: skip
    assert "received_at" not in chat.mapping
    assert chat.fields["received_at"].candidates[0].header == "Fecha"
    assert 0 < chat.fields["received_at"].confidence < 0.7


def test_sql_style_camel_case_and_related_field_headers_are_understood() -> None:
    headers = ["ID_PQR", "FECHA_RADICACION", "AGENTE_ASIGNADO", "FECHA_RESPUESTA", "createdAt",
               "(No modificar) Caso", "Número de identificación (Cliente) (Contacto)"]  # fmt: skip
    mapping = guess_mapping(headers, Channel.VIRTUAL)
    assert {n: c.header for n, c in mapping.columns.items()} == {
        "key": "ID_PQR",
        "received_at": "FECHA_RADICACION",
        "agent": "AGENTE_ASIGNADO",
        "answered_at": "FECHA_RESPUESTA",
        "identity_number": "Número de identificación (Cliente) (Contacto)",
    }
    custom = guess_mapping(["Id", "Cédula [int]", "Tipo de solicitud [list]"], Channel.VIRTUAL)
    assert {n: c.header for n, c in custom.columns.items()} == {
        "key": "Id", "identity_number": "Cédula [int]", "request_type": "Tipo de solicitud [list]"
    }  # fmt: skip
    camel = guess_mapping(["chatId", "createdAt", "agentName"], Channel.CHAT)
    assert {n: c.header for n, c in camel.columns.items()} == {
        "key": "chatId", "received_at": "createdAt", "agent": "agentName"
    }  # fmt: skip


def test_header_row_below_a_banner_is_found_with_sql_style_names() -> None:
    rows: list[list[object]] = [
        ["REPORTE DE PQRSD", None, None, None],
        ["Generado: 01/11/2026", None, None, None],
        [None, None, None, None],
        ["ID_PQR", "FECHA_RADICACION", "AGENTE_ASIGNADO", "FECHA_RESPUESTA"],
        ["2026-1", "01/10/2026 08:00", "Ana", "02/10/2026 08:00"],
    ]
    assert find_header_row(rows, Channel.VIRTUAL) == 3


@pytest.mark.parametrize(
    ("cell", "shape"),
    [
        ("1.023.456.789", ValueShape.IDENTITY),
        (1023456789.0, ValueShape.IDENTITY),
        ("1023456789.0", ValueShape.IDENTITY),
        ("9012345678901", ValueShape.LONG_NUMBER),
        ("13/10/2026 08:15", ValueShape.DATETIME),
        ("2026-10-13T13:15:00Z", ValueShape.DATETIME),
        ("2026-10-13 08:15:22.123456", ValueShape.DATETIME),
        ("13/10/2026", ValueShape.DATE),
        (datetime(2026, 10, 13), ValueShape.DATE),
        (datetime(2026, 10, 13, 8, 15), ValueShape.DATETIME),
        (time(8, 15), ValueShape.TIME),
        ("3:05 p. m.", ValueShape.TIME),
        ("00:01:35", ValueShape.TIME),
        (0.3451, ValueShape.FRACTION),
        (timedelta(seconds=95), ValueShape.DURATION),
        ("95", ValueShape.SMALL_INTEGER),
        ("1", ValueShape.ZERO_ONE),
        ("Sí", ValueShape.YES_NO),
        ("Excelente", ValueShape.RATING_WORD),
        ("good", ValueShape.RATING_WORD),
        ("4,5", ValueShape.DECIMAL),
        ("Ana María Gómez", ValueShape.PERSON_NAME),
        ("R-2026-000123", ValueShape.CODE),
        ("Solicito el certificado de paz y salvo de mi crédito, por favor.", ValueShape.LONG_TEXT),
        ("Petición", ValueShape.TEXT),
        ("", None),
    ],
)
def test_each_value_is_recognised_for_what_it_is(cell, shape) -> None:
    assert value_shape(cell) is shape


def test_a_column_profile_sees_counters_uniqueness_and_samples() -> None:
    counter = profile_column([str(i) for i in range(1, 40)] + ["", None])
    assert counter.counter and counter.values == 39 and counter.unique == 1.0
    assert counter.samples == ("1", "2", "3", "4", "5")
    agents = profile_column(AGENTS * 10)
    assert not agents.counter and agents.distinct == 4
    assert agents.share(ValueShape.PERSON_NAME) == 1.0


# -- values outweigh a header: free text, codes, request types ------------------------

REQUESTS = [
    "Buenas tardes, solicito el certificado de paz y salvo de mi crédito, ya terminé de pagar.",
    "Quiero saber por qué no me han girado el semestre, la universidad dice que no llegó.",
    "Solicito la devolución de un pago doble que hice por PSE el 15 de septiembre.",
    "Necesito el extracto del mes de septiembre, no me llegó al correo registrado.",
]
ANSWERS = [
    "Respetado ciudadano: el certificado fue generado y enviado a su correo registrado.",
    "Cordial saludo. El giro a la institución se realizó el 2 de octubre de 2026.",
    "Confirmamos el pago doble; la devolución se tramitará en 15 días hábiles.",
    "Adjuntamos el extracto de septiembre de 2026; también puede consultarlo en línea.",
]
CITIZENS = ["Yeison Stiven Hernández", "Mónica Patricia Londoño", "Jhon Jairo Muñoz",
            "Luz Ángela Castaño", "Érika Yuliana Peña", "Wílmer Zúñiga Restrepo"]  # fmt: skip
TYPES = ["Petición", "Queja", "Reclamo", "Solicitud de información", "Felicitación"]


def _stamp(i: int, hours: int = 0) -> datetime:
    return datetime(2026, 10, 1 + i % 28, 7 + i % 12, (13 * i) % 60) + timedelta(hours=hours)


def test_jira_resolution_words_are_never_the_answer_text(write_csv) -> None:
    headers = ["Summary", "Issue key", "Issue id", "Status", "Resolution", "Assignee",
               "Created", "Resolved", "Description"]  # fmt: skip
    rows = [
        [f"{TYPES[i % 5]}: Extractos", f"PQRS-{2301 + i}", str(12301 + i), "Resuelto",
         "Done" if i % 4 else "Won't Do", AGENTS[i % 4], f"{_stamp(i):%d/%b/%y %I:%M %p}",
         f"{_stamp(i, 50):%d/%b/%y %I:%M %p}", REQUESTS[i % 4]]
        for i in range(40)
    ]  # fmt: skip
    path = write_csv("jira.csv", [headers, *rows], delimiter=",")

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)
    result = read_export(path, Channel.VIRTUAL)

    assert "answer_text" not in guess.mapping
    resolution = guess.fields["answer_text"].candidates[0]
    assert resolution.header == "Resolution" and resolution.score < 0.5
    assert any("no es texto libre" in reason for reason in resolution.reasons)
    assert guess.mapping.columns["request_text"].header == "Description"
    assert guess.mapping.columns["key"].header == "Issue key"
    assert {r.answer_text for r in result.records} == {None}
    assert {r.extra["Resolution"] for r in result.records} == {"Done", "Won't Do"}
    assert result.records[0].key == "PQRS-2301"


def test_a_response_number_is_not_the_answer_and_its_number_word_is_not_a_synonym() -> None:
    headers = ["Número Radicado", "Fecha Radicación", "Hora Radicación", "Tipo Trámite",
               "Número Identificación", "Nombre Remitente", "Asunto", "Funcionario Destino",
               "Número Respuesta", "Fecha Respuesta"]  # fmt: skip
    rows = [
        [f"2026ER{12001 + i:06d}", f"{_stamp(i):%d/%m/%Y}", f"{_stamp(i):%H:%M:%S}",
         TYPES[i % 5], str(1010101010 + 7919 * i), CITIZENS[i % 6].upper(), REQUESTS[i % 4],
         AGENTS[i % 4].upper(), f"2026EE{52001 + i:06d}", f"{_stamp(i, 30):%d/%m/%Y %H:%M:%S}"]
        for i in range(30)
    ]  # fmt: skip

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)
    mapped = {name: col.header for name, col in guess.mapping.columns.items()}

    assert "answer_text" not in mapped
    assert mapped["agent"] == "Funcionario Destino"
    assert mapped["key"] == "Número Radicado"
    assert mapped["received_date"] == "Fecha Radicación"
    assert mapped["received_time"] == "Hora Radicación"
    assert guess.uncertain_required() == []


def test_a_category_of_request_types_is_not_the_service() -> None:
    headers = ["Ticket #", "Fecha de creación", "Assigned To", "Category", "Fecha respuesta"]
    rows = [
        [f"CAS-{88001 + i:07d}", f"{_stamp(i):%d/%m/%Y %H:%M}", AGENTS[i % 4], TYPES[i % 5],
         f"{_stamp(i, 30):%d/%m/%Y %H:%M}"]
        for i in range(30)
    ]  # fmt: skip

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)

    assert "service" not in guess.mapping
    (category,) = guess.fields["service"].candidates
    assert any("tipos de solicitud" in reason for reason in category.reasons)


@pytest.mark.parametrize(
    ("header", "values"),
    [
        ("Respuesta", ["Sí", "No"] * 15),
        ("Respuesta", [f"2026EE{52001 + i:06d}" for i in range(30)]),
        ("Resolución", ["Resuelto", "Cerrado", "Resuelto por teléfono"] * 10),
        ("Descripción", ["ok"] * 30),
        ("Solicitud", [f"{_stamp(i):%d/%m/%Y}" for i in range(30)]),
    ],
)
def test_free_text_fields_need_free_text_whatever_the_header(header, values) -> None:
    headers = ["Radicado", "Fecha de ingreso", "Agente", "Fecha respuesta", header]
    rows = [
        [f"R-{i}", f"{_stamp(i):%d/%m/%Y %H:%M}", AGENTS[i % 4],
         f"{_stamp(i, 9):%d/%m/%Y %H:%M}", value]
        for i, value in enumerate(values)
    ]  # fmt: skip

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)

    assert "answer_text" not in guess.mapping and "request_text" not in guess.mapping
    assert guess.uncertain_required() == []


def test_templated_answers_and_short_varied_requests_are_free_text() -> None:
    headers = ["Radicado", "Fecha de ingreso", "Agente", "Fecha respuesta", "Pregunta",
               "Respuesta"]  # fmt: skip
    rows = [
        [f"R-{i}", f"{_stamp(i):%d/%m/%Y %H:%M}", AGENTS[i % 4],
         f"{_stamp(i, 9):%d/%m/%Y %H:%M}", f"¿Cuánto debo del crédito {i}?", ANSWERS[i % 4]]
        for i in range(30)
    ]  # fmt: skip

    mapped = _mapped(headers, rows, Channel.VIRTUAL)

    assert mapped["request_text"] == "Pregunta"
    assert mapped["answer_text"] == "Respuesta"


# -- the key: the case number before an internal id ----------------------------------


def test_the_case_number_wins_over_an_internal_uuid_id(write_csv) -> None:
    headers = ["ID", "Asunto", "Fecha de Creación", "Asignado a Id", "Descripción",
               "Asignado a", "Número", "Tipo", "Resolución", "Contacto", "Cédula del contacto",
               "Fecha de respuesta"]  # fmt: skip
    rows = [
        [f"{0xA6A3A450 + 977 * i:08x}-6513-270e-269e-0d37f2a7{i:04x}", f"{TYPES[i % 5]} - Becas",
         f"{_stamp(i):%d/%m/%Y %H:%M}", f"630a57cb-cdfc-5a00-5a0a-d2f386a4{i % 4:04x}",
         REQUESTS[i % 4], AGENTS[i % 4], str(1201 + i), TYPES[i % 5], ANSWERS[i % 4],
         CITIZENS[i % 6], str(41605175 + 313 * i), f"{_stamp(i, 70):%d/%m/%Y %H:%M}"]
        for i in range(40)
    ]  # fmt: skip
    path = write_csv("suitecrm.csv", [headers, *rows], delimiter=",")

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)
    result = read_export(path, Channel.VIRTUAL)

    mapped = {name: col.header for name, col in guess.mapping.columns.items()}
    assert mapped["key"] == "Número"
    assert mapped["answer_text"] == "Resolución"
    assert mapped["requester_name"] == "Contacto"
    assert mapped["identity_number"] == "Cédula del contacto"
    internal = next(c for c in guess.fields["key"].candidates if c.header == "ID")
    assert any("identificador interno" in reason for reason in internal.reasons)
    assert [r.key for r in result.records[:2]] == ["1201", "1202"]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["IdPqrs", "NumeroRadicado"], "NumeroRadicado"),
        (["Issue key", "Issue id"], "Issue key"),
        (["ID", "Ticket Id"], "Ticket Id"),
        (["ID contacto"], "ID contacto"),
        (["ID"], "ID"),  # GLPI: a lone «ID» is the ticket number
    ],
)
def test_a_column_named_as_the_case_number_is_the_key(headers, expected) -> None:
    values = {
        "IdPqrs": lambda i: str(2906001 + i), "NumeroRadicado": lambda i: f"PQR2026{i:03d}",
        "Issue key": lambda i: f"PQRS-{2301 + i}", "Issue id": lambda i: str(12301 + i),
        "ID": lambda i: str(412345000000010231 + i), "Ticket Id": lambda i: str(10231 + i),
        "ID contacto": lambda i: str(880000 + 6 * i),
    }  # fmt: skip
    all_headers = [*headers, "Fecha de ingreso", "Agente", "Fecha respuesta"]
    rows = [
        [*(values[h](i) for h in headers), f"{_stamp(i):%d/%m/%Y %H:%M}", AGENTS[i % 4],
         f"{_stamp(i, 9):%d/%m/%Y %H:%M}"]
        for i in range(30)
    ]  # fmt: skip

    guess = infer_mapping(all_headers, rows, Channel.VIRTUAL)

    assert guess.fields["key"].certain
    assert guess.mapping.columns["key"].header == expected


def test_two_columns_both_named_as_the_case_number_make_the_import_ask() -> None:
    """Zoho Desk: «Ticket Id» is the system's long id and «Request Id» the number the user
    sees; nothing in the file says which one the office files by."""
    headers = ["Ticket Id", "Request Id", "Created Time", "Ticket Owner", "Ticket Closed Time"]
    rows = [
        [str(421000000001234567 + 1001 * i), str(2031 + i), f"{_stamp(i):%d %b %Y %I:%M %p}",
         AGENTS[i % 4], f"{_stamp(i, 9):%d %b %Y %I:%M %p}"]
        for i in range(30)
    ]  # fmt: skip

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)

    key = guess.fields["key"]
    assert not key.certain
    assert "key" in {f.field for f in guess.uncertain_required()}
    assert [c.header for c in key.candidates[:2]] == ["Ticket Id", "Request Id"]
    assert guess.mapping.columns["answered_at"].header == "Ticket Closed Time"


def test_a_decimal_chat_id_named_id_is_the_key_and_a_response_time_is_the_wait() -> None:
    headers = ["id", "timestamp", "end_timestamp", "visitor.name", "agent_names", "rating",
               "response_time.first", "count.agent"]  # fmt: skip
    rows = [
        [f"2610{i:02d}.{2167147742 + 7919 * i}", f"{_stamp(i):%Y-%m-%dT%H:%M:%S}Z",
         f"{_stamp(i, 1):%Y-%m-%dT%H:%M:%S}Z", CITIZENS[i % 6], AGENTS[i % 4],
         "good" if i % 3 else "bad", str(150 + i % 7 * 9), "3"]
        for i in range(30)
    ]  # fmt: skip

    mapped = _mapped(headers, rows, Channel.CHAT)

    assert mapped == {
        "key": "id", "received_at": "timestamp", "requester_name": "visitor.name",
        "agent": "agent_names", "user_rating": "rating", "wait_seconds": "response_time.first",
    }  # fmt: skip


def test_an_api_export_s_first_response_seconds_is_the_wait() -> None:
    headers = ["conversation_id", "created_at", "assignee_name", "contact_name",
               "first_response_seconds", "csat_score"]  # fmt: skip
    rows = [
        [str(88000 + i), f"{_stamp(i):%Y-%m-%d %H:%M:%S}", AGENTS[i % 4], CITIZENS[i % 6],
         str(40 + i * 7), str(1 + i % 5)]
        for i in range(30)
    ]  # fmt: skip

    mapped = _mapped(headers, rows, Channel.CHAT)

    assert mapped["wait_seconds"] == "first_response_seconds"
    assert mapped["key"] == "conversation_id"


# -- the names exports give to the agent, the dates, the texts and the chat fields ----


def _virtual_file(overrides: dict[str, str]) -> tuple[list[str], list[list[object]]]:
    """A plain virtual export whose headers for some fields are ``overrides``."""
    columns = {
        "key": ("Radicado", lambda i: f"R-2026-{4100 + i}"),
        "received_at": ("Fecha de ingreso", lambda i: f"{_stamp(i):%d/%m/%Y %H:%M}"),
        "agent": ("Funcionario responsable", lambda i: AGENTS[i % 4]),
        "answered_at": ("Fecha de respuesta", lambda i: f"{_stamp(i, 30):%d/%m/%Y %H:%M}"),
        "request_text": ("Solicitud del ciudadano", lambda i: REQUESTS[i % 4]),
        "answer_text": ("Texto respuesta", lambda i: ANSWERS[i % 4]),
    }
    headers = [overrides.get(name, header) for name, (header, _v) in columns.items()]
    rows = [[value(i) for _h, value in columns.values()] for i in range(30)]
    return headers, rows


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("agent", "Ticket Owner"), ("agent", "Ticket owner"),
        ("agent", "Propietario del ticket"), ("agent", "Funcionario Destino"),
        ("agent", "Asignado a - Técnico"), ("agent", "Funcionario que respondió"),
        ("agent", "Técnico asignado"), ("agent", "Tramitador"), ("agent", "Users - Interacted"),
        ("agent", "Usuarios: interactuados"), ("agent", "Teammate assigned"),
        ("received_at", "Create date"), ("answered_at", "Close date"),
        ("answered_at", "Fecha Radicado Salida"),
        ("answer_text", "Resolución"), ("answer_text", "Solución - Solución"),
        ("answer_text", "Respuesta al ciudadano"), ("request_text", "Ticket description"),
        ("request_text", "Descripción"),
        ("agent", "Owner: Full Name"), ("agent", "Agent Assigned"),
        ("agent", "Assigned operator"), ("answered_at", "Ticket Closed Time"),
        ("key", "Número de PQRD"), ("key", "No. PQRSDF"), ("key", "IdPqrsd"),
        ("answered_at", "Cerrada"), ("answered_at", "Case Solution Date"),
        ("answered_at", "Completed On"), ("received_at", "Created On"), ("agent", "Processor"),
        ("key", "Clave de incidencia"), ("received_at", "Creada"), ("answered_at", "Resuelta"),
        ("answered_at", "Resuelto"), ("answered_at", "Close time"),
        ("received_at", "Opening date"), ("received_at", "Solicitado"),
        ("received_at", "Requested"), ("agent", "Assignee name"), ("agent", "Persona asignada"),
        ("agent", "Agent(s) involved"), ("agent", "Responsable de procesamiento"),
        ("answered_at", "Finalizado el"), ("received_at", "Started On"),
        ("key", "NUMERO_PETICION"), ("key", "ID CORREO"), ("request_text", "CUERPO CORREO"),
    ],
)  # fmt: skip
def test_the_headers_real_exports_use_are_understood(name, header) -> None:
    headers, rows = _virtual_file({name: header})

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)

    assert guess.mapping.columns[name].header == header
    assert guess.uncertain_required() == []


@pytest.mark.parametrize(
    ("moment", "person"), [("Solicitado", "Solicitado por"), ("Requested", "Requested by")]
)
def test_the_moment_of_the_request_is_told_from_the_person_who_made_it(moment, person) -> None:
    """«Solicitado» (Zendesk) is when; «Solicitado por» (ServiceNow) is who: only the
    connecting word tells them apart."""
    headers, rows = _virtual_file({"received_at": moment})
    headers.append(person)
    for i, row in enumerate(rows):
        row.append(["Luz Marina Ospina", "Carlos Andrés Rincón", "Ana Lucía Pérez"][i % 3])

    mapped = _mapped(headers, rows, Channel.VIRTUAL)

    assert mapped["received_at"] == moment
    assert mapped["requester_name"] == person


def test_excel_serial_dates_beside_fraction_times_are_read_as_dates(write_xlsx) -> None:
    headers = ["Consecutivo", "Fecha ingreso", "Hora ingreso", "Asesor", "Fecha respuesta",
               "Hora respuesta"]  # fmt: skip
    start = datetime(2026, 10, 1, 17, 9, 44)
    rows: list[list[object]] = []
    for i in range(20):
        got, answered = start + timedelta(days=i), start + timedelta(days=i, hours=41)
        rows.append([
            2026000101 + i, (got - datetime(1899, 12, 30)).days,
            round((got - got.replace(hour=0, minute=0, second=0)).seconds / 86400, 10),
            AGENTS[i % 4], (answered - datetime(1899, 12, 30)).days,
            round((answered - answered.replace(hour=0, minute=0, second=0)).seconds / 86400, 10),
        ])  # fmt: skip
    path = write_xlsx("base.xlsx", {"Base": [headers, *rows]})

    result = read_export(path, Channel.VIRTUAL)

    assert {n: c.header for n, c in result.mapping.columns.items()} == {
        "key": "Consecutivo", "received_date": "Fecha ingreso", "received_time": "Hora ingreso",
        "agent": "Asesor", "answered_date": "Fecha respuesta", "answered_time": "Hora respuesta",
    }  # fmt: skip
    assert result.records[0].received_at == start
    assert result.records[0].answered_at == start + timedelta(hours=41)
    reasons = result.guess.fields["received_date"].candidates[0].reasons if result.guess else ()
    assert any("número de serie de Excel" in reason for reason in reasons)


def _chat_file(overrides: dict[str, str]) -> tuple[list[str], list[list[object]]]:
    columns = {
        "key": ("Id chat", lambda i: f"CH-{300 + i}"),
        "received_at": ("Fecha y hora de ingreso", lambda i: f"{_stamp(i):%d/%m/%Y %H:%M:%S}"),
        "agent": ("Asesor", lambda i: AGENTS[i % 4]),
        "identity_number": ("Cédula", lambda i: str(1061890105 + 7919 * i)),
        "user_rating": ("Calificación", lambda i: str(1 + i % 5)),
        "requester_name": ("Nombre del ciudadano", lambda i: CITIZENS[i % 6]),
        "wait_seconds": ("Tiempo de espera", lambda i: str(30 + 7 * i)),
    }
    headers = [overrides.get(name, header) for name, (header, _v) in columns.items()]
    rows = [[value(i) for _h, value in columns.values()] for i in range(30)]
    return headers, rows


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("key", "ID contacto"), ("received_at", "Fecha/hora inicio"),
        ("received_at", "Fecha y hora de inicio"), ("user_rating", "Survey Score"),
        ("user_rating", "Customer Satisfaction"), ("user_rating", "CSAT Rating"),
        ("user_rating", "csat_rating"), ("user_rating", "Conversation rating"),
        ("user_rating", "rate"), ("user_rating", "Encuesta (1-5)"),
        ("identity_number", "pre_chat_survey: Número de cédula"),
        ("identity_number", "Participant Data: cedula"),
        ("identity_number", "custom_attributes.cedula"),
        ("wait_seconds", "T. Espera"), ("user_rating", "Nota encuesta"), ("key", "Contact ID"),
        ("agent", "assigned_operator"), ("requester_name", "Contact: Full Name"),
    ],
)  # fmt: skip
def test_the_headers_chat_platforms_use_are_understood(name, header) -> None:
    headers, rows = _chat_file({name: header})

    guess = infer_mapping(headers, rows, Channel.CHAT)

    assert guess.mapping.columns[name].header == header
    assert guess.uncertain_required() == []


@pytest.mark.parametrize(
    ("date_header", "time_header", "day"),
    [("Date", "Time", "%d/%m/%Y"), ("DATE", "TIME", "%Y/%m/%d"), ("Fecha", "Hora", "%d/%m/%Y")],
)
def test_a_lone_generic_date_and_time_pair_is_the_receipt(
    write_csv, date_header, time_header, day
) -> None:
    headers = ["Conversation ID", date_header, time_header, "Agent", "Customer", "Queue Time"]
    rows = [
        [f"WT{9000 + i}", f"{_stamp(i):{day}}", f"{_stamp(i):%H:%M:%S}", AGENTS[i % 4],
         CITIZENS[i % 6], str(30 + i)]
        for i in range(25)
    ]  # fmt: skip
    path = write_csv("flex.csv", [headers, *rows], delimiter=",")

    result = read_export(path, Channel.CHAT)

    assert result.mapping.columns["received_date"].header == date_header
    assert result.mapping.columns["received_time"].header == time_header
    assert [r.received_at for r in result.records[:3]] == [_stamp(i) for i in range(3)]
    reasons = result.guess.fields["received_time"].candidates[0].reasons if result.guess else ()
    assert any("la única fecha y la única hora" in reason for reason in reasons)


def test_a_timestamp_that_repeats_date_and_time_columns_is_the_receipt() -> None:
    headers = ["SESSION GUID", "TIMESTAMP", "DATE", "TIME", "AGENT", "AGENT NAME"]
    rows = [
        [f"{0xDC38F519B91751DACDBD47D364BE8049 + i:032X}", f"{_stamp(i):%Y-%m-%d %H:%M:%S}",
         f"{_stamp(i):%Y/%m/%d}", f"{_stamp(i):%H:%M:%S}",
         f"{AGENTS[i % 4].split()[0].lower()}@entidad.gov.co", AGENTS[i % 4]]
        for i in range(25)
    ]  # fmt: skip

    mapped = _mapped(headers, rows, Channel.CHAT)

    assert mapped["key"] == "SESSION GUID"
    assert mapped["received_at"] == "TIMESTAMP"
    assert mapped["agent"] == "AGENT NAME"  # names, not the e-mail logins of «AGENT»


def test_a_lone_generic_date_time_beside_an_end_date_is_the_receipt() -> None:
    headers = ["Date", "End Date", "Users - Interacted", "Conversation ID", "Remote"]
    rows = [
        [f"{_stamp(i):%Y-%m-%dT%H:%M:%S}.002Z", f"{_stamp(i, 1):%Y-%m-%dT%H:%M:%S}.002Z",
         AGENTS[i % 4], f"c4647159-c324-4985-9b81-0e766ec9{i:04x}", CITIZENS[i % 6]]
        for i in range(25)
    ]  # fmt: skip

    guess = infer_mapping(headers, rows, Channel.CHAT)

    assert guess.mapping.columns["received_at"].header == "Date"
    assert guess.mapping.columns["agent"].header == "Users - Interacted"
    assert guess.mapping.columns["requester_name"].header == "Remote"
    # With a second generic date the user chooses.
    other = infer_mapping([*headers, "Fecha"], [[*r, "01/10/2026"] for r in rows], Channel.CHAT)
    assert "received_at" not in other.mapping


def test_the_arrival_of_a_chat_wins_over_the_start_of_its_attention_only_when_earlier() -> None:
    headers = ["Chat ID", "Request Time", "Start Time", "Agent", "Visitor"]

    def rows(start_offsets: list[int]) -> list[list[object]]:
        return [
            [f"CH-{i:04d}", f"{_stamp(i):%Y-%m-%d %H:%M:%S}",
             f"{_stamp(i) + timedelta(seconds=start_offsets[i % len(start_offsets)]):%Y-%m-%d %H:%M:%S}",
             AGENTS[i % 4], CITIZENS[i % 6]]
            for i in range(25)
        ]  # fmt: skip

    guess = infer_mapping(headers, rows([40, 0, 310]), Channel.CHAT)

    assert guess.mapping.columns["received_at"].header == "Request Time"
    start = next(c for c in guess.fields["received_at"].candidates if c.header == "Start Time")
    assert "el inicio de la atención, no el ingreso" in start.reasons[-1]
    # A «start» before the «request» in one row: the values do not tell them apart.
    mixed = infer_mapping(headers, rows([40, 0, -15]), Channel.CHAT)
    assert "received_at" not in mixed.mapping
    assert [c.header for c in mixed.fields["received_at"].candidates][:2] == [
        "Request Time",
        "Start Time",
    ]


@pytest.mark.parametrize(
    ("text", "transcript"),
    [
        (
            "Chat Started: 10/1/2026, 8:16 AM\nMaría José: Buenos días\nYuliana: Con gusto\n"
            "María José: Gracias",
            True,
        ),
        (
            "(08:16:02) Visitante: Hola\n(08:16:40) Agente Yuliana: Buenos días, ¿en qué le ayudo?"
            "\n(08:17:05) Visitante: necesito el paz y salvo",
            True,
        ),
        (
            "[8:16 a. m.] Usuario: necesito el paz y salvo\n[8:17 a. m.] Asesor: ya se lo envío\n"
            "[8:18 a. m.] Usuario: gracias",
            True,
        ),
        ("Usuario: necesito el paz y salvo\nUsuario: gracias", False),  # one speaker
        ("Solicito el certificado de paz y salvo: ya terminé de pagar.", False),
        ("Nombre: María José\nCédula: 1032456789\nConsulta: paz y salvo", False),  # a form
        (
            "De: Ana Ruiz\nPara: PQRSD\nAsunto: paz y salvo\nBuenos días\nDe: PQRSD\n"
            "Para: Ana Ruiz\nAsunto: RE: paz y salvo\nAdjunto",
            False,
        ),  # an e-mail thread
    ],
)
def test_a_chat_transcript_is_turns_by_several_speakers(text: str, transcript: bool) -> None:
    assert is_transcript(text) is transcript


def test_a_chat_column_of_transcripts_is_the_transcript_whatever_its_header() -> None:
    headers = ["Chat ID", "Fecha de inicio", "Agente", "Body"]
    rows = [
        [f"CH-{i:04d}", f"{_stamp(i):%Y-%m-%d %H:%M:%S}", AGENTS[i % 4],
         f"{CITIZENS[i % 6]}: Buenos días, necesito mi paz y salvo.\n"
         f"{AGENTS[i % 4]}: Con gusto, ya se lo envío al correo.\n"
         f"{CITIZENS[i % 6]}: Muchas gracias."]
        for i in range(25)
    ]  # fmt: skip

    chat = infer_mapping(headers, rows, Channel.CHAT)
    virtual = infer_mapping(headers, rows, Channel.VIRTUAL)

    assert chat.mapping.columns["answer_text"].header == "Body"
    assert "request_text" not in chat.mapping.columns
    assert virtual.mapping.columns["request_text"].header == "Body"  # an e-mail's body


_GIVEN = ["María José", "Jhon Jairo", "Luz Ángela", "Édgar Mauricio", "Dayana Sofía"]
_SURNAMES = ["Rodríguez Gómez", "Quiñones Mosquera", "Muñoz Castaño", "Peña Zúñiga", "Ibáñez"]


def _named_rows(name_cells) -> list[list[object]]:  # type: ignore[no-untyped-def]
    return [
        [f"2026-ER-{i:05d}", f"{_stamp(i):%d/%m/%Y %H:%M}", *name_cells(i), AGENTS[i % 4],
         f"{_stamp(i, 1):%d/%m/%Y %H:%M}"]
        for i in range(20)
    ]  # fmt: skip


def test_a_name_beside_surname_columns_is_the_given_names_unless_it_holds_them() -> None:
    headers = ["Radicado", "Fecha radicación", "Nombre", "Apellidos", "Funcionario",
               "Fecha respuesta"]  # fmt: skip

    apart = infer_mapping(
        headers, _named_rows(lambda i: (_GIVEN[i % 5], _SURNAMES[i % 5])), Channel.VIRTUAL
    )
    whole = infer_mapping(
        headers,
        _named_rows(lambda i: (f"{_GIVEN[i % 5]} {_SURNAMES[i % 5]}", _SURNAMES[i % 5])),
        Channel.VIRTUAL,
    )

    columns = {name: col.header for name, col in apart.mapping.columns.items()}
    assert "requester_name" not in columns
    assert columns["requester_given_names"] == "Nombre"
    assert columns["requester_surnames"] == "Apellidos"
    reasons = apart.fields["requester_given_names"].candidates[0].reasons
    assert "son los nombres, sin los apellidos" in reasons[-1]
    columns = {name: col.header for name, col in whole.mapping.columns.items()}
    assert columns["requester_name"] == "Nombre"
    assert not any(name.startswith("requester_") and name != "requester_name" for name in columns)


def test_a_name_column_that_holds_the_surnames_on_some_rows_only_is_not_read_unattended() -> None:
    headers = ["Radicado", "Fecha radicación", "Nombre", "Apellidos", "Funcionario",
               "Fecha respuesta"]  # fmt: skip
    mixed = infer_mapping(
        headers,
        _named_rows(
            lambda i: (
                _GIVEN[i % 5] + (f" {_SURNAMES[i % 5]}" if i % 2 else ""),
                _SURNAMES[i % 5],
            )
        ),
        Channel.VIRTUAL,
    )

    # Joined, half the rows would carry the surnames twice; alone, half would lack them.
    assert not any(name.startswith("requester_") for name in mixed.mapping.columns)


@pytest.mark.parametrize("header", ["Apellidos", "Nombres"])
def test_half_a_name_is_never_the_requester(header: str) -> None:
    headers = ["Radicado", "Fecha radicación", header, "Funcionario", "Fecha respuesta"]
    values = _SURNAMES if header == "Apellidos" else _GIVEN

    guess = infer_mapping(headers, _named_rows(lambda i: (values[i % 5],)), Channel.VIRTUAL)

    assert not any(name.startswith("requester_") for name in guess.mapping.columns)


def test_choosing_the_whole_name_drops_its_parts_and_the_other_way_round() -> None:
    headers = ["Radicado", "Fecha radicación", "Nombres", "Apellidos", "Funcionario",
               "Fecha respuesta"]  # fmt: skip
    guess = infer_mapping(
        headers, _named_rows(lambda i: (_GIVEN[i % 5], _SURNAMES[i % 5])), Channel.VIRTUAL
    )
    assert {"requester_given_names", "requester_surnames"} <= set(guess.mapping.columns)

    whole = apply_overrides(guess, {"requester_name": "Nombres"}, headers, "f.csv")
    parts = apply_overrides(whole, {"requester_surnames": "Apellidos"}, headers, "f.csv")

    assert set(whole.mapping.columns) & {"requester_given_names", "requester_surnames"} == set()
    assert "requester_name" not in parts.mapping.columns
    assert parts.mapping.columns["requester_surnames"].header == "Apellidos"


def test_the_owner_of_a_ticket_is_the_agent_rather_than_the_one_responsible_for_it() -> None:
    headers = ["Número de Ticket", "Creado", "Cerrado", "Usuario cliente", "Propietario",
               "Responsable"]  # fmt: skip
    rows = [
        [f"202610011000{i:03d}", f"{_stamp(i):%Y-%m-%d %H:%M:%S}",
         f"{_stamp(i, 30):%Y-%m-%d %H:%M:%S}", CITIZENS[i % 6], AGENTS[i % 4],
         AGENTS[(i + 1) % 4]]
        for i in range(20)
    ]  # fmt: skip

    owner = infer_mapping(headers, rows, Channel.VIRTUAL)
    alone = infer_mapping([*headers[:4], "Responsable"], [[*r[:4], r[5]] for r in rows], "virtual")

    assert owner.mapping.columns["agent"].header == "Propietario"
    assert alone.mapping.columns["agent"].header == "Responsable"  # Jira in Spanish
    jira = infer_mapping(
        ["Clave de incidencia", "ID de la incidencia", "Responsable", "Informador", "Creada",
         "Resuelta"],
        [[f"PQR-{100 + i}", str(10400 + i), AGENTS[i % 4], CITIZENS[i % 6],
          f"{_stamp(i):%d/%m/%Y %H:%M}", f"{_stamp(i, 30):%d/%m/%Y %H:%M}"] for i in range(20)],
        Channel.VIRTUAL,
    )  # fmt: skip
    assert {n: c.header for n, c in jira.mapping.columns.items()} == {
        "key": "Clave de incidencia", "agent": "Responsable", "requester_name": "Informador",
        "received_at": "Creada", "answered_at": "Resuelta",
    }  # fmt: skip


def test_an_agent_whose_surnames_are_in_another_column_is_a_question_for_the_user() -> None:
    headers = ["Radicado", "Fecha radicación", "Nombre del agente", "Apellido del agente",
               "Fecha respuesta"]  # fmt: skip
    rows = [
        [f"2026-ER-{i:05d}", f"{_stamp(i):%d/%m/%Y %H:%M}", AGENTS[i % 4].split()[0],
         AGENTS[i % 4].split()[-1], f"{_stamp(i, 1):%d/%m/%Y %H:%M}"]
        for i in range(20)
    ]  # fmt: skip

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)

    assert "agent" not in guess.mapping.columns
    (agent,) = guess.uncertain_required()
    assert agent.candidates[0].header == "Nombre del agente"
    assert (
        agent.candidates[0]
        .reasons[-1]
        .startswith("«Apellido del agente» trae los apellidos del agente")
    )


# -- the candidates of an uncertain field, best first ----------------------------------


def test_the_agent_candidates_put_varied_names_first_and_the_customer_last(write_csv) -> None:
    headers = ["Conversation ID", "Fecha y hora de inicio", "Direction", "Media Type",
               "Queue", "visitor.name", "Wrap-up", "Participante"]  # fmt: skip
    rows = [
        [f"conv-{i}", f"{_stamp(i):%d/%m/%Y %H:%M:%S}", "Inbound", "message", "ICETEX_Chat",
         CITIZENS[i % 6], ["Legalización", "Renovación", "Pagos"][i % 3], AGENTS[i % 4]]
        for i in range(30)
    ]  # fmt: skip
    path = write_csv("genesys.csv", [headers, *rows], delimiter=",")

    with pytest.raises(UncertainMappingError) as stopped:
        read_export(path, Channel.CHAT)

    (agent,) = stopped.value.guess.uncertain_required()
    shown = [c.header for c in agent.candidates if c.score > 0]
    assert shown[0] == "Participante"
    assert "Direction" not in shown and "Media Type" not in shown
    customer = next(c for c in agent.candidates if c.header == "visitor.name")
    assert customer.score < agent.candidates[0].score
    assert any("Nombre del usuario" in reason for reason in customer.reasons)
    assert '--map agent="Participante"' in str(stopped.value)


def test_a_constant_agent_column_ranks_below_one_that_names_people() -> None:
    headers = ["Id", "Fecha", "Hora", "Fecha (2)", "Hora (2)", "Agente", "Agente (2)"]
    rows = [
        [f"DUP-{i:03d}", f"{_stamp(i):%d/%m/%Y}", f"{_stamp(i):%H:%M:%S}",
         f"{_stamp(i):%d/%m/%Y}", f"{_stamp(i, 1):%H:%M:%S}", "Bot ICETEX (Sofía)",
         AGENTS[i % 4]]
        for i in range(30)
    ]  # fmt: skip

    guess = infer_mapping(headers, rows, Channel.CHAT)

    assert guess.mapping.columns["agent"].header == "Agente (2)"
    bot = next(c for c in guess.fields["agent"].candidates if c.header == "Agente")
    assert any("mismo valor" in reason for reason in bot.reasons)
    # Two generic date pairs: the user chooses, and the first pair is offered first.
    message = guess.describe_uncertain("duplicados.xlsx")
    assert [g.field for g in guess.uncertain_required()] == ["received_at"]
    assert guess.fields["received_at"].candidates[0].header == "Fecha"
    assert '--map received_date="Fecha" --map received_time="Hora"' in message


def test_of_two_generic_date_pairs_the_later_is_offered_for_the_answer() -> None:
    headers = ["Radicado", "Fecha", "Hora", "Funcionario", "Fecha (2)", "Hora (2)"]
    rows = [
        [f"PQRSD-{30001 + i}", f"{_stamp(i):%d/%m/%Y}", f"{_stamp(i):%H:%M:%S}", AGENTS[i % 4],
         f"{_stamp(i, 50):%d/%m/%Y}", f"{_stamp(i, 50):%H:%M:%S}"]
        for i in range(30)
    ]  # fmt: skip

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)
    message = guess.describe_uncertain("informe.xlsx")

    assert '--map received_date="Fecha" --map received_time="Hora"' in message
    assert '--map answered_date="Fecha (2)" --map answered_time="Hora (2)"' in message


def test_a_named_agent_column_left_out_by_the_cap_is_now_listed_first() -> None:
    headers = ["ID", "Título", "Entidad", "Estado", "Prioridad", "Solicitante - Solicitante",
               "Atendido por - Técnico", "Fecha de apertura", "Fecha de solución"]  # fmt: skip
    rows = [
        [str(4410 + i), f"{TYPES[i % 5]} - Devoluciones", "Entidad raíz > Atención",
         "Cerrado", "Mediana", CITIZENS[i % 6], AGENTS[i % 4],
         f"{_stamp(i):%Y-%m-%d %H:%M}", f"{_stamp(i, 40):%Y-%m-%d %H:%M}"]
        for i in range(30)
    ]  # fmt: skip

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)

    (agent,) = guess.uncertain_required()
    listed = [c.header for c in agent.candidates]
    assert listed[0] == "Atendido por - Técnico"
    assert not {"Título", "Entidad", "Estado", "Prioridad"} & set(listed)


# -- a rating on another scale is never read as 1–5 ---------------------------------


@pytest.mark.parametrize(
    ("header", "scale"),
    [("Calificación (0 a 10)", "0 a 10"), ("NPS", "0 a 10"), ("Calificación NPS", "0 a 10"),
     ("Encuesta (1-10)", "1 a 10"), ("Calificación /10", "0 a 10"),
     ("Puntuación sobre 10", "0 a 10")],
)  # fmt: skip
def test_a_rating_header_that_states_another_scale_is_left_unmapped(
    write_xlsx, header, scale
) -> None:
    headers = ["Id chat", "Fecha inicio", "Asesor", header]
    rows = [
        [f"ENC-{300 + i}", _stamp(i), AGENTS[i % 4], [10, 4, 1, 5, 3][i % 5]] for i in range(20)
    ]
    path = write_xlsx("encuesta.xlsx", {"Chats": [headers, *rows]})

    result = read_export(path, Channel.CHAT)

    assert "user_rating" not in result.mapping
    assert {r.user_rating for r in result.records} == {None}
    assert result.records[3].extra[header] == "5"
    assert result.guess is not None
    # A header that names the rating says why it was left out; «NPS» alone names none.
    for candidate in result.guess.fields["user_rating"].candidates:
        assert candidate.score == 0
        assert any(f"escala de {scale}" in r and "1 a 5" in r for r in candidate.reasons)
    named = header != "NPS"
    assert bool(result.guess.fields["user_rating"].candidates) == named


def test_ratings_above_five_are_not_on_the_one_to_five_scale() -> None:
    headers, rows = _chat_file({})
    rows = [[*row[:4], str((i * 3) % 11)] for i, row in enumerate(rows)]

    guess = infer_mapping(headers, rows, Channel.CHAT)

    assert "user_rating" not in guess.mapping
    (rating,) = guess.fields["user_rating"].candidates
    assert any("mayores que 5" in reason for reason in rating.reasons)
    # One damaged value among many is a row error, not another scale.
    damaged = [[*row[:4], "6" if i == 7 else row[4]] for i, row in enumerate(_chat_file({})[1])]
    assert "user_rating" in infer_mapping(headers, damaged, Channel.CHAT).mapping


# -- a header that says its times are UTC ---------------------------------------------


@pytest.mark.parametrize(
    ("header", "offset"),
    [("Fecha inicio (UTC)", 0), ("Start time UTC", 0), ("Created (GMT)", 0),
     ("createdAtUtc", 0), ("timestamp_utc", 0), ("Fecha (UTC-5)", -5), ("Fecha (GMT+1)", 1),
     ("Fecha de ingreso", None), ("chat_start_date (America/Bogota)", None),
     ("Gestión de tutores", None)],
)  # fmt: skip
def test_the_utc_offset_a_header_states(header, offset) -> None:
    expected = None if offset is None else timedelta(hours=offset)
    assert header_utc_offset(header) == expected


def test_the_guess_says_which_columns_are_in_utc() -> None:
    headers = ["Id conversación", "Fecha inicio (UTC)", "Fecha fin (UTC)", "Asesor"]
    rows = [
        [f"SIR-{i:04x}", f"{_stamp(i):%Y-%m-%d %H:%M:%S}", f"{_stamp(i, 1):%Y-%m-%d %H:%M:%S}",
         AGENTS[i % 4]]
        for i in range(20)
    ]  # fmt: skip

    guess = infer_mapping(headers, rows, Channel.CHAT)

    assert guess.mapping.columns["received_at"].header == "Fecha inicio (UTC)"
    assert guess.utc_columns == {1, 2}
    assert utc_columns(headers) == {1, 2}
    assert any("UTC" in r for r in guess.fields["received_at"].candidates[0].reasons)
    moved = apply_overrides(guess, {"agent": "Asesor"}, headers, "sirena.xlsx")
    assert moved.utc_columns == {1, 2}


def _answer_rows(answered: list[object]) -> tuple[list[str], list[list[object]]]:
    headers = ["Radicado", "Fecha de radicación", "Funcionario", "Fecha de respuesta"]
    rows: list[list[object]] = [
        [row["key"], row["received"], row["agent"], answer]
        for row, answer in zip(_virtual_rows(len(answered)), answered, strict=True)
    ]
    return headers, rows


def test_an_answer_column_of_dates_without_times_is_a_question_with_the_reason() -> None:
    days = [f"{2 + i % 20}/10/2026" for i in range(12)]  # no time of day
    headers, rows = _answer_rows(days)

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)

    assert "answered_at" not in guess.mapping.columns
    assert [g.field for g in guess.uncertain_required()] == ["answered_at"]
    (best, *_rest) = guess.fields["answered_at"].candidates
    assert best.header == "Fecha de respuesta"
    assert any("solo la fecha" in reason for reason in best.reasons)
    assert {"key", "received_at", "agent"} <= set(guess.mapping.columns)


def test_date_cells_at_midnight_are_days_but_a_few_midnight_answers_are_not() -> None:
    at_midnight = [datetime(2026, 10, 2 + i % 20) for i in range(12)]
    headers, rows = _answer_rows(at_midnight)
    assert "answered_at" not in infer_mapping(headers, rows, Channel.VIRTUAL).mapping.columns

    timed = [datetime(2026, 10, 2 + i, 9 + i % 8, 30) for i in range(11)]
    headers, rows = _answer_rows([*timed, datetime(2026, 10, 20)])
    mapped = infer_mapping(headers, rows, Channel.VIRTUAL).mapping.columns
    assert mapped["answered_at"].header == "Fecha de respuesta"


def test_an_agent_s_name_wins_over_the_agent_s_login() -> None:
    headers = ["Id Interacción", "Fecha Inicio", "Agente", "Usuario Agente"]
    rows: list[list[object]] = [
        [f"INT-{9000 + i}", row["received"], row["agent"], f"agente{i % 4 + 1:02d}"]
        for i, row in enumerate(_virtual_rows(12))
    ]

    guess = infer_mapping(headers, rows, Channel.CHAT)

    assert guess.mapping.columns["agent"].header == "Agente"
    login = next(c for c in guess.fields["agent"].candidates if c.header == "Usuario Agente")
    assert any("usuarios del sistema" in reason for reason in login.reasons)


def test_two_agent_columns_with_the_same_values_do_not_make_the_import_ask() -> None:
    """osTicket writes the agent twice («Assigned To», «Agent Assigned»): reading one or
    the other stores the same. Two agent columns that differ still ask."""
    headers = ["Ticket Number", "Date Created", "Subject", "From", "Assigned To",
               "Agent Assigned", "Closed Date"]  # fmt: skip
    rows = [
        [str(100200 + i), f"{_stamp(i):%m/%d/%Y %I:%M %p}", "Consulta", CITIZENS[i % 6],
         AGENTS[i % 4], AGENTS[i % 4], f"{_stamp(i, 20):%m/%d/%Y %I:%M %p}"]
        for i in range(30)
    ]  # fmt: skip

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)

    assert guess.mapping.columns["agent"].header == "Assigned To"
    assert guess.uncertain_required() == []
    twin = next(c for c in guess.fields["agent"].candidates if c.header == "Agent Assigned")
    assert "repite fila por fila los valores de «Assigned To»" in twin.reasons

    for row in rows[::2]:
        row[5] = AGENTS[(AGENTS.index(row[5]) + 1) % 4]
    assert "agent" in {
        g.field for g in infer_mapping(headers, rows, Channel.VIRTUAL).uncertain_required()
    }


def test_a_column_of_logins_is_not_the_requester_beside_one_of_names() -> None:
    """inConcert's detail report: «Usuario» is the agent's login, «Cliente» the citizen."""
    headers = ["Id Interacción", "Fecha", "Hora Inicio", "Agente", "Usuario", "Cliente"]
    rows = [
        [f"{{2E97026A-FB66-1C71-D066-75C0213B{5286 + i:04d}}}", f"{_stamp(i):%d/%m/%Y}",
         f"{_stamp(i):%H:%M:%S}", AGENTS[i % 4], f"agente.{i % 4:02d}", CITIZENS[i % 6]]
        for i in range(30)
    ]  # fmt: skip

    mapped = _mapped(headers, rows, Channel.CHAT)

    assert mapped["requester_name"] == "Cliente"
    assert mapped["agent"] == "Agente"
