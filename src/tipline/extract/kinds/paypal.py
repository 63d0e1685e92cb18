"""PayPal accounts: a paypal.me link or the account's email address."""

from __future__ import annotations

import re

from tipline.domain.identifier import Identifier
from tipline.extract.kinds import email

KIND = "paypal"
_ME = re.compile(r"(?i)^(?:https?://)?(?:www\.)?paypal\.me/([a-z0-9._\-]{1,64})/?")


def normalise(value: str) -> Identifier | None:
    text = value.strip()
    link = _ME.match(text)
    if link:
        name = link.group(1).lower()
        return Identifier(KIND, f"me:{name}", f"paypal.me/{name}")
    found = email.normalise(text.removeprefix("paypal:").strip())
    if found is None:
        return None
    return Identifier(KIND, f"email:{found.value}", found.display)
