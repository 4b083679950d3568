"""Benchmark of the CRM-export reader against the raw readers it is built on.

Generates a virtual-channel export (xlsx with openpyxl write-only, and CSV) with
realistic text lengths, then times, each in a fresh child process so that peak memory
is its own: a raw python-calamine read, a raw openpyxl read-only read, a raw ``csv``
read, and ``read_export`` on the xlsx and on the CSV. Prints one JSON object.

Run by hand, never by pytest::

    python tests/perf/bench_read.py [--rows 200000] [--dir DIR] [--keep]

Targets: read_export(xlsx) ≤ 3 × raw calamine, read_export(csv) ≤ 6 × raw csv,
peak memory < 1 GB.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

HEADERS = [
    "N° Radicado",
    "Fecha de ingreso",
    "Cédula",
    "Nombre del usuario",
    "Tipo de solicitud",
    "Servicio",
    "Funcionario responsable",
    "Fecha y hora de respuesta",
    "Número de veces registrado en CRM",
    "Solicitud",
    "Respuesta",
    "Canal",
    "Estado",
    "Observaciones",
]
_WORDS = [
    "crédito",
    "educativo",
    "solicitud",
    "renovación",
    "semestre",
    "universidad",
    "desembolso",
    "matrícula",
    "cuota",
    "pago",
    "plazo",
    "interés",
    "beneficio",
    "estudiante",
    "programa",
    "convocatoria",
    "documentos",
    "certificado",
    "paz",
    "salvo",
    "deudor",
    "solidario",
    "codeudor",
    "garantía",
    "subsidio",
    "tasa",
    "condonación",
    "graduación",
    "posgrado",
    "exterior",
    "giro",
    "sostenimiento",
    "legalización",
    "aplazamiento",
    "extracto",
    "señor",
    "señora",
    "usted",
    "información",
    "atención",
    "trámite",
    "radicado",
    "respuesta",
    "plataforma",
    "correo",
    "electrónico",
    "teléfono",
    "línea",
    "gratuita",
    "nacional",
    "oficina",
    "regional",
    "Bogotá",
    "Medellín",
    "Cali",
    "Barranquilla",
    "Bucaramanga",
    "Pasto",
    "Cúcuta",
    "Ibagué",
    "según",
    "normativa",
    "vigente",
    "acuerdo",
    "junta",
    "directiva",
    "reglamento",
    "de",
    "la",
    "entidad",
    "por",
    "favor",
    "cordialmente",
    "agradecemos",
    "su",
    "comunicación",
    "nos",
    "permitimos",
    "informar",
    "que",
    "el",
    "proceso",
    "se",
    "encuentra",
    "en",
    "validación",
    "y",
    "será",
    "notificado",
    "dentro",
    "de",
    "los",
    "próximos",
    "días",
    "hábiles",
]
_NAMES = [
    "Ana",
    "Luis",
    "María",
    "José",
    "Carlos",
    "Diana",
    "Andrés",
    "Paola",
    "Jorge",
    "Camila",
    "Felipe",
    "Laura",
]
_SURNAMES = [
    "Gómez",
    "Rodríguez",
    "Martínez",
    "López",
    "González",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Torres",
    "Díaz",
]
_TYPES = ["Petición", "Queja", "Reclamo", "Sugerencia", "Consulta", "Solicitud de documentos"]
_SERVICES = ["Crédito pregrado", "Crédito posgrado", "Renovación", "Giro", "Condonación"]


def _sentence(rng: random.Random, length: int) -> str:
    words: list[str] = []
    size = 0
    while size < length:
        word = rng.choice(_WORDS)
        words.append(word)
        size += len(word) + 1
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def generate(rows: int, directory: Path) -> tuple[Path, Path]:
    """Writes the same export as .xlsx and as a ;-separated UTF-8 CSV."""
    from openpyxl import Workbook

    rng = random.Random(20240513)
    # A pool of sentences combined per row: every text is distinct, as in a real
    # export, without paying for 200,000 × 1,100 random words.
    pool = [_sentence(rng, rng.randint(40, 120)) for _ in range(3000)]
    agents = [f"{rng.choice(_NAMES)} {rng.choice(_SURNAMES)}" for _ in range(60)]
    xlsx, csv_path = directory / "export.xlsx", directory / "export.csv"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Casos")
    sheet.append(["ICETEX - Reporte de casos canal virtual"])
    sheet.append([f"Generado el {datetime(2024, 6, 1):%d/%m/%Y}"])
    sheet.append([])
    sheet.append(HEADERS)
    start = datetime(2024, 5, 1, 7, 0)
    with csv_path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(HEADERS)
        for i in range(rows):
            received = start + timedelta(minutes=rng.randint(0, 43_000))
            answered = received + timedelta(minutes=rng.randint(5, 3_000))
            request = " ".join(rng.choices(pool, k=4))[:300]
            answer = " ".join(rng.choices(pool, k=10))[:800]
            row = [
                f"2024{i:08d}",
                received,
                rng.randint(10_000_000, 1_199_999_999),
                f"{rng.choice(_NAMES)} {rng.choice(_SURNAMES)} {rng.choice(_SURNAMES)}",
                rng.choice(_TYPES),
                rng.choice(_SERVICES),
                rng.choice(agents),
                answered,
                rng.randint(1, 3),
                request,
                answer,
                "Correo electrónico",
                rng.choice(["Cerrado", "Respondido"]),
                rng.choice(["", "", "Caso reabierto por el usuario"]),
            ]
            sheet.append(row)
            row[1] = f"{received:%d/%m/%Y %H:%M}"
            row[7] = f"{answered:%d/%m/%Y %H:%M}"
            writer.writerow(row)
    workbook.save(xlsx)
    return xlsx, csv_path


def _step(name: str, path: Path) -> dict[str, object]:
    """Runs one timed step in this (child) process."""
    started = time.perf_counter()
    cpu_started = time.process_time()
    info: dict[str, object] = {}
    if name == "raw_calamine":
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_path(str(path))
        count = sum(1 for _ in workbook.get_sheet_by_index(0).iter_rows())
        info["rows"] = count
    elif name == "raw_openpyxl":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True)
        count = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
        info["rows"] = count
    elif name == "raw_csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            info["rows"] = sum(1 for _ in csv.reader(f, delimiter=";"))
    else:
        from auditoria_calidad.importing import read_export

        result = read_export(path, "virtual")
        info.update(
            records=len(result.records),
            rejected=len(result.rejected),
            duplicates=result.duplicates,
        )
    info["seconds"] = round(time.perf_counter() - started, 3)
    # CPU time too: on a busy machine the wall-clock ratios are noisy.
    info["cpu_seconds"] = round(time.process_time() - cpu_started, 3)
    info["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return info


def _run_child(name: str, path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--step", name, "--file", str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--dir", type=Path, default=None, help="where to write the files")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--reuse", action="store_true", help="reuse export.xlsx/export.csv found in --dir"
    )
    args = parser.parse_args()
    if args.step:
        print(json.dumps(_step(args.step, args.file)))
        return
    directory = Path(args.dir or tempfile.mkdtemp(prefix="bench_read_"))
    directory.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    xlsx, csv_path = directory / "export.xlsx", directory / "export.csv"
    if not (args.reuse and xlsx.exists() and csv_path.exists()):
        xlsx, csv_path = generate(args.rows, directory)
    generated = time.perf_counter() - started
    steps = {
        "raw_calamine": xlsx,
        "raw_openpyxl": xlsx,
        "raw_csv": csv_path,
        "read_export_xlsx": xlsx,
        "read_export_csv": csv_path,
    }
    results = {name: _run_child(name, path) for name, path in steps.items()}
    seconds = {name: r["seconds"] for name, r in results.items()}
    cpu = {name: r["cpu_seconds"] for name, r in results.items()}

    def ratios(times: dict[str, float]) -> dict[str, float]:
        return {
            "read_export_xlsx / raw_calamine": round(
                times["read_export_xlsx"] / times["raw_calamine"], 2
            ),
            "read_export_csv / raw_csv": round(times["read_export_csv"] / times["raw_csv"], 2),
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
        "peak_rss_mb": {name: r["peak_rss_mb"] for name, r in results.items()},
        "outcomes": {
            name: {k: results[name][k] for k in ("records", "rejected", "duplicates")}
            for name in ("read_export_xlsx", "read_export_csv")
        },
        "targets_met": {
            "xlsx <= 3x calamine": seconds["read_export_xlsx"] <= 3 * seconds["raw_calamine"],
            "csv <= 6x csv": seconds["read_export_csv"] <= 6 * seconds["raw_csv"],
            "peak < 1 GB": all(r["peak_rss_mb"] < 1024 for r in results.values()),
        },
    }
    if not args.keep and args.dir is None:
        for path in (xlsx, csv_path):
            path.unlink()
        directory.rmdir()
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
