"""The record's facts and its computed timeliness, at the top of the F182 form."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.services.evaluations import EvaluationFormData
from auditoria_calidad.ui import locale_format

GOOD = "#1e6b3a"
BAD = "#b42318"
MUTED = "#616e7c"

# Four short facts on the first row; the agent and the user (long names) below.
_CELLS = {
    Channel.VIRTUAL: ((0, 0, 1), (0, 1, 1), (0, 2, 1), (0, 3, 1), (1, 0, 2), (1, 2, 2)),
    Channel.CHAT: ((0, 0, 1), (0, 1, 1), (0, 2, 1), (0, 3, 1), (1, 0, 2), (1, 2, 1), (1, 3, 1)),
}


def _fact(label: str, value: str) -> str:
    shown = escape(value) if value else "—"
    return f"<span style='color:{MUTED}'>{escape(label)}</span><br><b>{shown}</b>"


def coloured(text: str, ok: bool | None) -> str:
    colour = MUTED if ok is None else (GOOD if ok else BAD)
    return f"<span style='color:{colour}; font-weight:bold'>{escape(text)}</span>"


def wait_text(seconds: int | None) -> str:
    """A chat's wait as mm:ss."""
    return "" if seconds is None else f"{seconds // 60:02d}:{seconds % 60:02d}"


def computed_detail(data: EvaluationFormData, source: str) -> str:
    """What a computed criterion was computed from, in a few words."""
    r = data.record
    if source == "crm_registrations" and r.crm_registrations is not None:
        times = "vez" if r.crm_registrations == 1 else "veces"
        return f"registrado {r.crm_registrations} {times}"
    if source == "timeliness" and data.timeliness and data.timeliness.hours is not None:
        return f"{locale_format.decimal(data.timeliness.hours, 1)} horas"
    if source == "wait_time" and r.wait_seconds is not None:
        return f"espera de {wait_text(r.wait_seconds)}"
    return ""


def _facts(data: EvaluationFormData) -> list[tuple[str, str]]:
    """The facts shown (the key, type and service are in the form's title)."""
    r = data.record
    if r.channel is Channel.CHAT:
        rating = "" if r.user_rating is None else locale_format.decimal(r.user_rating, 1)
        registered = "" if r.registered_in_crm is None else ("Sí" if r.registered_in_crm else "No")
        return [
            ("Tiempo de ingreso", locale_format.moment(r.received_at)),
            ("Tiempo de espera", wait_text(r.wait_seconds)),
            ("Identificación", r.identity),
            ("Registrado en CRM", registered),
            ("Agente (funcionario responsable)", r.agent),
            ("Usuario", r.requester_name),
            ("Calificación del usuario", rating),
        ]
    crm = "" if r.crm_registrations is None else str(r.crm_registrations)
    return [
        ("Fecha de ingreso", locale_format.moment(r.received_at)),
        ("Fecha y hora de respuesta", locale_format.moment(r.answered_at)),
        ("Cédula", r.identity),
        ("Veces registrado en CRM", crm),
        ("Agente (funcionario responsable)", r.agent),
        ("Usuario", r.requester_name),
    ]


def timeliness_text(data: EvaluationFormData) -> str:
    """Hours to answer against the limit and the legal deadline (virtual), or the chat's
    wait against its limit, as rich text with a decimal comma."""
    r, t = data.record, data.timeliness
    limits = data.scheme.thresholds
    if r.channel is Channel.CHAT:
        if r.wait_seconds is None:
            return "Tiempo de espera: sin dato en el CRM (la oportunidad no aplica)."
        ok = r.wait_seconds <= limits.chat_wait_limit_seconds
        verdict = "dentro del límite" if ok else "excede el límite"
        return (
            f"Tiempo de espera: <b>{wait_text(r.wait_seconds)}</b> (mm:ss) — "
            f"{coloured(verdict, ok)} de {wait_text(limits.chat_wait_limit_seconds)}"
        )
    if t is None:
        return escape(data.timeliness_problem or "Sin datos de oportunidad.")
    hours = "—" if t.hours is None else locale_format.decimal(t.hours, 1)
    limit = locale_format.decimal(t.limit_hours, 0)
    verdict = f"dentro de {limit} h" if t.within else f"fuera de {limit} h"
    legal = "cumplido" if t.legal_met else "vencido"
    return (
        f"Tiempo de respuesta: <b>{hours} {t.clock.label.lower()}</b> — "
        f"{coloured(verdict, t.within)}<br>Plazo legal ({escape(t.legal.label)}): "
        f"vence el <b>{locale_format.day(t.due_date)}</b> — {coloured(legal, t.legal_met)}"
    )


class RecordSummary(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        self.fact_labels: list[QLabel] = []
        for _ in range(7):
            fact = QLabel()
            fact.setObjectName("fact")
            fact.setWordWrap(True)
            fact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            fact.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.fact_labels.append(fact)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        self._channel: Channel | None = None
        self.timeliness = QLabel()
        self.timeliness.setObjectName("timeliness")
        self.timeliness.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(grid)
        layout.addWidget(self.timeliness)

    def _arrange(self, channel: Channel) -> None:
        if channel is self._channel:
            return
        self._channel = channel
        for fact in self.fact_labels:
            self.grid.removeWidget(fact)
        for fact, (row, column, span) in zip(self.fact_labels, _CELLS[channel], strict=False):
            self.grid.addWidget(fact, row, column, 1, span)

    def show_record(self, data: EvaluationFormData) -> None:
        self._arrange(data.record.channel)
        facts = _facts(data)
        for i, fact in enumerate(self.fact_labels):
            if i < len(facts):
                label, value = facts[i]
                fact.setText(_fact(label, value))
                fact.setToolTip(f"{label}: {value}")
            fact.setVisible(i < len(facts))
        self.timeliness.setText(timeliness_text(data))
