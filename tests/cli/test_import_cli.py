"""`auditoria-calidad import`: JSON output, rejected rows, --strict, --rejects, exit codes."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from audit_data import PASSWORD, first_admin, provider, user
from auditoria_calidad import cli
from auditoria_calidad.demo.export_files import write_crm_export_xlsx
from auditoria_calidad.demo.generator import generate_month
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import imports, mapping_profiles
from auditoria_calidad.services.connection import open_database
from auditoria_calidad.services.imports import ColumnMapping, MappedColumn

PROVIDER = "Contacto Total S.A.S."


@pytest.fixture
def setup(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A database with the provider and an auditor; returns (database, auditor)."""
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    db = open_database(url)
    admin = first_admin(db)
    provider(db, admin, PROVIDER)
    auditor = user(db, admin, Role.AUDITOR)
    monkeypatch.setenv("AUDITORIA_DB_URL", url)
    monkeypatch.setenv("AUDITORIA_USER", auditor.username)
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    yield db, auditor
    db.close()


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    month = generate_month(11, virtual_count=60, chat_count=0, agent_count=3)
    records = [replace(r, extra={}) for r in month.virtual]
    path = tmp_path_factory.mktemp("files") / "crm octubre.xlsx"
    return write_crm_export_xlsx(records, path, channel=Channel.VIRTUAL, provider=PROVIDER)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def import_args(path: Path, *extra: str) -> list[str]:
    return ["import", str(path), "--channel", "virtual", "--provider", PROVIDER, *extra]


def write_with_rejects(path: Path) -> Path:
    with path.open("w", encoding="cp1252", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(
            ["Radicado", "Fecha de ingreso", "Agente", "Fecha de respuesta", "Respuesta"]
        )
        writer.writerow(["R-1", "05/10/2026 08:00", "Ana Gómez", "05/10/2026 10:00", "Bien"])
        writer.writerow(["R-2", "05/13/2026 08:00", "Ana Gómez", "05/10/2026 10:00", "Mes 13"])
        writer.writerow(["R-3", "05/10/2026 08:00", "Luis Peña", "05/10/2026 11:00", "Bien"])
    return path


def test_import_prints_the_counts_as_json(setup, export, capsys) -> None:
    code, out, err = run(capsys, *import_args(export), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert {
        "batch_id",
        "imported",
        "unchanged",
        "updated",
        "conflicts",
        "rejected",
        "rejected_rows",
    } <= set(data)
    assert (data["imported"], data["unchanged"], data["rejected"], data["rejected_rows"]) == (
        60,
        0,
        0,
        [],
    )
    assert data["ok"] is True and isinstance(data["batch_id"], int)
    # Again: nothing new, and it says when and by whom the file came in first.
    code, out, _ = run(capsys, *import_args(export))
    assert code == 0
    assert "El archivo ya fue importado el" in out and "0 registros nuevos" in out


def test_rejected_rows_do_not_stop_the_import_and_can_be_exported(setup, tmp_path, capsys) -> None:
    path = write_with_rejects(tmp_path / "con rechazos.csv")
    out_xlsx = tmp_path / "rechazadas.xlsx"
    code, out, err = run(capsys, *import_args(path, "--rejects", str(out_xlsx), "--json"))
    assert code == 0, err
    data = json.loads(out)
    assert (data["imported"], data["rejected"]) == (2, 1)
    [row] = data["rejected_rows"]
    assert (row["sheet"], row["row"], row["column"]) == (None, 3, "Fecha de ingreso")
    assert row.get("reason")
    sheet = load_workbook(out_xlsx).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[1][0] == "R-2" and rows[1][-2] == "Fecha de ingreso"
    # Text output names file, row and column.
    code, out, _ = run(capsys, *import_args(write_with_rejects(tmp_path / "otra.csv")))
    assert code == 0
    assert "otra.csv, fila 3, columna «Fecha de ingreso»" in out


def test_a_file_whose_every_row_is_rejected_is_not_a_success(setup, tmp_path, capsys) -> None:
    path = tmp_path / "todo mal.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["Radicado", "Fecha de ingreso", "Agente", "Fecha de respuesta"])
        writer.writerow(["R-1", "2026-10-01 15:23 hora local", "Ana Gómez", "02/10/2026 10:00"])
        writer.writerow(["R-2", "2026-10-02 09:00 hora local", "Ana Gómez", "02/10/2026 11:00"])

    code, out, err = run(capsys, *import_args(path, "--json"))

    assert code == 3
    data = json.loads(out)
    assert data["ok"] is False and (data["imported"], data["rejected"]) == (0, 2)
    assert isinstance(data["batch_id"], int)  # the attempt and its reasons are kept
    assert "todas las filas de datos fueron rechazadas" in err


def test_strict_aborts_the_whole_import_on_any_rejected_row(setup, tmp_path, capsys) -> None:
    db, auditor = setup
    path = write_with_rejects(tmp_path / "estricto.csv")
    out_xlsx = tmp_path / "r.xlsx"
    code, out, err = run(
        capsys, *import_args(path, "--strict", "--rejects", str(out_xlsx), "--json")
    )
    assert code == 3
    data = json.loads(out)
    assert data["ok"] is False and data["batch_id"] is None and data["rejected"] == 1
    assert "estricto.csv" in data["error"] and "--strict" in data["error"]
    assert "Traceback" not in err
    assert out_xlsx.exists()
    assert imports.list_batches(db, auditor) == []


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--provider", "Desconocido S.A."], "No existe el proveedor «Desconocido S.A.»"),
        (["--sheet", "Resumen"], "no tiene una hoja llamada «Resumen»"),
        (["--mapping", "Perfil inexistente"], "«Perfil inexistente»"),
    ],
)
def test_wrong_input_is_refused_with_a_spanish_message_and_exit_3(
    setup, export, capsys, argv, expected
) -> None:
    args = ["import", str(export), "--channel", "virtual"]
    if "--provider" not in argv:
        args += ["--provider", PROVIDER]
    code, out, err = run(capsys, *args, *argv)
    assert code == 3
    assert expected in err and "Traceback" not in err
    assert out == ""


