"""Export files laid out the way real systems write them, and what must be stored from them.

Each ``write_…(folder)`` function writes one file into ``folder`` imitating a system that
Colombian entities and their contact centres use (real header names, metadata blocks,
date formats, hidden columns and sheets, footers, encodings) and returns
``(path, expected)``: ``expected`` lists, per data row that must be stored, the values
it must be stored with (only the fields given are compared). ``LAYOUTS`` describes each
family for the tests: channel, the mapping a person would choose by hand (field → header),
the sheet holding the data, the footer lines that must be skipped and the keys of the rows
that must be set aside (another channel).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from auditoria_calidad.domain.fields import Channel

Expected = list[dict[str, Any]]
Writer = Callable[[Path], tuple[Path, Expected]]

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"


def _at(day: int, hour: int, minute: int, second: int = 0) -> datetime:
    """A date-time of October 2026 (Colombian time)."""
    return datetime(2026, 10, day, hour, minute, second)


def _record(key: str, agent: str, received: datetime, **more: Any) -> dict[str, Any]:
    return {"key": key, "agent": agent, "received_at": received, **more}


def _write_csv(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    encoding: str,
    delimiter: str,
    quoting: int = csv.QUOTE_MINIMAL,
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=quoting)
    writer.writerows(rows)
    data = buffer.getvalue()
    if encoding == "utf-16-le-bom":
        path.write_bytes(codecs.BOM_UTF16_LE + data.encode("utf-16-le"))
    else:
        path.write_bytes(data.encode(encoding))
    return path


def _put_row(
    ws: Worksheet, row: int, first_column: int, values: Sequence[object], fmt: str | None = None
) -> None:
    for offset, value in enumerate(values):
        if value is None:
            continue
        cell = ws.cell(row=row, column=first_column + offset, value=value)
        if isinstance(value, datetime) and fmt:
            cell.number_format = fmt


# -- 1. formatted report: metadata block, table from column C, total and notices below --

FORMATTED_REPORT_FOOTER = (
    "Total (5)",
    "Este reporte contiene información confidencial y reservada de la entidad; su uso está "
    "restringido a los fines del contrato (Ley 1581 de 2012).",
    "© 2026 Sistema de Gestión de PQRSD. Todos los derechos reservados.",
)


def write_formatted_report(folder: Path) -> tuple[Path, Expected]:
    """A report tool's xlsx: title, entity, «Fecha de generación» and filters above the
    header, the table starting in column C, then a total and two notice lines."""
    records = [
        _record("PQR-2026-004511", "Ana María Gómez", _at(1, 8, 5), answered_at=_at(2, 10, 30),
                identity_number="1023456789", request_type="Petición"),
        _record("PQR-2026-004512", "Carlos Pérez", _at(1, 9, 40), answered_at=_at(3, 16, 2),
                identity_number="52345678", request_type="Queja"),
        _record("PQR-2026-004513", "Ana María Gómez", _at(2, 14, 0), answered_at=_at(6, 9, 15),
                identity_number="1098765432", request_type="Reclamo"),
        _record("PQR-2026-004514", "Luz Dary Rincón", _at(5, 11, 20), answered_at=_at(5, 17, 45),
                identity_number="79888777", request_type="Petición"),
        _record("PQR-2026-004515", "Carlos Pérez", _at(9, 16, 55), answered_at=_at(14, 8, 0),
                identity_number="1001234567", request_type="Consulta"),
    ]  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.title = "Reporte PQRSD"
    ws["C1"] = "Reporte de PQRSD recibidas por canal virtual"
    ws["C2"] = "Entidad:"
    ws["D2"] = (
        "Instituto Colombiano de Crédito Educativo y Estudios Técnicos en el Exterior - ICETEX"
    )
    ws["C3"], ws["D3"] = "Fecha de generación:", "02/11/2026 07:45:10"
    ws["C4"], ws["D4"] = "Filtros:", "Fecha de radicación entre 01/10/2026 y 31/10/2026"
    ws["C5"], ws["D5"] = "Generado por:", "jrodriguez"
    header = ["N° Radicado", "Fecha de radicación", "Tipo de solicitud", "Cédula",
              "Nombre del peticionario", "Funcionario responsable", "Fecha de respuesta",
              "Asunto"]  # fmt: skip
    _put_row(ws, 7, 3, header)
    names = ["María Fernanda Ruiz", "José Ortega", "Diana Marcela Mora", "Pedro Castillo",
             "Lina Vargas"]  # fmt: skip
    for i, rec in enumerate(records):
        identity: object = int(rec["identity_number"])
        if i == 2:
            identity = "1.098.765.432"  # typed with dots
        row = [rec["key"], rec["received_at"], rec["request_type"], identity, names[i],
               rec["agent"], rec["answered_at"], f"Solicitud de información {i + 1}"]  # fmt: skip
        _put_row(ws, 8 + i, 3, row, "dd/mm/yyyy hh:mm")
    last = 8 + len(records)
    ws.cell(row=last + 1, column=3, value=FORMATTED_REPORT_FOOTER[0])
    ws.cell(row=last + 1, column=4, value=len(records))
    ws.cell(row=last + 3, column=3, value=FORMATTED_REPORT_FOOTER[1])
    ws.cell(row=last + 4, column=3, value=FORMATTED_REPORT_FOOTER[2])
    path = folder / "Reporte_PQRSD_octubre_2026.xlsx"
    wb.save(path)
    return path, records


# -- 2. Salesforce, English labels: "Export details" CSV with the classic footer -------

SALESFORCE_FOOTER = (
    "Confidential Information - Do Not Distribute",
    "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.",
    "Generated By:  Juan Rodríguez  02/11/2026 07:45",
    "ICETEX",
)


def write_salesforce_english(folder: Path) -> tuple[Path, Expected]:
    """Salesforce «Export details» (user locale English (United Kingdom): dd/mm/yyyy
    HH:mm), UTF-8, comma, every field quoted, the classic confidentiality footer."""
    records = [
        _record("00012031", "Andrea Salazar", _at(1, 8, 15), answered_at=_at(1, 15, 40),
                identity_number="1020304050", requester_name="Jorge Méndez",
                request_type="Petición"),
        _record("00012032", "Felipe Torres", _at(1, 10, 2), answered_at=_at(2, 9, 0),
                identity_number="43555666", requester_name="Sandra Milena López",
                request_type="Queja"),
        _record("00012035", "Andrea Salazar", _at(13, 17, 30), answered_at=_at(15, 11, 12),
                identity_number="1152000111", requester_name="Óscar Díaz",
                request_type="Reclamo"),
    ]  # fmt: skip
    header = ["Case Number", "Case Owner", "Contact Name", "Contact ID", "Número de documento",
              "Subject", "Description", "Type", "Status", "Priority", "Date/Time Opened",
              "Date/Time Closed", "Age"]  # fmt: skip
    rows: list[list[object]] = [header]
    for i, rec in enumerate(records):
        rows.append([
            rec["key"], rec["agent"], rec["requester_name"], f"0035g00000Ab{i}dEAAV",
            rec["identity_number"], "Consulta sobre crédito", "Solicito información, por "
            "favor, sobre el estado de mi crédito.\nGracias.", rec["request_type"], "Closed",
            "Medium", f"{rec['received_at']:%d/%m/%Y %H:%M}",
            f"{rec['answered_at']:%d/%m/%Y %H:%M}", str(i + 1),
        ])  # fmt: skip
    rows += [[""], *[[line] for line in SALESFORCE_FOOTER]]
    path = folder / "report1761990310000.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",", quoting=csv.QUOTE_ALL)
    return path, records


# -- 3. Salesforce, Spanish labels: xlsx, with «Origen del caso» naming other channels ---


def write_salesforce_spanish(folder: Path) -> tuple[Path, Expected]:
    """Salesforce in Spanish exported to xlsx; one case came by phone (set aside)."""
    records = [
        _record("00045001", "Marcela Quintero", _at(6, 7, 58), answered_at=_at(6, 12, 30),
                identity_number="1032456987", requester_name="Camilo Restrepo"),
        _record("00045002", "Santiago Ríos", _at(6, 8, 20), answered_at=_at(8, 14, 5),
                identity_number="39777888", requester_name="Gloria Inés Patiño"),
        _record("00045004", "Marcela Quintero", _at(7, 19, 45), answered_at=_at(9, 10, 0),
                identity_number="1010101010", requester_name="Luis Eduardo Cano"),
    ]  # fmt: skip
    phone = ["00045003", "Santiago Ríos", "Teresa Gil", "41222333", "Teléfono",
             _at(6, 9, 0), _at(6, 9, 20), "Llamada de seguimiento", "Cerrado"]  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.title = "Casos"
    header = ["Número del caso", "Propietario del caso", "Nombre del contacto",
              "Número de documento", "Origen del caso", "Fecha/Hora de apertura",
              "Fecha/Hora de cierre", "Asunto", "Estado"]  # fmt: skip
    _put_row(ws, 1, 1, header)
    origins = ["Web", "Correo electrónico", "Web"]
    rows = [
        [rec["key"], rec["agent"], rec["requester_name"], rec["identity_number"], origins[i],
         rec["received_at"], rec["answered_at"], "Solicitud de paz y salvo", "Cerrado"]
        for i, rec in enumerate(records)
    ]  # fmt: skip
    rows.insert(2, phone)
    for r, row in enumerate(rows, start=2):
        _put_row(ws, r, 1, row, "d/mm/yyyy h:mm AM/PM")
    path = folder / "Informe_casos_octubre.xlsx"
    wb.save(path)
    return path, records


# -- 4. Zendesk: view exported to CSV, custom fields with type suffixes ------------------


def write_zendesk(folder: Path) -> tuple[Path, Expected]:
    """Zendesk view export: «Requester id» of 13 digits, «Assigned at» dates, custom
    fields «Cédula [int]» and «Tipo de solicitud [list]»."""
    records = [
        _record("48213", "Paola Andrea Suárez", _at(2, 8, 11, 5), answered_at=_at(2, 16, 40, 0),
                identity_number="1019876543", request_type="Petición"),
        _record("48217", "Julián Castaño", _at(2, 9, 3, 41), answered_at=_at(5, 10, 22, 9),
                identity_number="80123456", request_type="Queja"),
        _record("48230", "Paola Andrea Suárez", _at(3, 21, 47, 30),
                answered_at=_at(6, 8, 5, 55), identity_number="1144556677",
                request_type="Solicitud de información"),
    ]  # fmt: skip
    header = ["Id", "Requester", "Requester id", "Requester external id", "Assignee", "Group",
              "Subject", "Status", "Priority", "Ticket type", "Created at", "Assigned at",
              "Initially assigned at", "Updated at", "Solved at", "Tags", "Cédula [int]",
              "Tipo de solicitud [list]"]  # fmt: skip
    rows: list[list[object]] = [header]
    requesters = ["Natalia Beltrán", "Hernán Zapata", "Claudia Ospina"]
    for i, rec in enumerate(records):
        received: datetime = rec["received_at"]
        assigned = received + timedelta(minutes=7)
        rows.append([
            rec["key"], requesters[i], str(9_100_000_000_000 + 4321 * (i + 1)), "",
            rec["agent"], "Atención virtual", "Consulta de saldo", "Solved", "Normal",
            "Question", f"{received:%Y-%m-%d %H:%M:%S}", f"{assigned:%Y-%m-%d %H:%M:%S}",
            f"{assigned:%Y-%m-%d %H:%M:%S}", f"{rec['answered_at']:%Y-%m-%d %H:%M:%S}",
            f"{rec['answered_at']:%Y-%m-%d %H:%M:%S}", "credito virtual",
            rec["identity_number"], rec["request_type"],
        ])  # fmt: skip
    path = folder / "zendesk_export_pqrs_octubre.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


# -- 5. Freshdesk: Excel export, full date-times as text, a 0/1 «Closed» checkbox --------


def write_freshdesk(folder: Path) -> tuple[Path, Expected]:
    """Freshdesk tickets exported to xlsx; one ticket came by phone (set aside)."""
    records = [
        _record("1501", "Mónica Herrera", _at(14, 8, 0, 12), answered_at=_at(14, 11, 45, 3),
                identity_number="1005678901", request_type="Petición",
                requester_name="Alejandro Muñoz"),
        _record("1502", "Iván Darío Cárdenas", _at(14, 9, 30, 0),
                answered_at=_at(16, 15, 10, 48), identity_number="24333444",
                request_type="Reclamo", requester_name="Beatriz Londoño"),
        _record("1504", "Mónica Herrera", _at(15, 22, 5, 33), answered_at=_at(19, 9, 0, 0),
                identity_number="1090111222", request_type="Queja",
                requester_name="Esteban Gaviria"),
    ]  # fmt: skip
    header = ["Ticket ID", "Subject", "Status", "Priority", "Source", "Type", "Agent", "Group",
              "Created time", "Due by Time", "Resolved time", "Closed time",
              "Last update time", "Initial response time", "Full name", "Email",
              "Contact ID", "Closed", "Número de documento"]  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.title = "Tickets"
    _put_row(ws, 1, 1, header)
    sources = ["Portal", "Email", "Email"]

    def text(value: datetime) -> str:
        return f"{value:%Y-%m-%d %H:%M:%S}"

    rows: list[list[object]] = []
    for i, rec in enumerate(records):
        received, answered = rec["received_at"], rec["answered_at"]
        rows.append([
            int(rec["key"]), "Solicitud", "Closed", "Low", sources[i], rec["request_type"],
            rec["agent"], "PQRS", text(received), text(received + timedelta(days=15)),
            text(answered), text(answered + timedelta(hours=1)),
            text(answered + timedelta(hours=1)), text(received + timedelta(minutes=20)),
            rec["requester_name"], f"cliente{i}@correo.com", 80_000_000_000 + i, 1,
            rec["identity_number"],
        ])  # fmt: skip
    phone = [1503, "Llamada", "Closed", "Low", "Phone", "Petición", "Iván Darío Cárdenas",
             "PQRS", "2026-10-14 10:00:00", "2026-10-29 10:00:00", "2026-10-14 10:20:00",
             "2026-10-14 10:21:00", "2026-10-14 10:21:00", "2026-10-14 10:05:00",
             "Rosa Elena Vélez", "rosa@correo.com", 80_000_000_009, 1, "31222111"]  # fmt: skip
    rows.insert(2, phone)
    for r, row in enumerate(rows, start=2):
        _put_row(ws, r, 1, row)
    path = folder / "Tickets_export_2026-11-02.xlsx"
    wb.save(path)
    return path, records


# -- 6. Dynamics 365: hidden «(No modificar)» columns and a hidden sheet ---------------


def write_dynamics(folder: Path) -> tuple[Path, Expected]:
    """Dynamics 365 «Exportar a Excel»: three hidden «(No modificar)» columns first, a
    hidden sheet ``hiddenDataSheet``, date cells, related-field labels."""
    records = [
        _record("CAS-01234-K8Q2M9", "Natalia Rojas", _at(20, 8, 45),
                answered_at=_at(21, 10, 5), identity_number="1026555444",
                requester_name="Mauricio Pardo"),
        _record("CAS-01235-P3L7X1", "Ricardo Acosta", _at(20, 13, 15),
                answered_at=_at(23, 17, 30), identity_number="51999888",
                requester_name="Adriana Serna"),
        _record("CAS-01240-Z9W4B6", "Natalia Rojas", _at(22, 7, 5), answered_at=_at(22, 9, 50),
                identity_number="1073222333", requester_name="Fabio Nieto"),
    ]  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.title = "Casos activos"
    header = ["(No modificar) Caso", "(No modificar) Suma de comprobación de fila",
              "(No modificar) Fecha de modificación", "Número de caso", "Título del caso",
              "Cliente", "Número de identificación (Cliente) (Contacto)", "Propietario",
              "Fecha de creación", "Fecha de resolución", "Origen"]  # fmt: skip
    _put_row(ws, 1, 1, header)
    for r, rec in enumerate(records, start=2):
        row = [f"6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a{r:02d}",
               f"zXq{r}Lw9mN0pQ2rS4tU6vW8yA1bC3dE5fG7hI9jK+lM=", _at(30, 9, r),
               rec["key"], "Solicitud de devolución", rec["requester_name"],
               rec["identity_number"], rec["agent"], rec["received_at"], rec["answered_at"],
               "Web"]  # fmt: skip
        _put_row(ws, r, 1, row, "dd/mm/yyyy h:mm")
    for letter in "ABC":
        ws.column_dimensions[letter].hidden = True
    hidden = wb.create_sheet("hiddenDataSheet")
    hidden["A1"] = "incident:6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a00:Caso"
    hidden["A2"] = "Número de caso"
    hidden["B2"] = "Propietario"
    hidden.sheet_state = "hidden"
    path = folder / "Casos activos 02-11-2026 7-45-10 a. m..xlsx"
    wb.save(path)
    return path, records


# -- 7. Orfeo-style radicado report: PostgreSQL timestamps with microseconds ------------


def write_orfeo(folder: Path) -> tuple[Path, Expected]:
    """An Orfeo report: «Radicado», «Fecha Radicación» as PostgreSQL timestamps with
    microseconds, «Usuario Actual» (the official holding it), «Radicado Respuesta»."""
    records = [
        _record("20266000012341", "NCASTRO", _at(1, 8, 15, 42), answered_at=_at(6, 11, 3, 9),
                identity_number="1030222444"),
        _record("20266000012352", "MLOPEZ", _at(1, 10, 40, 1), answered_at=_at(9, 16, 20, 55),
                identity_number="19444555"),
        _record("20266000012363", "NCASTRO", _at(2, 15, 5, 0), answered_at=_at(8, 8, 0, 31),
                identity_number="1012333999"),
    ]  # fmt: skip
    header = ["Radicado", "Fecha Radicación", "Tipo Documental", "Asunto", "Remitente",
              "Documento Remitente", "Dependencia Actual", "Usuario Actual",
              "Radicado Respuesta", "Fecha Respuesta", "Días Restantes"]  # fmt: skip
    rows: list[list[object]] = [header]
    micros = ["123456", "987001", "000450"]
    for i, rec in enumerate(records):
        rows.append([
            rec["key"], f"{rec['received_at']:%Y-%m-%d %H:%M:%S}.{micros[i]}",
            "Derecho de petición", "SOLICITUD DE CERTIFICADO", "CIUDADANO " + str(i + 1),
            rec["identity_number"], "600 - ATENCION AL CIUDADANO", rec["agent"],
            str(20266000020000 + i), f"{rec['answered_at']:%Y-%m-%d %H:%M:%S}.{micros[i]}",
            str(10 - i),
        ])  # fmt: skip
    path = folder / "reporte_radicados_entrada.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


# -- 8. chat platform, English: UTC «Z» times, waits hh:mm:ss, ratings good/bad ---------


def write_chat_platform_utc(folder: Path) -> tuple[Path, Expected]:
    """A chat platform's CSV report: times in UTC (``…Z``, stored as Colombian time,
    UTC-5), queue waits as hh:mm:ss, ratings good/bad (5 and 1 on the 1–5 scale)."""
    records = [
        _record("Q8XK2M1ZP0", "Valentina Ortiz", _at(1, 8, 15, 42), wait_seconds=95,
                user_rating=5.0, identity_number="1001002003"),
        _record("Q8XK2M7TR4", "Daniel Forero", _at(1, 18, 59, 0), wait_seconds=3725,
                user_rating=1.0, identity_number="52111000"),
        _record("Q8XK2N0AB9", "Valentina Ortiz", _at(2, 7, 1, 20), wait_seconds=0,
                user_rating=None, identity_number="1234567"),
    ]  # fmt: skip
    header = ["Chat ID", "Chat start date", "Chat end date", "Agent", "Visitor name",
              "Visitor email", "Cédula", "Queue waiting time", "Chat duration", "Rating",
              "Rating comment"]  # fmt: skip
    rows: list[list[object]] = [header]
    ratings = ["good", "bad", ""]

    def utc(value: datetime) -> str:
        return f"{value + timedelta(hours=5):%Y-%m-%dT%H:%M:%SZ}"

    for i, rec in enumerate(records):
        wait = rec["wait_seconds"]
        rows.append([
            rec["key"], utc(rec["received_at"]),
            utc(rec["received_at"] + timedelta(minutes=12)), rec["agent"],
            f"Visitante {i + 1}", f"visitante{i}@correo.com", rec["identity_number"],
            f"{wait // 3600:02d}:{wait // 60 % 60:02d}:{wait % 60:02d}", "00:12:00",
            ratings[i], "" if i else "Muy amable",
        ])  # fmt: skip
    path = folder / "chats_report_2026-10-01_2026-10-31.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


# -- 9. chat platform, Spanish: waits in milliseconds, ratings as words, a «Canal» column --


def write_chat_platform_ms(folder: Path) -> tuple[Path, Expected]:
    """A WhatsApp/web-chat platform's xlsx: «Tiempo de espera (ms)», «Calificación» as
    Excelente/Buena/Regular/Mala (5/4/3/2), UTC times, a «Canal» column where one
    conversation was a phone call (set aside)."""
    records = [
        _record("conv-7781", "Laura Jiménez", _at(3, 9, 0, 5), wait_seconds=45,
                user_rating=5.0, identity_number="1015432109"),
        _record("conv-7782", "Sebastián Mejía", _at(3, 9, 12, 40), wait_seconds=130,
                user_rating=4.0, identity_number="30555666"),
        _record("conv-7784", "Laura Jiménez", _at(3, 23, 58, 59), wait_seconds=7,
                user_rating=3.0, identity_number="1088999000"),
        _record("conv-7785", "Sebastián Mejía", _at(4, 10, 30, 0), wait_seconds=62,
                user_rating=2.0, identity_number="71888999"),
    ]  # fmt: skip
    words = ["Excelente", "Buena", "Regular", "Mala"]
    channels = ["WhatsApp", "Chat web", "WhatsApp", "Chat web"]
    wb = Workbook()
    ws = wb.active
    ws.title = "Conversaciones"
    header = ["Id conversación", "Canal", "Fecha inicio (UTC)", "Asesor", "Nombre cliente",
              "Número de documento", "Tiempo de espera (ms)", "Calificación",
              "Comentario"]  # fmt: skip
    _put_row(ws, 1, 1, header)
    rows: list[list[object]] = []
    for i, rec in enumerate(records):
        start = rec["received_at"] + timedelta(hours=5)
        rows.append([
            rec["key"], channels[i], f"{start:%Y-%m-%dT%H:%M:%S}Z", rec["agent"],
            f"Cliente {i + 1}", rec["identity_number"], rec["wait_seconds"] * 1000 + 120 * i,
            words[i], "",
        ])  # fmt: skip
    rows.insert(2, ["conv-7783", "Llamada", "2026-10-03T15:00:00Z", "Laura Jiménez",
                    "Cliente X", "1066777888", 15000, "Buena", ""])  # fmt: skip
    for r, row in enumerate(rows, start=2):
        _put_row(ws, r, 1, row)
    path = folder / "conversaciones_octubre_2026.xlsx"
    wb.save(path)
    return path, records


# -- 10. workbook whose data sheet is not the first ------------------------------------


def write_cover_sheet_workbook(folder: Path) -> tuple[Path, Expected]:
    """A «Resumen» sheet with indicators first, the cases in «Detalle» second."""
    records = [
        _record("RAD-2026-1001", "Juliana Cortés", _at(7, 8, 30), answered_at=_at(8, 9, 0),
                identity_number="1022333444"),
        _record("RAD-2026-1002", "Mario Salcedo", _at(7, 11, 10), answered_at=_at(9, 14, 0),
                identity_number="35111222"),
        _record("RAD-2026-1003", "Juliana Cortés", _at(8, 15, 45), answered_at=_at(8, 16, 30),
                identity_number="1067888999"),
    ]  # fmt: skip
    wb = Workbook()
    cover = wb.active
    cover.title = "Resumen"
    cover["A1"] = "Informe mensual de atención virtual - octubre de 2026"
    cover["A3"], cover["B3"] = "Total de casos", len(records)
    cover["A4"], cover["B4"] = "Casos respondidos a tiempo", 3
    cover["A5"], cover["B5"] = "Tiempo promedio de respuesta (horas)", 19.8
    cover["A6"], cover["B6"] = "Fecha de corte", datetime(2026, 10, 31)
    cover["A8"], cover["B8"] = "Funcionario", "Casos"
    cover["A9"], cover["B9"] = "Juliana Cortés", 2
    cover["A10"], cover["B10"] = "Mario Salcedo", 1
    detail = wb.create_sheet("Detalle")
    header = ["Radicado", "Fecha de ingreso", "Cédula", "Funcionario responsable",
              "Fecha y hora de respuesta", "Asunto"]  # fmt: skip
    _put_row(detail, 1, 1, header)
    for r, rec in enumerate(records, start=2):
        row = [rec["key"], rec["received_at"], rec["identity_number"], rec["agent"],
               rec["answered_at"], "Certificado de paz y salvo"]  # fmt: skip
        _put_row(detail, r, 1, row, "dd/mm/yyyy hh:mm")
    path = folder / "Informe_mensual_octubre.xlsx"
    wb.save(path)
    return path, records


# -- 11. Spanish-Excel CSV: ";", decimal comma, a. m./p. m., Windows-1252 ---------------


def _spanish_clock(value: datetime, space: str) -> str:
    hour = value.hour % 12 or 12
    suffix = f"a.{space}m." if value.hour < 12 else f"p.{space}m."
    return f"{value.day}/{value.month}/{value.year} {hour}:{value.minute:02d}{space}{suffix}"


def write_spanish_excel_csv(folder: Path) -> tuple[Path, Expected]:
    """A chat report saved by Excel in Spanish (Colombia) as «CSV (delimitado por comas)»:
    ``;``, Windows-1252, dates without leading zeros and ``a. m.``/``p. m.`` written with
    normal and no-break spaces, ratings with a decimal comma."""
    records = [
        _record("CH-000501", "Mónica Peña", _at(1, 8, 5), wait_seconds=40, user_rating=4.5,
                identity_number="1023987654", request_type="Información de crédito"),
        _record("CH-000502", "Andrés Niño", _at(1, 14, 30), wait_seconds=95, user_rating=3.0,
                identity_number="52987321", request_type="Renovación"),
        _record("CH-000503", "Mónica Peña", _at(10, 0, 15), wait_seconds=12, user_rating=5.0,
                identity_number="1000200300", request_type="Pagos"),
        _record("CH-000504", "Andrés Niño", _at(12, 12, 0), wait_seconds=300, user_rating=1.5,
                identity_number="1144000111", request_type="Información de crédito"),
    ]  # fmt: skip
    header = ["Id. del chat", "Fecha y hora de ingreso", "Asesor", "Cédula",
              "Tipo de solicitud", "Tiempo de espera (s)", "Calificación"]  # fmt: skip
    rows: list[list[object]] = [header]
    spaces = [" ", NBSP, " ", NBSP]
    for i, rec in enumerate(records):
        rating = f"{rec['user_rating']:.1f}".replace(".", ",")
        rows.append([
            rec["key"], _spanish_clock(rec["received_at"], spaces[i]), rec["agent"],
            rec["identity_number"], rec["request_type"], str(rec["wait_seconds"]), rating,
        ])  # fmt: skip
    path = folder / "chats octubre.csv"
    _write_csv(path, rows, encoding="cp1252", delimiter=";")
    return path, records


# -- 12. Excel «Texto Unicode»: UTF-16 LE with BOM, tab-separated ------------------------


def write_excel_unicode_text(folder: Path) -> tuple[Path, Expected]:
    """A sheet saved by Excel as «Texto Unicode (*.txt)»: UTF-16 LE with BOM, tabs, CRLF;
    times written by a recent Windows with a narrow no-break space (``8:05 p. m.``)."""
    records = [
        _record("2026-RV-0091", "Óscar Ibáñez", _at(15, 20, 5), answered_at=_at(16, 8, 40),
                identity_number="1017222333", requester_name="Ángela Muñoz"),
        _record("2026-RV-0092", "Diana Güiza", _at(15, 9, 0), answered_at=_at(15, 12, 10),
                identity_number="63444555", requester_name="Ñusta Quiñones"),
        _record("2026-RV-0093", "Óscar Ibáñez", _at(17, 12, 45), answered_at=_at(20, 18, 0),
                identity_number="1122333444", requester_name="Raúl Zúñiga"),
    ]  # fmt: skip
    header = ["Número de radicado", "Fecha de radicado", "Nombre del ciudadano",
              "Documento de identidad", "Funcionario responsable", "Fecha de respuesta",
              "Observaciones"]  # fmt: skip
    rows: list[list[object]] = [header]
    for i, rec in enumerate(records):
        rows.append([
            rec["key"], _spanish_clock(rec["received_at"], NARROW_NBSP), rec["requester_name"],
            rec["identity_number"], rec["agent"],
            _spanish_clock(rec["answered_at"], NARROW_NBSP), f"Caso {i + 1}: revisión 😀",
        ])  # fmt: skip
    path = folder / "radicados_virtual.txt"
    _write_csv(path, rows, encoding="utf-16-le-bom", delimiter="\t")
    return path, records


# -- 13. date cells, serial numbers and text dates mixed in one column -------------------


def write_mixed_date_column(folder: Path) -> tuple[Path, Expected]:
    """A consolidated workbook pasted together from several sources: in the date columns
    some cells are dates, some serial numbers (General format) and some text."""
    records = [
        _record("VR-7001", "Camila Rendón", _at(21, 8, 0), answered_at=_at(21, 17, 0),
                identity_number="1020111222"),
        _record("VR-7002", "Hugo Benítez", _at(21, 9, 30), answered_at=_at(22, 10, 15),
                identity_number="16777888"),
        _record("VR-7003", "Camila Rendón", _at(22, 14, 45), answered_at=_at(24, 8, 30),
                identity_number="1061555666"),
        _record("VR-7004", "Hugo Benítez", _at(23, 16, 20), answered_at=_at(27, 11, 0),
                identity_number="1098444333"),
    ]  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.title = "Consolidado"
    header = ["N° Radicado", "Fecha de ingreso", "Cédula", "Funcionario responsable",
              "Fecha y hora de respuesta"]  # fmt: skip
    _put_row(ws, 1, 1, header)
    epoch = datetime(1899, 12, 30)

    def serial(value: datetime) -> float:
        return (value - epoch).total_seconds() / 86400

    styles: list[Callable[[datetime], object]] = [
        lambda v: v,
        serial,
        lambda v: f"{v:%d/%m/%Y %H:%M}",
        lambda v: f"{v:%Y-%m-%d %H:%M:%S}",
    ]
    for r, rec in enumerate(records, start=2):
        style = styles[r - 2]
        answer_style = styles[(r - 1) % len(styles)]
        row = [rec["key"], style(rec["received_at"]), int(rec["identity_number"]), rec["agent"],
               answer_style(rec["answered_at"])]  # fmt: skip
        _put_row(ws, r, 1, row, "dd/mm/yyyy hh:mm")
    path = folder / "consolidado_virtual.xlsx"
    wb.save(path)
    return path, records


# -- 14. the auditors' chat CSV: «Fecha» + «Hora Ingreso» + «Hora Atención» -------------


def write_auditors_chat_csv(folder: Path) -> tuple[Path, Expected]:
    """The chat month as the quality office receives it: one «Fecha» column that is the
    date of both «Hora Ingreso» and «Hora Atención», ``;``, Windows-1252."""
    records = [
        _record("1290345", "Yuli Andrea Parra", _at(1, 7, 2, 10), identity_number="1018456789",
                user_rating=5.0),
        _record("1290346", "Wilson Camargo", _at(1, 7, 15, 0), identity_number="39456123",
                user_rating=4.0),
        _record("1290350", "Yuli Andrea Parra", _at(2, 13, 40, 55),
                identity_number="1003987654", user_rating=2.0),
    ]  # fmt: skip
    header = ["Fecha", "Hora Ingreso", "Hora Atención", "ID Chat", "Asesor", "Identificación",
              "Nombre Usuario", "Motivo", "Calificación", "Observación"]  # fmt: skip
    rows: list[list[object]] = [header]
    for i, rec in enumerate(records):
        received: datetime = rec["received_at"]
        attended = received + timedelta(seconds=50 + 30 * i)
        rows.append([
            f"{received:%d/%m/%Y}", f"{received:%H:%M:%S}", f"{attended:%H:%M:%S}", rec["key"],
            rec["agent"], rec["identity_number"], f"Usuario {i + 1}", "Información general",
            str(int(rec["user_rating"])), "Atención cordial; resolvió la duda",
        ])  # fmt: skip
    path = folder / "CHAT OCTUBRE 2026.csv"
    _write_csv(path, rows, encoding="cp1252", delimiter=";")
    return path, records


# -- the families, for the tests ---------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """One layout family: how to write it and what a person would map by hand."""

    name: str
    write: Writer
    channel: Channel
    hand_mapping: dict[str, str]  # field name → header as in the file
    sheet: str | None = None  # the sheet that holds the data (None: CSV)
    footer: tuple[str, ...] = ()  # first cell texts of the rows that must be skipped
    set_aside: tuple[str, ...] = ()  # keys of rows of another channel
    header_row: int = 1


LAYOUTS: tuple[Layout, ...] = (
    Layout("formatted_report", write_formatted_report, Channel.VIRTUAL, {
        "key": "N° Radicado", "received_at": "Fecha de radicación", "agent":
        "Funcionario responsable", "answered_at": "Fecha de respuesta",
        "identity_number": "Cédula", "request_type": "Tipo de solicitud"},
        sheet="Reporte PQRSD", footer=FORMATTED_REPORT_FOOTER, header_row=7),
    Layout("salesforce_english", write_salesforce_english, Channel.VIRTUAL, {
        "key": "Case Number", "received_at": "Date/Time Opened", "agent": "Case Owner",
        "answered_at": "Date/Time Closed", "identity_number": "Número de documento",
        "requester_name": "Contact Name", "request_type": "Type"},
        footer=SALESFORCE_FOOTER),
    Layout("salesforce_spanish", write_salesforce_spanish, Channel.VIRTUAL, {
        "key": "Número del caso", "received_at": "Fecha/Hora de apertura",
        "agent": "Propietario del caso", "answered_at": "Fecha/Hora de cierre",
        "identity_number": "Número de documento", "requester_name": "Nombre del contacto"},
        sheet="Casos", set_aside=("00045003",)),
    Layout("zendesk", write_zendesk, Channel.VIRTUAL, {
        "key": "Id", "received_at": "Created at", "agent": "Assignee",
        "answered_at": "Solved at", "identity_number": "Cédula [int]",
        "request_type": "Tipo de solicitud [list]"}),
    Layout("freshdesk", write_freshdesk, Channel.VIRTUAL, {
        "key": "Ticket ID", "received_at": "Created time", "agent": "Agent",
        "answered_at": "Resolved time", "identity_number": "Número de documento",
        "request_type": "Type", "requester_name": "Full name"},
        sheet="Tickets", set_aside=("1503",)),
    Layout("dynamics", write_dynamics, Channel.VIRTUAL, {
        "key": "Número de caso", "received_at": "Fecha de creación", "agent": "Propietario",
        "answered_at": "Fecha de resolución",
        "identity_number": "Número de identificación (Cliente) (Contacto)",
        "requester_name": "Cliente"}, sheet="Casos activos"),
    Layout("orfeo", write_orfeo, Channel.VIRTUAL, {
        "key": "Radicado", "received_at": "Fecha Radicación", "agent": "Usuario Actual",
        "answered_at": "Fecha Respuesta", "identity_number": "Documento Remitente"}),
    Layout("chat_platform_utc", write_chat_platform_utc, Channel.CHAT, {
        "key": "Chat ID", "received_at": "Chat start date", "agent": "Agent",
        "wait_seconds": "Queue waiting time", "user_rating": "Rating",
        "identity_number": "Cédula"}),
    Layout("chat_platform_ms", write_chat_platform_ms, Channel.CHAT, {
        "key": "Id conversación", "received_at": "Fecha inicio (UTC)", "agent": "Asesor",
        "wait_seconds": "Tiempo de espera (ms)", "user_rating": "Calificación",
        "identity_number": "Número de documento"},
        sheet="Conversaciones", set_aside=("conv-7783",)),
    Layout("cover_sheet", write_cover_sheet_workbook, Channel.VIRTUAL, {
        "key": "Radicado", "received_at": "Fecha de ingreso", "agent":
        "Funcionario responsable", "answered_at": "Fecha y hora de respuesta",
        "identity_number": "Cédula"}, sheet="Detalle"),
    Layout("spanish_excel_csv", write_spanish_excel_csv, Channel.CHAT, {
        "key": "Id. del chat", "received_at": "Fecha y hora de ingreso", "agent": "Asesor",
        "identity_number": "Cédula", "request_type": "Tipo de solicitud",
        "wait_seconds": "Tiempo de espera (s)", "user_rating": "Calificación"}),
    Layout("excel_unicode_text", write_excel_unicode_text, Channel.VIRTUAL, {
        "key": "Número de radicado", "received_at": "Fecha de radicado",
        "agent": "Funcionario responsable", "answered_at": "Fecha de respuesta",
        "identity_number": "Documento de identidad",
        "requester_name": "Nombre del ciudadano"}),
    Layout("mixed_date_column", write_mixed_date_column, Channel.VIRTUAL, {
        "key": "N° Radicado", "received_at": "Fecha de ingreso", "agent":
        "Funcionario responsable", "answered_at": "Fecha y hora de respuesta",
        "identity_number": "Cédula"}, sheet="Consolidado"),
    Layout("auditors_chat_csv", write_auditors_chat_csv, Channel.CHAT, {
        "key": "ID Chat", "received_date": "Fecha", "received_time": "Hora Ingreso",
        "agent": "Asesor", "identity_number": "Identificación",
        "user_rating": "Calificación"}),
)  # fmt: skip

LAYOUTS_BY_NAME: dict[str, Layout] = {layout.name: layout for layout in LAYOUTS}


# -- 15. Salesforce, English (United States) locale: month-first dates with AM/PM ------


def _us_clock(value: datetime) -> str:
    """10/1/2026 8:15 AM, as Salesforce writes a date-time for a US-locale user."""
    hour = value.hour % 12 or 12
    suffix = "AM" if value.hour < 12 else "PM"
    return f"{value.month}/{value.day}/{value.year} {hour}:{value.minute:02d} {suffix}"


def write_salesforce_us(folder: Path, *, decisive: bool = True) -> tuple[Path, Expected]:
    """Salesforce «Export details» for a user with the English (United States) locale:
    M/D/YYYY h:mm AM/PM. With ``decisive`` one case opened on the 13th shows the order;
    without it every day is 12 or less, so the dates alone cannot tell it."""
    last_day = 13 if decisive else 12
    records = [
        _record("00077101", "Andrea Salazar", _at(1, 8, 15), answered_at=_at(2, 15, 40),
                requester_name="Jorge Méndez", request_type="Question"),
        _record("00077102", "Felipe Torres", _at(3, 14, 2), answered_at=_at(5, 9, 0),
                requester_name="Sandra Milena López", request_type="Problem"),
        _record("00077105", "Andrea Salazar", _at(last_day, 17, 30),
                answered_at=_at(last_day, 18, 12), requester_name="Óscar Díaz",
                request_type="Complaint"),
    ]  # fmt: skip
    header = ["Case Number", "Case Owner", "Contact Name", "Subject", "Type", "Status",
              "Priority", "Date/Time Opened", "Date/Time Closed"]  # fmt: skip
    rows: list[list[object]] = [header]
    for rec in records:
        rows.append([
            rec["key"], rec["agent"], rec["requester_name"], "Loan status inquiry",
            rec["request_type"], "Closed", "Medium", _us_clock(rec["received_at"]),
            _us_clock(rec["answered_at"]),
        ])  # fmt: skip
    rows += [[""], *[[line] for line in SALESFORCE_FOOTER]]
    name = "report_us.csv" if decisive else "report_us_early_october.csv"
    path = folder / name
    _write_csv(path, rows, encoding="utf-8", delimiter=",", quoting=csv.QUOTE_ALL)
    return path, records


LAYOUTS = (
    *LAYOUTS,
    Layout("salesforce_us", write_salesforce_us, Channel.VIRTUAL, {
        "key": "Case Number", "received_at": "Date/Time Opened", "agent": "Case Owner",
        "answered_at": "Date/Time Closed", "requester_name": "Contact Name",
        "request_type": "Type"}, footer=SALESFORCE_FOOTER),
)  # fmt: skip
LAYOUTS_BY_NAME = {layout.name: layout for layout in LAYOUTS}


# -- 16. helpdesks: ServiceNow, Aranda Service Desk, Odoo Helpdesk, Bitrix24 -------------


def write_servicenow(folder: Path) -> tuple[Path, Expected]:
    """ServiceNow «Export > Excel» of an incident list: English labels, «INC…» numbers,
    date-time cells, the short description and the close notes."""
    records = [
        _record("INC0010231", "Paola Andrea Rincón", _at(6, 8, 12, 40),
                answered_at=_at(6, 16, 3, 2), requester_name="Germán Alonso Quintero",
                answer_text="Se envió el certificado de paz y salvo al correo registrado."),
        _record("INC0010232", "Luis Eduardo Pérez", _at(6, 9, 30, 0),
                answered_at=_at(7, 10, 0, 0), requester_name="Marta Lucía Giraldo",
                answer_text="Se ajustó la cuota del crédito según el acuerdo 025 de 2026."),
    ]  # fmt: skip
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Page 1"
    ws.append(["Number", "Opened", "Caller", "Short description", "Category", "Assigned to",
               "Assignment group", "State", "Resolved", "Close notes", "Contact type"])  # fmt: skip
    for rec in records:
        ws.append([rec["key"], rec["received_at"], rec["requester_name"],
                   "Certificado de paz y salvo", "Crédito", rec["agent"], "PQRSD Nivel 1",
                   "Resolved", rec["answered_at"], rec["answer_text"], "Email"])  # fmt: skip
    path = folder / "incident.xlsx"
    wb.save(path)
    return path, records


def _colombian_clock(value: datetime) -> str:
    """06/10/2026 02:05 p. m., as a Colombian-locale web application writes it."""
    hour = value.hour % 12 or 12
    return f"{value:%d/%m/%Y} {hour:02d}:{value:%M} {'a. m.' if value.hour < 12 else 'p. m.'}"


def write_aranda(folder: Path) -> tuple[Path, Expected]:
    """Aranda Service Desk's case report (a help desk common in Colombian entities):
    ``;``, Windows-1252, «Especialista» for the agent, 12-hour Colombian times."""
    records = [
        _record("RF-5401", "Juan Carlos Peña", _at(6, 8, 5), answered_at=_at(6, 14, 5),
                identity_number="1020304050", requester_name="Sandra Milena Ortiz",
                request_type="Requerimiento"),
        _record("RF-5402", "Ana María Díaz", _at(6, 15, 40), answered_at=_at(7, 9, 20),
                identity_number="79888777", requester_name="Óscar Iván Téllez",
                request_type="Incidente"),
    ]  # fmt: skip
    rows: list[list[object]] = [[
        "Id Caso", "Tipo de caso", "Estado", "Cliente", "Identificación cliente",
        "Especialista", "Grupo", "Fecha de registro", "Fecha de solución", "Asunto",
    ]]  # fmt: skip
    for rec in records:
        rows.append([rec["key"], rec["request_type"], "Solucionado", rec["requester_name"],
                     rec["identity_number"], rec["agent"], "Mesa PQRSD",
                     _colombian_clock(rec["received_at"]), _colombian_clock(rec["answered_at"]),
                     "Solicitud de certificado"])  # fmt: skip
    path = folder / "casos_aranda.csv"
    _write_csv(path, rows, encoding="cp1252", delimiter=";")
    return path, records


def write_odoo(folder: Path) -> tuple[Path, Expected]:
    """Odoo Helpdesk's list view exported to Excel: «#12» references, «Asignado a»,
    «Creado el» and «Fecha de cierre» written as text."""
    records = [
        _record("#312", "Ana María Díaz", _at(8, 7, 45, 10), answered_at=_at(8, 11, 2, 0),
                requester_name="Luis Fernando Rojas", request_type="Petición"),
        _record("#313", "Laura Gómez", _at(8, 10, 0, 0), answered_at=_at(9, 17, 30, 0),
                requester_name="María José Castro", request_type="Reclamo"),
    ]  # fmt: skip
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws.append(["Referencia del ticket", "Asunto", "Cliente", "Asignado a", "Equipo de asistencia",
               "Etapa", "Creado el", "Fecha de cierre", "Tipo de ticket"])  # fmt: skip
    for rec in records:
        ws.append([rec["key"], "Consulta de saldo", rec["requester_name"], rec["agent"], "PQRSD",
                   "Resuelto", f"{rec['received_at']:%Y-%m-%d %H:%M:%S}",
                   f"{rec['answered_at']:%Y-%m-%d %H:%M:%S}", rec["request_type"]])  # fmt: skip
    path = folder / "helpdesk.ticket.xlsx"
    wb.save(path)
    return path, records


def write_bitrix24(folder: Path) -> tuple[Path, Expected]:
    """Bitrix24 tasks exported to CSV: UTF-8 with BOM, ``,``, «dd.mm.aaaa hh:mm:ss»,
    «Responsable», «Creado», «Cerrado» and a closing comment."""
    records = [
        _record("9001", "Juan Carlos Peña", _at(12, 9, 15, 0), answered_at=_at(13, 8, 0, 0),
                requester_name="Camilo Andrés Vega",
                answer_text="Se le informó el procedimiento de refinanciación y sus requisitos."),
        _record("9002", "Laura Gómez", _at(12, 16, 20, 0), answered_at=_at(12, 18, 45, 0),
                requester_name="Gloria Inés Zapata",
                answer_text="El pago fue aplicado; se adjunta el extracto actualizado."),
    ]  # fmt: skip
    rows: list[list[object]] = [["ID", "Título", "Responsable", "Creado", "Cerrado", "Contacto",
                                 "Estado", "Comentario de cierre"]]  # fmt: skip
    for rec in records:
        rows.append([rec["key"], "Solicitud de información", rec["agent"],
                     f"{rec['received_at']:%d.%m.%Y %H:%M:%S}",
                     f"{rec['answered_at']:%d.%m.%Y %H:%M:%S}", rec["requester_name"],
                     "Completada", rec["answer_text"]])  # fmt: skip
    path = folder / "tareas.csv"
    _write_csv(path, rows, encoding="utf-8-sig", delimiter=",")
    return path, records


LAYOUTS = (
    *LAYOUTS,
    Layout("servicenow", write_servicenow, Channel.VIRTUAL, {
        "key": "Number", "received_at": "Opened", "agent": "Assigned to",
        "answered_at": "Resolved", "requester_name": "Caller", "answer_text": "Close notes"},
        sheet="Page 1"),
    Layout("aranda", write_aranda, Channel.VIRTUAL, {
        "key": "Id Caso", "received_at": "Fecha de registro", "agent": "Especialista",
        "answered_at": "Fecha de solución", "identity_number": "Identificación cliente",
        "requester_name": "Cliente", "request_type": "Tipo de caso"}),
    Layout("odoo", write_odoo, Channel.VIRTUAL, {
        "key": "Referencia del ticket", "received_at": "Creado el", "agent": "Asignado a",
        "answered_at": "Fecha de cierre", "requester_name": "Cliente",
        "request_type": "Tipo de ticket"}, sheet="Sheet1"),
    Layout("bitrix24", write_bitrix24, Channel.VIRTUAL, {
        "key": "ID", "received_at": "Creado", "agent": "Responsable", "answered_at": "Cerrado",
        "requester_name": "Contacto", "answer_text": "Comentario de cierre"}),
)  # fmt: skip
LAYOUTS_BY_NAME = {layout.name: layout for layout in LAYOUTS}


# -- 17. chat platforms: Zoho SalesIQ (English, three faces) and Callbell (WhatsApp) ----


def write_zoho_salesiq(folder: Path) -> tuple[Path, Expected]:
    """Zoho SalesIQ's chat export: «Attended By», «Oct 01, 2026 12:01 PM», waits in
    «94 secs» and the three-face survey (Happy / Neutral / Sad)."""
    records = [
        _record("3-900001", "Pedro Ruiz", _at(1, 12, 1), wait_seconds=94, user_rating=5.0,
                requester_name="Sandra Milena Ortiz"),
        _record("3-900002", "Laura Gómez", _at(1, 15, 12), wait_seconds=8, user_rating=3.0,
                requester_name="Luis Fernando Rojas"),
        _record("3-900003", "Laura Gómez", _at(2, 9, 40), wait_seconds=130, user_rating=1.0,
                requester_name="María José Castro"),
        _record("3-900004", "Pedro Ruiz", _at(2, 10, 5), wait_seconds=61, user_rating=None,
                requester_name="Óscar Iván Téllez"),
    ]  # fmt: skip
    faces = {5.0: "Happy", 3.0: "Neutral", 1.0: "Sad", None: ""}
    rows: list[list[object]] = [["Chat ID", "Visitor Name", "Visitor Email", "Attended By",
                                 "Chat Start Time", "Waiting Time", "Rating", "Department"]]  # fmt: skip
    for rec in records:
        rows.append([rec["key"], rec["requester_name"], "visitante@correo.co", rec["agent"],
                     rec["received_at"].strftime("%b %d, %Y %I:%M %p"),
                     f"{rec['wait_seconds']} secs", faces[rec["user_rating"]], "PQRSD"])  # fmt: skip
    path = folder / "chats_salesiq.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


def write_callbell(folder: Path) -> tuple[Path, Expected]:
    """Callbell's WhatsApp conversations: a UUID for the key, «Agente asignado», UTC
    «…Z» times and a «Canal» that says WhatsApp (a chat)."""
    records = [
        _record("5f1c0a7e-2b44-4c1d-9e3a-0d5e6f7a8b01", "Ana María Díaz", _at(3, 8, 20, 5),
                requester_name="Camilo Andrés Vega"),
        _record("5f1c0a7e-2b44-4c1d-9e3a-0d5e6f7a8b02", "Juan Carlos Peña", _at(3, 21, 50, 0),
                requester_name="Gloria Inés Zapata"),
    ]  # fmt: skip
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Conversaciones"
    ws.append(["Contacto", "Teléfono", "Agente asignado", "Canal", "Fecha de creación",
               "Fecha de cierre", "Etiquetas", "UUID"])  # fmt: skip
    for rec in records:
        utc = rec["received_at"] + timedelta(hours=5)
        ws.append([rec["requester_name"], "+57 300 1234567", rec["agent"], "WhatsApp",
                   f"{utc:%Y-%m-%dT%H:%M:%S}.000Z",
                   f"{utc + timedelta(minutes=20):%Y-%m-%dT%H:%M:%S}.000Z", "pqrsd",
                   rec["key"]])  # fmt: skip
    path = folder / "conversaciones.xlsx"
    wb.save(path)
    return path, records


LAYOUTS = (
    *LAYOUTS,
    Layout("zoho_salesiq", write_zoho_salesiq, Channel.CHAT, {
        "key": "Chat ID", "received_at": "Chat Start Time", "agent": "Attended By",
        "wait_seconds": "Waiting Time", "user_rating": "Rating",
        "requester_name": "Visitor Name"}),
    Layout("callbell", write_callbell, Channel.CHAT, {
        "key": "UUID", "received_at": "Fecha de creación", "agent": "Agente asignado",
        "requester_name": "Contacto"}, sheet="Conversaciones"),
)  # fmt: skip
LAYOUTS_BY_NAME = {layout.name: layout for layout in LAYOUTS}


# -- 18. SQL reports with compact dates, and a web application's «fecha - hora hrs» ------


def write_sql_compact_dates(folder: Path) -> tuple[Path, Expected]:
    """A query of the document system's database saved as CSV by SQL Server Management
    Studio: column names in capitals with underscores, dates in ISO 8601's basic form as
    ``CONVERT(…, 112)`` and ``FORMAT(…, 'yyyyMMddHHmmss')`` write them, ``,``, UTF-8."""
    records = [
        _record("2026-ER-014001", "Paola Andrea Rincón", _at(14, 8, 12, 40),
                answered_at=_at(14, 16, 3, 2), identity_number="1032456789",
                request_type="Petición"),
        _record("2026-ER-014002", "Luis Eduardo Pérez", _at(14, 9, 30, 0),
                answered_at=_at(15, 10, 0, 0), identity_number="52123456",
                request_type="Queja"),
    ]  # fmt: skip
    rows: list[list[object]] = [["NUM_RADICADO", "FEC_RADICACION", "FEC_RESPUESTA",
                                 "USUARIO_RESPONSABLE", "NUM_DOCUMENTO", "TIPO_SOLICITUD",
                                 "DEPENDENCIA"]]  # fmt: skip
    for rec in records:
        rows.append([rec["key"], f"{rec['received_at']:%Y%m%d%H%M%S}",
                     f"{rec['answered_at']:%Y%m%d %H:%M:%S}", rec["agent"],
                     rec["identity_number"], rec["request_type"], "Atención al ciudadano"])  # fmt: skip
    path = folder / "consulta_radicados.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


def write_web_report_hours(folder: Path) -> tuple[Path, Expected]:
    """A Colombian entity's web application («Reporte de PQRSD atendidas») saved as an
    Excel workbook: dates written as text «14/10/2026 - 08:12 hrs», a 24-hour clock
    with the word for hours after it."""
    records = [
        _record("PQRSD-88101", "Ana María Díaz", _at(14, 8, 12), answered_at=_at(14, 17, 40),
                identity_number="1020304050", requester_name="Sandra Milena Ortiz"),
        _record("PQRSD-88102", "Juan Carlos Peña", _at(14, 15, 5), answered_at=_at(15, 9, 0),
                identity_number="79888777", requester_name="Óscar Iván Téllez"),
    ]  # fmt: skip
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "PQRSD atendidas"
    ws.append(["Código PQRSD", "Ciudadano", "Identificación", "Fecha de recibido",
               "Fecha de respuesta", "Responsable", "Estado"])  # fmt: skip
    for rec in records:
        ws.append([rec["key"], rec["requester_name"], rec["identity_number"],
                   f"{rec['received_at']:%d/%m/%Y - %H:%M} hrs",
                   f"{rec['answered_at']:%d/%m/%Y - %H:%M} hrs", rec["agent"], "Cerrada"])  # fmt: skip
    path = folder / "reporte_pqrsd.xlsx"
    wb.save(path)
    return path, records


LAYOUTS = (
    *LAYOUTS,
    Layout("sql_compact_dates", write_sql_compact_dates, Channel.VIRTUAL, {
        "key": "NUM_RADICADO", "received_at": "FEC_RADICACION", "agent": "USUARIO_RESPONSABLE",
        "answered_at": "FEC_RESPUESTA", "identity_number": "NUM_DOCUMENTO",
        "request_type": "TIPO_SOLICITUD"}),
    Layout("web_report_hours", write_web_report_hours, Channel.VIRTUAL, {
        "key": "Código PQRSD", "received_at": "Fecha de recibido", "agent": "Responsable",
        "answered_at": "Fecha de respuesta", "identity_number": "Identificación",
        "requester_name": "Ciudadano"}, sheet="PQRSD atendidas"),
)  # fmt: skip
LAYOUTS_BY_NAME = {layout.name: layout for layout in LAYOUTS}


# -- 19. help desks: GLPI, Jira Service Management, ServiceDesk Plus --------------------


def write_glpi(folder: Path) -> tuple[Path, Expected]:
    """GLPI's ticket list exported as CSV: ``;``, every value quoted, UTF-8 with BOM,
    dates as the user's preference writes them (dd-mm-aaaa hh:mm); «Tipo» is GLPI's own
    (Solicitud / Incidencia) and the PQRSD type is the last step of «Categoría»."""
    records = [
        _record("10452", "Yuliana Andrea Cárdenas Peña", _at(1, 8, 15),
                answered_at=_at(2, 10, 40), identity_number="1032456789",
                requester_name="María José Rodríguez Gómez", request_type="PQRSD > Petición"),
        _record("10459", "Jhon Édison Muñoz Ortiz", _at(6, 14, 42),
                answered_at=_at(8, 9, 5), identity_number="16789234",
                requester_name="Jhon Jairo Quiñones Mosquera", request_type="PQRSD > Queja"),
        _record("10466", "Yuliana Andrea Cárdenas Peña", _at(9, 11, 3),
                answered_at=_at(9, 16, 20), identity_number="43567890",
                requester_name="Luz Ángela Muñoz Castaño", request_type="PQRSD > Reclamo"),
    ]  # fmt: skip
    rows: list[list[object]] = [[
        "ID", "Título", "Entidad", "Estado", "Última actualización", "Fecha de apertura",
        "Prioridad", "Solicitante - Solicitante", "Asignado a - Técnico", "Tipo", "Categoría",
        "Origen de la solicitud", "Fecha de solución", "Descripción", "Número de identificación",
    ]]  # fmt: skip
    for n, rec in enumerate(records):
        rows.append([rec["key"], "Solicitud ciudadana", "Entidad raíz > Atención al Ciudadano",
                     "Cerrado", f"{rec['answered_at']:%d-%m-%Y %H:%M}",
                     f"{rec['received_at']:%d-%m-%Y %H:%M}", "Mediana", rec["requester_name"],
                     rec["agent"], "Incidencia" if n == 1 else "Solicitud", rec["request_type"],
                     "Correo electrónico", f"{rec['answered_at']:%d-%m-%Y %H:%M}",
                     "Solicito información sobre mi crédito.", rec["identity_number"]])  # fmt: skip
    path = folder / "glpi.csv"
    _write_csv(path, rows, encoding="utf-8-sig", delimiter=";", quoting=csv.QUOTE_ALL)
    return path, records


def _jira_clock(value: datetime) -> str:
    """01/Oct/26 8:15 AM, as Jira writes a date in its CSV export."""
    hour = value.hour % 12 or 12
    return f"{value:%d/%b/%y} {hour}:{value:%M} {'AM' if value.hour < 12 else 'PM'}"


def write_jira_service_management(folder: Path) -> tuple[Path, Expected]:
    """Jira Service Management's «Export CSV (all fields)»: English headers, repeated
    «Watchers» and «Comment» columns, custom fields as «Custom field (…)», «Reporter» for
    the customer and dates such as «01/Oct/26 8:15 AM»."""
    records = [
        _record("ATC-2187", "Carlos Alberto Vargas Díaz", _at(1, 8, 15),
                answered_at=_at(2, 16, 5), requester_name="María José Rodríguez Gómez",
                identity_number="1032456789", request_type="Petición"),
        _record("ATC-2190", "Yuliana Andrea Cárdenas Peña", _at(6, 14, 42),
                answered_at=_at(7, 9, 30), requester_name="Jhon Jairo Quiñones Mosquera",
                identity_number="16789234", request_type="Queja"),
    ]  # fmt: skip
    rows: list[list[object]] = [[
        "Summary", "Issue key", "Issue id", "Issue Type", "Status", "Priority", "Assignee",
        "Assignee Id", "Reporter", "Reporter Id", "Created", "Updated", "Resolved", "Watchers",
        "Watchers", "Description", "Custom field (Customer Request Type)",
        "Custom field (Número de identificación)", "Comment", "Comment",
    ]]  # fmt: skip
    for n, rec in enumerate(records):
        rows.append([
            "Solicitud de información", rec["key"], str(41230 + n), "[System] Service request",
            "Resuelta", "Medium", rec["agent"], f"712020:{n}a7c5e21", rec["requester_name"],
            f"qm:8f2d1c0e-{n}", _jira_clock(rec["received_at"]),
            _jira_clock(rec["answered_at"]), _jira_clock(rec["answered_at"]), rec["agent"],
            "Carlos Alberto Vargas Díaz", "Solicito el estado de mi crédito.",
            rec["request_type"], rec["identity_number"],
            f"{_jira_clock(rec['received_at'])};712020:{n};Recibimos su solicitud.", "",
        ])  # fmt: skip
    path = folder / "jira.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


def _manageengine_clock(value: datetime) -> str:
    """Oct 1, 2026 08:15 AM, as ServiceDesk Plus writes a date-time."""
    return f"{value:%b} {value.day}, {value:%Y %I:%M %p}"


def write_servicedesk_plus(folder: Path) -> tuple[Path, Expected]:
    """ManageEngine ServiceDesk Plus's request list as CSV: «Request ID», «Technician»,
    «Created Time» / «Completed Time» (Oct 1, 2026 08:15 AM); «Request Type» is the
    kind of ticket (Service Request) and «Category» holds the PQRSD type."""
    records = [
        _record("120345", "Yuliana Andrea Cárdenas Peña", _at(1, 8, 15),
                answered_at=_at(3, 9, 22), requester_name="María José Rodríguez Gómez",
                identity_number="1032456789", request_type="Petición"),
        _record("120356", "Jhon Édison Muñoz Ortiz", _at(6, 14, 42),
                answered_at=_at(11, 15, 15), requester_name="Jhon Jairo Quiñones Mosquera",
                identity_number="16789234", request_type="Queja"),
        _record("120367", "Yuliana Andrea Cárdenas Peña", _at(9, 11, 3),
                answered_at=_at(9, 17, 48), requester_name="Luz Ángela Muñoz Castaño",
                identity_number="43567890", request_type="Reclamo"),
    ]  # fmt: skip
    rows: list[list[object]] = [[
        "Request ID", "Subject", "Requester", "Requester Email", "Cédula", "Technician",
        "Group", "Status", "Mode", "Request Type", "Category", "Subcategory", "Created Time",
        "Responded Time", "DueBy Time", "Completed Time", "Resolution",
    ]]  # fmt: skip
    for rec in records:
        rows.append([
            rec["key"], "Solicitud de certificado", rec["requester_name"], "ciudadano@correo.com",
            rec["identity_number"], rec["agent"], "Atención Virtual", "Closed", "E-Mail",
            "Service Request", rec["request_type"], "Crédito educativo",
            _manageengine_clock(rec["received_at"]),
            _manageengine_clock(rec["received_at"] + timedelta(hours=1)),
            _manageengine_clock(rec["received_at"] + timedelta(days=15)),
            _manageengine_clock(rec["answered_at"]), "Se envió el certificado solicitado.",
        ])  # fmt: skip
    path = folder / "requests.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",", quoting=csv.QUOTE_ALL)
    return path, records


# -- 20. chat platforms: Genesys Cloud and Freshchat --------------------------------------


def _us_clock_seconds(value: datetime) -> str:
    """10/14/2026 3:47:03 PM, as Genesys Cloud's export writes a date-time."""
    hour = value.hour % 12 or 12
    return f"{value.month}/{value.day}/{value.year} {hour}:{value:%M:%S} {'AM' if value.hour < 12 else 'PM'}"


