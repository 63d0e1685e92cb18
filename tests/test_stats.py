"""Statistics: hand-computed values on a small Parquet fixture, the simulate ground truth, alerts,
the CLI, and the staff and public pages."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tipline.currency import load_rates
from tipline.domain.enums import Source
from tipline.domain.report import ReportIn
from tipline.security.roles import Principal, Role
from tipline.service.intake import store_report
from tipline.simulate import generate
from tipline.stats import Query, StatsQueryError, compute
from tipline.stats.alerts import new_values, spikes
from tipline.store.snapshot import SCHEMAS, connect, write_snapshot
from tipline.web.access import current_principal

RATES = load_rates()


def d(y: int, m: int, day: int, h: int = 12) -> datetime:
    return datetime(y, m, day, h, tzinfo=UTC)


def write_fixture(directory: Path, reports: list[dict], money: list[dict] = (), identifiers: list[dict] = (),
                  links: list[dict] = ()) -> Path:
    """Snapshot-shaped Parquet files from a few hand-written rows (missing columns are null)."""
    directory.mkdir(parents=True, exist_ok=True)
    given = {"reports": reports, "money": money, "identifiers": identifiers, "report_identifiers": links}
    for table, schema in SCHEMAS.items():  # every snapshot table, empty where the test gives no rows
        rows = given.get(table, ())
        columns = {name: [row.get(name) for row in rows] for name in schema.names}
        pq.write_table(pa.table(columns, schema=schema), directory / f"{table}.parquet")
    return directory


def report(i: int, when: datetime, **fields) -> dict:
    base = {"id": f"r{i}", "received_at": when, "minor": False, "signals": json.dumps({}), "flags": "{}"}
    return {**base, **fields}


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """Six reports, hand-made so that every figure below can be computed by hand."""
    reports = [
        report(1, d(2026, 1, 5), victim_age_band="13-15", victim_gender="man", minor=True,
               platform_first_contact="instagram", victim_country="FR", reporter_role="victim"),
        report(2, d(2026, 1, 20), victim_age_band="21-30", victim_gender="man",
               platform_first_contact="facebook", victim_country="FR", reporter_role="victim"),
        report(3, d(2026, 2, 2), victim_age_band="21-30", victim_gender="woman",
               platform_first_contact="facebook", victim_country="CA", reporter_role="parent_guardian",
               signals=json.dumps({"more_images_demanded": True})),
        report(4, d(2026, 3, 15), victim_age_band="unknown", victim_gender=None,
               platform_first_contact="snapchat", victim_country="CA",
               signals=json.dumps({"paid": True})),  # paid, said in the narrative only
        report(5, d(2026, 3, 16), victim_age_band="16-17", victim_gender="man", minor=True,
               platform_first_contact="instagram", victim_country="BE"),
        report(6, d(2025, 12, 31, 23), victim_age_band="31-40", victim_gender="man",
               platform_first_contact="facebook", victim_country="FR"),
    ]
    money = [
        {"id": 1, "report_id": "r1", "role": "demand", "amount": Decimal("100.00"), "currency": "EUR"},
        {"id": 2, "report_id": "r1", "role": "payment", "amount": Decimal("50.00"), "currency": "EUR",
         "method": "gift_card", "destination_country": None},
        {"id": 3, "report_id": "r2", "role": "demand", "amount": Decimal("300.00"), "currency": "EUR"},
        {"id": 4, "report_id": "r2", "role": "demand", "amount": Decimal("111.72"), "currency": "USD"},  # = 100 EUR
        {"id": 5, "report_id": "r2", "role": "payment", "amount": Decimal("200.00"), "currency": "EUR",
         "method": "western_union", "destination_country": "CI"},
        {"id": 6, "report_id": "r2", "role": "payment", "amount": Decimal("100.00"), "currency": "EUR",
         "method": "gift_card", "destination_country": None},
        {"id": 7, "report_id": "r5", "role": "demand", "amount": Decimal("5000.00"), "currency": "XAF"},
        {"id": 8, "report_id": "r6", "role": "demand", "amount": Decimal("700.00"), "currency": "EUR"},
        {"id": 9, "report_id": "r5", "role": "demand", "amount": Decimal("9.00"), "currency": "ZZZ"},
    ]
    identifiers = [{"id": 1, "kind": "phone", "value": "+2250700000000", "country": "CI",
                    "first_seen": d(2026, 1, 5), "last_seen": d(2026, 1, 20)},
                   {"id": 2, "kind": "email", "value": "x@example.org", "country": None,
                    "first_seen": d(2026, 1, 5), "last_seen": d(2026, 1, 5)}]
    links = [{"report_id": "r1", "identifier_id": 1, "source": "form", "confidence": 1.0},
             {"report_id": "r1", "identifier_id": 1, "source": "narrative", "confidence": 0.9},
             {"report_id": "r2", "identifier_id": 1, "source": "chat", "confidence": 0.9},
             {"report_id": "r2", "identifier_id": 2, "source": "chat", "confidence": 0.9}]
    return write_fixture(tmp_path / "snap", reports, money, identifiers, links)


def test_hand_computed_figures(small):
    con = connect(small)
    s = compute(con, Query(since=d(2026, 1, 1, 0), until=d(2026, 4, 1, 0), by="month"), RATES, "EUR")
    assert s["total"] == 5  # r6 is on 31 December, outside the range
    assert [(p["period"], p["count"], p["change"]) for p in s["by_period"]] == [
        ("2026-01", 2, None), ("2026-02", 1, -1), ("2026-03", 2, 1)]
    assert s["by_period"][2]["change_pct"] == 100.0
    assert s["by_age_band"] == {"21-30": 2, "13-15": 1, "16-17": 1, "unknown": 1}
    assert s["by_gender"] == {"man": 3, "unknown": 1, "woman": 1}
    assert s["by_platform"] == {"facebook": 2, "instagram": 2, "snapchat": 1}
    assert s["by_victim_country"] == {"CA": 2, "FR": 2, "BE": 1}
    assert s["by_reporter_role"] == {"unknown": 2, "victim": 2, "parent_guardian": 1}
    # r1, r2: money; r3: images only; r4: paid (signal); r5: a demand
    assert s["by_scheme"] == {"financial": 4, "sexual": 1}
    assert s["by_payment_method"] == {"gift_card": 2, "western_union": 1}
    assert s["by_destination_country"] == {"unknown": 2, "CI": 1}  # r2: CI and a gift card; r1: a gift card
    assert s["by_scammer_phone_country"] == {"CI": 2}
    assert s["paid"] == 3 and s["paid_share"] == 0.6  # r1, r2 (payments), r4 (signal)
    assert s["minors"] == 2 and s["minor_share"] == 0.4
    m = s["money"]
    # demanded per report: r1 100, r2 300 + 100 (USD), r5: 5000 XAF = 7.62 EUR (+ ZZZ unconverted)
    assert m["demanded"] == {"reports": 3, "median": 100.0, "total": round(100 + 400 + 5000 / 655.957, 2)}
    assert m["paid"] == {"reports": 2, "median": 175.0, "total": 350.0}
    assert m["unconverted"] == [{"role": "demand", "currency": "ZZZ", "rows": 1, "reports": 1, "amount": "9.00"}]
    assert s["flows"] == [{"from": "FR", "to": "CI", "count": 2}]
    # the window: 6 months before 1 April against the 6 before those, over the whole table
    assert s["change"]["current"]["count"] == 6 and s["change"]["previous"]["count"] == 0
    assert s["change"]["change_pct"] is None


def test_destination_counts_reports_not_rows(small):
    s = compute(connect(small), Query(), RATES, "EUR")
    # r2 paid to CI and by gift card (no destination): once under each; r1 once under unknown
    assert s["by_destination_country"] == {"unknown": 2, "CI": 1}
    assert s["total"] == 6
    assert s["by_period"][0]["period"] == "2025-12"


def test_periods_fill_gaps_and_weeks_are_iso(small):
    s = compute(connect(small), Query(by="week", since=d(2026, 1, 1, 0), until=d(2026, 2, 1, 0)), RATES, "EUR")
    labels = [p["period"] for p in s["by_period"]]
    assert labels[0] == "2026-W01" and labels[-1] == "2026-W05"
    assert sum(p["count"] for p in s["by_period"]) == 2 and len(labels) == 5
    q = compute(connect(small), Query(by="quarter"), RATES, "EUR")
    assert [(p["period"], p["count"]) for p in q["by_period"]] == [("2025-Q4", 1), ("2026-Q1", 5)]


def test_bad_queries_are_refused():
    with pytest.raises(StatsQueryError):
        Query(by="decade")
    with pytest.raises(StatsQueryError):
        Query(since=d(2026, 2, 1), until=d(2026, 1, 1))
    with pytest.raises(StatsQueryError):
        Query(since=datetime(2026, 1, 1))


def test_unknown_reporting_currency_is_refused(small):
    with pytest.raises(StatsQueryError):
        compute(connect(small), Query(), RATES, "ZZZ")


def test_against_the_simulate_ground_truth(tipline, tmp_path):
    sims = list(generate(80, seed=11))
    for sim in sims:
        store_report(tipline, ReportIn.model_validate(sim.report), Source.import_)
    write_snapshot(tipline.db, tmp_path / "snap")
    s = compute(connect(tmp_path / "snap"), Query(by="year"), RATES, "EUR")
    reports = [sim.report for sim in sims]
    assert s["total"] == len(reports)
    assert s["by_age_band"] == dict(Counter(r["victim"].get("age_band") or "unknown" for r in reports))
    assert s["by_gender"] == dict(Counter(r["victim"].get("gender") or "unknown" for r in reports))
    assert s["by_platform"] == dict(Counter(r.get("incident", {}).get("platform_first_contact") or "unknown"
                                            for r in reports))
    methods = Counter(m for r in reports for m in {p.get("method") or "unknown" for p in r.get("payments", [])})
    assert s["by_payment_method"] == dict(methods)
    assert sum(p["count"] for p in s["by_period"]) == len(reports)
    paying = sum(1 for r in reports if r.get("payments"))
    assert s["paid"] >= paying  # plus those who said so only in their narrative
    demanded = [sum(RATES.convert(Decimal(x["amount"]), x["currency"], "EUR") for x in r["demands"])
                for r in reports if r.get("demands")]
    assert s["money"]["demanded"]["reports"] == len(demanded)
    assert abs(Decimal(str(s["money"]["demanded"]["total"])) - sum(demanded)) <= Decimal("0.01") * len(demanded)
    minors = sum(1 for r in reports if r["victim"].get("age_band") in ("under-13", "13-15", "16-17"))
    assert s["minors"] >= minors


def _weekly(directory: Path, counts: list[int], start: datetime) -> Path:
    rows, i = [], 0
    for week, n in enumerate(counts):
        for j in range(n):
            rows.append(report(i, start + timedelta(weeks=week, hours=j % 100), platform_first_contact="facebook"))
            i += 1
    return write_fixture(directory, rows)


def test_a_spike_is_flagged_and_a_steady_week_is_not(tmp_path):
    start = datetime(2026, 1, 5, tzinfo=UTC)  # a Monday
    counts = [10, 12, 9, 11, 10, 12, 11, 10, 9, 11, 40, 11]
    con = connect(_weekly(tmp_path / "a", counts, start))
    now = start + timedelta(weeks=len(counts))
    found = spikes(con, now, weeks=4)
    assert [(a["start"], a["count"]) for a in found] == [((start + timedelta(weeks=10)).date().isoformat(), 40)]
    assert found[0]["basis"] == "recent"
    steady = connect(_weekly(tmp_path / "b", [10, 12, 9, 11, 10, 12, 11, 10, 9, 11, 13, 11], start))
    assert spikes(steady, now, weeks=4) == []


def test_seasonal_baseline_expects_a_yearly_peak(tmp_path):
    start = datetime(2024, 1, 1, tzinfo=UTC)
    counts = [10] * 156
    for year in range(3):
        counts[year * 52 + 30] = 60  # the same week every year
    con = connect(_weekly(tmp_path / "s", counts, start))
    now = start + timedelta(weeks=157)
    assert [a["count"] for a in spikes(con, now, weeks=40)] == []  # seasonal: expected in year 3


def test_new_destination_and_platform(tmp_path):
    reports = [report(1, d(2026, 1, 5), platform_first_contact="facebook"),
               report(2, d(2026, 3, 1), platform_first_contact="kik")]
    money = [{"id": 1, "report_id": "r1", "role": "payment", "amount": Decimal(1), "currency": "EUR",
              "method": "gift_card", "destination_country": "CI"},
             {"id": 2, "report_id": "r2", "role": "payment", "amount": Decimal(1), "currency": "EUR",
              "method": "gift_card", "destination_country": "PH"}]
    con = connect(write_fixture(tmp_path / "n", reports, money))
    found = {(a["kind"], a["value"]) for a in new_values(con, d(2026, 3, 10), days=28)}
    assert found == {("new_destination_country", "PH"), ("new_platform", "kik")}


def test_a_new_scam_script_is_one_alert_however_many_bands_it_has(tmp_path):
    """Script A: three recent reports sharing two bands (one alert). Script B: shared by an old
    report too (not new). Script C: two reports only (not yet news)."""
    reports = [report(i, d(2026, 3, 1 + i)) for i in range(1, 4)] + [report(4, d(2025, 6, 1)),
               report(5, d(2026, 3, 5)), report(6, d(2026, 3, 6)), report(7, d(2026, 3, 7))]
    directory = write_fixture(tmp_path / "s", reports)
    bands = [("r1", 11), ("r2", 11), ("r3", 11), ("r1", 12), ("r2", 12), ("r3", 12),
             ("r4", 21), ("r5", 21), ("r6", 21), ("r6", 31), ("r7", 31)]
    pq.write_table(pa.table({"report_id": [r for r, _ in bands], "band_key": [b for _, b in bands]},
                            schema=SCHEMAS["script_keys"]), directory / "script_keys.parquet")
    found = [a for a in new_values(connect(directory), d(2026, 3, 10), days=28) if a["kind"] == "new_script"]
    assert [(a["value"], a["reports"]) for a in found] == [(f"{11:016x}"[:12], 3)]


# --- CLI ------------------------------------------------------------------------------------------


def test_cli_json_has_the_promised_keys(settings, monkeypatch, tipline):
    from typer.testing import CliRunner

    from tipline import cli

    for sim in generate(15, seed=2):
        store_report(tipline, ReportIn.model_validate(sim.report), Source.import_)
    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    result = CliRunner().invoke(cli.app, ["stats", "--by", "month", "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    for key in ("total", "by_period", "by_age_band", "by_gender", "by_platform", "by_payment_method",
                "by_destination_country", "paid_share", "minor_share", "change"):
        assert key in out
    assert out["total"] == 15
    result = CliRunner().invoke(cli.app, ["stats", "--format", "csv"])
    assert result.exit_code == 0
    assert list(csv.reader(io.StringIO(result.stdout)))[1] == ["total", "", "15"]
    bad = CliRunner().invoke(cli.app, ["stats", "--since", "2026-13-01"])
    assert bad.exit_code == 2
    bad = CliRunner().invoke(cli.app, ["stats", "--since", "2026-02-01", "--until", "2026-01-01"])
    assert bad.exit_code == 2


# --- web ------------------------------------------------------------------------------------------


@pytest.fixture
def staff(client):
    client.app.dependency_overrides[current_principal] = lambda: Principal.for_role("user:t", Role.analyst)
    yield client
    client.app.dependency_overrides.clear()


def _fill(tipline, n=40, seed=5):
    for sim in generate(n, seed=seed):
        store_report(tipline, ReportIn.model_validate(sim.report), Source.import_)


def test_staff_pages_need_the_permission(client):
    # Without a session: sent to the sign-in page (401 for the JSON).
    r = client.get("/staff/statistics", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/staff/login")
    assert client.get("/staff/statistics.json", follow_redirects=False).status_code in (303, 401)
    client.app.dependency_overrides[current_principal] = lambda: Principal.for_role("user:p", Role.liaison)
    assert client.get("/staff/statistics").status_code == 403
    assert client.get("/staff/statistics/chart/reports.svg").status_code == 403
    client.app.dependency_overrides.clear()


def test_staff_dashboard_charts_and_data(staff, tipline):
    _fill(tipline)
    page = staff.get("/staff/statistics?by=quarter")
    assert page.status_code == 200
    assert 'id="total">40<' in page.text
    assert page.text.count('<figure class="chart"') == 11
    svg = staff.get("/staff/statistics/chart/age_band.svg?by=quarter")
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content
    png = staff.get("/staff/statistics/chart/reports.png")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    rows = list(csv.reader(io.StringIO(staff.get("/staff/statistics/data/gender.csv").text)))
    assert rows[0] == ["gender", "reports"] and sum(int(n) for _, n in rows[1:]) == 40
    assert staff.get("/staff/statistics.json").json()["total"] == 40
    assert staff.get("/staff/statistics/chart/nope.svg").status_code == 404
    bad = staff.get("/staff/statistics?by=decade")
    assert bad.status_code == 422
    assert staff.get("/staff/statistics?since=2026-02-01&until=2026-01-01").status_code == 422


def test_public_statistics_publish_no_small_cell(client, tipline):
    _fill(tipline, n=120, seed=9)
    doc = client.get("/api/v1/statistics.json").json()
    assert doc["threshold"] == 10 and doc["quarters"]
    for q in doc["quarters"]:
        if q["suppressed"]:
            assert q["total"] is None
            continue
        assert q["total"] >= 10
        for b in q["breakdowns"].values():
            assert all(n >= 10 for n in b["cells"].values())
            assert b["other"] is None or b["other"] >= 10
            assert sum(b["cells"].values()) + (b["other"] or 0) == q["total"]
    assert doc["total_published"] == sum(q["total"] for q in doc["quarters"] if not q["suppressed"])
    rows = list(csv.reader(io.StringIO(client.get("/api/v1/statistics.csv").text)))
    assert rows[0] == ["quarter", "measure", "category", "value"]
    assert all(float(v) >= 10 for _, m, _, v in rows[1:] if v and m not in ("paid_share", "minor_share")
               and "median" not in m and "_total_" not in m)
    page = client.get("/statistics")
    assert page.status_code == 200
    assert client.get("/statistics/chart/reports.svg").status_code == 200


def test_a_published_quarter_is_frozen(client, tipline):
    _fill(tipline, n=120, seed=9)
    first = client.get("/api/v1/statistics.json").json()
    _fill(tipline, n=30, seed=10)  # later imports, some back-dated into published quarters
    service = client.app.state.statistics
    service._current = None  # force a new snapshot
    second = client.get("/api/v1/statistics.json").json()
    old = {q["quarter"]: q for q in first["quarters"]}
    for q in second["quarters"]:
        if q["quarter"] in old:
            assert q == old[q["quarter"]]


def test_the_service_reuses_its_snapshot_until_it_is_old(tipline):
    from tipline.service.statistics import StatisticsService

    _fill(tipline, n=10, seed=1)
    service = StatisticsService(tipline, max_age=3600)
    assert service.dashboard(Query())["total"] == 10
    _fill(tipline, n=5, seed=2)
    assert service.dashboard(Query())["total"] == 10  # same snapshot, same figures
    assert service.dashboard(Query(by="year"))["total"] == 10
    fresh = StatisticsService(tipline, max_age=0)
    first = fresh.snapshot()
    assert fresh.dashboard(Query())["total"] == 15
    second = fresh.snapshot()
    third = fresh.snapshot()
    assert first != second and not first.exists() and second.exists() and third.exists()


def test_public_chart_data_as_csv(client, tipline):
    _fill(tipline, n=120, seed=9)
    doc = client.get("/api/v1/statistics.json").json()
    rows = list(csv.reader(io.StringIO(client.get("/statistics/data/reports.csv").text)))
    assert rows[0] == ["quarter", "reports"]
    assert [r[0] for r in rows[1:]] == [q["quarter"] for q in doc["quarters"]]
    assert all(r[1] == "" or int(r[1]) >= 10 for r in rows[1:])
    rows = list(csv.reader(io.StringIO(client.get("/statistics/data/age_band.csv").text)))
    assert all(int(n) >= 10 for _, _, n in rows[1:])
    assert client.get("/statistics/data/flows.csv").status_code == 404


def test_networks_active_counts_networks_with_a_report_in_range(tmp_path):
    """Two networks of two reports; one has a report in range. A one-report network is not one."""
    directory = write_fixture(tmp_path / "snap", [
        report(1, d(2026, 1, 10)), report(2, d(2026, 3, 10)), report(3, d(2025, 6, 1)), report(4, d(2025, 6, 2)),
        report(5, d(2026, 2, 1))])

    pq.write_table(pa.table({"report_id": ["r1", "r2", "r3", "r4", "r5"],
                             "network_id": ["N1", "N1", "N2", "N2", "N3"]}, schema=SCHEMAS["network_reports"]),
                   directory / "network_reports.parquet")
    con = connect(directory)
    assert compute(con, Query(since=d(2026, 1, 1), until=d(2027, 1, 1), by="month"), RATES, "EUR"
                   )["networks_active"] == 1
    assert compute(con, Query(by="month"), RATES, "EUR")["networks_active"] == 2
