"""Which column of a file holds which field: guessing it, checking it, saving it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditoria_calidad.domain.fields import (
    FIELDS_BY_NAME,
    Channel,
    FieldKind,
    FieldSpec,
    fields_for,
)
from auditoria_calidad.importing.errors import ImportFileError
from auditoria_calidad.importing.synonyms import header_form, header_matches, normalize_header

MAPPING_FORMAT_VERSION = 1


@dataclass(frozen=True)
class MappedColumn:
    """A column of the file: its 0-based position and its header text."""

    index: int
    header: str


@dataclass
class ColumnMapping:
    """Field name → the column it is read from. Plain data, saved as a named profile."""

    columns: dict[str, MappedColumn] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = [name for name in self.columns if name not in FIELDS_BY_NAME]
        if unknown:
            raise ValueError(f"Campos desconocidos en la correspondencia: {', '.join(unknown)}")
        indexes = [col.index for col in self.columns.values()]
        if len(indexes) != len(set(indexes)):
            raise ValueError("Una misma columna está asignada a dos campos.")

    def __contains__(self, name: object) -> bool:
        return name in self.columns

    def get(self, name: str) -> MappedColumn | None:
        return self.columns.get(name)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict: ``{"version": 1, "columns": {field: {"index", "header"}}}``."""
        return {
            "version": MAPPING_FORMAT_VERSION,
            "columns": {
                name: {"index": col.index, "header": col.header}
                for name, col in self.columns.items()
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ColumnMapping:
        """The mapping saved by :meth:`to_dict`; ``ValueError`` if it is malformed."""
        try:
            columns = {
                str(name): MappedColumn(int(col["index"]), str(col["header"]))
                for name, col in data["columns"].items()
            }
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"Correspondencia de columnas mal formada: {exc}") from None
        return cls(columns)


def headers_signature(headers: Sequence[str]) -> list[str]:
    """The normalized headers of a file: equal signatures mean a saved profile fits."""
    return [normalize_header(h) for h in headers]


def guess_mapping(headers: Sequence[str], channel: Channel) -> ColumnMapping:
    """The mapping suggested by the header names alone (Spanish and English synonyms).

    Used to find the header row; the import itself also looks at the values
    (:func:`~auditoria_calidad.importing.mapping_inference.infer_mapping`). Exact matches
    win over loose ones; a field gets at most one column and a column at most one
    field. A separate date and time ("Fecha de ingreso" + "Hora de ingreso") are mapped
    to the DATE and TIME halves of the field. SQL-style (``FECHA_RADICACION``) and
    camelCase (``createdAt``) names, qualifiers in brackets and ``(No modificar)``
    system columns are understood as in :func:`header_form`.
    """
    allowed = [spec.name for spec in fields_for(channel)]
    candidates: list[tuple[float, int, str]] = []  # (-weight, column, field)
    for index, header in enumerate(headers):
        for name, match in header_matches(header_form(header), allowed).items():
            if match.how != "genérico":
                candidates.append((-match.weight, index, name))
    columns: dict[str, MappedColumn] = {}
    used: set[int] = set()
    for _score, index, name in sorted(candidates):
        if name not in columns and index not in used:
            columns[name] = MappedColumn(index, headers[index])
            used.add(index)
    for spec in fields_for(channel):
        if spec.kind is FieldKind.TIME and spec.combines_into:
            _pair_date_with_time(columns, spec)
    return ColumnMapping(dict(sorted(columns.items(), key=lambda item: item[1].index)))


def _pair_date_with_time(columns: dict[str, MappedColumn], time_spec: FieldSpec) -> None:
    """With a time column present, the date-and-time field's column holds the date."""
    target = time_spec.combines_into
    date_name = next(
        (
            spec.name
            for spec in FIELDS_BY_NAME.values()
            if spec.combines_into == target and spec.kind is FieldKind.DATE
        ),
        None,
    )
    if (
        target
        and date_name
        and time_spec.name in columns
        and target in columns
        and date_name not in columns
    ):
        columns[date_name] = columns.pop(target)


def halves_of(name: str) -> tuple[str, str] | None:
    """The (DATE, TIME) field names that combine into the DATETIME field ``name``."""
    date_name = time_name = None
    for spec in FIELDS_BY_NAME.values():
        if spec.combines_into == name:
            if spec.kind is FieldKind.DATE:
                date_name = spec.name
            elif spec.kind is FieldKind.TIME:
                time_name = spec.name
    return (date_name, time_name) if date_name and time_name else None


def missing_required_fields(mapping: ColumnMapping, channel: Channel) -> list[FieldSpec]:
    """Required fields of ``channel`` without a column (a DATE+TIME pair counts)."""
    missing = []
    for spec in fields_for(channel):
        if not spec.required or spec.name in mapping:
            continue
        halves = halves_of(spec.name)
        if halves and all(half in mapping for half in halves):
            continue
        missing.append(spec)
    return missing


def missing_required(mapping: ColumnMapping, channel: Channel) -> list[str]:
    """Spanish labels of the required fields of ``channel`` left without a column."""
    return [spec.label for spec in missing_required_fields(mapping, channel)]


def fit_mapping(mapping: ColumnMapping, headers: Sequence[str], file_name: str) -> ColumnMapping:
    """A saved mapping applied to a file: columns found again by their header.

    A column that moved is followed by its header text; a header that is no longer in
    the file raises :class:`ImportFileError`.
    """
    signature = headers_signature(headers)
    columns: dict[str, MappedColumn] = {}
    for name, col in mapping.columns.items():
        wanted = normalize_header(col.header)
        if col.index < len(headers) and signature[col.index] == wanted:
            columns[name] = MappedColumn(col.index, headers[col.index])
            continue
        matches = [i for i, normalized in enumerate(signature) if normalized == wanted]
        if len(matches) != 1:
            raise ImportFileError(
                f"{file_name}: la columna «{col.header}» de la correspondencia guardada "
                "no está en el archivo (o aparece repetida). Revise la correspondencia "
                "de columnas."
            )
        columns[name] = MappedColumn(matches[0], headers[matches[0]])
    try:
        return ColumnMapping(columns)
    except ValueError as exc:
        raise ImportFileError(f"{file_name}: {exc}") from None