def write_genesys_cloud(folder: Path) -> tuple[Path, Expected]:
    """Genesys Cloud's «Interactions» view exported as CSV: US dates with seconds, the agent
    in «Users - Interacted», the customer in «Remote», the wait in «Total Queue» and
    durations as hh:mm:ss."""
    records = [
        _record("3f1c9a2e-7b4d-4e21-9c0a-5d6e7f8a9b01", "Yuliana Andrea Cárdenas Peña",
                _at(2, 8, 4, 17), requester_name="María José Rodríguez Gómez", wait_seconds=41),
        _record("a8e2d4c6-1f3b-45a7-8c9d-0e1f2a3b4c5d", "Jhon Édison Muñoz Ortiz",
                _at(14, 15, 47, 3), requester_name="Jhon Jairo Quiñones Mosquera",
                wait_seconds=1084),
    ]  # fmt: skip
    rows: list[list[object]] = [[
        "Date", "End Date", "Duration", "Direction", "Media Type", "Users - Interacted", "Queue",
        "Wrap-up", "Conversation ID", "Remote", "Total Queue", "Total Handle", "Abandoned",
    ]]  # fmt: skip

    def hms(seconds: int) -> str:
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"

    for rec in records:
        end = rec["received_at"] + timedelta(seconds=rec["wait_seconds"] + 600)
        rows.append([
            _us_clock_seconds(rec["received_at"]), _us_clock_seconds(end),
            hms(rec["wait_seconds"] + 600), "Inbound", "message", rec["agent"], "Chat_Web",
            "Petición", rec["key"], rec["requester_name"], hms(rec["wait_seconds"]), hms(600),
            "NO",
        ])  # fmt: skip
    path = folder / "interactions.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


