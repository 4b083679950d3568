"""Numbers and dates as a Colombian reader expects them: 1.234, 90,5, 31/01/2025 14:05."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QLocale

COLOMBIA = QLocale(QLocale.Language.Spanish, QLocale.Country.Colombia)


def count(value: int) -> str:
    """An integer with the thousands separator (a dot)."""
    return COLOMBIA.toString(int(value))


def decimal(value: Decimal | float, places: int = 1) -> str:
    """A number with a decimal comma and no thousands grouping surprises."""
    return COLOMBIA.toString(float(value), "f", places)


def percent(value: Decimal | float, places: int = 1) -> str:
    return f"{decimal(value, places)} %"


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def moment(value: datetime | None) -> str:
    """Date and 24-hour time, or an empty string."""
    return value.strftime("%d/%m/%Y %H:%M") if value else ""


def plural(n: int, singular: str, plural_form: str) -> str:
    return f"{count(n)} {singular if n == 1 else plural_form}"
