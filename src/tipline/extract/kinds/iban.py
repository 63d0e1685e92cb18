"""International bank account numbers, checked with ISO 13616's mod-97."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pycountry

from tipline.domain.identifier import Identifier
from tipline.extract.model import Context, Mention, NearMiss, mention

KIND = "iban"
_IBAN_RE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}")


def normalise(value: str) -> Identifier | None:
    compact = re.sub(r"[\s\-]", "", value.upper().removeprefix("IBAN").strip(" :"))
    if not _IBAN_RE.fullmatch(compact) or pycountry.countries.get(alpha_2=compact[:2]) is None:
        return None
    digits = "".join(str(int(c, 36)) for c in compact[4:] + compact[:4])
    if int(digits) % 97 != 1:
        return None
    grouped = " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))
    return Identifier(KIND, compact, grouped, compact[:2])


# --- finding IBANs in free text -------------------------------------------------------------
# Two letters, two check digits, then groups of four (spaces or dashes optional) and a last
# short group: each repetition is fixed-width, so a failed match backtracks a bounded amount.
_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}[ \-]?(?:[A-Za-z0-9]{4}[ \-]?){2,8}[A-Za-z0-9]{0,4}(?![A-Za-z0-9])"
)
RANK = 95


def candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, country) of each valid IBAN, and (start, end, "") of each shape that fails."""
    for match in _CANDIDATE.finditer(text):
        raw = match.group()
        valid = None
        # Shorter and shorter at group boundaries: "BE68 5390 0754 7034 SVP" → drop "SVP".
        for cut in [len(raw), *[m.start() for m in re.finditer(r"[ \-]", raw)][::-1]]:
            piece = raw[:cut].rstrip(" -")
            if len(re.sub(r"[ \-]", "", piece)) < 15:
                break
            if normalise(piece) is not None:
                valid = piece
                break
        if valid is not None:
            yield match.start(), match.start() + len(valid), valid[:2].upper()
        else:
            yield match.start(), match.end(), ""


def find(text: str, context: Context, near_misses: list[NearMiss] | None = None) -> Iterator[Mention]:
    """IBANs, compact or grouped; the longest prefix that passes mod-97 (a word may follow)."""
    for start, end, country in candidates(text):
        if country:
            found = normalise(text[start:end])
            if found is not None:
                yield mention(found, context, text, start, end, rank=RANK)
            continue
        raw = text[start:end]
        if near_misses is not None and raw[:2].isalpha() and raw[:2].isupper() \
                and len(raw) >= 18 and pycountry.countries.get(alpha_2=raw[:2]) is not None:
            near_misses.append(NearMiss(KIND, raw, "mod-97 check failed", (start, end), context.source))
