"""Encoding and delimiter of a CSV file exported by a CRM or saved from Excel.

The encoding is decided on the first 128 KiB: UTF-16 when there is a UTF-16 BOM, else
UTF-8 (with or without BOM) when that sample decodes strictly, else Windows-1252.
UTF-8 and Windows-1252 files are then decoded line by line (:class:`LineDecoder`): each
line as UTF-8 when it is valid UTF-8, else as Windows-1252. A file that mixes both (rows
pasted from two sources) keeps every line right instead of turning «Atención» into
«AtenciÃ³n», and the summary names the lines read as Windows-1252. A line that is
neither is an error naming it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from auditoria_calidad.domain.plurals import noun
from auditoria_calidad.importing.errors import ImportFileError

DELIMITERS = (";", ",", "\t", "|")  # order breaks ties: Spanish Excel saves with ";"
UTF8 = "utf-8-sig"  # also reads UTF-8 without BOM
WINDOWS_1252 = "cp1252"
_SAMPLE_BYTES = 128 * 1024
_SAMPLE_RECORDS = 200
_LABELS = {
    UTF8: "UTF-8",
    WINDOWS_1252: "Windows-1252",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (sin marca de orden de bytes)",
    "utf-16-be": "UTF-16 BE (sin marca de orden de bytes)",
}
# A text file with a stray NUL byte here and there (a damaged export) is still text: its
# rows that hold one are rejected. A binary file also holds the other control bytes.
_STRAY_NUL_SHARE = 0.05
_CONTROL_SHARE = 0.005
_CONTROL_BYTES = bytes([*range(1, 9), 11, 12, *range(14, 32)])


class EncodingMismatch(Exception):
    """Kept for callers that still catch it; lines are now decoded one by one."""


_LISTED_LINES = 10


@dataclass(frozen=True)
class CsvFormat:
    """How to read a CSV file, and about how many lines it has (for progress)."""

    encoding: str  # a Python codec name: "utf-8-sig", "cp1252", "utf-16"
    delimiter: str
    estimated_lines: int
    cr_only: bool = False  # lines end in "\r" alone (old Mac files)

    @property
    def line_by_line(self) -> bool:
        """True when the lines are decoded one by one (UTF-8 or Windows-1252)."""
        return self.encoding in (UTF8, WINDOWS_1252) and not self.cr_only

    @property
    def encoding_label(self) -> str:
        """The encoding as the user knows it."""
        return _LABELS.get(self.encoding, self.encoding)


def _decodes(sample: bytes, encoding: str, complete: bool) -> bool:
    try:
        # Not final when the sample was cut: it may end inside a multi-byte character.
        codecs.getincrementaldecoder(encoding)("strict").decode(sample, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def _is_utf8_text(line: bytes) -> bool:
    """True for a line with non-ASCII text that is valid UTF-8."""
    if line.isascii():
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path, sample: bytes, complete: bool) -> str:
    """The encoding of the file whose first bytes are ``sample``."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        wide = _utf16_without_bom(sample, complete)
        if wide is not None:
            return wide
        nuls = sample.count(b"\x00")
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if nuls > _STRAY_NUL_SHARE * len(sample) or controls > _CONTROL_SHARE * len(sample):
            raise ImportFileError(
                f"{path.name}: no es un archivo de texto CSV (parece un archivo binario). "
                "Si es un libro de Excel, guárdelo como .xlsx."
            )
    for encoding in (UTF8, WINDOWS_1252):
        if _decodes(sample, encoding, complete):
            return encoding
    if any(_is_utf8_text(line) for line in sample.splitlines()):
        # UTF-8 lines beside lines in another encoding: read line by line, which names
        # the lines that are neither UTF-8 nor Windows-1252.
        return WINDOWS_1252
    from charset_normalizer import from_bytes  # only for the rare unusual file

    best = from_bytes(sample).best()
    if best is not None and _decodes(sample, best.encoding, complete):
        return best.encoding
    raise ImportFileError(
        f"{path.name}: no se reconoce la codificación del archivo (se esperaba UTF-8 o "
        "Windows-1252). Guárdelo de nuevo como «CSV UTF-8»."
    )


