"""The committee's day on the command line: every answered finding decided in one
command, and what each provider receives of a session that reviewed two providers."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from audit_data import PASSWORD, first_admin
from auditoria_calidad import cli
from auditoria_calidad.cli import audit_commands, cycle_commands
from auditoria_calidad.services import approval, findings
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.connection import open_database
from cycle_data import evaluated_audit, new_provider, people

ANSWER = answers.AnswerDraft("Causa", "Acción", "Líder", date(2026, 12, 20))


@pytest.fixture(autouse=True)
def cycle_commands_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the sub-commands if cli/__init__.py does not yet (a no-op once it does)."""
    original = cli.build_parser

    def build() -> argparse.ArgumentParser:
        parser = original()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        common = argparse.ArgumentParser(add_help=False)
        for option in ("--db", "--user"):
            common.add_argument(option, default=argparse.SUPPRESS)
        common.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
        if "audit" not in sub.choices:
            audit_commands.register(sub, common)
        if "committee" not in sub.choices:
            cycle_commands.register(sub, common)
        return parser

    monkeypatch.setattr(cli, "build_parser", build)


@pytest.fixture
def office(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """Two providers, each with an audit sent and answered but for its first finding."""
    url = f"sqlite:///{(tmp_path / 'test.db').as_posix()}"
    db = open_database(url)
    admin = first_admin(db)
    a, b = new_provider(db, admin), new_provider(db, admin)
    who = people(db, admin, a[1], b[1])
    made = []
    for provider, manager, agents in (
        (a, who.manager, ("Ana María Gómez", "Luis Fernando Pérez")),
        (b, who.other_manager, ("Hernando Quintero", "Yolanda Bermúdez")),
    ):
        audit = evaluated_audit(db, admin, who.auditor, provider, count=6, agents=agents)
        approval.approve_audit(db, who.head, audit.audit_id)
        approval.send_to_provider(db, who.head, audit.audit_id)
        listed = findings.list_findings(db, manager, audit.audit_id)
        for finding in listed[1:]:
            answers.save_answer(db, manager, finding.id, ANSWER)
        made.append((audit, listed))
    db.close()
    monkeypatch.setenv("AUDITORIA_DB_URL", url)
    monkeypatch.setenv("AUDITORIA_PASSWORD", PASSWORD)
    return who, made


def run(capsys, user: str, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    try:
        code = cli.main([*argv, "--user", user])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys, user: str, *argv: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    code, out, err = run(capsys, user, *argv, "--json")
    assert code == 0, err + out
    return json.loads(out)


def test_decide_all_answered_then_each_provider_gets_only_its_own(
    office, capsys, tmp_path: Path
) -> None:
    who, ((audit_a, listed_a), (audit_b, listed_b)) = office
    member = who.committee.username
    acta = ok(
        capsys,
        member,
        "committee",
        "create",
        "--date",
        "14/12/2026",
        "--audits",
        f"{audit_a.number},{audit_b.number}",
    )["acta"]
    first = f"{audit_a.number}/{listed_a[0].number}"
    code, _out, err = run(
        capsys, member, "committee", "decide", acta, first, "--all", "--decision", "aceptada"
    )
    assert code == 2 and "--all" in err
    code, _out, err = run(capsys, member, "committee", "decide", acta, "--decision", "aceptada")
    assert code == 2 and "--all" in err
    decided = ok(
        capsys,
        member,
        "committee",
        "decide",
        acta,
        "--all",
        "--decision",
        "seguimiento",
        "--observation",
        "Verificar en la próxima auditoría.",
    )
    answered = listed_a[1:] + listed_b[1:]
    assert decided["decided"] == len(answered)
    assert set(decided["findings"]) == {f"{f.audit_number}/{f.number}" for f in answered}
    # The two without answer, named explicitly, in one command; then every one accepted.
    unanswered = [first, f"{audit_b.number}/{listed_b[0].number}"]
    both = ok(
        capsys,
        member,
        "committee",
        "decide",
        acta,
        *unanswered,
        "--decision",
        "no_aceptada",
        "--observation",
        "Sin respuesta del proveedor.",
    )
    assert both["decided"] == 2
    code, _out, err = run(
        capsys, member, "committee", "decide", acta, "--all", "--decision", "aceptada"
    )
    assert code == 3 and "no quedan inconsistencias respondidas" in err
    ok(capsys, member, "committee", "attendee", acta, "--name", "Marta Lucía Rincón")

    out_a = tmp_path / "proveedor-a.pdf"
    issued = ok(
        capsys,
        member,
        "committee",
        "minutes",
        acta,
        "--pdf",
        str(out_a),
        "--provider",
        audit_a.provider,
    )
    assert issued["issued_now"] and issued["provider"] == audit_a.provider
    out_b = tmp_path / "proveedor-b.pdf"
    again = ok(
        capsys,
        member,
        "committee",
        "minutes",
        acta,
        "--pdf",
        str(out_b),
        "--provider",
        audit_b.provider,
    )
    assert not again["issued_now"]
    text_a = " ".join(p.extract_text() for p in PdfReader(out_a).pages)
    text_b = " ".join(p.extract_text() for p in PdfReader(out_b).pages)
    for finding in listed_b:
        assert finding.key not in text_a and finding.key in text_b
    for finding in listed_a:
        assert finding.key in text_a and finding.key not in text_b
    code, out, _err = run(
        capsys,
        member,
        "committee",
        "verify-minutes",
        acta,
        str(out_a),
        "--provider",
        audit_a.provider,
    )
    assert code == 0 and f"extracto del acta {acta} para {audit_a.provider}" in out
    code, out, _err = run(
        capsys,
        member,
        "committee",
        "verify-minutes",
        acta,
        str(out_a),
        "--provider",
        audit_b.provider,
    )
    assert code == 1 and "NO coincide" in out
