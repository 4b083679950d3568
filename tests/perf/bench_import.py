"""Benchmark of the whole import (file → SQLite) against the raw readers it is built on.

Generates the virtual-channel export of ``bench_read.py`` (200,000 rows, 14 columns,
realistic text lengths) as .xlsx (banner above the header) and as a ;-separated UTF-8 CSV,
then times, each in a fresh child process so that peak memory is its own:

* ``raw_calamine`` / ``raw_openpyxl`` / ``raw_csv``: only iterating the rows;
* ``import_xlsx`` / ``import_csv``: ``services.imports.run_import`` end to end into a new
  SQLite database (read, map, validate, hash, store records, commit);
* ``reimport_csv``: the same CSV imported a second time (nothing new: read and compare).

Prints one JSON object. Run by hand, never by pytest::

    python tests/perf/bench_import.py [--rows 200000] [--dir DIR] [--keep] [--reuse]

Targets: import(xlsx) ≤ 3 × raw calamine, import(csv) ≤ 6 × raw csv, peak memory < 1 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_read import HEADERS, generate
from bench_read import _step as raw_step

PROVIDER = "Contact Center Benchmark S.A.S."
PASSWORD = "clave-de-benchmark-1"


def _prepare_database(path: Path):  # type: ignore[no-untyped-def]
    """A new migrated SQLite database with an auditor and the provider (not timed)."""
    from auditoria_calidad.domain.roles import Role
    from auditoria_calidad.services import administration
    from auditoria_calidad.services.auth import create_first_admin, login
    from auditoria_calidad.services.connection import open_database

    path.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{path.as_posix()}")
    admin = create_first_admin(db, "admin", PASSWORD, "Administradora")
    administration.add_provider(db, admin, PROVIDER)
    administration.add_user(db, admin, "auditora", PASSWORD, Role.AUDITOR, full_name="Auditora")
    return db, login(db, "auditora", PASSWORD)


def _import_step(name: str, path: Path, db_path: Path) -> dict[str, object]:
    from auditoria_calidad.domain.fields import Channel
    from auditoria_calidad.services.imports import ImportRequest, run_import

    db, auditor = _prepare_database(db_path)
    request = ImportRequest(path=path, channel=Channel.VIRTUAL, provider=PROVIDER)
    if name == "reimport_csv":
        run_import(db, auditor, request)
    started = time.perf_counter()
    cpu_started = time.process_time()
    summary = run_import(db, auditor, request)
    info: dict[str, object] = {
        "seconds": round(time.perf_counter() - started, 3),
        "cpu_seconds": round(time.process_time() - cpu_started, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "imported": summary.imported,
        "unchanged": summary.unchanged,
        "rejected": summary.rejected,
        "duplicates": summary.duplicates,
        "already_imported": summary.already_imported,
        "db_mb": round(db_path.stat().st_size / 2**20, 1),
    }
    db.close()
    db_path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    return info


def _run_child(name: str, path: Path, db_path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--step", name, "--file", str(path), "--db", str(db_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--dir", type=Path, default=None, help="where to write the files")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse export.xlsx/export.csv found in --dir"
    )
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        if args.step.startswith("raw_"):
            print(json.dumps(raw_step(args.step, args.file)))
        else:
            print(json.dumps(_import_step(args.step, args.file, args.db)))
        return
    directory = Path(args.dir or tempfile.mkdtemp(prefix="bench_import_"))
    directory.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    xlsx, csv_path = directory / "export.xlsx", directory / "export.csv"
    if not (args.reuse and xlsx.exists() and csv_path.exists()):
        xlsx, csv_path = generate(args.rows, directory)
    generated = time.perf_counter() - started
    db_path = directory / "bench.db"
    steps = {
        "raw_calamine": xlsx,
        "raw_openpyxl": xlsx,
        "raw_csv": csv_path,
        "import_xlsx": xlsx,
        "import_csv": csv_path,
        "reimport_csv": csv_path,
    }
    results = {name: _run_child(name, path, db_path) for name, path in steps.items()}
    seconds = {name: float(r["seconds"]) for name, r in results.items()}  # type: ignore[arg-type]
    cpu = {name: float(r["cpu_seconds"]) for name, r in results.items()}  # type: ignore[arg-type]
    peak = {name: float(r["peak_rss_mb"]) for name, r in results.items()}  # type: ignore[arg-type]

    def ratios(times: dict[str, float]) -> dict[str, float]:
        return {
            "import_xlsx / raw_calamine": round(times["import_xlsx"] / times["raw_calamine"], 2),
            "import_csv / raw_csv": round(times["import_csv"] / times["raw_csv"], 2),
            "raw_openpyxl / raw_calamine": round(times["raw_openpyxl"] / times["raw_calamine"], 2),
        }

    report = {
        "rows": args.rows,
        "columns": len(HEADERS),
        "file_mb": {
            "xlsx": round(xlsx.stat().st_size / 2**20, 1),
            "csv": round(csv_path.stat().st_size / 2**20, 1),
        },
        "generate_seconds": round(generated, 1),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "ratios": ratios(seconds),
        "cpu_ratios": ratios(cpu),
        "peak_rss_mb": peak,
        "outcomes": {
            name: {
                k: results[name][k]
                for k in ("imported", "unchanged", "rejected", "duplicates", "db_mb")
            }
            for name in ("import_xlsx", "import_csv", "reimport_csv")
        },
        "targets_met": {
            "xlsx <= 3x calamine": seconds["import_xlsx"] <= 3 * seconds["raw_calamine"],
            "csv <= 6x csv": seconds["import_csv"] <= 6 * seconds["raw_csv"],
            "peak < 1 GB": all(mb < 1024 for mb in peak.values()),
        },
    }
    if not args.keep and args.dir is None:
        for path in (xlsx, csv_path):
            path.unlink()
        directory.rmdir()
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
