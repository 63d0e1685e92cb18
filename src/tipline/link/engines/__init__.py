"""Engines: the same SQL over a Parquet snapshot, on DuckDB (default, embedded) or Spark.

An engine answers the five queries in ``QUERIES`` and returns their rows sorted, so that both
give exactly the same ``Tables``; ``assemble`` turns them into the graph ``link.graph`` reads.
This is splink's idea: the engine is a parameter, not a fork of the code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from tipline.domain.identifier import PICTURE
from tipline.link import names, near, pictures
from tipline.link.graph import Evidence
from tipline.link.kinds import (
    ATTACH_ONLY,
    HANDLE_LIKE,
    PER_PAYMENT,
    PICTURE_LIKE,
    RECIPIENT_LIKE,
    SCRIPT,
    TAG_LIKE,
    is_strong,
    linkable,
)

# A recipient blocking key (in "recipient_pairs" below) in more than 200 names ("mohamed") blocks nothing
SCRIPT_WEIGHT = 0.34  # three shared LSH bands weigh as much as a similar recipient name
HANDLE_WEIGHT = 1.0   # one handle on two apps weighs as much as a similar recipient name
TAG_WEIGHT = 1.0      # and so does one stem and number on two accounts whose handles differ
SLIP_WEIGHT = 1.0     # and so does a value one slip away from another
PICTURE_WEIGHT = 1.0  # and a near-identical profile picture (it attaches a report on its own, nothing more)

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
    # Accounts: profiles are checked for junk handles, and handles are compared across apps.
    "accounts": "SELECT id, kind, value FROM identifiers WHERE kind IN ('profile', 'email', 'paypal') ORDER BY id",
    # Profile pictures' PDQ hashes: near-identical ones are found after the query (``link.pictures``).
    "pictures": f"SELECT id, value FROM identifiers WHERE kind = '{PICTURE}' ORDER BY id",  # noqa: S608
    # Slips (``link.near``): a value of a report that shares nothing (it is alone), and a value one
    # edit away of a report that shares something (named by more reports, or by a report that also
    # names a shared value). Values one edit apart share a *deletion key* (the value with the
    # character at ``pos`` deleted, or whole: pos 0): a join on keys, never a comparison of all
    # pairs. The positions then tell the edit exactly: the same one (a character changed), a whole
    # value (one added or dropped), or two neighbours deleting the character the other kept (two
    # swapped).
    "near_pairs": f"""
        WITH n AS (SELECT identifier_id AS id, count(DISTINCT report_id) AS n FROM report_identifiers
                   GROUP BY identifier_id),
        placed AS (SELECT DISTINCT ri.report_id FROM report_identifiers ri JOIN n ON n.id = ri.identifier_id
                   WHERE n.n > {near.SLIP_REPORTS}),
        alone AS (SELECT ri.identifier_id AS id FROM report_identifiers ri
                  LEFT JOIN placed ON placed.report_id = ri.report_id WHERE placed.report_id IS NULL),
        v AS (
            SELECT i.id, i.kind, i.value, i.id NOT IN (SELECT id FROM alone) AS common FROM identifiers i
            WHERE i.kind IN ({", ".join(f"'{k}'" for k in near.SLIP_KINDS)})
              AND length(i.value) <= {near.MAX_VALUE_LENGTH}
              AND length(i.value) - instr(i.value, ':') >= {near.MIN_SLIP_LENGTH}),
        d AS (
            SELECT id, kind, value, common, 0 AS pos, value AS k FROM v
            UNION ALL
            SELECT v.id, v.kind, v.value, v.common, p.pos, substr(v.value, 1, p.pos - 1) || substr(v.value, p.pos + 1)
            FROM v JOIN (VALUES {", ".join(f"({i})" for i in range(1, near.MAX_VALUE_LENGTH + 1))}) AS p(pos)
              ON p.pos <= length(v.value))
        SELECT DISTINCT a.id AS a, b.id AS b
        FROM d a JOIN d b ON a.kind = b.kind AND a.k = b.k
        WHERE NOT a.common AND b.common
          AND (a.pos = b.pos OR a.pos = 0 OR b.pos = 0
               OR (a.pos + 1 = b.pos AND substr(a.value, a.pos, 1) = substr(b.value, b.pos, 1))
               OR (b.pos + 1 = a.pos AND substr(b.value, b.pos, 1) = substr(a.value, a.pos, 1)))
        ORDER BY a, b""",  # noqa: S608 (this package's constants only)
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
    accounts: dict[int, tuple[str, str]]          # id -> (kind, value) of profiles, e-mails, PayPal
    near_pairs: np.ndarray                        # int64 (n, 2): identifiers one slip apart (``link.near``)
    pictures: dict[int, str] = field(default_factory=dict)  # id -> "pdq:<hex>" of profile pictures


@dataclass
class Graph:
    evidence: Evidence
    report_ids: list[str]
    key_kind: list[str]
    key_ref: list[int]  # an identifier id, a band key, or a recipient cluster's smallest identifier id
    # Each picture identifier's cluster key: a flagged cluster is stored picture by picture, so that
    # online linking finds a hub from any near copy (``service.linking``).
    picture_keys: dict[int, int] = field(default_factory=dict)  # picture identifier id -> key index

    def members(self, key: int) -> list[int]:
        """The picture identifiers of a picture cluster key (empty for any other key)."""
        return sorted(i for i, k in self.picture_keys.items() if k == key)


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


def _shared(groups: dict[str, list[int]], ids: np.ndarray,
            keep: Callable[[list[int]], bool]) -> tuple[np.ndarray, list[int], list[str]]:
    """Keys over identifiers grouped by a value they share (``groups``: value -> positions in
    ``ids``), for the groups ``keep`` accepts, in the values' order: each identifier's key or -1,
    each key's first identifier id, and the values."""
    key_of = np.full(len(ids), -1, dtype=np.int64)
    refs: list[int] = []
    values: list[str] = []
    for value in sorted(groups):
        members = groups[value]
        if keep(members):
            key_of[members] = len(refs)
            refs.append(int(ids[members[0]]))
            values.append(value)
    return key_of, refs, values


