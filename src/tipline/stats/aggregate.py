"""Counts, shares, money and trends over a DuckDB connection on the snapshot views.

Pure aggregation: the caller passes a connection whose views ``reports``, ``money``, ``identifiers``
and ``report_identifiers`` have the shape of ``tipline.store.snapshot`` (a snapshot of the store,
or synthetic Parquet for the benchmark); nothing here reads settings, the store or the clock.
All the work is SQL that DuckDB runs over the whole table; Python only shapes the few result rows.

Definitions (docs/statistics.md says the same for readers):

* a report counts in the period of its ``received_at`` (UTC); the range is ``[since, until)``;
* a breakdown counts reports; a report with no answer counts under ``unknown``; a report with two
  payments by two methods counts once under each method (so those bars may add up to more than
  the reports that paid);
* *scheme*: ``financial`` (money demanded or paid), ``sexual`` (more images demanded, no money),
  ``both``, or ``unknown``;
* *paid*: a payment row or the extracted ``paid`` signal; *minor*: the report's ``minor`` flag;
* money: each row converted with one dated rate table; per report the sum of its demands (or
  payments); median and total over the reports with at least one converted row. Rows in a currency
  the table does not know are never converted or dropped: they are counted per currency apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import duckdb

from tipline.currency import RateTable

PERIODS = ("week", "month", "quarter", "year")
UNKNOWN = "unknown"

# Breakdowns read from one column of the filtered reports.
REPORT_DIMENSIONS: dict[str, str] = {
    "age_band": "victim_age_band",
    "gender": "victim_gender",
    "reporter_role": "reporter_role",
    "victim_country": "victim_country",
    "platform": "platform_first_contact",
    "scheme": "scheme",
}
# Breakdowns of the scammers' side: (table of the filtered rows, column).
SIDE_DIMENSIONS: dict[str, tuple[str, str]] = {
    "payment_method": ("_pay", "method"),
    "destination_country": ("_pay", "destination_country"),
    "scammer_phone_country": ("_phone", "country"),
}
DIMENSIONS = tuple(REPORT_DIMENSIONS) + tuple(SIDE_DIMENSIONS)


class StatsQueryError(ValueError):
    """A query that cannot be answered as asked (bad period, until before since…)."""


@dataclass(frozen=True)
class Query:
    since: datetime | None = None
    until: datetime | None = None  # exclusive
    by: str = "month"
    window_months: int = 6

    def __post_init__(self) -> None:
        if self.by not in PERIODS:
            raise StatsQueryError(f"by must be one of {', '.join(PERIODS)}, not {self.by!r}")
        if self.window_months < 1:
            raise StatsQueryError("the window must be at least one month")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise StatsQueryError(f"{name} must be an aware UTC datetime")
        if self.since and self.until and self.until <= self.since:
            raise StatsQueryError("until must be after since")


def as_utc(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def add_months(when: datetime, months: int) -> datetime:
    total = when.year * 12 + when.month - 1 + months
    return when.replace(year=total // 12, month=total % 12 + 1, day=1)


def period_start(when: datetime, by: str) -> datetime:
    """The first instant of the period holding ``when`` (weeks start on Monday, as ISO's)."""
    day = datetime(when.year, when.month, when.day, tzinfo=UTC)
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


def next_period(start: datetime, by: str) -> datetime:
    if by == "week":
        return start + timedelta(days=7)
    return add_months(start, {"month": 1, "quarter": 3, "year": 12}[by])


def period_label(start: datetime, by: str) -> str:
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{start.year}-{start.month:02d}"
    if by == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def _pct(now: int, before: int) -> float | None:
    return None if before == 0 else round((now - before) / before * 100, 1)


def _setup(con: duckdb.DuckDBPyConnection, query: Query) -> None:
    """Temp tables of the reports in range and their payments, phones and demands: every query
    below reads these instead of re-scanning and re-parsing the Parquet files."""
    con.execute("SET TimeZone = 'UTC'")
    where, params = [], []
    if query.since:
        where.append("received_at >= ?")
        params.append(query.since)
    if query.until:
        where.append("received_at < ?")
        params.append(query.until)
    cond = ("WHERE " + " AND ".join(where)) if where else ""
    # The base table first; money and links are then restricted to it only when the range
    # restricts anything (the snapshot's foreign keys hold, so an open range needs no join:
    # joins on text ids are the costliest step at a million reports).
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _base AS
        SELECT id, received_at, reporter_role, victim_age_band, victim_gender, victim_country,
               platform_first_contact, coalesce(minor, false) AS minor,
               coalesce(json_extract_string(signals, '$.paid') = 'true', false) AS paid_signal,
               coalesce(json_extract_string(signals, '$.more_images_demanded') = 'true', false)
                 OR coalesce(json_extract_string(flags, '$.more_images_demanded') = 'true', false) AS images
        FROM reports {cond}
    """, params)  # noqa: S608 (the condition is ours; values are parameters)
    in_range = "SEMI JOIN _base ON _base.id = m.report_id" if where else ""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _money AS
        SELECT m.report_id, m.role, m.amount, upper(m.currency) AS currency, m.method, m.destination_country
        FROM money m {in_range}
    """)  # noqa: S608 (constants)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _r AS
        WITH m AS (
            SELECT report_id, bool_or(role = 'demand') AS demanded, bool_or(role = 'payment') AS paid_row
            FROM _money GROUP BY report_id
        )
        SELECT b.*, coalesce(m.paid_row, false) OR paid_signal AS paid,
               CASE WHEN coalesce(m.demanded OR m.paid_row, false) OR paid_signal
                    THEN (CASE WHEN images THEN 'both' ELSE 'financial' END)
                    WHEN images THEN 'sexual' ELSE 'unknown' END AS scheme
        FROM _base b LEFT JOIN m ON m.report_id = b.id
    """)
    con.execute("DROP TABLE _base")
    con.execute("CREATE OR REPLACE TEMP VIEW _pay AS SELECT * FROM _money WHERE role = 'payment'")
    in_range = "SEMI JOIN _r ON _r.id = ri.report_id" if where else ""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _phone AS
        SELECT DISTINCT ri.report_id, i.country
        FROM report_identifiers ri JOIN identifiers i ON i.id = ri.identifier_id {in_range}
        WHERE i.kind = 'phone'
    """)  # noqa: S608 (constants)


