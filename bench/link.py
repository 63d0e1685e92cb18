"""Linking at scale: related-report lookup latency, and ``networks rebuild`` time and peak memory.

The store is filled directly (bulk Core inserts shaped like intake's rows, not through HTTP):
Zipf-sized scammer groups reusing phones, profiles, recipients, script bands and profile photos
(35 % of reports carry a picture hash, a few bits off the photo's), 15 % lone scammers, a
platform support address named by 0.5 % of reports (a hub), identifiers missing at random. Each
measurement runs in a fresh process, so peak memory (ru_maxrss) is the rebuild's own.

    python bench/link.py --reports 100000               # results in bench/results/link.json
    python bench/link.py --reports 100000 --reports 1000000
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
CHUNK = 20_000


def _settings(directory: Path):
    from tipline.config import Settings

    key_file = directory / "bench.key"
    if not key_file.exists():
        key_file.write_text(base64.b64encode(os.urandom(32)).decode())
    return Settings(data_dir=directory / "data", database_url=f"sqlite:///{directory / 'bench.sqlite3'}",
                    secret_key=key_file.read_text())


def build(directory: Path, n: int, seed: int = 1) -> dict:
    """Fill a fresh SQLite store with ``n`` reports; returns counts."""
    from sqlalchemy import insert

    from tipline.link import names
    from tipline.service.context import Tipline
    from tipline.store.tables import (
        IdentifierRow,
        MoneyRow,
        RecipientKeyRow,
        ReportIdentifierRow,
        ReportRow,
        ScriptKeyRow,
    )

    rng = random.Random(seed)
    app = Tipline.open(_settings(directory))
    n_groups = max(1, n // 25)
    weights = [1.0 / (r ** 0.9) for r in range(1, n_groups + 1)]
    start = datetime(2025, 6, 1, tzinfo=UTC)
    idents: dict[tuple[str, str], int] = {}
    ident_rows: list[dict] = []
    recipient_keys: list[dict] = []

    def ident(kind: str, value: str, country: str | None = None) -> int:
        key = (kind, value)
        if key not in idents:
            idents[key] = len(idents) + 1
            ident_rows.append({"id": idents[key], "kind": kind, "value": value, "country": country,
                               "first_seen": start, "last_seen": start})
            if kind == "transfer_recipient":
                recipient_keys.extend({"key": k, "identifier_id": idents[key]} for k in names.block_keys(value))
        return idents[key]

    groups: dict[int, dict] = {}

    def group(g: int) -> dict:
        if g not in groups:
            size = 1 + int(3 / (g ** 0.3))
            groups[g] = {
                "phones": [f"+2250{g:07d}{i}" for i in range(size)],
                "profiles": [f"instagram:grp{g}_p{i}" for i in range(size + 1)],
                "recipients": [f"CI:{_name(rng)} {_name(rng)} {_name(rng)}" for _ in range(max(1, size // 2))],
                "bands": [rng.getrandbits(63) for _ in range(16)],
                "photos": [rng.getrandbits(256) for _ in range(size + 1)],
            }
        return groups[g]

    def picture(photo: int) -> int:
        """The hash a victim's screenshot of ``photo`` gives: a few bits flipped (simulate.pictures)."""
        mask = 0
        for bit in rng.sample(range(256), rng.randint(0, 16)):
            mask |= 1 << bit
        return ident("picture", f"pdq:{photo ^ mask:064x}")

    reports, links, money, scripts = [], [], [], []
    support = ident("email", "support@platform.example")
    total = {"reports": 0, "links": 0, "script_keys": 0, "money": 0}

    def flush() -> None:
        with app.db.write() as s:
            if ident_rows:
                s.execute(insert(IdentifierRow.__table__), ident_rows)
            s.execute(insert(ReportRow.__table__), reports)
            if links:
                s.execute(insert(ReportIdentifierRow.__table__), links)
            if money:
                s.execute(insert(MoneyRow.__table__), money)
            if scripts:
                s.execute(insert(ScriptKeyRow.__table__), scripts)
            if recipient_keys:
                s.execute(insert(RecipientKeyRow.__table__), recipient_keys)
        total["reports"] += len(reports)
        total["links"] += len(links)
        total["script_keys"] += len(scripts)
        total["money"] += len(money)
        for rows in (ident_rows, recipient_keys, reports, links, money, scripts):
            rows.clear()

    for i in range(n):
        rid = uuid.UUID(int=(i + 1) << 64 | rng.getrandbits(64))
        at = start + timedelta(minutes=i * 500_000 // max(n, 1))
        reports.append({
            "id": rid, "ref": f"TL-{i:08d}", "external_id": f"bench-{i}", "token_hash": "0" * 64,
            "idempotency_key": None, "received_at": at, "source": "import", "language": "fr",
            "reporter_role": "victim", "victim_age_band": rng.choice(["13-15", "16-17", "18-24", "25-34"]),
            "victim_gender": rng.choice(["man", "woman"]), "victim_country": "FR",
            "platform_first_contact": rng.choice(["instagram", "facebook", "snapchat"]), "first_contact_at": at,
            "deadline": None, "minor": False, "self_harm": False, "flags": {}, "signals": {},
            "extractor_version": "bench", "status": "new", "key_id": "bench", "body": b"",
        })
        named: list[int] = []
        if rng.random() < 0.15:  # a lone scammer: identifiers nobody else names
            named.append(ident("phone", f"+2251{i:09d}"))
            if rng.random() < 0.35:
                named.append(picture(rng.getrandbits(256)))
        else:
            g = group(min(n_groups, 1 + int(rng.paretovariate(0.9)) % n_groups) if rng.random() < 0.5
                      else rng.choices(range(1, min(n_groups, 2000) + 1), weights[:2000])[0])
            for kind, pool in (("phone", g["phones"]), ("profile", g["profiles"])):
                if rng.random() < 0.7:
                    named.append(ident(kind, rng.choice(pool)))
            if rng.random() < 0.3:
                recipient = rng.choice(g["recipients"])
                named.append(ident("transfer_recipient", recipient, "CI"))
                money.append({"report_id": rid, "follow_up_id": None, "role": "payment", "amount": 200,
                              "currency": "EUR", "method": "western_union", "destination_country": "CI",
                              "recipient_name": recipient, "reference": None, "at": at})
            if rng.random() < 0.5:
                scripts.extend({"report_id": rid, "band_key": b} for b in rng.sample(g["bands"], 6))
            if rng.random() < 0.35:  # the profile picture's hash, as a third of victims send it
                named.append(picture(rng.choice(g["photos"])))
        if rng.random() < 0.005:
            named.append(support)
        links.extend({"report_id": rid, "identifier_id": k, "source": "form", "confidence": 1.0, "raw": None,
                      "follow_up_id": None} for k in dict.fromkeys(named))
        if len(reports) >= CHUNK:
            flush()
    if reports:
        flush()
    app.close()
    total["identifiers"] = len(idents)
    return total


_SYLLABLES = ("ko", "ua", "si", "ya", "o", "ba", "ma", "dou", "ka", "ra", "ni", "fa", "tou", "se", "le", "mi",
              "na", "di", "ou", "ga", "bi", "za", "ke", "ti", "lo", "an", "me", "sa", "ye", "da")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def _peak_mb() -> float:
    """The largest resident set of this process and of its children (a SQLite store's snapshot is
    read in one)."""
    return round(max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
                 / 1024, 1)


def measure_rebuild(directory: Path) -> dict:
    from tipline.service.context import Tipline
    from tipline.service.networks import rebuild

    app = Tipline.open(_settings(directory))
    t = time.perf_counter()
    result = rebuild(app, actor="bench")
    seconds = time.perf_counter() - t
    # Again, as a nightly rebuild runs: the previous networks are there to keep their ids and to replace.
    t = time.perf_counter()
    again = rebuild(app, actor="bench")
    again_seconds = time.perf_counter() - t
    app.close()
    return {"seconds": round(seconds, 2), "phases": result.seconds, "networks": result.networks,
            "reports_in_networks": result.reports_in_networks, "flagged": result.flagged,
            "again": {"seconds": round(again_seconds, 2), "phases": again.seconds, "kept_ids": again.kept_ids},
            "peak_rss_mb": _peak_mb()}


def _percentiles(times: list[float]) -> dict:
    times = sorted(times)
    return {"p50_ms": round(statistics.median(times), 2), "p99_ms": round(times[max(int(len(times) * 0.99) - 1, 0)], 2),
            "max_ms": round(times[-1], 2)}


def measure_related(directory: Path, samples: int = 1000) -> dict:
    from sqlalchemy import select

    from tipline.service.context import Tipline
    from tipline.service.linking import related
    from tipline.store.tables import IdentifierRow, ReportIdentifierRow, ReportRow

    # Warm cache, as on a server that has been up a while: every page of the store read once. Cold,
    # the first lookups wait on the disk (one run right after building another store: p99 57 ms,
    # then 13 and 10 ms on the same store), which measures the disk, not the lookup.
    with (directory / "bench.sqlite3").open("rb") as f:
        while f.read(1 << 24):
            pass
    app = Tipline.open(_settings(directory))
    with app.db.read() as s:
        ids = s.execute(select(ReportRow.id)).scalars().all()
    rng = random.Random(7)
    chosen = rng.sample(ids, min(samples, len(ids)))
    with app.db.read() as s:  # the kind is filtered here: on it, SQLite would start from every picture
        with_picture = {r for r, kind in s.execute(
            select(ReportIdentifierRow.report_id, IdentifierRow.kind)
            .join(IdentifierRow, IdentifierRow.id == ReportIdentifierRow.identifier_id)
            .where(ReportIdentifierRow.report_id.in_(chosen))) if kind == "picture"}
    index = None
    try:  # the process's index of stored pictures, built on first use (code without it: skipped)
        from tipline.service import pictures

        t = time.perf_counter()
        with app.db.read() as s:
            index = pictures.index_of(app, s)
        index_seconds = time.perf_counter() - t
    except ImportError:
        pass
    for rid in chosen[:50]:  # warm the page cache and the statement cache
        related(app, rid)
    times, picture_times, found = [], [], 0
    for rid in chosen:
        t = time.perf_counter()
        answer = related(app, rid)
        times.append((time.perf_counter() - t) * 1000)
        if rid in with_picture:
            picture_times.append(times[-1])
        found += len(answer.related)
    app.close()
    out = {"samples": len(chosen), **_percentiles(times), "mean_related": round(found / len(chosen), 1),
           "with_picture": {"samples": len(picture_times), **_percentiles(picture_times)}}
    if index is not None:
        out["picture_index"] = {"pictures": len(index), "build_seconds": round(index_seconds, 2),
                                "mb": round(index.index.nbytes / 2**20, 1), "kind": index.index.kind}
    return out


def _child(phase: str, directory: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", phase, "--dir", str(directory)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, action="append", help="store size (repeatable)")
    parser.add_argument("--phase", choices=["rebuild", "related"], help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=RESULTS / "link.json")
    parser.add_argument("--store", type=Path, help="keep the stores in DIR/<reports> (and reuse one built "
                        "before): to measure other code on the same store, run --phase related --dir DIR/<reports>")
    args = parser.parse_args()
    if args.phase:
        result = measure_rebuild(args.dir) if args.phase == "rebuild" else measure_related(args.dir)
        print(json.dumps(result))
        return
    runs = []
    for n in args.reports or [100_000]:
        with tempfile.TemporaryDirectory(prefix="tipline-bench-link-") as tmp:
            directory = args.store / str(n) if args.store else Path(tmp)
            directory.mkdir(parents=True, exist_ok=True)
            t = time.perf_counter()
            counts_file = directory / "counts.json"
            if counts_file.exists():
                counts = json.loads(counts_file.read_text())
                build_s = counts.pop("build_seconds")
            else:
                counts = build(directory, n)
                build_s = round(time.perf_counter() - t, 1)
                counts_file.write_text(json.dumps({**counts, "build_seconds": build_s}))
            print(f"{n}: store built in {build_s}s {counts}", file=sys.stderr)
            rebuilt = _child("rebuild", directory)
            print(f"{n}: rebuild {rebuilt}", file=sys.stderr)
            lookups = _child("related", directory)
            print(f"{n}: related {lookups}", file=sys.stderr)
            runs.append({"reports": n, "store": counts, "build_seconds": build_s, "rebuild": rebuilt,
                         "related": lookups})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(args.out.read_text()) if args.out.exists() else {}
    by_size = {r["reports"]: r for r in previous.get("runs", [])}
    by_size.update({r["reports"]: r for r in runs})
    args.out.write_text(json.dumps({
        "benchmark": "link", "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "database": "sqlite"},
        "targets": {"related_p99_ms": 10, "rebuild_1m_seconds": 60},
        "runs": [by_size[k] for k in sorted(by_size)],
    }, indent=2) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
