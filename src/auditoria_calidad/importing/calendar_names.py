"""The names of months and weekdays that exports write in dates, Spanish and English, with
their common abbreviations («oct», «sept», «mié», «Thu»)."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("ene", "enero", "jan", "january"),
            ("feb", "febrero", "february"),
            ("mar", "marzo", "march"),
            ("abr", "abril", "apr", "april"),
            ("may", "mayo"),
            ("jun", "junio", "june"),
            ("jul", "julio", "july"),
            ("ago", "agosto", "aug", "august"),
            ("sep", "set", "sept", "septiembre", "setiembre", "september"),
            ("oct", "octubre", "october"),
            ("nov", "noviembre", "november"),
            ("dic", "diciembre", "dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# Monday is 0, as in datetime.weekday().
WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("lun", "lunes", "mon", "monday"),
            ("mar", "martes", "tue", "tues", "tuesday"),
            ("mié", "mie", "miércoles", "miercoles", "wed", "wednesday"),
            ("jue", "jueves", "thu", "thur", "thurs", "thursday"),
            ("vie", "viernes", "fri", "friday"),
            ("sáb", "sab", "sábado", "sabado", "sat", "saturday"),
            ("dom", "domingo", "sun", "sunday"),
        )
    )
    for name in names
}
