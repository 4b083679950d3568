"""Agents: merge history and name aliases, so two spellings of one person are one agent.

Revision ID: 0003_agent_identity
Revises: 0002_commitment_audit

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_agent_identity"
down_revision: str | Sequence[str] | None = "0002_commitment_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "agent_aliases",
        sa.Column("id", _ID, nullable=False),
        sa.Column("agent_id", _ID, nullable=False),
        sa.Column("provider_id", _ID, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("merged_agent_id", sa.BigInteger(), nullable=True),
        sa.Column("merged_by", _ID, nullable=True),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_agent_aliases_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["providers.id"], name=op.f("fk_agent_aliases_provider_id_providers")
        ),
        sa.ForeignKeyConstraint(
            ["merged_by"], ["users.id"], name=op.f("fk_agent_aliases_merged_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_aliases")),
    )
    with op.batch_alter_table("agent_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agent_aliases_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_agent_aliases_provider_id"), ["provider_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("agent_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agent_aliases_provider_id"))
        batch_op.drop_index(batch_op.f("ix_agent_aliases_agent_id"))
    op.drop_table("agent_aliases")
