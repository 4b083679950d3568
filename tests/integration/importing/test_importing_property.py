"""Property: any cell contents in a CSV never crash the import, and every non-blank
data row ends as exactly one of record, duplicate or rejected row."""

from __future__ import annotations

import csv
import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import ImportFileError, UncertainMappingError, read_export

HEADERS = [
    "Radicado", "Fecha de ingreso", "Cédula", "Agente", "Fecha y hora de respuesta",
    "Número de veces registrado en CRM", "Solicitud", "Respuesta", "Tiempo de espera",
    "Registrado en CRM", "Calificación",
]  # fmt: skip

# Any character a text file can carry (NUL marks a binary file and is refused whole).
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=25,
)
_dates = st.datetimes(min_value=datetime(1940, 1, 1), max_value=datetime(2110, 12, 31)).map(
    lambda d: d.strftime("%d/%m/%Y %H:%M")
)
_numbers = st.one_of(
    st.integers(-10, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.floats(0, 100).map(lambda f: f"{f:.2f}".replace(".", ",")),
)
_cell = st.one_of(
    _text,
    _dates,
    _numbers,
    st.sampled_from(["", " ", "Sí", "No", "X", "31/02/2024", "=SUM(A1)", "1.020.345.678",
                     "3:05 p. m.", "2024-05-13T14:03:00", "45425.5", "01:35", "\r\n"]),
)  # fmt: skip
_row = st.tuples(
    st.one_of(st.sampled_from(["K1", "K2", " K1 ", ""]), _text),
    *[_cell] * (len(HEADERS) - 1),
).map(list)


def _blank(row: list[str]) -> bool:
    return all(not cell.strip() for cell in row)


@settings(
    max_examples=75,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rows=st.lists(_row, max_size=12), channel=st.sampled_from(list(Channel)))
def test_random_cells_never_crash_and_every_row_is_accounted_for(
    rows: list[list[str]], channel: Channel
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "azar.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, delimiter=";").writerows([HEADERS, *rows])

        try:
            result = read_export(path, channel)
        except UncertainMappingError as stopped:
            # Values that contradict a required field's header: nothing is read, the
            # user is asked (never a guess).
            assert stopped.guess.uncertain_required()
            assert "azar.csv" in str(stopped)
            return
        except ImportFileError as refused:
            # A wait column mixing small and large numbers has no single unit: the file
            # is refused naming it (never read in two units).
            assert str(refused).startswith("azar.csv: en la columna «")
            assert "no se sabe si son segundos o milisegundos" in str(refused)
            return

    expected = {number for number, row in enumerate(rows, start=2) if not _blank(row)}
    records = [r.source_row for r in result.records]
    rejected = [r.row for r in result.rejected]
    duplicates = [d.row for d in result.duplicate_rows]
    outcomes = records + rejected + duplicates
    assert sorted(outcomes) == sorted(expected)  # each row exactly once
    assert result.total_rows == len(expected)
    assert result.blank_rows == len(rows) - len(expected)
    for record in result.records:
        assert record.key and record.key == record.key.strip()
        assert record.agent and record.received_at is not None
        if record.answered_at is not None:
            assert record.answered_at >= record.received_at
    for row in result.rejected:
        assert row.reason and row.column
        assert set(row.cells) == set(HEADERS)
