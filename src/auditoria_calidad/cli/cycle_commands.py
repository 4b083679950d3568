"""The end of the audit cycle on the command line: approve, send, answer, committee, close.

    audit approve | send | package | verify | close
    findings status | list | export | import | answer | submit
    committee create | update | list | show | attendee | decide | commitment | commitment-edit |
              close-commitment | commitments | preview | minutes | verify-minutes

``register`` adds its actions to the ``audit`` command when it already exists (register
it after ``audit_commands``), and creates ``findings`` and ``committee``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from auditoria_calidad.cli.common import (
    EXIT_REJECTED,
    Invocation,
    UsageError,
    emit,
    shortened,
    table,
)
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.services import administration, approval, audits, committee, findings
from auditoria_calidad.services import committee_minutes as minutes
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.commitment_edits import update_commitment
from auditoria_calidad.services.committee import CommitmentInfo, SessionDetail, SessionInfo
from auditoria_calidad.services.committee_conflicts import NO_DECISION, DecisionStamp
from auditoria_calidad.services.errors import InvalidInput, NotFound
from auditoria_calidad.services.findings import (
    DECISION_LABELS,
    AnswerStatus,
    AuditFindingsStatus,
    FindingInfo,
)

AUDIT_HELP = "auditoría: su número (AUD-2026-0001) o su id"
SESSION_HELP = "sesión del comité: su número de acta (ACTA-2026-001) o su id"
Sub = argparse._SubParsersAction


def _group(sub: Sub, common: argparse.ArgumentParser, name: str, help_text: str) -> Sub:
    """The sub-commands of ``name``, reusing the command when another module made it."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, parents=[common], help=help_text)
        return parser.add_subparsers(dest=f"{name}_command", metavar="ACCIÓN", required=True)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError(f"the {name} command has no sub-commands")


def register(sub: Sub, common: argparse.ArgumentParser) -> None:
    _register_audit(
        _group(sub, common, "audit", "auditorías: crear, aprobar, enviar, cerrar"), common
    )
    _register_findings(
        _group(sub, common, "findings", "hallazgos: consultar, exportar, responder"), common
    )
    _register_committee(
        _group(sub, common, "committee", "comité de calidad: sesiones, decisiones, actas"),
        common,
    )


def _add(
    group: Sub,
    common: argparse.ArgumentParser,
    name: str,
    handler: Any,
    help_text: str,
    description: str = "",
) -> Any:
    parser = group.add_parser(
        name, parents=[common], help=help_text, description=description or None
    )
    parser.set_defaults(handler=handler)
    return parser


def _register_audit(group: Sub, common: argparse.ArgumentParser) -> None:
    p = _add(
        group,
        common,
        "approve",
        cmd_approve,
        "aprobar la auditoría (Jefe de Oficina): emite el informe y la bloquea",
        "Exige evaluado al menos el 50 %% de la población. Crea las inconsistencias, emite "
        "el informe PDF y guarda su huella SHA-256; la auditoría queda de solo lectura.",
    )
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    p = _add(
        group,
        common,
        "send",
        cmd_send,
        "enviar al proveedor: fija el plazo de respuesta y escribe el paquete",
    )
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    p.add_argument("--out", metavar="CARPETA", help="carpeta donde escribir el paquete")
    p = _add(group, common, "package", cmd_package, "escribir de nuevo el paquete del proveedor")
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    p.add_argument("--out", metavar="CARPETA", required=True, help="carpeta de destino")
    p = _add(
        group, common, "verify", cmd_verify, "verificar un PDF contra la huella del informe emitido"
    )
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    p.add_argument("file", metavar="ARCHIVO.pdf", help="el PDF a verificar")
    p = _add(group, common, "close", cmd_close, "cerrar la auditoría después del comité")
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)


FINDING_HELP = (
    "hallazgo: AUDITORÍA/N.º, su número en la auditoría como lo muestran el informe, el "
    "libro de hallazgos y el acta (por ejemplo AUD-2026-0001/3)"
)


