"""The texts of the «Hallazgos» page: where the selected audit stands, and the selected
inconsistency with its answer and the committee's decision."""

from __future__ import annotations

from auditoria_calidad.services import findings
from auditoria_calidad.services.findings import AuditFindingsStatus, FindingInfo
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.findings_models import deadline_text


def audit_summary(audit: AuditFindingsStatus | None) -> str:
    """The line above the findings: where the selected audit stands."""
    if audit is None:
        return ""
    if audit.state not in findings.APPROVED_STATES:
        return (
            f"{audit.number}: {audit.state_label.lower()} — "
            f"{locale_format.plural(audit.evaluated, 'registro evaluado', 'registros evaluados')}"
            f" de la muestra (población de {locale_format.count(audit.population)}). "
            "Las inconsistencias "
            "se crean al aprobarla."
        )
    parts = [
        f"{audit.number}: {locale_format.plural(audit.findings, 'inconsistencia', 'inconsistencias')}",
        locale_format.plural(audit.answered, "respondida", "respondidas"),
        locale_format.plural(audit.pending, "pendiente", "pendientes"),
    ]
    if audit.drafts:
        parts.append(f"{audit.drafts} en borrador")
    if audit.late:
        parts.append(f"{audit.late} fuera de plazo")
    if audit.response_deadline:
        parts.append(f"plazo {deadline_text(audit)}")
    if audit.decided or audit.follow_up:
        parts.append(
            f"{locale_format.plural(audit.decided, 'decidida', 'decididas')} por el comité"
        )
    if audit.follow_up:
        parts.append(f"{audit.follow_up} en seguimiento")
    return " · ".join(parts)


def finding_detail(f: FindingInfo | None) -> str:
    """The selected finding, its answer and the committee's decision, as plain text."""
    if f is None:
        return ""
    lines = [
        f"Hallazgo N.º {f.number} · {f.key}",
        f"Agente: {f.agent}",
        f"Criterio incumplido: {f.criterion_label}",
        "",
        "Observación del auditor:",
        f.observation or "Sin observación.",
        "",
    ]
    a = f.answer
    if a is None:
        lines.append("Sin respuesta del proveedor.")
    else:
        state = "Enviada" if a.submitted_at else "Borrador sin enviar"
        when = locale_format.moment(a.submitted_at or a.answered_at)
        lines += [
            f"Respuesta del proveedor ({state.lower()} el {when} por {a.answered_by}"
            + (", fuera de plazo" if a.late else "")
            + "):",
            f"Análisis de causa: {a.cause_analysis}",
            f"Acción correctiva: {a.corrective_action}",
            f"Responsable: {a.responsible}",
            f"Fecha de compromiso: {locale_format.day(a.commitment_date)}",
        ]
    if f.committee_state is not None:
        lines += ["", f"Decisión del comité: {f.decision_label}"]
    return "\n".join(lines)
