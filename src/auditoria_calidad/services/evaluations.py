"""Filling form F182 for the sampled records of an audit: list, load, save, next pending.

A save is one transaction: the evaluation row, its score (computed here, with the audit's
own scheme version), one audit-log entry per changed field, and the audit's move from
draft to in review. Concurrent edits on a shared database are refused with
`EvaluationConflict`, which carries the version that was saved meanwhile, so the window can
show both; nothing is overwritten silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.identity import shown_identity
from auditoria_calidad.domain.observation_rule import (
    missing_observation,
    observation_required_message,
)
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.scheme import CriterionKind, ScoringScheme, scheme_from_dict
from auditoria_calidad.domain.scoring import ScoringError, computed_values, score_record
from auditoria_calidad.domain.timeliness import (
    TimelinessError,
    TimelinessResult,
    evaluate_timeliness,
)
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_changes, log_event
from auditoria_calidad.services.audits import (
    LOCKED_STATES,
    ensure_unlocked,
    load_audit,
    sync_state,
)
from auditoria_calidad.services.errors import ConcurrentEdit, InvalidInput, NotFound
from auditoria_calidad.services.evaluation_dtos import EVALUATED as EVALUATED
from auditoria_calidad.services.evaluation_dtos import PENDING as PENDING
from auditoria_calidad.services.evaluation_dtos import EvaluationDraft as EvaluationDraft
from auditoria_calidad.services.evaluation_dtos import EvaluationFormData as EvaluationFormData
from auditoria_calidad.services.evaluation_dtos import RecordView as RecordView
from auditoria_calidad.services.evaluation_dtos import SampleRow as SampleRow
from auditoria_calidad.services.evaluation_dtos import SavedEvaluation as SavedEvaluation
from auditoria_calidad.services.screening import entity_settings
from auditoria_calidad.storage.database import Database
from auditoria_calidad.storage.models import Audit, Evaluation, Record, SampleItem, User
from auditoria_calidad.storage.queries.evaluations import (
    evaluation_of_item,
    sampled_records_of_audit,
)


class ObservationRequired(InvalidInput):
    """A «No cumple» (or a level that earns nothing) without an observation; ``keys`` are
    the criteria left unexplained."""

    def __init__(self, message: str, keys: tuple[str, ...]) -> None:
        super().__init__(message)
        self.keys = keys


def check_observation(scheme: ScoringScheme, answers: Mapping[str, str], observations: str) -> None:
    """Refuse (ObservationRequired) a failed judged criterion left without observation."""
    keys = missing_observation(scheme, answers, observations)
    if keys:
        raise ObservationRequired(observation_required_message(scheme, keys), keys)


class EvaluationConflict(ConcurrentEdit):
    """Someone saved the same evaluation meanwhile; ``saved`` is what is stored now."""

    def __init__(self, saved: SavedEvaluation) -> None:
        super().__init__(
            f"{saved.reviewer} guardó esta evaluación a las {saved.reviewed_at:%H:%M} "
            f"del {saved.reviewed_at:%d/%m/%Y} mientras usted la editaba. No se sobrescribió "
            "nada: compare su versión con la guardada y elija cuál conservar."
        )
        self.saved = saved


# --- Helpers -----------------------------------------------------------------------------

_schemes: dict[int, ScoringScheme] = {}


def audit_scheme(audit: Audit) -> ScoringScheme:
    """The audit's scheme version (scheme rows never change, so it is cached by id)."""
    scheme = _schemes.get(audit.scheme_id)
    if scheme is None:
        scheme = scheme_from_dict(audit.scheme.definition)
        _schemes[audit.scheme_id] = scheme
    return scheme


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _sample_item(session: Session, actor: Actor, sample_item_id: int) -> tuple[SampleItem, Audit]:
    item = session.get(SampleItem, sample_item_id)
    if item is None or item.removed_at is not None:
        raise NotFound(f"El registro {sample_item_id} no está en la muestra de ninguna auditoría.")
    return item, load_audit(session, actor, item.audit_id)


def _reviewer_name(session: Session, user_id: int) -> str:
    user = session.get(User, user_id)
    return (user.full_name or user.username) if user else "otro usuario"


def _snapshot(session: Session, evaluation: Evaluation) -> SavedEvaluation:
    return SavedEvaluation(
        sample_item_id=evaluation.sample_item_id,
        evaluation_id=evaluation.id,
        answers={str(k): str(v) for k, v in (evaluation.answers or {}).items()},
        spelling_level=evaluation.spelling_level,
        spelling_suspects=evaluation.spelling_suspects,
        word_count=evaluation.word_count,
        observations=evaluation.observations or "",
        score=evaluation.score,
        score_without_critical=evaluation.score_without_critical,
        complete=evaluation.complete,
        reviewer=_reviewer_name(session, evaluation.reviewer_id),
        reviewed_at=evaluation.reviewed_at,
        version=evaluation.version,
    )


