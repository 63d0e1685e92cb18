"""Identifiers from a report's structured fields: what the reporter typed as the scammer's."""

from __future__ import annotations

from collections.abc import Iterable

from tipline.domain.enums import LinkSource
from tipline.domain.identifier import Found, picture
from tipline.domain.report import Payment, ScammerIdentifier
from tipline.extract.kinds.registry import normalise_form_identifier, payment_identifiers


def form_identifiers(identifiers: Iterable[ScammerIdentifier], payments: Iterable[Payment],
                     default_region: str | None, source: str = LinkSource.form,
                     pictures: Iterable[str] = ()) -> list[Found]:
    """Canonical identifiers from the form's identifier list, payment details and profile
    pictures' PDQ hashes (validated by ``ReportIn``).

    A value that is not valid for its kind (a phone number that cannot exist) is not linked, but
    stays in the stored report as the reporter wrote it.
    """
    found: list[Found] = []
    for item in identifiers:
        identifier = normalise_form_identifier(item, default_region)
        if identifier is not None:
            found.append(Found(identifier, source, raw=item.value))
    for payment in payments:
        for identifier in payment_identifiers(payment):
            found.append(Found(identifier, source, raw=identifier.display))
    for pdq in pictures:
        identifier = picture(pdq)
        found.append(Found(identifier, source, raw=identifier.display))
    return found
