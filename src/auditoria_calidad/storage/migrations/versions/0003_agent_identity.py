"""Agents: merge history and name aliases, so two spellings of one person are one agent.

Revision ID: 0003_agent_identity
Revises: 0002_commitment_audit

"""

from collections.abc import Sequence

revision: str = "0003_agent_identity"
down_revision: str | Sequence[str] | None = "0002_commitment_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
