"""A calibration evaluator's own sheet as an F182 workbook, and that workbook back.

``export_own_sheet`` writes the session's records with the columns of the F182 workbook
(services.f182_exchange: same order, drop-downs, spelling help) holding the reader's own
judgements only, never anyone else's, whatever the session's state. ``import_own_sheet``
applies a filled sheet to the reader's judgements, all or nothing, validated exactly as
the form saves them; it refuses another evaluator's sheet, another session's, and the
audit's own F182 workbook. The workbook names the session and the evaluator in its
hidden sheet (never the audit under the key the audit's F182 import reads, so a
calibration sheet cannot be imported into the audit's evaluations by mistake); the
hidden id column holds record ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from auditoria_calidad.domain.identity import shown_identity
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.scheme import CriterionKind
from auditoria_calidad.domain.scoring import Verdict
from auditoria_calidad.domain.spelling import SpellChecker
from auditoria_calidad.importing.errors import ImportFileError
from auditoria_calidad.importing.f182_return import (
    CellProblem,
    F182Return,
    ReturnedRow,
    read_f182_return,
)
from auditoria_calidad.reporting.f182_exchange import ExchangeSheet, write_f182_exchange
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.answer_spelling import check_stored_answer
from auditoria_calidad.services.calibration import save_in_session
from auditoria_calidad.services.calibration_access import (
    LoadedCalibration,
    judgement_of,
    own_judgements,
)
from auditoria_calidad.services.calibration_dtos import JudgementConflict, JudgementDraft
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.entity_words import load_spell_checker
from auditoria_calidad.services.errors import ConcurrentEdit, InvalidInput
from auditoria_calidad.services.evaluations import (
    ObservationRequired,
    record_computed,
    timeliness_of,
)
from auditoria_calidad.services.f182_exchange import (
    ID_COLUMN,
    OBSERVATIONS,
    PROPOSED,
    SUSPECTS,
    VERSION_COLUMN,
    ExportSummary,
    F182ImportRejected,
    _choices,
    _label,
    _wait,
    exchange_columns,
    expected_columns,
)
from auditoria_calidad.services.screening import entity_settings

FORMAT = "F182-calibracion"
Progress = Callable[[int, int], None]

__all__ = ["CalibrationSheetSummary", "export_own_sheet", "import_own_sheet"]


@dataclass(frozen=True)
class CalibrationSheetSummary:
    calibration_id: int
    evaluator: str
    rows: int
    saved: int = 0
    unchanged: int = 0


def export_own_sheet(
    db: Database,
    actor: Actor,
    calibration_id: int,
    target: str | Path | IO[bytes],
    *,
    checker: SpellChecker | None = None,
) -> ExportSummary:
    """Write the reader's own calibration sheet (the reader must be an evaluator)."""
    actor.require(Permission.EVALUATE)
    checker = checker or load_spell_checker(db)
    full_identity = actor.can(Permission.SEE_FULL_IDENTITY)
    with db.sessions() as session:
        loaded = LoadedCalibration(session, actor, calibration_id)
        if loaded.mine is None:
            raise InvalidInput(
                f"Usted no es evaluador de la calibración {calibration_id}: no tiene hoja propia."
            )
        scheme, audit = loaded.scheme, loaded.audit
        entity_names = entity_settings(session).entity_names
        own = own_judgements(session, loaded, actor.id)
        spelling_key = scheme.thresholds.spelling_criterion
        level_labels = {
            v: k for k, v in (_choices(scheme, spelling_key) if spelling_key else {}).items()
        }
        rows: list[dict[str, object]] = []
        for record in loaded.records:
            saved = own.get(record.id)
            judged = judgement_of(scheme, record, saved, actor.username) if saved else None
            answers = judged.answers if judged else {}
            computed = record_computed(record, scheme)
            timeliness, _ = timeliness_of(record, scheme)
            spelling = check_stored_answer(record, record.agent.name, checker, scheme, entity_names)
            identity = record.identity_number or ""
            row: dict[str, object] = {
                ID_COLUMN: record.id,
                VERSION_COLUMN: judged.version if judged else None,
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
                "agent": record.agent.name,
                "request_type": record.request_type,
                "service": record.service,
                "request_text": record.request_text,
                "answer_text": record.answer_text,
                "reviewed_at": judged.updated_at if judged else None,
                "reviewer": actor.display_name if judged else None,
                "score": judged.score if judged else None,
                OBSERVATIONS: judged.observation if judged else None,
                SUSPECTS: ", ".join(spelling.suspect_words) or "Ninguna",
                PROPOSED: level_labels.get(spelling.proposed_level or ""),
            }
            for criterion in scheme.criteria:
                column = f"criterio.{criterion.key}"
                if criterion.kind is CriterionKind.COMPUTED:
                    value = computed.get(criterion.key)
                    row[column] = (
                        Verdict.NA.label
                        if value is None
                        else (Verdict.CUMPLE.label if value else Verdict.NO_CUMPLE.label)
                    )
                else:
                    row[column] = _label(scheme, criterion.key, answers.get(criterion.key))
            rows.append(row)
        metadata = {
            "formato": FORMAT,
            "calibracion": str(loaded.cal.id),
            "auditoria_calibrada": audit.number,
            "evaluador": actor.username,
            "canal": audit.channel.value,
            "esquema": f"{scheme.name} v{scheme.version}",
            "exportado": datetime.now().strftime("%d/%m/%Y %H:%M"),
        }
        channel = audit.channel
        heading_audit = audit.number
    content = ExchangeSheet(
        heading=f"Calibración {calibration_id} — Formato F182 Atención {channel.label}",
        subheading=(
            f"Auditoría {heading_audit} · hoja de {actor.display_name} · "
            f"{counted(len(rows), 'registro', 'registros')}"
        ),
        instructions=(
            "Juzgue cada registro sin consultar a los demás evaluadores: diligencie solo las "
            "columnas de encabezado ocre (Cumple / No cumple / N.A., el nivel y las "
            "observaciones) y luego importe el libro en la calibración. No cambie los "
            "encabezados ni las columnas ocultas."
        ),
        columns=exchange_columns(scheme, channel),
        rows=rows,
        metadata=metadata,
    )
    write_f182_exchange(content, target)
    return ExportSummary(str(target) if isinstance(target, str | Path) else "", len(rows))


