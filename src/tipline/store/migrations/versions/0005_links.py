"""linking: script and recipient keys, networks, flagged identifiers

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 15:25:08.373427
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "networks",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rebuilt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("last_activity", sa.DateTime(timezone=True), nullable=True),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_networks")),
    )
    with op.batch_alter_table("networks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_networks_last_activity"), ["last_activity"], unique=False)

    op.create_table(
        "flagged_identifiers",
        sa.Column("identifier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("degree", sa.Integer(), nullable=False),
        sa.Column("largest_share", sa.Float(), nullable=False),
        sa.Column("flagged_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["identifier_id"],
            ["identifiers.id"],
            name=op.f("fk_flagged_identifiers_identifier_id_identifiers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("identifier_id", name=op.f("pk_flagged_identifiers")),
    )
    op.create_table(
        "network_reports",
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("network_id", sa.String(length=16), nullable=False),
        sa.Column("via", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["network_id"], ["networks.id"], name=op.f("fk_network_reports_network_id_networks"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_network_reports_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_network_reports")),
    )
    with op.batch_alter_table("network_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_network_reports_network_id"), ["network_id"], unique=False)

    op.create_table(
        "recipient_keys",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("identifier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.ForeignKeyConstraint(
            ["identifier_id"],
            ["identifiers.id"],
            name=op.f("fk_recipient_keys_identifier_id_identifiers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", "identifier_id", name=op.f("pk_recipient_keys")),
    )
    op.create_table(
        "script_keys",
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("band_key", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_script_keys_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", "band_key", name=op.f("pk_script_keys")),
    )
    with op.batch_alter_table("script_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_script_keys_band_key"), ["band_key"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("script_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_script_keys_band_key"))

    op.drop_table("script_keys")
    op.drop_table("recipient_keys")
    with op.batch_alter_table("network_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_network_reports_network_id"))

    op.drop_table("network_reports")
    op.drop_table("flagged_identifiers")
    with op.batch_alter_table("networks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_networks_last_activity"))

    op.drop_table("networks")