def _counts(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, n in con.execute(sql).fetchall():
        name = UNKNOWN if key is None else str(key)  # no answer and "unknown" are one category
        out[name] = out.get(name, 0) + int(n)
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def breakdown(con: duckdb.DuckDBPyConnection, dimension: str) -> dict[str, int]:
    """Reports per value of one dimension, largest first (after ``_setup``)."""
    if dimension in REPORT_DIMENSIONS:
        column = REPORT_DIMENSIONS[dimension]
        return _counts(con, f"SELECT {column}, count(*) FROM _r GROUP BY 1")  # noqa: S608
    table, column = SIDE_DIMENSIONS[dimension]
    return _counts(con, f"SELECT {column}, count(DISTINCT report_id) FROM {table} GROUP BY 1")  # noqa: S608


def _series(con: duckdb.DuckDBPyConnection, query: Query) -> list[dict[str, Any]]:
    rows = con.execute(f"SELECT date_trunc('{query.by}', received_at) AS p, count(*) FROM _r "  # noqa: S608
                       "GROUP BY 1 ORDER BY 1").fetchall()
    if not rows:
        return []
    counts = {p.astimezone(UTC): int(n) for p, n in rows}
    start = period_start(query.since, query.by) if query.since else min(counts)
    last = period_start(query.until - timedelta(microseconds=1), query.by) if query.until else max(counts)
    out: list[dict[str, Any]] = []
    previous: int | None = None
    current = start
    while current <= last:  # every period, the empty ones too: a gap is a zero, not a missing point
        n = counts.get(current, 0)
        out.append({"period": period_label(current, query.by), "start": current.date().isoformat(), "count": n,
                    "previous": previous, "change": None if previous is None else n - previous,
                    "change_pct": None if previous is None else _pct(n, previous)})
        previous = n
        current = next_period(current, query.by)
    return out


def window_change(con: duckdb.DuckDBPyConnection, end: datetime, months: int) -> dict[str, Any]:
    """Reports in the ``months`` before ``end`` against the ``months`` before those (whole table)."""
    mid = _minus_months(end, months)
    start = _minus_months(end, 2 * months)
    now, before = con.execute(
        "SELECT count(*) FILTER (WHERE received_at >= ? AND received_at < ?), "
        "count(*) FILTER (WHERE received_at >= ? AND received_at < ?) FROM reports",
        [mid, end, start, mid]).fetchone()
    return {"window_months": months,
            "current": {"from": mid.isoformat(), "until": end.isoformat(), "count": int(now)},
            "previous": {"from": start.isoformat(), "until": mid.isoformat(), "count": int(before)},
            "change": int(now) - int(before), "change_pct": _pct(int(now), int(before))}


def _minus_months(when: datetime, months: int) -> datetime:
    """The same day ``months`` earlier (the month's last day when that day does not exist)."""
    total = when.year * 12 + when.month - 1 - months
    year, month = total // 12, total % 12 + 1
    for day in (when.day, 30, 29, 28):
        try:
            return when.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def money(con: duckdb.DuckDBPyConnection, rates: RateTable, currency: str) -> dict[str, Any]:
    """Demanded and paid: median and total per report in ``currency``; unknown currencies apart."""
    if not rates.knows(currency):
        raise StatsQueryError(f"the rate table of {rates.date} has no rate for {currency}")
    con.execute("CREATE OR REPLACE TEMP TABLE _rates (currency VARCHAR, per_base DOUBLE)")
    con.executemany("INSERT INTO _rates VALUES (?, ?)", [(c, float(r)) for c, r in rates.rates.items()])
    target = float(rates.rates[currency.upper()])
    out: dict[str, Any] = {"currency": currency.upper(), "rates_date": rates.date.isoformat(),
                           "approximate_rates": sorted(rates.approximate)}
    for role, key in (("demand", "demanded"), ("payment", "paid")):
        n, median, total = con.execute("""
            WITH per_report AS (
                SELECT report_id, sum(amount::DOUBLE / r.per_base * ?) AS value
                FROM _money m JOIN _rates r ON r.currency = m.currency
                WHERE m.role = ? GROUP BY report_id
            )
            SELECT count(*), median(value), sum(value) FROM per_report
        """, [target, role]).fetchone()
        out[key] = {"reports": int(n), "median": None if median is None else round(median, 2),
                    "total": round(total or 0.0, 2)}
    rows = con.execute("""
        SELECT m.role, m.currency, count(*), count(DISTINCT m.report_id), sum(m.amount)
        FROM _money m LEFT JOIN _rates r ON r.currency = m.currency
        WHERE r.currency IS NULL GROUP BY 1, 2 ORDER BY 1, 2
    """).fetchall()
    out["unconverted"] = [{"role": role, "currency": cur, "rows": int(n), "reports": int(k), "amount": str(amount)}
                          for role, cur, n, k, amount in rows]
    return out


def flows(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[dict[str, Any]]:
    """Reports per (victim's country, scammers' country), the latter from the payments'
    destinations and the scammers' phone numbers; a report counts once per distinct pair."""
    rows = con.execute(f"""
        WITH side AS (
            SELECT report_id, destination_country AS c FROM _pay WHERE destination_country IS NOT NULL
            UNION SELECT report_id, country FROM _phone WHERE country IS NOT NULL
        )
        SELECT coalesce(_r.victim_country, '{UNKNOWN}') AS v, side.c, count(*) AS n  -- side pairs are distinct
        FROM side JOIN _r ON _r.id = side.report_id GROUP BY 1, 2 ORDER BY n DESC, v, side.c LIMIT {int(limit)}
    """).fetchall()  # noqa: S608 (constants only)
    return [{"from": v, "to": c, "count": int(n)} for v, c, n in rows]


def networks_active(con: duckdb.DuckDBPyConnection) -> int:
    """Networks (two reports or more, as of the last ``tipline networks rebuild``) with a report in range."""
    return int(con.execute("""
        WITH sized AS (SELECT network_id FROM network_reports GROUP BY 1 HAVING count(*) >= 2)
        SELECT count(DISTINCT nr.network_id) FROM network_reports nr JOIN _r ON _r.id = nr.report_id
        WHERE nr.network_id IN (SELECT network_id FROM sized)
    """).fetchone()[0])


def compute(con: duckdb.DuckDBPyConnection, query: Query, rates: RateTable, currency: str) -> dict[str, Any]:
    """Everything the dashboard, the CLI and the JSON export show, as one JSON-ready dict."""
    _setup(con, query)
    total, paid, minors = con.execute("SELECT count(*), count(*) FILTER (paid), count(*) FILTER (minor) "
                                      "FROM _r").fetchone()
    end = query.until
    if end is None:
        last = con.execute("SELECT max(received_at) FROM reports").fetchone()[0]
        end = as_utc((last.astimezone(UTC) + timedelta(days=1)).date()) if last else as_utc(date.today())
    out: dict[str, Any] = {
        "since": query.since.isoformat() if query.since else None,
        "until": query.until.isoformat() if query.until else None,
        "by": query.by,
        "total": int(total),
        "by_period": _series(con, query),
    }
    for dimension in DIMENSIONS:
        out[f"by_{dimension}"] = breakdown(con, dimension)
    out["paid"] = int(paid)
    out["minors"] = int(minors)
    out["paid_share"] = round(paid / total, 4) if total else None
    out["minor_share"] = round(minors / total, 4) if total else None
    out["money"] = money(con, rates, currency)
    out["flows"] = flows(con)
    out["networks_active"] = networks_active(con)
    out["change"] = window_change(con, end, query.window_months)
    return out
