"""«Exportar formato F182» and «Importar formato F182»: an audit's sample as a workbook to
fill in Excel, and the filled workbook back into the evaluations.

The columns follow the order of the procedure's numeral 5.2.18 for the audit's channel,
with the criteria of the audit's own scheme version. The import checks every cell first
and applies nothing if any is wrong; then it saves each changed row exactly as the form
does (same scoring, audit log and optimistic locking), all in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from auditoria_calidad.domain.audit_lifecycle import period_label
from auditoria_calidad.domain.identity import shown_identity
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.scheme import NOT_APPLICABLE, CriterionKind, ScoringScheme
from auditoria_calidad.domain.scoring import Verdict
from auditoria_calidad.domain.spelling import SpellChecker
from auditoria_calidad.exchange.f182 import (
    AUDIT_KEY,
    FORMAT_KEY,
    ID_COLUMN,
    OBSERVATIONS,
    PROPOSED,
    SUSPECTS,
    VERSION_COLUMN,
    exchange_columns,
    expected_columns,
)
from auditoria_calidad.exchange.f182 import criterion_choices as _choices
from auditoria_calidad.importing.errors import ImportFileError
from auditoria_calidad.importing.f182_return import (
    CellProblem,
    ReturnedRow,
    read_f182_return,
)
from auditoria_calidad.reporting.f182_exchange import ExchangeSheet, write_f182_exchange
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.answer_spelling import check_stored_answer
from auditoria_calidad.services.audits import LOCKED_STATES, STATE_LABELS, load_audit, sync_state
from auditoria_calidad.services.entity_words import load_spell_checker
from auditoria_calidad.services.errors import ConcurrentEdit, InvalidInput
from auditoria_calidad.services.evaluations import (
    EvaluationConflict,
    EvaluationDraft,
    ObservationRequired,
    audit_scheme,
    clean_answers,
    record_computed,
    save_in_session,
    timeliness_of,
)
from auditoria_calidad.services.screening import entity_settings
from auditoria_calidad.storage.database import Database
from auditoria_calidad.storage.queries.evaluations import (
    evaluations_by_sample_item,
    f182_workbook_rows,
)

Progress = Callable[[int, int], None]

_VERDICT_LABELS = {v.value: v.label for v in Verdict}


@dataclass(frozen=True)
class ExportSummary:
    path: str
    rows: int


@dataclass(frozen=True)
class ImportSummary:
    rows: int  # data rows read
    saved: int  # evaluations created or changed
    unchanged: int


class F182ImportRejected(InvalidInput):
    """The workbook had invalid cells (or conflicts); nothing was applied."""

    def __init__(self, problems: list[CellProblem]) -> None:
        shown = "\n".join(f"• {p}" for p in problems[:30])
        rest = len(problems) - 30
        more = f"\n… y {counted(rest, 'problema', 'problemas')} más." if rest > 0 else ""
        super().__init__(
            f"No se importó nada: el libro tiene "
            f"{counted(len(problems), 'problema', 'problemas')}.\n{shown}{more}"
        )
        self.problems = problems


# --- Export ----------------------------------------------------------------------------------


def _label(scheme: ScoringScheme, key: str, value: str | None) -> str | None:
    if value is None:
        return None
    criterion = scheme.criterion(key)
    if criterion.kind is CriterionKind.LEVEL and value != NOT_APPLICABLE:
        level = criterion.level(value)
        return level.label if level else value
    return _VERDICT_LABELS.get(value, value)


def _wait(seconds: int | None) -> str | None:
    return None if seconds is None else f"{seconds // 60:02d}:{seconds % 60:02d}"


def export_f182(
    db: Database,
    actor: Actor,
    audit_id: int,
    target: str | Path | IO[bytes],
    *,
    checker: SpellChecker | None = None,
    progress: Progress | None = None,
) -> ExportSummary:
    """Write the audit's sample as an F182 workbook (identity masked unless permitted)."""
    actor.require(Permission.EVALUATE)
    checker = checker or load_spell_checker(db)
    full_identity = actor.can(Permission.SEE_FULL_IDENTITY)
    with db.sessions() as session:
        audit = load_audit(session, actor, audit_id)
        scheme = audit_scheme(audit)
        provider = audit.provider.name
        entity_names = entity_settings(session).entity_names
        items = f182_workbook_rows(session, audit.id)
        rows: list[dict[str, object]] = []
        spelling_key = scheme.thresholds.spelling_criterion
        spelling_levels = _choices(scheme, spelling_key) if spelling_key else {}
        level_labels = {v: k for k, v in spelling_levels.items()}
        for done, (item_id, record, agent, evaluation, reviewer) in enumerate(items, start=1):
            answers = dict(evaluation.answers or {}) if evaluation else {}
            computed = record_computed(record, scheme)
            timeliness, _ = timeliness_of(record, scheme)
            spelling = check_stored_answer(record, agent, checker, scheme, entity_names)
            identity = record.identity_number or ""
            row: dict[str, object] = {
                ID_COLUMN: item_id,
                VERSION_COLUMN: evaluation.version if evaluation else None,
                "key": record.key,
                "received_at": record.received_at,
                "answered_at": record.answered_at,
                "identity": shown_identity(identity, full_identity),
                "hours": None
                if timeliness is None or timeliness.hours is None
                else round(timeliness.hours, 1),
                "within": None if timeliness is None else timeliness.within,
                "legal_due": None if timeliness is None else timeliness.due_date,
                "legal_met": None if timeliness is None else timeliness.legal_met,
                "crm_registrations": record.crm_registrations,
                "wait": _wait(record.wait_seconds),
                "registered_in_crm": record.registered_in_crm,
                "user_rating": record.user_rating,
                "agent": agent,
                "request_type": record.request_type,
                "service": record.service,
                "request_text": record.request_text,
                "answer_text": record.answer_text,
                "reviewed_at": evaluation.reviewed_at if evaluation else None,
                "reviewer": (reviewer.full_name or reviewer.username) if reviewer else None,
                "score": evaluation.score if evaluation else None,
                OBSERVATIONS: evaluation.observations if evaluation else None,
                SUSPECTS: ", ".join(spelling.suspect_words) or "Ninguna",
                PROPOSED: level_labels.get(spelling.proposed_level or ""),
            }
            for criterion in scheme.criteria:
                if criterion.kind is CriterionKind.COMPUTED:
                    value = computed.get(criterion.key)
                    row[f"criterio.{criterion.key}"] = (
                        Verdict.NA.label
                        if value is None
                        else (Verdict.CUMPLE.label if value else Verdict.NO_CUMPLE.label)
                    )
                else:
                    row[f"criterio.{criterion.key}"] = _label(
                        scheme, criterion.key, answers.get(criterion.key)
                    )
            rows.append(row)
            if progress:
                progress(done, len(items))
        channel = audit.channel
        exported_at = datetime.now().replace(second=0, microsecond=0)
        metadata = {
            FORMAT_KEY: "F182",
            AUDIT_KEY: audit.number,
            "auditoria_id": str(audit.id),
            "canal": channel.value,
            "esquema": f"{scheme.name} v{scheme.version}",
            "exportado": f"{exported_at:%d/%m/%Y %H:%M}",
            "exportado_por": actor.username,
        }
        period = period_label(audit.period_start, audit.period_end)
    content = ExchangeSheet(
        heading=f"Formato F182 — Visita de calidad Atención {channel.label}",
        subheading=(
            f"Auditoría {audit.number} · {provider} · {period} · "
            f"{counted(len(rows), 'registro', 'registros')}"
        ),
        instructions=(
            "Diligencie solo las columnas de encabezado ocre (fondo amarillo claro): "
            "Cumple / No cumple / N.A., el nivel y las observaciones. Luego use «Importar "
            "formato F182». No cambie los encabezados ni las columnas ocultas."
        ),
        columns=exchange_columns(scheme, channel),
        rows=rows,
        metadata=metadata,
        stamp=exported_at,
    )
    write_f182_exchange(content, target)
    return ExportSummary(str(target) if isinstance(target, str | Path) else "", len(rows))


