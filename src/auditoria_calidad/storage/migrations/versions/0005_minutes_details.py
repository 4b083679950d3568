"""Committee minutes record start and end time, chair, secretary, quorum and conclusions.

Revision ID: 0005_minutes_details
Revises: 0004_audit_annulment

"""

from collections.abc import Sequence

revision: str = "0005_minutes_details"
down_revision: str | Sequence[str] | None = "0004_audit_annulment"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
