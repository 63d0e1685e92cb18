"""One function per step of the plan: each reads the situation and returns its step, or ``None``.

The order of ``STEP_RULES`` is the order of the plan: safety first (crisis, child protection), then
what stops the harm now (money, contact), then what builds the case (evidence, reports).
Every sentence is an English msgid inside ``_()``; its French is in ``guidance.po``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tipline.domain.enums import IdentifierKind, PaymentMethod, Platform
from tipline.guidance import routes as routes_data
from tipline.guidance.models import Route, Step
from tipline.guidance.situation import BANK_METHODS, TRANSFER_METHODS, Situation
from tipline.guidance.texts import METHOD_LABELS, PLATFORM_LABELS, Translator


@dataclass
class Context:
    """What every rule needs besides the situation: the language and which routes may be shown."""

    tr: Translator
    include_unverified: bool
    used_countries: set[str] = field(default_factory=set)

    def select(
        self,
        step: str,
        s: Situation,
        *,
        conditions: Iterable[str] = (),
        platform: str | None = None,
        international: bool = True,
    ) -> list[routes_data.RouteEntry]:
        return routes_data.select(
            step,
            country=s.country,
            minor=s.minor,
            include_unverified=self.include_unverified,
            conditions=conditions,
            platform=platform,
            international=international,
        )

    def show(self, entries: list[routes_data.RouteEntry]) -> list[Route]:
        """The routes as the plan shows them, remembering whose country they came from."""
        self.used_countries.update(e.country for e in entries)
        return [e.to_route(self.tr, self.tr.language) for e in entries]

    def routes(
        self,
        step: str,
        s: Situation,
        *,
        conditions: Iterable[str] = (),
        platform: str | None = None,
        international: bool = True,
    ) -> list[Route]:
        entries = self.select(step, s, conditions=conditions, platform=platform, international=international)
        return self.show(entries)

    def platform(self, p: Platform) -> str:
        return self.tr(PLATFORM_LABELS[p])

    def method(self, m: PaymentMethod) -> str:
        return self.tr(METHOD_LABELS[m])


def crisis(s: Situation, c: Context) -> Step | None:
    """Thoughts of self-harm: the crisis line and the emergency number before anything else."""
    if not s.self_harm:
        return None
    _ = c.tr
    entries = c.select("crisis", s)
    # Without a helpline (unknown country, none verified), the text says what to do anyway.
    has_line = any(not e.emergency for e in entries)
    found = c.show(entries)
    if s.parent:
        title = _("Your child's safety comes first")
        body = (
            _(
                "Do not leave your child alone while they feel this way, and tell them you are not angry. "
                "Call one of these lines together now; if they are in immediate danger, call the emergency "
                "number or go to the nearest emergency department."
            )
            if has_line
            else _(
                "Do not leave your child alone while they feel this way, and tell them you are not angry. "
                "If they are in immediate danger, call the local emergency number or go to the nearest "
                "emergency department now."
            )
        )
        items = [
            _("Stay with them, or make sure another trusted adult does, until the crisis has passed."),
            _("Put medicines, weapons and other dangerous objects out of reach."),
            _("Tell them clearly that nothing in these images changes how much you love them."),
        ]
    else:
        title = _("You are not alone: talk to someone now")
        body = (
            _(
                "You matter more than any image, and this can be survived. Call or text one of these lines "
                "now; if you are in immediate danger, call the emergency number or go to the nearest "
                "emergency department."
            )
            if has_line
            else _(
                "You matter more than any image, and this can be survived. If you are in immediate danger, "
                "call the local emergency number or go to the nearest emergency department now."
            )
        )
        items = [
            _("Do not stay alone: call someone you trust, or ask them to come and be with you."),
            _(
                "You do not have to explain the images to get help. You can simply say: "
                '"I am being blackmailed and I am thinking of ending my life."'
            ),
            _("The panic you feel is what the scammer counts on. It will ease, and there is a way out of this."),
        ]
    return Step(id="crisis", title=title, body=body, items=items, routes=found, urgent=True)


def child_protection(s: Situation, c: Context) -> Step | None:
    """A minor: specialised child-protection services come before everything but a crisis."""
    if not s.minor:
        return None
    _ = c.tr
    found = c.routes("child_protection", s)
    if s.parent:
        title = _("Your child is not in trouble")
        body = _(
            "Your child is the victim of a crime, not the one in trouble. How you react now matters most, "
            "and these services help parents and young people every day, including to get images taken down."
        )
        items = [
            _("Stay calm, and thank your child for telling you: it took courage."),
            _(
                "Do not blame or punish them, and do not take their phone away in anger: young people who "
                "fear that reaction hide the next problem."
            ),
            _(
                "Tell them you will deal with this together, and that the person blackmailing them is "
                "the only one at fault."
            ),
            _("Do not reply to the scammer yourself and do not pay: follow the steps below together."),
            _("Watch for signs of distress in the coming days, and do not leave them alone if they seem very low."),
        ]
    else:
        title = _("You are not in trouble")
        body = _(
            "What is happening to you is a crime committed against you, and it is not your fault. These "
            "services help young people every day and can help get images taken down."
        )
        items = [
            _(
                "Tell an adult you trust: a parent, a relative, a teacher or a school counsellor. They can "
                "help, and you are not the one in trouble."
            ),
            _("You can contact these services even before you have told anyone else."),
        ]
    if not any(r.country == s.country for r in found):
        items.append(
            _(
                "If no child helpline is listed for your country, tell a trusted adult or the police: the "
                "blackmail of a minor is treated as a serious crime."
            )
        )
    return Step(id="child_protection", title=title, body=body, items=items, routes=found, urgent=True)


def money(s: Situation, c: Context) -> Step:
    """``stop_paying`` once money was sent, ``do_not_pay`` otherwise, with the amounts and methods."""
    _ = c.tr
    demanded = _.money(*s.demanded) if s.demanded else None
    items: list[str] = []
    if s.has_paid:
        step_id, title = "stop_paying", _("Stop paying")
        if s.paid:
            paid = _.join([_.money(amount, currency) for currency, amount in s.paid.items()])
            body = _(
                "{paid} has already been paid. Paying again usually brings new demands, not the end: stop now, "
                "it is not too late."
            ).format(paid=paid)
        else:
            body = _(
                "Money has already been paid. Paying again usually brings new demands, not the end: stop now, "
                "it is not too late."
            )
        items.append(
            _(
                "Do not send any more money, even if they promise it is the last payment or that they will "
                "delete everything."
            )
        )
        if demanded and not _covered(s):
            items.append(
                _("They asked for {amount}: do not send anything more, whatever they threaten.").format(amount=demanded)
            )
        items.extend(_payment_items(s, c))
    else:
        step_id, title = "do_not_pay", _("Do not pay")
        body = (
            _(
                "They are demanding {amount}. Paying rarely ends the threats: once scammers know you can pay, "
                "they usually ask for more."
            ).format(amount=demanded)
            if demanded
            else _("Paying rarely ends the threats: once scammers know you can pay, they usually ask for more.")
        )
        if demanded:
            items.append(_("Do not send any of it, not even a part to gain time."))
    if s.deadline:
        items.append(
            _("The deadline they set is a pressure tactic to make you panic: you do not have to act before it.")
        )
    if s.more_images_demanded:
        items.append(_("Do not send more images or videos either: they would only be used to pressure you more."))
    items.append(
        _(
            "Be wary of anyone who offers to get your money back or to delete the images for a fee: it is "
            "often the same scam again."
        )
    )
    return Step(id=step_id, title=title, body=body, items=items, urgent=True)


def _covered(s: Situation) -> bool:
    """The latest demand was paid in full: repeating its amount would only confuse."""
    if s.demanded is None:
        return False
    amount, currency = s.demanded
    return s.paid.get(currency, 0) >= amount


def _payment_items(s: Situation, c: Context) -> list[str]:
    """What to do right away for each way money was sent."""
    _ = c.tr
    items: list[str] = []
    for method in s.methods:
        if method in TRANSFER_METHODS:
            label = c.method(method)
            items.append(
                _(
                    "Keep the {method} receipts and the transfer numbers (MTCN or reference): the police "
                    "will need them."
                ).format(method=label)
            )
            items.append(
                _(
                    "Contact {method} right away with your receipt: if the money has not been collected yet, "
                    "the transfer can sometimes be stopped."
                ).format(method=label)
            )
        elif method == PaymentMethod.gift_card:
            items.append(
                _(
                    "Keep the gift cards and their receipts, and contact the company that issued them right "
                    "away: an unused balance can sometimes be frozen."
                )
            )
        elif method == PaymentMethod.crypto:
            items.append(
                _(
                    "A cryptocurrency payment cannot be cancelled: keep the transaction IDs and the address "
                    "you sent to, for the police."
                )
            )
        elif method in BANK_METHODS:
            items.append(
                _(
                    "Contact your bank or payment service ({method}) right away: report the fraud and ask "
                    "whether the payment can be stopped or recovered."
                ).format(method=c.method(method))
            )
    return items


def stop_contact(s: Situation, c: Context) -> Step:
    _ = c.tr
    named = [c.platform(p) for p in s.platforms if p in PLATFORM_LABELS]
    items = [
        _("After saving the evidence (next step), block them on every app they used: {platforms}.").format(
            platforms=_.join(named)
        )
        if named
        else _("After saving the evidence (next step), block them on every app they used."),
        _(
            "Set your accounts to private and hide your list of friends or followers, so they cannot "
            "reach your contacts."
        ),
        _(
            "If you want to step away, deactivate your accounts temporarily rather than deleting them: "
            "deleting can erase evidence."
        ),
        _("If they reach you again from a new account or number, do not answer: save it and block it too."),
    ]
    return Step(
        id="stop_contact",
        title=_("Stop all contact, but keep the conversation"),
        body=_(
            "Do not reply any more, not even to plead or negotiate: every answer shows them you are afraid. "
            "Do not delete the conversation either, because it is evidence."
        ),
        items=items,
    )


def keep_evidence(s: Situation, c: Context) -> Step:
    """A checklist that names what this report actually involves, so nothing useful is lost."""
    _ = c.tr
    body = (
        _(
            "Take screenshots and write down what you know before blocking anyone: the police and the "
            "platforms will need it. Do not copy, forward or send the intimate images themselves to anyone, "
            "not even to the police: describe them instead."
        )
        if s.minor
        else _(
            "Take screenshots and write down what you know before blocking anyone: the police and the "
            "platforms will need it. You do not need to keep or show the intimate images themselves."
        )
    )
    items = [
        _(
            "Screenshots of the messages, the threats and the demands, with the date, the time and "
            "the sender's name visible."
        )
    ]
    profiles = [c.platform(p) for p in s.platforms if p not in (Platform.email, Platform.sms) and p in PLATFORM_LABELS]
    if profiles:
        items.append(
            _("The web address (URL) of each profile they used and the exact username, on {platforms}.").format(
                platforms=_.join(profiles)
            )
        )
    elif s.has_profiles:
        items.append(_("The web address (URL) of each profile they used and the exact username."))
    if s.named(IdentifierKind.phone, IdentifierKind.whatsapp) or {Platform.whatsapp, Platform.sms} & set(s.platforms):
        items.append(_("The phone numbers they used, in full with the country code."))
    if s.named(IdentifierKind.email) or Platform.email in s.platforms:
        items.append(_("The email addresses they wrote from, and the emails themselves."))
    if s.uses(*TRANSFER_METHODS) or s.named(IdentifierKind.transfer_reference, IdentifierKind.transfer_recipient):
        items.append(
            _(
                "For each money transfer: the receipt, the MTCN or reference number, the amount, the "
                "recipient's name and the country."
            )
        )
    if s.uses(PaymentMethod.crypto) or s.named(IdentifierKind.crypto):
        items.append(_("The crypto addresses and the transaction IDs, with screenshots from the wallet or exchange."))
    if s.uses(PaymentMethod.gift_card) or s.named(IdentifierKind.gift_card):
        items.append(_("The gift card codes and the purchase receipts."))
    if s.uses(*BANK_METHODS) or s.named(IdentifierKind.iban, IdentifierKind.paypal):
        items.append(
            _("The bank account (IBAN), PayPal or mobile money account they gave you, and your payment receipts.")
        )
    if s.images_shared:
        items.append(
            _("The links to every page where the images were posted, without downloading or sharing the images.")
        )
    items.append(_("The dates: first contact, each threat, each payment. A short written timeline helps a lot."))
    items.append(_("Keep copies somewhere safe outside the app, for example on a computer or a USB key."))
    return Step(id="keep_evidence", title=_("Keep the evidence"), body=body, items=items)


def report_profile(s: Situation, c: Context) -> Step:
    """Each named platform's own reporting route; a generic instruction where none was found."""
    _ = c.tr
    items: list[str] = []
    found: list[Route] = []
    for p in s.platforms:
        if p == Platform.email:
            items.append(_("Email: report the message to your email provider as abuse, then block the address."))
        elif p == Platform.sms:
            items.append(
                _("Text messages (SMS): block the number, and report it to your mobile operator if it offers that.")
            )
        elif p in PLATFORM_LABELS:
            pages = c.routes("report_profile", s, platform=p.value)
            new = [r for r in pages if r.id not in {f.id for f in found}]
            found.extend(new)
            text = (
                _(
                    "{platform}: report the account and the threatening messages; the official "
                    "help page is linked below."
                )
                if pages
                else _("{platform}: use the Report option on the profile or in the conversation.")
            )
            item = text.format(platform=c.platform(p))
            items.append(item[:1].upper() + item[1:])  # "a video-chat site: …" starts a line
    if not items:
        items.append(
            _("Use the Report option on the scammer's profile and in the conversation, on every app they used.")
        )
    if s.images_shared:
        items.append(
            _(
                "Report every post where the images appear too, choosing the option for intimate "
                "images shared without consent."
            )
        )
    return Step(
        id="report_profile",
        title=_("Report the accounts to the platforms"),
        body=_(
            "Reporting gets fake accounts closed and protects the other people they target. Threatening to "
            "share intimate images breaks the rules of the major platforms: choose that reason when the "
            "report form offers it."
        ),
        items=items,
        routes=found,
    )


