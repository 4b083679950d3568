"""Numbers and dates as a Colombian reader expects them: 1.234, 90,5, 31/01/2025 14:05."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QLocale

from auditoria_calidad.domain.plurals import noun

COLOMBIA = QLocale(QLocale.Language.Spanish, QLocale.Country.Colombia)
NOT_JUDGED = "—"  # a score before any criterion is judged


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
    """«1 fila», «1.500 filas»: the count with the dot and the right form of the noun."""
    return f"{count(n)} {noun(n, singular, plural_form)}"


def score(value: Decimal | float | None, places: int = 2) -> str:
    """A score, or «—» while nothing has been judged (never a 100 that means nothing)."""
    return NOT_JUDGED if value is None else decimal(value, places)
