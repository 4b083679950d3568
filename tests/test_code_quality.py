"""The layers of ARCHITECTURE.md, lint and types are checked with the tests."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed; install the test extra: pip install -e '.[test]'")
    return found


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def test_import_contracts_keep_the_layers_apart() -> None:
    result = _run(_tool("lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing() -> None:
    result = _run(_tool("ruff"), "check", "src", "tests", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_every_file_as_it_is() -> None:
    result = _run(_tool("ruff"), "format", "--check", "src", "tests", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_services_ui_and_cli_type_check() -> None:
    result = _run(_tool("mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


# What a service may take from SQLAlchemy: the session type and the errors it catches.
SERVICE_SQLALCHEMY = {"sqlalchemy.orm": {"Session"}, "sqlalchemy.orm.exc": {"StaleDataError"}}


def _sqlalchemy_uses(path: Path) -> list[str]:
    """The SQLAlchemy names a module imports beyond the session and the exceptions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "sqlalchemy"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            module = node.module or ""
            if module == "sqlalchemy.exc":
                continue
            allowed = SERVICE_SQLALCHEMY.get(module, set())
            found += [f"{module}.{a.name}" for a in node.names if a.name not in allowed]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "query"
        ):
            found.append(f"line {node.lineno}: .query(…)")  # the legacy ORM query builder
    return found


def test_no_service_builds_sql() -> None:
    """Statements live in storage/queries: a service calls named queries and keeps the use
    case, the permission checks and the transaction."""
    services = ROOT / "src" / "auditoria_calidad" / "services"
    offenders = {
        path.name: uses
        for path in sorted(services.glob("*.py"))
        if (uses := _sqlalchemy_uses(path))
    }
    assert offenders == {}, offenders


MAX_MODULE_LINES = 600


def test_no_module_passes_600_lines() -> None:
    """Small modules named after the domain. The Alembic revisions are the schema's history
    as generated, not read as code: left out."""
    package = ROOT / "src" / "auditoria_calidad"
    long = {
        str(path.relative_to(package)): lines
        for path in sorted(package.rglob("*.py"))
        if "migrations" not in path.parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}, long
