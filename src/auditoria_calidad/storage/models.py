"""Tables of the whole audit cycle, as SQLAlchemy 2.x typed models.

Why the tables are shaped as they are is written down in docs/data-model.md.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from auditoria_calidad.domain.audit_lifecycle import AuditState as AuditState  # stored as its value
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.storage.base import Base as Base
from auditoria_calidad.storage.base import IdType, stored_enum
from auditoria_calidad.storage.stored_states import CalibrationState as CalibrationState
from auditoria_calidad.storage.stored_states import CommitmentState as CommitmentState
from auditoria_calidad.storage.stored_states import Decision as Decision
from auditoria_calidad.storage.stored_states import SampleOrigin as SampleOrigin
from auditoria_calidad.storage.stored_states import SessionState as SessionState

# --- Who ---------------------------------------------------------------------------------


class Provider(Base):
    """A contracted contact-centre provider (outsourcing)."""

    __tablename__ = "providers"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    target_score: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("90"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    agents: Mapped[list[Agent]] = relationship(back_populates="provider")


class Agent(Base):
    """A provider's agent (funcionario responsable), created as imports name them."""

    __tablename__ = "agents"
    __table_args__ = (UniqueConstraint("provider_id", "name", name="uq_agents_provider_name"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    provider: Mapped[Provider] = relationship(back_populates="agents")


class AgentAlias(Base):
    """A name merged into an agent: imports that write it resolve to that agent.

    The merged agent's row is deleted once its records are moved; this row keeps its
    name, its id, who merged it and when.
    """

    __tablename__ = "agent_aliases"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))  # domain.agent_names.agent_key
    merged_agent_id: Mapped[int | None] = mapped_column(BigInteger)  # the deleted agent's id
    merged_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    merged_at: Mapped[datetime] = mapped_column(DateTime)


class AgentDistinction(Base):
    """Two names of a provider's agents that someone confirmed are two people: the pair is
    no longer proposed for merging. Kept by the names' keys (``agent_key``), in order, so
    it holds across imports and merges."""

    __tablename__ = "agent_distinctions"
    __table_args__ = (
        UniqueConstraint(
            "provider_id", "first_key", "second_key", name="uq_agent_distinctions_pair"
        ),
    )
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"), index=True)
    first_key: Mapped[str] = mapped_column(String(200))
    second_key: Mapped[str] = mapped_column(String(200))
    first_name: Mapped[str] = mapped_column(String(200))
    second_name: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(DateTime)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[Role] = mapped_column(stored_enum(Role, "user_role"))
    # Only for provider managers: the one provider whose data they may read.
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("providers.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Login protection (services.auth): failures in a row, the last one, and the lockout
    # that only an administrator lifts.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)

    provider: Mapped[Provider | None] = relationship()


class UnknownLoginName(Base):
    """Failed logins under a name that is no user: delayed and locked like a user's, so that
    the answers never tell whether a name exists."""

    __tablename__ = "unknown_login_names"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)


# --- What comes in -----------------------------------------------------------------------


class ImportBatch(Base):
    """One imported file: what, by whom, with which mapping, and what came of it."""

    __tablename__ = "import_batches"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"), index=True)
    channel: Mapped[Channel] = mapped_column(stored_enum(Channel, "channel"))
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    sheet: Mapped[str | None] = mapped_column(String(200))
    header_row: Mapped[int | None] = mapped_column(Integer)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    total_rows: Mapped[int] = mapped_column(Integer, default=0)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    # Conflicts (changed records already evaluated): key and what differed, for the summary.
    conflict_details: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # The file gave each answer's day without its hour (stored at 00:00): the hours to
    # answer of the records this batch wrote are not known.
    answer_days_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class MappingProfile(Base):
    """A named header → field mapping, chosen automatically when the headers match."""

    __tablename__ = "mapping_profiles"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[Channel] = mapped_column(stored_enum(Channel, "channel"))
    headers_signature: Mapped[str] = mapped_column(String(64), index=True)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Record(Base):
    """A contact-centre record of either channel (one table: see docs/data-model.md)."""

    __tablename__ = "records"
    __table_args__ = (
        UniqueConstraint("provider_id", "channel", "key", name="uq_records_provider_channel_key"),
        Index("ix_records_scope", "provider_id", "channel", "received_at"),
    )
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"))
    channel: Mapped[Channel] = mapped_column(stored_enum(Channel, "channel"))
    key: Mapped[str] = mapped_column(String(100))  # radicado or chat id
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime)  # fecha de ingreso / tiempo de ingreso
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    identity_number: Mapped[str | None] = mapped_column(String(20))
    requester_name: Mapped[str | None] = mapped_column(String(300))
    request_type: Mapped[str | None] = mapped_column(String(200))
    service: Mapped[str | None] = mapped_column(String(300))
    crm_registrations: Mapped[int | None] = mapped_column(Integer)
    request_text: Mapped[str | None] = mapped_column(Text)
    answer_text: Mapped[str | None] = mapped_column(Text)
    wait_seconds: Mapped[int | None] = mapped_column(Integer)
    registered_in_crm: Mapped[bool | None] = mapped_column(Boolean)
    user_rating: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    content_hash: Mapped[str] = mapped_column(String(64))
    # Provenance of the current content: which batch, file, sheet and row it came from.
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id"), index=True)
    source_file: Mapped[str] = mapped_column(String(500))
    source_sheet: Mapped[str | None] = mapped_column(String(200))
    source_row: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)

    agent: Mapped[Agent] = relationship()
    batch: Mapped[ImportBatch] = relationship()

    @property
    def answered_day_only(self) -> bool:
        """The answer's hour is not known: the export gave its day only (stored at 00:00)."""
        return self.answered_at is not None and self.batch.answer_days_only


