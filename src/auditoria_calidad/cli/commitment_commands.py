"""The commitments the quality committee agrees, on the command line: agree, change,
close and list them. ``committee_commands`` adds these actions to the ``committee``
command, in their place among the others.

    committee commitment | commitment-edit | close-commitment | commitments
"""

from __future__ import annotations

import argparse
from typing import Any

from auditoria_calidad.cli.common import Invocation, UsageError, emit, shortened, table
from auditoria_calidad.cli.cycle_common import (
    SESSION_HELP,
    Sub,
    add_action,
    dmy,
    optional_day,
    resolve_audit,
    resolve_finding,
    resolve_session,
)
from auditoria_calidad.services import committee
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.commitment_edits import update_commitment
from auditoria_calidad.services.committee import CommitmentInfo
from auditoria_calidad.services.errors import InvalidInput, NotFound


def add_commitment_actions(group: Sub, common: argparse.ArgumentParser) -> None:
    """The commitment actions of the ``committee`` command."""
    p = add_action(group, common, "commitment", cmd_committee_commitment, "acordar un compromiso")
    p.add_argument("session", metavar="SESIÓN", help=SESSION_HELP)
    p.add_argument("--action", required=True, metavar="TEXTO")
    p.add_argument("--responsible", required=True, metavar="NOMBRE")
    p.add_argument("--organization", default="", metavar="ENTIDAD")
    p.add_argument("--due", metavar="FECHA", help="fecha límite")
    p.add_argument("--audit", metavar="AUDITORÍA", help="auditoría a la que corresponde")
    p.add_argument(
        "--finding", metavar="HALLAZGO", help="hallazgo al que corresponde (AUDITORÍA/N.º)"
    )
    p = add_action(
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
    p = add_action(
        group, common, "close-commitment", cmd_committee_close_commitment, "cerrar un compromiso"
    )
    p.add_argument("session", metavar="SESIÓN", help="sesión en la que se cierra")
    p.add_argument("commitment", metavar="COMPROMISO", type=int)
    p = add_action(
        group, common, "commitments", cmd_committee_commitments, "compromisos de todas las sesiones"
    )
    p.add_argument("--open", action="store_true", help="solo los abiertos")
    p.add_argument("--overdue", action="store_true", help="solo los abiertos y vencidos")


def commitment_json(c: CommitmentInfo) -> dict[str, Any]:
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


def cmd_committee_commitment(inv: Invocation) -> None:
    due = optional_day(inv.args.due)
    actor = inv.actor()
    info = committee.add_commitment(
        inv.db,
        actor,
        resolve_session(inv, actor, inv.args.session),
        inv.args.action,
        inv.args.responsible,
        inv.args.organization,
        due,
        audit_id=resolve_audit(inv, actor, inv.args.audit) if inv.args.audit else None,
        finding_id=resolve_finding(inv, actor, inv.args.finding) if inv.args.finding else None,
    )
    emit(
        inv,
        {"ok": True, **commitment_json(info)},
        f"Compromiso {info.id} acordado en el acta {info.acta_number}.",
    )


def cmd_committee_commitment_edit(inv: Invocation) -> None:
    a = inv.args
    if a.action is None and a.responsible is None and a.due is None:
        raise UsageError("Indique qué cambiar: --action, --responsible o --due.")
    due = optional_day(a.due)  # before asking for the password
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
        {"ok": True, **commitment_json(info)},
        f"Compromiso {info.id} modificado (versión {info.version}).",
    )


def _reviewing_session(inv: Invocation, actor: Actor, commitment: CommitmentInfo) -> int:
    """The session given, or the newest one not issued that reviews the commitment."""
    if inv.args.session:
        return resolve_session(inv, actor, inv.args.session)
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
        inv.db, actor, resolve_session(inv, actor, inv.args.session), inv.args.commitment
    )
    emit(
        inv,
        {"ok": True, **commitment_json(info)},
        f"Compromiso {info.id} cerrado en el acta {info.closed_in_acta}.",
    )


def cmd_committee_commitments(inv: Invocation) -> None:
    actor = inv.actor()
    state = committee.CommitmentState.OPEN if inv.args.open or inv.args.overdue else None
    rows = committee.list_commitments(inv.db, actor, state=state, overdue_only=inv.args.overdue)
    emit(
        inv,
        {"ok": True, "commitments": [commitment_json(c) for c in rows]},
        lambda: table(
            [
                [
                    str(c.id),
                    c.acta_number,
                    c.reference,
                    shortened(c.action, 50),
                    c.responsible,
                    dmy(c.due_date) + (" (vencido)" if c.overdue() else ""),
                    c.state_label,
                ]
                for c in rows
            ],
            ["N.º", "Acta", "Referencia", "Compromiso", "Responsable", "Fecha", "Estado"],
        ),
    )
