"""The `mapping` sub-command: the column-mapping profiles the window saves and chooses.

A profile is chosen by itself (window and `import`) for files whose headers are the ones it
was saved for, so an export whose columns had to be chosen once imports unattended after.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from auditoria_calidad.cli.common import EXIT_REJECTED, Invocation, emit, table
from auditoria_calidad.cli.import_commands import add_map_option, fields_help, uncertain_json
from auditoria_calidad.domain.fields import FIELDS_BY_NAME, Channel
from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.services import imports, mapping_profiles
from auditoria_calidad.services.imports import UncertainMapping
from auditoria_calidad.services.mapping_profiles import ProfileInfo

DESCRIPTION = """\
Perfiles de correspondencia de columnas (los mismos de la ventana): cuál columna del
archivo alimenta cada campo. Un perfil se elige solo al importar un archivo con los mismos
encabezados para los que se guardó.

  mapping list [--channel C]          perfiles guardados
  mapping show NOMBRE                 columnas del perfil
  mapping save NOMBRE --channel C --file EXPORTACION [--map CAMPO=ENCABEZADO …]
                                      guarda la asignación deducida del archivo, con los
                                      --map que se indiquen
  mapping delete NOMBRE               borra el perfil

Código de salida: 0 si se hizo; 3 si el perfil, el archivo o la asignación no sirven (con
«save», si un campo obligatorio queda dudoso: el mensaje muestra las candidatas y la
opción --map que elige una)."""


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "mapping",
        parents=[common],
        help="perfiles de correspondencia de columnas (list, show, save, delete)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(dest="mapping_action", metavar="ACCIÓN", required=True)

    listing = actions.add_parser("list", parents=[common], help="perfiles guardados")
    listing.add_argument("--channel", type=str.lower, choices=[c.value for c in Channel])
    listing.set_defaults(handler=cmd_list)

    show = actions.add_parser("show", parents=[common], help="columnas de un perfil")
    show.add_argument("name", metavar="NOMBRE")
    show.set_defaults(handler=cmd_show)

    save = actions.add_parser(
        "save",
        parents=[common],
        help="guardar la asignación de columnas de un archivo",
        epilog=fields_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    save.add_argument("name", metavar="NOMBRE")
    save.add_argument(
        "--channel", required=True, type=str.lower, choices=[c.value for c in Channel]
    )
    save.add_argument(
        "--file", required=True, type=Path, metavar="EXPORTACION", help="archivo .xlsx o .csv"
    )
    save.add_argument("--sheet", metavar="HOJA", help="hoja del libro")
    add_map_option(save)
    save.add_argument(
        "--replace", action="store_true", help="reemplazar el perfil si ya existe con ese nombre"
    )
    save.set_defaults(handler=cmd_save)

    delete = actions.add_parser("delete", parents=[common], help="borrar un perfil")
    delete.add_argument("name", metavar="NOMBRE")
    delete.set_defaults(handler=cmd_delete)


def _columns(profile: ProfileInfo) -> list[dict[str, object]]:
    return [
        {
            "field": name,
            "label": FIELDS_BY_NAME[name].label,
            "header": col.header,
            "column": col.index + 1,
        }
        for name, col in profile.mapping.columns.items()
    ]


def _json(profile: ProfileInfo) -> dict[str, object]:
    return {
        "name": profile.name,
        "channel": profile.channel.value,
        "created_by": profile.created_by,
        "created_at": profile.created_at.isoformat(),
        "columns": _columns(profile),
    }


def cmd_list(inv: Invocation) -> None:
    channel = Channel(inv.args.channel) if inv.args.channel else None
    profiles = mapping_profiles.list_profiles(inv.db, inv.actor(), channel)

    def text() -> str:
        if not profiles:
            return "No hay perfiles de correspondencia guardados."
        rows = [
            [
                p.name,
                p.channel.label,
                str(len(p.mapping.columns)),
                p.created_by,
                f"{p.created_at:%d/%m/%Y}",
            ]
            for p in profiles
        ]
        return table(rows, ["Perfil", "Canal", "Campos", "Guardado por", "Fecha"])

    emit(inv, {"ok": True, "profiles": [_json(p) for p in profiles]}, text)


def cmd_show(inv: Invocation) -> None:
    profile = mapping_profiles.get_profile(inv.db, inv.actor(), inv.args.name)

    def text() -> str:
        head = (
            f"Perfil «{profile.name}» (canal {profile.channel.label}), guardado por "
            f"{profile.created_by} el {profile.created_at:%d/%m/%Y}."
        )
        rows = [
            [str(c["label"]), str(c["field"]), f"{c['header']} (columna {c['column']})"]
            for c in _columns(profile)
        ]
        return head + "\n" + table(rows, ["Campo", "Nombre para --map", "Columna del archivo"])

    emit(inv, {"ok": True, **_json(profile)}, text)


def cmd_save(inv: Invocation) -> int | None:
    args = inv.args
    channel = Channel(args.channel)
    overrides = imports.parse_overrides(args.map or [], channel)
    actor = inv.actor()
    inspection = imports.inspect_file(
        inv.db, actor, args.file, channel, sheet=args.sheet, overrides=overrides
    )
    if inspection.uncertain and inspection.guess is not None:
        refused = UncertainMapping(
            inspection.guess.describe_uncertain(inspection.file_name), inspection.guess
        )
        if inv.json:
            payload = {
                "ok": False,
                "error": refused.message,
                "exit_code": EXIT_REJECTED,
                "uncertain": uncertain_json(refused),
            }
            print(json.dumps(payload, ensure_ascii=False))
        print(f"Error: {refused.message}", file=sys.stderr)
        return EXIT_REJECTED
    saved = mapping_profiles.save_profile(
        inv.db,
        actor,
        args.name,
        channel,
        inspection.headers,
        inspection.mapping,
        replace=args.replace,
    )
    emit(
        inv,
        {"ok": True, **_json(saved)},
        lambda: (
            f"Perfil «{saved.name}» guardado con "
            f"{counted(len(saved.mapping.columns), 'campo', 'campos')}: se "
            f"elegirá solo al importar archivos con los encabezados de {inspection.file_name}."
        ),
    )
    return None


def cmd_delete(inv: Invocation) -> None:
    deleted = mapping_profiles.delete_profile(inv.db, inv.actor(), inv.args.name)
    emit(
        inv,
        {"ok": True, "deleted": deleted.name},
        f"Perfil «{deleted.name}» borrado.",
    )
