"""Failed login attempts, growing delay and lockout per user.

Revision ID: 0006_login_protection
Revises: 0005_minutes_details

"""

from collections.abc import Sequence

revision: str = "0006_login_protection"
down_revision: str | Sequence[str] | None = "0005_minutes_details"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
