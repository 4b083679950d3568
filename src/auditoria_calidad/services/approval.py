"""Approval of an audit, its lock, its issued report, and sending it to the provider.

Approval (activity 5.2.20, Jefe de Oficina) needs at least 50 % of the population
evaluated. It creates the findings, issues the audit report PDF and stores its bytes and
SHA-256; from then on evaluations, sample and conclusions are read-only for everyone
(``ensure_unlocked``). Sending sets the provider's response deadline in business days
(office setting, Colombian holidays) and writes the provider package: the report PDF and
the findings workbook.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from auditoria_calidad.domain.audit_lifecycle import APPROVABLE_STATES
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.sampling import approval_shortfall, required_for_approval
from auditoria_calidad.domain.timeliness import add_business_days
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_dtos import (
    ApprovalResult,
    ClosureCheck,
    ReportCheck,
    SendResult,
)
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.audits import (
    LOCKED_STATES,
    STATE_LABELS,
    audit_counts,
    ensure_unlocked,
    load_audit,
    move_audit,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.services.evaluations import audit_scheme
from auditoria_calidad.services.findings import (
    APPROVED_STATES,
    create_findings,
    readable_audit,
    workbook_data,
)
from auditoria_calidad.services.office_settings import get_settings
from auditoria_calidad.storage.models import Audit, AuditState, Decision
from auditoria_calidad.storage.queries import audits as queries

__all__ = [
    "ApprovalResult",
    "ClosureCheck",
    "ReportCheck",
    "SendResult",
    "approve_audit",
    "audit_closure",
    "close_audit",
    "ensure_unlocked",
    "is_locked",
    "move_audit",
    "regenerate_report",
    "report_pdf",
    "send_to_provider",
    "verify_report",
    "write_provider_package",
]

APPROVABLE = APPROVABLE_STATES  # domain.audit_lifecycle


# --- The lock -----------------------------------------------------------------------------


def is_locked(state: AuditState) -> bool:
    """From approval on, an audit's evaluations, sample and conclusions are read-only."""
    return state in LOCKED_STATES


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- Approval -----------------------------------------------------------------------------


def approve_audit(db: Database, actor: Actor, audit_id: int) -> ApprovalResult:
    """Approve the audit: 50 % rule, findings, issued report with its hash, lock.

    One transaction: refused (InvalidInput) while less than half the population is
    evaluated, saying how many evaluations are missing; nothing is kept if the report
    cannot be written.
    """
    from auditoria_calidad.services.reports import audit_report_pdf_in_session

    actor.require(Permission.APPROVE)
    with db.transaction() as session:
        audit = load_audit(session, actor, audit_id)
        # Lock the audit row: an evaluation saved meanwhile is counted, or refused after.
        queries.lock_audit_row(session, audit.id)
        if audit.state not in APPROVABLE:
            raise InvalidInput(
                f"La auditoría {audit.number} ya está {STATE_LABELS[audit.state].lower()}."
            )
        counts = audit_counts(session, [audit.id])[audit.id]
        missing = approval_shortfall(counts.population, counts.evaluated)
        if missing or not counts.evaluated:
            need = required_for_approval(counts.population)
            raise InvalidInput(
                f"La auditoría {audit.number} no se puede aprobar: el procedimiento M5-1-01 "
                f"exige evaluar al menos el 50 % de la población ({need} de "
                f"{counted(counts.population, 'registro', 'registros')}); hay "
                f"{counted(counts.evaluated, 'evaluado', 'evaluados')} y faltan "
                f"{max(missing, 1)}."
            )
        now = _now()
        audit.approved_by = actor.id
        audit.approved_at = now
        move_audit(session, actor, audit, AuditState.APPROVED)
        created = create_findings(session, audit)
        session.flush()
        pdf = audit_report_pdf_in_session(session, actor, audit.id)
        digest = sha256(pdf)
        audit.report_pdf = pdf
        audit.report_sha256 = digest
        log_event(
            session,
            actor,
            "audit",
            audit.id,
            "approve",
            new=f"{audit.number}: {counts.evaluated} de {counts.sampled} de la muestra "
            f"evaluados (población {counts.population}); "
            f"{counted(created, 'inconsistencia', 'inconsistencias')}; informe SHA-256 {digest}",
        )
        return ApprovalResult(audit.id, audit.number, now, actor.display_name, digest, created)


def regenerate_report(db: Database, actor: Actor, audit_id: int) -> bytes:
    """The approved audit's report written again from the database (not the stored copy)."""
    from auditoria_calidad.services.reports import audit_report_pdf_in_session

    with db.sessions() as session:
        audit = readable_audit(session, actor, audit_id)
        return audit_report_pdf_in_session(session, actor, audit.id)


# --- The issued report --------------------------------------------------------------------


def report_pdf(db: Database, actor: Actor, audit_id: int) -> bytes:
    """The report PDF issued at approval, exactly as stored."""
    with db.sessions() as session:
        audit = readable_audit(session, actor, audit_id)
        if audit.report_pdf is None:
            raise NotFound(f"La auditoría {audit.number} no tiene informe emitido.")
        return bytes(audit.report_pdf)


def verify_report(
    db: Database, actor: Actor, audit_id: int, pdf: bytes | str | Path
) -> ReportCheck:
    """Compare a PDF file (or its bytes) with the SHA-256 recorded at approval."""
    if isinstance(pdf, str | Path):
        path = Path(pdf)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"No se pudo leer el archivo {path.name}: {exc.strerror}.") from exc
    else:
        data = pdf
    with db.sessions() as session:
        audit = readable_audit(session, actor, audit_id)
        if not audit.report_sha256:
            raise NotFound(f"La auditoría {audit.number} no tiene informe emitido.")
        stored, number = audit.report_sha256, audit.number
    digest = sha256(data)
    return ReportCheck(audit_id, number, digest == stored, stored, digest)


