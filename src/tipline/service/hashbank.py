"""Hash banks kept in the store and matched in memory.

Each process loads every enabled bank into a ``hashing.Banks`` index once, then adds the hashes
it stores itself at once, and picks up those other workers stored at most ``REFRESH_SECONDS``
later (rows are append-only, so "id greater than the last seen" is enough: HMA syncs the same
way). Hashes are validated and their quality checked before anything is stored.

A vPDQ signal (a video) is stored as its frames, one row each: ``value`` is
``"<video key>:<pdq hex>,<quality>,<seconds>"`` and ``quality`` the frame's. A whole signal does
not fit an indexed column (a minute of video is ~4.5 kB, more than PostgreSQL's B-tree allows for
long videos); rows of one video are written in one transaction, so a reader never sees half of it.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from tipline.hashing import BankMatch, Banks, LowQuality, signal_type
from tipline.hashing.pdq import QUALITY_THRESHOLD
from tipline.hashing.video import VpdqFrame, parse_signal, signal_key, signal_text
from tipline.service.context import Tipline
from tipline.store import audit
from tipline.store.tables import HashBankRow, HashRow

REFRESH_SECONDS = 30.0
VICTIMS_BANK = "victims"


@dataclass(frozen=True)
class HashIn:
    signal_type: str
    value: str
    quality: int | None = None


def validated(items: Iterable[HashIn]) -> list[HashIn]:
    """Canonical values; raises InvalidHash or LowQuality (both ValueErrors) naming the problem."""
    out = []
    for item in items:
        kind = signal_type(item.signal_type)
        value = kind.validate(item.value)
        if kind.name == "pdq" and item.quality is not None and item.quality < QUALITY_THRESHOLD:
            raise LowQuality(item.quality, QUALITY_THRESHOLD)
        out.append(HashIn(kind.name, value, item.quality))
    return out


class BankIndex:
    """The in-memory index of this process, kept in step with the store."""

    def __init__(self) -> None:
        self.banks = Banks()
        self._last_id = 0
        self._refreshed = 0.0
        self._lock = threading.Lock()

    def refresh(self, app: Tipline, force: bool = False) -> None:
        if not force and time.monotonic() - self._refreshed < REFRESH_SECONDS:
            return
        with self._lock:
            with app.db.read() as session:
                rows = session.execute(
                    select(HashRow.id, HashRow.signal_type, HashRow.value, HashBankRow.name)
                    .join(HashBankRow, HashBankRow.id == HashRow.bank_id)
                    .where(HashRow.id > self._last_id, HashBankRow.matching_enabled.is_(True))
                    .order_by(HashRow.id)).all()
            grouped: dict[tuple[str, str], tuple[list[int], list[str]]] = {}
            videos: dict[tuple[str, str], tuple[int, list[VpdqFrame]]] = {}
            for id_, kind, value, bank in rows:
                if kind == "vpdq":
                    key, frame = _video_frame(value)
                    videos.setdefault((bank, key), (id_, []))[1].append(frame)
                    continue
                ids, values = grouped.setdefault((bank, kind), ([], []))
                ids.append(id_)
                values.append(value)
            for (bank, kind), (ids, values) in grouped.items():
                self.banks.bank(bank).add_many(kind, ids, values)
            for (bank, key), (first_id, frames) in videos.items():  # a video's id: its first row's
                self.banks.bank(bank).add_video_frames(first_id, key, frames)
            if rows:
                self._last_id = rows[-1][0]
            self._refreshed = time.monotonic()

    def match(self, app: Tipline, kind: str, value: str, max_distance: int | None = None,
              banks: Iterable[str] | None = None) -> list[BankMatch]:
        """Raises InvalidHash for a malformed hash, even when no bank holds anything yet."""
        (query,) = validated([HashIn(kind, value)])
        self.refresh(app)
        return self.banks.match(query.signal_type, query.value, banks=banks, max_distance=max_distance)


def _video_rows(signal: str) -> list[tuple[str, int]]:
    """The rows (value, quality) that store a vPDQ signal, one a frame."""
    frames = parse_signal(signal)
    key = signal_key(frames)
    return [(f"{key}:{frame}", frame.quality) for frame in frames]


def _video_frame(value: str) -> tuple[str, VpdqFrame]:
    key, _, frame = value.partition(":")
    return key, VpdqFrame.parse(frame)


def index_of(app: Tipline) -> BankIndex:
    """This process's index, built on first use."""
    index = getattr(app, "_bank_index", None)
    if index is None:
        index = BankIndex()
        app._bank_index = index  # type: ignore[attr-defined]
        index.refresh(app, force=True)
    return index


def add_hashes(app: Tipline, bank: str, items: Iterable[HashIn], source: str, *, actor: str,
               report_id: uuid.UUID | None = None) -> int:
    """Store hashes in a bank (created if new); a hash already in the bank counts once. Returns how
    many were new."""
    items = validated(items)
    now = datetime.now(UTC)
    with app.db.write() as session:
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        session.execute(insert(HashBankRow.__table__).values(
            name=bank, source=source, matching_enabled=True, created_at=now).on_conflict_do_nothing())
        bank_id = session.execute(select(HashBankRow.id).where(HashBankRow.name == bank)).scalar_one()
        added = 0
        for item in items:
            rows = _video_rows(item.value) if item.signal_type == "vpdq" else [(item.value, item.quality)]
            new_rows = 0
            for value, quality in rows:
                new = session.execute(insert(HashRow.__table__).values(
                    bank_id=bank_id, signal_type=item.signal_type, value=value, quality=quality,
                    report_id=report_id, source=source, added_at=now).on_conflict_do_nothing()
                    .returning(HashRow.id)).first()  # rowcount is not portable here; RETURNING is
                new_rows += new is not None
            added += new_rows > 0
        audit.append(session, actor, "hashes.added", "hash_bank", bank,
                     {"added": added, "report": str(report_id) if report_id else None})
    index_of(app).refresh(app, force=True)
    return added


def bank_counts(app: Tipline) -> list[tuple[str, str, bool, int]]:
    """(name, source, matching enabled, number of hashes) of every bank."""
    with app.db.read() as session:
        return [tuple(r) for r in session.execute(
            select(HashBankRow.name, HashBankRow.source, HashBankRow.matching_enabled, func.count(HashRow.id))
            .outerjoin(HashRow, HashRow.bank_id == HashBankRow.id)
            .group_by(HashBankRow.id).order_by(HashBankRow.name)).all()]


def bank_signals(app: Tipline, bank: str) -> list[tuple[str, str]] | None:
    """(signal type, value) of every hash of a bank, oldest first (a video's frames joined back into
    its vPDQ signal); None when there is no such bank."""
    with app.db.read() as session:
        bank_id = session.execute(select(HashBankRow.id).where(HashBankRow.name == bank)).scalar()
        if bank_id is None:
            return None
        rows = session.execute(
            select(HashRow.signal_type, HashRow.value).where(HashRow.bank_id == bank_id).order_by(HashRow.id)).all()
    out: list[tuple[str, str]] = []
    videos: dict[str, list[VpdqFrame]] = {}
    for kind, value in rows:
        if kind != "vpdq":
            out.append((kind, value))
            continue
        key, frame = _video_frame(value)
        if key not in videos:
            videos[key] = []
            out.append((kind, key))  # replaced by the signal below, in the order of its first frame
        videos[key].append(frame)
    return [(kind, signal_text(videos[value])) if kind == "vpdq" else (kind, value) for kind, value in out]
