"""Benchmark of the spelling pre-check; run by hand, prints JSON.

    python tests/perf/bench_spelling.py

Measures, on this machine:

- the first load of the dictionary, in a fresh interpreter (import and load apart), and
  the memory it takes;
- checking 250-word answers cut from the corpus of tests/unit/data with misspellings
  injected, with suggestions (each window has new errors, so suggestions are computed, not
  taken from the cache) and without;
- the quality figures of tests/unit/test_spelling.py (false flags on clean text, recall and
  precision on generated misspellings, suggestion hits).
"""

from __future__ import annotations

import importlib.util
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

TESTS = Path(__file__).resolve().parent.parent

_LOAD_SCRIPT = """
import json, time
t0 = time.perf_counter()
from auditoria_calidad.domain.spelling import SpellChecker
t1 = time.perf_counter()
checker = SpellChecker.load()
t2 = time.perf_counter()
t3 = time.perf_counter()
checker.with_entity_words({"ICETEX", "Tú Eliges"})
t4 = time.perf_counter()
try:
    import psutil
    rss = psutil.Process().memory_info().rss / 2**20
except ImportError:
    rss = None
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "with_entity_words_ms": (t4 - t3) * 1000,
                  "rss_mb_after_load": rss, "forms": checker.form_count}))
"""


def _spec_module() -> ModuleType:
    # The measuring helpers live with the tests that assert on them.
    spec = importlib.util.spec_from_file_location(
        "test_spelling", TESTS / "unit" / "test_spelling.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def measure_load(runs: int = 3) -> dict[str, object]:
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD_SCRIPT], capture_output=True, text=True, check=True
        )
        results.append(json.loads(out.stdout))
    best = min(results, key=lambda r: r["load_s"])
    return {
        "runs": runs,
        "import_s_median": round(statistics.median(r["import_s"] for r in results), 3),
        "load_s_median": round(statistics.median(r["load_s"] for r in results), 3),
        "load_s_min": round(best["load_s"], 3),
        "with_entity_words_ms": round(best["with_entity_words_ms"], 3),
        "rss_mb_after_load": best["rss_mb_after_load"] and round(best["rss_mb_after_load"]),
        "forms": best["forms"],
    }


def _windows(text: str, size: int = 250) -> list[str]:
    words = text.split(" ")
    return [" ".join(words[i : i + size]) for i in range(0, len(words) - size + 1, size)]


def _timings(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
        "max_ms": round(ordered[-1], 2),
    }


def measure_checking(helpers: ModuleType) -> dict[str, object]:
    from auditoria_calidad.domain.spelling import SpellChecker, check_text

    checker = SpellChecker.load().with_entity_words(helpers.CORPUS_ENTITY_WORDS)
    clean = helpers.corpus_text()
    injected = helpers.inject_misspellings(clean, checker, every=25, seed=7)
    windows = _windows(injected.text)
    with_suggestions, without, suspects = [], [], []
    for window in windows:
        t0 = time.perf_counter()
        check_text(window, checker, suggestions=False)
        t1 = time.perf_counter()
        report = check_text(window, checker)  # new misspellings: suggestions not cached yet
        t2 = time.perf_counter()
        without.append((t1 - t0) * 1000)
        with_suggestions.append((t2 - t1) * 1000)
        suspects.append(len(report.suspects))
    return {
        "answers": len(windows),
        "words_per_answer": 250,
        "suspects_per_answer_median": statistics.median(suspects),
        "with_suggestions": _timings(with_suggestions),
        "without_suggestions": _timings(without),
    }


def main() -> int:
    helpers = _spec_module()
    from auditoria_calidad.domain.spelling import SpellChecker

    result = {
        "python": platform.python_version(),
        "machine": platform.platform(),
        "load": measure_load(),
        "check_250_words": measure_checking(helpers),
        "quality": helpers.quality(SpellChecker.load()),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
