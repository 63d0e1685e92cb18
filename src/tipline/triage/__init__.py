"""Which report an analyst should open first, and why: a transparent priority score.

Pure: the facts of a report in, points and their reasons out. Every point has a named reason, so
the queue can say "minor involved (+60), deadline in 5 h (+30)" instead of an opaque number, and a
supervisor can check the order by hand. The weights encode the hotlines' own order of urgency:
a life at risk, then a child, then harm about to happen (a deadline, images already out, people
being contacted), then money.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

# Points per reason. Self-harm outranks everything combined below it: it is the one emergency.
WEIGHTS: dict[str, int] = {
    "self_harm": 200,
    "minor": 60,
    "deadline_soon": 30,
    "images_shared": 25,
    "friends_contacted": 20,
    "paid": 20,
    "demanded": 15,
    "more_images_demanded": 10,
    "active_network": 15,
}
SOON = timedelta(days=3)  # a deadline closer than this counts as close
RECENT_PAST = timedelta(days=1)  # …and one just missed still does: the threat is being carried out


@dataclass(frozen=True)
class Facts:
    """What triage reads of a report: the form's answers and extraction's signals, merged."""

    minor: bool = False
    self_harm: bool = False
    deadline: datetime | None = None
    demanded: bool = False
    paid: bool = False
    images_shared: bool = False
    friends_contacted: bool = False
    more_images_demanded: bool = False
    active_network: bool = False


@dataclass(frozen=True)
class Priority:
    points: int
    reasons: list[dict] = field(default_factory=list)  # [{"code": "minor", "points": 60}, …]

    @property
    def codes(self) -> list[str]:
        return [r["code"] for r in self.reasons]


def _yes(value: object) -> bool:
    return value is True


def facts_of(*, minor: bool, self_harm: bool, deadline: datetime | None, flags: dict, signals: dict,
             demanded: bool, paid: bool, active_network: bool = False) -> Facts:
    """Merge the reporter's answers (``flags``: True/False/"unknown") with what extraction read."""
    return Facts(
        minor=minor or bool(signals.get("minor")),
        self_harm=self_harm or bool(signals.get("self_harm")),
        deadline=deadline,
        demanded=demanded,
        paid=paid or bool(signals.get("paid")),
        images_shared=_yes(flags.get("images_already_shared")) or bool(signals.get("images_shared")),
        friends_contacted=_yes(flags.get("friends_or_family_contacted")) or bool(signals.get("friends_contacted")),
        more_images_demanded=_yes(flags.get("more_images_demanded")) or bool(signals.get("more_images_demanded")),
        active_network=active_network,
    )


def score(facts: Facts, now: datetime) -> Priority:
    """The priority of a report at ``now`` (only the deadline depends on the time)."""
    reasons = []
    for code in ("self_harm", "minor", "images_shared", "friends_contacted", "paid", "demanded",
                 "more_images_demanded", "active_network"):
        if getattr(facts, code):
            reasons.append({"code": code, "points": WEIGHTS[code]})
    if facts.deadline is not None and now - RECENT_PAST <= facts.deadline <= now + SOON:
        reasons.insert(2 if facts.minor and facts.self_harm else 1 if facts.minor or facts.self_harm else 0,
                       {"code": "deadline_soon", "points": WEIGHTS["deadline_soon"]})
    return Priority(sum(r["points"] for r in reasons), reasons)
