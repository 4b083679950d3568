"""Rejected rows of an import: values the database cannot hold, and the rejected-rows
workbook, written whole or not at all.

A workbook is first written beside its destination under a temporary name and only then
put in place (``os.replace``), so a failed or interrupted write never leaves a 0-byte or
half-written file under the name the user asked for, and an import can write it before
committing (a failure then rolls the import back) and put it in place after.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Callable, Sequence
from operator import attrgetter
from pathlib import Path

from auditoria_calidad.domain.fields import FIELDS_BY_NAME, RecordData
from auditoria_calidad.importing import ReadResult, RejectedRow, rejected_rows_to_xlsx
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.storage.queries.records import record_value_limits


def _cannot_write(path: Path, exc: OSError | None = None, why: str = "") -> InvalidInput:
    reason = why or (exc.strerror or str(exc) if exc else "")
    return InvalidInput(
        f"No se pudo escribir {path.name} ({reason}). ¿Está abierto en Excel o la carpeta es "
        "de solo lectura?"
    )


def check_output_path(path: Path) -> None:
    """Refuse, before any long work, a destination that can never be written."""
    if path.is_dir():
        raise _cannot_write(path, why=f"«{path}» es una carpeta, no un archivo")
    if not path.parent.is_dir():
        raise _cannot_write(path, why=f"la carpeta «{path.parent}» no existe")


class PendingOutput:
    """A file written under a temporary name in its destination's folder.

    ``write`` produces it (a failure removes the temporary file and raises `InvalidInput`);
    ``commit`` puts it in place with ``os.replace``; ``discard`` removes it.
    """

    def __init__(self, target: str | Path) -> None:
        self.target = Path(target)
        self.temporary: Path | None = None

    def write(self, produce: Callable[[Path], object]) -> None:
        check_output_path(self.target)
        try:
            handle, name = tempfile.mkstemp(
                prefix=f".{self.target.stem}-", suffix=".tmp", dir=self.target.parent
            )
        except OSError as exc:
            raise _cannot_write(self.target, exc) from None
        os.close(handle)
        self.temporary = Path(name)
        try:
            produce(self.temporary)
        except OSError as exc:
            self.discard()
            raise _cannot_write(self.target, exc) from None
        except BaseException:
            self.discard()
            raise

    def commit(self) -> Path:
        if self.temporary is None:
            raise RuntimeError("nothing was written")
        try:
            os.replace(self.temporary, self.target)
        except OSError as exc:
            self.discard()
            raise _cannot_write(self.target, exc) from None
        self.temporary = None
        return self.target

    def discard(self) -> None:
        if self.temporary is not None:
            with contextlib.suppress(OSError):
                self.temporary.unlink()
            self.temporary = None


def prepare_rejected(
    rows: Sequence[RejectedRow], headers: Sequence[str], out_path: str | Path
) -> PendingOutput:
    """The rejected-rows workbook written under a temporary name, ready to `commit`."""
    pending = PendingOutput(out_path)
    pending.write(lambda temporary: rejected_rows_to_xlsx(rows, headers, temporary))
    return pending


def export_rejected(
    rows: Sequence[RejectedRow], headers: Sequence[str], out_path: str | Path
) -> Path:
    """Write rejected rows to an xlsx (original columns, then hoja, fila, columna, motivo).

    Written whole or not at all: on failure no file (not even an empty one) is left.
    """
    return prepare_rejected(rows, headers, out_path).commit()


# --- Values the database columns cannot hold ----------------------------------------------

# Text columns of a record and the model column that bounds them (PostgreSQL refuses
# longer values; SQLite would keep them). Integers must fit a 32-bit INTEGER.
_INT_LIMIT = 2**31 - 1


@functools.cache
def _limits() -> tuple[tuple[tuple[str, int], ...], tuple[str, ...]]:
    """The record's bounded text fields with their lengths, and its integer fields."""
    texts, integers = record_value_limits()
    return tuple(texts), tuple(integers)


def _column_of(result: ReadResult, name: str) -> str:
    col = result.mapping.get(name)
    if col is None:
        spec = FIELDS_BY_NAME.get(name)
        return spec.label if spec else name
    return col.header


def _all_fit(
    records: Sequence[RecordData], texts: Sequence[tuple[str, int]], integers: Sequence[str]
) -> bool:
    """Whether every value fits its column: one quick pass per field (the usual case).

    The passes run in C (``map``/``filter``): empty texts, zeros and None cannot exceed a
    limit, so ``filter(None, …)`` may drop them all.
    """
    for name, limit in texts:
        if max(map(len, filter(None, map(attrgetter(name), records))), default=0) > limit:
            return False
    for name in integers:
        values = list(filter(None, map(attrgetter(name), records)))
        if values and (max(values) > _INT_LIMIT or min(values) < -_INT_LIMIT):
            return False
    return True


def reject_oversized(result: ReadResult) -> None:
    """Move records whose values do not fit the database columns to the rejected rows."""
    before = len(result.rejected)
    result.records = fitting(result, result.records)
    if len(result.rejected) > before:
        result.rejected.sort(key=lambda r: r.row)


def fitting(result: ReadResult, records: list[RecordData]) -> list[RecordData]:
    """``records`` whose values fit the database columns; the others are added to
    ``result.rejected`` (at its end: sort it by row once the file is read)."""
    texts, integers = _limits()
    if _all_fit(records, texts, integers):
        return records
    keep: list[RecordData] = []
    for record in records:
        problem = None
        for name, limit in texts:
            value = getattr(record, name)
            if value is not None and len(value) > limit:
                problem = (name, f"El valor tiene {len(value)} caracteres; se admiten {limit}")
                break
        if problem is None:
            for name in integers:
                value = getattr(record, name)
                if value is not None and not -_INT_LIMIT <= value <= _INT_LIMIT:
                    problem = (name, f"El número {value} está fuera del rango admitido")
                    break
        if problem is None:
            keep.append(record)
            continue
        column = _column_of(result, problem[0])
        cells = {
            col.header: "" if getattr(record, n, None) is None else str(getattr(record, n))
            for n, col in result.mapping.columns.items()
            if n in FIELDS_BY_NAME and hasattr(record, n)
        }
        cells.update(record.extra)
        result.rejected.append(
            RejectedRow(result.sheet, record.source_row or 0, column, problem[1], cells)
        )
    return keep
