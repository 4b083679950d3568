"""Encoding and delimiter of a CSV file exported by a CRM or saved from Excel.

The encoding is decided on the first 128 KiB: UTF-16 when there is a UTF-16 BOM, else
UTF-8 (with or without BOM) when that sample decodes strictly, else Windows-1252. A file
whose first non-ASCII byte comes later and is not UTF-8 is found out while reading;
the reader then raises :class:`EncodingMismatch` and the whole read starts again in
Windows-1252 (see ``pipeline``), so no row is ever decoded with the wrong encoding and
the common case pays for no extra pass over the file.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from auditoria_calidad.importing.errors import ImportFileError

DELIMITERS = (";", ",", "\t", "|")  # order breaks ties: Spanish Excel saves with ";"
UTF8 = "utf-8-sig"  # also reads UTF-8 without BOM
WINDOWS_1252 = "cp1252"
_SAMPLE_BYTES = 128 * 1024
_SAMPLE_RECORDS = 200
_LABELS = {UTF8: "UTF-8", WINDOWS_1252: "Windows-1252", "utf-16": "UTF-16"}


class EncodingMismatch(Exception):
    """A byte that is not UTF-8 appeared after the sample: read again in Windows-1252."""


@dataclass(frozen=True)
class CsvFormat:
    """How to read a CSV file, and about how many lines it has (for progress)."""

    encoding: str  # a Python codec name: "utf-8-sig", "cp1252", "utf-16"
    delimiter: str
    estimated_lines: int

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


def detect_encoding(path: Path, sample: bytes, complete: bool) -> str:
    """The encoding of the file whose first bytes are ``sample``."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        raise ImportFileError(
            f"{path.name}: no es un archivo de texto CSV (parece un archivo binario). "
            "Si es un libro de Excel, guárdelo como .xlsx."
        )
    for encoding in (UTF8, WINDOWS_1252):
        if _decodes(sample, encoding, complete):
            return encoding
    from charset_normalizer import from_bytes  # only for the rare unusual file

    best = from_bytes(sample).best()
    if best is not None and _decodes(sample, best.encoding, complete):
        return best.encoding
    raise ImportFileError(
        f"{path.name}: no se reconoce la codificación del archivo (se esperaba UTF-8 o "
        "Windows-1252). Guárdelo de nuevo como «CSV UTF-8»."
    )


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
    return CsvFormat(encoding, detect_delimiter(sample, not complete), estimated)
