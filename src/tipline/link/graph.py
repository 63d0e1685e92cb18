"""Networks from the report–evidence graph: strong components, hub checks, then Leiden.

Reports and evidence keys (identifiers, recipient-name clusters, handles across apps, script
bands) are the two sides of a bipartite graph; no report–report pair is ever listed, so memory
grows with the links, not with their square. The steps:

1. Keys seen once link nothing and are dropped.
2. Hub check (``kinds.HubPolicy``): a strong key in many reports is kept only if its reports stay
   together without it: in the biconnected block structure, most of its reports share a block
   with it. A support address shared by unrelated victims is a cut vertex between many blocks
   and is flagged instead.
3. Strong components: connected components over the strong keys that passed.
4. Weak keys (similar names, similar scripts, short handles across apps, generic values) and
   slips (``Evidence.alias``: a rare value one edit from exactly one other, ``link.near``) each
   point from the components they touch to their dominant component, if they are coherent (most
   of their reports are there). Attach-only keys (a profile picture) pull reports on their own only.
5. Leiden (modularity, weighted, fixed seed) on the graph of components joined by weak evidence
   splits what weak links glued together; a strong component is one node, so it is never split.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import igraph as ig
import leidenalg
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from tipline.link import near
from tipline.link.kinds import HubPolicy, over_correlated


@dataclass
class Evidence:
    """The bipartite graph: ``rep[i]`` names key ``key[i]``. Keys are 0..len(strong)-1."""

    n_reports: int
    rep: np.ndarray          # int64, report index
    key: np.ndarray          # int64, key index
    strong: np.ndarray       # bool per key
    weight: np.ndarray       # float per key: a weak key's evidence for one report (ignored when strong)
    # Pairs of keys that are probably one value (a slip in copying, ``link.near``): weak evidence
    # between the components of their reports, weighing ``alias_weight`` per report.
    alias: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int64))
    alias_weight: float = 1.0
    # Weak keys that may pull a report on its own into a group, never a group of two or more
    # (``kinds.ATTACH_ONLY``: a profile picture). Empty: none.
    attach_only: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    # Keys that belong to one payment, not to a scammer (a transfer reference, a gift card's code):
    # each victim's is new, so naming one nobody else names says nothing about who the scammer is.
    # Empty: none.
    per_payment: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


@dataclass
class Result:
    labels: np.ndarray                      # int64 per report: network index, -1 for none
    flagged: dict[int, tuple[int, float]] = field(default_factory=dict)  # key -> (degree, largest share)


THIN = 3  # groups of this many reports are "established": one shared value does not merge two
MIN_EVIDENCE = 1.0  # weak evidence a component needs, per report, to join another one
THIN_WEIGHT = 1.0   # a strong value named by two reports of two established groups, as weak evidence


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
    """Connected components of the report–key graph, numbered densely over the reports in order of
    their first report (SciPy's sparse graph routine: igraph takes seconds to build a million
    edges from Python, SciPy reads the arrays as they are)."""
    size = n + n_keys
    matrix = coo_matrix((np.ones(len(rep), dtype=np.int8), (rep, key + n)), shape=(size, size))
    comp = connected_components(matrix, directed=False)[1][:n]
    _, first, inverse = np.unique(comp, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(first))
    return rank[inverse.ravel()]


def _key_components(rep: np.ndarray, key: np.ndarray, comp: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                                   np.ndarray]:
    """(key, component, reports) for each component a key's reports fall in, each report once.
    Vectorised: pairs are packed into one int64 (a * base + b), NumPy's 1-D unique being far
    faster than axis=0; there are hundreds of thousands of script bands at a million reports."""
    base = np.int64(max(len(comp), int(rep.max()) + 1))
    packed = np.unique(key.astype(np.int64) * base + rep)  # each report once per key
    key, c = packed // base, comp[packed % base]
    kc, count = np.unique(key * base + c, return_counts=True)
    return kc // base, kc % base, count


def _slips(alias: np.ndarray, degree: np.ndarray, grouped: np.ndarray) -> np.ndarray:
    """The pairs (slip, the value it is a slip of) that are unambiguous.

    A value named by one report (``near.SLIP_REPORTS``) that is in no group is a slip of a
    neighbour (one edit away) named by more reports or by a report in a group (``grouped``), if it
    has exactly one such neighbour. A value with several (numbers bought in a sequence, handles
    numbered "awa1", "awa2"…) is a slip of none: nothing says which one was meant. Two values each
    named by several reports are two accounts, whatever their spelling; two values each named
    once by reports on their own are left apart too (either could be the slip).
    """
    both = np.concatenate([alias, alias[:, ::-1]])
    u, v = both[:, 0], both[:, 1]
    alone = (degree[u] <= near.SLIP_REPORTS) & ~grouped[u]
    # A neighbour named by several reports is the one meant before one named by a single report in
    # a group (which may itself be a slip of the first: "aminata_sweet_91345", "ainata_sweet_91345").
    many = alone & (degree[v] > near.SLIP_REPORTS)
    once = alone & ~many & grouped[v]
    n_many = np.bincount(u[many], minlength=len(degree))
    n_once = np.bincount(u[once], minlength=len(degree))
    return both[(many & (n_many[u] == 1)) | (once & (n_many[u] == 0) & (n_once[u] == 1))]


def _alias_components(ev: Evidence, comp: np.ndarray, comp_size: np.ndarray, degree: np.ndarray,
                      flagged: dict[int, tuple[int, float]], first_key: int) -> tuple[np.ndarray, np.ndarray,
                                                                                        np.ndarray]:
    """Slips (``_slips``) as (pseudo-key, component, reports) rows, pseudo-keys numbered from
    ``first_key``: a slip is weak evidence between the components of the two values' reports, as
    a weak key naming all of them would be. Not when a value is flagged, or its reports lie in
    several components (nothing says which one it would join)."""
    empty = np.zeros(0, dtype=np.int64)
    if not len(ev.alias):
        return empty, empty, empty
    # The rows of every value in a candidate pair, read once: whether a report naming the value is
    # in a group of two or more, and the lowest and highest component of its reports.
    involved = np.zeros(len(ev.strong), dtype=bool)
    involved[ev.alias.ravel()] = True
    rows = involved[ev.key]
    keys, comps = ev.key[rows], comp[ev.rep[rows]]
    grouped = np.zeros(len(ev.strong), dtype=bool)
    grouped[keys[comp_size[comps] >= 2]] = True
    lo = np.full(len(ev.strong), np.iinfo(np.int64).max, dtype=np.int64)
    hi = np.full(len(ev.strong), -1, dtype=np.int64)
    np.minimum.at(lo, keys, comps)
    np.maximum.at(hi, keys, comps)
    pairs = _slips(ev.alias, degree, grouped)
    x, y = pairs[:, 0], pairs[:, 1]
    bad = np.zeros(len(ev.strong), dtype=bool)
    if flagged:
        bad[np.fromiter((k for k in flagged if k < len(bad)), dtype=np.int64)] = True
    ok = (lo[x] == hi[x]) & (lo[y] == hi[y]) & (hi[x] >= 0) & (hi[y] >= 0) & (lo[x] != lo[y]) & ~bad[x] & ~bad[y]
    pseudo = first_key + np.flatnonzero(ok)
    return (np.concatenate([pseudo, pseudo]), np.concatenate([lo[x[ok]], lo[y[ok]]]),
            np.concatenate([degree[x[ok]], degree[y[ok]]]))


def _weak_evidence(k: np.ndarray, c: np.ndarray, count: np.ndarray, comp_size: np.ndarray, weight: np.ndarray,
                   policy: HubPolicy, flagged: dict[int, tuple[int, float]],
                   attach_only: np.ndarray | None = None,
                   unattachable: np.ndarray | None = None) -> list[tuple[int, int, float]]:
    """(component, dominant component, evidence) for each weak key's pull, summed per pair.

    Rows are (key, component, reports of the key in it). A weak key's dominant component holds
    most of its reports among those already in a group (reports on their own say nothing against
    it); ties go to the larger, then the lower one. A key whose grouped reports are spread
    (largest share below ``coherence``) pulls nothing, and is flagged if it is named by
    ``min_degree`` reports or more. An ``attach_only`` key pulls only reports on their own, and
    not those in ``unattachable`` (per component). Vectorised: one sort, no Python loop per key.
    """
    if not len(k):
        return []
    base = np.int64(max(len(comp_size), 1))
    _, inverse, n_comps = np.unique(k, return_inverse=True, return_counts=True)
    many = n_comps[inverse.ravel()] >= 2  # keys touching two components or more
    k, c, count = k[many], c[many], count[many]
    if not len(k):
        return []
    placed = comp_size[c] >= 2
    # Per key: the best (placed first, most reports, larger, lower id) comes first.
    order = np.lexsort((c, -comp_size[c], -count, ~placed, k))
    k, c, count, placed = k[order], c[order], count[order], placed[order]
    first = np.r_[True, k[1:] != k[:-1]]
    group = np.cumsum(first) - 1
    dom = c[first][group]
    reports = np.bincount(group, weights=count)
    placed_total = np.bincount(group, weights=count * placed)
    top_count = count[first]
    top_placed = placed[first]
    few = reports < policy.min_degree
    share = np.where(top_placed, top_count / np.maximum(placed_total, 1), np.where(few, 1.0, 0.0))
    spread = share < policy.coherence
    for g in np.flatnonzero(spread & ~few).tolist():
        flagged[int(k[first][g])] = (int(reports[g]), round(float(share[g]), 3))
    pull = ~spread[group] & (c != dom)
    if attach_only is not None and len(attach_only):
        only = attach_only[np.minimum(k, len(attach_only) - 1)] & (k < len(attach_only))
        pull &= ~(only & ((comp_size[c] >= 2) | (unattachable[c] if unattachable is not None else False)))
    if not pull.any():
        return []
    a, b, w = c[pull], dom[pull], weight[k[pull]] * count[pull]
    ab, inverse = np.unique(a * base + b, return_inverse=True)
    total = np.bincount(inverse.ravel(), weights=w)
    return list(zip((ab // base).tolist(), (ab % base).tolist(), total.tolist(), strict=True))


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
        # Only the components that hold a candidate go through the (slower) biconnected analysis.
        whole = _components(n, n_keys, s_rep, s_key)
        touched = np.zeros(whole.max() + 1, dtype=bool)
        touched[whole[s_rep[np.isin(s_key, candidates)]]] = True
        inside = touched[whole[s_rep]]
        g = ig.Graph(n=n + n_keys, edges=np.column_stack([s_rep[inside], s_key[inside] + n]))
        shares = _largest_share(g, n, candidates, degree)
        # The groups a candidate touches: components of two reports or more without any candidate.
        others = ~np.isin(s_key, candidates)
        base = _components(n, n_keys, s_rep[others], s_key[others])
        base_size = np.bincount(base)
        # Per candidate, the number of distinct such groups among its reports (one pass over the
        # candidates' rows, not one pass over all rows per candidate).
        rows = np.isin(s_key, candidates)
        hk, hb = s_key[rows], base[s_rep[rows]]
        grouped = base_size[hb] >= 2
        width = np.int64(len(base_size) + 1)
        distinct = np.unique(hk[grouped] * width + hb[grouped])
        groups_of = np.bincount(distinct // width, minlength=n_keys)
        for h, share in shares.items():
            groups = int(groups_of[h])
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
    thin_rep = np.zeros(0, dtype=np.int64)  # the reports of the pairs left out, two by two
    if len(p_key):
        order = np.lexsort((p_rep, p_key))
        p_rep, p_key = p_rep[order], p_key[order]
        a, b = p_rep[0::2], p_rep[1::2]
        thin = (comp[a] != comp[b]) & (size[comp[a]] >= THIN) & (size[comp[b]] >= THIN)
        keep = np.repeat(~thin, 2)
        thin_rep = p_rep[~keep]
        s_rep = np.concatenate([s_rep[~pair], p_rep[keep]])
        s_key = np.concatenate([s_key[~pair], p_key[keep]])
    comp = _components(n, n_keys, s_rep, s_key)
    comp_size = np.bincount(comp)

    # A report on its own that names a strong value nobody else names (an account no other victim
    # met) is not attached by a picture: it is more likely another scammer with the same stolen
    # photo than a network's victim (on simulated corpora, every wrong attachment by a picture was
    # such a report, and a fifth of the attachments were wrong without this rule).
    own = np.zeros(len(comp_size), dtype=bool)
    if len(ev.key):
        named_once = ev.strong[ev.key] & (degree[ev.key] == 1)
        if len(ev.per_payment):
            named_once &= ~ev.per_payment[ev.key]
        own[comp[ev.rep[named_once]]] = True
    unattachable = own & (comp_size == 1)

    # 4. weak keys and slips: each points the components it touches to its dominant component.
    weak = useful & ~is_strong
    k, c, count = (_key_components(ev.rep[weak], ev.key[weak], comp) if weak.any()
                   else (np.zeros(0, dtype=np.int64),) * 3)
    ak, ac, acount = _alias_components(ev, comp, comp_size, degree, flagged, n_keys)
    # A pair left out above still says something: it counts as weak evidence (a pseudo-key each,
    # numbered after the slips'), so that it joins two groups when other evidence agrees with it.
    first_thin = n_keys + 2 * len(ev.alias)
    tk = first_thin + np.repeat(np.arange(len(thin_rep) // 2, dtype=np.int64), 2)
    tc, tcount = comp[thin_rep], np.ones(len(thin_rep), dtype=np.int64)
    weights = np.concatenate([ev.weight, np.full(2 * len(ev.alias), ev.alias_weight),
                              np.full(len(thin_rep) // 2, THIN_WEIGHT)])
    evidence = _weak_evidence(np.concatenate([k, ak, tk]), np.concatenate([c, ac, tc]),
                              np.concatenate([count, acount, tcount]),
                              comp_size, weights, policy, flagged, ev.attach_only, unattachable)

    # 5. components joined by enough weak evidence, split by Leiden where more than two meet.
    edges = [(int(a), int(b), float(w)) for a, b, w in evidence if w / comp_size[a] >= MIN_EVIDENCE]
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
    return Result(labels=labels, flagged={k: v for k, v in flagged.items() if k < n_keys})
