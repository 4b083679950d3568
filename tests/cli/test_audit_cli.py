"""The audit and sample sub-commands: JSON outputs, the flexible `sample` and exit codes."""

from __future__ import annotations

import json

import pytest

from audit_data import PASSWORD, first_admin, provider, record, store, user
from auditoria_calidad import cli
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services.connection import open_database

EXAMPLE = [("Luis", "R-1"), ("Ana", "R-2"), ("Luis", "R-3"), ("Ana", "R-4"), ("Ana", "R-5")]
PROVIDER = "Contacto Total S.A.S."


@pytest.fixture
def people(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A database per test (one audit per channel, provider and period): URL, auditor, manager."""
    url = f"sqlite:///{(tmp_path_factory.mktemp('cli') / 'test.db').as_posix()}"
    db = open_database(url)
    admin = first_admin(db)
    pid = provider(db, admin, PROVIDER)
    store(db, admin, pid, [record(a, k) for a, k in EXAMPLE])
    provider(db, admin, "Otro Proveedor S.A.S.")
    people = (
        url,
        user(db, admin, Role.AUDITOR),
        user(db, admin, Role.PROVIDER_MANAGER, "Otro Proveedor S.A.S."),
    )
    db.close()
    return people


@pytest.fixture
def setup(people, monkeypatch):  # type: ignore[no-untyped-def]
    url, auditor, manager = people
    monkeypatch.setenv("AUDITORIA_DB_URL", url)
    monkeypatch.setenv("AUDITORIA_USER", auditor.username)
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    return auditor, manager


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys, *argv: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_create_draw_and_show_an_audit_as_json(capsys, setup) -> None:
    created = _json(
        capsys,
        "audit",
        "create",
        "--channel",
        "virtual",
        "--provider",
        PROVIDER,
        "--from",
        "01/10/2026",
        "--to",
        "2026-10-31",
    )
    assert set(created) >= {"audit_id", "number", "population"}
    assert created["population"] == 5 and created["number"].startswith("AUD-")

    drawn = _json(capsys, "sample", created["number"], "--fraction", "0,5", "--seed", "42")
    assert {k: drawn[k] for k in ("seed", "fraction", "sampled", "record_keys")} == {
        "seed": 42,
        "fraction": 0.5,
        "sampled": 3,
        "record_keys": ["R-5", "R-4", "R-1"],
    }
    code, out, _ = run(capsys, "audit", "show", created["number"])
    assert code == 0 and "Semilla: 42" in out and "Faltan: 3" in out
    assert drawn["strata"] == [
        {"agent": "Ana", "population": 3, "sampled": 2},
        {"agent": "Luis", "population": 2, "sampled": 1},
    ]
    # `sample draw AUDIT` is the same command, and the id works as well as the number.
    again = _json(capsys, "sample", "draw", str(created["audit_id"]), "--seed", "42")
    assert again["record_keys"] == drawn["record_keys"]

    shown = _json(capsys, "audit", "show", created["number"])
    assert (shown["state"], shown["population"], shown["sampled"], shown["evaluated"]) == (
        "draft",
        5,
        3,
        0,
    )
    assert shown["required_for_approval"] == 3 and shown["missing"] == 3
    assert shown["indicators"]["overall"]["records"] == 0
    assert shown["scheme"]["name"] == "F182 Atención Virtual"

    code, out, _ = run(capsys, "audit", "list")
    assert code == 0 and created["number"] in out and "0/3 (5)" in out


def test_add_remove_plan_and_refresh(capsys, setup) -> None:
    number = _json(
        capsys,
        "audit",
        "create",
        "--channel",
        "virtual",
        "--provider",
        PROVIDER,
        "--month",
        "2026-10",
    )["number"]
    _json(capsys, "sample", number, "--seed", "42")
    added = _json(capsys, "sample", "add", number, "R-3")
    assert (added["key"], added["origin"]) == ("R-3", "manual")
    removed = _json(capsys, "sample", "remove", number, "R-4", "--reason", "Radicado anulado")
    assert (removed["removed"], removed["replacement"]) == ("R-4", "R-2")
    plan = _json(capsys, "sample", "plan", number)
    assert [(s["agent"], s["drawn"], s["manual"]) for s in plan["strata"]] == [
        ("Ana", 2, 0),
        ("Luis", 1, 1),
    ]
    items = _json(capsys, "sample", "list", number, "--removed")["items"]
    assert {i["key"]: i["removal_reason"] for i in items if i["removed"]} == {
        "R-4": "Radicado anulado"
    }
    refreshed = _json(capsys, "audit", "refresh", number)
    assert (refreshed["added_population"], refreshed["added_sample"]) == (0, [])


def test_rejected_input_exits_with_3_and_bad_usage_with_2(capsys, setup) -> None:
    number = _json(
        capsys,
        "audit",
        "create",
        "--channel",
        "virtual",
        "--provider",
        PROVIDER,
        "--week",
        "2026-10-01",
    )["number"]
    code, out, err = run(capsys, "sample", number, "--fraction", "0.4", "--json")
    assert code == 3 and "M5-1-01" in json.loads(out)["error"] and "Traceback" not in err
    assert run(capsys, "sample", "remove", number, "R-1")[0] == 2  # no --reason
    assert run(capsys, "sample", "add", number)[0] == 2  # no key
    assert run(capsys, "sample", number, "--reason", "x")[0] == 2
    assert (
        run(
            capsys,
            "audit",
            "create",
            "--channel",
            "virtual",
            "--provider",
            PROVIDER,
            "--from",
            "31/02/2026",
            "--to",
            "2026-10-31",
        )[0]
        == 3
    )
    assert run(capsys, "audit", "create", "--channel", "virtual", "--provider", PROVIDER)[0] == 2
    assert run(capsys, "audit", "show", "AUD-1999-0001")[0] == 3
    code, _, err = run(capsys, "audit", "mark", number, "ready")
    assert code == 3 and "faltan" in err


def test_a_provider_manager_does_not_see_other_providers_audits(capsys, setup, monkeypatch) -> None:
    number = _json(
        capsys,
        "audit",
        "create",
        "--channel",
        "virtual",
        "--provider",
        PROVIDER,
        "--month",
        "10/2026",
    )["number"]
    _, manager = setup
    monkeypatch.setenv("AUDITORIA_USER", manager.username)
    assert _json(capsys, "audit", "list")["audits"] == []
    code, _, err = run(capsys, "audit", "show", number)
    assert code == 4 and "propio proveedor" in err


def test_help_describes_the_sample_actions(capsys) -> None:
    code, out, _ = run(capsys, "sample", "--help")
    assert code == 0
    for word in ("draw", "add", "remove", "plan", "--fraction", "--seed", "--reason"):
        assert word in out


def test_a_duplicate_audit_exits_3_and_annul_frees_its_period(capsys, setup) -> None:
    first = _json(capsys, "audit", "create", "--channel", "virtual", "--provider", PROVIDER,
                  "--month", "2026-10")  # fmt: skip
    code, _out, err = run(capsys, "audit", "create", "--channel", "virtual", "--provider",
                          PROVIDER, "--from", "01/10/2026", "--to", "01/10/2026")  # fmt: skip
    assert code == 3 and first["number"] in err and "Ya existe la auditoría" in err
    code, _out, err = run(capsys, "audit", "annul", first["number"], "--reason", "x")
    assert code == 3 and "motivo" in err
    annulled = _json(capsys, "audit", "annul", first["number"], "--reason", "Creada por error")
    assert annulled["state"] == "annulled" and annulled["reason"] == "Creada por error"
    listed = _json(capsys, "audit", "list")
    assert first["number"] not in [a["number"] for a in listed["audits"]]
    shown = _json(capsys, "audit", "list", "--annulled")
    assert first["number"] in [a["number"] for a in shown["audits"]]
