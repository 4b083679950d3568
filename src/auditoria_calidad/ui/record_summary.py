"""The record's facts and its computed timeliness, at the top of the F182 form."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.services.evaluations import EvaluationFormData, RecordView
from auditoria_calidad.ui import locale_format

GOOD = "#1e6b3a"
BAD = "#b42318"
MUTED = "#616e7c"

# Four short facts (dates, identity) first; the agent and the user (long names) after.
SHORT_FACTS = 4
_SPACING = 18


def _cells(channel: Channel, columns: int) -> list[tuple[int, int, int]]:
    """(row, column, span) of each fact with 4, 2 or 1 columns."""
    count = 7 if channel is Channel.CHAT else 6
    if columns == 4:
        long = (
            [(1, 0, 2), (1, 2, 2)]
            if channel is Channel.VIRTUAL
            else [(1, 0, 2), (1, 2, 1), (1, 3, 1)]
        )
        return [(0, c, 1) for c in range(SHORT_FACTS)] + long
    return [(i // columns, i % columns, 1) for i in range(count)]


def unbroken(value: str) -> str:
    """A short value (a date with its time, a cédula) that must stay on one line."""
    return value.replace(" ", "\u00a0")


def _fact(label: str, value: str, *, short: bool) -> str:
    shown = escape(unbroken(value) if short else value) if value else "—"
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
    if source == "timeliness" and data.timeliness and data.timeliness.answered_day_only:
        return "por el día de la respuesta (la exportación no trae la hora)"
    if source == "timeliness" and data.timeliness and data.timeliness.hours is not None:
        return f"{locale_format.decimal(data.timeliness.hours, 1)} horas"
    if source == "wait_time" and r.wait_seconds is not None:
        return f"espera de {wait_text(r.wait_seconds)}"
    return ""


def computed_missing(data: EvaluationFormData, source: str) -> str:
    """Why a computed criterion has no result, in two words."""
    if source == "timeliness" and data.timeliness and data.timeliness.answered_day_only:
        return "falta la hora"
    return "sin dato"


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
        ("Fecha y hora de respuesta", answered_text(r)),
        ("Cédula", r.identity),
        ("Veces registrado en CRM", crm),
        ("Agente (funcionario responsable)", r.agent),
        ("Usuario", r.requester_name),
    ]


def answered_text(record: RecordView) -> str:
    """The answer's moment; only its day when the export gave no hour."""
    if record.answered_day_only and record.answered_at is not None:
        return f"{locale_format.day(record.answered_at.date())} (sin hora en la exportación)"
    return locale_format.moment(record.answered_at)


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
    took = f"<b>{hours} {t.clock.label.lower()}</b>"
    if t.answered_day_only:  # only the day is known: the hours are not
        took = "<b>sin hora de respuesta</b> (la exportación trae solo el día)"
        verdict = {
            True: f"dentro de {limit} h aun al final de ese día",
            False: f"fuera de {limit} h aun a primera hora de ese día",
            None: f"verifique a mano el plazo de {limit} h",
        }[t.within]
    legal = "cumplido" if t.legal_met else "vencido"
    return (
        f"Tiempo de respuesta: {took} — "
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
        self._columns = 0
        self._needed = 0  # the width of the widest short value
        self.timeliness = QLabel()
        self.timeliness.setObjectName("timeliness")
        self.timeliness.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(grid)
        layout.addWidget(self.timeliness)

    def columns_for(self, width: int) -> int:
        """4 columns when every short value fits whole, else 2, else 1: never cut."""
        for columns in (4, 2):
            if (width - _SPACING * (columns - 1)) // columns >= self._needed:
                return columns
        return 1

    def _arrange(self, channel: Channel, columns: int) -> None:
        if channel is self._channel and columns == self._columns:
            return
        self._channel, self._columns = channel, columns
        for fact in self.fact_labels:
            self.grid.removeWidget(fact)
        for fact, (row, column, span) in zip(
            self.fact_labels, _cells(channel, columns), strict=False
        ):
            self.grid.addWidget(fact, row, column, 1, span)
        for column in range(4):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def show_record(self, data: EvaluationFormData) -> None:
        facts = _facts(data)
        bold = QFont(self.fact_labels[0].font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        plain = self.fact_labels[0].fontMetrics()
        needed = 0
        for i, fact in enumerate(self.fact_labels):
            if i < len(facts):
                label, value = facts[i]
                short = i < SHORT_FACTS
                fact.setText(_fact(label, value, short=short))
                fact.setToolTip(f"{label}: {value}")
                if short:
                    # The value whole, and the caption's longest word.
                    width = max(
                        metrics.horizontalAdvance(unbroken(value or "—")),
                        max(plain.horizontalAdvance(w) for w in label.split()),
                    )
                    needed = max(needed, width + 4)
            fact.setVisible(i < len(facts))
        self._needed = needed
        self._channel = None  # arrange again for this record's values
        self._arrange(data.record.channel, self.columns_for(self.width()))
        self.timeliness.setText(timeliness_text(data))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._channel is not None:
            self._arrange(self._channel, self.columns_for(event.size().width()))