def write_freshchat(folder: Path) -> tuple[Path, Expected]:
    """Freshchat's conversations report: UTC times ending in «Z», «Channel» naming the
    platform's messaging channels (a bare «Web» is the website's chat window), waits in
    seconds and a CSAT score."""
    records = [
        _record("9a6c1f3e-2b4d-4f8a-b1c3-7d9e0f2a4b6c", "Yuliana Andrea Cárdenas Peña",
                _at(2, 8, 4, 17), requester_name="María José Rodríguez Gómez",
                identity_number="1032456789", wait_seconds=41, user_rating=5),
        _record("0b2d4f6a-8c1e-4a3b-9d5f-7e9a1c3b5d7f", "Jhon Édison Muñoz Ortiz",
                _at(9, 10, 31, 52), requester_name="Jhon Jairo Quiñones Mosquera",
                identity_number="16789234", wait_seconds=312, user_rating=2),
        _record("4e6a8c0b-2d4f-46a8-8b0d-2f4a6c8e0a2b", "Yuliana Andrea Cárdenas Peña",
                _at(14, 15, 47, 3), requester_name="Luz Ángela Muñoz Castaño",
                identity_number="43567890", wait_seconds=95, user_rating=None),
    ]  # fmt: skip
    rows: list[list[object]] = [[
        "Conversation ID", "Created At", "Resolved At", "Channel", "Group", "Agent Name",
        "Customer Name", "Customer Email", "Cedula", "Status",
        "Agent First Response Time (in secs)", "CSAT Score",
    ]]  # fmt: skip
    for n, rec in enumerate(records):
        utc = rec["received_at"] + timedelta(hours=5)
        rows.append([
            rec["key"], f"{utc:%Y-%m-%dT%H:%M:%S}.{n * 137:03d}Z",
            f"{utc + timedelta(minutes=20):%Y-%m-%dT%H:%M:%S}.000Z",
            "WhatsApp" if n == 1 else "Web", "Chat ICETEX", rec["agent"], rec["requester_name"],
            "cliente@correo.com", rec["identity_number"], "Resolved", str(rec["wait_seconds"]),
            "" if rec["user_rating"] is None else str(rec["user_rating"]),
        ])  # fmt: skip
    path = folder / "conversations.csv"
    _write_csv(path, rows, encoding="utf-8-sig", delimiter=",")
    return path, records


