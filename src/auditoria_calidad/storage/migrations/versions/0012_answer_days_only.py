"""Import batches whose answer dates came without their hour.

Revision ID: 0012_answer_days_only
Revises: 0011_agent_distinctions

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_answer_days_only"
down_revision: str | Sequence[str] | None = "0011_agent_distinctions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("import_batches") as batch:
        batch.add_column(
            sa.Column("answer_days_only", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("import_batches") as batch:
        batch.drop_column("answer_days_only")