def _register_findings(group: Sub, common: argparse.ArgumentParser) -> None:
    p = _add(group, common, "status", cmd_findings_status, "auditorías aprobadas y sus respuestas")
    p.add_argument("--provider", metavar="PROVEEDOR", help="solo las de un proveedor")
    p.add_argument("--overdue", action="store_true", help="solo las de plazo vencido")
    p = _add(group, common, "list", cmd_findings_list, "inconsistencias de una auditoría")
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    p.add_argument("--status", choices=[s.value for s in AnswerStatus], help="estado de respuesta")
    p.add_argument("--overdue", action="store_true", help="solo las sin respuesta y vencidas")
    p = _add(group, common, "export", cmd_findings_export, "exportar el libro de hallazgos (.xlsx)")
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    p.add_argument("out", metavar="SALIDA.xlsx")
    p = _add(
        group,
        common,
        "import",
        cmd_findings_import,
        "importar las respuestas del libro de hallazgos devuelto",
        "Lee solo las columnas de respuesta y asocia cada fila por su número de hallazgo. Si "
        "alguna fila no es válida no se aplica nada. Una respuesta ya enviada solo se "
        "reemplaza con --overwrite.",
    )
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    p.add_argument("file", metavar="ARCHIVO.xlsx")
    p.add_argument("--overwrite", action="store_true", help="reemplazar respuestas ya enviadas")
    p = _add(
        group, common, "answer", cmd_findings_answer, "responder una inconsistencia (proveedor)"
    )
    p.add_argument("finding", metavar="HALLAZGO", help=FINDING_HELP)
    p.add_argument("--cause", required=True, metavar="TEXTO", help="análisis de causa")
    p.add_argument("--action", required=True, metavar="TEXTO", help="acción correctiva")
    p.add_argument("--responsible", required=True, metavar="NOMBRE", help="responsable")
    p.add_argument("--date", required=True, metavar="FECHA", help="fecha de compromiso")
    p.add_argument("--draft", action="store_true", help="guardar sin enviar")
    p.add_argument(
        "--expected-version",
        type=int,
        metavar="N",
        help="versión de la respuesta que usted leyó (0: ninguna); si otro la cambió desde "
        "entonces, no se guarda nada (código 5)",
    )
    p = _add(group, common, "submit", cmd_findings_submit, "enviar las respuestas en borrador")
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)


def _register_committee(group: Sub, common: argparse.ArgumentParser) -> None:
    p = _add(
        group,
        common,
        "create",
        cmd_committee_create,
        "abrir una sesión del comité",
        "Las auditorías con inconsistencias en seguimiento o compromisos abiertos se agregan "
        "solas. Fechas dd/mm/aaaa o aaaa-mm-dd.",
    )
    p.add_argument("--date", required=True, metavar="FECHA", help="fecha de la sesión")
    p.add_argument("--audits", default="", metavar="A,B", help="auditorías revisadas")
    p.add_argument("--place", default="", metavar="LUGAR")
    p.add_argument("--acta", metavar="N", help="número de acta (por defecto ACTA-AAAA-NNN)")
    p.add_argument("--agenda", metavar="TEXTO", help="orden del día (una línea por punto)")
    _details_arguments(p)
    p = _add(
        group,
        common,
        "update",
        cmd_committee_update,
        "registrar los datos de la reunión que recoge el acta",
        "Hora de inicio y de finalización, quién preside, quién actúa como secretario, "
        "quórum y conclusiones del comité. Solo cambia lo que se indique; la sesión debe "
        "estar sin emitir.",
    )
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("--date", metavar="FECHA", help="fecha de la sesión")
    p.add_argument("--place", metavar="LUGAR")
    p.add_argument("--agenda", metavar="TEXTO", help="orden del día (una línea por punto)")
    _details_arguments(p)
    p = _add(group, common, "list", cmd_committee_list, "sesiones del comité")
    p.add_argument("--provider", metavar="PROVEEDOR")
    p = _add(group, common, "show", cmd_committee_show, "detalle de una sesión")
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p = _add(group, common, "attendee", cmd_committee_attendee, "registrar un asistente")
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("--name", required=True, metavar="NOMBRE")
    p.add_argument("--position", default="", metavar="CARGO")
    p.add_argument("--organization", default="", metavar="ENTIDAD")
    p.add_argument("--absent", action="store_true", help="registrar como ausente")
    p = _add(
        group,
        common,
        "decide",
        cmd_committee_decide,
        "decisión sobre una o varias inconsistencias",
        "Registra la decisión del comité sobre los hallazgos nombrados, o con --all sobre "
        "todas las inconsistencias de la sesión que el proveedor respondió y que aún no "
        "tienen decisión en ella. Todas se registran en una sola transacción, o ninguna.",
    )
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("finding", metavar="HALLAZGO", nargs="*", help=FINDING_HELP)
    p.add_argument(
        "--all",
        action="store_true",
        help="todas las respondidas por el proveedor y sin decisión en esta sesión",
    )
    p.add_argument(
        "--decision", required=True, choices=sorted(committee.DECISION_WORDS), help="decisión"
    )
    p.add_argument("--observation", default="", metavar="TEXTO", help="observación del comité")
    p.add_argument(
        "--expected",
        choices=["ninguna", *sorted(committee.DECISION_WORDS)],
        help="decisión que usted vio en la sesión; si otro la cambió, no se registra (código 5)",
    )
    p = _add(group, common, "commitment", cmd_committee_commitment, "acordar un compromiso")
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("--action", required=True, metavar="TEXTO")
    p.add_argument("--responsible", required=True, metavar="NOMBRE")
    p.add_argument("--organization", default="", metavar="ENTIDAD")
    p.add_argument("--due", metavar="FECHA", help="fecha límite")
    p.add_argument("--audit", metavar="AUDITORÍA", help="auditoría a la que corresponde")
    p.add_argument(
        "--finding", metavar="HALLAZGO", help="hallazgo al que corresponde (AUDITORÍA/N.º)"
    )
    p = _add(
        group,
        common,
        "commitment-edit",
        cmd_committee_commitment_edit,
        "cambiar la acción, el responsable o la fecha límite de un compromiso abierto",
        "Solo cambia lo que se indique. --expected-version es la versión del compromiso que "
        "usted leyó («committee commitments --json» la muestra); si otro lo cambió o lo "
        "cerró desde entonces, no se guarda nada y sale con el código 5.",
    )
    p.add_argument("commitment", metavar="COMPROMISO", type=int)
    p.add_argument("--action", metavar="TEXTO", help="nueva acción")
    p.add_argument("--responsible", metavar="NOMBRE", help="nuevo responsable")
    p.add_argument("--due", metavar="FECHA", help="nueva fecha límite (dd/mm/aaaa)")
    p.add_argument(
        "--session",
        metavar="SESIÓN",
        help="sesión sin emitir que lo revisa (por defecto, la más reciente)",
    )
    p.add_argument(
        "--expected-version", required=True, type=int, metavar="N", help="versión que usted leyó"
    )
    p = _add(
        group, common, "close-commitment", cmd_committee_close_commitment, "cerrar un compromiso"
    )
    p.add_argument("session", metavar="SESIÓN", help="sesión en la que se cierra")
    p.add_argument("commitment", metavar="COMPROMISO", type=int)
    p = _add(
        group, common, "commitments", cmd_committee_commitments, "compromisos de todas las sesiones"
    )
    p.add_argument("--open", action="store_true", help="solo los abiertos")
    p.add_argument("--overdue", action="store_true", help="solo los abiertos y vencidos")
    p = _add(
        group, common, "preview", cmd_committee_preview, "borrador del acta en PDF (sin emitir)"
    )
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("--pdf", required=True, metavar="SALIDA.pdf")
    p = _add(
        group,
        common,
        "minutes",
        cmd_committee_minutes,
        "emitir el acta (PDF con huella; la sesión queda de solo lectura)",
    )
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("--pdf", required=True, metavar="SALIDA.pdf")
    p.add_argument(
        "--provider",
        metavar="PROVEEDOR",
        help="escribir lo que recibe ese proveedor: el extracto del acta con solo sus "
        "inconsistencias, respuestas y compromisos (emite el acta si aún no lo está)",
    )
    p = _add(
        group,
        common,
        "verify-minutes",
        cmd_committee_verify_minutes,
        "verificar un acta (o el extracto de un proveedor) contra su huella SHA-256",
    )
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("file", metavar="ARCHIVO.pdf", help="el PDF a verificar")
    p.add_argument("--provider", metavar="PROVEEDOR", help="verificar el extracto de ese proveedor")


