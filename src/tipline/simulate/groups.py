"""Scammer groups: who they are, what identifiers they reuse, and how many victims each has.

Sextortion is run as a business by organised groups (Côte d'Ivoire, Senegal, Morocco, Nigeria, the
Philippines…) that reuse phone numbers, Skype ids, fake profiles and money-transfer recipients
across many victims; that reuse is what lets a tipline link reports into networks, so it is the
ground truth the generator must get right. Sizes follow a Zipf law (a few networks with hundreds
of victims, a long tail of small ones), and each group is active for a window of time.

A group is built from its own ``random.Random`` seeded by (corpus seed, rank), lazily on first
use: the book stays small and a group is the same whichever report meets it first.
"""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass, field
from itertools import accumulate

from tipline.simulate import identifiers as ids
from tipline.simulate import names, pictures
from tipline.simulate.pick import Weighted, chance, one
from tipline.simulate.texts_en import CHAT as CHAT_EN
from tipline.simulate.texts_fr import CHAT as CHAT_FR

_GROUP_COUNTRY = Weighted(names.GROUP_COUNTRIES)

# Payment channels by home country (weights): West Africa lives on Western Union and gift cards,
# Morocco on transfers and bank accounts, Nigeria and the Philippines more on cards and crypto.
_METHODS: dict[str, dict[str, float]] = {
    "CI": {"western_union": 50, "moneygram": 14, "ria": 8, "gift_card": 16, "mobile_money": 5, "crypto": 4,
           "paypal": 3},
    "SN": {"western_union": 45, "moneygram": 15, "ria": 10, "gift_card": 12, "mobile_money": 12, "crypto": 3,
           "paypal": 3},
    "BJ": {"western_union": 45, "moneygram": 18, "ria": 8, "gift_card": 18, "mobile_money": 6, "crypto": 5},
    "CM": {"western_union": 45, "moneygram": 20, "gift_card": 20, "mobile_money": 10, "crypto": 5},
    "MA": {"western_union": 40, "moneygram": 10, "ria": 10, "bank_transfer": 20, "crypto": 10, "gift_card": 5,
           "cash": 5},
    "NG": {"gift_card": 35, "crypto": 25, "western_union": 15, "paypal": 10, "moneygram": 5, "other": 10},
    "GH": {"gift_card": 30, "crypto": 20, "western_union": 20, "mobile_money": 10, "paypal": 10, "other": 10},
    "PH": {"paypal": 25, "mobile_money": 20, "western_union": 20, "crypto": 20, "gift_card": 10, "other": 5},
}
# Victims' countries that a group's scripts target (its market).
_MARKETS_FR = Weighted({"FR": 40, "CA": 24, "BE": 13, "CH": 8, "CI": 4, "SN": 3, "MA": 2, "GB": 3, "US": 3})
_MARKETS_MA = Weighted({"FR": 30, "BE": 14, "CA": 9, "CH": 5, "MA": 32, "GB": 5, "US": 5})
_MARKETS_EN = Weighted({"US": 38, "GB": 28, "CA": 28, "FR": 3, "BE": 1, "CH": 2})
_MARKETS_PH = Weighted({"US": 35, "GB": 20, "CA": 25, "FR": 12, "BE": 4, "CH": 4})
_METHODS_PLAIN = {country: Weighted(weights) for country, weights in _METHODS.items()}

_PERSONA_KINDS = Weighted({"woman": 80, "man": 10, "recruiter": 7, "teen": 3})


@dataclass(slots=True)
class Persona:
    """One fake profile: the name the victim knows, and its accounts."""

    kind: str                 # woman, man, recruiter, teen
    name: str                 # what the victim calls her/him: "Awa", "Elite Models Casting"
    full_name: str
    age: int
    city_fr: str
    city_en: str
    instagram: str
    snapchat: str
    tiktok: str
    facebook_id: str
    facebook_vanity: str
    email: str
    skype: str
    telegram: str
    # The same fake profile on the other apps groups work: handles with the same stem and tag. A
    # group recycles a profile wherever victims are (dating apps too), which is what links them.
    x: str
    discord: str
    kik: str
    wizz: str
    tinder: str               # a Tinder username (tinder.com/@…), which not every profile sets
    badoo: str                # a Badoo profile id (badoo.com/profile/…)
    meetic: str               # a Meetic pseudonym
    linkedin: str             # a LinkedIn vanity name (fake recruiters)
    photo: int = 0            # the profile picture, as a 256-bit PDQ-like code (``simulate.pictures``)


