"""Reports from the database: the audit report and its F182 workbook, the conclusions, and
the monthly report, read back as a person would (PDF text, workbook cells)."""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from audit_data import record, store
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.services import administration, audits, evaluations, indicators, reports
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import history
from auditoria_calidad.services.auth import login
from auditoria_calidad.services.errors import InvalidInput, NotFound, PermissionDenied
from auditoria_calidad.services.evaluations import EvaluationDraft, save_evaluation
from auditoria_calidad.services.report_data import audit_month
from auditoria_calidad.storage.models import Audit, AuditState
from f182_data import PASSWORD, build_audit

# Answers of the judged / level criteria of the virtual scheme, by record index.
FAILS = {
    0: {"solucion": "no_cumple"},
    1: {"coherencia": "no_cumple", "redaccion_ortografia": "bajo"},
    4: {"pertinencia": "no_cumple"},
    6: {"redaccion_ortografia": "medio"},  # half credit: not an inconsistency
}
_numbers = itertools.count(1)
OBSERVATION = "La respuesta no resolvió el requerimiento del usuario (caso {i})."
CONCLUSIONS = "Las respuestas tardías se concentran en la segunda semana."
RECOMMENDATIONS = "Retroalimentar a los agentes sobre la regla de las 24 horas."


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), text


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def answers_for(i: int) -> dict[str, str]:
    met = {"coherencia": "cumple", "pertinencia": "cumple", "solucion": "cumple"}
    return met | {"redaccion_ortografia": "alto"} | FAILS.get(i, {})


@dataclass
class Evaluated:
    audit_id: int
    number: str
    auditor: Actor
    keys: list[str]  # every sampled record, by date of receipt
    evaluated: int


def user(db, admin: Actor, role: Role, name: str, provider: str | None = None) -> Actor:  # type: ignore[no-untyped-def]
    username = f"{role.value}.{next(_numbers)}"
    administration.add_user(db, admin, username, PASSWORD, role, full_name=name, provider=provider)
    return login(db, username, PASSWORD)


@pytest.fixture
def audit(db, admin) -> Evaluated:  # type: ignore[no-untyped-def]
    """12 virtual records of October 2026, all sampled; the first 9 evaluated."""
    built = build_audit(db, admin, count=12)
    for i, item in enumerate(built.items[:9]):
        save_evaluation(
            db,
            built.auditor,
            item,
            EvaluationDraft(answers_for(i), OBSERVATION.format(i=i) if i in FAILS else ""),
            expected_version=None,
        )
    return Evaluated(built.audit_id, built.number, built.auditor, built.keys, 9)


def approve(db, audit_id: int, approver: Actor, when: datetime) -> None:  # type: ignore[no-untyped-def]
    """What the approval use case does to the row (that use case has its own tests)."""
    with db.transaction() as session:
        row = session.get(Audit, audit_id)
        row.state = AuditState.APPROVED
        row.approved_by = approver.id
        row.approved_at = when


def expected_inconsistencies(keys: list[str], evaluated: int) -> set[tuple[str, str]]:
    """Every failed criterion, worked out from how tests/f182_data.py builds the records."""
    labels = {
        "oportunidad": "Oportunidad (respuesta dentro de las 24 horas)",
        "registro_crm": "Registro en CRM (número de veces registrado)",
        "coherencia": "Coherencia",
        "pertinencia": "Pertinencia",
        "solucion": "Solución del problema",
        "redaccion_ortografia": "Redacción y ortografía",
    }
    expected = set()
    for i in range(evaluated):
        key = keys[i]
        if i % 3 == 2:  # answered after 30 hours
            expected.add((key, labels["oportunidad"]))
        if i % 4 == 3:  # registered twice in the CRM
            expected.add((key, labels["registro_crm"]))
        for criterion, value in FAILS.get(i, {}).items():
            if value in ("no_cumple", "bajo"):
                expected.add((key, labels[criterion]))
    return expected


# --- The audit report --------------------------------------------------------------------


