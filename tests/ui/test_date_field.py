"""DateField: typed dd/mm/aaaa digit by digit, empty until chosen, required when asked."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from auditoria_calidad.ui.date_field import DateField, parse_day


@pytest.fixture
def field(qtbot) -> DateField:  # type: ignore[no-untyped-def]
    widget = DateField("la fecha de compromiso")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_into(qtbot, field: DateField, text: str) -> None:  # type: ignore[no-untyped-def]
    field.edit.setFocus()
    field.edit.setCursorPosition(0)
    qtbot.keyClicks(field.edit, text)


def test_typing_the_digits_gives_the_date(qtbot, field: DateField) -> None:
    changes: list[object] = []
    field.dateChanged.connect(changes.append)
    type_into(qtbot, field, "15122026")
    assert field.edit.text() == "15/12/2026"
    assert field.date() == date(2026, 12, 15)
    assert changes[-1] == date(2026, 12, 15)
    assert field.require() == date(2026, 12, 15) and not field.message.isVisible()


def test_typing_with_slashes_and_without_leading_zeros_also_works(qtbot, field) -> None:
    type_into(qtbot, field, "1/5/2026")
    assert field.date() == date(2026, 5, 1)


def test_a_required_field_starts_empty_and_is_refused_with_a_message(field: DateField) -> None:
    assert field.is_empty() and field.date() is None
    assert field.edit.displayText() == "__/__/____"
    assert field.require() is None
    assert field.message.isVisible()
    assert field.message.text() == "Falta la fecha de compromiso."


def test_an_impossible_or_incomplete_date_is_refused_not_guessed(qtbot, field) -> None:
    type_into(qtbot, field, "31022026")
    assert field.date() is None
    assert field.require() is None
    assert "31/02/2026 no es válida" in field.message.text()
    field.clear()
    type_into(qtbot, field, "1012")
    assert field.require() is None and "no es válida" in field.message.text()
    # Correcting it hides the message.
    field.clear()
    type_into(qtbot, field, "10122026")
    assert not field.message.isVisible() and field.date() == date(2026, 12, 10)


def test_an_optional_empty_field_is_accepted_without_a_message(qtbot) -> None:
    optional = DateField("la fecha", required=False)
    qtbot.addWidget(optional)
    assert optional.require() is None and not optional.message.isVisible()


def test_set_date_accepts_a_date_a_qdate_or_none(field: DateField) -> None:
    field.setDate(date(2026, 1, 31))
    assert field.edit.text() == "31/01/2026"
    field.setDate(QDate(2026, 2, 1))
    assert field.date() == date(2026, 2, 1)
    field.setDate(None)
    assert field.is_empty()


def test_picking_in_the_calendar_fills_the_field(field: DateField) -> None:
    field.show_calendar()
    field.calendar.clicked.emit(QDate(2026, 11, 20))
    assert field.date() == date(2026, 11, 20) and not field.calendar.isVisible()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/10/2026", date(2026, 10, 5)),
        ("5/10/2026", date(2026, 10, 5)),
        ("29/02/2025", None),
        ("//", None),
        ("05/10/26", None),
        ("aa/bb/cccc", None),
    ],
)
def test_parse_day(text: str, expected: date | None) -> None:
    assert parse_day(text) == expected
