"""Calibration sessions: their evaluators, records and judgements, and the sample they
are drawn from."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditoria_calidad.storage.calibration_models import (
    CalibrationEvaluator,
    CalibrationJudgement,
    CalibrationRecord,
    CalibrationSession,
)
from auditoria_calidad.storage.models import (
    Record,
    SampleItem,
    User,
)


def sampled_records(session: Session, audit_id: int) -> list[Record]:
    """The records in the audit's sample (removed items left out)."""
    return list(
        session.scalars(
            select(Record)
            .join(SampleItem, SampleItem.record_id == Record.id)
            .where(SampleItem.audit_id == audit_id, SampleItem.removed_at.is_(None))
        )
    )


def calibration_ids(session: Session, audit_id: int | None = None) -> list[int]:
    """The ids of the calibration sessions, of one audit or of all, newest first."""
    query = select(CalibrationSession.id).order_by(CalibrationSession.id.desc())
    if audit_id is not None:
        query = query.where(CalibrationSession.audit_id == audit_id)
    return list(session.scalars(query))


def evaluators_of_calibration(
    session: Session, calibration_id: int
) -> list[tuple[CalibrationEvaluator, User]]:
    """The session's evaluator rows with their users, by username."""
    rows = session.execute(
        select(CalibrationEvaluator, User)
        .join(User, User.id == CalibrationEvaluator.user_id)
        .where(CalibrationEvaluator.session_id == calibration_id)
        .order_by(User.username)
    ).all()
    return [(row, user) for row, user in rows]


def records_of_calibration(session: Session, calibration_id: int) -> list[Record]:
    """The session's records, by reception time and key."""
    return list(
        session.scalars(
            select(Record)
            .join(CalibrationRecord, CalibrationRecord.record_id == Record.id)
            .where(CalibrationRecord.session_id == calibration_id)
            .order_by(Record.received_at, Record.key)
        )
    )


def judgements_of_calibration(session: Session, calibration_id: int) -> list[CalibrationJudgement]:
    """Every evaluator's judgements of the session (read only once it is revealed)."""
    return list(
        session.scalars(
            select(CalibrationJudgement).where(CalibrationJudgement.session_id == calibration_id)
        )
    )


def judgements_of_evaluator(
    session: Session, calibration_id: int, evaluator_id: int
) -> list[CalibrationJudgement]:
    return list(
        session.scalars(
            select(CalibrationJudgement).where(
                CalibrationJudgement.session_id == calibration_id,
                CalibrationJudgement.evaluator_id == evaluator_id,
            )
        )
    )


def judgement_of_record(
    session: Session, calibration_id: int, evaluator_id: int, record_id: int
) -> CalibrationJudgement | None:
    """One evaluator's judgement of one record of the session, if saved."""
    return session.scalar(
        select(CalibrationJudgement).where(
            CalibrationJudgement.session_id == calibration_id,
            CalibrationJudgement.evaluator_id == evaluator_id,
            CalibrationJudgement.record_id == record_id,
        )
    )