@dataclass(slots=True)
class Recipient:
    """A money-transfer recipient: a mule the group sends victims to, in one city."""

    given: list[str]
    surname: str
    country: str
    city: str


@dataclass(slots=True)
class Group:
    """A scammer group, or a lone scammer (``gid`` None) built the same way with fewer assets."""

    gid: str | None
    country: str
    francophone: bool
    markets: Weighted[str]
    phones: list[ids.Phone]
    skypes: list[str]
    personas: list[Persona]
    recipients: list[Recipient]
    wallets: list[tuple[str, str]]
    paypals: list[str]
    methods: Weighted[str]
    gift_brands: list[str]
    # The group's habits in writing (its "script"): the chat lines it uses, per language and slot.
    script: dict[str, dict[str, list[str]]]
    emoji: str
    signature_word: dict[str, str]
    shouts: bool
    no_accents: bool
    demand_scale: float
    targets_minors: float
    images_over_money: float
    start_day: float = 0.0
    end_day: float = 1e9
    local_victims: bool = field(default=False)


def _persona(rng: random.Random, kind: str, francophone: bool, tag: int, width: int) -> Persona:
    """A fake profile; its handles all end with the profile's tag, as scammers reuse one suffix."""
    if kind in ("woman", "teen"):
        first = one(rng, names.PERSONA_WOMEN_FR if francophone and chance(rng, 0.75) else names.PERSONA_WOMEN_EN)
    elif kind == "man":
        first = one(rng, names.PERSONA_MEN)
    else:
        first = one(rng, names.AGENCIES)
    last = one(rng, names.PERSONA_SURNAMES_FR if francophone else names.PERSONA_SURNAMES_EN)
    base_first = first.split(" ")[0] if kind != "recruiter" else first.replace(" ", "")[:12]
    base = ids.handle_base(rng, base_first, last)
    age = rng.randint(15, 17) if kind == "teen" else rng.randint(19, 29) if kind != "recruiter" else 0
    mark = ids.scramble(tag, width)
    return Persona(
        kind=kind, name=first, full_name=first if kind == "recruiter" else f"{first} {last}", age=age,
        city_fr=one(rng, names.PERSONA_CITIES_FR), city_en=one(rng, names.PERSONA_CITIES_EN),
        instagram=ids.tagged(rng, base, mark),
        snapchat=ids.short_handle(rng, base, mark, 15, dots=False),  # Snapchat allows 3 to 15 characters
        tiktok=ids.tagged(rng, base, mark), facebook_id=ids.facebook_id(rng, tag),
        facebook_vanity=ids.tagged(rng, base.replace("_", "."), mark).strip("._"),
        email=ids.email(rng, base, mark), skype=ids.skype_name(rng, base, mark),
        telegram=ids.tagged(rng, base, mark).replace(".", "_").strip("_"),
        x=ids.short_handle(rng, base, mark, 15, dots=False), discord=ids.tagged(rng, base, mark),
        kik=ids.short_handle(rng, base, mark, 20), wizz=ids.short_handle(rng, base, mark, 20),
        tinder=ids.short_handle(rng, base, mark, 20, dots=False), badoo=ids.badoo_id(rng, tag),
        meetic=ids.short_handle(rng, base, mark, 20, dots=False),
        linkedin=ids.tagged(rng, base.replace(".", "-").replace("_", "-"), mark).strip("._-"),
    )


def _recipient(rng: random.Random, country: str) -> Recipient:
    home = country
    if names.MULE_COUNTRIES.get(country) and chance(rng, 0.12):
        country = one(rng, names.MULE_COUNTRIES[country])
    given_pool, surnames = names.RECIPIENT_NAMES[home]
    if names.RECIPIENT_WOMEN[home] and rng.random() < 0.2:
        given_pool = names.RECIPIENT_WOMEN[home]
    given = [one(rng, given_pool)]
    if chance(rng, 0.55):
        second = one(rng, given_pool)
        if second != given[0]:
            given.append(second)
    return Recipient(given=given, surname=one(rng, surnames), country=country,
                     city=one(rng, names.CITIES[country]))


