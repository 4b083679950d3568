"""Loading a calibration session with the checks every use case needs: who may read it
(members: its evaluators and its creator; the head of office once it is revealed), and
the reader's own judgements. Blindness rests here: only ``_Loaded.revealed`` sessions
let anyone read judgements other than their own (services.calibration).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.scheme import ScoringScheme
from auditoria_calidad.domain.scoring import ScoringError, score_record
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import load_audit
from auditoria_calidad.services.calibration_dtos import (
    CalibrationState,
    CalibrationSummary,
    EvaluatorStatus,
    Judgement,
)
from auditoria_calidad.services.errors import InvalidInput, NotFound, PermissionDenied
from auditoria_calidad.services.evaluations import audit_scheme, record_computed
from auditoria_calidad.storage.calibration_models import (
    CalibrationEvaluator,
    CalibrationJudgement,
    CalibrationSession,
)
from auditoria_calidad.storage.models import (
    Audit,
    Record,
    User,
)
from auditoria_calidad.storage.queries.calibration import (
    evaluators_of_calibration,
    judgements_of_evaluator,
    records_of_calibration,
)


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def user_name(user: User) -> str:
    return user.full_name or user.username


# --- Loading with the checks every use case needs ----------------------------------------


class LoadedCalibration:
    """A session with its audit, scheme, evaluators and records, as the reader may see it."""

    def __init__(
        self, session: Session, actor: Actor, calibration_id: int, *, lock: bool = False
    ) -> None:
        # A write locks the session's row (FOR UPDATE on PostgreSQL), so that two last
        # submissions, or a submission and a close, are applied one after the other.
        cal = session.get(CalibrationSession, calibration_id, with_for_update=lock)
        if cal is None:
            raise NotFound(f"No existe la calibración {calibration_id}.")
        self.cal = cal
        self.audit: Audit = load_audit(session, actor, cal.audit_id)
        self.scheme: ScoringScheme = audit_scheme(self.audit)
        self.evaluators = evaluators_of_calibration(session, cal.id)
        self.records = records_of_calibration(session, cal.id)
        self.creator = session.get(User, cal.created_by)
        self.mine = next((row for row, user in self.evaluators if user.id == actor.id), None)
        member = self.mine is not None or cal.created_by == actor.id
        supervisor = actor.can(Permission.APPROVE) and self.revealed
        if not (member or supervisor):
            raise PermissionDenied(
                f"Usted no participa en la calibración {cal.id}: solo sus evaluadores y quien "
                "la creó pueden consultarla."
            )

    @property
    def revealed(self) -> bool:
        return self.cal.state is not CalibrationState.OPEN

    def record(self, record_id: int) -> Record:
        found = next((r for r in self.records if r.id == record_id), None)
        if found is None:
            raise NotFound(f"El registro {record_id} no está en la calibración {self.cal.id}.")
        return found

    def require_editable(self, actor: Actor) -> CalibrationEvaluator:
        """The reader's evaluator row, if they may still change their judgements."""
        if self.mine is None:
            raise PermissionDenied(
                f"Usted no es evaluador de la calibración {self.cal.id}: no puede juzgar sus "
                "registros."
            )
        actor.require(Permission.EVALUATE)
        if self.cal.state is not CalibrationState.OPEN:
            raise InvalidInput(
                f"La calibración {self.cal.id} está {self.state_label}: ya no admite juicios."
            )
        if self.mine.submitted_at is not None:
            raise InvalidInput(
                f"Usted ya entregó sus juicios de la calibración {self.cal.id} el "
                f"{self.mine.submitted_at:%d/%m/%Y a las %H:%M}: ya no se pueden cambiar."
            )
        return self.mine

    @property
    def state_label(self) -> str:
        return {"open": "abierta", "revealed": "revelada", "closed": "cerrada"}[
            self.cal.state.value
        ]

    def summary(self) -> CalibrationSummary:
        reference = self.cal.reference_user_id
        return CalibrationSummary(
            id=self.cal.id,
            audit_id=self.audit.id,
            audit_number=self.audit.number,
            state=self.cal.state,
            created_by=self.creator.username if self.creator else "",
            created_at=self.cal.created_at,
            seed=self.cal.seed,
            size=self.cal.size,
            record_keys=tuple(r.key for r in self.records),
            evaluators=tuple(
                EvaluatorStatus(
                    user.id, user.username, user_name(user), row.submitted_at, user.id == reference
                )
                for row, user in self.evaluators
            ),
            reference=next((u.username for _, u in self.evaluators if u.id == reference), None),
        )


def judgement_of(
    scheme: ScoringScheme, record: Record, row: CalibrationJudgement, username: str
) -> Judgement:
    answers = {str(k): str(v) for k, v in (row.answers or {}).items()}
    try:
        scored = score_record(scheme, answers, record_computed(record, scheme))
        score = scored.score if scored.judged else None
        complete = scored.complete
    except ScoringError:  # saved answers are checked; a changed scheme cannot happen
        score, complete = None, False
    return Judgement(
        record.id,
        record.key,
        username,
        answers,
        row.observation or "",
        score,
        complete,
        row.version,
        row.updated_at,
    )


def own_judgements(
    session: Session, loaded: LoadedCalibration, user_id: int
) -> dict[int, CalibrationJudgement]:
    return {row.record_id: row for row in judgements_of_evaluator(session, loaded.cal.id, user_id)}
