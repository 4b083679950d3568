"""Calibration sessions: evaluators, records and blind judgements.

A session takes records of an audit and two or more evaluators; each evaluator's
judgements of a record are one row (criterion key → value, and the observation), kept
apart from the audit's evaluations.

Revision ID: 0008_calibration
Revises: 0007_edit_versions

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_calibration"
down_revision: str | Sequence[str] | None = "0007_edit_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.types.TypeEngine[int]:
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "calibration_sessions",
        sa.Column("id", _id(), nullable=False),
        sa.Column("audit_id", _id(), nullable=False),
        sa.Column("created_by", _id(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "open",
                "revealed",
                "closed",
                name="calibration_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reference_user_id", _id(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["audit_id"], ["audits.id"], name=op.f("fk_calibration_sessions_audit_id_audits")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_calibration_sessions_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["reference_user_id"],
            ["users.id"],
            name=op.f("fk_calibration_sessions_reference_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calibration_sessions")),
    )
    op.create_index(op.f("ix_calibration_sessions_audit_id"), "calibration_sessions", ["audit_id"])
    op.create_table(
        "calibration_evaluators",
        sa.Column("session_id", _id(), nullable=False),
        sa.Column("user_id", _id(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["calibration_sessions.id"],
            name=op.f("fk_calibration_evaluators_session_id_calibration_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_calibration_evaluators_user_id_users")
        ),
        sa.PrimaryKeyConstraint("session_id", "user_id", name=op.f("pk_calibration_evaluators")),
    )
    op.create_table(
        "calibration_records",
        sa.Column("session_id", _id(), nullable=False),
        sa.Column("record_id", _id(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["calibration_sessions.id"],
            name=op.f("fk_calibration_records_session_id_calibration_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_calibration_records_record_id_records")
        ),
        sa.PrimaryKeyConstraint("session_id", "record_id", name=op.f("pk_calibration_records")),
    )
    op.create_table(
        "calibration_judgements",
        sa.Column("id", _id(), nullable=False),
        sa.Column("session_id", _id(), nullable=False),
        sa.Column("evaluator_id", _id(), nullable=False),
        sa.Column("record_id", _id(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("observation", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["calibration_sessions.id"],
            name=op.f("fk_calibration_judgements_session_id_calibration_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["evaluator_id"],
            ["users.id"],
            name=op.f("fk_calibration_judgements_evaluator_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_calibration_judgements_record_id_records"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calibration_judgements")),
        sa.UniqueConstraint(
            "session_id", "evaluator_id", "record_id", name="uq_calibration_judgements_unit"
        ),
    )
    op.create_index(
        op.f("ix_calibration_judgements_session_id"), "calibration_judgements", ["session_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_calibration_judgements_session_id"), "calibration_judgements")
    op.drop_table("calibration_judgements")
    op.drop_table("calibration_records")
    op.drop_table("calibration_evaluators")
    op.drop_index(op.f("ix_calibration_sessions_audit_id"), "calibration_sessions")
    op.drop_table("calibration_sessions")
