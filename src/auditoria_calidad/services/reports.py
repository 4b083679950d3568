"""Reports: the audit report (5.2.19) with its F182 workbook, the conclusions the auditor
writes into it, and the monthly report (5.2.23–5.2.26).

The data is read by ``services.report_data`` and written by ``reporting``; nothing here
looks at the clock, so the same database always gives the same bytes. An audit report
that was issued (approved and stored) is returned as stored when it is the masked copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Permission, Role
from auditoria_calidad.reporting.audit_report import write_audit_report
from auditoria_calidad.reporting.f182_workbook import write_f182_workbook
from auditoria_calidad.reporting.monthly_report import write_monthly_pdf
from auditoria_calidad.reporting.monthly_workbook import write_monthly_xlsx
from auditoria_calidad.reporting.output import Destination, deliver
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_changes
from auditoria_calidad.services.audits import (
    LOCKED_STATES,
    STATE_LABELS,
    AuditState,
    audit_counts,
    ensure_unlocked,
    load_audit,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.edit_conflicts import SavedVersion, StaleEdit, last_saved
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.services.report_data import MonthKey, audit_report_data, monthly_report_data
from auditoria_calidad.services.report_dtos import (
    AuditChoice,
    AuditReport,
    MonthlyReport,
    ProviderChoice,
    ReportChoices,
    ReportTexts,
)
from auditoria_calidad.storage.models import Audit, Provider
from auditoria_calidad.storage.queries.administration import providers_by_name
from auditoria_calidad.storage.queries.audits import audits_with_provider_names
from auditoria_calidad.storage.queries.reports import (
    provider_named_any_case,
    received_span_of_providers,
    write_conclusions_if_version,
)

__all__ = [
    "AuditChoice",
    "AuditReport",
    "MonthlyReport",
    "ProviderChoice",
    "ReportChoices",
    "ReportTexts",
    "audit_report",
    "audit_report_pdf",
    "audit_report_pdf_in_session",
    "f182_workbook",
    "monthly_report",
    "parse_month",
    "report_choices",
    "report_file_name",
    "report_texts",
    "set_conclusions",
    "write_bytes",
]

Progress = Callable[[int, int], None]
MAX_TEXT = 20_000  # characters of conclusions or recommendations: a few pages of the report


def _step(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


# --- The audit report --------------------------------------------------------------------


def _readable_audit(session: Session, actor: Actor, audit_id: int) -> Audit:
    actor.require(Permission.READ_REPORTS)
    audit = load_audit(session, actor, audit_id)
    # The provider and the committee receive issued reports only, never a draft.
    if audit.state not in LOCKED_STATES and actor.role in (Role.PROVIDER_MANAGER, Role.COMMITTEE):
        raise NotFound(f"El informe de la auditoría {audit.number} todavía no ha sido aprobado.")
    return audit


def audit_report_pdf_in_session(
    session: Session, actor: Actor, audit_id: int, *, out: Destination = None
) -> bytes:
    """The masked audit report PDF, built inside the caller's transaction.

    For the approval: set the audit approved (state, ``approved_by``, ``approved_at``),
    flush, call this and store the bytes and their SHA-256. The PDF is dated at
    ``approved_at`` and has no draft watermark; the same rows always give the same bytes.
    """
    audit = _readable_audit(session, actor, audit_id)
    return write_audit_report(audit_report_data(session, actor, audit), out)


def audit_report(
    db: Database,
    actor: Actor,
    audit_id: int,
    *,
    internal: bool = False,
    pdf_out: Destination = None,
    xlsx_out: Destination = None,
    with_xlsx: bool = False,
    progress: Progress | None = None,
) -> AuditReport:
    """The audit report PDF and, with ``with_xlsx`` or ``xlsx_out``, the F182 workbook.

    Identity numbers are masked unless ``internal`` (an export that stays in the office)
    and the actor may see them. The masked PDF of an approved audit is the stored one.
    ``progress(done, total)`` is called between steps (it may raise to cancel).
    """
    total = 3 if (with_xlsx or xlsx_out is not None) else 2
    _step(progress, 0, total)
    with db.sessions() as session:
        audit = _readable_audit(session, actor, audit_id)
        data = audit_report_data(session, actor, audit, internal=internal)
        stored = None if internal else audit.report_pdf
    _step(progress, 1, total)
    pdf = deliver(stored, pdf_out) if stored else write_audit_report(data, pdf_out)
    xlsx = None
    if total == 3:
        _step(progress, 2, total)
        xlsx = write_f182_workbook(data, xlsx_out)
    _step(progress, total, total)
    return AuditReport(data, pdf, xlsx, issued=bool(stored))


def audit_report_pdf(
    db: Database, actor: Actor, audit_id: int, *, out: Destination = None, internal: bool = False
) -> bytes:
    """The audit report PDF (masked unless ``internal`` and allowed); also written to ``out``.

    Deterministic: dated at the approval when approved, else at the last evaluation, with
    a draft watermark until approved.
    """
    return audit_report(db, actor, audit_id, internal=internal, pdf_out=out).pdf


def f182_workbook(
    db: Database, actor: Actor, audit_id: int, out: Destination, *, internal: bool = False
) -> bytes:
    """The F182 workbook of the audit's evaluated records (the report's annex)."""
    with db.sessions() as session:
        audit = _readable_audit(session, actor, audit_id)
        data = audit_report_data(session, actor, audit, internal=internal)
    return write_f182_workbook(data, out)


# --- Conclusions and recommendations -----------------------------------------------------


def _texts(actor: Actor, audit: Audit) -> ReportTexts:
    return ReportTexts(
        audit.id,
        audit.number,
        audit.conclusions or "",
        audit.recommendations or "",
        actor.can(Permission.WRITE_CONCLUSIONS) and audit.state not in LOCKED_STATES,
        STATE_LABELS[audit.state],
        audit.conclusions_version or 0,
    )


CONCLUSIONS_LABEL = "Conclusiones"
RECOMMENDATIONS_LABEL = "Recomendaciones"


def _conclusions_conflict(session: Session, audit: Audit) -> StaleEdit:
    who, when = last_saved(session, "audit", audit.id, ("conclusions", "recommendations"))
    saved = SavedVersion(
        audit.conclusions_version or 0,
        who,
        when,
        (
            (CONCLUSIONS_LABEL, audit.conclusions or ""),
            (RECOMMENDATIONS_LABEL, audit.recommendations or ""),
        ),
    )
    return StaleEdit(f"las conclusiones y recomendaciones de la auditoría {audit.number}", saved)


def report_texts(db: Database, actor: Actor, audit_id: int) -> ReportTexts:
    """The audit's conclusions and recommendations, and whether the actor may change them."""
    with db.sessions() as session:
        return _texts(actor, _readable_audit(session, actor, audit_id))


