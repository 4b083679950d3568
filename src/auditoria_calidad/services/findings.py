"""Inconsistencies (hallazgos) of approved audits: creating, listing and exporting them.

Every failed criterion (credit 0) of an evaluated record of an approved audit is one
finding, created at approval with the same scoring the report uses
(``indicators.record_outcome``). A provider manager sees only its own provider's
findings, and only once the audit was sent to it (activity 5.2.20).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from auditoria_calidad.domain.identity import shown_identity
from auditoria_calidad.domain.roles import Permission, Role
from auditoria_calidad.reporting.findings_workbook import (
    FindingRowData,
    FindingsWorkbookData,
    write_findings_workbook,
)
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import (
    STATE_LABELS,
    audit_counts,
    find_audit,
    load_audit,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput, NotFound, PermissionDenied
from auditoria_calidad.services.evaluations import audit_scheme
from auditoria_calidad.services.findings_dtos import (
    APPROVED_STATES,
    DECISION_LABELS,
    OPEN_FOR_ANSWERS,
    PROVIDER_STATES,
    AnswerInfo,
    AnswerStatus,
    AuditFindingsStatus,
    FindingInfo,
)
from auditoria_calidad.services.office_settings import get_settings
from auditoria_calidad.services.report_data import (
    inconsistency_observation,
    numbered_failures,
    scored_records,
)
from auditoria_calidad.storage.models import (
    Audit,
    AuditState,
    Decision,
    Finding,
    Provider,
    ProviderAnswer,
)
from auditoria_calidad.storage.queries.administration import (
    provider_names_by_id,
    user_display_names,
)
from auditoria_calidad.storage.queries.findings import (
    audits_in_states,
    finding_answer_states,
    finding_rows,
)

__all__ = [
    "APPROVED_STATES",
    "DECISION_LABELS",
    "OPEN_FOR_ANSWERS",
    "PROVIDER_STATES",
    "AnswerInfo",
    "AnswerStatus",
    "AuditFindingsStatus",
    "Decision",
    "FindingInfo",
    "audit_findings_status",
    "create_findings",
    "export_findings_workbook",
    "find_finding",
    "get_finding",
    "list_audit_status",
    "list_findings",
]


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


# --- Created at approval ------------------------------------------------------------------


def create_findings(session: Session, audit: Audit) -> int:
    """One finding per failed criterion of every complete evaluation; returns how many.

    The same records, scores and observations as the audit report's inconsistencies
    (``report_data.scored_records``): a computed criterion's observation is the fact that
    failed it, a judged one's the auditor's observations of the record. Each finding
    stores its number in the audit (``report_data.numbered_failures``).
    """
    scheme = audit_scheme(audit)
    now = _now()
    created = 0
    for number, item, key in numbered_failures(scheme, scored_records(session, audit, scheme)):
        session.add(
            Finding(
                audit_id=audit.id,
                evaluation_id=item.evaluation.id,
                record_id=item.record.id,
                agent_id=item.record.agent_id,
                criterion_key=key,
                criterion_label=scheme.criterion(key).label[:300],
                observation=inconsistency_observation(scheme, key, item),
                number=number,
                created_at=now,
                committee_state=None,
            )
        )
        created += 1
    session.flush()
    return created


# --- Access -------------------------------------------------------------------------------


def readable_audit(session: Session, actor: Actor, audit_id: int) -> Audit:
    """The audit, if the actor may read its findings (a provider: its own, once sent)."""
    actor.require(Permission.READ_FINDINGS)
    audit = load_audit(session, actor, audit_id)
    if actor.role is Role.PROVIDER_MANAGER and audit.state not in PROVIDER_STATES:
        raise PermissionDenied(
            f"La auditoría {audit.number} todavía no ha sido enviada al proveedor."
        )
    if audit.state not in APPROVED_STATES:
        raise InvalidInput(
            f"La auditoría {audit.number} está {STATE_LABELS[audit.state].lower()}: las "
            "inconsistencias se crean al aprobarla."
        )
    return audit


def _answer_info(answer: ProviderAnswer, names: dict[int, str]) -> AnswerInfo:
    return AnswerInfo(
        cause_analysis=answer.cause_analysis,
        corrective_action=answer.corrective_action,
        responsible=answer.responsible,
        commitment_date=answer.commitment_date,
        answered_by=names.get(answer.answered_by, ""),
        answered_at=answer.answered_at,
        submitted_at=answer.submitted_at,
        late=answer.late,
        version=answer.version,
    )


def findings_in_session(
    session: Session, actor: Actor, audits: Iterable[Audit]
) -> list[FindingInfo]:
    """Findings of ``audits`` (already checked readable), by audit then number."""
    by_id = {a.id: a for a in audits}
    rows = finding_rows(session, by_id)
    user_ids = {a.answered_by for *_, a in rows if a is not None}
    names = user_display_names(session, user_ids)
    full = actor.can(Permission.SEE_FULL_IDENTITY)
    result = []
    for finding, record, agent, provider, answer in rows:
        audit = by_id[finding.audit_id]
        identity = record.identity_number or ""
        result.append(
            FindingInfo(
                id=finding.id,
                number=finding.number or 0,
                audit_id=audit.id,
                audit_number=audit.number,
                audit_state=audit.state,
                provider_id=audit.provider_id,
                provider=provider,
                key=record.key,
                received_at=record.received_at,
                agent=agent,
                identity=shown_identity(identity, full),
                criterion_key=finding.criterion_key,
                criterion_label=finding.criterion_label,
                observation=finding.observation,
                response_deadline=audit.response_deadline,
                answer=None if answer is None else _answer_info(answer, names),
                committee_state=finding.committee_state,
            )
        )
    return result


# --- Reading ------------------------------------------------------------------------------


def list_findings(
    db: Database,
    actor: Actor,
    audit_id: int,
    *,
    status: AnswerStatus | None = None,
    overdue_only: bool = False,
    today: date | None = None,
) -> list[FindingInfo]:
    """The findings of one audit, optionally only those of an answer status or overdue."""
    with db.sessions() as session:
        audit = readable_audit(session, actor, audit_id)
        rows = findings_in_session(session, actor, [audit])
    if status is not None:
        rows = [f for f in rows if f.status is status]
    if overdue_only:
        rows = [f for f in rows if f.overdue(today)]
    return rows


def get_finding(db: Database, actor: Actor, finding_id: int) -> FindingInfo:
    with db.sessions() as session:
        finding = session.get(Finding, finding_id)
        if finding is None:
            raise NotFound(f"No existe el hallazgo {finding_id}.")
        audit = readable_audit(session, actor, finding.audit_id)
        return next(f for f in findings_in_session(session, actor, [audit]) if f.id == finding_id)


def find_finding(db: Database, actor: Actor, reference: str | int) -> FindingInfo:
    """A finding by «AUDITORÍA/N.º» (its number in the audit, as every document shows it,
    e.g. «AUD-2026-0001/3») or by its id in the database."""
    text = str(reference).strip()
    audit_ref, slash, number = text.rpartition("/")
    if slash:
        if not number.strip().isdigit() or not audit_ref.strip():
            raise InvalidInput(
                f"«{text}» no es un hallazgo: escriba AUDITORÍA/N.º, por ejemplo AUD-2026-0001/3."
            )
        audit = find_audit(db, actor, audit_ref.strip())
        wanted = int(number)
        for finding in list_findings(db, actor, audit.id):
            if finding.number == wanted:
                return finding
        raise NotFound(f"La auditoría {audit.number} no tiene el hallazgo N.º {wanted}.")
    if text.isdigit():
        return get_finding(db, actor, int(text))
    raise InvalidInput(
        f"«{text}» no es un hallazgo: escriba AUDITORÍA/N.º, por ejemplo AUD-2026-0001/3."
    )


def status_in_session(session: Session, audits: list[Audit]) -> list[AuditFindingsStatus]:
    ids = [a.id for a in audits]
    if not ids:
        return []
    counts = audit_counts(session, ids)
    providers = provider_names_by_id(session)
    tallies: dict[int, dict[str, int]] = {i: {} for i in ids}
    for audit_id, decision, answer_id, submitted, late in finding_answer_states(session, ids):
        t = tallies[audit_id]
        t["findings"] = t.get("findings", 0) + 1
        if submitted is not None:
            t["answered"] = t.get("answered", 0) + 1
            t["late"] = t.get("late", 0) + bool(late)
        elif answer_id is not None:
            t["drafts"] = t.get("drafts", 0) + 1
        if decision in (Decision.ACCEPTED, Decision.REJECTED):
            t["decided"] = t.get("decided", 0) + 1
        elif decision is Decision.FOLLOW_UP:
            t["follow_up"] = t.get("follow_up", 0) + 1
    return [
        AuditFindingsStatus(
            audit_id=a.id,
            number=a.number,
            channel_label=a.channel.label,
            provider_id=a.provider_id,
            provider=providers.get(a.provider_id, ""),
            period_start=a.period_start,
            period_end=a.period_end,
            state=a.state,
            population=counts[a.id].population,
            evaluated=counts[a.id].evaluated,
            approved_at=a.approved_at,
            sent_at=a.sent_at,
            response_deadline=a.response_deadline,
            closed_at=a.closed_at,
            report_sha256=a.report_sha256,
            findings=tallies[a.id].get("findings", 0),
            answered=tallies[a.id].get("answered", 0),
            drafts=tallies[a.id].get("drafts", 0),
            late=tallies[a.id].get("late", 0),
            decided=tallies[a.id].get("decided", 0),
            follow_up=tallies[a.id].get("follow_up", 0),
        )
        for a in audits
    ]


def audit_findings_status(db: Database, actor: Actor, audit_id: int) -> AuditFindingsStatus:
    with db.sessions() as session:
        audit = readable_audit(session, actor, audit_id)
        return status_in_session(session, [audit])[0]


def list_audit_status(
    db: Database,
    actor: Actor,
    *,
    provider_id: int | None = None,
    state: AuditState | None = None,
    overdue_only: bool = False,
    include_ready: bool = False,
    today: date | None = None,
) -> list[AuditFindingsStatus]:
    """Approved audits (and later) the actor may see, newest first, with their tallies.

    ``include_ready`` also lists audits still to approve (for the head of office), whose
    tallies are zero. A provider manager sees its own provider's audits once sent.
    """
    actor.require(Permission.READ_FINDINGS)
    states: list[AuditState] = list(APPROVED_STATES)
    if actor.role is Role.PROVIDER_MANAGER:
        states = list(PROVIDER_STATES)
        provider_id = actor.provider_id if provider_id in (None, actor.provider_id) else -1
    elif include_ready and actor.can(Permission.APPROVE):
        states += [AuditState.IN_REVIEW, AuditState.READY]
    if state is not None:
        states = [s for s in states if s is state]
    with db.sessions() as session:
        audits = audits_in_states(session, states, provider_id)
        audits = [a for a in audits if actor.sees_provider(a.provider_id)]
        rows = status_in_session(session, audits)
    if overdue_only:
        rows = [r for r in rows if r.overdue(today)]
    return rows


# --- The workbook for the provider ---------------------------------------------------------


def workbook_data(
    session: Session, audit: Audit, office: dict[str, object]
) -> FindingsWorkbookData:
    """The findings workbook's content (identities are masked by the writer)."""
    rows = [
        FindingRowData(
            finding_id=finding.id,
            number=finding.number or 0,
            request_text=record.request_text or "",
            answer_text=record.answer_text or "",
            key=record.key,
            received_at=record.received_at,
            agent=agent,
            identity_number=record.identity_number,
            criterion=finding.criterion_label,
            observation=finding.observation,
            cause_analysis=answer.cause_analysis if answer else "",
            corrective_action=answer.corrective_action if answer else "",
            responsible=answer.responsible if answer else "",
            commitment_date=answer.commitment_date if answer else None,
        )
        for finding, record, agent, _provider, answer in finding_rows(session, [audit.id])
    ]
    provider = session.get(Provider, audit.provider_id)
    return FindingsWorkbookData(
        entity=str(office.get("entity_name", "")),
        office=str(office.get("office_name", "")),
        audit_id=audit.id,
        audit_number=audit.number,
        channel=audit.channel.label,
        provider=provider.name if provider else "",
        period=f"{audit.period_start:%d/%m/%Y} a {audit.period_end:%d/%m/%Y}",
        sent_on=audit.sent_at.date() if audit.sent_at else None,
        response_deadline=audit.response_deadline,
        rows=rows,
        paper="a4" if office.get("paper_size") == "a4" else "carta",
    )


def export_findings_workbook(
    db: Database, actor: Actor, audit_id: int, out: str | Path | BinaryIO | None = None
) -> bytes:
    """The findings workbook of an approved audit (answer columns open), as bytes."""
    office = get_settings(db)
    with db.sessions() as session:
        audit = readable_audit(session, actor, audit_id)
        data = workbook_data(session, audit, office)
    if isinstance(out, str | Path):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    return write_findings_workbook(data, out)
