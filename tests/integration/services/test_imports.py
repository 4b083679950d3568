"""Importing CRM exports into the database: one transaction, idempotent, nothing dropped.

Every test writes real files (xlsx with a title banner, Windows-1252 CSV, UTF-8 CSV with
BOM, separate date and time columns) and runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import func, select

from audit_data import PASSWORD, evaluate, user
from auditoria_calidad.demo.export_files import write_crm_export_csv, write_crm_export_xlsx
from auditoria_calidad.demo.generator import generate_month
from auditoria_calidad.domain.fields import Channel, RecordData
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import (
    administration,
    imports,
    mapping_profiles,
    record_store,
    sample,
)
from auditoria_calidad.services.errors import InvalidInput, NotFound, PermissionDenied
from auditoria_calidad.services.imports import (
    ColumnMapping,
    ImportCancelled,
    ImportRequest,
    MappedColumn,
    MissingColumns,
    RejectedRowsFound,
)
from auditoria_calidad.storage.models import Agent, ImportBatch, Record
from auditoria_calidad.storage.models import RejectedRow as StoredRejectedRow

PROVIDER = "Contacto Total S.A.S."
SRC = Path(__file__).resolve().parents[3] / "src"


@pytest.fixture(scope="module")
def month():  # type: ignore[no-untyped-def]
    return generate_month(7, virtual_count=120, chat_count=40, agent_count=4)


@pytest.fixture
def auditor(db, admin):  # type: ignore[no-untyped-def]
    administration.add_provider(db, admin, PROVIDER)
    return user(db, admin, Role.AUDITOR)


def virtual(month, keys: slice = slice(None)) -> list[RecordData]:  # type: ignore[no-untyped-def]
    return [replace(r, extra={}) for r in month.virtual[keys]]


def request(path: Path, channel: Channel = Channel.VIRTUAL, **options) -> ImportRequest:  # type: ignore[no-untyped-def]
    return ImportRequest(path=path, channel=channel, provider=PROVIDER, **options)


def counts(db) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(batches, records, rejected rows) in the database."""
    with db.sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(ImportBatch)) or 0,
            session.scalar(select(func.count()).select_from(Record)) or 0,
            session.scalar(select(func.count()).select_from(StoredRejectedRow)) or 0,
        )


def stored(db, key: str) -> Record:  # type: ignore[no-untyped-def]
    with db.sessions() as session:
        found = session.scalar(select(Record).where(Record.key == key))
        assert found is not None, key
        return found


# --- Formats -------------------------------------------------------------------------------


def test_an_xlsx_with_a_title_banner_is_imported_and_its_batch_recorded(
    db, auditor, month, tmp_path
) -> None:
    path = write_crm_export_xlsx(
        virtual(month), tmp_path / "casos octubre.xlsx", channel=Channel.VIRTUAL, provider=PROVIDER
    )
    summary = imports.run_import(db, auditor, request(path))
    assert (summary.imported, summary.unchanged, summary.rejected) == (120, 0, 0)
    assert summary.sheet == "Reporte" and summary.total_rows == 120
    assert summary.message() == "casos octubre.xlsx: 120 registros nuevos."
    [batch] = imports.list_batches(db, auditor)
    assert batch.id == summary.batch_id
    assert (batch.file_name, batch.sheet, batch.provider) == (
        "casos octubre.xlsx",
        "Reporte",
        PROVIDER,
    )
    assert batch.file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert batch.user == auditor.full_name or batch.user == auditor.username
    assert (batch.total_rows, batch.imported, batch.rejected, batch.duplicates) == (120, 120, 0, 0)
    assert batch.finished_at is not None and batch.started_at <= batch.finished_at
    with db.sessions() as session:
        row = session.get(ImportBatch, batch.id)
        assert row is not None and row.header_row == 4 and row.user_id == auditor.id
        assert row.mapping["columns"]["key"]["header"] == "N° Radicado"
        assert row.mapping["headers"][0] == "N° Radicado"
    first = month.virtual[0]
    record = stored(db, first.key)
    assert record.answer_text == first.answer_text and record.received_at == first.received_at
    assert record.source_sheet == "Reporte" and record.source_row == 5
    assert record.source_file == "casos octubre.xlsx" and record.batch_id == batch.id


