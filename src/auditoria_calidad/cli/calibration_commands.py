"""The `calibration` sub-command: blind double review of an audit's records.

`create` (auditor or head of office), `export` / `import` (the acting evaluator's own
F182 sheet), `submit`, `close` (its creator), `show`, `report` (the PDF of a revealed
session), `list`. Before a session is
revealed, `show` prints only the caller's own progress; the agreement figures, as
fractions between 0 and 1 (null where undefined), come once every evaluator submitted
or the creator closed it. Services are imported by the handlers, so that registering
the parser stays cheap. Exit codes: cli/common.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from auditoria_calidad.cli.common import EXIT_REJECTED, Invocation, UsageError, emit
from auditoria_calidad.domain.plurals import counted

if TYPE_CHECKING:
    from auditoria_calidad.services.calibration_dtos import (
        Agreement,
        CalibrationSummary,
        CalibrationView,
    )

HELP = "calibración: revisión doble a ciegas y acuerdo entre evaluadores"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    calibration = sub.add_parser(
        "calibration",
        parents=[common],
        help=HELP,
        description="Varios evaluadores juzgan a ciegas los mismos registros de una "
        "auditoría; al entregar todos (o al cerrarla quien la creó) se comparan: porcentaje "
        "de acuerdo, alfa de Krippendorff y AC1 de Gwet por criterio y en total. Los "
        "juicios de calibración nunca cambian las evaluaciones de la auditoría.",
    )
    actions = calibration.add_subparsers(
        dest="calibration_command", metavar="ACCIÓN", required=True
    )
    create = actions.add_parser(
        "create", parents=[common], help="crear una calibración desde una auditoría"
    )
    create.add_argument("audit", metavar="AUDITORÍA", help="número (AUD-2026-0001) o id")
    how = create.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--size", type=_positive, metavar="N", help="registros sorteados de la muestra"
    )
    how.add_argument(
        "--records", metavar="R1,R2,…", help="radicados o ids de chat elegidos de la muestra"
    )
    create.add_argument(
        "--evaluators", required=True, metavar="U1,U2[,U3…]", help="dos o más usuarios"
    )
    create.add_argument("--reference", metavar="USUARIO", help="evaluador de referencia")
    create.add_argument("--seed", type=_positive, metavar="S", help="semilla del sorteo")
    create.set_defaults(handler=cmd_create)
    for name, help_line, handler in (
        ("submit", "entregar sus juicios (definitivo)", cmd_submit),
        ("close", "cerrar la calibración (solo quien la creó)", cmd_close),
        ("show", "estado y, una vez revelada, el acuerdo entre evaluadores", cmd_show),
    ):
        action = actions.add_parser(name, parents=[common], help=help_line)
        action.add_argument("calibration", metavar="CALIBRACIÓN", help="id de la calibración")
        action.set_defaults(handler=handler)
    export = actions.add_parser(
        "export", parents=[common], help="escribir su propia hoja F182 de la calibración"
    )
    export.add_argument("calibration", metavar="CALIBRACIÓN", help="id de la calibración")
    export.add_argument("output", metavar="SALIDA.xlsx", help="libro que se escribe")
    export.set_defaults(handler=cmd_export)
    imp = actions.add_parser(
        "import", parents=[common], help="aplicar su hoja diligenciada (todo o nada)"
    )
    imp.add_argument("calibration", metavar="CALIBRACIÓN", help="id de la calibración")
    imp.add_argument("file", metavar="ARCHIVO.xlsx", help="su hoja diligenciada")
    imp.set_defaults(handler=cmd_import)
    report = actions.add_parser(
        "report", parents=[common], help="informe PDF de una calibración revelada"
    )
    report.add_argument("calibration", metavar="CALIBRACIÓN", help="id de la calibración")
    report.add_argument("--pdf", required=True, metavar="SALIDA.pdf", help="PDF que se escribe")
    report.set_defaults(handler=cmd_report)
    listing = actions.add_parser("list", parents=[common], help="las calibraciones que puede ver")
    listing.add_argument("--audit", metavar="AUDITORÍA", help="solo las de esta auditoría")
    listing.set_defaults(handler=cmd_list)


def _positive(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"«{text}» no es un entero positivo")
    return int(text)


def _calibration_id(text: str) -> int:
    if not text.strip().isdigit():
        raise UsageError(f"La calibración se indica por su id (un número); se recibió «{text}».")
    return int(text)


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


def _fraction(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _decimal(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _figures(agreement: Agreement) -> dict[str, Any]:
    return {
        "percent": _fraction(agreement.percent),
        "krippendorff_alpha": _fraction(agreement.krippendorff_alpha),
        "gwet_ac1": _fraction(agreement.gwet_ac1),
        "unanimous": _fraction(agreement.unanimous),
        "units": agreement.units,
        "alpha_metric": agreement.alpha_metric,
    }


def _summary_payload(summary: CalibrationSummary) -> dict[str, Any]:
    return {
        "calibration_id": summary.id,
        "audit": summary.audit_number,
        "state": summary.state.value,
        "seed": summary.seed,
        "size": summary.size,
        "record_keys": list(summary.record_keys),
        "reference": summary.reference,
        "evaluators": [
            {
                "username": e.username,
                "name": e.name,
                "submitted": e.submitted,
                "reference": e.is_reference,
            }
            for e in summary.evaluators
        ],
    }


def view_payload(view: CalibrationView) -> dict[str, Any]:
    """`show --json`: agreement, by_evaluator and records are null until revealed."""
    payload = _summary_payload(view.summary)
    progress = view.my_progress
    payload["my_progress"] = (
        None
        if progress is None
        else {
            "records": progress.records,
            "judged": progress.judged,
            "submitted": progress.submitted_at is not None,
        }
    )
    results = view.results
    payload["agreement"] = payload["by_evaluator"] = payload["records"] = None
    if results is None:
        return payload
    payload["agreement"] = {
        "overall": _figures(results.agreement.overall),
        "by_criterion": {k: _figures(a) for k, a in results.agreement.by_criterion.items()},
    }
    payload["score_gap"] = _decimal(results.score_gap)
    payload["by_evaluator"] = [
        {
            "username": f.username,
            "name": f.name,
            "submitted": f.submitted,
            "records_scored": f.records_scored,
            "mean_score": _decimal(f.mean_score),
            "lowest_score": _decimal(f.lowest_score),
            "highest_score": _decimal(f.highest_score),
            "strictest": f.strictest,
            "most_lenient": f.most_lenient,
            "reference": f.is_reference,
            "alignment": None
            if f.alignment is None
            else {k: _fraction(v) for k, v in f.alignment.items()},
        }
        for f in results.by_evaluator
    ]
    payload["records"] = [
        {
            "key": r.key,
            "agent": r.agent,
            "score_range": _decimal(r.score_range),
            "criteria_in_disagreement": list(r.criteria_in_disagreement),
            "judgements": {
                user: {
                    "answers": j.answers,
                    "observation": j.observation,
                    "score": _decimal(j.score),
                }
                for user, j in r.judgements.items()
            },
        }
        for r in results.records
    ]
    return payload


def _number(value: float | None, digits: int = 2) -> str:
    return "no definido" if value is None else f"{value:.{digits}f}".replace(".", ",")


def _percent(value: float | None) -> str:
    return "no definido" if value is None else f"{value * 100:.1f} %".replace(".", ",")


def _view_text(view: CalibrationView) -> str:
    s = view.summary
    lines = [
        f"Calibración {s.id} de la auditoría {s.audit_number}: {s.state_label.lower()}, "
        f"{counted(len(s.record_keys), 'registro', 'registros')}.",
        "Evaluadores: "
        + ", ".join(
            f"{e.username}{' (referencia)' if e.is_reference else ''}"
            f" — {'entregó' if e.submitted else 'pendiente'}"
            for e in s.evaluators
        ),
    ]
    if view.my_progress is not None:
        p = view.my_progress
        lines.append(
            f"Su avance: {p.judged} de {counted(p.records, 'registro', 'registros')} juzgados."
        )
    if view.results is None:
        lines.append(
            "Los juicios de los demás y el acuerdo se ven cuando todos entreguen o quien la "
            "creó la cierre."
        )
        return "\n".join(lines)
    labels = {c.key: c.label for c in view.results.criteria}

    def figures(a: Agreement) -> str:
        return (
            f"acuerdo {_percent(a.percent)} · alfa de Krippendorff "
            f"{_number(a.krippendorff_alpha)} · AC1 de Gwet {_number(a.gwet_ac1)}"
        )

    lines.append(f"Total: {figures(view.results.agreement.overall)}")
    for key, agreement in view.results.agreement.by_criterion.items():
        lines.append(f"  {labels.get(key, key)}: {figures(agreement)}")
    for f in view.results.by_evaluator:
        mark = " (más estricto)" if f.strictest else " (más benévolo)" if f.most_lenient else ""
        mean = "sin puntaje" if f.mean_score is None else _number(float(f.mean_score))
        lines.append(f"  {f.username}: puntaje medio {mean}{mark}")
    disagreeing = [r for r in view.results.records if r.criteria_in_disagreement]
    if disagreeing:
        lines.append("Registros en desacuerdo (el mayor primero):")
        for r in disagreeing[:10]:
            spread = (
                ""
                if r.score_range is None
                else f", diferencia de puntaje {_number(float(r.score_range))}"
            )
            criteria = ", ".join(labels.get(k, k) for k in r.criteria_in_disagreement)
            lines.append(f"  {r.key}: {criteria}{spread}")
    return "\n".join(lines)


# --- Handlers ----------------------------------------------------------------------------


def cmd_create(inv: Invocation) -> None:
    from auditoria_calidad.services.audits import find_audit
    from auditoria_calidad.services.calibration import create_calibration

    actor = inv.actor()
    audit = find_audit(inv.db, actor, inv.args.audit)
    summary = create_calibration(
        inv.db,
        actor,
        audit.id,
        evaluators=_names(inv.args.evaluators),
        size=inv.args.size,
        record_keys=_names(inv.args.records) if inv.args.records else None,
        reference=inv.args.reference,
        seed=inv.args.seed,
    )
    emit(
        inv,
        {"ok": True, **_summary_payload(summary)},
        f"Calibración {summary.id} creada en la auditoría {summary.audit_number}: "
        f"{counted(len(summary.record_keys), 'registro', 'registros')}"
        + ("" if summary.seed is None else f" (semilla {summary.seed})")
        + f", evaluadores {', '.join(e.username for e in summary.evaluators)}.\n"
        + "Registros: "
        + ", ".join(summary.record_keys),
    )


def cmd_export(inv: Invocation) -> None:
    from auditoria_calidad.services.calibration_exchange import export_own_sheet

    actor = inv.actor()
    cal = _calibration_id(inv.args.calibration)
    summary = export_own_sheet(inv.db, actor, cal, inv.args.output)
    emit(
        inv,
        {"ok": True, "calibration_id": cal, "rows": summary.rows, "path": summary.path},
        f"Su hoja de la calibración {cal}: {counted(summary.rows, 'registro', 'registros')} "
        f"en {summary.path}.",
    )


def cmd_import(inv: Invocation) -> int | None:
    from auditoria_calidad.services.calibration_exchange import import_own_sheet
    from auditoria_calidad.services.f182_exchange import F182ImportRejected

    actor = inv.actor()
    cal = _calibration_id(inv.args.calibration)
    try:
        summary = import_own_sheet(inv.db, actor, cal, inv.args.file)
    except F182ImportRejected as exc:
        first = exc.message.split("\n", 1)[0]
        if inv.json:
            problems = [
                {"sheet": p.sheet, "row": p.row, "column": p.column, "header": p.header,
                 "message": p.message}
                for p in exc.problems
            ]  # fmt: skip
            print(
                json.dumps(
                    {"ok": False, "error": first, "exit_code": EXIT_REJECTED, "problems": problems},
                    ensure_ascii=False,
                )
            )
        print(first, file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_REJECTED
    emit(
        inv,
        {
            "ok": True,
            "calibration_id": cal,
            "rows": summary.rows,
            "saved": summary.saved,
            "unchanged": summary.unchanged,
        },
        f"Hoja importada en la calibración {cal}: {counted(summary.rows, 'fila', 'filas')}, "
        f"{counted(summary.saved, 'juicio guardado', 'juicios guardados')}, "
        f"{summary.unchanged} sin cambios.",
    )
    return None


def cmd_submit(inv: Invocation) -> None:
    from auditoria_calidad.services.calibration import submit_calibration

    summary = submit_calibration(inv.db, inv.actor(), _calibration_id(inv.args.calibration))
    pending = [e.username for e in summary.evaluators if not e.submitted]
    emit(
        inv,
        {"ok": True, **_summary_payload(summary)},
        f"Juicios entregados en la calibración {summary.id}. "
        + (
            f"Faltan por entregar: {', '.join(pending)}."
            if pending
            else "Todos entregaron: la calibración quedó revelada."
        ),
    )


def cmd_close(inv: Invocation) -> None:
    from auditoria_calidad.services.calibration import close_calibration

    summary = close_calibration(inv.db, inv.actor(), _calibration_id(inv.args.calibration))
    emit(
        inv,
        {"ok": True, **_summary_payload(summary)},
        f"Calibración {summary.id} cerrada: sus miembros ya pueden ver el acuerdo.",
    )


def cmd_show(inv: Invocation) -> None:
    from auditoria_calidad.services.calibration import show_calibration

    view = show_calibration(inv.db, inv.actor(), _calibration_id(inv.args.calibration))
    emit(inv, view_payload(view), lambda: _view_text(view))


def cmd_list(inv: Invocation) -> None:
    from auditoria_calidad.services.audits import find_audit
    from auditoria_calidad.services.calibration import list_calibrations

    actor = inv.actor()
    audit_id = find_audit(inv.db, actor, inv.args.audit).id if inv.args.audit else None
    found = list_calibrations(inv.db, actor, audit_id)
    emit(
        inv,
        {"ok": True, "calibrations": [_summary_payload(s) for s in found]},
        lambda: (
            "\n".join(
                f"{s.id}  {s.audit_number}  {s.state_label}  "
                f"{counted(len(s.record_keys), 'registro', 'registros')}  "
                f"{', '.join(e.username for e in s.evaluators)}"
                for s in found
            )
            or "No hay calibraciones que usted pueda ver."
        ),
    )


def cmd_report(inv: Invocation) -> None:
    from auditoria_calidad.services.calibration_reports import calibration_report_pdf
    from auditoria_calidad.services.reports import write_bytes

    cal = _calibration_id(inv.args.calibration)
    pdf = calibration_report_pdf(inv.db, inv.actor(), cal)
    write_bytes(pdf, inv.args.pdf)
    emit(
        inv,
        {"ok": True, "calibration_id": cal, "pdf": inv.args.pdf, "bytes": len(pdf)},
        f"Informe de la calibración {cal} escrito en {inv.args.pdf}.",
    )
