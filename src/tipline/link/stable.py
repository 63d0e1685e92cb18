"""Stable network ids: each new network takes the id of the previous network it overlaps most.

Greedy by overlap (most shared reports first), each old id used once: a network that grew keeps
its id, one that split keeps it for its larger part, two that merged keep the id of the one that
brought more reports. Networks with no predecessor get a fresh id.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from tipline.security.codes import ALPHABET


def new_id() -> str:
    return "N-" + "".join(secrets.choice(ALPHABET) for _ in range(8))


def assign_ids(groups: Mapping[int, Sequence[str]], previous: Mapping[str, str],
               fresh: Callable[[], str] = new_id) -> dict[int, str]:
    """``groups``: new label -> its reports; ``previous``: report -> the id it had. Label -> id."""
    overlap = Counter((label, previous[r]) for label, members in groups.items() for r in members if r in previous)
    ids: dict[int, str] = {}
    used: set[str] = set()
    for (label, old), _count in sorted(overlap.items(), key=lambda x: (-x[1], x[0][0], x[0][1])):
        if label in ids or old in used:
            continue
        ids[label] = old
        used.add(old)
    for label in sorted(groups):
        if label not in ids:
            new = fresh()
            while new in used:
                new = fresh()
            ids[label] = new
            used.add(new)
    return ids
