"""The profile pictures in the store, in this process's PDQ index, for online linking.

Online linking needs the stored pictures within ``link.pictures.LINK_DISTANCE`` bits of a new
one. A SQL index cannot answer a Hamming-distance query, and comparing with every stored picture
grows with the store, so each process keeps them in a ``hashing.PdqIndex`` (the hash-to-block
index: multi-index hashing over 16-bit chunks, exact up to 47 bits; the newest pictures sit in a
brute-force tail until it is an eighth of the tables). It is built from the store on first use
(all ``picture`` identifiers) and brought up to date at every use with one indexed query,
``identifiers.id > last seen``: identifiers are append-only, never deleted or changed.

Ids are handed out before their transaction commits, so on PostgreSQL a picture can become
visible after a larger id was already seen. Every ``LOOKBACK_SECONDS`` the ids above the
*floor* (the last id seen ``LATE_SECONDS`` earlier) are read again and those not yet indexed are
added: a writer that commits within ``LATE_SECONDS`` of taking its id is never missed. (SQLite
serialises writers, so there ids become visible in order.)
"""

from __future__ import annotations

import threading
import time
from collections import deque

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tipline.domain.identifier import PICTURE
from tipline.hashing.index import PdqIndex, codes_from_hex
from tipline.link.pictures import LINK_DISTANCE, code
from tipline.service.context import Tipline
from tipline.store.tables import IdentifierRow

LATE_SECONDS = 10.0  # identifier writes are short transactions (intake's group commit, a reading)
LOOKBACK_SECONDS = 5.0
FIRST_LOOKBACK_IDS = 1_000  # at start-up, writers in flight hold some of the last ids handed out


class PictureIndex:
    """The stored pictures of this process, kept in step with the store. Thread-safe."""

    def __init__(self) -> None:
        # Multi-index tables from the first picture on: a query never compares with every picture.
        self.index = PdqIndex(mih_min_size=1)
        self._last_id = 0
        self._floor = 0  # ids at or below it are settled: none can still appear
        self._recent = np.zeros(0, dtype=np.int64)  # indexed picture ids above the floor, sorted
        self._marks: deque[tuple[float, int]] = deque()  # (when, last id seen then)
        self._looked_back = 0.0
        self._loaded = False
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.index)

    def refresh(self, session: Session) -> None:
        """Index the pictures stored since the last call (all of them on the first), reading through
        the caller's session (a second connection per request could exhaust the pool under load)."""
        with self._lock:
            now = time.monotonic()
            if not self._loaded:
                # the highest id first: a picture committed between the two reads is read again by
                # the next call, and skipped as already indexed
                top = session.execute(select(func.max(IdentifierRow.id))).scalar() or 0
                self._floor = max(0, top - FIRST_LOOKBACK_IDS)
                self._add(session.execute(select(IdentifierRow.id, IdentifierRow.value)
                                          .where(IdentifierRow.kind == PICTURE)).all())
                self._last_id = top
                self._marks.append((now, top))
                self._looked_back = now
                self._loaded = True
                return
            self._add(self._since(session, self._last_id))
            if now - self._looked_back >= LOOKBACK_SECONDS:
                while self._marks and self._marks[0][0] <= now - LATE_SECONDS:
                    self._floor = max(self._floor, self._marks.popleft()[1])
                self._recent = self._recent[self._recent > self._floor]
                self._add(self._since(session, self._floor, self._last_id))
                self._marks.append((now, self._last_id))
                self._looked_back = now

    def _since(self, session: Session, after: int, upto: int | None = None) -> list[tuple[int, str]]:
        """(id, value) of the pictures among identifiers ``after < id <= upto``; moves the last id
        seen. Filtered here, not in SQL: on ``kind`` SQLite would walk the (kind, value) index over
        every picture instead of the few newest ids."""
        query = select(IdentifierRow.id, IdentifierRow.kind, IdentifierRow.value).where(IdentifierRow.id > after)
        if upto is not None:
            query = query.where(IdentifierRow.id <= upto)
        rows = session.execute(query).all()
        if rows:
            self._last_id = max(self._last_id, max(r.id for r in rows))
        return [(r.id, r.value) for r in rows if r.kind == PICTURE]

    def _add(self, rows) -> None:
        """Index (id, value) rows of pictures not indexed yet (values that are no PDQ hash are skipped)."""
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        hexes = [code(r[1]) for r in rows]
        keep = np.array([h is not None for h in hexes], dtype=bool)
        if len(self._recent):
            keep &= ~np.isin(ids, self._recent)
        if not keep.any():
            return
        ids = ids[keep]
        codes = codes_from_hex([h for h, k in zip(hexes, keep.tolist(), strict=True) if k])
        self.index.add_codes(ids, codes)
        above = ids[ids > self._floor]
        if len(above):
            self._recent = np.union1d(self._recent, above)

    def near(self, value: str, distance: int = LINK_DISTANCE, limit: int | None = None) -> dict[int, int]:
        """Picture identifier id -> Hamming distance, for every indexed picture within ``distance`` of
        ``value`` (a ``pdq:`` identifier value; itself included when indexed). Empty for anything else.
        With ``limit``, more than ``limit`` pictures may stand for all (``PdqIndex.search_ids``): a
        photo thousands of victims saw costs no more than a few hundred copies."""
        hex_ = code(value)
        if hex_ is None:
            return {}
        ids, distances = self.index.search_ids(hex_, distance, limit)
        return dict(zip(ids.tolist(), distances.tolist(), strict=True))


_CREATE = threading.Lock()


def index_of(app: Tipline, session: Session) -> PictureIndex:
    """This process's picture index for ``app`` (made on first use), brought up to date through
    ``session``."""
    with _CREATE:
        index = getattr(app, "_picture_index", None)
        if index is None:
            index = PictureIndex()
            app._picture_index = index  # type: ignore[attr-defined]
    index.refresh(session)
    return index
