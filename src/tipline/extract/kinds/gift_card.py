"""Gift and prepaid cards (Steam, Google Play, Apple, Amazon, Transcash, PCS, Neosurf) and codes."""

from __future__ import annotations

import re

from tipline.domain.identifier import Identifier

KIND = "gift_card"
BRANDS: dict[str, str] = {
    "steam": "steam", "google play": "google_play", "googleplay": "google_play", "google": "google_play",
    "itunes": "apple", "apple": "apple", "amazon": "amazon", "transcash": "transcash",
    "pcs": "pcs", "neosurf": "neosurf", "paysafecard": "paysafecard", "paysafe": "paysafecard",
}
_CODE = re.compile(r"[A-Z0-9]{8,30}")


def normalise(value: str) -> Identifier | None:
    """``brand:CODE`` when a code is given; a brand alone is not an identifier (it links nobody)."""
    text = value.strip()
    lowered = text.lower()
    brand = next((b for key, b in BRANDS.items() if key in lowered), "unknown")
    code = re.sub(r"[\s\-]", "", re.sub(r"(?i)" + "|".join(map(re.escape, BRANDS)), "", text)).upper()
    code = code.strip(":")
    if not _CODE.fullmatch(code):
        return None
    return Identifier(KIND, f"{brand}:{code}", f"{brand} {code}")
