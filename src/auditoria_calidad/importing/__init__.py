"""Reading CRM exports (xlsx, CSV) into records: header detection, column mapping,
cell parsing and row validation. No database, no Qt: ``services`` stores the result.
"""

from auditoria_calidad.importing.errors import ImportCancelled, ImportFileError, MissingFieldsError
from auditoria_calidad.importing.mapping import (
    ColumnMapping,
    MappedColumn,
    fit_mapping,
    guess_mapping,
    headers_signature,
    missing_required,
    missing_required_fields,
)
from auditoria_calidad.importing.pipeline import Preview, ReadResult, preview, read_export
from auditoria_calidad.importing.rejects_workbook import rejected_rows_to_xlsx
from auditoria_calidad.importing.sheets import list_sheets
from auditoria_calidad.importing.validation import DuplicateRow, RejectedRow
from auditoria_calidad.importing.values import ValueProblem

__all__ = [
    "ColumnMapping",
    "DuplicateRow",
    "ImportCancelled",
    "ImportFileError",
    "MappedColumn",
    "MissingFieldsError",
    "Preview",
    "ReadResult",
    "RejectedRow",
    "ValueProblem",
    "fit_mapping",
    "guess_mapping",
    "headers_signature",
    "list_sheets",
    "missing_required",
    "missing_required_fields",
    "preview",
    "read_export",
    "rejected_rows_to_xlsx",
]
