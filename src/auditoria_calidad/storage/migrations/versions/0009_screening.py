"""Screening results per record with the rules version.

Every record of an audit's population gets its screening alerts (a JSON list) with the
version of the rules that found them. The sample accepts directed additions (origin
"directed", the records of chosen alerts, with their reason): the origin column's CHECK
constraint is rebuilt (on SQLite the batch recreates the table). An evaluation keeps the
proposals the form showed and whether the auditor accepted or overrode them.

Revision ID: 0009_screening
Revises: 0008_calibration

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_screening"
down_revision: str | Sequence[str] | None = "0008_calibration"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
ORIGINS = ("drawn", "manual", "replacement")
CHECK_NAME = "ck_sample_items_sample_origin"


def _origin_check(origins: Sequence[str]) -> str:
    return "origin IN (" + ", ".join(f"'{o}'" for o in origins) + ")"


def upgrade() -> None:
    op.create_table(
        "screening_results",
        sa.Column("audit_id", _ID, nullable=False),
        sa.Column("record_id", _ID, nullable=False),
        sa.Column("rules_version", sa.String(length=40), nullable=False),
        sa.Column("alerts", sa.JSON(), nullable=False),
        sa.Column("screened_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"], ["audits.id"], name=op.f("fk_screening_results_audit_id_audits")
        ),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_screening_results_record_id_records")
        ),
        sa.PrimaryKeyConstraint("audit_id", "record_id", name=op.f("pk_screening_results")),
    )
    with op.batch_alter_table("evaluations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proposals", sa.JSON(), nullable=True))
    with op.batch_alter_table("sample_items", schema=None, recreate="auto") as batch_op:
        batch_op.add_column(sa.Column("addition_reason", sa.Text(), nullable=True))
        batch_op.drop_constraint(batch_op.f(CHECK_NAME), type_="check")
        batch_op.create_check_constraint(
            batch_op.f(CHECK_NAME), sa.text(_origin_check((*ORIGINS, "directed")))
        )


def downgrade() -> None:
    directed = op.get_bind().scalar(
        sa.text("SELECT count(*) FROM sample_items WHERE origin = 'directed'")
    )
    if directed:
        raise RuntimeError(
            f"Hay {directed} registros de muestra añadidos por alertas: la versión anterior "
            "del esquema no los admite."
        )
    with op.batch_alter_table("sample_items", schema=None, recreate="auto") as batch_op:
        batch_op.drop_constraint(batch_op.f(CHECK_NAME), type_="check")
        batch_op.create_check_constraint(batch_op.f(CHECK_NAME), sa.text(_origin_check(ORIGINS)))
        batch_op.drop_column("addition_reason")
    with op.batch_alter_table("evaluations", schema=None) as batch_op:
        batch_op.drop_column("proposals")
    op.drop_table("screening_results")
