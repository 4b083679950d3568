"""Sessions of the Comité de Calidad (activity 5.2.22): attendees, decisions, commitments,
minutes, carry-over, and closing audits.

A session reviews one or more answered (or sent) audits, which move to "in committee".
For each inconsistency the committee records a decision (answer accepted / not accepted /
follow-up) and agrees commitments. Open commitments and findings under follow-up carry
over to the next session automatically until closed. Issuing the minutes stores the PDF
with its SHA-256; an issued session is read-only. An audit is closed when every finding is
decided and none is under follow-up, and none of its commitments is open.

The use cases live in modules by purpose; this one gathers their names:
``committee_access`` (who may read or change a session), ``committee_session_data``
(what a session shows), ``committee_sessions`` (opening and preparing a session, its
attendees), ``committee_decisions`` (decisions, one or many), ``commitments``, and
``committee_minutes`` (the acta and each provider's extract). What they return is in
``committee_dtos``; the statements they run are in ``storage/queries/committee*.py``.
"""

from __future__ import annotations

from auditoria_calidad.services.commitments import (
    COMMITMENT_LABELS,
    CommitmentInfo,
    add_commitment,
    close_commitment,
    commitment_infos,
    list_commitments,
)
from auditoria_calidad.services.committee_access import (
    REVIEWABLE,
    committee_session,
    session_audit_ids,
)
from auditoria_calidad.services.committee_decisions import (
    DECISION_WORDS,
    BatchResult,
    decide_answered,
    parse_decision,
    record_decision,
    record_decisions,
)
from auditoria_calidad.services.committee_session_data import (
    SESSION_LABELS,
    AttendeeInfo,
    SessionAuditView,
    SessionDetail,
    SessionInfo,
    find_session,
    get_session,
    list_sessions,
    on_agenda,
    reviewable_audits,
    session_detail,
    session_infos,
)
from auditoria_calidad.services.committee_sessions import (
    ACTA_PREFIX,
    SessionDetails,
    add_attendee,
    create_session,
    remove_attendee,
    set_attendee_present,
    update_session,
)
from auditoria_calidad.storage.models import CommitmentState, Decision, SessionState

__all__ = [
    "ACTA_PREFIX",
    "COMMITMENT_LABELS",
    "DECISION_WORDS",
    "REVIEWABLE",
    "SESSION_LABELS",
    "AttendeeInfo",
    "BatchResult",
    "CommitmentInfo",
    "CommitmentState",
    "Decision",
    "SessionAuditView",
    "SessionDetail",
    "SessionDetails",
    "SessionInfo",
    "SessionState",
    "add_attendee",
    "add_commitment",
    "close_commitment",
    "commitment_infos",
    "committee_session",
    "create_session",
    "decide_answered",
    "find_session",
    "get_session",
    "list_commitments",
    "list_sessions",
    "on_agenda",
    "parse_decision",
    "record_decision",
    "record_decisions",
    "remove_attendee",
    "reviewable_audits",
    "session_audit_ids",
    "session_detail",
    "session_infos",
    "set_attendee_present",
    "update_session",
]
