"""Realistic Spanish report data for the reporting tests, the renders and the benchmark.

Records are scored with the real default schemes and ``domain.scoring``, so the figures
a report prints are the ones the application would compute. Everything is seeded.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import CriterionKind, ScoringScheme, load_default_scheme
from auditoria_calidad.domain.scoring import (
    RecordOutcome,
    RecordScore,
    Verdict,
    compute_indicators,
    computed_values,
    score_record,
)
from auditoria_calidad.reporting.data import (
    AgentResult,
    AuditReportData,
    EvaluatedRecord,
    Inconsistency,
    LegalDeadlineRow,
    Letterhead,
    MonthlyAuditRow,
    MonthlyReportData,
    PeriodFigures,
    Signatory,
    StratumRow,
)
from auditoria_calidad.reporting.from_domain import audit_indicators, scheme_summary

ENTITY = "Instituto Colombiano de Crédito Educativo y Estudios Técnicos en el Exterior – ICETEX"
OFFICE = "Oficina Comercial y de Mercadeo · Grupo de Atención al Usuario"
PROVIDER = "Contact Center Américas S.A.S."
AGENTS = (
    "Laura Gómez Rincón",
    "Juan Sebastián Ospina",
    "María Fernanda Suárez",
    "Óscar Iván Beltrán",
    "Ángela Patiño Cárdenas",
    "Nicolás Restrepo Henao",
    "Yuliana Mosquera Palacios",
    "Germán Castañeda Ruiz",
)
OBSERVATIONS = {
    "oportunidad": "La respuesta se envió fuera de las 24 horas siguientes al registro.",
    "coherencia": "La respuesta no guarda relación con lo solicitado: el usuario preguntó por "
    "la renovación y se le explicó la legalización del crédito.",
    "pertinencia": "Se informó un plazo de desembolso que no corresponde al calendario "
    "vigente de la convocatoria.",
    "solucion": "No se resolvió el requerimiento ni se informó el escalonamiento al área "
    "responsable (Vicepresidencia de Crédito y Cobranza).",
    "registro_crm": "El caso quedó registrado dos veces en el CRM; el usuario tuvo que reiterar.",
    "redaccion_ortografia": "Errores de ortografía («desembolzo», «tramite» sin tilde) y "
    "redacción poco clara en el segundo párrafo.",
    "tiempo_espera": "El usuario esperó más del tiempo máximo antes de ser atendido.",
    "registrado_crm": "El chat no quedó registrado en el CRM.",
}
HOSTILE = "Texto con <menor que>, & ampersand, <b> etiqueta sin cerrar y emoji 😀🤷👍 al final. "
LONG_WORD = "Desembolso" * 30  # 300 characters without a space
REQUEST_TYPES = (
    ("Petición", 15),
    ("Solicitud de información", 10),
    ("Consulta", 30),
    ("Reclamo", 15),
    ("Queja", 15),
)


def _identity(rng: random.Random) -> str:
    return str(rng.randint(10_000_000, 1_299_999_999))


@dataclass
class _Drawn:
    """One synthetic record before it becomes report rows."""

    n: int
    agent: str
    received: datetime
    hours: Decimal
    late: bool
    answers: dict[str, object]
    crm: int
    wait: int
    registered: bool
    result: RecordScore
    rtype: str
    days: int


def _records(
    channel: Channel, count: int, agents: int, rng: random.Random, start: date
) -> tuple[ScoringScheme, list[_Drawn]]:
    scheme = load_default_scheme(channel)
    rows = []
    for n in range(count):
        agent = AGENTS[n % agents] if agents <= len(AGENTS) else f"Agente {n % agents + 1:03d}"
        received = datetime.combine(start, datetime.min.time()) + timedelta(
            days=rng.randint(0, 27), hours=rng.randint(7, 19), minutes=rng.randint(0, 59)
        )
        late = rng.random() < 0.12
        hours = Decimal(str(round(rng.uniform(25, 60) if late else rng.uniform(0.5, 23), 1)))
        answers: dict[str, object] = {}
        for criterion in scheme.criteria:
            if criterion.kind is CriterionKind.JUDGED:
                draw = rng.random()
                answers[criterion.key] = (
                    Verdict.NO_CUMPLE
                    if draw < 0.08
                    else Verdict.NA
                    if draw > 0.97
                    else Verdict.CUMPLE
                ).value
            elif criterion.kind is CriterionKind.LEVEL:
                draw = rng.random()
                answers[criterion.key] = (
                    "bajo" if draw < 0.06 else "medio" if draw < 0.2 else "alto"
                )
        crm = rng.choice((1, 1, 1, 1, 1, 1, 1, 1, 2, 0))
        wait = rng.randint(5, 140)
        registered = rng.random() > 0.07
        computed = computed_values(
            scheme,
            within_limit=not late,
            wait_seconds=wait,
            registered_in_crm=registered,
            crm_registrations=crm,
        )
        result = score_record(scheme, answers, computed)
        rtype, days = REQUEST_TYPES[n % len(REQUEST_TYPES)]
        rows.append(
            _Drawn(
                n, agent, received, hours, late, answers, crm, wait, registered, result, rtype, days
            )
        )
    return scheme, rows


def build_audit(
    *,
    channel: Channel = Channel.VIRTUAL,
    records: int = 60,
    agents: int = 6,
    seed: int = 20240531,
    inconsistency_count: int | None = None,
    hostile: bool = False,
    show_full_identity: bool = False,
) -> AuditReportData:
    """An audit of May 2024 with ``records`` evaluated records."""
    rng = random.Random(seed)
    start = date(2024, 5, 1)
    scheme, rows = _records(channel, records, agents, rng, start)
    evaluated: list[EvaluatedRecord] = []
    issues: list[Inconsistency] = []
    outcomes = []
    failed_by_criterion: dict[str, int] = {}
    issues_by_agent: dict[str, int] = {}
    legal: dict[str, list[int]] = {}
    for row in rows:
        n, agent, received, hours, late = row.n, row.agent, row.received, row.hours, row.late
        answers, crm, wait, registered = row.answers, row.crm, row.wait, row.registered
        result, rtype, days = row.result, row.rtype, row.days
        prefix = "2024-05-" if channel is Channel.VIRTUAL else "CHAT-2405-"
        key = f"{prefix}{100000 + n * 7}"
        identity = _identity(rng)
        legal_met = rng.random() > 0.05
        legal.setdefault(rtype, [days, 0, 0])
        legal[rtype][1] += 1
        legal[rtype][2] += int(legal_met)
        verdicts = {}
        for criterion in scheme.criteria:
            credit = result.credits[criterion.key]
            if criterion.kind is CriterionKind.LEVEL:
                level = criterion.level(str(answers.get(criterion.key)))
                verdicts[criterion.key] = level.label if level else "N.A."
            else:
                verdicts[criterion.key] = (
                    "N.A." if credit is None else "Cumple" if credit == 1 else "No cumple"
                )
        notes = [OBSERVATIONS.get(k, "Incumple el criterio.") for k in result.failed]
        observation = " ".join(notes) or "Respuesta clara, completa y oportuna."
        if hostile and n == 0:
            observation = HOSTILE + LONG_WORD + " " + ("Observación extensa. " * 300)[:6000]
        evaluated.append(
            EvaluatedRecord(
                key=key,
                agent=agent,
                received_at=received,
                identity_number=identity,
                answered_at=received + timedelta(hours=float(hours)),
                hours_to_answer=hours,
                within_limit=not late,
                crm_registrations=crm,
                request_text=f"Buenas tardes, quisiera saber el estado de mi {rtype.lower()} "
                "sobre el crédito educativo.",
                wait_seconds=wait,
                registered_in_crm=registered,
                verdicts=verdicts,
                spelling_level=verdicts.get(scheme.thresholds.spelling_criterion or ""),
                reviewed_at=received + timedelta(days=3),
                observations=observation,
                score=result.score,
                request_type=rtype,
                legal_deadline_met=legal_met,
            )
        )
        outcomes.append(
            RecordOutcome.of(
                agent,
                result,
                within_limit=not late,
                legal_met=legal_met,
                spelling_level=answers.get(scheme.thresholds.spelling_criterion or ""),
            )
        )
        for failed in result.failed:
            failed_by_criterion[failed] = failed_by_criterion.get(failed, 0) + 1
            issues_by_agent[agent] = issues_by_agent.get(agent, 0) + 1
            text = observation if hostile and n == 0 else OBSERVATIONS.get(failed, "Incumple.")
            issues.append(
                Inconsistency(key, received, agent, scheme.criterion(failed).label, text, identity)
            )
    if inconsistency_count is not None:
        while len(issues) < inconsistency_count:
            issues += issues[: inconsistency_count - len(issues)]
        issues = issues[:inconsistency_count]
    indicators = audit_indicators(
        compute_indicators(outcomes, scheme),
        scheme,
        failed_by_criterion=failed_by_criterion,
        inconsistencies_by_agent=issues_by_agent,
        legal_deadlines=[LegalDeadlineRow(t, d, a, m) for t, (d, a, m) in legal.items()],
    )
    population = records * 2 - 3
    strata_agents = sorted({r.agent for r in evaluated})
    strata = []
    for agent in strata_agents:
        sampled = sum(1 for r in evaluated if r.agent == agent)
        strata.append(StratumRow(agent, sampled * 2 - 1 if sampled > 1 else 1, sampled, 0, sampled))
    return AuditReportData(
        letterhead=Letterhead(ENTITY, OFFICE, None),
        report_number="AC-2024-05-V01" if channel is Channel.VIRTUAL else "AC-2024-05-C01",
        report_date=date(2024, 6, 7),
        channel=channel,
        provider=PROVIDER,
        period_start=start,
        period_end=date(2024, 5, 31),
        auditor="Carolina Vargas Medina",
        population=population,
        sample_size=records,
        evaluated=records,
        seed="829301774",
        fraction=Decimal("0.5"),
        sampling_algorithm=(
            "Muestreo aleatorio estratificado por agente. Para cada agente se toma al menos "
            "el techo del 50 % de sus registros; los registros de cada estrato se ordenan por "
            "el resumen SHA-256 de la semilla, el agente y el radicado, y se toman los "
            "primeros. Con la misma semilla y la misma población, el sorteo da siempre la "
            "misma muestra, de modo que cualquiera puede verificarlo."
        ),
        scheme=scheme_summary(scheme),
        indicators=indicators,
        strata=tuple(strata),
        records=tuple(evaluated),
        inconsistencies=tuple(issues),
        conclusions=(
            "La calificación del periodo se ubica por debajo de la meta contractual, "
            "principalmente por respuestas enviadas fuera de las 24 horas y por casos en los "
            "que no se informó el escalonamiento.\n\nLos agentes con menor calificación "
            "concentran la mayoría de las inconsistencias de solución del problema."
        ),
        recommendations=(
            "Reforzar con el equipo del proveedor el uso de la matriz de escalonamiento.\n\n"
            "Programar una retroalimentación individual con los agentes por debajo de la meta "
            "y hacer seguimiento en el próximo comité de calidad."
        ),
        signatories=(
            Signatory(
                "Elaborado por",
                "Carolina Vargas Medina",
                "Profesional Universitario",
                date(2024, 6, 7),
            ),
            Signatory("Revisado por", "Andrés Felipe Rojas", "Profesional Especializado"),
            Signatory(
                "Aprobado por", "Martha Lucía Herrera", "Jefe de la Oficina Comercial y de Mercadeo"
            ),
        ),
        show_full_identity=show_full_identity,
        issued_at=datetime(2024, 6, 7, 16, 30),
    )


def build_monthly(*, months: int = 6, channel: Channel = Channel.VIRTUAL) -> MonthlyReportData:
    """The monthly report of May 2024 with ``months`` months of trend."""
    audit = build_audit(channel=channel, records=80)
    scheme = audit.scheme
    rng = random.Random(5)
    trend = []
    for index in range(months):
        month = 5 - months + 1 + index
        year = 2024 if month >= 1 else 2023
        month = month if month >= 1 else month + 12
        received = rng.randint(900, 1400)
        audited = received // 2 + rng.randint(0, 40)
        trend.append(
            PeriodFigures(
                label=f"{('ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic')[month - 1]}. {year}",
                received=received,
                audited=audited,
                audit_score=Decimal(str(round(rng.uniform(80, 95), 2))),
                within_limit_pct=Decimal(str(round(rng.uniform(82, 97), 1))),
                legal_met_pct=Decimal(str(round(rng.uniform(90, 99), 1))),
                inconsistencies=rng.randint(40, 120),
                audits=4,
                criteria_pct={
                    c.key: Decimal(str(round(rng.uniform(75, 99), 1))) for c in scheme.criteria
                },
            )
        )
    current = trend[-1]
    ytd_months = [t for t in trend if t.label.endswith("2024")]
    ytd = PeriodFigures(
        label="Acumulado 2024",
        received=sum(t.received for t in ytd_months),
        audited=sum(t.audited for t in ytd_months),
        audit_score=Decimal("87.31"),
        within_limit_pct=Decimal("89.6"),
        legal_met_pct=Decimal("95.2"),
        inconsistencies=sum(t.inconsistencies for t in ytd_months),
        audits=4 * len(ytd_months),
        criteria_pct={c.key: Decimal(str(round(rng.uniform(78, 97), 1))) for c in scheme.criteria},
    )
    agents = tuple(replace(a, evaluated=a.evaluated * 6) for a in audit.indicators.by_agent) or (
        AgentResult("Sin agentes", 0, None),
    )
    return MonthlyReportData(
        letterhead=audit.letterhead,
        report_number="IM-2024-05-V",
        report_date=date(2024, 6, 10),
        year=2024,
        month=5,
        channel=channel,
        provider=PROVIDER,
        prepared_by="Carolina Vargas Medina",
        target_score=Decimal(90),
        criteria=scheme.criteria,
        month_figures=current,
        year_to_date=ytd,
        trend=tuple(trend),
        by_agent=agents,
        audits=tuple(
            MonthlyAuditRow(
                f"AC-2024-05-V0{i}",
                date(2024, 5, 1 + 7 * (i - 1)),
                date(2024, 5, 7 * i),
                current.audited // 4,
                Decimal("86.5") + i,
                "Aprobada",
            )
            for i in range(1, 5)
        ),
        analysis=(
            "La calificación de mayo mejora frente a abril pero sigue por debajo de la meta. "
            "El cumplimiento de las 24 horas se mantiene estable."
        ),
        signatories=audit.signatories,
        issued_at=datetime(2024, 6, 10, 9, 0),
    )
