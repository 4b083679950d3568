"""The end of the audit cycle on the command line: approve, send, close.

    audit approve | send | package | verify | close

``register`` adds its actions to the ``audit`` command when it already exists (register
it after ``audit_commands``). The findings and the committee have their own modules
(``findings_commands``, ``committee_commands``); what they share is in ``cycle_common``.
"""

from __future__ import annotations

import argparse

from auditoria_calidad.cli.common import Invocation, emit
from auditoria_calidad.cli.cycle_common import (
    AUDIT_HELP,
    Sub,
    add_action,
    command_group,
    dmy,
    resolve_audit,
)
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.services import approval


def register(sub: Sub, common: argparse.ArgumentParser) -> None:
    _register_audit(
        command_group(sub, common, "audit", "auditorías: crear, aprobar, enviar, cerrar"), common
    )


def _register_audit(group: Sub, common: argparse.ArgumentParser) -> None:
    p = add_action(
        group,
        common,
        "approve",
        cmd_approve,
        "aprobar la auditoría (Jefe de Oficina): emite el informe y la bloquea",
        "Exige evaluado al menos el 50 %% de la población. Crea las inconsistencias, emite "
        "el informe PDF y guarda su huella SHA-256; la auditoría queda de solo lectura.",
    )
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    p = add_action(
        group,
        common,
        "send",
        cmd_send,
        "enviar al proveedor: fija el plazo de respuesta y escribe el paquete",
    )
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    p.add_argument("--out", metavar="CARPETA", help="carpeta donde escribir el paquete")
    p = add_action(
        group, common, "package", cmd_package, "escribir de nuevo el paquete del proveedor"
    )
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    p.add_argument("--out", metavar="CARPETA", required=True, help="carpeta de destino")
    p = add_action(
        group, common, "verify", cmd_verify, "verificar un PDF contra la huella del informe emitido"
    )
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    p.add_argument("file", metavar="ARCHIVO.pdf", help="el PDF a verificar")
    p = add_action(group, common, "close", cmd_close, "cerrar la auditoría después del comité")
    p.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)


def cmd_approve(inv: Invocation) -> None:
    actor = inv.actor()
    result = approval.approve_audit(inv.db, actor, resolve_audit(inv, actor, inv.args.audit))
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
        inv.db, actor, resolve_audit(inv, actor, inv.args.audit), inv.args.out
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
        f"{dmy(result.response_deadline)} "
        f"({counted(result.business_days, 'día hábil', 'días hábiles')})."
        + "".join(f"\n  {f}" for f in files),
    )


def cmd_package(inv: Invocation) -> None:
    actor = inv.actor()
    audit_id = resolve_audit(inv, actor, inv.args.audit)
    files = [str(f) for f in approval.write_provider_package(inv.db, actor, audit_id, inv.args.out)]
    emit(inv, {"ok": True, "files": files}, "Paquete escrito:\n  " + "\n  ".join(files))


def cmd_verify(inv: Invocation) -> int:
    actor = inv.actor()
    check = approval.verify_report(
        inv.db, actor, resolve_audit(inv, actor, inv.args.audit), inv.args.file
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
    check = approval.close_audit(inv.db, actor, resolve_audit(inv, actor, inv.args.audit))
    emit(
        inv,
        {"ok": True, "audit_id": check.audit_id, "number": check.number, "state": "closed"},
        f"Auditoría {check.number} cerrada.",
    )
