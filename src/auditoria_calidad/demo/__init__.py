"""Demo data: a deterministic month of CRM records (both channels) and CRM-like exports.

``generate_month`` is pure Python; ``auditoria_calidad.demo.export_files`` writes the
records as xlsx/CSV files (it needs openpyxl).
"""

from auditoria_calidad.demo.generator import (
    MISSPELLINGS,
    MISSPELT_WORDS,
    REQUEST_TYPE_KINDS,
    DemoMonth,
    generate_month,
)

__all__ = [
    "MISSPELLINGS",
    "MISSPELT_WORDS",
    "REQUEST_TYPE_KINDS",
    "DemoMonth",
    "generate_month",
]
