"""The public intake API: reports, follow-ups, and every kind of bad input."""

from __future__ import annotations

import copy
import json
import re

import pytest
from sqlalchemy import func, select

from tipline.security.codes import REF_RE
from tipline.service import reading
from tipline.service.context import Tipline
from tipline.store import tables

TABLES = (tables.ReportRow, tables.FollowUpRow, tables.MoneyRow, tables.IdentifierRow,
          tables.ReportIdentifierRow, tables.AuditRow, tables.CaseRow)


def counts(tipline: Tipline) -> dict[str, int]:
    with tipline.db.read() as s:
        return {t.__tablename__: s.execute(select(func.count()).select_from(t)).scalar_one() for t in TABLES}


def post(client, body, **kw):
    return client.post("/api/v1/reports", json=body, **kw)


def test_a_report_is_received_with_code_token_guidance_and_identifiers(client, tipline, example):
    r = post(client, example)
    assert r.status_code == 201, r.text
    data = r.json()
    assert REF_RE.fullmatch(data["reference"])
    assert len(data["follow_up_token"].replace("-", "")) == 20
    assert r.headers["location"].endswith(data["reference"])
    values = {i["value"] for i in data["identifiers"]}
    assert {"+2250758123456", "facebook:id:100089231234567", "skype:live:.cid.4f1a9b2c3d",
            "wu:4821093375"} <= values
    assert any(i["kind"] == "transfer_recipient" and i["country"] == "CI" for i in data["identifiers"])
    step_ids = [s["id"] for s in data["guidance"]["steps"]]
    assert "stop_paying" in step_ids  # 800 CAD already paid in the example
    assert data["guidance"]["language"] == "fr"
    assert data["read"] is False  # the API answers first; the reader reads the narrative and chat log
    c = counts(tipline)
    assert c["reports"] == 1 and c["money"] == 2 and c["audit_events"] == 1 and c["cases"] == 1
    assert c["report_identifiers"] == 0
    assert reading.read_pending(tipline) == 1
    assert counts(tipline)["report_identifiers"] >= 5
    assert reading.unread(tipline) == []


def test_the_token_is_stored_only_as_a_hash_and_the_narrative_encrypted(client, tipline, example):
    data = post(client, example).json()
    with tipline.db.read() as s:
        row = s.execute(select(tables.ReportRow)).scalar_one()
    token = data["follow_up_token"]
    assert token not in row.token_hash and token.replace("-", "") not in row.token_hash
    assert b"Kouassi" not in row.body and b"Awa" not in row.body and b"victime@" not in row.body


def test_the_minimum_is_a_narrative_or_one_identifier(client, tipline):
    r = post(client, {"victim": {"country": "CA"}})
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "narrative" in r.json()["errors"][0]["message"]
    assert post(client, {"narrative": "Il me menace de publier la vidéo."}).status_code == 201
    assert post(client, {"scammer_identifiers": [{"kind": "phone", "value": "+221 77 123 45 67"}]}
                ).status_code == 201
    assert counts(tipline)["reports"] == 2


BAD_INPUTS = [
    # (change to the example, the field the error must name)
    (lambda b: b["victim"].update(gender="robot"), "victim.gender"),
    (lambda b: b.update(reporter_role="neighbour"), "reporter_role"),
    (lambda b: b["incident"].update(platform_first_contact="myspace2"), "incident.platform_first_contact"),
    (lambda b: b["payments"][0].update(method="carrier_pigeon"), "payments[0].method"),
    (lambda b: b["scammer_identifiers"][0].update(kind="fingerprint"), "scammer_identifiers[0].kind"),
    (lambda b: b["demands"][0].update(amount="15OO"), "demands[0].amount"),
    (lambda b: b["demands"][0].update(amount="-20"), "demands[0].amount"),
    (lambda b: b["demands"][0].update(amount="1,500"), "demands[0].amount"),
    (lambda b: b["payments"][0].update(amount=True), "payments[0].amount"),
    (lambda b: b["payments"][0].update(currency="CAN"), "payments[0].currency"),
    (lambda b: b["demands"][0].update(currency="dollars"), "demands[0].currency"),
    (lambda b: b["victim"].update(country="XX"), "victim.country"),
    (lambda b: b["payments"][0].update(destination_country="Ivory Coast"), "payments[0].destination_country"),
    (lambda b: b["payments"][0].update(paid_at="2999-01-01T00:00:00Z"), "payments[0].paid_at"),
    (lambda b: b["incident"].update(first_contact_at="2999-05-01T10:00:00Z"), "incident.first_contact_at"),
    (lambda b: b["incident"].update(first_contact_at="yesterday"), "incident.first_contact_at"),
    (lambda b: b.update(victim="a man of 25"), "victim"),
    (lambda b: b.update(demands={"amount": "1"}), "demands"),
    (lambda b: b.update(narrative=["a", "list"]), "narrative"),
    (lambda b: b["victim"].update(age="twenty"), "victim.age"),
    (lambda b: b.update(language="french"), "language"),
    (lambda b: b.update(unexpected_field=1), "unexpected_field"),
    (lambda b: b["incident"].update(profile_pictures=["f" * 63]), "incident.profile_pictures[0]"),
    (lambda b: b["incident"].update(profile_pictures=["a" * 64, "g" * 64]), "incident.profile_pictures[1]"),
    (lambda b: b["incident"].update(profile_pictures=["a" * 64] * 21), "incident.profile_pictures"),
]


