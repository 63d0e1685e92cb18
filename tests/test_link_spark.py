"""DuckDB and Spark give the same networks from the same snapshot (Spark in local[2] mode).

Spark starts slowly (~10 s), so this module holds few tests and shares one session.
"""

from __future__ import annotations

import random
import shutil
from datetime import date

import pytest

from tipline.domain.enums import Source
from tipline.domain.report import ReportIn
from tipline.link.engines import assemble
from tipline.link.engines import duckdb as duckdb_engine
from tipline.link.engines import spark as spark_engine
from tipline.link.kinds import PICTURE_LIKE
from tipline.service import networks
from tipline.service.intake import store_report
from tipline.simulate import generate
from tipline.store.snapshot import write_snapshot

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark():
    from conftest import need

    need(shutil.which("java") is not None, "no Java runtime for Spark (apt-get install openjdk-17-jre-headless)")
    pytest.importorskip("pyspark")
    from tipline.link.engines.spark import session

    s = session("local[2]")
    yield s
    s.stop()


def _partition(report_ids, labels) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for rid, label in zip(report_ids, labels.tolist(), strict=True):
        if label >= 0:
            groups.setdefault(label, set()).add(rid)
    return {frozenset(g) for g in groups.values()}


def test_duckdb_and_spark_find_the_same_networks(tipline, tmp_path, spark):
    for sim in generate(300, seed=77, end=date(2026, 11, 1), noise=0.2):
        store_report(tipline, ReportIn.model_validate(sim.report), Source.import_)
    # A hub too, so that flagging is compared as well, and a popular stolen photo (each report a
    # screenshot of it a few bits apart) in the same unrelated reports.
    rng = random.Random(5)
    photo = rng.getrandbits(256)
    shots = set()
    for i in range(50):
        shot = photo ^ (1 << rng.randrange(256)) ^ (1 << rng.randrange(256))
        shots.add(shot)
        store_report(tipline, ReportIn.model_validate({
            "narrative": "x", "scammer_identifiers": [{"kind": "email", "value": "help@support.example"},
                                                       {"kind": "phone", "value": f"+33 6 {30000000 + i // 2:08d}"}],
            "incident": {"profile_pictures": [f"{shot:064x}"]}}),
            Source.api)
    write_snapshot(tipline.db, tmp_path / "snap")
    duck = networks.compute(tmp_path / "snap", "duckdb")
    spk = networks.compute(tmp_path / "snap", "spark", spark=spark)
    assert duck.report_ids == spk.report_ids
    assert _partition(duck.report_ids, duck.labels) == _partition(spk.report_ids, spk.labels)
    # the address, and the photo as each of its pictures (online linking meets the hub from any copy)
    assert duck.flagged == spk.flagged and len(duck.flagged) == 1 + len(shots)
    tables = duckdb_engine.tables(tmp_path / "snap")
    assert len(tables.pictures) > 80 and tables.pictures == spark_engine.tables(tmp_path / "snap", spark).pictures
    assert assemble(tables).key_kind.count(PICTURE_LIKE) < len(tables.pictures)  # near-duplicates joined
    assert len(_partition(duck.report_ids, duck.labels)) > 10


def test_a_rebuild_on_spark_stores_networks(tipline, spark):
    for i in range(4):
        store_report(tipline, ReportIn.model_validate({
            "narrative": "x", "scammer_identifiers": [{"kind": "phone", "value": f"+33 6 {40000000 + i // 2:08d}"}]}),
            Source.api)
    result = networks.rebuild(tipline, engine="spark", spark=spark)
    assert result.networks == 2 and result.reports_in_networks == 4
