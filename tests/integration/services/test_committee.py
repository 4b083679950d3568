"""The Comité de Calidad: sessions, decisions, commitments, minutes, carry-over, closing.

Tests share one database per engine; each leaves no finding under follow-up and no open
commitment behind (or closes its audit), since those carry over to every next session.
"""

from __future__ import annotations

import hashlib
import io
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from audit_data import ENGINES, open_env
from auditoria_calidad.services import approval, committee, findings
from auditoria_calidad.services import committee_minutes as minutes
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.audit_trail import history
from auditoria_calidad.services.committee import CommitmentState, Decision, SessionState
from auditoria_calidad.services.committee_conflicts import (
    NO_DECISION,
    DecisionConflict,
    DecisionStamp,
)
from auditoria_calidad.services.connection import open_database
from auditoria_calidad.services.errors import (
    ConcurrentEdit,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from auditoria_calidad.storage.models import AuditState
from cycle_data import HOSTILE, evaluated_audit, new_provider, people

sys.path.insert(0, str(Path(__file__).parents[1] / "reporting"))
from reading import flat, page_texts

ANSWER = answers.AnswerDraft(
    "El agente no aplicó el protocolo de respuesta.",
    "Retroalimentación individual y seguimiento semanal.",
    "Coordinadora de calidad",
    date(2026, 12, 15),
)


@pytest.fixture(scope="module", params=ENGINES)
def env(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    yield from open_env(request, tmp_path_factory)


@pytest.fixture(scope="module")
def cast(env):  # type: ignore[no-untyped-def]
    mine, other = new_provider(env.db, env.admin), new_provider(env.db, env.admin)
    return mine, people(env.db, env.admin, mine[1], other[1])


def answered_audit(env, cast, *, observation: str = "No responde lo pedido."):  # type: ignore[no-untyped-def]
    """An approved audit, sent, with every finding answered by its provider."""
    provider, who = cast
    audit = evaluated_audit(
        env.db, env.admin, who.auditor, provider, count=4, observation=observation
    )
    approval.approve_audit(env.db, who.head, audit.audit_id)
    approval.send_to_provider(env.db, who.head, audit.audit_id)
    for finding in findings.list_findings(env.db, who.manager, audit.audit_id):
        answers.save_answer(env.db, who.manager, finding.id, ANSWER)
    return audit


def _attend(env, who, session_id: int) -> None:  # type: ignore[no-untyped-def]
    committee.add_attendee(
        env.db,
        who.committee,
        session_id,
        "Marta Lucía Rincón",
        "Vicepresidenta de Crédito y Cobranza",
        "Vicepresidencia de Crédito y Cobranza",
    )
    committee.add_attendee(
        env.db,
        who.committee,
        session_id,
        "Julián Ortega",
        "Gerente de cuenta",
        "Outsourcing de atención",
        present=False,
    )


def _decide_all(env, who, session_id: int, audit_id: int, decision: str = "aceptada") -> list[int]:  # type: ignore[no-untyped-def]
    ids = [f.id for f in findings.list_findings(env.db, who.head, audit_id)]
    for finding_id in ids:
        committee.record_decision(
            env.db,
            who.committee,
            session_id,
            finding_id,
            decision,
            "" if decision == "aceptada" else "Revisar de nuevo.",
        )
    return ids


def test_a_session_reviews_sent_or_answered_audits_and_moves_them_to_committee(env, cast) -> None:
    provider, who = cast
    audit = answered_audit(env, cast)
    waiting = evaluated_audit(env.db, env.admin, who.auditor, provider, count=2)
    approval.approve_audit(env.db, who.head, waiting.audit_id)
    with pytest.raises(InvalidInput, match="enviadas al proveedor o respondidas"):
        committee.create_session(env.db, who.committee, date(2026, 12, 2), [waiting.audit_id])
    info = committee.create_session(
        env.db, who.committee, date(2026, 12, 2), [audit.audit_id], place="Sala de juntas"
    )
    assert info.acta_number.startswith("ACTA-2026-") and info.state is SessionState.DRAFT
    assert audit.number in info.audit_numbers
    assert findings.audit_findings_status(env.db, who.head, audit.audit_id).state is (
        AuditState.IN_COMMITTEE
    )
    with pytest.raises(InvalidInput, match=f"Ya existe el acta {info.acta_number}"):
        committee.create_session(
            env.db,
            who.committee,
            date(2026, 12, 3),
            [audit.audit_id],
            acta_number=info.acta_number,
        )
    detail = committee.get_session(env.db, who.head, info.id)
    assert "Revisión de los informes de auditoría" in detail.agenda
    assert committee.find_session(env.db, who.auditor, info.acta_number.lower()).id == info.id
    with pytest.raises(PermissionDenied):
        committee.create_session(env.db, who.auditor, date(2026, 12, 2), [audit.audit_id])
    # Leave nothing that carries over: decide, issue, close.
    _attend(env, who, info.id)
    _decide_all(env, who, info.id, audit.audit_id)
    minutes.issue_minutes(env.db, who.committee, info.id)
    approval.close_audit(env.db, who.committee, audit.audit_id)


def test_decisions_need_an_observation_unless_accepted_and_are_logged(env, cast) -> None:
    _provider, who = cast
    audit = answered_audit(env, cast)
    info = committee.create_session(env.db, who.head, date(2026, 12, 4), [audit.audit_id])
    first, *rest = [f.id for f in findings.list_findings(env.db, who.head, audit.audit_id)]
    with pytest.raises(InvalidInput, match="observación del comité"):
        committee.record_decision(env.db, who.committee, info.id, first, "no_aceptada")
    committee.record_decision(env.db, who.committee, info.id, first, "no_aceptada", "Incompleta")
    decided = committee.record_decision(env.db, who.committee, info.id, first, "aceptada")
    assert decided.decision_label == "Respuesta aceptada"
    with pytest.raises(InvalidInput, match="Decisión desconocida"):
        committee.record_decision(env.db, who.committee, info.id, first, "quizás")
    with pytest.raises(NotFound):
        committee.record_decision(env.db, who.committee, info.id, 999_999, "aceptada")
    with env.db.sessions() as session:
        log = history(session, "finding", first)
    assert [(e.old_value, e.new_value) for e in log] == [
        (None, "rejected"),
        ("rejected", "accepted"),
    ]
    assert all(e.username == who.committee.username for e in log)
    for finding_id in rest:
        committee.record_decision(env.db, who.committee, info.id, finding_id, "aceptada")
    _attend(env, who, info.id)
    minutes.issue_minutes(env.db, who.committee, info.id)
    approval.close_audit(env.db, who.committee, audit.audit_id)


def test_minutes_need_present_attendees_and_every_finding_decided(env, cast) -> None:
    _provider, who = cast
    audit = answered_audit(env, cast)
    info = committee.create_session(env.db, who.committee, date(2026, 12, 9), [audit.audit_id])
    with pytest.raises(InvalidInput, match="asistentes presentes"):
        minutes.issue_minutes(env.db, who.committee, info.id)
    _attend(env, who, info.id)
    ids = [f.id for f in findings.list_findings(env.db, who.head, audit.audit_id)]
    committee.record_decision(env.db, who.committee, info.id, ids[0], "aceptada")
    with pytest.raises(InvalidInput, match=f"Faltan {len(ids) - 1} inconsistencias por decidir"):
        minutes.issue_minutes(env.db, who.committee, info.id)
    preview = minutes.minutes_pdf(env.db, who.head, info.id)
    assert "(sin emitir)" in page_texts(preview)[0]
    _decide_all(env, who, info.id, audit.audit_id)
    minutes.issue_minutes(env.db, who.committee, info.id)
    approval.close_audit(env.db, who.committee, audit.audit_id)


def test_issued_minutes_keep_their_hash_read_the_same_and_lock_the_session(env, cast) -> None:
    _provider, who = cast
    audit = answered_audit(env, cast, observation=HOSTILE)
    info = committee.create_session(
        env.db, who.committee, date(2026, 12, 10), [audit.audit_id], place="Sala 4 <piso 2>"
    )
    _attend(env, who, info.id)
    ids = _decide_all(env, who, info.id, audit.audit_id)
    commitment = committee.add_commitment(
        env.db,
        who.committee,
        info.id,
        "Capacitar en redacción & ortografía <todos>",
        "Coordinadora de calidad",
        "Outsourcing de atención",
        date(2026, 12, 20),
        finding_id=ids[0],
    )
    first = findings.get_finding(env.db, who.head, ids[0])
    assert commitment.audit_id == audit.audit_id
    assert commitment.reference == f"{audit.number} · hallazgo {first.number}"
    committee.close_commitment(env.db, who.committee, info.id, commitment.id)
    issued, pdf = minutes.issue_minutes(env.db, who.committee, info.id)
    assert issued.state is SessionState.ISSUED
    assert issued.minutes_sha256 == hashlib.sha256(pdf).hexdigest()
    assert minutes.minutes_pdf(env.db, who.auditor, info.id) == pdf
    assert minutes.regenerate_minutes(env.db, who.head, info.id) == pdf
    refused = {
        "asistente": lambda: committee.add_attendee(env.db, who.committee, info.id, "X"),
        "decisión": lambda: committee.record_decision(
            env.db, who.committee, info.id, ids[0], "aceptada"
        ),
        "compromiso": lambda: committee.add_commitment(
            env.db, who.committee, info.id, "Otra", "Ana"
        ),
        "cierre": lambda: committee.close_commitment(env.db, who.committee, info.id, 1),
        "datos": lambda: committee.update_session(env.db, who.committee, info.id, place="X"),
        "emitir": lambda: minutes.issue_minutes(env.db, who.committee, info.id),
    }
    for what, call in refused.items():
        with pytest.raises(InvalidInput, match="ya fue emitida"):
            call()
            pytest.fail(f"{what} changed an issued session")
    approval.close_audit(env.db, who.committee, audit.audit_id)


def test_the_minutes_pdf_reads_as_an_acta(env, cast) -> None:
    _provider, who = cast
    audit = answered_audit(env, cast, observation=HOSTILE)
    info = committee.create_session(
        env.db, who.committee, date(2026, 12, 11), [audit.audit_id], place="Sala <b>Bogotá</b>"
    )
    _attend(env, who, info.id)
    ids = _decide_all(env, who, info.id, audit.audit_id)
    committee.add_commitment(
        env.db,
        who.committee,
        info.id,
        "Publicar la guía de respuestas",
        "Julián Ortega",
        "Outsourcing de atención",
        date(2027, 1, 15),
        audit_id=audit.audit_id,
    )
    _, pdf = minutes.issue_minutes(env.db, who.committee, info.id)
    texts = page_texts(pdf)
    everything = "\n".join(texts)
    assert "Acta de reunión del Comité de Calidad" in texts[0]
    assert f"Acta N.º {info.acta_number}" in texts[0] and "11/12/2026" in texts[0]
    assert "Sala <b>Bogotá</b>" in everything  # shown literally, never as markup
    # The summary opens the acta; attendees, agenda and the detailed table follow it.
    assert "Resumen de la sesión" in texts[0]
    order = ["Resumen de la sesión", "1. Asistentes", "Marta Lucía Rincón", "Ausente"]
    order += ["2. Orden del día", "3. Desarrollo de la sesión"]
    positions = [everything.index(mark) for mark in order]
    assert positions == sorted(positions)
    assert f"Auditoría {audit.number}" in everything and "frente a una meta de 90,0" in everything
    assert "Respuesta aceptada" in everything and "Causa: El agente no aplicó" in everything
    numbers = [f.number for f in findings.list_findings(env.db, who.head, audit.audit_id)]
    assert sorted(numbers) == list(range(1, len(ids) + 1))
    assert "=HIPERVINCULO" in everything and "Desembolso" in everything
    assert "Publicar la guía de respuestas" in everything and "15/01/2027" in everything
    assert "Firmas de los asistentes" in everything
    signatures = everything.split("Firmas de los asistentes", 1)[1]
    assert "Marta Lucía Rincón" in signatures and "Julián Ortega" not in signatures
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"Página {number} de {total}" in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) == total
    committee_session = committee.create_session(env.db, who.committee, date(2027, 1, 20), [])
    detail = committee.get_session(env.db, who.committee, committee_session.id)
    assert [c.action for c in detail.follow_up] == ["Publicar la guía de respuestas"]
    committee.close_commitment(env.db, who.committee, committee_session.id, detail.follow_up[0].id)
    _attend(env, who, committee_session.id)
    minutes.issue_minutes(env.db, who.committee, committee_session.id)
    approval.close_audit(env.db, who.committee, audit.audit_id)


def test_a_provider_manager_can_neither_read_nor_change_committee_data(env, cast) -> None:
    _provider, who = cast
    audit = answered_audit(env, cast)
    info = committee.create_session(env.db, who.committee, date(2026, 12, 14), [audit.audit_id])
    finding = findings.list_findings(env.db, who.head, audit.audit_id)[0]
    for manager in (who.manager, who.other_manager):
        calls = {
            "list_sessions": lambda m=manager: committee.list_sessions(env.db, m),
            "get_session": lambda m=manager: committee.get_session(env.db, m, info.id),
            "find_session": lambda m=manager: committee.find_session(env.db, m, info.id),
            "list_commitments": lambda m=manager: committee.list_commitments(env.db, m),
            "reviewable_audits": lambda m=manager: committee.reviewable_audits(env.db, m),
            "create_session": lambda m=manager: committee.create_session(
                env.db, m, date(2026, 12, 15), [audit.audit_id]
            ),
            "update_session": lambda m=manager: committee.update_session(
                env.db, m, info.id, place="x"
            ),
            "add_attendee": lambda m=manager: committee.add_attendee(env.db, m, info.id, "X"),
            "record_decision": lambda m=manager: committee.record_decision(
                env.db, m, info.id, finding.id, "aceptada"
            ),
            "add_commitment": lambda m=manager: committee.add_commitment(
                env.db, m, info.id, "x", "y"
            ),
            "minutes_pdf": lambda m=manager: minutes.minutes_pdf(env.db, m, info.id),
            "issue_minutes": lambda m=manager: minutes.issue_minutes(env.db, m, info.id),
            "close_audit": lambda m=manager: approval.close_audit(env.db, m, audit.audit_id),
        }
        for name, call in calls.items():
            with pytest.raises(PermissionDenied):
                call()
                pytest.fail(f"{name} let a provider manager in")
    # Its own audit's closing status it may read; another provider's, not.
    assert not approval.audit_closure(env.db, who.manager, audit.audit_id).can_close
    with pytest.raises(PermissionDenied):
        approval.audit_closure(env.db, who.other_manager, audit.audit_id)
    _attend(env, who, info.id)
    _decide_all(env, who, info.id, audit.audit_id)
    minutes.issue_minutes(env.db, who.committee, info.id)
    approval.close_audit(env.db, who.committee, audit.audit_id)


def test_follow_up_and_open_commitments_carry_over_until_closed(env, cast) -> None:
    _provider, who = cast
    audit = answered_audit(env, cast)
    first = committee.create_session(env.db, who.committee, date(2026, 12, 16), [audit.audit_id])
    _attend(env, who, first.id)
    ids = _decide_all(env, who, first.id, audit.audit_id)
    committee.record_decision(
        env.db, who.committee, first.id, ids[0], "seguimiento", "Verificar la capacitación."
    )
    promise = committee.add_commitment(
        env.db,
        who.committee,
        first.id,
        "Enviar evidencias de la capacitación",
        "Julián Ortega",
        "Outsourcing de atención",
        date(2027, 1, 10),
        audit_id=audit.audit_id,
    )
    minutes.issue_minutes(env.db, who.committee, first.id)
    check = approval.audit_closure(env.db, who.head, audit.audit_id)
    assert not check.can_close
    assert check.reasons == ("1 inconsistencia en seguimiento", "1 compromiso abierto")
    with pytest.raises(InvalidInput, match="no se puede cerrar"):
        approval.close_audit(env.db, who.committee, audit.audit_id)
    overdue = committee.list_commitments(
        env.db, who.head, state=CommitmentState.OPEN, overdue_only=True, today=date(2027, 1, 11)
    )
    assert promise.id in {c.id for c in overdue}

    second = committee.create_session(env.db, who.committee, date(2027, 1, 20), [])
    assert audit.number in second.audit_numbers  # carried over automatically
    detail = committee.get_session(env.db, who.committee, second.id)
    assert "Seguimiento: inconsistencias en seguimiento de" in detail.agenda
    assert "1 compromiso abierto de sesiones anteriores" in detail.agenda
    assert promise.id in {c.id for c in detail.follow_up}
    committee.close_commitment(env.db, who.committee, second.id, promise.id)
    committee.record_decision(env.db, who.committee, second.id, ids[0], "aceptada")
    _attend(env, who, second.id)
    _, pdf = minutes.issue_minutes(env.db, who.committee, second.id)
    text = "\n".join(page_texts(pdf))
    assert "Seguimiento de compromisos anteriores" in text
    assert "Enviar evidencias de la capacitación" in text and "Cerrado" in text
    assert "Inconsistenciasenseguimientodesdesesionesanteriores" in flat(text)
    closed = approval.close_audit(env.db, who.committee, audit.audit_id)
    assert closed.can_close
    status = findings.audit_findings_status(env.db, who.head, audit.audit_id)
    assert status.state is AuditState.CLOSED and status.closed_at is not None
    third = committee.reviewable_audits(env.db, who.head)
    assert audit.audit_id not in {a[0] for a in third}


def test_hostile_text_and_long_sessions_lay_out_and_give_the_same_bytes() -> None:
    from datetime import datetime
    from decimal import Decimal

    from auditoria_calidad.reporting.data import Letterhead
    from auditoria_calidad.reporting.minutes_report import (
        MinutesAnswer,
        MinutesAttendee,
        MinutesAudit,
        MinutesCommitment,
        MinutesData,
        MinutesFinding,
        write_minutes,
    )

    hostile = "<b>sin cerrar & «comillas» \x07 😀🤷 " + "Desembolso" * 30 + " " + "Texto. " * 900
    finding = MinutesFinding(
        1,
        "=1+1<RAD>",
        "Agente <i>Pérez</i> & Cía " + "X" * 120,
        "<b>Criterio",
        hostile,
        MinutesAnswer(hostile, hostile, "Responsable <script>", date(2026, 12, 1), late=True),
        "follow_up",
        "Seguimiento",
        hostile,
        carried_over=True,
    )
    data = MinutesData(
        letterhead=Letterhead("Entidad <pública> & cía", "Oficina " + "Z" * 300),
        acta_number="ACTA-<1>",
        held_on=date(2026, 12, 2),
        place="Sala " + "Y" * 400,
        attendees=tuple(MinutesAttendee(f"Persona {i} <b>", "Cargo", "Entidad") for i in range(40)),
        agenda=("Punto <uno>", hostile),
        audits=(
            MinutesAudit(
                "AUD-<1>",
                "Virtual",
                "Proveedor & Cía",
                date(2026, 10, 1),
                date(2026, 10, 31),
                Decimal("71.5"),
                Decimal("90"),
                120,
                240,
                date(2026, 11, 20),
                tuple(finding for _ in range(12)),
            ),
        ),
        commitments=(MinutesCommitment(1, hostile, "Ana <b>", "Org", date(2027, 1, 1)),),
        follow_up=(
            MinutesCommitment(
                2,
                "Antes",
                "Luis",
                closed=True,
                state="Cerrado",
                closed_on=date(2026, 12, 2),
                agreed_in="ACTA-0",
            ),
        ),
        issued_at=datetime(2026, 12, 2, 16, 30),
    )
    pdf = write_minutes(data)
    assert write_minutes(data) == pdf
    texts = page_texts(pdf)
    everything = flat("\n".join(texts))
    assert flat("Entidad <pública> & cía") in everything and flat("=1+1<RAD>") in everything
    assert "Desembolso" in everything and "[emoji]" in everything  # emoji written out
    for number, text in enumerate(texts, start=1):
        assert f"Página {number} de {len(texts)}" in text


def test_the_acta_records_the_hours_chair_secretary_quorum_and_conclusions(env, cast) -> None:
    from datetime import time

    from auditoria_calidad.services import office_settings

    _provider, who = cast
    audit = answered_audit(env, cast)
    info = committee.create_session(
        env.db,
        who.committee,
        date(2026, 12, 14),
        [audit.audit_id],
        details=committee.SessionDetails(starts_at=time(9, 0), chair="Ana María Torres"),
    )
    assert info.starts_at == time(9, 0) and info.chair == "Ana María Torres"
    with pytest.raises(InvalidInput, match="posterior a la de inicio"):
        committee.update_session(
            env.db, who.committee, info.id, details=committee.SessionDetails(ends_at=time(8, 30))
        )
    updated = committee.update_session(
        env.db,
        who.committee,
        info.id,
        details=committee.SessionDetails(
            ends_at=time(11, 15),
            secretary="Luis Carlos Pérez",
            quorum=True,
            conclusions="El proveedor debe reforzar la revisión ortográfica.",
        ),
    )
    assert (updated.starts_at, updated.ends_at) == (time(9, 0), time(11, 15))
    assert updated.secretary == "Luis Carlos Pérez" and updated.quorum is True
    _attend(env, who, info.id)
    _decide_all(env, who, info.id, audit.audit_id)
    office_settings.update_settings(
        env.db, env.admin, {"minutes_code": "Código: M5-1-01-F03 · Versión 2"}
    )
    try:
        _, pdf = minutes.issue_minutes(env.db, who.committee, info.id)
    finally:
        office_settings.update_settings(env.db, env.admin, {"minutes_code": ""})
    texts = page_texts(pdf)
    first = flat(texts[0])
    assert flat("09:00 a 11:15") in first
    assert flat("Ana María Torres") in first and flat("Luis Carlos Pérez") in first
    assert flat("Hay quórum: asiste") in first
    assert flat("Código: M5-1-01-F03 · Versión 2") in first
    assert all(flat("Código: M5-1-01-F03 · Versión 2") in flat(t) for t in texts[1:])
    everything = flat("\n".join(texts))
    assert flat("Conclusiones del comité") in everything
    assert flat("reforzar la revisión ortográfica") in everything
    width, height = (float(v) for v in PdfReader(io.BytesIO(pdf)).pages[0].mediabox[2:])
    assert (round(width), round(height)) == (612, 792)  # Carta, the default paper
    with pytest.raises(InvalidInput, match="ya fue emitida"):
        committee.update_session(
            env.db, who.committee, info.id, details=committee.SessionDetails(quorum=False)
        )


def test_a_decision_on_stale_data_is_refused_naming_who_changed_it(env, cast) -> None:
    """Two windows on one shared database: the second decision made on what it loaded
    before the first was recorded is refused, nothing is overwritten, and the user may then
    keep either version; a commitment closed meanwhile is not closed twice."""
    _provider, who = cast
    audit = answered_audit(env, cast)
    session = committee.create_session(env.db, who.committee, date(2027, 2, 3), [audit.audit_id])
    other_db = open_database(env.db.url)
    try:
        mine = committee.get_session(env.db, who.committee, session.id)
        first = mine.audits[0].findings[0]
        assert first.id not in mine.audits[0].stamps
        committee.record_decision(
            other_db,
            who.head,
            session.id,
            first.id,
            "no_aceptada",
            "Sin evidencia.",
            expected=NO_DECISION,
        )
        with pytest.raises(DecisionConflict) as refused:
            committee.record_decision(
                env.db, who.committee, session.id, first.id, "aceptada", expected=NO_DECISION
            )
        message = refused.value.message
        assert who.head.full_name in message and "«Respuesta no aceptada»" in message
        assert f"hallazgo N.º {first.number}" in message and "No se registró nada" in message
        assert refused.value.exit_code == 5  # the command line's code for concurrent edits
        saved = refused.value.saved
        assert (saved.decision, saved.observation) == (Decision.REJECTED, "Sin evidencia.")
        stored = committee.get_session(env.db, who.committee, session.id).audits[0]
        assert stored.stamps[first.id] == saved  # nothing was applied
        assert stored.decisions[first.id] == (Decision.REJECTED, "Sin evidencia.")

        # «Keep mine»: recorded over the version the user has now seen.
        committee.record_decision(
            env.db, who.committee, session.id, first.id, "aceptada", expected=saved
        )
        with pytest.raises(DecisionConflict, match=who.committee.full_name):
            committee.record_decision(
                other_db,
                who.head,
                session.id,
                first.id,
                "seguimiento",
                "Otra vez.",
                expected=saved,
            )
        # The command line compares the decision alone (--expected aceptada).
        committee.record_decision(
            other_db,
            who.head,
            session.id,
            first.id,
            "aceptada",
            "",
            expected=DecisionStamp(Decision.ACCEPTED),
        )

        promise = committee.add_commitment(
            env.db,
            who.committee,
            session.id,
            "Capacitar al equipo",
            "Julián Ortega",
            due_date=date(2027, 2, 20),
            audit_id=audit.audit_id,
        )
        committee.close_commitment(other_db, who.head, session.id, promise.id)
        with pytest.raises(ConcurrentEdit, match=f"{who.head.full_name} ya cerró el compromiso"):
            committee.close_commitment(env.db, who.committee, session.id, promise.id)
    finally:
        other_db.close()
    _decide_all(env, who, session.id, audit.audit_id)
    _attend(env, who, session.id)
    minutes.issue_minutes(env.db, who.committee, session.id)
    assert approval.close_audit(env.db, who.committee, audit.audit_id).can_close
