"""A stale save on the command line writes nothing and exits 5 with a Spanish message."""

from __future__ import annotations

import json
from datetime import date

import pytest

from audit_data import PASSWORD, first_admin
from auditoria_calidad import cli
from auditoria_calidad.services import approval, committee, findings, reports
from auditoria_calidad.services.connection import open_database
from cycle_data import evaluated_audit, new_provider, people


@pytest.fixture
def env(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{(tmp_path / 'test.db').as_posix()}"
    db = open_database(url)
    admin = first_admin(db)
    mine, other = new_provider(db, admin), new_provider(db, admin)
    who = people(db, admin, mine[1], other[1])
    audit = evaluated_audit(db, admin, who.auditor, mine, count=3)
    db.close()
    monkeypatch.setenv("AUDITORIA_DB_URL", url)
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    return url, who, audit


def run(capsys, user: str, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    try:
        code = cli.main([*argv, "--user", user])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_stale_conclusions_exit_5_naming_who_saved_and_keep_the_first(env, capsys) -> None:
    url, who, audit = env
    auditor = who.auditor.username
    code, out, err = run(capsys, auditor, "report", "conclusions", audit.number, "--json")
    assert code == 0, err
    assert json.loads(out)["version"] == 0
    code, out, err = run(
        capsys, auditor, "report", "conclusions", audit.number,
        "--conclusions", "Primera versión.", "--recommendations", "Uno.",
        "--expected-version", "0", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["version"] == 1

    code, out, err = run(
        capsys, auditor, "report", "conclusions", audit.number,
        "--conclusions", "Segunda versión.", "--expected-version", "0",
    )  # fmt: skip
    assert code == 5
    assert who.auditor.display_name in err and "conclusiones" in err
    assert "No se sobrescribió nada" in err and "Traceback" not in err
    db = open_database(url)
    try:
        stored = reports.report_texts(db, who.auditor, audit.audit_id)
    finally:
        db.close()
    assert (stored.conclusions, stored.recommendations) == ("Primera versión.", "Uno.")


def test_a_stale_provider_answer_exits_5_and_keeps_the_first(env, capsys) -> None:
    url, who, audit = env
    db = open_database(url)
    try:
        approval.approve_audit(db, who.head, audit.audit_id)
        approval.send_to_provider(db, who.head, audit.audit_id)
    finally:
        db.close()
    reference = f"{audit.number}/1"
    answer = ["--action", "Refuerzo de la guía.", "--responsible", "Coordinadora"]
    code, out, err = run(
        capsys, who.manager.username, "findings", "answer", reference,
        "--cause", "Causa escrita primero.", *answer, "--date", "15/12/2026",
        "--draft", "--expected-version", "0", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["answer"]["version"] == 1

    code, out, err = run(
        capsys, who.manager.username, "findings", "answer", reference,
        "--cause", "Causa escrita después.", *answer, "--date", "20/12/2026",
        "--expected-version", "0",
    )  # fmt: skip
    assert code == 5
    assert who.manager.display_name in err and "respuesta al hallazgo N.º 1" in err
    db = open_database(url)
    try:
        stored = findings.find_finding(db, who.manager, reference).answer
    finally:
        db.close()
    assert stored is not None and stored.cause_analysis == "Causa escrita primero."
    assert stored.submitted_at is None


def test_a_stale_commitment_edit_exits_5_and_keeps_the_first(env, capsys) -> None:
    url, who, audit = env
    db = open_database(url)
    try:
        approval.approve_audit(db, who.head, audit.audit_id)
        approval.send_to_provider(db, who.head, audit.audit_id)
        session = committee.create_session(db, who.committee, date(2026, 12, 2), [audit.audit_id])
        promise = committee.add_commitment(
            db, who.committee, session.id, "Capacitar al equipo.", "Coordinadora",
            due_date=date(2026, 12, 10), audit_id=audit.audit_id,
        )  # fmt: skip
    finally:
        db.close()
    member = who.committee.username
    code, out, err = run(capsys, member, "committee", "commitments", "--json")
    assert code == 0, err
    (listed,) = json.loads(out)["commitments"]
    assert (listed["id"], listed["version"]) == (promise.id, 1)

    code, out, err = run(
        capsys, member, "committee", "commitment-edit", str(promise.id),
        "--responsible", "Jorge Pérez", "--due", "31/12/2026", "--expected-version", "1",
        "--json",
    )  # fmt: skip
    assert code == 0, err
    edited = json.loads(out)
    assert (edited["responsible"], edited["due"], edited["version"]) == (
        "Jorge Pérez",
        "2026-12-31",
        2,
    )
    assert edited["action"] == "Capacitar al equipo."  # what was not given stays

    code, out, err = run(
        capsys, member, "committee", "commitment-edit", str(promise.id),
        "--action", "Capacitar a todos.", "--expected-version", "1",
    )  # fmt: skip
    assert code == 5
    assert who.committee.display_name in err and f"compromiso {promise.id}" in err
    assert "No se sobrescribió nada" in err and "Traceback" not in err
    db = open_database(url)
    try:
        (stored,) = committee.list_commitments(db, who.committee)
    finally:
        db.close()
    assert (stored.action, stored.responsible, stored.version) == (
        "Capacitar al equipo.",
        "Jorge Pérez",
        2,
    )


def test_a_commitment_edit_without_changes_or_with_a_bad_date_is_refused(env, capsys) -> None:
    _url, who, _audit = env
    member = who.committee.username
    code, _out, err = run(
        capsys, member, "committee", "commitment-edit", "1", "--expected-version", "1"
    )
    assert code == 2 and "Indique qué cambiar" in err
    code, _out, err = run(
        capsys, member, "committee", "commitment-edit", "1", "--due", "31/02/2026",
        "--expected-version", "1",
    )  # fmt: skip
    assert code == 3 and "La fecha «31/02/2026» no existe." in err and "Traceback" not in err
