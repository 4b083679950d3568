"""The `f182` sub-command: the F182 workbook of an audit, exported and imported back."""

from __future__ import annotations

import argparse
import json
import sys

from auditoria_calidad.cli.common import EXIT_REJECTED, Invocation, emit
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.services.audits import find_audit
from auditoria_calidad.services.f182_exchange import F182ImportRejected, export_f182, import_f182


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    f182 = sub.add_parser(
        "f182",
        parents=[common],
        help="formato F182 en Excel: exportar e importar",
        description="El formato F182 de una auditoría como libro de Excel: se exporta, se "
        "diligencia (Cumple / No cumple / N.A., nivel, observaciones) y se importa. "
        "La importación no aplica nada si alguna celda es inválida.",
    )
    actions = f182.add_subparsers(dest="f182_command", metavar="ACCIÓN", required=True)
    export = actions.add_parser(
        "export", parents=[common], help="escribir el formato F182 de la muestra de una auditoría"
    )
    export.add_argument("audit", metavar="AUDITORÍA", help="número (AUD-2026-0001) o id")
    export.add_argument("output", metavar="SALIDA.xlsx", help="libro que se escribe")
    export.set_defaults(handler=cmd_export)
    imp = actions.add_parser(
        "import", parents=[common], help="aplicar un formato F182 diligenciado (todo o nada)"
    )
    imp.add_argument("audit", metavar="AUDITORÍA", help="número (AUD-2026-0001) o id")
    imp.add_argument("file", metavar="ARCHIVO.xlsx", help="libro diligenciado")
    imp.set_defaults(handler=cmd_import)


def cmd_export(inv: Invocation) -> None:
    actor = inv.actor()
    audit = find_audit(inv.db, actor, inv.args.audit)
    summary = export_f182(inv.db, actor, audit.id, inv.args.output)
    emit(
        inv,
        {"ok": True, "audit": audit.number, "rows": summary.rows, "path": summary.path},
        f"Formato F182 de la auditoría {audit.number}: "
        f"{counted(summary.rows, 'registro', 'registros')} en {summary.path}.",
    )


def cmd_import(inv: Invocation) -> int | None:
    actor = inv.actor()
    audit = find_audit(inv.db, actor, inv.args.audit)
    try:
        summary = import_f182(inv.db, actor, audit.id, inv.args.file)
    except F182ImportRejected as exc:
        # Every problem, not only the message's first thirty, for the caller to fix at once.
        if inv.json:
            print(
                json.dumps(
                    {
                        "ok": False,
                        "error": exc.message.split("\n", 1)[0],
                        "exit_code": EXIT_REJECTED,
                        "problems": [
                            {
                                "sheet": p.sheet,
                                "row": p.row,
                                "column": p.column,
                                "header": p.header,
                                "message": p.message,
                            }
                            for p in exc.problems
                        ],
                    },
                    ensure_ascii=False,
                )
            )
        print(exc.message.split("\n", 1)[0], file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_REJECTED
    emit(
        inv,
        {
            "ok": True,
            "audit": audit.number,
            "rows": summary.rows,
            "saved": summary.saved,
            "unchanged": summary.unchanged,
        },
        f"Formato F182 importado en la auditoría {audit.number}: "
        f"{counted(summary.rows, 'fila', 'filas')}, "
        f"{counted(summary.saved, 'evaluación guardada', 'evaluaciones guardadas')}, "
        f"{summary.unchanged} sin cambios.",
    )
    return None
