"""Weighted choice helpers.

``random.Random.choices`` rebuilds its cumulative weights on every call; the generator draws
from the same few distributions millions of times, so the cumulative sums are built once here.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """A fixed discrete distribution: ``Weighted({"a": 3, "b": 1}).pick(rng)``."""

    __slots__ = ("_cum", "_items", "_total")

    def __init__(self, weights: dict[T, float] | Sequence[tuple[T, float]]) -> None:
        pairs = list(weights.items()) if isinstance(weights, dict) else list(weights)
        pairs = [(item, w) for item, w in pairs if w > 0]
        if not pairs:
            raise ValueError("a distribution needs at least one positive weight")
        self._items = [item for item, _ in pairs]
        self._cum = list(accumulate(w for _, w in pairs))
        self._total = self._cum[-1]

    def pick(self, rng: random.Random) -> T:
        return self._items[bisect(self._cum, rng.random() * self._total)]


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def zipf_pick(rng: random.Random, items: Sequence[T], skew: float = 1.2) -> T:
    """Favours the first items: a group's main phone is used far more than its spare ones."""
    n = len(items)
    if n == 1:
        return items[0]
    # Inverse of a continuous power law on [1, n + 1): cheap and close enough to Zipf.
    u = rng.random()
    if skew == 1.0:
        index = int((n + 1) ** u) - 1
    else:
        a = 1.0 - skew
        index = int((1 + u * ((n + 1) ** a - 1)) ** (1 / a)) - 1
    return items[min(max(index, 0), n - 1)]


def one(rng: random.Random, items: Sequence[T]) -> T:
    """``rng.choice`` without its rejection loop: a few times faster, plenty uniform for a corpus."""
    return items[int(rng.random() * len(items))]


def below(rng: random.Random, n: int) -> int:
    """``rng.randrange(n)``, the fast way (see ``one``)."""
    return int(rng.random() * n)
