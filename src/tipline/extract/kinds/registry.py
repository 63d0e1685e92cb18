"""Routes an identifier typed in a form (or an API body) to its kind's plug-in."""

from __future__ import annotations

from tipline.domain.enums import IdentifierKind
from tipline.domain.identifier import Identifier
from tipline.domain.report import Payment, ScammerIdentifier
from tipline.extract.kinds import (
    crypto,
    email,
    gift_card,
    iban,
    money_transfer,
    paypal,
    phone,
    profile,
    url,
)

# Form kinds that name a platform: a handle on that platform.
_PLATFORM_KINDS = {
    IdentifierKind.facebook, IdentifierKind.instagram, IdentifierKind.snapchat, IdentifierKind.tiktok,
    IdentifierKind.x, IdentifierKind.skype, IdentifierKind.telegram, IdentifierKind.discord,
    IdentifierKind.kik,
}


def normalise_form_identifier(item: ScammerIdentifier, default_region: str | None) -> Identifier | None:
    """The canonical identifier, or None when the value is not valid for the kind it was given as.

    A WhatsApp account is its phone number. A value given as ``other`` is tried as each kind in
    turn, most specific first, so that "+225…" or "x@y.z" typed in a free field is still found.
    """
    kind, value = item.kind, item.value
    match kind:
        case IdentifierKind.phone | IdentifierKind.whatsapp:
            return phone.normalise(value, default_region) or (
                profile.normalise(value, "whatsapp") if kind == IdentifierKind.whatsapp else None
            )
        case IdentifierKind.email:
            return email.normalise(value)
        case IdentifierKind.profile_url:
            return profile.normalise(value, item.platform)
        case IdentifierKind.handle:
            return profile.normalise(value, item.platform.value if item.platform else None)
        case k if k in _PLATFORM_KINDS:
            return profile.normalise(value, k.value)
        case IdentifierKind.transfer_reference:
            return money_transfer.normalise_reference(value)
        case IdentifierKind.transfer_recipient:
            return money_transfer.normalise_recipient(value)
        case IdentifierKind.crypto:
            return crypto.normalise(value)
        case IdentifierKind.iban:
            return iban.normalise(value)
        case IdentifierKind.paypal:
            return paypal.normalise(value)
        case IdentifierKind.gift_card:
            return gift_card.normalise(value)
        case IdentifierKind.url:
            return profile.normalise(value) or url.normalise(value)
        case _:
            return _guess(value, default_region)


def _guess(value: str, default_region: str | None) -> Identifier | None:
    for attempt in (
        lambda: email.normalise(value) if "@" in value.strip("@") else None,
        lambda: iban.normalise(value),
        lambda: crypto.normalise(value),
        lambda: phone.normalise(value, default_region),
        lambda: profile.normalise(value) if "/" in value else None,
        lambda: url.normalise(value) if "/" in value or "." in value else None,
    ):
        found = attempt()
        if found is not None:
            return found
    return None


def payment_identifiers(payment: Payment) -> list[Identifier]:
    """The identifiers a payment names: its reference and its recipient."""
    found: list[Identifier] = []
    method = payment.method.value if payment.method else None
    if payment.reference:
        ref = money_transfer.normalise_reference(payment.reference, method)
        if ref is not None:
            found.append(ref)
    if payment.recipient_name:
        recipient = money_transfer.normalise_recipient(payment.recipient_name, payment.destination_country)
        if recipient is not None:
            found.append(recipient)
    return found
