"""The minutes (acta) of a committee session: their data, the draft preview, the issue,
and what each provider receives.

A session may review audits of several providers. The full acta stays with the entity;
each provider receives an extract with only its own inconsistencies, answers and
commitments. Issuing stores the acta and every extract with its SHA-256 and makes the
session read-only (every change in ``services.committee`` refuses an issued session). The
data comes from the database only (no clock but the issue moment, stored), so an issued
acta or extract can be written again byte for byte, and a file can be verified against
its recorded hash.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from auditoria_calidad.domain.attendee_affiliation import Affiliation, affiliation
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.roles import Permission, Role
from auditoria_calidad.reporting.minutes_report import (
    MinutesAnswer,
    MinutesAttendee,
    MinutesAudit,
    MinutesCommitment,
    MinutesData,
    MinutesFinding,
    write_minutes,
)
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.audits import audit_counts
from auditoria_calidad.services.committee import (
    CommitmentInfo,
    SessionDetail,
    SessionInfo,
    committee_session,
    session_audit_ids,
    session_detail,
    session_infos,
)
from auditoria_calidad.services.committee_dtos import MinutesCheck as MinutesCheck
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.services.evaluations import audit_scheme
from auditoria_calidad.services.findings import DECISION_LABELS
from auditoria_calidad.services.indicators import indicators_in_session
from auditoria_calidad.services.report_data import letterhead
from auditoria_calidad.storage.models import (
    Audit,
    CommitmentState,
    CommitteeSession,
    Decision,
    MinutesExtract,
    SessionState,
)
from auditoria_calidad.storage.queries.committee import count_present_attendees
from auditoria_calidad.storage.queries.committee_minutes import (
    extract_pdf,
    extract_sha256,
    findings_followed_before,
    provider_names,
    providers_of_audits,
    undecided_finding_numbers,
)

__all__ = [
    "MinutesCheck",
    "issue_minutes",
    "minutes_pdf",
    "minutes_providers",
    "provider_minutes_pdf",
    "regenerate_minutes",
    "verify_minutes",
]


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


# --- Minutes ------------------------------------------------------------------------------


def _undecided(session: Session, row: CommitteeSession) -> list[str]:
    """«AUD-2026-0001/3» for every finding of the session's audits still undecided."""
    rows = undecided_finding_numbers(session, session_audit_ids(session, row.id))
    return [f"{audit}/{number}" for audit, number in rows]


def _agenda_lines(agenda: str) -> tuple[str, ...]:
    """Agenda items, one per line, without the numbers the writer adds again."""
    lines = (line.strip() for line in agenda.splitlines())
    return tuple(
        item.lstrip("0123456789").lstrip(".)-– ").strip() or item for item in lines if item
    )


def _minutes_commitment(c: CommitmentInfo) -> MinutesCommitment:
    return MinutesCommitment(
        number=c.id,
        action=c.action,
        responsible=c.responsible,
        organization=c.organization,
        due_date=c.due_date,
        state=c.state_label,
        reference=c.reference,
        agreed_in=c.acta_number,
        closed=c.state is CommitmentState.CLOSED,
        closed_on=c.closed_at.date() if c.closed_at else None,
    )


