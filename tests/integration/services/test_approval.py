"""Approval: the 50 % rule, the issued report and its hash, the lock, sending to the provider."""

from __future__ import annotations

import hashlib
import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from audit_data import ENGINES, open_env
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import (
    approval,
    audits,
    evaluations,
    findings,
    office_settings,
    reports,
    sample,
)
from auditoria_calidad.services.audit_trail import history
from auditoria_calidad.services.errors import InvalidInput, NotFound, PermissionDenied
from auditoria_calidad.services.f182_exchange import export_f182, import_f182
from auditoria_calidad.storage.models import Audit, AuditState, Finding
from cycle_data import ALL_MET, HOSTILE, evaluated_audit, new_provider, people


@pytest.fixture(scope="module", params=ENGINES)
def env(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    yield from open_env(request, tmp_path_factory)


@pytest.fixture(scope="module")
def cast(env):  # type: ignore[no-untyped-def]
    """A provider of its own, another provider, and one user per role of the cycle."""
    mine, other = new_provider(env.db, env.admin), new_provider(env.db, env.admin)
    return mine, people(env.db, env.admin, mine[1], other[1])


def test_approval_is_refused_below_half_the_population_saying_how_many_are_missing(
    env, cast
) -> None:
    provider, who = cast
    audit = evaluated_audit(env.db, env.admin, who.auditor, provider, count=7, evaluate=2)
    with pytest.raises(InvalidInput) as refused:
        approval.approve_audit(env.db, who.head, audit.audit_id)
    assert "al menos el 50 %" in refused.value.message
    assert "hay 2 evaluados y faltan 2" in refused.value.message  # ceil(7 / 2) = 4
    assert audits.get_audit(env.db, who.head, audit.audit_id).state is AuditState.IN_REVIEW


def test_only_the_head_of_office_approves(env, cast) -> None:
    provider, who = cast
    audit = evaluated_audit(env.db, env.admin, who.auditor, provider, count=4)
    for actor in (who.auditor, who.committee, who.manager, who.admin):
        with pytest.raises(PermissionDenied):
            approval.approve_audit(env.db, actor, audit.audit_id)


def test_approval_issues_the_report_with_its_hash_and_one_finding_per_failed_criterion(
    env, cast
) -> None:
    provider, who = cast
    audit = evaluated_audit(env.db, env.admin, who.auditor, provider, count=6, observation=HOSTILE)
    result = approval.approve_audit(env.db, who.head, audit.audit_id)
    assert result.findings == 6  # three failing records × (pertinencia, redacción)
    stored = approval.report_pdf(env.db, who.head, audit.audit_id)
    assert stored.startswith(b"%PDF") and hashlib.sha256(stored).hexdigest() == (
        result.report_sha256
    )
    rows = findings.list_findings(env.db, who.head, audit.audit_id)
    assert {f.criterion_key for f in rows} == {"pertinencia", "redaccion_ortografia"}
    assert {f.key for f in rows} == set(audit.keys[1::2])
    assert all(f.observation == HOSTILE for f in rows)
    assert rows[0].identity.startswith("1020")  # the head sees the full number
    with env.db.sessions() as session:
        row = session.get(Audit, audit.audit_id)
        assert row is not None and row.approved_by == who.head.id
        assert row.state is AuditState.APPROVED
        log = history(session, "audit", audit.audit_id)
    assert [e.new_value for e in log if e.action == "state"][-1] == "approved"
    assert result.report_sha256 in next(e.new_value or "" for e in log if e.action == "approve")


def test_regenerating_the_report_gives_the_same_bytes_and_verify_checks_a_file(
    env, cast, tmp_path
) -> None:
    provider, who = cast
    audit = evaluated_audit(env.db, env.admin, who.auditor, provider, count=4)
    approval.approve_audit(env.db, who.head, audit.audit_id)
    stored = approval.report_pdf(env.db, who.head, audit.audit_id)
    assert approval.regenerate_report(env.db, who.head, audit.audit_id) == stored
    assert reports.audit_report_pdf(env.db, who.head, audit.audit_id) == stored
    good = tmp_path / "informe.pdf"
    good.write_bytes(stored)
    assert approval.verify_report(env.db, who.auditor, audit.audit_id, good).matches
    changed = tmp_path / "alterado.pdf"
    changed.write_bytes(stored.replace(b"%%EOF", b"%%EOF\n%"))
    check = approval.verify_report(env.db, who.auditor, audit.audit_id, changed)
    assert not check.matches and check.stored_sha256 != check.file_sha256
    with pytest.raises(InvalidInput, match="No se pudo leer"):
        approval.verify_report(env.db, who.auditor, audit.audit_id, tmp_path / "no.pdf")


def test_an_approved_audit_refuses_every_change(env, cast, tmp_path) -> None:
    provider, who = cast
    audit = evaluated_audit(env.db, env.admin, who.auditor, provider, count=4, evaluate=3)
    exported = tmp_path / "f182.xlsx"
    export_f182(env.db, who.auditor, audit.audit_id, exported)
    approval.approve_audit(env.db, who.head, audit.audit_id)
    items = evaluations.list_sample(env.db, who.auditor, audit.audit_id)
    db, auditor, audit_id = env.db, who.auditor, audit.audit_id
    attempts = {
        "evaluación": lambda: evaluations.save_evaluation(
            db,
            auditor,
            items[3].sample_item_id,
            evaluations.EvaluationDraft(ALL_MET),
            expected_version=None,
        ),
        "sorteo": lambda: sample.draw_audit_sample(db, auditor, audit_id, fraction="1", seed=3),
        "retiro": lambda: sample.remove_from_sample(db, auditor, audit_id, items[0].key, "x"),
        "población": lambda: sample.refresh_population(db, auditor, audit_id),
        "lista": lambda: audits.mark_ready(db, auditor, audit_id),
        "conclusiones": lambda: reports.set_conclusions(db, auditor, audit_id, "c", "r"),
        "formato F182": lambda: import_f182(db, auditor, audit_id, exported),
        "aprobar otra vez": lambda: approval.approve_audit(db, who.head, audit_id),
    }
    for what, attempt in attempts.items():
        with pytest.raises(InvalidInput):
            attempt()
            pytest.fail(f"{what} was accepted on an approved audit")
    with db.sessions() as session:
        row = session.get(Audit, audit_id)
        assert row is not None and approval.is_locked(row.state)
        with pytest.raises(InvalidInput, match="ya no se pueden modificar"):
            approval.ensure_unlocked(session, row)


def test_sending_sets_the_deadline_in_business_days_over_colombian_holidays(
    env, cast, tmp_path
) -> None:
    provider, who = cast
    audit = evaluated_audit(env.db, env.admin, who.auditor, provider, count=4)
    approval.approve_audit(env.db, who.head, audit.audit_id)
    with pytest.raises(PermissionDenied):
        approval.send_to_provider(env.db, who.auditor, audit.audit_id)
    # Friday 13/11/2026; Monday 16/11 is a holiday (Independencia de Cartagena).
    sent = approval.send_to_provider(
        env.db, who.head, audit.audit_id, tmp_path / "paquete", now=datetime(2026, 11, 13, 9)
    )
    assert sent.response_deadline == date(2026, 11, 23) and sent.business_days == 5
    assert sent.state is AuditState.SENT and sent.findings == 4
    pdf, xlsx = sent.files
    assert pdf.read_bytes() == approval.report_pdf(env.db, who.head, audit.audit_id)
    assert approval.verify_report(env.db, who.manager, audit.audit_id, pdf).matches
    status = findings.audit_findings_status(env.db, who.manager, audit.audit_id)
    assert (status.findings, status.answered, status.pending) == (4, 0, 4)
    assert status.overdue(date(2026, 11, 24)) and not status.overdue(date(2026, 11, 23))
    with pytest.raises(InvalidInput, match="ya fue enviada"):
        approval.send_to_provider(env.db, who.head, audit.audit_id)
    again = approval.write_provider_package(env.db, who.manager, audit.audit_id, tmp_path / "b")
    assert again[0].read_bytes() == pdf.read_bytes()
    assert xlsx.name.endswith("-hallazgos.xlsx")


def test_the_provider_workbook_opens_only_the_answer_columns_and_masks_identities(
    env, cast
) -> None:
    provider, who = cast
    audit = evaluated_audit(
        env.db, env.admin, who.auditor, provider, count=4, observation="=1+1 @SUMA(A1)"
    )
    approval.approve_audit(env.db, who.head, audit.audit_id)
    data = findings.export_findings_workbook(env.db, who.head, audit.audit_id)
    sheet = load_workbook(io.BytesIO(data))["Hallazgos"]
    header = [c.value for c in sheet[6]]
    assert header[:3] == ["Id. hallazgo", "N.º", "Radicado / Id. chat"]
    assert sheet.column_dimensions["A"].hidden  # the id the import matches rows by
    assert header[-4:] == [
        "Análisis de causa",
        "Acción correctiva",
        "Responsable",
        "Fecha de compromiso",
    ]
    assert sheet.protection.sheet
    first = list(sheet[7])
    assert all(c.protection.locked for c in first[:10])
    assert not any(c.protection.locked for c in first[10:])
    assert first[5].value.startswith("******") and first[5].value[-4:].isdigit()
    assert first[7].value == "=1+1 @SUMA(A1)" and first[7].data_type == "s"
    # The provider judges the texts themselves: the user's request and the agent's answer.
    assert header[8:10] == ["Solicitud del usuario", "Respuesta del agente"]
    assert first[8].alignment.wrap_text and first[9].alignment.wrap_text
    rows = findings.list_findings(env.db, who.head, audit.audit_id)
    by_id = {
        sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=2).value
        for r in range(7, sheet.max_row + 1)
    }
    assert by_id == {f.id: f.number for f in rows}
    assert sorted(by_id.values()) == list(range(1, len(rows) + 1))


