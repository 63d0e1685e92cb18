"""The public entry points: ``generate`` (a stream of reports with their ground truth) and
``write_jsonl``.

Each report is an interchange dict (``shared/examples/report.json``) that validates with
``tipline.domain.report.ReportIn``; validation itself is left to the caller, because the benchmarks
that use this generator measure the import path, and validating here would hide its cost.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tipline.simulate import pictures, timeline, writer
from tipline.simulate.groups import GroupBook
from tipline.simulate.noise import apply as apply_noise
from tipline.simulate.pick import Weighted, one
from tipline.simulate.scenario import Story, deadline_at, draw_story
from tipline.simulate.victims import contact_block, draw_victim

LONE_SHARE = 0.15
_SOURCE = Weighted({"web": 72, "import": 17, "api": 11})
_WELLBEING = Weighted({False: 58, None: 34, "unknown": 8})
# How much of the structured form a source fills: a partner's import carries less than our form.
_FILL = {"web": 0.9, "api": 0.8, "import": 0.55}


@dataclass(frozen=True, slots=True)
class SimulatedReport:
    """A generated report and its ground truth: the group that ran it, None for a lone scammer."""

    report: dict[str, Any]
    group: str | None
    external_id: str


def _iso(when: datetime) -> str:
    """``2026-11-02T21:14:00Z``; times here are whole UTC minutes."""
    return when.isoformat()[:19] + "Z"


def _incident(rng: random.Random, story: Story, fill: float) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def put(key: str, value: Any) -> None:
        if value is not None and rng.random() < fill:
            out[key] = value

    put("first_contact_at", _iso(story.first_contact))
    put("platform_first_contact", story.pf1)
    if story.moved and rng.random() < fill:
        out["platforms_moved_to"] = list(story.moved)
    label_pool = writer.TEXTS[story.victim.language].PERSONA_LABELS[story.persona_kind]
    put("scammer_persona", one(rng, label_pool))
    webcam = story.scheme == "webcam"
    put("recorded_on_webcam", webcam if rng.random() < 0.9 else "unknown")
    put("images_sent", (not webcam) or rng.random() < 0.15)
    put("images_already_shared", story.images_shared)
    put("friends_or_family_contacted", story.friends_contacted)
    put("more_images_demanded", story.images_demanded)
    deadline = deadline_at(story)
    if deadline is not None and rng.random() < 0.75:
        out["deadline"] = _iso(deadline)
    return out


def _payments(rng: random.Random, story: Story) -> list[dict[str, Any]]:
    out = []
    for fact in story.payments:
        item: dict[str, Any] = {"amount": str(fact.amount), "currency": fact.currency, "method": fact.method}
        if fact.recipient is not None:
            if rng.random() < 0.85:
                item["destination_country"] = fact.recipient.country
            if rng.random() < 0.9:
                item["recipient_name"] = fact.recipient_text
        elif fact.method == "crypto" and rng.random() < 0.2:
            item["destination_country"] = story.group.country
        if fact.reference and rng.random() < 0.75:
            item["reference"] = fact.reference if fact.method != "gift_card" else f"{fact.brand} {fact.reference}"
        if rng.random() < 0.75:
            item["paid_at"] = _iso(fact.paid_at)
        out.append(item)
    return out


def _report(rng: random.Random, story: Story, external_id: str) -> dict[str, Any]:
    victim = story.victim
    fill = _FILL[story.source]
    report: dict[str, Any] = {
        "external_id": external_id,
        "received_at": _iso(story.received),
        "source": story.source,
    }
    if story.source != "import" or rng.random() < 0.85:
        report["language"] = victim.language
    report["reporter_role"] = victim.role
    person: dict[str, Any] = {}
    if rng.random() < 0.95:
        person["age_band"] = victim.age_band
    if victim.age is not None:
        person["age"] = victim.age
    if rng.random() < 0.95:
        person["gender"] = victim.gender
    if rng.random() < 0.93:
        person["country"] = victim.country
    report["victim"] = person
    report["contact"] = contact_block(rng, victim, story.source)
    report["incident"] = _incident(rng, story, fill)
    if story.money and rng.random() < fill:
        demand: dict[str, Any] = {"amount": str(story.demand), "currency": story.currency}
        if rng.random() < 0.3:
            demand["demanded_at"] = _iso(story.threat_at)
        demands = [demand]
        if story.more is not None and rng.random() < 0.5:
            demands.append({"amount": str(story.more), "currency": story.currency})
        report["demands"] = demands
    else:
        report["demands"] = []
    report["payments"] = _payments(rng, story)
    report["scammer_identifiers"] = [
        {"kind": m.form_kind, "value": m.form_value, **({"platform": m.platform} if m.platform else {})}
        for m in story.mentions if m.form_kind is not None and m.form_value
    ]
    text = writer.narrative(rng, story)
    if text is None and not report["scammer_identifiers"]:
        story.victim.role = report["reporter_role"] = "other"
        text = writer.narrative(rng, story)
    report["narrative"] = text
    report["chat_log"] = writer.chat(rng, story)
    wellbeing = True if story.self_harm else _WELLBEING.pick(rng)
    report["wellbeing"] = {"thoughts_of_self_harm": wellbeing} if wellbeing is not None else {}
    return report


def generate(n: int, seed: int, end: date | None = None, noise: float = 0.0) -> Iterator[SimulatedReport]:
    """``n`` reports over the 13–18 months before ``end`` (default: today, UTC), oldest first.

    Deterministic for a given (n, seed, end). Memory is constant per report; the groups' book
    grows with the number of groups (n / 25), not with the reports. An ``end`` after today gives
    reports dated in the future, which ``ReportIn`` refuses. ``noise`` (0 to 1) is the share of
    identifiers misspelled or left out (see ``simulate.noise``); 0 changes nothing. About a third
    of the reports carry the profile picture's PDQ hash (``simulate.pictures``), noise or not.
    """
    if n < 0:
        raise ValueError("n must be zero or more")
    if not 0 <= noise <= 1:
        raise ValueError("noise must be between 0 and 1")
    end = end or datetime.now(UTC).date()
    rng = random.Random(seed)
    days = timeline.span_days(rng)
    start = datetime.combine(end, datetime.min.time(), tzinfo=UTC).timestamp() - days * 86400
    book = GroupBook(seed, n, days)
    for index, received in enumerate(timeline.arrivals(rng, n, end, days)):
        day = (received.timestamp() - start) / 86400
        lone = rng.random() < LONE_SHARE
        group = book.lone(rng) if lone else book.pick(rng, day)
        victim = draw_victim(rng, group)
        source = "api" if victim.role == "platform" else _SOURCE.pick(rng)
        story = draw_story(rng, index, group, victim, received, source)
        if noise:
            apply_noise(random.Random(f"tipline-sim/{seed}/noise/{index}"), story, noise)
        external_id = f"sim-{seed}-{index}"
        report = _report(rng, story, external_id)
        attached = pictures.attached(seed, index, story.persona.photo)
        if attached:
            report["incident"]["profile_pictures"] = attached
        yield SimulatedReport(report, group.gid, external_id)


def write_jsonl(n: int, seed: int, out_path: str | Path, truth_path: str | Path | None = None,
                end: date | None = None, noise: float = 0.0) -> int:
    """Writes the reports as JSON lines to ``out_path`` and ``{"external_id", "group"}`` lines to
    ``truth_path`` (default: ``<out stem>.truth.jsonl`` beside it). Returns the number written."""
    out_path = Path(out_path)
    truth = Path(truth_path) if truth_path is not None else out_path.with_name(out_path.stem + ".truth.jsonl")
    count = 0
    with out_path.open("w", encoding="utf-8") as out, truth.open("w", encoding="utf-8") as gt:
        for sim in generate(n, seed, end, noise):
            out.write(json.dumps(sim.report, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
            gt.write(json.dumps({"external_id": sim.external_id, "group": sim.group}))
            gt.write("\n")
            count += 1
    return count
