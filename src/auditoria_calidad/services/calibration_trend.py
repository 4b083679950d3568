"""The agreement of the calibration sessions of some audits, for the monthly report.

Only revealed (or closed) sessions count: an open session is blind and its figures do
not exist yet. Only the overall figures leave here, never a judgement, so any reader
of the monthly report may see them. Called inside the monthly report's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditoria_calidad.domain.calibration_stats import calibration_agreement
from auditoria_calidad.reporting.data import MonthlyCalibrationRow
from auditoria_calidad.services.calibration_access import user_name
from auditoria_calidad.services.calibration_results import scales_of
from auditoria_calidad.services.evaluations import audit_scheme
from auditoria_calidad.storage.models import (
    Audit,
    CalibrationEvaluator,
    CalibrationJudgement,
    CalibrationRecord,
    CalibrationSession,
    CalibrationState,
    Record,
    User,
)


def calibrations_of(session: Session, audits: Sequence[Audit]) -> tuple[MonthlyCalibrationRow, ...]:
    """The revealed sessions of ``audits`` with their overall agreement, oldest first."""
    by_id = {a.id: a for a in audits}
    if not by_id:
        return ()
    sessions = session.scalars(
        select(CalibrationSession)
        .where(
            CalibrationSession.audit_id.in_(by_id),
            CalibrationSession.state != CalibrationState.OPEN,
        )
        .order_by(CalibrationSession.id)
    ).all()
    rows = []
    for cal in sessions:
        audit = by_id[cal.audit_id]
        evaluators = session.execute(
            select(CalibrationEvaluator, User)
            .join(User, User.id == CalibrationEvaluator.user_id)
            .where(CalibrationEvaluator.session_id == cal.id)
            .order_by(User.username)
        ).all()
        usernames = {user.id: user.username for _, user in evaluators}
        keys = dict(
            session.execute(
                select(Record.id, Record.key)
                .join(CalibrationRecord, CalibrationRecord.record_id == Record.id)
                .where(CalibrationRecord.session_id == cal.id)
            ).all()
        )
        given: dict[str, dict[str, dict[str, str]]] = {key: {} for key in keys.values()}
        for j in session.scalars(
            select(CalibrationJudgement).where(CalibrationJudgement.session_id == cal.id)
        ):
            if j.record_id in keys and j.evaluator_id in usernames:
                given[keys[j.record_id]][usernames[j.evaluator_id]] = {
                    str(k): str(v) for k, v in (j.answers or {}).items()
                }
        overall = calibration_agreement(
            scales_of(audit_scheme(audit)), list(usernames.values()), given
        ).overall
        moments = [row.submitted_at for row, _ in evaluators if row.submitted_at]
        revealed = cal.closed_at or (max(moments) if moments else cal.created_at)
        rows.append(
            MonthlyCalibrationRow(
                revealed.date(),
                audit.number,
                tuple(user_name(user) for _, user in evaluators),
                overall.krippendorff_alpha,
                overall.gwet_ac1,
                overall.percent,
            )
        )
    return tuple(sorted(rows, key=lambda r: r.revealed_on))
