"""Header → field mapping: synonyms, safety, date+time pairs, saved profiles."""

from __future__ import annotations

import json

import pytest

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import (
    ColumnMapping,
    ImportFileError,
    MappedColumn,
    MissingFieldsError,
    fit_mapping,
    guess_mapping,
    headers_signature,
    missing_required,
    read_export,
)
from auditoria_calidad.importing.synonyms import SYNONYMS, normalize_header

SPEC_SYNONYMS = {
    "key": [
        "N° Radicado", "Nº Radicado", "No. Radicado", "# Radicado", "Número de radicado",
        "Radicado", "No. Caso", "Case number", "Ticket ID", "RADICADO ", "n° de radicado",
    ],
    "received_at": ["Fecha de ingreso", "Fecha radicación", "Created", "FECHA DE INGRESO"],
    "answered_at": ["Fecha y hora de respuesta", "Fecha respuesta", "Resolved at"],
    "identity_number": ["Cédula", "Identificación", "Documento", "ID number", "CEDULA"],
    "agent": ["Agente", "Funcionario responsable", "Asesor", "Agent"],
    "request_type": ["Tipo de solicitud", "Tipología", "Request type"],
    "service": ["Servicio", "Programa"],
    "request_text": ["Solicitud", "Descripción", "Mensaje del usuario"],
    "answer_text": ["Respuesta", "Transcripción"],
    "crm_registrations": ["Número de veces registrado en CRM", "N° de veces registrado en CRM"],
}  # fmt: skip
CHAT_SYNONYMS = {
    "key": ["ID chat", "Chat ID", "Id. del chat"],
    "received_at": ["Tiempo de ingreso"],
    "wait_seconds": ["Tiempo de espera", "Wait time", "Tiempo de espera (seg)"],
    "registered_in_crm": ["Registrado en CRM", "¿Registrado en CRM?"],
    "user_rating": ["Calificación", "Rating"],
    "request_text": ["Registro que hace el usuario"],
}


@pytest.mark.parametrize(
    ("channel", "field", "header"),
    [(Channel.VIRTUAL, f, h) for f, hs in SPEC_SYNONYMS.items() for h in hs]
    + [(Channel.CHAT, f, h) for f, hs in CHAT_SYNONYMS.items() for h in hs],
)
def test_each_listed_synonym_maps_to_its_field(channel: Channel, field: str, header: str) -> None:
    mapping = guess_mapping(["Columna sin nombre conocido", header], channel)
    assert mapping.columns == {field: MappedColumn(1, header)}


def test_no_synonym_names_two_fields() -> None:
    owners: dict[str, set[str]] = {}
    for field, synonyms in SYNONYMS.items():
        for synonym in synonyms:
            owners.setdefault(normalize_header(synonym), set()).add(field)
    assert {s: f for s, f in owners.items() if len(f) > 1} == {}


def test_case_accents_punctuation_and_number_marks_do_not_matter() -> None:
    forms = ["N° Radicado", "Nº  radicado", "No. RADICADO", "#Radicado", "Número de radicado:"]
    assert len({normalize_header(f) for f in forms}) == 1


def test_loose_match_accepts_extra_words_but_not_other_kinds_of_column() -> None:
    headers = [
        "Radicado",
        "Fecha de ingreso del caso",
        "Nombre del agente asignado",
        "Tiempo de respuesta",  # a duration, not the answer text
        "Tipo de documento",  # not the request type
        "Estado del caso",  # not the key
        "Fecha y hora de respuesta",
    ]
    mapping = guess_mapping(headers, Channel.VIRTUAL)
    assert {name: col.index for name, col in mapping.columns.items()} == {
        "key": 0,
        "received_at": 1,
        "agent": 2,
        "answered_at": 6,
    }


def test_two_columns_never_map_to_one_field() -> None:
    mapping = guess_mapping(["Radicado", "No. Caso", "Agente", "Asesor"], Channel.VIRTUAL)
    assert mapping.columns["key"].index == 0
    assert mapping.columns["agent"].index == 2
    assert len({col.index for col in mapping.columns.values()}) == len(mapping.columns)
    with pytest.raises(ValueError, match="misma columna"):
        ColumnMapping({"key": MappedColumn(0, "A"), "agent": MappedColumn(0, "A")})