def block_reuploads(s: Situation, c: Context) -> Step | None:
    """Hash-based blocking: Take It Down for images taken before 18, StopNCII.org for adults."""
    if _no_images(s):
        return None
    _ = c.tr
    if s.minor:
        body = _(
            "Take It Down, run by the US National Center for Missing & Exploited Children, turns images taken "
            "before age 18 into digital fingerprints (hashes) on your own device. Partner platforms use them "
            "to find and remove copies, and the images themselves never leave the device."
        )
        items = []
    else:
        body = _(
            "StopNCII.org turns your intimate images into digital fingerprints (hashes) on your own device, "
            "and partner platforms use them to block copies. The images themselves never leave your device "
            "and nobody has to see them."
        )
        items = [_("If some images were taken before you were 18, use Take It Down for those instead.")]
    items.insert(
        0,
        _("This blocks new uploads; report the posts already online to each site as well, so they come down now.")
        if s.images_shared
        else _(
            "It works before anything is posted: if someone tries to upload the images on a partner "
            "platform, they are blocked."
        ),
    )
    items.append(
        _("It only covers partner platforms and copies of the same image, so keep reporting any post you see.")
    )
    items.append(
        _(
            "The tipline report form will also offer to compute these fingerprints on your device, so you "
            "can add them to your report without sending the images."
        )
    )
    return Step(
        id="block_reuploads",
        title=_("Stop the images from spreading"),
        body=body,
        items=items,
        routes=c.routes("block_reuploads", s),
    )


