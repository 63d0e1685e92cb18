"""International bank account numbers, checked with ISO 13616's mod-97."""

from __future__ import annotations

import re

import pycountry

from tipline.domain.identifier import Identifier

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