def test_the_audit_report_prints_the_audit_as_the_database_holds_it(db, audit) -> None:
    reports.set_conclusions(db, audit.auditor, audit.audit_id, CONCLUSIONS, RECOMMENDATIONS)
    result = reports.audit_report(db, audit.auditor, audit.audit_id)
    summary = indicators.audit_summary(db, audit.auditor, audit.audit_id)
    pages, text = pdf_text(result.pdf)
    data = result.data

    assert pages == 8  # with 3.5–3.6, the screening of the whole population
    assert (data.population, data.sample_size, data.evaluated) == (12, 12, 9)
    # The same figures as the audit's screen: one place scores a stored evaluation.
    assert data.indicators.audit_score == summary.indicators.overall.audit_score.value
    assert data.draft and "SIN APROBAR" in text and "(informe sin aprobar)" in text
    assert data.auditor == "Auditora de Pruebas" and "Auditora de Pruebas" in text
    assert audit.number in text and "Contacto Total S.A.S." in text
    assert flat("Se evaluaron 9 de 12 registros de la muestra") in flat(text)
    assert fmt.decimal(data.indicators.audit_score, 2) in text
    assert "Semilla del sorteo 7" in text or "Semilla del sorteo\n7" in text
    assert "7:Ana:R-1" in flat(text)  # the verifiable algorithm, with this audit's seed
    assert flat(CONCLUSIONS) in flat(text) and flat(RECOMMENDATIONS) in flat(text)
    assert [s.name for s in data.signatories] == ["Auditora de Pruebas", "", ""]


def test_every_failed_criterion_of_every_evaluated_record_is_an_inconsistency(db, audit) -> None:
    result = reports.audit_report(db, audit.auditor, audit.audit_id)
    found = {(i.key, i.criterion) for i in result.data.inconsistencies}
    assert found == expected_inconsistencies(audit.keys, audit.evaluated)
    assert len(result.data.inconsistencies) == len(found)
    text = flat(pdf_text(result.pdf)[1])
    assert f"Seencontraron{len(found)}inconsistencias" in text
    for key, _criterion in found:
        assert key in text
    # A computed criterion says why it failed; a judged one carries the auditor's words.
    notes = {(i.key, i.criterion): i.observation for i in result.data.inconsistencies}
    late = audit.keys[2]
    assert notes[(late, "Oportunidad (respuesta dentro de las 24 horas)")].startswith(
        "Respondida en 30,5 horas"
    )
    assert notes[(audit.keys[0], "Solución del problema")] == OBSERVATION.format(i=0)
    assert "Respondidaen30,5horas" in text


def test_identity_numbers_are_masked_unless_an_internal_copy_for_who_may_see_them(
    db, admin, audit
) -> None:
    identities = [f"10203{i:05d}" for i in range(12)]
    masked = reports.audit_report(db, audit.auditor, audit.audit_id)
    text = flat(pdf_text(masked.pdf)[1])
    assert not any(number in text for number in identities)
    assert "******0002" in text  # the last four digits stay readable
    assert not masked.data.show_full_identity

    internal = reports.audit_report(db, audit.auditor, audit.audit_id, internal=True)
    assert internal.data.show_full_identity
    assert "1020300002" in flat(pdf_text(internal.pdf)[1])

    # The committee reads issued reports only, and always masked.
    head = user(db, admin, Role.HEAD, "Jefa Revisora")
    approve(db, audit.audit_id, head, datetime(2026, 11, 3, 10, 0))
    committee = user(db, admin, Role.COMMITTEE, "Comité Calidad")
    theirs = reports.audit_report(db, committee, audit.audit_id, internal=True)
    assert not any(number in flat(pdf_text(theirs.pdf)[1]) for number in identities)
    assert all("1020300" not in (r.identity_number or "") for r in theirs.data.records)


