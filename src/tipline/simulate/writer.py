"""Renders a story as the narrative a reporter types and the chat log they paste.

Sentences come from the language's template slots (``texts_fr``, ``texts_en``); then the
reporter's style is applied (SMS abbreviations, dropped accents, typos, Québec, Belgian or Swiss
words), and the scammer's lines follow the group's script and quirks, so that one group's chats
look alike across victims while no two narratives are the same.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from types import ModuleType

from tipline.simulate import money, names, texts_en, texts_fr
from tipline.simulate.identifiers import format_mtcn
from tipline.simulate.pick import Weighted, below, one
from tipline.simulate.scenario import Story
from tipline.simulate.variants import casual, decompose, dialect, lower_words, no_questions, strip_accents, typos

TEXTS: dict[str, ModuleType] = {"fr": texts_fr, "en": texts_en}
PLATFORM_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "facebook": ("Facebook", "facebook", "FB", "Facebook"), "messenger": ("Messenger", "messenger"),
        "instagram": ("Instagram", "insta", "Insta", "instagram"), "snapchat": ("Snapchat", "snap", "Snap"),
        "tiktok": ("TikTok", "tiktok", "Tiktok"), "skype": ("Skype", "skype"),
        "whatsapp": ("WhatsApp", "whatsapp", "Whatsapp", "wtsp", "WA"), "telegram": ("Telegram", "telegram"),
        "tinder": ("Tinder",), "badoo": ("Badoo",), "meetic": ("Meetic",), "grindr": ("Grindr",),
        "wizz": ("Wizz",), "discord": ("Discord",), "kik": ("Kik",), "x": ("Twitter", "X", "twitter"),
        "linkedin": ("LinkedIn",), "omegle_like": ("un site de chat vidéo", "Omegle", "un site de webcam"),
        "other": ("une appli de rencontre", "une appli"),
    },
    "en": {
        "facebook": ("Facebook", "facebook", "FB"), "messenger": ("Messenger", "messenger"),
        "instagram": ("Instagram", "insta", "IG", "instagram"), "snapchat": ("Snapchat", "snap", "Snap"),
        "tiktok": ("TikTok", "tiktok"), "skype": ("Skype", "skype"),
        "whatsapp": ("WhatsApp", "whatsapp", "Whatsapp", "WA"), "telegram": ("Telegram", "telegram"),
        "tinder": ("Tinder",), "badoo": ("Badoo",), "meetic": ("Meetic",), "grindr": ("Grindr",),
        "wizz": ("Wizz",), "discord": ("Discord",), "kik": ("Kik",), "x": ("Twitter", "X", "twitter"),
        "linkedin": ("LinkedIn",), "omegle_like": ("a video chat site", "Omegle", "a random cam site"),
        "other": ("a dating app", "an app"),
    },
}
_STYLE = {"fr": Weighted({"formal": 30, "casual": 35, "sms": 20, "messy": 15}),
          "en": Weighted({"formal": 35, "casual": 35, "sms": 20, "messy": 10})}


def _ago(days: int, lang: str, rng: random.Random) -> tuple[str, str]:
    """(duration, "… ago") for the time since first contact, as people round it."""
    if lang == "fr":
        if days == 0:
            return "quelques heures", one(rng, ("hier soir", "ce soir", "tout à l'heure"))
        if days == 1:
            return "un jour", "hier"
        dur = (f"{days} jours" if days < 7 else "une semaine" if days < 14 else f"{days // 7} semaines"
               if days < 30 else "un mois" if days < 60 else f"{days // 30} mois")
        return dur, "il y a " + dur
    if days == 0:
        return "a few hours", one(rng, ("last night", "tonight", "earlier today"))
    if days == 1:
        return "a day", "yesterday"
    dur = (f"{days} days" if days < 7 else "a week" if days < 14 else f"{days // 7} weeks"
           if days < 30 else "a month" if days < 60 else f"{days // 30} months")
    return dur, dur + " ago"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def values(rng: random.Random, story: Story, lang: str) -> dict[str, object]:
    """Every placeholder the templates of ``lang`` may use, for this story (drawn once per language)."""
    cached = story.text_values.get(lang)
    if cached is not None:
        return cached
    t = TEXTS[lang]
    victim, group, persona = story.victim, story.group, story.persona
    female = story.persona_kind in ("woman", "teen")
    plat = PLATFORM_NAMES[lang]
    pf2 = story.moved[0] if story.moved else story.pf1
    ago, ago_ago = _ago((story.received - story.first_contact).days, lang, rng)
    first_payment = story.payments[0] if story.payments else None
    friends_pool = names.FRIENDS_FR if lang == "fr" else names.FRIENDS_EN
    start = below(rng, len(friends_pool) - 5)
    friends = friends_pool[start:start + 2 + below(rng, 4)]
    victim_age = victim.age or {"13-15": 14, "16-17": 16, "18-20": 19, "21-30": 25}.get(victim.age_band, 30)
    child_gender = "woman" if victim.gender == "woman" else "man"
    if victim.role == "parent_guardian":
        subject = one(rng, t.CHILD[child_gender])
    elif victim.role == "professional":
        subject = one(rng, t.PRO_SUBJECT[child_gender])
    else:
        subject = one(rng, t.FRIEND_SUBJECT[child_gender])
    if first_payment and first_payment.reference and first_payment.method == "western_union":
        mtcn = format_mtcn(rng, first_payment.reference)
    elif first_payment and first_payment.reference:
        mtcn = first_payment.reference
    else:
        mtcn = "?"
    phone = story.phone or group.phones[0]
    say = money.say_amount
    deadline = t.DEADLINES[story.deadline_index] if story.deadline_index is not None else one(rng, t.DEADLINES)
    names_of = names.COUNTRY_NAMES_FR if lang == "fr" else names.COUNTRY_NAMES_EN
    out: dict[str, object] = {
        "persona": story.persona_name,
        "persona_full": story.persona_name if "recruiter" in (story.persona_kind, persona.kind) else (
            f"{story.persona_name} {persona.full_name.rsplit(' ', 1)[-1]}"),
        "age_claim": persona.age if persona.age else rng.randint(19, 26),
        "pcity": persona.city_fr if lang == "fr" else persona.city_en,
        "pf1": one(rng, plat[story.pf1]), "pf2": one(rng, plat[pf2]),
        "ago": ago, "ago_ago": ago_ago, "ago_ago_cap": _cap(ago_ago),
        "demand": say(rng, story.demand, story.currency, lang, victim.dialect),
        "paid": say(rng, first_payment.amount, first_payment.currency, lang, victim.dialect)
        if first_payment else say(rng, story.demand, story.currency, lang, victim.dialect),
        "more": say(rng, story.more or story.demand, story.currency, lang, victim.dialect),
        "method": one(rng, t.METHOD_NAMES[first_payment.method if first_payment else story.method]),
        "recipient": story.recipient_text, "city": story.recipient.city,
        "country_name": names_of.get(story.recipient.country, story.recipient.country),
        "brand": story.brand, "wallet": story.wallet or "?", "mtcn": mtcn, "deadline": deadline,
        "friends": ", ".join(friends), "friend1": friends[0],
        "phone": phone.text_value(rng), "paypal": group.paypals[0] if group.paypals else "?",
        "mobile": texts_fr.MOBILE_MONEY.get(group.country, "mobile money"),
        "age": victim_age, "enfant": subject, "Enfant_cap": _cap(subject),
        "victim": victim.first_name,
    }
    if lang == "fr":
        word = one(rng, t.PERSONA_WORDS[story.persona_kind])
        out.update({
            "pron": "elle" if female else "il", "Pron": "Elle" if female else "Il", "pE": "e" if female else "",
            "une_personne": word, "une_personne_cap": _cap(word), "vE": "e" if victim.gender == "woman" else "",
            "il": "elle" if child_gender == "woman" else "il", "Il": "Elle" if child_gender == "woman" else "Il",
            "eE": "e" if child_gender == "woman" else "", "parent": one(rng, ("la mère", "le père", "la maman")),
        })
        out["parE"] = "e" if out["parent"] != "le père" else ""
    else:
        word = one(rng, t.PERSONA_WORDS[story.persona_kind])
        out.update({
            "pron": "she" if female else "he", "Pron": "She" if female else "He",
            "his": "her" if female else "his", "His": "Her" if female else "His",
            "him": "her" if female else "him", "pron_self": "herself" if female else "himself",
            "a_person": word, "a_person_cap": _cap(word),
            "il": "she" if child_gender == "woman" else "he", "Il": "She" if child_gender == "woman" else "He",
            "his_child": "her" if child_gender == "woman" else "his",
            "him_child": "her" if child_gender == "woman" else "him",
            "parent": one(rng, ("mother", "father", "mom", "dad")),
        })
    story.text_values[lang] = out
    return out


def _say(rng: random.Random, slot: tuple[str, ...], vals: dict[str, object]) -> str:
    return slot[int(rng.random() * len(slot))].format_map(vals)  # one(), inlined: the hottest call


_ACCOUNTS = frozenset({"instagram", "snapchat", "tiktok", "facebook", "skype", "email", "telegram", "x", "discord",
                       "kik", "wizz", "tinder", "badoo", "meetic", "linkedin"})


def _identifier_sentences(rng: random.Random, story: Story, lang: str, vals: dict[str, object]) -> list[str]:
    t = TEXTS[lang]
    out = []
    for mention in story.mentions:
        if mention.text_value is None:
            continue
        lead = one(rng, t.IDENT_LEAD.get(mention.lead, ("",))).format_map(vals)
        if mention.lead in _ACCOUNTS and rng.random() < 0.4:
            template = one(rng, t.NARRATIVE["identifier"])
        elif mention.lead == "phone" and rng.random() < 0.4:
            template = one(rng, t.NARRATIVE["identifier_phone"])
        else:  # names, wallets and payment accounts are introduced by what they are
            template = "{lead}{ident}" if rng.random() < 0.7 else "{lead}{ident}."
        out.append(template.format_map({**vals, "lead": lead, "ident": mention.text_value}))
    return out


def _first_person(rng: random.Random, story: Story, lang: str, vals: dict[str, object]) -> list[str]:
    t = TEXTS[lang]
    n, minor = t.NARRATIVE, t.NARRATIVE_MINOR
    victim = story.victim
    parts: list[str] = []
    if rng.random() < 0.5:
        parts.append(_say(rng, n["open"], vals))
    if story.persona_kind == "recruiter":
        parts.append(_say(rng, n["contact_recruiter"], vals))
    elif victim.minor and rng.random() < 0.6:
        parts.append(_say(rng, minor["contact"], vals))
    else:
        parts.append(_say(rng, n["contact"], vals))
    if story.moved and rng.random() < 0.8:
        parts.append(_say(rng, n["move"], vals))
    if rng.random() < 0.85:
        parts.append(_say(rng, n["webcam" if story.scheme == "webcam" else "images"], vals))
    if rng.random() < 0.5:
        parts.append(_say(rng, n["reveal"], vals))
    if rng.random() < 0.85:
        parts.append(_say(rng, minor["threat"] if victim.minor else n["threat"], vals))
    if story.images_demanded and rng.random() < 0.9:
        parts.append(_say(rng, n["demand_images"], vals))
    if story.money and rng.random() < 0.85:
        slot = "demand"
        if rng.random() < 0.5:
            if story.method in ("western_union", "moneygram", "ria"):
                slot = "demand_transfer"
            elif story.method == "gift_card":
                slot = "demand_gift"
        parts.append(_say(rng, n[slot], vals))
    if story.payments and rng.random() < 0.92:
        method = story.payments[0].method
        slot = ("paid" if method in ("western_union", "moneygram", "ria") else "paid_gift" if method == "gift_card"
                else "paid_crypto" if method == "crypto" else "paid_other")
        parts.append(_say(rng, n[slot], vals))
        if len(story.payments) > 1 or rng.random() < 0.2:
            parts.append(_say(rng, n["more"], vals))
    if story.friends_contacted is True and rng.random() < 0.9:
        parts.append(_say(rng, n["friends_contacted"], vals))
    if victim.mixed and rng.random() < 0.6:
        parts.append(_say(rng, n["mixed"], vals))
    parts.extend(_identifier_sentences(rng, story, lang, vals))
    if rng.random() < 0.65:
        parts.append(_say(rng, minor["feel"] if victim.minor and rng.random() < 0.5 else n["feel"], vals))
        if rng.random() < 0.25:
            parts.append(_say(rng, n["feel"], vals))
    if victim.dialect and lang == "fr" and rng.random() < 0.35:
        regional = t.REGIONAL.get(victim.dialect, ())
        if regional:
            parts.insert(rng.randint(1, len(parts)), one(rng, regional))
    if story.self_harm:
        parts.insert(rng.randint(len(parts) - 1, len(parts)), _say(rng, n["self_harm"], vals))
    if rng.random() < 0.6:
        parts.append(_say(rng, n["ask"], vals))
    return parts


def _third_person(rng: random.Random, story: Story, lang: str, vals: dict[str, object]) -> list[str]:
    th = TEXTS[lang].THIRD
    parts: list[str] = []
    if rng.random() < 0.7:
        opens = th["open"] if story.victim.role == "parent_guardian" else tuple(
            o for o in th["open"] if "{parent}" not in o)
        parts.append(_say(rng, opens, vals))
    parts.append(_say(rng, th["contact"], vals))
    parts.append(_say(rng, th["event"], vals))
    if rng.random() < 0.85:
        parts.append(_say(rng, th["threat"], vals))
    if story.payments:
        parts.append(_say(rng, th["paid"], vals))
    if rng.random() < 0.6:
        parts.append(_say(rng, th["found"], vals))
    parts.extend(_identifier_sentences(rng, story, lang, vals))
    if story.self_harm:
        parts.append(_say(rng, th["self_harm"], vals))
    if rng.random() < 0.7:
        parts.append(_say(rng, th["ask"], vals))
    return parts


def style(rng: random.Random, text: str, lang: str, regional: str | None) -> str:
    """The reporter's hand: register, abbreviations, accents, regional words and typos."""
    kind = _STYLE[lang].pick(rng)
    if regional and rng.random() < 0.6:
        text = dialect(rng, text, regional, 0.7)
    if kind == "formal":
        return typos(rng, text, 1) if rng.random() < 0.3 else text
    if kind == "casual":
        text = casual(rng, text)
        if lang == "fr" and rng.random() < 0.4:
            text = strip_accents(text)
        return typos(rng, text, rng.randint(0, 2))
    text = dialect(rng, text, "sms_fr" if lang == "fr" else "sms_en", 0.85)
    if lang == "fr" and rng.random() < 0.75:
        text = strip_accents(text)
    if kind == "messy":
        # Sentence stops go (not the dots inside links, numbers and e-mails), and so do capitals.
        text = text.replace(". ", one(rng, ("  ", " ", ", "))).replace(".\n", "\n").rstrip(".")
        text = lower_words(no_questions(text))
    elif rng.random() < 0.7:
        text = casual(rng, text)
    return typos(rng, text, rng.randint(1, 3))


