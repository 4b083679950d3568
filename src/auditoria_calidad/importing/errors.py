"""Errors of the import that concern a file as a whole (not one cell)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditoria_calidad.domain.fields import FieldSpec


class ImportFileError(Exception):
    """The file cannot be imported; ``str(error)`` is a Spanish message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MissingFieldsError(ImportFileError):
    """Required fields have no column mapped to them."""

    def __init__(self, file_name: str, fields: Sequence[FieldSpec]) -> None:
        self.fields = list(fields)
        labels = ", ".join(f"«{spec.label}»" for spec in self.fields)
        plural = "los campos obligatorios" if len(self.fields) > 1 else "el campo obligatorio"
        super().__init__(
            f"{file_name}: falta asignar una columna para {plural} {labels}. "
            "Revise la correspondencia de columnas."
        )


class ImportCancelled(Exception):
    """The user cancelled the import; nothing was read into the result."""
