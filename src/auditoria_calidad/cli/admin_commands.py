"""init, db, provider, agent and user sub-commands."""

from __future__ import annotations

import argparse

from auditoria_calidad.cli.common import Invocation, emit, read_password, table
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration, auth
from auditoria_calidad.services.connection import describe, open_database


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "init",
        parents=[common],
        help="crear el administrador inicial de una base nueva",
        description="Crea el primer administrador. La contraseña se toma de "
        "AUDITORIA_PASSWORD o se pregunta.",
    )
    p.add_argument(
        "--admin", required=True, metavar="USUARIO", help="nombre de usuario del administrador"
    )
    p.add_argument("--name", default="", metavar="NOMBRE", help="nombre completo")
    p.set_defaults(handler=cmd_init)

    db = sub.add_parser("db", parents=[common], help="base de datos: migrar, consultar")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACCIÓN", required=True)
    up = db_sub.add_parser(
        "upgrade", parents=[common], help="migrar la base de datos a la última versión"
    )
    up.set_defaults(handler=cmd_db_upgrade)
    info = db_sub.add_parser("info", parents=[common], help="dónde está la base y en qué versión")
    info.set_defaults(handler=cmd_db_info)

    prov = sub.add_parser("provider", parents=[common], help="proveedores (outsourcing)")
    prov_sub = prov.add_subparsers(dest="provider_command", metavar="ACCIÓN", required=True)
    add = prov_sub.add_parser("add", parents=[common], help="agregar un proveedor")
    add.add_argument(
        "name", metavar="NOMBRE", help="nombre del proveedor, p. ej. «Contacto Total S.A.S.»"
    )
    add.add_argument(
        "--target", default="90", metavar="PCT", help="meta de calificación (0-100), por defecto 90"
    )
    add.set_defaults(handler=cmd_provider_add)
    lst = prov_sub.add_parser("list", parents=[common], help="listar proveedores")
    lst.set_defaults(handler=cmd_provider_list)

    agent = sub.add_parser("agent", parents=[common], help="agentes de los proveedores")
    agent_sub = agent.add_subparsers(dest="agent_command", metavar="ACCIÓN", required=True)
    alist = agent_sub.add_parser("list", parents=[common], help="listar agentes")
    alist.add_argument("--provider", metavar="NOMBRE", help="solo los de este proveedor")
    alist.set_defaults(handler=cmd_agent_list)

    user = sub.add_parser("user", parents=[common], help="usuarios y roles")
    user_sub = user.add_subparsers(dest="user_command", metavar="ACCIÓN", required=True)
    uadd = user_sub.add_parser(
        "add",
        parents=[common],
        help="agregar un usuario",
        description="La contraseña del nuevo usuario se toma de "
        "AUDITORIA_NEW_PASSWORD, o AUDITORIA_PASSWORD, o se pregunta.",
    )
    uadd.add_argument("username", metavar="USUARIO")
    uadd.add_argument(
        "--role", required=True, metavar="ROL", help="uno de: " + ", ".join(r.value for r in Role)
    )
    uadd.add_argument(
        "--provider", metavar="NOMBRE", help="proveedor (solo para gerente_outsourcing)"
    )
    uadd.add_argument("--name", default="", metavar="NOMBRE", help="nombre completo")
    uadd.set_defaults(handler=cmd_user_add)
    ulist = user_sub.add_parser("list", parents=[common], help="listar usuarios")
    ulist.set_defaults(handler=cmd_user_list)
    unlock = user_sub.add_parser(
        "unlock",
        parents=[common],
        help="desbloquear un usuario bloqueado por intentos fallidos",
        description="Levanta el bloqueo de un usuario tras demasiados intentos fallidos de "
        "ingreso y olvida esos intentos. Solo un administrador.",
    )
    unlock.add_argument("username", metavar="USUARIO")
    unlock.set_defaults(handler=cmd_user_unlock)