def narrative(rng: random.Random, story: Story) -> str | None:
    """The reporter's account; None for a platform's referral that only lists identifiers."""
    victim = story.victim
    lang = victim.language
    vals = values(rng, story, lang)
    if victim.role == "platform":
        if story.mentions and rng.random() < 0.5:
            return None
        parts = [one(rng, TEXTS[lang].PLATFORM_ROLE), *_identifier_sentences(rng, story, lang, vals)]
        return " ".join(parts)
    if victim.role in ("parent_guardian", "professional", "friend"):
        parts = _third_person(rng, story, lang, vals)
    else:
        parts = _first_person(rng, story, lang, vals)
    joiner = "\n" if rng.random() < 0.15 else " "
    text = style(rng, joiner.join(parts), lang, victim.dialect)
    if rng.random() < 0.01:
        text = decompose(text)
    return text


# --- chat logs ------------------------------------------------------------------------------------

_SHOUTED = frozenset({"threat", "deadline", "pressure", "demand"})


def _scammer_line(rng: random.Random, story: Story, lang: str, slot: str, vals: dict[str, object]) -> str:
    group = story.group
    favourite = group.script[lang].get(slot)
    generic = TEXTS[lang].CHAT.get(slot)
    pool = favourite if favourite and (generic is None or rng.random() < 0.85) else generic
    line = one(rng, pool).format_map(vals)
    if lang == "fr" and group.no_accents:
        line = strip_accents(line)
    sig = group.signature_word[lang]
    if sig and rng.random() < 0.25:
        line = f"{line} {sig}" if rng.random() < 0.6 else f"{sig} {line}"
    if slot in _SHOUTED:
        if group.shouts and rng.random() < 0.5:
            line = line.upper()
        if group.emoji and rng.random() < 0.35:
            line += group.emoji
    if rng.random() < 0.1:
        line = typos(rng, line, 1)
    return line