def assemble(t: Tables) -> Graph:
    """The bipartite graph: identifier keys, then recipient-name clusters, cross-app handles,
    picture clusters and script bands; and the slips between identifier keys (``Evidence.alias``).
    A picture links only through its cluster (``link.pictures``), never as an identifier key."""
    ids, first, inverse = np.unique(t.link_identifier, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    kinds = [t.link_kind[i] for i in first.tolist()]
    values = [t.recipients.get(i) if k == "transfer_recipient" else None for i, k in zip(ids.tolist(), kinds,
                                                                                       strict=True)]
    usable = np.array([k != "profile" or linkable(k, t.accounts[i][1]) for i, k in zip(ids.tolist(), kinds,
                                                                                       strict=True)], dtype=bool)
    strong = [is_strong(k, v) for k, v in zip(kinds, values, strict=True)]
    weight = [1.0 if v is not None else 0.5 for v in values]
    picture = np.array([k == PICTURE for k in kinds], dtype=bool)
    keep = (usable & ~picture)[inverse] if len(inverse) else np.zeros(0, dtype=bool)
    rep_parts = [t.link_report[keep]]
    key_parts = [inverse[keep]]
    key_kind, key_ref = list(kinds), ids.tolist()

    def add_keys(of_identifier: np.ndarray, refs: list[int], kind: str, w: float,
                 is_strong: list[bool] | None = None) -> None:
        """Keys over identifiers: ``of_identifier[i]`` is identifier i's key among ``refs``, or -1.
        A report naming two identifiers of one key is listed once."""
        among = usable[inverse] if len(inverse) else keep
        inside = (of_identifier[inverse] >= 0) & among if len(inverse) else keep
        pairs = np.unique(t.link_report[inside].astype(np.int64) * (len(refs) + 1) + of_identifier[inverse[inside]])
        rep_parts.append(pairs // (len(refs) + 1))
        key_parts.append(len(key_kind) + pairs % (len(refs) + 1))
        key_kind.extend([kind] * len(refs))
        key_ref.extend(refs)
        strong.extend(is_strong or [False] * len(refs))
        weight.extend([w] * len(refs))

    clusters = recipient_clusters(t.pairs, t.recipients)
    root = np.array([clusters.get(i, -1) for i in ids.tolist()], dtype=np.int64)
    roots, root_idx = np.unique(root[root >= 0], return_inverse=True)
    cluster_of = np.full(len(ids), -1, dtype=np.int64)
    cluster_of[root >= 0] = root_idx.ravel()
    add_keys(cluster_of, roots.tolist(), RECIPIENT_LIKE, 1.0)

    # Accounts' handles (``link.near``), each account read once: its skeleton (one handle on several
    # apps, or as an e-mail's local part) and its tag (one stem and number, the handle cut or varied).
    skeleton_at: dict[int, str | None] = {}
    by_skeleton: dict[str, list[int]] = {}
    by_tag: dict[str, list[int]] = {}
    for pos, i in enumerate(ids.tolist()):
        account = t.accounts.get(i)
        if account is None or not usable[pos]:
            continue
        bare = skeleton_at[pos] = near.skeleton(*account)
        if bare is not None:
            by_skeleton.setdefault(bare, []).append(pos)
        found = near.tag(*account)
        if found is not None:
            by_tag.setdefault(found, []).append(pos)
    handle_of, refs, shared = _shared(by_skeleton, ids, lambda members: len(members) >= 2)
    add_keys(handle_of, refs, HANDLE_LIKE, HANDLE_WEIGHT, [near.distinctive(bare) for bare in shared])
    # A tag is weak, and a key only when the accounts sharing it have two skeletons or more: with
    # one, the handle key above already says so, and the same evidence would count twice.
    tag_of, refs, _ = _shared(by_tag, ids, lambda members: len({skeleton_at[m] for m in members}) >= 2)
    add_keys(tag_of, refs, TAG_LIKE, TAG_WEIGHT)

    picture_of, picture_refs = pictures.cluster_array(ids, t.pictures)
    first_picture_key = len(key_kind)
    add_keys(picture_of, picture_refs, PICTURE_LIKE, PICTURE_WEIGHT)
    is_picture = picture_of >= 0
    picture_keys = dict(zip(ids[is_picture].tolist(), (first_picture_key + picture_of[is_picture]).tolist(),
                            strict=True))

    bands, band_idx = np.unique(t.script_key, return_inverse=True)
    rep_parts.append(t.script_report)
    key_parts.append(len(key_kind) + band_idx.ravel())
    key_kind += [SCRIPT] * len(bands)
    key_ref += bands.tolist()
    strong += [False] * len(bands)
    weight += [SCRIPT_WEIGHT] * len(bands)

    pairs = np.asarray(t.near_pairs, dtype=np.int64).reshape(-1, 2)
    at = np.minimum(np.searchsorted(ids, pairs), max(len(ids) - 1, 0))
    named = (ids[at] == pairs).all(axis=1) & usable[at].all(axis=1) if len(ids) else np.zeros(len(pairs), bool)
    alias = at[named]  # identifier keys are numbered as ``ids``
    ev = Evidence(n_reports=len(t.report_ids), rep=np.concatenate(rep_parts).astype(np.int64),
                  key=np.concatenate(key_parts).astype(np.int64), strong=np.asarray(strong, dtype=bool),
                  weight=np.asarray(weight, dtype=np.float64),
                  alias=alias, alias_weight=SLIP_WEIGHT,
                  attach_only=np.array([k in ATTACH_ONLY for k in key_kind], dtype=bool),
                  per_payment=np.array([k in PER_PAYMENT for k in key_kind], dtype=bool))
    return Graph(ev, t.report_ids, key_kind, key_ref, picture_keys)
