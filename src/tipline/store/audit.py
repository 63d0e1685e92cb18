"""The audit log: append-only events chained by SHA-256.

Each event's hash covers its fields and the previous event's hash, so editing, inserting or
deleting any event breaks the chain from that point on. Appends are serialised (an advisory lock
on PostgreSQL, an immediate transaction on SQLite) so that concurrent writers cannot fork it.
Events hold ids, counts and field names, never the content of a report.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from tipline.store.tables import AuditHeadRow, AuditRow

GENESIS = "0" * 64
_LOCK_KEY = 0x7469706C696E65  # "tipline"
# executemany with RETURNING in the rows' order: the last id is the head's.
_INSERT = insert(AuditRow.__table__).returning(AuditRow.__table__.c.id, sort_by_parameter_order=True)
_HEAD = select(AuditHeadRow.count).where(AuditHeadRow.id == 1)
_LAST_HASH = select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)
# The chain's last hash and the head's count in one round trip.
_STATE = select(_LAST_HASH.scalar_subquery(), _HEAD.scalar_subquery())
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


def audit_key(master: bytes) -> bytes:
    """The head-signing key: a sub-key, so the encryption key itself never signs anything."""
    return hmac.new(master, b"tipline/audit/head/v1", hashlib.sha256).digest()


def head_mac(key: bytes, last_id: int, last_hash: str, count: int) -> str:
    return hmac.new(key, f"{last_id}:{last_hash}:{count}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Event:
    actor: str
    action: str
    object_type: str
    object_id: str | None
    details: dict


def append(session: Session, actor: str, action: str, object_type: str, object_id: str | None,
           details: dict | None = None) -> str:
    """Add an event to the chain inside the caller's transaction; returns its hash.

    Call it last in a transaction: the lock it takes is held until the commit.
    """
    return append_many(session, [Event(actor, action, object_type, object_id, details or {})])[-1]


def append_many(session: Session, events: list[Event]) -> list[str]:
    """Add events in order under one lock and one move of the head (a group commit of reports
    writes its batch's events together); returns their hashes."""
    if not events:
        return []
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_LOCK, {"k": _LOCK_KEY})
    # (SQLite: the writer already holds the database's write lock, taken by BEGIN IMMEDIATE.)
    conn = session.connection()  # Core: no ORM layer on intake's hot path
    last, count = conn.execute(_STATE).one()
    prev = last or GENESIS
    rows = []
    for event in events:
        at = datetime.now(UTC)
        digest = event_hash(prev, at, event.actor, event.action, event.object_type, event.object_id, event.details)
        rows.append(dict(at=at, actor=event.actor, action=event.action, object_type=event.object_type,
                         object_id=event.object_id, details=event.details, prev_hash=prev, hash=digest))
        prev = digest
    last_id = conn.execute(_INSERT, rows).scalars().all()[-1]
    _move_head(session, last_id, prev, count, len(rows))
    return [r["hash"] for r in rows]


def _move_head(session: Session, event_id: int, digest: str, count: int | None, added: int) -> None:
    """``count``: the head's count before these events (None: no head yet)."""
    signer = session.info.get("audit_signer")
    key_id, key = signer() if signer else (None, None)
    if count is None:
        count = session.execute(select(func.count()).select_from(AuditRow)).scalar_one()
        session.execute(insert(AuditHeadRow).values(
            id=1, last_id=event_id, last_hash=digest, count=count, key_id=key_id,
            mac=head_mac(key, event_id, digest, count) if key else None))
        return
    count += added
    session.execute(update(AuditHeadRow).where(AuditHeadRow.id == 1).values(
        last_id=event_id, last_hash=digest, count=count, key_id=key_id,
        mac=head_mac(key, event_id, digest, count) if key else None))


@dataclass
class ChainBreak:
    event_id: int
    reason: str


def verify(session: Session, keys: dict[str, bytes] | None = None, batch: int = 5000) -> list[ChainBreak]:
    """Walk the chain; every break is reported with the id of the first event where it shows.

    With ``keys`` (the key ring's keys by id) the signed head is checked too: a cut tail, or a
    chain re-hashed after an edit, shows there.
    """
    breaks: list[ChainBreak] = []
    prev = GENESIS
    last_id = 0
    count = 0
    while True:
        rows = session.execute(
            select(AuditRow).where(AuditRow.id > last_id).order_by(AuditRow.id).limit(batch)
        ).scalars().all()
        if not rows:
            breaks += _check_head(session, keys, last_id, prev, count)
            return breaks
        count += len(rows)
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


def _check_head(session: Session, keys: dict[str, bytes] | None, last_id: int, last_hash: str,
                count: int) -> list[ChainBreak]:
    head = session.get(AuditHeadRow, 1)
    if head is None:
        return [ChainBreak(last_id, "the chain has events but no head (the head was deleted)")] if count else []
    found: list[ChainBreak] = []
    if (head.last_id, head.last_hash, head.count) != (last_id, last_hash, count):
        found.append(ChainBreak(head.last_id, f"the head names event {head.last_id} of {head.count}, the chain "
                                              f"ends at event {last_id} of {count} (events deleted at the end, "
                                              f"or the chain rewritten)"))
    if keys is not None:
        key = keys.get(head.key_id or "")
        if head.mac is None or key is None:
            found.append(ChainBreak(head.last_id, "the head is not signed with a known key"))
        elif not hmac.compare_digest(head.mac, head_mac(audit_key(key), head.last_id, head.last_hash, head.count)):
            found.append(ChainBreak(head.last_id, "the head's signature does not match (the head was edited)"))
    return found
