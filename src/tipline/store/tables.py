"""SQLAlchemy tables. The migrations in ``store/migrations`` create exactly these.

What identifies or describes a victim (narrative, chat log, contact details, the whole submitted
document) is kept only inside ``body``, encrypted (see ``security.crypto``). The plain columns
are what triage, linking and statistics need: categories, dates, flags and the scammers'
identifiers and payment details.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    TypeDecorator,
    Uuid,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so that migrations behave the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a BIGINT identity.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator):
    """Aware UTC datetimes in and out, on SQLite too (which stores them without a zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; the convention is aware UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ReportRow(Base):
    __tablename__ = "reports"
    __table_args__ = (
        Index("uq_reports_idempotency_key", "idempotency_key", unique=True),
        # The reader's queue: reports stored but not read yet (a partial index stays tiny).
        Index("ix_reports_unread", "received_at", postgresql_where=text("extractor_version IS NULL"),
              sqlite_where=text("extractor_version IS NULL")),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    ref: Mapped[str] = mapped_column(String(16), unique=True)
    external_id: Mapped[str | None] = mapped_column(String(500), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    # SHA-256 of the submitter's idempotency key (a form's one-time key, an API Idempotency-Key).
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    source: Mapped[str] = mapped_column(String(16))
    language: Mapped[str | None] = mapped_column(String(8))
    reporter_role: Mapped[str | None] = mapped_column(String(32))
    victim_age_band: Mapped[str | None] = mapped_column(String(16))
    victim_gender: Mapped[str | None] = mapped_column(String(16))
    victim_country: Mapped[str | None] = mapped_column(String(2))
    platform_first_contact: Mapped[str | None] = mapped_column(String(32))
    first_contact_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    deadline: Mapped[datetime | None] = mapped_column(UtcDateTime)
    minor: Mapped[bool] = mapped_column(Boolean, default=False)
    self_harm: Mapped[bool] = mapped_column(Boolean, default=False)
    flags: Mapped[dict] = mapped_column(JSON, default=dict)  # incident yes/no/unknown answers
    signals: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")  # read by extraction
    extractor_version: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="new")
    key_id: Mapped[str] = mapped_column(String(16))
    body: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted JSON of the submitted ReportIn
    # Set when the personal data was erased (retention or the reporter's request): body is then
    # empty and key_id "" (nothing left to decrypt); the de-identified columns stay.
    erased_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class FollowUpRow(Base):
    __tablename__ = "follow_ups"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    key_id: Mapped[str] = mapped_column(String(16))
    body: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted JSON of the FollowUpIn (no token)


class MoneyRow(Base):
    """A demand or a payment, from the report or a follow-up."""

    __tablename__ = "money"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    follow_up_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("follow_ups.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(8))  # demand | payment
    amount: Mapped[Decimal] = mapped_column(Numeric(20, 2))
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str | None] = mapped_column(String(32))
    destination_country: Mapped[str | None] = mapped_column(String(2))
    recipient_name: Mapped[str | None] = mapped_column(String(500))
    reference: Mapped[str | None] = mapped_column(String(500))
    at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class IdentifierRow(Base):
    """A scammer's identifier in canonical form; one row per (kind, value) across all reports."""

    __tablename__ = "identifiers"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(512))
    country: Mapped[str | None] = mapped_column(String(2))
    first_seen: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("uq_identifiers_kind_value", "kind", "value", unique=True),)


class ReportIdentifierRow(Base):
    """Which report named which identifier, where (form, narrative, chat…) and how surely."""

    __tablename__ = "report_identifiers"

    report_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )
    identifier_id: Mapped[int] = mapped_column(ForeignKey("identifiers.id"), primary_key=True, index=True)
    source: Mapped[str] = mapped_column(String(16), primary_key=True)
    confidence: Mapped[float] = mapped_column(Float)
    raw: Mapped[str | None] = mapped_column(String(512))  # as the reporter wrote it
    follow_up_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("follow_ups.id", ondelete="CASCADE"))


class AuditRow(Base):
    """An append-only event, chained by SHA-256 to the one before (see ``store.audit``)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict] = mapped_column(JSON, default=dict)  # never content: ids, counts, field names
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHeadRow(Base):
    """The chain's last event and length, signed with a key the database does not hold.

    A hash chain alone shows edits, insertions and deletions in the middle, but not a cut tail,
    nor a chain rewritten and re-hashed from an edited event on: both need an anchor outside the
    attacker's reach. This row is that anchor, re-signed (HMAC) at every append with a key derived
    from the key ring, which lives outside the database.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    last_id: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(BigInteger)
    key_id: Mapped[str | None] = mapped_column(String(16))
    mac: Mapped[str | None] = mapped_column(String(64))


