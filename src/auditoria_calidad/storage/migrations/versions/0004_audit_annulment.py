"""Audits can be annulled with a reason.

Revision ID: 0004_audit_annulment
Revises: 0003_agent_identity

"""

from collections.abc import Sequence

revision: str = "0004_audit_annulment"
down_revision: str | Sequence[str] | None = "0003_agent_identity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
