"""Command line: `auditoria-calidad [--db URL] [--user U] SUB-COMMAND ...`.

Without a sub-command the window opens. Exit codes: 0 success, 1 failure, 2 bad usage,
3 rejected input, 4 not allowed (login or role), 5 concurrent edit.
"""

from __future__ import annotations

import argparse
import sys

from auditoria_calidad import __version__
from auditoria_calidad.cli import (
    admin_commands,
    agent_commands,
    audit_commands,
    cycle_commands,
    demo_commands,
    f182_commands,
    import_commands,
    mapping_commands,
    report_commands,
    spanish_help,
)
from auditoria_calidad.cli.common import Invocation, run_guarded


class _Parser(argparse.ArgumentParser):
    """argparse with Spanish error lines."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    spanish_help.install()
    # Options accepted before or after the sub-command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="base de datos (p. ej. postgresql://usuario@servidor/auditoria); "
        "por defecto AUDITORIA_DB_URL o el archivo SQLite del usuario",
    )
    common.add_argument(
        "--user",
        metavar="USUARIO",
        default=argparse.SUPPRESS,
        help="usuario que actúa (o AUDITORIA_USER); contraseña en AUDITORIA_PASSWORD",
    )
    common.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="imprimir un objeto JSON en la salida estándar",
    )

    parser = _Parser(
        prog="auditoria-calidad",
        description="Auditoría de calidad de las respuestas virtuales y chats del contact center "
        "(formato F182, procedimiento M5-1-01). Sin sub-comando abre la ventana.",
        parents=[common],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help="mostrar la versión y salir",
    )
    sub = parser.add_subparsers(dest="command", metavar="SUB-COMANDO", parser_class=_Parser)
    gui = sub.add_parser("gui", parents=[common], help="abrir la ventana (por defecto)")
    gui.add_argument(
        "--demo",
        action="store_true",
        help="si la base está vacía, cargar antes los datos de demostración",
    )
    gui.add_argument(
        "--smoke",
        action="store_true",
        help="prueba de instalación: en una carpeta de datos temporal carga la demostración, "
        "abre la ventana principal, la cierra y sale (0 si todo funcionó)",
    )
    gui.set_defaults(handler=None)
    admin_commands.register(sub, common)
    agent_commands.register(sub, common)  # adds to `agent`: after admin_commands
    demo_commands.register(sub, common)
    import_commands.register(sub, common)
    mapping_commands.register(sub, common)
    audit_commands.register(sub, common)
    f182_commands.register(sub, common)
    cycle_commands.register(sub, common)  # adds to `audit`: after audit_commands
    report_commands.register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name, default in (("db", None), ("user", None), ("json", False)):
        if not hasattr(args, name):
            setattr(args, name, default)
    if getattr(args, "handler", None) is None:
        from auditoria_calidad.ui.app import run_window

        return run_window(
            db_url=args.db,
            load_demo=bool(getattr(args, "demo", False)),
            smoke=bool(getattr(args, "smoke", False)),
        )
    return run_guarded(Invocation(args), args.handler)


def gui_main() -> int:
    """Entry point of the Windows GUI script (no console): always the window."""
    args = sys.argv[1:]
    return main(["gui", *(a for a in args if a != "gui")])
