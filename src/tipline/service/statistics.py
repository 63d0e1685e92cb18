"""Statistics for the web and the CLI: a cached snapshot, the dashboard, the frozen public release.

The web never aggregates the live database: it reads a Parquet snapshot (``store.snapshot``) that
is rebuilt at most every ``stats_snapshot_max_age`` seconds, into a new directory each time, so a
page being drawn keeps reading a complete snapshot while the next one is written. Results are
cached per snapshot and query.

The public release is made of complete quarters; each quarter is computed once, written to
``<data_dir>/public-stats/<quarter>.json`` and read back from there ever after, so that later
imports, deletions or a changed threshold never make two releases of one quarter differ.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections import OrderedDict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from tipline.currency import load_rates
from tipline.service.context import Tipline
from tipline.stats import Query, compute
from tipline.stats.aggregate import period_label, period_start
from tipline.stats.alerts import alerts
from tipline.stats.public import assemble, quarter_counts, quarters_between, release_quarter
from tipline.store.snapshot import connect, write_snapshot

CACHE_SIZE = 64


class StatisticsService:
    def __init__(self, tipline: Tipline, max_age: float | None = None) -> None:
        self.tipline = tipline
        settings = tipline.settings
        self.max_age = settings.stats_snapshot_max_age if max_age is None else max_age
        self.root = settings.data_dir / "stats-snapshots"
        self.frozen = settings.data_dir / "public-stats"
        self.rates = load_rates(settings.exchange_rates)
        self.currency = settings.reporting_currency.upper()
        self.threshold = settings.public_stats_threshold
        self._lock = threading.Lock()
        self._current: tuple[Path, float] | None = None
        self._cache: OrderedDict[Any, Any] = OrderedDict()
        self._retired: list[Path] = []

    # --- the snapshot ---------------------------------------------------------------------------

    def snapshot(self) -> Path:
        """The current snapshot's directory, rebuilt when older than ``max_age``."""
        with self._lock:
            if self._current and time.monotonic() - self._current[1] < self.max_age:
                return self._current[0]
            directory = self.root / f"{time.time_ns()}"
            write_snapshot(self.tipline.db, directory)
            self._current = (directory, time.monotonic())
            self._cache.clear()
            # Keep the one before too: a page that took the old path a moment ago may still be
            # opening its files. Older ones are no longer handed out.
            self._retired.append(directory)
            while len(self._retired) > 2:
                shutil.rmtree(self._retired.pop(0), ignore_errors=True)
            return directory

    def _cached(self, key: Any, make) -> Any:
        directory = self.snapshot()
        full = (directory, key)
        with self._lock:
            if full in self._cache:
                self._cache.move_to_end(full)
                return self._cache[full]
        con = connect(directory)
        try:
            value = make(con)
        finally:
            con.close()
        with self._lock:
            self._cache[full] = value
            while len(self._cache) > CACHE_SIZE:  # arbitrary ranges must not grow memory for ever
                self._cache.popitem(last=False)
        return value

    # --- what pages and exports show ------------------------------------------------------------

    def dashboard(self, query: Query) -> dict[str, Any]:
        return self._cached(("dashboard", query), lambda con: compute(con, query, self.rates, self.currency))

    def alerts(self, now: datetime | None = None) -> list[dict[str, Any]]:
        now = now or datetime.now(UTC)
        day = now.replace(hour=0, minute=0, second=0, microsecond=0)
        return self._cached(("alerts", day), lambda con: alerts(con, day))

    def public(self, now: datetime | None = None) -> dict[str, Any]:
        """Complete quarters, each frozen at its first release."""
        now = now or datetime.now(UTC)
        until = period_start(now, "quarter")
        return self._cached(("public", until), lambda con: self._public(con, until))

    def _public(self, con: duckdb.DuckDBPyConnection, until: datetime) -> dict[str, Any]:
        self.frozen.mkdir(parents=True, exist_ok=True)
        first = con.execute("SELECT min(received_at) FROM reports").fetchone()[0]
        if first is None:
            return assemble([], self.threshold, self.currency, self.rates)
        starts = quarters_between(first.astimezone(UTC), until)
        released: dict[str, dict[str, Any]] = {}
        missing = []
        for start in starts:
            path = self.frozen / f"{period_label(start, 'quarter')}.json"
            if path.exists():
                released[path.stem] = json.loads(path.read_text(encoding="utf-8"))
            else:
                missing.append(start)
        if missing:
            raw = {r["start"].astimezone(UTC): r for r in quarter_counts(con, until, self.rates, self.currency)}
            for start in missing:
                r = raw.get(start) or {"start": start, "total": 0, "breakdowns": {}, "money": {}}
                document = release_quarter(r, self.threshold)
                path = self.frozen / f"{document['quarter']}.json"
                tmp = path.with_suffix(".tmp")
                tmp.write_text(json.dumps(document, sort_keys=True), encoding="utf-8")
                tmp.replace(path)
                released[document["quarter"]] = document
        quarters = [released[period_label(s, "quarter")] for s in starts]
        return assemble(quarters, self.threshold, self.currency, self.rates)


def service_for(app_state: Any) -> StatisticsService:
    """The app's one service, made on first use."""
    service = getattr(app_state, "statistics", None)
    if service is None:
        service = app_state.statistics = StatisticsService(app_state.tipline)
    return service
