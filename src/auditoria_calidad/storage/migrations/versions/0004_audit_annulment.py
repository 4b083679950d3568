"""Audits can be annulled with a reason.

A draft audit created by mistake (a second one for the same channel, provider and period)
is annulled rather than deleted: it stays, with who annulled it, when and why, and is left
out of lists, defaults and reports. The state column's CHECK constraint is rebuilt so that
it accepts "annulled" (on SQLite the batch recreates the table).

Revision ID: 0004_audit_annulment
Revises: 0003_agent_identity

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_audit_annulment"
down_revision: str | Sequence[str] | None = "0003_agent_identity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = ("draft", "in_review", "ready", "approved", "sent", "answered", "in_committee", "closed")
CHECK_NAME = "ck_audits_audit_state"


def _state_check(states: Sequence[str]) -> str:
    return "state IN (" + ", ".join(f"'{s}'" for s in states) + ")"


def upgrade() -> None:
    with op.batch_alter_table("audits", schema=None, recreate="auto") as batch_op:
        batch_op.add_column(sa.Column("annulled_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "annulled_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
            )
        )
        batch_op.add_column(sa.Column("annul_reason", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_audits_annulled_by_users"), "users", ["annulled_by"], ["id"]
        )
        batch_op.drop_constraint(batch_op.f(CHECK_NAME), type_="check")
        batch_op.create_check_constraint(
            batch_op.f(CHECK_NAME), sa.text(_state_check((*STATES, "annulled")))
        )


def downgrade() -> None:
    annulled = op.get_bind().scalar(sa.text("SELECT count(*) FROM audits WHERE state = 'annulled'"))
    if annulled:
        raise RuntimeError(
            f"Hay {annulled} auditorías anuladas: la versión anterior del esquema no las admite."
        )
    with op.batch_alter_table("audits", schema=None, recreate="auto") as batch_op:
        batch_op.drop_constraint(batch_op.f(CHECK_NAME), type_="check")
        batch_op.create_check_constraint(batch_op.f(CHECK_NAME), sa.text(_state_check(STATES)))
        batch_op.drop_constraint(batch_op.f("fk_audits_annulled_by_users"), type_="foreignkey")
        batch_op.drop_column("annul_reason")
        batch_op.drop_column("annulled_by")
        batch_op.drop_column("annulled_at")