def _two_written_cases(
    keys: tuple[str, str], *, seconds: bool = False, typed: bool = True
) -> Expected:
    """The two written cases several help-desk families share (their keys given): the
    same agents, citizens, cédulas and dates (``seconds``: with seconds), and a request
    type unless ``typed`` is False."""
    s1, s2 = (32, 39) if seconds else (0, 0)
    s3, s4 = (5, 5) if seconds else (0, 0)
    first = _record(keys[0], "Yuliana Andrea Cárdenas Peña", _at(1, 8, 15, s1),
                    answered_at=_at(3, 9, 22, s2), requester_name="María José Rodríguez Gómez",
                    identity_number="1032456789")  # fmt: skip
    second = _record(keys[1], "Jhon Édison Muñoz Ortiz", _at(6, 14, 42, s3),
                     answered_at=_at(11, 15, 15, s4), requester_name="Jhon Jairo Quiñones Mosquera",
                     identity_number="16789234")  # fmt: skip
    if typed:
        first["request_type"], second["request_type"] = "Petición", "Queja"
    return [first, second]


def _zoho_clock(value: datetime) -> str:
    """03 Oct 2026 09:15 AM, as Zoho Desk's export writes a date-time."""
    return f"{value:%d %b %Y} {value.hour % 12 or 12:02d}:{value:%M} {'AM' if value.hour < 12 else 'PM'}"


