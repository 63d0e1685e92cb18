"""Who reports: the victim's age, gender, country and language, and who writes the report.

The shares follow published figures: the UK NCA sees mostly men aged 21–30; Canada's C3P found
nearly half of the victims were young men, and a share of minors (about one in six here), who are
more often asked for more images than for money and whose parents sometimes write the report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tipline.simulate import names
from tipline.simulate.groups import Group
from tipline.simulate.pick import Weighted, one

_AGE_BANDS = Weighted({
    "13-15": 6, "16-17": 11, "18-20": 25, "21-30": 37, "31-40": 10, "41-50": 6, "51-60": 3,
    "over-60": 1, "unknown": 1,
})
_AGE_IN_BAND = {"13-15": (13, 15), "16-17": (16, 17), "18-20": (18, 20), "21-30": (21, 30),
                "31-40": (31, 40), "41-50": (41, 50), "51-60": (51, 60), "over-60": (61, 72)}
_MINOR_BANDS = frozenset({"13-15", "16-17"})
_ADULT_GENDER = Weighted({"man": 88, "woman": 10, "non_binary": 1, "unknown": 1})
_MINOR_GENDER = Weighted({"man": 72, "woman": 27, "non_binary": 1})
_ADULT_ROLE = Weighted({"victim": 91, "friend": 4, "professional": 2, "other": 2, "platform": 1})
_MINOR_ROLE = Weighted({"victim": 58, "parent_guardian": 34, "professional": 5, "friend": 3})
CURRENCIES = {"CA": "CAD", "FR": "EUR", "BE": "EUR", "CH": "CHF", "GB": "GBP", "US": "USD", "MA": "MAD",
              "CI": "XOF", "SN": "XOF"}
_IDD_00 = frozenset({"FR", "BE", "CH", "GB", "MA", "CI", "SN"})  # countries dialling abroad with 00


@dataclass(slots=True)
class Victim:
    age_band: str
    age: int | None
    gender: str
    country: str
    language: str        # the report's language
    mixed: bool          # code-switches between French and English
    dialect: str | None  # qc, be, ch: regional French
    role: str            # reporter_role
    minor: bool
    first_name: str
    currency: str
    idd_00: bool
    gay: bool            # a man targeted by a male persona


def draw_victim(rng: random.Random, group: Group) -> Victim:
    band = _AGE_BANDS.pick(rng)
    minor = band in _MINOR_BANDS
    # Groups that target teenagers do so through teen personas; others mostly reach adults.
    if not minor and rng.random() < (group.targets_minors * 0.12):
        band = one(rng, ("13-15", "16-17", "16-17"))
        minor = True
    gender = (_MINOR_GENDER if minor else _ADULT_GENDER).pick(rng)
    age = None
    if band in _AGE_IN_BAND and rng.random() < (0.35 if not minor else 0.7):
        age = rng.randint(*_AGE_IN_BAND[band])
    country = group.markets.pick(rng)
    if country in ("CI", "SN", "MA") and not group.local_victims:
        country = "FR"
    if country == "CA":
        language = "fr" if rng.random() < (0.8 if group.francophone else 0.15) else "en"
    elif country in ("FR", "BE", "CI", "SN"):
        language = "fr" if rng.random() < 0.985 else "en"
    elif country in ("CH", "MA"):
        language = "fr" if rng.random() < 0.9 else "en"
    else:
        language = "en" if rng.random() < 0.97 else "fr"
    mixed = rng.random() < (0.25 if country == "CA" else 0.05)
    dialect = {"CA": "qc", "BE": "be", "CH": "ch"}.get(country) if language == "fr" else None
    role = (_MINOR_ROLE if minor else _ADULT_ROLE).pick(rng)
    if minor and band == "16-17" and role == "parent_guardian" and rng.random() < 0.3:
        role = "victim"
    first = one(rng, names.VICTIM_WOMEN if gender == "woman" else names.VICTIM_MEN)
    currency = CURRENCIES[country]
    if currency == "XOF" and rng.random() < 0.3:
        currency = "EUR"  # the diaspora and expatriates pay in euros
    gay = gender == "man" and not minor and rng.random() < 0.07
    return Victim(band, age, gender, country, language, mixed, dialect, role, minor, first, currency,
                  country in _IDD_00, gay)


def contact_block(rng: random.Random, victim: Victim, source: str) -> dict[str, object]:
    """The reporter's own contact: often empty; only reserved example domains and fictional numbers."""
    out: dict[str, object] = {}
    if source == "web" and rng.random() < 0.45:
        local = victim.first_name.lower().replace("é", "e").replace("è", "e").replace("ï", "i").replace("ë", "e")
        out["email"] = f"{local}{rng.randrange(1, 999)}@example.{one(rng, ('org', 'com', 'net'))}"
    if rng.random() < 0.08:
        out["phone"] = {
            "GB": "+44 7700 900" + str(rng.randrange(100, 1000)),
            "US": "+1 202-555-01" + str(rng.randrange(10, 100)),
            "CA": "+1 514-555-01" + str(rng.randrange(10, 100)),
            "FR": "+33 6 39 98 " + str(rng.randrange(10, 100)) + " " + str(rng.randrange(10, 100)),
        }.get(victim.country, "+1 555-01" + str(rng.randrange(10, 100)))
    if out or rng.random() < 0.3:
        out["consent_contact"] = bool(out) and rng.random() < 0.85
        out["consent_share_with_police"] = rng.random() < 0.6
    return out