class RejectedRow(Base):
    """A row of an imported file that was not taken, with its original cells and reason."""

    __tablename__ = "rejected_rows"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id"), index=True)
    sheet: Mapped[str | None] = mapped_column(String(200))
    row_number: Mapped[int] = mapped_column(Integer)
    column: Mapped[str | None] = mapped_column(String(300))
    reason: Mapped[str] = mapped_column(Text)
    cells: Mapped[dict[str, Any]] = mapped_column(JSON)


# --- The audit ---------------------------------------------------------------------------


class ScoringScheme(Base):
    """One version of a scoring scheme; editing makes a new row, never changes one."""

    __tablename__ = "scoring_schemes"
    __table_args__ = (UniqueConstraint("name", "version", name="uq_scoring_schemes_name_version"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[Channel] = mapped_column(stored_enum(Channel, "channel"))
    version: Mapped[int] = mapped_column(Integer)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Audit(Base):
    """One quality visit: a channel, a provider and a period, with its frozen population."""

    __tablename__ = "audits"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)  # report number
    channel: Mapped[Channel] = mapped_column(stored_enum(Channel, "channel"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"), index=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    state: Mapped[AuditState] = mapped_column(stored_enum(AuditState, "audit_state"))
    scheme_id: Mapped[int] = mapped_column(ForeignKey("scoring_schemes.id"))
    # The provider's target when the audit was created, so reports stay reproducible.
    target_score: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    fraction: Mapped[Decimal | None] = mapped_column(Numeric(4, 3))
    seed: Mapped[int | None] = mapped_column(BigInteger)
    conclusions: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    report_sha256: Mapped[str | None] = mapped_column(String(64))
    report_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    response_deadline: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    annulled_at: Mapped[datetime | None] = mapped_column(DateTime)
    annulled_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    annul_reason: Mapped[str | None] = mapped_column(Text)
    # Counts saves of the conclusions and recommendations (a stale save is refused).
    conclusions_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    provider: Mapped[Provider] = relationship()
    scheme: Mapped[ScoringScheme] = relationship()


class PopulationMember(Base):
    """A record of an audit's population, frozen when the audit was created or refreshed."""

    __tablename__ = "population_members"
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id"), primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(DateTime)


class SampleItem(Base):
    """A record in an audit's sample: drawn, manual or replacement; removed ones stay."""

    __tablename__ = "sample_items"
    __table_args__ = (
        UniqueConstraint("audit_id", "record_id", name="uq_sample_items_audit_record"),
    )
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id"), index=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"))
    origin: Mapped[SampleOrigin] = mapped_column(stored_enum(SampleOrigin, "sample_origin"))
    added_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime)
    removed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime)
    removal_reason: Mapped[str | None] = mapped_column(Text)
    addition_reason: Mapped[str | None] = mapped_column(Text)  # directed additions: why

    record: Mapped[Record] = relationship()


class Evaluation(Base):
    """The F182 form filled for one sample item; `version` detects concurrent edits."""

    __tablename__ = "evaluations"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    sample_item_id: Mapped[int] = mapped_column(ForeignKey("sample_items.id"), unique=True)
    # criterion key → value ("cumple" / "no_cumple" / "na", or a level key)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    spelling_level: Mapped[str | None] = mapped_column(String(40))
    spelling_suspects: Mapped[int | None] = mapped_column(Integer)
    word_count: Mapped[int | None] = mapped_column(Integer)
    observations: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    score_without_critical: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime)
    # The screening's proposals the form showed, per criterion key: {"proposed": value,
    # "codes": [alert codes], "accepted": bool} (accepted, or overridden by the auditor).
    proposals: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    sample_item: Mapped[SampleItem] = relationship()


