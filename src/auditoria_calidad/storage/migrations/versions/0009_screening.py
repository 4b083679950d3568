"""Screening results per record with the rules version.

Revision ID: 0009_screening
Revises: 0008_calibration

"""

from collections.abc import Sequence

revision: str = "0009_screening"
down_revision: str | Sequence[str] | None = "0008_calibration"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