_PASTE_SLOTS = (("reveal", 1), ("threat", 2), ("friends", 1), ("demand", 1), ("deadline", 1))


def _script(rng: random.Random, pool: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """The group's favourite phrasings: a few lines per slot, reused victim after victim; and its
    "paste", the long threat message it keeps in a notepad and pastes to every victim (groups buy,
    share and reuse such scripts, which is why hotlines compare chat logs at all). The paste joins
    lines of the pools in an order of the group's own, so that two groups rarely write the same one;
    amounts, deadlines and names in it still change from victim to victim."""
    chosen: dict[str, list[str]] = {}
    for slot, lines in pool.items():
        start = int(rng.random() * len(lines))
        rotated = lines[start:] + lines[:start]
        step = 1 + int(rng.random() * 2)  # every line or every other one, from a random start
        chosen[slot] = list(rotated[::step][:2 + int(rng.random() * 3)])
    parts = [line for slot, count in _PASTE_SLOTS for line in rng.sample(pool[slot], count)]
    head, tail = parts[:2], parts[2:]
    rng.shuffle(tail)
    joiner = one(rng, (". ", " ", ", ", " !! ", "... "))
    chosen["paste"] = [joiner.join(head + tail)]
    return chosen


PERSONAS_PER_OWNER = 8  # tags: owner * 8 + persona (at most 7 personas; 7 is the PayPal account)
PHONES_PER_OWNER = 6


def build_group(rng: random.Random, gid: str | None, size_rank: float, owner: int, width: int) -> Group:
    """A group's assets; ``size_rank`` in (0, 1] is 1 for the biggest network, ~0 for the tail.

    ``owner`` is unique in the corpus (a group's rank, or a number past the groups for a lone
    scammer); it tags the identifiers that could otherwise collide, with ``width`` digits on handles.
    """
    country = _GROUP_COUNTRY.pick(rng)
    francophone = country in names.FRANCOPHONE_GROUPS
    lone = gid is None
    scale = 1 + size_rank * 2.5  # big networks have more phones, profiles and mules
    n_phones = 1 if lone else min(6, max(1, int(rng.triangular(1, 3 * scale, 1.5))))
    n_personas = 1 if lone else min(PERSONAS_PER_OWNER - 1, max(1, int(rng.triangular(1, 3 * scale, 1.5))))
    n_recipients = 1 if lone else min(6, max(1, int(rng.triangular(1, 2.5 * scale, 1))))
    if country == "MA":
        markets = _MARKETS_MA
    elif country == "PH":
        markets = _MARKETS_PH
    else:
        markets = _MARKETS_FR if francophone else _MARKETS_EN
    persona_mix = _PERSONA_KINDS
    targets_minors = one(rng, (0.05, 0.1, 0.15, 0.2, 0.35)) if not lone else 0.15
    kinds = [persona_mix.pick(rng) for _ in range(n_personas)]
    if targets_minors >= 0.3:
        kinds = [("teen" if k == "woman" and chance(rng, 0.5) else k) for k in kinds]
    if lone:
        methods = _METHODS_PLAIN[country]
    else:  # each group favours a few channels: its country's mix, reweighted at random
        methods = Weighted({key: w * rng.uniform(0.3, 1.7) for key, w in _METHODS[country].items()})
    n_wallets = 0 if not chance(rng, 0.35 if country in ("NG", "GH", "PH", "MA") else 0.15) else rng.randint(1, 2)
    return Group(
        gid=gid,
        country=country,
        francophone=francophone,
        markets=markets,
        phones=[ids.new_phone(rng, country, owner * PHONES_PER_OWNER + i) for i in range(n_phones)],
        skypes=[ids.skype_cid(rng) if chance(rng, 0.7) else ids.skype_name(rng, ids.handle_base(
            rng, one(rng, names.PERSONA_WOMEN_FR + names.PERSONA_WOMEN_EN)),
            ids.scramble(owner * PERSONAS_PER_OWNER + i, width)) for i in range(max(1, n_personas // 2))],
        personas=[_persona(rng, kind, francophone, owner * PERSONAS_PER_OWNER + i, width)
                  for i, kind in enumerate(kinds)],
        recipients=[_recipient(rng, country) for _ in range(n_recipients)],
        wallets=[ids.crypto_wallet(rng) for _ in range(n_wallets)],
        paypals=[ids.email(rng, ids.handle_base(rng, one(rng, names.RECIPIENT_NAMES[country][0])),
                           ids.scramble(owner * PERSONAS_PER_OWNER + PERSONAS_PER_OWNER - 1, width))],
        methods=methods,
        gift_brands=rng.sample(
            ["Transcash", "PCS", "Neosurf", "Google Play", "Steam", "Apple", "Amazon"]
            if francophone else ["Steam", "Google Play", "Apple", "Amazon", "Razer Gold"], 2),
        # A lone scammer meets one victim: no habits to repeat, the writer draws from the whole pool.
        script={"fr": {}, "en": {}} if lone else {"fr": _script(rng, CHAT_FR), "en": _script(rng, CHAT_EN)},
        emoji=one(rng, ("", "", "", " 😂", " 😈", " 🔥", " 🤣", " 👀", " ⏳", " 💰")),
        signature_word={
            "fr": one(rng, ("", "", "mon cher", "mon chou", "bb", "mon gars", "chéri", "frère", "ok?")),
            "en": one(rng, ("", "", "dear", "baby", "bro", "my friend", "ok?", "idiot")),
        },
        shouts=chance(rng, 0.2),
        no_accents=chance(rng, 0.6),
        demand_scale=one(rng, (0.5, 0.75, 1.0, 1.0, 1.0, 1.5, 2.0)),
        targets_minors=targets_minors,
        images_over_money=rng.uniform(0.2, 0.6),
        local_victims=country in ("MA", "CI", "SN"),
    )


class GroupBook:
    """The groups of one corpus: Zipf weights, activity windows, groups built on first use."""

    def __init__(self, seed: int, n_reports: int, span_days: float) -> None:
        self._seed = seed
        self.count = max(1, round(n_reports / 25))
        # Zipf exponent 0.9: the largest of ~200 groups has ~15 % of the victims, the tail a few each.
        weights = [1.0 / (rank ** 0.9) for rank in range(1, self.count + 1)]
        self._cum = list(accumulate(weights))
        self._total = self._cum[-1]
        self._span = span_days
        self._groups: dict[int, Group] = {}
        self._width = max(4, len(str(self.count)))
        self._lone_owners = self.count  # lone scammers are numbered after the groups
        # Handles' tags must stay unique for every owner, groups and lone scammers alike.
        self.tag_digits = ids.tag_width(PERSONAS_PER_OWNER * (self.count + n_reports + 1))
        self._stolen = pictures.stolen_pool(seed)

    def group(self, rank: int) -> Group:
        found = self._groups.get(rank)
        if found is None:
            rng = random.Random(f"tipline-sim/{self._seed}/group/{rank}")
            size_rank = 1.0 / rank ** 0.5 if rank <= 50 else 0.0
            found = build_group(rng, f"G{rank:0{self._width}d}", size_rank, rank, self.tag_digits)
            found.start_day, found.end_day = self._window(rng, rank)
            pictures.give_photos(self._seed, rank, found.personas, self._stolen)
            self._groups[rank] = found
        return found

    def _window(self, rng: random.Random, rank: int) -> tuple[float, float]:
        """Big networks run the whole period, mid-sized ones most of it; small groups appear, work a
        few months and vanish."""
        span = self._span
        if rank <= max(3, self.count // 40):
            start = rng.uniform(-0.3, 0.25) * span
            return start, span + 1
        mid_sized = rank <= max(6, self.count // 6)
        length = rng.uniform(0.45, 1.0) * span if mid_sized else rng.uniform(45, 300)
        start = rng.uniform(-length * 0.3, span - length * 0.7)
        return start, start + length

    def pick(self, rng: random.Random, day: float) -> Group:
        """A group by Zipf weight among those active on ``day`` (rejection sampling)."""
        for _ in range(60):
            rank = bisect(self._cum, rng.random() * self._total) + 1
            group = self.group(min(rank, self.count))
            if group.start_day <= day <= group.end_day:
                return group
        return self.group(1)

    def lone(self, rng: random.Random) -> Group:
        """A one-off scammer: fresh identifiers, never reused."""
        self._lone_owners += 1
        found = build_group(random.Random(rng.getrandbits(64)), None, 0.0, self._lone_owners, self.tag_digits)
        pictures.give_photos(self._seed, self._lone_owners, found.personas, self._stolen)
        return found
