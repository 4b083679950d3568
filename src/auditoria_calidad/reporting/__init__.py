"""Report writers: they take plain data (``reporting.data``) and return document bytes.

- ``audit_report.write_audit_report``: the audit report PDF (activity 5.2.19);
- ``f182_workbook.write_f182_workbook``: the evaluated sample as form F182 (.xlsx);
- ``monthly_report.write_monthly_pdf`` / ``monthly_workbook.write_monthly_xlsx``: the
  monthly report (5.2.23–5.2.26);
- ``from_domain``: report input built from the domain's scheme and indicators.
"""