def write_zoho_desk(folder: Path) -> tuple[Path, Expected]:
    """Zoho Desk's tickets export: English labels, «Ticket Closed Time» holding the whole
    date and time of closing, a custom document field and happiness ratings as words."""
    records = _two_written_cases(("421000000001234567", "421000000001235568"))
    rows: list[list[object]] = [[
        "Ticket Id", "Subject", "Description", "Status", "Ticket Owner", "Contact Name",
        "Email", "Classifications", "Priority", "Created Time", "Modified Time",
        "Ticket Closed Time", "Resolution", "Número de cédula", "Happiness Rating",
    ]]  # fmt: skip
    for n, rec in enumerate(records):
        rows.append([
            rec["key"], "Solicitud de paz y salvo", "Solicito el certificado de paz y salvo.",
            "Closed", rec["agent"], rec["requester_name"], "usuario@correo.com",
            rec["request_type"], "Medium", _zoho_clock(rec["received_at"]),
            _zoho_clock(rec["answered_at"] + timedelta(minutes=5)),
            _zoho_clock(rec["answered_at"]), "Le enviamos el certificado a su correo.",
            rec["identity_number"], ("Good", "Bad")[n],
        ])  # fmt: skip
    path = folder / "Tickets.csv"
    _write_csv(path, rows, encoding="utf-8-sig", delimiter=",")
    return path, records


