"""Property: however the columns are ordered and named (within each field's synonyms),
and whatever look-alike columns sit beside them, the inferred mapping never assigns a
column to a field it does not hold; when it is not sure it says so. Look-alikes include
columns named as a text whose values are not free text («Resolution»: Done / Won't Do,
«Número Respuesta»: codes), a system id beside the case number, a constant «Estado»,
and ratings whose header states another scale."""

from __future__ import annotations

import csv
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import UncertainMappingError, infer_mapping, read_export
from auditoria_calidad.importing.synonyms import SYNONYMS, WEAK_SYNONYMS

ROWS = 40
AGENTS = ["Ana María Gómez", "Luis Pérez", "Carolina Ruiz", "Jorge Díaz", "Marta Sáenz"]
START = datetime(2026, 10, 1, 7, 30)


def _values(field: str, style: int) -> list[str]:
    """Realistic values of ``field`` for ROWS rows, in one of a few writing styles."""
    out = []
    for i in range(ROWS):
        received = START + timedelta(hours=7 * i, minutes=13 * i, seconds=7 * i)
        answered = received + timedelta(hours=3 + i % 20)
        out.append(
            {
                "key": [f"2026-ER-{5000 + i:06d}", f"{20261000 + 17 * i}", f"CAS-{i:05d}-X"],
                "received_at": [f"{received:%d/%m/%Y %H:%M}", f"{received:%Y-%m-%d %H:%M:%S}",
                                f"{received:%d/%m/%Y %I:%M %p}".replace("AM", "a. m.")
                                .replace("PM", "p. m.")],
                "answered_at": [f"{answered:%d/%m/%Y %H:%M}", f"{answered:%Y-%m-%dT%H:%M:%S}",
                                f"{answered:%d/%m/%Y %H:%M:%S}"],
                "agent": [AGENTS[i % 5], AGENTS[i % 5].upper(), AGENTS[(i * 3) % 5]],
                "identity_number": [str(1010101010 + 7919 * i), f"{52000000 + 313 * i:,}"
                                    .replace(",", "."), f"{79000000 + 31 * i}.0"],
                "requester_name": [f"Usuario {chr(65 + i % 26)}. Rojas", "Pedro Pablo León",
                                   f"Cliente Número {i}"],
                "request_text": ["Solicito información sobre el estado de mi solicitud de "
                                 f"crédito número {i}, radicada hace ya varios días."] * 3,
                "answer_text": ["Respetado ciudadano: su solicitud fue atendida y el "
                                "certificado enviado a su correo.", f"Cordial saludo. El giro "
                                f"número {i} se realizó el 2 de octubre.", "Le informamos que "
                                "su crédito quedó al día."],
            }[field][style]
        )  # fmt: skip
    return out


# Columns that look like a field by their header but whose values say otherwise.
DECOYS: dict[str, list[str]] = {
    "Consecutivo": [str(i + 1) for i in range(ROWS)],
    "Closed": ["1" if i % 3 else "0" for i in range(ROWS)],
    "Assigned at": [f"{START + timedelta(days=i % 25):%d/%m/%Y}" for i in range(ROWS)],
    "Requester id": [str(9012345678901 + i) for i in range(ROWS)],
    "Radicado Respuesta": [f"2026-EE-{9000 + i:06d}" for i in range(ROWS)],
    "Hora Atención": [f"{8 + i % 9:02d}:{i % 60:02d}:00" for i in range(ROWS)],
    "Observaciones": ["Se respondió dentro del término." for _ in range(ROWS)],
    "Resolution": ["Done" if i % 4 else "Won't Do" for i in range(ROWS)],
    "Número Respuesta": [f"2026EE{52001 + i:06d}" for i in range(ROWS)],
    "ID": [f"a6a3a450-6513-270e-269e-0d37f2a7{i:04x}" for i in range(ROWS)],
    "Estado": ["Cerrado" for _ in range(ROWS)],
}
FIELDS = [
    "key", "received_at", "answered_at", "agent", "identity_number", "requester_name",
    "request_text", "answer_text",
]  # fmt: skip
REQUIRED = ("key", "received_at", "answered_at", "agent")
_WEAK = {s.lower() for s in WEAK_SYNONYMS}


