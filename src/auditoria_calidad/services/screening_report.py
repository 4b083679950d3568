"""The automatic screening as the reports print it (``reporting.data.ScreeningFigures``,
``RecordAlert``), read inside the report's own session.

The figures are those of ``services.screening.screening_summary``: records per alert and
per agent over the whole population, and, per criterion, how many proposals the form
showed on complete evaluations and how many the auditor's final value kept (an
evaluation saved without the form's record of its proposals counts the proposals of the
stored screening).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from auditoria_calidad.domain.scheme import ScoringScheme
from auditoria_calidad.domain.screening import ALERT_CODES, ALERT_LABELS
from auditoria_calidad.reporting.data import (
    RecordAlert,
    ScreeningAgentRow,
    ScreeningAgreementRow,
    ScreeningAlertRow,
    ScreeningFigures,
)
from auditoria_calidad.storage.models import Audit
from auditoria_calidad.storage.queries.screening import (
    complete_evaluation_proposals,
    population_results,
    stored_alerts_of_audit,
)


def record_alerts(session: Session, audit: Audit) -> dict[int, tuple[RecordAlert, ...]]:
    """record id → its stored alerts (code and evidence), for the F182 workbook."""
    return {
        record_id: tuple(
            RecordAlert(str(a["code"]), str(a.get("evidence") or "")) for a in alerts or ()
        )
        for record_id, alerts in stored_alerts_of_audit(session, audit.id)
    }


def _proposed(alerts: Iterable[dict[str, Any]]) -> dict[str, str]:
    return {
        str(a["criterion"]): str(a["proposed"]) for a in alerts if a.get("proposed") is not None
    }


def _offered(proposals: Any, fallback: dict[str, str]) -> dict[str, str]:
    """criterion → value the form proposed, from the evaluation's record of it."""
    if not isinstance(proposals, dict) or not proposals:
        return fallback
    offered = {}
    for criterion, entry in proposals.items():
        value = entry.get("proposed") if isinstance(entry, dict) else entry
        if value is not None:
            offered[str(criterion)] = str(value)
    return offered


class _Tally:
    """Counts of one or several audits' populations."""

    def __init__(self) -> None:
        self.population = 0
        self.screened = 0
        self.with_alerts = 0
        self.by_code: Counter[str] = Counter()
        self.agents: dict[str, list[int]] = {}
        self.agent_codes: dict[str, Counter[str]] = {}
        self.versions: set[str] = set()
        self.shown: Counter[str] = Counter()
        self.agreed: Counter[str] = Counter()
        self.criteria: dict[str, str] = {}  # key → label
        self.informs: dict[str, str] = {}  # alert code → criterion key

    def add(self, session: Session, audit: Audit, scheme: ScoringScheme) -> None:
        self.criteria.update({c.key: c.label for c in scheme.criteria})
        proposals_of: dict[int, dict[str, str]] = {}
        for record_id, _key, agent, alerts, version, _at in population_results(session, audit.id):
            self.population += 1
            totals = self.agents.setdefault(agent, [0, 0])
            if alerts is None:
                continue
            self.screened += 1
            totals[0] += 1
            assert version is not None  # stored with the alerts
            self.versions.add(version)
            codes = {str(a["code"]) for a in alerts}
            self.informs.update({str(a["code"]): str(a.get("criterion") or "") for a in alerts})
            self.by_code.update(codes)
            self.agent_codes.setdefault(agent, Counter()).update(codes)
            if codes:
                self.with_alerts += 1
                totals[1] += 1
            proposals_of[record_id] = _proposed(alerts)
        evaluations = complete_evaluation_proposals(session, audit.id)
        for record_id, answers, proposals in evaluations:
            for criterion, value in _offered(proposals, proposals_of.get(record_id, {})).items():
                self.shown[criterion] += 1
                if (answers or {}).get(criterion) == value:
                    self.agreed[criterion] += 1

    def figures(self, order: Sequence[str]) -> ScreeningFigures | None:
        if not self.screened:
            return None
        ranked = sorted(self.shown, key=lambda k: (order.index(k) if k in order else len(order), k))
        return ScreeningFigures(
            population=self.population,
            screened=self.screened,
            with_alerts=self.with_alerts,
            alerts=tuple(
                ScreeningAlertRow(
                    code,
                    ALERT_LABELS[code],
                    self.criteria.get(self.informs[code], self.informs[code]),
                    self.by_code[code],
                )
                for code in ALERT_CODES
                if self.by_code[code]
            ),
            by_agent=tuple(
                ScreeningAgentRow(
                    agent,
                    totals[0],
                    totals[1],
                    dict(self.agent_codes.get(agent, Counter())),
                )
                for agent, totals in sorted(self.agents.items())
                if totals[0]
            ),
            rules_version=", ".join(sorted(self.versions)),
            agreement=tuple(
                ScreeningAgreementRow(self.criteria.get(k, k), self.shown[k], self.agreed[k])
                for k in ranked
            ),
        )


def screening_figures(
    session: Session, audits: Sequence[tuple[Audit, ScoringScheme]]
) -> ScreeningFigures | None:
    """The screening of the populations of ``audits`` together; None when none of their
    records was ever screened."""
    tally = _Tally()
    order: list[str] = []
    for audit, scheme in audits:
        tally.add(session, audit, scheme)
        order += [c.key for c in scheme.criteria if c.key not in order]
    return tally.figures(order)
