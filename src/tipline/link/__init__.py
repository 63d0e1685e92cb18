"""Linking: identifiers -> related reports (online, index lookups); all reports -> networks (batch).

Pure parts: ``kinds`` (which evidence is strong), ``names`` (recipients' names), ``scripts``
(MinHash of the scammer's messages), ``graph`` (components, hub checks, Leiden), ``stable``
(network ids across rebuilds), ``profile`` (a network's description), ``evaluate`` (B-cubed).
``engines`` turn a Parquet snapshot into the edge lists ``graph`` reads, on DuckDB or Spark.
"""
