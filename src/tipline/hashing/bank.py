"""Banks: named collections of hashes to block, and matching against all of them.

Storage-agnostic: nothing here reads or writes a database. The store layer loads each bank's rows
at start-up (``Banks.bank(name).add_many(...)``), adds rows as they arrive (``add``) and removes
withdrawn ones (``remove``); ids are its primary keys. PDQ hashes go to a ``PdqIndex``; exact
hashes (MD5, SHA-256) to a dictionary; vPDQ videos to a ``VpdqIndex`` (their frames in a
``PdqIndex``, matched by vPDQ's percentage rule).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from tipline.hashing.errors import LowQuality
from tipline.hashing.hasher import FileHashes
from tipline.hashing.index import MIH_MIN_SIZE, PdqIndex
from tipline.hashing.orientation import Dihedral
from tipline.hashing.pdq import QUALITY_THRESHOLD
from tipline.hashing.signals import PdqSignal, VpdqSignal, signal_type
from tipline.hashing.video import VpdqFrame, VpdqIndex, parse_signal, signal_key, signal_text


@dataclass(frozen=True, slots=True)
class BankMatch:
    """A bank hash that matches: which bank, which row, how close, and through which variant."""

    bank: str
    id: int
    signal_type: str
    hash: str  # the bank's hash
    distance: int  # Hamming distance for PDQ, 0 for exact hashes, 100 - query-match % for vPDQ
    variant: str = Dihedral.ORIGINAL.label  # the rotation/flip of the query that matched
    #: vPDQ only: share of the query's frames found in the bank video, and of the video's in the query
    query_match_percent: float | None = None
    compared_match_percent: float | None = None

    def as_dict(self) -> dict[str, str | int | float]:
        out: dict[str, str | int | float] = {
            "bank": self.bank, "id": self.id, "signal_type": self.signal_type, "hash": self.hash,
            "distance": self.distance, "variant": self.variant}
        if self.query_match_percent is not None and self.compared_match_percent is not None:
            out["query_match_percent"] = self.query_match_percent
            out["compared_match_percent"] = self.compared_match_percent
        return out


class Bank:
    """One bank (e.g. the hotline's victims' hashes, or a partner's list)."""

    def __init__(self, name: str, *, mih_min_size: int | None = MIH_MIN_SIZE) -> None:
        self.name = name
        self.pdq = PdqIndex(mih_min_size=mih_min_size)
        self.vpdq = VpdqIndex()
        self._exact: dict[str, dict[str, list[int]]] = {}  # signal type -> value -> ids
        self._exact_of: dict[int, tuple[str, str]] = {}
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return len(self.pdq) + len(self._exact_of) + len(self.vpdq)

    def __repr__(self) -> str:
        return f"Bank({self.name!r}, {len(self)} hashes)"

    def add(self, id: int, kind: str, value: str, *, quality: int | None = None) -> None:
        """Add one hash. PDQ hashes whose known quality is under 50 are refused (``LowQuality``)."""
        st = signal_type(kind)
        value = st.validate(value)
        if st is PdqSignal:
            if quality is not None and quality < QUALITY_THRESHOLD:
                raise LowQuality(quality, QUALITY_THRESHOLD)
            self.pdq.add([id], [value])
            return
        if st is VpdqSignal:
            frames = parse_signal(value)
            self.vpdq.add(id, signal_key(frames), frames)
            return
        with self._lock:
            self._exact.setdefault(st.name, {}).setdefault(value, []).append(id)
            self._exact_of[id] = (st.name, value)

    def add_many(self, kind: str, ids: Sequence[int] | np.ndarray, values: Sequence[str]) -> None:
        """Bulk add (the start-up load): values are validated; quality is the caller's business."""
        st = signal_type(kind)
        values = [st.validate(v) for v in values]
        if st is PdqSignal:
            self.pdq.add(ids, values)
            self.pdq.compact()
            return
        if st is VpdqSignal:
            for id_, value in zip(np.asarray(ids).tolist(), values, strict=True):
                self.add(id_, st.name, value)
            return
        with self._lock:
            for id_, value in zip(np.asarray(ids).tolist(), values, strict=True):
                self._exact.setdefault(st.name, {}).setdefault(value, []).append(id_)
                self._exact_of[id_] = (st.name, value)

    def add_video_frames(self, id: int, key: str, frames: Sequence[VpdqFrame]) -> None:
        """Frames of the vPDQ video ``key`` stored under ``id`` (the store keeps a video as its frames)."""
        self.vpdq.add(id, key, frames)

    def remove(self, ids: Iterable[int]) -> int:
        """Forget these rows (a victim withdraws consent, a hash was wrong). Returns how many."""
        ids = list(ids)
        removed = self.pdq.remove(ids) + self.vpdq.remove(ids)
        with self._lock:
            for id_ in ids:
                found = self._exact_of.pop(id_, None)
                if found is not None:
                    kind, value = found
                    self._exact[kind][value].remove(id_)
                    if not self._exact[kind][value]:
                        del self._exact[kind][value]
                    removed += 1
        return removed

    def match(self, kind: str, value: str, *, max_distance: int | None = None, dihedral: bool = True,
              variants: Mapping[Dihedral, str] | None = None, query_percent: float | None = None,
              compared_percent: float | None = None) -> list[BankMatch]:
        """Bank hashes matching one query hash (PDQ: within ``max_distance``, default 31; vPDQ: frames
        within ``max_distance`` and vPDQ's percentages, by default 80 % of the query's frames)."""
        st = signal_type(kind)
        value = st.validate(value)
        if st is VpdqSignal:
            from tipline.hashing import video

            found = self.vpdq.match(
                parse_signal(value), distance=video.DISTANCE_THRESHOLD if max_distance is None else max_distance,
                query_percent=video.QUERY_MATCH_PERCENT if query_percent is None else query_percent,
                compared_percent=video.COMPARED_MATCH_PERCENT if compared_percent is None else compared_percent)
            return [BankMatch(self.name, m.id, st.name, m.key, round(100 - m.query_match_percent),
                              query_match_percent=m.query_match_percent,
                              compared_match_percent=m.compared_match_percent) for m in found]
        if st is PdqSignal:
            threshold = PdqSignal.default_threshold if max_distance is None else max_distance
            return [BankMatch(self.name, m.id, st.name, m.hash, m.distance, m.variant.label)
                    for m in self.pdq.search(value, threshold, dihedral=dihedral, variants=variants)]
        with self._lock:
            ids = list(self._exact.get(st.name, {}).get(value, ()))
        return [BankMatch(self.name, i, st.name, value, 0) for i in ids]


class Banks:
    """Every bank a platform's upload is checked against."""

    def __init__(self, *, mih_min_size: int | None = MIH_MIN_SIZE) -> None:
        self._banks: dict[str, Bank] = {}
        self._mih_min_size = mih_min_size
        self._lock = threading.Lock()

    def bank(self, name: str) -> Bank:
        """The bank called ``name``, created empty if needed."""
        with self._lock:
            if name not in self._banks:
                self._banks[name] = Bank(name, mih_min_size=self._mih_min_size)
            return self._banks[name]

    def drop(self, name: str) -> None:
        with self._lock:
            self._banks.pop(name, None)

    def __iter__(self) -> Iterator[Bank]:
        return iter(list(self._banks.values()))

    def __contains__(self, name: object) -> bool:
        return name in self._banks

    def __len__(self) -> int:
        return len(self._banks)

    def _selected(self, banks: Iterable[str] | None) -> list[Bank]:
        if banks is None:
            return list(self)
        return [self._banks[b] for b in banks if b in self._banks]

    def match(self, kind: str, value: str, *, banks: Iterable[str] | None = None,
              max_distance: int | None = None, dihedral: bool = True,
              variants: Mapping[Dihedral, str] | None = None, query_percent: float | None = None,
              compared_percent: float | None = None) -> list[BankMatch]:
        """Matches of one hash in every bank (or the named ones), nearest first."""
        found = [m for b in self._selected(banks)
                 for m in b.match(kind, value, max_distance=max_distance, dihedral=dihedral, variants=variants,
                                  query_percent=query_percent, compared_percent=compared_percent)]
        found.sort(key=lambda m: (m.distance, m.bank, m.id))
        return found

    def match_file(self, hashes: FileHashes, *, banks: Iterable[str] | None = None,
                   max_distance: int | None = None) -> list[BankMatch]:
        """Matches of a hashed file: exact hashes, then PDQ as stored (with its exact dihedral
        variants) and as displayed. One result per bank row, the closest."""
        selected = [b.name for b in self._selected(banks)]
        found: list[BankMatch] = []
        for kind in ("md5", "sha256"):
            value = getattr(hashes, kind)
            if value:
                found += self.match(kind, value, banks=selected)
        if hashes.pdq:
            variants = dict(zip(Dihedral, hashes.dihedral, strict=True)) if hashes.dihedral else None
            found += self.match("pdq", hashes.pdq, banks=selected, max_distance=max_distance, variants=variants)
        if hashes.pdq_oriented:
            found += self.match("pdq", hashes.pdq_oriented, banks=selected, max_distance=max_distance)
        if hashes.vpdq:
            found += self.match("vpdq", signal_text(VpdqFrame.parse(f) for f in hashes.vpdq), banks=selected,
                                max_distance=max_distance)
        best: dict[tuple[str, int], BankMatch] = {}
        for m in found:
            key = (m.bank, m.id)
            if key not in best or m.distance < best[key].distance:
                best[key] = m
        return sorted(best.values(), key=lambda m: (m.distance, m.bank, m.id))
