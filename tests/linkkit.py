"""Linking tests' helper: the engines' ``Tables`` for a few reports written by hand."""

from __future__ import annotations

import numpy as np

from tipline.link.engines import Tables


def tables(reports: list[list[tuple[int, str, str]]]) -> Tables:
    """Tables for reports given as lists of (identifier id, kind, value)."""
    rep, ident, kind, pics, accounts = [], [], [], {}, {}
    for r, items in enumerate(reports):
        for i, k, v in sorted(set(items)):
            rep.append(r)
            ident.append(i)
            kind.append(k)
            if k == "picture":
                pics[i] = v
            if k in ("profile", "email", "paypal"):
                accounts[i] = (k, v)
    empty = np.zeros(0, dtype=np.int64)
    return Tables(report_ids=[f"r{i:04d}" for i in range(len(reports))], link_report=np.asarray(rep, np.int64),
                  link_identifier=np.asarray(ident, np.int64), link_kind=kind, script_report=empty, script_key=empty,
                  pairs=[], recipients={}, accounts=accounts, near_pairs=np.zeros((0, 2), np.int64), pictures=pics)