def test_a_bad_file_or_missing_column_names_the_file(setup, tmp_path, capsys) -> None:
    broken = tmp_path / "roto.xlsx"
    broken.write_bytes(b"no es un libro")
    code, _, err = run(capsys, *import_args(broken))
    assert code == 3 and "roto.xlsx" in err and "Traceback" not in err
    plain = tmp_path / "sin agente.csv"
    plain.write_text(
        "Radicado;Fecha de ingreso;Fecha de respuesta\nR-1;05/10/2026 08:00;05/10/2026 09:00\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, *import_args(plain, "--json"))
    assert code == 3
    assert "sin agente.csv" in err and "«Funcionario responsable (agente)»" in err
    assert json.loads(out)["ok"] is False


def test_mapping_names_a_saved_profile(setup, tmp_path, capsys) -> None:
    db, auditor = setup
    path = tmp_path / "raro.csv"
    path.write_text(
        "Caso;Llegó;Asesor;Contestado\nC-1;05/10/2026 08:00;Ana;05/10/2026 09:00\n",
        encoding="utf-8",
    )
    headers = ["Caso", "Llegó", "Asesor", "Contestado"]
    mapping = ColumnMapping({
        "key": MappedColumn(0, "Caso"),
        "received_at": MappedColumn(1, "Llegó"),
        "agent": MappedColumn(2, "Asesor"),
        "answered_at": MappedColumn(3, "Contestado"),
    })  # fmt: skip
    mapping_profiles.save_profile(db, auditor, "Aliado", Channel.VIRTUAL, headers, mapping)
    code, out, err = run(capsys, *import_args(path, "--mapping", "Aliado", "--json"))
    assert code == 0, err
    assert json.loads(out)["imported"] == 1


# --- Mapping, period, uncertain columns, outputs written whole or not at all ---------------


def write_two_dates(path: Path) -> Path:
    """Two columns of date-times with neutral names: which is the answer is not certain."""
    lines = ["Radicado;Funcionario responsable;Marca A;Marca B"]
    for i in range(1, 13):
        lines.append(f"R-{i};Ana Gómez;{13 + i % 9}/10/2026 08:00;{13 + i % 9}/10/2026 11:30")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_uncertain_column_is_refused_listing_candidates_and_the_map_option(
    setup, tmp_path, capsys
) -> None:
    db, auditor = setup
    path = write_two_dates(tmp_path / "dudoso.csv")
    code, out, err = run(capsys, *import_args(path))
    assert code == 3 and out == "" and "Traceback" not in err
    assert "dudoso.csv" in err and "No se importó nada" in err
    assert "«Marca A»" in err and "--map " in err
    assert imports.list_batches(db, auditor) == []
    code, out, err = run(capsys, *import_args(path, "--json"))
    data = json.loads(out)
    assert code == 3 and data["ok"] is False and data["exit_code"] == 3
    fields = {u["field"] for u in data["uncertain"]}
    assert fields & {"received_at", "answered_at"}
    candidate = data["uncertain"][0]["candidates"][0]
    assert candidate["samples"] and candidate["reasons"]
    assert candidate["option"].startswith(f"--map {data['uncertain'][0]['field']}=")
    assert data["likely_channel"] is None and "canal" not in data["error"]


def test_a_chat_export_imported_as_virtual_answers_names_the_chat_channel(
    setup, tmp_path, capsys
) -> None:
    db, auditor = setup
    lines = ["Id conversación;Asesor;Fecha de inicio;Tiempo en cola (s);Calificación"]
    lines += [f"C-{i};Ana Gómez;0{1 + i}/10/2026 08:0{i};{20 + i};{1 + i % 5}" for i in range(8)]
    path = tmp_path / "chats.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    code, out, err = run(capsys, *import_args(path, "--json"))

    data = json.loads(out)
    assert code == 3 and data["likely_channel"] == "chat"
    assert err.rstrip().endswith(
        "El archivo parece una exportación del canal Chat: si lo es, importe con --channel chat."
    )
    assert imports.list_batches(db, auditor) == []


def test_map_chooses_the_columns_and_the_import_proceeds(setup, tmp_path, capsys) -> None:
    path = write_two_dates(tmp_path / "dudoso.csv")
    code, out, err = run(
        capsys,
        *import_args(path, "--map", "received_at=Marca A", "--map", 'answered_at="Marca B"'),
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["imported"] == 12 and data["rejected"] == 0


def test_map_refuses_an_unknown_field_or_header_naming_the_valid_ones(
    setup, tmp_path, capsys
) -> None:
    path = write_two_dates(tmp_path / "dudoso.csv")
    code, _, err = run(capsys, *import_args(path, "--map", "fecha=Marca A"))
    assert code == 3 and "«fecha» no es un campo" in err and "received_at" in err
    code, _, err = run(capsys, *import_args(path, "--map", "received_at=No existe"))
    assert code == 3 and "No existe" in err and "Traceback" not in err
    code, _, err = run(capsys, *import_args(path, "--map", "received_at"))
    assert code == 3 and "CAMPO=ENCABEZADO" in err


def test_import_help_lists_the_field_names_with_their_spanish_labels(capsys) -> None:
    code, out, _ = run(capsys, "import", "--help")
    assert code == 0
    assert "--map CAMPO=ENCABEZADO" in out and "--desde" in out and "--hasta" in out
    assert "received_at" in out and "Fecha de ingreso" in out
    assert "wait_seconds" in out  # the chat fields too


def test_rows_outside_the_period_are_set_aside_and_reported(setup, tmp_path, capsys) -> None:
    path = tmp_path / "periodo.csv"
    path.write_text(
        "Radicado;Fecha de ingreso;Funcionario responsable;Fecha de respuesta\n"
        "R-1;30/09/2026 08:00;Ana Gómez;30/09/2026 10:00\n"
        "R-2;05/10/2026 08:00;Ana Gómez;05/10/2026 10:00\n"
        "R-3;31/10/2026 23:00;Luis Peña;01/11/2026 08:00\n"
        "R-4;01/11/2026 08:00;Luis Peña;01/11/2026 09:00\n",
        encoding="utf-8",
    )
    period = ["--desde", "01/10/2026", "--hasta", "31/10/2026"]
    code, out, err = run(capsys, *import_args(path, *period, "--json"))
    assert code == 0, err
    data = json.loads(out)
    assert (data["imported"], data["set_aside"]) == (2, 2)
    rows = {r["row"]: r for r in data["set_aside_rows"]}
    assert set(rows) == {2, 5}
    assert "01/10/2026" in rows[2]["reason"] and "30/09/2026" in rows[2]["reason"]
    assert "2 filas apartadas" in data["message"]
    # Text output lists them with where and why.
    path2 = tmp_path / "periodo2.csv"
    path2.write_bytes(path.read_bytes())
    code, out, _ = run(capsys, *import_args(path2, *period))
    assert code == 0 and "Filas apartadas" in out and "periodo2.csv, fila 5" in out


def test_a_period_must_be_whole_and_typed_as_dd_mm_aaaa(setup, export, capsys) -> None:
    code, _, err = run(capsys, *import_args(export, "--desde", "2026-10-01"))
    assert code == 2 and "dd/mm/aaaa" in err
    code, _, err = run(capsys, *import_args(export, "--desde", "01/10/2026"))
    assert code == 2 and "--hasta" in err
    code, _, err = run(
        capsys, *import_args(export, "--desde", "31/10/2026", "--hasta", "1/10/2026")
    )
    assert code == 2 and "antes de empezar" in err


def test_rejects_that_cannot_be_written_leave_nothing_imported_and_no_file(
    setup, tmp_path, capsys
) -> None:
    db, auditor = setup
    path = write_with_rejects(tmp_path / "con rechazos.csv")
    folder = tmp_path / "salida"
    folder.mkdir()
    target = folder / "rechazadas.xlsx"
    target.mkdir()  # a folder where the workbook should go
    code, _, err = run(capsys, *import_args(path, "--rejects", str(target)))
    assert code == 3 and "rechazadas.xlsx" in err and "Traceback" not in err
    assert imports.list_batches(db, auditor) == []
    assert [p.name for p in folder.iterdir()] == ["rechazadas.xlsx"]  # no temporary left
    missing = tmp_path / "no existe" / "r.xlsx"
    code, _, err = run(capsys, *import_args(path, "--rejects", str(missing)))
    assert code == 3 and "no existe" in err
    assert imports.list_batches(db, auditor) == [] and not missing.parent.exists()
