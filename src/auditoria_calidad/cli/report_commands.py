"""The `report` sub-command: the audit report (PDF and F182 workbook) and the monthly report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from auditoria_calidad.cli.common import Invocation, emit
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.plurals import noun
from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.services import reports
from auditoria_calidad.services.audits import find_audit
from auditoria_calidad.services.errors import InvalidInput

AUDIT_HELP = "auditoría: su número (AUD-2026-0001) o su id"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    report = sub.add_parser(
        "report",
        parents=[common],
        help="informes: de auditoría (PDF y F182 en Excel) y mensual",
        description="Escribe el informe de una auditoría (numeral 5.2.19) o el informe mensual "
        "de indicadores (numerales 5.2.23 a 5.2.26). Los números de identificación se "
        "enmascaran salvo sus cuatro últimos dígitos.",
    )
    kinds = report.add_subparsers(dest="report_command", metavar="INFORME", required=True)
    audit = kinds.add_parser(
        "audit",
        parents=[common],
        help="informe de auditoría en PDF y, con --xlsx, el formato F182 en Excel",
        description="Mientras la auditoría no esté aprobada el PDF lleva la marca BORRADOR. "
        "El de una auditoría aprobada es el emitido, idéntico byte a byte.",
    )
    audit.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    audit.add_argument("--pdf", required=True, metavar="SALIDA.pdf", help="PDF que se escribe")
    audit.add_argument("--xlsx", metavar="SALIDA.xlsx", help="también el libro F182 (Excel)")
    audit.add_argument(
        "--internal",
        action="store_true",
        help="copia interna de la oficina con los números de identificación completos "
        "(solo para roles que pueden verlos; nunca para el proveedor ni el comité)",
    )
    audit.set_defaults(handler=cmd_audit)

    conclusions = kinds.add_parser(
        "conclusions",
        parents=[common],
        help="ver o escribir las conclusiones y recomendaciones del informe de auditoría",
        description="Sin --conclusions ni --recommendations muestra las guardadas y su "
        "versión. Con --expected-version solo se guarda si nadie las cambió desde esa "
        "versión; si alguien las cambió no se guarda nada y sale con el código 5.",
    )
    conclusions.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    conclusions.add_argument("--conclusions", metavar="TEXTO", help="conclusiones (\\n: salto)")
    conclusions.add_argument("--recommendations", metavar="TEXTO", help="recomendaciones")
    conclusions.add_argument(
        "--expected-version",
        type=int,
        metavar="N",
        help="versión que usted leyó (la muestra este mismo comando sin textos)",
    )
    conclusions.set_defaults(handler=cmd_conclusions)

    monthly = kinds.add_parser(
        "monthly",
        parents=[common],
        help="informe mensual de un canal y un proveedor (PDF y, con --xlsx, Excel)",
        description="Recibidos: registros del mes; auditados: registros evaluados de las "
        "auditorías cuyo periodo cae en el mes. Incluye la tendencia de los últimos 12 meses "
        "y el acumulado del año.",
    )
    monthly.add_argument("--month", required=True, metavar="AAAA-MM", help="mes, p. ej. 2026-10")
    monthly.add_argument(
        "--channel",
        required=True,
        type=str.lower,
        choices=[c.value for c in Channel],
        help="canal: virtual o chat",
    )
    monthly.add_argument(
        "--provider", required=True, metavar="PROVEEDOR", help="nombre o id del proveedor"
    )
    monthly.add_argument("--pdf", required=True, metavar="SALIDA.pdf", help="PDF que se escribe")
    monthly.add_argument("--xlsx", metavar="SALIDA.xlsx", help="también el libro de Excel")
    monthly.set_defaults(handler=cmd_monthly)


def _targets(*paths: str | None) -> list[Path]:
    """The output files, checked before any work so that a typo fails at once."""
    chosen = [Path(p) for p in paths if p]
    for path in chosen:
        if path.is_dir():
            raise InvalidInput(f"«{path}» es una carpeta: indique el nombre del archivo.")
        if not path.parent.is_dir():
            raise InvalidInput(f"La carpeta «{path.parent}» no existe.")
    return chosen


def _write(path: Path, data: bytes) -> str:
    try:
        reports.write_bytes(data, path)  # whole or not at all
    except OSError as exc:
        raise InvalidInput(f"No se pudo escribir «{path}»: {exc.strerror or exc}.") from None
    return str(path)


def cmd_audit(inv: Invocation) -> None:
    _targets(inv.args.pdf, inv.args.xlsx)
    actor = inv.actor()
    info = find_audit(inv.db, actor, inv.args.audit)
    result = reports.audit_report(
        inv.db, actor, info.id, internal=inv.args.internal, with_xlsx=bool(inv.args.xlsx)
    )
    pdf_path = _write(Path(inv.args.pdf), result.pdf)
    xlsx_path = _write(Path(inv.args.xlsx), result.xlsx) if result.xlsx is not None else None
    data = result.data
    payload: dict[str, Any] = {
        "ok": True,
        "audit": data.report_number,
        "audit_id": info.id,
        "state": info.state.value,
        "draft": data.draft,
        "issued": result.issued,
        "identities": "full" if data.show_full_identity else "masked",
        "population": data.population,
        "sample": data.sample_size,
        "evaluated": data.evaluated,
        "score": None
        if data.indicators.audit_score is None
        else float(data.indicators.audit_score),
        "target": float(data.indicators.target_score),
        "inconsistencies": len(data.inconsistencies),
        "pdf": pdf_path,
        "pdf_sha256": result.sha256,
        "xlsx": xlsx_path,
    }

    def text() -> str:
        state = info.state_label.lower() + (", informe sin aprobar" if data.draft else "")
        score = data.indicators.audit_score
        found = len(data.inconsistencies)
        lines = [
            f"Informe de la auditoría {data.report_number} ({state}): "
            f"{fmt.count(data.evaluated)} de {fmt.count(data.sample_size)} de la muestra "
            f"evaluados (población de {fmt.plural(data.population, 'registro', 'registros')}), "
            "calificación "
            + ("sin evaluar" if score is None else fmt.decimal(score, 2))
            + f" (meta {fmt.decimal(data.indicators.target_score, 1)}), "
            f"{fmt.count(found)} {noun(found, 'inconsistencia', 'inconsistencias')}.",
            f"PDF: {pdf_path} (SHA-256 {result.sha256})",
        ]
        if xlsx_path:
            lines.append(f"Formato F182 (Excel): {xlsx_path}")
        if data.show_full_identity:
            lines.append("Copia interna: los números de identificación van completos.")
        return "\n".join(lines)

    emit(inv, payload, text)


def cmd_conclusions(inv: Invocation) -> None:
    actor = inv.actor()
    info = find_audit(inv.db, actor, inv.args.audit)
    texts = reports.report_texts(inv.db, actor, info.id)
    written = inv.args.conclusions is not None or inv.args.recommendations is not None
    if written:
        texts = reports.set_conclusions(
            inv.db,
            actor,
            info.id,
            _multiline(inv.args.conclusions, texts.conclusions),
            _multiline(inv.args.recommendations, texts.recommendations),
            expected_version=inv.args.expected_version,
        )
    payload = {
        "ok": True,
        "audit": texts.number,
        "conclusions": texts.conclusions,
        "recommendations": texts.recommendations,
        "version": texts.version,
        "editable": texts.editable,
    }
    saved = " guardadas" if written else ""
    text = (
        f"Auditoría {texts.number}: conclusiones y recomendaciones{saved} "
        f"(versión {texts.version}).\nConclusiones:\n{texts.conclusions or '—'}\n"
        f"Recomendaciones:\n{texts.recommendations or '—'}"
    )
    emit(inv, payload, text)


def _multiline(value: str | None, stored: str) -> str:
    """The text given (``\\n`` written as a line break), or the stored one when omitted."""
    return stored if value is None else value.replace("\\n", "\n")


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def cmd_monthly(inv: Invocation) -> None:
    _targets(inv.args.pdf, inv.args.xlsx)
    reports.parse_month(inv.args.month)  # a bad month is reported before logging in
    actor = inv.actor()
    result = reports.monthly_report(
        inv.db,
        actor,
        month=inv.args.month,
        channel=inv.args.channel,
        provider=inv.args.provider,
    )
    pdf_path = _write(Path(inv.args.pdf), result.pdf)
    xlsx_path = _write(Path(inv.args.xlsx), result.xlsx) if inv.args.xlsx else None
    data = result.data
    month = data.month_figures
    payload: dict[str, Any] = {
        "ok": True,
        "report_number": data.report_number,
        "month": f"{data.year:04d}-{data.month:02d}",
        "channel": data.channel.value,
        "provider": data.provider,
        "received": month.received,
        "audited": month.audited,
        "sample_pct": _number(month.sample_pct),
        "score": _number(month.audit_score),
        "target": float(data.target_score),
        "within_limit_pct": _number(month.within_limit_pct),
        "inconsistencies": month.inconsistencies,
        "audits": month.audits,
        "year_to_date": {
            "received": data.year_to_date.received,
            "audited": data.year_to_date.audited,
            "score": _number(data.year_to_date.audit_score),
        },
        "trend_months": [t.label for t in data.trend],
        "pdf": pdf_path,
        "xlsx": xlsx_path,
    }

    def text() -> str:
        lines = [
            f"Informe mensual {data.report_number} — {fmt.month_name(data.year, data.month)}, "
            f"canal {data.channel.label}, {data.provider}:",
            f"  recibidos {fmt.count(month.received)}, auditados {fmt.count(month.audited)} "
            f"({fmt.percent(month.sample_pct)}), calificación "
            f"{fmt.decimal(month.audit_score, 2)} (meta {fmt.decimal(data.target_score, 1)}), "
            f"{fmt.count(month.inconsistencies)} "
            f"{noun(month.inconsistencies, 'inconsistencia', 'inconsistencias')}.",
            f"PDF: {pdf_path}",
        ]
        if xlsx_path:
            lines.append(f"Excel: {xlsx_path}")
        return "\n".join(lines)

    emit(inv, payload, text)
