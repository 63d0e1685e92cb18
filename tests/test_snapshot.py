"""The Parquet snapshot batch jobs read: complete, and without personal data."""

from tipline.domain.enums import Source
from tipline.domain.report import ReportIn
from tipline.service.intake import store_report
from tipline.simulate import generate
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
