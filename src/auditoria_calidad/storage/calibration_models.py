"""Tables of the calibration: blind double review of an audit's records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auditoria_calidad.storage.base import Base, IdType, stored_enum
from auditoria_calidad.storage.stored_states import CalibrationState


class CalibrationSession(Base):
    """Several evaluators judge the same records of an audit blind, to compare them.

    Its judgements are its own: the audit's evaluations and scores are never touched.
    """

    __tablename__ = "calibration_sessions"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id"), index=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    seed: Mapped[int | None] = mapped_column(BigInteger)  # None: records chosen by hand
    size: Mapped[int] = mapped_column(Integer)
    state: Mapped[CalibrationState] = mapped_column(
        stored_enum(CalibrationState, "calibration_state")
    )
    reference_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)


class CalibrationEvaluator(Base):
    __tablename__ = "calibration_evaluators"
    session_id: Mapped[int] = mapped_column(ForeignKey("calibration_sessions.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)


class CalibrationRecord(Base):
    __tablename__ = "calibration_records"
    session_id: Mapped[int] = mapped_column(ForeignKey("calibration_sessions.id"), primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)


class CalibrationJudgement(Base):
    """One evaluator's F182 judgements of one record of a session: criterion key → value,
    with the record's observation, as the form saves them; `version` detects concurrent
    edits (the form and an imported workbook)."""

    __tablename__ = "calibration_judgements"
    __table_args__ = (
        UniqueConstraint(
            "session_id", "evaluator_id", "record_id", name="uq_calibration_judgements_unit"
        ),
    )
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("calibration_sessions.id"), index=True)
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    observation: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
