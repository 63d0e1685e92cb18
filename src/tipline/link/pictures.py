"""Profile pictures: PDQ hashes equal up to a few bits are one picture.

Sextortion groups reuse stolen photos across their fake profiles, and a victim can hash a
screenshot of the profile's picture on their own device (only the hash is sent). Two victims'
screenshots of one photo differ by resizing, re-encoding and the app's crop: their PDQ hashes are
a few bits apart, not equal. Pictures within ``LINK_DISTANCE`` bits are joined (union–find) into
clusters, and a cluster is one weak evidence key (``kinds.PICTURE_LIKE``).

Pairs are found with the hash-to-block feature's exact index (``hashing.index.PdqIndex``: brute
force below 2^18 hashes, multi-index hashing above), one range query per picture: never a
comparison of all pairs in Python.
"""

from __future__ import annotations

import numpy as np

from tipline.domain.identifier import PICTURE_PREFIX
from tipline.hashing.pdq import MATCH_THRESHOLD

#: PDQ's recommended match threshold, the one the hash-to-block feature uses: unrelated photos are
#: ~128 bits apart (sd ~8), so 31 is ~12 standard deviations away, and re-encoded or resized copies
#: of one photo stay well under it. A lower one would miss two victims' screenshots of one photo
#: cropped differently by two apps.
LINK_DISTANCE = MATCH_THRESHOLD


def code(value: str) -> str | None:
    """The 64 hex digits of a ``picture`` identifier's value, or None for anything else."""
    if not value.startswith(PICTURE_PREFIX):
        return None
    hex_ = value[len(PICTURE_PREFIX):]
    return hex_ if len(hex_) == 64 else None


def near_pairs(pictures: dict[int, str], distance: int = LINK_DISTANCE) -> list[tuple[int, int]]:
    """(a, b) identifier ids, a < b, of pictures at most ``distance`` bits apart, sorted."""
    from tipline.hashing.index import PdqIndex  # loads faiss: only when there are pictures

    items = sorted((i, h) for i, v in pictures.items() if (h := code(v)) is not None)
    if len(items) < 2:
        return []
    index = PdqIndex()
    index.add([i for i, _ in items], [h for _, h in items])
    index.compact()
    found: set[tuple[int, int]] = set()
    for i, h in items:
        for match in index.search(h, distance, dihedral=False):
            if match.id > i:
                found.add((i, match.id))
    return sorted(found)


def clusters(ids: list[int], pairs: list[tuple[int, int]]) -> dict[int, int]:
    """Picture identifier -> its cluster's smallest identifier id (union–find over ``pairs``)."""
    parent = {i: i for i in ids}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        if a in parent and b in parent:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {i: root(i) for i in ids}


def cluster_array(ids: np.ndarray, pictures: dict[int, str]) -> tuple[np.ndarray, list[int]]:
    """For each identifier in ``ids`` its picture cluster's index among the returned refs (-1: not a
    picture), and the refs (each cluster's smallest identifier id, ascending)."""
    of = clusters(sorted(pictures), near_pairs(pictures))
    roots = sorted(set(of.values()))
    position = {r: k for k, r in enumerate(roots)}
    out = np.array([position[of[i]] if i in of else -1 for i in ids.tolist()], dtype=np.int64)
    return out, roots
