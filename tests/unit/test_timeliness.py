"""Specification of timeliness: the 24-hour rule, business hours and legal deadlines."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditoria_calidad.domain.fields import RequestType
from auditoria_calidad.domain.timeliness import (
    Clock,
    TimelinessError,
    WorkingCalendar,
    add_business_days,
    classify_request_type,
    evaluate_timeliness,
    hours_to_answer,
    is_within,
    legal_deadline,
    within_by_day,
)

CO = WorkingCalendar()


def business(received: datetime, answered: datetime) -> float:
    return hours_to_answer(received, answered, Clock.BUSINESS, CO)


# --- the 24-hour rule (calendar clock) -------------------------------------------------


def test_answer_one_minute_before_24_hours_is_23_983_hours_and_within() -> None:
    hours = hours_to_answer(datetime(2024, 3, 5, 10, 0), datetime(2024, 3, 6, 9, 59))
    assert hours == pytest.approx(23 + 59 / 60)
    assert round(hours, 3) == 23.983
    assert is_within(hours, 24)


def test_answer_exactly_at_24_hours_is_within() -> None:
    hours = hours_to_answer(datetime(2024, 3, 5, 10, 0), datetime(2024, 3, 6, 10, 0))
    assert hours == 24.0
    assert is_within(hours, 24)


def test_answer_one_minute_after_24_hours_is_not_within() -> None:
    hours = hours_to_answer(datetime(2024, 3, 5, 10, 0), datetime(2024, 3, 6, 10, 1))
    assert not is_within(hours, 24)


def test_answer_one_second_after_24_hours_is_not_within() -> None:
    hours = hours_to_answer(datetime(2024, 3, 5, 10, 0), datetime(2024, 3, 6, 10, 0, 1))
    assert not is_within(hours, Decimal(24))


def test_calendar_clock_counts_weekends_and_holidays() -> None:
    # Fri 03/05/2024 10:00 → Tue 14/05/2024 10:00 crosses a weekend and Mon 13 May (holiday).
    hours = hours_to_answer(datetime(2024, 5, 3, 10), datetime(2024, 5, 14, 10))
    assert hours == 11 * 24


def test_calendar_clock_crosses_year_end_and_leap_day() -> None:
    assert hours_to_answer(datetime(2024, 12, 31, 10), datetime(2025, 1, 1, 9, 59)) < 24
    assert hours_to_answer(datetime(2024, 2, 28, 10), datetime(2024, 2, 29, 10)) == 24


def test_answer_before_receipt_is_a_user_error_in_spanish() -> None:
    with pytest.raises(TimelinessError, match="anterior a la fecha de ingreso"):
        hours_to_answer(datetime(2024, 3, 6, 10), datetime(2024, 3, 5, 10))


# --- business clock ----------------------------------------------------------------------


def test_business_clock_skips_the_weekend() -> None:
    # Fri 01/03/2024 16:30 → Mon 04/03/2024 08:30: 30 min on Friday + 30 min on Monday.
    assert business(datetime(2024, 3, 1, 16, 30), datetime(2024, 3, 4, 8, 30)) == 1.0


def test_business_clock_skips_labour_day_1_may_2024() -> None:
    # Tue 30/04 15:00 → Thu 02/05 10:00: 2 h on Tuesday, Wed 1 May is a holiday, 2 h Thursday.
    assert business(datetime(2024, 4, 30, 15), datetime(2024, 5, 2, 10)) == 4.0


def test_business_clock_skips_ascension_moved_to_monday_13_may_2024() -> None:
    # Fri 10/05 17:30 (after hours) → Tue 14/05 08:15: weekend and Mon 13 May count 0.
    assert business(datetime(2024, 5, 10, 17, 30), datetime(2024, 5, 14, 8, 15)) == 0.25


def test_business_clock_skips_independence_day_20_july_on_a_weekday() -> None:
    # 20 July 2023 was a Thursday: Wed 16:00-17:00 = 1 h, Thursday 0, Fri 08:00-09:00 = 1 h.
    received, answered = datetime(2023, 7, 19, 16), datetime(2023, 7, 21, 9)
    assert business(received, answered) == 2.0
    assert hours_to_answer(received, answered) == 41.0


def test_business_clock_skips_christmas() -> None:
    # Tue 24/12/2024 16:00 → Thu 26/12 09:00: 1 h + 0 (Wed 25 Dec) + 1 h.
    assert business(datetime(2024, 12, 24, 16), datetime(2024, 12, 26, 9)) == 2.0


def test_business_clock_across_month_end_and_a_monday_holiday() -> None:
    # Fri 31/05/2024 16:00 → Tue 04/06 09:00: 1 h, weekend, Mon 3 June (Corpus Christi), 1 h.
    assert business(datetime(2024, 5, 31, 16), datetime(2024, 6, 4, 9)) == 2.0


def test_business_clock_across_year_end() -> None:
    # Tue 31/12/2024 16:00 → Thu 02/01/2025 08:30: 1 h + 0 (1 Jan) + 0.5 h.
    assert business(datetime(2024, 12, 31, 16), datetime(2025, 1, 2, 8, 30)) == 1.5


def test_business_clock_follows_configured_weekdays_and_hours() -> None:
    saturday_shift = WorkingCalendar(weekdays=frozenset({1, 2, 3, 4, 5, 6}), end=time(18))
    # Sat 02/03/2024 17:00 → Mon 04/03 09:00: 1 h on Saturday, Sunday 0, 1 h on Monday.
    hours = hours_to_answer(
        datetime(2024, 3, 2, 17), datetime(2024, 3, 4, 9), "business", saturday_shift
    )
    assert hours == 2.0


_instants = st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2025, 12, 31))


@given(_instants, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=40)))
def test_business_hours_never_exceed_calendar_hours(received: datetime, span: timedelta) -> None:
    answered = received + span
    assert 0 <= business(received, answered) <= hours_to_answer(received, answered) + 1e-9


@given(
    _instants,
    st.timedeltas(timedelta(0), timedelta(days=20)),
    st.timedeltas(timedelta(0), timedelta(days=20)),
)
def test_business_hours_add_up_over_consecutive_intervals(
    start: datetime, first: timedelta, second: timedelta
) -> None:
    middle, end = start + first, start + first + second
    assert business(start, end) == pytest.approx(business(start, middle) + business(middle, end))


# --- working calendar as data ------------------------------------------------------------


def test_calendar_round_trips_through_plain_data() -> None:
    calendar = WorkingCalendar(
        weekdays=frozenset({1, 2, 3, 4, 5, 6}),
        start=time(7, 30),
        end=time(19),
        extra_holidays=frozenset({date(2024, 12, 24)}),
    )
    assert WorkingCalendar.from_dict(calendar.to_dict()) == calendar
    assert calendar.is_holiday(date(2024, 12, 24))


def test_calendar_knows_colombian_holidays_by_spanish_name() -> None:
    assert CO.holiday_name(date(2024, 5, 13)) is not None
    assert "Navidad" in (CO.holiday_name(date(2024, 12, 25)) or "")
    assert CO.holiday_name(date(2024, 5, 14)) is None


@pytest.mark.parametrize(
    "data",
    [{"start": "17:00", "end": "08:00"}, {"weekdays": [0]}, {"start": "8h"}, {"end": "25:00"}],
)
def test_calendar_rejects_invalid_data_in_spanish(data: dict[str, object]) -> None:
    with pytest.raises(TimelinessError):
        WorkingCalendar.from_dict(data)


# --- legal deadlines (Ley 1755 de 2015, art. 14) ------------------------------------------


def test_peticion_deadline_skips_1_may_and_13_may_2024() -> None:
    # Received Fri 26/04/2024. Business days from the day after:
    # Mon 29/04 (1), Tue 30/04 (2), [Wed 01/05 holiday], Thu 02/05 (3), Fri 03/05 (4),
    # Mon 06 (5), Tue 07 (6), Wed 08 (7), Thu 09 (8), Fri 10 (9), [Mon 13/05 Ascension],
    # Tue 14 (10), Wed 15 (11), Thu 16 (12), Fri 17 (13), Mon 20 (14), Tue 21/05 (15).
    deadline = legal_deadline(datetime(2024, 4, 26, 9), "Petición", CO)
    assert (deadline.days, deadline.due_date) == (15, date(2024, 5, 21))
    assert deadline.request_type is RequestType.PETICION


def test_documents_deadline_is_10_business_days() -> None:
    # Same count as above, stopping at day 10: Tue 14/05/2024.
    deadline = legal_deadline(datetime(2024, 4, 26, 9), "Solicitud de documentos", CO)
    assert (deadline.days, deadline.due_date) == (10, date(2024, 5, 14))


def test_consulta_deadline_is_30_business_days_skipping_june_mondays() -> None:
    # From day 15 = Tue 21/05/2024: Wed 22 (16), Thu 23 (17), Fri 24 (18), Mon 27 (19),
    # Tue 28 (20), Wed 29 (21), Thu 30 (22), Fri 31 (23), [Mon 03/06 Corpus Christi],
    # Tue 04 (24), Wed 05 (25), Thu 06 (26), Fri 07 (27), [Mon 10/06 Sagrado Corazón],
    # Tue 11 (28), Wed 12 (29), Thu 13/06/2024 (30).
    deadline = legal_deadline(datetime(2024, 4, 26, 9), "Consulta", CO)
    assert (deadline.days, deadline.due_date) == (30, date(2024, 6, 13))


def test_queja_deadline_across_year_end() -> None:
    # Received Fri 20/12/2024: Mon 23 (1), Tue 24 (2), [Wed 25 Christmas], Thu 26 (3),
    # Fri 27 (4), Mon 30 (5), Tue 31 (6), [Wed 01/01/2025], Thu 02 (7), Fri 03 (8),
    # [Mon 06/01 Reyes Magos], Tue 07 (9), Wed 08 (10), Thu 09 (11), Fri 10 (12),
    # Mon 13 (13), Tue 14 (14), Wed 15/01/2025 (15).
    deadline = legal_deadline(datetime(2024, 12, 20, 18), "PQR - Queja", CO)
    assert (deadline.days, deadline.due_date) == (15, date(2025, 1, 15))


def test_request_received_on_a_saturday_counts_from_monday() -> None:
    # Received Sat 20/07/2024 (a holiday too): Mon 22 (1) ... Fri 26 (5), Mon 29 (6) ...
    # Fri 02/08 (10).
    assert legal_deadline(date(2024, 7, 20), "documentos", CO).due_date == date(2024, 8, 2)


def test_unknown_request_type_gets_the_general_15_days() -> None:
    deadline = legal_deadline(datetime(2024, 4, 26, 9), None, CO)
    assert deadline.days == 15 and deadline.request_type is None
    assert legal_deadline(datetime(2024, 4, 26), "Otro trámite", CO).days == 15


def test_legal_days_ignore_the_contact_centre_saturdays() -> None:
    saturday_shift = WorkingCalendar(weekdays=frozenset({1, 2, 3, 4, 5, 6}))
    assert add_business_days(date(2024, 4, 26), 15, saturday_shift) == date(2024, 5, 21)


def test_deadline_is_met_on_the_due_date_and_missed_the_day_after() -> None:
    deadline = legal_deadline(datetime(2024, 4, 26, 9), "Reclamo", CO)
    assert deadline.is_met(datetime(2024, 5, 21, 23, 59))
    assert not deadline.is_met(datetime(2024, 5, 22, 0, 0))
    assert deadline.is_met(None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Petición", RequestType.PETICION),
        ("PETICION", RequestType.PETICION),
        ("Derecho de petición", RequestType.PETICION),
        ("PQR - Queja", RequestType.QUEJA),
        ("Reclamo", RequestType.RECLAMO),
        ("reclamación", RequestType.RECLAMO),
        ("Solicitud de documentos", RequestType.DOCUMENTOS),
        ("Solicitud de información", RequestType.DOCUMENTOS),
        ("SOLICITUD DE INFORMACION", RequestType.DOCUMENTOS),
        ("Consulta", RequestType.CONSULTA),
        ("Sugerencia", RequestType.SUGERENCIA),
        ("Felicitación", RequestType.FELICITACION),
        ("PQRS", None),
        ("", None),
        (None, None),
    ],
)
def test_classify_request_type_reads_free_crm_text(
    text: str | None, expected: RequestType | None
) -> None:
    assert classify_request_type(text) is expected


# --- everything together ------------------------------------------------------------------


def test_timeliness_result_combines_the_hour_rule_and_the_legal_deadline() -> None:
    result = evaluate_timeliness(
        datetime(2024, 4, 26, 10), datetime(2024, 4, 27, 10, 1), "Queja", limit_hours=24
    )
    assert result.hours == pytest.approx(24 + 1 / 60)
    assert result.within is False
    assert result.due_date == date(2024, 5, 21)
    assert result.legal_met is True
    assert result.clock is Clock.CALENDAR


def test_unanswered_record_has_no_hours_and_no_verdict() -> None:
    result = evaluate_timeliness(datetime(2024, 4, 26, 10), None, "Consulta")
    assert (result.hours, result.within, result.legal_met) == (None, None, None)
    assert result.legal.days == 30


# --- the holiday calendar -------------------------------------------------------------------


def test_2026_holidays_include_the_chiquinquira_day_moved_to_monday() -> None:
    assert CO.holiday_name(date(2026, 7, 13)) == (
        "Día de Nuestra Señora del Rosario de Chiquinquirá (observado)"
    )
    assert CO.holiday_name(date(2025, 7, 14)) is None  # the law applies from 2026
    # 29 June 2026 is a Monday: Saint Peter stays on its day, without «(observado)».
    assert CO.holiday_name(date(2026, 6, 29)) == "San Pedro y San Pablo"


@pytest.mark.parametrize(
    ("received", "answered_day", "clock", "expected"),
    [
        (datetime(2026, 10, 5, 9, 0), date(2026, 10, 5), Clock.CALENDAR, True),
        (datetime(2026, 10, 5, 9, 0), date(2026, 10, 6), Clock.CALENDAR, None),
        (datetime(2026, 10, 5, 9, 0), date(2026, 10, 7), Clock.CALENDAR, False),
        (datetime(2026, 10, 5, 0, 0), date(2026, 10, 6), Clock.CALENDAR, None),
        # Friday afternoon to Monday: 24 business hours are not over by Monday's end.
        (datetime(2026, 10, 9, 15, 0), date(2026, 10, 13), Clock.BUSINESS, True),
        (datetime(2026, 10, 5, 9, 0), date(2026, 10, 12), Clock.BUSINESS, False),
    ],
)  # fmt: skip
def test_an_answer_known_by_its_day_is_judged_only_where_the_day_decides(
    received, answered_day, clock, expected
) -> None:
    assert within_by_day(received, answered_day, 24, clock, CO) is expected


def test_the_timeliness_of_a_day_only_answer_has_no_hours_and_keeps_the_legal_deadline() -> None:
    result = evaluate_timeliness(
        datetime(2026, 10, 5, 9, 0), datetime(2026, 10, 6), "Petición", answered_day_only=True
    )
    assert result.hours is None and result.within is None and result.answered_day_only
    assert result.legal_met is True
    with pytest.raises(TimelinessError):
        within_by_day(datetime(2026, 10, 5, 9, 0), date(2026, 10, 4), 24)
