"""Spanish plurals after a count: «1 fila», never «1 filas»."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditoria_calidad.domain.plurals import counted, noun

SRC = Path(__file__).resolve().parents[2] / "src" / "auditoria_calidad"


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 filas"), (1, "1 fila"), (2, "2 filas"), (1500, "1500 filas")],
)
def test_counted(n: int, expected: str) -> None:
    assert counted(n, "fila", "filas") == expected


def test_noun_is_singular_only_for_one() -> None:
    assert noun(1, "inconsistencia", "inconsistencias") == "inconsistencia"
    assert noun(-1, "día", "días") == "días"
    assert noun(21, "registro", "registros") == "registros"


def test_ui_plural_formats_the_count_the_colombian_way() -> None:
    pytest.importorskip("PySide6")
    from auditoria_calidad.ui.locale_format import plural, score

    assert plural(1, "respuesta enviada", "respuestas enviadas") == "1 respuesta enviada"
    assert plural(1500, "fila", "filas") == "1.500 filas"
    assert score(None) == "—" and score(100) == "100,00"


# Files whose counted messages go through the plural rule.
CHECKED = ("ui/findings_page.py", "cli/cycle_commands.py", "cli/report_commands.py")


@pytest.mark.parametrize("name", CHECKED)
def test_no_count_is_followed_by_a_fixed_plural_noun(name: str) -> None:
    pattern = re.compile(r"\{[^{}]*\} (inconsistencias|respuestas|filas|días)\b")
    text = (SRC / name).read_text(encoding="utf-8")
    assert pattern.findall(text) == [], name
