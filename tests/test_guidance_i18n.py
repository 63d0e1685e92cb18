"""French and English texts of the action plan: the catalog is complete and French plans are French."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import tipline.guidance
from tipline.domain.report import ReportIn
from tipline.guidance import Plan, build_plan
from tipline.guidance.routes import all_routes

GUIDANCE = Path(tipline.guidance.__file__).parent
CATALOG = GUIDANCE.parent / "locale" / "fr" / "LC_MESSAGES" / "guidance.po"
PLACEHOLDER = re.compile(r"\{(\w*)\}")
COUNTRIES = ("CA", "FR", "BE", "CH", "GB", "US", "MA", "CI", "SN", "DE", None)


def used_msgids() -> set[str]:
    """Every msgid the guidance code can ask for: ``_()``/``N_()`` calls and the routes' texts."""
    ids = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(str(GUIDANCE), method_map=[("**.py", "python")])
    }
    for entry in all_routes():
        ids |= {entry.name, entry.description}
    return ids


def catalog() -> Any:
    with CATALOG.open("rb") as fh:
        return read_po(fh, locale="fr", domain="guidance")


def test_extraction_sees_the_plan_texts() -> None:
    ids = used_msgids()
    assert len(ids) > 150
    assert "Do not pay" in ids
    # a sentence split over several source lines is extracted whole
    assert any(i.startswith("Do not reply any more, not even to plead") and i.endswith("it is evidence.") for i in ids)
    assert "gift cards" in ids  # marked with N_()
    assert "Canadian Anti-Fraud Centre" in ids  # from routes.toml


def test_every_msgid_used_has_a_french_translation() -> None:
    cat = catalog()
    missing = [i for i in sorted(used_msgids()) if not (m := cat.get(i)) or not m.string.strip() or m.fuzzy]
    assert missing == []


def test_the_catalog_has_no_obsolete_entries() -> None:
    used = used_msgids()
    obsolete = [m.id for m in catalog() if m.id and m.id not in used]
    assert obsolete == []


def test_translations_keep_the_placeholders() -> None:
    for message in catalog():
        if message.id:
            assert sorted(PLACEHOLDER.findall(message.id)) == sorted(PLACEHOLDER.findall(message.string)), message.id


def variations() -> list[dict[str, Any]]:
    """Reports crossing the dimensions that change the texts."""
    people = [
        {"reporter_role": "victim", "victim": {"age": 34}},
        {"reporter_role": "victim", "victim": {"age_band": "16-17"}},
        {"reporter_role": "parent_guardian", "victim": {"age": 14}},
    ]
    money = [
        {},
        {"demands": [{"amount": "900", "currency": "EUR"}], "incident": {"deadline": "2026-11-03T12:00:00Z"}},
        {
            "payments": [
                {"amount": "300", "currency": "EUR", "method": "western_union", "destination_country": "CI"},
                {"amount": "50", "currency": "EUR", "method": "gift_card"},
                {"amount": "80", "currency": "EUR", "method": "crypto"},
                {"amount": "20", "currency": "EUR", "method": "paypal"},
            ]
        },
    ]
    situations = [
        {"images_already_shared": False, "more_images_demanded": True},
        {"images_already_shared": True, "friends_or_family_contacted": True},
        {"images_already_shared": "unknown"},
    ]
    platforms = [
        {},
        {"platform_first_contact": "instagram", "platforms_moved_to": ["omegle_like", "email", "sms", "x"]},
    ]
    reports = []
    for n, (person, pay, situation, where) in enumerate(itertools.product(people, money, situations, platforms)):
        country = COUNTRIES[n % len(COUNTRIES)]
        data: dict[str, Any] = {
            "narrative": "Chantage à la webcam.",
            "reporter_role": person["reporter_role"],
            "victim": {**person["victim"], "country": country},
            "incident": {**situation, **where, **pay.get("incident", {})},
            "demands": pay.get("demands", []),
            "payments": pay.get("payments", []),
            "wellbeing": {"thoughts_of_self_harm": n % 2 == 0},
            "contact": {"consent_share_with_police": n % 3 == 0},
            "scammer_identifiers": [
                {"kind": "phone", "value": "+225 07 00 00 00 00"},
                {"kind": "crypto", "value": "bc1qexampleexampleexample"},
            ],
        }
        reports.append(data)
    return reports


def texts(plan: Plan) -> list[str]:
    out: list[str] = []
    for step in plan.steps:
        out += [step.title, step.body, *step.items, *(r.description for r in step.routes)]
    return out


ENGLISH_WORDS = re.compile(r"\b(the|you|your|and|with|do not|report)\b", re.IGNORECASE)


@pytest.mark.parametrize("data", variations())
def test_french_plans_leak_no_english(data: dict[str, Any]) -> None:
    report = ReportIn.model_validate(data)
    en = build_plan(report, "en", include_unverified=True)
    fr = build_plan(report, "fr", include_unverified=True)
    assert fr.language == "fr"
    assert en.step_ids == fr.step_ids
    for en_step, fr_step in zip(en.steps, fr.steps, strict=True):
        assert fr_step.title != en_step.title
        assert fr_step.body != en_step.body
        assert len(fr_step.items) == len(en_step.items)
        for en_item, fr_item in zip(en_step.items, fr_step.items, strict=True):
            assert fr_item != en_item
        assert [r.id for r in fr_step.routes] == [r.id for r in en_step.routes]
        for en_route, fr_route in zip(en_step.routes, fr_step.routes, strict=True):
            assert fr_route.description != en_route.description
            assert (fr_route.phone, fr_route.sms) == (en_route.phone, en_route.sms)
    english_ids = used_msgids()
    for text in texts(fr):
        assert text not in english_ids
        assert not ENGLISH_WORDS.search(text), text


def test_french_reads_as_french() -> None:
    report = ReportIn.model_validate(
        {
            "narrative": "On me fait chanter.",
            "victim": {"age": 25, "country": "FR"},
            "demands": [{"amount": "500", "currency": "EUR"}],
        }
    )
    plan = build_plan(report, "fr")
    step = plan.step("do_not_pay")
    assert step is not None
    assert step.title == "Ne payez pas"
    assert step.body.startswith("Ils réclament 500\u00a0€.")
    police = plan.step("report_police")
    assert police is not None and police.title == "Signalez les faits à la police"
    assert "17Cyber" in [r.name for r in police.routes]
