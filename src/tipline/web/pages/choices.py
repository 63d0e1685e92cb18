"""The options of the form's lists, in the order a person expects them, with translated labels.

Labels are English msgids marked with :func:`N_` (so Babel's extractor finds them) and translated
when a page is rendered. Values are the domain's enum values: every one of them has an option, so
the form can say everything the API can.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

import pycountry
from babel import Locale

from tipline.domain.enums import AgeBand, Gender, IdentifierKind, PaymentMethod, Platform, ReporterRole

Gettext = Callable[[str], str]
Option = tuple[str, str]  # (value, label)
Group = tuple[str | None, list[Option]]  # (optgroup label or None, options)


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated later, at render time."""
    return message


ROLES: list[Option] = [
    (ReporterRole.victim, N_("It happened to me")),
    (ReporterRole.parent_guardian, N_("I am a parent or guardian of the person")),
    (ReporterRole.friend, N_("I am a friend or relative of the person")),
    (ReporterRole.professional, N_("I am helping as a professional (teacher, social worker, counsellor…)")),
    (ReporterRole.platform, N_("I work for an online platform")),
    (ReporterRole.other, N_("Other")),
]

AGE_BANDS: list[Option] = [
    (AgeBand.under_13, N_("Under 13")),
    (AgeBand.a13_15, N_("13 to 15")),
    (AgeBand.a16_17, N_("16 or 17")),
    (AgeBand.a18_20, N_("18 to 20")),
    (AgeBand.a21_30, N_("21 to 30")),
    (AgeBand.a31_40, N_("31 to 40")),
    (AgeBand.a41_50, N_("41 to 50")),
    (AgeBand.a51_60, N_("51 to 60")),
    (AgeBand.over_60, N_("Over 60")),
    (AgeBand.unknown, N_("I don't know")),
]

GENDERS: list[Option] = [
    (Gender.man, N_("Man or boy")),
    (Gender.woman, N_("Woman or girl")),
    (Gender.non_binary, N_("Non-binary")),
    (Gender.other, N_("Other")),
    (Gender.unknown, N_("I'd rather not say / I don't know")),
]

# Most reported first (sextortion starts mostly on Instagram, Snapchat and Facebook).
PLATFORMS: list[Option] = [
    (Platform.instagram, "Instagram"),
    (Platform.snapchat, "Snapchat"),
    (Platform.facebook, "Facebook"),
    (Platform.messenger, "Messenger"),
    (Platform.whatsapp, "WhatsApp"),
    (Platform.skype, "Skype"),
    (Platform.telegram, "Telegram"),
    (Platform.tiktok, "TikTok"),
    (Platform.x, "X (Twitter)"),
    (Platform.discord, "Discord"),
    (Platform.kik, "Kik"),
    (Platform.wizz, "Wizz"),
    (Platform.tinder, "Tinder"),
    (Platform.badoo, "Badoo"),
    (Platform.meetic, "Meetic"),
    (Platform.grindr, "Grindr"),
    (Platform.bumble, "Bumble"),
    (Platform.omegle_like, N_("A random video-chat site")),
    (Platform.linkedin, "LinkedIn"),
    (Platform.youtube, "YouTube"),
    (Platform.twitch, "Twitch"),
    (Platform.reddit, "Reddit"),
    (Platform.email, N_("Email")),
    (Platform.sms, N_("Text messages (SMS)")),
    (Platform.other, N_("Another app or site")),
]

PAYMENT_METHODS: list[Option] = [
    (PaymentMethod.western_union, "Western Union"),
    (PaymentMethod.moneygram, "MoneyGram"),
    (PaymentMethod.ria, "Ria"),
    (PaymentMethod.worldremit, "WorldRemit"),
    (PaymentMethod.gift_card, N_("Gift cards")),
    (PaymentMethod.crypto, N_("Cryptocurrency")),
    (PaymentMethod.bank_transfer, N_("Bank transfer")),
    (PaymentMethod.paypal, "PayPal"),
    (PaymentMethod.mobile_money, N_("Mobile money (Orange Money, Wave, M-Pesa…)")),
    (PaymentMethod.cash, N_("Cash")),
    (PaymentMethod.other, N_("Other")),
]

