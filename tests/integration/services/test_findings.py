"""Findings and the provider's answers: in the app, by workbook, late, partial, scoped."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from audit_data import ENGINES, open_env
from auditoria_calidad.reporting.findings_workbook import CAUSE_HEADER, answer_column
from auditoria_calidad.services import approval, findings
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.audit_trail import history
from auditoria_calidad.services.errors import ConcurrentEdit, InvalidInput, PermissionDenied
from auditoria_calidad.services.findings import AnswerStatus
from auditoria_calidad.storage.models import AuditState
from cycle_data import evaluated_audit, new_provider, people

ANSWER_FIRST = answer_column(CAUSE_HEADER)

SENT = datetime(2026, 11, 13, 9, 0)  # deadline: 23/11/2026
ON_TIME = datetime(2026, 11, 20, 10, 0)
LATE = datetime(2026, 11, 25, 10, 0)
DRAFT = answers.AnswerDraft(
    "El agente no consultó la base de conocimiento.",
    "Refuerzo de la guía de respuesta con el equipo.",
    "Coordinadora de calidad",
    date(2026, 12, 15),
)


@pytest.fixture(scope="module", params=ENGINES)
def env(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    yield from open_env(request, tmp_path_factory)


@pytest.fixture(scope="module")
def cast(env):  # type: ignore[no-untyped-def]
    """A provider, another provider, and one user per role (passwords hash slowly)."""
    mine, other = new_provider(env.db, env.admin), new_provider(env.db, env.admin)
    return mine, people(env.db, env.admin, mine[1], other[1])


@pytest.fixture
def sent(env, cast):  # type: ignore[no-untyped-def]
    """An audit with four findings, sent to its provider on Friday 13/11/2026."""
    mine, who = cast
    audit = evaluated_audit(env.db, env.admin, who.auditor, mine, count=4)
    approval.approve_audit(env.db, who.head, audit.audit_id)
    approval.send_to_provider(env.db, who.head, audit.audit_id, now=SENT)
    return audit, who


def _fill(path: Path, values: dict[int, tuple[object, object, object, object]], out: Path) -> Path:
    """The workbook as the provider returns it: answers typed into rows by finding id."""
    workbook = load_workbook(path)
    sheet = workbook["Hallazgos"]
    for row in range(7, sheet.max_row + 1):
        finding_id = sheet.cell(row=row, column=1).value
        for offset, value in enumerate(values.get(finding_id, ())):
            sheet.cell(row=row, column=ANSWER_FIRST + offset).value = value
    workbook.save(out)
    return out


def test_the_manager_answers_in_the_app_and_the_audit_shows_answered_and_pending(env, sent) -> None:
    audit, who = sent
    rows = findings.list_findings(env.db, who.manager, audit.audit_id)
    assert len(rows) == 4 and all(f.status is AnswerStatus.PENDING for f in rows)
    assert rows[0].identity.startswith("******")  # the provider never sees the full number
    saved = answers.save_answer(env.db, who.manager, rows[0].id, DRAFT, submit=False, now=ON_TIME)
    assert saved.status is AnswerStatus.DRAFT
    answers.save_answer(env.db, who.manager, rows[1].id, DRAFT, expected_version=None, now=ON_TIME)
    status = findings.audit_findings_status(env.db, who.head, audit.audit_id)
    assert (status.answered, status.drafts, status.pending) == (1, 1, 3)
    submitted = answers.submit_answers(env.db, who.manager, audit.audit_id, now=ON_TIME)
    assert (submitted.submitted, submitted.pending, submitted.state) == (1, 2, AuditState.SENT)
    for finding in rows[2:]:
        answers.save_answer(env.db, who.manager, finding.id, DRAFT, now=LATE)
    status = findings.audit_findings_status(env.db, who.head, audit.audit_id)
    assert (status.state, status.answered, status.late) == (AuditState.ANSWERED, 4, 2)
    late = findings.list_findings(env.db, who.head, audit.audit_id)
    assert [f.late for f in late] == [False, False, True, True]
    with env.db.sessions() as session:
        actions = [e.action for e in history(session, "audit", audit.audit_id)]
    assert actions[-1] == "state"


def test_answers_need_every_field_and_concurrent_edits_are_refused(env, sent) -> None:
    audit, who = sent
    finding = findings.list_findings(env.db, who.manager, audit.audit_id)[0]
    with pytest.raises(InvalidInput, match="Falta el análisis de causa, la fecha de compromiso"):
        answers.save_answer(
            env.db, who.manager, finding.id, answers.AnswerDraft(" ", "x", "y", None)
        )
    first = answers.save_answer(env.db, who.manager, finding.id, DRAFT, submit=False)
    assert first.answer is not None
    with pytest.raises(ConcurrentEdit):
        answers.save_answer(env.db, who.manager, finding.id, DRAFT, expected_version=None)
    changed = answers.save_answer(
        env.db,
        who.manager,
        finding.id,
        answers.AnswerDraft("Otra causa", DRAFT.corrective_action, "Ana", DRAFT.commitment_date),
        expected_version=first.answer.version,
    )
    assert changed.answer is not None and changed.answer.cause_analysis == "Otra causa"
    with env.db.sessions() as session:
        assert session is not None
    fields = {
        e.field
        for e in _answer_history(env, changed)
        if e.action == "update" and e.old_value is not None
    }
    assert {"analisis_causa", "responsable"} <= fields


def _answer_history(env, finding):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from auditoria_calidad.storage.models import ProviderAnswer

    with env.db.sessions() as session:
        answer_id = session.scalar(
            select(ProviderAnswer.id).where(ProviderAnswer.finding_id == finding.id)
        )
        return history(session, "provider_answer", answer_id)


def test_the_returned_workbook_applies_only_answer_columns_by_finding_id(
    env, sent, tmp_path
) -> None:
    audit, who = sent
    exported = tmp_path / "hallazgos.xlsx"
    findings.export_findings_workbook(env.db, who.manager, audit.audit_id, exported)
    ids = [f.id for f in findings.list_findings(env.db, who.manager, audit.audit_id)]
    workbook = load_workbook(exported)
    sheet = workbook["Hallazgos"]
    sheet.cell(row=7, column=7).value = "Texto cambiado por el proveedor"  # a locked column
    # The provider sorts the rows: move the last row first.
    last = [sheet.cell(row=sheet.max_row, column=c).value for c in range(1, 15)]
    first = [sheet.cell(row=7, column=c).value for c in range(1, 15)]
    for c in range(1, 15):
        sheet.cell(row=7, column=c).value = last[c - 1]
        sheet.cell(row=sheet.max_row, column=c).value = first[c - 1]
    workbook.save(exported)
    returned = _fill(
        exported,
        {
            ids[0]: ("Causa A", "Acción A", "Responsable A", datetime(2026, 12, 1)),
            ids[3]: ("Causa D", "- Acción con guion", "Responsable D", "15/12/2026"),
        },
        tmp_path / "devuelto.xlsx",
    )
    result = answers.import_answers(env.db, who.manager, audit.audit_id, returned, now=ON_TIME)
    assert (result.applied, result.blank, result.pending) == (2, 2, 2)
    rows = {f.id: f for f in findings.list_findings(env.db, who.head, audit.audit_id)}
    assert rows[ids[0]].observation != "Texto cambiado por el proveedor"
    answer = rows[ids[3]].answer
    assert answer is not None and answer.corrective_action == "- Acción con guion"
    assert answer.commitment_date == date(2026, 12, 15)
    again = answers.import_answers(env.db, who.manager, audit.audit_id, returned, now=ON_TIME)
    assert (again.applied, again.unchanged) == (0, 2)


def test_an_invalid_workbook_applies_nothing_and_names_every_row(env, sent, tmp_path) -> None:
    audit, who = sent
    exported = tmp_path / "hallazgos.xlsx"
    findings.export_findings_workbook(env.db, who.manager, audit.audit_id, exported)
    ids = [f.id for f in findings.list_findings(env.db, who.manager, audit.audit_id)]
    workbook = load_workbook(exported)
    sheet = workbook["Hallazgos"]
    sheet.cell(row=10, column=1).value = 999_999  # a finding of no audit of this workbook
    sheet.cell(row=10, column=ANSWER_FIRST).value = "Causa"
    sheet.cell(row=10, column=ANSWER_FIRST + 1).value = "Acción"
    sheet.cell(row=10, column=ANSWER_FIRST + 2).value = "Ana"
    sheet.cell(row=10, column=ANSWER_FIRST + 3).value = "01/12/2026"
    workbook.save(exported)
    returned = _fill(
        exported,
        {
            ids[0]: ("Causa", "Acción", "Ana", "31/02/2026"),  # no such date
            ids[1]: ("Causa", "", "Ana", "01/12/2026"),  # no corrective action
            ids[2]: ("Causa", "Acción", "Ana", datetime(2026, 12, 1)),  # valid
        },
        tmp_path / "devuelto.xlsx",
    )
    with pytest.raises(answers.AnswersImportRejected) as rejected:
        answers.import_answers(env.db, who.manager, audit.audit_id, returned)
    text = rejected.value.message
    assert text.startswith("No se importó nada: el libro tiene 3 problemas.")
    assert "fila 7, columna N («Fecha de compromiso»)" in text
    assert "fila 8, columna L («Acción correctiva»): falta «Acción correctiva»" in text
    assert "fila 10: el hallazgo 999999 no es de la auditoría" in text
    status = findings.audit_findings_status(env.db, who.head, audit.audit_id)
    assert status.answered == 0


def test_replacing_a_submitted_answer_needs_confirmation(env, sent, tmp_path) -> None:
    audit, who = sent
    finding = findings.list_findings(env.db, who.manager, audit.audit_id)[0]
    answers.save_answer(env.db, who.manager, finding.id, DRAFT)
    exported = tmp_path / "hallazgos.xlsx"
    findings.export_findings_workbook(env.db, who.manager, audit.audit_id, exported)
    returned = _fill(
        exported,
        {finding.id: ("Nueva causa", "Nueva acción", "Otro", "20/12/2026")},
        tmp_path / "devuelto.xlsx",
    )
    with pytest.raises(answers.OverwriteRequired) as asked:
        answers.import_answers(env.db, who.manager, audit.audit_id, returned)
    assert asked.value.rows == [(7, finding.id, finding.key)]
    unchanged = findings.get_finding(env.db, who.manager, finding.id)
    assert unchanged.answer is not None and unchanged.answer.cause_analysis == DRAFT.cause_analysis
    result = answers.import_answers(env.db, who.manager, audit.audit_id, returned, overwrite=True)
    assert result.applied == 1
    replaced = findings.get_finding(env.db, who.manager, finding.id)
    assert replaced.answer is not None and replaced.answer.cause_analysis == "Nueva causa"


def test_a_workbook_of_another_audit_or_not_a_findings_workbook_is_refused(
    env, sent, tmp_path
) -> None:
    audit, who = sent
    other = tmp_path / "otra.xlsx"
    workbook = load_workbook(
        _fill(
            Path(_export(env, who, audit.audit_id, tmp_path / "h.xlsx")),
            {},
            tmp_path / "x.xlsx",
        )
    )
    workbook["_hallazgos"]["B1"] = "12345"
    workbook["_hallazgos"]["B2"] = "AUD-2026-9999"
    workbook.save(other)
    with pytest.raises(InvalidInput, match="es de la auditoría AUD-2026-9999"):
        answers.import_answers(env.db, who.manager, audit.audit_id, other)
    plain = tmp_path / "plano.csv"
    plain.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"\.xlsx"):
        answers.import_answers(env.db, who.manager, audit.audit_id, plain)


def _export(env, who, audit_id: int, path: Path) -> Path:  # type: ignore[no-untyped-def]
    findings.export_findings_workbook(env.db, who.manager, audit_id, path)
    return path


def test_a_manager_can_neither_read_nor_change_another_providers_findings(
    env, sent, tmp_path
) -> None:
    audit, who = sent
    intruder = who.other_manager
    finding = findings.list_findings(env.db, who.manager, audit.audit_id)[0]
    exported = _export(env, who, audit.audit_id, tmp_path / "h.xlsx")
    calls = {
        "list_findings": lambda: findings.list_findings(env.db, intruder, audit.audit_id),
        "get_finding": lambda: findings.get_finding(env.db, intruder, finding.id),
        "audit_findings_status": lambda: findings.audit_findings_status(
            env.db, intruder, audit.audit_id
        ),
        "export_findings_workbook": lambda: findings.export_findings_workbook(
            env.db, intruder, audit.audit_id
        ),
        "save_answer": lambda: answers.save_answer(env.db, intruder, finding.id, DRAFT),
        "submit_answers": lambda: answers.submit_answers(env.db, intruder, audit.audit_id),
        "import_answers": lambda: answers.import_answers(
            env.db, intruder, audit.audit_id, exported
        ),
    }
    for name, call in calls.items():
        with pytest.raises(PermissionDenied):
            call()
            pytest.fail(f"{name} let another provider's manager in")
    assert audit.audit_id not in {s.audit_id for s in findings.list_audit_status(env.db, intruder)}
    assert not findings.list_audit_status(env.db, intruder, provider_id=audit.provider_id)
    # Only provider managers answer: the office reads but never answers for them.
    with pytest.raises(PermissionDenied):
        answers.save_answer(env.db, who.head, finding.id, DRAFT)


def test_overdue_filters_list_only_unanswered_findings_past_the_deadline(env, sent) -> None:
    audit, who = sent
    rows = findings.list_findings(env.db, who.manager, audit.audit_id)
    answers.save_answer(env.db, who.manager, rows[0].id, DRAFT, now=ON_TIME)
    after = date(2026, 11, 24)
    overdue = findings.list_findings(
        env.db, who.head, audit.audit_id, overdue_only=True, today=after
    )
    assert [f.id for f in overdue] == [f.id for f in rows[1:]]
    listed = findings.list_audit_status(
        env.db, who.head, provider_id=audit.provider_id, overdue_only=True, today=after
    )
    assert audit.audit_id in {s.audit_id for s in listed}
    assert all(s.overdue(after) for s in listed)
    on_time = findings.list_audit_status(
        env.db, who.head, provider_id=audit.provider_id, overdue_only=True, today=ON_TIME.date()
    )
    assert audit.audit_id not in {s.audit_id for s in on_time}


def test_the_migration_numbers_existing_findings_as_approval_does(env, sent) -> None:
    from alembic import command
    from sqlalchemy import select, update
    from sqlalchemy.exc import IntegrityError

    from auditoria_calidad.storage.database import _alembic_config
    from auditoria_calidad.storage.models import Finding

    audit, who = sent
    numbered = {f.id: f.number for f in findings.list_findings(env.db, who.head, audit.audit_id)}
    assert sorted(numbered.values()) == list(range(1, len(numbered) + 1))
    config = _alembic_config(env.db.engine)
    command.downgrade(config, "0004_audit_annulment")  # a database from before the numbers
    command.upgrade(config, "head")
    with env.db.sessions() as session:
        again = dict(session.execute(select(Finding.id, Finding.number)).all())
    assert {i: again[i] for i in numbered} == numbered
    with pytest.raises(IntegrityError), env.db.transaction() as session:
        # Numbers are unique within an audit.
        session.execute(update(Finding).where(Finding.audit_id == audit.audit_id).values(number=1))
