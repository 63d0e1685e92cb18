"""A Parquet snapshot of the store for batch jobs (networks, statistics) on DuckDB or Spark.

Batch engines read files, not the live database: DuckDB's SQLite and PostgreSQL scanners are
extensions it would download at run time, and tipline makes no network requests. The snapshot
streams each table through SQLAlchemy in chunks (memory stays flat at a million reports) and holds
only what batch jobs need: categories, dates, flags, money rows and the scammers' identifiers —
never the encrypted body, tokens, or the raw text a reporter typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from sqlalchemy import String, cast, select, type_coerce

from tipline.store.db import Database
from tipline.store.tables import (
    IdentifierRow,
    MoneyRow,
    NetworkReportRow,
    RecipientKeyRow,
    ReportIdentifierRow,
    ReportRow,
    ScriptKeyRow,
)

CHUNK = 50_000

TS = pa.timestamp("us", tz="UTC")
SCHEMAS: dict[str, pa.Schema] = {
    "reports": pa.schema([
        ("id", pa.string()), ("external_id", pa.string()), ("received_at", TS), ("source", pa.string()),
        ("language", pa.string()), ("reporter_role", pa.string()), ("victim_age_band", pa.string()),
        ("victim_gender", pa.string()), ("victim_country", pa.string()),
        ("platform_first_contact", pa.string()), ("first_contact_at", TS), ("deadline", TS),
        ("minor", pa.bool_()), ("self_harm", pa.bool_()), ("flags", pa.string()), ("signals", pa.string()),
        ("status", pa.string()),
    ]),
    "money": pa.schema([
        ("id", pa.int64()), ("report_id", pa.string()), ("role", pa.string()), ("amount", pa.decimal128(20, 2)),
        ("currency", pa.string()), ("method", pa.string()), ("destination_country", pa.string()),
        ("recipient_name", pa.string()), ("reference", pa.string()), ("at", TS),
    ]),
    "identifiers": pa.schema([
        ("id", pa.int64()), ("kind", pa.string()), ("value", pa.string()), ("country", pa.string()),
        ("first_seen", TS), ("last_seen", TS),
    ]),
    "report_identifiers": pa.schema([
        ("report_id", pa.string()), ("identifier_id", pa.int64()), ("source", pa.string()),
        ("confidence", pa.float64()),
    ]),
    "script_keys": pa.schema([("report_id", pa.string()), ("band_key", pa.int64())]),
    "recipient_keys": pa.schema([("key", pa.string()), ("identifier_id", pa.int64())]),
    # The last rebuild's networks (statistics count the active ones; a rebuild replaces them).
    "network_reports": pa.schema([("report_id", pa.string()), ("network_id", pa.string())]),
}

_JSON = {"flags", "signals"}
_UUID = {"id", "report_id"}


def _columns(table: str, dialect: str):
    """The table's columns; UUIDs as text read by the database, not built as Python objects one by
    one (that was most of the snapshot's time at a million reports)."""
    row = {"reports": ReportRow, "money": MoneyRow, "identifiers": IdentifierRow,
           "report_identifiers": ReportIdentifierRow, "script_keys": ScriptKeyRow,
           "recipient_keys": RecipientKeyRow, "network_reports": NetworkReportRow}[table]
    columns = []
    for name in SCHEMAS[table].names:
        column = getattr(row, name)
        kind = SCHEMAS[table].field(name).type
        # Read as text, not built as a Python object per row: UUIDs (PostgreSQL casts to the dashed
        # form; SQLite stores 32 hex digits, dashed in Arrow below), and JSON as the database holds
        # it (decoding and encoding it again per row was a quarter of the snapshot's time; key order
        # may differ between databases, readers use DuckDB's json_extract).
        if (name in _UUID and kind == pa.string()) or name in _JSON:
            column = cast(column, String) if dialect == "postgresql" else type_coerce(column, String)
        elif kind == TS and dialect == "sqlite":
            # SQLite holds UTC times as text ("2025-06-01 12:34:56.000000"): Arrow parses a column
            # of them at once, where a Python datetime per row and per column cost a fifth of the time.
            column = type_coerce(column, String)
        columns.append(column)
    return columns


def _dashed(values: pa.Array) -> pa.Array:
    """32 hex digits -> 8-4-4-4-12, as ``str(uuid.UUID)`` writes them."""
    parts = [pc.utf8_slice_codeunits(values, a, b) for a, b in ((0, 8), (8, 12), (12, 16), (16, 20), (20, 32))]
    return pc.binary_join_element_wise(*parts, "-")


def _batches(db: Database, table: str) -> Iterable[pa.RecordBatch]:
    schema = SCHEMAS[table]
    names = schema.names
    with db.read() as session:
        dialect = session.get_bind().dialect.name
        # Core rows, not the ORM's: the same data without the per-row ORM loading cost.
        result = session.connection().execution_options(yield_per=CHUNK).execute(select(*_columns(table, dialect)))
        for chunk in result.partitions():
            cols = list(zip(*chunk, strict=True)) if chunk else [[] for _ in names]
            arrays = []
            for name, values in zip(names, cols, strict=True):
                kind = schema.field(name).type
                if kind == TS and dialect == "sqlite":
                    array = pc.cast(pc.cast(pa.array(values, type=pa.string()), pa.timestamp("us")), TS)
                else:
                    array = pa.array(values, type=kind)
                if name in _UUID and dialect != "postgresql" and array.type == pa.string():
                    array = _dashed(array)
                arrays.append(array)
            yield pa.RecordBatch.from_arrays(arrays, schema=schema)


def write_snapshot(db: Database, directory: Path) -> dict[str, Path]:
    """Write ``<table>.parquet`` for each batch table into ``directory``; returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for table, schema in SCHEMAS.items():
        path = directory / f"{table}.parquet"
        tmp = path.with_suffix(".parquet.tmp")
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for batch in _batches(db, table):
                writer.write_batch(batch)
        tmp.replace(path)  # a reader never sees half a file
        paths[table] = path
    return paths


def connect(directory: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per snapshot table."""
    con = duckdb.connect()
    for table in SCHEMAS:
        path = (directory / f"{table}.parquet").as_posix().replace("'", "''")
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')")  # noqa: S608 (our own path)
    return con
