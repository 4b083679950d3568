"""What a provider's manager might answer to each kind of inconsistency, for the demo.

Deterministic: the same finding (audit number and finding number) always gets the same
answer, so two loads of the demo read alike.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_CAUSES = {
    "oportunidad": (
        "El caso ingresó en un pico de demanda y quedó sin asignar hasta el día siguiente.",
        "El agente dejó la respuesta en borrador y no la envió dentro del plazo.",
    ),
    "coherencia": (
        "El agente usó una plantilla de otro trámite sin ajustarla a la solicitud.",
        "No se leyó la solicitud completa antes de responder.",
    ),
    "pertinencia": (
        "La base de conocimiento del agente no tenía la información actualizada.",
        "El agente remitió al usuario a otro canal en lugar de resolver.",
    ),
    "solucion": (
        "El caso requería escalamiento al área responsable y no se hizo.",
        "El agente cerró el caso sin confirmar que la solicitud quedara resuelta.",
    ),
    "registro_crm": ("El caso se registró dos veces por una falla de sincronización del CRM.",),
    "redaccion_ortografia": (
        "El agente no usó el corrector ortográfico antes de enviar la respuesta.",
        "La respuesta se redactó con prisa, sin revisión de un par.",
    ),
}
_ACTIONS = {
    "oportunidad": "Se ajustó la asignación automática de casos en horas pico.",
    "coherencia": "Retroalimentación individual al agente y revisión de plantillas.",
    "pertinencia": "Actualización de la base de conocimiento y refuerzo al equipo.",
    "solucion": "Capacitación en la ruta de escalamiento al área responsable.",
    "registro_crm": "Se reportó la falla al proveedor del CRM y se depuraron duplicados.",
    "redaccion_ortografia": "Taller de redacción y ortografía y revisión por pares.",
}
_RESPONSIBLES = (
    "Coordinadora de calidad del Outsourcing",
    "Líder de formación",
    "Supervisor del turno",
)


@dataclass(frozen=True)
class DemoAnswer:
    cause_analysis: str
    corrective_action: str
    responsible: str
    days_to_commit: int  # commitment date = answer date + this


def demo_answer(audit_number: str, number: int, criterion_key: str) -> DemoAnswer:
    """The demo provider's answer to inconsistency ``number`` of ``audit_number``."""
    rng = random.Random(f"demo-answer:{audit_number}:{number}")
    causes = _CAUSES.get(criterion_key, ("Falta de verificación antes de enviar la respuesta.",))
    return DemoAnswer(
        rng.choice(causes),
        _ACTIONS.get(criterion_key, "Retroalimentación al agente y seguimiento mensual."),
        rng.choice(_RESPONSIBLES),
        rng.choice((15, 20, 30)),
    )