def _minutes_data(
    session: Session,
    row: CommitteeSession,
    detail: SessionDetail,
    provider: tuple[int, str] | None = None,
) -> MinutesData:
    """The minutes' plain data; dated at the issue (a draft preview: at the session date).

    With ``provider`` (id, name): that provider's extract, only its audits and commitments,
    and only the attendees of the entity and of that provider (``attendee_affiliation``);
    the others are counted, not named.
    """
    own = None if provider is None else provider[0]
    earlier_follow = findings_followed_before(session, row.id)
    audits = []
    for view in detail.audits:
        audit = session.get(Audit, view.audit_id)
        assert audit is not None
        if own is not None and audit.provider_id != own:
            continue
        figures = indicators_in_session(session, audit, audit_scheme(audit)).overall
        counts = audit_counts(session, [audit.id])[audit.id]
        findings = []
        for f in view.findings:
            decided_here = view.decisions.get(f.id)
            if decided_here is None and f.committee_state in (Decision.ACCEPTED, Decision.REJECTED):
                continue  # settled in an earlier session
            answer = f.answer
            decision, note = decided_here or (None, "")
            findings.append(
                MinutesFinding(
                    number=f.number,
                    key=f.key,
                    agent=f.agent,
                    criterion=f.criterion_label,
                    observation=f.observation,
                    answer=None
                    if answer is None or answer.submitted_at is None
                    else MinutesAnswer(
                        answer.cause_analysis,
                        answer.corrective_action,
                        answer.responsible,
                        answer.commitment_date,
                        answer.late,
                    ),
                    decision=decision.value if decision else "",
                    decision_label=DECISION_LABELS[decision] if decision else "",
                    decision_observation=note,
                    carried_over=f.id in earlier_follow,
                )
            )
        audits.append(
            MinutesAudit(
                number=audit.number,
                channel=audit.channel.label,
                provider=view.provider,
                period_start=audit.period_start,
                period_end=audit.period_end,
                score=figures.audit_score.value,
                target=audit.target_score,
                evaluated=counts.evaluated,
                population=counts.population,
                response_deadline=audit.response_deadline,
                findings=tuple(findings),
                sampled=counts.sampled,
            )
        )
    attendees: list[MinutesAttendee] = []
    others: list[MinutesAttendee] = []
    names = [] if provider is None else provider_names(session)
    for a in detail.attendees:
        hidden = provider is not None and (
            affiliation(a.organization, provider[1], names) is Affiliation.OTHER
        )
        (others if hidden else attendees).append(
            MinutesAttendee(a.name, a.position, a.organization, a.present)
        )
    return MinutesData(
        letterhead=letterhead(session, "minutes_code"),
        acta_number=row.acta_number,
        held_on=row.held_on,
        place=row.place,
        attendees=tuple(attendees),
        other_attendees=len(others),
        other_present=sum(1 for a in others if a.present),
        agenda=_agenda_lines(row.agenda),
        audits=tuple(audits),
        commitments=tuple(
            _minutes_commitment(c)
            for c in detail.commitments
            if own is None or c.provider_id == own
        ),
        follow_up=tuple(
            _minutes_commitment(c) for c in detail.follow_up if own is None or c.provider_id == own
        ),
        recipient="" if provider is None else provider[1],
        draft=row.state is not SessionState.ISSUED,
        issued_at=row.issued_at,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        chair=row.chair or "",
        secretary=row.secretary or "",
        quorum=row.quorum,
        conclusions=row.conclusions or "",
    )


def issue_minutes(db: Database, actor: Actor, session_id: int) -> tuple[SessionInfo, bytes]:
    """Issue the minutes: PDF stored with its SHA-256; the session becomes read-only.

    Refused while no attendee is present or a finding of the reviewed audits has never
    been decided.
    """
    with db.transaction() as session:
        row = committee_session(session, actor, session_id, write=True)
        if not count_present_attendees(session, row.id):
            raise InvalidInput(
                f"Registre los asistentes presentes antes de emitir el acta {row.acta_number}."
            )
        undecided = _undecided(session, row)
        if undecided:
            listed = ", ".join(undecided[:20])
            raise InvalidInput(
                f"{'Falta' if len(undecided) == 1 else 'Faltan'} "
                f"{counted(len(undecided), 'inconsistencia', 'inconsistencias')} por decidir "
                "antes de emitir el acta "
                f"{row.acta_number} (hallazgos {listed}{'…' if len(undecided) > 20 else ''})."
            )
        detail = session_detail(session, actor, row)
        row.issued_at = _now()
        row.state = SessionState.ISSUED
        pdf = write_minutes(_minutes_data(session, row, detail))
        row.minutes_pdf = pdf
        row.minutes_sha256 = _sha256(pdf)
        log_event(
            session,
            actor,
            "committee_session",
            row.id,
            "issue",
            field="minutes_sha256",
            new=row.minutes_sha256,
        )
        for provider in _providers(session, row):
            extract = write_minutes(_minutes_data(session, row, detail, provider))
            stored = MinutesExtract(
                session_id=row.id, provider_id=provider[0], sha256=_sha256(extract), pdf=extract
            )
            session.add(stored)
            log_event(
                session,
                actor,
                "committee_session",
                row.id,
                "issue_extract",
                field=f"extracto {provider[1]}"[:80],
                new=stored.sha256,
            )
        session.flush()
        return session_infos(session, [row])[0], pdf


