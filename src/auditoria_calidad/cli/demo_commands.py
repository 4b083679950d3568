"""The `demo` sub-command."""

from __future__ import annotations

import argparse

from auditoria_calidad.cli.common import Invocation, emit
from auditoria_calidad.services.demo import DEMO_SEED, DemoResult, load_demo


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo",
        parents=[common],
        help="cargar un mes de demostración en una base vacía",
        description="Llena una base de datos sin registros con un mes realista de un proveedor "
        "(10 agentes, unas 1.500 respuestas virtuales y 800 chats) y crea un usuario "
        "de demostración por rol. Las contraseñas se muestran una sola vez. "
        "No requiere iniciar sesión.",
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
    p.set_defaults(handler=cmd_demo)


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def describe_result(result: DemoResult) -> str:
    lines = [
        f"Datos de demostración cargados: proveedor «{result.provider}», {result.agents} agentes, "
        f"{_n(result.virtual_records)} registros virtuales y {_n(result.chat_records)} chats.",
    ]
    if result.audits:
        lines.append(
            f"Auditorías abiertas: {', '.join(result.audits)} (muestra del 50 %; "
            f"{result.evaluated} registros virtuales ya evaluados)."
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


def cmd_demo(inv: Invocation) -> None:
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
        },
        lambda: describe_result(result),
    )
