"""What extraction returns: mentions of identifiers (with spans), money, places, signals."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from tipline.domain.identifier import Found, Identifier

Role = Literal["demanded", "paid", "unknown"]
SIGNALS: tuple[str, ...] = (
    "minor", "self_harm", "deadline", "paid", "images_shared", "friends_contacted",
    "more_images_demanded", "webcam_scheme", "sextortion",
)


@dataclass(frozen=True, slots=True)
class Context:
    """What a finder may know besides the text: the reporter's country (default region for
    national phone numbers, the meaning of "$"), the language, where the text comes from, the
    folded copy of the text for cue words, the countries named in the text, and where in
    ``folded`` the cue words of each costly scan are (``extract.cues``; None: scan it all)."""

    region: str | None = None
    language: str | None = None
    source: str = "narrative"
    folded: str = ""
    places: tuple[tuple[str, int, int], ...] = ()  # (ISO alpha-2, start, end)
    cues: dict[str, list[tuple[int, int]]] | None = None

    def windows(self, rule: str) -> list[tuple[int, int]] | None:
        """Where ``rule``'s matches can be in ``folded`` (no cue word: none), or None if unknown."""
        return None if self.cues is None else self.cues.get(rule, [])


@dataclass(frozen=True, slots=True)
class Mention:
    """A ``Found`` and where it is: ``span`` indexes the text the finder was given; in an
    ``Extraction`` it indexes the text as written. ``rank`` settles overlaps (higher wins);
    ``mixed_script`` says look-alike letters (Cyrillic, Greek) were folded inside it."""

    found: Found
    span: tuple[int, int] | None
    rank: int = 50
    mixed_script: bool = False

    @property
    def identifier(self) -> Identifier:
        return self.found.identifier

    @property
    def kind(self) -> str:
        return self.found.identifier.kind

    @property
    def value(self) -> str:
        return self.found.identifier.value


def mention(identifier: Identifier, context: Context, text: str, start: int, end: int, rank: int,
            confidence: float | None = None) -> Mention:
    """The usual way for a finder to build a Mention."""
    conf = identifier.confidence if confidence is None else confidence
    return Mention(Found(identifier, context.source, raw=text[start:end], confidence=conf), (start, end), rank)


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str  # ISO 4217
    role: Role
    span: tuple[int, int] | None = None
    source: str = "narrative"


@dataclass(frozen=True, slots=True)
class NearMiss:
    """Looks like an identifier of ``kind`` but fails its check (a mistyped wallet, an IBAN with a
    wrong key): not linked, but worth showing to an analyst."""

    kind: str
    raw: str
    reason: str
    span: tuple[int, int] | None = None
    source: str = "narrative"


@dataclass(slots=True)
class Extraction:
    language: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    signals: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(SIGNALS, False))
    near_misses: list[NearMiss] = field(default_factory=list)

    @property
    def identifiers(self) -> list[Found]:
        return [m.found for m in self.mentions]

    @property
    def spans(self) -> list[tuple[int, int] | None]:
        """Aligned with ``identifiers``: where each was found in its source text (None: a form field)."""
        return [m.span for m in self.mentions]

    def to_json(self, extended: bool = False) -> dict[str, Any]:
        """The contract other tools read. ``extended`` adds places, near misses and per-item details."""
        identifiers: list[dict[str, Any]] = []
        for m in self.mentions:
            item: dict[str, Any] = {
                "kind": m.kind, "value": m.value, "country": m.identifier.country,
                "span": list(m.span) if m.span else None,
            }
            if extended:
                item.update(display=m.identifier.display, source=m.found.source, raw=m.found.raw,
                            confidence=m.found.confidence, mixed_script=m.mixed_script)
            identifiers.append(item)
        money: list[dict[str, Any]] = []
        for x in self.money:
            entry: dict[str, Any] = {"amount": str(x.amount), "currency": x.currency, "role": x.role}
            if extended:
                entry.update(span=list(x.span) if x.span else None, source=x.source)
            money.append(entry)
        out: dict[str, Any] = {
            "language": self.language, "identifiers": identifiers, "money": money,
            "signals": {k: bool(self.signals.get(k, False)) for k in SIGNALS},
        }
        if extended:
            out["places"] = list(self.places)
            out["near_misses"] = [
                {"kind": n.kind, "raw": n.raw, "reason": n.reason, "span": list(n.span) if n.span else None,
                 "source": n.source} for n in self.near_misses
            ]
        return out
