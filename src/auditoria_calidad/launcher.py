"""The program's entry points: the command line, and the window when no command is given.

This module sits above both ``cli`` and ``ui`` so that neither imports the other: the
command line parses the arguments and, for ``gui`` (or no sub-command), calls back the
window opener it is given here.
"""

from __future__ import annotations

import sys


def open_window(*, db_url: str | None, load_demo: bool, smoke: bool) -> int:
    """Open the main window (Qt is imported only now)."""
    from auditoria_calidad.ui.app import run_window

    return run_window(db_url=db_url, load_demo=load_demo, smoke=smoke)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``auditoria-calidad``: a sub-command, or the window without one."""
    if getattr(sys, "frozen", False):
        import multiprocessing

        # In the frozen program, a worker process of the screening starts here: run it
        # and exit.
        multiprocessing.freeze_support()
    from auditoria_calidad.cli import main as run_command_line

    return run_command_line(argv, open_window=open_window)


def gui_main() -> int:
    """Entry point of the Windows GUI script (no console): always the window."""
    args = sys.argv[1:]
    return main(["gui", *(a for a in args if a != "gui")])
