"""Numbers and dates written as a Colombian reader expects them in a report.

1.234 (thousands with a dot), 52,3 % (decimal comma, a space before the sign),
31/05/2024 and 31/05/2024 14:05 (24-hour clock). Missing values print as an em dash.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from auditoria_calidad.domain.plurals import noun

MISSING = "—"

MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)


def count(value: int | None) -> str:
    """An integer with a dot as thousands separator: 16.468."""
    if value is None:
        return MISSING
    return f"{int(value):,}".replace(",", ".")


def plural(n: int, singular: str, plural_form: str) -> str:
    """«1 inconsistencia», «1.500 registros»: the count and the right form of the noun."""
    return f"{count(n)} {noun(n, singular, plural_form)}"


def decimal(value: Decimal | float | int | None, places: int = 1) -> str:
    """A number rounded half-up with a decimal comma and dotted thousands: 1.234,5."""
    if value is None:
        return MISSING
    exponent = Decimal(1).scaleb(-places)
    rounded = Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def percent(value: Decimal | float | int | None, places: int = 1) -> str:
    """A percentage (0–100 scale) with a decimal comma: 52,3 %."""
    if value is None:
        return MISSING
    return f"{decimal(value, places)}\u00a0%"


def share(part: int, whole: int) -> Decimal | None:
    """part / whole on the 0–100 scale, or None when whole is 0."""
    if not whole:
        return None
    return Decimal(100) * Decimal(part) / Decimal(whole)


def day(value: date | datetime | None) -> str:
    """dd/mm/aaaa."""
    return value.strftime("%d/%m/%Y") if value else MISSING


def moment(value: datetime | date | None) -> str:
    """dd/mm/aaaa hh:mm, or only the date when there is no time part."""
    if value is None:
        return MISSING
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return day(value)


def period(start: date, end: date) -> str:
    """01/05/2024 a 31/05/2024."""
    return f"{day(start)} a {day(end)}"


def month_name(year: int, month: int) -> str:
    """mayo de 2024."""
    return f"{MONTHS[month - 1]} de {year}"


def short_month(year: int, month: int) -> str:
    """may. 2024 (for chart axes)."""
    return f"{MONTHS[month - 1][:3]}. {year}"


def hours(value: Decimal | float | None) -> str:
    """5,2 h."""
    return MISSING if value is None else f"{decimal(value, 1)}\u00a0h"


def seconds(value: int | None) -> str:
    """A wait in minutes and seconds: 1:05 min, or 45 s."""
    if value is None:
        return MISSING
    minutes, rest = divmod(int(value), 60)
    return f"{minutes}:{rest:02d}\u00a0min" if minutes else f"{rest}\u00a0s"


def yes_no(value: bool | None) -> str:
    return MISSING if value is None else ("Sí" if value else "No")
