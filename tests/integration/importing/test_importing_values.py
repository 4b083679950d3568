"""Reading single cells (values.py): what is accepted, and the Spanish reason otherwise."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest

from auditoria_calidad.importing.durations import parse_duration
from auditoria_calidad.importing.identity_numbers import parse_digits
from auditoria_calidad.importing.values import (
    Cell,
    ValueProblem,
    cell_text,
    parse_boolean,
    parse_date,
    parse_datetime,
    parse_datetime_month_first,
    parse_decimal,
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
        ("13/05/2024 12:00 m.", datetime(2024, 5, 13, 12, 0)),  # «m.»: noon (meridiano)
        ("13/05/2024 12:00 M", datetime(2024, 5, 13, 12, 0)),
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
        ("13/05/2024 - 14:03", datetime(2024, 5, 13, 14, 3)),  # a dash before the time
        ("13/05/2024 - 14:03 hrs", datetime(2024, 5, 13, 14, 3)),
        ("13/05/2024 14:03 h", datetime(2024, 5, 13, 14, 3)),
        ("2024-05-13 – 14:03:00", datetime(2024, 5, 13, 14, 3)),
        ("13 de mayo de 2024 - 2:03 p. m.", datetime(2024, 5, 13, 14, 3)),
        ("20240513", MAY_13),  # ISO 8601's basic form, as SQL reports write it
        ("20240513 1403", datetime(2024, 5, 13, 14, 3)),
        ("20240513 14:03:27", datetime(2024, 5, 13, 14, 3, 27)),
        ("20240513T140327", datetime(2024, 5, 13, 14, 3, 27)),
        ("20240513140327", datetime(2024, 5, 13, 14, 3, 27)),
        ("20240513T190327Z", datetime(2024, 5, 13, 14, 3, 27)),
        (20240513, MAY_13),
        (20240513140327.0, datetime(2024, 5, 13, 14, 3, 27)),
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
        (
            "13/05/2024 10:00 m.",
            "Hora imposible («m.» es el mediodía, las 12): 13/05/2024 10:00 m.",
        ),
        ("14:03", "Falta la fecha: la celda solo trae la hora 14:03"),
        ("13/05/1924", "Fecha fuera del rango admitido (1950–2100): 13/05/1924"),
        (3.0, "Fecha ilegible: '3'"),
        (True, "Fecha ilegible: 'VERDADERO'"),
        ("20241305", "Fecha imposible: 20241305"),
        ("20240513 2503", "Hora imposible: 20240513 2503"),
        ("19240513", "Fecha ilegible: '19240513'"),
        ("12345678", "Fecha ilegible: '12345678'"),
        (12345678, "Fecha ilegible: '12345678'"),
        ("13/05/2024 - ", "Fecha ilegible: '13/05/2024 -'"),
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
        ("08:15 hrs", time(8, 15)),
        ("14:30 h", time(14, 30)),
        ("8:15 horas", time(8, 15)),
        ("14:30h.", time(14, 30)),
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


@pytest.mark.parametrize("cell", ["25:00", "mediodía", 14.0, "14:30 hrsx", "2:30 p. m. hrs"])
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


_YES = ["Sí", "Si", "SI", "sí", "S", "Yes", "Y", "1", "X", "x", "Verdadero", "True", 1.0, True,
        "✓", "✔", "Registrado"]  # fmt: skip


@pytest.mark.parametrize("cell", _YES)
def test_yes_values(cell: Cell) -> None:
    assert parse_boolean(cell) is True


@pytest.mark.parametrize(
    "cell", ["No", "NO", "N", "0", "Falso", "False", "false", 0.0, False, "✗", "No registrado"]
)
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
        ("'0012345678", "0012345678"),  # Excel's text mark, written out in a CSV
        ("", None),
        ("1,020,345,678", "1020345678"),  # an English-locale thousands separator
        ("CC 1020345678", "1020345678"),  # the document's kind before its number
        ("C.C. 52.345.678", "52345678"),
        ("C.C. No. 1020345678", "1020345678"),
        ("cc:52345678", "52345678"),
        ("CE 123456", "123456"),
        ("900.123.456-5", "900123456"),  # a NIT: its check digit is not the number
        ("NIT 900123456-5", "900123456"),
    ],
)
def test_identity_numbers_keep_only_digits(cell: Cell, expected: str | None) -> None:
    assert parse_digits(cell) == expected


def test_identity_with_letters_is_refused() -> None:
    with pytest.raises(ValueProblem) as problem:
        parse_digits("12A45")
    assert problem.value.reason == "La identificación no es un número: '12A45'"
    for nothing in ("'", "N/A", "-", "No registra", "(ninguno)"):  # no one's number: none
        assert parse_digits(nothing) is None
    for garbled in ("PA AB123456", "1.0234567E+9", "1020345678,0"):  # never a guess
        with pytest.raises(ValueProblem):
            parse_digits(garbled)
    with pytest.raises(ValueProblem) as scientific:  # Excel dropped its last figures
        parse_digits("1,22002E+09")
    assert scientific.value.reason.startswith(
        "La identificación está en notación científica ('1,22002E+09'): Excel la redondeó"
    )


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


# -- date-times that name their zone ------------------------------------------------------

OCT_1_COLOMBIA = datetime(2026, 10, 1, 10, 23, 24)  # 15:23:24 UTC


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-10-01 15:23:24 UTC", OCT_1_COLOMBIA),  # Chatwoot
        ("2026-10-01 15:23:24 utc", OCT_1_COLOMBIA),
        ("2026-10-01 15:23:24 GMT", OCT_1_COLOMBIA),
        ("2026-10-01 15:23:24 Z", OCT_1_COLOMBIA),
        ("2026-10-01T15:23:24Z", OCT_1_COLOMBIA),
        ("2026-10-01 15:23:24 UTC+0", OCT_1_COLOMBIA),
        ("2026-10-01 15:23:24.000 +0000", OCT_1_COLOMBIA),
        ("2026-10-01 10:23:24 -05", OCT_1_COLOMBIA),
        ("2026-10-01T10:23:24-05", OCT_1_COLOMBIA),
        ("2026-10-01T10:23:24-0500", OCT_1_COLOMBIA),
        ("2026-10-01T11:23:24-04:00", OCT_1_COLOMBIA),
        ("2026-10-01T17:23:24+02:00", OCT_1_COLOMBIA),
        ("2026-10-01T20:53:24+05:30", OCT_1_COLOMBIA),
        # Google Forms: «GMT-5» is an offset of -5 h, Colombian time already.
        ("2026/10/26 6:30:20 p. m. GMT-5", datetime(2026, 10, 26, 18, 30, 20)),
        ("2026/10/26 18:30:20 GMT-5", datetime(2026, 10, 26, 18, 30, 20)),
        ("26/10/2026 6:30:20 PM GMT-05:00", datetime(2026, 10, 26, 18, 30, 20)),
        ("26/10/2026 23:30:20 GMT", datetime(2026, 10, 26, 18, 30, 20)),
        ("26/10/2026 2:30 a. m. UTC", datetime(2026, 10, 25, 21, 30)),  # the day before
        ("2026-10-01 UTC", datetime(2026, 9, 30, 19, 0)),  # an ISO date alone, as «…Z»
    ],
)
def test_a_date_time_with_its_zone_is_moved_to_colombian_time(
    cell: str, expected: datetime
) -> None:
    assert parse_datetime(cell) == expected


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("2026-13-01 UTC", "Fecha imposible: 2026-13-01 UTC"),
        ("2026-13-01 15:23:24 UTC", "Fecha imposible: 2026-13-01 15:23:24 UTC"),
        ("31/09/2026 10:00 GMT-5", "Fecha imposible: 31/09/2026 10:00 GMT-5"),
        ("2026-10-01 15:23:24 GMT+15", "Zona horaria imposible: 2026-10-01 15:23:24 GMT+15"),
        ("2026-10-01 15:23:24 -05:75", "Zona horaria imposible: 2026-10-01 15:23:24 -05:75"),
        ("2026-10-01 15:23:24 COT", "Fecha ilegible: '2026-10-01 15:23:24 COT'"),
        ("2026-10-01 15:23:24 UTC UTC", "Fecha ilegible: '2026-10-01 15:23:24 UTC UTC'"),
        # A day-first date without a time has no instant to move.
        ("01/10/2026 UTC", "Fecha ilegible: '01/10/2026 UTC'"),
    ],
)
def test_impossible_or_unknown_zones_are_refused(cell: str, reason: str) -> None:
    with pytest.raises(ValueProblem) as problem:
        parse_datetime(cell)
    assert problem.value.reason == reason


def test_a_zone_does_not_change_the_order_of_a_numeric_date() -> None:
    assert parse_datetime("10/01/2026 15:00 UTC") == datetime(2026, 1, 10, 10, 0)
    assert parse_datetime_month_first("10/01/2026 15:00 UTC") == datetime(2026, 10, 1, 10, 0)
    with pytest.raises(ValueProblem, match="no se puede leer en el orden mes/día/año"):
        parse_datetime_month_first("26/10/2026 6:30:20 PM GMT-05:00")


# -- dates with the month's name, in Spanish or English -----------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Oct 1, 2026 12:09:25 PM", datetime(2026, 10, 1, 12, 9, 25)),  # tawk.to
        ("Oct 8, 2026 7:36:37 AM", datetime(2026, 10, 8, 7, 36, 37)),
        ("Thu, 01 Oct 2026 20:54:03", datetime(2026, 10, 1, 20, 54, 3)),  # Five9
        ("Thu, 01 Oct 2026 20:54:03 +0000", datetime(2026, 10, 1, 15, 54, 3)),
        ("Thu, 01 Oct 2026 20:54:03 GMT", datetime(2026, 10, 1, 15, 54, 3)),
        ("Thu Oct 01 2026 15:54:03 GMT-0500", datetime(2026, 10, 1, 15, 54, 3)),  # JavaScript
        ("Oct 12 2026 12:58PM", datetime(2026, 10, 12, 12, 58)),  # SQL Server
        ("Oct  1 2026  9:15AM", datetime(2026, 10, 1, 9, 15)),
        ("01-Oct-2026 09:15", datetime(2026, 10, 1, 9, 15)),
        ("1 October 2026 9:15", datetime(2026, 10, 1, 9, 15)),
        ("October 1, 2026 at 9:15 AM", datetime(2026, 10, 1, 9, 15)),
        ("1st October 2026", datetime(2026, 10, 1)),
        ("OCT. 1, 2026", datetime(2026, 10, 1)),
        ("oct 1 2026", datetime(2026, 10, 1)),
        ("1 Sept. 2026", datetime(2026, 9, 1)),
        ("Dec 24, 2026 11:59 PM", datetime(2026, 12, 24, 23, 59)),
        ("03-oct-2026", datetime(2026, 10, 3)),
        ("03-OCT.-2026", datetime(2026, 10, 3)),
        ("1 de octubre de 2026 a las 9:15", datetime(2026, 10, 1, 9, 15)),
        ("jueves, 1 de octubre de 2026", datetime(2026, 10, 1)),
        ("Jue. 1 Oct. 2026 3:05 p. m.", datetime(2026, 10, 1, 15, 5)),
        ("octubre 1 de 2026", datetime(2026, 10, 1)),
        ("Ene 5, 2026", datetime(2026, 1, 5)),
        ("5 de Setiembre de 2026", datetime(2026, 9, 5)),
        ("sábado, 3 de octubre de 2026 10:00 a. m.", datetime(2026, 10, 3, 10, 0)),
        # Oracle TIMESTAMP, as SQL Developer writes it: dots in the time
        ("01-OCT-26 08.15.00.000000000 AM", datetime(2026, 10, 1, 8, 15)),
        ("13-OCT-26 04.20.09.000000 PM", datetime(2026, 10, 13, 16, 20, 9)),
        ("15-OCT-2026 11.05.09 PM", datetime(2026, 10, 15, 23, 5, 9)),
    ],
)
def test_dates_with_the_month_name_are_read_in_either_language(
    cell: str, expected: datetime
) -> None:
    assert parse_datetime(cell) == expected
    # A month's name leaves no doubt: a month-first column reads it the same.
    assert parse_datetime_month_first(cell) == expected


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("Feb 30, 2026", "Fecha imposible: Feb 30, 2026"),
        ("30 de febrero de 2026", "Fecha imposible: 30 de febrero de 2026"),
        ("Sep 31 2026 10:00AM", "Fecha imposible: Sep 31 2026 10:00AM"),
        ("Oct 1, 2026 13:05 PM", "Hora imposible: Oct 1, 2026 13:05 PM"),
        ("Fri, 01 Oct 2026 20:54:03", "El día de la semana no corresponde a la fecha: "
         "Fri, 01 Oct 2026 20:54:03"),
        ("Octo 1, 2026", "Fecha ilegible: 'Octo 1, 2026'"),
        ("Blah, 01 Oct 2026", "Fecha ilegible: 'Blah, 01 Oct 2026'"),
        ("Oct 1, 26", "Fecha ilegible: 'Oct 1, 26'"),  # month first: four-digit years only
        ("Oct 2026", "Fecha ilegible: 'Oct 2026'"),
        ("1 Oct 1926", "Fecha fuera del rango admitido (1950–2100): 1 Oct 1926"),
    ],
)  # fmt: skip
def test_month_name_dates_that_cannot_be_are_refused(cell: str, reason: str) -> None:
    with pytest.raises(ValueProblem) as problem:
        parse_datetime(cell)
    assert problem.value.reason == reason


def test_a_time_column_takes_the_time_of_a_month_name_date() -> None:
    assert parse_time("Oct 12 2026 12:58PM") == time(12, 58)


# -- NULL written by databases in empty cells -------------------------------------------

NULLS = ["NULL", "(null)", "<NULL>", " NULL "]
ALL_PARSERS = [
    parse_text,
    parse_key,
    parse_datetime,
    parse_datetime_month_first,
    parse_date,
    parse_time,
    parse_integer,
    parse_decimal,
    parse_duration,
    parse_boolean,
    parse_digits,
]


@pytest.mark.parametrize("cell", NULLS)
@pytest.mark.parametrize("parse", ALL_PARSERS, ids=lambda p: p.__name__)
def test_a_database_null_is_a_blank_cell_for_every_kind(
    parse: Callable[[Cell], object], cell: str
) -> None:
    assert parse(cell) is None


@pytest.mark.parametrize("cell", ["NULLO", "null", "Null", "NULL NULL", "(NULL", "NULL."])
def test_text_that_only_looks_like_null_stays_text(cell: str) -> None:
    assert parse_text(cell) == cell
    assert parse_key(cell) == cell
    with pytest.raises(ValueProblem, match="La identificación no es un número"):
        parse_digits(cell)
    with pytest.raises(ValueProblem, match="Fecha ilegible"):
        parse_datetime(cell)


# -- waits written with units -------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("167s", 167),  # tawk.to
        ("167 s", 167),
        ("167 seg", 167),
        ("167 segundos", 167),
        ("167 sec.", 167),
        ("2m 47s", 167),
        ("2m47s", 167),
        ("1 min 5 s", 65),
        ("2 minutos 47 segundos", 167),
        ("2 min., 47 seg.", 167),
        ("2 Min 47 S", 167),
        ("22m 37s", 1357),
        ("90 min", 5400),
        ("1,5 min", 90),
        ("1 h", 3600),
        ("1h 2m 3s", 3723),
        ("1 hora 05 minutos", 3900),
        ("2 hours 1 second", 7201),
        ("3.6s", 4),
        ("00:02:47.500", 168),  # fractions of a second are rounded
        ("00:02:47,4", 167),
        ("02:47.6", 168),
    ],
)
def test_waits_with_units_are_read_in_seconds(cell: str, expected: int) -> None:
    assert parse_duration(cell) == expected


@pytest.mark.parametrize(
    "cell",
    ["3s 2m", "2m 2m", "1h 75min", "1.5m 30s", "5 min 5", "1500ms", "2 días", "s", "min 5",
     "2 minutos y 47 segundos", "00:02:60.5", "NULLO"],
)  # fmt: skip
def test_other_waits_with_words_are_refused(cell: str) -> None:
    with pytest.raises(ValueProblem) as problem:
        parse_duration(cell)
    assert problem.value.reason == f"La duración no es un número: '{cell}'"


def test_a_negative_wait_with_a_unit_is_refused() -> None:
    with pytest.raises(ValueProblem, match="La duración no puede ser negativa: '-5s'"):
        parse_duration("-5s")


@pytest.mark.parametrize(
    ("cell", "seconds"),
    [("PT1M30S", 90), ("PT45S", 45), ("PT1H5M", 3900), ("PT0.6S", 1), ("pt2m", 120)],
)
def test_iso_8601_durations_are_read(cell: str, seconds: int) -> None:
    assert parse_duration(cell) == seconds


@pytest.mark.parametrize("cell", ["P", "PT", "PT1X", "T1M"])
def test_what_only_looks_like_an_iso_duration_is_refused(cell: str) -> None:
    with pytest.raises(ValueProblem):
        parse_duration(cell)
