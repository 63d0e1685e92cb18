"""Key rotation and retention purge throughput, on SQLite and PostgreSQL.

Imports a simulated corpus, then times ``rotate`` (a new key in the key file and every record
re-encrypted) and ``purge`` (every report past retention erased), and writes records/s to JSON.
Every record must still decrypt after the rotation, or the run fails.

    python bench/keys.py                                   # both engines, bench/results/keys.json
    python bench/keys.py --engine sqlite --reports 20000
    TIPLINE_BENCH_PG_URL=postgresql+psycopg://postgres@127.0.0.1:5432/mydb python bench/keys.py
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, select, text, update

from tipline.config import Settings
from tipline.service import keys
from tipline.service.context import Tipline
from tipline.service.retention import purge
from tipline.service.transfer import import_lines
from tipline.simulate import generate
from tipline.store import reports
from tipline.store.tables import FollowUpRow, ReportRow

PG_URL = os.environ.get("TIPLINE_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
RESULTS = Path(__file__).parent / "results"


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def run(engine: str, n: int, batch: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        url = f"sqlite:///{data / 'bench.sqlite3'}"
        if engine == "postgresql":
            reset_postgres(PG_URL)
            url = PG_URL
        app = Tipline.open(Settings(data_dir=data, database_url=url))  # a key file, as embedded mode
        try:
            result = import_lines(app, (json.dumps(sim.report) for sim in generate(n, 7)))
            assert result.imported == n, result.errors[:3]
            with app.db.read() as s:
                rows = s.execute(select(ReportRow.id)).all()
                follow_ups = len(s.execute(select(FollowUpRow.id)).all())
            t0 = time.perf_counter()
            keys.new_key(app)
            moved = keys.reencrypt(app, batch=batch)
            rotate = time.perf_counter() - t0
            assert moved == len(rows) + follow_ups and keys.stale(app) == 0
            with app.db.read() as s:  # every record still decrypts
                for row in reports.iter_reports(s):
                    assert reports.report_body(app.keys, row)
            with app.db.write() as s:
                s.execute(update(ReportRow).values(status="closed"))
            t0 = time.perf_counter()
            purged = purge(app, now=datetime.now(UTC) + timedelta(days=5000))
            erase = time.perf_counter() - t0
            assert purged.total == n
        finally:
            app.close()
    return {"engine": engine, "reports": n, "records_reencrypted": moved, "batch": batch,
            "rotate_seconds": round(rotate, 2), "rotate_records_per_s": round(moved / rotate),
            "purge_seconds": round(erase, 2), "purge_reports_per_s": round(n / erase)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--out", type=Path, default=RESULTS / "keys.json")
    args = parser.parse_args()
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    results = [run(e, args.reports, args.batch) for e in engines]
    for r in results:
        print(json.dumps(r))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": platform.machine(),
        "cpus": os.cpu_count(), "python": platform.python_version(), "results": results}, indent=1) + "\n")


if __name__ == "__main__":
    main()
