"""A scammer's identifier in canonical form."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Identifier:
    """``kind`` is one of the canonical kinds (phone, email, profile, transfer_reference,
    transfer_recipient, crypto, iban, paypal, gift_card, url, picture); ``value`` is the normalised form
    that linking compares; ``display`` is how to show it to a person."""

    kind: str
    value: str
    display: str
    country: str | None = None
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Found:
    """An identifier as found in a report: where (form, narrative, chat…), as written, how surely."""

    identifier: Identifier
    source: str
    raw: str | None = None
    confidence: float = 1.0


#: The kind of a profile picture's PDQ hash; its value is ``pdq:`` and 64 lower-case hex digits.
PICTURE = "picture"
PICTURE_PREFIX = "pdq:"


def picture(pdq_hex: str) -> Identifier:
    """A profile picture as an identifier, from its validated PDQ hash (``ReportIn`` checks it)."""
    return Identifier(PICTURE, PICTURE_PREFIX + pdq_hex.lower(), pdq_hex.lower())
