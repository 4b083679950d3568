"""The installer files (installer/) are consistent with the project, without building anything."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "auditoria-calidad.spec"
ISS = INSTALLER / "auditoria-calidad.iss"
PACKAGE = ROOT / "src" / "auditoria_calidad"


@pytest.fixture(scope="module")
def spec_text() -> str:
    return SPEC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def iss_text() -> str:
    # Inno Setup reads non-ASCII text reliably from UTF-8 with a BOM.
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the .iss must be UTF-8 with BOM"
    return raw.decode("utf-8-sig")


def _assigned_source(text: str, name: str) -> str:
    """The source of the top-level statements that assign or extend ``name``."""
    parts = []
    for node in ast.parse(text).body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            parts.append(ast.get_source_segment(text, node) or "")
    return "\n".join(parts)


def test_spec_and_build_script_are_python(spec_text: str) -> None:
    compile(spec_text, str(SPEC), "exec")
    compile((INSTALLER / "build.py").read_text(encoding="utf-8"), "build.py", "exec")


def test_spec_names_both_entry_points_of_pyproject(spec_text: str) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    cli_entry = project["scripts"]["auditoria-calidad"]
    gui_entry = project["gui-scripts"]["auditoria-calidad-gui"]
    assert cli_entry == "auditoria_calidad.launcher:main"
    assert gui_entry == "auditoria_calidad.launcher:gui_main"
    assert f'"{cli_entry}"' in spec_text
    assert f'"{gui_entry}"' in spec_text
    # Name and version come from pyproject, not typed again in the spec.
    assert "tomllib" in spec_text and "pyproject.toml" in spec_text
    # One console executable and one windowed executable over one COLLECT.
    assert "console=True" in spec_text and "console=False" in spec_text
    assert spec_text.count("COLLECT(") == 1
    assert '"Auditoria de Calidad"' in spec_text


def test_spec_collects_migrations_and_resources_as_data(spec_text: str) -> None:
    datas = _assigned_source(spec_text, "datas")
    assert "storage/migrations/env.py" in datas
    assert "script.py.mako" in datas
    assert "storage/migrations/versions/*.py" in datas
    assert '"resources"' in datas and "auditoria_calidad/resources" in datas
    # What those entries point at exists.
    assert (PACKAGE / "storage" / "migrations" / "env.py").is_file()
    assert (PACKAGE / "storage" / "migrations" / "script.py.mako").is_file()
    assert any((PACKAGE / "storage" / "migrations" / "versions").glob("*.py"))
    assert (PACKAGE / "resources" / "ui" / "style.qss").is_file()


def test_spec_hidden_imports_cover_what_is_loaded_by_name(spec_text: str) -> None:
    hidden = _assigned_source(spec_text, "hiddenimports")
    for module in (
        "sqlalchemy.dialects.sqlite",
        "sqlalchemy.dialects.postgresql.psycopg",
        "psycopg_binary",
        "alembic",
        "argon2",
        "holidays.countries.colombia",
        "python_calamine",
        "reportlab.pdfbase",
    ):
        assert f'"{module}' in hidden, module
    assert '"tkinter"' in _assigned_source(spec_text, "excludes")


def test_iss_installs_the_gui_per_user_in_spanish(iss_text: str) -> None:
    assert "Auditoria de Calidad.exe" in iss_text
    assert r"compiler:Languages\Spanish.isl" in iss_text
    assert "PrivilegesRequired=lowest" in iss_text
    assert r"DefaultDirName={autopf}\Auditoria de Calidad" in iss_text
    assert "AppVersion={#AppVersion}" in iss_text
    assert "{autoprograms}" in iss_text and "desktopicon" in iss_text


def test_iss_uninstaller_keeps_the_user_data(iss_text: str) -> None:
    sections = [line.strip().lower() for line in iss_text.splitlines() if line.startswith("[")]
    assert "[uninstalldelete]" not in sections
    assert "usPostUninstall" in iss_text and "no se eliminaron" in iss_text
