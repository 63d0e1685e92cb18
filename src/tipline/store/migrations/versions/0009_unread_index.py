"""the reader's queue: a partial index on unread reports

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_UNREAD = sa.text("extractor_version IS NULL")


def upgrade() -> None:
    op.create_index("ix_reports_unread", "reports", ["received_at"], postgresql_where=_UNREAD,
                    sqlite_where=_UNREAD)


def downgrade() -> None:
    op.drop_index("ix_reports_unread", table_name="reports")
