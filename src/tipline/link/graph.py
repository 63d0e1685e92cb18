"""Networks from the report–evidence graph: strong components, hub checks, then Leiden.

Reports and evidence keys (identifiers, recipient-name clusters, script bands) are the two sides
of a bipartite graph; no report–report pair is ever listed, so memory grows with the links, not
with their square. The steps:

1. Keys seen once link nothing and are dropped.
2. Hub check (``kinds.HubPolicy``): a strong key in many reports is kept only if its reports stay
   together without it: in the biconnected block structure, most of its reports share a block
   with it. A support address shared by unrelated victims is a cut vertex between many blocks
   and is flagged instead.
3. Strong components: connected components over the strong keys that passed.
4. Weak keys (similar names, similar scripts, generic values) each point from the components they
   touch to their dominant component, if they are coherent (most of their reports are there).
5. Leiden (modularity, weighted, fixed seed) on the graph of components joined by weak evidence
   splits what weak links glued together; a strong component is one node, so it is never split.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import igraph as ig
import leidenalg
import numpy as np

from tipline.link.kinds import HubPolicy, over_correlated


@dataclass
class Evidence:
    """The bipartite graph: ``rep[i]`` names key ``key[i]``. Keys are 0..len(strong)-1."""

    n_reports: int
    rep: np.ndarray          # int64, report index
    key: np.ndarray          # int64, key index
    strong: np.ndarray       # bool per key
    weight: np.ndarray       # float per key: a weak key's evidence for one report (ignored when strong)


@dataclass
class Result:
    labels: np.ndarray                      # int64 per report: network index, -1 for none
    flagged: dict[int, tuple[int, float]] = field(default_factory=dict)  # key -> (degree, largest share)


THIN = 3  # groups of this many reports are "established": one shared value does not merge two
MIN_EVIDENCE = 1.0  # weak evidence a component needs, per report, to join another one


def _largest_share(g: ig.Graph, n_reports: int, hubs: np.ndarray, degree: np.ndarray) -> dict[
        int, tuple[float, int]]:
    """For each hub key: the largest share of its reports that lie in one biconnected block with it."""
    best = {int(h): 1.0 / max(int(degree[h]), 1) for h in hubs}
    if not len(hubs):
        return {}
    hub_vertices = set((hubs + n_reports).tolist())
    neighbours = {int(h): np.sort(np.asarray(g.neighbors(int(h) + n_reports), dtype=np.int64)) for h in hubs}
    for block in g.biconnected_components():
        if len(block) <= 2:
            continue
        inside = [v for v in block if v in hub_vertices]
        if not inside:
            continue
        members = np.sort(np.asarray(block, dtype=np.int64))
        for v in inside:
            h = v - n_reports
            count = np.count_nonzero(np.isin(neighbours[h], members, assume_unique=True))
            best[h] = max(best[h], count / int(degree[h]))
    return best


def _components(n: int, n_keys: int, rep: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Connected components of the report–key graph, numbered densely over the reports."""
    g = ig.Graph(n=n + n_keys, edges=np.column_stack([rep, key + n]).tolist())
    comp = np.asarray(g.connected_components().membership, dtype=np.int64)[:n]
    return np.unique(comp, return_inverse=True)[1]


