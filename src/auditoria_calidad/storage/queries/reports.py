"""Queries of the reports: the audit report, the monthly report, the calibration figures
they print, the conclusions written into an audit report and what the Informes page offers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.storage.calibration_models import (
    CalibrationEvaluator,
    CalibrationJudgement,
    CalibrationRecord,
    CalibrationSession,
)
from auditoria_calidad.storage.models import (
    Agent,
    Audit,
    AuditState,
    CalibrationState,
    Evaluation,
    Finding,
    Provider,
    Record,
    SampleItem,
    SampleOrigin,
    ScoringScheme,
    Setting,
    User,
)
from auditoria_calidad.storage.queries.audits import in_scope

# --- Office settings ---------------------------------------------------------------------


def stored_settings(session: Session) -> dict[str, Any]:
    """Every stored office setting, key → value (settings never saved are absent)."""
    return {s.key: s.value for s in session.scalars(select(Setting))}


# --- The audit report --------------------------------------------------------------------


def complete_evaluations_in_sample(
    session: Session, audit_id: int
) -> Sequence[tuple[Evaluation, Record, str, SampleOrigin]]:
    """(evaluation, record, agent name, origin) of the complete evaluations of the records
    still in the audit's sample, by date of receipt and key."""
    return session.execute(
        select(Evaluation, Record, Agent.name, SampleItem.origin)
        .join(SampleItem, SampleItem.id == Evaluation.sample_item_id)
        .join(Record, Record.id == SampleItem.record_id)
        .join(Agent, Agent.id == Record.agent_id)
        .where(
            SampleItem.audit_id == audit_id,
            SampleItem.removed_at.is_(None),
            Evaluation.complete.is_(True),
        )
        .order_by(Record.received_at, Record.key)
    ).all()


def numbered_findings_of_audit(
    session: Session, audit_id: int
) -> Sequence[tuple[int, str, int | None]]:
    """(record id, criterion key, number) of the audit's findings that have a number."""
    return session.execute(
        select(Finding.record_id, Finding.criterion_key, Finding.number).where(
            Finding.audit_id == audit_id, Finding.number.is_not(None)
        )
    ).all()


def last_review_in_sample(session: Session, audit_id: int) -> datetime | None:
    """The latest ``reviewed_at`` of the evaluations of the records still in the sample."""
    return session.scalar(
        select(func.max(Evaluation.reviewed_at))
        .join(SampleItem, SampleItem.id == Evaluation.sample_item_id)
        .where(SampleItem.audit_id == audit_id, SampleItem.removed_at.is_(None))
    )


def count_sample_in_audit(session: Session, audit_id: int) -> int | None:
    """How many records are in the audit's sample now (removed ones left out)."""
    return session.scalar(
        select(func.count())
        .select_from(SampleItem)
        .where(SampleItem.audit_id == audit_id, SampleItem.removed_at.is_(None))
    )


# --- The monthly report ------------------------------------------------------------------


def count_received_records(
    session: Session, channel: Channel, provider_id: int, start: date, end: date
) -> int:
    """The provider's records of the channel received between the inclusive dates."""
    return (
        session.scalar(
            select(func.count(Record.id)).where(in_scope(channel, provider_id, start, end))
        )
        or 0
    )


def current_scheme_of_channel(session: Session, channel: Channel) -> ScoringScheme | None:
    """The channel's newest current scheme version, if any is stored."""
    return session.scalar(
        select(ScoringScheme)
        .where(ScoringScheme.channel == channel, ScoringScheme.is_current.is_(True))
        .order_by(ScoringScheme.created_at.desc(), ScoringScheme.id.desc())
        .limit(1)
    )


def provider_audits_overlapping(
    session: Session, channel: Channel, provider_id: int, starts_by: date, ends_from: date
) -> Sequence[Audit]:
    """The provider's audits of the channel, not annulled, whose period starts by
    ``starts_by`` and ends on or after ``ends_from``; by period, then id."""
    return session.scalars(
        select(Audit)
        .where(
            Audit.channel == channel,
            Audit.provider_id == provider_id,
            Audit.period_start <= starts_by,
            Audit.period_end >= ends_from,
            Audit.state != AuditState.ANNULLED,
        )
        .order_by(Audit.period_start, Audit.period_end, Audit.id)
    ).all()


# --- Calibration figures of the monthly report -------------------------------------------


def revealed_calibrations_of_audits(
    session: Session, audit_ids: Sequence[int]
) -> Sequence[CalibrationSession]:
    """The calibration sessions of the audits that are no longer open, by id."""
    return session.scalars(
        select(CalibrationSession)
        .where(
            CalibrationSession.audit_id.in_(audit_ids),
            CalibrationSession.state != CalibrationState.OPEN,
        )
        .order_by(CalibrationSession.id)
    ).all()


def calibration_evaluators_with_users(
    session: Session, calibration_id: int
) -> Sequence[tuple[CalibrationEvaluator, User]]:
    """The session's evaluators with their users, by username."""
    return session.execute(
        select(CalibrationEvaluator, User)
        .join(User, User.id == CalibrationEvaluator.user_id)
        .where(CalibrationEvaluator.session_id == calibration_id)
        .order_by(User.username)
    ).all()


def calibration_record_keys(session: Session, calibration_id: int) -> dict[int, str]:
    """Record id → record key of the records the session reviews."""
    return dict(
        session.execute(
            select(Record.id, Record.key)
            .join(CalibrationRecord, CalibrationRecord.record_id == Record.id)
            .where(CalibrationRecord.session_id == calibration_id)
        ).all()
    )


def calibration_judgements(session: Session, calibration_id: int) -> list[CalibrationJudgement]:
    """Every judgement given in the session."""
    return list(
        session.scalars(
            select(CalibrationJudgement).where(CalibrationJudgement.session_id == calibration_id)
        )
    )


# --- Conclusions of an audit report ------------------------------------------------------


def write_conclusions_if_version(
    session: Session, audit_id: int, version: int, conclusions: str, recommendations: str
) -> int:
    """Store the audit's conclusions and recommendations and count their save, only while
    their stored version is still ``version``; returns the rows written (0 or 1)."""
    written: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(Audit)
        .where(Audit.id == audit_id, Audit.conclusions_version == version)
        .values(
            conclusions=conclusions,
            recommendations=recommendations,
            conclusions_version=Audit.conclusions_version + 1,
            version=Audit.version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    return written.rowcount


# --- What the Informes page offers -------------------------------------------------------


def provider_named_any_case(session: Session, name: str) -> Provider | None:
    """The provider whose name is ``name``, ignoring case."""
    return session.scalar(select(Provider).where(func.lower(Provider.name) == name.lower()))


def received_span_of_providers(
    session: Session, provider_ids: Sequence[int]
) -> tuple[datetime | None, datetime | None]:
    """The first and last moment a record of the providers was received (None: none)."""
    first, last = session.execute(
        select(func.min(Record.received_at), func.max(Record.received_at)).where(
            Record.provider_id.in_(provider_ids)
        )
    ).one()
    return first, last