def _no_images(s: Situation) -> bool:
    """Only a bluff with nothing recorded or sent: nothing to fingerprint."""
    return s.images_shared is False and s.nothing_recorded


def tell_someone(s: Situation, c: Context) -> Step:
    _ = c.tr
    reached = s.contacts_reached or s.images_shared is True
    items: list[str] = []
    if s.parent:
        title = _("Get support for yourself too")
        body = _(
            "Finding out is a shock for parents too. Your child may also want to talk to another trusted "
            "adult, such as a relative or a school counsellor: that is normal and it helps."
        )
        if reached:
            items.append(
                _(
                    "If the scammer has contacted relatives or friends, tell them it is a blackmail scam: ask "
                    "them not to reply, not to share anything and to report the account."
                )
            )
    elif reached:
        title = _("Tell the people around you first")
        body = _(
            "They have already contacted people you know or posted images: talk to those people before the "
            "scammer does more. It is the scammer's crime, not your fault, and most people react with "
            "support once they understand it is blackmail."
        )
        items = [
            _(
                "Ask them not to reply, not to open or share anything the scammer sends, and to "
                "report and block the account."
            ),
            _(
                'A short message is enough, for example: "Someone is blackmailing me with private images. '
                "Please don't open or share anything they send you, and block them.\""
            ),
        ]
    else:
        title = _("Tell someone you trust")
        body = _(
            "Shame is what the scammer counts on to keep you isolated. Talking to a friend or relative you "
            "trust makes you less alone and takes away their power."
        )
        items = [
            _(
                "If you fear they will write to your friends or family, you can warn the people closest "
                "to you in advance."
            )
        ]
    return Step(
        id="tell_someone",
        title=title,
        body=body,
        items=items,
        routes=c.routes("tell_someone", s, international=False),
    )


