"""The `import` sub-command: one CRM export into the database, as the window does it."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from auditoria_calidad.cli.common import (
    EXIT_FAILURE,
    EXIT_REJECTED,
    Invocation,
    UsageError,
    emit,
)
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.services import imports
from auditoria_calidad.services.imports import (
    ImportRequest,
    ImportSummary,
    RejectedRowsFound,
    UncertainMapping,
)

AUTO = "auto"
SHOWN_REJECTED = 20
SHOWN_LINES = 20

DESCRIPTION = """\
Importa la exportación del CRM (xlsx, xls, ods de LibreOffice o CSV, con o sin título encima
del encabezado) de un canal y un proveedor, en una sola transacción: si algo falla no queda
nada a medias. Un .xls se lee según lo que contiene: un libro de Excel 97-2003, una página
web con una tabla o un libro «XML 2003», como los que escriben muchos sistemas de gestión
documental y de PQRSD.

Los registros nuevos se agregan, los que no cambiaron se omiten y los que cambiaron se
actualizan, salvo que ya estén evaluados (se informan como conflicto y no se tocan).
Volver a importar el mismo archivo no agrega nada. Las filas rechazadas se guardan con su
número y su motivo; con --rejects se exportan a un libro de Excel.

Las columnas se asignan a los campos según el perfil de correspondencia guardado para esos
encabezados o, si no hay, según los encabezados y los valores de cada columna (--mapping
auto). Si un campo obligatorio queda dudoso no se importa nada: el mensaje muestra las
columnas candidatas, sus valores de muestra, por qué, y la opción --map que elige una.
--map CAMPO=ENCABEZADO fija una columna (se puede repetir). Los perfiles se guardan con
«auditoria-calidad mapping save».

Las fechas escritas como texto (10/1/2026) se leen en el orden que muestran sus valores
(un 25/10/2026 dice día/mes/año; un 10/25/2026, mes/día/año). Si ninguna lo muestra no
se importa nada: elija el orden con --date-order dmy|mdy. Una fecha que contradice el
orden de su columna se rechaza con su fila y su columna. Una fecha de respuesta sin hora
tampoco se toma sola; elegida con --map, el plazo de 24 horas se juzga por el día de la
respuesta cuando el día basta y, si no, queda para revisar a mano.

Con --desde y --hasta (dd/mm/aaaa), las filas recibidas fuera de ese periodo se apartan
y se informan con su motivo; igual las de otro canal cuando el archivo trae una columna
«Canal». Las filas de totales y avisos debajo de la tabla se omiten y se informan.

En el canal chat, un registro de mensajes (un mensaje por fila, con quién lo envió:
agente, usuario o bot, o si entra o sale; su nombre y su hora) se lee como un registro por conversación: la
hora del primer mensaje, el agente que más escribió, el usuario, la espera hasta la
primera respuesta del agente y la transcripción; el resumen lo explica. Las conversaciones
en que ningún agente escribió se apartan con su motivo, igual que los registros cuyo
agente es un bot o una respuesta automática («Chatbot», «Respuesta automática»). Un nombre escrito en varias
columnas (nombres y apellidos) se lee completo.

