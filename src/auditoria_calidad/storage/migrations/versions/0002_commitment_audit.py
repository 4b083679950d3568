"""A committee commitment may belong to an audit (not only to one of its findings).

An audit can only be closed when none of its commitments is open; a commitment agreed
for the audit as a whole ("re-train every agent on spelling") names no single finding,
so it needs its own link to the audit.

Revision ID: 0002_commitment_audit
Revises: 0001

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_commitment_audit"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "audit_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
            )
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_commitments_audit_id_audits"), "audits", ["audit_id"], ["id"]
        )
        batch_op.create_index(batch_op.f("ix_commitments_audit_id"), ["audit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitments_audit_id"))
        batch_op.drop_constraint(batch_op.f("fk_commitments_audit_id_audits"), type_="foreignkey")
        batch_op.drop_column("audit_id")
