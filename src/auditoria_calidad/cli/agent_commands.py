"""Agents that are probably one person: `agent proposals | merge | keep-apart | history`.

``register`` adds these actions to the ``agent`` command (``agent list`` is made by
``admin_commands``; register this module after it).

Exit codes as every command: 0 done, 3 refused (an agent that does not exist, of another
provider, or with records in an approved audit), 4 not allowed for the role.
"""

from __future__ import annotations

import argparse
import shlex

from auditoria_calidad.cli.common import Invocation, emit, table
from auditoria_calidad.domain.plurals import noun
from auditoria_calidad.services import agents

Sub = argparse._SubParsersAction


def _agent_group(sub: Sub, common: argparse.ArgumentParser) -> Sub:
    parser = sub.choices.get("agent")
    if parser is None:
        parser = sub.add_parser("agent", parents=[common], help="agentes de los proveedores")
        return parser.add_subparsers(dest="agent_command", metavar="ACCIÓN", required=True)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError("the agent command has no sub-commands")


def register(sub: Sub, common: argparse.ArgumentParser) -> None:
    group = _agent_group(sub, common)
    proposals = group.add_parser(
        "proposals",
        parents=[common],
        help="posibles agentes repetidos (una letra de diferencia, palabras en otro orden)",
        description="Lista los pares de agentes de un proveedor que probablemente son la "
        "misma persona, con el motivo. No fusiona nada: use «agent merge» para confirmar.",
    )
    proposals.add_argument("--provider", required=True, metavar="PROVEEDOR")
    proposals.set_defaults(handler=cmd_agent_proposals)

    merge = group.add_parser(
        "merge",
        parents=[common],
        help="fusionar un agente en otro del mismo proveedor",
        description="Mueve los registros de ORIGEN a DESTINO y conserva el nombre ORIGEN "
        "como otro nombre de DESTINO: las importaciones que lo escriban irán a DESTINO. "
        "Queda en el registro de auditoría. Se rechaza (código 3) si alguno de los dos "
        "tiene registros en una auditoría aprobada.",
    )
    merge.add_argument("--provider", required=True, metavar="PROVEEDOR")
    merge.add_argument("source", metavar="ORIGEN", help="nombre del agente que desaparece")
    merge.add_argument(
        "--into", required=True, metavar="DESTINO", help="nombre del agente que se conserva"
    )
    merge.set_defaults(handler=cmd_agent_merge)

    apart = group.add_parser(
        "keep-apart",
        parents=[common],
        help="confirmar que dos agentes propuestos son personas distintas",
        description="Deja constancia de que A y B son dos personas (con el motivo): el par "
        "ya no se propone para fusionar. Queda en el registro de auditoría.",
    )
    apart.add_argument("--provider", required=True, metavar="PROVEEDOR")
    apart.add_argument("first", metavar="A", help="nombre de un agente")
    apart.add_argument("second", metavar="B", help="nombre del otro agente")
    apart.add_argument(
        "--reason", required=True, metavar="MOTIVO", help="por qué son dos personas distintas"
    )
    apart.set_defaults(handler=cmd_agent_keep_apart)

    hist = group.add_parser(
        "history",
        parents=[common],
        help="nombres fusionados en cada agente: quién y cuándo",
    )
    hist.add_argument("--provider", required=True, metavar="PROVEEDOR")
    hist.set_defaults(handler=cmd_agent_history)


def _records(n: int) -> str:
    number = f"{n:,}".replace(",", ".")
    return f"{number} {noun(n, 'registro', 'registros')}"


def _merge_command(provider: str, proposal: agents.MergeProposal) -> str:
    return (
        f"auditoria-calidad agent merge --provider {shlex.quote(provider)} "
        f"{shlex.quote(proposal.source)} --into {shlex.quote(proposal.target)}"
    )


def cmd_agent_proposals(inv: Invocation) -> None:
    provider = inv.args.provider
    found = agents.proposals_for(inv.db, inv.actor(), provider)

    def text() -> str:
        if not found:
            return f"No hay posibles agentes repetidos en «{provider}»."
        rows = [
            [
                p.source,
                _records(p.source_records),
                p.target,
                _records(p.target_records),
                p.reason,
            ]
            for p in found
        ]
        lines = [
            table(rows, ["Origen", "Registros", "Destino", "Registros", "Motivo"]),
            "",
        ]
        for p in found:
            if p.blocked:
                lines.append(f"No se puede fusionar «{p.source}»: {p.blocked}")
            else:
                lines.append(_merge_command(provider, p))
        return "\n".join(lines)

    emit(
        inv,
        {
            "ok": True,
            "provider": provider,
            "proposals": [
                {
                    "source": p.source,
                    "target": p.target,
                    "reason": p.reason,
                    "source_records": p.source_records,
                    "target_records": p.target_records,
                    "blocked": p.blocked,
                    "command": None if p.blocked else _merge_command(provider, p),
                }
                for p in found
            ],
        },
        text,
    )


def cmd_agent_merge(inv: Invocation) -> None:
    args = inv.args
    result = agents.merge_agents(inv.db, inv.actor(), args.provider, args.source, args.into)
    moved = _records(result.moved_records)
    emit(
        inv,
        {
            "ok": True,
            "provider": result.provider,
            "source": result.source,
            "target": result.target,
            "moved_records": result.moved_records,
        },
        f"Se fusionó «{result.source}» en «{result.target}» ({moved} "
        f"movido{'' if result.moved_records == 1 else 's'}). Las importaciones que escriban "
        f"«{result.source}» irán a «{result.target}».",
    )


def cmd_agent_keep_apart(inv: Invocation) -> None:
    args = inv.args
    result = agents.keep_apart(
        inv.db, inv.actor(), args.provider, args.first, args.second, args.reason
    )
    emit(
        inv,
        {
            "ok": True,
            "provider": result.provider,
            "first": result.first,
            "second": result.second,
            "reason": result.reason,
        },
        f"«{result.first}» y «{result.second}» quedan como dos agentes distintos de "
        f"«{result.provider}»: ya no se proponen para fusionar.",
    )


def cmd_agent_history(inv: Invocation) -> None:
    provider = inv.args.provider
    rows = agents.agents_of(inv.db, inv.actor(), provider)
    merged = [(a, m) for a in rows for m in a.merged_names]
    emit(
        inv,
        {
            "ok": True,
            "provider": provider,
            "merged": [
                {
                    "name": m.name,
                    "agent": a.name,
                    "merged_by": m.merged_by,
                    "merged_at": m.merged_at.isoformat(),
                }
                for a, m in merged
            ],
        },
        lambda: (
            table(
                [[m.name, a.name, m.merged_by, f"{m.merged_at:%d/%m/%Y %H:%M}"] for a, m in merged],
                ["Nombre fusionado", "Agente", "Fusionado por", "Fecha"],
            )
            if merged
            else f"No se ha fusionado ningún agente en «{provider}»."
        ),
    )