def write_tawk_to(folder: Path) -> tuple[Path, Expected]:
    """tawk.to's chat history export: UTC times ending in «Z», the wait in seconds, the
    rating as «rated good» or «rated bad» and the whole conversation in «Messages»."""
    records = [
        _record("6a1f0c9e2b7d400", "Yuliana Andrea Cárdenas Peña", _at(1, 8, 15),
                requester_name="María José Rodríguez Gómez", wait_seconds=35, user_rating=5.0),
        _record("6a1f1c9e2b7d401", "Jhon Édison Muñoz Ortiz", _at(6, 14, 42),
                requester_name="Jhon Jairo Quiñones Mosquera", wait_seconds=120,
                user_rating=1.0),
        _record("6a1f2c9e2b7d402", "Yuliana Andrea Cárdenas Peña", _at(14, 9, 3),
                requester_name="Luz Ángela Muñoz Castaño", wait_seconds=8, user_rating=None),
    ]  # fmt: skip
    rows: list[list[object]] = [[
        "Chat ID", "Start Time", "End Time", "Agent(s)", "Visitor Name", "Visitor Email",
        "Department", "Wait Time (seconds)", "Chat Duration (seconds)", "Rating", "Country",
        "Messages",
    ]]  # fmt: skip
    words = {5.0: "rated good", 1.0: "rated bad", None: ""}
    for rec in records:
        start = rec["received_at"]
        utc = start + timedelta(hours=5)
        transcript = (
            f"[{start:%H:%M}] {rec['requester_name']}: Buenas tardes, necesito mi paz y salvo.\n"
            f"[{start:%H:%M}] {rec['agent']}: Con gusto, se lo enviamos a su correo."
        )
        rows.append([
            rec["key"], f"{utc:%Y-%m-%dT%H:%M:%S}.000Z",
            f"{utc + timedelta(minutes=9):%Y-%m-%dT%H:%M:%S}.000Z", rec["agent"],
            rec["requester_name"], "visitante@correo.com", "PQRSD", str(rec["wait_seconds"]),
            str(540 + rec["wait_seconds"]), words[rec["user_rating"]], "Colombia", transcript,
        ])  # fmt: skip
        rec["answer_text"] = transcript
    path = folder / "tawk-chats.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


def write_osticket(folder: Path) -> tuple[Path, Expected]:
    """osTicket's tickets export: US two-digit-year dates, the citizen in «From», the agent
    in «Agent Assigned» and an «Answered» 0/1 column that is not the answer date."""
    records = _two_written_cases(("512300", "512317"), typed=False)

    def clock(value: datetime) -> str:
        return f"{value:%m/%d/%y} {value.hour % 12 or 12:02d}:{value:%M} {'AM' if value.hour < 12 else 'PM'}"

    rows: list[list[object]] = [[
        "Ticket Number", "Date Created", "Subject", "From", "From Email", "Priority",
        "Department", "Help Topic", "Source", "Current Status", "Last Updated", "Due Date",
        "Overdue", "Answered", "Agent Assigned", "Team Assigned", "Thread Count",
        "Closed Date", "Documento de identidad",
    ]]  # fmt: skip
    for rec in records:
        rows.append([
            rec["key"], clock(rec["received_at"]), "Paz y salvo", rec["requester_name"],
            "usuario@correo.com", "Normal", "PQRSD", "Petición", "Email", "Closed",
            clock(rec["answered_at"] + timedelta(hours=2)),
            clock(rec["received_at"] + timedelta(days=15)), "0", "1", rec["agent"], "", "3",
            clock(rec["answered_at"]), rec["identity_number"],
        ])  # fmt: skip
    path = folder / "tickets.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


def write_kommo(folder: Path) -> tuple[Path, Expected]:
    """Kommo's (amoCRM) leads workbook in Spanish: dates as «01.10.2026 08:15:00», the agent
    in «Usuario responsable» and the citizen in «Contacto principal»."""
    records = _two_written_cases(("18774500", "18774503"), seconds=True)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Leads"
    sheet.append([
        "ID", "Nombre del lead", "Presupuesto $", "Usuario responsable", "Creado por",
        "Fecha de creación", "Modificado", "Fecha de cierre", "Etapa del lead",
        "Contacto principal", "Correo (contacto)", "Cédula (contacto)", "Tipo de solicitud",
    ])  # fmt: skip
    for rec in records:
        sheet.append([
            int(rec["key"]), f"Lead #{rec['key']}", 0, rec["agent"], "Robot",
            f"{rec['received_at']:%d.%m.%Y %H:%M:%S}", f"{rec['answered_at']:%d.%m.%Y %H:%M:%S}",
            f"{rec['answered_at']:%d.%m.%Y %H:%M:%S}", "Logrado con éxito",
            rec["requester_name"], "usuario@correo.com", rec["identity_number"],
            rec["request_type"],
        ])  # fmt: skip
    path = folder / "leads.xlsx"
    workbook.save(path)
    return path, records


def write_sgdea_correspondence(folder: Path) -> tuple[Path, Expected]:
    """A document management system's report of correspondence received: a banner, the
    date and a 12-hour time («08:15:32 a.m.») in two columns, the answer's own radicado
    beside the request's, and the answer's date and time in one column."""
    records = _two_written_cases(("2026-ER-013001", "2026-ER-013012"), seconds=True)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Radicados"
    sheet.append(["SISTEMA DE GESTIÓN DOCUMENTAL"])
    sheet.append(["Reporte de correspondencia recibida - Canal: Virtual"])
    sheet.append(["Desde: 01/10/2026  Hasta: 31/10/2026"])
    sheet.append([
        "No. Radicado", "Fecha Radicado", "Hora Radicado", "Remitente",
        "Identificación Remitente", "Asunto", "Tipo Documental", "Dependencia Destino",
        "Funcionario Destino", "Radicado Respuesta", "Fecha Respuesta", "Estado",
    ])  # fmt: skip
    for n, rec in enumerate(records):
        received = rec["received_at"]
        clock = f"{received:%I:%M:%S} {'a.m.' if received.hour < 12 else 'p.m.'}"
        sheet.append([
            rec["key"], f"{received:%d/%m/%Y}", clock, rec["requester_name"],
            rec["identity_number"], "Solicitud de paz y salvo", rec["request_type"],
            "Grupo de Atención al Usuario", rec["agent"], f"2026-EE-{22001 + 11 * n:06d}",
            f"{rec['answered_at']:%d/%m/%Y %H:%M:%S}", "Respondido",
        ])  # fmt: skip
    path = folder / "radicados.xlsx"
    workbook.save(path)
    return path, records


def write_crisp(folder: Path) -> tuple[Path, Expected]:
    """Crisp's conversations export: snake_case headers, UTC times ending in «Z», the first
    reply time in milliseconds and star ratings."""
    records = [
        _record("session_07c1e9a2-4b3d-4f5e-8a9b-0c1d2e3f4a50", "Yuliana Andrea Cárdenas Peña",
                _at(1, 8, 15, 32), requester_name="María José Rodríguez Gómez", wait_seconds=42,
                user_rating=5),
        _record("session_17c1e9a2-4b3d-4f5e-8a9b-0c1d2e3f4a51", "Jhon Édison Muñoz Ortiz",
                _at(6, 14, 42, 5), requester_name="Jhon Jairo Quiñones Mosquera",
                wait_seconds=310, user_rating=None),
    ]  # fmt: skip
    rows: list[list[object]] = [[
        "session_id", "created_at", "updated_at", "nickname", "email", "assigned_operator",
        "state", "segments", "first_reply_time", "rating_stars", "messages_count",
    ]]  # fmt: skip
    for rec in records:
        utc = f"{rec['received_at'] + timedelta(hours=5):%Y-%m-%dT%H:%M:%S}.000Z"
        rows.append([
            rec["key"], utc, utc, rec["requester_name"], "usuario@correo.com", rec["agent"],
            "resolved", "Petición", str(rec["wait_seconds"] * 1000),
            "" if rec["user_rating"] is None else str(rec["user_rating"]), "6",
        ])  # fmt: skip
    path = folder / "conversations.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


def write_livechat(folder: Path) -> tuple[Path, Expected]:
    """LiveChat's chats report: the chat's creation (the visitor's arrival) and its start
    (an agent took it) as two date-times, the queue's wait in seconds, ratings written
    «rated good» / «rated bad», pre-chat survey answers as columns."""
    records = [
        _record("RK8T2XQ9ZA", "Yuliana Andrea Cárdenas Peña", _at(2, 8, 4, 17),
                requester_name="María José Rodríguez Gómez", identity_number="1032456789",
                request_type="Petición", wait_seconds=41, user_rating=5),
        _record("RK8T4MB7LP", "Jhon Édison Muñoz Ortiz", _at(9, 10, 31, 52),
                requester_name="Jhon Jairo Quiñones Mosquera", identity_number="16789234",
                request_type="Queja", wait_seconds=312, user_rating=1),
        _record("RK8T9QW3DE", "Yuliana Andrea Cárdenas Peña", _at(14, 15, 47, 3),
                requester_name="Luz Ángela Muñoz Castaño", identity_number="43567890",
                request_type="Petición", wait_seconds=95, user_rating=None),
    ]  # fmt: skip
    rows: list[list[object]] = [[
        "chat id", "thread id", "chat creation date Y-m-d H:i:s",
        "chat start date Y-m-d H:i:s", "chat duration (in seconds)",
        "queue waiting time (in seconds)", "group name", "operator 1 nick", "operator 1 email",
        "visitor name", "visitor email", "rate", "rate comment", "tags",
        "pre-chat: Nombre completo:", "pre-chat: Número de cédula:",
        "pre-chat: Tipo de solicitud:",
    ]]  # fmt: skip
    rates = {5: "rated good", 1: "rated bad", None: "not rated"}
    for n, rec in enumerate(records):
        started = rec["received_at"] + timedelta(seconds=rec["wait_seconds"])
        rows.append([
            rec["key"], f"RK{n}THR0X", f"{rec['received_at']:%Y-%m-%d %H:%M:%S}",
            f"{started:%Y-%m-%d %H:%M:%S}", str(600 + 37 * n), str(rec["wait_seconds"]),
            "Atención Chat", rec["agent"], "agente@entidad.gov.co", rec["requester_name"],
            "usuario@correo.com", rates[rec["user_rating"]], "", "pqrsd",
            rec["requester_name"], rec["identity_number"], rec["request_type"],
        ])  # fmt: skip
    path = folder / "chats.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


def write_salesforce_chat_transcripts(folder: Path) -> tuple[Path, Expected]:
    """Salesforce «Chat Transcripts» report (US locale): «Request Time» (the visitor asked
    for a chat) before «Start Time» (an agent accepted it), «Owner: Full Name» and a
    «Contact:» lookup, the transcript in «Body» with line breaks."""
    records = [
        _record("00001234", "Yuliana Andrea Cárdenas Peña", _at(1, 8, 15),
                requester_name="María José Rodríguez Gómez", identity_number="1032456789",
                wait_seconds=60),
        _record("00001235", "Jhon Édison Muñoz Ortiz", _at(6, 14, 42),
                requester_name="Jhon Jairo Quiñones Mosquera", identity_number="16789234",
                wait_seconds=300),
        _record("00001236", "Yuliana Andrea Cárdenas Peña", _at(14, 9, 3),
                requester_name="Luz Ángela Muñoz Castaño", identity_number="43567890",
                wait_seconds=25),
    ]  # fmt: skip
    rows: list[list[object]] = [[
        "Chat Transcript Name", "Chat Key", "Request Time", "Start Time", "End Time",
        "Owner: Full Name", "Contact: Full Name", "Contact: Número de documento", "Wait Time",
        "Chat Duration", "Status", "Body",
    ]]  # fmt: skip
    for rec in records:
        started = rec["received_at"] + timedelta(seconds=rec["wait_seconds"])
        ended = started + timedelta(minutes=12)
        body = (
            f"Chat Started: {_us_clock(started)}\n{rec['requester_name']}: Buenos días, "
            f"solicito el paz y salvo de mi crédito.\n{rec['agent']}: Con gusto, ya lo "
            f"enviamos a su correo registrado.\n{rec['requester_name']}: Muchas gracias.\n"
            f"{rec['agent']}: A usted. Chat Ended by Agent"
        )
        rec["answer_text"] = body
        rows.append([
            rec["key"], f"a1b2c3d4-{rec['key']}", _us_clock(rec["received_at"]),
            _us_clock(started), _us_clock(ended), rec["agent"], rec["requester_name"],
            rec["identity_number"], str(rec["wait_seconds"]), "720", "Completed", body,
        ])  # fmt: skip
    path = folder / "chat_transcripts.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",", quoting=csv.QUOTE_ALL)
    return path, records


