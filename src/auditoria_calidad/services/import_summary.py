"""What the window and the command line receive from an import: the file as inspected,
the request, the summary of what came of it (and its Spanish wording), past batches, and
the errors that stop an import before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.importing import ColumnMapping, FileKind, RejectedRow
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.import_dtos import (
    BatchInfo,
    ImportRequest,
    MappingField,
    PreviousImport,
)

# Kept importable from here, where the window and the command line found them first.
__all__ = [
    "BatchInfo",
    "FileInspection",
    "ImportRequest",
    "ImportSummary",
    "MappingField",
    "MissingColumns",
    "PreviousImport",
    "RejectedRowsFound",
    "UncertainMapping",
    "count_text",
    "day_text",
    "describe_set_aside",
    "describe_skipped",
    "plural",
]

if TYPE_CHECKING:
    from auditoria_calidad.importing import MappingGuess, SetAsideRow, SkippedRow


def count_text(n: int) -> str:
    """``n`` with the Colombian thousands separator: 12.345."""
    return f"{n:,}".replace(",", ".")


def plural(n: int, one: str, many: str) -> str:
    return f"{count_text(n)} {one if n == 1 else many}"


def day_text(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _where(file_name: str, sheet: str | None, row: int) -> str:
    place = f"{file_name}, hoja «{sheet}»" if sheet else file_name
    return f"{place}, fila {row}"


def describe_set_aside(row: SetAsideRow, file_name: str) -> str:
    """One Spanish line: where the row is, its key when it has one, and why it was set aside."""
    key = f" ({row.key})" if row.key else ""
    return f"{_where(file_name, row.sheet, row.row)}{key}: {row.reason}"


def describe_skipped(row: SkippedRow, file_name: str) -> str:
    """One Spanish line: where the total, footer or notice line is and what it says."""
    text = " ".join(row.text.split())
    if len(text) > 120:
        text = text[:119] + "…"
    return f"{_where(file_name, row.sheet, row.row)}: «{text}»"


@dataclass
class FileInspection:
    """What the window shows before importing: sheets, headers, first rows, mapping.

    ``guess`` holds, for every field, the column chosen, its confidence, and the competing
    columns with their samples and reasons. ``uncertain`` names the required fields that
    cannot be imported unattended (no certain column); empty when a saved profile fits.
    """

    path: Path
    channel: Channel
    sheets: list[str]  # [] for a CSV file
    sheet: str | None
    header_row: int
    headers: list[str]
    rows: list[list[str]]
    guessed: ColumnMapping
    mapping: ColumnMapping  # the saved profile's when one fits, else the guess
    profile: str | None
    missing: list[str]  # Spanish labels of required fields ``mapping`` leaves unmapped
    file_sha256: str
    previous: PreviousImport | None = None
    encoding: str | None = None
    delimiter: str | None = None
    guess: MappingGuess | None = None
    uncertain: list[str] = field(default_factory=list)  # field names, see above
    kind: FileKind = FileKind.WORKBOOK
    # The other channel, when the header names clearly more of its fields (a chat export
    # opened as virtual answers): the window suggests changing the channel.
    likely_channel: Channel | None = None
    joined: str | None = None  # a chat log's messages joined into conversations: how

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def format_label(self) -> str:
        label = self._format
        return label if self.joined is None else f"{label}; {self.joined}"

    @property
    def _format(self) -> str:
        if self.kind is FileKind.WEB_PAGE:
            return (
                "Página web con una tabla (no es un libro de Excel), encabezado en la fila "
                f"{self.header_row}"
            )
        if self.sheet is not None:
            kind = {
                FileKind.BINARY_XLS: "Libro de Excel 97-2003",
                FileKind.SPREADSHEET_XML: "Libro XML de Excel 2003",
            }.get(self.kind, "Libro de Excel")
            if self.path.suffix.lower() == ".ods":
                kind = "Libro de LibreOffice Calc"
            return f"{kind}, hoja «{self.sheet}», encabezado en la fila {self.header_row}"
        separator = {";": "punto y coma", ",": "coma", "\t": "tabulador", "|": "barra"}.get(
            self.delimiter or "", f"«{self.delimiter}»"
        )
        return (
            f"CSV {self.encoding or ''} separado por {separator}, encabezado en la "
            f"línea {self.header_row}"
        )


@dataclass
class ImportSummary:
    """What an import did (or, with ``previous`` set, why it did nothing)."""

    batch_id: int | None
    file_name: str
    file_sha256: str
    channel: Channel
    provider: str
    sheet: str | None
    headers: list[str]
    total_rows: int = 0
    imported: int = 0
    unchanged: int = 0
    updated: int = 0
    conflicts: int = 0
    duplicates: int = 0
    rejected_rows: list[RejectedRow] = field(default_factory=list)
    conflict_details: list[dict[str, str]] = field(default_factory=list)
    profile: str | None = None
    previous: PreviousImport | None = None  # set when the same file was imported before
    at: datetime | None = None
    user: str = ""
    set_aside_rows: list[SetAsideRow] = field(default_factory=list)
    skipped_rows: list[SkippedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rejects_file: Path | None = None  # where the rejected rows were written
    # Set when the import was saved but a file it writes could not be put in place.
    output_problem: str | None = None

    @property
    def rejected(self) -> int:
        return len(self.rejected_rows)

    @property
    def set_aside(self) -> int:
        return len(self.set_aside_rows)

    @property
    def skipped(self) -> int:
        return len(self.skipped_rows)

    @property
    def already_imported(self) -> bool:
        return self.previous is not None and self.batch_id == self.previous.batch_id

    def message(self, *, with_notes: bool = True) -> str:
        """One Spanish paragraph: what came in, what was left out and why, and the notes
        (``with_notes`` False: without them, for a view that shows them apart)."""
        new = plural(self.imported, "registro nuevo", "registros nuevos")
        if self.already_imported and self.previous is not None:
            text = f"{self.previous.sentence()}: {new}"
        else:
            text = f"{self.file_name}: {new}"
        parts = [
            (self.unchanged, "sin cambios", "sin cambios"),
            (self.updated, "actualizado", "actualizados"),
            (self.conflicts, "en conflicto (ya evaluado, no se modificó)",
             "en conflicto (ya evaluados, no se modificaron)"),
            (self.rejected, "fila rechazada", "filas rechazadas"),
            (self.duplicates, "fila repetida en el archivo", "filas repetidas en el archivo"),
            (self.set_aside, "fila apartada (no corresponde a esta importación)",
             "filas apartadas (no corresponden a esta importación)"),
            (self.skipped, "fila de totales o notas omitida",
             "filas de totales o notas omitidas"),
        ]  # fmt: skip
        extra = [f"{count_text(n)} {one if n == 1 else many}" for n, one, many in parts if n]
        text += ("; " + ", ".join(extra) if extra else "") + "."
        notes = [n.strip() for n in self.notes if n.strip() and with_notes]
        return " ".join([text, *(n if n.endswith(".") else n + "." for n in notes)])

    def set_aside_lines(self) -> list[str]:
        return [describe_set_aside(r, self.file_name) for r in self.set_aside_rows]

    def skipped_lines(self) -> list[str]:
        return [describe_skipped(r, self.file_name) for r in self.skipped_rows]

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` output of ``auditoria-calidad import``."""
        return {
            "batch_id": self.batch_id,
            "file": self.file_name,
            "sha256": self.file_sha256,
            "channel": self.channel.value,
            "provider": self.provider,
            "sheet": self.sheet,
            "total_rows": self.total_rows,
            "imported": self.imported,
            "unchanged": self.unchanged,
            "updated": self.updated,
            "conflicts": self.conflicts,
            "rejected": self.rejected,
            "duplicates": self.duplicates,
            "set_aside": self.set_aside,
            "skipped": self.skipped,
            "already_imported": self.already_imported,
            "message": self.message(),
            "notes": list(self.notes),
            "rejected_rows": [
                {"sheet": r.sheet, "row": r.row, "column": r.column, "reason": r.reason}
                for r in self.rejected_rows
            ],
            "set_aside_rows": [
                {"sheet": r.sheet, "row": r.row, "key": r.key, "reason": r.reason}
                for r in self.set_aside_rows
            ],
            "skipped_rows": [
                {"sheet": r.sheet, "row": r.row, "text": r.text} for r in self.skipped_rows
            ],
            "conflict_details": self.conflict_details,
            "rejects_file": str(self.rejects_file) if self.rejects_file else None,
            "output_problem": self.output_problem,
        }


