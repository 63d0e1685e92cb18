"""Gift and prepaid cards (Steam, Google Play, Apple, Amazon, Transcash, PCS, Neosurf) and codes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tipline.domain.identifier import Identifier
from tipline.extract.model import Context, Mention, mention
from tipline.extract.patterns import scan, trie_pattern

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


# --- finding cards and codes in free text -----------------------------------------------------
# A code is read only near a brand or a card word: after "Steam", "PCS", "carte cadeau", "code"…
# Codes are the issuers' shapes: letters and digits in capitals (8–25 characters, often in
# groups: XXXXX-XXXXX-XXXXX for Steam, XXXX-XXXXXX-XXXX for Amazon), or 12 to 19 digits
# (Paysafecard, Transcash). Lower-case words and amounts never qualify.
_BRAND_WORDS: dict[str, str] = {
    "steam": "steam", "google play": "google_play", "googleplay": "google_play", "google": "google_play",
    "play store": "google_play", "itunes": "apple", "apple": "apple", "app store": "apple", "amazon": "amazon",
    "transcash": "transcash", "pcs": "pcs", "neosurf": "neosurf", "paysafecard": "paysafecard",
    "paysafe": "paysafecard", "carte cadeau": "unknown", "cartes cadeaux": "unknown", "gift card": "unknown",
    "gift cards": "unknown", "coupon": "unknown", "coupons": "unknown", "recharge": "unknown", "recharges": "unknown",
    "ticket": "unknown", "tickets": "unknown",
}
_BRAND_RE = re.compile(r"(?<![\w])(?:" + trie_pattern(_BRAND_WORDS) + r")(?![\w])")
CUE_WORDS = {"gift_card": tuple(_BRAND_WORDS)}  # ``extract.cues``
_CODE_RE = re.compile(r"(?<![A-Za-z0-9\-])[A-Z0-9]{3,20}(?:[ \-][A-Z0-9]{3,8}){0,5}(?![A-Za-z0-9])")
RANK = 70
# Amazon order numbers ("commande n° 402-8837261-5529013", "order #702-…") are not card codes.
_ORDER_NUMBER = re.compile(r"\d{3}-\d{7}-\d{7}")
_ORDER_CUE = re.compile(
    r"(?:commande|order|facture|invoice|suivi|tracking)\W{0,4}(?:(?:n°|no|num(?:ero)?|number|nr|#|de|du)\W{0,3}){0,2}$"
)


def _code_ok(code: str) -> bool:
    compact = re.sub(r"[ \-]", "", code)
    if compact.isdigit():
        return 12 <= len(compact) <= 19
    return 8 <= len(compact) <= 25 and any(c.isdigit() for c in compact) and sum(c.isalpha() for c in compact) >= 2


def find(text: str, context: Context) -> Iterator[Mention]:
    folded = context.folded or text.lower()
    brands = [(m.start(), m.end(), _BRAND_WORDS[m.group()])
              for m in scan(_BRAND_RE, folded, context.windows("gift_card"))]
    used: set[int] = set()
    last_named: tuple[int, str] | None = None  # (end, brand) of the last real brand seen
    for index, (start, end, brand) in enumerate(brands):
        if brand == "unknown":  # a card word: take the brand named just before it, if any
            if last_named is not None and start - last_named[0] < 40:
                brand = last_named[1]
        else:
            last_named = (end, brand)
        limit = min(end + 200, len(text))
        for b_start, _, b_brand in brands[index + 1:index + 12]:
            if b_start >= limit:
                break
            if b_brand not in ("unknown", brand):
                limit = b_start
                break
        for code in _CODE_RE.finditer(text, end, limit):
            if code.start() in used or not _code_ok(code.group()) or _ORDER_NUMBER.fullmatch(code.group()) or (
                    _ORDER_CUE.search(folded, max(0, code.start() - 25), code.start())):
                continue
            compact = re.sub(r"[ \-]", "", code.group())
            used.add(code.start())
            identifier = Identifier(KIND, f"{brand}:{compact}", f"{brand} {compact}")
            yield mention(identifier, context, text, *code.span(), rank=RANK,
                          confidence=0.9 if brand != "unknown" else 0.6)