def write_govco_pqrsd_form(folder: Path) -> tuple[Path, Expected]:
    """The answers of a gov.co-style PQRSD web form saved as xlsx: the citizen's name in
    four columns («Primer nombre» … «Segundo apellido»; a second name or surname may be
    blank), «Tipo de identificación» beside «Número de identificación»."""
    records = _two_written_cases(("PQRSD-2026-004511", "PQRSD-2026-004537"))
    names = (("María", "José", "Rodríguez", "Gómez"), ("Jhon", "Jairo", "Quiñones", "Mosquera"))
    third = _record("PQRSD-2026-004562", "Yuliana Andrea Cárdenas Peña", _at(9, 16, 3),
                    answered_at=_at(14, 10, 5), requester_name="Luz Muñoz",
                    identity_number="43567890", request_type="Reclamo")  # fmt: skip
    records.append(third)
    names += (("Luz", "", "Muñoz", ""),)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Respuestas"
    sheet.append([
        "Número de radicado", "Fecha de radicación", "Tipo de identificación",
        "Número de identificación", "Primer nombre", "Segundo nombre", "Primer apellido",
        "Segundo apellido", "Correo electrónico", "Tipo de solicitud", "Funcionario asignado",
        "Fecha de respuesta",
    ])  # fmt: skip
    for rec, (first, second, surname, second_surname) in zip(records, names, strict=True):
        sheet.append([
            rec["key"], rec["received_at"], "Cédula de ciudadanía", rec["identity_number"],
            first, second or None, surname, second_surname or None, "usuario@correo.com",
            rec["request_type"], rec["agent"], rec["answered_at"],
        ])  # fmt: skip
    for row in sheet.iter_rows(min_row=2):
        row[1].number_format = row[11].number_format = "dd/mm/yyyy hh:mm"
    path = folder / "formulario_pqrsd.xlsx"
    workbook.save(path)
    return path, records


def write_document_system_citizens(folder: Path) -> tuple[Path, Expected]:
    """A document system's report of requests received: the citizen as «Nombre», «Primer
    Apellido» and «Segundo Apellido», as its citizens' table keeps them, ``;``, UTF-8."""
    records = _two_written_cases(("2026-ER-020011", "2026-ER-020023"))
    parts = (("María José", "Rodríguez", "Gómez"), ("Jhon Jairo", "Quiñones", "Mosquera"))
    rows: list[list[object]] = [[
        "Radicado", "Fecha Radicado", "Nombre", "Primer Apellido", "Segundo Apellido",
        "Documento", "Asunto", "Tipo Documental", "Usuario Actual", "Fecha Respuesta",
    ]]  # fmt: skip
    for rec, (given, surname, second) in zip(records, parts, strict=True):
        rows.append([
            rec["key"], f"{rec['received_at']:%d/%m/%Y %H:%M}", given, surname, second,
            rec["identity_number"], "Solicitud de paz y salvo", rec["request_type"],
            rec["agent"], f"{rec['answered_at']:%d/%m/%Y %H:%M}",
        ])  # fmt: skip
    path = folder / "radicados_ciudadanos.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=";")
    return path, records


LAYOUTS = (
    *LAYOUTS,
    Layout("glpi", write_glpi, Channel.VIRTUAL, {
        "key": "ID", "received_at": "Fecha de apertura", "agent": "Asignado a - Técnico",
        "answered_at": "Fecha de solución", "identity_number": "Número de identificación",
        "requester_name": "Solicitante - Solicitante", "request_type": "Categoría"}),
    Layout("jira_service_management", write_jira_service_management, Channel.VIRTUAL, {
        "key": "Issue key", "received_at": "Created", "agent": "Assignee",
        "answered_at": "Resolved", "requester_name": "Reporter",
        "identity_number": "Custom field (Número de identificación)",
        "request_type": "Custom field (Customer Request Type)"}),
    Layout("servicedesk_plus", write_servicedesk_plus, Channel.VIRTUAL, {
        "key": "Request ID", "received_at": "Created Time", "agent": "Technician",
        "answered_at": "Completed Time", "requester_name": "Requester",
        "identity_number": "Cédula", "request_type": "Category"}),
    Layout("genesys_cloud", write_genesys_cloud, Channel.CHAT, {
        "key": "Conversation ID", "received_at": "Date", "agent": "Users - Interacted",
        "requester_name": "Remote", "wait_seconds": "Total Queue"}),
    Layout("freshchat", write_freshchat, Channel.CHAT, {
        "key": "Conversation ID", "received_at": "Created At", "agent": "Agent Name",
        "requester_name": "Customer Name", "identity_number": "Cedula",
        "wait_seconds": "Agent First Response Time (in secs)", "user_rating": "CSAT Score"}),
    Layout("zoho_desk", write_zoho_desk, Channel.VIRTUAL, {
        "key": "Ticket Id", "received_at": "Created Time", "agent": "Ticket Owner",
        "answered_at": "Ticket Closed Time", "requester_name": "Contact Name",
        "identity_number": "Número de cédula", "request_type": "Classifications"}),
    Layout("tawk_to", write_tawk_to, Channel.CHAT, {
        "key": "Chat ID", "received_at": "Start Time", "agent": "Agent(s)",
        "requester_name": "Visitor Name", "wait_seconds": "Wait Time (seconds)",
        "user_rating": "Rating", "answer_text": "Messages"}),
    Layout("osticket", write_osticket, Channel.VIRTUAL, {
        "key": "Ticket Number", "received_at": "Date Created", "agent": "Agent Assigned",
        "answered_at": "Closed Date", "requester_name": "From",
        "identity_number": "Documento de identidad"}),
    Layout("kommo", write_kommo, Channel.VIRTUAL, {
        "key": "ID", "received_at": "Fecha de creación", "agent": "Usuario responsable",
        "answered_at": "Fecha de cierre", "requester_name": "Contacto principal",
        "identity_number": "Cédula (contacto)", "request_type": "Tipo de solicitud"},
        sheet="Leads"),
    Layout("sgdea_correspondence", write_sgdea_correspondence, Channel.VIRTUAL, {
        "key": "No. Radicado", "received_date": "Fecha Radicado",
        "received_time": "Hora Radicado", "agent": "Funcionario Destino",
        "answered_at": "Fecha Respuesta", "requester_name": "Remitente",
        "identity_number": "Identificación Remitente", "request_type": "Tipo Documental"},
        sheet="Radicados", header_row=4),
    Layout("crisp", write_crisp, Channel.CHAT, {
        "key": "session_id", "received_at": "created_at", "agent": "assigned_operator",
        "requester_name": "nickname", "wait_seconds": "first_reply_time",
        "user_rating": "rating_stars"}),
    Layout("livechat", write_livechat, Channel.CHAT, {
        "key": "chat id", "received_at": "chat creation date Y-m-d H:i:s",
        "agent": "operator 1 nick", "requester_name": "visitor name",
        "identity_number": "pre-chat: Número de cédula:",
        "request_type": "pre-chat: Tipo de solicitud:",
        "wait_seconds": "queue waiting time (in seconds)", "user_rating": "rate"}),
    Layout("salesforce_chat_transcripts", write_salesforce_chat_transcripts, Channel.CHAT, {
        "key": "Chat Transcript Name", "received_at": "Request Time",
        "agent": "Owner: Full Name", "requester_name": "Contact: Full Name",
        "identity_number": "Contact: Número de documento", "wait_seconds": "Wait Time",
        "answer_text": "Body"}),
    Layout("govco_pqrsd_form", write_govco_pqrsd_form, Channel.VIRTUAL, {
        "key": "Número de radicado", "received_at": "Fecha de radicación",
        "agent": "Funcionario asignado", "answered_at": "Fecha de respuesta",
        "identity_number": "Número de identificación",
        "requester_given_names": "Primer nombre", "requester_middle_name": "Segundo nombre",
        "requester_surnames": "Primer apellido",
        "requester_second_surname": "Segundo apellido", "request_type": "Tipo de solicitud"},
        sheet="Respuestas"),
    Layout("document_system_citizens", write_document_system_citizens, Channel.VIRTUAL, {
        "key": "Radicado", "received_at": "Fecha Radicado", "agent": "Usuario Actual",
        "answered_at": "Fecha Respuesta", "identity_number": "Documento",
        "requester_given_names": "Nombre", "requester_surnames": "Primer Apellido",
        "requester_second_surname": "Segundo Apellido", "request_type": "Tipo Documental"}),
)  # fmt: skip
LAYOUTS_BY_NAME = {layout.name: layout for layout in LAYOUTS}


def write_whatsapp_message_log(folder: Path) -> tuple[Path, Expected]:
    """A WhatsApp Business platform's message log: one row per message, the conversation's
    id repeated on each, who sent it by role («Tipo de remitente»: Cliente, Bot, Agente)
    and by name, the message, the phone number. Sorted by time, so that the messages of
    two conversations interleave; in the second one two agents answer (a transfer)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Mensajes"
    sheet.append(["Id conversación", "Id mensaje", "Fecha y hora", "Tipo de remitente",
                  "Nombre", "Teléfono", "Mensaje"])  # fmt: skip
    yuliana, jhon, luz = ("Yuliana Andrea Cárdenas Peña", "Jhon Édison Muñoz Ortiz",
                          "Luz Mery Quiñones Ramírez")  # fmt: skip
    maria, jairo = "María José Rodríguez Gómez", "Jhon Jairo Quiñones Mosquera"
    messages = [  # (conversation, minute, second, role, name, text)
        ("wa-7f3a01", 15, 32, "Cliente", maria, "Buenos días, necesito el paz y salvo."),
        ("wa-7f3a01", 15, 33, "Bot", "Asistente virtual", "Un asesor lo atenderá en breve."),
        ("wa-7f3a02", 16, 0, "Cliente", jairo, "Hola, ¿cuál es el saldo de mi crédito?"),
        ("wa-7f3a01", 16, 14, "Agente", yuliana, "Buenos días, con gusto. ¿Su cédula?"),
        ("wa-7f3a01", 17, 2, "Cliente", maria, "1032456789"),
        ("wa-7f3a02", 17, 30, "Agente", luz, "Buenos días, lo comunico con cartera."),
        ("wa-7f3a01", 18, 40, "Agente", yuliana, "Listo, se lo enviamos a su correo."),
        ("wa-7f3a02", 20, 5, "Agente", jhon, "Buenos días, su saldo es de $1.250.000."),
        ("wa-7f3a02", 21, 0, "Cliente", jairo, "Gracias"),
        ("wa-7f3a02", 21, 30, "Agente", jhon, "A usted, que tenga buen día."),
    ]
    phones = {"wa-7f3a01": "573105551200", "wa-7f3a02": "573105551201"}
    for n, (key, minute, second, role, name, text) in enumerate(messages, start=1):
        sheet.append([key, f"msg-{n:05d}", _at(2, 8, minute, second), role, name, phones[key],
                      text])  # fmt: skip
    for row in sheet.iter_rows(min_row=2):
        row[2].number_format = "dd/mm/yyyy hh:mm:ss"
    path = folder / "mensajes_whatsapp.xlsx"
    workbook.save(path)

    def transcript(key: str) -> str:
        return "\n".join(
            f"[08:{minute:02d}:{second:02d}] "
            f"{ {'Cliente': 'Usuario'}.get(role, role) } ({name}): {text}"
            for k, minute, second, role, name, text in messages
            if k == key
        )

    expected = [
        _record("wa-7f3a01", yuliana, _at(2, 8, 15, 32), requester_name=maria,
                wait_seconds=42, answer_text=transcript("wa-7f3a01"), source_row=2),
        # Jhon wrote two messages, Luz one: Jhon is the agent; the wait is to Luz's answer.
        _record("wa-7f3a02", jhon, _at(2, 8, 16, 0), requester_name=jairo,
                wait_seconds=90, answer_text=transcript("wa-7f3a02"), source_row=4),
    ]  # fmt: skip
    return path, expected


def write_message_log_without_roles(folder: Path) -> Path:
    """A messaging API's log: one row per message with its «Author» (a phone number or an
    agent's login), but nothing says who is the agent: its messages cannot be joined."""
    rows: list[list[object]] = [["Conversation SID", "Message SID", "Date Created", "Author",
                                 "Body"]]  # fmt: skip
    for n in range(12):
        key = f"CH{n // 4:032x}"
        author = "agente.yuliana" if n % 2 else f"+57310555{1200 + n // 4}"
        rows.append([key, f"IM{n:032x}", f"2026-10-02T13:{15 + n:02d}:00Z", author,
                     f"Mensaje número {n} de la conversación"])  # fmt: skip
    path = folder / "messages.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path