def _clean(text: str, what: str) -> str:
    value = (text or "").replace("\r\n", "\n").strip()
    if len(value) > MAX_TEXT:
        raise InvalidInput(
            f"Las {what} tienen {len(value):,} caracteres; el máximo es {MAX_TEXT:,}.".replace(
                ",", "."
            )
        )
    return value


class _LostRace(Exception):
    """The guarded UPDATE matched no row: another save committed first."""


def set_conclusions(
    db: Database,
    actor: Actor,
    audit_id: int,
    conclusions: str,
    recommendations: str,
    *,
    expected_version: int | None = None,
) -> ReportTexts:
    """Save the report's conclusions and recommendations (logged field by field).

    ``expected_version`` is the `ReportTexts.version` the user started from; when someone
    saved them since, `StaleEdit` is raised with what is stored now and nothing is written
    (None: save over whatever is stored). Refused once the audit is approved: from then on
    its report is issued and locked. Saving unchanged texts writes nothing.
    """
    actor.require(Permission.WRITE_CONCLUSIONS)
    new = {
        "conclusions": _clean(conclusions, "conclusiones"),
        "recommendations": _clean(recommendations, "recomendaciones"),
    }
    try:
        with db.transaction() as session:
            audit = load_audit(session, actor, audit_id)
            ensure_unlocked(
                session, audit, "sus conclusiones y recomendaciones ya no se pueden modificar."
            )
            current = audit.conclusions_version or 0
            if expected_version is not None and current != expected_version:
                raise _conclusions_conflict(session, audit)
            old = {
                "conclusions": audit.conclusions or "",
                "recommendations": audit.recommendations or "",
            }
            if old != new:
                # The version compared in the UPDATE itself: of two saves from the same
                # version, the second one matches no row.
                written = write_conclusions_if_version(
                    session, audit.id, current, new["conclusions"], new["recommendations"]
                )
                if written != 1:
                    raise _LostRace
                log_changes(session, actor, "audit", audit.id, old, new)
                session.flush()
                session.refresh(audit)
            return _texts(actor, audit)
    except (_LostRace, StaleDataError):
        with db.sessions() as session:
            audit = load_audit(session, actor, audit_id)
            raise _conclusions_conflict(session, audit) from None


