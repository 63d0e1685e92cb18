"""Intake throughput and latency over HTTP, against a running server on SQLite and PostgreSQL.

Starts ``tipline serve`` (uvicorn, several workers) with the rate limit raised, posts simulated
reports from concurrent keep-alive connections for a fixed time, and writes reports/s and
p50/p99 latency to JSON. Every answer must be a 201, or the run fails.

The API answers once a report is durable; the reader that ``serve`` starts beside the workers
(at a lower CPU priority) reads the burst's backlog afterwards. Its drain time and rate are
written too, so the figure is never a report received and then forgotten.

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


def start_server(engine: str, workers: int, data_dir: Path) -> tuple[subprocess.Popen, str, str]:
    port = free_port()
    env = dict(os.environ)
    env.update({
        "TIPLINE_DATA_DIR": str(data_dir),
        "TIPLINE_SECRET_KEY": base64.b64encode(os.urandom(32)).decode(),
        "TIPLINE_RATE_LIMIT": "100000000/minute",  # the benchmark measures intake, not the limiter
    })
    if engine == "postgresql":
        reset_postgres(PG_URL)
        env["TIPLINE_DATABASE_URL"] = url = PG_URL
    else:
        env.pop("TIPLINE_DATABASE_URL", None)
        url = f"sqlite:///{data_dir / 'tipline.sqlite3'}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tipline.cli", "serve", "--port", str(port), "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return proc, base, url
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


def _request(body: bytes) -> bytes:
    return (b"POST /api/v1/reports HTTP/1.1\r\nhost: bench\r\ncontent-type: application/json\r\n"
            b"content-length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


async def load(base: str, bodies: list[bytes], connections: int, seconds: float) -> dict:
    """Keep-alive connections posting back to back. A bare asyncio HTTP/1.1 client (uvloop),
    not httpx: the client shares the two cores with the server, and httpx spent about as much CPU
    per request as the server's own parsing, so the figure measured the client as much as tipline."""
    host, port = base.removeprefix("http://").split(":")
    requests = [_request(b) for b in bodies]
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    next_body = 0
    stop_at = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal next_body
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while time.perf_counter() < stop_at:
                request = requests[next_body % len(requests)]
                next_body += 1
                t0 = time.perf_counter()
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                await reader.readexactly(length)
                latencies.append(time.perf_counter() - t0)
                status = int(head[9:12])
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            writer.close()

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


def cpu_seconds(server_group: int) -> dict[str, float] | None:
    """CPU seconds used so far by the server's processes (its web workers, and its reader apart)
    and by PostgreSQL's, read from /proc (Linux); None elsewhere."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    out = {"web": 0.0, "reader": 0.0, "postgresql": 0.0}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        used = (int(fields[11]) + int(fields[12])) / tick
        if int(fields[2]) == server_group:  # the process group `serve` leads
            idle = int(fields[38]) == 5  # SCHED_IDLE: the reader
            out["reader" if idle else "web"] += used
        elif cmdline.startswith(b"postgres"):
            out["postgresql"] += used
    return out


def unread(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM reports WHERE extractor_version IS NULL")).scalar_one()
    engine.dispose()
    return n


def drain(url: str, limit: float = 600) -> dict:
    """After the burst: how long the reader (at its lower priority until now) takes to read the backlog."""
    t0 = time.perf_counter()
    backlog = left = unread(url)
    while left and time.perf_counter() - t0 < limit:
        time.sleep(0.5)
        left = unread(url)
    seconds = time.perf_counter() - t0
    return {"backlog_after_burst": backlog, "unread_at_end": left, "seconds": round(seconds, 1),
            "reports_per_s": round(backlog / seconds, 1) if backlog and not left else None}


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
        proc, base, url = start_server(engine, workers, Path(tmp))
        try:
            asyncio.run(load(base, bodies, connections, warmup))
            drain(url)  # the warm-up's backlog is read before the measured burst
            before, client = cpu_seconds(proc.pid), time.process_time()
            result = asyncio.run(load(base, bodies, connections, seconds))
            after, client = cpu_seconds(proc.pid), time.process_time() - client
            if before and after and result["requests"]:
                per = {k: round(1000 * (after[k] - before[k]) / result["requests"], 3) for k in after}
                result["cpu_ms_per_report"] = {**per, "load_generator": round(1000 * client / result["requests"], 3)}
            result["reader"] = drain(url)
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
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS / "intake.json")
    args = parser.parse_args()
    try:  # the client's event loop: the load generator must cost far less than the server
        import uvloop

        uvloop.install()
    except ImportError:
        pass
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