# --- Import ----------------------------------------------------------------------------------


def _draft(row: ReturnedRow, scheme: ScoringScheme) -> tuple[dict[str, str], str]:
    answers = {
        key.removeprefix("criterio."): value
        for key, value in row.values.items()
        if key.startswith("criterio.") and value is not None
    }
    return clean_answers(scheme, answers), row.values.get(OBSERVATIONS) or ""


def import_f182(
    db: Database,
    actor: Actor,
    audit_id: int,
    path: str | Path,
    *,
    progress: Progress | None = None,
) -> ImportSummary:
    """Apply a filled F182 workbook to the audit's evaluations, all or nothing.

    Raises F182ImportRejected (InvalidInput) listing every invalid cell, unknown row or
    conflict (an evaluation changed in the application after the export) by sheet, row
    and column; nothing is applied then.
    """
    actor.require(Permission.EVALUATE)
    with db.sessions() as session:
        audit = load_audit(session, actor, audit_id)
        scheme = audit_scheme(audit)
        number, channel, state = audit.number, audit.channel, audit.state
    if state in LOCKED_STATES:
        raise InvalidInput(
            f"La auditoría {number} está {STATE_LABELS[state].lower()}: sus "
            "evaluaciones ya no se pueden modificar."
        )
    name = Path(path).name
    try:
        returned = read_f182_return(path, expected_columns(scheme, channel))
    except ImportFileError as exc:
        raise InvalidInput(exc.message) from exc
    exported_for = returned.metadata.get(AUDIT_KEY)
    if exported_for is None:
        raise InvalidInput(f"{name}: no es un libro exportado con «Exportar formato F182».")
    if exported_for != number:
        raise InvalidInput(
            f"{name}: el libro es de la auditoría {exported_for}, no de la auditoría {number}."
        )
    if returned.problems:
        raise F182ImportRejected(returned.problems)
    try:
        with db.transaction() as session:
            summary = _apply(
                session, actor, audit_id, scheme, returned.rows, progress, returned.locations
            )
    except (StaleDataError, IntegrityError) as exc:
        raise ConcurrentEdit(
            "Otro usuario guardó evaluaciones de esta auditoría mientras se importaba el libro. "
            "No se aplicó nada: importe el libro de nuevo."
        ) from exc
    return summary


