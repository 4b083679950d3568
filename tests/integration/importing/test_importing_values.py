"""Reading single cells (values.py): what is accepted, and the Spanish reason otherwise."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from auditoria_calidad.importing.values import (
    Cell,
    ValueProblem,
    cell_text,
    parse_boolean,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_digits,
    parse_duration,
    parse_integer,
    parse_key,
    parse_text,
    parse_time,
)

MAY_13 = datetime(2024, 5, 13)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("13/05/2024", MAY_13),
        ("13/05/2024 14:03", datetime(2024, 5, 13, 14, 3)),
        ("13/05/2024 14:03:27", datetime(2024, 5, 13, 14, 3, 27)),
        ("3/5/2024", datetime(2024, 5, 3)),
        ("3/5/24", datetime(2024, 5, 3)),
        ("13-05-2024 09:15", datetime(2024, 5, 13, 9, 15)),
        ("13/05/2024 3:05 p. m.", datetime(2024, 5, 13, 15, 5)),
        ("13/05/2024 03:05 PM", datetime(2024, 5, 13, 15, 5)),
        ("13/05/2024 3:05 p.m.", datetime(2024, 5, 13, 15, 5)),
        ("13/05/2024 12:10 a. m.", datetime(2024, 5, 13, 0, 10)),
        ("13/05/2024 12:10 p. m.", datetime(2024, 5, 13, 12, 10)),
        ("13/05/2024\u00a03:05\u202fp.\u00a0m.", datetime(2024, 5, 13, 15, 5)),  # Windows es-CO
        ("2024-05-13", MAY_13),
        ("2024-05-13T14:03:00", datetime(2024, 5, 13, 14, 3)),
        ("2024-05-13T14:03", datetime(2024, 5, 13, 14, 3)),
        ("2024-05-13 14:03:00.123", datetime(2024, 5, 13, 14, 3)),
        ("2024-05-13T19:03:00Z", datetime(2024, 5, 13, 14, 3)),  # UTC → Colombia
        ("2024-05-13T14:03:00-05:00", datetime(2024, 5, 13, 14, 3)),
        ("13 de mayo de 2024", MAY_13),
        ("13-may-2024 10:00", datetime(2024, 5, 13, 10, 0)),
        ("  13/05/2024  ", MAY_13),
        ("45425", MAY_13),
        ("45425.5", datetime(2024, 5, 13, 12, 0)),
        ("45425,5", datetime(2024, 5, 13, 12, 0)),
        (45425.5, datetime(2024, 5, 13, 12, 0)),
        (45425, MAY_13),
        (45425.585416666664, datetime(2024, 5, 13, 14, 3)),  # float noise rounds
        (datetime(2024, 5, 13, 14, 3, 0, 999), datetime(2024, 5, 13, 14, 3)),
        (date(2024, 5, 13), MAY_13),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_dates_are_read_day_first_iso_and_serial(cell: Cell, expected: datetime | None) -> None:
    assert parse_datetime(cell) == expected


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("31/02/2024", "Fecha imposible: 31/02/2024"),
        ("29/02/2023", "Fecha imposible: 29/02/2023"),
        ("13/13/2024", "Fecha imposible: 13/13/2024"),
        ("2024-02-30", "Fecha imposible: 2024-02-30"),
        ("ayer", "Fecha ilegible: 'ayer'"),
        ("13/05", "Fecha ilegible: '13/05'"),
        ("5", "Fecha ilegible: '5'"),
        ("13/05/2024 25:00", "Hora imposible: 13/05/2024 25:00"),
        ("13/05/2024 13:00 p. m.", "Hora imposible: 13/05/2024 13:00 p. m."),
        ("14:03", "Falta la fecha: la celda solo trae la hora 14:03"),
        ("13/05/1924", "Fecha fuera del rango admitido (1950–2100): 13/05/1924"),
        (3.0, "Fecha ilegible: '3'"),
        (True, "Fecha ilegible: 'VERDADERO'"),
    ],
)
def test_unreadable_dates_give_a_spanish_reason(cell: Cell, reason: str) -> None:
    with pytest.raises(ValueProblem) as problem:
        parse_datetime(cell)
    assert problem.value.reason == reason


def test_date_field_keeps_only_the_date() -> None:
    assert parse_date(datetime(2024, 5, 13, 14, 3)) == date(2024, 5, 13)
    assert parse_date("13/05/2024") == date(2024, 5, 13)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("14:03", time(14, 3)),
        ("14:03:27", time(14, 3, 27)),
        ("3:05 p. m.", time(15, 5)),
        ("03:05 PM", time(15, 5)),
        ("3:05 a.m.", time(3, 5)),
        (time(14, 3), time(14, 3)),
        (0.5, time(12, 0)),
        (0.585416666666, time(14, 3)),
        ("0,5", time(12, 0)),
        (timedelta(hours=14, minutes=3), time(14, 3)),
        (datetime(1899, 12, 30, 14, 3), time(14, 3)),
        (45425.5, time(12, 0)),
        ("", None),
    ],
)
def test_time_of_day_cells(cell: Cell, expected: time | None) -> None:
    assert parse_time(cell) == expected


@pytest.mark.parametrize("cell", ["25:00", "mediodía", 14.0])
def test_unreadable_times_are_refused(cell: Cell) -> None:
    with pytest.raises(ValueProblem, match="Hora"):
        parse_time(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("95", 95),
        ("95.0", 95),
        ("95,0", 95),
        (95.0, 95),
        (95, 95),
        ("01:35", 95),
        ("1:35", 95),
        ("00:01:35", 95),
        ("1:00:00", 3600),
        (timedelta(seconds=95), 95),
        (time(0, 1, 35), 95),
        ("", None),
    ],
)
def test_durations_in_seconds(cell: Cell, expected: int | None) -> None:
    assert parse_duration(cell) == expected


def test_a_duration_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(ValueProblem) as problem:
        parse_duration("abc")
    assert problem.value.reason == "La duración no es un número: 'abc'"
    with pytest.raises(ValueProblem, match="negativa"):
        parse_duration(-3.0)


@pytest.mark.parametrize(
    "cell", ["Sí", "Si", "SI", "sí", "S", "Yes", "Y", "1", "X", "x", "Verdadero", "True", 1.0, True]
)
def test_yes_values(cell: Cell) -> None:
    assert parse_boolean(cell) is True


@pytest.mark.parametrize("cell", ["No", "NO", "N", "0", "Falso", "False", "false", 0.0, False])
def test_no_values(cell: Cell) -> None:
    assert parse_boolean(cell) is False


def test_blank_boolean_is_unknown_and_other_words_are_refused() -> None:
    assert parse_boolean("") is None
    assert parse_boolean("  ") is None
    with pytest.raises(ValueProblem, match="sí/no"):
        parse_boolean("quizá")
    with pytest.raises(ValueProblem):
        parse_boolean(2.0)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("4,5", 4.5), ("4.5", 4.5), (" 4 ", 4.0), ("1.234,5", 1234.5), ("1,234.5", 1234.5), (4, 4.0)],
)
def test_decimals_with_comma_or_point(cell: Cell, expected: float) -> None:
    assert parse_decimal(cell) == expected


def test_unreadable_decimal_is_refused() -> None:
    with pytest.raises(ValueProblem, match="No es un número: 'cuatro'"):
        parse_decimal("cuatro")


@pytest.mark.parametrize(("cell", "expected"), [("3", 3), ("3.0", 3), ("3,0", 3), (3.0, 3), (3, 3)])
def test_integers(cell: Cell, expected: int) -> None:
    assert parse_integer(cell) == expected


@pytest.mark.parametrize("cell", ["3,5", "tres", 3.5, True])
def test_non_integers_are_refused(cell: Cell) -> None:
    with pytest.raises(ValueProblem, match="No es un número entero"):
        parse_integer(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1020345678", "1020345678"),
        ("1.020.345.678", "1020345678"),
        ("1 020 345 678", "1020345678"),
        ("1-020-345-678", "1020345678"),
        (" 0012345 ", "0012345"),
        (1020345678.0, "1020345678"),
        (1020345678, "1020345678"),
        ("1020345678.0", "1020345678"),
        ("", None),
    ],
)
def test_identity_numbers_keep_only_digits(cell: Cell, expected: str | None) -> None:
    assert parse_digits(cell) == expected


def test_identity_with_letters_is_refused() -> None:
    with pytest.raises(ValueProblem) as problem:
        parse_digits("12A45")
    assert problem.value.reason == "La identificación no es un número: '12A45'"


def test_text_is_kept_exactly_and_keys_are_trimmed() -> None:
    hostile = "  <b>&amp;</b>\r\n=SUM(A1) 😀 ñandú  "
    assert parse_text(hostile) == hostile
    assert parse_text("") is None
    assert parse_key("  R-1 \n") == "R-1"
    assert parse_key(20241234.0) == "20241234"
    assert parse_key("   ") is None


def test_cell_text_shows_cells_as_the_spreadsheet_does() -> None:
    assert cell_text(1020345678.0) == "1020345678"
    assert cell_text(4.5) == "4.5"
    assert cell_text(datetime(2024, 5, 13, 14, 3)) == "13/05/2024 14:03"
    assert cell_text(datetime(2024, 5, 13)) == "13/05/2024"
    assert cell_text(time(9, 5)) == "09:05"
    assert cell_text(timedelta(seconds=95)) == "0:01:35"
    assert cell_text(True) == "VERDADERO"
    assert cell_text(None) == ""