def _headers(field: str, strong_only: bool) -> st.SearchStrategy[str]:
    names = [s for s in SYNONYMS[field] if not (strong_only and s.lower() in _WEAK)]
    return st.sampled_from(names)


@st.composite
def _files(draw: st.DrawFn, strong_only: bool) -> tuple[list[str], list[list[str]], list[str]]:
    """(headers, rows, source field of each column: a field name or "decoy")."""
    fields = list(REQUIRED) + draw(st.lists(st.sampled_from(FIELDS[4:]), unique=True, max_size=4))
    decoys = draw(st.lists(st.sampled_from(sorted(DECOYS)), unique=True, max_size=3))
    columns: list[tuple[str, str, list[str]]] = []
    for name in fields:
        header = draw(_headers(name, strong_only))
        columns.append((name, header, _values(name, draw(st.integers(0, 2)))))
    for header in decoys:
        if header.casefold() not in {h.casefold() for _n, h, _v in columns}:
            columns.append(("decoy", header, DECOYS[header]))
    order = draw(st.permutations(range(len(columns))))
    columns = [columns[i] for i in order]
    headers = [header for _n, header, _v in columns]
    if len({h.casefold() for h in headers}) != len(headers):
        headers = [f"{h} {i}" if i else h for i, h in enumerate(headers)]
    rows = [[values[r] for _n, _h, values in columns] for r in range(ROWS)]
    return headers, rows, [name for name, _h, _v in columns]


_settings = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@_settings
@given(file=_files(strong_only=False))
def test_a_column_is_never_mapped_to_a_field_it_does_not_hold(file) -> None:
    headers, rows, sources = file

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)

    for name, column in guess.mapping.columns.items():
        assert sources[column.index] == name, (name, headers[column.index], headers)
        assert guess.fields[name].certain
    for name in REQUIRED:
        if name not in guess.mapping:
            assert guess.fields[name] in guess.uncertain_required()


@_settings
@given(file=_files(strong_only=True))
def test_with_plain_synonyms_every_required_field_is_found_unattended(file) -> None:
    headers, rows, sources = file

    guess = infer_mapping(headers, rows, Channel.VIRTUAL)

    assert guess.uncertain_required() == [], guess.describe_uncertain("archivo.csv")
    for name in REQUIRED:
        assert sources[guess.mapping.columns[name].index] == name


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=_files(strong_only=False))
def test_an_import_stores_each_value_from_its_own_column_or_stops_and_asks(file) -> None:
    headers, rows, sources = file
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "exportacion.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, delimiter=";").writerows([headers, *rows])
        try:
            result = read_export(path, Channel.VIRTUAL)
        except UncertainMappingError as stopped:
            assert stopped.guess.uncertain_required()
            assert "--map" in str(stopped)
            return

    agent_column = sources.index("agent")
    key_column = sources.index("key")
    by_row = {record.source_row: record for record in result.records}
    for number, row in enumerate(rows, start=2):
        record = by_row.get(number)
        if record is not None:
            assert record.key == row[key_column]
            assert record.agent == row[agent_column]


_RATING_HEADERS = [s for s in SYNONYMS["user_rating"] if s.lower() not in _WEAK]
_OTHER_SCALES = ["(0 a 10)", "(1-10)", "/10", "sobre 10", "NPS", "(0-100)", "(1 a 7)"]


@settings(max_examples=60, deadline=None)
@given(
    header=st.sampled_from(_RATING_HEADERS),
    scale=st.sampled_from(_OTHER_SCALES),
    values=st.lists(st.integers(0, 5), min_size=5, max_size=40),
)
def test_a_rating_header_on_another_scale_is_never_read_as_one_to_five(
    header, scale, values
) -> None:
    """Even when every value happens to lie within 1–5: the header says they are not."""
    headers = ["Id chat", "Fecha y hora de ingreso", "Asesor", f"{header} {scale}"]
    rows = [
        [f"CH-{i}", f"{START + timedelta(hours=i):%d/%m/%Y %H:%M}", AGENTS[i % 5], str(v)]
        for i, v in enumerate(values)
    ]

    guess = infer_mapping(headers, rows, Channel.CHAT)

    assert "user_rating" not in guess.mapping
    assert guess.uncertain_required() == []