def import_own_sheet(
    db: Database, actor: Actor, calibration_id: int, path: str | Path
) -> CalibrationSheetSummary:
    """Apply the reader's filled sheet to their judgements, all or nothing.

    Raises F182ImportRejected (InvalidInput) listing every invalid cell, unknown row,
    missing observation or conflict by sheet, row and column; InvalidInput when the
    workbook is not this session's sheet of the reader.
    """
    actor.require(Permission.EVALUATE)
    with db.sessions() as session:
        loaded = LoadedCalibration(session, actor, calibration_id)
        loaded.require_editable(actor)
        columns = expected_columns(loaded.scheme, loaded.audit.channel)
    name = Path(path).name
    try:
        returned = read_f182_return(path, columns)
    except ImportFileError as exc:
        raise InvalidInput(exc.message) from exc
    meta = returned.metadata
    if meta.get("formato") != FORMAT or "calibracion" not in meta:
        raise InvalidInput(
            f"{name}: no es una hoja de calibración; exporte su hoja con «calibration export»."
        )
    if meta["calibracion"] != str(calibration_id):
        raise InvalidInput(
            f"{name}: la hoja es de la calibración {meta['calibracion']}, no de la "
            f"calibración {calibration_id}."
        )
    if meta.get("evaluador") != actor.username:
        raise InvalidInput(
            f"{name}: es la hoja de «{meta.get('evaluador', '')}», no la suya: cada evaluador "
            "importa solo su propia hoja."
        )
    if returned.problems:
        raise F182ImportRejected(returned.problems)
    try:
        with db.transaction() as session:
            loaded = LoadedCalibration(session, actor, calibration_id, lock=True)
            saved, unchanged = _apply(session, actor, loaded, returned)
    except (StaleDataError, IntegrityError) as exc:
        raise ConcurrentEdit(
            "Sus juicios de esta calibración se guardaron desde otra ventana mientras se "
            "importaba el libro. No se aplicó nada: exporte su hoja de nuevo."
        ) from exc
    return CalibrationSheetSummary(
        calibration_id, actor.username, len(returned.rows), saved, unchanged
    )


def _apply(
    session: Session, actor: Actor, loaded: LoadedCalibration, returned: F182Return
) -> tuple[int, int]:
    problems: list[CellProblem] = []
    known = {r.id for r in loaded.records}
    seen: dict[int, int] = {}
    saved = unchanged = 0
    for row in returned.rows:

        def problem(message: str, row: ReturnedRow = row) -> None:
            problems.append(CellProblem("F182", row.row, "", "", message))

        record_id = row.sample_item_id  # the hidden id column holds the record's id
        if record_id not in known:
            problem("la fila no corresponde a un registro de esta calibración.")
            continue
        if record_id in seen:
            problem(f"repite el registro de la fila {seen[record_id]}.")
            continue
        seen[record_id] = row.row
        answers = {
            key.removeprefix("criterio."): value
            for key, value in row.values.items()
            if key.startswith("criterio.") and value is not None
        }
        draft = JudgementDraft(answers, row.values.get(OBSERVATIONS) or "")
        if row.version is None and not answers and not draft.observation:
            unchanged += 1
            continue
        try:
            _, changed = save_in_session(
                session, actor, loaded, record_id, draft, expected_version=row.version
            )
        except JudgementConflict:
            problem(
                "usted cambió este juicio en la aplicación después de exportar el libro. "
                "Exporte su hoja de nuevo."
            )
            continue
        except ObservationRequired as exc:
            letter, header = returned.locations.get(OBSERVATIONS, ("", ""))
            problems.append(CellProblem("F182", row.row, letter, header, exc.message))
            continue
        except InvalidInput as exc:
            problem(exc.message)
            continue
        saved += changed
        unchanged += not changed
    if problems:
        raise F182ImportRejected(problems)  # inside the transaction: nothing is kept
    return saved, unchanged
