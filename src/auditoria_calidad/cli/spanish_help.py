"""Spanish for the words argparse writes itself (usage, option titles, errors).

argparse translates its own messages through gettext; the project ships no message
catalogue, so the few strings it uses are given here and installed once.
"""

from __future__ import annotations

import argparse

_SPANISH = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos",
    "options": "opciones",
    "optional arguments": "opciones",
    "show this help message and exit": "mostrar esta ayuda y salir",
    "show program's version number and exit": "mostrar la versión y salir",
    "the following arguments are required: %s": "faltan argumentos obligatorios: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "expected one argument": "se esperaba un valor",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "valor no válido (%(type)s): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "opción no válida: %(value)r (elija entre %(choices)s)"
    ),
    "not allowed with argument %s": "no se permite junto con %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "opción ambigua: %(option)s puede ser %(matches)s"
    ),
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
}


def _translate(message: str) -> str:
    return _SPANISH.get(message, message)


def install() -> None:
    """Make argparse speak Spanish (idempotent)."""
    argparse._ = _translate  # type: ignore[attr-defined]
