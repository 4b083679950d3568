"""The round-trip workbooks as plain data: what the application writes and reads back.

Each exchange workbook (the F182 form to fill, the findings sheet the provider answers) is
defined once here: sheet names, header row, columns with their headers and widths, the
values offered by each drop-down and the keys of the hidden metadata sheet. The writer
(``reporting``) and the reader (``importing``) both take these definitions, so the two sides
cannot drift apart. Nothing here knows openpyxl or the database.
"""
