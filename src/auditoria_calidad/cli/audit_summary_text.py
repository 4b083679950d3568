"""`audit show` as text: the audit's facts, its indicators and its agents."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from auditoria_calidad.cli.common import table
from auditoria_calidad.domain.plurals import counted

if TYPE_CHECKING:
    from auditoria_calidad.services import indicators


def fraction_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}".replace(".", ",")


def pct_text(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",")


def summary_text(s: indicators.AuditSummary) -> str:
    overall = s.indicators.overall
    lines = [
        f"Auditoría {s.number} — {s.channel.label}, {s.provider}",
        f"Periodo: {s.period_label}",
        f"Estado: {s.state_label}",
        f"Población: {s.population}   Muestra: {s.sampled}   "
        f"Evaluados: {s.evaluated} de {s.sampled} de la muestra",
        f"Requeridos para aprobar (50 %): {s.required_for_approval}   Faltan: {s.missing}",
        f"Esquema: {s.scheme_name} (versión {s.scheme_version})   Meta: {pct_text(s.target_score)} %",
        "Semilla: "
        + (
            "sin sortear" if s.seed is None else f"{s.seed}   Fracción: {fraction_text(s.fraction)}"
        ),
        "",
        f"Indicadores ({counted(overall.records, 'registro evaluado', 'registros evaluados')}):",
        f"  Calificación promedio: {pct_text(overall.audit_score.value)}",
        f"  Sin regla de críticos: {pct_text(overall.audit_score_without_critical.value)}",
        f"  Respuestas a tiempo (%): {pct_text(overall.within_limit_pct.value)}",
        f"  Plazo legal cumplido (%): {pct_text(overall.legal_met_pct.value)}",
        f"  Fallas críticas: {overall.critical_failures}",
    ]
    if s.strata:
        lines += [
            "",
            table(
                [
                    [
                        p.agent,
                        str(p.population),
                        str(p.required),
                        str(p.drawn),
                        str(p.manual),
                        str(p.evaluated),
                    ]
                    for p in s.strata
                ],
                ["Agente", "Población", "Requeridos", "Sorteados", "Manuales", "Evaluados"],
            ),
        ]
    return "\n".join(lines)