# --- Monthly report ----------------------------------------------------------------------


def parse_month(text: str) -> MonthKey:
    """«2026-10» (also «10/2026») as (year, month)."""
    value = str(text).strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value) or re.fullmatch(r"(\d{1,2})/(\d{4})", value)
    if match:
        first, second = match.groups()
        year, month = (int(first), int(second)) if len(first) == 4 else (int(second), int(first))
        if 1 <= month <= 12:
            return year, month
    raise InvalidInput(f"El mes «{text}» no es válido: escríbalo AAAA-MM, por ejemplo 2026-10.")


def _provider(session: Session, actor: Actor, provider: int | str) -> Provider:
    text = str(provider).strip()
    found = provider_named_any_case(session, text)
    if found is None and text.isdigit():
        found = session.get(Provider, int(text))
    if found is None:
        raise NotFound(f"No existe el proveedor «{text}».")
    actor.require_provider(found.id)
    return found


def _channel(channel: Channel | str) -> Channel:
    try:
        return Channel(str(channel).strip().lower())
    except ValueError:
        raise InvalidInput(f"El canal «{channel}» no existe: use virtual o chat.") from None


def monthly_report(
    db: Database,
    actor: Actor,
    *,
    month: str,
    channel: Channel | str,
    provider: int | str,
    pdf_out: Destination = None,
    xlsx_out: Destination = None,
    progress: Progress | None = None,
) -> MonthlyReport:
    """The monthly report of one channel and provider (PDF and workbook).

    ``provider`` is its name or id. Received = the provider's records of the channel
    received in the month; audited = complete evaluations of the audits whose period lies
    mostly in the month; the trend covers the last 12 months and the year to date.
    """
    actor.require(Permission.READ_REPORTS)
    key = parse_month(month)
    wanted = _channel(channel)
    _step(progress, 0, 3)
    with db.sessions() as session:
        found = _provider(session, actor, provider)
        data = monthly_report_data(session, actor, key, wanted, found)
    _step(progress, 1, 3)
    pdf = write_monthly_pdf(data, pdf_out)
    _step(progress, 2, 3)
    xlsx = write_monthly_xlsx(data, xlsx_out)
    _step(progress, 3, 3)
    return MonthlyReport(data, pdf, xlsx)


# --- What the Informes page offers -------------------------------------------------------


def _months_between(first: datetime, last: datetime) -> list[str]:
    year, month = first.year, first.month
    months = []
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def report_choices(db: Database, actor: Actor) -> ReportChoices:
    """The audits whose report the actor may open, the providers and months it may report."""
    actor.require(Permission.READ_REPORTS)
    drafts_hidden = actor.role in (Role.PROVIDER_MANAGER, Role.COMMITTEE)
    with db.sessions() as session:
        rows = audits_with_provider_names(session, include_annulled=True, provider_id=None)
        visible = [
            (a, name)
            for a, name in rows
            if actor.sees_provider(a.provider_id)
            and a.state is not AuditState.ANNULLED
            and not (drafts_hidden and a.state not in LOCKED_STATES)
        ]
        counts = audit_counts(session, [a.id for a, _ in visible])
        providers = [
            ProviderChoice(p.id, p.name)
            for p in providers_by_name(session)
            if actor.sees_provider(p.id)
        ]
        first, last = received_span_of_providers(session, [p.id for p in providers])
    months = _months_between(first, last) if first and last else []
    return ReportChoices(
        audits=tuple(
            AuditChoice(
                a.id,
                a.number,
                a.channel,
                name,
                a.period_start,
                a.period_end,
                a.state,
                counts[a.id].evaluated,
                counts[a.id].population,
                counts[a.id].sampled,
            )
            for a, name in visible
        ),
        providers=tuple(providers),
        months=tuple(reversed(months)),
    )


def report_file_name(number: str, suffix: str) -> str:
    """A safe file name for a report: «Informe AUD-2026-0001.pdf»."""
    return re.sub(r"[^\w.\- ]", "_", f"Informe {number}{suffix}")


def write_bytes(data: bytes, out: str | Path | BinaryIO) -> None:
    """Write already generated report bytes to a path (whole or not at all) or a stream."""
    deliver(data, out)
