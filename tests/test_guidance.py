"""The victim's action plan: each rule of tipline.guidance has a test here.

Reports are built with ``ReportIn.model_validate`` the way the API receives them; ``make`` merges a
few fields into a minimal valid report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tipline.domain.report import ReportIn
from tipline.guidance import Plan, Step, build_plan

EXAMPLE = Path("/work/shared/examples/report.json")
NINE = ("CA", "FR", "BE", "CH", "GB", "US", "MA", "CI", "SN")


def make(**fields: Any) -> ReportIn:
    data: dict[str, Any] = {"narrative": "Someone recorded me on a video call and now wants money."}
    for key, value in fields.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return ReportIn.model_validate(data)


def adult(country: str | None = None, **fields: Any) -> ReportIn:
    return make(victim={"age": 29, "country": country}, reporter_role="victim", **fields)


def minor(country: str | None = None, **fields: Any) -> ReportIn:
    return make(victim={"age_band": "13-15", "country": country}, reporter_role="victim", **fields)


def get(plan: Plan, step_id: str) -> Step:
    found = plan.step(step_id)
    assert found is not None, f"no {step_id} step in {plan.step_ids}"
    return found


def route_ids(plan: Plan, step: str) -> list[str]:
    found = plan.step(step)
    assert found is not None, f"no {step} step in {plan.step_ids}"
    return [r.id for r in found.routes]


def text_of(plan: Plan, step: str) -> str:
    found = plan.step(step)
    assert found is not None, f"no {step} step in {plan.step_ids}"
    return "\n".join([found.title, found.body, *found.items])


# --- 1. crisis ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "line", "emergency"),
    [
        ("CA", "988", "911"),
        ("FR", "3114", "17"),
        ("GB", "116 123", "999"),
        ("US", "988", "911"),
        ("BE", "0800 32 123", "101"),
        ("CH", "143", "117"),
    ],
)
def test_self_harm_puts_the_countrys_crisis_line_first(country: str, line: str, emergency: str) -> None:
    plan = build_plan(adult(country, wellbeing={"thoughts_of_self_harm": True}))
    first = plan.steps[0]
    assert first.id == "crisis"
    assert first.urgent
    assert first.routes[0].phone == line
    assert first.routes[0].country == country
    assert emergency in [r.phone for r in first.routes]
    # the emergency number comes after the helplines
    phones = [r.phone for r in first.routes]
    assert phones.index(emergency) > phones.index(line)


def test_no_crisis_step_without_self_harm() -> None:
    for answer in (False, None, "unknown"):
        plan = build_plan(adult("CA", wellbeing={"thoughts_of_self_harm": answer}))
        assert "crisis" not in plan.step_ids


def test_crisis_for_an_unknown_country_still_comes_first_without_numbers() -> None:
    for victim in ({"age": 30}, {"age": 30, "country": "DE"}):
        plan = build_plan(make(victim=victim, wellbeing={"thoughts_of_self_harm": True}))
        crisis = plan.steps[0]
        assert crisis.id == "crisis" and crisis.urgent
        assert crisis.routes == []
        assert "emergency department" in crisis.body
        assert "local emergency number" in crisis.body


def test_crisis_without_a_verified_line_gives_the_verified_police_number_only() -> None:
    # Morocco: no national crisis line was found; its police number is only "partial".
    plan = build_plan(adult("MA", wellbeing={"thoughts_of_self_harm": True}))
    assert plan.steps[0].id == "crisis"
    assert plan.steps[0].routes == []
    assert "local emergency number" in plan.steps[0].body
    unverified = build_plan(adult("MA", wellbeing={"thoughts_of_self_harm": True}), include_unverified=True)
    crisis = unverified.steps[0]
    assert [r.id for r in crisis.routes] == ["ma-19"]
    assert crisis.routes[0].confidence == "partial"
    assert "local emergency number" in crisis.body  # a police number is not a crisis line


def test_crisis_for_a_minor_adds_youth_lines_after_the_national_line() -> None:
    plan = build_plan(minor("GB", wellbeing={"thoughts_of_self_harm": True}))
    assert route_ids(plan, "crisis") == ["gb-samaritans", "gb-childline", "gb-999"]


def test_crisis_addressed_to_a_parent() -> None:
    plan = build_plan(
        make(
            reporter_role="parent_guardian",
            victim={"age": 15, "country": "FR"},
            wellbeing={"thoughts_of_self_harm": True},
        )
    )
    crisis = plan.steps[0]
    assert crisis.id == "crisis"
    assert "your child" in crisis.body.lower()
    assert any("out of reach" in item for item in crisis.items)


# --- 2. child protection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("CA", ["ca-kids-help-phone", "ca-cybertip", "ca-needhelpnow"]),
        ("FR", ["fr-3018"]),
        ("GB", ["gb-childline", "gb-ceop", "gb-report-remove"]),
        ("US", ["us-cybertipline", "any-take-it-down"]),
        ("BE", ["be-child-focus"]),
        ("CH", ["ch-147"]),
    ],
)
def test_minors_get_child_protection_routes_before_everything_but_crisis(country: str, expected: list[str]) -> None:
    plan = build_plan(minor(country))
    assert plan.steps[0].id == "child_protection"
    assert plan.steps[0].urgent
    ids = route_ids(plan, "child_protection")
    for route_id in expected:
        assert route_id in ids
    # the country's own services come before international ones
    assert ids[0].startswith(country.lower() + "-")

    with_crisis = build_plan(minor(country, wellbeing={"thoughts_of_self_harm": True}))
    assert with_crisis.step_ids[:2] == ["crisis", "child_protection"]


def test_child_protection_tells_the_young_person_they_are_not_in_trouble() -> None:
    text = text_of(build_plan(minor("CA")), "child_protection")
    assert "not your fault" in text
    assert "not the one in trouble" in text


def test_child_protection_tells_parents_how_to_respond() -> None:
    plan = build_plan(make(reporter_role="parent_guardian", victim={"age": 14, "country": "FR"}))
    text = text_of(plan, "child_protection")
    assert "Stay calm" in text
    assert "Do not blame" in text
    assert "not in trouble" in text


def test_a_parent_reporting_without_an_age_is_treated_as_reporting_for_a_minor() -> None:
    plan = build_plan(make(reporter_role="parent_guardian", victim={"country": "CA"}))
    assert "child_protection" in plan.step_ids
    grown_up = build_plan(make(reporter_role="parent_guardian", victim={"age": 24, "country": "CA"}))
    assert "child_protection" not in grown_up.step_ids


def test_adults_get_no_child_protection_and_no_minor_only_routes() -> None:
    for country in NINE:
        plan = build_plan(adult(country), include_unverified=True)
        assert "child_protection" not in plan.step_ids
        ids = {r.id for s in plan.steps for r in s.routes}
        for minor_only in ("ca-cybertip", "ca-kids-help-phone", "fr-3018", "gb-ceop", "us-cybertipline"):
            assert minor_only not in ids


def test_child_protection_without_a_local_service_points_to_a_trusted_adult() -> None:
    plan = build_plan(minor("MA"))
    step = get(plan, "child_protection")
    assert step is not None
    assert [r.country for r in step.routes] == ["any"]
    assert any("no child helpline is listed" in item for item in step.items)


# --- 3. money ---------------------------------------------------------------------------------------


def test_payments_made_give_stop_paying_with_the_amount() -> None:
    plan = build_plan(
        adult(
            "CA",
            demands=[{"amount": "1500", "currency": "CAD"}],
            payments=[{"amount": "800", "currency": "CAD", "method": "western_union"}],
        )
    )
    assert "stop_paying" in plan.step_ids
    assert "do_not_pay" not in plan.step_ids
    step = get(plan, "stop_paying")
    assert step is not None and step.urgent
    assert "CA$800" in step.body
    assert "new demands, not the end" in step.body
    text = text_of(plan, "stop_paying")
    assert "CA$1,500" in text  # what is still demanded
    assert "Western Union" in text and "MTCN" in text


def test_payments_in_several_currencies_are_all_mentioned() -> None:
    plan = build_plan(
        adult(
            "FR",
            payments=[
                {"amount": "200", "currency": "EUR", "method": "gift_card"},
                {"amount": "150", "currency": "EUR", "method": "gift_card"},
                {"amount": "120", "currency": "USD", "method": "crypto"},
            ],
        ),
        language="fr",
    )
    step = get(plan, "stop_paying")
    assert step is not None
    assert "350\u00a0€" in step.body  # the two EUR payments added up
    assert "120\u00a0$US" in step.body
    text = text_of(plan, "stop_paying")
    assert "cartes-cadeaux" in text
    assert "cryptomonnaie" in text


def test_no_payment_gives_do_not_pay_with_the_demand() -> None:
    plan = build_plan(adult("FR", demands=[{"amount": "500", "currency": "EUR"}]))
    assert "do_not_pay" in plan.step_ids and "stop_paying" not in plan.step_ids
    step = get(plan, "do_not_pay")
    assert step is not None
    assert "€500" in step.body
    assert step.urgent


def test_do_not_pay_without_a_demand_names_no_amount() -> None:
    step = get(build_plan(adult("FR")), "do_not_pay")
    assert step is not None
    assert "demanding" not in step.body
    assert not any(ch.isdigit() for ch in step.body)


def test_the_latest_demand_is_the_one_mentioned() -> None:
    plan = build_plan(
        adult(
            "CA",
            demands=[
                {"amount": "3000", "currency": "CAD", "demanded_at": "2026-10-31T10:00:00Z"},
                {"amount": "500", "currency": "CAD", "demanded_at": "2026-10-30T10:00:00Z"},
            ],
        )
    )
    step = get(plan, "do_not_pay")
    assert step is not None
    assert "CA$3,000" in step.body and "CA$500" not in step.body


def test_a_deadline_is_called_a_pressure_tactic() -> None:
    with_deadline = build_plan(adult("CA", incident={"deadline": "2026-11-03T12:00:00Z"}))
    assert "pressure tactic" in text_of(with_deadline, "do_not_pay")
    without = build_plan(adult("CA"))
    assert "pressure tactic" not in text_of(without, "do_not_pay")
    paid = build_plan(
        adult(
            "CA",
            incident={"deadline": "2026-11-03T12:00:00Z"},
            payments=[{"amount": "100", "currency": "CAD"}],
        )
    )
    assert "pressure tactic" in text_of(paid, "stop_paying")


def test_payment_methods_get_their_own_advice() -> None:
    cases = {
        "moneygram": "MoneyGram",
        "gift_card": "gift cards",
        "crypto": "cannot be cancelled",
        "bank_transfer": "bank or payment service",
        "mobile_money": "mobile money",
    }
    for method, expected in cases.items():
        plan = build_plan(adult("SN", payments=[{"amount": "50000", "currency": "XOF", "method": method}]))
        assert expected in text_of(plan, "stop_paying"), method


def test_more_images_demanded_is_answered() -> None:
    plan = build_plan(adult("BE", incident={"more_images_demanded": True}))
    assert "Do not send more images" in text_of(plan, "do_not_pay")


# --- 4. stop contact --------------------------------------------------------------------------------


def test_stop_contact_keeps_the_conversation_and_names_the_apps() -> None:
    plan = build_plan(adult("CA", incident={"platform_first_contact": "instagram", "platforms_moved_to": ["snapchat"]}))
    text = text_of(plan, "stop_contact")
    assert "Do not delete the conversation" in text
    assert "Instagram and Snapchat" in text
    assert "deactivate your accounts temporarily rather than deleting" in text


# --- 5. evidence ------------------------------------------------------------------------------------


def test_evidence_list_follows_what_the_report_names() -> None:
    bare = text_of(build_plan(adult("FR")), "keep_evidence")
    assert "MTCN" not in bare and "crypto" not in bare and "phone numbers" not in bare

    full = build_plan(
        adult(
            "FR",
            incident={"platform_first_contact": "facebook"},
            payments=[
                {"amount": "300", "currency": "EUR", "method": "ria"},
                {"amount": "100", "currency": "EUR", "method": "crypto"},
            ],
            scammer_identifiers=[
                {"kind": "phone", "value": "+225 07 58 12 34 56"},
                {"kind": "email", "value": "awa@example.org"},
                {"kind": "iban", "value": "FR7630006000011234567890189"},
            ],
        )
    )
    text = text_of(full, "keep_evidence")
    assert "URL" in text and "Facebook" in text
    assert "MTCN" in text
    assert "crypto addresses" in text
    assert "phone numbers" in text
    assert "email addresses" in text
    assert "IBAN" in text
    assert "dates" in text


def test_transfer_references_alone_ask_for_the_receipts() -> None:
    plan = build_plan(make(scammer_identifiers=[{"kind": "transfer_reference", "value": "4821093375"}]))
    assert "MTCN" in text_of(plan, "keep_evidence")


def test_minors_are_told_not_to_forward_the_images() -> None:
    assert "not even to the police" in get(build_plan(minor("US")), "keep_evidence").body
    assert "not even to the police" not in get(build_plan(adult("US")), "keep_evidence").body


# --- 6. report the profiles ------------------------------------------------------------------------


def test_each_named_platform_gets_a_report_item() -> None:
    plan = build_plan(
        make(
            victim={"age": 22, "country": "CA"},
            incident={"platform_first_contact": "instagram", "platforms_moved_to": ["snapchat", "whatsapp"]},
            scammer_identifiers=[
                {"kind": "telegram", "value": "@awa_love"},
                {"kind": "handle", "value": "awa#1234", "platform": "discord"},
                {"kind": "x", "value": "@awa"},
            ],
        )
    )
    step = get(plan, "report_profile")
    assert step is not None
    starts = [item.split(":")[0] for item in step.items]
    assert starts == ["Instagram", "Snapchat", "WhatsApp", "Telegram", "Discord", "X (Twitter)"]
    ids = [r.id for r in step.routes]
    assert ids == ["any-instagram-threats", "any-whatsapp-report", "any-discord-report", "any-x-intimate-media"]
    # platforms with no official page found get a generic instruction, no address
    snapchat = next(item for item in step.items if item.startswith("Snapchat"))
    assert "Report option" in snapchat and "http" not in snapchat


def test_facebook_and_messenger_share_metas_page_once() -> None:
    plan = build_plan(adult("FR", incident={"platform_first_contact": "facebook", "platforms_moved_to": ["messenger"]}))
    step = get(plan, "report_profile")
    assert step is not None
    assert [r.id for r in step.routes] == ["any-meta-stop-sextortion"]
    assert len(step.items) == 2


def test_no_platform_named_gives_a_generic_report_instruction() -> None:
    step = get(build_plan(adult("FR")), "report_profile")
    assert step is not None
    assert step.routes == []
    assert step.items[0].startswith("Use the Report option")


def test_email_and_sms_are_reported_to_their_providers() -> None:
    plan = build_plan(adult("GB", incident={"platform_first_contact": "email", "platforms_moved_to": ["sms"]}))
    text = text_of(plan, "report_profile")
    assert "email provider" in text and "mobile operator" in text


# --- 7. block re-uploads ------------------------------------------------------------------------------


def test_adults_get_stopncii_and_minors_take_it_down() -> None:
    grown = build_plan(adult("CH"))
    assert route_ids(grown, "block_reuploads")[0] == "any-stopncii"
    assert "never leave your device" in text_of(grown, "block_reuploads")
    young = build_plan(minor("CH"))
    assert route_ids(young, "block_reuploads") == ["any-take-it-down"]
    assert "before age 18" in text_of(young, "block_reuploads")
    for plan in (grown, young):
        assert "report form will also offer" in text_of(plan, "block_reuploads")


def test_no_reupload_step_when_nothing_was_recorded_or_sent() -> None:
    plan = build_plan(
        adult(
            "FR",
            incident={"recorded_on_webcam": False, "images_sent": False, "images_already_shared": False},
        )
    )
    assert "block_reuploads" not in plan.step_ids


# --- 8. tell someone --------------------------------------------------------------------------------


def test_tell_someone_adapts_when_friends_were_contacted_or_images_shared() -> None:
    calm = build_plan(adult("CA"))
    assert get(calm, "tell_someone").title == "Tell someone you trust"
    for incident in ({"friends_or_family_contacted": True}, {"images_already_shared": True}):
        plan = build_plan(adult("CA", incident=incident))
        step = get(plan, "tell_someone")
        assert step is not None
        assert step.title == "Tell the people around you first"
        assert "not your fault" in step.body


def test_tell_someone_for_adults_in_gb_offers_the_revenge_porn_helpline() -> None:
    assert route_ids(build_plan(adult("GB")), "tell_someone") == ["gb-revenge-porn-helpline"]
    assert route_ids(build_plan(minor("GB")), "tell_someone") == []


# --- 9. police ----------------------------------------------------------------------------------------

POLICE = {
    "CA": ["ca-cafc", "ca-911"],
    "FR": ["fr-17cyber", "fr-cybermalveillance-sextorsion", "fr-pharos", "fr-17"],
    "BE": ["be-police"],
    "CH": ["ch-ncsc", "ch-117"],
    "GB": ["gb-report-fraud", "gb-101", "gb-999"],
    "US": ["us-ic3", "us-911"],
    "MA": [],
    "CI": [],
    "SN": [],
}
POLICE_UNVERIFIED = {
    "MA": ["ma-e-blagh", "ma-19"],
    "CI": ["ci-plcc", "ci-police"],
    "SN": ["sn-dsc", "sn-gendarmerie", "sn-17"],
}


@pytest.mark.parametrize("country", NINE)
def test_each_country_gets_its_police_routes(country: str) -> None:
    plan = build_plan(adult(country, incident={"images_already_shared": "unknown"}))
    step = get(plan, "report_police")
    assert step is not None
    assert [r.id for r in step.routes] == POLICE[country]
    assert all(r.confidence == "verified" for r in step.routes)
    assert all(r.country == country for r in step.routes)
    if not POLICE[country]:
        assert step.items[0].startswith("Contact your local police")
        assert plan.country is None

    unverified = build_plan(adult(country, incident={"images_already_shared": "unknown"}), include_unverified=True)
    ids = route_ids(unverified, "report_police")
    assert ids == POLICE[country] + POLICE_UNVERIFIED.get(country, [])
    assert unverified.country == country


@pytest.mark.parametrize(("country", "route_id"), [("CA", "ca-cybertip"), ("US", "us-cybertipline"), ("GB", "gb-ceop")])
def test_minors_are_reported_to_the_child_protection_hotline(country: str, route_id: str) -> None:
    assert route_ids(build_plan(minor(country)), "report_police")[0] == route_id


def test_pharos_only_when_images_were_posted() -> None:
    assert "fr-pharos" not in route_ids(
        build_plan(adult("FR", incident={"images_already_shared": False})), "report_police"
    )
    assert "fr-pharos" in route_ids(build_plan(adult("FR", incident={"images_already_shared": True})), "report_police")
    pharos = next(r for r in get(build_plan(adult("FR")), "report_police").routes if r.id == "fr-pharos")
    assert "not handled here" in pharos.description


def test_switzerland_says_complaints_are_made_at_a_police_station() -> None:
    step = get(build_plan(adult("CH")), "report_police")
    assert step is not None
    assert all("police station" in r.description for r in step.routes)


def test_report_police_names_where_the_money_went() -> None:
    plan = build_plan(
        adult(
            "BE",
            payments=[{"amount": "300", "currency": "EUR", "method": "western_union", "destination_country": "CI"}],
        )
    )
    text = text_of(plan, "report_police")
    assert "Côte d’Ivoire" in text
    assert "payment receipts" in text


def test_consent_to_share_with_police_is_acknowledged() -> None:
    assert "may be shared with the police" in text_of(
        build_plan(adult("FR", contact={"consent_share_with_police": True})), "report_police"
    )
    assert "may be shared with the police" not in text_of(build_plan(adult("FR")), "report_police")


# --- the plan as a whole --------------------------------------------------------------------------------


def test_steps_come_in_order() -> None:
    plan = build_plan(
        minor("CA", wellbeing={"thoughts_of_self_harm": True}, payments=[{"amount": "100", "currency": "CAD"}])
    )
    assert plan.step_ids == [
        "crisis",
        "child_protection",
        "stop_paying",
        "stop_contact",
        "keep_evidence",
        "report_profile",
        "block_reuploads",
        "tell_someone",
        "report_police",
    ]
    adult_plan = build_plan(adult("CA"))
    assert adult_plan.step_ids == [
        "do_not_pay",
        "stop_contact",
        "keep_evidence",
        "report_profile",
        "block_reuploads",
        "tell_someone",
        "report_police",
    ]


@pytest.mark.parametrize("victim", [{}, {"age": 30}, {"age": 30, "country": "DE"}, {"age": 12, "country": "JP"}])
def test_an_unknown_country_falls_back_without_numbers(victim: dict[str, Any]) -> None:
    plan = build_plan(make(victim=victim, wellbeing={"thoughts_of_self_harm": True}), include_unverified=True)
    assert plan.country is None
    routes = [r for s in plan.steps for r in s.routes]
    assert routes, "international routes (StopNCII / Take It Down) are still given"
    assert all(r.country == "any" for r in routes)
    assert all(r.phone is None and r.sms is None for r in routes)
    assert get(plan, "report_police").items[0].startswith("Contact your local police")


def test_the_plan_is_json_for_the_api() -> None:
    plan = build_plan(ReportIn.model_validate(json.loads(EXAMPLE.read_text())), language="fr")
    dumped = json.loads(json.dumps(plan.model_dump(mode="json")))
    assert dumped["language"] == "fr"
    assert dumped["country"] == "CA"
    assert {"id", "title", "body", "items", "routes", "urgent"} <= set(dumped["steps"][0])
    route = next(r for s in dumped["steps"] for r in s["routes"])
    assert {"id", "name", "description", "phone", "sms", "url", "country", "source", "confidence"} <= set(route)
    assert Plan.model_validate(dumped) == plan


def test_the_shared_example_report() -> None:
    plan = build_plan(ReportIn.model_validate(json.loads(EXAMPLE.read_text())))
    assert plan.steps[0].id == "stop_paying"
    assert "CA$800" in plan.steps[0].body
    assert "Western Union" in text_of(plan, "stop_paying")
    assert [i.split(":")[0] for i in get(plan, "report_profile").items] == ["Facebook", "Skype", "WhatsApp"]
    assert route_ids(plan, "report_police") == ["ca-cafc", "ca-911"]


def test_language_tags_are_normalised() -> None:
    assert build_plan(adult("CA"), language="fr-CA").language == "fr"
    assert build_plan(adult("CA"), language="FR").language == "fr"
    german = build_plan(adult("CA"), language="de")
    assert german.language == "en"
    assert get(german, "do_not_pay").title == "Do not pay"


def test_cybertip_uses_its_french_address_in_french() -> None:
    fr = next(
        r for r in get(build_plan(minor("CA"), language="fr"), "child_protection").routes if r.id == "ca-cybertip"
    )
    en = next(r for r in get(build_plan(minor("CA")), "child_protection").routes if r.id == "ca-cybertip")
    assert (fr.name, fr.url) == ("Cyberaide.ca", "https://www.cyberaide.ca")
    assert (en.name, en.url) == ("Cybertip.ca", "https://www.cybertip.ca")


def test_what_the_text_says_raises_the_plan_but_never_lowers_it():
    """Extraction's signals: "j'ai envie de mourir" in a narrative puts the crisis line first even when the
    wellbeing question was skipped; money paid in the text turns "do not pay" into "stop paying"."""
    from decimal import Decimal

    report = ReportIn.model_validate({"narrative": "il me menace", "victim": {"country": "FR"}})
    plain = build_plan(report, "fr")
    assert plain.step_ids[0] != "crisis" and "do_not_pay" in plain.step_ids
    raised = build_plan(report, "fr", signals={"self_harm": True, "paid": True, "minor": True},
                        money=[(Decimal("300"), "EUR", "paid")])
    assert raised.step_ids[:2] == ["crisis", "child_protection"]
    assert "stop_paying" in raised.step_ids and "300" in raised.step("stop_paying").body
    no_amount = build_plan(report, "en", signals={"paid": True})
    assert no_amount.step("stop_paying").body.startswith("Money has already been paid")
    # a form answer is never lowered by a text that says nothing
    form_says = ReportIn.model_validate({"narrative": "x", "wellbeing": {"thoughts_of_self_harm": True}})
    assert build_plan(form_says, "en", signals={"self_harm": False}).step_ids[0] == "crisis"


def test_a_demand_met_counts_once_as_paid_and_is_not_asked_again():
    """Extraction gives a demand that was met twice, demanded and paid ("He asked for $300, which I
    paid"): the plan says $300 was paid (not $600) and does not warn about a demand already met."""
    from decimal import Decimal

    from tipline.extract import extract_text

    text = "He asked for $300, which I paid by Zelle."
    money = [(m.amount, m.currency, m.role) for m in extract_text(text, "US").money]
    assert sorted(r for _, _, r in money) == ["demanded", "paid"]
    report = ReportIn.model_validate({"narrative": text, "victim": {"country": "US"}})
    step = build_plan(report, "en", signals={"paid": True}, money=money).step("stop_paying")
    assert "$300" in step.body.replace("US$", "$") and "600" not in step.body
    assert not any("They asked for" in item for item in step.items)
    # a later, different demand is still named
    more = [*money, (Decimal("500"), "USD", "demanded")]
    step = build_plan(report, "en", signals={"paid": True}, money=more).step("stop_paying")
    assert any("They asked for" in item and "500" in item for item in step.items)
