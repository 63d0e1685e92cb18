"""The help routes data file (``routes.toml``), loaded once and queried by country and step.

Phone numbers and addresses live only in that file, each with its source, so that a person can check
every one of them before a deployment and nobody edits a number inside a sentence of code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from tipline.guidance.models import Confidence, Route

ANY = "any"
Audience = Literal["all", "minor", "adult"]
STEPS = frozenset({"crisis", "child_protection", "tell_someone", "report_profile", "block_reuploads", "report_police"})
CONDITIONS = frozenset({"images_shared"})


@dataclass(frozen=True, slots=True)
class RouteEntry:
    """One ``[[route]]`` of the data file, validated."""

    id: str
    country: str
    steps: tuple[str, ...]
    audience: Audience
    name: str
    description: str
    source: str
    confidence: Confidence
    checked: str
    phone: str | None = None
    sms: str | None = None
    url: str | None = None
    url_fr: str | None = None
    source_url: str | None = None
    platforms: tuple[str, ...] = ()
    when: str | None = None
    emergency: bool = False

    def for_victim(self, minor: bool) -> bool:
        return self.audience == "all" or (self.audience == "minor") == minor

    def to_route(self, translate: Callable[[str], str], language: str) -> Route:
        url = self.url_fr if language == "fr" and self.url_fr else self.url
        return Route(
            id=self.id,
            name=translate(self.name),
            description=translate(self.description),
            phone=self.phone,
            sms=self.sms,
            url=url,
            country=self.country,
            source=self.source,
            confidence=self.confidence,
        )


def _entry(raw: dict[str, object]) -> RouteEntry:
    """Check one raw entry; a broken data file must fail loudly at load, not show a bad number."""
    ident = raw.get("id", "?")
    for key in (
        "id",
        "country",
        "steps",
        "audience",
        "name",
        "description",
        "source",
        "confidence",
        "checked",
    ):
        if not raw.get(key):
            raise ValueError(f"routes.toml: route {ident!r} has no {key!r}")
    steps = tuple(raw["steps"])  # type: ignore[arg-type]
    unknown = set(steps) - STEPS
    if unknown:
        raise ValueError(f"routes.toml: route {ident!r} has unknown steps {sorted(unknown)}")
    if raw["confidence"] not in ("verified", "partial"):
        raise ValueError(f"routes.toml: route {ident!r} has confidence {raw['confidence']!r}")
    if raw["audience"] not in ("all", "minor", "adult"):
        raise ValueError(f"routes.toml: route {ident!r} has audience {raw['audience']!r}")
    if raw.get("when") is not None and raw["when"] not in CONDITIONS:
        raise ValueError(f"routes.toml: route {ident!r} has condition {raw['when']!r}")
    for key in ("url", "url_fr"):
        value = raw.get(key)
        if value is not None and not str(value).startswith("https://"):
            raise ValueError(f"routes.toml: route {ident!r} has a {key} without https://")
    fields = dict(raw)
    fields["steps"] = steps
    fields["platforms"] = tuple(raw.get("platforms", ()))  # type: ignore[arg-type]
    return RouteEntry(**fields)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def all_routes() -> tuple[RouteEntry, ...]:
    """Every route of the packaged data file, in file order (the order the plan shows them)."""
    data = resources.files("tipline.guidance").joinpath("routes.toml").read_bytes()
    entries = tuple(_entry(raw) for raw in tomllib.loads(data.decode("utf-8"))["route"])
    ids = [e.id for e in entries]
    if len(ids) != len(set(ids)):
        raise ValueError("routes.toml: duplicate route ids")
    return entries


def known_countries(include_unverified: bool = False) -> list[str]:
    """The countries (ISO alpha-2) that have at least one route of their own, sorted."""
    return sorted(
        {e.country for e in all_routes() if e.country != ANY and (include_unverified or e.confidence == "verified")}
    )


def select(
    step: str,
    *,
    country: str | None,
    minor: bool,
    include_unverified: bool,
    conditions: Iterable[str] = (),
    platform: str | None = None,
    international: bool = True,
) -> list[RouteEntry]:
    """The routes a step shows: the victim's country's, then international ones, in file order."""
    met = set(conditions)
    chosen = [
        e
        for e in all_routes()
        if step in e.steps
        and e.for_victim(minor)
        and (include_unverified or e.confidence == "verified")
        and (e.when is None or e.when in met)
        and (platform is None or platform in e.platforms)
        and ((country is not None and e.country == country) or (international and e.country == ANY))
    ]
    # The victim's own country first (a local line answers in the local language and hours), and
    # helplines before emergency numbers; otherwise the file's order.
    return sorted(chosen, key=lambda e: (e.country == ANY, e.emergency))
