"""Errors of the import that concern a file as a whole (not one cell)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditoria_calidad.domain.fields import FieldSpec
    from auditoria_calidad.importing.mapping_inference import MappingGuess


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


class UncertainMappingError(MissingFieldsError):
    """Required fields whose column is missing, uncertain or contested: nothing was read.

    ``guess`` holds every field's candidates, their sample values and why, so that the
    user can choose; ``str(error)`` lists them with the ``--map`` option to choose one.
    (A :class:`MissingFieldsError` too: a field without a sure column is not mapped.)
    """

    def __init__(self, file_name: str, guess: MappingGuess) -> None:
        from auditoria_calidad.domain.fields import FIELDS_BY_NAME

        self.guess = guess
        uncertain = guess.uncertain_required()
        super().__init__(file_name, [FIELDS_BY_NAME[g.field] for g in uncertain])
        self.message = guess.describe_uncertain(file_name)
        self.args = (self.message,)

    def __str__(self) -> str:
        return self.message


class ImportCancelled(Exception):
    """The user cancelled the import; nothing was read into the result."""
