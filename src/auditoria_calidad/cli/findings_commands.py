"""The findings of an approved audit on the command line: their status, the list, the
findings workbook out and back, and the provider's answers.

    findings status | list | export | import | answer | submit
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from auditoria_calidad.cli.common import EXIT_REJECTED, Invocation, emit, shortened, table
from auditoria_calidad.cli.cycle_common import (
    AUDIT_HELP,
    FINDING_HELP,
    Sub,
    add_action,
    command_group,
    dmy,
    finding_json,
    resolve_audit,
    resolve_provider,
    write_file,
)
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.services import audits, findings
from auditoria_calidad.services import provider_answers as answers
from auditoria_calidad.services.findings import AnswerStatus, AuditFindingsStatus


def register(sub: Sub, common: argparse.ArgumentParser) -> None:
    _register_findings(
        command_group(sub, common, "findings", "hallazgos: consultar, exportar, responder"),
        common,
    )


def _register_findings(group: Sub, common: argparse.ArgumentParser) -> None:
    p = add_action(
        group, common, "status", cmd_findings_status, "auditorías aprobadas y sus respuestas"
    )
    p.add_argument("--provider", metavar="PROVEEDOR", help="solo las de un proveedor")
    p.add_argument("--overdue", action="store_true", help="solo las de plazo vencido")
    p = add_action(group, common, "list", cmd_findings_list, "inconsistencias de una auditoría")
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    p.add_argument("--status", choices=[s.value for s in AnswerStatus], help="estado de respuesta")
    p.add_argument("--overdue", action="store_true", help="solo las sin respuesta y vencidas")
    p = add_action(
        group, common, "export", cmd_findings_export, "exportar el libro de hallazgos (.xlsx)"
    )
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    p.add_argument("out", metavar="SALIDA.xlsx")
    p = add_action(
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
    p = add_action(
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
    p = add_action(
        group, common, "submit", cmd_findings_submit, "enviar las respuestas en borrador"
    )
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)


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


def cmd_findings_status(inv: Invocation) -> None:
    actor = inv.actor()
    rows = findings.list_audit_status(
        inv.db,
        actor,
        provider_id=resolve_provider(inv, actor, inv.args.provider),
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
                    dmy(r.response_deadline) + (" (vencido)" if r.overdue() else ""),
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
        resolve_audit(inv, actor, inv.args.audit),
        status=status,
        overdue_only=inv.args.overdue,
    )
    emit(
        inv,
        {"ok": True, "findings": [finding_json(f) for f in rows]},
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
    audit_id = resolve_audit(inv, actor, inv.args.audit)
    data = findings.export_findings_workbook(inv.db, actor, audit_id)
    target = write_file(inv.args.out, data)
    emit(inv, {"ok": True, "file": str(target)}, f"Libro de hallazgos escrito en {target}.")


def cmd_findings_import(inv: Invocation) -> int | None:
    actor = inv.actor()
    try:
        result = answers.import_answers(
            inv.db,
            actor,
            resolve_audit(inv, actor, inv.args.audit),
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
        {"ok": True, **finding_json(finding)},
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
    result = answers.submit_answers(inv.db, actor, resolve_audit(inv, actor, inv.args.audit))
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
