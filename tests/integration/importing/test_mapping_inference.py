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
