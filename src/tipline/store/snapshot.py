"""A Parquet snapshot of the store for batch jobs (networks, statistics) on DuckDB or Spark.

Batch engines read files, not the live database: DuckDB's SQLite and PostgreSQL scanners are
extensions it would download at run time, and tipline makes no network requests. The snapshot
streams each table through Apache Arrow's ADBC drivers for SQLite and PostgreSQL, in batches
(memory stays flat at a million reports), and holds only what batch jobs need: categories,
dates, flags, money rows and the scammers' identifiers — never the encrypted body, tokens, or
the raw text a reporter typed.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
from sqlalchemy import String, cast, literal_column, select, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from tipline.store.db import Database
from tipline.store.parquet_copy import TS, TYPED_ROW, Copy, copy, copy_in_child
from tipline.store.tables import (
    IdentifierRow,
    MoneyRow,
    NetworkReportRow,
    RecipientKeyRow,
    ReportIdentifierRow,
    ReportRow,
    ScriptKeyRow,
)

BATCH_ROWS = 65_536  # rows per batch (and Parquet row group) read from the store
_DIALECTS = {"sqlite": sqlite.dialect, "postgresql": postgresql.dialect}

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

_UUID = {"id", "report_id"}
_ROWS = {"reports": ReportRow, "money": MoneyRow, "identifiers": IdentifierRow,
         "report_identifiers": ReportIdentifierRow, "script_keys": ScriptKeyRow,
         "recipient_keys": RecipientKeyRow, "network_reports": NetworkReportRow}


def _query(table: str, dialect: str) -> str:
    """The SELECT that reads ``table`` for the snapshot, as SQL text for an ADBC driver.

    Everything that is not a plain number comes back as text and is typed in Arrow
    (``parquet_copy``): UUIDs (PostgreSQL writes the dashed form; SQLite holds 32 hex digits), JSON
    as the database holds it (key order may differ between databases; readers use DuckDB's
    json_extract), amounts (SQLite holds 200 as an integer and 49.99 as a real), and SQLite's UTC times.

    ADBC's SQLite driver infers each column's type from the values of a result's first batch, and
    fails on a later batch whose values do not fit (a column that is empty in the first batch and
    text after, as a column a migration added is). So the SQLite query starts with one row of typed
    placeholders, marked by ``TYPED_ROW`` and dropped after reading.
    """
    row, schema = _ROWS[table], SCHEMAS[table]
    columns = []
    for name, kind in zip(schema.names, schema.types, strict=True):
        column = getattr(row, name)
        if kind == pa.string() or pa.types.is_decimal(kind) or (kind == TS and dialect == "sqlite"):
            column = cast(column, String)
        columns.append(column.label(name))
    query = select(*columns)
    if dialect == "sqlite":
        placeholders = [literal_column("0" if pa.types.is_integer(kind) or pa.types.is_boolean(kind)
                                       else "0.0" if pa.types.is_floating(kind) else "''").label(name)
                        for name, kind in zip(schema.names, schema.types, strict=True)]
        query = union_all(select(literal_column("1").label(TYPED_ROW), *placeholders),
                          select(literal_column("0").label(TYPED_ROW), *columns))
    return str(query.compile(dialect=_DIALECTS[dialect](), compile_kwargs={"literal_binds": True}))


def write_snapshot(db: Database, directory: Path, batch_rows: int = BATCH_ROWS) -> dict[str, Path]:
    """Write ``<table>.parquet`` for each batch table into ``directory``; returns the paths.

    A SQLite store is read in a child process: ADBC's driver carries its own copy of SQLite, and
    two copies in one process release each other's file locks when one closes the file (SQLite's
    "How to corrupt a database", 2.2.1), which broke the next write as a disk I/O error.
    """
    directory.mkdir(parents=True, exist_ok=True)
    url = make_url(db.url)
    copies = [Copy(table, _query(table, db.dialect), schema,
                   frozenset(n for n in _UUID & set(schema.names) if schema.field(n).type == pa.string())
                   if db.dialect == "sqlite" else frozenset())
              for table, schema in SCHEMAS.items()]
    if db.dialect == "sqlite":
        return copy_in_child("sqlite", url.database, copies, directory, batch_rows)
    uri = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return copy("postgresql", uri, copies, directory, batch_rows)


def connect(directory: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per snapshot table."""
    con = duckdb.connect()
    for table in SCHEMAS:
        path = (directory / f"{table}.parquet").as_posix().replace("'", "''")
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')")  # noqa: S608 (our own path)
    return con
