"""PayPal accounts: a paypal.me link or the account's email address."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tipline.domain.identifier import Identifier
from tipline.extract.kinds import email
from tipline.extract.model import Context, Mention, mention

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


# --- finding PayPal accounts in free text -----------------------------------------------------
# paypal.me links come from the URL finder; here, an email address given as a PayPal account
# ("paypal: x@y.com", "sur son paypal x@y.com"). The address is also an email identifier: the
# resolver keeps both, since the same address may be a contact elsewhere.
_CUE = re.compile(r"pay(?<![\w.]pay)\s?pal(?![\w.])")  # literal first: skipped to in C
_EMAIL_AFTER = re.compile(
    r"[^\n@]{0,40}?(?<![A-Za-z0-9._%+\-])(?P<email>[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24})(?![A-Za-z0-9\-])"
)
RANK = 90


def find(text: str, context: Context) -> Iterator[Mention]:
    folded = context.folded or text.lower()
    for cue in _CUE.finditer(folded):
        after = _EMAIL_AFTER.match(text, cue.end(), min(len(text), cue.end() + 160))
        if after is None:
            continue
        found = normalise(after.group("email"))
        if found is not None:
            yield mention(found, context, text, *after.span("email"), rank=RANK)