class ScreeningResult(Base):
    """The screening's alerts of one record of an audit's population, with the version of
    the rules that found them; replaced whole each time the audit is screened."""

    __tablename__ = "screening_results"
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id"), primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    rules_version: Mapped[str] = mapped_column(String(40))
    # [{"code", "criterion", "evidence", "words", "proposed"}, ...] in the engine's order
    alerts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    screened_at: Mapped[datetime] = mapped_column(DateTime)


# --- After approval ----------------------------------------------------------------------


class Finding(Base):
    """An inconsistency: one failed criterion of one evaluated record of an approved audit."""

    __tablename__ = "findings"
    __table_args__ = (
        UniqueConstraint("evaluation_id", "criterion_key", name="uq_findings_evaluation_criterion"),
        Index("uq_findings_audit_number", "audit_id", "number", unique=True),
    )
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id"), index=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluations.id"))
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    criterion_key: Mapped[str] = mapped_column(String(80))
    criterion_label: Mapped[str] = mapped_column(String(300))
    observation: Mapped[str] = mapped_column(Text, default="")
    # The inconsistency's number within its audit, the same in every document and screen.
    number: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Latest committee decision, denormalised so that "seguimiento" can carry over.
    committee_state: Mapped[Decision | None] = mapped_column(stored_enum(Decision, "decision"))


class ProviderAnswer(Base):
    """The provider manager's answer to one finding (one per finding; changes are logged)."""

    __tablename__ = "provider_answers"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id"), unique=True)
    cause_analysis: Mapped[str] = mapped_column(Text, default="")
    corrective_action: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str] = mapped_column(String(300), default="")
    commitment_date: Mapped[date | None] = mapped_column(Date)
    answered_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[datetime] = mapped_column(DateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class CommitteeSession(Base):
    """A session of the Comité de Calidad; issued minutes are stored with their hash."""

    __tablename__ = "committee_sessions"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    acta_number: Mapped[str] = mapped_column(String(40), unique=True)
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(300), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[time | None] = mapped_column(Time)
    ends_at: Mapped[time | None] = mapped_column(Time)
    chair: Mapped[str] = mapped_column(String(200), default="")
    secretary: Mapped[str] = mapped_column(String(200), default="")
    quorum: Mapped[bool | None] = mapped_column(Boolean)
    conclusions: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[SessionState] = mapped_column(stored_enum(SessionState, "session_state"))
    minutes_sha256: Mapped[str | None] = mapped_column(String(64))
    minutes_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    issued_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class MinutesExtract(Base):
    """What one provider receives of an issued acta (only its own inconsistencies, answers
    and commitments), stored with its hash when the acta is issued."""

    __tablename__ = "minutes_extracts"
    __table_args__ = (
        UniqueConstraint("session_id", "provider_id", name="uq_minutes_extracts_session_provider"),
    )
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("committee_sessions.id"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)


class SessionAudit(Base):
    __tablename__ = "session_audits"
    session_id: Mapped[int] = mapped_column(ForeignKey("committee_sessions.id"), primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id"), primary_key=True)


class Attendee(Base):
    __tablename__ = "attendees"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("committee_sessions.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(200), default="")
    organization: Mapped[str] = mapped_column(String(200), default="")
    present: Mapped[bool] = mapped_column(Boolean, default=True)


class CommitteeDecision(Base):
    """The committee's decision on one finding and its answer, in one session."""

    __tablename__ = "committee_decisions"
    __table_args__ = (
        UniqueConstraint("session_id", "finding_id", name="uq_committee_decisions_session_finding"),
    )
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("committee_sessions.id"), index=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id"))
    decision: Mapped[Decision] = mapped_column(stored_enum(Decision, "decision"))
    observation: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(DateTime)


class Commitment(Base):
    """A commitment agreed in a session; open ones carry over to the next session."""

    __tablename__ = "commitments"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("committee_sessions.id"), index=True)
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id"))
    # The audit the commitment belongs to (also set when it names a finding); None: general.
    audit_id: Mapped[int | None] = mapped_column(ForeignKey("audits.id"), index=True)
    action: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(String(300))
    organization: Mapped[str] = mapped_column(String(300), default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    state: Mapped[CommitmentState] = mapped_column(stored_enum(CommitmentState, "commitment_state"))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_in_session_id: Mapped[int | None] = mapped_column(ForeignKey("committee_sessions.id"))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


# --- Cross-cutting -----------------------------------------------------------------------


class AuditLogEntry(Base):
    """Append-only: who changed what, when, old → new. Triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(80))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int | None] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(60))
    field: Mapped[str | None] = mapped_column(String(120))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class Setting(Base):
    """Office-wide settings (entity name, logo, calendar...) shared by every user of a database."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


def full_metadata() -> MetaData:
    """The metadata of every table. The calibration tables' models (calibration_models.py)
    are loaded here and by the modules that use them, not with these: a command that never
    touches a calibration starts without them."""
    from auditoria_calidad.storage import calibration_models  # noqa: F401  (registers them)

    return Base.metadata