def test_the_report_regenerated_from_the_database_is_byte_identical(db, admin, audit) -> None:
    first = reports.audit_report_pdf(db, audit.auditor, audit.audit_id)
    assert reports.audit_report_pdf(db, audit.auditor, audit.audit_id) == first

    head = user(db, admin, Role.HEAD, "Jefa Aprobadora")
    approve(db, audit.audit_id, head, datetime(2026, 11, 3, 10, 0))
    issued = reports.audit_report_pdf(db, head, audit.audit_id)
    assert issued != first
    assert reports.audit_report_pdf(db, audit.auditor, audit.audit_id) == issued
    _pages, text = pdf_text(issued)
    assert "SIN APROBAR" not in text and "03/11/2026" in text and "Jefa Aprobadora" in text
    data = reports.audit_report(db, head, audit.audit_id).data
    assert not data.draft and data.issued_at == datetime(2026, 11, 3, 10, 0)
    assert data.signatories[2].name == "Jefa Aprobadora"

    # The approval stores the issued PDF; the masked copy is then that very document.
    with db.transaction() as session:
        session.get(Audit, audit.audit_id).report_pdf = issued
    result = reports.audit_report(db, head, audit.audit_id)
    assert result.issued and result.pdf == issued


def test_the_pdf_can_be_made_inside_the_approval_transaction(db, admin, audit) -> None:
    head = user(db, admin, Role.HEAD, "Jefa En Sesión")
    with db.transaction() as session:
        row = session.get(Audit, audit.audit_id)
        row.state, row.approved_by = AuditState.APPROVED, head.id
        row.approved_at = datetime(2026, 11, 4, 9, 30)
        session.flush()
        pdf = reports.audit_report_pdf_in_session(session, head, audit.audit_id)
        row.report_pdf = pdf
    assert reports.audit_report_pdf(db, head, audit.audit_id) == pdf
    assert "SIN APROBAR" not in pdf_text(pdf)[1]


def test_draft_reports_are_not_for_the_provider_or_the_committee(db, admin, audit) -> None:
    committee = user(db, admin, Role.COMMITTEE, "Comité Calidad")
    manager = user(db, admin, Role.PROVIDER_MANAGER, "Gerente Contacto", "Contacto Total S.A.S.")
    for reader in (committee, manager):
        with pytest.raises(NotFound, match="todavía no ha sido aprobado"):
            reports.audit_report_pdf(db, reader, audit.audit_id)
        assert reports.report_choices(db, reader).audits == ()
    other = administration.add_provider(db, admin, "Otro Proveedor S.A.S.")
    stranger = user(db, admin, Role.PROVIDER_MANAGER, "Gerente Otro", other.name)
    approve(db, audit.audit_id, admin, datetime(2026, 11, 3, 10, 0))
    assert reports.audit_report_pdf(db, manager, audit.audit_id).startswith(b"%PDF")
    with pytest.raises(PermissionDenied):
        reports.audit_report_pdf(db, stranger, audit.audit_id)