def _clock(when: datetime, lang: str, layout: int) -> str:
    if layout == 0:
        return f"[{when.hour:02d}:{when.minute:02d}]"
    if lang == "fr":
        return f"{when.day:02d}/{when.month:02d}/{when.year} {when.hour:02d}:{when.minute:02d} -"
    hour = when.hour % 12 or 12
    noon = "AM" if when.hour < 12 else "PM"
    return f"{when.month}/{when.day}/{when.year % 100:02d}, {hour}:{when.minute:02d} {noon} -"


def chat(rng: random.Random, story: Story) -> str | None:
    """The pasted conversation, about half the time: ``[19:42] Awa: tu as 24h pour payer``."""
    if rng.random() >= 0.5:
        return None
    lang = story.chat_lang
    vals = values(rng, story, lang)
    victim_vals = vals
    if story.victim.language != lang:
        victim_vals = values(rng, story, story.victim.language)
    group = story.group
    them = story.persona_name + (group.emoji if group.emoji and rng.random() < 0.2 else "")
    if "whatsapp" in story.moved and story.phone is not None and rng.random() < 0.35:
        them = story.phone.international  # an unsaved WhatsApp contact shows as its number
    me = one(rng, ("Moi", "Vous", story.victim.first_name) if story.victim.language == "fr"
             else ("Me", "You", story.victim.first_name))
    script: list[tuple[bool, str]] = []  # (scammer speaking, text)
    if rng.random() < 0.35:
        script.append((True, _scammer_line(rng, story, lang, "hook", vals)))
    if rng.random() < 0.8:
        script.append((True, _scammer_line(rng, story, lang, "reveal", vals)))
    if group.script[lang].get("paste") and rng.random() < 0.8:  # the group's pasted threat
        script.append((True, _scammer_line(rng, story, lang, "paste", vals)))
    script.append((True, _scammer_line(rng, story, lang, "threat", vals)))
    if rng.random() < 0.4:
        script.append((True, _scammer_line(rng, story, lang, "threat", vals)))
    if rng.random() < 0.45:
        script.append((True, _scammer_line(rng, story, lang, "friends", vals)))
    if story.images_demanded:
        script.append((True, _scammer_line(rng, story, lang, "more_images", vals)))
    if story.money:
        script.append((True, _scammer_line(rng, story, lang, "demand", vals)))
        if rng.random() < 0.7:
            method = story.method
            slot = ("instructions_wu" if method in ("western_union", "moneygram", "ria") else
                    "instructions_gift" if method == "gift_card" else
                    "instructions_crypto" if method == "crypto" and story.wallet else
                    "instructions_mobile" if method == "mobile_money" else
                    "instructions_paypal" if method == "paypal" else "instructions_bank")
            script.append((True, _scammer_line(rng, story, lang, slot, vals)))
    if story.deadline_index is not None or rng.random() < 0.2:
        script.append((True, _scammer_line(rng, story, lang, "deadline", vals)))
    victim_lang = story.victim.language
    vt = TEXTS[victim_lang].VICTIM_CHAT
    if rng.random() < 0.7:
        script.append((False, _say(rng, vt["plead"], victim_vals)))
        if rng.random() < 0.65:
            script.append((True, _scammer_line(rng, story, lang, "pressure", vals)))
    if story.payments:
        script.append((False, _say(rng, vt["ok"], victim_vals)))
        script.append((False, _say(rng, vt["paid"], victim_vals)))
        if len(story.payments) > 1 or rng.random() < 0.4:
            script.append((True, _scammer_line(rng, story, lang, "more_money", vals)))
    elif rng.random() < 0.2:
        script.append((False, _say(rng, vt["ok"], victim_vals)))
    layout = 0 if rng.random() < 0.8 else 1
    when = story.threat_at - timedelta(minutes=rng.randint(0, 20))
    lines = []
    previous = None
    for scammer, text in script:
        if text == previous:  # the same favourite line drawn twice in a row
            continue
        previous = text
        if not scammer and rng.random() < 0.5:
            text = style_light(rng, text, victim_lang)
        lines.append(f"{_clock(when, lang, layout)} {them if scammer else me}: {text}")
        when += timedelta(minutes=one(rng, (0, 0, 1, 1, 2, 3, 5, 8)))
    return "\n".join(lines)


def style_light(rng: random.Random, text: str, lang: str) -> str:
    """A victim typing in a panic: abbreviations and no accents, but no rewriting."""
    text = dialect(rng, text, "sms_fr" if lang == "fr" else "sms_en", 0.6)
    return strip_accents(text) if lang == "fr" else text
