"""Identity numbers (cédula, NIT, tarjeta de identidad) as exports write them: with
thousands dots, as floats, after the document's kind («CC 1.023.456.789»), with a NIT's
check digit; and the cells that name no one («N/A», «No registra»)."""

from __future__ import annotations

import math
import re

from auditoria_calidad.domain.agent_names import names_no_one
from auditoria_calidad.importing.values import NULL_TEXTS, Cell, ValueProblem, cell_text

_DIGIT_SEPARATORS = str.maketrans("", "", ". -\u00a0\u202f")
_FLOAT_TEXT_OF_INTEGER = re.compile(r"(\d+)\.0")
# «CC 1.023.456.789», «C.C. 52345678», «NIT 900.123.456-5»: the document's kind before the
# number, and a NIT's check digit after it (not part of the number)
_DOCUMENT = re.compile(
    r"(?:(?:C\.?\s?C|T\.?\s?I|C\.?\s?E|R\.?\s?C|NIT|NUIP|PEP|PPT)\.?\s*(?:N[o°º]\.?)?[\s:#]*)?"
    r"(\d[\d.\s\u00a0\u202f]*?)(?:\s?-\s?\d)?",
    re.I,
)
_THOUSANDS_COMMAS = re.compile(r"\d{1,3}(?:,\d{3})+")  # 1,023,456,789
# «1,02346E+09», «1.0234567E+9»: a number Excel showed in scientific notation and saved so.
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?[eE][+]?\d{1,2}")


def parse_digits(cell: Cell) -> str | None:
    """An identity number's digits: "1.020.345.678", 1020345678.0, "'1020345678", "CC 1020345678"
    → "1020345678"; a NIT's check digit is left out; «N/A», «No registra»: none."""
    if isinstance(cell, str):
        s = cell.strip()
        if not s:
            return None
        if s[0] == "'" and len(s) > 1 and s[1].isdigit():
            s = s[1:]
        if s.isascii() and s.isdigit():
            return s
        m = _FLOAT_TEXT_OF_INTEGER.fullmatch(s)  # a float written out by Excel or pandas
        if m is not None:
            return m.group(1)
        if _THOUSANDS_COMMAS.fullmatch(s):
            return s.replace(",", "")
        digits = s.translate(_DIGIT_SEPARATORS)
        if digits and digits.isascii() and digits.isdigit() and "-" not in s:
            return digits
        document = _DOCUMENT.fullmatch(s)
        if document is not None:
            return document.group(1).translate(_DIGIT_SEPARATORS)
        if digits and digits.isascii() and digits.isdigit():  # «1023-456-789»
            return digits
        if s in NULL_TEXTS or names_no_one(s):
            return None
        if _SCIENTIFIC.fullmatch(s):
            raise ValueProblem(
                f"La identificación está en notación científica ('{s}'): Excel la redondeó y "
                "perdió sus últimas cifras; corrija la celda (formato de texto) en el archivo"
            )
        raise ValueProblem(f"La identificación no es un número: '{s}'")
    if isinstance(cell, int) and not isinstance(cell, bool) and cell >= 0:
        return str(cell)
    if isinstance(cell, float) and math.isfinite(cell) and cell.is_integer() and cell >= 0:
        return str(int(cell))
    if cell is None:
        return None
    raise ValueProblem(f"La identificación no es un número: '{cell_text(cell)}'")
