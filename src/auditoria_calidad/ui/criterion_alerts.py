"""What the automatic screening found, beside each criterion of the F182 form.

Each criterion shows its alerts (the alert's name and its Spanish evidence) and, when an
alert proposes a value, that value. ``Ctrl+P`` («Aceptar propuestas») fills the controls
with every proposal of the record; the values stay pending until the auditor saves with
Ctrl+S or Ctrl+Enter, and a proposed «No cumple» brings the evidence into the
observations, editable. A proposal is never a judgement.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from auditoria_calidad.domain.observation_rule import criteria_needing_observation
from auditoria_calidad.domain.scheme import CriterionKind, ScoringScheme
from auditoria_calidad.domain.scoring import Verdict
from auditoria_calidad.services.screening_dtos import AlertInfo

ALERTS_STYLE = """
QLabel#criterionAlerts { color: #7a4b00; background: #fff8e6; border: 1px solid #f0d58c;
                         border-radius: 4px; padding: 3px 6px; font-size: 9pt; }
"""
ACCEPT_KEYS = "Ctrl+P"
NOT_SCREENED = "Este registro aún no se ha prefiltrado: no hay alertas automáticas."
# Evidence longer than this is cut in the form (the tooltip and the workbook keep it whole).
EVIDENCE_CHARS = 260


@dataclass(frozen=True)
class Proposal:
    """The value proposed for one criterion and the alerts behind it."""

    criterion: str
    value: str
    codes: tuple[str, ...]
    evidence: tuple[str, ...]


def value_label(scheme: ScoringScheme, key: str, value: str) -> str:
    """«No cumple», «Bajo»…: a criterion's value with the form's words."""
    criterion = scheme.criterion(key)
    if criterion.kind is CriterionKind.LEVEL:
        level = criterion.level(value)
        return level.label if level else value
    try:
        return Verdict(value).label
    except ValueError:
        return value


def proposals_of(scheme: ScoringScheme, alerts: Sequence[AlertInfo]) -> dict[str, Proposal]:
    """The proposals for the scheme's judged and level criteria (computed ones are never
    proposed); when several alerts propose for one criterion, the first one's value
    counts and the others that agree with it are named too."""
    kinds = {c.key: c.kind for c in scheme.criteria}
    found: dict[str, Proposal] = {}
    for alert in alerts:
        kind = kinds.get(alert.criterion)
        if alert.proposed is None or kind is None or kind is CriterionKind.COMPUTED:
            continue
        if (
            kind is CriterionKind.LEVEL
            and scheme.criterion(alert.criterion).level(alert.proposed) is None
        ):
            continue  # a level the scheme does not have: shown, never proposed
        current = found.get(alert.criterion)
        if current is None:
            found[alert.criterion] = Proposal(
                alert.criterion, alert.proposed, (alert.code,), (alert.evidence,)
            )
        elif current.value == alert.proposed:
            found[alert.criterion] = Proposal(
                current.criterion,
                current.value,
                (*current.codes, alert.code),
                (*current.evidence, alert.evidence),
            )
    return found


def _short(text: str) -> str:
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1].rstrip() + "…"


class AlertList(QLabel):
    """The alerts of one criterion (hidden when it has none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("criterionAlerts")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.alerts: tuple[AlertInfo, ...] = ()
        self.proposal_text = ""
        self.hide()

    def show_alerts(self, alerts: Sequence[AlertInfo], proposal: str = "") -> None:
        """``alerts`` as «Name: evidence» lines, then ``proposal`` (already worded)."""
        self.alerts = tuple(alerts)
        self.proposal_text = proposal
        lines = [
            f"⚠ <b>{html.escape(a.label)}</b>: {html.escape(_short(a.evidence))}"
            for a in self.alerts
        ]
        if proposal:
            lines.append(f"<b><i>{html.escape(proposal)}</i></b>")
        self.setText("<br>".join(lines))
        self.setToolTip("\n\n".join(f"{a.code}: {a.evidence}" for a in self.alerts))
        self.setVisible(bool(lines))

    def plain_text(self) -> str:
        """What the auditor reads, without markup (for tests and accessibility)."""
        lines = [f"{a.label}: {a.evidence}" for a in self.alerts]
        return "\n".join([*lines, self.proposal_text] if self.proposal_text else lines)


def proposal_line(
    scheme: ScoringScheme,
    proposal: Proposal | None,
    value: str | None,
    proposed: bool,
    pending: bool,
) -> str:
    """The proposal under its criterion, worded by what the auditor did with it: not yet
    answered, accepted with Ctrl+P and not saved (``pending``), kept, or changed."""
    if proposal is None:
        return ""
    label = value_label(scheme, proposal.criterion, proposal.value)
    if pending and value == proposal.value:
        return (
            f"Propuesta aceptada: «{label}». Revísela y guarde con Ctrl+S o Ctrl+Enter; "
            "puede cambiarla con las teclas del criterio."
        )
    if value is None or proposed:
        return f"Propuesto: «{label}» ({ACCEPT_KEYS}: aceptar las propuestas del registro)."
    if value == proposal.value:
        return f"Propuesto: «{label}»; el auditor lo confirmó."
    return f"Propuesto: «{label}»; el auditor eligió otro valor."


def observation_from(scheme: ScoringScheme, proposals: Sequence[Proposal]) -> str:
    """The observation offered for the proposals that fail a criterion (the observation
    rule): one line per criterion with its evidence."""
    by_key = {p.criterion: p for p in proposals}
    failing = criteria_needing_observation(scheme, {k: p.value for k, p in by_key.items()})
    return "\n".join(
        f"{scheme.criterion(key).label}: " + " ".join(by_key[key].evidence) for key in failing
    )