def test_separate_date_and_time_columns_become_the_date_and_time_halves() -> None:
    headers = ["Radicado", "Fecha de ingreso", "Hora de ingreso", "Fecha respuesta", "Agente"]
    mapping = guess_mapping(headers, Channel.VIRTUAL)
    assert mapping.columns["received_date"].index == 1
    assert mapping.columns["received_time"].index == 2
    assert "received_at" not in mapping
    assert mapping.columns["answered_at"].index == 3
    assert missing_required(mapping, Channel.VIRTUAL) == []


def test_missing_required_names_fields_in_spanish() -> None:
    mapping = guess_mapping(["Radicado", "Hora de ingreso", "Observaciones"], Channel.VIRTUAL)
    assert missing_required(mapping, Channel.VIRTUAL) == [
        "Fecha de ingreso",
        "Funcionario responsable (agente)",
        "Fecha y hora de respuesta",
    ]
    assert missing_required(mapping, Channel.CHAT) == [
        "Fecha de ingreso",
        "Funcionario responsable (agente)",
    ]


def test_mapping_survives_a_json_round_trip() -> None:
    mapping = guess_mapping(["Radicado", "Fecha de ingreso", "Agente"], Channel.CHAT)
    saved = json.loads(json.dumps(mapping.to_dict()))
    assert ColumnMapping.from_dict(saved) == mapping
    with pytest.raises(ValueError):
        ColumnMapping.from_dict({"columns": {"no_such_field": {"index": 0, "header": "X"}}})
    with pytest.raises(ValueError):
        ColumnMapping.from_dict({"columns": "nonsense"})


def test_headers_signature_ignores_how_headers_are_written() -> None:
    one = headers_signature(["N° Radicado", "Fecha de Ingreso", "Agente"])
    other = headers_signature(["No. radicado", "FECHA DE INGRESO ", "agente"])
    assert one == other == ["numero radicado", "fecha ingreso", "agente"]
    assert json.loads(json.dumps(one)) == one


def test_a_saved_mapping_follows_its_columns_by_header() -> None:
    saved = ColumnMapping({"key": MappedColumn(0, "Caso interno"), "agent": MappedColumn(1, "Q")})
    moved = fit_mapping(saved, ["Q", "Otra", "caso interno"], "a.xlsx")
    assert moved.columns == {"key": MappedColumn(2, "caso interno"), "agent": MappedColumn(0, "Q")}
    with pytest.raises(ImportFileError, match="«Caso interno»"):
        fit_mapping(saved, ["Q", "Otra"], "a.xlsx")


def test_import_refuses_to_run_without_required_fields(write_csv) -> None:
    path = write_csv("sin_agente.csv", [["Radicado", "Fecha de ingreso"], ["R-1", "13/05/2024"]])
    with pytest.raises(MissingFieldsError) as error:
        read_export(path, Channel.VIRTUAL)
    message = str(error.value)
    assert "sin_agente.csv" in message
    assert "«Funcionario responsable (agente)»" in message
    assert "«Fecha y hora de respuesta»" in message
    assert [f.name for f in error.value.fields] == ["agent", "answered_at"]


def test_import_with_a_saved_mapping_for_unusual_headers(write_csv) -> None:
    path = write_csv(
        "raro.csv",
        [["Código interno", "Cuándo llegó", "Quién"], ["X-1", "13/05/2024 08:00", "Ana"]],
    )
    mapping = ColumnMapping(
        {
            "key": MappedColumn(0, "Código interno"),
            "received_at": MappedColumn(1, "Cuándo llegó"),
            "agent": MappedColumn(2, "Quién"),
        }
    )
    result = read_export(path, Channel.CHAT, mapping=mapping)
    assert [(r.key, r.agent) for r in result.records] == [("X-1", "Ana")]


def test_no_two_fields_share_a_header_once_compared() -> None:
    # Headers are compared without connecting words: «Answered by» and «Answered at»
    # would both be «answered», and one field's synonym would steal the other's column.
    owner: dict[str, str] = {}
    shared = []
    for field_name, headers in SYNONYMS.items():
        for header in headers:
            first = owner.setdefault(normalize_header(header), field_name)
            if first != field_name:
                shared.append((header, first, field_name))
    assert shared == []
