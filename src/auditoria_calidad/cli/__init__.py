"""Command line: `auditoria-calidad [--db URL] [--user U] SUB-COMMAND ...`.

Without a sub-command the window opens. Exit codes: see `EXIT_CODES` in cli/common.py (also
at the end of `auditoria-calidad --help`).

Only the modules of the sub-command being run are imported (each imports what its work
needs): `--help` lists the sub-commands from `COMMANDS`, which a test keeps equal to what
the modules register.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Protocol

from auditoria_calidad.cli import spanish_help
from auditoria_calidad.cli.common import EXIT_BROKEN_PIPE, EXIT_CODES_HELP


class WindowOpener(Protocol):
    """Opens the main window; returns the process exit code."""

    def __call__(self, *, db_url: str | None, load_demo: bool, smoke: bool) -> int: ...


# Sub-command → (help line, the modules that register it, in registration order).
COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "init": ("crear el administrador inicial de una base nueva", ("admin_commands",)),
    "db": ("base de datos: migrar, consultar", ("admin_commands",)),
    "provider": ("proveedores (outsourcing)", ("admin_commands",)),
    "agent": ("agentes de los proveedores", ("admin_commands", "agent_commands")),
    "user": ("usuarios y roles", ("admin_commands",)),
    "demo": ("cargar tres meses de demostración en una base vacía", ("demo_commands",)),
    "import": ("importar una exportación del CRM (xlsx, xls, ods o CSV)", ("import_commands",)),
    "mapping": (
        "perfiles de correspondencia de columnas (list, show, save, delete)",
        ("mapping_commands",),
    ),
    "audit": ("auditorías: crear, listar, consultar", ("audit_commands", "cycle_commands")),
    "sample": (
        "muestra de una auditoría: sortear, agregar, retirar, plan",
        ("audit_commands",),
    ),
    "alerts": (
        "alertas del análisis automático de toda la población de una auditoría",
        ("screening_commands",),
    ),
    "f182": ("formato F182 en Excel: exportar e importar", ("f182_commands",)),
    "findings": ("hallazgos: consultar, exportar, responder", ("findings_commands",)),
    "committee": ("comité de calidad: sesiones, decisiones, actas", ("committee_commands",)),
    "report": (
        "informes: de auditoría (PDF y F182 en Excel) y mensual",
        ("report_commands",),
    ),
    "calibration": (
        "calibración: revisión doble a ciegas y acuerdo entre evaluadores",
        ("calibration_commands",),
    ),
}
# Registration order of every module (agent_commands and cycle_commands add to commands
# that admin_commands and audit_commands create).
MODULES = (
    "admin_commands",
    "agent_commands",
    "demo_commands",
    "import_commands",
    "mapping_commands",
    "audit_commands",
    "screening_commands",
    "f182_commands",
    "cycle_commands",
    "findings_commands",
    "committee_commands",
    "report_commands",
    "calibration_commands",
)
# Actions that a module adds to a command another module creates: the module is loaded
# only for them (or for the command's help), so `audit list` does not load the approval,
# committee and findings services with their PDF and workbook writers.
ADDED_ACTIONS = {
    ("audit", "cycle_commands"): frozenset({"approve", "send", "package", "verify", "close"}),
}
_VALUE_OPTIONS = ("--db", "--user")


class _Parser(argparse.ArgumentParser):
    """argparse with Spanish error lines."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


class _VersionAction(argparse.Action):
    """`--version`, reading the installed version only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from auditoria_calidad import __version__

        print(f"{parser.prog} {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, every sub-command registered (help texts, tests)."""
    return _parser(MODULES)


def positionals(argv: Sequence[str]) -> list[str]:
    """The words of ``argv`` that are no option nor the value of --db / --user."""
    words: list[str] = []
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in _VALUE_OPTIONS:
            skip = True
        elif not token.startswith("-"):
            words.append(token)
    return words


def modules_for(argv: Sequence[str]) -> tuple[str, ...]:
    """The command modules needed to parse and run ``argv``, in registration order."""
    words = positionals(argv)
    if not words or words[0] not in COMMANDS:
        return ()
    command = words[0]
    action = words[1] if len(words) > 1 else None
    needed = set(COMMANDS[command][1])
    for (name, module), actions in ADDED_ACTIONS.items():
        if name == command and action is not None and action not in actions:
            needed.discard(module)
    return tuple(m for m in MODULES if m in needed)


def _parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    return _parser(modules_for(argv))


def _parser(modules: tuple[str, ...]) -> argparse.ArgumentParser:
    spanish_help.install()
    # Options accepted before or after the sub-command.
    common = _Parser(add_help=False)
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
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action=_VersionAction, help="mostrar la versión y salir")
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
    for module in modules:
        importlib.import_module(f"auditoria_calidad.cli.{module}").register(sub, common)
    for name, (help_line, _modules) in COMMANDS.items():
        if name not in sub.choices:  # listed by --help; its module is not loaded
            sub.add_parser(name, help=help_line)
    return parser


def main(argv: list[str] | None = None, open_window: WindowOpener | None = None) -> int:
    """Run the command line; a closed output (``… --json | head``) ends it quietly.

    ``open_window`` opens the window for ``gui`` (or no sub-command); the program's entry
    point (``auditoria_calidad.launcher``) passes it, so that the command line never
    imports the window's modules itself.
    """
    argv = sys.argv[1:] if argv is None else argv
    try:
        code = _main(argv, open_window)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away: say nothing more, as Unix tools do. Python would otherwise
        # complain when it flushes standard output at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    return code


def _main(argv: list[str], open_window: WindowOpener | None) -> int:
    from auditoria_calidad.cli.common import Invocation, run_guarded

    parser = _parser_for(argv)
    args = parser.parse_args(argv)
    for name, default in (("db", None), ("user", None), ("json", False)):
        if not hasattr(args, name):
            setattr(args, name, default)
    if getattr(args, "handler", None) is None:
        if open_window is None:
            print(
                "Esta forma de llamar al programa no abre la ventana: use «auditoria-calidad gui».",
                file=sys.stderr,
            )
            return 2
        return open_window(
            db_url=args.db,
            load_demo=bool(getattr(args, "demo", False)),
            smoke=bool(getattr(args, "smoke", False)),
        )
    return run_guarded(Invocation(args), args.handler)
