"""reports.signals and reports.extractor_version: what extraction read in the texts, and which
version of it (so that `tipline reextract` can bring old reports up to date)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch_op:
        batch_op.add_column(sa.Column("signals", sa.JSON(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("extractor_version", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch_op:
        batch_op.drop_column("extractor_version")
        batch_op.drop_column("signals")
