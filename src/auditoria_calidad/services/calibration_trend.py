"""The agreement of the calibration sessions of some audits, for the monthly report.

Only revealed (or closed) sessions count: an open session is blind and its figures do
not exist yet. Only the overall figures leave here, never a judgement, so any reader
of the monthly report may see them. Called inside the monthly report's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from auditoria_calidad.domain.calibration_stats import calibration_agreement
from auditoria_calidad.reporting.data import MonthlyCalibrationRow
from auditoria_calidad.services.calibration_access import user_name
from auditoria_calidad.services.calibration_results import scales_of
from auditoria_calidad.services.evaluations import audit_scheme
from auditoria_calidad.storage.models import Audit
from auditoria_calidad.storage.queries.reports import (
    calibration_evaluators_with_users,
    calibration_judgements,
    calibration_record_keys,
    revealed_calibrations_of_audits,
)


def calibrations_of(session: Session, audits: Sequence[Audit]) -> tuple[MonthlyCalibrationRow, ...]:
    """The revealed sessions of ``audits`` with their overall agreement, oldest first."""
    by_id = {a.id: a for a in audits}
    if not by_id:
        return ()
    sessions = revealed_calibrations_of_audits(session, list(by_id))
    rows = []
    for cal in sessions:
        audit = by_id[cal.audit_id]
        evaluators = calibration_evaluators_with_users(session, cal.id)
        usernames = {user.id: user.username for _, user in evaluators}
        keys = calibration_record_keys(session, cal.id)
        given: dict[str, dict[str, dict[str, str]]] = {key: {} for key in keys.values()}
        for j in calibration_judgements(session, cal.id):
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
