"""What the rules need to know about a report, read once from ``ReportIn``.

The rules ask plain questions ("was money paid?", "which platforms?"); answering them here keeps
the rules readable and puts every interpretation of the report's fields in one place.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from tipline.domain.enums import AgeBand, IdentifierKind, PaymentMethod, Platform, ReporterRole
from tipline.domain.report import ReportIn

# Identifier kinds that name the platform they belong to.
_KIND_PLATFORM: dict[IdentifierKind, Platform] = {
    IdentifierKind.facebook: Platform.facebook,
    IdentifierKind.instagram: Platform.instagram,
    IdentifierKind.snapchat: Platform.snapchat,
    IdentifierKind.tiktok: Platform.tiktok,
    IdentifierKind.x: Platform.x,
    IdentifierKind.skype: Platform.skype,
    IdentifierKind.whatsapp: Platform.whatsapp,
    IdentifierKind.telegram: Platform.telegram,
    IdentifierKind.discord: Platform.discord,
    IdentifierKind.kik: Platform.kik,
}
_PROFILE_KINDS = frozenset({IdentifierKind.profile_url, IdentifierKind.handle, *_KIND_PLATFORM})
# Money sent through an agent, identified by an MTCN or reference number and a named recipient.
TRANSFER_METHODS = frozenset(
    {PaymentMethod.western_union, PaymentMethod.moneygram, PaymentMethod.ria, PaymentMethod.worldremit}
)
BANK_METHODS = frozenset({PaymentMethod.bank_transfer, PaymentMethod.paypal, PaymentMethod.mobile_money})


@dataclass(frozen=True, slots=True)
class Situation:
    country: str | None
    minor: bool
    parent: bool
    self_harm: bool
    paid: dict[str, Decimal]  # currency -> total paid
    demanded: tuple[Decimal, str] | None  # the latest demand
    methods: tuple[PaymentMethod, ...]  # payment methods used, first-used first
    destinations: tuple[str, ...]  # countries the money was sent to
    deadline: bool
    more_images_demanded: bool
    images_shared: bool | None  # True, False, or None when unknown
    contacts_reached: bool  # friends or family already contacted
    nothing_recorded: bool  # the reporter says no webcam recording and no image sent: perhaps a bluff
    platforms: tuple[Platform, ...]
    kinds: frozenset[IdentifierKind]
    consent_police: bool

    @property
    def has_paid(self) -> bool:
        return bool(self.paid)

    @property
    def has_profiles(self) -> bool:
        return bool(self.platforms) or bool(self.kinds & _PROFILE_KINDS)

    @property
    def shared_or_maybe(self) -> bool:
        """Images posted, or the reporter cannot tell: the conditions under which Pharos and co. apply."""
        return self.images_shared is not False

    def uses(self, *methods: PaymentMethod) -> bool:
        return any(m in self.methods for m in methods)

    def named(self, *kinds: IdentifierKind) -> bool:
        return any(k in self.kinds for k in kinds)


def _is_minor(report: ReportIn) -> bool:
    """A minor by age, or a parent reporting without saying the age: protect the child by default."""
    if report.involves_minor:
        return True
    victim = report.victim
    age_unknown = victim.age is None and victim.age_band in (None, AgeBand.unknown)
    return report.reporter_role == ReporterRole.parent_guardian and age_unknown


def _platforms(report: ReportIn) -> tuple[Platform, ...]:
    """Every platform the report names, first contact first, without duplicates."""
    found: list[Platform] = []
    incident = report.incident
    if incident.platform_first_contact:
        found.append(incident.platform_first_contact)
    found.extend(incident.platforms_moved_to)
    for ident in report.scammer_identifiers:
        if ident.platform:
            found.append(ident.platform)
        if ident.kind in _KIND_PLATFORM:
            found.append(_KIND_PLATFORM[ident.kind])
    return tuple(dict.fromkeys(found))


def _tristate(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def read(report: ReportIn) -> Situation:
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for payment in report.payments:
        paid[payment.currency] += payment.amount
    # The latest demand: by date when the reporter dated them, else the last one given.
    dated = [d for d in report.demands if d.demanded_at is not None]
    latest = max(dated, key=lambda d: d.demanded_at) if dated else (report.demands or [None])[-1]
    incident = report.incident
    return Situation(
        country=report.victim.country,
        minor=_is_minor(report),
        parent=report.reporter_role == ReporterRole.parent_guardian,
        self_harm=report.self_harm,
        paid=dict(paid),
        demanded=(latest.amount, latest.currency) if latest else None,
        methods=tuple(dict.fromkeys(p.method for p in report.payments if p.method)),
        destinations=tuple(dict.fromkeys(p.destination_country for p in report.payments if p.destination_country)),
        deadline=incident.deadline is not None,
        more_images_demanded=incident.more_images_demanded is True,
        images_shared=_tristate(incident.images_already_shared),
        contacts_reached=incident.friends_or_family_contacted is True,
        nothing_recorded=incident.recorded_on_webcam is False and incident.images_sent is False,
        platforms=_platforms(report),
        kinds=frozenset(i.kind for i in report.scammer_identifiers),
        consent_police=report.contact.consent_share_with_police,
    )
