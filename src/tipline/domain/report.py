"""The report interchange format (API body, JSON-lines import, export), as pydantic models.

The shape is that of ``shared/examples/report.json``: fields may be added, never renamed. Every
validator raises a message meant for the person who sent the value, and pydantic reports it with
the field's path, which the API turns into an RFC 9457 problem with field-level details.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)

from tipline.domain.enums import (
    AgeBand,
    Gender,
    IdentifierKind,
    PaymentMethod,
    Platform,
    ReporterRole,
    Source,
)

# Clocks disagree; a payment "in the future" by less than this is a clock, not an error.
CLOCK_SKEW = timedelta(minutes=10)
MAX_TEXT = 1_000_000  # the body limit bounds it anyway; this keeps the import path honest too
MAX_AMOUNT = Decimal("1000000000000")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")


def _country(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be an ISO 3166-1 alpha-2 country code such as 'CA' or 'CI'")
    code = value.strip().upper()
    if code == "UK":  # reserved by ISO for the United Kingdom and written by many people
        code = "GB"
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code (e.g. 'CA', 'FR', 'CI')")
    return code


def _currency(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be an ISO 4217 currency code such as 'CAD' or 'XOF'")
    code = value.strip().upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise ValueError(f"'{value}' is not an ISO 4217 currency code (e.g. 'CAD', 'EUR', 'XOF')")
    return code


def _language(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be an ISO 639-1 language code such as 'fr' or 'en'")
    code = value.strip().lower()
    if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
        raise ValueError(f"'{value}' is not an ISO 639-1 language code (e.g. 'fr', 'en')")
    return code


def _amount(value: Any) -> Decimal:
    # bool is an int in Python; a JSON true is not an amount.
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise ValueError("must be a decimal amount written as a string, e.g. \"800\" or \"49.99\"")
    text = str(value).strip()
    if isinstance(value, str) and "," in text:
        # "49,99" is a decimal comma; "1,500" could be 1.5 or 1500, so it is refused, not guessed.
        if not _DECIMAL_COMMA.fullmatch(text):
            raise ValueError(f"'{value}' is ambiguous; write the amount without thousands separators")
        text = text.replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"'{value}' is not an amount; write digits with at most one decimal point") from None
    if not amount.is_finite():
        raise ValueError("must be a finite amount")
    if amount <= 0:
        raise ValueError("must be greater than zero")
    if amount > MAX_AMOUNT:
        raise ValueError("is implausibly large")
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError("has more than two decimal places")
    return amount


def _utc(value: datetime) -> datetime:
    """Naive datetimes are taken as UTC (the convention); aware ones are converted to UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _past(value: datetime) -> datetime:
    value = _utc(value)
    if value > datetime.now(UTC) + CLOCK_SKEW:
        raise ValueError("is in the future; this event has already happened")
    return value


def _clean_text(value: Any) -> Any:
    if isinstance(value, str):
        value = value.replace("\x00", "").strip()  # NUL cannot be stored by PostgreSQL
        return value or None
    return value


Country = Annotated[str, BeforeValidator(_country)]
Currency = Annotated[str, BeforeValidator(_currency)]
Language = Annotated[str, BeforeValidator(_language)]
Amount = Annotated[Decimal, BeforeValidator(_amount), PlainSerializer(lambda d: str(d), return_type=str)]
UtcDatetime = Annotated[datetime, AfterValidator(_utc)]
PastDatetime = Annotated[datetime, AfterValidator(_past)]
# The length bound applies to the text; an empty text becomes None (not given) before it.
Text = Annotated[Annotated[str, Field(max_length=MAX_TEXT)] | None, BeforeValidator(_clean_text)]
ShortText = Annotated[Annotated[str, Field(max_length=500)] | None, BeforeValidator(_clean_text)]
# Some things a reporter cannot know: whether images were shared, for instance.
Tristate = bool | Literal["unknown"] | None