def timeliness_of(
    record: Record, scheme: ScoringScheme
) -> tuple[TimelinessResult | None, str | None]:
    """(timeliness of a virtual record, or None with the Spanish reason it has none)."""
    if record.channel is not Channel.VIRTUAL:
        return None, None
    if record.answered_at is None:
        return None, "El registro no tiene fecha y hora de respuesta."
    t = scheme.thresholds
    try:
        result = evaluate_timeliness(
            record.received_at,
            record.answered_at,
            record.request_type,
            limit_hours=t.hours_allowed,
            clock=t.clock,
            calendar=t.calendar,
            answered_day_only=record.answered_day_only,
        )
    except TimelinessError as exc:
        return None, str(exc)
    return result, None


def record_computed(record: Record, scheme: ScoringScheme) -> dict[str, bool | None]:
    """The computed criteria (24 h, wait time, CRM) of ``record`` under ``scheme``."""
    timeliness, _ = timeliness_of(record, scheme)
    return computed_values(
        scheme,
        within_limit=None if timeliness is None else timeliness.within,
        wait_seconds=record.wait_seconds,
        registered_in_crm=record.registered_in_crm,
        crm_registrations=record.crm_registrations,
    )


def _record_view(record: Record, actor: Actor) -> RecordView:
    identity = shown_identity(record.identity_number, actor.can(Permission.SEE_FULL_IDENTITY))
    return RecordView(
        key=record.key,
        channel=record.channel,
        agent=record.agent.name,
        received_at=record.received_at,
        answered_at=record.answered_at,
        identity=identity,
        requester_name=record.requester_name or "",
        request_type=record.request_type or "",
        service=record.service or "",
        crm_registrations=record.crm_registrations,
        request_text=record.request_text or "",
        answer_text=record.answer_text or "",
        wait_seconds=record.wait_seconds,
        registered_in_crm=record.registered_in_crm,
        user_rating=record.user_rating,
        answered_day_only=record.answered_day_only,
    )


# --- Use cases: reading ------------------------------------------------------------------


def list_sample(db: Database, actor: Actor, audit_id: int) -> list[SampleRow]:
    """The audit's sampled records (removed ones excluded), by date of receipt."""
    actor.require(Permission.EVALUATE)
    with db.sessions() as session:
        load_audit(session, actor, audit_id)
        return [
            SampleRow(
                item_id,
                key,
                agent,
                received,
                answered,
                EVALUATED if complete else PENDING,
                score,
                version,
            )
            for item_id, key, agent, received, answered, complete, score, version in (
                sampled_records_of_audit(session, audit_id)
            )
        ]


def next_pending(db: Database, actor: Actor, audit_id: int, after: int | None = None) -> int | None:
    """The first pending sample item after ``after`` in list order (wrapping), or None."""
    rows = list_sample(db, actor, audit_id)
    start = next((i + 1 for i, r in enumerate(rows) if r.sample_item_id == after), 0)
    for row in rows[start:] + rows[:start]:
        if row.pending and row.sample_item_id != after:
            return row.sample_item_id
    return None


def load_form(db: Database, actor: Actor, sample_item_id: int) -> EvaluationFormData:
    """The record, its computed timeliness and criteria, and the saved evaluation if any."""
    actor.require(Permission.EVALUATE)
    with db.sessions() as session:
        item, audit = _sample_item(session, actor, sample_item_id)
        scheme = audit_scheme(audit)
        record = item.record
        timeliness, problem = timeliness_of(record, scheme)
        evaluation = evaluation_of_item(session, sample_item_id)
        return EvaluationFormData(
            sample_item_id=item.id,
            audit_id=audit.id,
            audit_number=audit.number,
            editable=audit.state not in LOCKED_STATES,
            record=_record_view(record, actor),
            scheme=scheme,
            timeliness=timeliness,
            timeliness_problem=problem,
            computed=record_computed(record, scheme),
            saved=None if evaluation is None else _snapshot(session, evaluation),
            entity_names=entity_settings(session).entity_names,
        )


def saved_evaluation(db: Database, actor: Actor, sample_item_id: int) -> SavedEvaluation | None:
    """The evaluation as stored now (to compare after a conflict), or None."""
    actor.require(Permission.EVALUATE)
    with db.sessions() as session:
        _sample_item(session, actor, sample_item_id)
        evaluation = evaluation_of_item(session, sample_item_id)
        return None if evaluation is None else _snapshot(session, evaluation)


# --- Use case: saving --------------------------------------------------------------------


def clean_answers(scheme: ScoringScheme, answers: Mapping[str, Any]) -> dict[str, str]:
    """Only answered judged/level criteria, checked against the scheme (InvalidInput)."""
    kinds = {c.key: c.kind for c in scheme.criteria}
    cleaned: dict[str, str] = {}
    for key, value in answers.items():
        if key not in kinds:
            raise InvalidInput(f"El criterio «{key}» no existe en el esquema «{scheme.name}».")
        if kinds[key] is CriterionKind.COMPUTED:
            raise InvalidInput(f"El criterio «{scheme.criterion(key).label}» es calculado.")
        if value is not None and str(value) != "":
            cleaned[key] = str(value)
    return cleaned


