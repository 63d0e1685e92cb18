"""When reports arrive: a rising trend over 13–18 months, in order, in constant memory.

Hotlines saw sextortion reports grow fast (Canada's C3P: +40 % in six months), so the arrival
density is exponential, ``exp(k·t)`` with ``k = ln(1.4) / (half a year)``: any six months hold 40 %
more reports than the six before. Reports come out in time order, as a hotline's history would be
imported, without holding n timestamps: sorted uniforms are drawn one by one from the top
(``U_(n) = V^(1/n)``, ``U_(i) = U_(i+1)·V^(1/i)``), mirrored to run upwards, then mapped through the
trend's inverse distribution function. The time of day is redrawn from an evening-heavy profile
(victims report at night), which keeps the day order.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from tipline.simulate.pick import Weighted, below

HALF_YEAR_DAYS = 365.25 / 2
GROWTH_PER_HALF_YEAR = 1.4
_K = math.log(GROWTH_PER_HALF_YEAR) / HALF_YEAR_DAYS
# Share of reports by hour of the day (local evening and night).
_HOURS = Weighted({h: w for h, w in enumerate(
    (5, 4, 3, 2, 1, 1, 1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 5, 5, 6, 7, 8, 9, 9, 7))})


def span_days(rng: random.Random) -> int:
    """13 to 18 months: always 12 full months plus the current one, for year-on-year charts."""
    return rng.randint(400, 548)


def arrivals(rng: random.Random, n: int, end: date, days: int) -> Iterator[datetime]:
    """n report times in [end - days, end), in day order, following the trend."""
    end_at = datetime.combine(end, time(0, 0), tzinfo=UTC)
    start_at = end_at - timedelta(days=days)
    grow = math.expm1(_K * days)  # e^(kT) - 1
    top = 1.0
    for remaining in range(n, 0, -1):
        top *= (1.0 - rng.random()) ** (1.0 / remaining)  # the largest of `remaining` uniforms below top
        u = 1.0 - top                                      # mirrored: increasing
        t = math.log1p(u * grow) / _K                      # days since start, by the trend's inverse CDF
        day = start_at + timedelta(days=min(math.floor(t), days - 1))
        minute = _HOURS.pick(rng) * 60 + below(rng, 60)
        yield day + timedelta(minutes=minute)
