"""Engines: the same SQL over a Parquet snapshot, on DuckDB (default, embedded) or Spark.

An engine answers the five queries in ``QUERIES`` and returns their rows sorted, so that both
give exactly the same ``Tables``; ``assemble`` turns them into the graph ``link.graph`` reads.
This is splink's idea: the engine is a parameter, not a fork of the code.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tipline.link import names
from tipline.link.graph import Evidence
from tipline.link.kinds import RECIPIENT_LIKE, SCRIPT, is_strong, linkable

# A recipient blocking key (in "recipient_pairs" below) in more than 200 names ("mohamed") blocks nothing
SCRIPT_WEIGHT = 0.34  # three shared LSH bands weigh as much as a similar recipient name

QUERIES: dict[str, str] = {
    # Every report, in id order: its index in the graph is its row number.
    "reports": "SELECT id FROM reports ORDER BY id",
    # Reports are numbered by id order (as in "reports") so that no engine returns a million strings twice.
    "links": """
        WITH r AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS idx FROM reports)
        SELECT DISTINCT r.idx AS rep, ri.identifier_id, i.kind
        FROM report_identifiers ri JOIN identifiers i ON i.id = ri.identifier_id JOIN r ON r.id = ri.report_id
        ORDER BY rep, ri.identifier_id""",
    "scripts": """
        WITH r AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS idx FROM reports)
        SELECT DISTINCT r.idx AS rep, s.band_key FROM script_keys s JOIN r ON r.id = s.report_id
        ORDER BY rep, s.band_key""",
    "recipient_pairs": """
        WITH small AS (SELECT key FROM recipient_keys GROUP BY key HAVING count(*) <= 200)
        SELECT DISTINCT a.identifier_id AS a, b.identifier_id AS b
        FROM recipient_keys a JOIN recipient_keys b ON a.key = b.key AND a.identifier_id < b.identifier_id
        WHERE a.key IN (SELECT key FROM small)
        ORDER BY a, b""",
    "recipients": "SELECT id, value FROM identifiers WHERE kind = 'transfer_recipient' ORDER BY id",
    "profiles": "SELECT id, value FROM identifiers WHERE kind = 'profile' ORDER BY id",
}


@dataclass
class Tables:
    report_ids: list[str]
    link_report: np.ndarray      # int64 report index
    link_identifier: np.ndarray  # int64
    link_kind: list[str]
    script_report: np.ndarray    # int64 report index
    script_key: np.ndarray       # int64 band key
    pairs: list[tuple[int, int]]
    recipients: dict[int, str]
    profiles: dict[int, str]


@dataclass
class Graph:
    evidence: Evidence
    report_ids: list[str]
    key_kind: list[str]
    key_ref: list[int]  # an identifier id, a band key, or a recipient cluster's smallest identifier id


def recipient_clusters(pairs: list[tuple[int, int]], values: dict[int, str]) -> dict[int, int]:
    """Recipient identifier -> its cluster (smallest id): the same person up to spelling.

    Whole names that RapidFuzz calls the same are joined, best pairs first, never joining two
    clusters with different known countries. A shortened name ("Moustapha Sy") joins a cluster
    only if every whole name it is part of is in that one cluster: it could be either of two mules
    otherwise, and a wrong join would glue two networks together.
    """
    parent: dict[int, int] = {}
    country: dict[int, str | None] = {}

    def root(x: int) -> int:
        if x not in parent:
            parent[x] = x
            country[x] = names.split(values[x])[0]
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    whole: list[tuple[float, int, int]] = []
    partial: dict[int, set[int]] = {}
    for a, b in pairs:
        s_whole, s_any = names.scores(values[a], values[b])
        if s_whole >= names.SAME:
            whole.append((-s_whole, a, b))
        elif s_any >= names.SAME:
            short, long_ = (a, b) if len(values[a]) <= len(values[b]) else (b, a)
            partial.setdefault(short, set()).add(long_)
    for _, a, b in sorted(whole):
        ra, rb = root(a), root(b)
        if ra == rb or (country[ra] and country[rb] and country[ra] != country[rb]):
            continue
        keep, drop = min(ra, rb), max(ra, rb)
        parent[drop] = keep
        country[keep] = country[keep] or country[drop]
    for short, longs in sorted(partial.items()):
        targets = {root(x) for x in longs}
        if len(targets) == 1:
            target, here = targets.pop(), root(short)
            if here != target and not (country[here] and country[target] and country[here] != country[target]):
                parent[max(here, target)] = min(here, target)
                country[min(here, target)] = country[here] or country[target]
    return {x: root(x) for x in parent}


def assemble(t: Tables) -> Graph:
    """The bipartite graph: identifier keys, then recipient-name clusters, then script bands."""
    ids, first, inverse = np.unique(t.link_identifier, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    kinds = [t.link_kind[i] for i in first.tolist()]
    values = [t.recipients.get(i) if k == "transfer_recipient" else None for i, k in zip(ids.tolist(), kinds,
                                                                                       strict=True)]
    usable = np.array([k != "profile" or linkable(k, t.profiles[i]) for i, k in zip(ids.tolist(), kinds,
                                                                                     strict=True)], dtype=bool)
    strong = [is_strong(k, v) for k, v in zip(kinds, values, strict=True)]
    weight = [1.0 if v is not None else 0.5 for v in values]
    keep = usable[inverse] if len(inverse) else np.zeros(0, dtype=bool)
    rep_parts = [t.link_report[keep]]
    key_parts = [inverse[keep]]
    key_kind, key_ref = list(kinds), ids.tolist()

    clusters = recipient_clusters(t.pairs, t.recipients)
    root = np.array([clusters.get(i, -1) for i in ids.tolist()], dtype=np.int64)
    in_cluster = (root[inverse] >= 0) & keep if len(inverse) else keep
    roots, root_idx = np.unique(root[inverse[in_cluster]], return_inverse=True)
    rep_parts.append(t.link_report[in_cluster])
    key_parts.append(len(ids) + root_idx.ravel())
    key_kind += [RECIPIENT_LIKE] * len(roots)
    key_ref += roots.tolist()
    strong += [False] * len(roots)
    weight += [1.0] * len(roots)

    bands, band_idx = np.unique(t.script_key, return_inverse=True)
    rep_parts.append(t.script_report)
    key_parts.append(len(ids) + len(roots) + band_idx.ravel())
    key_kind += [SCRIPT] * len(bands)
    key_ref += bands.tolist()
    strong += [False] * len(bands)
    weight += [SCRIPT_WEIGHT] * len(bands)

    ev = Evidence(n_reports=len(t.report_ids), rep=np.concatenate(rep_parts).astype(np.int64),
                  key=np.concatenate(key_parts).astype(np.int64), strong=np.asarray(strong, dtype=bool),
                  weight=np.asarray(weight, dtype=np.float64))
    return Graph(ev, t.report_ids, key_kind, key_ref)
