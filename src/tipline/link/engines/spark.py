"""The Spark engine: the same queries as DuckDB, for a snapshot too big for one machine.

Locally (tests) it starts ``local[2]``; on a cluster, pass a ``SparkSession`` built with the
cluster's master and put the snapshot on storage every executor reads (see docs/linking.md).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tipline.link.engines import QUERIES, Tables
from tipline.store.snapshot import SCHEMAS


def session(master: str = "local[2]"):
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.master(master).appName("tipline-networks")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
               .config("spark.sql.session.timeZone", "UTC"))
    if master.startswith("local"):  # stay on loopback: a local run opens no port on the network
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    return builder.getOrCreate()


def tables(snapshot: Path, spark=None) -> Tables:
    spark = spark or session()
    for table in SCHEMAS:
        spark.read.parquet(str(snapshot / f"{table}.parquet")).createOrReplaceTempView(table)

    def rows(name: str) -> list:
        return spark.sql(QUERIES[name]).collect()

    reports = rows("reports")
    links = rows("links")
    scripts = rows("scripts")
    pairs = rows("recipient_pairs")
    recipients = rows("recipients")
    accounts = rows("accounts")
    near_pairs = rows("near_pairs")
    pictures = rows("pictures")
    return Tables(
        report_ids=[r["id"] for r in reports],
        link_report=np.asarray([r["rep"] for r in links], dtype=np.int64),
        link_identifier=np.asarray([r["identifier_id"] for r in links], dtype=np.int64),
        link_kind=[r["kind"] for r in links],
        script_report=np.asarray([r["rep"] for r in scripts], dtype=np.int64),
        script_key=np.asarray([r["band_key"] for r in scripts], dtype=np.int64),
        pairs=[(int(r["a"]), int(r["b"])) for r in pairs],
        recipients={int(r["id"]): r["value"] for r in recipients},
        accounts={int(r["id"]): (r["kind"], r["value"]) for r in accounts},
        near_pairs=np.asarray([(r["a"], r["b"]) for r in near_pairs], dtype=np.int64).reshape(-1, 2),
        pictures={int(r["id"]): r["value"] for r in pictures},
    )