# --- helpers ------------------------------------------------------------------------------


def _details_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--start", metavar="HH:MM", help="hora de inicio (24 h)")
    p.add_argument("--end", metavar="HH:MM", help="hora de finalización (24 h)")
    p.add_argument("--chair", metavar="NOMBRE", help="quién preside la sesión")
    p.add_argument("--secretary", metavar="NOMBRE", help="quién actúa como secretario")
    quorum = p.add_mutually_exclusive_group()
    quorum.add_argument(
        "--quorum", dest="quorum", action="store_const", const=True, help="hubo quórum"
    )
    quorum.add_argument(
        "--no-quorum", dest="quorum", action="store_const", const=False, help="no hubo quórum"
    )
    p.add_argument("--conclusions", metavar="TEXTO", help="conclusiones del comité")


def _clock(text: str | None, option: str) -> time | None:
    if text is None:
        return None
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise UsageError(
            f"{option}: «{text}» no es una hora; escríbala como HH:MM (24 h)."
        ) from None


def _details(inv: Invocation) -> committee.SessionDetails:
    a = inv.args
    return committee.SessionDetails(
        starts_at=_clock(a.start, "--start"),
        ends_at=_clock(a.end, "--end"),
        chair=a.chair,
        secretary=a.secretary,
        quorum=a.quorum,
        conclusions=a.conclusions.replace("\\n", "\n") if a.conclusions else a.conclusions,
    )


def _finding_id(inv: Invocation, actor: Actor, reference: str) -> int:
    return findings.find_finding(inv.db, actor, reference).id


def _audit_id(inv: Invocation, actor: Actor, reference: str) -> int:
    return audits.find_audit(inv.db, actor, reference).id


def _session_id(inv: Invocation, actor: Actor, reference: str) -> int:
    return committee.find_session(inv.db, actor, reference).id


def _day(text: str | None) -> date | None:
    return None if text is None else audits.parse_day(text)


