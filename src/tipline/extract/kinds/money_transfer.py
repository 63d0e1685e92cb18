"""Money-transfer references (Western Union MTCN, MoneyGram, Ria…) and recipients' names."""

from __future__ import annotations

import re
import unicodedata

from tipline.domain.identifier import Identifier

REFERENCE = "transfer_reference"
RECIPIENT = "transfer_recipient"

# Operators' published reference formats: a Western Union MTCN has 10 digits, a MoneyGram
# reference 8; Ria and others use letters and digits, kept as written without separators.
_SEPARATORS = re.compile(r"[\s\-./]+")
_REFERENCE_RE = re.compile(r"[A-Z0-9]{6,20}")


def normalise_reference(value: str, method: str | None = None) -> Identifier | None:
    compact = _SEPARATORS.sub("", value.strip().upper())
    if not _REFERENCE_RE.fullmatch(compact):
        return None
    if method == "western_union" and not (compact.isdigit() and len(compact) == 10):
        return None
    if method == "moneygram" and not (compact.isdigit() and len(compact) == 8):
        return None
    prefix = {"western_union": "wu", "moneygram": "mg"}.get(method or "", "ref")
    return Identifier(REFERENCE, f"{prefix}:{compact}", compact)


def name_key(name: str) -> str:
    """Accents, case, punctuation and word order removed: "KOUASSI Serge Yao" = "Kouassi Yao Serge"."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", letters)
    return " ".join(sorted(words))


def normalise_recipient(value: str, country: str | None = None) -> Identifier | None:
    """The normalised name, with the destination country when known (the same name in two
    countries is not the same recipient)."""
    key = name_key(value)
    if len(key.replace(" ", "")) < 3:
        return None
    shown = " ".join(value.split())
    return Identifier(RECIPIENT, f"{country or '??'}:{key}", shown, country)
