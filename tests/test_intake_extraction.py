"""Extraction wired into intake: texts are read, linked with their source, and can be re-read."""

from __future__ import annotations

import json

from sqlalchemy import select, update

from tipline.service import reading
from tipline.store import reports
from tipline.store.tables import IdentifierRow, ReportIdentifierRow, ReportRow

NARRATIVE = ("Une fille m'a ajouté sur insta puis skype, elle m'a filmé. Elle veut 1500$ par western union "
             "au nom de Kouassi Yao a Abidjan sinon elle envoie la video a mes amis. "
             "Son whatsapp: +225 07 58 12 34 56")
CHAT = "[19:42] Awa: paie avant ce soir sinon tout le monde verra\n[19:43] Awa: mon snap c'est awa_b2024"


def links(tipline, reference: str) -> dict[tuple[str, str], set[str]]:
    with tipline.db.read() as s:
        row = reports.by_ref(s, reference)
        out: dict[tuple[str, str], set[str]] = {}
        for identifier, link in reports.identifiers_of(s, row.id):
            out.setdefault((identifier.kind, identifier.value), set()).add(link.source)
        return out


def test_identifiers_in_the_narrative_and_chat_are_linked_with_their_source(client, tipline):
    r = client.post("/api/v1/reports", json={"narrative": NARRATIVE, "chat_log": CHAT, "victim": {"country": "CA"}})
    assert r.status_code == 201, r.text
    assert r.json()["read"] is False and links(tipline, r.json()["reference"]) == {}  # answered first
    assert reading.read_pending(tipline) == 1  # then read (by the reader process, in a service)
    found = links(tipline, r.json()["reference"])
    assert found[("phone", "+2250758123456")] == {"narrative"}
    assert found[("profile", "snapchat:awa_b2024")] == {"chat"}
    assert ("transfer_recipient", "CI:kouassi yao") in found
    with tipline.db.read() as s:
        row = reports.by_ref(s, r.json()["reference"])
    assert row.signals["webcam_scheme"] and row.signals["deadline"]
    assert not row.signals["friends_contacted"]  # a threat to send it to friends is not friends contacted
    assert row.language == "fr"  # read in the narrative, not given


def test_the_plan_speaks_the_language_of_the_narrative_when_none_is_given(client):
    r = client.post("/api/v1/reports", json={"narrative": NARRATIVE})
    assert r.json()["guidance"]["language"] == "fr"


def test_self_harm_and_minor_signals_in_the_text_raise_the_flags(client, tipline):
    narrative = "j'ai 15 ans, il veut encore des photos, j'ai envie de mourir"
    r = client.post("/api/v1/reports", json={"narrative": narrative})
    with tipline.db.read() as s:
        row = reports.by_ref(s, r.json()["reference"])
    assert row.minor and row.self_harm  # at once: they put the crisis line and child protection first
    reading.read_pending(tipline)
    with tipline.db.read() as s:
        row = reports.by_ref(s, r.json()["reference"])
    assert row.minor and row.self_harm and row.signals["more_images_demanded"]  # the rest when read
    step_ids = [step["id"] for step in r.json()["guidance"]["steps"]]
    assert step_ids[:2] == ["crisis", "child_protection"]


def test_a_follow_up_text_is_read_and_can_only_raise_signals(client, tipline):
    first = client.post("/api/v1/reports", json={"narrative": "On me fait du chantage avec une vidéo."}).json()
    r = client.post(f"/api/v1/reports/{first['reference']}/follow-ups", json={
        "token": first["follow_up_token"], "text": "Il a un nouveau numéro 00221 77 123 45 67 et j'ai payé 200 euros"})
    assert r.status_code == 201
    assert links(tipline, first["reference"])[("phone", "+221771234567")] == {"follow_up"}
    with tipline.db.read() as s:
        row = reports.by_ref(s, first["reference"])
        link = s.execute(select(ReportIdentifierRow).where(ReportIdentifierRow.report_id == row.id)).scalar_one()
    assert row.signals["paid"] is True and link.follow_up_id is not None



def test_reextract_restores_links_and_signals_of_stale_reports(client, tipline, run):
    ref = client.post("/api/v1/reports", json={"narrative": NARRATIVE, "chat_log": CHAT}).json()["reference"]
    reading.read_pending(tipline)
    before = links(tipline, ref)
    assert before
    with tipline.db.write() as s:  # as if read by an older extractor that found nothing
        row = reports.by_ref(s, ref)
        reports.delete_links(s, row.id)
        s.execute(update(ReportRow).where(ReportRow.id == row.id).values(extractor_version="old", signals={}))
    assert links(tipline, ref) == {}
    result = run("reextract")
    assert result.exit_code == 0 and "re-extracted 1 reports, failed 0" in result.stderr
    assert links(tipline, ref) == before
    with tipline.db.read() as s:
        assert reports.by_ref(s, ref).signals["webcam_scheme"] is True
    again = run("reextract")  # nothing is stale any more
    assert "re-extracted 0 reports" in again.stderr
    assert "re-extracted 1 reports" in run("reextract", "--all").stderr
    with tipline.db.read() as s:  # identifiers are never duplicated by re-reading
        values = [v for (v,) in s.execute(select(IdentifierRow.value)).all()]
    assert len(values) == len(set(values))


def test_extract_command_prints_the_contract(run):
    result = run("extract", "--country", "CA", input="envoie 800$ par western union MTCN 482-109-3375 "
                                                      "sur le 07 58 12 34 56 insta: @awa.belle__")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"language", "identifiers", "money", "signals"}
    kinds = {(i["kind"], i["value"]) for i in data["identifiers"]}
    assert ("transfer_reference", "wu:4821093375") in kinds and ("profile", "instagram:awa.belle__") in kinds
    assert {"amount": "800", "currency": "CAD", "role": "demanded"} in data["money"]
    assert all(isinstance(v, bool) for v in data["signals"].values())


def test_extract_command_refuses_a_bad_country(run):
    result = run("extract", "--country", "Canada", input="x")
    assert result.exit_code == 2 and "ISO 3166-1" in result.stderr
