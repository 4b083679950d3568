"""Start-up time of the command line, beside bare Python; prints JSON.

    .venv/bin/python tests/perf/bench_cli_start.py [--runs 10]

Cases: `python -c pass`, `auditoria-calidad --help`, and `audit list` on the demo database
(loaded once into a temporary data folder, logged in as the demo administrator). Each case
runs once to warm the file cache and write the compiled modules, then ``--runs`` times;
wall-clock seconds (min, median, mean) and CPU seconds of the child (user + system,
median). Targets: --help ≤ 0.3 s, audit list ≤ 0.8 s.

3 Dec 2026, ``--runs 8``, nearly idle machine (load 0,5–1,3; a virtual machine whose
speed varies from run to run): --help 0,04–0,06 s; audit list 0,60–0,81 s median before the
calibration tables' models were loaded only where calibration is used, 0,58–0,59 s after.
The rest is mostly importing SQLAlchemy (~0,2 s) and the models (~0,09 s).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from auditoria_calidad.services.connection import open_database
from auditoria_calidad.services.demo import load_demo

CLI = [sys.executable, "-m", "auditoria_calidad"]


def _measure(argv: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    subprocess.run(argv, env=env, capture_output=True, check=True)  # warm-up
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {
        "min_s": round(min(walls), 3),
        "median_s": round(statistics.median(walls), 3),
        "mean_s": round(statistics.fmean(walls), 3),
        "cpu_median_s": round(statistics.median(cpus), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{(Path(folder) / 'demo.db').as_posix()}"
        db = open_database(url)
        result = load_demo(db)
        db.close()
        admin = next(u for u in result.users if u.username == "admin")
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            # Compiled modules kept (in the temporary folder, not beside the sources), as an
            # installed program has them; the warm-up run writes them.
            "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache"),
            "AUDITORIA_DATA_DIR": folder,
            "AUDITORIA_DB_URL": url,
            "AUDITORIA_USER": admin.username,
            "AUDITORIA_PASSWORD": admin.password,
        }
        report = {
            "runs": runs,
            "load_average": os.getloadavg()[0],
            "python -c pass": _measure([sys.executable, "-c", "pass"], env, runs),
            "auditoria-calidad --help": _measure([*CLI, "--help"], env, runs),
            "auditoria-calidad audit list": _measure([*CLI, "audit", "list"], env, runs),
        }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
