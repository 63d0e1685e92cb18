"""Copy query results from the store into Parquet files, through Apache Arrow's ADBC drivers.

Rows go from the database to Arrow in the driver's C code, never as one Python object per value
(through SQLAlchemy that was nine tenths of a million-report snapshot). This module imports only
Arrow and the drivers, so that ``tipline.store.snapshot`` can run it in a child process cheaply.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

TS = pa.timestamp("us", tz="UTC")
TYPED_ROW = "_typed_row"  # marks the SQLite query's first row, which only carries the columns' types


@dataclass(frozen=True)
class Copy:
    """One table to copy: the SQL that reads it, the Parquet schema, and which text columns hold
    32-hex-digit UUIDs (SQLite's form) to write in the dashed form."""

    name: str
    sql: str
    schema: pa.Schema
    hex_uuids: frozenset[str] = frozenset()


def copy(dialect: str, uri: str, copies: list[Copy], directory: Path, batch_rows: int) -> dict[str, Path]:
    """Run each copy's query and write ``<name>.parquet`` into ``directory``, all in one read
    transaction (the tables agree with one another); returns the paths."""
    paths: dict[str, Path] = {}
    with _connect(dialect, uri) as con, con.cursor() as cur:
        if dialect == "postgresql":
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        else:
            cur.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": str(batch_rows)})
        for job in copies:
            cur.execute(job.sql)
            path = directory / f"{job.name}.parquet"
            tmp = path.with_suffix(".parquet.tmp")
            with pq.ParquetWriter(tmp, job.schema, compression="zstd") as writer:
                for batch in cur.fetch_record_batch():
                    writer.write_batch(_typed(batch, job))
            tmp.replace(path)  # a reader never sees half a file
            paths[job.name] = path
        con.rollback()
    return paths


def _connect(dialect: str, uri: str):
    if dialect == "sqlite":
        import adbc_driver_sqlite.dbapi

        return adbc_driver_sqlite.dbapi.connect(uri)
    import adbc_driver_postgresql.dbapi

    return adbc_driver_postgresql.dbapi.connect(uri)


def _typed(batch: pa.RecordBatch, job: Copy) -> pa.RecordBatch:
    """A batch as the driver read it -> the copy's schema. Text read for times is SQLite's UTC
    form ("2025-06-01 12:34:56.000000"); the typed first row, if any, is dropped."""
    if TYPED_ROW in batch.schema.names:
        batch = batch.filter(pc.equal(batch.column(TYPED_ROW), 0))
    arrays = []
    for name, kind in zip(job.schema.names, job.schema.types, strict=True):
        array = batch.column(name)
        if name in job.hex_uuids:
            array = _dashed(array)
        elif kind == TS and pa.types.is_string(array.type):
            array = pc.cast(array, pa.timestamp("us"))
        arrays.append(pc.cast(array, kind))
    return pa.RecordBatch.from_arrays(arrays, schema=job.schema)


def _dashed(values: pa.Array) -> pa.Array:
    """32 hex digits -> 8-4-4-4-12, as ``str(uuid.UUID)`` writes them."""
    parts = [pc.utf8_slice_codeunits(values, a, b) for a, b in ((0, 8), (8, 12), (12, 16), (16, 20), (20, 32))]
    return pc.binary_join_element_wise(*parts, "-")


def copy_in_child(dialect: str, uri: str, copies: list[Copy], directory: Path, batch_rows: int) -> dict[str, Path]:
    """``copy`` in a fresh Python process (a plain subprocess: ``multiprocessing`` would import the
    caller's main module again, which a script without a main guard does not survive)."""
    job = pickle.dumps((dialect, uri, copies, directory, batch_rows))
    done = subprocess.run([sys.executable, "-m", __name__], input=job, capture_output=True,  # noqa: S603 (this module)
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the snapshot's reader failed: {done.stderr.decode(errors='replace')[-2000:]}")
    return pickle.loads(done.stdout)  # noqa: S301 (our own child's answer)


if __name__ == "__main__":
    sys.stdout.buffer.write(pickle.dumps(copy(*pickle.loads(sys.stdin.buffer.read()))))  # noqa: S301 (our parent's job)
