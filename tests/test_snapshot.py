"""The Parquet snapshot batch jobs read: complete, and without personal data."""

import json
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pyarrow.parquet as pq
from sqlalchemy import select

from tipline.domain.enums import Source
from tipline.domain.report import ReportIn
from tipline.service.intake import store_report
from tipline.simulate import generate
from tipline.store import snapshot
from tipline.store.snapshot import connect, write_snapshot


def test_snapshot_holds_every_row_and_no_narrative(tipline, tmp_path):
    sims = list(generate(30, seed=7))
    for sim in sims:
        store_report(tipline, ReportIn.model_validate(sim.report), Source.import_)
    paths = write_snapshot(tipline.db, tmp_path / "snap")
    con = connect(tmp_path / "snap")
    assert con.execute("select count(*) from reports").fetchone()[0] == 30
    n_links = con.execute("select count(*) from report_identifiers").fetchone()[0]
    assert n_links > 0
    assert con.execute(
        "select count(*) from report_identifiers ri left join identifiers i on i.id = ri.identifier_id "
        "where i.id is null").fetchone()[0] == 0
    assert con.execute("select count(*) from money r left join reports p on p.id = r.report_id "
                       "where p.id is null").fetchone()[0] == 0
    blob = b"".join(p.read_bytes() for p in paths.values())
    for sim in sims:
        narrative = sim.report.get("narrative") or ""
        if len(narrative) > 40:
            assert narrative[:40].encode() not in blob


def test_snapshot_of_an_empty_store(tipline, tmp_path):
    write_snapshot(tipline.db, tmp_path / "snap")
    con = connect(tmp_path / "snap")
    assert con.execute("select count(*) from reports").fetchone()[0] == 0


def _plain(value):
    """A value as the store and the snapshot should agree on it."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def test_snapshot_holds_the_stores_values_across_batches(tipline, tmp_path):
    # Batches of three rows: columns empty in the first batch and filled in a later one (an
    # external id, a deadline, a payment reference) must come through with their types.
    for _ in range(4):
        store_report(tipline, ReportIn.model_validate({"narrative": "Il veut 300 euros par Western Union."}),
                     Source.api)
    for sim in generate(12, seed=11):
        store_report(tipline, ReportIn.model_validate(sim.report), Source.import_)
    store_report(tipline, ReportIn.model_validate({
        "external_id": "HOTLINE-77", "narrative": "Elle demande 49.99 euros, j'ai payé par MoneyGram.",
        "incident": {"deadline": "2031-01-02T03:04:05.250000Z"},
        "payments": [{"amount": "49.99", "currency": "EUR", "method": "moneygram", "reference": "40281957",
                      "recipient_name": "Awa Koné"}]}), Source.api)
    write_snapshot(tipline.db, tmp_path / "snap", batch_rows=3)
    for table, schema in snapshot.SCHEMAS.items():
        row = snapshot._ROWS[table]
        with tipline.db.read() as session:
            stored = [tuple(_plain(v) for v in r) for r in session.execute(
                select(*(getattr(row, name) for name in schema.names))).all()]
        written = [tuple(_plain(json.loads(v) if name in ("flags", "signals") and v is not None else v)
                         for name, v in r.items()) for r in pq.read_table(tmp_path / "snap" / f"{table}.parquet"
                                                                          ).to_pylist()]
        assert sorted(written, key=repr) == sorted(stored, key=repr), table
    con = connect(tmp_path / "snap")
    assert con.execute("select amount, reference from money where reference = '40281957'").fetchone() == (
        Decimal("49.99"), "40281957")
    assert con.execute("select count(*) from reports where deadline is not null").fetchone()[0] >= 1
