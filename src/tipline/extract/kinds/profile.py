"""Social accounts: profile URLs and handles → ``platform:handle`` in lower case.

Canonical forms: ``instagram:awa.belle__``, ``facebook:id:100089231234567``,
``skype:live:.cid.4f1a9b2c3d``, ``unknown:handle`` when no platform can be inferred. The URL
rules are the platforms' own public URL schemes; no library covers them, hence this table.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qs, unquote, urlsplit

from tipline.domain.identifier import Identifier

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
PLATFORMS = frozenset(HOSTS.values()) | {"whatsapp", "unknown"}
# Path words that are not account names (facebook.com/groups/…, instagram.com/p/…).
NOT_HANDLES = frozenset({
    "groups", "pages", "p", "reel", "reels", "stories", "explore", "watch", "share", "sharer",
    "login", "home", "events", "marketplace", "people", "hashtag", "add", "i", "status", "intent",
    "search", "invite", "channels", "in", "user", "u", "r", "c", "video", "photo", "photos",
})
HANDLE_RE = re.compile(r"[a-z0-9._\-]{1,100}")
SKYPE_LIVE_RE = re.compile(r"live:[a-z0-9._\-]{1,100}")
_PREFIXES = ("www.", "m.", "l.", "mobile.", "web.", "mbasic.", "touch.", "fr-fr.", "en-gb.")


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
    parts = urlsplit(text)
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
    if not segments or segments[0].lower() in NOT_HANDLES:
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
