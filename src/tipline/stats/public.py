"""The public release: complete calendar quarters, each a suppressed table (see ``suppress``).

``quarter_counts`` is the SQL side (raw partitions per quarter over the snapshot views); ``release``
is pure and turns raw counts into what may be published. The service freezes each quarter's
release the first time it is made, so a quarter once published never changes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb

from tipline.currency import RateTable
from tipline.stats.aggregate import (
    REPORT_DIMENSIONS,
    SIDE_DIMENSIONS,
    UNKNOWN,
    Query,
    _setup,
    next_period,
    period_label,
    period_start,
)
from tipline.stats.suppress import DEFAULT_THRESHOLD, Suppressed, share, suppress_table

# Every public breakdown is a partition of the quarter's reports.
PUBLIC_DIMENSIONS = (*REPORT_DIMENSIONS, *SIDE_DIMENSIONS, "paid", "minor")


def quarter_counts(con: duckdb.DuckDBPyConnection, until: datetime, rates: RateTable,
                   currency: str) -> list[dict[str, Any]]:
    """Raw (unsuppressed) counts of every complete quarter before ``until`` (a quarter start)."""
    _setup(con, Query(until=until, by="quarter"))
    quarters: dict[datetime, dict[str, Any]] = {}
    q = "date_trunc('quarter', _r.received_at)"
    for start, n in con.execute(f"SELECT {q}, count(*) FROM _r GROUP BY 1").fetchall():  # noqa: S608
        quarters[start] = {"start": start, "total": int(n), "breakdowns": {d: {} for d in PUBLIC_DIMENSIONS},
                           "money": {}}

    def put(dimension: str, sql: str) -> None:
        for start, value, n in con.execute(sql).fetchall():
            cells = quarters[start]["breakdowns"][dimension]
            key = UNKNOWN if value is None else str(value)  # no answer and "unknown" are one category
            cells[key] = cells.get(key, 0) + int(n)

    for dimension, column in REPORT_DIMENSIONS.items():
        put(dimension, f"SELECT {q}, {column}, count(*) FROM _r GROUP BY 1, 2")  # noqa: S608
    for dimension, (table, column) in SIDE_DIMENSIONS.items():
        # One category per report: its one value, 'several', or 'none' (no payment / no phone).
        put(dimension, f"""
            WITH per AS (SELECT report_id, count(DISTINCT coalesce({column}, '{UNKNOWN}')) AS n,
                                min(coalesce({column}, '{UNKNOWN}')) AS v FROM {table} GROUP BY 1)
            SELECT {q}, CASE WHEN per.n IS NULL THEN 'none' WHEN per.n = 1 THEN per.v ELSE 'several' END,
                   count(*)
            FROM _r LEFT JOIN per ON per.report_id = _r.id GROUP BY 1, 2""")  # noqa: S608
    put("paid", f"SELECT {q}, CASE WHEN paid THEN 'yes' ELSE 'no' END, count(*) FROM _r GROUP BY 1, 2")  # noqa: S608
    put("minor", f"SELECT {q}, CASE WHEN minor THEN 'yes' ELSE 'no' END, count(*) FROM _r GROUP BY 1, 2")  # noqa: S608

    con.execute("CREATE OR REPLACE TEMP TABLE _rates (currency VARCHAR, per_base DOUBLE)")
    con.executemany("INSERT INTO _rates VALUES (?, ?)", [(c, float(r)) for c, r in rates.rates.items()])
    target = float(rates.rates[currency.upper()])
    for role, key in (("demand", "demanded"), ("payment", "paid")):
        rows = con.execute(f"""
            WITH per_report AS (
                SELECT m.report_id, sum(m.amount::DOUBLE / r.per_base * ?) AS value
                FROM _money m JOIN _rates r ON r.currency = m.currency WHERE m.role = ? GROUP BY 1
            )
            SELECT {q}, count(*), median(value), sum(value)
            FROM per_report JOIN _r ON _r.id = per_report.report_id GROUP BY 1""", [target, role]).fetchall()  # noqa: S608
        for start, n, median, total in rows:
            quarters[start]["money"][key] = {"reports": int(n), "median": round(median, 2), "total": round(total, 2)}
    for start, n in con.execute(f"""
            SELECT {q}, count(DISTINCT _r.id) FROM _money m LEFT JOIN _rates r ON r.currency = m.currency
            JOIN _r ON _r.id = m.report_id WHERE r.currency IS NULL GROUP BY 1""").fetchall():  # noqa: S608
        quarters[start]["money"]["unconverted_reports"] = int(n)
    return [quarters[s] for s in sorted(quarters)]


def release_quarter(raw: dict[str, Any], k: int = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """What may be published of one complete quarter (pure)."""
    start: datetime = raw["start"]
    out: dict[str, Any] = {"quarter": period_label(start, "quarter"), "start": start.date().isoformat()}
    tables = suppress_table(raw["total"], raw["breakdowns"], k)
    if tables is None:
        return {**out, "suppressed": True, "total": None, "breakdowns": {}, "paid_share": None,
                "minor_share": None, "money": {}}
    money: dict[str, Any] = {}
    for key in ("demanded", "paid"):
        m = raw["money"].get(key)
        # A median or a sum over fewer than k victims could describe one of them.
        money[key] = m if m and m["reports"] >= k else None
    unconverted = raw["money"].get("unconverted_reports", 0)
    money["unconverted_reports"] = unconverted if unconverted == 0 or unconverted >= k else None
    return {**out, "suppressed": False, "total": raw["total"],
            "breakdowns": {d: _publish(s) for d, s in tables.items()},
            "paid_share": share(tables["paid"]) if "paid" in tables else None,
            "minor_share": share(tables["minor"]) if "minor" in tables else None, "money": money}


def _publish(s: Suppressed) -> dict[str, Any]:
    return {"cells": dict(s.cells), "other": s.other}


def quarters_between(first: datetime, until: datetime) -> list[datetime]:
    out, current = [], period_start(first, "quarter")
    while current < until:
        out.append(current)
        current = next_period(current, "quarter")
    return out


def assemble(quarters: list[dict[str, Any]], k: int, currency: str, rates: RateTable) -> dict[str, Any]:
    """The public document from released quarters (oldest first): totals only over what is published."""
    published = [q for q in quarters if not q["suppressed"]]
    last = quarters[-1] if quarters else None
    before = quarters[-2] if len(quarters) > 1 else None
    change = None
    if last and before and not last["suppressed"] and not before["suppressed"]:
        change = {"quarter": last["quarter"], "count": last["total"], "previous_quarter": before["quarter"],
                  "previous": before["total"], "change": last["total"] - before["total"],
                  "change_pct": round((last["total"] - before["total"]) / before["total"] * 100, 1)}
    return {
        "threshold": k, "period": "quarter", "currency": currency, "rates_date": rates.date.isoformat(),
        "total_published": sum(q["total"] for q in published),
        "quarters": quarters, "change": change,
    }


def to_rows(document: dict[str, Any]) -> list[tuple[str, str, str, int | float | None]]:
    """(quarter, measure, category, value): the CSV export, one number a line."""
    rows: list[tuple[str, str, str, int | float | None]] = []
    for q in document["quarters"]:
        rows.append((q["quarter"], "total", "", q["total"]))
        for dimension, b in q["breakdowns"].items():
            rows.extend((q["quarter"], dimension, c, n) for c, n in b["cells"].items())
            if b["other"] is not None:
                rows.append((q["quarter"], dimension, "other", b["other"]))
        for key in ("paid_share", "minor_share"):
            if not q["suppressed"]:
                rows.append((q["quarter"], key, "", q[key]))
        for key in ("demanded", "paid"):
            m = q["money"].get(key)
            if m:
                rows.append((q["quarter"], f"{key}_median_{document['currency']}", "", m["median"]))
                rows.append((q["quarter"], f"{key}_total_{document['currency']}", "", m["total"]))
                rows.append((q["quarter"], f"{key}_reports", "", m["reports"]))
    return rows