class HashBankRow(Base):
    """A named list of hashes to block: the hotline's victims' hashes, or a partner's list."""

    __tablename__ = "hash_banks"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    source: Mapped[str] = mapped_column(String(32))  # local | victim | threatexchange | hma | partner
    matching_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class HashRow(Base):
    """One hash in a bank. Never the image: only its signal (PDQ, MD5, SHA-256) and quality."""

    __tablename__ = "hashes"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("hash_banks.id", ondelete="CASCADE"))
    signal_type: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(128))  # lower-case hex
    quality: Mapped[int | None] = mapped_column(Integer)
    report_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(32))
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index("uq_hashes_bank_signal_value", "bank_id", "signal_type", "value", unique=True),
        Index("ix_hashes_signal_value", "signal_type", "value"),
    )


# --- staff: accounts, sessions, API tokens, case work (issue 5) ----------------------------------


class UserRow(Base):
    """A staff account. The TOTP secret is encrypted like reports (it is a second password)."""

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    agency: Mapped[str | None] = mapped_column(String(100))  # a police liaison's agency
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, with its parameters
    key_id: Mapped[str | None] = mapped_column(String(16))
    totp_secret: Mapped[bytes | None] = mapped_column(LargeBinary)  # encrypted; None until enrolled
    totp_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)  # a code is accepted once
    recovery_codes: Mapped[list] = mapped_column(JSON, default=list)  # SHA-256 of unused codes
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class StaffSessionRow(Base):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "staff_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the cookie's token
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    mfa_done: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ApiTokenRow(Base):
    """A machine's bearer token for the staff API, with explicit scopes."""

    __tablename__ = "api_tokens"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list] = mapped_column(JSON, default=list)
    agency: Mapped[str | None] = mapped_column(String(100))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CaseRow(Base):
    """The analysts' state of a report: priority (with its reasons), assignee, last change.

    One row per report, made at intake. The workflow status itself is ``reports.status``.
    """

    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_queue", "open", "priority"),)

    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    open: Mapped[bool] = mapped_column(Boolean, default=True)  # status is not closed
    priority: Mapped[int] = mapped_column(Integer, default=0)
    reasons: Mapped[list] = mapped_column(JSON, default=list)  # [{"code", "points"}…]
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CaseNoteRow(Base):
    """An analyst's note on a case: appended, encrypted (notes quote the victim)."""

    __tablename__ = "case_notes"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    key_id: Mapped[str] = mapped_column(String(16))
    body: Mapped[bytes] = mapped_column(LargeBinary)


class ReferralRow(Base):
    """A case referred to an agency; that agency's liaisons may then read it."""

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    agency: Mapped[str] = mapped_column(String(100), index=True)
    by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
# --- linking (issue 4) ----------------------------------------------------------------------------

class ScriptKeyRow(Base):
    """An LSH band key of a report's scam script (MinHash slices hashed: not reversible to text)."""

    __tablename__ = "script_keys"

    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True, index=True)


class RecipientKeyRow(Base):
    """A blocking key (one folded word) of a money-transfer recipient, to find similar names by index."""

    __tablename__ = "recipient_keys"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    identifier_id: Mapped[int] = mapped_column(ForeignKey("identifiers.id", ondelete="CASCADE"), primary_key=True)


class NetworkRow(Base):
    """A network found by ``tipline networks rebuild``; its id stays the same across rebuilds."""

    __tablename__ = "networks"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    rebuilt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    size: Mapped[int] = mapped_column(Integer)
    last_activity: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    profile: Mapped[dict] = mapped_column(JSON, default=dict)  # counts and categories, never content


class NetworkReportRow(Base):
    """Which network a report belongs to (at most one): from the last rebuild, or joined online since."""

    __tablename__ = "network_reports"

    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    via: Mapped[str] = mapped_column(String(8))  # rebuild | online


class FlaggedIdentifierRow(Base):
    """A value shared by many unrelated reports (a hub): shown with a warning, never used to link."""

    __tablename__ = "flagged_identifiers"

    identifier_id: Mapped[int] = mapped_column(ForeignKey("identifiers.id", ondelete="CASCADE"), primary_key=True)
    degree: Mapped[int] = mapped_column(Integer)
    largest_share: Mapped[float] = mapped_column(Float)
    flagged_at: Mapped[datetime] = mapped_column(UtcDateTime)


class EvidenceRow(Base):
    """A file a reporter gave as evidence (a screenshot of the chat, a receipt), encrypted.

    Neither its name nor anything read from it is kept in clear: only the type checked from its
    first bytes, its size and its SHA-256 (to find the same file sent twice).
    """

    __tablename__ = "evidence"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    media_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(16))
    body: Mapped[bytes] = mapped_column(LargeBinary)
