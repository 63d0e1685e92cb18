"""Small-count suppression for public statistics: no victim can be singled out.

Hand-written: the statistical-disclosure packages (sdcTable, tau-Argus) are R and Java programs,
and no maintained Python library does cell suppression. The rule is simple enough to prove and to
property-test (tests/test_stats_suppress.py); docs/statistics.md states it for readers.

The rule, for one table (the reports of one complete quarter):

1. if the table's total is under the threshold ``k``, nothing of it is published;
2. each breakdown is a *partition* of those reports (every report in exactly one category, with
   ``unknown``/``none``/``several`` as categories), so its cells add up to the published total;
3. empty categories are not listed (a reader cannot tell an empty category from a merged one);
4. every non-empty cell under ``k`` goes into one ``other`` cell; while ``other`` is under ``k``
   the smallest remaining cell joins it (complementary suppression). ``other`` therefore holds
   at least two non-empty categories and at least ``k`` reports, and which categories it holds is
   not said: the published cells and ``other`` add up to the total, so subtracting published
   numbers gives at most ``other`` back, never one category of it.

Across tables: only complete, disjoint quarters are published, each computed once and then frozen
(``service.statistics`` keeps the first release of a quarter), so a total and its breakdowns never
come at two granularities or over overlapping ranges, and a late or deleted report cannot make two
releases of the same quarter differ by one person.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_THRESHOLD = 10


@dataclass(frozen=True)
class Suppressed:
    """A published breakdown: named cells (each >= k) and the merged ``other`` (>= k, or None)."""

    cells: dict[str, int]
    other: int | None = None
    merged: frozenset[str] = field(default_factory=frozenset)  # kept for tests; never published

    def published(self) -> dict[str, int]:
        out = dict(self.cells)
        if self.other is not None:
            out["other"] = self.other
        return out


def merge_small(cells: Mapping[str, int], k: int = DEFAULT_THRESHOLD) -> Suppressed:
    """Suppress one partition whose total is at least ``k`` (rule 3 and 4 above)."""
    if k < 1:
        raise ValueError("the threshold must be at least 1")
    nonzero = {c: int(n) for c, n in cells.items() if n > 0}
    if sum(nonzero.values()) < k:
        raise ValueError("a table whose total is under the threshold is not published at all")
    small = [c for c, n in nonzero.items() if n < k]
    if not small:
        return Suppressed(dict(sorted(nonzero.items(), key=lambda kv: (-kv[1], kv[0]))))
    merged = set(small)
    other = sum(nonzero[c] for c in small)
    # Smallest first, so the complementary cells hide as little as possible; ties by name, stably.
    rest = sorted((c for c in nonzero if c not in merged), key=lambda c: (nonzero[c], c))
    while (other < k or len(merged) < 2) and rest:
        c = rest.pop(0)
        merged.add(c)
        other += nonzero[c]
    kept = {c: n for c, n in nonzero.items() if c not in merged}
    return Suppressed(dict(sorted(kept.items(), key=lambda kv: (-kv[1], kv[0]))), other, frozenset(merged))


def suppress_table(total: int, breakdowns: Mapping[str, Mapping[str, int]],
                   k: int = DEFAULT_THRESHOLD) -> dict[str, Suppressed] | None:
    """All breakdowns of one table, or None when its total is under ``k`` (rule 1)."""
    if total < k:
        return None
    out: dict[str, Suppressed] = {}
    for name, cells in breakdowns.items():
        if sum(cells.values()) != total:
            raise ValueError(f"the breakdown {name!r} is not a partition of the table ({sum(cells.values())} "
                             f"reports, total {total})")
        out[name] = merge_small(cells, k)
    return out


def share(breakdown: Suppressed, yes: str = "yes") -> float | None:
    """The share of ``yes`` in a yes/no breakdown, or None when a cell of it was suppressed."""
    if breakdown.other is not None:
        return None
    total = sum(breakdown.cells.values())
    return round(breakdown.cells.get(yes, 0) / total, 4) if total else None
