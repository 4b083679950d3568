"""audit and sample sub-commands: create audits, draw and adjust their samples, show them.

``sample`` takes an optional action word before the audit, so that both
``sample AUD-2026-0001 --seed 42`` (a draw) and ``sample add AUD-2026-0001 R-1`` work.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import Any

from auditoria_calidad.cli.audit_summary_text import fraction_text, summary_text
from auditoria_calidad.cli.common import Invocation, UsageError, emit, table
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.services import administration, audit_annulment, audits
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import AuditInfo, Period
from auditoria_calidad.services.errors import InvalidInput, NotFound

AUDIT_HELP = "auditoría: su número (AUD-2026-0001) o su id"

SAMPLE_USAGE = """\
auditoria-calidad sample [draw] AUDITORÍA [--fraction F] [--seed N] [--json]
       auditoria-calidad sample add AUDITORÍA CLAVE [--json]
       auditoria-calidad sample remove AUDITORÍA CLAVE --reason MOTIVO [--json]
       auditoria-calidad sample plan AUDITORÍA [--json]
       auditoria-calidad sample list AUDITORÍA [--removed] [--json]
       auditoria-calidad sample AUDITORÍA --add-alerts CÓDIGO[,CÓDIGO] --reason MOTIVO [--json]"""

SAMPLE_DESCRIPTION = """\
Muestra de una auditoría (procedimiento M5-1-01, numeral 4: como mínimo el 50 %).

acciones:
  draw      (por defecto) sortea la muestra estratificada por agente, con semilla; se puede
            volver a sortear mientras ningún registro esté evaluado
  add       agrega a mano un registro de la población (origen «manual»)
  remove    retira un registro con un motivo escrito; se reemplaza con el siguiente
            registro del mismo agente en el orden del sorteo
  plan      muestra por agente: población, requeridos, sorteados, manuales, evaluados
  list      lista los registros de la muestra (con --removed, también los retirados)

Con --add-alerts agrega a la muestra todos los registros de la población que tienen alguna
de esas alertas del análisis automático (origen «por alertas», con el motivo de --reason);
la parte sorteada y su semilla no cambian.

