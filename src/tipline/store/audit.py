"""The audit log: append-only events chained by SHA-256.

Each event's hash covers its fields and the previous event's hash, so editing, inserting or
deleting any event breaks the chain from that point on. Appends are serialised (an advisory lock
on PostgreSQL, an immediate transaction on SQLite) so that concurrent writers cannot fork it.
Events hold ids, counts and field names, never the content of a report.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from tipline.store.tables import AuditRow

GENESIS = "0" * 64
_LOCK_KEY = 0x7469706C696E65  # "tipline"
_INSERT = insert(AuditRow.__table__)
_LAST_HASH = select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)
# Two statements, not one: under READ COMMITTED a statement's snapshot is taken before its lock
# is granted, so a head read in the same statement could miss an event committed meanwhile.
_LOCK = text("SELECT pg_advisory_xact_lock(:k)")


def event_hash(prev_hash: str, at: datetime, actor: str, action: str, object_type: str,
               object_id: str | None, details: dict) -> str:
    canonical = json.dumps(
        [prev_hash, at.astimezone(UTC).isoformat(timespec="microseconds"), actor, action, object_type,
         object_id, details],
        sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def append(session: Session, actor: str, action: str, object_type: str, object_id: str | None,
           details: dict | None = None) -> str:
    """Add an event to the chain inside the caller's transaction; returns its hash.

    Call it last in a transaction: the lock it takes is held until the commit.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_LOCK, {"k": _LOCK_KEY})
    # (SQLite: the writer already holds the database's write lock, taken by BEGIN IMMEDIATE.)
    prev = session.execute(_LAST_HASH).scalar()
    prev = prev or GENESIS
    at = datetime.now(UTC)
    details = details or {}
    digest = event_hash(prev, at, actor, action, object_type, object_id, details)
    session.execute(_INSERT, dict(
        at=at, actor=actor, action=action, object_type=object_type, object_id=object_id, details=details,
        prev_hash=prev, hash=digest))
    return digest


@dataclass
class ChainBreak:
    event_id: int
    reason: str


def verify(session: Session, batch: int = 5000) -> list[ChainBreak]:
    """Walk the chain; every break is reported with the id of the first event where it shows."""
    breaks: list[ChainBreak] = []
    prev = GENESIS
    last_id = 0
    while True:
        rows = session.execute(
            select(AuditRow).where(AuditRow.id > last_id).order_by(AuditRow.id).limit(batch)
        ).scalars().all()
        if not rows:
            return breaks
        for row in rows:
            if row.prev_hash != prev:
                breaks.append(ChainBreak(row.id, "does not follow the event before it "
                                                 "(an event was deleted or inserted here)"))
            expected = event_hash(row.prev_hash, row.at, row.actor, row.action, row.object_type,
                                  row.object_id, row.details)
            if row.hash != expected:
                breaks.append(ChainBreak(row.id, "its content does not match its hash (edited)"))
            prev = row.hash
            last_id = row.id
        session.expunge_all()