def report_police(s: Situation, c: Context) -> Step:
    """The victim's country's police and hotlines; generic advice where none is known."""
    _ = c.tr
    conditions = ["images_shared"] if s.shared_or_maybe else []
    found = c.routes("report_police", s, conditions=conditions, international=False)
    body = (
        _(
            "The blackmail of a minor is a serious crime, and the young person will not be in trouble for "
            "reporting it. Each report also helps investigators find the scammers' other victims."
        )
        if s.minor
        else _(
            "Sextortion is a crime, even if you agreed to the video call or sent the images yourself. Each "
            "report helps investigators link the scammers to their other victims, even abroad."
        )
    )
    items: list[str] = []
    if not any(r.country == s.country for r in found):
        items.append(
            _(
                "Contact your local police; if they do not know how to help, ask for the unit that handles "
                "cybercrime or online fraud."
            )
        )
    items.append(_("Bring the evidence you saved: screenshots, profile links, usernames and phone numbers."))
    if s.has_paid:
        items.append(
            _(
                "Bring the payment receipts too, and ask for a report or complaint number: your bank or the "
                "transfer company may ask for it."
            )
        )
    if s.destinations:
        items.append(
            _(
                "Tell them the money was sent to {countries}: police services cooperate across borders on these cases."
            ).format(countries=_.join([_.country(code) for code in s.destinations]))
        )
    if s.consent_police:
        items.append(
            _(
                "You agreed that this report may be shared with the police. Filing your own complaint as well "
                "makes sure your case is opened."
            )
        )
    return Step(id="report_police", title=_("Report it to the police"), body=body, items=items, routes=found)


STEP_RULES: tuple[Callable[[Situation, Context], Step | None], ...] = (
    crisis,
    child_protection,
    money,
    stop_contact,
    keep_evidence,
    report_profile,
    block_reuploads,
    tell_someone,
    report_police,
)
