"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "audit_events",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("object_type", sa.String(length=32), nullable=False),
        sa.Column("object_id", sa.String(length=64), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_events_hash")),
    )
    op.create_table(
        "identifiers",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=512), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identifiers")),
    )
    with op.batch_alter_table("identifiers", schema=None) as batch_op:
        batch_op.create_index("uq_identifiers_kind_value", ["kind", "value"], unique=True)

    op.create_table(
        "reports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("ref", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=500), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("reporter_role", sa.String(length=32), nullable=True),
        sa.Column("victim_age_band", sa.String(length=16), nullable=True),
        sa.Column("victim_gender", sa.String(length=16), nullable=True),
        sa.Column("victim_country", sa.String(length=2), nullable=True),
        sa.Column("platform_first_contact", sa.String(length=32), nullable=True),
        sa.Column("first_contact_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("minor", sa.Boolean(), nullable=False),
        sa.Column("self_harm", sa.Boolean(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("external_id", name=op.f("uq_reports_external_id")),
        sa.UniqueConstraint("ref", name=op.f("uq_reports_ref")),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reports_received_at"), ["received_at"], unique=False)

    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_follow_ups_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_ups_report_id"), ["report_id"], unique=False)

    op.create_table(
        "money",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("follow_up_id", sa.Uuid(), nullable=True),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("amount", sa.Numeric(precision=20, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=True),
        sa.Column("destination_country", sa.String(length=2), nullable=True),
        sa.Column("recipient_name", sa.String(length=500), nullable=True),
        sa.Column("reference", sa.String(length=500), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["follow_up_id"],
            ["follow_ups.id"],
            name=op.f("fk_money_follow_up_id_follow_ups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_money_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_money")),
    )
    with op.batch_alter_table("money", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_money_report_id"), ["report_id"], unique=False)

    op.create_table(
        "report_identifiers",
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("identifier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("raw", sa.String(length=512), nullable=True),
        sa.Column("follow_up_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["follow_up_id"],
            ["follow_ups.id"],
            name=op.f("fk_report_identifiers_follow_up_id_follow_ups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["identifier_id"],
            ["identifiers.id"],
            name=op.f("fk_report_identifiers_identifier_id_identifiers"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_report_identifiers_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "identifier_id", "source", name=op.f("pk_report_identifiers")),
    )
    with op.batch_alter_table("report_identifiers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_identifiers_identifier_id"), ["identifier_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("report_identifiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_identifiers_identifier_id"))

    op.drop_table("report_identifiers")
    with op.batch_alter_table("money", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_money_report_id"))

    op.drop_table("money")
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_ups_report_id"))

    op.drop_table("follow_ups")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reports_received_at"))

    op.drop_table("reports")
    with op.batch_alter_table("identifiers", schema=None) as batch_op:
        batch_op.drop_index("uq_identifiers_kind_value")

    op.drop_table("identifiers")
    op.drop_table("audit_events")
