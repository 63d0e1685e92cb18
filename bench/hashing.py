"""Hashing throughput and PDQ match latency, written to bench/results/hashing.json.

Results are kept per bank size in the "matching" object (a 10 M run adds to the 1 M one).

1. Hashing: ~1 MP JPEGs (1152x864, generated in a temporary directory) through ``hash_file`` on one
   core: read, MD5 + SHA-256, JPEG decode (draft mode) to 512 px, PDQ with its 8 dihedral variants.
   For comparison, the same PDQ on a full-resolution decode. Anchor: the C++ reference hashes
   27-37 photos/s including decoding.
2. Matching: N random PDQ hashes plus planted near-duplicates of each query (k flipped bits,
   k = 0..31), then one query at a time against: faiss ``IndexBinaryFlat`` (brute force, the
   baseline), ``tipline.hashing.PdqIndex`` (multi-index hashing + brute-force tail), faiss
   ``IndexBinaryMultiHash`` (16 x 16 bits, nflip 1: exact at <= 31) and faiss ``IndexBinaryHash``
   (not exact). Recall is the share of planted copies found at distance <= 31.

    PYTHONPATH=src python bench/hashing.py                         # 1 M hashes, ~1 minute
    PYTHONPATH=src python bench/hashing.py --hashes 10000000       # adds 10 M, ~2 minutes
    PYTHONPATH=src python bench/hashing.py --hashes 10000000 --faiss-mih   # with faiss's MultiHash (+2.6 GB)
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import os
import platform
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as asked; before faiss is imported

import faiss
import numpy as np
import pdqhash
from PIL import Image

from tipline.hashing import PdqIndex, hash_file

RESULTS = Path(__file__).parent / "results"
RADIUS = 31


def rss_mib() -> float:
    """Resident memory, after handing freed heap pages back (so a build's temporaries do not count)."""
    gc.collect()
    with contextlib.suppress(OSError):  # not glibc
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def percentiles(seconds: list[float]) -> dict[str, float]:
    ms = np.array(seconds) * 1000
    return {"p50_ms": round(float(np.percentile(ms, 50)), 3), "p99_ms": round(float(np.percentile(ms, 99)), 3),
            "mean_ms": round(float(ms.mean()), 3)}


# --- hashing ----------------------------------------------------------------------------------

def make_jpegs(directory: Path, count: int, rng: np.random.Generator) -> list[Path]:
    """Photo-like 1152x864 JPEGs: smooth shapes plus sensor-like noise, quality 90."""
    paths = []
    for i in range(count):
        coarse = rng.integers(0, 256, (18, 24, 3), dtype=np.uint8)
        base = np.asarray(Image.fromarray(coarse).resize((1152, 864), Image.Resampling.BICUBIC), dtype=np.float32)
        pixels = np.clip(base + rng.normal(0, 10, base.shape), 0, 255).astype(np.uint8)
        path = directory / f"photo-{i:03d}.jpg"
        Image.fromarray(pixels).save(path, "JPEG", quality=90)
        paths.append(path)
    return paths


def bench_hashing(count: int, rng: np.random.Generator) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_jpegs(Path(tmp), count, rng)
        hash_file(paths[0])  # warm up imports and caches
        start = time.perf_counter()
        results = [hash_file(p) for p in paths]
        ours = time.perf_counter() - start
        assert all(r.pdq for r in results), [r.error for r in results if not r.pdq]
        start = time.perf_counter()
        for p in paths:  # what python-threatexchange does: full decode, then pdqhash
            pdqhash.compute(np.asarray(Image.open(p).convert("RGB")))
        full = time.perf_counter() - start
        size = Image.open(paths[0]).size
        mean_bytes = sum(p.stat().st_size for p in paths) / len(paths)
    return {
        "images": count,
        "image_size": f"{size[0]}x{size[1]} JPEG q90, {mean_bytes / 1024:.0f} KiB",
        "tipline_hash_file_images_per_s": round(count / ours, 1),
        "tipline_includes": "read, MD5, SHA-256, draft decode to 512 px, PDQ + 8 dihedral hashes",
        "full_decode_pdqhash_images_per_s": round(count / full, 1),
        "cpp_reference_anchor_images_per_s": "27-37",
    }


# --- matching ---------------------------------------------------------------------------------

def planted_bank(n: int, queries: int, rng: np.random.Generator):
    codes = rng.integers(0, 256, (n, 32), dtype=np.uint8)
    query_codes = rng.integers(0, 256, (queries, 32), dtype=np.uint8)
    positions = rng.choice(n, queries, replace=False)
    flips = np.arange(queries) % (RADIUS + 1)
    for q, (pos, k) in enumerate(zip(positions, flips, strict=True)):
        bits = np.unpackbits(query_codes[q])
        bits[rng.choice(256, k, replace=False)] ^= 1
        codes[pos] = np.packbits(bits)
    return codes, query_codes, positions


def measure(name: str, build, search, codes, query_codes, positions, *, dihedral_queries: int) -> dict:
    before = rss_mib()
    start = time.perf_counter()
    index = build(codes)
    build_s = time.perf_counter() - start
    memory = rss_mib() - before
    latencies, cpu, found, results = [], [], 0, []
    for q, pos in enumerate(positions):
        start, start_cpu = time.perf_counter(), time.thread_time()
        hits = search(index, query_codes[q : q + 1])
        cpu.append(time.thread_time() - start_cpu)
        latencies.append(time.perf_counter() - start)
        found += int(pos in hits)
        results.append(hits)
    dihedral = []
    for q in range(min(dihedral_queries, len(positions))):  # 8 rotations/flips of the query
        batch = np.repeat(query_codes[q : q + 1], 8, axis=0)
        start = time.perf_counter()
        search(index, batch)
        dihedral.append(time.perf_counter() - start)
    out = {"build_s": round(build_s, 3), "memory_mib_rss": round(memory, 1),
           "one_query": percentiles(latencies),
           # CPU time of the query's thread: the latency without the time other processes held the
           # core (the machine is shared; on a dedicated core the two are the same)
           "one_query_cpu_time": percentiles(cpu),
           "dihedral_query_8_variants": percentiles(dihedral),
           "recall_at_31": found / len(positions)}
    print(f"  {name:28s} build {build_s:7.2f} s  mem {memory:8.1f} MiB  p50 {out['one_query']['p50_ms']:8.3f} ms  "
          f"p99 {out['one_query']['p99_ms']:8.3f} ms (cpu {out['one_query_cpu_time']['p99_ms']:7.3f})  "
          f"8 variants p50 {out['dihedral_query_8_variants']['p50_ms']:8.2f}"
          f" ms  recall {out['recall_at_31']:.3f}", flush=True)
    return out, index, results


def faiss_search(index, batch) -> set[int]:
    _, _, labels = index.range_search(batch, RADIUS + 1)
    return set(labels.tolist())


def ours_search(index: PdqIndex, batch) -> set[int]:
    from tipline.hashing.orientation import Dihedral

    variants = {Dihedral(i): c.tobytes().hex() for i, c in enumerate(batch)}
    return {m.id for m in index.search("", RADIUS, variants=variants)}


def build_flat(codes):
    index = faiss.IndexBinaryFlat(256)
    index.add(codes)
    return index


def build_ours(codes):
    index = PdqIndex()
    index.add_codes(np.arange(len(codes)), codes)
    index.compact()
    return index


def build_faiss_mih(codes):
    index = faiss.IndexBinaryMultiHash(256, 16, 16)
    index.nflip = RADIUS // 16
    index.add(codes)
    return index


def build_faiss_hash(codes):
    index = faiss.IndexBinaryHash(256, 16)
    index.nflip = 2
    index.add(codes)
    return index


def bench_incremental(index: PdqIndex, rng: np.random.Generator, count: int) -> dict:
    """Adding hashes one at a time to a loaded index (a new victim report), merges included."""
    base = len(index)
    times = []
    for i in range(count):
        code = rng.integers(0, 256, (1, 32), dtype=np.uint8)
        start = time.perf_counter()
        index.add_codes(np.array([base + i]), code)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    index.compact()
    merge = time.perf_counter() - start
    return {"adds": count, "add_one": percentiles(times), "merge_tail_into_tables_s": round(merge, 2)}


def bench_matching(n: int, queries: int, faiss_mih: bool, rng: np.random.Generator) -> dict:
    codes, query_codes, positions = planted_bank(n, queries, rng)
    dihedral_queries = queries if n <= 2_000_000 else 20
    print(f"matching: {n:,} hashes, {queries} queries", flush=True)
    out = {"hashes": n, "queries": queries, "radius": RADIUS,
           "planted": "a copy of each query with k flipped bits, k = 0..31 in turn"}
    indexes = {}
    indexes["faiss_IndexBinaryFlat"], flat, flat_results = measure(
        "faiss IndexBinaryFlat", build_flat, faiss_search, codes, query_codes, positions,
        dihedral_queries=dihedral_queries)
    indexes["faiss_IndexBinaryFlat"]["nbytes_mib"] = round(flat.ntotal * 32 / 2**20, 1)
    del flat
    indexes["tipline_PdqIndex_mih"], ours, our_results = measure(
        "tipline PdqIndex (MIH)", build_ours, ours_search, codes, query_codes, positions,
        dihedral_queries=dihedral_queries)
    indexes["tipline_PdqIndex_mih"]["same_results_as_brute_force"] = our_results == flat_results
    indexes["tipline_PdqIndex_mih"]["nbytes_mib"] = round(ours.nbytes / 2**20, 1)
    indexes["tipline_PdqIndex_mih"]["nbytes"] = ours.nbytes  # the target is < 10^9 bytes at 10 M
    out["incremental_add"] = bench_incremental(ours, rng, 2000)
    out["incremental_add"]["nbytes_after"] = ours.nbytes
    del ours
    if faiss_mih:
        indexes["faiss_IndexBinaryMultiHash_16x16_nflip1"], idx, _ = measure(
            "faiss IndexBinaryMultiHash", build_faiss_mih, faiss_search, codes, query_codes, positions,
            dihedral_queries=dihedral_queries)
        del idx
    indexes["faiss_IndexBinaryHash_b16_nflip2"], idx, _ = measure(
        "faiss IndexBinaryHash", build_faiss_hash, faiss_search, codes, query_codes, positions,
        dihedral_queries=dihedral_queries)
    del idx
    out["indexes"] = indexes
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hashes", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=320)
    parser.add_argument("--images", type=int, default=60)
    parser.add_argument("--faiss-mih", action=argparse.BooleanOptionalAction, default=None,
                        help="also measure faiss IndexBinaryMultiHash (default: up to 2 M hashes)")
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--out", type=Path, default=RESULTS / "hashing.json")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    started = time.perf_counter()
    hashing = bench_hashing(args.images, rng)
    print(f"hashing: {hashing['tipline_hash_file_images_per_s']} images/s (full decode: "
          f"{hashing['full_decode_pdqhash_images_per_s']})", flush=True)
    faiss_mih = args.faiss_mih if args.faiss_mih is not None else args.hashes <= 2_000_000
    matching = bench_matching(args.hashes, args.queries, faiss_mih, rng)
    result = {
        "benchmark": "hashing",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "threads": 1, "faiss": faiss.__version__, "pillow": Image.__version__, "numpy": np.__version__},
        "hashing": hashing,
        "matching": {},
        "seconds": round(time.perf_counter() - started, 1),
    }
    # one file for every bank size measured: a --hashes 10000000 run adds its entry to the 1 M one
    if args.out.exists():
        with contextlib.suppress(ValueError, KeyError, AttributeError):
            earlier = json.loads(args.out.read_text())["matching"]
            result["matching"] = {k: v for k, v in earlier.items() if k.isdigit()}
    result["matching"][str(args.hashes)] = matching
    result["matching"] = dict(sorted(result["matching"].items(), key=lambda kv: int(kv[0])))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.out} in {result['seconds']} s")


if __name__ == "__main__":
    main()
