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
    "expected at least one argument": "se esperaba al menos un valor",
    "expected at most one argument": "se esperaba a lo sumo un valor",
    "one of the arguments %s is required": "se requiere uno de estos argumentos: %s",
    "ignored explicit argument %r": "se ignoró el valor explícito %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "sub-comando desconocido %(parser_name)r (opciones: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "no se pudo abrir «%(filename)s»: %(error)s",
    "unexpected option string: %s": "opción inesperada: %s",
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


# argparse's messages that depend on a count (ngettext): singular, plural.
_SPANISH_PLURALS = {
    ("expected %s argument", "expected %s arguments"): (
        "se esperaba %s valor",
        "se esperaban %s valores",
    ),
    ("conflicting option string: %s", "conflicting option strings: %s"): (
        "opción repetida: %s",
        "opciones repetidas: %s",
    ),
}


def _translate(message: str) -> str:
    return _SPANISH.get(message, message)


def _translate_plural(singular: str, plural: str, n: int) -> str:
    one, many = _SPANISH_PLURALS.get((singular, plural), (singular, plural))
    return one if n == 1 else many


def install() -> None:
    """Make argparse speak Spanish (idempotent)."""
    argparse._ = _translate  # type: ignore[attr-defined]
    argparse.ngettext = _translate_plural  # type: ignore[attr-defined]