def test_a_windows_1252_semicolon_csv_keeps_its_accents(db, auditor, month, tmp_path) -> None:
    records = virtual(month)
    path = write_crm_export_csv(records, tmp_path / "export.csv", channel=Channel.VIRTUAL)
    raw = path.read_bytes()
    assert b";" in raw.splitlines()[0] and "Cédula".encode("cp1252") in raw
    summary = imports.run_import(db, auditor, request(path))
    assert summary.imported == 120 and summary.sheet is None
    accented = next(r for r in records if any(c in (r.requester_name or "") for c in "áéíóúñ"))
    assert stored(db, accented.key).requester_name == accented.requester_name


def test_a_utf8_csv_with_bom_and_commas_is_imported(db, auditor, month, tmp_path) -> None:
    records = [replace(r, extra={}) for r in month.chat]
    path = write_crm_export_csv(
        records, tmp_path / "chats.csv", channel=Channel.CHAT, encoding="utf-8-sig", delimiter=","
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    summary = imports.run_import(db, auditor, request(path, Channel.CHAT))
    assert (summary.imported, summary.rejected) == (40, 0)
    chat = stored(db, records[0].key)
    assert chat.channel is Channel.CHAT and chat.wait_seconds == records[0].wait_seconds


def write_split_datetime_csv(path: Path, rows: list[list[str]]) -> Path:
    headers = [
        "Radicado",
        "Fecha de ingreso",
        "Hora de ingreso",
        "Agente",
        "Fecha de respuesta",
        "Hora de respuesta",
        "Respuesta",
    ]
    with path.open("w", encoding="cp1252", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def test_separate_date_and_time_columns_make_one_moment(db, auditor, tmp_path) -> None:
    path = write_split_datetime_csv(
        tmp_path / "separadas.csv",
        [
            ["R-1", "05/10/2026", "08:15", "Ana Gómez", "05/10/2026", "14:40", "Señora, …"],
            ["R-2", "06/10/2026", "23:50", "Luis Peña", "07/10/2026", "07:05", "Cordial saludo"],
        ],
    )
    shown = imports.inspect_file(db, auditor, path, "virtual")
    assert shown.missing == []
    assert shown.mapping.get("received_date") == MappedColumn(1, "Fecha de ingreso")
    assert shown.mapping.get("received_time") == MappedColumn(2, "Hora de ingreso")
    summary = imports.run_import(db, auditor, request(path))
    assert summary.imported == 2
    record = stored(db, "R-2")
    assert record.received_at == datetime(2026, 10, 6, 23, 50)
    assert record.answered_at == datetime(2026, 10, 7, 7, 5)


# --- Idempotent, overlapping, changed -----------------------------------------------------


def test_importing_the_same_file_again_adds_nothing_and_says_so(
    db, auditor, month, tmp_path
) -> None:
    path = write_crm_export_xlsx(virtual(month), tmp_path / "a.xlsx", channel=Channel.VIRTUAL)
    first = imports.run_import(db, auditor, request(path))
    before = counts(db)
    again = imports.run_import(db, auditor, request(path))
    assert counts(db) == before  # no second batch, no record
    assert again.already_imported and again.batch_id == first.batch_id
    assert (again.imported, again.unchanged) == (0, 120)
    today = date.today().strftime("%d/%m/%Y")
    name = auditor.full_name or auditor.username
    assert again.message().startswith(
        f"El archivo ya fue importado el {today} por {name}: 0 registros nuevos"
    )
    assert again.as_json()["already_imported"] is True


def test_an_overlapping_file_adds_only_the_new_records(db, auditor, month, tmp_path) -> None:
    first = write_crm_export_xlsx(
        virtual(month, slice(0, 80)), tmp_path / "1.xlsx", channel=Channel.VIRTUAL
    )
    second = write_crm_export_xlsx(
        virtual(month, slice(40, 120)), tmp_path / "2.xlsx", channel=Channel.VIRTUAL
    )
    assert imports.run_import(db, auditor, request(first)).imported == 80
    summary = imports.run_import(db, auditor, request(second))
    assert (summary.imported, summary.unchanged, summary.updated) == (40, 40, 0)
    assert not summary.already_imported
    assert counts(db)[:2] == (2, 120)
    # A small file against many stored records: its keys are looked up one by one.
    new = replace(month.virtual[0], key="NUEVO-1", extra={})
    small = write_crm_export_xlsx(
        [*virtual(month, slice(10, 12)), new], tmp_path / "3.xlsx", channel=Channel.VIRTUAL
    )
    summary = imports.run_import(db, auditor, request(small))
    assert (summary.imported, summary.unchanged, summary.updated) == (1, 2, 0)


def test_a_changed_record_is_updated_unless_it_was_evaluated(db, auditor, month, tmp_path) -> None:
    records = virtual(month)
    path = write_crm_export_xlsx(records, tmp_path / "v1.xlsx", channel=Channel.VIRTUAL)
    imports.run_import(db, auditor, request(path))
    pid = next(p.id for p in administration.list_providers(db, auditor) if p.name == PROVIDER)
    draw = sample.create_audit_and_draw(
        db, auditor, Channel.VIRTUAL, pid, date(2026, 10, 1), date(2026, 10, 31), fraction=1
    )
    evaluated_key, free_key = records[0].key, records[1].key
    assert {evaluated_key, free_key} <= set(draw.record_keys)
    evaluate(db, auditor, draw.audit_id, evaluated_key)
    changed = [
        replace(r, answer_text="Texto corregido por el proveedor.")
        if r.key in (evaluated_key, free_key)
        else r
        for r in records
    ]
    path2 = write_crm_export_xlsx(changed, tmp_path / "v2.xlsx", channel=Channel.VIRTUAL)
    summary = imports.run_import(db, auditor, request(path2))
    assert (summary.imported, summary.unchanged, summary.updated, summary.conflicts) == (
        0,
        118,
        1,
        1,
    )
    assert [c["key"] for c in summary.conflict_details] == [evaluated_key]
    assert stored(db, evaluated_key).answer_text == records[0].answer_text  # untouched
    updated = stored(db, free_key)
    assert updated.answer_text == "Texto corregido por el proveedor."
    assert updated.batch_id == summary.batch_id and updated.updated_at is not None
    [latest, _] = imports.list_batches(db, auditor)
    assert (latest.updated, latest.conflicts) == (1, 1)
    assert latest.conflict_details[0]["key"] == evaluated_key


# --- Rejected and repeated rows -----------------------------------------------------------


def test_rejected_rows_keep_their_cells_and_reason_and_repeats_are_counted(
    db, auditor, tmp_path
) -> None:
    good = ["05/10/2026", "08:15", "Ana Gómez", "05/10/2026", "14:40", "Bien"]
    path = write_split_datetime_csv(
        tmp_path / "con errores.csv",
        [
            ["R-1", *good],
            ["R-2", "31/02/2026", "08:00", "Ana Gómez", "05/10/2026", "10:00", "Fecha mala"],
            ["R-3", "05/10/2026", "08:00", "", "05/10/2026", "10:00", "Sin agente"],
            ["R-1", *good],  # the same row twice: counted, not imported twice
            ["R-4", *good],
        ],
    )
    summary = imports.run_import(db, auditor, request(path))
    assert (summary.imported, summary.rejected, summary.duplicates, summary.total_rows) == (
        2,
        2,
        1,
        5,
    )
    assert [r.row for r in summary.rejected_rows] == [3, 4]
    assert "2 filas rechazadas" in summary.message() and "1 fila repetida" in summary.message()
    [batch] = imports.list_batches(db, auditor)
    assert (batch.rejected, batch.duplicates) == (2, 1)
    rows = imports.batch_rejected_rows(db, auditor, batch.id)
    assert [(r.row, r.column) for r in rows] == [(3, "Fecha de ingreso"), (4, "Agente")]
    assert (
        rows[0].cells["Respuesta"] == "Fecha mala"
        and rows[0].cells["Fecha de ingreso"] == "31/02/2026"
    )
    assert rows[1].reason.startswith("Falta el funcionario responsable")
    out = imports.export_batch_rejected(db, auditor, batch.id, tmp_path / "rechazadas.xlsx")
    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:2] == ["Radicado", "Fecha de ingreso"]
    assert values[0][-4:] == ["Hoja", "Fila", "Columna", "Motivo"]
    assert values[1][0] == "R-2" and values[1][-3:-1] == ["3", "Fecha de ingreso"]


def test_a_strict_import_with_rejected_rows_writes_nothing(db, auditor, tmp_path) -> None:
    path = write_split_datetime_csv(
        tmp_path / "estricto.csv",
        [
            ["R-1", "05/10/2026", "08:15", "Ana", "05/10/2026", "14:40", "Bien"],
            ["R-2", "05/10/2026", "08:15", "Ana", "04/10/2026", "14:40", "Antes del ingreso"],
        ],
    )
    with pytest.raises(RejectedRowsFound) as refused:
        imports.run_import(db, auditor, request(path, strict=True))
    assert "estricto.csv" in refused.value.message and "fila 3" in refused.value.message
    assert refused.value.summary.rejected == 1 and refused.value.summary.batch_id is None
    assert counts(db) == (0, 0, 0)
    assert imports.run_import(db, auditor, request(path)).imported == 1


# --- One transaction ----------------------------------------------------------------------


def many_records(month, n: int) -> list[RecordData]:  # type: ignore[no-untyped-def]
    base = month.virtual
    return [replace(base[i % len(base)], key=f"BIG-{i:06d}", extra={}) for i in range(n)]


def test_an_error_while_storing_rolls_everything_back(db, auditor, month, tmp_path) -> None:
    path = write_crm_export_csv(
        many_records(month, 12_000), tmp_path / "grande.csv", channel=Channel.VIRTUAL
    )
    stages: list[str] = []

    def progress(done: int, total: int) -> None:
        if stages[-1] == imports.STORING and done >= 5000:
            raise RuntimeError("el disco se llenó")

    with pytest.raises(RuntimeError):
        imports.run_import(db, auditor, request(path), progress=progress, on_stage=stages.append)
    assert stages == [imports.READING, imports.STORING]
    assert counts(db) == (0, 0, 0)
    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Agent)) == 0