def minutes_pdf(db: Database, actor: Actor, session_id: int) -> bytes:
    """The issued minutes as stored, or a draft preview (watermarked) of a session in progress."""
    with db.sessions() as session:
        row = committee_session(session, actor, session_id, write=False)
        if row.state is SessionState.ISSUED and row.minutes_pdf is not None:
            return bytes(row.minutes_pdf)
        return write_minutes(_minutes_data(session, row, session_detail(session, actor, row)))


def regenerate_minutes(db: Database, actor: Actor, session_id: int) -> bytes:
    """The minutes of an issued session written again from the database (same bytes)."""
    with db.sessions() as session:
        row = committee_session(session, actor, session_id, write=False)
        if row.state is not SessionState.ISSUED:
            raise InvalidInput(f"El acta {row.acta_number} no ha sido emitida.")
        return write_minutes(_minutes_data(session, row, session_detail(session, actor, row)))


# --- What each provider receives ----------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _providers(session: Session, row: CommitteeSession) -> list[tuple[int, str]]:
    """(id, name) of the providers whose audits the session reviews, by name."""
    return providers_of_audits(session, session_audit_ids(session, row.id))


def minutes_providers(db: Database, actor: Actor, session_id: int) -> list[tuple[int, str]]:
    """(id, name) of the providers that receive an extract of the session's acta."""
    with db.sessions() as session:
        return _providers(session, committee_session(session, actor, session_id, write=False))


def _readable_row(
    session: Session, actor: Actor, session_id: int, provider_id: int
) -> CommitteeSession:
    """The session, for the office or for the manager of ``provider_id`` (its extract only,
    once issued)."""
    if actor.role is not Role.PROVIDER_MANAGER:
        return committee_session(session, actor, session_id, write=False)
    actor.require(Permission.READ_FINDINGS)
    actor.require_provider(provider_id)
    row = session.get(CommitteeSession, session_id)
    if row is None or row.state is not SessionState.ISSUED:
        raise NotFound(f"No hay un acta emitida de la sesión {session_id}.")
    return row


def _provider(session: Session, row: CommitteeSession, provider_id: int) -> tuple[int, str]:
    for provider in _providers(session, row):
        if provider[0] == provider_id:
            return provider
    raise InvalidInput(
        f"La sesión {row.acta_number} no revisa auditorías de ese proveedor: no tiene extracto "
        "para él."
    )


def provider_minutes_pdf(db: Database, actor: Actor, session_id: int, provider_id: int) -> bytes:
    """What the provider receives: the stored extract of an issued acta, or a draft preview
    (watermarked) of a session in progress. Only its own inconsistencies, answers and
    commitments."""
    with db.sessions() as session:
        row = _readable_row(session, actor, session_id, provider_id)
        provider = _provider(session, row, provider_id)
        if row.state is SessionState.ISSUED:
            stored = extract_pdf(session, row.id, provider_id)
            if stored is None:
                raise NotFound(
                    f"El acta {row.acta_number} se emitió sin extracto para {provider[1]}."
                )
            return bytes(stored)
        detail = session_detail(session, actor, row)
        return write_minutes(_minutes_data(session, row, detail, provider))


def verify_minutes(
    db: Database,
    actor: Actor,
    session_id: int,
    pdf: bytes | str | Path,
    provider_id: int | None = None,
) -> MinutesCheck:
    """Compare a PDF (path or bytes) with the SHA-256 recorded when the acta was issued: the
    full acta, or with ``provider_id`` that provider's extract."""
    if isinstance(pdf, str | Path):
        path = Path(pdf)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"No se pudo leer el archivo {path.name}: {exc.strerror}.") from exc
    else:
        data = pdf
    with db.sessions() as session:
        if provider_id is None:
            row = committee_session(session, actor, session_id, write=False)
            name, stored = "", row.minutes_sha256
        else:
            row = _readable_row(session, actor, session_id, provider_id)
            name = _provider(session, row, provider_id)[1]
            stored = extract_sha256(session, row.id, provider_id)
        if not stored:
            raise NotFound(f"El acta {row.acta_number} no ha sido emitida.")
        number = row.acta_number
    digest = _sha256(data)
    return MinutesCheck(number, name, digest == stored, stored, digest)