# --- Sending to the provider --------------------------------------------------------------


def _write_package(
    session: Session, audit: Audit, out_dir: Path, office: dict[str, object]
) -> tuple[Path, ...]:
    from auditoria_calidad.reporting.findings_workbook import write_findings_workbook
    from auditoria_calidad.reporting.output import write_file

    if audit.report_pdf is None:
        raise NotFound(f"La auditoría {audit.number} no tiene informe emitido.")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        report = out_dir / f"{audit.number}-informe.pdf"
        write_file(report, bytes(audit.report_pdf))
        workbook = out_dir / f"{audit.number}-hallazgos.xlsx"
        write_findings_workbook(workbook_data(session, audit, office), workbook)
    except OSError as exc:
        raise InvalidInput(f"No se pudo escribir en la carpeta {out_dir}: {exc.strerror}.") from exc
    return report, workbook


def write_provider_package(
    db: Database, actor: Actor, audit_id: int, out_dir: str | Path
) -> tuple[Path, ...]:
    """Write the report PDF and the findings workbook into ``out_dir``; return the paths."""
    office = get_settings(db)
    with db.sessions() as session:
        audit = readable_audit(session, actor, audit_id)
        return _write_package(session, audit, Path(out_dir), office)


def send_to_provider(
    db: Database,
    actor: Actor,
    audit_id: int,
    out_dir: str | Path | None = None,
    *,
    now: datetime | None = None,
) -> SendResult:
    """Send an approved audit: deadline in business days, state sent, package written.

    An audit without inconsistencies has nothing to answer and moves on to answered.
    """
    actor.require(Permission.SEND_TO_PROVIDER)
    office = get_settings(db)
    days = int(office["response_business_days"])
    if days < 1:
        raise InvalidInput("El plazo de respuesta del proveedor debe ser de al menos 1 día hábil.")
    with db.transaction() as session:
        audit = load_audit(session, actor, audit_id)
        if audit.state is not AuditState.APPROVED:
            state = STATE_LABELS[audit.state].lower()
            if audit.state in APPROVED_STATES:
                raise InvalidInput(f"La auditoría {audit.number} ya fue enviada ({state}).")
            raise InvalidInput(
                f"La auditoría {audit.number} está {state}: apruébela antes de enviarla."
            )
        if audit.report_pdf is None:
            raise InvalidInput(f"La auditoría {audit.number} no tiene informe emitido.")
        sent = (now or _now()).replace(microsecond=0)
        deadline = add_business_days(sent.date(), days, audit_scheme(audit).thresholds.calendar)
        audit.sent_at = sent
        audit.response_deadline = deadline
        move_audit(session, actor, audit, AuditState.SENT)
        findings = queries.count_findings(session, audit.id)
        log_event(
            session,
            actor,
            "audit",
            audit.id,
            "send",
            new=f"plazo de respuesta {deadline:%d/%m/%Y} "
            f"({counted(days, 'día hábil', 'días hábiles')}); "
            f"{counted(findings, 'inconsistencia', 'inconsistencias')}",
        )
        if not findings:
            move_audit(session, actor, audit, AuditState.ANSWERED)
        session.flush()
        files = _write_package(session, audit, Path(out_dir), office) if out_dir else ()
        return SendResult(
            audit.id, audit.number, sent, deadline, days, findings, files, audit.state
        )


# --- Closing (after the committee) -----------------------------------------------------


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _closure(session: Session, audit: Audit) -> ClosureCheck:
    reasons: list[str] = []
    if audit.state is not AuditState.IN_COMMITTEE:
        reasons.append(f"está {STATE_LABELS[audit.state].lower()}; se cierra tras el comité")
    states = queries.committee_states_of_findings(session, audit.id)
    undecided = sum(1 for s in states if s is None)
    follow = sum(1 for s in states if s is Decision.FOLLOW_UP)
    if undecided:
        reasons.append(f"{_count(undecided, 'inconsistencia', 'inconsistencias')} sin decisión")
    if follow:
        reasons.append(f"{_count(follow, 'inconsistencia', 'inconsistencias')} en seguimiento")
    open_commitments = queries.count_open_commitments_of_audit(session, audit.id)
    if open_commitments:
        reasons.append(_count(open_commitments, "compromiso abierto", "compromisos abiertos"))
    drafts = queries.count_draft_sessions_reviewing(session, audit.id)
    if drafts:
        reasons.append("el acta de una sesión que la revisa no ha sido emitida")
    return ClosureCheck(audit.id, audit.number, not reasons, tuple(reasons))


def audit_closure(db: Database, actor: Actor, audit_id: int) -> ClosureCheck:
    actor.require(Permission.READ_FINDINGS)
    with db.sessions() as session:
        return _closure(session, load_audit(session, actor, audit_id))


def close_audit(db: Database, actor: Actor, audit_id: int) -> ClosureCheck:
    """Close an audit whose findings are all decided (none in follow-up), no open commitments."""
    actor.require(Permission.MANAGE_COMMITTEE)
    with db.transaction() as session:
        audit = load_audit(session, actor, audit_id)
        check = _closure(session, audit)
        if not check.can_close:
            raise InvalidInput(
                f"La auditoría {audit.number} no se puede cerrar: " + "; ".join(check.reasons) + "."
            )
        audit.closed_at = _now()
        move_audit(session, actor, audit, AuditState.CLOSED)
        log_event(session, actor, "audit", audit.id, "close", new=audit.number)
        return check
