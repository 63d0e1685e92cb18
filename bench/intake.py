"""Intake throughput and latency over HTTP, against a running server on SQLite and PostgreSQL.

Starts ``tipline serve`` (uvicorn, several workers) with the rate limit raised, posts simulated
reports from concurrent keep-alive connections for a fixed time, and writes reports/s and
p50/p99 latency to JSON. Every answer must be a 201, or the run fails.

    python bench/intake.py                      # both engines, results in bench/results/intake.json
    python bench/intake.py --engine postgresql --workers 3 --connections 32 --seconds 20
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from tipline.simulate import generate

PG_URL = os.environ.get("TIPLINE_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
RESULTS = Path(__file__).parent / "results"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def start_server(engine: str, workers: int, data_dir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ)
    env.update({
        "TIPLINE_DATA_DIR": str(data_dir),
        "TIPLINE_SECRET_KEY": base64.b64encode(os.urandom(32)).decode(),
        "TIPLINE_RATE_LIMIT": "100000000/minute",  # the benchmark measures intake, not the limiter
    })
    if engine == "postgresql":
        reset_postgres(PG_URL)
        env["TIPLINE_DATABASE_URL"] = PG_URL
    else:
        env.pop("TIPLINE_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tipline.cli", "serve", "--port", str(port), "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("the server did not start within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


async def load(base: str, bodies: list[bytes], connections: int, seconds: float) -> dict:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    next_body = 0
    stop_at = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal next_body
            while time.perf_counter() < stop_at:
                body = bodies[next_body % len(bodies)]
                next_body += 1
                t0 = time.perf_counter()
                r = await client.post("/api/v1/reports", content=body,
                                      headers={"content-type": "application/json"})
                latencies.append(time.perf_counter() - t0)
                statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

        t_start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - t_start
    latencies.sort()
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies), "seconds": round(elapsed, 2),
        "reports_per_s": round(statuses.get(201, 0) / elapsed, 1),
        "latency_ms": {"p50": round(q[49] * 1000, 2), "p90": round(q[89] * 1000, 2),
                       "p99": round(q[98] * 1000, 2), "max": round(latencies[-1] * 1000, 2)},
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def bodies_for(n: int) -> list[bytes]:
    """Simulated reports without external ids (each post is a new report)."""
    out = []
    for sim in generate(n, seed=7):
        report = dict(sim.report)
        report.pop("external_id", None)
        report.pop("received_at", None)
        out.append(json.dumps(report).encode())
    return out


def run(engine: str, workers: int, connections: int, seconds: float, warmup: float) -> dict:
    bodies = bodies_for(2000)
    with tempfile.TemporaryDirectory() as tmp:
        proc, base = start_server(engine, workers, Path(tmp))
        try:
            asyncio.run(load(base, bodies, connections, warmup))
            result = asyncio.run(load(base, bodies, connections, seconds))
        finally:
            stop_server(proc)
    bad = {k: v for k, v in result["statuses"].items() if k != "201"}
    if bad:
        raise SystemExit(f"{engine}: non-201 answers {bad}")
    return {"engine": engine, "workers": workers, "connections": connections, **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS / "intake.json")
    args = parser.parse_args()
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    runs = []
    for engine in engines:
        result = run(engine, args.workers, args.connections, args.seconds, args.warmup)
        print(json.dumps(result), file=sys.stderr)
        runs.append(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "benchmark": "intake", "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "command": " ".join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]]),
        "targets": {"postgresql_reports_per_s": 1000, "p99_ms": 50},
        "runs": runs,
    }, indent=2) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
