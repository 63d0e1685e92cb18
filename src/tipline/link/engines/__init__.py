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
    "links": """
        SELECT DISTINCT ri.report_id, ri.identifier_id, i.kind
        FROM report_identifiers ri JOIN identifiers i ON i.id = ri.identifier_id
        ORDER BY ri.report_id, ri.identifier_id""",
    "scripts": "SELECT DISTINCT report_id, band_key FROM script_keys ORDER BY report_id, band_key",
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
    link_report: list[str]
    link_identifier: np.ndarray
    link_kind: list[str]
    script_report: list[str]
    script_key: np.ndarray
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
    index = {rid: i for i, rid in enumerate(t.report_ids)}
    kinds: list[str] = []
    refs: list[int] = []
    strong: list[bool] = []
    weight: list[float] = []
    key_of: dict[tuple[str, int], int] = {}

    def key(kind: str, ref: int, is_strong_: bool, w: float) -> int:
        k = key_of.get((kind, ref))
        if k is None:
            k = key_of[(kind, ref)] = len(kinds)
            kinds.append(kind)
            refs.append(ref)
            strong.append(is_strong_)
            weight.append(w)
        return k

    clusters = recipient_clusters(t.pairs, t.recipients)
    rep: list[int] = []
    keys: list[int] = []
    for rid, ident, kind in zip(t.link_report, t.link_identifier.tolist(), t.link_kind, strict=True):
        r = index[rid]
        value = t.recipients.get(ident) if kind == "transfer_recipient" else None
        if kind == "profile" and not linkable(kind, t.profiles[ident]):
            continue
        rep.append(r)
        keys.append(key(kind, ident, is_strong(kind, value), 1.0 if value is not None else 0.5))
        if ident in clusters:
            rep.append(r)
            keys.append(key(RECIPIENT_LIKE, clusters[ident], False, 1.0))
    for rid, band in zip(t.script_report, t.script_key.tolist(), strict=True):
        rep.append(index[rid])
        keys.append(key(SCRIPT, band, False, SCRIPT_WEIGHT))
    ev = Evidence(n_reports=len(t.report_ids), rep=np.asarray(rep, dtype=np.int64),
                  key=np.asarray(keys, dtype=np.int64), strong=np.asarray(strong, dtype=bool),
                  weight=np.asarray(weight, dtype=np.float64))
    return Graph(ev, t.report_ids, kinds, refs)
