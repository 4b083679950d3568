"""Failed login attempts, growing delay and lockout per user.

Each user counts its failed logins in a row, with the time of the last one and the time
it was locked; names that are no user are counted in a table of their own, so that an
unknown name is delayed and locked exactly as a user is.

Revision ID: 0006_login_protection
Revises: 0005_minutes_details

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_login_protection"
down_revision: str | Sequence[str] | None = "0005_minutes_details"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

USER_COLUMNS = ("locked_at", "last_failed_login_at", "failed_logins")


def upgrade() -> None:
    # Only ADD COLUMN: on SQLite it does not rebuild the users table, which most tables
    # reference.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("last_failed_login_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("locked_at", sa.DateTime(), nullable=True))
    op.create_table(
        "unknown_login_names",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("last_failed_login_at", sa.DateTime(), nullable=True),
        sa.Column("locked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unknown_login_names")),
        sa.UniqueConstraint("username", name=op.f("uq_unknown_login_names_username")),
    )


def downgrade() -> None:
    op.drop_table("unknown_login_names")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite's own DROP COLUMN: a batch rebuild would drop a referenced table.
        for column in USER_COLUMNS:
            op.execute(f"ALTER TABLE users DROP COLUMN {column}")
        return
    for column in USER_COLUMNS:
        op.drop_column("users", column)
