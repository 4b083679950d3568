"""Pairs of agent names confirmed to be two people: no longer proposed for merging.

Revision ID: 0011_agent_distinctions
Revises: 0010_minutes_extracts

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_agent_distinctions"
down_revision: str | Sequence[str] | None = "0010_minutes_extracts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "agent_distinctions",
        sa.Column("id", _ID, nullable=False),
        sa.Column("provider_id", _ID, nullable=False),
        sa.Column("first_key", sa.String(length=200), nullable=False),
        sa.Column("second_key", sa.String(length=200), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("second_name", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", _ID, nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["providers.id"],
            name=op.f("fk_agent_distinctions_provider_id_providers"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_agent_distinctions_decided_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_distinctions")),
        sa.UniqueConstraint(
            "provider_id", "first_key", "second_key", name="uq_agent_distinctions_pair"
        ),
    )
    with op.batch_alter_table("agent_distinctions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agent_distinctions_provider_id"), ["provider_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("agent_distinctions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agent_distinctions_provider_id"))
    op.drop_table("agent_distinctions")