@pytest.mark.parametrize(("change", "field"), BAD_INPUTS)
def test_bad_input_names_the_field_and_stores_nothing(client, tipline, example, change, field):
    body = copy.deepcopy(example)
    change(body)
    r = post(client, body)
    assert r.status_code == 422, r.text
    problem = r.json()
    assert problem["status"] == 422 and problem["title"] and problem["type"] == "about:blank"
    assert field in {e["field"] for e in problem["errors"]}, problem
    assert all(v == 0 for v in counts(tipline).values())


def test_several_bad_fields_are_all_named(client, example):
    body = copy.deepcopy(example)
    body["victim"]["country"] = "ZZ"
    body["payments"][0]["currency"] = "ABC"
    fields = {e["field"] for e in post(client, body).json()["errors"]}
    assert {"victim.country", "payments[0].currency"} <= fields


PDQ = "f8f8f0cee0f4a84f06370a32038f2f8fc04b8c0f8d18b8f31ed83e5f0bd4f0c1"


def test_a_profile_pictures_hash_is_stored_as_an_identifier_never_the_image(client, tipline, example):
    body = copy.deepcopy(example)
    body["incident"]["profile_pictures"] = [PDQ.upper()]
    data = post(client, body).json()
    assert {"kind": "picture", "value": "pdq:" + PDQ} in [{"kind": i["kind"], "value": i["value"]}
                                                          for i in data["identifiers"]]
    assert reading.read_pending(tipline) == 1  # identifiers are stored by the reader, after the answer
    with tipline.db.read() as s:
        row = s.execute(select(tables.IdentifierRow).where(tables.IdentifierRow.kind == "picture")).scalar_one()
        link = s.execute(select(tables.ReportIdentifierRow).where(
            tables.ReportIdentifierRow.identifier_id == row.id)).scalar_one()
    assert row.value == "pdq:" + PDQ and link.source == "form"