# "Not sure" first and the default: tipline then tries every kind on the value itself.
IDENTIFIER_KINDS: list[Option] = [
    (IdentifierKind.other, N_("Not sure / other")),
    (IdentifierKind.phone, N_("Phone number")),
    (IdentifierKind.email, N_("Email address")),
    (IdentifierKind.profile_url, N_("Link to a profile")),
    (IdentifierKind.instagram, N_("Instagram username")),
    (IdentifierKind.snapchat, N_("Snapchat username")),
    (IdentifierKind.facebook, N_("Facebook name or ID")),
    (IdentifierKind.whatsapp, N_("WhatsApp number")),
    (IdentifierKind.skype, N_("Skype ID")),
    (IdentifierKind.telegram, N_("Telegram username")),
    (IdentifierKind.tiktok, N_("TikTok username")),
    (IdentifierKind.x, N_("X (Twitter) username")),
    (IdentifierKind.discord, N_("Discord username")),
    (IdentifierKind.kik, N_("Kik username")),
    (IdentifierKind.handle, N_("Username on another app")),
    (IdentifierKind.url, N_("Other web link")),
    (IdentifierKind.transfer_reference, N_("Money transfer number (MTCN, reference)")),
    (IdentifierKind.transfer_recipient, N_("Name of the person who collected money")),
    (IdentifierKind.crypto, N_("Cryptocurrency address")),
    (IdentifierKind.iban, N_("Bank account (IBAN)")),
    (IdentifierKind.paypal, N_("PayPal account")),
    (IdentifierKind.gift_card, N_("Gift card code")),
]

# The canonical kinds of tipline.domain.identifier, as the receipt shows what was recognised.
FOUND_KINDS: dict[str, str] = {
    "phone": N_("Phone number"),
    "email": N_("Email address"),
    "profile": N_("Online account"),
    "url": N_("Web link"),
    "transfer_reference": N_("Money transfer number"),
    "transfer_recipient": N_("Money transfer recipient"),
    "crypto": N_("Cryptocurrency address"),
    "iban": N_("Bank account (IBAN)"),
    "paypal": N_("PayPal account"),
    "gift_card": N_("Gift card code"),
}

YES_NO_UNKNOWN: list[Option] = [("yes", N_("Yes")), ("no", N_("No")), ("unknown", N_("I don't know"))]
SELF_HARM: list[Option] = [
    ("yes", N_("Yes")),
    ("no", N_("No")),
    ("unknown", N_("I don't know")),
    ("prefer_not", N_("I'd rather not say")),
]

# The countries most reports come from, in the hotlines' own areas, shown first.
COMMON_COUNTRIES = ["CA", "FR", "BE", "CH", "LU", "GB", "US", "MA", "DZ", "TN", "CI", "SN", "CM", "BJ",
                    "BF", "TG", "CD", "NG", "GH", "PH"]
COMMON_CURRENCIES = ["CAD", "EUR", "USD", "GBP", "CHF", "XOF", "XAF", "MAD", "DZD", "TND", "NGN", "GHS",
                     "PHP", "CDF"]
# Codes that are not money a person sends (metals, funds, test codes).
_NOT_MONEY = {"XAU", "XAG", "XPT", "XPD", "XDR", "XTS", "XXX", "XBA", "XBB", "XBC", "XBD", "XSU", "XUA",
              "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW"}
# Offered as contact languages, each written in its own language (a person looks for their own).
CONTACT_LANGUAGES = ["fr", "en", "ar", "es", "pt", "de", "nl", "it"]


def translated(options: list[Option], gettext: Gettext) -> list[Option]:
    return [(value, gettext(label)) for value, label in options]


def _sort_key(text: str) -> str:
    """Accents do not move a name to the end of the list ('Égypte' sorts with E)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=4)
def _countries(language: str) -> tuple[Option, ...]:
    names = Locale.parse(language).territories
    pairs = [(c.alpha_2, names.get(c.alpha_2, c.name)) for c in pycountry.countries]
    return tuple(sorted(pairs, key=lambda p: _sort_key(p[1])))


def countries(language: str, gettext: Gettext) -> list[Group]:
    every = list(_countries(language))
    names = dict(every)
    return [(gettext("Most common"), [(c, names[c]) for c in COMMON_COUNTRIES]),
            (gettext("All countries"), every)]


@lru_cache(maxsize=4)
def _currencies(language: str) -> tuple[Option, ...]:
    names = Locale.parse(language).currencies
    codes = [c.alpha_3 for c in pycountry.currencies if c.alpha_3 not in _NOT_MONEY]
    return tuple((code, f"{code} — {names.get(code, code)}") for code in sorted(codes))


def currencies(language: str, gettext: Gettext) -> list[Group]:
    every = list(_currencies(language))
    labels = dict(every)
    return [(gettext("Most common"), [(c, labels[c]) for c in COMMON_CURRENCIES]),
            (gettext("All currencies"), every)]


def contact_languages() -> list[Option]:
    out = []
    for code in CONTACT_LANGUAGES:
        name = Locale.parse(code).get_display_name(code) or code
        out.append((code, name[:1].upper() + name[1:]))
    return out
