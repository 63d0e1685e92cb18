"""Small-count suppression, property-tested: no published cell under the threshold, and no cell
under it recoverable by any combination of published numbers (sums, differences, totals)."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipline.stats.public import assemble, release_quarter
from tipline.stats.suppress import merge_small, suppress_table

CATEGORIES = {"age": ["a", "b", "c", "d", "e"], "platform": ["p", "q", "r", "s"], "paid": ["yes", "no"]}


@st.composite
def quarters(draw):
    """A few quarters of reports, each report a category in every dimension; counts often tiny."""
    k = draw(st.integers(2, 12))
    n_quarters = draw(st.integers(1, 3))
    out = []
    for _ in range(n_quarters):
        n = draw(st.integers(0, 40))
        people = [{d: draw(st.sampled_from(c)) for d, c in CATEGORIES.items()} for _ in range(n)]
        out.append(people)
    return k, out


def _raw(i: int, people: list[dict]) -> dict:
    breakdowns = {d: {c: sum(1 for p in people if p[d] == c) for c in cats} for d, cats in CATEGORIES.items()}
    return {"start": datetime(2025 + i // 4, i % 4 * 3 + 1, 1, tzinfo=UTC), "total": len(people),
            "breakdowns": breakdowns, "money": {}}


def _recoverable(raws: list[dict], document: dict) -> list[tuple[int, str, str, int]]:
    """Every true cell under the threshold (and above 0) that the published numbers determine.

    Unknowns: each quarter's total and every (quarter, dimension, category) count. Known to a
    reader: every published number, and the structure (each dimension adds up to its quarter's
    total). A cell is determined iff its unit vector lies in the row space of those equations.
    """
    index: dict[tuple, int] = {}
    for q in range(len(raws)):
        index[(q, "total")] = len(index)
        for dim, cats in CATEGORIES.items():
            for c in cats:
                index[(q, dim, c)] = len(index)
    rows = []

    def eq(keys):
        row = np.zeros(len(index))
        for key in keys:
            row[index[key]] = 1
        rows.append(row)

    for q, published in enumerate(document["quarters"]):
        for dim, cats in CATEGORIES.items():  # structure: cells add up to the total
            row = np.zeros(len(index))
            row[index[(q, "total")]] = -1
            for c in cats:
                row[index[(q, dim, c)]] = 1
            rows.append(row)
        if published["suppressed"]:
            continue
        eq([(q, "total")])
        for dim, b in published["breakdowns"].items():
            for c in b["cells"]:
                eq([(q, dim, c)])
            if b["other"] is not None:
                eq([(q, dim, c) for c in CATEGORIES[dim] if c not in b["cells"]])
    eq([(q, "total") for q, p in enumerate(document["quarters"]) if not p["suppressed"]])  # total_published
    a = np.array(rows)
    rank = np.linalg.matrix_rank(a)
    found = []
    k = document["threshold"]
    for (q, *rest), i in index.items():
        true = raws[q]["total"] if rest == ["total"] else raws[q]["breakdowns"][rest[0]][rest[1]]
        if 0 < true < k:
            unit = np.zeros(len(index))
            unit[i] = 1
            if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
                found.append((q, *rest, true))
    return found


@settings(max_examples=150, deadline=None)
@given(quarters())
def test_no_small_cell_is_published_or_recoverable(case):
    k, people_by_quarter = case
    raws = [_raw(i, people) for i, people in enumerate(people_by_quarter)]
    document = assemble([release_quarter(r, k) for r in raws], k, "EUR", _rates())
    for q in document["quarters"]:
        if q["suppressed"]:
            assert q["total"] is None and q["breakdowns"] == {}
            continue
        assert q["total"] >= k
        for b in q["breakdowns"].values():
            assert all(n >= k for n in b["cells"].values())
            assert b["other"] is None or b["other"] >= k
    assert _recoverable(raws, document) == []


def _rates():
    from tipline.currency import load_rates

    return load_rates()


@given(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 30), min_size=1), st.integers(1, 15))
def test_merge_keeps_the_total_and_hides_at_least_two_categories(cells, k):
    if sum(cells.values()) < k:
        with pytest.raises(ValueError):
            merge_small(cells, k)
        return
    s = merge_small(cells, k)
    assert sum(s.cells.values()) + (s.other or 0) == sum(cells.values())
    if s.other is not None:
        assert s.other >= k and len(s.merged) >= 2
        assert all(cells[c] > 0 for c in s.merged)


def test_the_recoverability_check_can_fail():
    """The checker finds a cell given away by a total minus the other cells (no complementary step)."""
    raws = [_raw(0, [{"age": "a", "platform": "p", "paid": "no"}] * 12
                 + [{"age": "b", "platform": "p", "paid": "yes"}] * 3)]
    leaky = {"threshold": 10, "quarters": [{"suppressed": False, "total": 15, "breakdowns": {
        "paid": {"cells": {"no": 12}, "other": None}}}]}
    assert _recoverable(raws, leaky) == [(0, "paid", "yes", 3)]
    # what the rule publishes instead: both cells merged, nothing below 10 determined
    fair = {"threshold": 10, "quarters": [release_quarter(raws[0], 10)]}
    assert fair["quarters"][0]["breakdowns"]["paid"] == {"cells": {}, "other": 15}
    assert _recoverable(raws, fair) == []


def test_a_table_that_is_not_a_partition_is_refused():
    with pytest.raises(ValueError):
        suppress_table(20, {"x": {"a": 15}}, 10)
    assert suppress_table(5, {"x": {"a": 5}}, 10) is None
