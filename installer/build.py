"""Build the application folder with PyInstaller (and, on Windows, the installer).

Run from anywhere with the project's Python (PyInstaller installed)::

    python installer/build.py              # dist/auditoria-calidad/
    python installer/build.py --installer  # also dist/auditoria-calidad-<versión>-instalador.exe (Inno Setup 6)

Prints the output folder and its size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "auditoria-calidad.spec"
ISS = ROOT / "installer" / "auditoria-calidad.iss"
DIST = ROOT / "dist"
WORK = ROOT / "build"


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def find_iscc() -> Path | None:
    """ISCC.exe on PATH or in Inno Setup 6's usual folders."""
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return Path(found)
    local = os.environ.get("LOCALAPPDATA")
    bases = (
        os.environ.get("PROGRAMFILES(X86)"),
        os.environ.get("PROGRAMFILES"),
        str(Path(local, "Programs")) if local else None,
    )
    for base in bases:
        if base and (candidate := Path(base, "Inno Setup 6", "ISCC.exe")).is_file():
            return candidate
    return None


def build_folder(clean: bool) -> Path:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    if clean:
        command.insert(4, "--clean")
    print("+", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)
    return DIST / project()["name"]


def build_installer(app_folder: Path) -> Path:
    iscc = find_iscc()
    if iscc is None:
        raise SystemExit("No se encontró ISCC.exe (Inno Setup 6): instálelo o agréguelo al PATH.")
    version = project()["version"]
    command = [
        str(iscc),
        f"/DAppVersion={version}",
        f"/DAppDir={app_folder}",
        f"/O{DIST}",
        str(ISS),
    ]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)
    return DIST / f"{project()['name']}-{version}-instalador.exe"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--installer",
        action="store_true",
        help="después de la carpeta, compilar el instalador con Inno Setup 6 (Windows)",
    )
    parser.add_argument(
        "--no-clean",
        action="store_true",
        help="reutilizar la caché de PyInstaller en build/ (más rápido)",
    )
    args = parser.parse_args()

    app_folder = build_folder(clean=not args.no_clean)
    exes = sorted(p.name for p in app_folder.iterdir() if p.is_file())
    print(f"\nCarpeta de la aplicación: {app_folder}")
    print(f"Ejecutables: {', '.join(exes)}")
    print(f"Tamaño: {megabytes(folder_size(app_folder))}")
    if args.installer:
        setup = build_installer(app_folder)
        print(f"Instalador: {setup} ({megabytes(setup.stat().st_size)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