def cmd_init(inv: Invocation) -> None:
    password = read_password(confirm=True)
    actor = auth.create_first_admin(inv.db, inv.args.admin, password, inv.args.name)
    emit(
        inv,
        {"ok": True, "user": actor.username, "role": actor.role.value},
        f"Administrador «{actor.username}» creado. Ya puede iniciar sesión.",
    )


def cmd_db_upgrade(inv: Invocation) -> None:
    db = open_database(inv.args.db, migrate=True)
    try:
        info = describe(db)
    finally:
        db.close()
    emit(
        inv,
        {"ok": True, **info},
        f"Base de datos en la versión {info['revision']} ({info['url']}).",
    )


def cmd_db_info(inv: Invocation) -> None:
    info = describe(inv.db)
    emit(
        inv,
        {"ok": True, **info},
        f"Base de datos: {info['url']}\nMotor: {info['backend']}\nVersión: {info['revision']}",
    )


def cmd_provider_add(inv: Invocation) -> None:
    info = administration.add_provider(inv.db, inv.actor(), inv.args.name, inv.args.target)
    emit(
        inv,
        {"ok": True, "id": info.id, "name": info.name, "target": float(info.target_score)},
        f"Proveedor «{info.name}» agregado (meta {info.target_score} %).",
    )


def cmd_provider_list(inv: Invocation) -> None:
    providers = administration.list_providers(inv.db, inv.actor())
    emit(
        inv,
        {
            "ok": True,
            "providers": [
                {"id": p.id, "name": p.name, "target": float(p.target_score), "agents": p.agents}
                for p in providers
            ],
        },
        lambda: table(
            [[str(p.id), p.name, f"{p.target_score}", str(p.agents)] for p in providers],
            ["Id", "Proveedor", "Meta", "Agentes"],
        ),
    )


def cmd_agent_list(inv: Invocation) -> None:
    agents = administration.list_agents(inv.db, inv.actor(), inv.args.provider)
    emit(
        inv,
        {
            "ok": True,
            "agents": [
                {"id": a.id, "name": a.name, "provider": a.provider, "records": a.records}
                for a in agents
            ],
        },
        lambda: table(
            [[str(a.id), a.name, a.provider, str(a.records)] for a in agents],
            ["Id", "Agente", "Proveedor", "Registros"],
        ),
    )


def cmd_user_add(inv: Invocation) -> None:
    import os

    actor = inv.actor()
    new_password = os.environ.get("AUDITORIA_NEW_PASSWORD") or read_password(confirm=True)
    info = administration.add_user(
        inv.db,
        actor,
        inv.args.username,
        new_password,
        inv.args.role,
        full_name=inv.args.name,
        provider=inv.args.provider,
    )
    emit(
        inv,
        {
            "ok": True,
            "id": info.id,
            "username": info.username,
            "role": info.role.value,
            "provider": info.provider,
        },
        f"Usuario «{info.username}» creado con el rol {info.role.label}.",
    )


def cmd_user_list(inv: Invocation) -> None:
    users = administration.list_users(inv.db, inv.actor())
    emit(
        inv,
        {
            "ok": True,
            "users": [
                {
                    "id": u.id,
                    "username": u.username,
                    "name": u.full_name,
                    "role": u.role.value,
                    "provider": u.provider,
                    "active": u.active,
                    "locked": u.locked_at is not None,
                }
                for u in users
            ],
        },
        lambda: table(
            [
                [
                    u.username,
                    u.full_name,
                    u.role.label,
                    u.provider or "",
                    "sí" if u.active else "no",
                    "sí" if u.locked_at is not None else "no",
                ]
                for u in users
            ],
            ["Usuario", "Nombre", "Rol", "Proveedor", "Activo", "Bloqueado"],
        ),
    )


def cmd_user_unlock(inv: Invocation) -> None:
    username = inv.args.username.strip()
    was_locked = auth.unlock_user(inv.db, inv.actor(), username)
    emit(
        inv,
        {"ok": True, "username": username, "was_locked": was_locked},
        f"Usuario «{username}» desbloqueado; ya puede volver a ingresar."
        if was_locked
        else f"El usuario «{username}» no estaba bloqueado; sus intentos fallidos se olvidaron.",
    )
