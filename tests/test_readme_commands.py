"""The README's first command and .ci/run agree: CI runs what a new user runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_the_first_command_installs_the_system_libraries_the_window_needs() -> None:
    first = _blocks("bash")[0].strip()
    assert first.startswith("sudo apt-get install -y python3-venv ")
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"):
        assert f" {package} " in first
    assert first.endswith(
        '.venv/bin/pip install ".[preview]" && .venv/bin/auditoria-calidad gui --demo'
    )


def test_ci_installs_the_same_packages_and_runs_the_first_command_in_smoke_mode() -> None:
    first = _blocks("bash")[0].strip()
    packages = first.split("sudo apt-get install -y ", 1)[1].split(" && ", 1)[0]
    assert f'README_PACKAGES="{packages}"' in CI
    assert "python3-venv" in packages
    commands = first.split(" && ", 1)[1].replace(" && .venv/bin/auditoria-calidad gui --demo", "")
    assert commands in CI
    assert (
        'xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb '
        ".venv/bin/auditoria-calidad gui --demo --smoke" in CI
    )
    assert "set -euo pipefail" in CI


def test_ci_runs_exactly_the_readme_test_command() -> None:
    command = next(b.strip() for b in _blocks("bash") if "pytest" in b)
    assert command in CI
    assert '"$status" -eq 5' in CI  # «no tests collected» is a failure, said in words


def test_every_example_uses_the_venv_explicitly() -> None:
    for block in _blocks("bash") + _blocks("powershell"):
        for line in block.splitlines():
            if re.match(r"\s*auditoria-calidad\b", line):
                raise AssertionError(f"orden sin la ruta del entorno: {line}")
    assert ".venv\\Scripts\\auditoria-calidad gui --demo" in README
    assert "demo --export-files" in README
