"""The file types the window's open and save dialogs offer."""

from __future__ import annotations

PDF_FILTER = "Documento PDF (*.pdf)"
XLSX_FILTER = "Libro de Excel (*.xlsx)"
# A workbook the app exported and the user filled in, saved by Excel or by LibreOffice Calc
# (which may keep it as .xlsx or save it as .ods): the F182, the findings, the calibration.
RETURNED_WORKBOOK_FILTER = "Libro de Excel o de LibreOffice Calc (*.xlsx *.ods)"
