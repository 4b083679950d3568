"""What the command modules of the audit cycle share (cycle_commands, findings_commands,
committee_commands): the help of their reference arguments, the way they add actions to a
command, the lookup of the audits, findings, committee sessions and providers a user names,
dates, the files they write and a finding as JSON.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from auditoria_calidad.cli.common import Invocation, UsageError
from auditoria_calidad.services import administration, audits, committee, findings
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.errors import NotFound
from auditoria_calidad.services.findings import FindingInfo

AUDIT_HELP = "auditoría: su número (AUD-2026-0001) o su id"
SESSION_HELP = "sesión del comité: su número de acta (ACTA-2026-001) o su id"
FINDING_HELP = (
    "hallazgo: AUDITORÍA/N.º, su número en la auditoría como lo muestran el informe, el "
    "libro de hallazgos y el acta (por ejemplo AUD-2026-0001/3)"
)
Sub = argparse._SubParsersAction


def command_group(sub: Sub, common: argparse.ArgumentParser, name: str, help_text: str) -> Sub:
    """The sub-commands of ``name``, reusing the command when another module made it."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, parents=[common], help=help_text)
        return parser.add_subparsers(dest=f"{name}_command", metavar="ACCIÓN", required=True)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError(f"the {name} command has no sub-commands")


def add_action(
    group: Sub,
    common: argparse.ArgumentParser,
    name: str,
    handler: Any,
    help_text: str,
    description: str = "",
) -> Any:
    """Add the action ``name`` to ``group``, run by ``handler``."""
    parser = group.add_parser(
        name, parents=[common], help=help_text, description=description or None
    )
    parser.set_defaults(handler=handler)
    return parser


def resolve_finding(inv: Invocation, actor: Actor, reference: str) -> int:
    """The id of the finding named AUDITORÍA/N.º."""
    return findings.find_finding(inv.db, actor, reference).id


def resolve_audit(inv: Invocation, actor: Actor, reference: str) -> int:
    """The id of the audit named by its number or id."""
    return audits.find_audit(inv.db, actor, reference).id


def resolve_session(inv: Invocation, actor: Actor, reference: str) -> int:
    """The id of the committee session named by its acta number or id."""
    return committee.find_session(inv.db, actor, reference).id


def optional_day(text: str | None) -> date | None:
    """A date written dd/mm/aaaa or aaaa-mm-dd; None when not given."""
    return None if text is None else audits.parse_day(text)


def dmy(value: date | None) -> str:
    """dd/mm/aaaa, or nothing."""
    return "" if value is None else value.strftime("%d/%m/%Y")


def resolve_provider(inv: Invocation, actor: Actor, text: str | None) -> int | None:
    """The id of the provider named by its name or id; None when not given."""
    if text is None:
        return None
    wanted = text.strip()
    for provider in administration.list_providers(inv.db, actor):
        if wanted.casefold() == provider.name.casefold() or wanted == str(provider.id):
            return provider.id
    raise NotFound(f"No existe el proveedor «{text}».")


def write_file(path: str, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all, making its folder."""
    from auditoria_calidad.services import reports

    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        reports.write_bytes(data, target)  # whole or not at all
    except OSError as exc:
        raise UsageError(f"No se pudo escribir {target}: {exc.strerror}.") from exc
    return target


def finding_json(f: FindingInfo) -> dict[str, Any]:
    """A finding and its answer as the JSON output prints them."""
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
