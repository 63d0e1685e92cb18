"""Profile pictures: PDQ hashes equal up to a few bits are one picture.

Sextortion groups reuse stolen photos across their fake profiles, and a victim can hash a
screenshot of the profile's picture on their own device (only the hash is sent). Two victims'
screenshots of one photo differ by resizing, re-encoding and the app's crop: their PDQ hashes are
a few bits apart, not equal. Pictures within ``LINK_DISTANCE`` bits are joined (union–find) into
clusters, and a cluster is one weak evidence key (``kinds.PICTURE_LIKE``).

Candidates never come from comparing every pair, and a cluster's pairs are never listed (a photo
a group uses for hundreds of victims would make them quadratic): the 256 bits are cut into 16
chunks of 16; for each chunk the pictures are sorted by it (then by the next two), and each is
compared with its next two neighbours that share the chunk, in numpy. Two pictures within 15 bits
agree exactly on some chunk (pigeonhole), so they or copies of the same photo between them sit next
to each other in that chunk's order; two within 31 bits agree on some chunk nine times in ten, and
copies of one photo are linked through one another. Components are scipy's.
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


_POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint16)
_NEIGHBOURS = 2  # each picture is compared with this many next in each chunk's order


def _near_edges(codes: np.ndarray, distance: int) -> np.ndarray:
    """(k, 2) row indices of ``codes`` (n, 32 uint8) found near: a spanning set, not every pair."""
    chunks = codes.view(">u2")  # (n, 16)
    found = []
    for c in range(16):
        order = np.lexsort((chunks[:, (c + 2) % 16], chunks[:, (c + 1) % 16], chunks[:, c]))
        for step in range(1, _NEIGHBOURS + 1):
            a, b = order[:-step], order[step:]
            same = chunks[a, c] == chunks[b, c]
            a, b = a[same], b[same]
            near = _POPCOUNT[codes[a] ^ codes[b]].sum(axis=1) <= distance
            found.append(np.stack([a[near], b[near]], axis=1))
    return np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)


def clusters(pictures: dict[int, str], distance: int = LINK_DISTANCE) -> dict[int, int]:
    """Picture identifier id -> its cluster's smallest identifier id; other values are left out."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    items = sorted((i, h) for i, v in pictures.items() if (h := code(v)) is not None)
    if not items:
        return {}
    ids = np.array([i for i, _ in items], dtype=np.int64)
    codes = np.frombuffer(bytes.fromhex("".join(h for _, h in items)), dtype=np.uint8).reshape(-1, 32)
    edges = _near_edges(codes, distance)
    n = len(ids)
    graph = coo_matrix((np.ones(len(edges), dtype=np.int8), (edges[:, 0], edges[:, 1])), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    smallest = np.full(label.max() + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(smallest, label, ids)  # ids ascend, so this is each component's first
    return dict(zip(ids.tolist(), smallest[label].tolist(), strict=True))


def cluster_array(ids: np.ndarray, pictures: dict[int, str]) -> tuple[np.ndarray, list[int]]:
    """For each identifier in ``ids`` its picture cluster's index among the returned refs (-1: not a
    picture), and the refs (each cluster's smallest identifier id, ascending)."""
    of = clusters(pictures)
    roots = sorted(set(of.values()))
    position = {r: k for k, r in enumerate(roots)}
    out = np.array([position[of[i]] if i in of else -1 for i in ids.tolist()], dtype=np.int64)
    return out, roots