def _apply(
    session: Session,
    actor: Actor,
    audit_id: int,
    scheme: ScoringScheme,
    rows: list[ReturnedRow],
    progress: Progress | None,
    locations: Mapping[str, tuple[str, str]],
) -> ImportSummary:
    stored = evaluations_by_sample_item(session, audit_id)
    problems: list[CellProblem] = []
    seen: dict[int, int] = {}
    saved = unchanged = 0
    for done, row in enumerate(rows, start=1):
        if progress and done % 50 == 0:
            progress(done, len(rows))

        def problem(message: str, row: ReturnedRow = row) -> None:
            problems.append(CellProblem("F182", row.row, "", "", message))

        if row.sample_item_id not in stored:
            problem("la fila no corresponde a un registro de la muestra de esta auditoría.")
            continue
        if row.sample_item_id in seen:
            problem(f"repite el registro de la fila {seen[row.sample_item_id]}.")
            continue
        seen[row.sample_item_id] = row.row
        try:
            answers, observations = _draft(row, scheme)
        except InvalidInput as exc:
            problem(exc.message)
            continue
        current = stored[row.sample_item_id]
        if current is None and not answers and not observations:
            unchanged += 1
            continue
        if current is not None and (
            dict(current.answers or {}) == answers
            and (current.observations or "") == observations.strip()
        ):
            unchanged += 1
            continue
        try:
            _, changed = save_in_session(
                session,
                actor,
                row.sample_item_id,
                EvaluationDraft(answers, observations),
                expected_version=row.version,
                sync_audit=False,
            )
        except EvaluationConflict as exc:
            problem(
                f"{exc.saved.reviewer} modificó esta evaluación en la aplicación el "
                f"{exc.saved.reviewed_at:%d/%m/%Y a las %H:%M}, después de exportar el libro. "
                "Exporte el formato de nuevo."
            )
            continue
        except ObservationRequired as exc:
            # Named by the cell to fill: the row's observations.
            letter, header = locations.get(OBSERVATIONS, ("", ""))
            problems.append(CellProblem("F182", row.row, letter, header, exc.message))
            continue
        except InvalidInput as exc:
            problem(exc.message)
            continue
        saved += changed
        unchanged += not changed
    if problems:
        # Raised inside the transaction: everything saved above is rolled back.
        raise F182ImportRejected(problems)
    if saved:
        sync_state(session, actor, load_audit(session, actor, audit_id))
    if progress:
        progress(len(rows), len(rows))
    return ImportSummary(len(rows), saved, unchanged)
