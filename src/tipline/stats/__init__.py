"""Statistics: counts, trends, money, alerts and charts over a snapshot of the store.

Pure aggregation over a DuckDB connection (``aggregate``), small-count suppression for what is
published (``suppress``, ``public``), alerts (``alerts``) and server-side charts (``charts``).
"""

from tipline.stats.aggregate import DIMENSIONS, PERIODS, Query, StatsQueryError, compute

__all__ = ["DIMENSIONS", "PERIODS", "Query", "StatsQueryError", "compute"]
