"""Benchmark of the whole import (file → database) against the raw readers it is built on.

Generates the virtual-channel export of ``bench_read.py`` (200,000 rows, 14 columns,
realistic text lengths) as .xlsx (banner above the header) and as a ;-separated UTF-8 CSV,
then times, each in a fresh child process so that peak memory is its own:

* ``raw_calamine`` / ``raw_openpyxl`` / ``raw_csv``: only iterating the rows;
* ``import_xlsx`` / ``import_csv``: ``services.imports.run_import`` end to end into a new
  SQLite database (read, map, validate, hash, store records, commit);
* ``reimport_csv``: the same CSV imported a second time (nothing new: read and compare);
* ``import_xlsx_pg``: the xlsx import into a new PostgreSQL database, on a throw-away
  server started from the installed binaries as the tests do (``tests/pg_server.py``);
  measured whenever the binaries are found, unless ``--no-postgres``.

The machine may be busy with other work: every step runs ``--repeat`` times (default 2),
the rounds interleaved, and each step's best time and highest peak are compared, so the
ratios come from one run. Prints one JSON object. Run by hand, never by pytest::

    python tests/perf/bench_import.py [--rows 200000] [--dir DIR] [--keep] [--reuse]
        [--repeat 2] [--steps raw_calamine,import_xlsx,import_xlsx_pg] [--no-postgres]

Targets: import(xlsx) ≤ 2.5 × raw calamine (time) and ≤ 1.5 × its peak memory;
import(xlsx) into PostgreSQL ≤ 1.2 × the same import into SQLite; import(csv) ≤ 6 × raw csv.

Measured on a shared 2-core machine (other work running; single runs vary by ±30 %, so
compare runs made back to back, and CPU seconds as well as wall seconds), ``--repeat 2``,
200,000 rows:

* before the formula scan overlapped the sheet load and the writer's per-record work
  shrank: raw calamine 3.80 s (3.67 s CPU), import(xlsx) 14.85 s (14.28 s CPU): 3.90 ×
  wall, 3.89 × CPU; PostgreSQL 14.44 s (0.97 × SQLite); peak 1.27 × raw.
* right after, same conditions: raw calamine 3.68 s (3.66 s CPU), import(xlsx) 11.70 s
  (12.26 s CPU): 3.18 × wall, 3.35 × CPU; PostgreSQL 0.96–1.43 × SQLite over three runs;
  peak 1.29 × raw.

* 3 Dec 2026, nearly idle machine, after new SQLite files got 16 KiB pages (the database
  of this file: 305 MB instead of 397 MB) and the import's commit stopped waiting for the
  WAL checkpoint (a background thread copies the log into the file; ``Database.close``
  waits for it): raw calamine 3.70 s, import(xlsx) 9.94 s (11.65 s CPU): **2.69 ×** wall
  (3.15 × CPU); the same code before these two changes, same machine: 11.85 s, 3.34 ×.
  The checkpoint left to the background takes 1.4–1.8 s more after ``run_import``
  returns. PostgreSQL 10.80 s, 1.09 × SQLite; peak 1.27 × raw.

* 3 Dec 2026, later, after the import learnt .xls, hidden rows, merged cells and more
  value forms: raw calamine 3.30 s, import(xlsx) 9.11 s: 2.76 × (3.25 × CPU); PostgreSQL
  10.38 s, 1.14 × SQLite; peak 1.28 × raw.

* 3 Dec 2026, later, SQLite bulk loads with a 16 MiB page cache (the INSERTs of 200,000
  records alone: 3.3–3.8 s instead of 4.3–5.0 s): raw calamine 5.45 s, import(xlsx)
  13.58 s: 2.49 × at a slow hour; 2.43–2.85 × over the runs of that day; peak 1.28 × raw.

* 3 Dec 2026, the next morning, same code: raw calamine 3.75 s, import(xlsx) 10.45 s:
  2.79 × (the machine ran slower that hour). Where the time after the sheet load goes
  (timed by hand, one thread at a time, the cyclic collector paused as the import
  pauses it): the reading thread's row checks ~1.5 s and content digests ~1.1 s of
  interpreter time; the writer's own Python ~0.85 s, and ~0.9 s more inside the sqlite3
  module binding the values (it holds the interpreter while it binds, encoding each
  non-ASCII text to UTF-8); SQLite's own work (~1.9 s) is the only part that runs beside
  the reading thread. Tried and not kept: a shorter interpreter switch interval (no
  change over five interleaved pairs); leaving all-NULL columns out of the INSERT (no
  change); numbered SQLite parameters for the values shared by every row (slower: the
  writer alone 4.8–5.8 s against 3.9–4.0 s); a writer in its own process (pickling the
  records takes 1.9 s and unpickling them 2.7 s: slower than the writing it moves).

* 3 Dec 2026, afternoon, same import code, a slow hour (the screening benchmark's fixed
  generation 50 % slower than at the usual speed): raw calamine 4.48 s (5.39 s in the
  other round), import(xlsx) 13.68 s: 3.06 ×; peak 1.26 × raw. Sampled with py-spy at
  200 Hz (one import): the reading thread spends ~5 s in the sheet load, ~2.1 s in the
  records' content digests (``RecordData.content_hash``: the payload's text, its UTF-8
  bytes and SHA-256) and ~1 s in reading the rows; the writer ~5 s inside SQLite's
  ``execute``. A later run with PostgreSQL: raw calamine 3.74 s, import(xlsx) 9.54 s
  (2.55 ×; its other round 12.37 s), PostgreSQL 12.35 s (1.29 × SQLite).

* 3 Dec 2026, evening, after the bulk statements of a chunk run in a thread of their own
  while the writer prepares the next chunk (``storage/statements_behind.py``): the same
  import, code before and after run alternately, 11.2, 11.1, 9.4, 9.6 s before and 9.5, 9.4,
  9.1, 9.8 s after. Two runs of this benchmark: raw calamine 3.66 s, import(xlsx) 9.01 s
  (**2.46 ×**), PostgreSQL 10.92 s (1.21 × SQLite); and raw calamine 3.59 s, import(xlsx)
  8.85 s (**2.46 ×**), PostgreSQL 10.39 s (**1.17 ×**), peak 1.28 × raw. With py-spy
  sampling only the thread that holds the interpreter lock: after the sheet load the lock
  is busy all the time (the reading thread ~5.5 s, the writer ~1.2 s, the statements'
  thread ~1.3 s binding the values), so what is left is interpreter work, not waiting.
  Without writing anything the read takes 6.4 s; without the content digests, 5.5 s.

* Later runs, import code unchanged in speed: raw calamine 3.67 s, import(xlsx) 9.91 s
  (2.70 ×); at a loaded hour 5.79 s and 15.94 s (2.75 ×, PostgreSQL 0.86 ×); then 3.61 s
  and 9.28 s (2.57 ×, PostgreSQL 1.01 ×), peak 1.27 × raw. The raw read needs one core and
  the import two (its Python beside SQLite's own work): another process on the machine
  costs the import its overlap and the raw read nothing. Tried and not kept: the content
  digests in a worker process fed with the records' values (slower on 2 cores: 16.0 and
  17.7 s against 15.2 and 15.6 s).

* 3 Dec 2026, evening, import code unchanged in speed (ten interleaved A/B pairs
  against the code before the day's changes show no difference beyond the noise):
  ``--repeat 2``: raw calamine 4.01 s, import(xlsx) 9.45 s (**2.35 ×**), PostgreSQL
  10.09 s (1.07 ×), peak 1.28 × raw; ``--repeat 3`` at a slower hour: raw 4.58 s,
  import 10.40 s (2.27 ×) but its other rounds 15.0 and 15.9 s, PostgreSQL 13.15 s
  (1.26 × that best round; its rounds 13.2–15.1 s against SQLite's 10.4–15.9 s). Tried
  and not kept: binding the values shared by every row once per statement
  (``INSERT … SELECT ?, …, column1, … FROM (VALUES …)``: the interpreter lock held longer,
  1.9 s against 1.4 s for 200,000 rows) and passing a chunk as one JSON text to
  ``json_each`` (SQLite's own work, ~7 s, then exceeds the reading thread's). Later the
  same evening, import code again unchanged in speed: 2.34 × (PostgreSQL 1.10 ×), then,
  with the machine busier, 2.72 × and 2.54 × (PostgreSQL 1.22 × and 1.21 ×); peak
  1.27–1.29 × raw.

* 3 Dec 2026, night, on a slower machine of the same kind (raw calamine 8.0–8.2 s where
  the machines above took 3.6–4.6 s): import(xlsx) 23.1–23.7 s, **2.90–2.91 ×**
  (3.2–3.4 × CPU), PostgreSQL 0.97–1.05 × SQLite, peak 1.28 × raw; two runs, the machine
  otherwise idle. Here the interpreter's work grew more than the sheet load did: a
  record's content digest takes 15 µs (values 3.3, text 6.1, UTF-8 1.9, SHA-256 2.2 µs)
  against 6 µs before; without the digests the read alone (no database) takes 13.6 s
  instead of 18.3–20.1 s. Building the digest's text by parts, or feeding the hash in
  pieces, was again not faster.

What is left, per 200,000 rows: the sheet load (python-calamine, ~4 s, nothing else to
overlap but the file digest and the formula scan), row checks and content digests on the
reading thread (~3 s), SQLite inserts on the writer thread (~5 s, mostly outside the
GIL, but its Python part, ~2 s, contends with the reading thread for the GIL).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: pg_server

from bench_read import HEADERS, generate
from bench_read import _step as raw_step

PROVIDER = "Contact Center Benchmark S.A.S."
PASSWORD = "clave-de-benchmark-1"
STEPS = (
    "raw_calamine",
    "raw_openpyxl",
    "raw_csv",
    "import_xlsx",
    "import_xlsx_pg",
    "import_csv",
    "reimport_csv",
)


def _prepare_database(url: str):  # type: ignore[no-untyped-def]
    """A new migrated database with an auditor and the provider (not timed)."""
    from auditoria_calidad.domain.roles import Role
    from auditoria_calidad.services import administration
    from auditoria_calidad.services.auth import create_first_admin, login
    from auditoria_calidad.services.connection import open_database

    db = open_database(url)
    admin = create_first_admin(db, "admin", PASSWORD, "Administradora")
    administration.add_provider(db, admin, PROVIDER)
    administration.add_user(db, admin, "auditora", PASSWORD, Role.AUDITOR, full_name="Auditora")
    return db, login(db, "auditora", PASSWORD)


def _postgres_admin(port: int, statement: str) -> None:
    import psycopg

    dsn = f"host=127.0.0.1 port={port} user=postgres dbname=postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(statement)  # type: ignore[arg-type]


def _server_cpu_seconds(port: int | None) -> float:
    """CPU time used so far by the benchmark's PostgreSQL server (its postmaster and the
    processes it started, read from Linux /proc), so that a PostgreSQL import's CPU counts
    the server's work too, as an SQLite import's does; 0 elsewhere."""
    if port is None or not Path("/proc").is_dir():
        return 0.0
    stats: dict[int, tuple[int, int]] = {}  # pid -> (parent pid, utime + stime)
    postmaster = None
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        pid = int(stat.parent.name)
        stats[pid] = (int(fields[1]), int(fields[11]) + int(fields[12]))
        if command[0].endswith(b"/postgres") and str(port).encode() in command:
            postmaster = pid
    if postmaster is None:
        return 0.0
    ticks = sum(t for pid, (parent, t) in stats.items() if postmaster in (pid, parent))
    return ticks / os.sysconf("SC_CLK_TCK")


def _import_step(name: str, path: Path, db_path: Path, pg_port: int | None) -> dict[str, object]:
    from auditoria_calidad.domain.fields import Channel
    from auditoria_calidad.services.imports import ImportRequest, run_import

    pg_name = None
    if name.endswith("_pg"):
        assert pg_port is not None
        pg_name = f"bench_{int(time.time() * 1000)}"
        _postgres_admin(pg_port, f'CREATE DATABASE "{pg_name}"')
        url = f"postgresql+psycopg://postgres@127.0.0.1:{pg_port}/{pg_name}"
    else:
        db_path.unlink(missing_ok=True)
        url = f"sqlite:///{db_path.as_posix()}"
    db, auditor = _prepare_database(url)
    request = ImportRequest(path=path, channel=Channel.VIRTUAL, provider=PROVIDER)
    if name == "reimport_csv":
        run_import(db, auditor, request)
    server_started = _server_cpu_seconds(pg_port if pg_name else None)
    started = time.perf_counter()
    cpu_started = time.process_time()
    summary = run_import(db, auditor, request)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    cpu += _server_cpu_seconds(pg_port if pg_name else None) - server_started
    info: dict[str, object] = {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),  # with the PostgreSQL server's
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "imported": summary.imported,
        "unchanged": summary.unchanged,
        "rejected": summary.rejected,
        "duplicates": summary.duplicates,
        "already_imported": summary.already_imported,
    }
    db.close()
    if pg_name is not None:
        _postgres_admin(pg_port, f'DROP DATABASE "{pg_name}"')  # type: ignore[arg-type]
    else:
        info["db_mb"] = round(db_path.stat().st_size / 2**20, 1)
        db_path.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
    return info


def _run_child(name: str, path: Path, db_path: Path, pg_port: int | None) -> dict[str, object]:
    command = [sys.executable, __file__, "--step", name, "--file", str(path), "--db", str(db_path)]
    if pg_port is not None:
        command += ["--pg-port", str(pg_port)]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def _ratio(top: float, bottom: float) -> float:
    return round(top / bottom, 2) if bottom else float("nan")


def _report(
    args: argparse.Namespace,
    xlsx: Path,
    csv_path: Path,
    generated: float,
    runs: dict[str, list[dict[str, object]]],
) -> dict[str, object]:
    def best(key: str) -> dict[str, float]:
        return {name: min(float(r[key]) for r in rs) for name, rs in runs.items()}  # type: ignore[arg-type]

    seconds, cpu = best("seconds"), best("cpu_seconds")
    peak = {name: max(float(r["peak_rss_mb"]) for r in rs) for name, rs in runs.items()}  # type: ignore[arg-type]

    def ratios(times: dict[str, float]) -> dict[str, float]:
        pairs = {
            "import_xlsx / raw_calamine": ("import_xlsx", "raw_calamine"),
            "import_xlsx_pg / import_xlsx": ("import_xlsx_pg", "import_xlsx"),
            "import_csv / raw_csv": ("import_csv", "raw_csv"),
            "raw_openpyxl / raw_calamine": ("raw_openpyxl", "raw_calamine"),
        }
        return {
            label: _ratio(times[a], times[b])
            for label, (a, b) in pairs.items()
            if a in times and b in times
        }

    memory = ratios(peak)
    report: dict[str, object] = {
        "rows": args.rows,
        "columns": len(HEADERS),
        "repeat": args.repeat,
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
        "memory_ratios": {"import_xlsx / raw_calamine": memory.get("import_xlsx / raw_calamine")},
        "all_seconds": {name: [r["seconds"] for r in rs] for name, rs in runs.items()},
        "outcomes": {
            name: {
                k: runs[name][-1][k]
                for k in ("imported", "unchanged", "rejected", "duplicates", "db_mb")
                if k in runs[name][-1]
            }
            for name in runs
            if name.startswith(("import_", "reimport_"))
        },
    }
    targets: dict[str, bool] = {}
    time_ratios = report["ratios"]
    assert isinstance(time_ratios, dict)
    if "import_xlsx / raw_calamine" in time_ratios:
        targets["xlsx <= 2.5x calamine"] = time_ratios["import_xlsx / raw_calamine"] <= 2.5
        targets["xlsx peak <= 1.5x calamine peak"] = memory["import_xlsx / raw_calamine"] <= 1.5
    if "import_xlsx_pg / import_xlsx" in time_ratios:
        targets["postgres <= 1.2x sqlite"] = time_ratios["import_xlsx_pg / import_xlsx"] <= 1.2
    if "import_csv / raw_csv" in time_ratios:
        targets["csv <= 6x csv"] = time_ratios["import_csv / raw_csv"] <= 6
    targets["peak < 1 GB"] = all(mb < 1024 for mb in peak.values())
    report["targets_met"] = targets
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--dir", type=Path, default=None, help="where to write the files")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse export.xlsx/export.csv found in --dir"
    )
    parser.add_argument("--repeat", type=int, default=2, help="rounds of every step (best kept)")
    parser.add_argument(
        "--steps", default=",".join(STEPS), help=f"comma-separated subset of: {', '.join(STEPS)}"
    )
    parser.add_argument(
        "--no-postgres", action="store_true", help="skip import_xlsx_pg even if PostgreSQL exists"
    )
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pg-port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        if args.step.startswith("raw_"):
            print(json.dumps(raw_step(args.step, args.file)))
        else:
            print(json.dumps(_import_step(args.step, args.file, args.db, args.pg_port)))
        return
    steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    unknown = sorted(set(steps) - set(STEPS))
    if unknown:
        parser.error(f"unknown steps: {', '.join(unknown)}")
    server = None
    if "import_xlsx_pg" in steps:
        from pg_server import PostgresServer, find_pg_bin

        bin_dir = None if args.no_postgres else find_pg_bin()
        if bin_dir is None:
            steps.remove("import_xlsx_pg")
        else:
            server = PostgresServer.start(bin_dir)
    directory = Path(args.dir or tempfile.mkdtemp(prefix="bench_import_"))
    directory.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    xlsx, csv_path = directory / "export.xlsx", directory / "export.csv"
    if not (args.reuse and xlsx.exists() and csv_path.exists()):
        xlsx, csv_path = generate(args.rows, directory)
    generated = time.perf_counter() - started
    db_path = directory / "bench.db"
    files = {name: (csv_path if name.endswith("_csv") else xlsx) for name in steps}
    runs: dict[str, list[dict[str, object]]] = {name: [] for name in steps}
    try:
        for _round in range(max(1, args.repeat)):
            for name in steps:
                port = server.port if server is not None else None
                runs[name].append(_run_child(name, files[name], db_path, port))
    finally:
        if server is not None:
            server.stop()
    report = _report(args, xlsx, csv_path, generated, runs)
    if not args.keep and args.dir is None:
        for path in (xlsx, csv_path):
            path.unlink()
        directory.rmdir()
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
