"""`auditoria-calidad agent proposals | merge | history`: output, --json and exit codes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from audit_data import PASSWORD, first_admin, provider, record, store, user
from auditoria_calidad import cli
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services.connection import open_database

PROVIDER = "Contacto Total S.A.S."
OCT = datetime(2026, 10, 6, 8, 0)


@pytest.fixture
def setup(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """Agents «Ana Pérez Gómez» (3 records), «Ana Peres Gómez» (1) and «Luis Rojas» (2)."""
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    db = open_database(url)
    admin = first_admin(db)
    pid = provider(db, admin, PROVIDER)
    names = ["Ana Pérez Gómez"] * 3 + ["Ana Peres Gómez", "Luis Rojas", "Luis Rojas"]
    store(
        db, admin, pid, [record(n, f"R-{i}", OCT + timedelta(hours=i)) for i, n in enumerate(names)]
    )
    auditor = user(db, admin, Role.AUDITOR)
    monkeypatch.setenv("AUDITORIA_DB_URL", url)
    monkeypatch.setenv("AUDITORIA_USER", auditor.username)
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    yield db, admin
    db.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_proposals_list_the_pair_with_its_reason_and_the_command_to_merge(setup, capsys) -> None:
    code, out, err = run(capsys, "agent", "proposals", "--provider", PROVIDER)
    assert code == 0, err
    assert "Ana Peres Gómez" in out and "difieren en una letra" in out
    assert "1 registro " in out and "3 registros" in out
    assert (
        "auditoria-calidad agent merge --provider 'Contacto Total S.A.S.' "
        "'Ana Peres Gómez' --into 'Ana Pérez Gómez'" in out
    )
    code, out, _ = run(capsys, "agent", "proposals", "--provider", PROVIDER, "--json")
    assert code == 0
    [proposal] = json.loads(out)["proposals"]
    assert proposal | {"command": None} == {
        "source": "Ana Peres Gómez",
        "target": "Ana Pérez Gómez",
        "reason": "difieren en una letra",
        "source_records": 1,
        "target_records": 3,
        "blocked": None,
        "command": None,
    }


def test_merge_moves_the_records_and_the_history_says_who_and_when(setup, capsys) -> None:
    code, out, err = run(
        capsys,
        "agent",
        "merge",
        "--provider",
        PROVIDER,
        "Ana Peres Gómez",
        "--into",
        "Ana Pérez Gómez",
    )
    assert code == 0, err
    assert out.strip() == (
        "Se fusionó «Ana Peres Gómez» en «Ana Pérez Gómez» (1 registro movido). Las "
        "importaciones que escriban «Ana Peres Gómez» irán a «Ana Pérez Gómez»."
    )
    code, out, _ = run(capsys, "agent", "list", "--provider", PROVIDER, "--json")
    assert {a["name"]: a["records"] for a in json.loads(out)["agents"]} == {
        "Ana Pérez Gómez": 4,
        "Luis Rojas": 2,
    }
    code, out, _ = run(capsys, "agent", "history", "--provider", PROVIDER, "--json")
    [merged] = json.loads(out)["merged"]
    assert (merged["name"], merged["agent"]) == ("Ana Peres Gómez", "Ana Pérez Gómez")
    assert merged["merged_by"].startswith("auditor.")
    code, out, _ = run(capsys, "agent", "proposals", "--provider", PROVIDER)
    assert code == 0 and out.strip() == f"No hay posibles agentes repetidos en «{PROVIDER}»."


def test_a_refused_merge_exits_with_3_and_a_spanish_message(setup, capsys) -> None:
    code, out, err = run(
        capsys,
        "agent",
        "merge",
        "--provider",
        PROVIDER,
        "Nadie",
        "--into",
        "Luis Rojas",
        "--json",
    )
    assert code == 3
    assert json.loads(out)["error"] == f"No existe el agente «Nadie» en el proveedor «{PROVIDER}»."
    assert "Traceback" not in err


def test_a_role_that_may_not_merge_exits_with_4(setup, capsys, monkeypatch) -> None:
    db, admin = setup
    committee = user(db, admin, Role.COMMITTEE)
    monkeypatch.setenv("AUDITORIA_USER", committee.username)
    code, _, err = run(
        capsys,
        "agent",
        "merge",
        "--provider",
        PROVIDER,
        "Ana Peres Gómez",
        "--into",
        "Ana Pérez Gómez",
    )
    assert code == 4 and "no tiene permiso para fusionar agentes" in err


def test_an_import_that_brings_a_name_one_letter_apart_points_to_the_proposals(
    setup, capsys, tmp_path
) -> None:
    export = tmp_path / "octubre.csv"
    export.write_text(
        "Radicado;Fecha de ingreso;Fecha y hora de respuesta;Funcionario responsable\n"
        "R-100;14/10/2026 08:00;14/10/2026 15:00;Luis Rojaz\n"
        "R-101;15/10/2026 08:00;15/10/2026 12:00;Luis Rojas\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "import", str(export), "--channel", "virtual", "--provider", PROVIDER
    )
    assert code == 0, err
    assert "Hay 2 posibles agentes repetidos en «Contacto Total S.A.S.»" in out
    assert 'agent proposals --provider "Contacto Total S.A.S."' in out


def test_keep_apart_sets_the_pair_aside_with_its_reason(setup, capsys) -> None:
    code, _out, err = run(
        capsys, "agent", "keep-apart", "--provider", PROVIDER, "Ana Peres Gómez", "Ana Pérez Gómez"
    )
    assert code == 2 and "--reason" in err  # the reason is required
    code, out, err = run(
        capsys,
        "agent",
        "keep-apart",
        "--provider",
        PROVIDER,
        "Ana Peres Gómez",
        "Ana Pérez Gómez",
        "--reason",
        "Cédulas distintas",
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["reason"] == "Cédulas distintas"
    code, out, _ = run(capsys, "agent", "proposals", "--provider", PROVIDER, "--json")
    assert code == 0 and json.loads(out)["proposals"] == []
    code, _out, err = run(
        capsys,
        "agent",
        "keep-apart",
        "--provider",
        PROVIDER,
        "Ana Pérez Gómez",
        "Nadie",
        "--reason",
        "x",
    )
    assert code == 3 and "Nadie" in err