Código de salida: 0 si la importación se hizo (aunque haya filas rechazadas); 3 si el
archivo, la hoja, una columna obligatoria, la asignación de columnas, el proveedor o el
archivo de --rejects no sirven, o si --strict encontró filas rechazadas (entonces no se
importa nada), o si todas las filas de datos fueron rechazadas (la importación queda
guardada con sus motivos, sin ningún registro); 1 si la importación se guardó pero el
archivo de --rejects no se pudo poner en su lugar (el mensaje lo dice)."""


def fields_help() -> str:
    """The field names --map accepts, with their Spanish labels, per channel."""
    lines = ["Campos para --map CAMPO=ENCABEZADO:"]
    width = max(len(name) for name, _label in imports.field_names())
    for channel in Channel:
        lines.append(f"  canal {channel.label.lower()}:")
        lines += [f"    {name:<{width}} {label}" for name, label in imports.field_names(channel)]
    return "\n".join(lines)


def day_argument(text: str) -> date:
    """A dd/mm/aaaa date typed on the command line."""
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{text}» no es una fecha dd/mm/aaaa (p. ej. 01/10/2026)"
        ) from None


def add_map_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="CAMPO=ENCABEZADO",
        help='leer el campo de la columna con ese encabezado, p. ej. --map agent="Asesor"; '
        "se puede repetir (los campos se listan al final de esta ayuda)",
    )


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="importar una exportación del CRM (xlsx, xls, ods o CSV)",
        description=DESCRIPTION,
        epilog=fields_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "file", metavar="ARCHIVO", help="archivo .xlsx, .xls, .ods o .csv exportado del CRM"
    )
    p.add_argument(
        "--channel",
        required=True,
        type=str.lower,
        choices=[c.value for c in Channel],
        help="canal: virtual o chat",
    )
    p.add_argument("--provider", required=True, metavar="PROVEEDOR", help="nombre del proveedor")
    p.add_argument(
        "--sheet", metavar="HOJA", help="hoja del libro (por defecto la primera con datos)"
    )
    p.add_argument(
        "--mapping",
        default=AUTO,
        metavar="auto|PERFIL",
        help="«auto» (por defecto): el perfil guardado para estos encabezados o la asignación "
        "adivinada; o el nombre de un perfil guardado",
    )
    add_map_option(p)
    p.add_argument(
        "--date-order",
        choices=["dmy", "mdy"],
        type=str.lower,
        help="orden de las fechas escritas como texto cuando el archivo no lo deja ver: "
        "dmy (día/mes/año) o mdy (mes/día/año, exportaciones en inglés de EE. UU.)",
    )
    p.add_argument(
        "--desde",
        type=day_argument,
        metavar="DD/MM/AAAA",
        help="primer día del periodo auditado (las filas anteriores se apartan)",
    )
    p.add_argument(
        "--hasta",
        type=day_argument,
        metavar="DD/MM/AAAA",
        help="último día del periodo auditado (las filas posteriores se apartan)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="no importar nada si alguna fila se rechaza (código de salida 3)",
    )
    p.add_argument(
        "--rejects",
        metavar="SALIDA.xlsx",
        type=Path,
        help="exportar las filas rechazadas (celdas originales, fila, columna y motivo)",
    )
    p.set_defaults(handler=cmd_import)


def _progress_printer(inv: Invocation) -> tuple[Any, Any]:
    """Progress on the terminal's standard error (nothing when it is not a terminal)."""
    if inv.json or not sys.stderr.isatty():
        return None, None
    state = {"stage": "", "shown": -1}

    def stage(text: str) -> None:
        if state["stage"]:
            sys.stderr.write("\n")
        state["stage"], state["shown"] = text, -1
        sys.stderr.write(text)
        sys.stderr.flush()

    def progress(done: int, total: int) -> None:
        percent = int(100 * done / total) if total else 100
        if percent != state["shown"]:
            state["shown"] = percent
            sys.stderr.write(f"\r{state['stage']} {percent} %")
            sys.stderr.flush()

    return progress, stage


def _end_progress(stage: Any) -> None:
    if stage is not None:
        sys.stderr.write("\n")
        sys.stderr.flush()


def _rejected_lines(summary: ImportSummary) -> list[str]:
    rows = summary.rejected_rows
    if not rows:
        return []
    lines = ["Filas rechazadas:"]
    lines += [f"  {r.describe(summary.file_name)}" for r in rows[:SHOWN_REJECTED]]
    if len(rows) > SHOWN_REJECTED:
        lines.append(
            f"  … y {len(rows) - SHOWN_REJECTED} más (expórtelas todas con --rejects ARCHIVO.xlsx)."
        )
    return lines


def _listed(title: str, lines: list[str]) -> list[str]:
    if not lines:
        return []
    out = [title, *(f"  {line}" for line in lines[:SHOWN_LINES])]
    if len(lines) > SHOWN_LINES:
        out.append(f"  … y {len(lines) - SHOWN_LINES} más (véalas todas con --json).")
    return out


def _describe(summary: ImportSummary) -> str:
    where = f", hoja «{summary.sheet}»" if summary.sheet else ""
    head = (
        f"Importación {summary.batch_id}: {summary.file_name}{where} → proveedor "
        f"«{summary.provider}», canal {summary.channel.label}."
    )
    lines = [head, summary.message(), *_rejected_lines(summary)]
    lines += _listed("Filas apartadas (no se importaron):", summary.set_aside_lines())
    lines += _listed("Filas de totales o notas omitidas:", summary.skipped_lines())
    if summary.conflict_details:
        lines.append("Conflictos (registros ya evaluados que cambiaron en el archivo):")
        lines += [
            f"  {c['key']} (fila {c['row']})" for c in summary.conflict_details[:SHOWN_REJECTED]
        ]
    if summary.rejects_file is not None and summary.rejected:
        lines.append(f"Filas rechazadas exportadas a {summary.rejects_file}.")
    elif summary.rejects_file is not None:
        lines.append(
            f"No hubo filas rechazadas: {summary.rejects_file} solo tiene los encabezados."
        )
    return "\n".join(lines)


