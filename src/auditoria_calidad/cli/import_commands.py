"""The `import` sub-command: one CRM export into the database, as the window does it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from auditoria_calidad.cli.common import EXIT_REJECTED, Invocation, emit
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.services import imports
from auditoria_calidad.services.imports import ImportRequest, ImportSummary, RejectedRowsFound

AUTO = "auto"
SHOWN_REJECTED = 20

DESCRIPTION = """\
Importa la exportación del CRM (xlsx o CSV, con o sin título encima del encabezado) de un
canal y un proveedor, en una sola transacción: si algo falla no queda nada a medias.

Los registros nuevos se agregan, los que no cambiaron se omiten y los que cambiaron se
actualizan, salvo que ya estén evaluados (se informan como conflicto y no se tocan).
Volver a importar el mismo archivo no agrega nada. Las filas rechazadas se guardan con su
número y su motivo; con --rejects se exportan a un libro de Excel.

Las columnas se asignan a los campos según el perfil de correspondencia guardado para esos
encabezados o, si no hay, según los nombres de los encabezados (--mapping auto).

Código de salida: 0 si la importación se hizo (aunque haya filas rechazadas); 3 si el
archivo, la hoja, una columna obligatoria o el proveedor no sirven, o si --strict encontró
filas rechazadas (entonces no se importa nada)."""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="importar una exportación del CRM (xlsx o CSV)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="ARCHIVO", help="archivo .xlsx o .csv exportado del CRM")
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


def _describe(summary: ImportSummary, rejects: Path | None) -> str:
    where = f", hoja «{summary.sheet}»" if summary.sheet else ""
    head = (
        f"Importación {summary.batch_id}: {summary.file_name}{where} → proveedor "
        f"«{summary.provider}», canal {summary.channel.label}."
    )
    lines = [head, summary.message(), *_rejected_lines(summary)]
    if summary.conflict_details:
        lines.append("Conflictos (registros ya evaluados que cambiaron en el archivo):")
        lines += [
            f"  {c['key']} (fila {c['row']})" for c in summary.conflict_details[:SHOWN_REJECTED]
        ]
    if rejects is not None:
        lines.append(f"Filas rechazadas exportadas a {rejects}.")
    return "\n".join(lines)


def _write_rejects(summary: ImportSummary, out: Path | None) -> Path | None:
    if out is None:
        return None
    return imports.export_rejected(summary.rejected_rows, summary.headers, out)


def cmd_import(inv: Invocation) -> int | None:
    args = inv.args
    actor = inv.actor()
    mapping_name = (args.mapping or AUTO).strip()
    request = ImportRequest(
        path=Path(args.file),
        channel=Channel(args.channel),
        provider=args.provider,
        sheet=args.sheet,
        profile=None if mapping_name.lower() == AUTO else mapping_name,
        strict=args.strict,
    )
    progress, stage = _progress_printer(inv)
    try:
        summary = imports.run_import(inv.db, actor, request, progress=progress, on_stage=stage)
    except RejectedRowsFound as refused:
        _end_progress(stage)
        return _strict_refusal(inv, refused)
    except BaseException:
        _end_progress(stage)
        raise
    _end_progress(stage)
    rejects = _write_rejects(summary, args.rejects)
    emit(
        inv,
        {"ok": True, **summary.as_json(), "rejects_file": str(rejects) if rejects else None},
        lambda: _describe(summary, rejects),
    )
    return None


def _strict_refusal(inv: Invocation, refused: RejectedRowsFound) -> int:
    summary = refused.summary
    rejects = _write_rejects(summary, inv.args.rejects)
    if inv.json:
        payload = {
            "ok": False,
            "error": refused.message,
            "exit_code": EXIT_REJECTED,
            **summary.as_json(),
            "rejects_file": str(rejects) if rejects else None,
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
