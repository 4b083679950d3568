"""Calibration: several evaluators judge the same records of an audit blind, then compare.

Use cases (each ``f(db, actor, …)``, one transaction, DTOs of services.calibration_dtos):

- ``eligible_evaluators``: users who may evaluate (the pickers of the window).
- ``create_calibration``: by a user who manages audits (auditor, head of office), from an
  audit's sample: ``size`` records drawn with a recorded ``seed``, or chosen
  ``record_keys``; two or more evaluators (usernames of users with the evaluate
  permission) and optionally a ``reference`` among them.
- ``list_calibrations``, ``get_calibration``: the sessions the reader may see.
- ``list_records``, ``load_form``, ``save_judgement``: the reader's own judgements, with the
  F182 criteria of the audit's scheme version, its validation and its observation rule
  (a «No cumple» or a level that earns nothing needs the observation); optimistic
  locking by ``version`` (``JudgementConflict``).
- ``submit_calibration``: the evaluator is done (every record judged); final.
- ``close_calibration``: the creator ends it; unsubmitted judgements count as they are.
- ``show_calibration``: the state, the reader's progress and, once revealed, the figures
  (services.calibration_results) and everyone's judgements, widest disagreement first.
- The Excel round trip of the reader's own sheet: services.calibration_exchange
  (``export_own_sheet``, ``import_own_sheet``).

Blind: until a session is revealed (every evaluator submitted, or the creator closed it)
every read returns the reader's own judgements only; there is no function that returns
another evaluator's judgements of an open session. Members are the evaluators and the
creator; the head of office (approve permission) may also read revealed sessions.
Calibration judgements live in their own table: the audit's evaluations, scores and
state are never read for writing nor changed here.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.scoring import ScoringError, score_record
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_changes, log_event
from auditoria_calidad.services.audits import load_audit
from auditoria_calidad.services.calibration_access import (
    LoadedCalibration,
    judgement_of,
    now,
    own_judgements,
    user_name,
)
from auditoria_calidad.services.calibration_dtos import (
    CalibrationFormData,
    CalibrationRecordRow,
    CalibrationState,
    CalibrationSummary,
    CalibrationView,
    EvaluatorStatus,
    Judgement,
    JudgementConflict,
    JudgementDraft,
    MyProgress,
)
from auditoria_calidad.services.calibration_results import criteria_of, results
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput, NotFound, PermissionDenied
from auditoria_calidad.services.evaluations import (
    _record_view,
    check_observation,
    clean_answers,
    record_computed,
    timeliness_of,
)
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
    Record,
    User,
)
from auditoria_calidad.storage.queries.administration import active_users, user_named
from auditoria_calidad.storage.queries.calibration import (
    calibration_ids,
    judgement_of_record,
    judgements_of_calibration,
    sampled_records,
)

MIN_EVALUATORS = 2


# --- Creating --------------------------------------------------------------------------


def eligible_evaluators(db: Database, actor: Actor) -> list[EvaluatorStatus]:
    """Active users whose role may evaluate (auditors, head of office), by username."""
    actor.require(Permission.MANAGE_AUDITS)
    with db.sessions() as session:
        users = active_users(session)
        return [
            EvaluatorStatus(u.id, u.username, user_name(u), None)
            for u in users
            if Actor(u.id, u.username, u.full_name, u.role).can(Permission.EVALUATE)
        ]


def _evaluator_users(session: Session, usernames: Sequence[str]) -> list[User]:
    names = [n.strip() for n in usernames if n.strip()]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise InvalidInput(f"El evaluador «{repeated[0]}» está repetido.")
    if len(names) < MIN_EVALUATORS:
        raise InvalidInput("Una calibración necesita al menos dos evaluadores distintos.")
    users = []
    for name in names:
        user = user_named(session, name)
        if user is None:
            raise NotFound(f"No existe el usuario «{name}».")
        if not user.active:
            raise InvalidInput(f"El usuario «{name}» está inactivo: no puede evaluar.")
        if not Actor(user.id, user.username, user.full_name, user.role).can(Permission.EVALUATE):
            raise InvalidInput(
                f"El usuario «{name}» tiene el rol {user.role.label}, que no evalúa registros."
            )
        users.append(user)
    return users


def _choose_records(
    session: Session,
    audit: Audit,
    size: int | None,
    record_keys: Sequence[str] | None,
    seed: int | None,
) -> tuple[list[Record], int | None]:
    sampled = {record.key: record for record in sampled_records(session, audit.id)}
    if not sampled:
        raise InvalidInput(
            f"La auditoría {audit.number} no tiene muestra: sortéela antes de calibrar."
        )
    if record_keys:
        if size is not None or seed is not None:
            raise InvalidInput("Indique el tamaño (y la semilla) o los registros, no ambos.")
        keys = list(dict.fromkeys(k.strip() for k in record_keys if k.strip()))
        missing = [k for k in keys if k not in sampled]
        if missing:
            raise InvalidInput(
                f"El registro «{missing[0]}» no está en la muestra de la auditoría {audit.number}."
            )
        return [sampled[k] for k in keys], None
    if size is None:
        raise InvalidInput("Indique cuántos registros calibrar o cuáles.")
    if not 1 <= size <= len(sampled):
        raise InvalidInput(
            f"El tamaño debe estar entre 1 y {len(sampled)} (los registros de la muestra de "
            f"la auditoría {audit.number}); se pidió {size}."
        )
    seed = secrets.randbelow(2**31 - 1) + 1 if seed is None else seed
    # Sorted keys and the seed make the draw reproducible on any database.
    keys = random.Random(seed).sample(sorted(sampled), size)
    return [sampled[k] for k in keys], seed


def create_calibration(
    db: Database,
    actor: Actor,
    audit_id: int,
    *,
    evaluators: Sequence[str],
    size: int | None = None,
    record_keys: Sequence[str] | None = None,
    reference: str | None = None,
    seed: int | None = None,
) -> CalibrationSummary:
    """A new open session over ``size`` sampled records drawn with ``seed`` (a new seed
    when None, recorded) or over the chosen ``record_keys``; InvalidInput says why not."""
    actor.require(Permission.MANAGE_AUDITS)
    with db.transaction() as session:
        audit = load_audit(session, actor, audit_id)
        if audit.state is AuditState.ANNULLED:
            raise InvalidInput(f"La auditoría {audit.number} está anulada.")
        users = _evaluator_users(session, evaluators)
        reference_user = None
        if reference:
            reference_user = next((u for u in users if u.username == reference.strip()), None)
            if reference_user is None:
                raise InvalidInput(
                    f"El evaluador de referencia «{reference}» debe ser uno de los evaluadores."
                )
        records, used_seed = _choose_records(session, audit, size, record_keys, seed)
        cal = CalibrationSession(
            audit_id=audit.id,
            created_by=actor.id,
            created_at=now(),
            seed=used_seed,
            size=len(records),
            state=CalibrationState.OPEN,
            reference_user_id=reference_user.id if reference_user else None,
        )
        session.add(cal)
        session.flush()
        session.add_all(CalibrationEvaluator(session_id=cal.id, user_id=u.id) for u in users)
        session.add_all(CalibrationRecord(session_id=cal.id, record_id=r.id) for r in records)
        session.flush()
        log_event(
            session,
            actor,
            "calibration",
            cal.id,
            "create",
            new=f"{audit.number}: {counted(len(records), 'registro', 'registros')}, "
            f"evaluadores {', '.join(u.username for u in users)}",
        )
        return LoadedCalibration(session, actor, cal.id).summary()


# --- Reading ---------------------------------------------------------------------------


def get_calibration(db: Database, actor: Actor, calibration_id: int) -> CalibrationSummary:
    with db.sessions() as session:
        return LoadedCalibration(session, actor, calibration_id).summary()


def list_calibrations(
    db: Database, actor: Actor, audit_id: int | None = None
) -> list[CalibrationSummary]:
    """The sessions the reader may see (newest first), of one audit or of all."""
    with db.sessions() as session:
        found = []
        for cal_id in calibration_ids(session, audit_id):
            try:
                found.append(LoadedCalibration(session, actor, cal_id).summary())
            except PermissionDenied:
                continue
        return found


def list_records(db: Database, actor: Actor, calibration_id: int) -> list[CalibrationRecordRow]:
    """The session's records with the reader's own judgement state (never anyone else's)."""
    with db.sessions() as session:
        loaded = LoadedCalibration(session, actor, calibration_id)
        own = own_judgements(session, loaded, actor.id)
        rows = []
        for record in loaded.records:
            saved = own.get(record.id)
            judged = judgement_of(loaded.scheme, record, saved, actor.username) if saved else None
            rows.append(
                CalibrationRecordRow(
                    record.id,
                    record.key,
                    session.get(Agent, record.agent_id).name,  # type: ignore[union-attr]
                    record.received_at,
                    bool(judged and judged.complete),
                    judged.score if judged else None,
                    judged.version if judged else None,
                )
            )
        return rows


def load_form(
    db: Database, actor: Actor, calibration_id: int, record_id: int
) -> CalibrationFormData:
    """The record as the F182 form shows it, with the reader's own saved judgement."""
    with db.sessions() as session:
        loaded = LoadedCalibration(session, actor, calibration_id)
        record = loaded.record(record_id)
        timeliness, problem = timeliness_of(record, loaded.scheme)
        saved = own_judgements(session, loaded, actor.id).get(record.id)
        editable = (
            loaded.mine is not None
            and loaded.mine.submitted_at is None
            and loaded.cal.state is CalibrationState.OPEN
        )
        return CalibrationFormData(
            calibration_id=loaded.cal.id,
            record_id=record.id,
            audit_number=loaded.audit.number,
            editable=editable,
            record=_record_view(record, actor),
            scheme=loaded.scheme,
            timeliness=timeliness,
            timeliness_problem=problem,
            computed=record_computed(record, loaded.scheme),
            saved=None
            if saved is None
            else judgement_of(loaded.scheme, record, saved, actor.username),
        )


def show_calibration(db: Database, actor: Actor, calibration_id: int) -> CalibrationView:
    """The session as the reader may see it: figures and everyone's judgements only once
    revealed; before, the evaluators' names and submission, and the reader's progress."""
    with db.sessions() as session:
        loaded = LoadedCalibration(session, actor, calibration_id)
        progress = None
        if loaded.mine is not None:
            own = own_judgements(session, loaded, actor.id)
            judged = sum(
                judgement_of(loaded.scheme, r, own[r.id], actor.username).complete
                for r in loaded.records
                if r.id in own
            )
            progress = MyProgress(len(loaded.records), judged, loaded.mine.submitted_at)
        summary = loaded.summary()
        outcome = None
        if loaded.revealed:
            everyone = judgements_of_calibration(session, loaded.cal.id)
            users = {user.id: user for _, user in loaded.evaluators}
            by_record = {r.id: r for r in loaded.records}
            judgements = [
                judgement_of(
                    loaded.scheme, by_record[j.record_id], j, users[j.evaluator_id].username
                )
                for j in everyone
                if j.record_id in by_record and j.evaluator_id in users
            ]
            agents = {
                r.id: session.get(Agent, r.agent_id).name  # type: ignore[union-attr]
                for r in loaded.records
            }
            outcome = results(loaded.scheme, summary, loaded.records, agents, judgements)
        return CalibrationView(
            summary=summary,
            criteria=criteria_of(loaded.scheme),
            my_progress=progress,
            results=outcome,
            can_close=loaded.cal.created_by == actor.id
            and loaded.cal.state is not CalibrationState.CLOSED,
        )


# --- Judging ---------------------------------------------------------------------------


def save_in_session(
    session: Session,
    actor: Actor,
    loaded: LoadedCalibration,
    record_id: int,
    draft: JudgementDraft,
    *,
    expected_version: int | None,
) -> tuple[Judgement, bool]:
    """Save the reader's judgement inside the caller's transaction: (stored, changed).
    The workbook import uses it too, so both paths validate the same way."""
    loaded.require_editable(actor)
    record = loaded.record(record_id)
    scheme = loaded.scheme
    answers = clean_answers(scheme, draft.answers)
    try:
        score_record(scheme, answers, record_computed(record, scheme))
    except ScoringError as exc:
        raise InvalidInput(str(exc)) from exc
    observation = draft.observation.strip()
    row = judgement_of_record(session, loaded.cal.id, actor.id, record.id)
    if row is not None and row.version != expected_version:
        raise JudgementConflict(judgement_of(scheme, record, row, actor.username))
    if row is not None and dict(row.answers or {}) == answers and row.observation == observation:
        return judgement_of(scheme, record, row, actor.username), False
    check_observation(scheme, answers, observation)
    old = {} if row is None else _logged(row.answers or {}, row.observation)
    if row is None:
        row = CalibrationJudgement(
            session_id=loaded.cal.id, evaluator_id=actor.id, record_id=record.id
        )
        session.add(row)
    row.answers = answers
    row.observation = observation
    row.updated_at = now()
    session.flush()
    log_changes(session, actor, "calibration_judgement", row.id, old, _logged(answers, observation))
    return judgement_of(scheme, record, row, actor.username), True


def _logged(answers: dict[str, str], observation: str) -> dict[str, str | None]:
    logged: dict[str, str | None] = {f"criterio.{k}": v for k, v in answers.items()}
    logged["observaciones"] = observation or None
    return logged


def save_judgement(
    db: Database,
    actor: Actor,
    calibration_id: int,
    record_id: int,
    draft: JudgementDraft,
    *,
    expected_version: int | None,
) -> Judgement:
    """Save the reader's judgement of one record (``expected_version``: the version the
    reader started from, None when none was saved). Raises JudgementConflict,
    ObservationRequired (services.evaluations) or InvalidInput."""
    try:
        with db.transaction() as session:
            loaded = LoadedCalibration(session, actor, calibration_id, lock=True)
            saved, _ = save_in_session(
                session, actor, loaded, record_id, draft, expected_version=expected_version
            )
        return saved
    except (StaleDataError, IntegrityError):
        form = load_form(db, actor, calibration_id, record_id)
        if form.saved is not None:
            raise JudgementConflict(form.saved) from None
        raise


def submit_calibration(db: Database, actor: Actor, calibration_id: int) -> CalibrationSummary:
    """The reader hands in their judgements (final): every record must be judged whole.
    When the last evaluator submits, the session is revealed to its members."""
    with db.transaction() as session:
        loaded = LoadedCalibration(session, actor, calibration_id, lock=True)
        mine = loaded.require_editable(actor)
        own = own_judgements(session, loaded, actor.id)
        pending = [
            r.key
            for r in loaded.records
            if r.id not in own or not judgement_of(loaded.scheme, r, own[r.id], "").complete
        ]
        if pending:
            listed = ", ".join(pending[:5]) + ("…" if len(pending) > 5 else "")
            raise InvalidInput(
                f"Faltan {counted(len(pending), 'registro', 'registros')} por juzgar por "
                f"completo ({listed}): juzgue cada criterio (N.A. cuenta) antes de entregar."
            )
        mine.submitted_at = now()
        log_event(session, actor, "calibration", loaded.cal.id, "submit")
        if all(row.submitted_at is not None for row, _ in loaded.evaluators):
            loaded.cal.state = CalibrationState.REVEALED
            log_event(session, actor, "calibration", loaded.cal.id, "state", new="revealed")
        session.flush()
        return loaded.summary()


def close_calibration(db: Database, actor: Actor, calibration_id: int) -> CalibrationSummary:
    """The creator ends the session: no more judgements; it is revealed to its members."""
    with db.transaction() as session:
        loaded = LoadedCalibration(session, actor, calibration_id, lock=True)
        if loaded.cal.created_by != actor.id:
            raise PermissionDenied(
                f"Solo quien creó la calibración {loaded.cal.id} puede cerrarla."
            )
        if loaded.cal.state is CalibrationState.CLOSED:
            raise InvalidInput(f"La calibración {loaded.cal.id} ya está cerrada.")
        old = loaded.cal.state.value
        loaded.cal.state = CalibrationState.CLOSED
        loaded.cal.closed_at = now()
        log_event(session, actor, "calibration", loaded.cal.id, "state", old=old, new="closed")
        session.flush()
        return loaded.summary()
