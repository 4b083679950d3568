"""alerts sub-command: the automatic screening of every record of an audit's population.

``alerts AUDIT [--code CODE] [--json]``: with --json one object
``{"audit", "rules_version", "records": [{"key", "alerts": [{"code", "criterion",
"evidence", "words"?, "proposed"?}]}]}`` with every record of the population (an empty
list when it has no alert); ``words`` (``ortografia``) are the suspect words as written.
An audit never screened, or screened with older rules, is screened first.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

from auditoria_calidad.cli.common import Invocation, emit, table
from auditoria_calidad.domain.plurals import counted

AUDIT_HELP = "auditoría: su número (AUD-2026-0001) o su id"
CODES_HELP = (
    "plazo_24h, plazo_legal, espera, no_registrado_crm, respuesta_reutilizada, incongruente, "
    "ortografia, lenguaje_claro, protocolo"
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    alerts = sub.add_parser(
        "alerts",
        parents=[common],
        help="alertas del análisis automático de toda la población de una auditoría",
        description="Muestra las alertas del análisis automático de cada registro de la "
        "población de la auditoría (no solo de la muestra), con el criterio del F182 que "
        "informan y su evidencia. Si la auditoría no se ha analizado, o se analizó con "
        "reglas anteriores, la analiza primero. Con --json imprime todos los registros de la "
        f"población, también los que no tienen alertas. Códigos: {CODES_HELP}. "
        "Código de salida 3 si el código de alerta no existe.",
    )
    alerts.add_argument("audit", metavar="AUDITORÍA", help=AUDIT_HELP)
    alerts.add_argument(
        "--code",
        metavar="CÓDIGO",
        help="solo los registros con esa alerta (y solo esa alerta de cada uno)",
    )
    alerts.set_defaults(handler=cmd_alerts)


def screening_progress(
    inv: Invocation,
) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    """A progress line «Analizando las respuestas… 40 %» on standard error when it is a
    terminal (nothing otherwise), and the function that ends it."""
    if inv.json or not sys.stderr.isatty():
        return None, lambda: None
    shown = {"percent": -1}

    def progress(done: int, total: int) -> None:
        percent = int(100 * done / total) if total else 100
        if percent != shown["percent"]:
            shown["percent"] = percent
            sys.stderr.write(f"\rAnalizando las respuestas de la población… {percent} %")
            sys.stderr.flush()

    def end() -> None:
        if shown["percent"] >= 0:
            sys.stderr.write("\n")
            sys.stderr.flush()

    return progress, end


def _evidence(text: str) -> str:
    """The evidence whole, on one line (it says why: never cut)."""
    return " ".join(text.split())


def cmd_alerts(inv: Invocation) -> None:
    from auditoria_calidad.services import screening

    code = inv.args.code
    if code is not None:
        code = screening.parse_codes([code])[0]  # before asking for the password
    actor = inv.actor()
    found = screening.alerts_for_audit(inv.db, actor, inv.args.audit, code)
    if not found.current:
        progress, end = screening_progress(inv)
        try:
            screening.screen_audit(inv.db, actor, found.audit_id, progress)
        finally:
            end()
        found = screening.alerts_for_audit(inv.db, actor, found.audit_id, code)
    payload: dict[str, Any] = {
        "audit": found.number,
        "rules_version": found.rules_version,
        "records": [
            {"key": r.key, "alerts": [a.as_dict() for a in r.alerts]} for r in found.records
        ],
    }

    def text() -> str:
        flagged = [r for r in found.records if r.alerts]
        by_code = Counter(a.code for r in flagged for a in r.alerts)
        head = f"Auditoría {found.number} — análisis automático (reglas {found.rules_version})"
        if code is not None:
            head += f"\nAlerta «{code}»: {counted(len(flagged), 'registro', 'registros')}."
        else:
            head += (
                f"\n{counted(len(found.records), 'registro analizado', 'registros analizados')}"
                f", {len(flagged)} con alertas."
            )
        if not flagged:
            return head + "\nNingún registro tiene alertas."
        rows = [
            [
                r.key,
                r.agent,
                a.code,
                a.criterion,
                "No cumple" if a.proposed == "no_cumple" else (a.proposed or "—"),
                _evidence(a.evidence + (f" ({', '.join(a.words)})" if a.words else "")),
            ]
            for r in flagged
            for a in r.alerts
        ]
        counts = table(
            [[c, str(n)] for c, n in sorted(by_code.items(), key=lambda x: (-x[1], x[0]))],
            ["Alerta", "Registros"],
        )
        return "\n".join(
            [
                head,
                "",
                table(rows, ["Clave", "Agente", "Alerta", "Criterio", "Propuesta", "Evidencia"]),
                "",
                counts,
            ]
        )

    emit(inv, payload, text)
