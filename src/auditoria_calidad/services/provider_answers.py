"""The provider manager's answers to the findings (activity 5.2.21), in the app or by workbook.

An answer is analysis of cause, corrective action, responsible and commitment date. In the
window it can be saved as a draft and submitted later; the command line and the workbook
import submit at once. An answer submitted after the response deadline is marked late.
When every finding of a sent audit is answered, the audit moves to answered. Only the
manager of the audit's own provider may answer; every change is in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.importing.errors import ImportFileError
from auditoria_calidad.importing.findings_return import ReturnedAnswer, read_findings_return
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.approval import move_audit
from auditoria_calidad.services.audit_trail import log_changes, log_event
from auditoria_calidad.services.audits import STATE_LABELS, load_audit
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.edit_conflicts import SavedVersion, StaleEdit, user_name
from auditoria_calidad.services.errors import ConcurrentEdit, InvalidInput, NotFound
from auditoria_calidad.services.findings import (
    DECISION_LABELS,
    OPEN_FOR_ANSWERS,
    FindingInfo,
    get_finding,
)
from auditoria_calidad.services.findings_dtos import AnswerImportResult, SubmitResult
from auditoria_calidad.storage.models import (
    Audit,
    AuditState,
    Decision,
    Finding,
    ProviderAnswer,
)
from auditoria_calidad.storage.queries.findings import (
    answer_of_finding,
    answers_by_finding,
    count_findings_without_submitted_answer,
    draft_answers_of_audit,
    findings_with_record_keys,
    record_key,
)

__all__ = [
    "AnswerDraft",
    "AnswerImportResult",
    "AnswersImportRejected",
    "OverwriteRequired",
    "SubmitResult",
    "import_answers",
    "save_answer",
    "submit_answers",
]

T = TypeVar("T")
_LIMITS = {"cause_analysis": 20_000, "corrective_action": 20_000, "responsible": 300}
_LABELS = {
    "cause_analysis": "el análisis de causa",
    "corrective_action": "la acción correctiva",
    "responsible": "el responsable",
    "commitment_date": "la fecha de compromiso",
}


@dataclass(frozen=True)
class AnswerDraft:
    cause_analysis: str
    corrective_action: str
    responsible: str
    commitment_date: date | None

    def cleaned(self) -> AnswerDraft:
        """Trimmed values; InvalidInput naming every missing or too long field."""
        values = {
            "cause_analysis": self.cause_analysis.strip(),
            "corrective_action": self.corrective_action.strip(),
            "responsible": " ".join(self.responsible.split()),
        }
        missing = [_LABELS[k] for k, v in values.items() if not v]
        if self.commitment_date is None:
            missing.append(_LABELS["commitment_date"])
        if missing:
            raise InvalidInput("Falta " + ", ".join(missing) + " de la respuesta.")
        for key, value in values.items():
            if len(value) > _LIMITS[key]:
                raise InvalidInput(f"El texto de {_LABELS[key]} supera {_LIMITS[key]} caracteres.")
        return AnswerDraft(
            values["cause_analysis"],
            values["corrective_action"],
            values["responsible"],
            self.commitment_date,
        )


class AnswersImportRejected(InvalidInput):
    """The workbook had invalid rows; nothing was applied. ``problems``: one line each."""

    def __init__(self, problems: list[str]) -> None:
        shown = "\n".join(f"• {p}" for p in problems[:30])
        rest = len(problems) - 30
        more = f"\n… y {counted(rest, 'problema', 'problemas')} más." if rest > 0 else ""
        super().__init__(
            f"No se importó nada: el libro tiene "
            f"{counted(len(problems), 'problema', 'problemas')}.\n{shown}{more}"
        )
        self.problems = problems


class OverwriteRequired(InvalidInput):
    """Some rows would replace answers already submitted; nothing was applied."""

    def __init__(self, rows: list[tuple[int, int, str]]) -> None:
        listed = ", ".join(f"fila {row} (hallazgo {fid}, {key})" for row, fid, key in rows[:15])
        more = f" y {len(rows) - 15} más" if len(rows) > 15 else ""
        super().__init__(
            f"{len(rows)} {'fila cambia una respuesta' if len(rows) == 1 else 'filas cambian respuestas'} "
            f"ya enviada{'s' if len(rows) != 1 else ''}: {listed}{more}. No se importó nada; "
            "confirme que desea reemplazarlas (en la línea de comandos, --overwrite)."
        )
        self.rows = rows


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


# --- Checks -------------------------------------------------------------------------------


def _answerable_audit(session: Session, actor: Actor, audit_id: int) -> Audit:
    actor.require(Permission.ANSWER_FINDINGS)
    audit = load_audit(session, actor, audit_id)  # a manager: only its own provider
    if audit.state not in OPEN_FOR_ANSWERS:
        state = STATE_LABELS[audit.state].lower()
        raise InvalidInput(f"La auditoría {audit.number} está {state}: no recibe respuestas.")
    return audit


def _check_undecided(finding: Finding, key: str) -> None:
    if finding.committee_state in (Decision.ACCEPTED, Decision.REJECTED):
        raise InvalidInput(
            f"El comité ya decidió el hallazgo {finding.id} ({key}): "
            f"{DECISION_LABELS[finding.committee_state].lower()}. No se puede cambiar su respuesta."
        )


def _fields(answer: ProviderAnswer | None) -> dict[str, object]:
    if answer is None:
        return {}
    return {
        "analisis_causa": answer.cause_analysis,
        "accion_correctiva": answer.corrective_action,
        "responsable": answer.responsible,
        "fecha_compromiso": answer.commitment_date.isoformat() if answer.commitment_date else None,
    }


def _same(answer: ProviderAnswer | None, draft: AnswerDraft) -> bool:
    return answer is not None and (
        answer.cause_analysis == draft.cause_analysis
        and answer.corrective_action == draft.corrective_action
        and answer.responsible == draft.responsible
        and answer.commitment_date == draft.commitment_date
    )


def _is_late(audit: Audit, at: datetime) -> bool:
    return audit.response_deadline is not None and at.date() > audit.response_deadline


def _store(
    session: Session,
    actor: Actor,
    audit: Audit,
    finding: Finding,
    answer: ProviderAnswer | None,
    draft: AnswerDraft,
    *,
    submit: bool,
    now: datetime,
) -> ProviderAnswer:
    old = _fields(answer)
    if answer is None:
        answer = ProviderAnswer(finding_id=finding.id)
        session.add(answer)
    changed = not _same(answer, draft)
    answer.cause_analysis = draft.cause_analysis
    answer.corrective_action = draft.corrective_action
    answer.responsible = draft.responsible
    answer.commitment_date = draft.commitment_date
    if changed or answer.answered_at is None:
        answer.answered_by = actor.id
        answer.answered_at = now
    newly_submitted = submit and (answer.submitted_at is None or changed)
    if newly_submitted:
        answer.submitted_at = now
        answer.late = _is_late(audit, now)
    elif answer.submitted_at is None:
        answer.late = False
    session.flush()
    if not old:
        log_event(
            session,
            actor,
            "provider_answer",
            answer.id,
            "create",
            new=f"{audit.number} / hallazgo {finding.id}",
        )
    log_changes(session, actor, "provider_answer", answer.id, old, _fields(answer))
    if newly_submitted:
        log_event(
            session,
            actor,
            "provider_answer",
            answer.id,
            "submit",
            field="tarde" if answer.late else None,
            new=f"hallazgo {finding.id}" + (" (fuera de plazo)" if answer.late else ""),
        )
    return answer


def sync_answered(session: Session, actor: Actor, audit: Audit) -> int:
    """Move a sent audit to answered once every finding has a submitted answer."""
    pending = count_findings_without_submitted_answer(session, audit.id)
    if pending == 0 and audit.state is AuditState.SENT:
        move_audit(session, actor, audit, AuditState.ANSWERED)
    return pending


def _concurrency_checked(work: Callable[[], T]) -> T:
    """Run ``work``; a concurrent save by someone else becomes a ConcurrentEdit."""
    try:
        return work()
    except (StaleDataError, IntegrityError) as exc:
        raise ConcurrentEdit(
            "Otro usuario guardó respuestas de esta auditoría al mismo tiempo. No se guardó "
            "nada: vuelva a abrir el hallazgo e intente de nuevo."
        ) from exc


ANSWER_LABELS = ("Análisis de causa", "Acción correctiva", "Responsable", "Fecha de compromiso")


def answer_conflict(session: Session, finding: Finding, answer: ProviderAnswer | None) -> StaleEdit:
    """The refusal of a save over an answer someone else saved since it was read."""
    what = f"la respuesta al hallazgo N.º {finding.number or finding.id}"
    if answer is None:
        return StaleEdit(what, SavedVersion(0, "Otro usuario", None))
    values = (
        answer.cause_analysis or "",
        answer.corrective_action or "",
        answer.responsible or "",
        f"{answer.commitment_date:%d/%m/%Y}" if answer.commitment_date else "",
    )
    saved = SavedVersion(
        answer.version,
        user_name(session, answer.answered_by),
        answer.answered_at,
        tuple(zip(ANSWER_LABELS, values, strict=True)),
    )
    return StaleEdit(what, saved)


# --- Use cases ----------------------------------------------------------------------------


def save_answer(
    db: Database,
    actor: Actor,
    finding_id: int,
    draft: AnswerDraft,
    *,
    submit: bool = True,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> FindingInfo:
    """Save (and by default submit) the answer to one finding.

    ``expected_version`` is the version of the answer the user started from (None: there
    was none); another save in between raises ConcurrentEdit and nothing is overwritten.
    """
    clean = draft.cleaned()

    def work() -> None:
        with db.transaction() as session:
            finding = session.get(Finding, finding_id)
            if finding is None:
                raise NotFound(f"No existe el hallazgo {finding_id}.")
            audit = _answerable_audit(session, actor, finding.audit_id)
            key = record_key(session, finding.record_id) or ""
            _check_undecided(finding, key)
            answer = answer_of_finding(session, finding_id)
            current = None if answer is None else answer.version
            if current != expected_version:
                raise answer_conflict(session, finding, answer)
            _store(session, actor, audit, finding, answer, clean, submit=submit, now=now or _now())
            sync_answered(session, actor, audit)

    _concurrency_checked(work)
    return get_finding(db, actor, finding_id)


def submit_answers(
    db: Database, actor: Actor, audit_id: int, *, now: datetime | None = None
) -> SubmitResult:
    """Submit every draft answer of the audit (the «Enviar respuestas» button)."""

    def work() -> SubmitResult:
        with db.transaction() as session:
            audit = _answerable_audit(session, actor, audit_id)
            at = now or _now()
            drafts = draft_answers_of_audit(session, audit.id)
            late = 0
            for answer in drafts:
                answer.submitted_at = at
                answer.late = _is_late(audit, at)
                late += answer.late
                log_event(
                    session,
                    actor,
                    "provider_answer",
                    answer.id,
                    "submit",
                    new=f"hallazgo {answer.finding_id}"
                    + (" (fuera de plazo)" if answer.late else ""),
                )
            pending = sync_answered(session, actor, audit)
            return SubmitResult(audit.id, audit.number, len(drafts), late, pending, audit.state)

    return _concurrency_checked(work)


def import_answers(
    db: Database,
    actor: Actor,
    audit_id: int,
    path: str | Path,
    *,
    overwrite: bool = False,
    now: datetime | None = None,
) -> AnswerImportResult:
    """Apply the answers of a returned findings workbook, all or nothing.

    Raises AnswersImportRejected listing every invalid row (a finding of another audit, a
    missing field, a bad date, a finding the committee already decided), and
    OverwriteRequired when rows would replace answers already submitted and ``overwrite``
    is false. Only the answer columns are read; rows are matched by finding id.
    """
    actor.require(Permission.ANSWER_FINDINGS)
    with db.sessions() as session:
        audit = _answerable_audit(session, actor, audit_id)
        number = audit.number
    name = Path(path).name
    try:
        returned = read_findings_return(path)
    except ImportFileError as exc:
        raise InvalidInput(exc.message) from exc
    exported_for = returned.metadata.get("audit_id")
    if returned.metadata.get("kind") != "hallazgos" or exported_for is None:
        raise InvalidInput(f"{name}: no es un libro de hallazgos exportado por la aplicación.")
    if exported_for != str(audit_id):
        other = returned.metadata.get("audit_number") or exported_for
        raise InvalidInput(f"{name}: el libro es de la auditoría {other}, no de la {number}.")

    def work() -> AnswerImportResult:
        with db.transaction() as session:
            audit = _answerable_audit(session, actor, audit_id)
            return _apply(
                session,
                actor,
                audit,
                returned.sheet,
                returned.rows,
                [str(p) for p in returned.problems],
                overwrite,
                now or _now(),
            )

    return _concurrency_checked(work)


def _apply(
    session: Session,
    actor: Actor,
    audit: Audit,
    sheet: str,
    rows: list[ReturnedAnswer],
    problems: list[str],
    overwrite: bool,
    now: datetime,
) -> AnswerImportResult:
    findings = {f.id: (f, key) for f, key in findings_with_record_keys(session, audit.id)}
    answers = answers_by_finding(session, findings)
    errors = list(problems)
    to_apply: list[tuple[Finding, str, ReturnedAnswer, AnswerDraft]] = []
    for row in rows:
        where = f"Hoja «{sheet}», fila {row.row}"
        found = findings.get(row.finding_id)
        if found is None:
            errors.append(
                f"{where}: el hallazgo {row.finding_id} no es de la auditoría {audit.number}."
            )
            continue
        if row.blank:
            continue
        finding, key = found
        draft = AnswerDraft(
            row.cause_analysis, row.corrective_action, row.responsible, row.commitment_date
        )
        if _same(answers.get(finding.id), draft) and answers[finding.id].submitted_at:
            to_apply.append((finding, key, row, draft))
            continue
        try:
            _check_undecided(finding, key)
            draft = draft.cleaned()
        except InvalidInput as exc:
            errors.append(f"{where}: {exc.message}")
            continue
        to_apply.append((finding, key, row, draft))
    if errors:
        errors.sort(key=_row_order)
        raise AnswersImportRejected(errors)
    replacing = [
        (row.row, finding.id, key)
        for finding, key, row, draft in to_apply
        if (old := answers.get(finding.id)) is not None
        and old.submitted_at is not None
        and not _same(old, draft)
    ]
    if replacing and not overwrite:
        raise OverwriteRequired(replacing)
    applied = unchanged = late = 0
    for finding, _key, _row, draft in to_apply:
        old = answers.get(finding.id)
        if old is not None and old.submitted_at is not None and _same(old, draft):
            unchanged += 1
            continue
        stored = _store(session, actor, audit, finding, old, draft, submit=True, now=now)
        applied += 1
        late += stored.late
    log_event(
        session,
        actor,
        "audit",
        audit.id,
        "import_answers",
        new=f"{counted(applied, 'respuesta aplicada', 'respuestas aplicadas')}, "
        f"{unchanged} sin cambios",
    )
    pending = sync_answered(session, actor, audit)
    return AnswerImportResult(
        audit.id,
        audit.number,
        len(rows),
        applied,
        unchanged,
        sum(1 for r in rows if r.blank),
        late,
        pending,
        audit.state,
    )


def _row_order(message: str) -> tuple[int, str]:
    marker = ", fila "
    if marker in message:
        digits = message.split(marker, 1)[1].split(":", 1)[0].split(",", 1)[0]
        if digits.isdigit():
            return int(digits), message
    return 0, message