def shown_proposals(
    scheme: ScoringScheme,
    proposals: Mapping[str, tuple[str, tuple[str, ...]]],
    answers: Mapping[str, str],
) -> dict[str, Any] | None:
    """What is stored of the proposals shown: per criterion of the scheme, the proposed
    value, the alert codes behind it and whether the saved answer kept it (accepted) or
    not (overridden); None when none was shown."""
    keys = {c.key for c in scheme.criteria}
    stored = {
        key: {"proposed": value, "codes": list(codes), "accepted": answers.get(key) == value}
        for key, (value, codes) in proposals.items()
        if key in keys
    }
    return stored or None


def _fields(answers: Mapping[str, str], observations: str, score: Decimal | None) -> dict[str, Any]:
    """The logged view of an evaluation: one field per criterion, observations and score."""
    logged: dict[str, Any] = {f"criterio.{k}": v for k, v in answers.items()}
    logged["observaciones"] = observations or None
    logged["puntaje"] = None if score is None else str(score)
    return logged


def save_in_session(
    session: Session,
    actor: Actor,
    sample_item_id: int,
    draft: EvaluationDraft,
    *,
    expected_version: int | None,
    sync_audit: bool = True,
) -> tuple[SavedEvaluation, bool]:
    """Save inside the caller's transaction; returns (stored evaluation, whether it changed).

    ``expected_version`` is the version the user started from (None: none was saved yet).
    The F182 workbook import uses this too, so both paths score and log the same way (it
    moves the audit's state once at the end: ``sync_audit=False``).
    """
    actor.require(Permission.EVALUATE)
    item, audit = _sample_item(session, actor, sample_item_id)
    ensure_unlocked(session, audit, "sus evaluaciones ya no se pueden modificar.")
    scheme = audit_scheme(audit)
    answers = clean_answers(scheme, draft.answers)
    try:
        result = score_record(scheme, answers, record_computed(item.record, scheme))
    except ScoringError as exc:
        raise InvalidInput(str(exc)) from exc
    observations = draft.observations.strip()
    evaluation = evaluation_of_item(session, sample_item_id)
    if evaluation is not None and evaluation.version != expected_version:
        raise EvaluationConflict(_snapshot(session, evaluation))
    spelling_key = scheme.thresholds.spelling_criterion
    spelling_level = answers.get(spelling_key) if spelling_key else None
    if evaluation is not None and (
        dict(evaluation.answers or {}) == answers
        and (evaluation.observations or "") == observations
        and evaluation.score == result.score
        and (
            draft.proposals is None
            or evaluation.proposals == shown_proposals(scheme, draft.proposals, answers)
        )
    ):
        return _snapshot(session, evaluation), False
    check_observation(scheme, answers, observations)
    old = (
        {}
        if evaluation is None
        else _fields(evaluation.answers or {}, evaluation.observations, evaluation.score)
    )
    now = _now()
    if evaluation is None:
        evaluation = Evaluation(sample_item_id=sample_item_id)
        session.add(evaluation)
    evaluation.answers = answers
    evaluation.spelling_level = spelling_level
    if draft.spelling_suspects is not None:
        evaluation.spelling_suspects = draft.spelling_suspects
    if draft.word_count is not None:
        evaluation.word_count = draft.word_count
    evaluation.observations = observations
    if draft.proposals is not None:
        evaluation.proposals = shown_proposals(scheme, draft.proposals, answers)
    evaluation.score = result.score
    evaluation.score_without_critical = result.score_without_critical
    evaluation.complete = result.complete
    evaluation.reviewer_id = actor.id
    evaluation.reviewed_at = now
    session.flush()
    if not old:
        log_event(
            session,
            actor,
            "evaluation",
            evaluation.id,
            "create",
            new=f"{audit.number} / {item.record.key}",
        )
    log_changes(
        session,
        actor,
        "evaluation",
        evaluation.id,
        old,
        _fields(answers, observations, result.score),
    )
    if sync_audit:
        # Draft → in review on the first evaluation, → ready at 50 % (services.audits).
        sync_state(session, actor, audit)
    return _snapshot(session, evaluation), True


def save_evaluation(
    db: Database,
    actor: Actor,
    sample_item_id: int,
    draft: EvaluationDraft,
    *,
    expected_version: int | None,
) -> SavedEvaluation:
    """Save the F182 form of one sampled record as the actor (reviewer, date: now).

    Raises `EvaluationConflict` when the stored version is not ``expected_version``
    (another auditor saved meanwhile), `ObservationRequired` for a «No cumple» without
    observation and InvalidInput for values the scheme refuses.
    Saving unchanged values writes nothing and returns what is stored.
    """
    for attempt in range(2):
        try:
            with db.transaction() as session:
                saved, _changed = save_in_session(
                    session, actor, sample_item_id, draft, expected_version=expected_version
                )
            return saved
        except (StaleDataError, IntegrityError):
            # Another transaction committed between our read and our write: on this
            # evaluation (a conflict), or on the audit's state (then saving again works).
            current = saved_evaluation(db, actor, sample_item_id)
            if current is not None and current.version != expected_version:
                raise EvaluationConflict(current) from None
            if attempt:
                raise
    raise AssertionError("unreachable")