class MissingColumns(InvalidInput):
    """A required field has no column: the import cannot start."""

    def __init__(self, message: str, labels: Sequence[str]) -> None:
        super().__init__(message)
        self.labels = list(labels)


class UncertainMapping(MissingColumns):
    """A required field has no certain column: nothing was imported on a guess.

    ``message`` lists per uncertain field its candidates, their sample values, why, and
    the ``--map`` option that chooses one; ``guess`` lets the window open the mapping
    dialog with the same candidates. (A `MissingColumns` too: ``labels`` names the fields.)
    """

    def __init__(self, message: str, guess: MappingGuess) -> None:
        super().__init__(message, [f.label for f in guess.uncertain_required()])
        self.guess = guess

    @property
    def fields(self) -> list[str]:
        """Names of the uncertain required fields."""
        return [f.field for f in self.guess.uncertain_required()]


class RejectedRowsFound(InvalidInput):
    """A strict import found rejected rows: nothing was written."""

    def __init__(self, summary: ImportSummary) -> None:
        rows = summary.rejected_rows
        first = rows[0].describe(summary.file_name) if rows else ""
        super().__init__(
            f"{summary.file_name}: {plural(len(rows), 'fila rechazada', 'filas rechazadas')}"
            f"; con --strict no se importó nada. Primera: {first}"
        )
        self.summary = summary