def networks(ev: Evidence, policy: HubPolicy | None = None, seed: int = 0) -> Result:
    policy = policy or HubPolicy()
    n, n_keys = ev.n_reports, len(ev.strong)
    degree = np.bincount(ev.key, minlength=n_keys) if len(ev.key) else np.zeros(n_keys, dtype=np.int64)
    useful = degree[ev.key] >= 2 if len(ev.key) else np.zeros(0, dtype=bool)
    is_strong = ev.strong[ev.key] if len(ev.key) else useful
    s_rep, s_key = ev.rep[useful & is_strong], ev.key[useful & is_strong]

    # 2. hub check on the strong graph (only components holding a candidate hub matter).
    candidates = np.flatnonzero(ev.strong & (degree >= policy.min_degree))
    flagged: dict[int, tuple[int, float]] = {}
    if len(candidates):
        g = ig.Graph(n=n + n_keys, edges=np.column_stack([s_rep, s_key + n]).tolist())
        shares = _largest_share(g, n, candidates, degree)
        # The groups a candidate touches: components of two reports or more without any candidate.
        others = ~np.isin(s_key, candidates)
        base = _components(n, n_keys, s_rep[others], s_key[others])
        base_size = np.bincount(base)
        for h, share in shares.items():
            reps = base[s_rep[s_key == h]]
            groups = len(np.unique(reps[base_size[reps] >= 2]))
            if over_correlated(int(degree[h]), share, policy, groups):
                flagged[h] = (int(degree[h]), round(share, 3))
    if flagged:
        keep = ~np.isin(s_key, np.fromiter(flagged, dtype=np.int64))
        s_rep, s_key = s_rep[keep], s_key[keep]

    # 3. strong components. A key named by only two reports may attach a report to a group, but
    # not glue two established groups (three reports or more each) together: one coincidence (a
    # mistyped URL read as the handle "profilephp") would otherwise merge two networks.
    pair = np.bincount(s_key, minlength=n_keys)[s_key] == 2
    comp = _components(n, n_keys, s_rep[~pair], s_key[~pair])
    size = np.bincount(comp)
    p_rep, p_key = s_rep[pair], s_key[pair]
    if len(p_key):
        order = np.lexsort((p_rep, p_key))
        p_rep, p_key = p_rep[order], p_key[order]
        a, b = p_rep[0::2], p_rep[1::2]
        thin = (comp[a] != comp[b]) & (size[comp[a]] >= THIN) & (size[comp[b]] >= THIN)
        keep = np.repeat(~thin, 2)
        s_rep = np.concatenate([s_rep[~pair], p_rep[keep]])
        s_key = np.concatenate([s_key[~pair], p_key[keep]])
    comp = _components(n, n_keys, s_rep, s_key)
    comp_size = np.bincount(comp)

    # 4. weak keys: each points the components it touches to its dominant component.
    weak = useful & ~is_strong
    w_rep, w_key = ev.rep[weak], ev.key[weak]
    evidence: dict[tuple[int, int], float] = defaultdict(float)
    if len(w_key):
        order = np.lexsort((w_rep, w_key))
        w_rep, w_key = w_rep[order], w_key[order]
        bounds = np.flatnonzero(np.diff(w_key)) + 1
        for reps, k in zip(np.split(w_rep, bounds), w_key[np.r_[0, bounds]], strict=True):
            comps = comp[np.unique(reps)]
            if len(comps) < 2:
                continue
            values, counts = np.unique(comps, return_counts=True)
            if len(values) < 2:
                continue
            # Dominant: the component holding most of the key's reports that are already in a group
            # (reports on their own say nothing against it); ties go to the larger, then the lower one.
            placed = comp_size[values] >= 2
            pool = np.flatnonzero(placed) if placed.any() else np.arange(len(values))
            top = max(pool.tolist(), key=lambda i: (counts[i], comp_size[values[i]], -values[i]))
            share = counts[top] / counts[pool].sum() if placed.any() else 1.0 if len(comps) < policy.min_degree else 0.0
            if share < policy.coherence:  # similar evidence spread over unrelated groups
                if len(comps) >= policy.min_degree:
                    flagged[int(k)] = (len(comps), round(float(share), 3))
                continue
            dom = int(values[top])
            for value, count in zip(values, counts, strict=True):
                if value != dom:
                    evidence[(int(value), dom)] += float(ev.weight[k]) * int(count)

    # 5. components joined by enough weak evidence, split by Leiden where more than two meet.
    edges = [(a, b, w) for (a, b), w in evidence.items() if w / comp_size[a] >= MIN_EVIDENCE]
    target_of = np.arange(len(comp_size), dtype=np.int64)
    if edges:
        cg = ig.Graph(n=len(comp_size), edges=[(a, b) for a, b, _ in edges])
        cg.es["weight"] = [w for _, _, w in edges]
        glued = cg.connected_components()
        for members in glued:
            if len(members) < 2:
                continue
            sub = cg.subgraph(members)
            if len(members) == 2:
                parts = [[0, 1]]
            else:
                part = leidenalg.find_partition(sub, leidenalg.ModularityVertexPartition, weights="weight",
                                                seed=seed)
                parts = list(part)
            for part_members in parts:
                target = min(members[i] for i in part_members)
                for i in part_members:
                    target_of[members[i]] = target
    final = target_of[comp]
    # 6. networks are groups of two reports or more, numbered densely in first-report order.
    labels = np.full(n, -1, dtype=np.int64)
    sizes = np.bincount(final, minlength=len(comp_size))
    multi = sizes[final] >= 2
    if multi.any():
        _, first, inverse = np.unique(final[multi], return_index=True, return_inverse=True)
        rank = np.empty(len(first), dtype=np.int64)
        rank[np.argsort(first)] = np.arange(len(first))
        labels[multi] = rank[inverse]
    return Result(labels=labels, flagged=flagged)
