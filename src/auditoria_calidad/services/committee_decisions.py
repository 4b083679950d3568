"""The committee's decisions on inconsistencies: one at a time, or many in one transaction.

A decision is answer accepted, not accepted, or follow-up; an observation is required
unless accepted. Every decision is logged. An edit that expects a decision other than the
one stored now is refused (`DecisionConflict`), and a batch with any stale decision is
refused as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_changes, log_event
from auditoria_calidad.services.audits import load_audit
from auditoria_calidad.services.committee_access import committee_session, now, session_audit_ids
from auditoria_calidad.services.committee_conflicts import (
    NO_DECISION,
    DecisionStamp,
    check_expected,
)
from auditoria_calidad.services.committee_dtos import BatchResult as BatchResult
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ConcurrentEdit, InvalidInput, NotFound
from auditoria_calidad.services.findings import FindingInfo, findings_in_session
from auditoria_calidad.storage.models import (
    CommitteeDecision,
    CommitteeSession,
    Decision,
    Finding,
)
from auditoria_calidad.storage.queries.committee_decisions import (
    answered_undecided_finding_ids,
    audit_numbers,
    decision_for_update,
    decision_ids_by_finding,
    decisions_for_update,
    findings_for_update,
    insert_decisions,
    insert_log_entries,
    set_committee_state,
)

DECISION_WORDS = {
    "aceptada": Decision.ACCEPTED,
    "no_aceptada": Decision.REJECTED,
    "seguimiento": Decision.FOLLOW_UP,
}


def parse_decision(text: str | Decision) -> Decision:
    """aceptada / no_aceptada / seguimiento (or the stored value)."""
    if isinstance(text, Decision):
        return text
    word = text.strip().lower().replace(" ", "_").replace("-", "_")
    if word in DECISION_WORDS:
        return DECISION_WORDS[word]
    for decision in Decision:
        if word == decision.value:
            return decision
    raise InvalidInput(f"Decisión desconocida «{text}»: use aceptada, no_aceptada o seguimiento.")


def _decision_note(decision: Decision | str, observation: str) -> tuple[Decision, str]:
    chosen = parse_decision(decision)
    note = observation.strip()
    if chosen is not Decision.ACCEPTED and not note:
        raise InvalidInput(
            "Escriba la observación del comité: es obligatoria cuando la respuesta no se acepta "
            "o queda en seguimiento."
        )
    return chosen, note


def _decide(
    session: Session,
    actor: Actor,
    row: CommitteeSession,
    finding_id: int,
    chosen: Decision,
    note: str,
    expected: DecisionStamp | None = None,
) -> Finding:
    """Record one decision inside the caller's transaction (the session already writable);
    refused (DecisionConflict) when ``expected`` is not the decision stored now."""
    finding = session.get(Finding, finding_id)
    if finding is None or finding.audit_id not in session_audit_ids(session, row.id):
        raise NotFound(f"El hallazgo {finding_id} no es de una auditoría de esta sesión.")
    # Locked: a concurrent decision waits, then sees this one.
    existing = decision_for_update(session, row.id, finding_id)
    check_expected(session, existing, finding, expected)
    old = (
        {}
        if existing is None
        else {"decision": existing.decision.value, "observacion": existing.observation}
    )
    if existing is None:
        existing = CommitteeDecision(session_id=row.id, finding_id=finding_id)
        session.add(existing)
    existing.decision = chosen
    existing.observation = note
    existing.decided_by = actor.id
    existing.decided_at = now()
    finding.committee_state = chosen
    session.flush()
    log_changes(
        session,
        actor,
        "committee_decision",
        existing.id,
        old,
        {"decision": chosen.value, "observacion": note},
    )
    log_event(
        session,
        actor,
        "finding",
        finding.id,
        "decision",
        field="committee_state",
        old=old.get("decision"),
        new=chosen.value,
    )
    return finding


def record_decision(
    db: Database,
    actor: Actor,
    session_id: int,
    finding_id: int,
    decision: Decision | str,
    observation: str = "",
    *,
    expected: DecisionStamp | None = None,
) -> FindingInfo:
    """The committee's decision on one finding of an audit reviewed in the session.

    ``expected`` is the decision the user saw (`SessionAuditView.stamps`, or NO_DECISION);
    when another one was recorded since, DecisionConflict is raised and nothing changes.
    """
    chosen, note = _decision_note(decision, observation)
    with db.transaction() as session:
        row = committee_session(session, actor, session_id, write=True)
        finding = _decide(session, actor, row, finding_id, chosen, note, expected)
        audit = load_audit(session, actor, finding.audit_id)
        return next(f for f in findings_in_session(session, actor, [audit]) if f.id == finding_id)


class StaleDecisions(ConcurrentEdit):
    """Some decisions of a batch changed since they were shown: nothing was recorded."""

    def __init__(self, references: list[str]) -> None:
        shown = ", ".join(references[:15]) + ("…" if len(references) > 15 else "")
        super().__init__(
            f"Otro miembro del comité registró decisiones sobre "
            f"{counted(len(references), 'inconsistencia', 'inconsistencias')} de las elegidas "
            f"({shown}) mientras usted decidía. No se registró ninguna decisión: revise la "
            "lista actualizada y vuelva a decidir."
        )
        self.references = references


def record_decisions(
    db: Database,
    actor: Actor,
    session_id: int,
    decisions: Sequence[tuple[int, Decision | str, str]],
    *,
    expected: Mapping[int, DecisionStamp] | None = None,
) -> BatchResult:
    """Several decisions (finding id, decision, observation) in one transaction: all are
    recorded, or none. ``expected`` maps finding ids to the decision the user saw; when any
    of them changed meanwhile, StaleDecisions is raised for the whole batch."""
    checked = [(fid, *_decision_note(d, note)) for fid, d, note in decisions]
    with db.transaction() as session:
        row = committee_session(session, actor, session_id, write=True)
        return _decide_many(session, actor, row, checked, expected or {})


def decide_answered(
    db: Database,
    actor: Actor,
    session_id: int,
    decision: Decision | str,
    observation: str = "",
) -> BatchResult:
    """The same decision on every inconsistency on the session's table that the provider
    answered and that has no decision in this session yet, in one transaction."""
    chosen, note = _decision_note(decision, observation)
    with db.transaction() as session:
        row = committee_session(session, actor, session_id, write=True)
        pending = answered_undecided(session, row.id)
        if not pending:
            raise InvalidInput(
                f"En la sesión {row.acta_number} no quedan inconsistencias respondidas por el "
                "proveedor sin decisión."
            )
        return _decide_many(
            session,
            actor,
            row,
            [(fid, chosen, note) for fid in pending],
            dict.fromkeys(pending, NO_DECISION),
        )


def answered_undecided(session: Session, session_id: int) -> list[int]:
    """Ids of the session's inconsistencies with a submitted answer and no decision here
    (those settled by an earlier session are off the table)."""
    return answered_undecided_finding_ids(
        session, session_id, session_audit_ids(session, session_id)
    )


def _decide_many(
    session: Session,
    actor: Actor,
    row: CommitteeSession,
    checked: Sequence[tuple[int, Decision, str]],
    expected: Mapping[int, DecisionStamp],
) -> BatchResult:
    """Record the batch with a fixed number of queries, whatever its size."""
    wanted = list(dict.fromkeys(fid for fid, _d, _n in checked))
    if not wanted:
        raise InvalidInput("Elija al menos una inconsistencia.")
    reviewed = set(session_audit_ids(session, row.id))
    found = {f.id: f for f in findings_for_update(session, wanted)}
    foreign = [fid for fid in wanted if fid not in found or found[fid].audit_id not in reviewed]
    if foreign:
        raise NotFound(
            f"{'El hallazgo' if len(foreign) == 1 else 'Los hallazgos'} "
            f"{', '.join(map(str, foreign[:15]))} no "
            f"{'es' if len(foreign) == 1 else 'son'} de una auditoría de esta sesión."
        )
    numbers = audit_numbers(session, {f.audit_id for f in found.values()})
    for audit_id in numbers:
        load_audit(session, actor, audit_id)  # the actor may see its provider
    # Locked: a concurrent decision waits, then sees these.
    existing = {d.finding_id: d for d in decisions_for_update(session, row.id, wanted)}

    def reference(fid: int) -> str:
        return f"{numbers[found[fid].audit_id]}/{found[fid].number}"

    stale = sorted(
        (
            fid
            for fid, stamp in expected.items()
            if fid in found and _stale(existing.get(fid), stamp)
        ),
        key=lambda fid: (numbers[found[fid].audit_id], found[fid].number or 0),
    )
    if stale:
        raise StaleDecisions([reference(fid) for fid in stale])
    moment = now()
    olds: dict[int, dict[str, str]] = {}
    new_rows: list[dict[str, object]] = []
    for fid, chosen, note in checked:
        decision = existing.get(fid)
        if decision is None:
            olds[fid] = {}
            new_rows.append(
                {
                    "session_id": row.id,
                    "finding_id": fid,
                    "decision": chosen,
                    "observation": note,
                    "decided_by": actor.id,
                    "decided_at": moment,
                }
            )
            continue
        olds[fid] = {"decision": decision.decision.value, "observacion": decision.observation}
        decision.decision = chosen
        decision.observation = note
        decision.decided_by = actor.id
        decision.decided_at = moment
    session.flush()
    # New decisions and the log go in as one executemany each (no RETURNING per row), and
    # the findings' state as one UPDATE per decision kind.
    if new_rows:
        insert_decisions(session, new_rows)
    ids = decision_ids_by_finding(session, row.id, wanted)
    by_kind: dict[Decision, list[int]] = {}
    for fid, chosen, _note in checked:
        by_kind.setdefault(chosen, []).append(fid)
    for chosen, fids in by_kind.items():
        set_committee_state(session, fids, chosen)
    log: list[dict[str, object]] = []
    for fid, chosen, note in checked:
        old = olds[fid]
        new = {"decision": chosen.value, "observacion": note}
        for name in sorted(set(old) | set(new)):
            if old.get(name) != new.get(name):
                log.append(
                    _log_row(
                        actor,
                        moment,
                        "committee_decision",
                        ids[fid],
                        "update",
                        name,
                        old.get(name),
                        new[name],
                    )
                )
        log.append(
            _log_row(
                actor,
                moment,
                "finding",
                fid,
                "decision",
                "committee_state",
                old.get("decision"),
                chosen.value,
            )
        )
    insert_log_entries(session, log)
    ordered = sorted(wanted, key=lambda fid: (numbers[found[fid].audit_id], found[fid].number or 0))
    return BatchResult(len(wanted), tuple(reference(fid) for fid in ordered))


def _log_row(
    actor: Actor,
    moment: datetime,
    entity: str,
    entity_id: int,
    action: str,
    name: str,
    old: str | None,
    new: str | None,
) -> dict[str, object]:
    """An audit log entry as `log_event` writes it, for a bulk insert."""
    return {
        "at": moment,
        "user_id": actor.id or None,
        "username": actor.username,
        "entity": entity,
        "entity_id": entity_id,
        "action": action,
        "field": name,
        "old_value": old,
        "new_value": new,
    }


def _stale(existing: CommitteeDecision | None, expected: DecisionStamp) -> bool:
    if existing is None:
        return expected.decision is not None
    if existing.decision != expected.decision:
        return True
    return expected.decided_at is not None and existing.decided_at != expected.decided_at