AUDITORÍA es el número (AUD-2026-0001) o el id de la auditoría."""

# action → number of positional words after it
SAMPLE_ACTIONS = {"draw": 1, "add": 2, "remove": 2, "plan": 1, "list": 1}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    audit = sub.add_parser("audit", parents=[common], help="auditorías: crear, listar, consultar")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="ACCIÓN", required=True)

    create = audit_sub.add_parser(
        "create",
        parents=[common],
        help="crear una auditoría (canal, proveedor y periodo)",
        description="Crea una auditoría con la población de registros del canal y el proveedor "
        "recibidos en el periodo (fechas inclusivas). Fechas dd/mm/aaaa o aaaa-mm-dd.",
    )
    create.add_argument(
        "--channel",
        required=True,
        type=str.lower,
        choices=[c.value for c in Channel],
        help="canal: virtual o chat",
    )
    create.add_argument(
        "--provider", required=True, metavar="PROVEEDOR", help="nombre o id del proveedor"
    )
    create.add_argument("--from", dest="date_from", metavar="FECHA", help="primer día del periodo")
    create.add_argument("--to", dest="date_to", metavar="FECHA", help="último día del periodo")
    create.add_argument(
        "--month", metavar="AAAA-MM", help="el mes completo (en vez de --from/--to)"
    )
    create.add_argument(
        "--week",
        metavar="FECHA",
        help="la semana de lunes a domingo que contiene FECHA (en vez de --from/--to)",
    )
    create.set_defaults(handler=cmd_audit_create)

    lst = audit_sub.add_parser("list", parents=[common], help="listar las auditorías")
    lst.add_argument(
        "--annulled", action="store_true", help="incluir también las auditorías anuladas"
    )
    lst.set_defaults(handler=cmd_audit_list)

    annul = audit_sub.add_parser(
        "annul",
        parents=[common],
        help="anular una auditoría en borrador, con su motivo",
        description="Anula una auditoría creada por error que sigue en borrador (sin "
        "evaluaciones). Queda en el registro de cambios con el motivo, deja de aparecer en "
        "las listas y los informes, y permite crear otra para el mismo periodo. "
        "Código de salida 3 si no se puede anular.",
    )
    annul.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    annul.add_argument(
        "--reason", required=True, metavar="MOTIVO", help="por qué se anula (obligatorio)"
    )
    annul.set_defaults(handler=cmd_audit_annul)

    show = audit_sub.add_parser(
        "show", parents=[common], help="estado, muestra e indicadores de una auditoría"
    )
    show.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    show.set_defaults(handler=cmd_audit_show)

    refresh = audit_sub.add_parser(
        "refresh",
        parents=[common],
        help="actualizar la población con registros importados después",
        description="Agrega a la población los registros del periodo importados después de crear "
        "la auditoría y completa la muestra para que cada agente conserve el mínimo.",
    )
    refresh.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    refresh.set_defaults(handler=cmd_audit_refresh)

    mark = audit_sub.add_parser(
        "mark",
        parents=[common],
        help="cambiar el estado de una auditoría",
        description="in_review: en revisión; ready: lista para aprobar "
        "(exige el 50 %% de la población evaluado).",
    )
    mark.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    mark.add_argument("state", choices=["in_review", "ready"], help="nuevo estado")
    mark.set_defaults(handler=cmd_audit_mark)

    smp = sub.add_parser(
        "sample",
        parents=[common],
        help="muestra de una auditoría: sortear, agregar, retirar, plan",
        usage=SAMPLE_USAGE,
        description=SAMPLE_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    smp.add_argument(
        "words",
        nargs="+",
        metavar="[ACCIÓN] AUDITORÍA [CLAVE]",
        help="acción (draw, add, remove, plan, list; por defecto draw), auditoría y, "
        "para add y remove, la clave del registro (radicado o id. del chat)",
    )
    smp.add_argument(
        "--fraction", metavar="F", help="fracción a revisar, de 0,5 a 1 (por defecto 0,5)"
    )
    smp.add_argument(
        "--seed", metavar="N", help="semilla (por defecto una aleatoria, que se registra)"
    )
    smp.add_argument(
        "--reason",
        metavar="MOTIVO",
        help="motivo del retiro (obligatorio con remove) o de los agregados con --add-alerts",
    )
    smp.add_argument(
        "--add-alerts",
        metavar="CÓDIGO[,CÓDIGO]",
        help="agregar los registros de la población con esas alertas (p. ej. "
        "respuesta_reutilizada); exige --reason",
    )
    smp.add_argument("--removed", action="store_true", help="con list: incluir los retirados")
    smp.set_defaults(handler=cmd_sample)


# --- helpers -----------------------------------------------------------------------------


def _audit(inv: Invocation, actor: Actor, reference: str) -> AuditInfo:
    return audits.find_audit(inv.db, actor, reference)


def _provider_id(inv: Invocation, actor: Actor, text: str) -> int:
    wanted = text.strip()
    for provider in administration.list_providers(inv.db, actor):
        if wanted.casefold() == provider.name.casefold() or wanted == str(provider.id):
            return provider.id
    raise NotFound(f"No existe el proveedor «{text}».")


def _period(args: argparse.Namespace) -> Period:
    chosen = [
        name
        for name, value in (
            ("--from/--to", args.date_from or args.date_to),
            ("--month", args.month),
            ("--week", args.week),
        )
        if value
    ]
    if len(chosen) != 1:
        raise UsageError("Indique el periodo con --from y --to, o con --month, o con --week.")
    if args.month:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4})", args.month.strip())
        if not match:
            raise InvalidInput(f"El mes «{args.month}» no es válido: escríbalo aaaa-mm o mm/aaaa.")
        year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
        return audits.month_period(int(year), int(month))
    if args.week:
        return audits.week_period(audits.parse_day(args.week))
    if not (args.date_from and args.date_to):
        raise UsageError("Indique las dos fechas del periodo: --from y --to.")
    return Period(audits.parse_day(args.date_from), audits.parse_day(args.date_to))


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _info_dict(a: AuditInfo) -> dict[str, Any]:
    return {
        "audit_id": a.id,
        "number": a.number,
        "channel": a.channel.value,
        "provider": a.provider,
        "period": {"from": a.period_start.isoformat(), "to": a.period_end.isoformat()},
        "state": a.state.value,
        "population": a.population,
        "sampled": a.sampled,
        "evaluated": a.evaluated,
        "seed": a.seed,
        "fraction": None if a.fraction is None else float(a.fraction),
    }


# --- audit -------------------------------------------------------------------------------


def cmd_audit_create(inv: Invocation) -> None:
    from auditoria_calidad.cli.screening_commands import screening_progress

    period = _period(inv.args)  # a wrong date is reported before asking for the password
    actor = inv.actor()
    provider_id = _provider_id(inv, actor, inv.args.provider)
    progress, end = screening_progress(inv)  # the population is screened with the audit
    try:
        info = audits.create_audit(
            inv.db, actor, inv.args.channel, provider_id, period.start, period.end, progress
        )
    finally:
        end()
    emit(
        inv,
        {"ok": True, "audit_id": info.id, "number": info.number, "population": info.population},
        f"Auditoría {info.number} creada: {info.channel.label}, {info.provider}, "
        f"{period.label}; población de {counted(info.population, 'registro', 'registros')}.\n"
        f"Sortee la muestra con «auditoria-calidad sample {info.number}».",
    )


def cmd_audit_list(inv: Invocation) -> None:
    rows = audits.list_audits(
        inv.db, inv.actor(), include_annulled=bool(getattr(inv.args, "annulled", False))
    )
    emit(
        inv,
        {"ok": True, "audits": [_info_dict(a) for a in rows]},
        lambda: table(
            [
                [
                    a.number,
                    a.channel.label,
                    a.provider,
                    a.period.label,
                    a.state_label,
                    f"{a.evaluated}/{a.sampled} ({a.population})",
                ]
                for a in rows
            ],
            ["Número", "Canal", "Proveedor", "Periodo", "Estado", "Evaluados/muestra (población)"],
        ),
    )


def cmd_audit_show(inv: Invocation) -> None:
    from auditoria_calidad.services import indicators

    actor = inv.actor()
    summary = indicators.audit_summary(inv.db, actor, _audit(inv, actor, inv.args.audit).id)
    emit(inv, {"ok": True, **indicators.summary_as_dict(summary)}, lambda: summary_text(summary))


def cmd_audit_refresh(inv: Invocation) -> None:
    from auditoria_calidad.services import sample

    actor = inv.actor()
    info = _audit(inv, actor, inv.args.audit)
    result = sample.refresh_population(inv.db, actor, info.id)
    emit(
        inv,
        {
            "ok": True,
            "audit_id": info.id,
            "number": info.number,
            "added_population": result.added_population,
            "population": result.population,
            "added_sample": list(result.added_sample),
        },
        f"Auditoría {info.number}: "
        f"{counted(result.added_population, 'registro nuevo', 'registros nuevos')} en la "
        f"población (ahora {result.population}); "
        f"{counted(len(result.added_sample), 'agregado', 'agregados')} a la muestra.",
    )


def cmd_audit_mark(inv: Invocation) -> None:
    actor = inv.actor()
    info = _audit(inv, actor, inv.args.audit)
    mark = audits.mark_ready if inv.args.state == "ready" else audits.mark_in_review
    after = mark(inv.db, actor, info.id)
    emit(
        inv,
        {"ok": True, "audit_id": after.id, "number": after.number, "state": after.state.value},
        f"Auditoría {after.number}: {after.state_label}.",
    )


def cmd_audit_annul(inv: Invocation) -> None:
    actor = inv.actor()
    info = _audit(inv, actor, inv.args.audit)
    after = audit_annulment.annul_audit(inv.db, actor, info.id, inv.args.reason)
    emit(
        inv,
        {
            "ok": True,
            "audit_id": after.id,
            "number": after.number,
            "state": after.state.value,
            "reason": after.annul_reason,
        },
        f"Auditoría {after.number} anulada. Motivo: {after.annul_reason}",
    )


# --- sample ------------------------------------------------------------------------------


def _sample_words(args: argparse.Namespace) -> tuple[str, list[str]]:
    words: list[str] = list(args.words)
    if args.add_alerts is not None:
        if len(words) != 1 or words[0] in SAMPLE_ACTIONS:
            raise UsageError(f"--add-alerts espera solo la AUDITORÍA.\nUso: {SAMPLE_USAGE}")
        if args.fraction is not None or args.seed is not None or args.removed:
            raise UsageError("--add-alerts no se combina con --fraction, --seed ni --removed.")
        if not (args.reason or "").strip():
            raise UsageError("Indique con --reason el motivo de agregar esos registros.")
        return "add-alerts", words
    action = words.pop(0) if words[0] in SAMPLE_ACTIONS else "draw"
    if len(words) != SAMPLE_ACTIONS[action]:
        expected = "AUDITORÍA CLAVE" if SAMPLE_ACTIONS[action] == 2 else "AUDITORÍA"
        raise UsageError(f"sample {action} espera {expected}.\nUso: {SAMPLE_USAGE}")
    if action != "draw" and (args.fraction is not None or args.seed is not None):
        raise UsageError("--fraction y --seed solo se usan al sortear (sample AUDITORÍA).")
    if action == "remove" and not args.reason:
        raise UsageError("Indique el motivo del retiro con --reason.")
    if action != "remove" and args.reason is not None:
        raise UsageError("--reason solo se usa con sample remove.")
    if action != "list" and args.removed:
        raise UsageError("--removed solo se usa con sample list.")
    return action, words


def cmd_sample(inv: Invocation) -> None:
    from auditoria_calidad.services import sample

    action, words = _sample_words(inv.args)
    if action == "draw":  # reported before asking for the password
        sample.parse_sample_fraction(inv.args.fraction)
        sample.parse_seed(inv.args.seed)
    actor = inv.actor()
    info = _audit(inv, actor, words[0])
    handlers = {"draw": _draw, "add": _add, "remove": _remove, "plan": _plan, "list": _list}
    (handlers | {"add-alerts": _add_alerts})[action](inv, actor, info, words[1:])


def _add_alerts(inv: Invocation, actor: Actor, info: AuditInfo, _: list[str]) -> None:
    from auditoria_calidad.services import sample

    codes = inv.args.add_alerts.split(",")
    result = sample.add_records_with_alerts(inv.db, actor, info.id, codes, inv.args.reason)
    removed = (
        f" {counted(result.removed_before, 'retirado', 'retirados')} antes no se vuelven a agregar."
        if result.removed_before
        else ""
    )
    emit(
        inv,
        {
            "ok": True,
            "number": result.number,
            "codes": list(result.codes),
            "reason": result.reason,
            "added": list(result.added),
            "already_in_sample": result.already_in_sample,
            "removed_before": result.removed_before,
        },
        f"Muestra de {result.number}: {counted(len(result.added), 'registro agregado', 'registros agregados')}"
        f" por las alertas {', '.join(result.codes)} (motivo: {result.reason}); "
        f"{counted(result.already_in_sample, 'ya estaba', 'ya estaban')} en la muestra.{removed}"
        + (f"\n{', '.join(result.added)}" if result.added else ""),
    )


def _draw(inv: Invocation, actor: Actor, info: AuditInfo, _: list[str]) -> None:
    from auditoria_calidad.services import sample

    fraction = inv.args.fraction if inv.args.fraction is not None else sample.DEFAULT_FRACTION
    result = sample.draw_audit_sample(inv.db, actor, info.id, fraction, inv.args.seed)
    payload = {
        "ok": True,
        "audit_id": result.audit_id,
        "number": result.number,
        "seed": result.seed,
        "fraction": float(result.fraction),
        "population": result.population,
        "sampled": result.sampled,
        "strata": [
            {"agent": s.agent, "population": s.population, "sampled": s.sampled}
            for s in result.strata
        ],
        "record_keys": list(result.record_keys),
    }
    emit(
        inv,
        payload,
        lambda: (
            f"Muestra de {result.number}: {result.sampled} de "
            f"{counted(result.population, 'registro', 'registros')} de la población "
            f"(fracción {fraction_text(result.fraction)}, semilla {result.seed}).\n"
            + table(
                [[s.agent, str(s.population), str(s.sampled)] for s in result.strata],
                ["Agente", "Población", "Muestra"],
            )
        ),
    )


def _add(inv: Invocation, actor: Actor, info: AuditInfo, words: list[str]) -> None:
    from auditoria_calidad.services import sample

    item = sample.add_manual(inv.db, actor, info.id, words[0])
    emit(
        inv,
        {
            "ok": True,
            "number": info.number,
            "key": item.key,
            "agent": item.agent,
            "origin": item.origin,
        },
        f"Registro {item.key} ({item.agent}) agregado a mano a la muestra de {info.number}.",
    )


def _remove(inv: Invocation, actor: Actor, info: AuditInfo, words: list[str]) -> None:
    from auditoria_calidad.services import sample

    result = sample.remove_from_sample(inv.db, actor, info.id, words[0], inv.args.reason)
    replaced = (
        f"; lo reemplaza {result.replacement_key}"
        if result.replacement_key
        else "; no hay otro registro del agente para reemplazarlo"
    )
    emit(
        inv,
        {
            "ok": True,
            "number": info.number,
            "removed": result.removed_key,
            "agent": result.agent,
            "replacement": result.replacement_key,
        },
        f"Registro {result.removed_key} ({result.agent}) retirado de la muestra{replaced}.",
    )


def _plan(inv: Invocation, actor: Actor, info: AuditInfo, _: list[str]) -> None:
    from auditoria_calidad.services import sample

    plan = sample.sample_plan(inv.db, actor, info.id)
    emit(
        inv,
        {
            "ok": True,
            "number": plan.number,
            "seed": plan.seed,
            "fraction": None if plan.fraction is None else float(plan.fraction),
            "population": plan.population,
            "sampled": plan.sampled,
            "evaluated": plan.evaluated,
            "required_for_approval": plan.required_for_approval,
            "directed": [{"reason": r, "records": n} for r, n in plan.directed],
            "strata": [
                {
                    "agent": s.agent,
                    "population": s.population,
                    "required": s.required,
                    "drawn": s.drawn,
                    "manual": s.manual,
                    "evaluated": s.evaluated,
                }
                for s in plan.strata
            ],
        },
        lambda: (
            table(
                [
                    [
                        s.agent,
                        str(s.population),
                        str(s.required),
                        str(s.drawn),
                        str(s.manual),
                        str(s.evaluated),
                    ]
                    for s in plan.strata
                ],
                ["Agente", "Población", "Requeridos", "Sorteados", "Manuales", "Evaluados"],
            )
            + "".join(
                f"\nRegistros añadidos por alertas: {n} ({reason}); se cuentan entre los manuales."
                for reason, n in plan.directed
            )
        ),
    )


def _list(inv: Invocation, actor: Actor, info: AuditInfo, _: list[str]) -> None:
    from auditoria_calidad.services import sample

    items = sample.sample_items(inv.db, actor, info.id, include_removed=inv.args.removed)
    emit(
        inv,
        {
            "ok": True,
            "number": info.number,
            "items": [
                {
                    "key": i.key,
                    "agent": i.agent,
                    "origin": i.origin,
                    "evaluated": i.evaluated,
                    "removed": i.removed_at is not None,
                    "removal_reason": i.removal_reason,
                }
                for i in items
            ],
        },
        lambda: table(
            [
                [
                    i.key,
                    i.agent,
                    i.origin_label,
                    "Sí" if i.evaluated else "No",
                    i.removal_reason or "",
                ]
                for i in items
            ],
            ["Clave", "Agente", "Origen", "Evaluado", "Motivo del retiro"],
        ),
    )
