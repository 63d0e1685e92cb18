"""Social accounts: profile URLs and handles → ``platform:handle`` in lower case.

Canonical forms: ``instagram:awa.belle__``, ``facebook:id:100089231234567``,
``skype:live:.cid.4f1a9b2c3d``, ``unknown:handle`` when no platform can be inferred. The URL
rules are the platforms' own public URL schemes; no library covers them, hence this table.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from itertools import chain
from urllib.parse import parse_qs, unquote, urlsplit

from tipline.domain.identifier import Identifier
from tipline.extract.model import Context, Mention, mention
from tipline.extract.patterns import scan, trie_pattern

KIND = "profile"

# host (without www./m./l./mobile.) → platform
HOSTS: dict[str, str] = {
    "facebook.com": "facebook", "fb.com": "facebook", "fb.me": "facebook", "web.facebook.com": "facebook",
    "messenger.com": "facebook", "m.me": "facebook",
    "instagram.com": "instagram", "instagr.am": "instagram",
    "snapchat.com": "snapchat",
    "tiktok.com": "tiktok", "vm.tiktok.com": "tiktok",
    "x.com": "x", "twitter.com": "x",
    "t.me": "telegram", "telegram.me": "telegram",
    "discord.com": "discord", "discord.gg": "discord", "discordapp.com": "discord",
    "kik.me": "kik",
    "join.skype.com": "skype", "skype.com": "skype",
    "tinder.com": "tinder", "badoo.com": "badoo", "meetic.fr": "meetic", "meetic.com": "meetic",
    "linkedin.com": "linkedin", "youtube.com": "youtube", "twitch.tv": "twitch", "reddit.com": "reddit",
    "threads.net": "threads", "threads.com": "threads",
}
# Apps named in reports that have no profile URLs of their own (dating apps chiefly).
PLATFORMS = frozenset(HOSTS.values()) | {"whatsapp", "unknown", "grindr", "bumble", "wizz", "happn", "hinge"}
# Path words that are not account names (facebook.com/groups/…, instagram.com/p/…).
NOT_HANDLES = frozenset({
    "groups", "pages", "p", "reel", "reels", "stories", "explore", "watch", "share", "sharer",
    "login", "home", "events", "marketplace", "people", "hashtag", "add", "i", "status", "intent",
    "search", "invite", "channels", "in", "user", "u", "r", "c", "video", "photo", "photos",
})
HANDLE_RE = re.compile(r"[a-z0-9._\-]{1,100}")
SKYPE_LIVE_RE = re.compile(r"live:[a-z0-9._\-]{1,100}")
_PREFIXES = ("www.", "m.", "l.", "mobile.", "web.", "mbasic.", "touch.", "fr-fr.", "en-gb.")


def is_platform_host(host: str) -> bool:
    """Whether ``host`` (lower case) belongs to one of the platforms of ``HOSTS``."""
    return _host(host) in HOSTS


def _host(netloc: str) -> str:
    host = netloc.lower().split("@")[-1].split(":")[0]
    for prefix in _PREFIXES:
        if host.startswith(prefix) and host[len(prefix):] in HOSTS:
            return host[len(prefix):]
    return host


def _clean_handle(text: str) -> str | None:
    handle = unicodedata.normalize("NFKC", unquote(text)).strip().lstrip("@").rstrip("/").lower()
    return handle if HANDLE_RE.fullmatch(handle) else None


def _from_url(value: str) -> Identifier | None:
    text = value.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    platform = HOSTS.get(_host(parts.netloc))
    if platform is None:
        return None
    segments = [s for s in parts.path.split("/") if s]
    query = parse_qs(parts.query)
    if platform == "facebook":
        if segments[:1] == ["profile.php"] and query.get("id", [""])[0].isdigit():
            return _make("facebook", "id:" + query["id"][0])
        if segments[:1] == ["people"] and len(segments) >= 3 and segments[2].isdigit():
            return _make("facebook", "id:" + segments[2])
    if platform == "tiktok" and segments and segments[0].startswith("@"):
        return _make("tiktok", segments[0])
    if platform == "snapchat" and segments[:1] == ["add"] and len(segments) > 1:
        return _make("snapchat", segments[1])
    if platform == "linkedin" and segments[:1] == ["in"] and len(segments) > 1:
        return _make("linkedin", segments[1])
    if platform == "badoo" and segments[:1] == ["profile"] and len(segments) > 1:
        return _make("badoo", segments[1])
    if not segments or segments[0].lower() in NOT_HANDLES or segments[0].lower().endswith(".php"):
        return None
    return _make(platform, segments[0])


def _make(platform: str, handle: str) -> Identifier | None:
    if handle.startswith("id:"):
        value = f"{platform}:{handle}"
        return Identifier(KIND, value, value)
    clean = _clean_handle(handle)
    if clean is None:
        return None
    if platform == "skype" and not clean.startswith("live:"):
        clean = clean.removeprefix("skype:")
    value = f"{platform}:{clean}"
    return Identifier(KIND, value, f"{platform} @{clean}" if platform != "unknown" else f"@{clean}")


def normalise(value: str, platform: str | None = None) -> Identifier | None:
    """A profile URL, or a handle on ``platform`` (``None``: inferred from the URL, or unknown)."""
    text = value.strip()
    if re.match(r"(?i)^(https?://)?([a-z0-9-]+\.)*[a-z0-9-]+\.[a-z]{2,}/", text) or "://" in text:
        found = _from_url(text)
        if found is not None or platform is None:
            return found
    lowered = text.lower()
    if platform == "skype" or lowered.startswith("live:"):
        live = unicodedata.normalize("NFKC", lowered).strip()
        if SKYPE_LIVE_RE.fullmatch(live):
            return Identifier(KIND, f"skype:{live}", f"skype {live}")
        return _make("skype", lowered)
    platform = platform if platform in PLATFORMS else "unknown"
    return _make(platform, text)


# --- finding accounts mentioned in free text --------------------------------------------------
# Profile URLs are found by the URL finder (``url.find`` → ``links.classify``); this finds the
# accounts people write out: "insta: @x", "sur snap c'est x", "@x on TikTok", "son skype:
# live:.cid.x", and a bare "@x" (its platform from the nearest platform word on the same line, or
# ``unknown``). In a narrative, "mon snap", "my insta" name the victim's own account and are skipped.
ALIASES: dict[str, str] = {
    "instagram": "instagram", "insta": "instagram", "ig": "instagram", "instagramm": "instagram",
    "intagram": "instagram", "instgram": "instagram", "insatgram": "instagram",
    "snapchat": "snapchat", "snap": "snapchat", "snapshat": "snapchat", "snapchatt": "snapchat",
    "tiktok": "tiktok", "tik tok": "tiktok", "tik-tok": "tiktok", "tictoc": "tiktok", "tiktoc": "tiktok",
    "twitter": "x", "x/twitter": "x", "twitter/x": "x", "tweets": "x", "tweeted": "x", "tweeting": "x",
    "skype": "skype", "skipe": "skype",
    "telegram": "telegram", "telegramme": "telegram", "telegrame": "telegram", "tg": "telegram",
    "discord": "discord", "kik": "kik",
    "facebook": "facebook", "fb": "facebook", "messenger": "facebook",
    "tinder": "tinder", "badoo": "badoo", "meetic": "meetic", "grindr": "grindr", "bumble": "bumble",
    "wizz": "wizz", "threads": "threads", "twitch": "twitch", "reddit": "reddit", "happn": "happn", "hinge": "hinge",
}
_HANDLE_RULES: dict[str, re.Pattern[str]] = {
    "instagram": re.compile(r"[a-z0-9._]{1,30}"),
    "snapchat": re.compile(r"[a-z][a-z0-9._\-]{2,14}"),
    "tiktok": re.compile(r"[a-z0-9._]{2,24}"),
    "x": re.compile(r"[a-z0-9_]{1,15}"),
    "telegram": re.compile(r"[a-z][a-z0-9_]{4,31}"),
    "discord": re.compile(r"[a-z0-9._]{2,32}"),
    "kik": re.compile(r"[a-z0-9._]{2,20}"),
    "facebook": re.compile(r"[a-z0-9.]{5,50}"),
    "skype": re.compile(r"live:[a-z0-9._:\-]{3,80}|[a-z][a-z0-9.,_\-]{5,31}"),
}
_ANY_HANDLE = re.compile(r"[a-z0-9._\-]{2,40}")
# Words that follow a platform name but are not accounts ("sur snap et insta", "insta c'est mort").
STOPWORDS = frozenset([
    "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "c", "ca", "d", "de", "des", "du", "elle", "elles", "en",
    "est", "et", "eu", "il", "ils", "j", "je", "la", "le", "les", "leur", "lui", "m", "ma", "me", "mes", "moi",
    "mon", "n", "ne", "nous", "on", "ou", "par", "pas", "plus", "pour", "qu", "que", "qui", "sa", "se", "ses", "si",
    "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vous", "y", "puis", "mais", "donc", "car",
    "alors", "aussi", "apres", "avant", "depuis", "quand", "comme", "sans", "chez", "vers", "encore", "deja",
    "jamais", "toujours", "tout", "tous", "toute", "toutes", "rien", "bien", "mal", "mort", "fini", "nul", "faux",
    "fake", "vrai", "pareil", "meme", "autre", "autres", "compte", "comptes", "profil", "page", "message",
    "messages", "appel", "appels", "video", "videos", "photo", "photos", "story", "stories", "groupe", "lien",
    "direct", "dm", "prive", "and", "the", "to", "of", "in", "on", "at", "by", "for", "from", "with", "is", "it",
    "its", "his", "her", "he", "she", "they", "them", "their", "my", "me", "you", "your", "we", "our", "but",
    "then", "also", "just", "still", "again", "now", "not", "no", "yes", "or", "if", "so", "an", "be", "was",
    "were", "been", "has", "have", "had", "this", "that", "there", "here", "account", "profile", "page", "chat",
    "call", "calls", "pics", "pic", "nudes", "app", "group", "link", "name", "username", "user", "id", "handle",
    "pseudo",
]) | frozenset(ALIASES)
_ALIAS_RE = re.compile(r"(?<![\w@./'])(?:" + trie_pattern(ALIASES) + r")(?![\w@]|\.[a-z])")
# What may stand between a platform word and the account: "(pseudo: x)", " c'est x", ' "x"', " is @x".
_AFTER = re.compile(
    r"[,;]?\s{0,3}(?P<paren>\()?\s{0,2}"
    r"(?:(?P<kw>pseudo|username|user name|user|nom d'utilisateur|identifiant|id|handle|compte|account|profil|"
    r"profile|named|called|nommee|nomme|appelee|appele|du nom de|name|nom)(?![\w])\s{0,2})?"
    r"(?P<sep>:|=|->|=>|(?:c'est|c est|cest|est|is|it's|its|c)(?![\w'])|-|–)?"
    r"\s{0,3}(?:(?:le|la|l'|the)\s{1,2})?(?P<quote>[\"'“«(])?\s{0,2}(?P<at>@)?"
    r"(?P<handle>live:[a-z0-9._:\-]{3,80}|[a-z0-9_][a-z0-9._\-]{0,39})"
)
_STRONG_SEPARATORS = frozenset({":", "=", "->", "=>", "c'est", "c est", "cest", "is", "it's", "its", "est"})
_POSSESSIVE = re.compile(
    r"(?:^|[^\w])(?:mon|ma|mes|my|notre|our|mi|mes deux|(?:her|his|their|my|[a-z]{2,12}'s) own|son propre|"
    r"sa propre)\s{1,3}"
    r"(?:(?:compte|account|profil)\s{1,3})?$"
)
# A chat line's speaker ("Tyler: add my snap…"): "my" is then the speaker's, not the reporter's.
_SPEAKER = re.compile(r"[ \t]{0,4}(?:\[[^\]\n]{0,30}\][ \t]{0,2})?(?P<who>[a-z][\w.\-]{0,20})[ \t]{0,2}:[ \t]")
# Quoted accounts: « lucas_dlm2009 » sur snap, "a user called 'nightowl_ryan'". Found quote first
# (one pass), then the few characters around are read.
_QUOTED = re.compile(
    r"[«\"“‘](?:\s|\xa0){0,2}(?P<handle>[a-z0-9_][a-z0-9._\-]{1,38})(?:\s|\xa0){0,2}[»\"”’']"
)
# Single quotes: the literal first (skipped to in C), then "l'appli" (a letter before) is dropped at once.
_SINGLE_QUOTED = re.compile(r"'(?<![a-z]')(?P<handle>[a-z0-9_][a-z0-9._\-]{1,38})'")
_QUOTED_PLATFORM = re.compile(
    r"\s{0,3}(?:sur|on|de|from|via|dans|in)\s{1,3}(?:(?:son|sa|his|her|le|la|the)\s{1,3})?"
    r"(?:(?:compte|account|profil|profile)\s{1,3})?"
)
_CALLED_BEFORE = re.compile(
    r"(?<![\w])(?:(?:user|username|account|compte|profil|profile|pseudo|someone|somebody|guy|girl|person|"
    r"quelqu'un|mec|gars|fille|meuf)\s{1,2}(?:called|named|nomme|nommee|appele|appelee|du nom de|qui s'appelle)"
    r"|username|user name|pseudo|handle|nom d'utilisateur|identifiant|profile name|nom de profil"
    # 'sur snap sous le nom de "manon.pvt"', '(her name there is "Amaka_luv")', 'son nom c'est "rym.bz.x"'
    r"|(?:son|sa|her|his|their|leur)\s{1,2}(?:nom|name|pseudo)(?:\s{1,2}(?:there|la-bas|dessus|on it))?\s{1,2}"
    r"(?:c'est|c est|est|is|was|etait)|sous le nom d[e']|au nom d[e']|under the name|by the name|going by|goes by"
    r"|from id|id)\s{0,2}:?\s{0,2}$"
)
# 'groomed on Discord by 'xXnightwolfXx'', « contacté sur Snapchat par « sarah.12ans » »: the
# platform named earlier in the sentence, the account quoted after "by"/"par".
_BY_BEFORE = re.compile(r"(?<![\w])(?:by|par|from|de la part de|via|with|avec)\s{1,2}$")
_AT_HANDLE = re.compile(r"@(?<![\w.@/]@)(?P<handle>[a-z0-9_](?:[a-z0-9._\-]{0,38}[a-z0-9_])?)")
_SKYPE_LIVE = re.compile(r"live:(?<![\w.:]live:)[a-z0-9._:\-]{3,80}")
_PLATFORM_AFTER = re.compile(
    r"\s{0,3}[),]?\s{0,3}\(?\s{0,2}(?:(?:also|aussi|too|again|encore|egalement|toujours|still)\s{1,3})?(?:on|sur|from|de|via|dans|in|\(|-)\s{1,3}(?:(?:son|sa|his|her|mon|my|le|la|the)\s{1,3})?"
    r"(?:(?:compte|account|profil|profile|page)\s{1,3})?(?P<alias>[a-z][a-z/\- ]{1,12})"
)
# Generic top-level domains only: "fatou.ndiaye.sn", "nico.vdb.be" are accounts as often as not.
_DOMAIN_LIKE = re.compile(r".*\.(?:com|net|org|io|info|biz|xyz|top|online|site|ru)$")
RANK_MENTION = 50


def _handle_ok(platform: str, handle: str) -> bool:
    rule = _HANDLE_RULES.get(platform, _ANY_HANDLE)
    return bool(rule.fullmatch(handle)) and handle not in STOPWORDS and not _DOMAIN_LIKE.fullmatch(handle)


def _looks_like_handle(handle: str, written: str = "") -> bool:
    """Digits, dots or underscores, or capitals inside a word as written ("xXnightwolfXx")."""
    return any(c.isdigit() or c in "._" for c in handle) or bool(_CAMEL.search(written))


_CAMEL = re.compile(r"[a-z][A-Z]")
# A number of three digits or fewer, alone or with a unit of time or age: nobody's handle.
_QUANTITY = re.compile(r"\d{1,3}(?:[.,]\d+)?\s{0,2}(?:days?|jours?|j|ans?|yo|years?|yrs?|h|hrs?|hours?|heures?|min|"
                       r"minutes?|mois|months?|weeks?|semaines?|sem|nights?|nuits?)?(?![\w@.])")


def _first_name(written: str) -> bool:
    """"Mélissa", "Liam": a capitalised word of letters only is how people write a first name,
    a display name rather than an account."""
    return len(written) > 1 and written[0].isupper() and written[1:].isalpha() and written[1:].islower()


def _display_name_follows(text: str, end: int) -> bool:
    """"fb: Awa Koné" names a person, not an account: a capitalised word follows the first one."""
    follow = text[end:end + 3]
    return bool(re.match(r"[ \t]{1,2}[A-ZÀ-Ý]", follow)) and text[end - 1:end].isalpha()


def find(text: str, context: Context) -> Iterator[Mention]:
    folded = context.folded or text.lower()
    claimed: set[int] = set()  # start offsets of handles already decided
    platforms_at: list[tuple[int, int, str]] = []
    for alias in scan(_ALIAS_RE, folded, context.windows("platform")):
        platform = ALIASES[alias.group()]
        platforms_at.append((alias.start(), alias.end(), platform))
        after = _AFTER.match(folded, alias.end(), min(len(folded), alias.end() + 80))
        if after is None:
            continue
        handle = after.group("handle").rstrip(".-")
        h_start = after.start("at") if after.group("at") else after.start("handle")
        h_end = after.start("handle") + len(handle)
        if "\n" in folded[alias.end():after.start("handle")] and not after.group("sep"):
            continue
        # "mon snap" is the victim's own account in a narrative, but in a pasted chat log it is the
        # speaker's, most often the scammer's ("Awa: mon snap c'est …").
        if context.source != "chat" and _POSSESSIVE.search(folded, max(0, alias.start() - 20), alias.start()) and not (
                _others_line(folded, alias.start())):
            claimed.add(h_start)
            continue
        # A plain word after "insta :" is as often a heading ("Sur Instagram : Gagner un…") as an
        # account: it needs an "@", a keyword ("pseudo:") or quotes; a handle-like word needs less.
        written = text[after.start("handle"):h_end]
        if not after.group("at") and not _looks_like_handle(handle, written) and _first_name(written):
            continue  # "sur Tinder (Mélissa, 24 ans)", 'on Tinder called "Liam"': a display name
        if (after.group("paren") and not (after.group("at") or after.group("kw") or after.group("sep")
                                          or after.group("quote")) and not _looks_like_handle(handle, written)
                and folded[h_end:h_end + 1] != ")"):
            continue  # "Messenger (copiée telle quelle)": a remark in brackets, not "(lisa)"
        strong = bool(after.group("at") or after.group("kw") or after.group("quote") or after.group("paren"))
        if not strong and after.group("sep") in _STRONG_SEPARATORS and _looks_like_handle(handle, written):
            strong = True
        if platform == "skype" and handle.startswith("live:"):
            strong = True
        if not _handle_ok(platform, handle) or (not strong and not _looks_like_handle(handle, written)):
            continue
        if not after.group("at") and _QUANTITY.match(folded, after.start("handle")):
            continue  # "added me on Instagram 3 days ago", "sur insta 15 ans": a count, not an account
        if folded[h_end:h_end + 1] in ("@", ":", "/") or (
                not after.group("at") and _display_name_follows(text, h_end)):
            continue
        found = normalise(handle, platform) if platform != "skype" else normalise(handle, "skype")
        if found is not None:
            claimed.add(h_start)
            yield mention(found, context, text, h_start, h_end, rank=RANK_MENTION, confidence=0.9)
    yield from _quoted(text, folded, context, claimed, platforms_at)
    for live in _SKYPE_LIVE.finditer(folded):
        value = live.group().rstrip(".-:")
        if live.start() in claimed:
            continue
        found = normalise(value, "skype")
        if found is not None:
            claimed.add(live.start())
            yield mention(found, context, text, live.start(), live.start() + len(value), rank=RANK_MENTION)
    yield from _bare(text, folded, context, claimed, platforms_at)
    yield from _beside(text, folded, context, claimed, platforms_at)
    alias_starts = [p[0] for p in platforms_at]
    for at in _AT_HANDLE.finditer(folded):
        if at.start() in claimed:
            continue
        handle = at.group("handle")
        platform = _platform_for(folded, at.start(), at.end(), platforms_at, alias_starts)
        if not _handle_ok(platform, handle) and not (platform == "unknown" and _ANY_HANDLE.fullmatch(handle)):
            continue
        if _DOMAIN_LIKE.fullmatch(handle):
            continue
        found = normalise(handle, platform)
        if found is not None:
            yield mention(found, context, text, at.start(), at.end(), rank=RANK_MENTION,
                          confidence=0.9 if platform != "unknown" else 0.6)


# Accounts named without their app: "Pseudo : lola_x0482", "The account: lola_x0482", "lola_x0482
# c'est son compte", "she messages me from lola_x0482". Reporters copy the name they see and forget
# to say where; the handle is kept (``unknown:`` unless a platform word is on the same line) because
# the same name on any app is how linking joins their report to others (``link.near.skeleton``).
# Only handle-like words (digits, dots, underscores) are taken: "the account: deleted" is not one.
# One scan finds the cue words (a trie of literals, fast in C); the rest is read around each.
_ACCOUNT_NOUNS = ("compte", "account", "profil", "profile", "identifiant", "pseudo", "pseudonyme", "username",
                  "user name", "user id", "handle", "nom d'utilisateur", "contact de l'arnaqueur",
                  "contact du maitre chanteur", "scammer contact", "scammer's account", "scammer account",
                  "scammer's username", "scammer's handle")
_ACCOUNT_VERBS = ("m'ecrit", "m'a ecrit", "me contacte", "m'a contacte", "m'appelle", "messages me", "messaged me",
                  "texts me", "writes to me", "wrote to me", "contacted me", "contacts me", "wrote me", "writes me")
_ACCOUNT_CUE = re.compile(r"(?<![\w@])(?:(?P<noun>" + trie_pattern(_ACCOUNT_NOUNS) + r")|(?P<verb>"
                          + trie_pattern(_ACCOUNT_VERBS) + r"))(?![\w])")
# Every match of a cue holds one of these words (``extract.cues``: one pass finds them for all finders).
CUE_WORDS = {"platform": tuple(ALIASES), "account": (*_ACCOUNT_NOUNS, *_ACCOUNT_VERBS)}
_HANDLE_AFTER_NOUN = re.compile(
    r"(?:\s{1,2}(?:utilise|used|de l'arnaqueur|of the scammer|du maitre chanteur))?"
    r"(?P<sep>\s{0,2}(?::|=|->|-)|\s{1,2}(?:c'est|est|is|was|etait)(?![\w']))?"
    r"\s{0,3}(?:le |la |the )?[\"'“«]?\s{0,2}@?(?P<handle>[a-z0-9_][a-z0-9._\-]{2,39})"
)
_SHOWN_BEFORE = re.compile(r"(?:voici|voila|here is|here's|this is|c'est)\s{1,2}(?:le|la|the|son|sa|his|her)\s{1,2}$")
_HANDLE_AFTER_VERB = re.compile(
    r"\s{1,2}(?:depuis|from|avec|with)\s{1,2}(?:(?:le compte|l'account|the account|the profile|le profil)\s{1,2})?"
    r"@?(?P<handle>[a-z0-9_][a-z0-9._\-]{2,39})"
)
# "lola_x0482 c'est son compte", "maya_bb_31457 is the account"
_HANDLE_BEFORE_NOUN = re.compile(
    r"(?<![\w@./:\-])@?(?P<handle>[a-z0-9_][a-z0-9._\-]{2,39})\s{0,2}(?:,|-|–)?\s{0,2}"
    r"(?:c'est|c est|cest|est|is|was|etait)\s{1,2}(?:son|sa|le|the|his|her|their|leur)\s{1,2}$"
)
_NOUN_AFTER = frozenset({"compte", "account", "profil", "profile", "pseudo", "username", "handle"})


def _bare_candidates(folded: str, windows: list[tuple[int, int]] | None) -> Iterator[tuple[int, str]]:
    for cue in scan(_ACCOUNT_CUE, folded, windows):
        start, end = cue.span()
        if _POSSESSIVE.search(folded, max(0, start - 20), start) and not _others_line(folded, start):
            continue  # "mon compte : x" is the reporter's own
        if cue.group("verb"):
            after = _HANDLE_AFTER_VERB.match(folded, end, min(len(folded), end + 80))
            if after:
                yield after.start("handle"), after.group("handle")
            continue
        after = _HANDLE_AFTER_NOUN.match(folded, end, min(len(folded), end + 90))
        if after and (after.group("sep") or _SHOWN_BEFORE.search(folded, max(0, start - 25), start)):
            yield after.start("handle"), after.group("handle")
        if cue.group("noun") in _NOUN_AFTER:
            before = _HANDLE_BEFORE_NOUN.search(folded, max(0, start - 70), start)
            if before:
                yield before.start("handle"), before.group("handle")


def _bare(text: str, folded: str, context: Context, claimed: set[int],
          platforms_at: list[tuple[int, int, str]]) -> Iterator[Mention]:
    alias_starts = [p[0] for p in platforms_at]
    for h_start, raw in _bare_candidates(folded, context.windows("account")):
        handle = raw.rstrip(".-_") if raw.endswith((".", "-")) else raw
        h_end = h_start + len(handle)
        written = text[h_start:h_end]
        if h_start in claimed or handle in STOPWORDS or not _looks_like_handle(handle, written):
            continue
        if not any(c.isalpha() for c in handle) or folded[h_end:h_end + 1] in ("@", "/") or (
                folded[h_end:h_end + 1] == ":" and folded[h_end + 1:h_end + 2].isalnum()):
            continue  # a number (the phone finder's), an e-mail address, a URL
        if _DOMAIN_LIKE.fullmatch(handle) or handle.startswith(("http", "www.")):
            continue
        platform = _platform_for(folded, h_start, h_end, platforms_at, alias_starts)
        if not _handle_ok(platform, handle):
            platform = "unknown"
        found = normalise(handle, platform) if platform != "skype" else normalise(handle, "skype")
        if found is not None:
            claimed.add(h_start)
            yield mention(found, context, text, h_start, h_end, rank=RANK_MENTION - 5,
                          confidence=0.8 if platform != "unknown" else 0.6)


# Account names written bare next to their app, with no cue word: "this girl thandi_xo.x on insta",
# "une fille sur snap fatou.ndiaye.off", "on Discord, his user is kaizen.vx", "sur Badoo avec une
# certaine Elena (profil elena_lux86)". Only names shaped like handles (a dot or an underscore
# inside, letters) count: a plain word there is a name or the sentence going on. A chat pasted
# from an app ("his Instagram DMs:") gives its speakers' handles that app.
_SHAPED = re.compile(r"(?<![\w@./:\-'’])@?(?P<handle>[a-z0-9][a-z0-9\-]*(?:[._][a-z0-9\-]*)+)(?![\w@/])")
_SHAPED_BEFORE = re.compile(
    r"(?<![\w@./:\-'’])@?(?P<handle>[a-z0-9][a-z0-9\-]*(?:[._][a-z0-9\-]*)+)\s{1,2}(?:on|sur|from|de|via|in)\s{1,2}"
    r"(?:(?:son|sa|his|her|the|le|la)\s{1,2})?$")
_SENTENCE_END = re.compile(r"[!?\n]|\.(?:\s|$)")
_FILE_LIKE = re.compile(r".*\.(?:jpe?g|png|gif|mp4|mov|pdf|docx?|txt|zip|html?|php|exe|apk)$")
_SPEAKER_LINE = re.compile(
    r"^[ \t]{0,4}(?:\[[^\]\n]{0,30}\][ \t]{0,2})?(?P<who>[a-z0-9][a-z0-9\-]*(?:[._][a-z0-9\-]*)+)[ \t]{0,2}"
    r"(?:\(@?[a-z0-9._\-]{1,40}\)[ \t]{0,2})?:[ \t]", re.MULTILINE)
_NUMBER_APPS = re.compile(r"(?<![\w])(?:whats\s?app|wa|sms|imessage|textos?|signal|viber)(?![\w])")
BESIDE_WINDOW = 70  # characters after a platform word where its account may be named


def _shaped(handle: str, written: str) -> bool:
    letters = sum(c.isalpha() for c in handle)
    if re.search(r"\.[A-ZÀ-Ý]", written) or (not re.search(r"[\d_]", handle) and any(
            part in STOPWORDS for part in handle.split("."))):
        return False  # "n'existe pas.Des vidéos", "je sais pas.il": a space missing after a full stop
    return (letters >= 3 and handle[-1] not in "._" and not _DOMAIN_LIKE.fullmatch(handle)
            and not _FILE_LIKE.fullmatch(handle) and not handle.startswith(("www.", "http")))


def _beside(text: str, folded: str, context: Context, claimed: set[int],
            platforms_at: list[tuple[int, int, str]]) -> Iterator[Mention]:
    introducer, speakers = _speakers(folded, platforms_at)
    for i, (a_start, a_end, platform) in enumerate(platforms_at):
        shaped = _SHAPED_BEFORE.search(folded, max(0, a_start - 45), a_start)
        if shaped is None:
            # Up to the sentence's end or the next platform word ("Tinder, his Instagram was x").
            limit = min(len(folded), a_end + BESIDE_WINDOW, *(p[0] for p in platforms_at[i + 1:i + 2]))
            stop = _SENTENCE_END.search(folded, a_end, limit)
            shaped = _SHAPED.search(folded, a_end, stop.start() if stop else limit)
        if shaped is None:
            continue
        h_start, handle = shaped.start("handle"), shaped.group("handle")
        if folded[h_start + len(handle):h_start + len(handle) + 1] in ("@", "/"):
            continue  # an e-mail address, a link
        if _POSSESSIVE.search(folded, max(0, a_start - 20), a_start) and not _others_line(folded, a_start):
            continue  # "mon insta lea_92": the reporter's own
        yield from _beside_one(text, context, claimed, platform, h_start, handle)
    # A chat's speakers take the app that introduces the chat ("his Instagram DMs:", "my Telegram chat").
    platform = platforms_at[introducer][2] if introducer is not None else "unknown"
    for h_start, handle in speakers:
        yield from _beside_one(text, context, claimed, platform, h_start, handle)


def _speakers(folded: str, platforms_at: list[tuple[int, int, str]]) -> tuple[int | None, list[tuple[int, str]]]:
    """Handle-shaped chat speakers ("brianna.lopez.x: look what i have", on two lines or more), and
    the platform word that introduces their chat (the nearest one before its first line, within 400
    characters; None if none). No speakers for a WhatsApp or SMS chat: those are names saved in a
    phone, the accounts are numbers."""
    lines = list(_SPEAKER_LINE.finditer(folded))
    if len(lines) < 2:
        return None, []
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.group("who")] = counts.get(line.group("who"), 0) + 1
    first = lines[0].start()
    i = bisect_right([p[1] for p in platforms_at], first) - 1
    introducer = i if i >= 0 and first - platforms_at[i][1] <= 400 else None
    by_number = [m.end() for m in _NUMBER_APPS.finditer(folded, max(0, first - 400), first)]
    if by_number and (introducer is None or by_number[-1] > platforms_at[introducer][1]):
        return None, []
    done: set[str] = set()
    found: list[tuple[int, str]] = []
    for line in lines:
        who = line.group("who")
        if counts[who] >= 2 and who not in done:
            done.add(who)
            found.append((line.start("who"), who))
    return introducer, found


def _beside_one(text: str, context: Context, claimed: set[int], platform: str, h_start: int,
                handle: str) -> Iterator[Mention]:
    if h_start in claimed or not _shaped(handle, text[h_start:h_start + len(handle)]):
        return
    found = normalise(handle, platform if _handle_ok(platform, handle) else "unknown")
    if found is not None:
        claimed.add(h_start)
        yield mention(found, context, text, h_start, h_start + len(handle), rank=RANK_MENTION - 5, confidence=0.7)


def _quoted(text: str, folded: str, context: Context, claimed: set[int],
            platforms_at: list[tuple[int, int, str]]) -> Iterator[Mention]:
    alias_starts = [p[0] for p in platforms_at]
    for quoted in chain(_QUOTED.finditer(folded), _SINGLE_QUOTED.finditer(folded)):
        h_start = quoted.start("handle")
        handle = quoted.group("handle").rstrip(".-")
        if h_start in claimed or handle in STOPWORDS or not _looks_like_handle(handle, text[h_start:h_start + len(
                handle)]):
            continue
        platform = None
        where = _QUOTED_PLATFORM.match(folded, quoted.end(), min(len(folded), quoted.end() + 40))
        alias = _ALIAS_RE.match(folded, where.end()) if where else None
        if alias is not None:
            platform = ALIASES[alias.group()]
        elif _CALLED_BEFORE.search(folded, max(0, quoted.start() - 30), quoted.start()):
            platform = _platform_for(folded, h_start, quoted.end(), platforms_at, alias_starts)
        elif _BY_BEFORE.search(folded, max(0, quoted.start() - 20), quoted.start()):
            platform = _platform_for(folded, h_start, quoted.end(), platforms_at, alias_starts)
            platform = None if platform == "unknown" else platform
        if platform is None:
            continue
        found = normalise(handle, platform) if _handle_ok(platform, handle) else normalise(handle, "unknown")
        if found is not None:
            claimed.add(h_start)
            yield mention(found, context, text, h_start, h_start + len(handle), rank=RANK_MENTION,
                          confidence=0.9 if platform != "unknown" else 0.6)


def _others_line(folded: str, pos: int) -> bool:
    """Whether ``pos`` is on a chat line spoken by someone other than the reporter."""
    line_start = folded.rfind("\n", max(0, pos - 300), pos) + 1
    speaker = _SPEAKER.match(folded, line_start, pos)
    return speaker is not None and speaker.group("who") not in ("moi", "me", "i", "je")


def _platform_for(folded: str, start: int, end: int, platforms_at: list[tuple[int, int, str]],
                  alias_starts: list[int]) -> str:
    """"@x on TikTok", else the nearest platform word before it on the same line, else unknown."""
    after = _PLATFORM_AFTER.match(folded, end, min(len(folded), end + 50))
    if after is not None:
        words = after.group("alias")
        for alias in _ALIASES_LONGEST_FIRST:
            if words.startswith(alias) and (len(words) == len(alias) or not words[len(alias)].isalpha()):
                return ALIASES[alias]
    line_start = folded.rfind("\n", max(0, start - 100), start) + 1
    i = bisect_right(alias_starts, start) - 1  # the last platform word starting before the handle
    while i >= 0:
        a_start, a_end, platform = platforms_at[i]
        if a_start < line_start or start - a_end > 80:
            break
        if a_end <= start:
            return platform
        i -= 1
    return "unknown"


_ALIASES_LONGEST_FIRST = sorted(ALIASES, key=len, reverse=True)
