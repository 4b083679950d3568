"""A requester written with their e-mail address, as CRMs show a contact: «María José
Rodríguez (mariajose@correo.com)», «Jhon Quiñones <jhon.q@correo.com>».

When most of the requester column's first values are written so, the column is read as
names: the address in parentheses or angle brackets at the end is left out (the summary
says so), so that the requester's name is a name and no address travels into the forms
and reports. A value without an address is kept as it is; a column where only a few
values carry one is read as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from auditoria_calidad.importing.values import Cell, cell_text

_WITH_ADDRESS = re.compile(
    r"\s*(\S.*?)\s*[(<]\s*[^\s()<>@]+@[^\s()<>@]+\.[^\s()<>@]+\s*[)>]\s*", re.S
)
MOST = 0.8  # share of the first values written with an address that makes it the column's form


def without_address(text: str) -> str:
    """The name of «Nombre (correo)» or «Nombre <correo>»; any other text as it is."""
    match = _WITH_ADDRESS.fullmatch(text)
    return match.group(1) if match else text


def written_with_addresses(cells: Sequence[Cell]) -> bool:
    """Whether most of ``cells`` (a column's first non-blank values) are «Nombre (correo)»."""
    texts = [cell_text(c).strip() for c in cells]
    texts = [t for t in texts if t]
    with_address = sum(_WITH_ADDRESS.fullmatch(t) is not None for t in texts)
    return bool(texts) and with_address >= MOST * len(texts)


def names_only(parse: Callable[[Cell], object]) -> Callable[[Cell], object]:
    """``parse``, then the address left out of a text value."""

    def parse_name(cell: Cell) -> object:
        value = parse(cell)
        return without_address(value) if isinstance(value, str) else value

    return parse_name


def addresses_note(header: str) -> str:
    return (
        f"«{header}» trae el nombre de cada usuario con su correo electrónico: se guardó solo "
        "el nombre."
    )