def test_the_f182_workbook_lists_the_evaluated_records_masked(db, audit, tmp_path) -> None:
    path = tmp_path / "f182.xlsx"
    reports.f182_workbook(db, audit.auditor, audit.audit_id, path)
    sheet = load_workbook(path)["F182"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    keys = [row[0] for row in values if row and row[0] in audit.keys]
    assert keys == audit.keys[:9]
    cells = " ".join(str(v) for row in values for v in row if v is not None)
    assert "1020300002" not in cells and "******0002" in cells


# --- Conclusions and recommendations -----------------------------------------------------


def test_conclusions_are_saved_logged_and_locked_at_approval(db, admin, audit) -> None:
    texts = reports.set_conclusions(
        db, audit.auditor, audit.audit_id, f"  {CONCLUSIONS}\r\n", RECOMMENDATIONS
    )
    assert (texts.conclusions, texts.recommendations, texts.editable) == (
        CONCLUSIONS,
        RECOMMENDATIONS,
        True,
    )
    reports.set_conclusions(db, audit.auditor, audit.audit_id, CONCLUSIONS, RECOMMENDATIONS)
    with db.sessions() as session:
        lines = [h for h in history(session, "audit", audit.audit_id) if h.action == "update"]
    assert [(h.field, h.old_value, h.new_value) for h in lines] == [
        ("conclusions", "", CONCLUSIONS),
        ("recommendations", "", RECOMMENDATIONS),
    ]  # saving the same texts again wrote nothing

    committee = user(db, admin, Role.COMMITTEE, "Comité Calidad")
    with pytest.raises(PermissionDenied):
        reports.set_conclusions(db, committee, audit.audit_id, "x", "y")
    with pytest.raises(InvalidInput, match="máximo"):
        reports.set_conclusions(db, audit.auditor, audit.audit_id, "x" * 20_001, "")

    approve(db, audit.audit_id, admin, datetime(2026, 11, 3, 10, 0))
    with pytest.raises(InvalidInput, match="ya no se pueden modificar"):
        reports.set_conclusions(db, audit.auditor, audit.audit_id, "Otra cosa", "")
    assert not reports.report_texts(db, audit.auditor, audit.audit_id).editable


# --- The monthly report ------------------------------------------------------------------


def _month_audit(db, auditor: Actor, provider_id: int, start: datetime, days: int) -> int:  # type: ignore[no-untyped-def]
    info = audits.create_audit(
        db, auditor, Channel.VIRTUAL, provider_id, start.date(), start.date() + timedelta(days)
    )
    from auditoria_calidad.services import sample

    sample.draw_audit_sample(db, auditor, info.id, fraction="1", seed=11)
    for row in evaluations.list_sample(db, auditor, info.id)[:4]:
        save_evaluation(
            db,
            auditor,
            row.sample_item_id,
            EvaluationDraft(answers_for(1), OBSERVATION.format(i=1)),
            expected_version=None,
        )
    return info.id


def test_the_monthly_report_counts_the_month_the_trend_and_the_year(db, admin, audit) -> None:
    provider = next(
        p for p in administration.list_providers(db, admin) if p.name == "Contacto Total S.A.S."
    )
    september = datetime(2026, 9, 7, 9, 0)
    store(
        db,
        admin,
        provider.id,
        [record("Ana María Gómez", f"SEP-{i}", september + timedelta(hours=i)) for i in range(6)],
    )
    september_id = _month_audit(db, audit.auditor, provider.id, september, 6)
    approve(db, september_id, admin, datetime(2026, 10, 1, 8, 0))
    approve(db, audit.audit_id, admin, datetime(2026, 11, 2, 8, 0))

    result = reports.monthly_report(
        db, audit.auditor, month="2026-10", channel="virtual", provider="contacto total s.a.s."
    )
    data = result.data
    month = data.month_figures
    summary = indicators.audit_summary(db, audit.auditor, audit.audit_id)
    assert (month.received, month.audited, month.audits) == (12, 9, 1)
    assert month.sample_pct == Decimal(75)
    assert month.audit_score == summary.indicators.overall.audit_score.value
    assert month.inconsistencies == len(expected_inconsistencies(audit.keys, 9))
    assert [t.label for t in data.trend] == ["sep. 2026", "oct. 2026"]
    assert data.trend[0].audited == 4 and data.trend[-1] == month
    ytd = data.year_to_date
    assert (ytd.label, ytd.received, ytd.audited, ytd.audits) == ("Acumulado 2026", 18, 13, 2)
    assert [a.report_number for a in data.audits] == [audit.number]
    assert {a.agent for a in data.by_agent} == {
        "Ana María Gómez",
        "Luis Fernando Pérez",
        "Sandra Milena Ruiz",
    }
    pages, text = pdf_text(result.pdf)
    assert pages >= 3 and "Octubre de 2026" in text and "sep. 2026" in text
    assert "1.500" not in text and "75,0 %" in text
    assert result.xlsx.startswith(b"PK")
    again = reports.monthly_report(
        db, audit.auditor, month="2026-10", channel=Channel.VIRTUAL, provider=provider.id
    )
    assert again.pdf == result.pdf


def test_the_monthly_report_refuses_what_it_cannot_report(db, admin, audit) -> None:
    with pytest.raises(InvalidInput, match="AAAA-MM"):
        reports.monthly_report(db, audit.auditor, month="octubre", channel="virtual", provider=1)
    with pytest.raises(InvalidInput, match="canal"):
        reports.monthly_report(db, audit.auditor, month="2026-10", channel="fax", provider=1)
    with pytest.raises(NotFound):
        reports.monthly_report(
            db, audit.auditor, month="2026-10", channel="virtual", provider="Nadie S.A.S."
        )
    other = administration.add_provider(db, admin, "Otro Proveedor S.A.S.")
    stranger = user(db, admin, Role.PROVIDER_MANAGER, "Gerente Otro", other.name)
    with pytest.raises(PermissionDenied):
        reports.monthly_report(
            db, stranger, month="2026-10", channel="virtual", provider="Contacto Total S.A.S."
        )
    empty = reports.monthly_report(
        db, stranger, month="2026-10", channel="virtual", provider=other.id
    )
    assert empty.data.month_figures.audited == 0 and "no se calculan" in empty.data.analysis


def test_the_monthly_figures_count_only_approved_audits(db, admin, audit) -> None:
    """An audit still in evaluation is listed apart with its progress, never counted."""
    with db.transaction() as session:
        session.get(Audit, audit.audit_id).state = AuditState.IN_REVIEW
    result = reports.monthly_report(
        db, audit.auditor, month="2026-10", channel="virtual", provider="Contacto Total S.A.S."
    )
    data = result.data
    month = data.month_figures
    assert (month.received, month.audited, month.audits, month.inconsistencies) == (12, 0, 0, 0)
    assert month.audit_score is None and data.audits == () and data.by_agent == ()
    assert [(a.report_number, a.evaluated, a.sampled, a.status) for a in data.pending] == [
        (audit.number, 9, 12, "En revisión")
    ]
    assert "1 auditoría del mes sigue pendiente de aprobación" in data.analysis
    _, text = pdf_text(result.pdf)
    text = flat(text)
    assert flat("Sin auditorías aprobadas en el mes") in text
    assert flat("pendientes de aprobación") in text
    assert flat("9 de 12") in text and flat("75,0 %") in text
    summary = load_workbook(io.BytesIO(result.xlsx))["Resumen"]
    cells = [c for row in summary.iter_rows(values_only=True) for c in row if c is not None]
    assert "Sin auditorías aprobadas en el mes" in cells and audit.number in cells

    approve(db, audit.audit_id, admin, datetime(2026, 11, 2, 8, 0))
    approved = reports.monthly_report(
        db, audit.auditor, month="2026-10", channel="virtual", provider="Contacto Total S.A.S."
    ).data
    assert (approved.month_figures.audited, approved.month_figures.audits) == (9, 1)
    assert approved.pending == () and [a.report_number for a in approved.audits] == [audit.number]


def test_an_audit_counts_in_the_month_that_holds_most_of_its_period() -> None:
    def period(start: tuple[int, int, int], end: tuple[int, int, int]) -> SimpleNamespace:
        return SimpleNamespace(
            period_start=datetime(*start).date(), period_end=datetime(*end).date()
        )

    assert audit_month(period((2026, 9, 28), (2026, 10, 4))) == (2026, 10)  # Mon–Sun
    assert audit_month(period((2026, 9, 25), (2026, 10, 1))) == (2026, 9)
    assert audit_month(period((2026, 10, 1), (2026, 10, 31))) == (2026, 10)


def test_report_choices_list_audits_providers_and_months(db, audit) -> None:
    choices = reports.report_choices(db, audit.auditor)
    assert [a.number for a in choices.audits] == [audit.number]
    assert choices.audits[0].evaluated == 9 and not choices.audits[0].locked
    assert [p.name for p in choices.providers] == ["Contacto Total S.A.S."]
    assert choices.months == ("2026-10",)


def test_a_chat_report_measures_the_wait_and_says_why_a_chat_failed(db, admin) -> None:
    built = build_audit(db, admin, count=6, channel=Channel.CHAT)
    for item in built.items:
        save_evaluation(
            db,
            built.auditor,
            item,
            EvaluationDraft(
                {
                    "coherencia": "cumple",
                    "pertinencia": "cumple",
                    "solucion": "cumple",
                    "redaccion_ortografia": "alto",
                }
            ),
            expected_version=None,
        )
    result = reports.audit_report(db, built.auditor, built.audit_id)
    # f182_data: even chats waited 95 s (limit 60 s), odd ones 30 s.
    assert result.data.indicators.within_limit_pct == Decimal("50.00")
    notes = [i.observation for i in result.data.inconsistencies]
    assert "El usuario esperó 1:35\u00a0min; el máximo es 1:00\u00a0min." in notes
    assert "Elusuarioesperó1:35min" in flat(pdf_text(result.pdf)[1])