class Model(BaseModel):
    """Unknown fields are refused so that a typo in a partner's export is seen, not dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Victim(Model):
    age_band: AgeBand | None = None
    age: int | None = Field(default=None, ge=5, le=120, description="When the reporter gives an exact age.")
    gender: Gender | None = None
    country: Country | None = None

    @property
    def is_minor(self) -> bool:
        if self.age is not None:
            return self.age < 18
        return bool(self.age_band and self.age_band.is_minor)


class Contact(Model):
    email: ShortText = None
    phone: ShortText = None
    consent_contact: bool = False
    consent_share_with_police: bool = False


def _pdq(value: Any) -> Any:
    """A PDQ hash as 64 hexadecimal digits, lower-cased (the hash-to-block feature's parsing)."""
    if not isinstance(value, str):
        return value
    from tipline.hashing.signals import PdqSignal  # the hashing package loads faiss: only when needed

    return PdqSignal.validate(value)  # InvalidHash is a ValueError: pydantic reports it with the field


PdqHash = Annotated[str, BeforeValidator(_pdq)]
MAX_PICTURES = 20


class Incident(Model):
    first_contact_at: PastDatetime | None = None
    platform_first_contact: Platform | None = None
    platforms_moved_to: list[Platform] = Field(default_factory=list, max_length=30)
    scammer_persona: ShortText = None
    recorded_on_webcam: Tristate = None
    images_sent: Tristate = None
    images_already_shared: Tristate = None
    friends_or_family_contacted: Tristate = None
    more_images_demanded: Tristate = None
    deadline: UtcDatetime | None = None
    profile_pictures: list[PdqHash] = Field(
        default_factory=list, max_length=MAX_PICTURES,
        description="PDQ hashes (64 hexadecimal digits) of the scammer's profile pictures, computed on the "
                    "reporter's own device from a screenshot: the image never leaves the device, only its hash "
                    "is sent. Near-identical pictures link reports (stolen photos are reused across fake profiles).")


class Demand(Model):
    amount: Amount
    currency: Currency
    demanded_at: PastDatetime | None = None


class Payment(Model):
    amount: Amount
    currency: Currency
    method: PaymentMethod | None = None
    destination_country: Country | None = None
    recipient_name: ShortText = None
    reference: ShortText = None
    paid_at: PastDatetime | None = None


class ScammerIdentifier(Model):
    kind: IdentifierKind
    value: Annotated[str, BeforeValidator(_clean_text), Field(min_length=1, max_length=500)]
    platform: Platform | None = None


class Wellbeing(Model):
    thoughts_of_self_harm: Tristate = None
    feels_safe: Tristate = None


class ReportIn(Model):
    """A report as a reporter, a partner or an import gives it."""

    external_id: ShortText = None
    received_at: PastDatetime | None = None
    source: Source | None = None
    language: Language | None = None
    reporter_role: ReporterRole | None = None
    victim: Victim = Field(default_factory=Victim)
    contact: Contact = Field(default_factory=Contact)
    incident: Incident = Field(default_factory=Incident)
    demands: list[Demand] = Field(default_factory=list, max_length=50)
    payments: list[Payment] = Field(default_factory=list, max_length=100)
    scammer_identifiers: list[ScammerIdentifier] = Field(default_factory=list, max_length=200)
    narrative: Text = None
    chat_log: Text = None
    wellbeing: Wellbeing = Field(default_factory=Wellbeing)

    @model_validator(mode="after")
    def _something_to_act_on(self) -> ReportIn:
        if not self.narrative and not self.scammer_identifiers and not self.incident.profile_pictures:
            raise ValueError(
                "a report needs at least a narrative (what happened), one scammer identifier "
                "or a profile picture's hash"
            )
        return self

    @property
    def involves_minor(self) -> bool:
        return self.victim.is_minor

    @property
    def self_harm(self) -> bool:
        return self.wellbeing.thoughts_of_self_harm is True


class FollowUpContent(Model):
    """What a follow-up adds to a report (as stored: without the token)."""

    text: Text = None
    scammer_identifiers: list[ScammerIdentifier] = Field(default_factory=list, max_length=200)
    demands: list[Demand] = Field(default_factory=list, max_length=50)
    payments: list[Payment] = Field(default_factory=list, max_length=100)
    wellbeing: Wellbeing | None = None

    @model_validator(mode="after")
    def _adds_something(self) -> FollowUpContent:
        if not (self.text or self.scammer_identifiers or self.demands or self.payments or self.wellbeing):
            raise ValueError("a follow-up must add text, an identifier, a demand, a payment or wellbeing")
        return self


class FollowUpIn(FollowUpContent):
    """Information a reporter adds later with their reference code and follow-up token."""

    token: Annotated[str, Field(min_length=1, max_length=200)]
