"""The DuckDB engine: embedded, reads the Parquet snapshot in place."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tipline.link.engines import QUERIES, Tables
from tipline.store.snapshot import connect


def tables(snapshot: Path) -> Tables:
    con = connect(snapshot)
    try:
        def cols(name: str) -> dict[str, np.ndarray]:
            return con.execute(QUERIES[name]).fetchnumpy()

        reports = cols("reports")
        links = cols("links")
        scripts = cols("scripts")
        pairs = cols("recipient_pairs")
        recipients = cols("recipients")
        accounts = cols("accounts")
        near_pairs = cols("near_pairs")
        pictures = cols("pictures")
    finally:
        con.close()
    return Tables(
        report_ids=[str(x) for x in reports["id"]],
        link_report=np.asarray(links["rep"], dtype=np.int64),
        link_identifier=np.asarray(links["identifier_id"], dtype=np.int64),
        link_kind=[str(x) for x in links["kind"]],
        script_report=np.asarray(scripts["rep"], dtype=np.int64),
        script_key=np.asarray(scripts["band_key"], dtype=np.int64),
        pairs=list(zip(np.asarray(pairs["a"]).tolist(), np.asarray(pairs["b"]).tolist(), strict=True)),
        recipients=dict(zip(np.asarray(recipients["id"]).tolist(), [str(v) for v in recipients["value"]],
                            strict=True)),
        accounts=dict(zip(np.asarray(accounts["id"]).tolist(),
                          zip([str(k) for k in accounts["kind"]], [str(v) for v in accounts["value"]], strict=True),
                          strict=True)),
        near_pairs=np.column_stack([np.asarray(near_pairs["a"], dtype=np.int64),
                                    np.asarray(near_pairs["b"], dtype=np.int64)]),
        pictures=dict(zip(np.asarray(pictures["id"]).tolist(), [str(v) for v in pictures["value"]], strict=True)),
    )
