"""One victim's case as facts: what happened, when, what was asked and paid, what identifiers.

The facts are drawn once and then rendered twice, as structured fields (``corpus``) and as
narrative and chat text (``writer``), so that the two agree the way a careful reporter's would:
the amount in the narrative is the amount in the form, the recipient named in the chat is the
group's. Which identifiers a reporter gives, and where (form, text or both), is drawn here too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tipline.simulate import identifiers as ids
from tipline.simulate import money, names
from tipline.simulate.groups import Group, Persona, Recipient
from tipline.simulate.pick import Weighted, below, one, zipf_pick
from tipline.simulate.variants import name_variant
from tipline.simulate.victims import Victim

_FIRST_ADULT_MAN = Weighted({
    "facebook": 32, "instagram": 24, "snapchat": 8, "tinder": 7, "badoo": 4, "meetic": 2, "tiktok": 5,
    "messenger": 5, "x": 2, "linkedin": 1, "omegle_like": 2, "telegram": 1, "whatsapp": 2, "other": 1,
})
_FIRST_GAY = Weighted({"grindr": 50, "instagram": 18, "facebook": 14, "tinder": 10, "snapchat": 5, "x": 3})
_FIRST_MINOR = Weighted({"instagram": 34, "snapchat": 30, "tiktok": 15, "wizz": 7, "discord": 5, "facebook": 4,
                         "omegle_like": 3, "kik": 2})
_FIRST_WOMAN = Weighted({"facebook": 30, "instagram": 30, "tinder": 14, "snapchat": 10, "badoo": 5, "meetic": 5,
                         "tiktok": 6})
_MOVE_WEBCAM = Weighted({"skype": 40, "whatsapp": 34, "snapchat": 9, "messenger": 8, "telegram": 6, "other": 3})
_MOVE_IMAGES = Weighted({"snapchat": 30, "whatsapp": 28, "instagram": 12, "telegram": 14, "skype": 6, "discord": 5,
                         "kik": 5})
_LEAVE_AT_ONCE = frozenset({"tinder", "badoo", "meetic", "grindr", "omegle_like", "other"})
_DEADLINE_HOURS = (24, 24, 48, 6, 12, 1, 0.5, 3, 48)  # the texts' DEADLINES, in hours
_TRISTATE_SHARED = Weighted({False: 40, "unknown": 30, True: 8, None: 22})
_TRISTATE_FRIENDS = Weighted({False: 48, True: 15, "unknown": 10, None: 27})
_GIFT_METHODS = frozenset({"gift_card"})
_TRANSFER_METHODS = frozenset({"western_union", "moneygram", "ria"})
_IGSH_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_REFERENCE_MAKERS = {"western_union": ids.mtcn, "moneygram": ids.moneygram_ref, "ria": ids.ria_pin}


@dataclass(slots=True)
class PaymentFact:
    amount: int
    currency: str
    method: str
    paid_at: datetime
    recipient: Recipient | None = None
    recipient_text: str | None = None
    reference: str | None = None
    brand: str | None = None
    wallet: str | None = None


@dataclass(slots=True)
class Mention:
    """An identifier the reporter gives: in the form (``form_kind``/``form_value``), in the text, or both."""

    lead: str                 # the kind's key in the texts' IDENT_LEAD tables
    form_kind: str | None
    form_value: str | None
    text_value: str | None
    platform: str | None = None


@dataclass(slots=True)
class Story:
    index: int
    group: Group
    victim: Victim
    persona: Persona
    persona_kind: str
    persona_name: str
    received: datetime
    first_contact: datetime
    threat_at: datetime
    source: str
    scheme: str                    # webcam or images
    pf1: str
    moved: list[str]
    money: bool
    demand: int
    currency: str
    method: str
    recipient: Recipient
    recipient_text: str
    wallet: str | None
    brand: str
    phone: ids.Phone | None
    images_demanded: bool
    deadline_index: int | None
    payments: list[PaymentFact] = field(default_factory=list)
    more: int | None = None
    friends_contacted: bool | str | None = None
    images_shared: bool | str | None = None
    self_harm: bool = False
    mentions: list[Mention] = field(default_factory=list)
    chat_lang: str = "fr"
    text_values: dict[str, dict[str, object]] = field(default_factory=dict)  # writer's placeholders


def _persona(rng: random.Random, group: Group, victim: Victim) -> tuple[Persona, str, str]:
    """The profile that met this victim, and the kind and name the victim saw."""
    if victim.gender == "woman" or victim.gay:
        wanted = ("man",)
    elif victim.minor:
        wanted = ("teen", "woman", "recruiter") if victim.gender != "woman" else ("man", "recruiter")
    else:
        wanted = ("woman", "woman", "recruiter") if victim.age_band == "18-20" else ("woman",)
    fitting = [p for p in group.personas if p.kind in wanted]
    if fitting:
        persona = zipf_pick(rng, fitting)
        return persona, persona.kind, persona.name
    persona = zipf_pick(rng, group.personas)
    kind = wanted[0]
    # A profile re-skinned for this victim: the accounts stay, the shown name changes, stably.
    pool = names.PERSONA_MEN if kind == "man" else (
        names.PERSONA_WOMEN_FR if victim.language == "fr" else names.PERSONA_WOMEN_EN)
    return persona, kind, pool[int(persona.facebook_id[-4:]) % len(pool)]


def _times(rng: random.Random, received: datetime) -> tuple[datetime, datetime]:
    """First contact hours to weeks before the report; the threat soon after the first contact."""
    lag_hours = min(max(rng.lognormvariate(3.7, 1.1), 1.5), 24 * 90)
    first = received - timedelta(hours=lag_hours)
    threat = first + timedelta(hours=lag_hours * rng.uniform(0.03, 0.5))
    return first.replace(second=0, microsecond=0), threat.replace(second=0, microsecond=0)


def _platforms(rng: random.Random, victim: Victim, kind: str, scheme: str) -> tuple[str, list[str]]:
    if victim.gay:
        first = _FIRST_GAY.pick(rng)
    elif victim.minor:
        first = _FIRST_MINOR.pick(rng)
    elif victim.gender == "woman":
        first = _FIRST_WOMAN.pick(rng)
    else:
        first = _FIRST_ADULT_MAN.pick(rng)
    if kind == "recruiter" and first not in ("instagram", "facebook", "tiktok"):
        first = "instagram"
    if first == "meetic" and victim.language != "fr":
        first = "tinder"
    moved: list[str] = []
    # Scammers move victims off dating apps and video-chat sites at once (those moderate and have
    # no private video calls); elsewhere most, not all, conversations move too.
    if rng.random() < (0.97 if first in _LEAVE_AT_ONCE else 0.85):
        mover = _MOVE_WEBCAM if scheme == "webcam" else _MOVE_IMAGES
        target = mover.pick(rng)
        if target != first:
            moved.append(target)
        if rng.random() < 0.2:
            second = mover.pick(rng)
            if second != first and second not in moved:
                moved.append(second)
    return first, moved


def _payments(rng: random.Random, story: Story) -> None:
    group, victim = story.group, story.victim
    count = 1 if rng.random() < 0.7 else 2 if rng.random() < 0.75 else 3
    when = story.threat_at
    for i in range(count):
        method = story.method if i == 0 or rng.random() < 0.7 else group.methods.pick(rng)
        if method in _GIFT_METHODS:
            amount = money.gift_amount(rng, story.currency, story.demand)
        elif i == 0:
            amount = money.partial(rng, story.demand, story.currency)
        else:
            amount = money.partial(rng, story.more or story.demand, story.currency)
        when = when + (story.received - when) * rng.uniform(0.05, 0.5)  # always before the report
        fact = PaymentFact(amount=amount, currency=story.currency, method=method,
                           paid_at=when.replace(second=0, microsecond=0))
        if method in _TRANSFER_METHODS or method in ("mobile_money", "bank_transfer", "cash"):
            recipient = story.recipient if i == 0 or rng.random() < 0.6 else zipf_pick(rng, group.recipients)
            fact.recipient = recipient
            fact.recipient_text = story.recipient_text if recipient is story.recipient else name_variant(
                rng, recipient.given, recipient.surname)
        if method in _REFERENCE_MAKERS:
            fact.reference = _REFERENCE_MAKERS[method](rng, story.index * 4 + i)
        elif method == "gift_card":
            fact.brand = story.brand
            fact.reference = ids.gift_code(rng, story.brand, story.index * 4 + i)
        elif method == "crypto":
            fact.wallet = story.wallet
        story.payments.append(fact)
        if i == 0 and count > 1:
            story.more = money.demand_amount(rng, story.currency, group.demand_scale * 0.6, victim.minor)


def _instagram_text(rng: random.Random, handle: str) -> str:
    r = below(rng, 5)
    if r == 0:
        return "@" + handle
    if r == 1:
        return handle
    if r == 2:
        return "instagram.com/" + handle
    if r == 3:
        return f"https://www.instagram.com/{handle}/"
    return f"https://www.instagram.com/{handle}?igsh=" + "".join(rng.choices(_IGSH_ALPHABET, k=16))


def _facebook_text(rng: random.Random, persona: Persona) -> str:
    r = below(rng, 5)
    if r == 0:
        return "https://www.facebook.com/profile.php?id=" + persona.facebook_id
    if r == 1:
        return "facebook.com/profile.php?id=" + persona.facebook_id
    if r == 2:
        return "https://m.facebook.com/profile.php?id=" + persona.facebook_id
    if r == 3:
        return "facebook.com/" + persona.facebook_vanity
    return "https://www.facebook.com/" + persona.facebook_vanity


# What a reporter can tell about the scammer's accounts. The report form asks for "the account
# that contacted you" and "where the conversation continued (number, Snapchat, Skype…)", and a
# victim is usually still receiving that account's threats when they write: they nearly always
# know both. What they cannot give is what the platform never shows: Grindr has no usernames, a
# random video-chat site no accounts, and only some Tinder profiles set a username. How often each
# account can be named, per platform:
_NAMEABLE = {
    "instagram": 0.92, "snapchat": 0.92, "tiktok": 0.9, "facebook": 0.88, "messenger": 0.88, "x": 0.9,
    "telegram": 0.9, "discord": 0.9, "kik": 0.9, "wizz": 0.88, "skype": 0.92, "whatsapp": 0.95,
    "linkedin": 0.88, "meetic": 0.85, "badoo": 0.75, "tinder": 0.6,
}
# Reports that name no account at all: a parent who only knows "someone on Snapchat", a friend
# reporting for a victim, a victim who deleted everything in panic. A few per cent at a hotline.
_NOTHING = 0.03
_DATING = frozenset({"tinder", "badoo", "meetic", "grindr"})


def _account(rng: random.Random, story: Story, platform: str) -> Mention | None:
    """The persona's account on ``platform`` as the reporter gives it (form kind and value, and
    how it is written in a text), or None for a platform without accounts one can name."""
    persona = story.persona
    if platform == "instagram":
        text = _instagram_text(rng, persona.instagram)
        if rng.random() < 0.6:
            return Mention("instagram", "instagram", one(rng, ("", "@")) + persona.instagram, text, "instagram")
        return Mention("instagram", "profile_url", f"https://www.instagram.com/{persona.instagram}/", text,
                       "instagram")
    if platform == "snapchat":
        return Mention("snapchat", "snapchat", persona.snapchat, one(rng, (
            persona.snapchat, "@" + persona.snapchat, "snapchat.com/add/" + persona.snapchat)), "snapchat")
    if platform == "tiktok":
        return Mention("tiktok", "tiktok", "@" + persona.tiktok,
                       one(rng, ("@" + persona.tiktok, "tiktok.com/@" + persona.tiktok)), "tiktok")
    if platform in ("facebook", "messenger"):
        url = "https://www.facebook.com/profile.php?id=" + persona.facebook_id
        if rng.random() < 0.3:
            url = "https://www.facebook.com/" + persona.facebook_vanity
        return Mention("facebook", "profile_url", url, _facebook_text(rng, persona), "facebook")
    if platform == "telegram":
        return Mention("telegram", "telegram", "@" + persona.telegram,
                       one(rng, ("t.me/" + persona.telegram, "@" + persona.telegram)), "telegram")
    if platform == "x":
        return Mention("x", "x", "@" + persona.x, one(rng, ("@" + persona.x, "x.com/" + persona.x,
                                                          "https://twitter.com/" + persona.x)), "x")
    if platform == "discord":
        return Mention("discord", "discord", persona.discord, persona.discord, "discord")
    if platform == "kik":
        return Mention("kik", "kik", persona.kik, one(rng, (persona.kik, "kik.me/" + persona.kik)), "kik")
    if platform == "wizz":
        return Mention("wizz", "handle", persona.wizz, "@" + persona.wizz, "wizz")
    if platform == "meetic":
        return Mention("meetic", "handle", persona.meetic, persona.meetic, "meetic")
    if platform == "tinder":
        if rng.random() < 0.5:
            return Mention("tinder", "handle", persona.tinder, "@" + persona.tinder, "tinder")
        return Mention("tinder", "profile_url", "https://tinder.com/@" + persona.tinder,
                       "tinder.com/@" + persona.tinder, "tinder")
    if platform == "badoo":
        url = "https://badoo.com/profile/" + persona.badoo
        return Mention("badoo", "profile_url", url, one(rng, (url, "badoo.com/profile/" + persona.badoo)), "badoo")
    if platform == "linkedin":
        url = "https://www.linkedin.com/in/" + persona.linkedin
        return Mention("linkedin", "profile_url", url, one(rng, (url, "linkedin.com/in/" + persona.linkedin)),
                       "linkedin")
    if platform == "skype":
        # Groups record from a few shared Skype accounts; some personas have their own.
        skype = zipf_pick(rng, story.group.skypes) if rng.random() < 0.7 else persona.skype
        return Mention("skype", "skype", skype, skype)
    if platform == "whatsapp" and story.phone is not None:
        phone = story.phone
        kind = "whatsapp" if rng.random() < 0.5 else "phone"
        return Mention("phone", kind, phone.form_value(rng, story.victim.idd_00), phone.text_value(rng))
    return None  # grindr (no usernames), omegle_like, other


def _placed(rng: random.Random, mention: Mention) -> Mention:
    """Where the reporter writes it: the form only, the text only, or both."""
    r = rng.random()
    if r < 0.5 or mention.text_value is None:
        mention.text_value = None
    elif r < 0.75:
        mention.form_kind = mention.form_value = None
    return mention


def _mentions(rng: random.Random, story: Story) -> list[Mention]:
    """The group's identifiers this reporter knows and gives: the account that made contact and
    the accounts or number the conversation moved to, nearly always; payment details when the
    scammer gave them; none at all for a few reports (``_NOTHING``)."""
    if rng.random() < _NOTHING:
        return []
    out: list[Mention] = []
    platforms = [story.pf1, *story.moved]
    for platform in platforms:
        if rng.random() < _NAMEABLE.get(platform, 0.0):
            found = _account(rng, story, platform)
            if found is not None:
                out.append(_placed(rng, found))
    persona, phone = story.persona, story.phone
    if phone is not None and "whatsapp" not in platforms and rng.random() < 0.4:
        # A number without WhatsApp: the scammer called, texted, or gave it for mobile money.
        out.append(_placed(rng, Mention("phone", "phone", phone.form_value(rng, story.victim.idd_00),
                                        phone.text_value(rng))))
    # Dating profiles are opened with an e-mail address, which scammers sometimes hand out.
    if (_DATING.intersection(platforms) or rng.random() < 0.08) and rng.random() < 0.4:
        out.append(_placed(rng, Mention("email", "email", persona.email, persona.email)))
    # Where to send the money is the one thing the scammer spells out.
    if story.wallet and story.method == "crypto" and rng.random() < 0.85:
        out.append(_placed(rng, Mention("crypto", "crypto", story.wallet, story.wallet)))
    if story.method == "paypal" and story.group.paypals and rng.random() < 0.85:
        paypal = story.group.paypals[0]
        out.append(_placed(rng, Mention("paypal", "paypal", paypal, paypal)))
    if story.money and story.method in _TRANSFER_METHODS and not story.payments and rng.random() < 0.6:
        # Told where to send, not (yet) paid: the recipient is all the victim has.
        out.append(_placed(rng, Mention("transfer_recipient", "transfer_recipient", story.recipient_text,
                                        story.recipient_text)))
    for payment in story.payments:
        if payment.method == "gift_card" and payment.reference and rng.random() < 0.3:
            out.append(Mention("gift_card", "gift_card", f"{payment.brand} {payment.reference}", None))
    return out


def draw_story(rng: random.Random, index: int, group: Group, victim: Victim, received: datetime,
               source: str) -> Story:
    persona, kind, shown = _persona(rng, group, victim)
    first, threat = _times(rng, received)
    if kind == "recruiter" or (victim.minor and rng.random() < 0.6):
        scheme = "images"
    else:
        scheme = "webcam" if rng.random() < 0.72 else "images"
    pf1, moved = _platforms(rng, victim, kind, scheme)
    # Sexual rather than financial extortion: girls more often than boys.
    images_odds = group.images_over_money * (1.4 if victim.gender == "woman" else 1.0)
    images_demanded = victim.minor and rng.random() < images_odds
    has_money = not images_demanded or rng.random() < 0.25
    currency = victim.currency
    if victim.language == "en" and currency not in ("USD", "GBP") and rng.random() < 0.08:
        currency = "USD"
    method = group.methods.pick(rng)
    if victim.minor and rng.random() < 0.45:
        method = "gift_card"
    if method == "crypto" and not group.wallets:
        method = "western_union" if rng.random() < 0.5 else "gift_card"
    recipient = zipf_pick(rng, group.recipients)
    story = Story(
        index=index, group=group, victim=victim, persona=persona, persona_kind=kind, persona_name=shown,
        received=received, first_contact=first, threat_at=threat, source=source, scheme=scheme, pf1=pf1,
        moved=moved, money=has_money,
        demand=money.demand_amount(rng, currency, group.demand_scale, victim.minor), currency=currency,
        method=method, recipient=recipient, recipient_text=name_variant(rng, recipient.given, recipient.surname),
        wallet=zipf_pick(rng, group.wallets)[1] if group.wallets else None,
        brand=one(rng, group.gift_brands),
        # A WhatsApp conversation has a number; otherwise most, not all, victims get one.
        phone=zipf_pick(rng, group.phones) if "whatsapp" in (pf1, *moved) or rng.random() < 0.8 else None,
        images_demanded=images_demanded,
        deadline_index=below(rng, len(_DEADLINE_HOURS)) if rng.random() < 0.55 else None,
        friends_contacted=_TRISTATE_FRIENDS.pick(rng), images_shared=_TRISTATE_SHARED.pick(rng),
        self_harm=rng.random() < (0.07 if victim.minor else 0.045),
    )
    if story.friends_contacted is True and story.images_shared is False:
        story.images_shared = True
    if has_money and rng.random() < (0.28 if victim.minor else 0.36):
        _payments(rng, story)
    story.mentions = _mentions(rng, story)
    story.chat_lang = victim.language
    if victim.mixed or (victim.language == "fr" and not group.francophone and rng.random() < 0.4):
        story.chat_lang = "en" if victim.language == "fr" else "fr"
    return story


def deadline_at(story: Story) -> datetime | None:
    if story.deadline_index is None:
        return None
    return story.threat_at + timedelta(hours=_DEADLINE_HOURS[story.deadline_index])
