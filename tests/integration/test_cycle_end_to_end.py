"""The whole audit cycle on SQLite and PostgreSQL, through the services a user's clicks call.

import a CRM export → audit → sample → evaluate → approve → send → answers (in the app and
by the returned workbook) → committee → minutes → carry-over to the next session → close.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook

from auditoria_calidad.demo.export_files import write_crm_export_xlsx
from auditoria_calidad.domain.fields import Channel, RecordData
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.importing.pipeline import read_export
from auditoria_calidad.services import (
    administration,
    approval,
    audits,
    committee,
    evaluations,
    findings,
    sample,
)
from auditoria_calidad.services import committee_minutes as minutes
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.audit_trail import history
from auditoria_calidad.services.auth import login
from auditoria_calidad.services.errors import InvalidInput, PermissionDenied
from auditoria_calidad.services.record_store import store_records
from auditoria_calidad.storage.models import AuditState, ImportBatch

sys.path.insert(0, str(Path(__file__).parent / "reporting"))
from reading import page_texts

PASSWORD = "clave-del-ciclo-1"
PROVIDER = "Contacto Total S.A.S."
AGENTS = ("Ana María Gómez", "Luis Fernando Pérez", "Sandra Milena Ruiz")
ANSWER = (
    "Buenos días. En atención a su solicitud le informamos que el certificado de su crédito "
    "fue enviado al correo electrónico registrado. Cordialmente, Atención al Usuario."
)
MET = {"coherencia": "cumple", "pertinencia": "cumple", "solucion": "cumple"}


def _records() -> list[RecordData]:
    start = datetime(2026, 10, 5, 8, 0)
    rows = []
    for i in range(12):
        received = start + timedelta(hours=9 * i)
        rows.append(
            RecordData(
                channel=Channel.VIRTUAL,
                key=f"2026-ER-{4100 + i:06d}",
                agent=AGENTS[i % 3],
                received_at=received,
                answered_at=received + timedelta(hours=30 if i % 4 == 3 else 6),
                identity_number=f"52{i:08d}",
                requester_name="Marta Lucía Rodríguez",
                request_type="Petición",
                service="Certificados",
                crm_registrations=1,
                request_text=f"Solicito el certificado de mi crédito educativo {i}.",
                answer_text=ANSWER,
            )
        )
    return rows


def _user(db, admin, username: str, role: Role, provider: str | None = None):  # type: ignore[no-untyped-def]
    administration.add_user(
        db, admin, username, PASSWORD, role, full_name=username.title(), provider=provider
    )
    return login(db, username, PASSWORD)


def _import(db, auditor, provider_id: int, path: Path) -> int:  # type: ignore[no-untyped-def]
    read = read_export(path, Channel.VIRTUAL)
    assert not read.rejected and len(read.records) == 12
    with db.transaction() as session:
        batch = ImportBatch(
            provider_id=provider_id,
            channel=Channel.VIRTUAL,
            file_name=path.name,
            file_sha256="0" * 64,
            sheet=read.sheet,
            header_row=read.header_row,
            mapping={},
            user_id=auditor.id,
            started_at=datetime(2026, 11, 3, 8),
            total_rows=read.total_rows,
        )
        session.add(batch)
        session.flush()
        counts = store_records(
            session,
            provider_id=provider_id,
            channel=Channel.VIRTUAL,
            batch_id=batch.id,
            source_file=path.name,
            records=read.records,
        )
    return counts.imported


def test_the_whole_cycle_from_import_to_closing(db, admin, tmp_path) -> None:
    provider = administration.add_provider(db, admin, PROVIDER)
    administration.add_provider(db, admin, "Otro Centro S.A.S.")
    auditor = _user(db, admin, "auditora", Role.AUDITOR)
    head = _user(db, admin, "jefe", Role.HEAD)
    manager = _user(db, admin, "gerente", Role.PROVIDER_MANAGER, PROVIDER)
    stranger = _user(db, admin, "gerente.otro", Role.PROVIDER_MANAGER, "Otro Centro S.A.S.")
    member = _user(db, admin, "comite", Role.COMMITTEE)

    # Import the CRM export, create the audit, draw half of each agent's records.
    export = write_crm_export_xlsx(
        _records(), tmp_path / "crm.xlsx", channel=Channel.VIRTUAL, provider=PROVIDER
    )
    assert _import(db, auditor, provider.id, export) == 12
    audit = audits.create_audit(
        db, auditor, Channel.VIRTUAL, provider.id, date(2026, 10, 1), date(2026, 10, 31)
    )
    drawn = sample.draw_audit_sample(db, auditor, audit.id, fraction="0.5", seed=2024)
    assert drawn.sampled == 6

    # Evaluate: approval is refused until half the population is evaluated.
    items = evaluations.list_sample(db, auditor, audit.id)
    for index, item in enumerate(items):
        if index == 3:
            try:
                approval.approve_audit(db, head, audit.id)
            except InvalidInput as exc:
                assert "faltan 3" in exc.message
            else:
                raise AssertionError("approved with half the evaluations missing")
        failing = index % 2 == 0
        draft = evaluations.EvaluationDraft(
            MET
            | {"pertinencia": "no_cumple" if failing else "cumple"}
            | {"redaccion_ortografia": "alto"},
            "Informa un trámite distinto al solicitado." if failing else "",
        )
        evaluations.save_evaluation(db, auditor, item.sample_item_id, draft, expected_version=None)

    # Approve (report issued, hash kept, audit locked) and send the package.
    approved = approval.approve_audit(db, head, audit.id)
    assert approved.findings >= 3
    sent = approval.send_to_provider(db, head, audit.id, tmp_path / "paquete")
    pdf, workbook_path = sent.files
    assert approval.verify_report(db, manager, audit.id, pdf).matches

    # The provider answers one finding in the app and the rest in the returned workbook.
    try:
        findings.list_findings(db, stranger, audit.id)
    except PermissionDenied:
        pass
    else:
        raise AssertionError("another provider's manager read the findings")
    rows = findings.list_findings(db, manager, audit.id)
    first = answers.save_answer(
        db,
        manager,
        rows[0].id,
        answers.AnswerDraft("Desconocía el trámite.", "Capacitación", "Líder", date(2026, 12, 1)),
        submit=False,
    )
    assert first.status is findings.AnswerStatus.DRAFT
    answers.submit_answers(db, manager, audit.id)
    workbook = load_workbook(workbook_path)
    sheet = workbook["Hallazgos"]
    for row in range(7, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == rows[0].id:
            continue
        for column, value in zip(
            range(11, 15),
            ("Falta de verificación", "Lista de chequeo", "Coordinador", datetime(2026, 12, 10)),
            strict=True,
        ):
            sheet.cell(row=row, column=column).value = value
    returned = tmp_path / "devuelto.xlsx"
    workbook.save(returned)
    imported = answers.import_answers(db, manager, audit.id, returned)
    assert imported.applied == len(rows) - 1 and imported.state is AuditState.ANSWERED

    # The committee decides, agrees a commitment and issues the minutes.
    session = committee.create_session(
        db, member, date(2026, 12, 2), [audit.id], place="Sala de juntas, piso 3"
    )
    committee.add_attendee(db, member, session.id, "Marta Rincón", "Vicepresidenta", "Entidad")
    committee.add_attendee(db, member, session.id, "Diana Salazar", "Gerente", PROVIDER)
    for finding in rows:
        committee.record_decision(db, member, session.id, finding.id, "aceptada")
    committee.record_decision(
        db, member, session.id, rows[-1].id, "seguimiento", "Verificar la lista de chequeo."
    )
    promise = committee.add_commitment(
        db,
        member,
        session.id,
        "Enviar evidencia de la capacitación",
        "Diana Salazar",
        PROVIDER,
        date(2026, 12, 20),
        audit_id=audit.id,
    )
    issued, acta = minutes.issue_minutes(db, member, session.id)
    text = "\n".join(page_texts(acta))
    assert f"Acta N.º {issued.acta_number}" in text and "Seguimiento" in text
    assert minutes.regenerate_minutes(db, head, session.id) == acta

    # The next session carries the follow-up and the open commitment; then the audit closes.
    assert not approval.audit_closure(db, head, audit.id).can_close
    second = committee.create_session(db, member, date(2027, 1, 13), [])
    assert second.audit_numbers == (audit.number,)
    detail = committee.get_session(db, member, second.id)
    assert [c.id for c in detail.follow_up] == [promise.id]
    committee.add_attendee(db, member, second.id, "Marta Rincón", "Vicepresidenta", "Entidad")
    committee.close_commitment(db, member, second.id, promise.id)
    committee.record_decision(db, member, second.id, rows[-1].id, "aceptada")
    minutes.issue_minutes(db, member, second.id)
    approval.close_audit(db, head, audit.id)

    with db.sessions() as s:
        states = [e.new_value for e in history(s, "audit", audit.id) if e.action == "state"]
        users = {e.username for e in history(s, "audit", audit.id)}
    assert states[-5:] == ["approved", "sent", "answered", "in_committee", "closed"]
    assert {"jefe", "gerente", "comite"} <= users