def test_a_cancelled_import_leaves_nothing(db, auditor, month, tmp_path) -> None:
    path = write_crm_export_csv(
        many_records(month, 3000), tmp_path / "c.csv", channel=Channel.VIRTUAL
    )
    seen: list[int] = []

    def cancelled() -> bool:
        seen.append(1)
        return len(seen) > 1

    with pytest.raises(ImportCancelled):
        imports.run_import(db, auditor, request(path), cancelled=cancelled)
    assert counts(db) == (0, 0, 0)


KILLED_IMPORT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from auditoria_calidad.services import imports
    from auditoria_calidad.services.auth import login
    from auditoria_calidad.services.connection import open_database

    url, username, password, path, provider = sys.argv[1:6]
    db = open_database(url)
    actor = login(db, username, password)
    stage = []

    def progress(done, total):
        if stage and stage[-1] == imports.STORING and done >= 5000:
            print("GUARDANDO", flush=True)
            time.sleep(120)

    imports.run_import(
        db, actor, imports.ImportRequest(Path(path), "virtual", provider),
        progress=progress, on_stage=stage.append,
    )
    print("TERMINADO", flush=True)
    """
)


def test_an_import_killed_midway_leaves_no_batch_and_no_records(db, admin, month, tmp_path) -> None:
    administration.add_provider(db, admin, PROVIDER)
    auditor = user(db, admin, Role.AUDITOR)
    path = write_crm_export_csv(
        many_records(month, 15_000), tmp_path / "k.csv", channel=Channel.VIRTUAL
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            KILLED_IMPORT,
            db.url,
            auditor.username,
            PASSWORD,
            str(path),
            PROVIDER,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line.strip() == "GUARDANDO", child.stderr.read() if child.stderr else ""
        # 5,000 records were written inside the open transaction when the process dies.
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert counts(db) == (0, 0, 0)
    # The database is usable afterwards and the import can simply be run again.
    assert imports.run_import(db, auditor, request(path)).imported == 15_000


# --- Refusals -----------------------------------------------------------------------------


def test_an_unknown_provider_is_refused_by_name_unless_the_user_creates_it(
    db, auditor, month, tmp_path
) -> None:
    path = write_crm_export_xlsx(virtual(month), tmp_path / "p.xlsx", channel=Channel.VIRTUAL)
    nuevo = ImportRequest(path=path, channel=Channel.VIRTUAL, provider="Nuevo Aliado S.A.S.")
    with pytest.raises(NotFound, match=re.escape("«Nuevo Aliado S.A.S.»")):
        imports.run_import(db, auditor, nuevo)
    assert counts(db) == (0, 0, 0)
    summary = imports.run_import(db, auditor, replace(nuevo, create_provider=True))
    assert summary.imported == 120 and summary.provider == "Nuevo Aliado S.A.S."
    names = [p.name for p in administration.list_providers(db, auditor)]
    assert "Nuevo Aliado S.A.S." in names


def test_a_file_that_cannot_be_read_is_refused_naming_it(db, auditor, tmp_path) -> None:
    broken = tmp_path / "dañado.xlsx"
    broken.write_bytes(b"esto no es un libro de Excel")
    with pytest.raises(InvalidInput, match=re.escape("dañado.xlsx")):
        imports.run_import(db, auditor, request(broken))
    old = tmp_path / "viejo.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(InvalidInput, match=r"viejo\.xls: no es un libro de Excel válido"):
        imports.run_import(db, auditor, request(old))
    with pytest.raises(InvalidInput, match=re.escape("no-existe.csv")):
        imports.run_import(db, auditor, request(tmp_path / "no-existe.csv"))
    with pytest.raises(InvalidInput, match="«Resumen»"):
        path = write_crm_export_xlsx([], tmp_path / "hojas.xlsx", channel=Channel.VIRTUAL)
        imports.run_import(db, auditor, request(path, sheet="Resumen"))
    assert counts(db) == (0, 0, 0)


def test_only_roles_that_import_may_import(db, admin, month, tmp_path) -> None:
    administration.add_provider(db, admin, PROVIDER)
    committee = user(db, admin, Role.COMMITTEE)
    path = write_crm_export_xlsx(virtual(month), tmp_path / "x.xlsx", channel=Channel.VIRTUAL)
    with pytest.raises(PermissionDenied):
        imports.run_import(db, committee, request(path))
    with pytest.raises(PermissionDenied):
        imports.list_batches(db, committee)


# --- Mapping and profiles -----------------------------------------------------------------

ODD_HEADERS = ["Caso", "Llegó", "Asesor que respondió", "Contestado", "Texto enviado"]


def write_odd_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(ODD_HEADERS)
        writer.writerow(["C-1", "05/10/2026 08:00", "Ana Gómez", "05/10/2026 11:00", "Hola"])
        writer.writerow(["C-2", "05/10/2026 09:00", "Luis Peña", "05/10/2026 12:30", "Buenas"])
    return path


def test_a_required_field_left_unmapped_stops_the_import_naming_it(db, auditor, tmp_path) -> None:
    path = write_odd_csv(tmp_path / "raro.csv")
    shown = imports.inspect_file(db, auditor, path, "virtual")
    assert "Funcionario responsable (agente)" in shown.missing and shown.profile is None
    with pytest.raises(MissingColumns) as stopped:
        imports.run_import(db, auditor, request(path))
    assert stopped.value.message.startswith("raro.csv: falta asignar una columna para")
    assert "«Funcionario responsable (agente)»" in stopped.value.message
    assert "Funcionario responsable (agente)" in stopped.value.labels
    assert isinstance(stopped.value, imports.UncertainMapping)
    assert 'agent="ENCABEZADO"' in stopped.value.message  # how to choose one
    assert counts(db) == (0, 0, 0)


def test_a_saved_profile_is_chosen_automatically_for_the_same_headers(
    db, auditor, tmp_path
) -> None:
    path = write_odd_csv(tmp_path / "raro.csv")
    shown = imports.inspect_file(db, auditor, path, "virtual")
    mapping = ColumnMapping(
        {
            "key": MappedColumn(0, "Caso"),
            "received_at": MappedColumn(1, "Llegó"),
            "agent": MappedColumn(2, "Asesor que respondió"),
            "answered_at": MappedColumn(3, "Contestado"),
            "answer_text": MappedColumn(4, "Texto enviado"),
        }
    )
    assert imports.missing_fields(mapping, "virtual") == []
    profile = mapping_profiles.save_profile(
        db, auditor, "CRM Aliado  virtual", Channel.VIRTUAL, shown.headers, mapping
    )
    assert profile.name == "CRM Aliado virtual" and len(profile.signature) == 64
    with pytest.raises(InvalidInput, match="Ya existe"):
        mapping_profiles.save_profile(
            db, auditor, "CRM Aliado virtual", Channel.VIRTUAL, shown.headers, mapping
        )
    # Next time (another file, same headers in other case and spacing) it is chosen by itself.
    other = tmp_path / "raro-noviembre.csv"
    other.write_text(
        path.read_text(encoding="utf-8-sig").replace("Caso", "CASO "), encoding="utf-8-sig"
    )
    again = imports.inspect_file(db, auditor, other, "virtual")
    assert again.profile == "CRM Aliado virtual" and again.missing == []
    assert again.mapping.get("answer_text") == MappedColumn(4, "Texto enviado")
    assert imports.inspect_file(db, auditor, other, "chat").profile is None  # other channel
    summary = imports.run_import(db, auditor, request(other))  # mapping «auto»
    assert (summary.imported, summary.profile) == (2, "CRM Aliado virtual")
    assert stored(db, "C-2").answer_text == "Buenas"
    # Named explicitly, as the command line's --mapping does.
    third = write_odd_csv(tmp_path / "tercero.csv")
    assert (
        imports.run_import(db, auditor, request(third, profile="CRM Aliado virtual")).unchanged == 2
    )
    with pytest.raises(NotFound, match="«No existe»"):
        imports.run_import(db, auditor, request(third, profile="No existe"))
    with pytest.raises(InvalidInput, match="canal Virtual"):
        imports.run_import(db, auditor, request(third, Channel.CHAT, profile="CRM Aliado virtual"))


def test_the_user_mapping_wins_over_the_guess(db, auditor, month, tmp_path) -> None:
    path = write_crm_export_xlsx(virtual(month), tmp_path / "m.xlsx", channel=Channel.VIRTUAL)
    shown = imports.inspect_file(db, auditor, path, "virtual", provider=PROVIDER)
    assert shown.sheets == ["Reporte"] and shown.header_row == 4 and len(shown.rows) == 20
    assert shown.previous is None
    columns = dict(shown.mapping.columns)
    del columns["requester_name"]  # the user unassigns a column in the dialog
    mapping = ColumnMapping(columns)
    summary = imports.run_import(db, auditor, request(path, mapping=mapping, profile="A mano"))
    assert summary.imported == 120 and summary.profile == "A mano"
    with db.sessions() as session:
        batch = session.get(ImportBatch, summary.batch_id)
        assert batch is not None and batch.mapping["profile"] == "A mano"
        assert "requester_name" not in batch.mapping["columns"]
    assert stored(db, month.virtual[0].key).requester_name is None
    again = imports.inspect_file(db, auditor, path, "virtual", provider=PROVIDER)
    assert again.previous is not None and again.previous.batch_id == summary.batch_id


# --- The content digest -------------------------------------------------------------------

_text = st.none() | st.text(max_size=40)


@settings(max_examples=300, deadline=None)
@given(
    agent=st.text(min_size=1, max_size=20),
    received=st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1)),
    answered=st.none() | st.datetimes(min_value=datetime(1950, 1, 1)),
    texts=st.tuples(_text, _text, _text, _text, _text, _text),
    numbers=st.tuples(st.none() | st.integers(), st.none() | st.integers(min_value=0)),
    registered=st.none() | st.booleans(),
    rating=st.none() | st.floats(allow_nan=True, allow_infinity=True),
)
def test_the_stored_digest_is_the_records_content_hash(
    agent, received, answered, texts, numbers, registered, rating
) -> None:
    record = RecordData(
        Channel.CHAT, "K-1", agent, received, answered_at=answered,
        identity_number=texts[0], requester_name=texts[1], request_type=texts[2],
        service=texts[3], request_text=texts[4], answer_text=texts[5],
        crm_registrations=numbers[0], wait_seconds=numbers[1],
        registered_in_crm=registered, user_rating=rating,
    )  # fmt: skip
    assert record_store.content_digest(record) == record.content_hash()


def test_the_window_names_what_an_xls_really_is(db, auditor, tmp_path) -> None:
    from integration.importing.legacy_exports import (
        write_binary_xls,
        write_orfeo_web_page,
        write_spreadsheet_xml,
    )

    labels = [
        imports.inspect_file(db, auditor, write(tmp_path)[0], "virtual").format_label
        for write in (write_orfeo_web_page, write_binary_xls, write_spreadsheet_xml)
    ]

    assert labels == [
        "Página web con una tabla (no es un libro de Excel), encabezado en la fila 3",
        "Libro de Excel 97-2003, hoja «Radicados», encabezado en la fila 3",
        "Libro XML de Excel 2003, hoja «Casos», encabezado en la fila 3",
    ]


def test_the_window_says_a_chat_log_s_messages_are_joined(db, auditor, tmp_path) -> None:
    from integration.importing.real_exports import write_whatsapp_message_log

    path, _expected = write_whatsapp_message_log(tmp_path)

    label = imports.inspect_file(db, auditor, path, "chat").format_label

    assert label == (
        "Libro de Excel, hoja «Mensajes», encabezado en la fila 1; un mensaje por fila: "
        "10 mensajes unidos en 2 conversaciones por «Id conversación»"
    )
