"""Email addresses, validated by ``email-validator`` without any DNS lookup."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email

from tipline.domain.identifier import Identifier
from tipline.extract.model import Context, Mention, mention

KIND = "email"


@lru_cache(maxsize=4096)  # email-validator is the slow part; reports repeat addresses
def normalise(value: str) -> Identifier | None:
    try:
        result = validate_email(value.strip().removeprefix("mailto:"), check_deliverability=False)
    except EmailNotValidError:
        return None
    canonical = result.normalized.lower()
    return Identifier(KIND, canonical, canonical)


# --- finding addresses in free text ----------------------------------------------------------
# Local part and domain with bounded repetitions; the look-behind makes the engine start only at
# the beginning of a run of address characters, so a megabyte of "a.a.a." is read once.
# Found from the "@" (a literal that ``re`` skips to in C): the local part is read backwards, at
# most 64 characters, and the domain forwards with bounded repetitions.
_LOCAL_BACK = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}$")
_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9\-])")
_AT = re.compile("@")
RANK = 90


def candidates(text: str) -> Iterator[tuple[int, int]]:
    """Spans of things shaped like an email address."""
    for at in _AT.finditer(text):
        domain = _DOMAIN.match(text, at.end())
        if domain is None:
            continue
        local = _LOCAL_BACK.search(text, max(0, at.start() - 64), at.start())
        if local is None:
            continue
        start = local.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._%+-@"):
            continue  # a local part longer than 64 characters, or glued to another address
        yield start, domain.end()


# Domains that give no address to the public: a platform's or a company's own ("wrote to
# support@instagram.com"), a government's. An address there is the service's, or forged in a
# header: nobody's to link. (A free mailbox at the same company, gmail.com, outlook.com, is not here.)
_SERVICE_DOMAINS = frozenset({
    "instagram.com", "facebook.com", "facebookmail.com", "fb.com", "meta.com", "snapchat.com", "snap.com",
    "tiktok.com", "bytedance.com", "twitter.com", "x.com", "discord.com", "discordapp.com", "whatsapp.com",
    "telegram.org", "google.com", "youtube.com", "apple.com", "microsoft.com", "linkedin.com", "reddit.com",
    "roblox.com", "tinder.com", "gotinder.com", "bumble.com", "grindr.com", "paypal.com", "westernunion.com",
    "moneygram.com", "riamoneytransfer.com", "amazon.com", "steampowered.com", "valvesoftware.com",
})
_OFFICIAL_SUFFIXES = (".gouv.fr", ".gov", ".gov.uk", ".police.uk", ".gc.ca", ".gouv.qc.ca", ".admin.ch", ".fgov.be",
                      ".belgium.be", ".europa.eu", ".gov.au", ".govt.nz", ".gouv.ci", ".gouv.sn")


def _service(address: str) -> bool:
    domain = address.rpartition("@")[2]
    return domain in _SERVICE_DOMAINS or domain.partition(".")[2] in _SERVICE_DOMAINS or (
        ("." + domain).endswith(_OFFICIAL_SUFFIXES))


def find(text: str, context: Context) -> Iterator[Mention]:
    for start, end in candidates(text):
        found = normalise(text[start:end])
        if found is not None and not _service(found.value):
            yield mention(found, context, text, start, end, rank=RANK)