# -- More help desks, contact-centre platforms and chat services --


def write_servicenow_spanish(folder: Path) -> tuple[Path, Expected]:
    """ServiceNow's incident list in Spanish: «Número» INC…, «Abierto» and «Resuelto» as
    text date-times, the citizen as «Llamante», and «Tipo de contacto» naming each row's
    channel: a phone call («Teléfono») is set aside in a virtual import."""
    records = _two_written_cases(("INC0041230", "INC0041232"), seconds=True, typed=False)
    rows = [("INC0041230", "Correo electrónico"), ("INC0041231", "Teléfono"),
            ("INC0041232", "Autoservicio")]  # fmt: skip
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Page 1"
    sheet.append(["Número", "Abierto", "Descripción breve", "Llamante", "Prioridad", "Estado",
                  "Asignado a", "Grupo de asignación", "Actualizado", "Tipo de contacto",
                  "Resuelto", "Notas de resolución", "Número de identificación"])  # fmt: skip
    phone = _record("INC0041231", "Luz Mery Quiñones Ramírez", _at(2, 10, 0),
                    answered_at=_at(2, 11, 0), requester_name="Pedro Pablo Gil Soto",
                    identity_number="79845123")  # fmt: skip
    by_key = {rec["key"]: rec for rec in (*records, phone)}
    for key, contact_type in rows:
        rec = by_key[key]
        sheet.append([
            key, f"{rec['received_at']:%Y-%m-%d %H:%M:%S}", "Solicitud de paz y salvo",
            rec["requester_name"], "3 - Moderado", "Cerrado", rec["agent"], "Mesa PQRSD",
            f"{rec['answered_at']:%Y-%m-%d %H:%M:%S}", contact_type,
            f"{rec['answered_at']:%Y-%m-%d %H:%M:%S}", "Se envió el certificado.",
            rec["identity_number"],
        ])  # fmt: skip
    path = folder / "incident.xlsx"
    workbook.save(path)
    return path, records


def write_proactivanet(folder: Path) -> tuple[Path, Expected]:
    """A Spanish service desk's incidents (Proactivanet): date cells, the requester's
    document as «NIF/DNI Solicitante», the «Técnico asignado» and the «Origen»."""
    records = _two_written_cases(("INC-2026-03310", "INC-2026-03311"), seconds=True)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Incidencias"
    sheet.append(["Código", "Título", "Fecha de apertura", "Fecha de resolución", "Solicitante",
                  "NIF/DNI Solicitante", "Técnico asignado", "Grupo asignado", "Estado", "Tipo",
                  "Origen"])  # fmt: skip
    for rec in records:
        sheet.append([rec["key"], "Solicitud", rec["received_at"], rec["answered_at"],
                      rec["requester_name"], rec["identity_number"], rec["agent"], "N2 PQRSD",
                      "Cerrada", rec["request_type"], "Correo electrónico"])  # fmt: skip
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "dd/mm/yyyy hh:mm:ss"
    path = folder / "incidencias.xlsx"
    workbook.save(path)
    return path, records


def write_inconcert(folder: Path) -> tuple[Path, Expected]:
    """A contact-centre platform's interactions detail (inConcert): a title block, GUID
    ids, the agent's name («Agente») beside the agent's login («Usuario Agente»), the
    queue time as hh:mm:ss and a 1–5 survey."""
    records = [
        _record("0b7e2a91-4c3d-4f0e-9a8b-77c1d2e3f405", "Yuliana Andrea Cárdenas Peña",
                _at(2, 8, 4, 17), requester_name="María José Rodríguez Gómez",
                identity_number="1032456789", wait_seconds=22, user_rating=5),
        _record("1b7e2a91-4c3d-4f0e-9a8b-77c1d2e3f415", "Jhon Édison Muñoz Ortiz",
                _at(9, 10, 31, 52), requester_name="Jhon Jairo Quiñones Mosquera",
                identity_number="16789234", wait_seconds=180, user_rating=None),
    ]  # fmt: skip
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Detalle"
    sheet.append(["Detalle de interacciones"])
    sheet.append(["Desde: 01/10/2026  Hasta: 31/10/2026"])
    sheet.append([])
    sheet.append(["Id Interacción", "Campaña", "Canal", "Fecha Inicio", "Fecha Fin", "Agente",
                  "Usuario Agente", "Contacto", "Documento", "Tiempo en Cola", "Duración",
                  "Encuesta"])  # fmt: skip
    for n, rec in enumerate(records):
        wait = rec["wait_seconds"]
        sheet.append([rec["key"], "PQRSD_WEB", "Chat", rec["received_at"],
                      rec["received_at"] + timedelta(minutes=15), rec["agent"],
                      f"agente{n + 1:02d}", rec["requester_name"], int(rec["identity_number"]),
                      f"00:{wait // 60:02d}:{wait % 60:02d}", "00:15:00",
                      rec["user_rating"]])  # fmt: skip
    path = folder / "interacciones.xlsx"
    workbook.save(path)
    return path, records


def write_d365_omnichannel(folder: Path) -> tuple[Path, Expected]:
    """Dynamics 365 Omnichannel's conversations view: the conversation's GUID under a bare
    «Conversation», US dates without seconds, the «Active agent» and the wait in seconds."""
    records = [
        _record("03c9a8f1-22b4-ef11-8eab-000d3a5c0b21", "Yuliana Andrea Cárdenas Peña",
                _at(2, 8, 4), requester_name="María José Rodríguez Gómez", wait_seconds=31),
        _record("13c9a8f1-22b4-ef11-8eab-000d3a5c1b21", "Jhon Édison Muñoz Ortiz",
                _at(13, 15, 47), requester_name="Jhon Jairo Quiñones Mosquera",
                wait_seconds=250),
    ]  # fmt: skip
    rows: list[list[object]] = [["Conversation", "Created On", "Channel", "Queue",
                                 "Active agent", "Customer", "Status", "Status reason",
                                 "Wait time (seconds)"]]  # fmt: skip
    for rec in records:
        at = rec["received_at"]
        clock = f"{at.month}/{at.day}/{at.year} {at.hour % 12 or 12}:{at:%M} {at:%p}"
        rows.append([rec["key"], clock, "Live chat", "PQRSD", rec["agent"],
                     rec["requester_name"], "Closed", "Resolved", str(rec["wait_seconds"])])  # fmt: skip
    path = folder / "conversations.csv"
    _write_csv(path, rows, encoding="utf-8-sig", delimiter=",")
    return path, records


def write_freshdesk_spanish(folder: Path) -> tuple[Path, Expected]:
    """Freshdesk in Spanish: every moment is an «Hora de …» holding whole date-times; the
    resolution («Hora de resolución») comes before the closing («Hora de cierre»), and
    «Fuente» names each ticket's channel (a phone ticket is set aside)."""
    records = _two_written_cases(("5120", "5122"), seconds=True)
    phone = _record("5121", "Luz Mery Quiñones Ramírez", _at(2, 10, 0),
                    answered_at=_at(2, 11, 0), requester_name="Pedro Pablo Gil Soto",
                    identity_number="79845123", request_type="Petición")  # fmt: skip
    rows: list[list[object]] = [[
        "ID del ticket", "Asunto", "Estado", "Prioridad", "Fuente", "Tipo", "Agente", "Grupo",
        "Hora de creación", "Tiempo de vencimiento", "Hora de resolución", "Hora de cierre",
        "Nombre completo", "Correo electrónico", "Número de cédula",
    ]]  # fmt: skip
    for rec, source in ((records[0], "Correo electrónico"), (phone, "Teléfono"),
                        (records[1], "Portal")):  # fmt: skip
        rows.append([
            rec["key"], "Solicitud", "Cerrado", "Medio", source, rec["request_type"],
            rec["agent"], "PQRSD", f"{rec['received_at']:%Y-%m-%d %H:%M:%S}",
            f"{rec['received_at'] + timedelta(days=15):%Y-%m-%d %H:%M:%S}",
            f"{rec['answered_at']:%Y-%m-%d %H:%M:%S}",
            f"{rec['answered_at'] + timedelta(days=1):%Y-%m-%d %H:%M:%S}",
            rec["requester_name"], "usuario@correo.com", rec["identity_number"],
        ])  # fmt: skip
    path = folder / "tickets.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


def write_zendesk_spanish(folder: Path) -> tuple[Path, Expected]:
    """Zendesk Support's view export in Spanish: the request's moment as «Solicitado»
    (told apart from «Solicitado por», a requester), dates day first without seconds,
    custom fields with their «[int]» / «[list]» suffix."""
    records = _two_written_cases(("88120", "88121"))
    rows: list[list[object]] = [[
        "ID", "Asunto", "Solicitante", "Solicitado", "Tipo", "Prioridad", "Grupo", "Asignado",
        "Actualizado", "Estado", "Canal", "Resuelto", "Cédula [int]", "Tipo de PQRSD [list]",
    ]]  # fmt: skip
    for rec in records:
        rows.append([
            rec["key"], "Solicitud", rec["requester_name"], f"{rec['received_at']:%d/%m/%Y %H:%M}",
            "Pregunta", "Normal", "PQRSD", rec["agent"], f"{rec['answered_at']:%d/%m/%Y %H:%M}",
            "Cerrado", "Formulario web", f"{rec['answered_at']:%d/%m/%Y %H:%M}",
            rec["identity_number"], rec["request_type"],
        ])  # fmt: skip
    path = folder / "vista.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


def write_genesys_spanish(folder: Path) -> tuple[Path, Expected]:
    """Genesys Cloud's interactions in Spanish: «Usuarios: interactuados», «Remoto», the
    wait as «Total en cola» (hh:mm:ss) and «Tipo de medio» (a callback is set aside)."""
    records = [
        _record("0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00", "Yuliana Andrea Cárdenas Peña",
                _at(2, 8, 4, 17), requester_name="María José Rodríguez Gómez", wait_seconds=12),
        _record("2f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a02", "Jhon Édison Muñoz Ortiz",
                _at(9, 10, 31, 52), requester_name="Jhon Jairo Quiñones Mosquera",
                wait_seconds=230),
    ]  # fmt: skip
    callback = _record(
        "1f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a01",
        "Luz Mery Quiñones Ramírez",
        _at(3, 9, 0),
        requester_name="Pedro Pablo Gil Soto",
        wait_seconds=45,
    )
    rows: list[list[object]] = [[
        "ID de conversación", "Fecha", "Usuarios: interactuados", "Remoto", "Dirección",
        "Tipo de medio", "Cola", "Duración", "Total en cola",
    ]]  # fmt: skip
    for rec, media in ((records[0], "chat"), (callback, "callback"), (records[1], "message")):
        wait = rec["wait_seconds"]
        rows.append([
            rec["key"], f"{rec['received_at']:%d/%m/%Y %H:%M:%S}", rec["agent"],
            rec["requester_name"], "Entrante", media, "PQRSD Chat", "00:12:30",
            f"00:{wait // 60:02d}:{wait % 60:02d}",
        ])  # fmt: skip
    path = folder / "interacciones.csv"
    _write_csv(path, rows, encoding="utf-8", delimiter=",")
    return path, records


LAYOUTS = (
    *LAYOUTS,
    Layout("servicenow_spanish", write_servicenow_spanish, Channel.VIRTUAL, {
        "key": "Número", "received_at": "Abierto", "agent": "Asignado a",
        "answered_at": "Resuelto", "requester_name": "Llamante",
        "identity_number": "Número de identificación"},
        sheet="Page 1", set_aside=("INC0041231",)),
    Layout("proactivanet", write_proactivanet, Channel.VIRTUAL, {
        "key": "Código", "received_at": "Fecha de apertura", "agent": "Técnico asignado",
        "answered_at": "Fecha de resolución", "requester_name": "Solicitante",
        "identity_number": "NIF/DNI Solicitante", "request_type": "Tipo"},
        sheet="Incidencias"),
    Layout("inconcert", write_inconcert, Channel.CHAT, {
        "key": "Id Interacción", "received_at": "Fecha Inicio", "agent": "Agente",
        "requester_name": "Contacto", "identity_number": "Documento",
        "wait_seconds": "Tiempo en Cola", "user_rating": "Encuesta"},
        sheet="Detalle", header_row=4),
    Layout("freshdesk_spanish", write_freshdesk_spanish, Channel.VIRTUAL, {
        "key": "ID del ticket", "received_at": "Hora de creación", "agent": "Agente",
        "answered_at": "Hora de resolución", "requester_name": "Nombre completo",
        "identity_number": "Número de cédula", "request_type": "Tipo"}, set_aside=("5121",)),
    Layout("zendesk_spanish", write_zendesk_spanish, Channel.VIRTUAL, {
        "key": "ID", "received_at": "Solicitado", "agent": "Asignado", "answered_at": "Resuelto",
        "requester_name": "Solicitante", "identity_number": "Cédula [int]",
        "request_type": "Tipo de PQRSD [list]"}),
    Layout("genesys_spanish", write_genesys_spanish, Channel.CHAT, {
        "key": "ID de conversación", "received_at": "Fecha", "agent": "Usuarios: interactuados",
        "requester_name": "Remoto", "wait_seconds": "Total en cola"},
        set_aside=("1f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a01",)),
    Layout("d365_omnichannel", write_d365_omnichannel, Channel.CHAT, {
        "key": "Conversation", "received_at": "Created On", "agent": "Active agent",
        "requester_name": "Customer", "wait_seconds": "Wait time (seconds)"}),
)  # fmt: skip
LAYOUTS_BY_NAME = {layout.name: layout for layout in LAYOUTS}
