"""What a web address is: a profile, a phone (wa.me), a PayPal link, or just a URL.

The platforms' public URL schemes decide: ``wa.me/<digits>`` and ``api.whatsapp.com/send?phone=``
are WhatsApp accounts, i.e. phone numbers; ``t.me/+<digits>`` is a Telegram phone link while
``t.me/+<letters>`` is a group invite; ``paypal.me/<name>`` is a PayPal account; Facebook's and
Instagram's link shims (``l.facebook.com/l.php?u=…``) are unwrapped to the address they hide.
A platform's home page (``instagram.com/?hl=fr``) names nobody and is dropped.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from tipline.domain.identifier import Identifier
from tipline.extract.kinds import paypal, phone, profile, url

_SHIMS = frozenset({"l.facebook.com", "lm.facebook.com", "l.instagram.com", "l.messenger.com", "l.wl.co"})
_WHATSAPP = frozenset({"api.whatsapp.com", "web.whatsapp.com", "whatsapp.com", "www.whatsapp.com"})
KNOWN_HOSTS = frozenset(profile.HOSTS) | _SHIMS | _WHATSAPP | {
    "wa.me", "paypal.me", "paypal.com", "youtu.be", "bit.ly", "tinyurl.com", "linktr.ee", "chat.whatsapp.com",
}
_DIGITS = re.compile(r"\+?\d{7,15}")
# Governments', police forces' and hotlines' own sites, which victims name when they say where they
# reported ("j'ai fait un signalement sur internet-signalement.gouv.fr", "report.cybertip.org"):
# nobody's identifier, and a hub that would link every report naming it. Matched on the host's
# last labels, so a look-alike ("plainte-cybercrime-gouv.fr", "fbi-gov.net") is still read.
_OFFICIAL = frozenset({
    "gouv.fr", "gouv.qc.ca", "gc.ca", "canada.ca", "gov", "mil", "gov.uk", "police.uk", "nhs.uk", "gov.au",
    "govt.nz", "admin.ch", "fgov.be", "belgium.be", "gouv.ci", "gouv.sn", "gov.ma", "gouv.cm", "gov.ng", "gov.gh",
    "gov.ph", "gov.in", "nic.in", "gov.za", "europa.eu", "public.lu", "gouv.bj", "gouv.tg", "gov.bf", "gouv.ml",
    "cybertip.ca", "cybertip.org", "missingkids.org", "ncmec.org", "stopncii.org", "iwf.org.uk", "needhelpnow.ca",
    "e-enfance.org", "pointdecontact.net", "antifraudcentre-centreantifraude.ca", "interpol.int",
})


def official(host: str) -> bool:
    """Whether ``host`` (lower case) is, or is under, an official site's domain."""
    labels = host.split(".")
    return any(".".join(labels[i:]) in _OFFICIAL for i in range(len(labels)))


def _split(candidate: str) -> tuple[str, str, dict[str, list[str]]] | None:
    text = candidate if "://" in candidate else "https://" + candidate
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    return host, parts.path, parse_qs(parts.query)


def classify(candidate: str, region: str | None = None, depth: int = 0) -> Identifier | None:
    """The identifier a web address stands for, or None when it names nobody."""
    split = _split(candidate)
    if split is None:
        return None
    host, path, query = split
    if official(host):
        return None
    bare = host.removeprefix("www.")
    if host in _SHIMS and "u" in query and depth == 0:
        return classify(unquote(query["u"][0]), region, depth + 1)
    if bare == "wa.me":
        digits = path.strip("/").split("/")[0]
        return phone.normalise("+" + digits.lstrip("+")) if _DIGITS.fullmatch(digits) else None
    if host in _WHATSAPP and "phone" in query:
        digits = query["phone"][0].strip()
        return phone.normalise("+" + digits.lstrip("+ ")) if _DIGITS.fullmatch(digits.replace(" ", "")) else None
    if bare in ("t.me", "telegram.me"):
        first = path.strip("/").split("/")[0]
        if first.startswith("+"):
            if _DIGITS.fullmatch(first):
                return phone.normalise(first)
            return url.normalise(candidate)  # a group invitation
        if first in ("joinchat", "c", "s"):
            return url.normalise(candidate)
    if bare == "paypal.me" or (bare == "paypal.com" and path.lower().startswith("/paypalme/")):
        name = path.strip("/").split("/")[-1] if bare == "paypal.com" and path.count("/") > 2 else None
        return paypal.normalise(f"paypal.me/{name}") if name else paypal.normalise(
            "paypal.me/" + path.lower().removeprefix("/paypalme").strip("/").split("/")[0])
    if profile.is_platform_host(host):
        if not path.strip("/"):
            return None
        found = profile.normalise(candidate if "://" in candidate else "https://" + candidate)
        # A group, a post, a share link: not an account, still worth keeping as an address.
        return found if found is not None else url.normalise(candidate)
    return url.normalise(candidate)
