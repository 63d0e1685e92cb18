"""Translation and formatting helpers for the plan's texts.

English sentences are the msgids, written where they are used (``rules.py``) inside ``_("…")`` so
that Babel's extractor finds them; French lives in ``locale/fr/LC_MESSAGES/guidance.po``.
Placeholders use ``str.format`` names (``{amount}``) and are filled *after* translation, so a
translator can move them. Labels that are only looked up later are marked with :func:`N_`.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_currency

from tipline.domain.enums import PaymentMethod, Platform
from tipline.i18n import DEFAULT, SUPPORTED, translations

DOMAIN = "guidance"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it here."""
    return message


def normalise_language(language: str | None) -> str:
    """'fr', 'fr-CA', 'FR_ca' -> 'fr'; anything without a catalog -> English."""
    code = (language or DEFAULT).replace("_", "-").split("-")[0].strip().lower()
    return code if code in SUPPORTED else DEFAULT


class Translator:
    """``_("English")`` -> the text in the plan's language, plus locale-aware formatting."""

    def __init__(self, language: str) -> None:
        self.language = normalise_language(language)
        self._catalog = translations(self.language, DOMAIN)

    def __call__(self, message: str) -> str:
        return self._catalog.gettext(message)

    def money(self, amount: Decimal, currency: str) -> str:
        """'CA$1,500' / '1 500 $CA': a whole amount without the '.00' the reporter never wrote."""
        return _money(amount, currency, self.language)

    def join(self, parts: list[str]) -> str:
        """'a, b and c' / 'a, b et c'."""
        return format_list(parts, locale=self.language) if parts else ""

    def country(self, code: str) -> str:
        return Locale.parse(self.language).territories.get(code, code)


# Proper names stay as they are; the generic ones are translated.
PLATFORM_LABELS: dict[Platform, str] = {
    Platform.facebook: "Facebook",
    Platform.messenger: "Messenger",
    Platform.instagram: "Instagram",
    Platform.snapchat: "Snapchat",
    Platform.tiktok: "TikTok",
    Platform.x: "X (Twitter)",
    Platform.skype: "Skype",
    Platform.whatsapp: "WhatsApp",
    Platform.telegram: "Telegram",
    Platform.discord: "Discord",
    Platform.kik: "Kik",
    Platform.tinder: "Tinder",
    Platform.badoo: "Badoo",
    Platform.meetic: "Meetic",
    Platform.grindr: "Grindr",
    Platform.bumble: "Bumble",
    Platform.linkedin: "LinkedIn",
    Platform.youtube: "YouTube",
    Platform.twitch: "Twitch",
    Platform.reddit: "Reddit",
    Platform.wizz: "Wizz",
    Platform.omegle_like: N_("a random video-chat site"),
    Platform.email: N_("email"),
    Platform.sms: N_("text messages (SMS)"),
}

METHOD_LABELS: dict[PaymentMethod, str] = {
    PaymentMethod.western_union: "Western Union",
    PaymentMethod.moneygram: "MoneyGram",
    PaymentMethod.ria: "Ria",
    PaymentMethod.worldremit: "WorldRemit",
    PaymentMethod.gift_card: N_("gift cards"),
    PaymentMethod.crypto: N_("cryptocurrency"),
    PaymentMethod.bank_transfer: N_("bank transfer"),
    PaymentMethod.paypal: "PayPal",
    PaymentMethod.mobile_money: N_("mobile money"),
    PaymentMethod.cash: N_("cash"),
}


@lru_cache(maxsize=4096)
def _money(amount: Decimal, currency: str, language: str) -> str:
    # Cached: the same few amounts come back report after report, and Babel's formatting is slow.
    if amount == amount.to_integral_value():
        pattern = Locale.parse(language).currency_formats["standard"].pattern
        pattern = pattern.split(";")[0].replace("0.00", "0")
        return format_currency(amount, currency, format=pattern, locale=language, currency_digits=False)
    return format_currency(amount, currency, locale=language)