def test_an_audit_without_inconsistencies_is_answered_when_sent(env, cast) -> None:
    provider, who = cast
    audit = evaluated_audit(env.db, env.admin, who.auditor, provider, count=1)
    assert approval.approve_audit(env.db, who.head, audit.audit_id).findings == 0
    assert approval.send_to_provider(env.db, who.head, audit.audit_id).state is (
        AuditState.ANSWERED
    )


def test_the_response_days_are_an_office_setting(env, cast) -> None:
    provider, who = cast
    audit = evaluated_audit(env.db, env.admin, who.auditor, provider, count=2)
    approval.approve_audit(env.db, who.head, audit.audit_id)
    office_settings.update_settings(env.db, env.admin, {"response_business_days": 10})
    try:
        sent = approval.send_to_provider(
            env.db, who.head, audit.audit_id, now=datetime(2026, 12, 1, 8)
        )
    finally:
        office_settings.update_settings(env.db, env.admin, {"response_business_days": 5})
    # 10 business days after 01/12/2026, skipping 08/12 (Inmaculada Concepción).
    assert sent.response_deadline == date(2026, 12, 16)


def test_a_provider_manager_sees_nothing_before_sending_nor_another_providers_audit(
    env, cast
) -> None:
    provider, who = cast
    audit = evaluated_audit(env.db, env.admin, who.auditor, provider, count=2)
    approval.approve_audit(env.db, who.head, audit.audit_id)
    for actor in (who.manager, who.other_manager):
        with pytest.raises(PermissionDenied):
            findings.list_findings(env.db, actor, audit.audit_id)
        with pytest.raises(PermissionDenied):
            approval.report_pdf(env.db, actor, audit.audit_id)
    approval.send_to_provider(env.db, who.head, audit.audit_id)
    assert findings.list_findings(env.db, who.manager, audit.audit_id)
    for call in (
        lambda a: findings.list_findings(env.db, a, audit.audit_id),
        lambda a: findings.audit_findings_status(env.db, a, audit.audit_id),
        lambda a: findings.export_findings_workbook(env.db, a, audit.audit_id),
        lambda a: approval.report_pdf(env.db, a, audit.audit_id),
        lambda a: approval.verify_report(env.db, a, audit.audit_id, b"%PDF"),
        lambda a: approval.write_provider_package(env.db, a, audit.audit_id, "/nonexistent"),
        lambda a: approval.regenerate_report(env.db, a, audit.audit_id),
    ):
        with pytest.raises(PermissionDenied):
            call(who.other_manager)
    listed = findings.list_audit_status(env.db, who.other_manager)
    assert audit.audit_id not in {s.audit_id for s in listed}
    assert who.other_manager.role is Role.PROVIDER_MANAGER


def test_a_missing_audit_or_report_is_reported(env, cast) -> None:
    _provider, who = cast
    with pytest.raises(NotFound):
        approval.approve_audit(env.db, who.head, 999_999)
    with env.db.sessions() as session:
        assert session.scalar(select(Finding.id).where(Finding.audit_id == 999_999)) is None
