"""Other web addresses (a fake site, a payment page): scheme and host lower-cased, no fragment."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

from tipline.domain.identifier import Identifier
from tipline.extract.model import Context, Mention, mention
from tipline.extract.patterns import SpanSet

KIND = "url"


def normalise(value: str) -> Identifier | None:
    text = value.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host_name = parts.hostname
    except ValueError:  # "http://[::1" and other broken netlocs
        return None
    host = (host_name or "").lower().rstrip(".")
    if parts.scheme.lower() not in ("http", "https") or "." not in host:
        return None
    canonical = urlunsplit((parts.scheme.lower(), host, parts.path.rstrip("/"), parts.query, ""))
    return Identifier(KIND, canonical, canonical)


# --- finding web addresses in free text ------------------------------------------------------
# With a scheme or "www.": up to the next space or bracket. Without: host labels and a top-level
# domain from a short list (so that "hier.Il" or "M.Dupont" are not hosts), then an optional path.
_TLDS = (
    "com", "net", "org", "fr", "ca", "be", "ch", "lu", "ci", "sn", "ma", "ng", "gh", "ph", "cm", "bj", "tg", "ml",
    "bf", "info", "biz", "xyz", "online", "site", "top", "shop", "store", "app", "io", "co", "us", "uk", "me", "ly",
    "gg", "tv", "link", "click", "live", "club", "ru", "de", "es", "it", "pt", "nl", "eu", "am", "cc", "to",
)
_STRONG_TLDS = frozenset({"com", "net", "org", "fr", "ca", "be", "ch", "info", "biz", "xyz", "online", "site",
                          "shop", "store", "top", "io", "app"})
_URL_CHARS = r"[^\s<>\"'`{}|\\^\[\]«»]"
_SCHEME = re.compile(r"(?:https?://|www\.)" + _URL_CHARS + r"{1,2000}", re.IGNORECASE)
# Scheme-less: found from the dot before a known top-level domain (a literal "." is skipped to in
# C), then the host is read backwards in Python, a bounded number of characters.
_TLD_DOT = re.compile(r"\.(?:" + "|".join(_TLDS) + r")(?![\w\-])(?:[/?]" + _URL_CHARS + r"{0,2000})?", re.IGNORECASE)
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.){0,4}[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?",
                   re.IGNORECASE)
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_TRAILING = ".,;:!?'\")]}>*…"
RANK = 80
RANK_SPECIFIC = 85  # a URL that is a profile, a phone (wa.me) or a PayPal link


def _trim(candidate: str) -> str:
    while candidate and candidate[-1] in _TRAILING:
        if candidate[-1] == ")" and candidate.count("(") >= candidate.count(")"):
            break
        candidate = candidate[:-1]
    return candidate


def _acceptable(candidate: str, known_hosts: frozenset[str]) -> bool:
    """A scheme-less, www-less candidate must look like a web address, not a sentence."""
    lowered = candidate.lower()
    if lowered.startswith(("http://", "https://", "www.")):
        return True
    host, _, rest = lowered.partition("/")
    host = host.split("?")[0]
    if host in known_hosts or any(host.endswith("." + k) for k in known_hosts):
        return True
    tld = host.rsplit(".", 1)[-1]
    return bool(rest) or tld in _STRONG_TLDS


def _candidates(text: str) -> Iterator[tuple[int, str]]:
    """(start, candidate) for each web address, left to right, not overlapping."""
    found: list[tuple[int, int]] = []
    for match in _SCHEME.finditer(text):
        if match.start() > 0 and (text[match.start() - 1].isalnum() or text[match.start() - 1] in "@.-/:"):
            continue
        found.append(match.span())
    covered = SpanSet(found)
    for match in _TLD_DOT.finditer(text):
        if covered.overlaps(match.start(), match.end()):
            continue
        start = match.start()
        low = max(0, start - 254)
        while start > low and text[start - 1] in _HOST_CHARS:
            start -= 1
        start += len(text[start:match.start()]) - len(text[start:match.start()].lstrip(".-"))
        if start == match.start() or not _HOST.fullmatch(text, start, match.start()):
            continue
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "@.-/:_"):
            continue
        found.append((start, match.end()))
    for start, end in sorted(found):
        yield start, text[start:end]


def find(text: str, context: Context) -> Iterator[Mention]:
    """Every web address: as a profile, a phone (wa.me, t.me/+…), a PayPal link, or a plain URL."""
    from tipline.extract.kinds import links  # the per-host rules; imported late (it imports this module)

    for start, raw in _candidates(text):
        candidate = _trim(raw)
        if not candidate or not _acceptable(candidate, links.KNOWN_HOSTS):
            continue
        identifier = links.classify(candidate, context.region)
        if identifier is None:
            continue
        rank = RANK if identifier.kind == KIND else RANK_SPECIFIC
        yield mention(identifier, context, text, start, start + len(candidate), rank=rank)
