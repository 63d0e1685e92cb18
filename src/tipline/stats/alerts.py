"""Alerts for staff: a week far above its expected count, and something never seen before.

*Spike*: the expected count of a week is a seasonal baseline in the manner of Farrington et al.
(1996), the method public-health surveillance uses for weekly counts: the mean of the same week and
its two neighbours in up to three previous years; with less than a year of history, the mean of
the eight weeks before. A week is flagged when its count exceeds ``mean + z·sqrt(φ·mean)``, where
φ ≥ 1 is the over-dispersion seen in the reference weeks (variance / mean), and it has at least
``min_count`` reports. Hand-written: the reference implementations (R's ``surveillance``) are not
Python, and the arithmetic is a few lines.

*New*: a payment destination country, a first-contact platform or a payment method whose first
report falls in the last ``new_days`` days, and a scam script (the LSH bands of the scammers'
messages that linking stores) shared by three reports or more, all in that time.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb

from tipline.stats.aggregate import period_label, period_start

NEW_SCRIPT_REPORTS = 3  # reports sharing a script before it is news
NEW_DIMENSIONS: dict[str, str] = {
    # name: SQL yielding (rid, v, seen): a report, the value it names, when it was received
    "destination_country": "SELECT report_id AS rid, destination_country AS v, received_at AS seen FROM _alert_pay",
    "platform": "SELECT id AS rid, platform_first_contact AS v, received_at AS seen FROM reports",
    "payment_method": "SELECT report_id AS rid, method AS v, received_at AS seen FROM _alert_pay",
}


def expected(counts: dict[datetime, int], week: datetime, first: datetime) -> tuple[float, float, str] | None:
    """(mean, dispersion, basis) for ``week`` from the weeks before it; None without history."""
    reference: list[int] = []
    for years in (1, 2, 3):
        centre = week - timedelta(weeks=52 * years)
        for shift in (-1, 0, 1):
            w = centre + timedelta(weeks=shift)
            if w >= first:
                reference.append(counts.get(w, 0))
    basis = "seasonal"
    if len(reference) < 3:
        reference = [counts.get(week - timedelta(weeks=i), 0) for i in range(1, 9)
                     if week - timedelta(weeks=i) >= first]
        basis = "recent"
    if len(reference) < 4:
        return None
    mean = sum(reference) / len(reference)
    var = sum((x - mean) ** 2 for x in reference) / (len(reference) - 1)
    return mean, max(1.0, var / mean) if mean > 0 else 1.0, basis


def spikes(con: duckdb.DuckDBPyConnection, now: datetime, weeks: int = 8, z: float = 3.0,
           min_count: int = 5) -> list[dict[str, Any]]:
    """Complete weeks among the last ``weeks`` before ``now`` that are far above expectation."""
    con.execute("SET TimeZone = 'UTC'")
    rows = con.execute("SELECT date_trunc('week', received_at), count(*) FROM reports WHERE received_at < ? "
                       "GROUP BY 1", [now]).fetchall()
    if not rows:
        return []
    counts = {w.astimezone(UTC): int(n) for w, n in rows}
    first = min(counts)
    this_week = period_start(now, "week")
    out = []
    for i in range(weeks, 0, -1):
        week = this_week - timedelta(weeks=i)
        if week < first:
            continue
        base = expected(counts, week, first)
        n = counts.get(week, 0)
        if base is None:
            continue
        mean, phi, basis = base
        limit = mean + z * math.sqrt(phi * max(mean, 0.5))
        if n > limit and n >= min_count:
            out.append({"kind": "spike", "week": period_label(week, "week"), "start": week.date().isoformat(),
                        "count": n, "expected": round(mean, 1), "threshold": round(limit, 1), "basis": basis})
    return out


def new_values(con: duckdb.DuckDBPyConnection, now: datetime, days: int = 28) -> list[dict[str, Any]]:
    """Values first reported in the last ``days`` days (and never before)."""
    since = now - timedelta(days=days)
    out: list[dict[str, Any]] = []
    con.execute("CREATE OR REPLACE TEMP TABLE _alert_pay AS SELECT m.report_id, m.destination_country, m.method, "
                "r.received_at FROM money m JOIN reports r ON r.id = m.report_id WHERE m.role = 'payment'")
    for name, sql in NEW_DIMENSIONS.items():
        rows = con.execute(f"""
            WITH x AS ({sql})
            SELECT v, min(seen), count(DISTINCT rid) FILTER (WHERE seen >= ?) FROM x
            WHERE v IS NOT NULL AND seen < ? GROUP BY 1 HAVING min(seen) >= ? ORDER BY 2, 1""",  # noqa: S608 (our own SQL)
                           [since, now, since]).fetchall()
        out.extend({"kind": f"new_{name}", "value": v, "first_seen": first.astimezone(UTC).isoformat(),
                    "reports": int(n)} for v, first, n in rows)
    # A new scam script: an LSH band of the scammers' messages (stored by linking at intake) that
    # three reports or more share, none of them older than the window. The bands of one script
    # share their reports, so bands are grouped by their set of reports: one alert a script.
    rows = con.execute("""
        WITH b AS (
            SELECT s.band_key, min(r.received_at) AS first, count(DISTINCT s.report_id) AS n,
                   string_agg(DISTINCT s.report_id, ',' ORDER BY s.report_id) AS members
            FROM script_keys s JOIN reports r ON r.id = s.report_id
            WHERE r.received_at < ?
            GROUP BY 1 HAVING min(r.received_at) >= ? AND count(DISTINCT s.report_id) >= ?)
        SELECT min(band_key), min(first), max(n) FROM b GROUP BY members ORDER BY 2, 1""",
                       [now, since, NEW_SCRIPT_REPORTS]).fetchall()
    out.extend({"kind": "new_script", "value": f"{int(band) & 0xFFFFFFFFFFFFFFFF:016x}"[:12],
                "first_seen": first.astimezone(UTC).isoformat(), "reports": int(n)} for band, first, n in rows)
    return out


def alerts(con: duckdb.DuckDBPyConnection, now: datetime) -> list[dict[str, Any]]:
    return spikes(con, now) + new_values(con, now)
