"""The `demo` sub-command."""

from __future__ import annotations

import argparse

from auditoria_calidad.cli.common import Invocation, emit
from auditoria_calidad.domain.plurals import noun
from auditoria_calidad.services.demo import DEMO_SEED, DemoResult, export_demo_files, load_demo


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo",
        parents=[common],
        help="cargar tres meses de demostración en una base vacía",
        description="Llena una base de datos sin registros con tres meses realistas de un "
        "proveedor (10 agentes; agosto y septiembre de 2026 en el canal virtual, octubre con "
        "unas 1.500 respuestas virtuales y 800 chats) y crea un usuario de demostración por "
        "rol. Agosto y septiembre recorren el ciclo completo (auditorías aprobadas, respuestas "
        "del proveedor, sesión del comité con el acta emitida); en octubre quedan abiertas las "
        "auditorías con parte de la muestra virtual evaluada. Las contraseñas se muestran una "
        "sola vez. No requiere iniciar sesión. Con --export-files solo escribe los archivos "
        "de exportación del CRM de esos meses, para probar la importación.",
    )
    p.add_argument(
        "--seed", type=int, default=DEMO_SEED, help="semilla de los datos (por defecto %(default)s)"
    )
    p.add_argument(
        "--solo-registros",
        dest="records_only",
        action="store_true",
        help="cargar solo los registros, sin abrir las auditorías de demostración",
    )
    p.add_argument(
        "--export-files",
        dest="export_files",
        metavar="CARPETA",
        help="escribir en CARPETA los archivos de exportación del CRM de la demostración "
        "(xlsx y CSV por mes y canal) sin tocar la base de datos",
    )
    p.set_defaults(handler=cmd_demo)


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _counted(number: int, singular: str, plural: str) -> str:
    return f"{_n(number)} {noun(number, singular, plural)}"


def describe_result(result: DemoResult) -> str:
    lines = [
        f"Datos de demostración cargados: proveedor «{result.provider}», "
        f"{_counted(result.agents, 'agente', 'agentes')}, "
        f"{_counted(result.virtual_records, 'registro virtual', 'registros virtuales')} y "
        f"{_counted(result.chat_records, 'chat', 'chats')}.",
    ]
    if result.approved:
        lines.append(
            f"Ciclo completo: {noun(len(result.approved), 'auditoría', 'auditorías')} "
            f"{', '.join(result.approved)} "
            f"{noun(len(result.approved), 'aprobada y respondida', 'aprobadas y respondidas')} "
            f"por el proveedor ({_counted(result.findings, 'inconsistencia', 'inconsistencias')}"
            f"); acta {result.acta} "
            "emitida" + (f"; cerradas: {', '.join(result.closed)}." if result.closed else ".")
        )
    if result.audits:
        lines.append(
            f"Auditorías abiertas: {', '.join(result.audits)} (muestra del 50 %; "
            f"{_counted(result.evaluated, 'registro virtual', 'registros virtuales')} "
            f"ya {noun(result.evaluated, 'evaluado', 'evaluados')})."
        )
    if result.users:
        lines.append("")
        lines.append("Usuarios de demostración (anote las contraseñas: no se vuelven a mostrar):")
        for user in result.users:
            lines.append(
                f"  {user.username:<10} {user.password}   {user.role.label} — {user.full_name}"
            )
    if result.skipped_users:
        lines.append(f"Ya existían y no se cambiaron: {', '.join(result.skipped_users)}.")
    return "\n".join(lines)


def cmd_export_files(inv: Invocation) -> None:
    written = export_demo_files(inv.args.export_files, inv.args.seed)
    folder = written[0].parent if written else inv.args.export_files
    emit(
        inv,
        {"ok": True, "folder": str(folder), "files": [str(p) for p in written]},
        lambda: "\n".join(
            [
                f"{_counted(len(written), 'archivo', 'archivos')} de exportación del CRM "
                f"{noun(len(written), 'escrito', 'escritos')} en {folder}:"
            ]
            + [f"  {p.name}" for p in written]
        ),
    )


def cmd_demo(inv: Invocation) -> None:
    if inv.args.export_files:
        cmd_export_files(inv)
        return
    result = load_demo(inv.db, seed=inv.args.seed, with_audits=not inv.args.records_only)
    emit(
        inv,
        {
            "ok": True,
            "provider": result.provider,
            "agents": result.agents,
            "virtual_records": result.virtual_records,
            "chat_records": result.chat_records,
            "users": [
                {
                    "username": u.username,
                    "password": u.password,
                    "role": u.role.value,
                    "name": u.full_name,
                }
                for u in result.users
            ],
            "skipped_users": result.skipped_users,
            "audits": result.audits,
            "evaluated": result.evaluated,
            "months": result.months,
            "approved": result.approved,
            "closed": result.closed,
            "acta": result.acta,
            "findings": result.findings,
        },
        lambda: describe_result(result),
    )
