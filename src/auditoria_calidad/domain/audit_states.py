"""The one Spanish name of each audit state, used by the window, the CLI and the PDFs.

Keyed by the state's stored value so that every layer (reporting receives plain data)
reads the same words; `domain.audit_lifecycle.STATE_LABELS` is built from this table.
"""

from __future__ import annotations

AUDIT_STATE_LABELS: dict[str, str] = {
    "draft": "Borrador",
    "in_review": "En revisión",
    "ready": "Lista para aprobar",
    "approved": "Aprobada",
    "sent": "Enviada al proveedor",
    "answered": "Respondida por el proveedor",
    "in_committee": "En comité",
    "closed": "Cerrada",
    "annulled": "Anulada",
}
# States in which the audit report is not yet issued (no approval): the PDF says so.
NOT_APPROVED = frozenset({"draft", "in_review", "ready"})


def audit_state_label(value: str) -> str:
    """The name of the state stored as ``value`` («in_review» → «En revisión»)."""
    return AUDIT_STATE_LABELS[value]
