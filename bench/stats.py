"""Benchmark: the whole staff dashboard over 1 M reports on DuckDB (target: <= 2 s).

Generates snapshot-shaped Parquet directly (numpy, seeded: fast, no store needed): reports with
realistic category mixes over three years, about 0.8 demand and 0.35 payment rows per report,
phone identifiers shared across reports. Then times ``stats.compute`` (every breakdown, money with
conversion, flows, the window change) plus the alerts, and writes the time and the peak memory
(RSS of this process, which includes DuckDB's native allocations) to bench/results/stats.json.
Wall time on a shared machine depends on its load: the CPU time (all threads) and the load
average at the end are recorded beside it.

    PYTHONPATH=src /work/venv/bin/python bench/stats.py [--reports 1000000]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from tipline.currency import load_rates
from tipline.stats import Query, compute
from tipline.stats.alerts import alerts
from tipline.stats.public import quarter_counts
from tipline.store.snapshot import SCHEMAS, connect

RESULTS = Path(__file__).parent / "results" / "stats.json"
START = datetime(2023, 11, 1, tzinfo=UTC)
SPAN_US = 3 * 365 * 86400 * 1_000_000


def _pick(rng: np.random.Generator, values: list, weights: list[float], n: int) -> np.ndarray:
    p = np.array(weights, dtype=float)
    return rng.choice(np.array(values, dtype=object), size=n, p=p / p.sum())


def generate(directory: Path, n: int, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    ids = np.char.add("r", np.arange(n).astype(str)).astype(object)
    received = START.timestamp() * 1e6 + np.sort(rng.integers(0, SPAN_US, n))
    minor_band = _pick(rng, ["under-13", "13-15", "16-17", "18-20", "21-30", "31-40", "41-50", "51-60", "over-60",
                             "unknown"], [1, 6, 12, 18, 30, 14, 8, 4, 2, 5], n)
    minor = np.isin(minor_band, ["under-13", "13-15", "16-17"])
    paid = rng.random(n) < 0.33
    images = rng.random(n) < 0.12
    signals = np.where(paid & images, '{"more_images_demanded": true, "paid": true}',
                       np.where(paid, '{"paid": true}', np.where(images, '{"more_images_demanded": true}', "{}")))
    reports = pa.table({
        "id": ids, "external_id": pa.nulls(n, pa.string()),
        "received_at": pa.array(received.astype("int64"), pa.timestamp("us", tz="UTC")),
        "source": _pick(rng, ["web", "api", "import"], [72, 11, 17], n),
        "language": _pick(rng, ["fr", "en"], [55, 45], n),
        "reporter_role": _pick(rng, ["victim", "parent_guardian", "friend", "professional", None],
                               [70, 12, 5, 3, 10], n),
        "victim_age_band": minor_band,
        "victim_gender": _pick(rng, ["man", "woman", "non_binary", "unknown", None], [75, 18, 1, 3, 3], n),
        "victim_country": _pick(rng, ["FR", "CA", "BE", "CH", "US", "GB", "MA", "SN", "CI", None],
                                [30, 20, 10, 6, 12, 8, 4, 3, 3, 4], n),
        "platform_first_contact": _pick(rng, ["instagram", "facebook", "snapchat", "tiktok", "tinder", "x",
                                              "skype", "whatsapp", None], [25, 25, 15, 10, 6, 4, 3, 5, 7], n),
        "first_contact_at": pa.nulls(n, pa.timestamp("us", tz="UTC")),
        "deadline": pa.nulls(n, pa.timestamp("us", tz="UTC")),
        "minor": minor, "self_harm": rng.random(n) < 0.05, "flags": np.full(n, "{}", dtype=object),
        "signals": signals, "status": np.full(n, "new", dtype=object),
    }, schema=SCHEMAS["reports"])
    pq.write_table(reports, directory / "reports.parquet")

    demand_of = np.flatnonzero(rng.random(n) < 0.8)
    pay_of = np.flatnonzero(paid)
    m = len(demand_of) + len(pay_of)
    currency = _pick(rng, ["EUR", "CAD", "USD", "GBP", "CHF", "MAD", "XOF", "QQQ"], [45, 20, 15, 6, 4, 4, 5, 1], m)
    money = pa.table({
        "id": np.arange(m), "report_id": np.concatenate([ids[demand_of], ids[pay_of]]),
        "role": np.array(["demand"] * len(demand_of) + ["payment"] * len(pay_of), dtype=object),
        "amount": pa.array([f"{x:.2f}" for x in rng.lognormal(6.5, 0.8, m)]).cast(pa.decimal128(20, 2)),
        "currency": currency,
        "method": np.concatenate([np.full(len(demand_of), None, dtype=object),
                                  _pick(rng, ["western_union", "moneygram", "gift_card", "crypto", "paypal",
                                              "bank_transfer"], [35, 15, 25, 10, 8, 7], len(pay_of))]),
        "destination_country": np.concatenate([np.full(len(demand_of), None, dtype=object),
                                               _pick(rng, ["CI", "NG", "GH", "MA", "PH", "SN", "BJ", None],
                                                     [30, 15, 12, 12, 8, 6, 5, 12], len(pay_of))]),
        "recipient_name": pa.nulls(m, pa.string()), "reference": pa.nulls(m, pa.string()),
        "at": pa.nulls(m, pa.timestamp("us", tz="UTC")),
    }, schema=SCHEMAS["money"])
    pq.write_table(money, directory / "money.parquet")

    phones = n // 8
    countries = _pick(rng, ["CI", "NG", "GH", "MA", "PH", "SN", "BJ", "FR"], [30, 15, 12, 12, 8, 6, 5, 3], phones)
    identifiers = pa.table({
        "id": np.arange(phones), "kind": np.full(phones, "phone", dtype=object),
        "value": np.char.add("+2250", np.arange(phones).astype(str)).astype(object), "country": countries,
        "first_seen": pa.array(np.full(phones, int(START.timestamp() * 1e6)), pa.timestamp("us", tz="UTC")),
        "last_seen": pa.array(np.full(phones, int(START.timestamp() * 1e6)), pa.timestamp("us", tz="UTC")),
    }, schema=SCHEMAS["identifiers"])
    pq.write_table(identifiers, directory / "identifiers.parquet")
    with_phone = np.flatnonzero(rng.random(n) < 0.85)
    links = pa.table({
        "report_id": ids[with_phone], "identifier_id": rng.zipf(1.6, len(with_phone)) % phones,
        "source": np.full(len(with_phone), "narrative", dtype=object),
        "confidence": np.full(len(with_phone), 0.9),
    }, schema=SCHEMAS["report_identifiers"])
    pq.write_table(links, directory / "report_identifiers.parquet")
    for table, schema in SCHEMAS.items():  # the linking tables, empty: statistics do not read them
        if not (directory / f"{table}.parquet").exists():
            pq.write_table(schema.empty_table(), directory / f"{table}.parquet")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rates = load_rates()
    with tempfile.TemporaryDirectory(prefix="tipline-bench-stats-") as tmp:
        directory = Path(tmp)
        t0 = time.perf_counter()
        generate(directory, args.reports)
        generated = time.perf_counter() - t0
        now = datetime(2026, 11, 1, tzinfo=UTC)
        timings, cpu, public_timings = [], [], []
        for _ in range(args.runs):
            con = connect(directory)  # a fresh connection each run: no warm temp tables
            t0, c0 = time.perf_counter(), time.process_time()
            stats = compute(con, Query(by="month"), rates, "EUR")
            found = alerts(con, now)
            timings.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            t0 = time.perf_counter()
            quarter_counts(con, datetime(2026, 10, 1, tzinfo=UTC), rates, "EUR")
            public_timings.append(time.perf_counter() - t0)
            con.close()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "benchmark": "stats dashboard (compute + alerts) on DuckDB over a Parquet snapshot",
        "reports": args.reports, "money_rows": None, "runs": args.runs,
        "dashboard_seconds": {"best": round(min(timings), 3), "median": round(sorted(timings)[len(timings) // 2], 3),
                              "all": [round(t, 3) for t in timings]},
        "dashboard_cpu_seconds": {"best": round(min(cpu), 3), "all": [round(t, 3) for t in cpu]},
        "load_average_1min": round(__import__("os").getloadavg()[0], 2),
        "public_release_seconds": {"best": round(min(public_timings), 3)},
        "target_seconds": 2.0, "meets_target": min(timings) <= 2.0,
        "peak_rss_mib": round(peak_mib, 1), "generate_seconds": round(generated, 1),
        "check": {"total": stats["total"], "alerts": len(found), "periods": len(stats["by_period"])},
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
        "date": datetime.now(UTC).date().isoformat(),
    }
    result.pop("money_rows")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