def test_malformed_json_is_422(client, tipline):
    r = client.post("/api/v1/reports", content=b'{"narrative": "x"', headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert counts(tipline)["reports"] == 0


def test_a_body_over_one_megabyte_is_413(client, tipline):
    r = post(client, {"narrative": "x" * 1_100_000})
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("application/problem+json")
    assert counts(tipline)["reports"] == 0


def test_a_chunked_body_over_the_limit_is_413(client, tipline):
    def chunks():
        yield b'{"narrative": "'
        for _ in range(12):
            yield b"y" * 100_000
        yield b'"}'

    r = client.post("/api/v1/reports", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert counts(tipline)["reports"] == 0


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_wrong_content_type_is_415(client, tipline, content_type):
    headers = {"content-type": content_type} if content_type else {}
    r = client.post("/api/v1/reports", content=b'{"narrative": "x"}', headers=headers)
    assert r.status_code == 415
    assert counts(tipline)["reports"] == 0


def test_follow_up_with_the_token_appends_and_never_overwrites(client, tipline, example):
    receipt = post(client, example).json()
    ref, token = receipt["reference"], receipt["follow_up_token"]
    before = counts(tipline)
    r = client.post(f"/api/v1/reports/{ref.lower()}/follow-ups", json={
        "token": token.lower(),
        "text": "Il m'a recontacté avec un nouveau numéro.",
        "scammer_identifiers": [{"kind": "phone", "value": "+221 77 123 45 67"}],
        "payments": [{"amount": "200", "currency": "CAD", "method": "moneygram", "reference": "12345678"}],
    })
    assert r.status_code == 201, r.text
    assert {i["value"] for i in r.json()["identifiers"]} >= {"+221771234567", "mg:12345678"}
    after = counts(tipline)
    assert after["follow_ups"] == 1 and after["reports"] == 1
    assert after["money"] == before["money"] + 1
    exported = client.app.state.tipline  # the original document is untouched
    from tipline.service.transfer import export_records

    record = next(export_records(exported))
    assert record["narrative"] == example["narrative"]
    assert record["follow_ups"][0]["text"].startswith("Il m'a recontacté")
    assert "token" not in record["follow_ups"][0]


def test_a_wrong_token_or_code_is_404_and_indistinguishable(client, tipline, example):
    receipt = post(client, example).json()
    wrong_token = client.post(f"/api/v1/reports/{receipt['reference']}/follow-ups",
                              json={"token": "AAAAA-BBBBB-CCCCC-DDDDD", "text": "x"})
    wrong_code = client.post("/api/v1/reports/TL-2222-2222/follow-ups",
                             json={"token": receipt["follow_up_token"], "text": "x"})
    garbage_code = client.post("/api/v1/reports/not-a-code/follow-ups",
                               json={"token": receipt["follow_up_token"], "text": "x"})
    assert wrong_token.status_code == wrong_code.status_code == garbage_code.status_code == 404
    assert wrong_token.json() == wrong_code.json() == garbage_code.json()
    assert counts(tipline)["follow_ups"] == 0


def test_a_bad_follow_up_stores_nothing(client, tipline, example):
    receipt = post(client, example).json()
    before = counts(tipline)
    r = client.post(f"/api/v1/reports/{receipt['reference']}/follow-ups", json={
        "token": receipt["follow_up_token"],
        "payments": [{"amount": "200", "currency": "ZZZ"}]})
    assert r.status_code == 422
    assert "payments[0].currency" in {e["field"] for e in r.json()["errors"]}
    assert counts(tipline) == before


def test_duplicate_external_id_is_409(client, tipline, example):
    assert post(client, example).status_code == 201
    r = post(client, example)
    assert r.status_code == 409
    assert counts(tipline)["reports"] == 1


def test_public_intake_is_rate_limited_per_address(settings):
    from fastapi.testclient import TestClient

    from tipline.web.app import create_app

    settings = settings.model_copy(update={"rate_limit": "3/minute"})
    with TestClient(create_app(settings)) as c:
        codes = [c.post("/api/v1/reports", json={"narrative": f"n{i}"}).status_code for i in range(4)]
        assert codes == [201, 201, 201, 429]
        r = c.post("/api/v1/reports", json={"narrative": "again"})
        assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 60
        assert r.headers["content-type"].startswith("application/problem+json")
        # another address is not affected
        other = TestClient(create_app(settings), client=("203.0.113.9", 5000))
        with other:
            assert other.post("/api/v1/reports", json={"narrative": "other"}).status_code == 201


def test_reports_survive_a_restart(settings, example):
    from fastapi.testclient import TestClient

    from tipline.web.app import create_app

    with TestClient(create_app(settings)) as c:
        refs = [c.post("/api/v1/reports", json={**example, "external_id": f"e{i}"}).json()["reference"]
                for i in range(3)]
    again = Tipline.open(settings)
    with again.db.read() as s:
        stored = set(s.execute(select(tables.ReportRow.ref)).scalars())
    again.close()
    assert stored == set(refs)


def test_openapi_is_served_and_names_the_intake(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/reports" in spec["paths"]
    assert "/api/v1/reports/{reference}/follow-ups" in spec["paths"]
    assert "422" in spec["paths"]["/api/v1/reports"]["post"]["responses"]


def test_health_names_the_database_at_the_newest_migration(client, tipline):
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(tipline.db.alembic_config()).get_current_head()
    data = client.get("/api/v1/health").json()
    assert data == {"status": "ok", "database": tipline.db.dialect, "schema_revision": head}
    assert head is not None


def test_problem_bodies_never_echo_the_narrative(client):
    secret = "MySecretNarrative" * 3
    r = post(client, {"narrative": secret, "victim": {"country": "ZZ"}})
    assert r.status_code == 422
    assert secret not in json.dumps(r.json())


def test_reference_codes_are_unambiguous(client):
    refs = {post(client, {"narrative": f"r{i}"}).json()["reference"] for i in range(30)}
    assert len(refs) == 30
    assert not any(re.search(r"[01ILOU]", ref[3:]) for ref in refs)


def test_a_retried_post_with_the_same_idempotency_key_is_stored_once(client, tipline):
    body = {"narrative": "Il menace d'envoyer la vidéo à ma famille."}
    first = post(client, body, headers={"Idempotency-Key": "retry-key-0001"})
    again = post(client, body, headers={"Idempotency-Key": "retry-key-0001"})
    other = post(client, body, headers={"Idempotency-Key": "retry-key-0002"})
    assert first.status_code == 201 and other.status_code == 201
    assert again.status_code == 409 and again.json()["reference"] == first.json()["reference"]
    assert "follow_up_token" not in again.json()
    assert counts(tipline)["reports"] == 2
    assert post(client, body, headers={"Idempotency-Key": "short"}).status_code == 422
