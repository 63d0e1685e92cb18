"""The closed vocabularies of a report. Values are the wire format: never rename one, only add."""

from __future__ import annotations

from enum import StrEnum


class Source(StrEnum):
    web = "web"
    api = "api"
    import_ = "import"
    partner = "partner"


class ReporterRole(StrEnum):
    victim = "victim"
    parent_guardian = "parent_guardian"
    friend = "friend"
    professional = "professional"
    platform = "platform"
    other = "other"


class AgeBand(StrEnum):
    under_13 = "under-13"
    a13_15 = "13-15"
    a16_17 = "16-17"
    a18_20 = "18-20"
    a21_30 = "21-30"
    a31_40 = "31-40"
    a41_50 = "41-50"
    a51_60 = "51-60"
    over_60 = "over-60"
    unknown = "unknown"

    @property
    def is_minor(self) -> bool:
        return self in (AgeBand.under_13, AgeBand.a13_15, AgeBand.a16_17)


class Gender(StrEnum):
    man = "man"
    woman = "woman"
    non_binary = "non_binary"
    other = "other"
    unknown = "unknown"


class Platform(StrEnum):
    facebook = "facebook"
    messenger = "messenger"
    instagram = "instagram"
    snapchat = "snapchat"
    tiktok = "tiktok"
    x = "x"
    skype = "skype"
    whatsapp = "whatsapp"
    telegram = "telegram"
    discord = "discord"
    kik = "kik"
    tinder = "tinder"
    badoo = "badoo"
    meetic = "meetic"
    grindr = "grindr"
    bumble = "bumble"
    linkedin = "linkedin"
    youtube = "youtube"
    twitch = "twitch"
    reddit = "reddit"
    wizz = "wizz"
    omegle_like = "omegle_like"
    email = "email"
    sms = "sms"
    other = "other"


class PaymentMethod(StrEnum):
    western_union = "western_union"
    moneygram = "moneygram"
    ria = "ria"
    worldremit = "worldremit"
    gift_card = "gift_card"
    crypto = "crypto"
    bank_transfer = "bank_transfer"
    paypal = "paypal"
    mobile_money = "mobile_money"
    cash = "cash"
    other = "other"


class IdentifierKind(StrEnum):
    """What a reporter may say a scammer's identifier is, in the form or the API.

    Extraction (``tipline.extract``) turns these into canonical identifiers; the platform-named
    kinds are handles on that platform.
    """

    phone = "phone"
    email = "email"
    profile_url = "profile_url"
    url = "url"
    handle = "handle"
    facebook = "facebook"
    instagram = "instagram"
    snapchat = "snapchat"
    tiktok = "tiktok"
    x = "x"
    skype = "skype"
    whatsapp = "whatsapp"
    telegram = "telegram"
    discord = "discord"
    kik = "kik"
    transfer_reference = "transfer_reference"
    transfer_recipient = "transfer_recipient"
    crypto = "crypto"
    iban = "iban"
    paypal = "paypal"
    gift_card = "gift_card"
    other = "other"


class LinkSource(StrEnum):
    """Where an identifier of a report came from."""

    form = "form"
    narrative = "narrative"
    chat = "chat"
    follow_up = "follow_up"
    evidence = "evidence"
