"""Write records as a provider's CRM would export them: xlsx with a title banner, or CSV
as Excel on Windows saves it (cp1252, ';', CRLF, dates as dd/mm/yyyy hh:mm).

These files feed the importer in the demo and in tests; their headers are the Spanish
names a real CRM uses, not the field names, so the mapping step has something to guess.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from auditoria_calidad.demo.generator import DemoMonth
from auditoria_calidad.demo.texts import MONTHS
from auditoria_calidad.domain.fields import Channel, RecordData

Cell = str | int | float | datetime | None

# (CRM header, RecordData field) in column order.
VIRTUAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("N° Radicado", "key"),
    ("Fecha de ingreso", "received_at"),
    ("Cédula", "identity_number"),
    ("Nombre del usuario", "requester_name"),
    ("Tipo de solicitud", "request_type"),
    ("Servicio", "service"),
    ("Funcionario responsable", "agent"),
    ("Fecha y hora de respuesta", "answered_at"),
    ("Número de veces registrado en CRM", "crm_registrations"),
    ("Solicitud", "request_text"),
    ("Respuesta", "answer_text"),
)
CHAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("ID Chat", "key"),
    ("Tiempo de ingreso", "received_at"),
    ("Identificación", "identity_number"),
    ("Nombre", "requester_name"),
    ("Tipo de solicitud", "request_type"),
    ("Servicio", "service"),
    ("Agente", "agent"),
    ("Tiempo de espera (s)", "wait_seconds"),
    ("Registrado en CRM", "registered_in_crm"),
    ("Calificación", "user_rating"),
    ("Registro del usuario", "request_text"),
    ("Transcripción", "answer_text"),
)
# Rows above the header row in a file written with ``banner=True``: title, subtitle, blank.
BANNER_ROWS = 3
XLSX_DATETIME_FORMAT = "dd/mm/yyyy hh:mm:ss"
CSV_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

_WIDTHS = {"request_text": 60, "answer_text": 80, "requester_name": 32, "agent": 30}


def columns_for(channel: Channel) -> tuple[tuple[str, str], ...]:
    return VIRTUAL_COLUMNS if channel is Channel.VIRTUAL else CHAT_COLUMNS


def banner_lines(
    records: Sequence[RecordData], channel: Channel, provider: str | None = None
) -> tuple[str, str]:
    """Title and subtitle of the report, e.g. "ICETEX - Atención Virtual - Reporte de casos
    octubre 2026"."""
    dates = sorted(r.received_at for r in records)
    period = ""
    if dates:
        first, last = dates[0], dates[-1]
        if (first.year, first.month) == (last.year, last.month):
            period = f" {MONTHS[first.month - 1]} {first.year}"
        else:
            period = f" del {first:%d/%m/%Y} al {last:%d/%m/%Y}"
    title = f"ICETEX - Atención {channel.label} - Reporte de casos{period}"
    parts = [f"Proveedor: {provider}"] if provider else []
    if dates:
        parts.append(f"Periodo: {dates[0]:%d/%m/%Y} - {dates[-1]:%d/%m/%Y}")
    parts.append(f"Total de registros: {len(records)}")
    return title, " | ".join(parts)


def _value(record: RecordData, name: str, fmt_date: Callable[[datetime], Cell]) -> Cell:
    value = getattr(record, name)
    if isinstance(value, datetime):
        return fmt_date(value)
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if name == "user_rating" and value is not None:
        return int(value) if float(value).is_integer() else value
    return value


def write_crm_export_xlsx(
    records: Sequence[RecordData],
    path: str | Path,
    *,
    channel: Channel,
    banner: bool = True,
    provider: str | None = None,
) -> Path:
    """Write ``records`` as an xlsx CRM export; returns the path.

    Dates are real date cells; identity numbers are text cells; texts starting with "="
    are written as text (never as formulas); characters that xlsx cannot hold (control
    characters) are dropped.
    """
    path = Path(path)
    columns = columns_for(channel)
    wb = Workbook()
    ws = wb.active
    ws.title = "Reporte" if channel is Channel.VIRTUAL else "Chats"
    header_row = 1
    if banner:
        title, subtitle = banner_lines(records, channel, provider)
        ws.cell(1, 1, title).font = Font(bold=True, size=14)
        ws.cell(2, 1, subtitle)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
        header_row = BANNER_ROWS + 1
    for col, (header, name) in enumerate(columns, start=1):
        ws.cell(header_row, col, header).font = Font(bold=True)
        letter = ws.cell(header_row, col).column_letter
        ws.column_dimensions[letter].width = _WIDTHS.get(name, 20)
    for row, record in enumerate(records, start=header_row + 1):
        for col, (_, name) in enumerate(columns, start=1):
            value = _value(record, name, lambda d: d)
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = ws.cell(row, col, value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # literal text, not a formula
            elif isinstance(value, datetime):
                cell.number_format = XLSX_DATETIME_FORMAT
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def write_crm_export_csv(
    records: Sequence[RecordData],
    path: str | Path,
    *,
    channel: Channel,
    encoding: str = "cp1252",
    delimiter: str = ";",
    banner: bool = False,
    provider: str | None = None,
) -> Path:
    """Write ``records`` as a CSV the way Excel on Windows saves one; returns the path.

    Rows end in CRLF; line breaks inside texts stay inside quoted fields. With the default
    cp1252 encoding, characters it cannot encode (emoji) are written as "?", exactly as
    Excel does, instead of failing: ``errors="replace"`` applies only to cp1252, any
    other encoding (utf-8, utf-8-sig) is strict.
    """
    path = Path(path)
    columns = columns_for(channel)
    errors = "replace" if codecs.lookup(encoding).name == "cp1252" else "strict"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("w", encoding=encoding, errors=errors, newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
            if banner:
                title, subtitle = banner_lines(records, channel, provider)
                writer.writerows([[title], [subtitle], []])
            writer.writerow([header for header, _ in columns])
            for record in records:
                writer.writerow([_value(record, name, _csv_date) for _, name in columns])
    except UnicodeEncodeError:
        path.unlink(missing_ok=True)  # no half-written file
        raise
    return path


def _csv_date(value: datetime) -> str:
    return value.strftime(CSV_DATETIME_FORMAT)


def write_demo_exports(month: DemoMonth, directory: str | Path) -> dict[str, Path]:
    """Write the month's CRM exports (xlsx and cp1252 CSV of each channel with records)."""
    directory = Path(directory)
    stem = f"{month.period_start:%Y-%m}"
    out: dict[str, Path] = {}
    for channel in (Channel.VIRTUAL, Channel.CHAT):
        records = month.records(channel)
        if not records:
            continue
        name = f"crm_{channel.value}_{stem}"
        out[f"{channel.value}_xlsx"] = write_crm_export_xlsx(
            records, directory / f"{name}.xlsx", channel=channel, provider=month.provider
        )
        out[f"{channel.value}_csv"] = write_crm_export_csv(
            records, directory / f"{name}.csv", channel=channel
        )
    return out
