"""A whole report: form fields, narrative, chat log and follow-ups together; the JSON contract."""

from __future__ import annotations

import json

from tipline.domain.report import FollowUpIn, ReportIn
from tipline.extract import cli_main, extract_report, extract_text


def _report(**extra) -> ReportIn:
    data = {
        "narrative": "Il demande 800 $ sinon il envoie la vidéo à ma famille. Son whatsapp +225 07 58 12 34 56.",
        "chat_log": "[22:41] Awa: paye sur paypal.me/awabelle225\n[22:42] Awa: tu as 24h",
        "victim": {"country": "CA", "age_band": "16-17"},
        "scammer_identifiers": [{"kind": "phone", "value": "+225 07 58 12 34 56"},
                                {"kind": "instagram", "value": "@Awa.Belle__"}],
        "payments": [{"amount": "200", "currency": "CAD", "method": "western_union", "destination_country": "CI",
                      "recipient_name": "Kouassi Yao", "reference": "482 109 3375"}],
        "wellbeing": {"thoughts_of_self_harm": True},
        "incident": {"recorded_on_webcam": True},
    }
    data.update(extra)
    return ReportIn.model_validate(data)


def test_sources_are_kept_apart_and_deduplicated_within_each():
    x = extract_report(_report())
    by_source = {(m.kind, m.value, m.found.source) for m in x.mentions}
    assert ("phone", "+2250758123456", "form") in by_source
    assert ("phone", "+2250758123456", "narrative") in by_source
    assert ("paypal", "me:awabelle225", "chat") in by_source
    assert ("profile", "instagram:awa.belle__", "form") in by_source
    assert ("transfer_reference", "wu:4821093375", "form") in by_source
    assert ("transfer_recipient", "CI:kouassi yao", "form") in by_source
    assert len(by_source) == len(x.mentions)
    form = [m for m in x.mentions if m.found.source == "form"]
    assert all(m.span is None for m in form)


def test_money_places_and_signals_combine_text_and_form():
    x = extract_report(_report())
    amounts = {(str(m.amount), m.currency, m.role) for m in x.money}
    assert amounts >= {("800", "CAD", "demanded"), ("200", "CAD", "paid")}
    assert "CI" in x.places
    s = x.signals
    assert s["minor"] and s["self_harm"] and s["paid"] and s["deadline"] and s["webcam_scheme"] and s["sextortion"]
    assert not s["images_shared"]


def test_follow_ups_are_read_too():
    follow = FollowUpIn.model_validate({"token": "t", "text": "il a envoyé la vidéo à mes amis, son snap: kev_225"})
    x = extract_report(_report(), [follow])
    assert ("profile", "snapchat:kev_225", "follow_up") in {(m.kind, m.value, m.found.source) for m in x.mentions}
    assert x.signals["images_shared"] and x.signals["friends_contacted"]


def test_the_json_contract():
    text = "il demande 800 $ sur le +225 07 58 12 34 56, j'ai 15 ans"
    data = cli_main(text, "CA", None)
    assert set(data) == {"language", "identifiers", "money", "signals"}
    assert data["language"] == "fr"
    start = text.index("+225")
    assert data["identifiers"] == [
        {"kind": "phone", "value": "+2250758123456", "country": "CI", "span": [start, start + 19]}]
    assert data["money"] == [{"amount": "800", "currency": "CAD", "role": "demanded"}]
    assert data["signals"]["minor"] is True and data["signals"]["self_harm"] is False
    json.dumps(data)  # serialisable as it is
    full = extract_text("insta: @awa", None).to_json(extended=True)
    assert set(full) >= {"places", "near_misses"} and full["identifiers"][0]["source"] == "narrative"


def test_spans_are_aligned_with_identifiers():
    x = extract_text("mail x@y.com et +33 6 12 34 56 78")
    assert len(x.spans) == len(x.identifiers) == 2
    text = "mail x@y.com et +33 6 12 34 56 78"
    assert [text[s:e] for s, e in x.spans] == ["x@y.com", "+33 6 12 34 56 78"]
