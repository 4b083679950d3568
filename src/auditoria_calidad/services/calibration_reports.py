"""The calibration report PDF of a revealed session (reporting.calibration_report).

Only a revealed session has a report: before that, a document would either leak the
evaluators' judgements or show nothing worth filing. The reader must be allowed to see
the session (its members, or the head of office once revealed: services.calibration).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from auditoria_calidad.domain.scheme import NOT_APPLICABLE, CriterionKind, ScoringScheme
from auditoria_calidad.domain.scoring import Verdict
from auditoria_calidad.reporting.calibration_report import (
    CalibrationReportData,
    CriterionFigures,
    DisagreementRecord,
    EvaluatorJudgement,
    EvaluatorLine,
    write_calibration_report,
)
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.calibration import show_calibration
from auditoria_calidad.services.calibration_access import LoadedCalibration
from auditoria_calidad.services.calibration_dtos import CalibrationView
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.report_letterhead import letterhead
from auditoria_calidad.storage.models import Provider
from auditoria_calidad.storage.queries.reports import count_sample_in_audit

__all__ = ["calibration_report_data", "calibration_report_pdf", "value_label"]


def value_label(scheme: ScoringScheme, key: str, value: str | None) -> str:
    """What a judged value reads as: «Cumple», «No cumple», «N.A.», a level's label;
    «—» when none was given."""
    if value is None:
        return "—"
    try:
        criterion = scheme.criterion(key)
    except KeyError:
        return value
    if criterion.kind is CriterionKind.LEVEL and value != NOT_APPLICABLE:
        level = criterion.level(value)
        return level.label if level else value
    try:
        return Verdict(value).label
    except ValueError:
        return value


def _issued(view: CalibrationView, closed_at: datetime | None) -> datetime:
    """The PDF's date: when the session was revealed (its last judgement or submission,
    or its closing), so that the same session always gives the same bytes."""
    moments = [view.summary.created_at]
    moments += [e.submitted_at for e in view.summary.evaluators if e.submitted_at]
    if closed_at is not None:
        moments.append(closed_at)
    if view.results is not None:
        moments += [j.updated_at for r in view.results.records for j in r.judgements.values()]
    return max(moments)


def calibration_report_data(
    db: Database, actor: Actor, calibration_id: int
) -> CalibrationReportData:
    """The report's data; InvalidInput while the session is still open (blind)."""
    view = show_calibration(db, actor, calibration_id)
    results = view.results
    if results is None:
        raise InvalidInput(
            f"La calibración {calibration_id} sigue abierta: su informe se puede generar "
            "cuando todos los evaluadores entreguen o quien la creó la cierre."
        )
    with db.sessions() as session:
        loaded = LoadedCalibration(session, actor, calibration_id)
        audit, scheme = loaded.audit, loaded.scheme
        provider = session.get(Provider, audit.provider_id)
        sample_size = count_sample_in_audit(session, audit.id)
        head = letterhead(session, "calibration_report_code")
        closed_at = loaded.cal.closed_at
    s = view.summary
    names = {e.username: e.name for e in s.evaluators}
    labels = {c.key: c.label for c in results.criteria}

    def who(username: str) -> str:
        name = names.get(username, username)
        return name if name == username else f"{name} ({username})"

    disagreements = []
    for record in results.records:
        if not record.criteria_in_disagreement:
            continue
        lines = []
        for e in s.evaluators:
            j = record.judgements.get(e.username)
            answers = j.answers if j else {}
            lines.append(
                EvaluatorJudgement(
                    who(e.username),
                    tuple(
                        value_label(scheme, k, answers.get(k))
                        for k in record.criteria_in_disagreement
                    ),
                    j.score if j else None,
                    j.observation if j else "",
                )
            )
        disagreements.append(
            DisagreementRecord(
                record.key,
                record.agent,
                record.score_range,
                tuple(labels.get(k, k) for k in record.criteria_in_disagreement),
                tuple(lines),
            )
        )
    return CalibrationReportData(
        letterhead=head,
        calibration_id=s.id,
        audit_number=s.audit_number,
        channel=audit.channel.label,
        provider=provider.name if provider else "",
        period_start=audit.period_start,
        period_end=audit.period_end,
        state=s.state_label,
        created_by=who(s.created_by),
        created_at=s.created_at,
        issued_at=_issued(view, closed_at),
        seed=s.seed,
        sample_size=int(sample_size or 0),
        record_keys=s.record_keys,
        evaluators=tuple(
            who(e.username) + (" — referencia" if e.is_reference else "") for e in s.evaluators
        ),
        reference=who(s.reference) if s.reference else None,
        overall=results.agreement.overall,
        criteria=tuple(
            CriterionFigures(c.label, c.ordinal, results.agreement.by_criterion[c.key])
            for c in results.criteria
            if c.key in results.agreement.by_criterion
        ),
        by_evaluator=tuple(
            EvaluatorLine(
                name=who(f.username),
                submitted=f.submitted,
                is_reference=f.is_reference,
                records_scored=f.records_scored,
                mean_score=f.mean_score,
                lowest_score=f.lowest_score,
                highest_score=f.highest_score,
                strictest=f.strictest,
                most_lenient=f.most_lenient,
                alignment=None
                if f.alignment is None
                else tuple((labels.get(k, k), v) for k, v in f.alignment.items()),
            )
            for f in results.by_evaluator
        ),
        score_gap=results.score_gap,
        disagreements=tuple(disagreements),
    )


def calibration_report_pdf(
    db: Database,
    actor: Actor,
    calibration_id: int,
    *,
    out: str | Path | BinaryIO | None = None,
) -> bytes:
    """The calibration report PDF (also written to ``out``, whole or not at all)."""
    return write_calibration_report(calibration_report_data(db, actor, calibration_id), out)
