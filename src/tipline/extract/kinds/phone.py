"""Phone numbers, with Google's libphonenumber rules (the ``phonenumbers`` package)."""

from __future__ import annotations

import phonenumbers

from tipline.domain.identifier import Identifier

KIND = "phone"


def normalise(value: str, default_region: str | None = None) -> Identifier | None:
    """E.164 and the number's country; a national writing needs ``default_region``."""
    text = value.strip()
    if text.startswith("00"):  # the international prefix of most of Europe and Africa
        text = "+" + text[2:].lstrip()
    try:
        number = phonenumbers.parse(text, default_region.upper() if default_region else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    display = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return Identifier(KIND, e164, display, phonenumbers.region_code_for_number(number))
