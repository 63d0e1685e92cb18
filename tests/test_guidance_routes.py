"""The help routes data file: every number has a source, and numbers live nowhere else."""

from __future__ import annotations

import ast
import itertools
import re
import tomllib
from pathlib import Path
from typing import Any

import pycountry
import pytest
from babel.messages.pofile import read_po

import tipline.guidance
from tipline.domain.enums import Platform
from tipline.domain.report import ReportIn
from tipline.guidance import build_plan, known_countries
from tipline.guidance import routes as routes_module
from tipline.guidance.routes import STEPS, all_routes

GUIDANCE = Path(tipline.guidance.__file__).parent
DATA = GUIDANCE / "routes.toml"
CATALOG = GUIDANCE.parent / "locale" / "fr" / "LC_MESSAGES" / "guidance.po"
RAW: list[dict[str, Any]] = tomllib.loads(DATA.read_text(encoding="utf-8"))["route"]


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def phone_numbers() -> set[str]:
    return {digits(r[key]) for r in RAW for key in ("phone", "sms") if r.get(key)}


@pytest.mark.parametrize("raw", RAW, ids=[r["id"] for r in RAW])
def test_every_route_has_a_source_and_a_confidence(raw: dict[str, Any]) -> None:
    assert raw["source"].strip()
    assert raw["confidence"] in ("verified", "partial")
    assert re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", raw["checked"])
    assert raw["name"].strip() and raw["description"].strip()
    assert raw["country"] == "any" or pycountry.countries.get(alpha_2=raw["country"]) is not None
    assert raw["audience"] in ("all", "minor", "adult")
    assert set(raw["steps"]) <= STEPS
    for key in ("url", "url_fr"):
        if key in raw:
            assert raw[key].startswith("https://")
    if "source_url" in raw:
        assert raw["source_url"].startswith(("https://", "http://"))
    assert set(raw.get("platforms", [])) <= {p.value for p in Platform}
    # route texts are translated; a number written in them would escape the phone/sms fields
    assert not (set(re.findall(r"\d+", raw["description"])) & phone_numbers())


def test_route_ids_are_unique_and_loaded_in_file_order() -> None:
    ids = [r["id"] for r in RAW]
    assert len(ids) == len(set(ids))
    assert [e.id for e in all_routes()] == ids


def test_upgraded_routes_cite_the_official_page() -> None:
    # Routes listed "P" in help_routes.md and marked verified here must say where that was checked.
    for route_id in ("be-child-focus", "gb-childline"):
        raw = next(r for r in RAW if r["id"] == route_id)
        assert raw["confidence"] == "verified"
        assert raw.get("source_url")


def test_the_routes_still_partial_are_those_not_confirmed_officially() -> None:
    partial = {r["id"] for r in RAW if r["confidence"] == "partial"}
    assert partial == {
        "ma-e-blagh",
        "ma-19",
        "ci-143",
        "ci-116",
        "ci-plcc",
        "ci-police",
        "sn-116",
        "sn-dsc",
        "sn-17",
        "sn-gendarmerie",
    }


def test_known_countries() -> None:
    assert known_countries() == ["BE", "CA", "CH", "FR", "GB", "US"]
    assert known_countries(include_unverified=True) == ["BE", "CA", "CH", "CI", "FR", "GB", "MA", "SN", "US"]


def _constants(path: Path) -> list[str]:
    """Every string and number written in a Python file, with separators inside numbers removed."""
    values: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str | int) and not isinstance(node.value, bool):
            values.append(re.sub(r"(?<=\d)[\s.\-\u00a0/](?=\d)", "", str(node.value)))
    return values


def test_no_phone_number_is_written_in_the_guidance_code() -> None:
    numbers = phone_numbers()
    assert {"988", "3114", "116123", "0800", "17", "112", "08001111"} & numbers  # the scan looks for real ones
    found = []
    for path in sorted(GUIDANCE.glob("*.py")):
        for value in _constants(path):
            found += [(path.name, n) for n in numbers if re.search(rf"(?<!\d){n}(?!\d)", value)]
    assert found == []


def test_translations_add_no_number() -> None:
    with CATALOG.open("rb") as fh:
        catalog = read_po(fh, locale="fr", domain="guidance")
    for message in catalog:
        if message.id:
            assert set(re.findall(r"\d+", message.string)) <= set(re.findall(r"\d+", message.id)), message.id


def _plans() -> list[Any]:
    plans = []
    for country, age, self_harm, shared, unverified in itertools.product(
        ("CA", "FR", "BE", "CH", "GB", "US", "MA", "CI", "SN", "DE", None),
        (15, 40),
        (True, False),
        (True, False),
        (True, False),
    ):
        report = ReportIn.model_validate(
            {
                "narrative": "sextortion",
                "victim": {"age": age, "country": country},
                "wellbeing": {"thoughts_of_self_harm": self_harm},
                "incident": {
                    "images_already_shared": shared,
                    "platform_first_contact": "facebook",
                    "platforms_moved_to": ["instagram", "whatsapp", "tiktok", "x", "discord", "snapchat"],
                },
            }
        )
        plans.append((unverified, build_plan(report, "fr" if age == 15 else "en", include_unverified=unverified)))
    return plans


def test_plans_show_only_routes_from_the_data_file_and_partial_ones_only_on_request() -> None:
    by_id = {r["id"]: r for r in RAW}
    seen: set[str] = set()
    for unverified, plan in _plans():
        for step in plan.steps:
            for route in step.routes:
                raw = by_id[route.id]
                assert route.phone == raw.get("phone")
                assert route.sms == raw.get("sms")
                assert route.url in (raw.get("url"), raw.get("url_fr"))
                assert (route.source, route.confidence, route.country) == (
                    raw["source"],
                    raw["confidence"],
                    raw["country"],
                )
                if not unverified:
                    assert route.confidence == "verified"
                seen.add(route.id)
    # every route of the file is reachable from some report
    assert seen == set(by_id)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": ""}, "no 'source'"),
        ({"confidence": "probably"}, "confidence"),
        ({"url": "http://example.org"}, "https://"),
        ({"steps": ["crisis", "lunch"]}, "unknown steps"),
        ({"audience": "everyone"}, "audience"),
        ({"when": "sometimes"}, "condition"),
    ],
)
def test_the_loader_refuses_a_broken_entry(change: dict[str, Any], message: str) -> None:
    raw = {**next(r for r in RAW if r["id"] == "ca-988"), **change}
    with pytest.raises(ValueError, match=message):
        routes_module._entry(raw)
