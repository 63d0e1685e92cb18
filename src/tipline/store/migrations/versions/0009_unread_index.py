"""the reader's queue: a partial index on unread reports; ciphertexts stored uncompressed

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


# Encrypted columns: ciphertext does not compress, so PostgreSQL's TOAST compression (tried on
# every value over ~2 kB, most reports) is CPU spent for nothing on intake's hot path.
_CIPHERTEXTS = (("reports", "body"), ("follow_ups", "body"), ("evidence", "body"), ("case_notes", "body"))


def upgrade() -> None:
    op.create_index("ix_reports_unread", "reports", ["received_at"], postgresql_where=_UNREAD,
                    sqlite_where=_UNREAD)
    if op.get_bind().dialect.name == "postgresql":
        for table, column in _CIPHERTEXTS:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE EXTERNAL")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, column in _CIPHERTEXTS:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE EXTENDED")
    op.drop_index("ix_reports_unread", table_name="reports")