def _period(args: argparse.Namespace) -> tuple[date, date] | None:
    start, end = args.desde, args.hasta
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise UsageError("Indique el periodo completo: --desde DD/MM/AAAA y --hasta DD/MM/AAAA.")
    if end < start:
        raise UsageError(
            f"El periodo termina ({end:%d/%m/%Y}) antes de empezar ({start:%d/%m/%Y})."
        )
    return start, end


def cmd_import(inv: Invocation) -> int | None:
    args = inv.args
    channel = Channel(args.channel)
    overrides = imports.parse_overrides(args.map or [], channel)
    period = _period(args)
    actor = inv.actor()
    mapping_name = (args.mapping or AUTO).strip()
    request = ImportRequest(
        path=Path(args.file),
        channel=channel,
        provider=args.provider,
        sheet=args.sheet,
        profile=None if mapping_name.lower() == AUTO else mapping_name,
        strict=args.strict,
        overrides=overrides,
        period=period,
        rejects=args.rejects,
        date_order=args.date_order,
    )
    progress, stage = _progress_printer(inv)
    try:
        summary = imports.run_import(inv.db, actor, request, progress=progress, on_stage=stage)
    except RejectedRowsFound as refused:
        _end_progress(stage)
        return _strict_refusal(inv, refused)
    except UncertainMapping as uncertain:
        _end_progress(stage)
        likely = imports.likely_channel_of(request.path, request.channel)
        return _uncertain_refusal(inv, uncertain, likely)
    except BaseException:
        _end_progress(stage)
        raise
    _end_progress(stage)
    proposals = _agent_proposals(inv, actor, summary.provider)
    # Every data row refused: the import is saved (with the reasons), but it brought
    # nothing, which a script must not take for success.
    nothing = summary.rejected > 0 and not (
        summary.imported or summary.updated or summary.unchanged
    )
    emit(
        inv,
        {"ok": not nothing, **summary.as_json(), "agent_merge_proposals": len(proposals)},
        lambda: "\n".join([_describe(summary), *proposals]),
    )
    if nothing:
        print(
            "Aviso: todas las filas de datos fueron rechazadas; no se importó ningún registro.",
            file=sys.stderr,
        )
        return EXIT_REJECTED
    if summary.output_problem:
        print(f"Aviso: {summary.output_problem}", file=sys.stderr)
        return EXIT_FAILURE
    return None


def _agent_proposals(inv: Invocation, actor: Any, provider: str) -> list[str]:
    """A line pointing to `agent proposals` when agent names look repeated."""
    from auditoria_calidad.services import agents

    if not agents.can_merge(actor):
        return []
    proposals = agents.proposals_for(inv.db, actor, provider)
    if not proposals:
        return []
    count = counted(len(proposals), "posible agente repetido", "posibles agentes repetidos")
    return [
        f"Hay {count} en «{provider}»: revíselos con "
        f'auditoria-calidad agent proposals --provider "{provider}".'
    ]


def uncertain_json(refused: UncertainMapping) -> list[dict[str, Any]]:
    """Per uncertain required field: its candidates, their samples, why, and the option."""
    out = []
    for guess in refused.guess.uncertain_required():
        out.append({
            "field": guess.field,
            "candidates": [
                {
                    "header": c.header,
                    "column": c.index + 1,
                    "score": round(c.score, 2),
                    "samples": list(c.samples),
                    "reasons": list(c.reasons),
                    "option": f'--map {guess.field}="{c.header}"',
                }
                for c in guess.candidates
            ],
        })  # fmt: skip
    return out


def _uncertain_refusal(
    inv: Invocation, refused: UncertainMapping, likely: Channel | None = None
) -> int:
    message = refused.message
    if likely is not None:
        message += (
            f"\nEl archivo parece una exportación del canal {likely.label}: si lo es, "
            f"importe con --channel {likely.value}."
        )
    if inv.json:
        payload = {
            "ok": False,
            "error": message,
            "exit_code": EXIT_REJECTED,
            "uncertain": uncertain_json(refused),
            "likely_channel": None if likely is None else likely.value,
        }
        print(json.dumps(payload, ensure_ascii=False, default=str))
    print(f"Error: {message}", file=sys.stderr)
    return EXIT_REJECTED


def _strict_refusal(inv: Invocation, refused: RejectedRowsFound) -> int:
    summary = refused.summary
    rejects = summary.rejects_file
    if inv.json:
        payload = {
            "ok": False,
            "error": refused.message,
            "exit_code": EXIT_REJECTED,
            **summary.as_json(),
        }
        print(json.dumps(payload, ensure_ascii=False, default=str))
    else:
        lines = _rejected_lines(summary)
        if rejects is not None:
            lines.append(f"Filas rechazadas exportadas a {rejects}.")
        if lines:
            print("\n".join(lines))
    print(f"Error: {refused.message}", file=sys.stderr)
    return EXIT_REJECTED
