"""Hypothesis fuzzes the report body: whatever arrives, the answer is never a 5xx."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipline.web.app import create_app

JSON = {"content-type": "application/json"}
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=40))
anything = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)), max_leaves=8)


def plausible(strategy_for_valid):
    """Usually a value of the right shape, sometimes anything at all."""
    return st.one_of(strategy_for_valid, anything)


amounts = st.one_of(st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
                    st.sampled_from(["800", "1,50", "1 500", "-1", "0", "1e9999", "١٢٣"]))
dates = st.one_of(st.datetimes(timezones=st.none()).map(lambda d: d.isoformat()),
                  st.sampled_from(["2026-13-45T00:00:00Z", "2999-01-01T00:00:00Z", "now", ""]))
money = st.fixed_dictionaries({"amount": plausible(amounts), "currency": plausible(st.sampled_from(
    ["CAD", "XOF", "cad", "ZZZ", "€"]))}, optional={
    "method": plausible(st.sampled_from(["western_union", "moneygram", "bogus"])),
    "destination_country": plausible(st.sampled_from(["CI", "sn", "UK", "ZZ", ""])),
    "recipient_name": plausible(st.text(max_size=60)),
    "reference": plausible(st.text(max_size=30)),
    "paid_at": plausible(dates)})
identifier = st.fixed_dictionaries({
    "kind": plausible(st.sampled_from(["phone", "email", "profile_url", "skype", "crypto", "iban", "other", "nope"])),
    "value": plausible(st.text(max_size=80))}, optional={"platform": plausible(st.sampled_from(["kik", "x", "no"]))})
report = st.fixed_dictionaries({}, optional={
    "external_id": plausible(st.text(max_size=20)),
    "received_at": plausible(dates),
    "source": plausible(st.sampled_from(["web", "api", "import", "partner", "fax"])),
    "language": plausible(st.sampled_from(["fr", "en", "xx", "FR"])),
    "reporter_role": plausible(st.sampled_from(["victim", "parent_guardian", "alien"])),
    "victim": plausible(st.fixed_dictionaries({}, optional={
        "age_band": plausible(st.sampled_from(["13-15", "21-30", "old"])),
        "age": plausible(st.integers(-5, 200)),
        "gender": plausible(st.sampled_from(["man", "woman", "x"])),
        "country": plausible(st.sampled_from(["CA", "fr", "UK", "ZZ"]))})),
    "incident": plausible(st.fixed_dictionaries({}, optional={
        "first_contact_at": plausible(dates), "deadline": plausible(dates),
        "platform_first_contact": plausible(st.sampled_from(["facebook", "snapchat", "myspace"])),
        "platforms_moved_to": plausible(st.lists(st.sampled_from(["skype", "bad"]), max_size=3)),
        "images_already_shared": plausible(st.sampled_from([True, False, "unknown", "maybe"]))})),
    "demands": plausible(st.lists(money, max_size=2)),
    "payments": plausible(st.lists(money, max_size=2)),
    "scammer_identifiers": plausible(st.lists(identifier, max_size=3)),
    "narrative": plausible(st.text(max_size=300)),
    "chat_log": plausible(st.text(max_size=100)),
    "wellbeing": plausible(st.fixed_dictionaries({}, optional={
        "thoughts_of_self_harm": plausible(st.sampled_from([True, False, "unknown"]))})),
})


@pytest.fixture
def fuzz_client(tipline):
    with TestClient(create_app(tipline=tipline), raise_server_exceptions=False) as c:
        yield c


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(report, anything))
def test_no_report_body_gives_a_server_error(fuzz_client, body):
    r = fuzz_client.post("/api/v1/reports", content=json.dumps(body), headers=JSON)
    assert r.status_code in (201, 409, 422), (r.status_code, r.text)
    if r.status_code == 422:
        assert r.json()["errors"], r.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=anything, reference=st.text(min_size=1, max_size=20))
def test_no_follow_up_body_gives_a_server_error(fuzz_client, body, reference):
    url = f"/api/v1/reports/{quote(reference, safe='')}/follow-ups"
    r = fuzz_client.post(url, content=json.dumps(body), headers=JSON)
    assert r.status_code in (404, 405, 422), (r.status_code, r.text)
