"""Each provider's extract of an issued acta, stored with its SHA-256.

Revision ID: 0010_minutes_extracts
Revises: 0009_screening

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_minutes_extracts"
down_revision: str | Sequence[str] | None = "0009_screening"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "minutes_extracts",
        sa.Column("id", _ID, nullable=False),
        sa.Column("session_id", _ID, nullable=False),
        sa.Column("provider_id", _ID, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["committee_sessions.id"],
            name=op.f("fk_minutes_extracts_session_id_committee_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["providers.id"],
            name=op.f("fk_minutes_extracts_provider_id_providers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_extracts")),
        sa.UniqueConstraint(
            "session_id", "provider_id", name="uq_minutes_extracts_session_provider"
        ),
    )
    with op.batch_alter_table("minutes_extracts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_minutes_extracts_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("minutes_extracts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_minutes_extracts_session_id"))
    op.drop_table("minutes_extracts")
