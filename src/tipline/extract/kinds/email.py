"""Email addresses, validated by ``email-validator`` without any DNS lookup."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from tipline.domain.identifier import Identifier

KIND = "email"


def normalise(value: str) -> Identifier | None:
    try:
        result = validate_email(value.strip().removeprefix("mailto:"), check_deliverability=False)
    except EmailNotValidError:
        return None
    canonical = result.normalized.lower()
    return Identifier(KIND, canonical, canonical)
