"""Calibration sessions: evaluators, records and blind judgements.

Revision ID: 0008_calibration
Revises: 0007_edit_versions

"""

from collections.abc import Sequence

revision: str = "0008_calibration"
down_revision: str | Sequence[str] | None = "0007_edit_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
