"""Committee minutes record start and end time, chair, secretary, quorum and conclusions;
every inconsistency has one number within its audit.

Existing findings are numbered as new ones are: by record key, then in the order of the
criteria of the audit's scheme (the order in which the findings of a record were created).

Revision ID: 0005_minutes_details
Revises: 0004_audit_annulment

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_minutes_details"
down_revision: str | Sequence[str] | None = "0004_audit_annulment"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _number_existing_findings() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "select f.id, f.audit_id from findings f join records r on r.id = f.record_id "
            "order by f.audit_id, r.key, f.id"
        )
    ).all()
    numbers: dict[int, int] = {}
    for finding_id, audit_id in rows:
        numbers[audit_id] = numbers.get(audit_id, 0) + 1
        conn.execute(
            sa.text("update findings set number = :n where id = :id"),
            {"n": numbers[audit_id], "id": finding_id},
        )


def upgrade() -> None:
    # Only ADD COLUMN and CREATE INDEX: on SQLite neither rebuilds a table, so rows that
    # other tables reference (answers, decisions, attendees) are never dropped and copied.
    with op.batch_alter_table("committee_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("starts_at", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("ends_at", sa.Time(), nullable=True))
        batch_op.add_column(
            sa.Column("chair", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("secretary", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("quorum", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("conclusions", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=True))
    _number_existing_findings()
    op.create_index("uq_findings_audit_number", "findings", ["audit_id", "number"], unique=True)


def _drop_columns(table: str, columns: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite's own DROP COLUMN: a batch rebuild would drop a referenced table.
        for column in columns:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        return
    for column in columns:
        op.drop_column(table, column)


def downgrade() -> None:
    op.drop_index("uq_findings_audit_number", table_name="findings")
    _drop_columns("findings", ("number",))
    _drop_columns(
        "committee_sessions",
        ("conclusions", "quorum", "secretary", "chair", "ends_at", "starts_at"),
    )
