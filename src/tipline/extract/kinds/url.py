"""Other web addresses (a fake site, a payment page): scheme and host lower-cased, no fragment."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from tipline.domain.identifier import Identifier

KIND = "url"


def normalise(value: str) -> Identifier | None:
    text = value.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme.lower() not in ("http", "https") or "." not in host:
        return None
    canonical = urlunsplit((parts.scheme.lower(), host, parts.path.rstrip("/"), parts.query, ""))
    return Identifier(KIND, canonical, canonical)