def _utf16_without_bom(sample: bytes, complete: bool) -> str | None:
    """«utf-16-le» or «utf-16-be» for UTF-16 text written without its byte-order mark
    (some database tools): the high byte of nearly every character of a Latin text is
    NUL, at odd positions (little-endian) or even ones (big-endian)."""
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if (
            zeros.count(0) >= 0.7 * len(zeros)
            and others.count(0) <= 0.01 * len(others)
            and _decodes(sample[: len(sample) // 2 * 2], encoding, complete)
        ):
            return encoding
    return None


def detect_delimiter(sample: str, truncated: bool) -> str:
    """The delimiter among ; , tab | that splits the sample into the most regular table.

    For each candidate, the rows with the most common number of fields (more than
    one) are counted and weighed by that number of fields: a title banner or text
    holding the other delimiters only lowers a wrong candidate's regularity, and a
    wrong candidate that splits a few rows alike still cuts them into fewer columns.
    """
    best: tuple[int, int, int] = (0, 0, 0)
    chosen = ","
    for order, delimiter in enumerate(DELIMITERS):
        records = []
        reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
        try:
            for record in reader:
                records.append(record)
                if len(records) >= _SAMPLE_RECORDS:
                    break
        except csv.Error:
            pass
        if truncated and len(records) < _SAMPLE_RECORDS and records:
            records.pop()  # the sample may end in the middle of a record
        widths = Counter(len(r) for r in records if any(cell.strip() for cell in r))
        widths.pop(1, None)
        widths.pop(0, None)
        if not widths:
            continue
        width, regular = widths.most_common(1)[0]
        score = (regular * width, regular, -order)
        if score > best:
            best, chosen = score, delimiter
    return chosen


def sniff_csv(path: Path, encoding: str | None = None) -> CsvFormat:
    """Encoding (unless given), delimiter and estimated line count of a CSV file."""
    size = path.stat().st_size
    with path.open("rb") as f:
        raw = f.read(_SAMPLE_BYTES)
    complete = len(raw) >= size
    if not raw.strip():
        raise ImportFileError(f"{path.name}: el archivo está vacío.")
    encoding = encoding or detect_encoding(path, raw, complete)
    sample = codecs.getincrementaldecoder(encoding)("replace").decode(raw, final=complete)
    lines = max(raw.count(b"\n"), raw.count(b"\r"), 1)  # "\r" alone: old Mac files
    estimated = lines if complete else round(lines * size / len(raw))
    cr_only = b"\n" not in raw and b"\r" in raw
    return CsvFormat(encoding, detect_delimiter(sample, not complete), estimated, cr_only)


class LineDecoder:
    """Decodes the lines of a UTF-8 / Windows-1252 file one by one."""

    def __init__(self, path: Path, fmt: CsvFormat) -> None:
        self._path = path
        self.utf8_lines = 0  # lines with non-ASCII text read as UTF-8
        self.cp1252_lines: list[int] = []  # numbers of the lines read as Windows-1252
        self.null_seen = False  # a NUL byte was read since the reader last looked

    def lines(self, raw: BinaryIO) -> Iterator[str]:
        """The decoded lines (with their line breaks) of the open binary file."""
        number = 0
        for number, line in enumerate(raw, start=1):
            if b"\x00" in line:
                self.null_seen = True
            if line.isascii():
                yield line.decode("ascii")
                continue
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = line.decode(WINDOWS_1252)
                except UnicodeDecodeError:
                    raise ImportFileError(
                        f"{self._path.name}: la línea {number} no es texto UTF-8 ni "
                        "Windows-1252 (¿archivo dañado?). Guárdelo de nuevo como «CSV UTF-8»."
                    ) from None
                self.cp1252_lines.append(number)
            else:
                self.utf8_lines += 1
            yield text

    @property
    def label(self) -> str:
        """The encoding as the user knows it: UTF-8, Windows-1252, or both."""
        if self.cp1252_lines and self.utf8_lines:
            return "UTF-8 y Windows-1252 (mezcladas)"
        return "Windows-1252" if self.cp1252_lines else "UTF-8"

    def notes(self) -> list[str]:
        """A Spanish note naming the Windows-1252 lines of a file that mixes encodings."""
        if not (self.cp1252_lines and self.utf8_lines):
            return []
        shown = ", ".join(str(n) for n in self.cp1252_lines[:_LISTED_LINES])
        more = len(self.cp1252_lines) - _LISTED_LINES
        if more > 0:
            shown += f" y {more} más"
        count = len(self.cp1252_lines)
        lines = "la línea" if count == 1 else "las líneas"
        return [
            f"El archivo mezcla codificaciones: {lines} {shown} estaban en Windows-1252 y "
            "se leyeron como tal; las demás, en UTF-8. Revise esas filas."
        ]


def text_lines(raw: BinaryIO, encoding: str) -> Iterator[str]:
    """The lines of a file in one encoding (UTF-16, or one found by detection)."""
    return iter(io.TextIOWrapper(raw, encoding=encoding, newline=""))


def check_quoted_lines(
    path: Path, record: list[str], first_line: int, delimiter: str, widest: int
) -> None:
    """A record that spans lines because of a quote: an error when a line inside one of
    its cells looks like a whole row (a quote that opens and is never closed)."""
    threshold = max(2, widest - 1)
    for cell in record:
        if "\n" not in cell and "\r" not in cell:
            continue
        for inner in cell.splitlines()[1:]:
            if inner.count(delimiter) >= threshold:
                raise ImportFileError(
                    f"{path.name}: la comilla que abre en la línea {first_line} no se cierra "
                    "donde termina la fila: las filas siguientes quedarían dentro de una "
                    "sola celda. Revise las comillas de esa línea."
                )


# The errors of the ``csv`` module (CPython's _csv.c), which are English; the user sees
# them in Spanish. «'%c' expected after '%c'» is a quote that closes a cell and is
# followed by something other than the delimiter.
_EXPECTED_AFTER = re.compile(r"'(.)' expected after '(.)'", re.DOTALL)
_FIELD_LIMIT = re.compile(r"field larger than field limit \((\d+)\)")
_CHARACTER_NAMES = {"\t": "(tabulador)", " ": "(espacio)"}


def _character(char: str) -> str:
    return _CHARACTER_NAMES.get(char, f"«{char}»")


def quote_error(path: Path, first_line: int, line: int, exc: csv.Error) -> str:
    """The Spanish message for a record that the ``csv`` module cannot read: file, line
    and what is wrong, never the module's English text."""
    text = str(exc)
    if "end of data" in text or "EOF" in text:
        return (
            f"{path.name}: la comilla que abre en la línea {first_line} no se cierra "
            "nunca. Revise las comillas de esa línea."
        )
    expected = _EXPECTED_AFTER.search(text)
    if expected is not None:
        delimiter, quote = expected.groups()
        return (
            f"{path.name}: el CSV está mal formado en la línea {line}: después de una "
            f"comilla ({quote}) que cierra una celda sigue otro texto en vez del separador "
            f"{_character(delimiter)}. Si la comilla es parte del texto, debe ir doble "
            f"({quote}{quote}) y la celda entre comillas. Revise las comillas de esa línea."
        )
    limit = _FIELD_LIMIT.search(text)
    if limit is not None:
        size = int(limit.group(1))
        shown = f"{size:,}".replace(",", ".")
        return (
            f"{path.name}: una celda que empieza en la línea {first_line} pasa de {shown} "
            f"{noun(size, 'carácter', 'caracteres')} (¿una comilla que abre y no se "
            "cierra?). Revise las comillas de esa línea."
        )
    if "new-line character" in text:
        return (
            f"{path.name}: la línea {line} tiene un salto de línea suelto (un retorno de "
            "carro) fuera de comillas, que parte la fila en dos. Guarde el archivo de "
            "nuevo desde Excel o ponga ese texto entre comillas."
        )
    if "NUL" in text:
        return (
            f"{path.name}: la línea {line} tiene caracteres nulos (¿archivo dañado?). "
            "Guárdelo de nuevo como «CSV UTF-8»."
        )
    return (
        f"{path.name}: el CSV está mal formado en la línea {line}: no se pueden separar "
        "sus celdas. Revise las comillas y los separadores de esa línea."
    )
