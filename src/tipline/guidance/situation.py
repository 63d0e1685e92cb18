"""What the rules need to know about a report, read once from ``ReportIn``.

The rules ask plain questions ("was money paid?", "which platforms?"); answering them here keeps
the rules readable and puts every interpretation of the report's fields in one place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
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
    paid_in_text: bool  # the narrative says money was paid, whether or not it says how much
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
        return bool(self.paid) or self.paid_in_text

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


def read(report: ReportIn, signals: Mapping[str, bool] | None = None,
         money: Iterable[tuple[Decimal, str, str]] = ()) -> Situation:
    """The situation from the form, raised (never lowered) by what extraction read in the texts:
    ``signals`` as in ``tipline.extract.SIGNALS``, ``money`` as (amount, currency, role) with role
    "demanded", "paid" or "unknown". Amounts from the texts count only when the form gives none."""
    signals = signals or {}
    money = list(money)
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for payment in report.payments:
        paid[payment.currency] += payment.amount
    if not report.payments:
        for amount, currency, role in money:
            if role == "paid":
                paid[currency] += amount
    # The latest demand: by date when the reporter dated them, else the last one given.
    dated = [d for d in report.demands if d.demanded_at is not None]
    latest = max(dated, key=lambda d: d.demanded_at) if dated else (report.demands or [None])[-1]
    demanded = (latest.amount, latest.currency) if latest else None
    if demanded is None:
        demanded = next(((a, c) for a, c, role in reversed(money) if role == "demanded"), None)
    incident = report.incident
    images_shared = _tristate(incident.images_already_shared)
    return Situation(
        country=report.victim.country,
        minor=_is_minor(report) or signals.get("minor", False),
        parent=report.reporter_role == ReporterRole.parent_guardian,
        self_harm=report.self_harm or signals.get("self_harm", False),
        paid=dict(paid),
        paid_in_text=signals.get("paid", False),
        demanded=demanded,
        methods=tuple(dict.fromkeys(p.method for p in report.payments if p.method)),
        destinations=tuple(dict.fromkeys(p.destination_country for p in report.payments if p.destination_country)),
        deadline=incident.deadline is not None or signals.get("deadline", False),
        more_images_demanded=incident.more_images_demanded is True or signals.get("more_images_demanded", False),
        images_shared=True if signals.get("images_shared") else images_shared,
        contacts_reached=incident.friends_or_family_contacted is True or signals.get("friends_contacted", False),
        nothing_recorded=incident.recorded_on_webcam is False and incident.images_sent is False,
        platforms=_platforms(report),
        kinds=frozenset(i.kind for i in report.scammer_identifiers),
        consent_police=report.contact.consent_share_with_police,
    )
