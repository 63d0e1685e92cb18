"""A match index over PDQ hashes: every bank hash within a Hamming distance of a query.

Two structures, both exact (recall 1.0 at any distance up to the threshold):

* brute force, faiss ``IndexBinaryFlat`` (AVX2 popcount): 32 bytes a hash, ~1.5 ms a query at
  1 M hashes on one core, ~40 ms at 10 M;
* multi-index hashing (Norouzi et al.) over the 256 bits cut into 16 chunks of 16 bits: two
  hashes within distance 31 agree to within one bit on at least one chunk (pigeonhole: 16 chunks
  with two or more differences make 32), so probing each chunk's value and its 16 one-bit
  neighbours finds every candidate, and only those are compared in full.

Why our own multi-index hashing and not faiss's ``IndexBinaryMultiHash``: with the same chunking
faiss keeps a ``std::unordered_map`` of 8-byte ids per chunk, measured at ~265 bytes a hash
(2.6 GB for 10 M) and 18 ms a query at 10 M; sorted numpy arrays take about 84 bytes a hash
below 2^24 hashes (3-byte positions in 16 tables, the 32-byte codes, a 4-byte id: 0.84 GB at
10 M) and answer in a few ms. faiss's
``IndexBinaryHash`` is smaller and faster but misses matches (recall 0.91 at 10 M), so it is
not used. bench/hashing.py measures all of these.

New hashes go to a brute-force tail and are searchable at once; the tail is merged into the
multi-index tables when it reaches an eighth of them, so adding one hash never rebuilds
anything and the rebuild cost is amortised. Removal marks a tombstone.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import faiss
import numpy as np

from tipline.hashing.errors import InvalidHash
from tipline.hashing.orientation import Dihedral, dihedral_codes
from tipline.hashing.pdq import MATCH_THRESHOLD

BITS = 256
CODE_BYTES = BITS // 8
#: below this many hashes brute force is as fast as multi-index hashing and 3x smaller
MIH_MIN_SIZE = 1 << 18
_CHUNKS = 16  # of 16 bits
_MIN_TAIL_MERGE = 1 << 16

# One query is a few milliseconds of work: OpenMP threads only add start-up and spinning cost
# (measured 0.5 ms with one thread, 23 ms with two on a busy 2-core machine). Requests are
# parallel across server workers instead. OMP_NUM_THREADS, when set, is respected.
if "OMP_NUM_THREADS" not in os.environ:
    faiss.omp_set_num_threads(1)


def codes_from_hex(hashes: Sequence[str]) -> np.ndarray:
    """(n, 32) uint8 codes from PDQ hashes in hex (upper or lower case)."""
    for h in hashes:
        if len(h) != 2 * CODE_BYTES:
            raise InvalidHash(f"{h[:80]!r} is not a PDQ hash (64 hexadecimal digits)")
    try:
        raw = bytes.fromhex("".join(hashes))
    except ValueError:
        bad = next(h for h in hashes if not _is_hex(h))
        raise InvalidHash(f"{bad!r} is not a PDQ hash (64 hexadecimal digits)") from None
    return np.frombuffer(raw, dtype=np.uint8).reshape(len(hashes), CODE_BYTES).copy()


def _is_hex(h: str) -> bool:
    try:
        bytes.fromhex(h)
    except ValueError:
        return False
    return True


def _flip_masks(nflip: int) -> np.ndarray:
    """Every 16-bit mask with at most ``nflip`` bits set."""
    masks = [0]
    for k in range(1, nflip + 1):
        masks += [sum(1 << b for b in bits) for bits in itertools.combinations(range(16), k)]
    return np.array(masks, dtype=np.uint16)


_MASKS = {n: _flip_masks(n) for n in range(3)}


def _distances(words: np.ndarray, code: np.ndarray) -> np.ndarray:
    """Hamming distances of (k, 4) uint64 codes to one code. In place and column by column: 3x
    faster than ``bitwise_count(...).sum(axis=1)``, whose reduction over 4 items is slow in numpy."""
    x = words ^ code.view(np.uint64)
    np.bitwise_count(x, out=x)
    return x[:, 0] + x[:, 1] + x[:, 2] + x[:, 3]


class _MultiIndex:
    """Immutable multi-index hashing tables over a fixed array of codes."""

    def __init__(self, codes: np.ndarray) -> None:
        n = len(codes)
        if n >= 2**32:
            raise ValueError("more than 2^32 hashes in one index")
        self.codes = np.ascontiguousarray(codes)
        self.words = self.codes.view(np.uint64)  # (n, 4) for the full distance
        chunks = self.codes.view(np.uint16)  # (n, 16): the chunking only has to be consistent
        # Positions sorted by chunk value, table after table, packed in as few bytes as n needs
        # (3 below 2^24 hashes: 48 bytes a hash for the 16 tables instead of 64). They are read
        # through an unaligned little-endian uint32 view with a stride of ``width`` bytes, masked:
        # one gather (~0.1 ms more than from plain uint32 for the ~41,000 candidates of a 10 M query).
        self.width = 3 if n < 2**24 else 4
        self._packed = np.zeros(_CHUNKS * n * self.width + 1, dtype=np.uint8)  # + 1: the last 4-byte read
        # bucket boundaries of each table, as offsets inside the table (uint32: n < 2^32)
        self.starts = np.empty((_CHUNKS, 65537), dtype=np.uint32)
        packed = self._packed[: _CHUNKS * n * self.width].reshape(_CHUNKS, n, self.width)
        for t in range(_CHUNKS):
            column = chunks[:, t]
            order = np.argsort(column, kind="stable").astype("<u4")  # radix sort for 16-bit keys
            packed[t] = order.view(np.uint8).reshape(n, 4)[:, : self.width]
            self.starts[t, 0] = 0
            np.cumsum(np.bincount(column, minlength=65536), out=self.starts[t, 1:])
        self._offsets = (np.arange(_CHUNKS, dtype=np.int64) * n)[:, None]  # where each table begins
        self._mask = np.uint32((1 << (8 * self.width)) - 1)
        self.flat_order = np.ndarray((_CHUNKS * n,), dtype="<u4", buffer=self._packed.data, strides=(self.width,))

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def nbytes(self) -> int:
        return self.codes.nbytes + self._packed.nbytes + self.starts.nbytes

    def search(self, code: np.ndarray, radius: int, limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Positions and distances of the codes within ``radius`` (<= 47) of one query code. With
        ``limit``, when the candidates are many the tables are read one after another and the search
        stops once more than ``limit`` codes match (these, not necessarily the nearest)."""
        nflip = radius // _CHUNKS
        probes = (code.view(np.uint16)[:, None] ^ _MASKS[nflip][None, :]).astype(np.int64)  # (16, m)
        rows = np.arange(_CHUNKS)[:, None]
        lo = self.starts[rows, probes] + self._offsets
        hi = self.starts[rows, probes + 1] + self._offsets
        total = int((hi - lo).sum())
        if total == 0:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        if limit is None or total <= _CHUNKS * (limit + 1):
            return self._verify(code, radius, lo.ravel(), hi.ravel())
        # Copies of a photo shown to thousands: each table alone finds most of them.
        positions, distances = np.empty(0, np.int64), np.empty(0, np.int64)
        for t in range(_CHUNKS):
            p, d = self._verify(code, radius, lo[t], hi[t])
            positions, first = np.unique(np.concatenate([positions, p]), return_index=True)
            distances = np.concatenate([distances, d])[first]
            if len(positions) > limit:
                break
        return positions, distances

    def _verify(self, code: np.ndarray, radius: int, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The codes within ``radius`` among those at flat_order[lo[k]:hi[k]] for every k."""
        lengths = hi - lo
        total = int(lengths.sum())
        if total == 0:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        # the concatenation of flat_order[lo[k]:hi[k]] for every probe k, without a Python loop
        offsets = np.repeat(lo - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        candidates = self.flat_order[offsets + np.arange(total)] & self._mask
        distances = _distances(self.words[candidates], code)
        close = distances <= radius
        positions, first = np.unique(candidates[close], return_index=True)  # found by several chunks
        return positions.astype(np.int64), distances[close][first].astype(np.int64)


@dataclass(frozen=True, slots=True)
class PdqMatch:
    """A bank hash close to the query: its id, distance, value and the query variant that hit."""

    id: int
    distance: int
    hash: str
    variant: Dihedral = Dihedral.ORIGINAL


class PdqIndex:
    """Exact range search over PDQ hashes, with ids chosen by the caller (e.g. database keys).

    ``mih_min_size``: size from which multi-index hashing is used (None: always brute force).
    Thread-safe: a lock serialises adds, removals and searches.
    """

    def __init__(self, *, mih_min_size: int | None = MIH_MIN_SIZE) -> None:
        self._mih_min_size = mih_min_size
        self._main: _MultiIndex | None = None  # positions [0, len(main))
        self._tail = faiss.IndexBinaryFlat(BITS)  # positions [len(main), n)
        # database keys fit in 32 bits for a long time: 4 bytes a hash, widened to 8 when one does not
        self._ids = np.empty(0, dtype=np.uint32)
        self._n = 0
        self._removed: set[int] = set()  # positions, tombstoned
        self._merging = False
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return self._n - len(self._removed)

    @property
    def kind(self) -> str:
        return "multi-index hashing + flat tail" if self._main is not None else "flat"

    @property
    def nbytes(self) -> int:
        """Memory held: codes, multi-index tables, ids."""
        main = self._main.nbytes if self._main is not None else 0
        return main + self._tail.ntotal * CODE_BYTES + self._ids.nbytes

    def add(self, ids: Sequence[int] | np.ndarray, hashes: Sequence[str]) -> None:
        """Add hashes (hex) under the given ids; they are searchable when this returns."""
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        if len(ids) != len(hashes):
            raise ValueError(f"{len(ids)} ids for {len(hashes)} hashes")
        self.add_codes(ids, codes_from_hex(hashes))

    def add_codes(self, ids: np.ndarray, codes: np.ndarray) -> None:
        """``add`` for hashes already as (n, 32) uint8 codes."""
        if len(ids) == 0:
            return
        codes = np.ascontiguousarray(codes, dtype=np.uint8)
        if codes.shape != (len(ids), CODE_BYTES):
            raise ValueError(f"{len(ids)} ids for codes of shape {codes.shape}")
        with self._lock:
            self._append_ids(np.asarray(ids, dtype=np.int64))
            bulk = (self._mih_min_size is not None and self._tail.ntotal == 0 and len(codes) >= _MIN_TAIL_MERGE
                    and self._n + len(codes) >= self._mih_min_size and not self._merging)
            if bulk:  # a start-up load: straight into the tables, no transient brute-force copy
                self._main = _MultiIndex(codes if self._main is None else np.concatenate([self._main.codes, codes]))
            else:
                self._tail.add(codes)
            self._n += len(codes)
            due = self._merge_due()
        if due:
            self._merge()

    def _append_ids(self, ids: np.ndarray) -> None:
        needed = self._n + len(ids)
        dtype = self._ids.dtype
        if len(ids) and dtype == np.uint32 and (ids.min() < 0 or ids.max() >= 2**32):
            dtype = np.dtype(np.int64)
        # grown by an eighth: amortised appends, and at most 12 % of the ids unused (5 MB at 10 M)
        if needed > len(self._ids) or dtype != self._ids.dtype:
            grown = np.empty(max(needed, len(self._ids) * 9 // 8, 1024), dtype=dtype)
            grown[: self._n] = self._ids[: self._n]
            self._ids = grown
        self._ids[self._n : needed] = ids

    def _merge_due(self, *, force: bool = False) -> bool:
        if self._mih_min_size is None or self._n < self._mih_min_size or not self._tail.ntotal or self._merging:
            return False
        return force or self._main is None or self._tail.ntotal >= max(_MIN_TAIL_MERGE, len(self._main) // 8)

    def _merge(self) -> None:
        """Fold the tail into new tables, built outside the lock: searches and adds go on meanwhile
        (a merge at 10 M takes ~8 s) on the old tables and tail; positions do not change."""
        with self._lock:
            if self._merging:
                return
            self._merging = True
            main, taken = self._main, self._tail.ntotal
            tail = faiss.vector_to_array(self._tail.xb).reshape(-1, CODE_BYTES)
        try:
            built = _MultiIndex(tail if main is None else np.concatenate([main.codes, tail]))
            with self._lock:
                newer = faiss.vector_to_array(self._tail.xb).reshape(-1, CODE_BYTES)[taken:]
                self._tail.reset()
                if len(newer):
                    self._tail.add(newer)
                self._main = built
        finally:
            self._merging = False

    def compact(self) -> None:
        """Merge the tail into the multi-index tables now (e.g. once the start-up load is done)."""
        with self._lock:
            due = self._merge_due(force=True)
        if due:
            self._merge()

    def remove(self, ids: Sequence[int] | np.ndarray) -> int:
        """Stop returning these ids (tombstones; the space is reclaimed by a rebuild). Returns how many."""
        with self._lock:
            positions = np.flatnonzero(np.isin(self._ids[: self._n].astype(np.int64), np.asarray(ids, dtype=np.int64)))
            before = len(self._removed)
            self._removed.update(positions.tolist())
            return len(self._removed) - before

    def _code_at(self, position: int) -> np.ndarray:
        main = len(self._main) if self._main is not None else 0
        if position < main:
            assert self._main is not None
            return self._main.codes[position]
        return self._tail.reconstruct(position - main)

    def search(self, hash_hex: str, max_distance: int = MATCH_THRESHOLD, *, dihedral: bool = True,
               variants: Mapping[Dihedral, str] | None = None) -> list[PdqMatch]:
        """Every indexed hash within ``max_distance`` of the query, nearest first.

        With ``dihedral`` the query's 8 rotations/flips are searched too; pass ``variants`` (e.g.
        ``PdqHashes.variants()``, exact because computed from the pixels) to use those instead of
        the approximations derived from the hash. Each id appears once, with its best variant.
        """
        if not 0 <= max_distance < BITS:
            raise ValueError("max_distance must be between 0 and 255")
        if variants is not None:
            queries = {d: codes_from_hex([h])[0] for d, h in variants.items()}
        else:
            code = codes_from_hex([hash_hex])[0]
            queries = {d: c for d, c in zip(Dihedral, dihedral_codes(code), strict=True)} if dihedral \
                else {Dihedral.ORIGINAL: code}
        best: dict[int, tuple[int, Dihedral]] = {}
        with self._lock:
            for variant, position, distance in self._search_codes(queries, max_distance):
                if position not in best or distance < best[position][0]:
                    best[position] = (distance, variant)
            matches = [
                PdqMatch(int(self._ids[p]), d, self._code_at(p).tobytes().hex(), v)
                for p, (d, v) in best.items()
                if p not in self._removed
            ]
        matches.sort(key=lambda m: (m.distance, m.variant, m.id))
        return matches

    def search_ids(self, hash_hex: str, max_distance: int = MATCH_THRESHOLD,
                   limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Ids and distances (int64 arrays, unordered) of the indexed hashes within ``max_distance``
        of the query as it is, without its rotations: for callers that may get thousands of matches
        (copies of a photo hundreds of victims saw) and need no ``PdqMatch`` for each. With
        ``limit``, more than ``limit`` matches may stand for all of them: the search may stop there,
        and those returned are then not necessarily the nearest."""
        if not 0 <= max_distance < BITS:
            raise ValueError("max_distance must be between 0 and 255")
        code = codes_from_hex([hash_hex])[0]
        with self._lock:
            positions, distances = self._search_array(code, max_distance, limit)
            if self._removed and len(positions):
                live = ~np.isin(positions, np.fromiter(self._removed, dtype=np.int64))
                positions, distances = positions[live], distances[live]
            return self._ids[positions].astype(np.int64), distances

    def _search_array(self, code: np.ndarray, radius: int, limit: int | None) -> tuple[np.ndarray, np.ndarray]:
        """Positions and distances of one code's matches in the tables and the tail, as arrays."""
        parts: list[tuple[np.ndarray, np.ndarray]] = []
        main = len(self._main) if self._main is not None else 0
        if self._main is not None:
            if radius < 3 * _CHUNKS:
                parts.append(self._main.search(code, radius, limit))
            else:  # too many probes: compare with everything
                distances = _distances(self._main.words, code)
                positions = np.flatnonzero(distances <= radius)
                parts.append((positions.astype(np.int64), distances[positions].astype(np.int64)))
        if self._tail.ntotal:
            _, distances, labels = self._tail.range_search(code[None, :], radius + 1)  # faiss: d < radius
            parts.append((main + labels.astype(np.int64), distances.astype(np.int64)))
        if not parts:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        return np.concatenate([p for p, _ in parts]), np.concatenate([d for _, d in parts])

    def _search_codes(self, queries: Mapping[Dihedral, np.ndarray], radius: int):
        variants = list(queries)  # ORIGINAL first when present: it wins ties
        variants.sort()
        batch = np.stack([queries[v] for v in variants])
        main = len(self._main) if self._main is not None else 0
        if self._main is not None:
            for variant, code in zip(variants, batch, strict=True):
                if radius < 3 * _CHUNKS:
                    positions, distances = self._main.search(code, radius)
                else:  # too many probes: compare with everything
                    distances = _distances(self._main.words, code)
                    positions = np.flatnonzero(distances <= radius)
                    distances = distances[positions]
                for p, d in zip(positions.tolist(), distances.tolist(), strict=True):
                    yield variant, p, d
        if self._tail.ntotal:
            limits, distances, labels = self._tail.range_search(batch, radius + 1)  # faiss: d < radius
            for i, variant in enumerate(variants):
                for k in range(limits[i], limits[i + 1]):
                    yield variant, main + int(labels[k]), int(distances[k])
