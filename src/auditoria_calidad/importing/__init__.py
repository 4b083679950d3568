"""Reading CRM exports (xlsx, CSV) into records: header detection, column mapping,
cell parsing and row validation. No database, no Qt: ``services`` stores the result.
"""

from auditoria_calidad.importing.candidate_preferences import ColumnCandidate
from auditoria_calidad.importing.errors import (
    ImportCancelled,
    ImportFileError,
    MissingFieldsError,
    UncertainMappingError,
)
from auditoria_calidad.importing.mapping import (
    ColumnMapping,
    MappedColumn,
    fit_mapping,
    guess_mapping,
    headers_signature,
    missing_required,
    missing_required_fields,
)
from auditoria_calidad.importing.mapping_inference import (
    FieldGuess,
    MappingGuess,
    apply_overrides,
    guess_from_mapping,
    infer_mapping,
)
from auditoria_calidad.importing.pipeline import (
    Preview,
    ReadResult,
    RecordSink,
    preview,
    read_export,
)
from auditoria_calidad.importing.rejects_workbook import rejected_rows_to_xlsx
from auditoria_calidad.importing.sheets import FileKind, list_sheets
from auditoria_calidad.importing.validation import (
    DuplicateRow,
    RejectedRow,
    SetAsideRow,
    SkippedRow,
)
from auditoria_calidad.importing.values import ValueProblem

__all__ = [
    "ColumnCandidate",
    "ColumnMapping",
    "DuplicateRow",
    "FieldGuess",
    "FileKind",
    "ImportCancelled",
    "ImportFileError",
    "MappedColumn",
    "MappingGuess",
    "MissingFieldsError",
    "Preview",
    "ReadResult",
    "RecordSink",
    "RejectedRow",
    "SetAsideRow",
    "SkippedRow",
    "UncertainMappingError",
    "ValueProblem",
    "apply_overrides",
    "fit_mapping",
    "guess_from_mapping",
    "guess_mapping",
    "headers_signature",
    "infer_mapping",
    "list_sheets",
    "missing_required",
    "missing_required_fields",
    "preview",
    "read_export",
    "rejected_rows_to_xlsx",
]