def _dmy(value: date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def _provider_id(inv: Invocation, actor: Actor, text: str | None) -> int | None:
    if text is None:
        return None
    wanted = text.strip()
    for provider in administration.list_providers(inv.db, actor):
        if wanted.casefold() == provider.name.casefold() or wanted == str(provider.id):
            return provider.id
    raise NotFound(f"No existe el proveedor «{text}».")


def _write(path: str, data: bytes) -> Path:
    from auditoria_calidad.services import reports

    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        reports.write_bytes(data, target)  # whole or not at all
    except OSError as exc:
        raise UsageError(f"No se pudo escribir {target}: {exc.strerror}.") from exc
    return target


def _finding_dict(f: FindingInfo) -> dict[str, Any]:
    a = f.answer
    return {
        "id": f.id,
        "number": f.number,
        "audit": f.audit_number,
        "key": f.key,
        "received_at": f.received_at.isoformat(),
        "agent": f.agent,
        "identity": f.identity,
        "criterion": f.criterion_key,
        "criterion_label": f.criterion_label,
        "observation": f.observation,
        "status": f.status.value,
        "late": f.late,
        "overdue": f.overdue(),
        "decision": f.committee_state.value if f.committee_state else None,
        "answer": None
        if a is None
        else {
            "cause_analysis": a.cause_analysis,
            "corrective_action": a.corrective_action,
            "responsible": a.responsible,
            "commitment_date": a.commitment_date.isoformat() if a.commitment_date else None,
            "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
            "version": a.version,
        },
    }


def _status_dict(s: AuditFindingsStatus) -> dict[str, Any]:
    return {
        "audit_id": s.audit_id,
        "number": s.number,
        "provider": s.provider,
        "state": s.state.value,
        "response_deadline": s.response_deadline.isoformat() if s.response_deadline else None,
        "findings": s.findings,
        "answered": s.answered,
        "pending": s.pending,
        "late": s.late,
        "decided": s.decided,
        "follow_up": s.follow_up,
        "overdue": s.overdue(),
    }


def _commitment_dict(c: CommitmentInfo) -> dict[str, Any]:
    return {
        "id": c.id,
        "acta": c.acta_number,
        "audit": c.audit_number,
        "finding": c.finding_id,
        "finding_number": c.finding_number,
        "action": c.action,
        "responsible": c.responsible,
        "organization": c.organization,
        "due": c.due_date.isoformat() if c.due_date else None,
        "state": c.state.value,
        "closed_in": c.closed_in_acta,
        "overdue": c.overdue(),
        "version": c.version,
    }


def _session_dict(s: SessionInfo) -> dict[str, Any]:
    return {
        "session_id": s.id,
        "acta": s.acta_number,
        "date": s.held_on.isoformat(),
        "place": s.place,
        "state": s.state.value,
        "audits": list(s.audit_numbers),
        "attendees": s.attendees,
        "findings": s.findings,
        "decided": s.decided,
        "commitments": s.commitments,
        "minutes_sha256": s.minutes_sha256,
        "starts_at": s.starts_at.strftime("%H:%M") if s.starts_at else None,
        "ends_at": s.ends_at.strftime("%H:%M") if s.ends_at else None,
        "chair": s.chair,
        "secretary": s.secretary,
        "quorum": s.quorum,
        "conclusions": s.conclusions,
    }


# --- audit --------------------------------------------------------------------------------


def cmd_approve(inv: Invocation) -> None:
    actor = inv.actor()
    result = approval.approve_audit(inv.db, actor, _audit_id(inv, actor, inv.args.audit))
    emit(
        inv,
        {
            "ok": True,
            "audit_id": result.audit_id,
            "number": result.number,
            "state": "approved",
            "findings": result.findings,
            "report_sha256": result.report_sha256,
        },
        f"Auditoría {result.number} aprobada por {result.approved_by}: "
        f"{counted(result.findings, 'inconsistencia', 'inconsistencias')}.\n"
        f"Informe emitido; SHA-256 {result.report_sha256}",
    )


def cmd_send(inv: Invocation) -> None:
    actor = inv.actor()
    result = approval.send_to_provider(
        inv.db, actor, _audit_id(inv, actor, inv.args.audit), inv.args.out
    )
    files = [str(f) for f in result.files]
    emit(
        inv,
        {
            "ok": True,
            "audit_id": result.audit_id,
            "number": result.number,
            "state": result.state.value,
            "response_deadline": result.response_deadline.isoformat(),
            "findings": result.findings,
            "files": files,
        },
        f"Auditoría {result.number} enviada al proveedor: "
        f"{counted(result.findings, 'inconsistencia', 'inconsistencias')}, plazo de respuesta "
        f"{_dmy(result.response_deadline)} "
        f"({counted(result.business_days, 'día hábil', 'días hábiles')})."
        + "".join(f"\n  {f}" for f in files),
    )


def cmd_package(inv: Invocation) -> None:
    actor = inv.actor()
    audit_id = _audit_id(inv, actor, inv.args.audit)
    files = [str(f) for f in approval.write_provider_package(inv.db, actor, audit_id, inv.args.out)]
    emit(inv, {"ok": True, "files": files}, "Paquete escrito:\n  " + "\n  ".join(files))


def cmd_verify(inv: Invocation) -> int:
    actor = inv.actor()
    check = approval.verify_report(
        inv.db, actor, _audit_id(inv, actor, inv.args.audit), inv.args.file
    )
    emit(
        inv,
        {
            "ok": check.matches,
            "number": check.number,
            "matches": check.matches,
            "stored_sha256": check.stored_sha256,
            "file_sha256": check.file_sha256,
        },
        (
            f"El archivo es el informe emitido de la auditoría {check.number}."
            if check.matches
            else f"El archivo NO coincide con el informe emitido de la auditoría {check.number}."
        )
        + f"\n  Huella registrada: {check.stored_sha256}\n  Huella del archivo: {check.file_sha256}",
    )
    return 0 if check.matches else 1


def cmd_close(inv: Invocation) -> None:
    actor = inv.actor()
    check = approval.close_audit(inv.db, actor, _audit_id(inv, actor, inv.args.audit))
    emit(
        inv,
        {"ok": True, "audit_id": check.audit_id, "number": check.number, "state": "closed"},
        f"Auditoría {check.number} cerrada.",
    )


# --- findings -----------------------------------------------------------------------------


def cmd_findings_status(inv: Invocation) -> None:
    actor = inv.actor()
    rows = findings.list_audit_status(
        inv.db,
        actor,
        provider_id=_provider_id(inv, actor, inv.args.provider),
        overdue_only=inv.args.overdue,
    )
    emit(
        inv,
        {"ok": True, "audits": [_status_dict(r) for r in rows]},
        lambda: table(
            [
                [
                    r.number,
                    r.provider,
                    r.state_label,
                    _dmy(r.response_deadline) + (" (vencido)" if r.overdue() else ""),
                    f"{r.answered}/{r.findings}",
                    str(r.late),
                    f"{r.decided}/{r.findings}",
                ]
                for r in rows
            ],
            ["Auditoría", "Proveedor", "Estado", "Plazo", "Respondidas", "Tarde", "Decididas"],
        ),
    )


def cmd_findings_list(inv: Invocation) -> None:
    actor = inv.actor()
    status = AnswerStatus(inv.args.status) if inv.args.status else None
    rows = findings.list_findings(
        inv.db,
        actor,
        _audit_id(inv, actor, inv.args.audit),
        status=status,
        overdue_only=inv.args.overdue,
    )
    emit(
        inv,
        {"ok": True, "findings": [_finding_dict(f) for f in rows]},
        lambda: table(
            [
                [
                    str(f.number),
                    f.key,
                    f.agent,
                    shortened(f.criterion_label, 40),
                    f.status.label + (" (tarde)" if f.late else ""),
                    f.decision_label,
                ]
                for f in rows
            ],
            ["N.º", "Radicado", "Agente", "Criterio", "Respuesta", "Decisión"],
        ),
    )


def cmd_findings_export(inv: Invocation) -> None:
    actor = inv.actor()
    audit_id = _audit_id(inv, actor, inv.args.audit)
    data = findings.export_findings_workbook(inv.db, actor, audit_id)
    target = _write(inv.args.out, data)
    emit(inv, {"ok": True, "file": str(target)}, f"Libro de hallazgos escrito en {target}.")


def cmd_findings_import(inv: Invocation) -> int | None:
    actor = inv.actor()
    try:
        result = answers.import_answers(
            inv.db,
            actor,
            _audit_id(inv, actor, inv.args.audit),
            inv.args.file,
            overwrite=inv.args.overwrite,
        )
    except answers.AnswersImportRejected as exc:
        # Every problem, not only the message's first thirty, so that all are fixed at once.
        headline = exc.message.split("\n", 1)[0]
        if inv.json:
            print(
                json.dumps(
                    {
                        "ok": False,
                        "error": headline,
                        "exit_code": EXIT_REJECTED,
                        "problems": exc.problems,
                    },
                    ensure_ascii=False,
                )
            )
        print(f"Error: {headline}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_REJECTED
    emit(
        inv,
        {
            "ok": True,
            "number": result.number,
            "rows": result.rows,
            "applied": result.applied,
            "unchanged": result.unchanged,
            "blank": result.blank,
            "late": result.late,
            "pending": result.pending,
            "state": result.state.value,
        },
        f"Auditoría {result.number}: "
        f"{counted(result.applied, 'respuesta aplicada', 'respuestas aplicadas')}, "
        f"{result.unchanged} sin cambios, {counted(result.blank, 'fila', 'filas')} sin responder"
        + (f", {result.late} fuera de plazo" if result.late else "")
        + f". Pendientes: {result.pending}.",
    )
    return None


def cmd_findings_answer(inv: Invocation) -> None:
    commitment = audits.parse_day(inv.args.date)  # before asking for the password
    actor = inv.actor()
    current = findings.find_finding(inv.db, actor, inv.args.finding)
    finding = answers.save_answer(
        inv.db,
        actor,
        current.id,
        answers.AnswerDraft(inv.args.cause, inv.args.action, inv.args.responsible, commitment),
        submit=not inv.args.draft,
        expected_version=_expected_answer(inv.args.expected_version, current),
    )
    emit(
        inv,
        {"ok": True, **_finding_dict(finding)},
        f"Hallazgo N.º {finding.number} de {finding.audit_number} ({finding.key}): "
        f"{finding.status.label.lower()}" + (" fuera de plazo." if finding.late else "."),
    )


def _expected_answer(given: int | None, current: findings.FindingInfo) -> int | None:
    """The answer version the user read: given (0: none), else the one stored now."""
    if given is not None:
        return given or None
    return current.answer.version if current.answer else None


def cmd_findings_submit(inv: Invocation) -> None:
    actor = inv.actor()
    result = answers.submit_answers(inv.db, actor, _audit_id(inv, actor, inv.args.audit))
    emit(
        inv,
        {
            "ok": True,
            "number": result.number,
            "submitted": result.submitted,
            "late": result.late,
            "pending": result.pending,
            "state": result.state.value,
        },
        f"Auditoría {result.number}: "
        f"{counted(result.submitted, 'respuesta enviada', 'respuestas enviadas')}; "
        f"pendientes {result.pending}.",
    )


# --- committee ----------------------------------------------------------------------------


def cmd_committee_create(inv: Invocation) -> None:
    held_on = audits.parse_day(inv.args.date)
    actor = inv.actor()
    ids = [_audit_id(inv, actor, a) for a in inv.args.audits.split(",") if a.strip()]
    info = committee.create_session(
        inv.db,
        actor,
        held_on,
        ids,
        place=inv.args.place,
        acta_number=inv.args.acta,
        agenda=inv.args.agenda.replace("\\n", "\n") if inv.args.agenda else None,
        details=_details(inv),
    )
    emit(
        inv,
        {"ok": True, **_session_dict(info)},
        f"Sesión {info.acta_number} del {_dmy(info.held_on)} creada; revisa "
        + ", ".join(info.audit_numbers)
        + ".",
    )


def cmd_committee_update(inv: Invocation) -> None:
    held_on = _day(inv.args.date)
    details = _details(inv)
    actor = inv.actor()
    info = committee.update_session(
        inv.db,
        actor,
        _session_id(inv, actor, inv.args.session),
        held_on=held_on,
        place=inv.args.place,
        agenda=inv.args.agenda.replace("\\n", "\n") if inv.args.agenda else None,
        details=details,
    )
    emit(inv, {"ok": True, **_session_dict(info)}, f"Sesión {info.acta_number} actualizada.")


def cmd_committee_list(inv: Invocation) -> None:
    actor = inv.actor()
    rows = committee.list_sessions(
        inv.db, actor, provider_id=_provider_id(inv, actor, inv.args.provider)
    )
    emit(
        inv,
        {"ok": True, "sessions": [_session_dict(s) for s in rows]},
        lambda: table(
            [
                [
                    s.acta_number,
                    _dmy(s.held_on),
                    s.place,
                    s.state_label,
                    ", ".join(s.audit_numbers),
                    f"{s.decided}/{s.findings}",
                ]
                for s in rows
            ],
            ["Acta", "Fecha", "Lugar", "Estado", "Auditorías", "Decididas"],
        ),
    )


def _detail_text(d: SessionDetail) -> str:
    i = d.info
    hours = " a ".join(t.strftime("%H:%M") for t in (i.starts_at, i.ends_at) if t is not None)
    quorum = {None: "sin registrar", True: "sí", False: "no"}[i.quorum]
    lines = [
        f"Acta {i.acta_number} — {_dmy(i.held_on)} — {i.place or 'sin lugar'}",
        f"Estado: {i.state_label}",
        f"Hora: {hours or 'sin registrar'} · Preside: {i.chair or 'sin registrar'} · "
        f"Secretario: {i.secretary or 'sin registrar'} · Quórum: {quorum}",
        "",
        "Orden del día:",
        *(f"  {line}" for line in d.agenda.splitlines()),
        "",
        "Asistentes:",
        *(
            f"  {a.name} — {a.position} — {a.organization}" + ("" if a.present else " (ausente)")
            for a in d.attendees
        ),
    ]
    for view in d.audits:
        lines += ["", f"Auditoría {view.number} ({view.provider}, {view.state_label}):"]
        for f in view.findings:
            decided = view.decisions.get(f.id)
            label = findings.DECISION_LABELS[decided[0]] if decided else "sin decisión aquí"
            lines.append(
                f"  N.º {f.number:>4}  {f.key}  {shortened(f.criterion_label, 40)}  → {label}"
            )
    for title, items in (("Compromisos", d.commitments), ("Seguimiento", d.follow_up)):
        lines += ["", f"{title}:"]
        lines += [
            f"  {c.id:>4}  {shortened(c.action, 60)} — {c.responsible} — {_dmy(c.due_date)} — {c.state_label}"
            for c in items
        ] or ["  (ninguno)"]
    return "\n".join(lines)


def cmd_committee_show(inv: Invocation) -> None:
    actor = inv.actor()
    detail = committee.get_session(inv.db, actor, _session_id(inv, actor, inv.args.session))
    payload = {
        "ok": True,
        **_session_dict(detail.info),
        "agenda": detail.agenda,
        "attendee_list": [
            {
                "name": a.name,
                "position": a.position,
                "organization": a.organization,
                "present": a.present,
            }
            for a in detail.attendees
        ],
        "findings": [
            {
                **_finding_dict(f),
                "session_decision": v.decisions[f.id][0].value if f.id in v.decisions else None,
            }
            for v in detail.audits
            for f in v.findings
        ],
        "commitment_list": [_commitment_dict(c) for c in detail.commitments],
        "follow_up": [_commitment_dict(c) for c in detail.follow_up],
    }
    emit(inv, payload, lambda: _detail_text(detail))


def cmd_committee_attendee(inv: Invocation) -> None:
    actor = inv.actor()
    attendee = committee.add_attendee(
        inv.db,
        actor,
        _session_id(inv, actor, inv.args.session),
        inv.args.name,
        inv.args.position,
        inv.args.organization,
        present=not inv.args.absent,
    )
    emit(
        inv,
        {
            "ok": True,
            "attendee_id": attendee.id,
            "name": attendee.name,
            "present": attendee.present,
        },
        f"Asistente registrado: {attendee.name}" + ("" if attendee.present else " (ausente)."),
    )


def _expected_decision(word: str | None) -> DecisionStamp | None:
    if word is None:
        return None
    return NO_DECISION if word == "ninguna" else DecisionStamp(committee.parse_decision(word))


def cmd_committee_decide(inv: Invocation) -> None:
    a = inv.args
    if a.all and a.finding:
        raise UsageError("Use --all o nombre los hallazgos, no las dos cosas a la vez.")
    if not a.all and not a.finding:
        raise UsageError("Nombre al menos un hallazgo (AUDITORÍA/N.º) o use --all.")
    if a.all or len(a.finding) > 1:
        _decide_many(inv)
        return
    actor = inv.actor()
    finding = committee.record_decision(
        inv.db,
        actor,
        _session_id(inv, actor, inv.args.session),
        _finding_id(inv, actor, inv.args.finding[0]),
        inv.args.decision,
        inv.args.observation,
        expected=_expected_decision(inv.args.expected),
    )
    emit(
        inv,
        {
            "ok": True,
            "finding": finding.id,
            "number": finding.number,
            "audit": finding.audit_number,
            "decision": finding.committee_state,
        },
        f"Hallazgo N.º {finding.number} de {finding.audit_number} ({finding.key}): "
        f"{finding.decision_label}.",
    )


def _decide_many(inv: Invocation) -> None:
    """Several decisions in one transaction: the named findings, or --all answered ones."""
    a = inv.args
    actor = inv.actor()
    session_id = _session_id(inv, actor, a.session)
    if a.all:
        if a.expected is not None:
            raise UsageError(
                "--expected no aplica con --all: se deciden solo las que no tienen decisión."
            )
        result = committee.decide_answered(inv.db, actor, session_id, a.decision, a.observation)
    else:
        ids = [_finding_id(inv, actor, ref) for ref in a.finding]
        stamp = _expected_decision(a.expected)
        result = committee.record_decisions(
            inv.db,
            actor,
            session_id,
            [(fid, a.decision, a.observation) for fid in ids],
            expected=None if stamp is None else dict.fromkeys(ids, stamp),
        )
    label = DECISION_LABELS[committee.parse_decision(a.decision)]
    emit(
        inv,
        {
            "ok": True,
            "decided": result.recorded,
            "decision": committee.parse_decision(a.decision),
            "findings": list(result.references),
        },
        f"{label}: {counted(result.recorded, 'inconsistencia', 'inconsistencias')} "
        f"({', '.join(result.references[:20])}{'…' if result.recorded > 20 else ''}).",
    )


def cmd_committee_commitment(inv: Invocation) -> None:
    due = _day(inv.args.due)
    actor = inv.actor()
    info = committee.add_commitment(
        inv.db,
        actor,
        _session_id(inv, actor, inv.args.session),
        inv.args.action,
        inv.args.responsible,
        inv.args.organization,
        due,
        audit_id=_audit_id(inv, actor, inv.args.audit) if inv.args.audit else None,
        finding_id=_finding_id(inv, actor, inv.args.finding) if inv.args.finding else None,
    )
    emit(
        inv,
        {"ok": True, **_commitment_dict(info)},
        f"Compromiso {info.id} acordado en el acta {info.acta_number}.",
    )


def cmd_committee_commitment_edit(inv: Invocation) -> None:
    a = inv.args
    if a.action is None and a.responsible is None and a.due is None:
        raise UsageError("Indique qué cambiar: --action, --responsible o --due.")
    due = _day(a.due)  # before asking for the password
    actor = inv.actor()
    listed = committee.list_commitments(inv.db, actor)
    current = next((c for c in listed if c.id == a.commitment), None)
    if current is None:
        raise NotFound(f"No existe el compromiso {a.commitment}.")
    info = update_commitment(
        inv.db,
        actor,
        _reviewing_session(inv, actor, current),
        current.id,
        action=current.action if a.action is None else a.action,
        responsible=current.responsible if a.responsible is None else a.responsible,
        organization=current.organization,
        due_date=current.due_date if due is None else due,
        expected_version=a.expected_version,
    )
    emit(
        inv,
        {"ok": True, **_commitment_dict(info)},
        f"Compromiso {info.id} modificado (versión {info.version}).",
    )


def _reviewing_session(inv: Invocation, actor: Actor, commitment: CommitmentInfo) -> int:
    """The session given, or the newest one not issued that reviews the commitment."""
    if inv.args.session:
        return _session_id(inv, actor, inv.args.session)
    drafts = committee.list_sessions(inv.db, actor, state=committee.SessionState.DRAFT)
    for info in drafts:
        if info.id >= commitment.session_id:
            return info.id
    raise InvalidInput(
        f"El compromiso {commitment.id} no se revisa en ninguna sesión sin emitir: ábrala "
        "con «committee create» para cambiarlo."
    )


def cmd_committee_close_commitment(inv: Invocation) -> None:
    actor = inv.actor()
    info = committee.close_commitment(
        inv.db, actor, _session_id(inv, actor, inv.args.session), inv.args.commitment
    )
    emit(
        inv,
        {"ok": True, **_commitment_dict(info)},
        f"Compromiso {info.id} cerrado en el acta {info.closed_in_acta}.",
    )


def cmd_committee_commitments(inv: Invocation) -> None:
    actor = inv.actor()
    state = committee.CommitmentState.OPEN if inv.args.open or inv.args.overdue else None
    rows = committee.list_commitments(inv.db, actor, state=state, overdue_only=inv.args.overdue)
    emit(
        inv,
        {"ok": True, "commitments": [_commitment_dict(c) for c in rows]},
        lambda: table(
            [
                [
                    str(c.id),
                    c.acta_number,
                    c.reference,
                    shortened(c.action, 50),
                    c.responsible,
                    _dmy(c.due_date) + (" (vencido)" if c.overdue() else ""),
                    c.state_label,
                ]
                for c in rows
            ],
            ["N.º", "Acta", "Referencia", "Compromiso", "Responsable", "Fecha", "Estado"],
        ),
    )


def cmd_committee_preview(inv: Invocation) -> None:
    actor = inv.actor()
    pdf = minutes.minutes_pdf(inv.db, actor, _session_id(inv, actor, inv.args.session))
    target = _write(inv.args.pdf, pdf)
    emit(inv, {"ok": True, "file": str(target)}, f"Acta escrita en {target}.")


def cmd_committee_minutes(inv: Invocation) -> None:
    actor = inv.actor()
    session_id = _session_id(inv, actor, inv.args.session)
    if inv.args.provider is not None:
        _provider_minutes(inv, actor, session_id)
        return
    info, pdf = minutes.issue_minutes(inv.db, actor, session_id)
    target = _write(inv.args.pdf, pdf)
    emit(
        inv,
        {"ok": True, **_session_dict(info), "file": str(target)},
        f"Acta {info.acta_number} emitida en {target}.\nSHA-256 {info.minutes_sha256}",
    )


def _provider_minutes(inv: Invocation, actor: Actor, session_id: int) -> None:
    """Write what one provider receives: its extract (issuing the acta first if needed)."""
    provider_id = _provider_id(inv, actor, inv.args.provider)
    assert provider_id is not None
    info = committee.get_session(inv.db, actor, session_id).info
    issued_now = info.state is committee.SessionState.DRAFT
    if issued_now:
        info, _full = minutes.issue_minutes(inv.db, actor, session_id)
    pdf = minutes.provider_minutes_pdf(inv.db, actor, session_id, provider_id)
    check = minutes.verify_minutes(inv.db, actor, session_id, pdf, provider_id)
    target = _write(inv.args.pdf, pdf)
    emit(
        inv,
        {
            "ok": True,
            **_session_dict(info),
            "provider": check.provider,
            "file": str(target),
            "extract_sha256": check.stored_sha256,
            "issued_now": issued_now,
        },
        (f"Acta {info.acta_number} emitida.\n" if issued_now else "")
        + f"Extracto del acta {info.acta_number} para {check.provider} escrito en {target}."
        + f"\nSHA-256 {check.stored_sha256}",
    )


def cmd_committee_verify_minutes(inv: Invocation) -> int:
    actor = inv.actor()
    session_id = _session_id(inv, actor, inv.args.session)
    provider_id = _provider_id(inv, actor, inv.args.provider)
    check = minutes.verify_minutes(inv.db, actor, session_id, inv.args.file, provider_id)
    what = (
        f"el extracto del acta {check.acta_number} para {check.provider}"
        if check.provider
        else f"el acta emitida {check.acta_number}"
    )
    emit(
        inv,
        {
            "ok": check.matches,
            "acta": check.acta_number,
            "provider": check.provider or None,
            "matches": check.matches,
            "stored_sha256": check.stored_sha256,
            "file_sha256": check.file_sha256,
        },
        (f"El archivo es {what}." if check.matches else f"El archivo NO coincide con {what}.")
        + f"\n  Huella registrada: {check.stored_sha256}\n  Huella del archivo: {check.file_sha256}",
    )
    return 0 if check.matches else 1
