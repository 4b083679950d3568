"""Version columns for optimistic locking of every shared edit.

An audit counts the saves of its conclusions and recommendations; a commitment and each
office setting (one row per key) carry the version every save increments, so that a save
made on what someone else has changed since is refused instead of overwriting it.

Revision ID: 0007_edit_versions
Revises: 0006_login_protection

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_edit_versions"
down_revision: str | Sequence[str] | None = "0006_login_protection"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table → (column, server default)
COLUMNS = (
    ("audits", "conclusions_version", "0"),
    ("commitments", "version", "1"),
    ("settings", "version", "1"),
)


def upgrade() -> None:
    # Only ADD COLUMN: on SQLite it does not rebuild the tables others reference.
    for table, column, default in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(column, sa.Integer(), nullable=False, server_default=default)
            )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column, _default in COLUMNS:
        if sqlite:
            # SQLite's own DROP COLUMN: a batch rebuild would drop a referenced table.
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        else:
            op.drop_column(table, column)
