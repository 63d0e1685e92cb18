"""Retention and erasure: `tipline purge`, the reporter's erasure request (API and page); what is
erased, what is kept, and that nothing else is touched (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import select, update
from typer.testing import CliRunner

from tipline.cli import app as cli
from tipline.config import Settings, get_settings
from tipline.domain.enums import Source
from tipline.domain.report import FollowUpIn, ReportIn
from tipline.service import retention
from tipline.service.context import Tipline
from tipline.service.intake import add_follow_up, store_report
from tipline.service.reextract import reextract
from tipline.service.transfer import export_records, import_lines
from tipline.store import audit, reports
from tipline.store.tables import AuditRow, FollowUpRow, MoneyRow, ReportIdentifierRow, ReportRow

NOW = datetime.now(UTC)
CONTENT_COLUMNS = {"key_id", "body", "token_hash", "idempotency_key", "erased_at"}


def make(app: Tipline, days_ago: int, narrative: str = "She recorded me and asks for 500 euros.",
         status: str = "new") -> tuple[str, str, object]:
    """A report received ``days_ago`` (an import keeps its date); (reference, token, id)."""
    stored = store_report(app, ReportIn.model_validate({
        "received_at": (NOW - timedelta(days=days_ago)).isoformat(),
        "victim": {"age_band": "16-17", "country": "CA", "age": 16},
        "contact": {"email": "child@example.org", "phone": "+1 613 555 0199"},
        "incident": {"platform_first_contact": "instagram", "recorded_on_webcam": True},
        "narrative": f"{narrative} Her WhatsApp is +225 07 58 12 34 56.",
        "payments": [{"amount": "200", "currency": "CAD", "method": "western_union", "destination_country": "CI",
                      "recipient_name": "Kouassi Yao Serge"}],
        "wellbeing": {"thoughts_of_self_harm": True},
        "scammer_identifiers": [{"kind": "instagram", "value": "awa_official"}],
    }), Source.import_)
    with app.db.write() as s:
        s.execute(update(ReportRow).where(ReportRow.id == stored.id).values(status=status))
    return stored.reference, stored.token, stored.id


def state(app: Tipline) -> dict:
    """Every row that erasure may touch, as plain values, by table and id."""
    out: dict = {}
    with app.db.read() as s:
        for table in (ReportRow, FollowUpRow, MoneyRow, ReportIdentifierRow):
            for row in s.execute(select(table.__table__)).mappings():
                key = (table.__tablename__, tuple(row[c.name] for c in table.__table__.primary_key))
                out[key] = dict(row)
    return out


def assert_only_erased(before: dict, after: dict, erased_ids: set) -> None:
    """Rows of other reports are byte for byte the same; the erased ones changed only in content."""
    assert before.keys() == after.keys()  # no row added or deleted: statistics keep their counts
    for key, old in before.items():
        new = after[key]
        report_id = old.get("report_id", old.get("id") if key[0] == "reports" else None)
        if report_id not in erased_ids:
            assert new == old, key
            continue
        changed = {c for c in old if old[c] != new[c]}
        allowed = {"reports": CONTENT_COLUMNS, "follow_ups": {"key_id", "body"}, "report_identifiers": {"raw"},
                   "money": set()}[key[0]]
        assert changed <= allowed, (key, changed - allowed)


def erased_properly(app: Tipline, report_id) -> None:
    with app.db.read() as s:
        row = s.get(ReportRow, report_id)
        assert row.erased_at is not None and row.body == b"" and row.key_id == "" and row.token_hash == ""
        assert reports.report_body(app.keys, row) == {}
        for fu in reports.follow_ups(s, report_id):
            assert fu.body == b"" and reports.follow_up_body(app.keys, fu) == {}
        links = s.execute(select(ReportIdentifierRow).where(ReportIdentifierRow.report_id == report_id)).scalars()
        assert all(link.raw is None for link in links)
        # The de-identified part stays: categories, flags, money, the scammers' identifiers.
        assert row.victim_age_band == "16-17" and row.minor and row.self_harm
        assert row.platform_first_contact == "instagram"
        kept = {i.value for i, _ in reports.identifiers_of(s, report_id)}
        assert kept >= {"+2250758123456", "instagram:awa_official"}
        assert s.execute(select(MoneyRow.recipient_name).where(MoneyRow.report_id == report_id)).scalar() \
            == "Kouassi Yao Serge"


# --- on request ------------------------------------------------------------------------------------


def test_a_reporter_erases_their_report_and_nothing_else_changes(tipline):
    ref, token, rid = make(tipline, 3)
    other_ref, other_token, _ = make(tipline, 2)
    assert add_follow_up(tipline, ref, FollowUpIn(token=token, text="He is back on Telegram @awa_back")) is not None
    assert add_follow_up(tipline, other_ref, FollowUpIn(token=other_token, text="Nothing new")) is not None
    before = state(tipline)
    done = retention.request_erasure(tipline, ref.lower(), token)
    assert done is not None and done[0] == ref
    erased_properly(tipline, rid)
    assert_only_erased(before, state(tipline), {rid})
    # The token no longer opens the report: no follow-up, no second erasure.
    assert add_follow_up(tipline, ref, FollowUpIn(token=token, text="again")) is None
    assert retention.request_erasure(tipline, ref, token) is None
    with tipline.db.read() as s:
        assert audit.verify(s) == []
        event = s.execute(select(AuditRow).where(AuditRow.action == "report.erased")).scalar_one()
    assert event.object_id == str(rid) and event.details == {"reason": "request", "follow_ups": 1}


def test_a_wrong_code_or_token_erases_nothing(tipline):
    ref, token, _ = make(tipline, 1)
    before = state(tipline)
    assert retention.request_erasure(tipline, ref, "AAAAA-BBBBB-CCCCC-DDDDD") is None
    assert retention.request_erasure(tipline, "TL-2222-3333", token) is None
    assert retention.request_erasure(tipline, "nonsense", token) is None
    assert state(tipline) == before


def test_an_erased_report_is_exported_without_content_and_not_reextracted(tipline):
    ref, token, _ = make(tipline, 1)
    retention.request_erasure(tipline, ref, token)
    record = next(r for r in export_records(tipline) if r["reference"] == ref)
    assert "erased_at" in record and "narrative" not in record and "contact" not in record
    assert {i["value"] for i in record["extracted"]["identifiers"]} >= {"instagram:awa_official"}
    # Imported elsewhere, an erased report is not brought back (nor counted as a failure).
    lines = [json.dumps(r, default=str) for r in export_records(tipline)]
    assert import_lines(tipline, lines).erased == 1
    before = state(tipline)
    assert reextract(tipline, stale_only=False).failed == []
    assert {k: v for k, v in state(tipline).items() if k[0] == "report_identifiers"} == \
        {k: v for k, v in before.items() if k[0] == "report_identifiers"}


def test_sqlite_keeps_no_copy_of_an_erased_ciphertext(tipline):
    if tipline.db.dialect != "sqlite":
        pytest.skip("SQLite's file and -wal; PostgreSQL's dead rows wait for VACUUM (documented)")
    # A long story spills into overflow pages, which erasure frees: they must be zeroed, not left.
    ref, token, rid = make(tipline, 1, narrative="She recorded me. " * 3000)
    with tipline.db.read() as s:
        body = s.get(ReportRow, rid).body
    path = Path(tipline.db.url.removeprefix("sqlite:///"))
    raw = lambda: b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())  # noqa: E731
    pieces = [body[i:i + 32] for i in range(0, len(body) - 32, 4096)]
    assert len(pieces) > 10 and all(p in raw() for p in pieces)
    tipline.db.scrub()  # an automatic checkpoint has moved the report into the main file
    assert all(p in path.read_bytes() for p in pieces)
    retention.request_erasure(tipline, ref, token)
    assert [p for p in pieces if p in raw()] == []


# --- the API -------------------------------------------------------------------------------------


def test_the_api_erases_with_code_and_token(client, tipline, example):
    receipt = client.post("/api/v1/reports", json=example).json()
    ref, token = receipt["reference"], receipt["follow_up_token"]
    r = client.post(f"/api/v1/reports/{ref}/erasure", json={"token": token})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["reference"] == ref and "scammers' accounts" in " ".join(body["kept"])
    with tipline.db.read() as s:
        assert reports.by_ref(s, ref).erased_at is not None
    follow_up = client.post(f"/api/v1/reports/{ref}/follow-ups", json={"token": token, "text": "again"})
    again = client.post(f"/api/v1/reports/{ref}/erasure", json={"token": token})
    hashes = client.post(f"/api/v1/reports/{ref}/hashes",
                         json={"token": token, "hashes": [{"signal_type": "md5", "value": "0" * 32}]})
    assert follow_up.status_code == again.status_code == hashes.status_code == 404
    assert again.json()["detail"] == follow_up.json()["detail"]


def test_the_api_answers_a_wrong_code_or_token_like_follow_ups(client, tipline, example):
    receipt = client.post("/api/v1/reports", json=example).json()
    ref, token = receipt["reference"], receipt["follow_up_token"]
    before = state(tipline)
    for code, secret in ((ref, "AAAAA-BBBBB-CCCCC-DDDDD"), ("TL-2222-3333", token), ("nonsense", token)):
        erasure = client.post(f"/api/v1/reports/{code}/erasure", json={"token": secret})
        follow_up = client.post(f"/api/v1/reports/{code}/follow-ups", json={"token": secret, "text": "x"})
        assert erasure.status_code == follow_up.status_code == 404
        assert erasure.json() == follow_up.json()
        assert erasure.headers["content-type"] == "application/problem+json"
    assert state(tipline) == before


@pytest.mark.parametrize("body, field", [
    ({}, "token"),
    ({"token": ""}, "token"),
    ({"token": "A" * 201}, "token"),
    ({"token": 12345}, "token"),
    ({"token": "AAAAA", "narrative": "x"}, "narrative"),
])
def test_bad_erasure_requests_get_field_errors_and_change_nothing(client, tipline, example, body, field):
    ref = client.post("/api/v1/reports", json=example).json()["reference"]
    before = state(tipline)
    r = client.post(f"/api/v1/reports/{ref}/erasure", json=body)
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert field in {e["field"] for e in r.json()["errors"]}
    assert state(tipline) == before


def test_the_erasure_endpoint_is_in_the_openapi_spec(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "post" in spec["paths"]["/api/v1/reports/{reference}/erasure"]


# --- the page ------------------------------------------------------------------------------------


def _csrf(html: str) -> str:
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)


def post_erase(client, values: dict, lang: str = "en"):
    page = client.get("/erase", params={"lang": lang})
    return client.post("/erase", data={"_csrf": _csrf(page.text), "_lang": lang, **values})


def test_the_page_says_what_is_kept_and_erases_after_confirmation(client, tipline):
    ref, token, rid = make(tipline, 1)
    page = client.get("/erase", params={"lang": "fr"}).text
    assert "Ce qui est conservé" in page and 'for="f-confirm"' in page and 'for="f-token"' in page
    assert 'href="/erase"' in client.get("/follow-up").text
    unconfirmed = post_erase(client, {"reference": ref, "token": token}, lang="fr")
    assert unconfirmed.status_code == 422 and "Cochez cette case" in unconfirmed.text
    assert 'id="f-confirm" name="confirm" value="yes" aria-describedby="f-confirm-error"' in unconfirmed.text
    assert token in unconfirmed.text and ref in unconfirmed.text  # typed values come back
    r = post_erase(client, {"reference": ref, "token": token, "confirm": "yes"}, lang="fr")
    assert r.status_code == 200 and "Votre signalement a été effacé" in r.text and ref in r.text
    erased_properly(tipline, rid)


def test_the_page_refuses_without_csrf_or_with_a_wrong_token_and_erases_nothing(client, tipline):
    ref, token, _ = make(tipline, 1)
    before = state(tipline)
    r = client.post("/erase", data={"reference": ref, "token": token, "confirm": "yes"})
    assert r.status_code == 400
    wrong = post_erase(client, {"reference": ref, "token": "AAAAA-BBBBB-CCCCC-DDDDD", "confirm": "yes"})
    assert wrong.status_code == 404 and "reference code and follow-up token" in wrong.text
    empty = post_erase(client, {})
    assert empty.status_code == 422
    for name in ("reference", "token", "confirm"):
        assert f'id="f-{name}-error"' in empty.text
    assert state(tipline) == before


# --- retention ------------------------------------------------------------------------------------


def test_purge_erases_what_is_past_retention_and_only_that(tipline):
    tipline.settings.retention_days = {**tipline.settings.retention_days, "new": 30, "closed": 10,
                                       "referred": None}
    old_new = make(tipline, 40, status="new")[2]
    young_new = make(tipline, 20, status="new")[2]
    old_closed = make(tipline, 11, status="closed")[2]
    old_referred = make(tipline, 4000, status="referred")[2]  # never
    ref, token, revived = make(tipline, 40, status="new")
    add_follow_up(tipline, ref, FollowUpIn(token=token, text="He came back"))  # recent activity: kept
    before = state(tipline)
    dry = retention.purge(tipline, dry_run=True)
    assert dry.erased == {"new": 1, "closed": 1} and state(tipline) == before
    result = retention.purge(tipline, batch=1)
    assert result.erased == {"new": 1, "closed": 1}
    for rid in (old_new, old_closed):
        erased_properly(tipline, rid)
    assert_only_erased(before, state(tipline), {old_new, old_closed})
    with tipline.db.read() as s:
        for rid in (young_new, old_referred, revived):
            assert s.get(ReportRow, rid).erased_at is None
    # Idempotent: nothing left to do, nothing changes (one more summary event only).
    after = state(tipline)
    assert retention.purge(tipline).total == 0 and state(tipline) == after
    with tipline.db.read() as s:
        assert audit.verify(s) == []
        summary = s.execute(select(AuditRow.details).where(AuditRow.action == "retention.purged")
                            .order_by(AuditRow.id)).scalars().all()
    assert summary == [{"erased": {"new": 1, "closed": 1}, "follow_ups": 0}, {"erased": {}, "follow_ups": 0}]


def test_the_purge_command(settings, tipline, monkeypatch):
    make(tipline, 400, status="closed")
    make(tipline, 10, status="closed")
    monkeypatch.setenv("TIPLINE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("TIPLINE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("TIPLINE_SECRET_KEY", settings.secret_key)
    monkeypatch.setenv("TIPLINE_RETENTION_DAYS", "closed=365")
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        dry = runner.invoke(cli, ["purge", "--dry-run"], catch_exceptions=False)
        assert dry.exit_code == 0 and "closed\t1\t(after 365 days)" in dry.stdout and "would erase" in dry.stderr
        with tipline.db.read() as s:
            assert s.execute(select(ReportRow.erased_at).where(ReportRow.erased_at.is_not(None))).first() is None
        done = runner.invoke(cli, ["purge"], catch_exceptions=False)
        assert done.exit_code == 0 and "erased the personal data of 1 reports" in done.stderr
        again = runner.invoke(cli, ["purge"], catch_exceptions=False)
        assert "of 0 reports" in again.stderr
    finally:
        get_settings.cache_clear()


def test_staff_erase_one_report_by_its_code(settings, tipline, monkeypatch):
    ref, _, rid = make(tipline, 1)
    _, _, other = make(tipline, 1)
    before = state(tipline)
    monkeypatch.setenv("TIPLINE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("TIPLINE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("TIPLINE_SECRET_KEY", settings.secret_key)
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        dry = runner.invoke(cli, ["purge", "--dry-run", "--report", ref.lower()], catch_exceptions=False)
        assert dry.exit_code == 0 and f"{ref.lower()}\twould be erased" in dry.stdout
        assert state(tipline) == before
        done = runner.invoke(cli, ["purge", "--report", ref, "--report", "TL-2222-3333"], catch_exceptions=False)
        assert done.exit_code == 1  # one code named no report
        assert f"{ref}\terased" in done.stdout and "TL-2222-3333\tno such report" in done.stdout
        again = runner.invoke(cli, ["purge", "--report", ref], catch_exceptions=False)
        assert again.exit_code == 0 and "already erased" in again.stdout
    finally:
        get_settings.cache_clear()
    erased_properly(tipline, rid)
    assert_only_erased(before, state(tipline), {rid})
    with tipline.db.read() as s:
        assert s.get(ReportRow, other).erased_at is None
        reasons = s.execute(select(AuditRow.details).where(AuditRow.action == "report.erased")).scalars().all()
    assert reasons == [{"reason": "staff", "follow_ups": 0}]


@pytest.mark.parametrize("value, message", [
    ("clsed=30", "not a case status"),
    ("closed=0", "at least 1 day"),
    ("closed=soon", "whole number"),
    ("closed", "status=days"),
    ("{broken", "not valid JSON"),
])
def test_bad_retention_settings_are_refused_clearly(monkeypatch, value, message):
    monkeypatch.setenv("TIPLINE_RETENTION_DAYS", value)
    with pytest.raises(ValidationError, match=message):
        Settings()


def test_retention_settings_merge_with_the_defaults(monkeypatch):
    monkeypatch.setenv("TIPLINE_RETENTION_DAYS", "closed=90, new=never")
    days = Settings().retention_days
    assert days["closed"] == 90 and days["new"] is None and days["referred"] == 1095
