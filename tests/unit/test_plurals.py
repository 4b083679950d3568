"""Spanish plurals after a count: «1 fila», never «1 filas»."""

from __future__ import annotations

import ast
import itertools
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
CHECKED = (
    "ui/findings_page.py",
    "ui/findings_summary.py",
    "cli/cycle_commands.py",
    "cli/findings_commands.py",
    "cli/committee_commands.py",
    "cli/commitment_commands.py",
    "cli/report_commands.py",
)


@pytest.mark.parametrize("name", CHECKED)
def test_no_count_is_followed_by_a_fixed_plural_noun(name: str) -> None:
    pattern = re.compile(r"\{[^{}]*\} (inconsistencias|respuestas|filas|días)\b")
    text = (SRC / name).read_text(encoding="utf-8")
    assert pattern.findall(text) == [], name


# Nouns (and participles) that follow a count in the window, the CLI and the documents.
COUNTED_NOUNS = (
    "registros|filas|inconsistencias|hallazgos|días|respuestas|evaluaciones|agentes|chats|"
    "archivos|palabras|valores|campos|problemas|auditorías|criterios|sesiones|compromisos|"
    "usuarios|veces|columnas|hojas|meses|errores|asistentes|convocados|plantillas|caracteres|"
    "horas|puntos|evaluados|evaluadas|aprobadas|decididas|agregados|disponibles|asignadas|"
    "pendientes|respondidas|guardadas|sorteados|requeridos"
)
# «{n} registros» in an f-string, also when the literal is split over several lines.
FIXED_PLURAL = re.compile(rf"^ ({COUNTED_NOUNS})\b")
# What may stand before a plural noun: a number with decimals (1,5 horas), a limit that is
# never 1 (a constant), a call that already applies the rule.
ALLOWED_VALUE = re.compile(
    r"^(?:[A-Z_]+|_[A-Z_]+\[.*\]|(?:\w+\.)?decimal(?:_es)?\(.*\)"
    r"|.*\b(?:plural|counted|noun)\(.*)$"
)
# Reviewed one by one: the count can never be 1 there.
ALLOWED = {
    ("reporting/from_domain.py", "limit", "palabras"),  # a decimal limit («más de 2,5»)
    ("exchange/f182.py", "hours:g", "horas"),  # the scheme's limit (24 or 48)
    ("reporting/calibration_report.py", "_score(data.score_gap)", "puntos"),  # «3,5 puntos»
    ("importing/hidden_columns.py", "len(names)", "columnas"),  # one is said apart above
    ("domain/screening/plain_language.py", "settings.max_sentence_words", "palabras"),
    # Texts longer than a limit of many characters: never one.
    ("services/committee_sessions.py", "limit", "caracteres"),
    ("services/committee.py", "limit", "caracteres"),
    ("services/import_rejects.py", "len(value)", "caracteres"),
    ("services/observation_templates.py", "len(text)", "caracteres"),
    ("services/reports.py", "len(value):,", "caracteres"),
}


def _fixed_plurals(path: Path, root: Path = SRC) -> list[str]:
    """Each «{value} <plural noun>» of ``path``'s f-strings not going through the rule."""
    name = path.relative_to(root).as_posix()
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.JoinedStr):
            continue
        for value, text in itertools.pairwise(node.values):
            if not (isinstance(value, ast.FormattedValue) and isinstance(text, ast.Constant)):
                continue
            match = FIXED_PLURAL.match(str(text.value))
            if match is None:
                continue
            source = ast.unparse(value.value)
            if ALLOWED_VALUE.match(source):
                continue
            if isinstance(value.format_spec, ast.JoinedStr):
                spec = "".join(str(getattr(v, "value", "")) for v in value.format_spec.values)
                source += ":" + spec
            if (name, source, match.group(1)) in ALLOWED:
                continue
            found.append(f"{name}:{node.lineno}: {{{source}}} {match.group(1)}")
    return found


def test_every_count_in_the_source_goes_through_the_plural_rule() -> None:
    """A new «{n} registros» fails here: write ``plural(n, "registro", "registros")``."""
    sources = [
        p
        for p in sorted(SRC.rglob("*.py"))
        # Migrations are history; the demo's answer texts are prose with {placeholders}.
        if "migrations" not in p.parts and p.name != "texts.py"
    ]
    assert len(sources) > 100
    offenders = [line for path in sources for line in _fixed_plurals(path)]
    assert offenders == []


def test_the_scan_sees_a_count_split_over_two_literals(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "def f(n, k):\n"
        '    a = f"Hay {n} "\n'
        '    b = (f"Se leyeron {k} "\n'
        '         "filas.")\n'
        "    c = f\"{plural(n, 'fila', 'filas')} y {MAX_ROWS} filas\"\n"
        '    return a, b, c, f"{locale_format.decimal(k, 1)} horas"\n',
        encoding="utf-8",
    )
    assert _fixed_plurals(probe, tmp_path) == ["probe.py:3: {k} filas"]
